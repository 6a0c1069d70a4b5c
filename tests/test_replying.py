"""One reply to one message: summaries, who spoke and who attended are routed before the
question is answered, for the bot and the question sets alike."""

from __future__ import annotations

import pytest
from conftest import ROOT, FolderFactory, service_for

from bot.escaping import unescape
from bot.service import KnowledgeService

MEETINGS = ROOT / "tests" / "data" / "meetings"  # the development set's documents
DEV2 = ROOT / "tests" / "data" / "dev2"

MINUTES = """---
title: "Board minutes, 3 March 2027"
date: 2027-03-03
---
# Board minutes

## Present

- Councillor Ana Ruiz (Chair)
- Councillor Tom Bell
- Dr Sunita Raman

In attendance: Gwen Atherton, board secretary.

Apologies were received from Councillor Idris Mabey.

## 1. Budget

Councillor Tom Bell said the budget left no room for the ferry subsidy.

“We cannot keep the Sunday sailings on this budget,” said Dr Sunita Raman.

The board approved the budget by 5 votes to 1.
"""

AGENDA = """---
title: "Board agenda, 7 April 2027"
date: 2027-04-07
---
# Board agenda

1. Welcome and apologies.
2. Budget monitoring, presented by the director of finance.
"""


def _text(service: KnowledgeService, question: str, document: str | None = None) -> str:
    return unescape(service.renderer.answer(service.ask(question, document)).text)


def test_who_spoke_lists_each_speaker_with_a_quote(bundled: KnowledgeService) -> None:
    answer = bundled.ask("Who spoke at the meeting?")
    assert answer.answered and answer.summary is not None and answer.summary.kind == "speakers"
    assert [q.speaker for q in answer.quotes] == ["Chen Jiachang", "Dr Hwanil Park", "Hazami Habib"]
    assert answer.citations == answer.summary.citations  # buttons and --json cite them
    text = _text(bundled, "What did the speakers say?")
    assert text.startswith("**Who spoke** — APEC Economies Call")
    assert "- Hazami Habib: “Fostering an open innovation ecosystem" in text
    assert "**Who spoke**\n" not in text  # no second heading: the whole reply is who spoke


def test_a_speakers_quote_that_names_them_is_not_named_twice(make_folder: FolderFactory) -> None:
    service = service_for(make_folder({"minutes.md": MINUTES}))
    text = _text(service, "Who spoke?")
    assert "- Councillor Tom Bell said the budget left no room for the ferry subsidy. [" in text
    assert "Councillor Tom Bell: Councillor Tom Bell" not in text
    assert "- Dr Sunita Raman: “We cannot keep the Sunday sailings" in text


def test_help_says_what_can_be_asked(bundled: KnowledgeService) -> None:
    answer = bundled.ask("help")
    assert not answer.answered and answer.reason == "help" and answer.citations == ()
    text = bundled.renderer.answer(answer).text
    assert text.startswith("Ask me about the 1 meeting document in your own words")
    assert '"Who spoke?", "Who attended?", "Who sent apologies?", "What was decided?"' in text
    assert '"When is the next meeting?", "What\'s on the agenda?"' in text
    assert bundled.ask("Who can help with funding?").reason != "help"


def test_who_attended_quotes_the_roll_call_not_the_apologies(make_folder: FolderFactory) -> None:
    service = service_for(make_folder({"minutes.md": MINUTES, "agenda.md": AGENDA}))
    answer = service.ask("Who attended the board meeting?")
    assert answer.summary is not None and answer.summary.kind == "attendance"
    lines = [q.text for q in answer.quotes]
    assert lines == [
        "Councillor Ana Ruiz (Chair)", "Councillor Tom Bell", "Dr Sunita Raman",
        "In attendance: Gwen Atherton, board secretary.",
    ]  # fmt: skip
    text = _text(service, "who was present")
    assert text.startswith("**Who attended** — Board minutes, 3 March 2027 (2027-03-03):")
    assert "Idris Mabey" not in text


def test_who_sent_apologies_quotes_them_as_recorded(make_folder: FolderFactory) -> None:
    """The later agenda only plans to receive apologies: the minutes record them."""
    agenda = AGENDA + "\n## 1. Apologies\n\nTo receive apologies for absence.\n"
    service = service_for(make_folder({"minutes.md": MINUTES, "agenda.md": agenda}))
    answer = service.ask("Who sent apologies?")
    assert answer.summary is not None and answer.summary.kind == "apologies"
    assert [q.text for q in answer.quotes] == [
        "Apologies were received from Councillor Idris Mabey."
    ]
    text = _text(service, "who couldn't make it to the board meeting?")
    assert text.startswith("**Apologies** — Board minutes, 3 March 2027 (2027-03-03):")


def test_apologies_listed_under_their_heading(make_folder: FolderFactory) -> None:
    listed = (
        "# Minutes\n\n## Apologies\n\n- Cllr Jo Hale\n- Cllr Ed Marsh\n\n## 1. Budget\n\nNoted.\n"
    )
    service = service_for(make_folder({"m.md": listed}))
    assert [q.text for q in service.ask("who was absent").quotes] == [
        "Cllr Jo Hale",
        "Cllr Ed Marsh",
    ]


