"""The question and rating log: one JSON object a line, and never an error for its caller."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from bot.feedback import FeedbackLog


def test_a_question_with_half_an_emoji_is_logged_as_its_escape(tmp_path: Path) -> None:
    log = FeedbackLog(tmp_path / "logs" / "feedback.jsonl")
    log.write("question", question="Who chairs it? \ud83d", user_id=7)
    log.write("rating", value="up")
    first, second = (tmp_path / "logs" / "feedback.jsonl").read_text("utf-8").splitlines()
    assert json.loads(first)["question"] == "Who chairs it? \ud83d"  # read back as sent
    assert json.loads(second)["type"] == "rating"


def test_a_log_that_cannot_be_written_warns_and_never_raises(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "feedback.jsonl").mkdir()  # a folder where the file should be
    with caplog.at_level(logging.WARNING):
        FeedbackLog(tmp_path / "feedback.jsonl").write("question", question="Budget?")
    assert "could not write to the feedback log" in caplog.text
