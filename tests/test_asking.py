"""What a message asks of the bot besides a question: a summary, who spoke, who attended."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from bot.asking import attendance_asked, speakers_asked, summary_asked


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
        ("Who sent apologies?", None),  # who was away: a question like any other
        ("Who was absent?", None),
        ("Who was elected chair?", None),
        # Names no meeting of its own: the reply falls back to answering it (see replying).
        ("Who attended as substitute for Cllr Heddle?", "as substitute for Cllr Heddle"),
    ],
)  # fmt: skip
def test_who_attended_asked(question: str, subject: str | None) -> None:
    assert attendance_asked(question) == subject


@pytest.mark.parametrize("read", [summary_asked, speakers_asked, attendance_asked])
def test_a_long_message_is_read_in_linear_time(read: Callable[[str], str | None]) -> None:
    started = time.perf_counter()
    for head in ("summarise x", "who spoke at x", "who attended x"):
        for tail in (" " * 50_000 + "y", ", " * 50_000 + "please", ". " * 50_000):
            read(head + tail)
    assert time.perf_counter() - started < 1.0  # a lazy subject took 23 s on the first
