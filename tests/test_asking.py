"""What a message asks of the bot besides a question: a summary, who spoke, who attended."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from bot.asking import (
    agenda_asked,
    agenda_topic_asked,
    apologies_asked,
    attendance_asked,
    decisions_asked,
    help_asked,
    next_asked,
    speakers_asked,
    summary_asked,
    when_asked,
)


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("Summarise the meeting", ""),
        ("summarize", ""),
        ("Please sum up the latest minutes.", ""),
        ("Can you give me a summary of the budget debate?", "the budget debate"),
        ("Summary of the Ashgrove roof", "the Ashgrove roof"),
        ("Could you summarise the discussion about open innovation?",
         "the discussion about open innovation"),
        ("What did the summary of the audit say?", None),  # a question about a summary
        ("Who summarised the debate?", None),
        ("summarise the meeting please", ""),
        ("Can you summarise the harbour board minutes, please?", "the harbour board minutes"),
        ("Summarise the budget for me, thanks!", "the budget"),
        ("Summarise the meeting. Who chaired it?", None),  # more than a summary: a question
        ("tl;dr", ""),
        ("tldr of the budget debate", "the budget debate"),
        ("can u summarise it", ""),
        ("What happened at the AGM?", "the AGM"),
        ("what happened", ""),
        ("What happened to the library?", None),  # a question about the library
        ("main takeaways from the hearing", "the hearing"),
    ],
)  # fmt: skip
def test_a_summary_asked_as_a_question(question: str, subject: str | None) -> None:
    assert summary_asked(question) == subject


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("Who spoke at the meeting?", ""),
        ("who spoke", ""),
        ("Who were the speakers at the PPSTI meeting?", "the PPSTI meeting"),
        ("What did the speakers say?", ""),
        ("Who else spoke in the harbour board meeting, please?", "the harbour board meeting"),
        ("Who presented at the AGM?", "the AGM"),
        ("Who gave evidence to the inquiry?", "the inquiry"),
        ("Who said what?", ""),
        ("Who spoke about the budget?", None),  # a question about the budget
        ("Who spoke first?", None),
        ("Who presented the budget?", None),
        ("Who spoke at the meeting? And who chaired it?", None),
        ("@bot who will be presenting at the youth panel", "the youth panel"),
        ("could you tell me who addressed the committee", "the committee"),
        ("list of speakers pls", ""),
        ("who's speaking at the schools forum", "the schools forum"),
        ("Who spoke? thanks", ""),
        ("Hi there, who spoke?", ""),
        ("Who spoke today?", ""),
        ("Who spoke at the harbour board on marine safety?", None),  # "on" a topic, not "mar"
        ("Who spoke at the planning committee for the residents?", None),
        ("Who spoke in support of the library trust budget?", None),
        ("Who spoke at the board on 3 March?", "the board on 3 March"),
        ("Who were the key speakers?", ""),
        ("Who all spoke?", ""),
        ("Who had their say?", ""),
        ("Good morning, who spoke? thx", ""),
        ("Who spoke at the Partnership on Science and Innovation?",
         "the Partnership on Science and Innovation"),  # "on" a name, not a topic
        ("which members of the public spoke", ""),
        ("who were the guest speakers at the annual meeting", "the annual meeting"),
    ],
)  # fmt: skip
def test_who_spoke_asked(question: str, subject: str | None) -> None:
    assert speakers_asked(question) == subject


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("Who attended the meeting?", ""),
        ("Who was present?", ""),
        ("who was there", ""),
        ("Who were the attendees?", ""),
        ("Who was present at the board meeting?", "the board meeting"),
        ("Who attended the planning committee?", "the planning committee"),
        ("Who took part in the hearing?", "the hearing"),
        ("Who was at the harbour board meeting, please?", "the harbour board meeting"),
        ("Who sent apologies?", None),  # who was away: apologies_asked's
        ("Who was absent?", None),
        ("Who was elected chair?", None),
        ("attendees?", ""),
        ("hi, who were the members in attendance at the health panel", "the health panel"),
        ("I'd like to know who was at the parish council meeting", "the parish council meeting"),
        ("pls list the attendees for the ferry consultation", "the ferry consultation"),
        ("attendance list for the 3 March board meeting?", "the 3 March board meeting"),
        ("who turned up to the youth panel", "the youth panel"),
        ("which councillors were present at the planning committee", "the planning committee"),
        ("Was anyone from the fire service at the meeting?", None),  # yes or no
        ("Who was there from the parish council?", None),  # who came from it: a question
        ("Who joined the meeting?", ""),
        ("Who was on the call?", ""),
        ("Who was present at the finance committee for item 5?", None),
        # Goes on to a topic ("for …"): answered as a question.
        ("Who attended as substitute for Cllr Heddle?", None),
    ],
)  # fmt: skip
def test_who_attended_asked(question: str, subject: str | None) -> None:
    assert attendance_asked(question) == subject


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("What was decided?", ""),
        ("what was agreed", ""),
        ("What was decided at the planning committee?", "the planning committee"),
        ("What decisions were made?", ""),
        ("What were the outcomes of the meeting?", ""),
        ("What did the board decide?", "the board"),
        ("What did they decide at the library trust AGM?", "the library trust AGM"),
        ("What did the harbour board agree on?", "the harbour board"),
        ("What did the board decide about dredging?", None),  # a question about dredging
        ("What was decided about the roof?", None),
        ("What was the outcome of the vote on the budget?", None),  # one item's outcome
        ("What was the result of the appeal?", None),
        ("What was the result of the Ashcombe meeting?", "the Ashcombe meeting"),
        ("decisions?", ""),
        ("key decisions from the ferry consultation", "the ferry consultation"),
        ("what got approved at the museum trust board", "the museum trust board"),
        ("what motions were carried", ""),
        ("what came out of the tenants forum", "the tenants forum"),
        ("pls summarise the decisions from yesterday's hearing", "yesterday's hearing"),
        ("what got decided at the Marsh Lane meeting lol", "the Marsh Lane meeting"),
        ("did they approve anything at the schools forum", "the schools forum"),
        ("What did the committee decide on the junction?", None),
        ("What did the finance committee decide to do with Lochside beds?", None),
        ("What was decided on the 3rd of May?", "the 3rd of May"),
        ("What was voted on?", ""),
        ("Were any decisions made?", ""),
        ("What decisions did the committee make?", "the committee"),
    ],
)  # fmt: skip
def test_what_was_decided_asked(question: str, subject: str | None) -> None:
    assert decisions_asked(question) == subject


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("When was the meeting?", ""),
        ("when did they meet", ""),
        ("date of the meeting?", ""),
        ("Where was it held?", ""),
        ("where was the last meeting", ""),
        ("When was the meeting held?", ""),
        ("When did the meeting take place?", ""),
        # A meeting named is found by searching: its name is in the sentence that says when.
        ("Where was the planning committee meeting held?", None),
        ("When is the next meeting?", None),  # the documents say it in their own words
        ("When is the meeting?", None),  # one to come: searching finds "will be held on"
        ("When will they meet?", None),
        ("When was the budget approved?", None),
        ("when does the ferry consultation close", None),
        ("Where can I find the minutes?", None),
    ],
)  # fmt: skip
def test_when_and_where_asked(question: str, subject: str | None) -> None:
    assert when_asked(question) == subject


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("When is the next meeting?", ""),
        ("next meeting?", ""),
        ("when and where is the next one", ""),
        ("date of the next board meeting", "board meeting"),
        ("When is the next harbour board meeting?", "harbour board meeting"),
        ("when does the board meet again", "the board"),
        ("next meeting date pls", ""),
        ("What is happening next week?", None),
        ("When is the next meeting about the budget?", None),  # a topic
        ("Who is next?", None),
    ],
)  # fmt: skip
def test_the_next_meeting_asked(question: str, subject: str | None) -> None:
    assert next_asked(question) == subject


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("Who sent apologies?", ""), ("who was absent", ""), ("any apologies?", ""),
        ("apologies?", ""), ("list of apologies pls", ""), ("Who missed the meeting?", ""),
        ("Who sent apologies to the September transport committee meeting?",
         "the September transport committee meeting"),
        ("Which board member sent apologies for the November meeting?", "the November meeting"),
        ("which councillor was absent", ""), ("Who sent apologies for absence?", ""),
        ("who couldn't make it to the board meeting", "the board meeting"),
        ("Apologies for absence at the planning committee", "the planning committee"),
        ("did anyone send apologies?", ""), ("were there any apologies?", ""),
        ("Who sent apologies about the delay?", None),  # a topic: answered as a question
        ("Who apologised?", None),  # for what they did, not for being away
        ("Who attended?", None),
    ],
)  # fmt: skip
def test_apologies_asked(question: str, subject: str | None) -> None:
    assert apologies_asked(question) == subject


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("What's on the agenda?", ""), ("whats on the agenda", ""), ("agenda?", ""),
        ("agenda items", ""), ("agenda for the next meeting?", ""), ("what will be discussed", ""),
        ("what is on the agenda for the harbour board", "the harbour board"),
        ("what will be discussed at the youth panel", "the youth panel"),
        ("What will the board discuss?", "the board"),
        ("what's on the agenda for the next harbour board meeting", "the harbour board meeting"),
        ("What was on the agenda at the April board meeting?", "the April board meeting"),
        ("What's on the agenda for dredging?", "dredging"),  # no meeting: searched for, later
        ("What's on the agenda this week?", ""), ("what's on next week's agenda?", ""),
        ("can you send me the agenda", ""), ("what items are on the agenda", ""),
        ("What topics will be discussed at the next meeting?", ""),
        ("What's up?", None), ("What does the press release look at?", None),
        ("What will the press release look at?", None), ("What do the minutes consider?", None),
        ("Is the budget on the agenda?", None),  # a topic: agenda_topic_asked's
        ("Is there anything on the agenda?", ""),
        ("What did the board discuss?", None),
        ("What will the board discuss about dredging?", None), ("Who is on the agenda?", None),
    ],
)  # fmt: skip
def test_agenda_asked(question: str, subject: str | None) -> None:
    assert agenda_asked(question) == subject


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Is the budget on the agenda?", ("the budget", "")),
        ("Is the budget still on the agenda?", ("the budget", "")),
        ("Is the budget on the agenda for the full council?", ("the budget", "the full council")),
        ("Is the skate park on the parks committee agenda?", ("the skate park", "parks committee")),
        ("Is the budget on next week's agenda?", ("the budget", "")),
        ("Is there anything on the agenda?", None), ("What's on the agenda?", None),
    ],
)  # fmt: skip
def test_a_topic_on_the_agenda_asked(question: str, asked: tuple[str, str] | None) -> None:
    assert agenda_topic_asked(question) == asked


@pytest.mark.parametrize(
    ("message", "asked"),
    [
        ("help", True), ("Help!", True), ("@Rapporteur help please", True),
        ("what can you do?", True), ("how do I use this", True),
        ("Who can help with funding?", False), ("help with the budget", False),
    ],
)  # fmt: skip
def test_help_asked(message: str, asked: bool) -> None:
    assert help_asked(message) is asked


@pytest.mark.parametrize(
    "read",
    [summary_asked, speakers_asked, attendance_asked, apologies_asked, decisions_asked,
     when_asked, next_asked, agenda_asked, agenda_topic_asked],
)  # fmt: skip
def test_a_long_message_is_read_in_linear_time(read: Callable[[str], str | None]) -> None:
    started = time.perf_counter()
    heads = ("summarise x", "who spoke at x", "who attended x", "what did x", "when was x",
             "when is the next x", "when does x", "who sent apologies to x",
             "who couldn't make it to x", "what's on the agenda for x",
             "what will the x discuss", "is x on the agenda")  # fmt: skip
    for head in heads:
        for tail in (" " * 50_000 + "y", ", " * 50_000 + "please", ". " * 50_000,
                     " decide" * 7_000 + " about", " decide at" * 5_000 + " x. y",
                     " held" * 10_000 + " x", " " * 50_000 + "held"):  # fmt: skip
            read(head + tail)
    # A lazy subject took 23 s on the first summary reader, 287 s on the first "when" one.
    assert time.perf_counter() - started < 1.0
