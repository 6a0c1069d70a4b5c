"""Passages follow paragraphs, with stable ids and human locations."""

from __future__ import annotations

from bot.models import Block, Document
from bot.sentences import split_sentences
from bot.splitting import SplitOptions, split_document


def document(*blocks: Block) -> Document:
    return Document("minutes.md", "Minutes", blocks)


def test_one_passage_per_paragraph_with_ids_and_locations() -> None:
    long_a = "The committee reviewed the budget for the coming year in detail today."
    long_b = "Members agreed to publish the minutes of the meeting within two weeks."
    passages = split_document(document(Block(long_a, "¶1"), Block(long_b, "¶2")))
    assert [(p.id, p.location, p.text) for p in passages] == [
        ("minutes.md#1", "¶1", long_a),
        ("minutes.md#2", "¶2", long_b),
    ]


def test_short_paragraphs_join_the_next_under_the_same_heading() -> None:
    passages = split_document(
        document(
            Block("Agenda", "¶1", "Budget"),
            Block(
                "The committee reviewed the budget for the coming year in detail.", "¶2", "Budget"
            ),
            Block("Short.", "¶3", "Other"),
        )
    )
    assert [(p.location, p.heading) for p in passages] == [("¶1–2", "Budget"), ("¶3", "Other")]
    # Each paragraph keeps its own line: "Agenda" is not the start of the next sentence.
    assert passages[0].text.split("\n") == ["Agenda", passages[0].text.split("\n")[1]]
    assert split_sentences(passages[0].text)[0] == "Agenda"


def test_long_paragraphs_are_cut_at_sentence_ends() -> None:
    sentence = "The committee discussed the budget at length and agreed on a plan. "
    passages = split_document(document(Block(sentence * 10, "¶1")), SplitOptions(max_words=30))
    assert len(passages) == 5
    assert all(p.location == "¶1" and p.text.endswith("plan.") for p in passages)
    assert [p.id for p in passages] == [f"minutes.md#{n}" for n in range(1, 6)]


def test_ids_are_stable_across_loads() -> None:
    blocks = (Block("A first paragraph of some length here, enough words.", "¶1"),)
    assert [p.id for p in split_document(document(*blocks))] == [
        p.id for p in split_document(document(*blocks))
    ]
