"""Extractive summaries: representative sentences, cited, in reading order."""

from __future__ import annotations

import json

import pytest
from conftest import KNOWLEDGE, ROOT, FolderFactory, service_for

from bot.cli import main
from bot.escaping import unescape
from bot.meetings import latest_document
from bot.models import Summary
from bot.service import KnowledgeService
from bot.summarising import (
    _BACKGROUND,
    _DECISION,
    _FIGURE,
    _ROLL_CALL,
    introduces,
    procedural,
)

MEETINGS = ROOT / "tests" / "data" / "meetings"  # the development set's documents


def test_document_summary_of_the_bundled_release(bundled: KnowledgeService) -> None:
    summary = bundled.summarise(document="apec-ppsti-guangzhou.md")
    assert summary.found and summary.kind == "document"
    assert 5 <= len(summary.quotes) <= 8
    text = unescape(bundled.renderer.summary(summary).text)
    assert text.startswith("**Summary of APEC Economies Call")
    assert "Fostering an Open and Collaborative Innovation Ecosystem" in text  # the theme
    assert "will inform PPSTI’s future work program" in text  # the outcome
    narration = [q for q in summary.quotes if not q.speaker]
    assert [q.citation for q in narration] == sorted(q.citation for q in narration)
    # Who spoke: the three speakers, a quote each, in order of appearance.
    voices = [(q.speaker, q.text) for q in summary.quotes if q.speaker]
    assert [name for name, _ in voices] == ["Chen Jiachang", "Dr Hwanil Park", "Hazami Habib"]
    assert all(text.startswith("“") for _, text in voices)
    assert "**Who spoke**" in bundled.renderer.summary(summary).text


def test_topic_summary_quotes_sentences_on_the_topic(bundled: KnowledgeService) -> None:
    summary = bundled.summarise(topic="open science")
    assert summary.found and summary.kind == "topic"
    assert all(any(s.match for s in q.spans) for q in summary.quotes)


def test_topic_summary_says_what_the_documents_say_not_who_will_speak(
    make_folder: FolderFactory,
) -> None:
    transcript = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:09.000\n<v Maria Lindqvist>Good evening, everyone, "
        "and welcome to the annual meeting of the Fernhollow Libraries Trust.\n\n"
        "00:00:10.000 --> 00:00:19.000\n<v Maria Lindqvist>Tonight we'll hear from Rohan on "
        "the Ashgrove library roof.\n\n00:03:27.000 --> 00:03:35.000\n<v Rohan Mehta>The "
        "Ashgrove library roof is failing and will be replaced in 2027.\n\n"
        "00:03:36.000 --> 00:03:44.000\n<v Rohan Mehta>The works on the Ashgrove roof will "
        "cost £286,000.\n"
    )
    service = service_for(make_folder({"2027-04-22-trust.vtt": transcript}))
    summary = service.summarise(topic="Ashgrove library roof")
    texts = [q.text for q in summary.quotes]
    assert texts[:2] == [
        "The Ashgrove library roof is failing and will be replaced in 2027.",
        "The works on the Ashgrove roof will cost £286,000.",
    ]
    assert not any(t.startswith("Good evening") for t in texts)  # says only "Libraries"


def test_latest_meeting(make_folder: FolderFactory) -> None:
    folder = make_folder(
        {
            "2026-01-10-board.md": "The board met in January and approved the plan for the year.",
            "2026-03-02-board.md": "The board met in March and reviewed the first quarter results.",
            "notes.md": "Undated notes about nothing in particular at all here.",
        }
    )
    service = service_for(folder)
    summary = service.summarise()
    assert summary.kind == "latest"
    assert summary.document is not None and summary.document.path == "2026-03-02-board.md"
    assert latest_document(()) is None


def test_a_latest_meeting_with_nothing_to_summarise_is_named(make_folder: FolderFactory) -> None:
    """The latest meeting is known; it only has too little text: that is what is said, not
    that no document is dated."""
    service = service_for(make_folder({"2026-01-05-board-minutes.md": "Budget noted."}))
    summary = service.summarise()
    assert summary.kind == "latest" and not summary.found and summary.document is not None
    text = service.renderer.summary(summary).text
    assert text == f'There is nothing to summarise in "{summary.subject}".'


def test_a_topic_in_one_document_is_summarised_from_it_alone(make_folder: FolderFactory) -> None:
    """/summary document:… topic:… : what that document says about the topic."""
    files = {
        "2026-01-10-board.md": "# January board\n\nThe board discussed the library roof repairs.",
        "2026-03-02-board.md": "# March board\n\nThe library roof repairs will cost £80,000.",
    }
    service = service_for(make_folder(files))
    summary = service.summarise(document="January board", topic="library roof")
    assert summary.kind == "topic" and summary.document is not None
    assert {c.passage.document.path for c in summary.citations} == {"2026-01-10-board.md"}
    text = service.renderer.summary(summary).text
    assert text.startswith('**What January board says about** "library roof":')
    none = service.renderer.summary(service.summarise("January board", "dredging")).text
    assert none == '"January board" says nothing about "dredging".'


def test_missing_document_and_unknown_topic(bundled: KnowledgeService) -> None:
    missing = bundled.renderer.summary(bundled.summarise(document="no such thing")).text
    assert missing == 'No document matches "no such thing". /sources lists the documents.'
    none = bundled.renderer.summary(bundled.summarise(topic="quantum cryptography")).text
    assert none == 'The documents say nothing about "quantum cryptography".'