def test_the_latest_minutes_with_no_apologies_say_so(make_folder: FolderFactory) -> None:
    """An older meeting's apologies are not this one's; an agenda's duty and a release's
    apology to residents record nobody."""
    march = MINUTES.replace("3 March", "3 February").replace("2027-03-03", "2027-02-03")
    may = MINUTES.replace("Apologies were received from Councillor Idris Mabey.\n", "")
    agenda = AGENDA + "\n## 1. Apologies for absence\n\nThe Clerk to report any apologies.\n"
    release = (
        "# Bins\n\nWESTMARCH, 1 July 2027 – The council has sent its apologies to residents "
        "after bins were missed. Crews were absent because of flu.\n"
    )
    files = {"feb.md": march, "may.md": may, "agenda.md": agenda, "2027-07-01-bins.md": release}
    service = service_for(make_folder(files))
    for question in ("Who sent apologies?", "Who sent apologies for absence?", "who was absent",
                     "did anyone send apologies?"):  # fmt: skip
        answer = service.ask(question)
        assert answer.summary is not None and answer.summary.kind == "no_apologies", question
        assert answer.summary.document is not None
        assert answer.summary.document.path == "may.md", question
    text = _text(service, "any apologies?")
    assert text.startswith(
        "**No apologies are recorded; present** — Board minutes, 3 March 2027 (2027-03-03):\n"
        "- Councillor Ana Ruiz (Chair) [1]"
    )


def test_whats_on_the_agenda_lists_the_latest_agendas_items() -> None:
    service = service_for(MEETINGS)
    answer = service.ask("What's on the agenda?")
    assert answer.summary is not None and answer.summary.kind == "agenda"
    assert answer.summary.document is not None
    assert answer.summary.document.path == "2026-04-14-harbour-board-agenda.md"
    assert any(q.text.startswith("4. Dredging contract") for q in answer.quotes)
    text = _text(service, "what will the harbour board discuss?")
    assert text.startswith("**On the agenda** — Port Calder Harbour Authority – Agenda")
    # No agenda for the science council: the question is searched for, not another document.
    assert service.ask("agenda for the science council?").summary is None
    dredging = service.ask("What's on the agenda for dredging?")  # a topic: the agendas' item
    assert dredging.quotes[0].text.startswith("4. Dredging contract: mobilisation plan")
    assert {c.passage.document.path for c in dredging.citations} == {
        "2026-04-14-harbour-board-agenda.md"
    }
    budget = service.ask("Is the budget on the agenda?")
    assert not budget.answered and budget.question == "Is the budget on the agenda?"
    assert _text(service, "Is the budget on the agenda?") == (
        "I found nothing on this in the agenda: Port Calder Harbour Authority – Agenda for the "
        "Board Meeting, 14 April 2026 (2026-04-14)."
    )
    science = service.ask("agenda for the science council?")  # a meeting with no agenda
    assert {c.passage.document.path for c in science.citations} == {
        "2026-05-20-science-council-transcript.md"
    }


def test_an_undated_agenda_is_the_next_meetings(make_folder: FolderFactory) -> None:
    undated = AGENDA.replace("date: 2027-04-07\n", "")
    service = service_for(make_folder({"minutes.md": MINUTES, "board-agenda.md": undated}))
    answer = service.ask("What's on the agenda?")
    assert answer.summary is not None and answer.summary.kind == "agenda"
    assert answer.summary.document is not None
    assert answer.summary.document.path == "board-agenda.md"


def test_a_topic_is_looked_for_on_the_latest_agenda_only(make_folder: FolderFactory) -> None:
    old = AGENDA.replace("7 April", "3 March").replace("2027-04-07", "2027-03-03")
    old = old.replace("Budget monitoring", "Ferry subsidy review")
    files = {"2027-03-03-agenda.md": old, "2027-04-07-agenda.md": AGENDA}
    service = service_for(make_folder(files))
    assert not service.ask("Is the ferry subsidy on the agenda?").answered  # March's, not now
    monitoring = service.ask("Is budget monitoring on the board agenda?")
    assert monitoring.answered
    assert monitoring.citations[0].passage.document.path == "2027-04-07-agenda.md"


def test_a_topic_is_on_the_agenda_only_when_one_item_says_it(make_folder: FolderFactory) -> None:
    agenda = (
        "---\ntitle: Full Council – Agenda\ndate: 2027-03-01\n---\n# Full Council – Agenda\n\n"
        "## 2. Street trading policy\n\nTo approve the revised street trading policy.\n\n"
        "## 3. Lighting in the market hall\n\nTo note the new lighting in the market hall.\n"
    )
    service = service_for(make_folder({"2027-03-01-agenda.md": agenda}))
    halves = service.ask("Is street lighting on the agenda?")  # each item says half of it
    assert (halves.answered, halves.reason, halves.quotes) == (False, "not_on_agenda", ())
    assert _text(service, "Is street lighting on the agenda?").startswith(
        "I found nothing on this in the agenda: Full Council – Agenda (2027-03-01)."
    )
    hall = service.ask("Is the market hall lighting on the agenda?")
    assert hall.answered and hall.quotes[0].text.startswith("To note the new lighting")
    assert service.ask("Is the stret trading policy on the agenda?").answered  # a typo
    # Words no item uses do not count against one that says the rest; nor does a framing word.
    assert service.ask("Is the proposed street trading policy on the agenda?").answered
    assert service.ask("Is the street trading policy currently on the agenda?").answered
    assert service.ask("Is it on the agenda?").reason == "vague"  # names no topic


