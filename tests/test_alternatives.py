"""Acronyms the documents define and their spelling of mistyped words, in questions."""

from __future__ import annotations

import time

import pytest
from conftest import FolderFactory, service_for

from bot.acronyms import Acronyms, definitions
from bot.alternatives import Link, covered, read_question, weighted_query
from bot.analysis import Analyser
from bot.answering import AnswerOptions, answer_question
from bot.index import Index
from bot.models import Document, Passage
from bot.rendering import Renderer
from bot.spelling import corrections
from bot.summarising import summarise_topic

A = Analyser()
RELEASE = (
    "Dr Hwanil Park, chair of the Policy Partnership on Science, Technology and Innovation "
    "(PPSTI), opened the meeting in Guangzhou.",
    "PPSTI members agreed to share data on research funding.",
    "Asked about budgets, the board said the dredging contract was awarded to Meridian "
    "Marine Works for 2.35 million pounds.",
    "The harbour master reported that silt had reduced the approach channel to 8.1 metres.",
    "The committee thanked the staff of the secretariat.",
)


def index_of(*texts: str) -> Index:
    document = Document("notes.md", "Notes", ())
    return Index(
        [Passage(f"notes.md#{i}", document, i, f"¶{i}", t) for i, t in enumerate(texts)], A
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("the Asia-Pacific Economic Cooperation (APEC) forum",
         ("APEC", "Asia Pacific Economic Cooperation")),
        ("a Memorandum of Understanding (MoU) was signed", ("MoU", "Memorandum of Understanding")),
        ("small and medium-sized enterprises (SMEs) grew",
         ("SMEs", "small and medium-sized enterprises")),
        ("PPSTI (Policy Partnership on Science, Technology and Innovation) met",
         ("PPSTI", "Policy Partnership on Science Technology and Innovation")),
        ("It was adopted. The Chief Executive Officer (CEO) spoke",
         ("CEO", "Chief Executive Officer")),
        ("the Ministry of Agriculture and Fisheries (MAF)",  # "and" is no initial here
         ("MAF", "Ministry of Agriculture and Fisheries")),
        ("under the Treaty on the Functioning of the European Union (TFEU)",
         ("TFEU", "Treaty on the Functioning of the European Union")),
    ],
)  # fmt: skip
def test_definitions_are_read_off_the_text(text: str, found: tuple[str, str]) -> None:
    assert list(definitions(text)) == [found]


@pytest.mark.parametrize(
    "text",
    [
        "we (the board) agreed",
        "due in 2026 (TBC) at the latest",  # the words before are not its initials
        "the report (Annex B) lists them",
        "Calder Harbour. Authority (CH) minutes",  # initials across a sentence end
        "the (X) mark",  # one letter is no acronym
    ],
)
def test_parentheses_that_define_nothing_are_ignored(text: str) -> None:
    assert list(definitions(text)) == []


def test_the_definition_given_most_often_wins_and_either_form_is_found() -> None:
    acronyms = Acronyms(
        [
            "the Harbour Board (HB) met",
            "the Harbour Board (HB) agreed",
            "the Housing Bureau (HB) wrote",
        ],
        A,
    )
    assert {s: (a.long, a.written) for s, a in acronyms.by_short.items()} == {
        "hb": (("harbour", "board"), "HB"),
        **{s: (a.long, a.written) for s, a in Acronyms([], A).by_short.items()},
    }
    assert [a.short for a in acronyms.in_question(A.query_terms("Who chairs the HB?"))] == ["hb"]
    by_long = acronyms.in_question(A.query_terms("When did the harbour board meet?"))
    assert [a.short for a in by_long] == ["hb"]
    assert acronyms.in_question(A.query_terms("Which board runs the harbour?")) == []


def test_a_long_form_covers_its_acronym_only_as_the_phrase_it_is() -> None:
    link = Link(frozenset(["ppsti"]), ("polici", "partnership"))
    assert "ppsti" in covered(A.terms("the policy partnership met"), [link])
    assert "ppsti" not in covered(A.terms("a partnership on policy"), [link])
    terms, weights = weighted_query(["ppsti", "chair"], [link])
    assert terms == ["ppsti", "chair", "polici", "partnership"]
    assert weights == [1.0, 1.0, 0.5, 0.5]  # together they weigh as one question term
    terms, weights = weighted_query(["ppsti", "polici"], [link])
    assert (terms, weights) == (["ppsti", "polici", "partnership"], [1.0, 1.0, 1.0])


def test_mistyped_words_are_read_as_the_documents_spell_them() -> None:
    index = index_of(*RELEASE)
    read = {
        t: (c.typed, c.meant, c.term) for t, c in corrections("dreging contarct", index).items()
    }
    assert read == {
        "drege": ("dreging", "dredging", "dredg"),
        "contarct": ("contarct", "contract", "contract"),
    }
    reading = read_question("dreging contarct", A.query_terms("dreging contarct"), index)
    assert reading.terms == ["dredg", "contract"]