def test_ask_answers_a_summary_request_with_the_summary(bundled: KnowledgeService) -> None:
    latest = bundled.ask("Summarise the meeting")
    assert latest.answered and latest.summary is not None and latest.summary.kind == "latest"
    assert latest.citations == latest.summary.citations  # buttons and --json cite them
    assert unescape(bundled.renderer.answer(latest).text).startswith("**Summary of APEC")
    topic = bundled.ask("Give me a summary of open innovation")
    assert topic.summary is not None and topic.summary.kind == "topic" and topic.answered
    named = bundled.ask("Summarise APEC Economies Call for Deeper Science")  # a title's start
    assert named.summary is not None and named.summary.kind == "document"
    scoped = bundled.ask("summarise it", document="apec-ppsti-guangzhou.md")
    assert scoped.summary is not None and scoped.summary.kind == "document"
    nothing = bundled.ask("Summarise quantum cryptography")
    assert not nothing.answered and nothing.reason == "no_match"
    rendered = bundled.renderer.answer(nothing).text
    assert rendered == 'The documents say nothing about "quantum cryptography".'
    assert bundled.ask("What did the summary of the audit say?").summary is None
    unknown = bundled.ask("summarise it", document="no such thing")
    assert not unknown.answered and unknown.reason == "unknown_document"


def test_cli_summary_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "summary",
                "--topic",
                "artificial intelligence",
                "--json",
                "--knowledge",
                str(KNOWLEDGE),
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["found"] is True and data["kind"] == "topic"
    assert data["citations"][0]["document"] == "apec-ppsti-guangzhou.md"


def test_a_minutes_summary_leaves_out_who_was_there(make_folder: FolderFactory) -> None:
    names = "Ana Ruiz, Declan Huws, Sunita Raman, Idris Mabey and Tomás Ellery"
    minutes = (
        "# Board minutes\n\n"
        f"Present: {names}.\n\n"
        "Apologies for absence were received from Gwen Atherton.\n\n"
        "## Budget\n\n"
        "Tomás Ellery presented the budget. Ana Ruiz asked about the reserve.\n\n"
        "The board approved the budget of £6.8 million. Declan Huws and Sunita Raman agreed.\n\n"
        "## Dredging\n\n"
        "Idris Mabey and Sunita Raman asked about the dredging. Tomás Ellery answered.\n\n"
        "The board awarded the dredging contract for £2.35 million.\n"
    )
    service = service_for(make_folder({"minutes.md": minutes}))
    summary = service.summarise(document="minutes.md")
    texts = [quote.text for quote in summary.quotes]
    assert any("approved the budget" in text for text in texts)
    assert not any(text.startswith(("Present", "Apologies")) for text in texts)


def test_a_transcript_speaker_is_named_once(make_folder: FolderFactory) -> None:
    transcript = (
        "# Committee transcript\n\n"
        "Rafael Quintero: The research budget for 2027 is 48 million euros, 2 million less.\n\n"
        "Amara Nwosu: The fellowships have fallen from 60 to 42, and the budget must fund them.\n\n"
        "Rafael Quintero: The budget can carry 2.25 million euros a year for the facility.\n"
    )
    service = service_for(make_folder({"transcript.md": transcript}))
    summary = service.summarise(document="transcript.md")
    voices = [quote for quote in summary.quotes if quote.speaker]
    assert {quote.speaker for quote in voices} == {"Rafael Quintero", "Amara Nwosu"}
    assert not any(quote.text.startswith(f"{quote.speaker}:") for quote in voices)
    text = unescape(service.renderer.summary(summary).text)
    assert "Rafael Quintero: Rafael Quintero" not in text


def test_a_short_turn_label_is_left_out_too(make_folder: FolderFactory) -> None:
    transcript = (
        "# Committee transcript\n\n"
        "Dr Lena Ortiz: Welcome to the meeting on the harbour budget and the dredging.\n\n"
        "Rafael Quintero: The budget for 2027 is 48 million euros, 2 million less.\n\n"
        "Lena: We approved the harbour dredging budget of 9 million euros.\n"
    )
    service = service_for(make_folder({"transcript.md": transcript}))
    text = unescape(service.renderer.summary(service.summarise(document="transcript.md")).text)
    assert "Lena: We approved" not in text
    assert "We approved the harbour dredging budget" in text


@pytest.mark.parametrize(
    ("sentence", "roll_call"),
    [
        ("Present: Ana Ruiz, Declan Huws and Idris Mabey.", True),
        ("Officers in attendance: Tomás Ellery (chief executive).", True),
        ("Apologies for absence were received from Gwen Atherton.", True),
        ("Those present: the chair and four members.", True),
        ("Absent a decision, the board deferred the item.", False),
        ("Attending to the budget, the board approved £6.8 million.", False),
        ("Members attending the forum agreed to share data.", False),
        ("Presently the board has no reserve.", False),
    ],
)
def test_a_roll_call_is_told_from_a_sentence_about_attending(
    sentence: str, roll_call: bool
) -> None:
    assert bool(_ROLL_CALL.match(sentence)) is roll_call


def test_figures_with_a_percent_sign_count() -> None:
    assert all(_FIGURE.search(t) for t in ("Dues rise by 3.5% from July.", "3.5 % more", "£2 m"))
    assert not _FIGURE.search("The survey was carried out in 2026.")
    assert not _DECISION.search("The survey was carried out in May.")