def test_a_document_that_mentions_an_agenda_is_not_one(make_folder: FolderFactory) -> None:
    minutes = MINUTES.replace(
        "In attendance:",
        "The Chair noted that item 5 had been withdrawn from the agenda.\n\nIn attendance:",
    )
    release = (
        "---\ntitle: Ashcombe sets out its agenda for a greener village\ndate: 2027-06-01\n---\n"
        "The parish council will plant 400 trees.\n"
    )
    service = service_for(make_folder({"minutes.md": minutes, "2027-06-01-release.md": release}))
    answer = service.ask("What's on the agenda?")
    assert answer.summary is None or answer.summary.kind != "agenda"


def test_apologies_for_something_else_are_not_for_absence(make_folder: FolderFactory) -> None:
    minutes = MINUTES.replace(
        "Apologies were received from Councillor Idris Mabey.",
        "Councillor Ana Ruiz sent her apologies for the late circulation of the budget papers. "
        "Apologies were received from Councillor Idris Mabey.",
    )
    answer = service_for(make_folder({"minutes.md": minutes})).ask("Who sent apologies?")
    assert [q.text for q in answer.quotes] == [
        "Apologies were received from Councillor Idris Mabey."
    ]


def test_an_agenda_item_named_apologies_records_nobody(make_folder: FolderFactory) -> None:
    school = "# Agenda\n\n1. Welcome, apologies for absence and declarations of interest.\n"
    answer = service_for(make_folder({"a.md": school})).ask("any apologies?")
    assert answer.summary is None or not answer.summary.found


def test_the_meeting_is_the_latest_that_has_any(make_folder: FolderFactory) -> None:
    """The agenda is later, but nobody has spoken at it yet: the minutes answer."""
    service = service_for(make_folder({"minutes.md": MINUTES, "agenda.md": AGENDA}))
    answer = service.ask("Who spoke?")
    assert answer.summary is not None and answer.summary.document is not None
    assert answer.summary.document.path == "minutes.md"
    assert {q.speaker for q in answer.quotes} == {"Councillor Tom Bell", "Dr Sunita Raman"}


def test_what_was_decided_lists_the_decisions_as_recorded(make_folder: FolderFactory) -> None:
    service = service_for(make_folder({"minutes.md": MINUTES, "agenda.md": AGENDA}))
    answer = service.ask("What was decided?")  # not asked of the later agenda
    assert answer.summary is not None and answer.summary.kind == "decisions"
    assert [q.text for q in answer.quotes] == ["The board approved the budget by 5 votes to 1."]
    text = _text(service, "What did the board decide?")
    assert text.startswith("**What was decided** — Board minutes, 3 March 2027 (2027-03-03):")


def test_a_chairs_tally_comes_with_the_motion_it_carried() -> None:
    """The chair states the motion, calls the vote, gives the tally: all three are heard,
    not the tally alone (the call of the vote is passed over)."""
    answer = service_for(MEETINGS).ask("What was decided at the science committee?")
    texts = [q.text for q in answer.quotes]
    assert texts[0].startswith("The proposal before the committee has three parts")
    assert texts[1].startswith("That is five in favour and one against")
    assert not any("All those in favour?" in t for t in texts)


def test_a_record_the_meeting_named_does_not_keep_is_said_to_be_missing() -> None:
    """The science committee's transcript records no apologies: that is the reply, not a
    search quoting its budget debate."""
    service = service_for(MEETINGS)
    answer = service.ask("Who sent apologies to the science committee?")
    assert not answer.answered and answer.reason == "not_recorded" and not answer.quotes
    assert [d.path for d in answer.closest] == ["2026-05-20-science-council-transcript.md"]
    text = service.renderer.answer(answer).text
    assert text.startswith("The document of this meeting does not record that: Varden Research")
    assert service.ask("Who sent apologies?").answered  # the harbour board's minutes record some
    attended = service.ask("Who attended the science council?")  # told in prose: searched
    assert attended.answered and "With me are Professor Marcus Adeyemi" in attended.quotes[0].text


def test_a_summary_asked_of_a_meeting_by_its_date_is_that_meetings(
    make_folder: FolderFactory,
) -> None:
    """The date is in the front matter, not the title: "Summarise the meeting of 14 February"
    is the February minutes' summary, not a topic summary of sentences saying "14 February"."""
    minutes = "---\ntitle: Planning committee minutes\ndate: {}\n---\n# Planning committee\n\n{}\n"
    files = {
        "jan.md": minutes.format("2026-01-10", "The committee met on 10 January 2026. The next "
                                 "meeting will be held on 14 February 2026."),
        "feb.md": minutes.format("2026-02-14", "The committee met on 14 February 2026. Members "
                                 "refused the Station Road application."),
    }  # fmt: skip
    answer = service_for(make_folder(files)).ask("Summarise the meeting of 14 February")
    assert answer.summary is not None and answer.summary.kind == "document"
    assert answer.summary.document is not None and answer.summary.document.path == "feb.md"


