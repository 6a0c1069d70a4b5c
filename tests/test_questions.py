"""The project's own question set over knowledge/: facts found, and silence where due."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bot.escaping import unescape
from bot.service import KnowledgeService

QUESTIONS = tomllib.loads((Path(__file__).parent / "data" / "questions.toml").read_text())[
    "question"
]


def test_the_set_is_large_enough() -> None:
    answerable = [q for q in QUESTIONS if not q.get("abstain")]
    assert len(answerable) >= 20
    assert len(QUESTIONS) - len(answerable) >= 8


@pytest.mark.parametrize("item", QUESTIONS, ids=[q["ask"] for q in QUESTIONS])
def test_question(bundled: KnowledgeService, item: dict[str, object]) -> None:
    question = str(item["ask"])
    answer = bundled.ask(question)
    text = unescape(bundled.renderer.answer(answer).text.replace("**", ""))
    if item.get("abstain"):
        assert not answer.answered, text
        assert answer.citations == ()
    else:
        assert answer.answered, text
        assert str(item["fact"]) in text