def test_reference_codes_do_not_make_an_agenda_line_central(make_folder: FolderFactory) -> None:
    items = [
        ("Minutes of the last meeting", "The board will be asked to approve the minutes."),
        ("Dredging plan", "The contractor will present its dredging programme for September."),
        ("Seagrass survey", "The board will be asked to appoint surveyors for the seagrass."),
        ("Ferry hours", "The board will decide on the ferry operator's request for late hours."),
        ("Finance report", "The report shows a surplus of £1.02 million for the year."),
    ]
    agenda = "# Board agenda\n\nThe board will meet on 14 April 2026 at Harbour House.\n\n"
    agenda += "".join(
        f"{n}. **{title}** (10:{n}0) – Councillor Ana Ruiz. Paper HB/26/{13 + n}. {text}\n\n"
        for n, (title, text) in enumerate(items, 1)
    )
    service = service_for(make_folder({"agenda.md": agenda}))
    texts = [quote.text for quote in service.summarise(document="agenda.md").quotes]
    assert texts and not any(text.startswith("Paper HB") for text in texts)


def test_a_numbered_list_is_the_documents_own_summary(make_folder: FolderFactory) -> None:
    decisions = [
        "The board approved the budget of £6.8 million.",
        "Harbour dues will rise by 3.5 percent from 1 July.",
        "The board awarded the dredging contract to Meridian Marine Works.",
        "The chief executive will report on berthing hours at the next meeting.",
    ]
    minutes = (
        "# Board minutes\n\nPresent: Ana Ruiz, Declan Huws and Sunita Raman.\n\n"
        "The board met on Monday 2 March 2026 at Harbour House.\n\n"
        "## Budget\n\nThe director of finance presented the budget and the reserve.\n\n"
        "Members asked about the reserve, the budget and the dues for the fishing fleet.\n\n"
        "## Decisions\n\n" + "".join(f"{n}. {d}\n" for n, d in enumerate(decisions, 1))
    )
    service = service_for(make_folder({"minutes.md": minutes}))
    texts = [quote.text for quote in service.summarise(document="minutes.md").quotes]
    assert texts[0] == "The board met on Monday 2 March 2026 at Harbour House."
    assert texts[1:] == [f"{n}. {d}" for n, d in enumerate(decisions, 1)]


def _summarised(make_folder: FolderFactory, name: str, text: str) -> Summary:
    return service_for(make_folder({name: text})).summarise(document=name)


def _summary_texts(make_folder: FolderFactory, name: str, text: str) -> list[str]:
    return [quote.text for quote in _summarised(make_folder, name, text).quotes]


def test_a_list_counts_on_across_headings_and_a_table_of_contents_is_no_list(
    make_folder: FolderFactory,
) -> None:
    document = (
        "# Minutes\n\n1. Introduction.\n2. Finances.\n3. Outlook.\n\n"
        "The council met in Selvany on 3 June 2026.\n\n"
        "## Water\n\n1. The council approved a leakage programme of 3.2 million euros.\n"
        "2. The council awarded the dam contract to Oruna Works.\n\n"
        "## Other\n\n3. The council deferred the tariff review to September.\n"
        "4. The council agreed to publish river data every week.\n"
    )
    texts = _summary_texts(make_folder, "minutes.md", document)
    assert [t for t in texts if t[0].isdigit()] == [
        "1. The council approved a leakage programme of 3.2 million euros.",
        "2. The council awarded the dam contract to Oruna Works.",
        "3. The council deferred the tariff review to September.",
        "4. The council agreed to publish river data every week.",
    ]


@pytest.mark.parametrize("where", ["", "place: Committee Room 3, Castlemere Civic Centre\n"])
def test_a_long_list_says_how_many_items_it_left_out(
    make_folder: FolderFactory, where: str
) -> None:
    items = "".join(
        f"{n}. The board approved item {n} of the capital programme, a new "
        f"{'pontoon crane harbour quay berth shed'.split()[n % 6]} at a cost of "
        f"{n}.5 million pounds over the next three financial years.\n"
        for n in range(1, 31)
    )
    front = f"---\n{where}url: https://example.org/{'board-minutes/' * 8}\n---\n"
    minutes = f"{front}# Minutes\n\nThe board met on 2 March.\n\n{items}"
    service = service_for(make_folder({"minutes.md": minutes}))
    summary = service.summarise(document="minutes.md")
    shown = [q for q in summary.quotes if q.text[0].isdigit()]
    assert shown and summary.omitted == 30 - len(shown)
    rendered = service.renderer.summary(summary)
    text = unescape(rendered.text)
    assert len(text) <= 2000 and not rendered.shortened  # no item cut short to fit
    assert f"… and {summary.omitted} more items in the document." in text
    assert [q.text.split(".")[0] for q in shown] == [str(n) for n in range(1, len(shown) + 1)]