def test_a_summary_asked_with_a_document_is_of_it_or_of_a_topic_in_it() -> None:
    """/ask document:… "Summarise what was said about Mill Lane": the topic in that document;
    "Summarise the meeting" or its own name: the document's summary."""
    service = service_for(DEV2)
    minutes = "2027-04-06-county-planning-committee-minutes.md"
    for asked in ("Summarise what was said about Mill Lane", "summarise the talk about Mill Lane "
                  "on 6 April", "summarise the meeting on 6 April about Mill Lane"):  # fmt: skip
        topic = service.ask(asked, minutes)
        assert topic.summary is not None and topic.summary.kind == "topic", asked
        assert topic.summary.subject == "Mill Lane", asked
        assert {c.passage.document.path for c in topic.citations} == {minutes}
    for whole in ("Summarise the meeting", "summarise the county planning committee minutes",
                  "summarise the key points", "summarise the meeting on 6 April",
                  "summarise what went on", "summarise the minutes regarding 6 April",
                  "summarise the meeting on Teams"):  # fmt: skip
        summary = service.ask(whole, minutes).summary
        assert summary is not None and summary.kind == "document", whole


def test_speakers_an_agenda_names_are_found_by_a_search(make_folder: FolderFactory) -> None:
    """A meeting to come has no record of speakers, but its agenda may name them."""
    agenda = (
        "# Flood forum agenda\n\nDate: Tuesday 12 May 2026\n\nVenue: Riverside Hall\n\n"
        "1. Apologies.\n\n2. Guest speakers: Dr Helen Crowe of the Environment Agency will "
        "speak on the new flood maps.\n\n3. Sandbag stores and the winter plan.\n"
    )
    service = service_for(make_folder({"2026-05-12-flood-forum-agenda.md": agenda}))
    answer = service.ask("Who will speak at the flood forum meeting on 12 May?")
    assert answer.answered and "Dr Helen Crowe" in answer.quotes[0].text


def test_apologies_in_the_words_minutes_use_are_apologies(make_folder: FolderFactory) -> None:
    """ "sends her apologies", "Absent with apologies:", "Not present:" record apologies; and a
    meeting whose text says "apologies" in words the reader misses is searched, never said to
    record none."""
    minutes = "---\ntitle: Ashby parish council minutes\ndate: 2027-03-01\n---\n# Minutes\n\n{}\n"
    for line in ("Cllr Jo Hale sends her apologies.", "Absent with apologies: Cllr Jo Hale.",
                 "Not present: Cllr Jo Hale (apologies)."):  # fmt: skip
        folder = make_folder({"ashby.md": minutes.format(f"The council met. {line}")})
        answer = service_for(folder).ask("Who sent apologies to the Ashby parish council?")
        assert answer.answered and "Jo Hale" in answer.quotes[0].text, line
    odd = minutes.format("The council met. Cllr Jo Hale's apologies are noted by the chair.")
    answer = service_for(make_folder({"ashby.md": odd})).ask(
        "Who sent apologies to the Ashby parish council?"
    )
    assert answer.reason != "not_recorded"
    to_others = minutes.format("The council met. The clerk sent apologies to residents.")
    answer = service_for(make_folder({"ashby.md": to_others})).ask(
        "Who sent apologies to the Ashby parish council?"
    )
    assert answer.reason == "not_recorded"  # an apology to someone records no absence


def test_the_minutes_own_list_of_decisions_is_the_answer() -> None:
    service = service_for(MEETINGS)
    answer = service.ask("What did the harbour board decide?")
    assert answer.summary is not None and answer.summary.document is not None
    assert answer.summary.document.path == "2026-03-02-harbour-board-minutes.md"
    texts = [q.text for q in answer.quotes]
    assert len(texts) == 5 and texts[2].startswith("3. The board awarded the maintenance dredging")
    planning = service_for(DEV2).ask("What was decided at the planning committee?")
    assert [q.text[:9] for q in planning.quotes] == ["RESOLVED "] * 4 + ["RESOLVED:"]


def test_when_and_where_quote_the_sentence_giving_the_meetings_own_date() -> None:
    service = service_for(DEV2)
    answer = service.ask("When was the meeting?")  # the latest: 28 May, not the next one
    assert answer.summary is not None and answer.summary.kind == "when"
    assert [q.text for q in answer.quotes] == [
        "Minutes of the meeting held on Friday 28 May 2027 at 09:30 in Boardroom 2,"
        " Carrowmere House, Ardmellan."
    ]
    text = unescape(service.renderer.answer(answer).text)
    assert text.startswith("**When and where** — Finance and Performance Committee")
    named = service.ask("Where was the planning committee meeting held?")  # by searching
    assert named.summary is None and "held on Tuesday 6 April 2027" in named.quotes[0].text


