"""Decisions and tallies as minutes and transcripts record them, read off the wording."""

from __future__ import annotations

import pytest

from bot.analysis import Analyser
from bot.decisions import approves_minutes, bare, opens_item, recorded

A = Analyser()


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("RESOLVED (6 for, 3 against): That planning permission be granted.", "decision"),
        ("RESOLVED: That … a flood plan to be approved before first use.", "decision"),
        ("The council agreed to proceed once funding is approved by the county.", "decision"),
        ("That is five in favour and one against.", "tally"),
        ("The revised budget is to be approved by governors.", None),  # still to come
        ("The budget was balanced when Council approved it in July.", None),  # told of
        ("The minutes of the February meeting were approved and signed.", None),  # a formality
        ("It was agreed that buses would run every 12 minutes.", "decision"),
        ("All those in favour?", None),
    ],
)
def test_what_a_sentence_records(sentence: str, kind: str | None) -> None:
    assert recorded(sentence, A) == kind


def test_a_bare_outcome_says_nothing_of_what_was_decided() -> None:
    for sentence in ("The motion was carried.", "Vote: 6 in favour, 1 against.",
                     "Proposed by Councillor Ann Ruiz, seconded by Councillor Tom Hale.",
                     "Decision: Agreed unanimously."):  # fmt: skip
        assert bare(sentence, A), sentence
    named = ("Motion: That the contract be awarded to Larchfield Civils Ltd.",
             "Item 6: Skate park", "The council agreed to repair the footpath.")  # fmt: skip
    for sentence in named:
        assert not bare(sentence, A), sentence


def test_item_titles_and_the_minutes_approval() -> None:
    assert opens_item("Item 6: Skate park") and opens_item("**7. Car park**")
    assert not opens_item("The 7 members agreed.")
    assert approves_minutes(
        "RESOLVED: That the minutes of the meeting held on 2 March be approved."
    )
    assert not approves_minutes("The meeting was extended by 15 minutes.")