PLANNING_MINUTES = "\n\n".join(
    [
        "# Planning Committee",
        "Minutes of the meeting of the Planning Committee held on Tuesday 6 April 2027 at 10:00.",
        "Members present: Councillor Helen Varga (Chair), Councillor Geoffrey Tallis and "
        "Councillor Lucy Mardell.",
        "## 1. Declarations of interest",
        "Councillor Geoffrey Tallis declared an interest in item 3 as a trustee of the rowing "
        "club. Councillor Lucy Mardell declared that she had been lobbied by email on item 2 "
        "but had not expressed a view.",
        "## 2. Land north of Mill Lane",
        "Martin Aske introduced the application for 64 dwellings with 22 affordable homes.",
        "Rachel Penhaligon said the site had been vacant since 2019 and that cleaning it up "
        "would cost £3.7 million. Gareth Lowe advised members that the risk of costs at appeal "
        'was "moderate".',
        "RESOLVED (6 for, 3 against, 1 abstention): That planning permission be granted "
        "subject to 24 conditions.",
        "Councillors Mardell and Tallis voted against and Councillor Varga abstained.",
        "## 3. Rowing club boathouse",
        "The application sought permission for a replacement two-storey boathouse in Flood Zone 3.",
        "RESOLVED (9 for, 0 against): That planning permission be granted subject to 15 "
        "conditions, including a flood plan to be approved before first use.",
        "## 4. Solar farm, Hollins Farm",
        "Several members asked to see the site before deciding, in particular the views.",
        "RESOLVED (7 for, 3 against): That the application be deferred for a members' site "
        "visit on 19 April 2027.",
    ]
)


def test_minutes_are_summarised_by_the_decision_each_item_recorded(
    make_folder: FolderFactory,
) -> None:
    summary = _summarised(make_folder, "minutes.md", PLANNING_MINUTES)
    narration = [q.text for q in summary.quotes if not q.speaker]
    assert narration[0].startswith("Minutes of the meeting of the Planning Committee held on")
    assert [t.split(":")[0] for t in narration[1:]] == [
        "RESOLVED (6 for, 3 against, 1 abstention)",  # the tally line after it is a detail
        "RESOLVED (9 for, 0 against)",
        "RESOLVED (7 for, 3 against)",
    ]
    # Each speaker is quoted in their own words, not in the next person's sentence.
    voices = {q.speaker: q.text for q in summary.quotes if q.speaker}
    assert voices["Councillor Geoffrey Tallis"].startswith("Councillor Geoffrey Tallis declared")
    assert voices["Rachel Penhaligon"].startswith("Rachel Penhaligon said")


def test_each_decision_says_which_item_it_was_taken_under(make_folder: FolderFactory) -> None:
    """ "That planning permission be granted" tells nothing without its item."""
    service = service_for(make_folder({"minutes.md": PLANNING_MINUTES}))
    summary = service.summarise(document="minutes.md")
    assert [q.item for q in summary.quotes if not q.speaker] == [
        None,  # the opening
        "2. Land north of Mill Lane",
        "3. Rowing club boathouse",
        "4. Solar farm, Hollins Farm",
    ]
    text = service.renderer.summary(summary).text
    assert "- **2\\. Land north of Mill Lane**: RESOLVED (6 for, 3 against" in text
    # Under one heading, a label would tell nothing apart.
    one_item = PLANNING_MINUTES.replace("## 3. Rowing club boathouse", "").replace(
        "## 4. Solar farm, Hollins Farm", ""
    )
    summary = _summarised(make_folder, "one.md", one_item)
    assert len(summary.quotes) > 3
    assert not any(q.item for q in summary.quotes)


def test_each_heading_labels_once_and_minutes_without_a_preamble_label_their_first_item(
    make_folder: FolderFactory,
) -> None:
    parts = []
    for n, place in enumerate(["Mill Lane", "Park Road", "Hollins Farm", "Station Road"], 2):
        parts += [f"## {n}. {place}", f"The application for {place} was introduced by officers."]
        parts += [f"### {'Decision' if n % 2 else 'Resolution'}"]
        parts += [f"RESOLVED ({n} for, 1 against): That permission at {place} be granted."]
    summary = _summarised(make_folder, "minutes.md", "\n\n".join(parts))
    labels = [q.item for q in summary.quotes if q.item]
    assert labels[0] == "2. Mill Lane"  # the opening line is item 2's own
    assert len(labels) == len(set(labels))  # "Decision" and "Resolution" shown once each


def test_an_item_label_is_the_items_heading_not_the_page_title_and_fits_a_line(
    make_folder: FolderFactory,
) -> None:
    long_heading = "3. 27/00152/FUL – " + "Riverside Walk and the associated access road " * 4
    minutes = "\n\n".join(
        [
            "---\ntitle: Minutes, 6 April 2027\n---",
            "# Planning Committee",  # the page's heading, not an item
            "Minutes of the meeting of the Planning Committee held on Tuesday 6 April 2027.",
            "RESOLVED (9 for, 0 against): That the minutes of the last meeting be noted and "
            "that the committee's terms of reference be adopted.",
            "## 2. Land north of Mill Lane",
            "RESOLVED (6 for, 3 against): That planning permission be granted.",
            f"## {long_heading}",
            "RESOLVED (7 for, 2 against): That the application be deferred.",
        ]
    )
    summary = _summarised(make_folder, "minutes.md", minutes)
    labels = [q.item for q in summary.quotes if not q.speaker]
    assert labels[:3] == [None, None, "2. Land north of Mill Lane"]
    assert labels[3] is not None and labels[3].endswith("…") and len(labels[3]) <= 91
    assert long_heading.startswith(labels[3][:-1])