def test_when_is_not_another_meetings_date(make_folder: FolderFactory) -> None:
    minutes = (
        "---\ntitle: Town Council minutes\ndate: 2027-06-10\n---\n"
        "The minutes of the meeting held on 23 April 2027 were approved as a correct record.\n\n"
        "Officers met the developer on 2 June 2027 to discuss the scheme.\n\n"
        "The council met on Thursday 10 June 2027 in the Guildhall.\n\n"
        "The next meeting will be held on 8 July 2027.\n"
    )
    service = service_for(make_folder({"minutes.md": minutes}))
    answer = service.ask("When was the meeting held?")
    assert [q.text for q in answer.quotes] == [
        "The council met on Thursday 10 June 2027 in the Guildhall."
    ]


def test_an_undated_release_says_when_in_its_own_words(bundled: KnowledgeService) -> None:
    answer = bundled.ask("When was the meeting?")
    assert answer.summary is not None and answer.summary.kind == "when"
    assert answer.quotes[0].text.endswith("held this week in Guangzhou.")


def test_only_the_latest_few_meetings_are_read_for_speakers(make_folder: FolderFactory) -> None:
    """Each meeting tried is read whole: past the latest three, the question is searched."""
    files = {"minutes.md": MINUTES}  # 3 March 2027: the only one with speakers
    for day in range(10, 14):  # four later agendas, nobody speaking in them
        files[f"agenda-{day}.md"] = AGENDA.replace("2027-04-07", f"2027-04-{day}")
    folder = make_folder(files)
    assert service_for(folder).ask("Who spoke?").summary is None
    for name in ("agenda-10.md", "agenda-11.md"):
        (folder / name).unlink()
    answer = service_for(folder).ask("Who spoke?")
    assert answer.summary is not None and answer.summary.kind == "speakers"


def test_a_meeting_is_named_by_the_words_of_its_title() -> None:
    service = service_for(MEETINGS)
    hearing = service.ask("Who spoke at the science committee hearing?")  # "Transcript" in title
    assert hearing.summary is not None and hearing.summary.document is not None
    assert hearing.summary.document.path == "2026-05-20-science-council-transcript.md"
    assert "Professor Marcus Adeyemi" in {q.speaker for q in hearing.quotes}
    present = service.ask("Who was present at the harbour board meeting?")
    assert present.summary is not None and present.summary.kind == "attendance"
    assert "Board members present: Councillor Ana Ruiz" in present.quotes[0].text
    scoped = service.ask("who spoke", document="2026-03-02-harbour-board-minutes.md")
    assert scoped.summary is not None and "Declan Huws" in {q.speaker for q in scoped.quotes}


def test_a_meeting_is_described_by_its_name_date_and_opening(make_folder: FolderFactory) -> None:
    service = service_for(make_folder({"minutes.md": MINUTES, "agenda.md": AGENDA}))
    by_date = service.ask("who was present at the board on 3 March")
    assert by_date.summary is not None and by_date.summary.kind == "attendance"
    by_weekday = service.ask("@bot what got approved at wednesday's board meeting")
    assert by_weekday.summary is not None and by_weekday.summary.kind == "decisions"
    topic = service.ask("what was the outcome of the ferry subsidy")  # named by no title
    assert topic.summary is None
    other = service.ask("What did the board decide on 29 March?")  # no meeting of that date
    assert other.summary is None


def test_a_long_list_fits_one_message_and_counts_the_rest(make_folder: FolderFactory) -> None:
    said = (
        "I think the roof of the reading room must be mended before the winter comes, whatever"
        " the cost turns out to be, or we will lose the building and the collection with it."
    )
    cues = "".join(
        f"00:{n:02d}:00.000 --> 00:{n:02d}:09.000\n<v Dr Speaker {chr(65 + n)}>{said} ({n})\n\n"
        for n in range(20)
    )
    service = service_for(make_folder({"2027-06-02-trust.vtt": "WEBVTT\n\n" + cues}))
    answer = service.ask("Who spoke?")
    assert answer.summary is not None
    rendered = service.renderer.answer(answer)
    assert len(rendered.text) <= 2000 and not rendered.shortened  # whole quotes, none cut
    shown = len(answer.quotes)
    assert 5 <= shown < 20 and answer.summary.omitted == 20 - shown
    assert f"\n- … and {20 - shown} more speakers in the document." in rendered.text  # a list line
    assert [q.speaker for q in answer.quotes][:2] == ["Dr Speaker A", "Dr Speaker B"]


def test_decisions_are_labelled_with_the_item_they_were_taken_under() -> None:
    answer = service_for(DEV2).ask("What was decided at the planning committee?")
    assert [q.item for q in answer.quotes][:2] == [
        "4. 27/00418/FUL – Land north of Mill Lane, Coldharbour",
        "5. 27/00152/FUL – Elsbridge Rowing Club, Riverside Walk",
    ]


