"""Who speaks in a paragraph: named, implied by a pronoun, or a transcript turn."""

from __future__ import annotations

import pytest

from bot.attribution import attribute, names_another, names_only_another
from bot.models import Block


def speakers(*texts: str) -> list[str | None]:
    blocks = [Block(t, f"¶{n}") for n, t in enumerate(texts, 1)]
    return [b.speaker for b in attribute(blocks)]


def test_said_name_and_name_said_with_an_appositive() -> None:
    assert speakers(
        "“We must act,” said Chen Jiachang, vice minister of science and technology.",
        "Hazami Habib, vice chair of the Partnership on Science, Technology and Innovation, "
        "said so.",
    ) == ["Chen Jiachang", "Hazami Habib"]


def test_names_with_accented_capitals() -> None:
    assert speakers(
        "“We will fund it,” said Élodie Durand, director of the fund.",
        "Siobhán Ní Bhriain, chair of the board, said the works would start in May.",
        "“It is late,” said Łukasz Nowak.",
    ) == ["Élodie Durand", "Siobhán Ní Bhriain", "Łukasz Nowak"]


def test_pronouns_carry_the_previous_speaker_and_short_names_resolve() -> None:
    assert speakers(
        "Dr Hwanil Park, chair of PPSTI, emphasised the need for outcomes.",
        "“We must deliver,” Dr Park said.",
        "“And measure it,” he added.",
        "The meeting reviewed projects.",
        "“Nothing here,” she said.",
    ) == ["Dr Hwanil Park", "Dr Hwanil Park", "Dr Hwanil Park", None, None]


def test_a_pronoun_does_not_carry_the_last_speaker_past_a_person_the_paragraph_opens_with() -> None:
    assert speakers(
        "Mr Llewellyn said his team had received 17 complaints.",
        "Mrs Celia Wragg, a resident of Ropewalk Court, spoke on behalf of 31 residents. "
        "“I have not slept,” she told the panel.",
        "Gareth Lowe, the planning officer, went through the report. He said it was late.",
        "“It will be ready in May,” he added.",
    ) == ["Mr Llewellyn", "Mrs Celia Wragg", None, None]


def test_a_pronoun_is_the_last_titled_person_named_before_it() -> None:
    assert speakers(
        "Ms Rourke presented the rent review. She explained the costs.",
        "With the Chair's permission, Mr Yelland addressed the committee. He said rents rose.",
        "He added that the rise should be phased.",
        "After a break, Ms Rourke returned. She said phasing would cost £4,000.",
    ) == ["Ms Rourke", "Mr Yelland", "Mr Yelland", "Ms Rourke"]


def test_a_pronoun_is_not_the_person_a_clause_only_mentions() -> None:
    assert speakers(
        "Mr Owen Pryce, the highways engineer, presented the report. He said it was late.",
        "In answer to a question from Mrs Carol Jones, he said the works would start in May.",
        "Responding to the concerns Mr Tom Hale raised in his letter, he said it would be kept.",
        "With the Chair's permission, Mr Ian Bell addressed the committee, and he said it was "
        "out of date.",  # the main clause's subject, in the pronoun's own sentence
    ) == ["Mr Owen Pryce", "Mr Owen Pryce", "Mr Owen Pryce", "Mr Ian Bell"]


def test_what_others_did_told_by_the_speaker_is_the_speakers() -> None:
    assert (
        speakers(
            "Councillor Ana Ruiz presented the report on parking charges.",
            "Many residents had objected to the evening charges, she said, and it would change.",
            "Three hundred people had signed a petition against it, she added.",
        )
        == ["Councillor Ana Ruiz"] * 3
    )


def test_coming_and_going_makes_no_one_a_speaker() -> None:
    assert speakers(
        "Councillor Ana Ruiz left the meeting at 8.15pm. The committee approved the budget.",
        "Professor Anders Halloway gave evidence at the invitation of the panel.",
    ) == [None, "Professor Anders Halloway"]