def test_a_transcript_summary_quotes_the_tally_the_chair_announced(
    make_folder: FolderFactory,
) -> None:
    transcript = (
        "# Committee transcript\n\n"
        "Dr Lena Ortiz: This morning the committee decides on the computing facility budget.\n\n"
        "Rafael Quintero: The research budget for 2027 is 48 million euros, 2 million less.\n\n"
        "Amara Nwosu: What happens to the fellowships if the facility costs 12 million?\n\n"
        "Amara Nwosu: The fellowships have fallen from 60 to 42 since 2023.\n\n"
        "Dr Lena Ortiz: All those in favour of the facility?\n\n"
        "Dr Lena Ortiz: That is five in favour and one against. The proposal is carried.\n"
    )
    summary = _summarised(make_folder, "transcript.md", transcript)
    narration = [q.text for q in summary.quotes if not q.speaker]
    assert "That is five in favour and one against. The proposal is carried." in narration
    assert not any(t.endswith("?") for t in narration)  # "All those in favour?" is no tally
    voices = {q.speaker: q.text for q in summary.quotes if q.speaker}
    assert voices["Amara Nwosu"] == "The fellowships have fallen from 60 to 42 since 2023."


def test_a_chair_is_quoted_for_what_they_said_not_for_running_the_meeting(
    make_folder: FolderFactory,
) -> None:
    transcript = (
        "# Senate transcript\n\n"
        "Dr Rosalind Achterberg: Good afternoon, and welcome to this meeting of Senate.\n\n"
        "Dr Rosalind Achterberg: Our auditors found the accounts in good order.\n\n"
        "Hamish Reid: The library project faces a shortfall of 14 million pounds this year, "
        "and the library project board meets in May.\n\n"
        "Dr Rosalind Achterberg: Members in the room, please raise your voting cards on the "
        "library project shortfall; members online, please use the poll, which is now open.\n"
    )
    summary = _summarised(make_folder, "transcript.md", transcript)
    voices = {q.speaker: q.text for q in summary.quotes if q.speaker}
    assert voices["Dr Rosalind Achterberg"] == "Our auditors found the accounts in good order."


@pytest.mark.parametrize(
    ("sentence", "running"),
    [
        ("I now call on Daniel Okafor to present item 5.", True),
        ("I invite Cllr Hale to move the motion.", True),
        ("We'll now vote on the motion.", True),
        ("Let's turn to the budget.", True),
        ("Thank you very much indeed, Councillor Ruiz, for that report.", True),
        ("Good evening, everyone.", True),
        ("Hello and welcome to the meeting.", True),
        ("Members in the room, please raise your voting cards.", True),
        ("Tonight we'll hear from Daniel on the year, and then we'll vote.", True),
        ("Thanks to the new grant of £120,000, the library will open on Sundays.", False),
        ("Thank you, Chair, the library budget has been cut by 14 percent since 2023.", False),
        ("Let's start by cutting the consultants' budget by 40 percent.", False),
        ("Welcome to Elmford, where the new library opened on Monday with 4,000 books.", False),
        ("We will start the works on Mill Lane in April at a cost of £2m.", False),
        ("I'll move to delete paragraph 3 of the motion.", False),
        ("I call on the county council to fund the Mill Lane bypass.", False),
        ("We will hear from residents at the consultation events in May and June.", False),
        ("Please note that the library will close on 4 May for refurbishment.", False),
        ("Councillor Stallybrass returned to the meeting.", True),
        ("She remained in the room but took no part in the discussion of that item.", True),
        ("Councillor Tattersall declared a non-pecuniary interest in item 5.", True),
        ("No other interests were declared.", True),
        ("With me are Professor Adeyemi and Dr Solheim, who chairs the life sciences panel.", True),
        ("The room was too small for the 60 residents who came.", False),
        ("Residents have no interest in a second car park.", False),
    ],
)
def test_what_counts_as_running_the_meeting(sentence: str, running: bool) -> None:
    assert procedural(sentence) is running


def test_words_that_only_sound_procedural_are_still_a_speakers_point(
    make_folder: FolderFactory,
) -> None:
    said = {
        "Ana Ruiz": "Thanks to the new grant of £120,000, the library will open on Sundays.",
        "Tom Hale": "We'll vote against this budget because it cuts the bus subsidy by 40 percent.",
        "Sam Lee": "I call on the county to fund the Mill Lane bypass before more homes are built.",
        "Priya Shah": "The rise in the parks budget is welcome to residents who asked for it.",
        "Jo Bloggs": "Thank you, Chair, the library budget has been cut by 14 percent since 2023.",
    }
    small_talk = ["I have a cold tonight.", "I was at the depot.", "It was raining.",
                  "My train was late.", "I will be brief."]  # fmt: skip
    turns = [
        f"{who}: {text}\n\n{who}: {aside}"
        for (who, text), aside in zip(said.items(), small_talk, strict=True)
    ]
    summary = _summarised(make_folder, "debate.md", "# Budget debate\n\n" + "\n\n".join(turns))
    assert {q.speaker: q.text for q in summary.quotes if q.speaker} == said