@pytest.mark.parametrize(
    "question",
    [
        "Who is the mayor of Port Calder?",  # an English word the documents lack: not a typo
        "What did the secretariat say?",  # in the documents
        "What about the zzzqx?",  # nothing one edit away
    ],
)
def test_words_that_are_no_typo_of_the_documents_are_left_alone(question: str) -> None:
    assert corrections(question, index_of(*RELEASE)) == {}


def test_a_reading_is_a_word_english_or_the_documents_own() -> None:
    """ "welleing" is one edit from "wellbeing" and stems to the documents' "well", but nobody
    writes it; a word the (American) dictionary lacks is read as the documents write it,
    two edits at most from what was typed: a plural they do not write ("colours"), a name
    said only as a speaker's or in a heading."""
    document = Document("m.md", "m", ())
    texts = [
        ("The budget discussion went well and the chair thanked staff.", None, None),
        ("The staff well-being survey will run in May.", None, None),
        ("Dr Park emphasised cooperation with Garrowby.", None, None),
        ("The committee chose a colour scheme for the pavilion.", None, None),
        ("Thank you, Gwen.", None, "Jo Tregarthen"),
        ("Spending will rise next year.", "5. Capital programme", None),
    ]
    passages = [
        Passage(f"m.md#{i}", document, i, f"¶{i}", text, heading, speaker)
        for i, (text, heading, speaker) in enumerate(texts, 1)
    ]
    index = Index(passages, A)

    def read(question: str) -> dict[str, str]:
        return {c.typed: c.meant for c in corrections(question, index).values()}

    assert read("What about wellbeing?") == {}
    assert read("What did Park emphaasise?") == {"emphaasise": "emphasised"}
    assert read("Who met Garowby?") == {"Garowby": "Garrowby"}
    assert read("Which colurs were chosen?") == {"colurs": "colour"}
    assert read("What did Tregathen say?") == {"Tregathen": "Tregarthen"}
    assert read("What about the capital progamme?") == {"progamme": "programme"}


def test_a_mistyped_question_is_answered_and_a_mistyped_unknown_is_not() -> None:
    index = index_of(*RELEASE)
    answer = answer_question("Who won the dreging contarct?", index)
    assert answer.answered
    assert "Meridian Marine Works" in answer.quotes[0].text
    assert not answer_question(
        "Who won the dreging contarct?", index, AnswerOptions(alternatives=False)
    ).answered
    assert not answer_question("Who is the maoyr of Guangzhou?", index).answered


def test_an_acronym_question_finds_the_passage_that_spells_it_out() -> None:
    index = index_of(
        "The Policy Partnership on Science, Technology and Innovation (PPSTI) met in Lima.",
        "PPSTI members agreed to share data on research funding.",
        "The Policy Partnership on Science, Technology and Innovation elected Dr Lin as chair.",
        *(f"The {body} elected a new chair." for body in ("harbour board", "council", "union")),
        *(
            f"The {body} chair was elected in {year}."
            for body, year in (("audit", 2024), ("staff", 2025))
        ),
    )
    question = "Who was elected chair of PPSTI?"
    answer = answer_question(question, index)
    assert answer.answered
    assert "Dr Lin" in answer.quotes[0].text
    unlinked = answer_question(question, index, AnswerOptions(alternatives=False))
    assert not unlinked.answered or "Dr Lin" not in unlinked.quotes[0].text
    # Without a definition in the documents there is no link, and nothing is assumed.
    assert read_question(question, A.query_terms(question), index_of(*RELEASE[1:])).links == []


def test_what_a_meeting_is_called_for_short_needs_no_definition() -> None:
    index = index_of(
        "The next meeting of members will be the annual general meeting, on Thursday 12 "
        "October at 7.30pm, in the clubroom.",
        "A general meeting of the annual dinner committee is held each month.",
        "The club's boathouse roof will be replaced in November.",
    )
    answer = answer_question("when is the agm?", index)
    assert answer.answered and "Thursday 12 October" in answer.quotes[0].text
    defined = Acronyms(["The Annual Grants Meeting (AGM) is in May."], A).by_short["agm"]
    assert defined.long == ("annual", "grant", "meet")  # the documents' own meaning first


def test_a_topic_summary_reads_a_mistyped_topic() -> None:
    summary = summarise_topic("dreging contarct", index_of(*RELEASE))
    assert any("Meridian" in quote.text for quote in summary.quotes)


def test_the_service_reads_acronyms_and_typos_from_the_start_and_after_a_reload(
    make_folder: FolderFactory,
) -> None:
    minutes = (
        "# Council\n\nThe Harbour Board (HB) met in Calder on Monday.\n\n"
        "The harbour board approved the dredging budget.\n\n"
        "The council thanked the staff.\n\nThe next meeting is in June.\n"
    )
    folder = make_folder({"a.md": minutes})
    service = service_for(folder)
    answer = service.ask("What did the HB approve?")  # start-up reads acronyms in a thread
    assert answer.answered and "dredging budget" in answer.quotes[0].text
    assert "dredging budget" in service.ask("What did the harbour bord approve?").quotes[0].text
    forum = (
        "# Ports\n\nThe Port Users Forum (PUF) met in Lima.\n\n"
        "The port users forum elected Ana Ruiz.\n"
    )
    (folder / "b.md").write_text(forum)
    assert service.reload().swapped
    assert "Ana Ruiz" in service.ask("Who did the PUF elect?").quotes[0].text