def test_a_list_of_awards_is_no_list_of_speakers_but_an_answer_in_figures_is_a_turn() -> None:
    assert speakers(
        "Kettlewick Community Radio: £28,000 to train volunteers.",
        "Moorside Brass Collective: 120 children will learn an instrument.",
        "Priya Annandale: Every award is a bet on the people of this region.",
        "Mr Owen Pryce: £240,000 in total, half from the lottery grant.",  # titled
        "Priya Annandale: £1.42 million in all.",  # speaking elsewhere
    ) == [None, None, "Priya Annandale", "Mr Owen Pryce", "Priya Annandale"]


def test_transcript_turns_and_titled_subjects() -> None:
    assert speakers(
        "Dr Lena Ortiz: Good morning, everyone.",
        "Professor Hugh Castellan: I am against it.",
        "Dr Sunita Raman, the board’s environmental member, objected to the plan.",
        "“We are being asked to approve it blind,” she said.",
    ) == ["Dr Lena Ortiz", "Professor Hugh Castellan", "Dr Sunita Raman", "Dr Sunita Raman"]


def test_organisations_and_sentence_openers_are_not_speakers() -> None:
    assert speakers("The Board said it would decide later.", "It said nothing more.") == [
        None,
        None,
    ]
    assert speakers("“Good,” said Chen Jiachang.", "“Yes,” vice minister Chen said.") == [
        "Chen Jiachang",
        "Chen Jiachang",  # a lone surname is kept when it names someone already quoted
    ]


def test_existing_speakers_are_kept() -> None:
    block = Block("Hello.", "00:00:01", speaker="Maria Lopez")
    assert attribute([block]) == [block]


@pytest.mark.parametrize(
    ("sentence", "speaker", "another"),
    [
        (
            "Gareth Lowe advised members that a refusal would be defended.",
            "Rachel Penhaligon",
            True,
        ),
        ("Councillor Bernadette Cole declared an interest.", "Councillor Geoffrey Tallis", True),
        ("Rachel Penhaligon said the site had been vacant.", "Rachel Penhaligon", False),
        ("Mr Ellery said the panel recommended Meridian.", "Mr Tomás Ellery", False),
        ("The Chair thanked members.", "Councillor Ana Ruiz", False),
        ("Members asked about school places.", "Martin Aske", False),
        ("“We must dredge,” Captain Brandt said.", "Captain Josef Brandt", False),
        ("Several speakers supported a new cable.", "Ms Freya Lindstrom", True),
        ("Two residents of Station Road spoke against it.", "Mr Ian Bell", True),
        ("Some of the costs were shared.", "Ms Freya Lindstrom", False),
        ("Many residents have written to me about it.", "Cllr Ana Ruiz", False),  # her own
        ("Many residents had objected, she said.", "Cllr Ana Ruiz", False),  # her report
        ("Several residents wrote in; they said it was too close.", "Cllr Tom Ellery", True),
        ("Several members cited US research on the scheme.", "Cllr Tom Ellery", True),
        ("She added that the fund was ready.", "Irena Vasko", False),
        ("Modern Languages has 212 students.", "Professor Adaeze Fontaine", False),
        ("In March the board approved the plan.", "Ana Ruiz", False),
        ("Thank You Chair, I will be brief.", "Dr Leopold Marsh", False),
        ("Dr Sunita Raman, the environmental member, objected.", "Captain Brandt", True),
        ("Councillor Dobbs said the barn was derelict.", "Councillor Ferris", True),
        ("Councillor Ferris said the barn could be saved.", "Councillor Jo Ferris", False),
        ("The Clerk said the fund had offered £8,000.", "Councillor Kell", True),
        ("The Chief Executive reported a surplus.", "Councillor Ana Ruiz", True),
    ],
)
def test_a_sentence_opening_with_another_person(sentence: str, speaker: str, another: bool) -> None:
    assert names_another(sentence, speaker) is another