def test_a_releases_notes_to_editors_are_not_its_summary(make_folder: FolderFactory) -> None:
    release = (
        "Rail users welcome punctuality gains.\n"
        "The forum found that 87.4 per cent of trains arrived on time, up from 82.9 per cent.\n"
        "Sunday services still fall short, with only 71.5 per cent of trains on time.\n"
        "The operator will add 38 Sunday services from 12 December 2027.\n"
        "ENDS\n"
        "Notes to editors\n"
        "1. The forum is an independent, volunteer-led body founded in 1989.\n"
        "2. Punctuality is measured at the final destination of each train.\n"
        "3. The passenger survey was carried out online and at 18 stations.\n"
    )
    texts = _summary_texts(make_folder, "release.txt", release)
    assert not any(t[0].isdigit() for t in texts)
    assert any("87.4 per cent" in t for t in texts)


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("The operator will add 38 services.\nENDS\nNotes to editors", True),
        ("-ENDS-", True),
        ("Note for editors", True),
        ("ENDS Notes to editors", True),  # two short lines that make one paragraph
        ("The river rose by 2 metres (see notes to editors).", False),
        ("Notes to editors: The forum was founded in 1989.", True),  # a run-in label
        ("The board banned the sale of ENDS products.", False),  # e-cigarettes
        ("ENDS products are sold in 40 shops.", False),
        ("The pier ends at the lifeboat station.", False),
    ],
)
def test_where_a_release_ends(text: str, ends: bool) -> None:
    assert bool(_BACKGROUND.search(text)) is ends


TRANSPORT_MINUTES = "\n\n".join(
    [
        "# Transport Committee",
        "Minutes of the meeting of the Transport Committee held on 8 September 2026 at 6.30 pm.",
        "The minutes of the meeting of 14 July 2026 were approved as a correct record.",
        "## 4. Bus lanes",
        "Councillor Omar Haddad presented the report on the Harbour Road bus lanes.",
        "Motion: That the committee approves the Harbour Road bus lanes, with camera "
        "enforcement after a three-month warning period. Proposed by Councillor Miriam "
        "Ashdown, seconded by Councillor Omar Haddad.",
        "Vote: 6 in favour, 1 against. The motion was carried.",
        "## 5. Cycle route",
        "Motion: That the contract for phase 2 of the Eastbrook cycle route be awarded to "
        "Larchfield Civils Ltd.",
        "Members in the room, please raise your voting cards.",
        "Vote: 4 in favour, 2 against. The motion was carried.",
    ]
)


def test_a_bare_outcome_comes_with_what_was_decided(make_folder: FolderFactory) -> None:
    summary = _summarised(make_folder, "minutes.md", TRANSPORT_MINUTES)
    narration = [q.text for q in summary.quotes if not q.speaker]
    assert narration == [
        "Minutes of the meeting of the Transport Committee held on 8 September 2026 at 6.30 pm.",
        "Motion: That the committee approves the Harbour Road bus lanes, with camera "
        "enforcement after a three-month warning period.",
        "Vote: 6 in favour, 1 against. The motion was carried.",
        "Motion: That the contract for phase 2 of the Eastbrook cycle route be awarded to "
        "Larchfield Civils Ltd.",
        "Vote: 4 in favour, 2 against. The motion was carried.",
    ]  # not the last minutes' approval, nor "please raise your voting cards"


@pytest.mark.parametrize("number", ["{}. ", "Item {}: ", "Item {} – ", "{}) ", "Agenda item {}. "])
def test_an_agenda_with_numbered_headings_is_summarised_by_them(
    make_folder: FolderFactory, number: str
) -> None:
    items = [
        "Welcome and apologies (10:00)",
        "Minutes of the previous meeting (10:05)",
        "Chief Executive's report (10:15)",
        "Winter plan 2026/27 (10:40)",
    ]
    under = [
        "Presented by the Chair.",
        "Paper BD/26/101. For approval.",
        "Presented by Dr Samuel Threlkeld. Paper BD/26/103. For noting.",
        "Presented by Nadia Kowalczyk. For approval.",
    ]
    headings = [number.format(n) + item for n, item in enumerate(items, start=1)]
    agenda = "\n\n".join(
        [
            "# Board of Directors: agenda",
            "Meeting in public to be held on Tuesday 3 November 2026 from 10:00 in the Centre.",
            "Board members: Dr Samuel Threlkeld (Chief Executive), Nadia Kowalczyk, Fiona Gethin.",
            *(f"### {heading}\n\n{text}" for heading, text in zip(headings, under, strict=True)),
        ]
    )
    summary = _summarised(make_folder, "agenda.md", agenda)
    texts = [q.text for q in summary.quotes]
    assert texts == [
        "Meeting in public to be held on Tuesday 3 November 2026 from 10:00 in the Centre.",
        *headings,
    ]
    # Each item cited by the passage under it.
    assert [c.passage.heading for c in summary.citations][1:] == texts[1:]


def test_a_sub_item_heading_does_not_restart_an_agendas_list(make_folder: FolderFactory) -> None:
    parts = ["# Agenda", "Meeting of the board to be held on Tuesday 3 November 2026 at 10:00."]
    for heading in ["Item 1: Welcome and apologies", "Item 2: Minutes of the last meeting",
                    "Item 3: Finance report", "Item 3.1: Capital programme",
                    "Item 4: Winter plan"]:  # fmt: skip
        parts += [f"## {heading}", f"Paper for {heading.split(': ')[1].lower()}, for noting."]
    texts = _summary_texts(make_folder, "agenda.md", "\n\n".join(parts))
    assert [t for t in texts if t.startswith("Item")] == [
        "Item 1: Welcome and apologies",
        "Item 2: Minutes of the last meeting",
        "Item 3: Finance report",
        "Item 4: Winter plan",
    ]