def test_the_meeting_described_is_the_one_meant() -> None:
    """Item numbers are no dates, "May" is a month though a stopword, the word fewest
    meetings are named by tells them apart, and a topic after the meeting is a question."""
    dev2 = service_for(DEV2)
    assert dev2.ask("Who spoke on item 6?").summary is None
    may = dev2.ask("What was decided at the planning committee in May?")  # it met in April
    assert may.summary is None
    april = dev2.ask("Who attended the planning committee on 6 April?")
    assert april.summary is not None and april.summary.kind == "attendance"
    assert dev2.ask("Who spoke at the planning committee about Mill Lane?").summary is None
    assert dev2.ask("What did the trust decide on the roof?").summary is None
    assert dev2.ask("What was agreed for the branch libraries?").summary is None
    meetings = service_for(MEETINGS)
    may_i = dev2.ask("What was decided at the meeting, may I ask?")  # "may": no month here
    assert may_i.summary is not None and may_i.summary.document is not None
    assert may_i.summary.document.path.startswith("2027-05-28")  # the latest meeting
    in_may = meetings.ask("What was decided in May?")
    assert in_may.summary is not None and in_may.summary.document is not None
    assert in_may.summary.document.path == "2026-05-20-science-council-transcript.md"


def test_a_word_no_meeting_says_names_none_of_them() -> None:
    """ "plan" is not "Planning": a name matches as written; a word no meeting's name or
    opening says ("Audit") means a meeting the folder does not hold."""
    dev2 = service_for(DEV2)
    assert dev2.ask("What was decided in the savings plan?").summary is None
    assert dev2.ask("Who was at the health board's Audit and Risk Committee?").summary is None
    assert dev2.ask("Who will speak at the annual conference?").summary is None
    numeric = dev2.ask("Who attended the planning committee on 06/04/2027?")
    assert numeric.summary is not None and numeric.summary.document is not None
    assert numeric.summary.document.path.startswith("2027-04-06")
    release = dev2.ask("Who was quoted in the press release?")  # the kind it names
    assert release.summary is not None and release.summary.document is not None
    assert release.summary.document.path == "2027-05-11-rail-users-forum-release.txt"


def test_the_roll_call_is_found_however_far_back(bundled: KnowledgeService) -> None:
    """A roll call is read from a meeting's opening, so every meeting may be tried: in the
    development folder only the fourth latest has one."""
    answer = service_for(MEETINGS).ask("Who were the attendees?")
    assert answer.summary is not None and answer.summary.kind == "attendance"
    assert answer.summary.document is not None
    assert answer.summary.document.path == "2026-03-02-harbour-board-minutes.md"
    single = bundled.ask("thx, who spoke at the event?")  # the only meeting there is
    assert single.summary is not None and single.summary.kind == "speakers"


def test_dates_and_kinds_in_the_request() -> None:
    dev2 = service_for(DEV2)
    paths = {
        "Who spoke in the release?": "2027-05-11-rail-users-forum-release.txt",
        "Who spoke at the meeting on 6/4/27?": "2027-04-06-county-planning-committee-minutes.md",
        "Who spoke at the meeting on the 28th?": "2027-05-28-health-board-finance-committee-",
        "Who spoke at the annual general meeting?": "2027-04-22-library-trust-annual-meeting-",
    }
    for question, path in paths.items():
        summary = dev2.ask(question).summary
        assert summary is not None and summary.document is not None, question
        assert summary.document.path.startswith(path), question


def test_when_is_the_files_own_date_not_another_years(make_folder: FolderFactory) -> None:
    minutes = (
        "---\ntitle: Parish minutes\ndate: 2027-04-13\n---\n"
        "The footpath survey held on 13 April 2025 found three blocked stiles.\n\n"
        "The annual parish meeting had taken place on 13 April last year.\n\n"
        "Minutes of the meeting held on 13/04/2027 at 19:00 in the Village Hall.\n"
    )
    answer = service_for(make_folder({"minutes.md": minutes})).ask("When was the meeting?")
    assert [q.text for q in answer.quotes] == [
        "Minutes of the meeting held on 13/04/2027 at 19:00 in the Village Hall."
    ]


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        (  # a release issued the day after: the meeting's own sentence, not a quote
            "2027-05-11-rail-forum-release.txt",
            "Rail users want longer trains\n\n"
            "The Forum met on Tuesday 10 May 2027 in Ashby Town Hall.\n"
            'Maria Lopez told the meeting: "The 07:12 is always full."\n',
            "The Forum met on Tuesday 10 May 2027 in Ashby Town Hall.",
        ),
        (  # "the 6th of April", not the last meeting's date
            "2027-04-06-parish-minutes.md",
            "# Parish minutes\n\nThe minutes of the meeting held on 2 March 2027 were approved."
            "\n\nThe council met on Tuesday the 6th of April 2027 at 7pm in the hall.\n",
            "The council met on Tuesday the 6th of April 2027 at 7pm in the hall.",
        ),
        (
            "2027-04-06-board-minutes.md",
            "# Board minutes\n\nThe board met on 6 Apr 2027 in the boardroom.\n",
            "The board met on 6 Apr 2027 in the boardroom.",
        ),
        (  # released after the new year
            "2028-01-02-harbour-release.txt",
            "Harbour Board sets fees\n\nReleased 2 January 2028.\n"
            "The Harbour Board met on 30 December and set the fees for 2028.\n",
            "The Harbour Board met on 30 December and set the fees for 2028.",
        ),
        (  # a year before, to the day: not this meeting
            "2027-04-08-harbour-release.txt",
            "Harbour fees agreed\n\nThe fees were first discussed when the Harbour Board met "
            "on 6 April 2026, and deferred.\nThe board met on Tuesday 6 April 2027 and agreed "
            "them.\n",
            "The board met on Tuesday 6 April 2027 and agreed them.",
        ),
        (  # a year before, written as numbers
            "2027-04-08-harbour-release.txt",
            "Harbour fees agreed\n\nThe fees were first discussed when the Harbour Board met "
            "on 06/04/2026, and deferred.\nThe board met on Tuesday 6 April 2027 and agreed "
            "them.\n",
            "The board met on Tuesday 6 April 2027 and agreed them.",
        ),
        (  # a year before, its day read as another number near the month
            "2027-04-14-harbour-release.txt",
            "Harbour fees agreed\n\nThe Harbour Board met at 10 on 6 April 2026 and deferred the "
            "fees.\nThe board met on Tuesday 13 April 2027 and agreed them.\n",
            "The board met on Tuesday 13 April 2027 and agreed them.",
        ),
        (  # another date's year is not the meeting's
            "2027-04-08-harbour-release.txt",
            "Harbour fees agreed\n\nThe Harbour Board met on 6 April and set fees to apply "
            "from 1 January 2028.\n",
            "The Harbour Board met on 6 April and set fees to apply from 1 January 2028.",
        ),
        (  # filed days later: not a working party's meeting weeks before
            "2027-04-12-parish-minutes.md",
            "# Parish minutes\n\nMinutes of the meeting of the parish council, Tuesday 6 April "
            "2027 at 7pm.\n\nThe playground working party met on 20 March and chose swings.\n",
            "Minutes of the meeting of the parish council, Tuesday 6 April 2027 at 7pm.",
        ),
    ],
)
def test_when_is_the_meetings_own_sentence_however_it_writes_the_date(
    make_folder: FolderFactory, name: str, text: str, said: str
) -> None:
    answer = service_for(make_folder({name: text})).ask("When was the meeting?")
    assert [q.text for q in answer.quotes] == [said]


