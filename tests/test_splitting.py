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
    assert passages[0].text == (
        "Agenda\nThe committee reviewed the budget for the coming year in detail."
    )
    assert split_sentences(passages[0].text)[0] == "Agenda"


def test_a_list_goes_on_the_line_that_introduces_it() -> None:
    blocks = [
        Block("Present:", "¶1"),
        Block("- Ana Ruiz (Chair)", "¶2"),
        Block("- Tom Ellery", "¶3"),
    ]
    (passage,) = split_document(document(*blocks))
    assert passage.text == "Present: - Ana Ruiz (Chair) - Tom Ellery"
    assert split_sentences(passage.text) == [passage.text]  # who was there, in one quote


def test_a_long_paragraph_is_cut_with_its_line_breaks_kept() -> None:
    sentence = "The board reviewed the harbour budget and the dredging plan in detail. "
    text = "Harbour Board Adopts Budget\n" + sentence * 40
    pieces = split_document(document(Block(text.strip(), "¶1")), SplitOptions(max_words=100))
    assert len(pieces) > 1
    assert pieces[0].text.startswith("Harbour Board Adopts Budget\nThe board reviewed")
    assert "".join(p.text for p in pieces).replace(" ", "") == text.replace(" ", "")


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


def test_numbered_items_and_a_list_after_a_sentence_keep_their_own_lines() -> None:
    blocks = [
        Block("Decision: Agreed.", "¶1"),
        Block("3. Allotments The proposal falls within the boundary.", "¶2"),
        Block("- Dan Cole to review the dues.", "¶3"),
    ]
    (passage,) = split_document(document(*blocks))
    assert split_sentences(passage.text) == [b.text for b in blocks]