def test_the_opening_does_not_repeat_a_joined_outcome(make_folder: FolderFactory) -> None:
    minutes = (
        "# Parish council\n\nRESOLVED: That the parish council adopts the new standing "
        "orders from 1 May. The motion was carried unanimously by the members present.\n\n"
        "RESOLVED: That the council awards the grass cutting contract to Green Verge Ltd.\n"
    )
    texts = _summary_texts(make_folder, "minutes.md", minutes)
    assert len(texts) == len(set(texts))
    assert not any(t.startswith("The motion was carried") for t in texts)


def test_what_a_bare_outcome_decided_stays_within_its_item_and_speaker(
    make_folder: FolderFactory,
) -> None:
    transcript = (
        "# Trust meeting\n\n"
        "Agnes Borrowdale: I am worried that the branch libraries will lose their Saturday "
        "opening hours under this budget.\n\n"
        "Maria Lindqvist: Thank you, Agnes. The motion is carried.\n\n"
        "Maria Lindqvist: The second motion is to approve the roof works at Ashgrove for "
        "£286,000. That is carried unanimously.\n"
    )
    summary = _summarised(make_folder, "transcript.md", transcript)
    narration = [q.text for q in summary.quotes if not q.speaker]
    assert narration == [  # not Agnes's worry, nor a bare "The motion is carried."
        "The second motion is to approve the roof works at Ashgrove for £286,000. "
        "That is carried unanimously."
    ]
    minutes = "\n\n".join(
        [
            "PARISH COUNCIL MINUTES",
            "Item 5: Library. Cllr Lind thanked the library volunteers for keeping the branch "
            "open through the winter storms and the floods of January.",
            "Item 6: Skate park",
            "The motion was carried by 5 votes to 2.",
            "Item 7: Footpaths. The council agreed to repair the footpath by Mill Lane.",
        ]
    )
    texts = _summary_texts(make_folder, "parish.txt", minutes)
    carried = texts.index("The motion was carried by 5 votes to 2.")
    assert texts[carried - 1] == "Item 6: Skate park"  # what it decided: its item, not item 5


def test_decisions_worded_as_to_come_or_in_minutes_of_time(make_folder: FolderFactory) -> None:
    minutes = "\n\n".join(
        [
            "# Transport Committee",
            "The committee met on Tuesday 12 May 2026 at 18:00 in the Council Chamber.",
            "The minutes of the meeting held on 3 March were approved as a correct record.",
            "The minutes of the February meeting were approved and signed by the Chair.",
            "The council agreed to repair the footpath once funding is approved by the county.",
            "It was agreed that buses on Route 7 would run every 12 minutes at peak times.",
            "RESOLVED: That the Council adopt the Northvale Local Plan.",
            "The revised budget is to be approved by the full council in June.",
        ]
    )
    texts = _summary_texts(make_folder, "minutes.md", minutes)
    assert "It was agreed that buses on Route 7 would run every 12 minutes at peak times." in texts
    assert not any(t.startswith("The minutes of the") for t in texts)
    assert (
        "The council agreed to repair the footpath once funding is approved by the county." in texts
    )
    assert "The revised budget is to be approved by the full council in June." not in texts[1:3]


def test_an_agenda_saying_something_is_to_be_approved_is_still_its_items(
    make_folder: FolderFactory,
) -> None:
    headings = ["Welcome and apologies", "Minutes of the previous meeting", "Budget monitoring"]
    agenda = "# Governing Body: agenda\n\nMeeting of the full governing body on 3 November.\n\n"
    agenda += "".join(
        f"## {n}. {h}\n\nThe revised budget is to be approved by governors at item {n}.\n\n"
        for n, h in enumerate(headings, 1)
    )
    texts = _summary_texts(make_folder, "agenda.md", agenda)
    assert texts[1:4] == [f"{n}. {h}" for n, h in enumerate(headings, 1)]


def test_minutes_do_not_open_with_the_last_minutes_approval(make_folder: FolderFactory) -> None:
    minutes = "\n\n".join(
        [
            "# Full council",
            "RESOLVED that the minutes of the meeting held on 13 February 2024 be approved.",
            "A resident of Park Road asked about the flooding of the footpath behind the school.",
            "RESOLVED that the council adopts the new tree policy for its parks.",
            "RESOLVED that the grass cutting contract be awarded to Greenway Ltd.",
        ]
    )
    texts = _summary_texts(make_folder, "minutes.md", minutes)
    assert texts[0].startswith("A resident of Park Road")


def test_a_speakers_quote_is_a_sentence_not_the_headline_of_their_paragraph(
    make_folder: FolderFactory,
) -> None:
    lede = (
        "Ashbourne Library will reopen to the public on Saturday 20 April following a "
        "six-month refurbishment costing £1.2 million, Derbyshire County Council announced today."
    )
    release = "\n".join(  # a paragraph a line: the headline stays with the lede's paragraph
        [
            "Ashbourne Library to reopen after £1.2 million refurbishment",
            lede,
            "The Ashbourne Library refurbishment added a makerspace and a children's area, "
            "twelve more computers and a community room that local groups can book for free.",
        ]
    )
    summary = _summarised(make_folder, "release.txt", release)
    assert [q.text for q in summary.quotes if q.speaker] == [lede]