def test_reading_definitions_stays_linear_on_a_long_paragraph() -> None:
    text = "Alpha Beta (AB) " * 10_000  # 160k characters, a definition every 16
    started = time.perf_counter()
    assert sum(1 for _ in definitions(text)) == 10_000
    assert time.perf_counter() - started < 5  # quadratic took minutes; linear takes ~0.1 s


def test_acronyms_in_capitals_and_english_words_are_not_typos() -> None:
    index = index_of(
        "The United Nations Environment Programme (UNEP) will fund the survey.",
        "The Global Alliance for Improved Nutrition (GAIN) met the board.",
        "Quarterly revenue showed a small gain.",
    )
    assert corrections("How much will UNDP fund?", index) == {}
    assert not answer_question("How much will UNDP fund?", index).answered
    # "gain" is English: only "GAIN" as written stands for the alliance.
    assert read_question("Was there a gain?", ["gain"], index).links == []
    assert len(read_question("What did GAIN say?", ["gain"], index).links) == 1


def test_a_question_full_of_unknown_words_tries_only_a_few() -> None:
    index = index_of(*RELEASE)
    words = ["dredging", "contract", "approach", "harbour", "master", "meeting", "research"]
    question = " ".join(word + word[-1] for word in words)  # "dredgingg contractt …"
    assert len(corrections(question, index)) == 5  # each alone would be read


def test_long_form_words_are_not_bold_where_they_stand_alone() -> None:
    index = index_of(
        "The Policy Partnership on Science, Technology and Innovation (PPSTI) met in Lima.",
        "PPSTI members agreed a science policy on technology transfer.",
    )
    answer = answer_question("What did PPSTI members agree?", index)
    bold = {span.text for quote in answer.quotes for span in quote.spans if span.match}
    assert "PPSTI" in bold
    assert not bold & {"science", "policy", "technology"}


def test_what_a_person_said_reads_typos_in_the_topic_and_the_name() -> None:
    index = index_of(
        "Dr Hwanil Park said the dredging contract was awarded too quickly.",
        "The harbour master reported that silt had reduced the approach channel.",
        "Dr Hwanil Park opened the meeting in Guangzhou.",
    )
    for question in (
        "What did Dr Hwanil Park say about the dreging contract?",
        "What did Dr Hwanil Prak say about the dredging contract?",
    ):
        answer = answer_question(question, index)
        assert answer.answered, question
        assert "awarded too quickly" in answer.quotes[0].text


def test_a_question_about_two_documents_is_answered_from_both() -> None:
    def document(name: str) -> Document:
        return Document(f"{name}.md", name.title(), ())

    pledges = [
        ("alvaria", "Alvaria pledged 25 million euros to the drought fund."),
        ("dostrin", "Dostrin pledged 20 million euros to the drought fund."),
        ("kelland", "Kelland hosted the ministers in Selvany."),
    ]
    passages = [Passage(f"{name}.md#1", document(name), 1, "¶1", text) for name, text in pledges]
    answer = answer_question(
        "How much did Alvaria and Dostrin pledge to the drought fund?", Index(passages, A)
    )
    assert answer.answered
    assert {c.passage.document.path for c in answer.citations} == {"alvaria.md", "dostrin.md"}


def test_the_reply_owns_up_to_the_words_it_read_for_typos() -> None:
    index = index_of(*RELEASE)
    answer = answer_question("Who won the dreging contarct?", index)
    assert answer.read_as == (("dreging", "dredging"), ("contarct", "contract"))
    text = Renderer().answer(answer).text
    assert text.startswith("_Reading “dreging” as “dredging”, “contarct” as “contract”._\n>")
    declined = answer_question("Who is the maoyr of the dreging town?", index)
    assert not declined.answered
    assert Renderer().answer(declined).text.startswith("_Reading “dreging” as “dredging”._")
    assert answer_question("Who won the dredging contract?", index).read_as == ()


def test_a_topic_summary_owns_up_to_its_readings_and_shows_plain_words() -> None:
    index = index_of(*RELEASE, "The councils agreed the dredging plan.")
    summary = summarise_topic("dreging contarct", index)
    assert summary.read_as == (("dreging", "dredging"), ("contarct", "contract"))
    assert Renderer().summary(summary).text.startswith("_Reading “dreging” as “dredging”")
    # Shown as a plain word of the term the documents hold, not "council's".
    assert [c.meant for c in corrections("Which councilos agreed?", index).values()] == ["councils"]


def test_runs_of_small_words_do_not_make_reading_definitions_explode() -> None:
    # Each "(XAAAAAAAB)" could be read 3,432 ways through the fourteen "and"s, none right.
    text = ("Yylo " + "and " * 14 + "Banana (XAAAAAAAB) ") * 2_000
    started = time.perf_counter()
    assert list(definitions(text)) == []
    assert time.perf_counter() - started < 5  # it took ~20 s before; now ~0.4 s