def test_a_pronoun_is_not_someone_titled_as_the_other_sex() -> None:
    report = "Mr Owen Pryce, the highways engineer, presented the report."
    for asked in (
        "Questions were invited. Mrs Carol Jones asked when the works would start, and he "
        "said in May.",
        "On timing, Mrs Carol Jones asked when the works would start; he said in May.",
    ):
        assert speakers(report, asked)[1] == "Mr Owen Pryce", asked
    # Asking something else than a question, one is who the pronoun is.
    ruiz = "On costs, Councillor Ana Ruiz asked whether the estimate had been checked. She "
    assert speakers(report, ruiz + "said the estimate had been wrong.")[1] == "Councillor Ana Ruiz"
    # Asking, and then saying: the asker, when the pronoun may be them.
    for asker, asked in (
        (
            "Cllr Ana Ruiz",
            "asked whether the fees would rise, and she said residents could not pay.",
        ),
        ("Mr Tom Hale", "asked if he could speak, and he said the road was dangerous."),
    ):
        assert speakers(report, f"At the meeting, {asker} {asked}")[1] == asker
    opened = "Councillor Rachel Penhaligon opened the item."
    for wording in (
        "On costs, Mr Owen Pryce questioned the figures. He said they left out VAT.",
        "On costs, Mr Owen Pryce asked members to note the figures. He said they left out VAT.",
    ):
        assert speakers(opened, wording)[1] == "Mr Owen Pryce", wording
    # One titled as the other sex is no "she": the speaker before is.
    chair = "Cllr Ana Ruiz, the chair, opened the item."
    assert (
        speakers(chair, "On the scheme, Mr Lowe objected, and she said it would go ahead.")[1]
        == "Cllr Ana Ruiz"
    )
    assert (
        speakers(chair, "On the scheme, Mrs Lowe objected, and she said it would fail.")[1]
        == "Mrs Lowe"
    )


def test_reports_of_others_tagged_as_the_speakers_are_the_speakers() -> None:
    ruiz = "Councillor Ana Ruiz"
    for closing in (",” she said.", ",” she said.", " — she said.", ", she said, and sat down."):
        assert not names_another(f"Several residents have complained{closing}", ruiz), closing
    # A pronoun going on with the named person's own words is theirs, not a tag.
    assert names_another(
        "Dr Raman, the environmental member, said the scheme was flawed; she urged members to "
        "refuse it.",
        ruiz,
    )
    assert names_another("The Clerk said the accounts were in order; he noted the audit.", ruiz)
    opened = "Councillor Rachel Penhaligon opened the item."
    for lowe in (
        "Gareth Lowe, the engineer, advised members the bridge was safe. The repairs would "
        "cost £2m, he said.",
        "Gareth Lowe, the engineer, advised members the bridge was safe, he said, and that "
        "repairs would cost £2m.",
    ):
        assert speakers(opened, lowe)[1] is None, lowe
    assert names_another(
        "Mr Gareth Lowe, the planning officer, explained that the scheme complied and, he "
        "said, the highways authority had raised no objection.",
        ruiz,
    )
    # A tag that cannot be the speaker's: "he" of Mrs Penhaligon.
    assert names_another(
        "Network Rail agreed to fund the repairs, he said.", "Mrs Rachel Penhaligon"
    )
    assert speakers(
        "Mrs Rachel Penhaligon opened the item.", "Network Rail agreed to fund it, he said."
    ) == ["Mrs Rachel Penhaligon", None]
    # Others' doings tagged as the speaker's report: the speaker's.
    for tagged in (
        "Several residents had complained about noise from the garden, she told the meeting.",
        "Many residents have written to Mr. Hale about it, she said.",
    ):
        assert not names_another(tagged, ruiz), tagged
    for later in (
        "Several residents of Mill Lane had complained about the smell. “We have listened to "
        "them and will move the bins,” she added.",
        "Several residents objected to the scheme. They were worried about traffic, she said.",
    ):
        assert speakers(opened, later)[1] == "Councillor Rachel Penhaligon", later


def test_first_person_words_are_the_speakers_whatever_comes_before_them() -> None:
    for own in (
        "For the most part I agree with Councillor Ruiz.",
        "At this stage we should thank Dr Raman.",
        "In this section we respond to Cllr Ruiz.",
    ):
        assert not names_only_another(own, "Cllr Tom Ellery"), own
    ruiz = "Councillor Ana Ruiz"
    assert not names_another("Many residents wrote to me about it.", ruiz)
    # Others' own: a label's numeral is no "I".
    assert names_another("Several residents objected to Phase I of the development.", ruiz)