def test_a_bare_outcome_with_nothing_said_of_what_it_decided_is_left_out(
    make_folder: FolderFactory,
) -> None:
    transcript = (
        "# Scrutiny panel\n\n"
        "Robert Hale: The panel has heard the finance director on the leisure centre loan.\n\n"
        "Linda Marsh: Annual borrowing costs would be about £560,000 for the leisure centre.\n\n"
        "Robert Hale: Good, that is agreed unanimously.\n"
    )
    texts = _summary_texts(make_folder, "panel.md", transcript)
    assert "Good, that is agreed unanimously." not in texts


def test_a_speaker_is_quoted_for_what_they_said_not_for_saying_who_they_are(
    make_folder: FolderFactory,
) -> None:
    """Captions end a turn without a stop: an unpunctuated last sentence still beats an
    introduction."""
    cues = [
        ("Patrick O'Shea", "Patrick O'Shea, Dunmore Rowing Club. Smaller clubs are already "
         "struggling with boat storage costs, so another four pounds a head isn't nothing"),
        ("Sophie Marrable", "Hi, I'm Sophie Marrable, Castlereach Boat Club. We support the "
         "increase if the spending is published"),
        ("Gwen Halloran", "I'm Gwen Halloran, the chair."),  # all she said: still her line
    ]  # fmt: skip
    vtt = "WEBVTT\n\n" + "\n\n".join(
        f"00:0{n}:00.000 --> 00:0{n}:09.000\n<v {who}>{text}" for n, (who, text) in enumerate(cues)
    )
    summary = _summarised(make_folder, "agm.vtt", vtt)
    assert {q.speaker: q.text for q in summary.quotes if q.speaker} == {
        "Patrick O'Shea": "Smaller clubs are already struggling with boat storage costs, so "
        "another four pounds a head isn't nothing",
        "Sophie Marrable": "We support the increase if the spending is published",
        "Gwen Halloran": "I'm Gwen Halloran, the chair.",
    }


@pytest.mark.parametrize(
    ("sentence", "speaker", "introduction"),
    [
        ("Patrick O'Shea, Dunmore Rowing Club.", "Patrick O'Shea", True),
        ("Hi, Owen de Courcy.", "Owen de Courcy", True),
        ("My name is Ana Ruiz.", "Councillor Ana Ruiz", True),
        ("Patrick said no.", "Patrick O'Shea", False),
        ("Ana Ruiz, I disagree with the whole plan.", "Tom Hale", False),
        ("Ana Ruiz, Chair, 2 votes.", "Ana Ruiz", False),  # a figure: it says something
    ],
)
def test_what_counts_as_an_introduction(sentence: str, speaker: str, introduction: bool) -> None:
    assert introduces(sentence, speaker) is introduction


def test_a_proposer_is_quoted_for_the_proposal_and_its_outcome_is_a_decision(
    make_folder: FolderFactory,
) -> None:
    minutes = (
        "# Harbour board minutes\n\n## 4. Berthing fees\n\n"
        "Cllr Tom Ellery proposed an increase of 4% in berthing fees from April to cover the "
        "dredging costs. The motion was seconded by Dr Sunita Raman.\n\nThe motion was carried.\n"
    )
    service = service_for(make_folder({"minutes.md": minutes}))
    spoke = service.ask("Who spoke?").summary
    assert spoke is not None
    assert [(q.speaker, q.text[:30]) for q in spoke.quotes] == [
        ("Cllr Tom Ellery", "Cllr Tom Ellery proposed an in")
    ]  # not "The motion was seconded by Dr Sunita Raman." as his
    decided = service.ask("What was decided?").summary
    assert decided is not None
    assert [q.text for q in decided.quotes][-1] == "The motion was carried."
    assert decided.quotes[0].text.startswith("Cllr Tom Ellery proposed an increase of 4%")
    opposed = minutes.replace(
        "\n\nThe motion was carried.",
        "\n\nCllr Ana Ruiz opposed the motion. She said the cost could not be met.\n\n"
        "The motion was carried.",
    )
    decided = service_for(make_folder({"minutes.md": opposed})).ask("What was decided?").summary
    assert decided is not None
    assert not any("could not be met" in q.text for q in decided.quotes)  # no opponent's point
    for adjective in (
        "She said the proposed increase",
        "She said the proposed parking charges and",
    ):
        said = opposed.replace("She said the cost", adjective)
        decided = service_for(make_folder({"minutes.md": said})).ask("What was decided?").summary
        assert decided is not None
        assert decided.quotes[0].text.startswith("Cllr Tom Ellery"), adjective
    for wording in (
        "proposed, and Dr Sunita Raman seconded, an increase of",
        "proposed, seconded by Dr Sunita Raman, an increase of",
        "moved approval of",
        "proposed refusal of",
        "moved deferral of",
        "proposed increasing",
        "proposed to defer",
        "proposed, Dr Sunita Raman seconding, an increase of",
        "proposed Option B, an increase of",
        "proposed its adoption, an increase of",
        "introduced the report and moved an increase of",
        "then proposed to the board an increase of",
    ):
        moved = opposed.replace("proposed an increase of", wording)
        decided = service_for(make_folder({"minutes.md": moved})).ask("What was decided?").summary
        assert decided is not None and decided.quotes[0].text.startswith("Cllr Tom Ellery")