def test_the_next_meeting_is_the_one_its_latest_minutes_date() -> None:
    dev2 = service_for(DEV2)
    planning = dev2.ask("When is the next planning committee meeting?")
    assert planning.summary is not None and planning.summary.kind == "next"
    # Not "… a site visit on Monday 19 April 2027 …, and be brought back to the next meeting."
    assert [q.text for q in planning.quotes] == [
        "The next meeting will be held on Tuesday 4 May 2027 at 10:00 in the Council Chamber,"
        " Shire Hall."
    ]
    after = dev2.ask("when's the planning committee meeting after this one?")
    assert [q.text for q in after.quotes] == [q.text for q in planning.quotes]
    from bot.asking import next_asked

    assert next_asked("when is the vote after that") is None  # not a meeting
    latest = unescape(dev2.renderer.answer(dev2.ask("next meeting?")).text)
    assert latest.startswith("**Next meeting** — Finance and Performance Committee")
    assert "Friday 30 July 2027" in latest


def test_when_was_is_not_asked_of_a_meeting_to_come(make_folder: FolderFactory) -> None:
    minutes = MINUTES.replace("# Board minutes", "# Board minutes\n\nThe board met on 3 March.")
    agenda = AGENDA.replace("# Board agenda", "# Board agenda\n\nThe board will meet on 7 April.")
    service = service_for(make_folder({"minutes.md": minutes, "agenda.md": agenda}))
    answer = service.ask("When was the meeting held?")  # the agenda is later, but to come
    assert answer.summary is not None and answer.summary.document is not None
    assert answer.summary.document.path == "minutes.md"
    assert [q.text for q in answer.quotes] == ["The board met on 3 March."]  # no year: its own


def test_when_is_a_meeting_to_come_is_its_agendas_date(make_folder: FolderFactory) -> None:
    """An agenda dates its meeting in its opening, in words that name no meeting, and is
    published before it: "Date: Wednesday 7 April 2027", not "Published on 24 March 2027"."""
    agenda = AGENDA.replace(
        "# Board agenda",
        "# Harbour board agenda\n\nAgenda published on 24 March 2027.\n\nDate: Wednesday 7 "
        "April 2027\n\nVenue: Harbour House",
    )
    release = (
        "# Ferry release\n\nThe harbour board deferred the ferry decision until its meeting "
        "on 6 July 2027.\n"
    )
    files = {"minutes.md": MINUTES, "agenda.md": agenda, "2027-03-10-release.md": release}
    service = service_for(make_folder(files))
    for question in ("what day is the harbour board meeting", "When's the board meeting?",
                     "when is the meeting?"):  # fmt: skip
        answer = service.ask(question)
        assert [q.text for q in answer.quotes] == ["Date: Wednesday 7 April 2027"], question
    for question in ("Where is the harbour board meeting being held?", "wheres the meeting",
                     "where will the board meeting be held", "Hi, where is the board meeting?",
                     "Can you tell me where is the board meeting?"):  # fmt: skip
        answer = service.ask(question)
        assert [q.text for q in answer.quotes] == ["Venue: Harbour House"], question
    agenda_itself = service.ask("where's the agenda for the board meeting")
    assert not any(q.text == "Venue: Harbour House" for q in agenda_itself.quotes)
    from bot.asking import coming_asked as coming

    for named in ("the minutes committee meeting", "the agenda-setting meeting",
                  "the Link Road consultation meeting"):  # fmt: skip
        assert coming(f"When is {named}?") == named  # a name, not a document of the meeting
    circulated = agenda.replace(
        "Agenda published on 24 March 2027.",
        "Papers circulated on 24 March 2027. Questions must reach the clerk by 1 April 2027.",
    )
    service = service_for(make_folder({"agenda.md": circulated, "2027-03-10-release.md": release}))
    timed = service.ask("what time is the harbour board meeting")
    assert [q.text for q in timed.quotes] == ["Date: Wednesday 7 April 2027"]  # no time line
    from bot.asking import coming_asked

    assert coming_asked("When is the rent review?") is None  # not a meeting: searched
    assert coming_asked("when was the board meeting") is None  # one held: see when_asked
    assert coming_asked("What day is the AGM?") == "the AGM"


def test_an_item_about_a_venue_is_not_the_meetings_venue(make_folder: FolderFactory) -> None:
    agenda = (
        "# Arts panel agenda\n\nDate: Tuesday 4 May 2027\n\n1. Apologies.\n\n"
        "2. Summer festival venue: options appraisal by the events officer.\n"
    )
    service = service_for(make_folder({"2027-04-20-arts-panel-agenda.md": agenda}))
    answer = service.ask("Where is the arts panel meeting being held?")
    assert not any("festival venue" in q.text for q in answer.quotes)
    from bot.summarising import _MEETING_VENUE, _OPENING_LABEL

    lines = ("Venue: Shire Hall", "Date: 29 July Time: 10:00 Venue: Shire Hall", "- Venue: Hall",
             "Meeting location – Room 2", "Where: Shire Hall", "Location: online",
             "Place: Council Chamber", "DATE: MONDAY 12 APRIL VENUE: PAVILION ROOM",
             "Venue- Shire Hall",
             "Location of meeting: Room 4")  # fmt: skip
    for line in lines:
        assert _OPENING_LABEL.match(line) and _MEETING_VENUE.search(line), line
    not_venues = ("2. Festival venue: options", "- Venue-hire charges: review",
                  "When: 5 October, 2pm – the panel will choose the venue – options",
                  "When: 3 June, to settle the festival venue: options")  # fmt: skip
    for line in not_venues:
        assert not (_OPENING_LABEL.match(line) and _MEETING_VENUE.search(line)), line


def test_an_agenda_older_than_its_minutes_dates_no_meeting_to_come(
    make_folder: FolderFactory,
) -> None:
    """Minutes of the agenda's meeting, or of a later one, say when the next is: "When is
    the board meeting?" is searched, not answered by the agenda of a meeting held."""
    agenda = (
        "---\ntitle: Board agenda, 3 March 2027\ndate: 2027-03-01\n---\n# Board agenda\n\n"
        "Date: Wednesday 3 March 2027\n\nTime: 7pm\n\n1. Budget.\n"
    )
    minutes = MINUTES + "\n## Next meeting\n\nThe next board meeting is on 14 April 2027.\n"
    service = service_for(make_folder({"agenda.md": agenda, "minutes.md": minutes}))
    answer = service.ask("When is the board meeting?")
    assert not any("3 March" in q.text for q in answer.quotes), [q.text for q in answer.quotes]


def test_what_names_no_meeting_is_answered_as_a_question() -> None:
    service = service_for(DEV2)
    substitute = service.ask(
        "Who attended the planning committee as substitute for Councillor Frank Heddle?"
    )
    assert substitute.summary is None and substitute.answered
    assert "Councillor Tomasz Wrobel attended as substitute" in substitute.quotes[0].text
    agm = service.ask("Who spoke at the AGM?")  # the annual meeting, not the latest one
    assert agm.summary is not None and agm.summary.document is not None
    assert agm.summary.document.path == "2027-04-22-library-trust-annual-meeting-transcript.vtt"
    assert service.ask("Who spoke about the Ashgrove roof?").summary is None


def test_a_document_without_speakers_or_roll_call_is_asked_as_a_question(
    make_folder: FolderFactory,
) -> None:
    service = service_for(make_folder({"agenda.md": AGENDA}))
    assert service.ask("Who attended the meeting?").summary is None
    assert service.ask("Who spoke?").summary is None
    assert service.ask("What was decided?").summary is None  # an agenda's items are not


def test_a_summary_request_names_a_document_by_the_words_of_its_title() -> None:
    service = service_for(MEETINGS)
    before = service.stats.queries
    minutes = service.ask("Can you summarise the harbour board minutes please?")
    assert minutes.summary is not None and minutes.summary.document is not None
    assert minutes.summary.document.path == "2026-03-02-harbour-board-minutes.md"
    assert service.stats.queries == before + 1  # one request, counted once
    agenda = service.ask("summarise the agenda")
    assert agenda.summary is not None and agenda.summary.document is not None
    assert agenda.summary.document.path == "2026-04-14-harbour-board-agenda.md"
    fund = service.ask("Give me a summary of the drought fund")  # no title says it: a topic
    assert fund.summary is not None and fund.summary.kind == "topic"
