"""Pseudo-relevance feedback: off means plain rank-bm25; on, it finds the paraphrased passage."""

from __future__ import annotations

from bot.analysis import Analyser
from bot.expansion import Expansion, expanded_search
from bot.index import Index
from bot.models import Document, Passage

A = Analyser()


def index_of(*texts: str) -> Index:
    document = Document("m.md", "m", ())
    return Index([Passage(f"m.md#{i}", document, i, f"¶{i}", t) for i, t in enumerate(texts, 1)], A)


def test_off_is_the_plain_search() -> None:
    index = index_of("budget approved", "budget rejected twice", "weather")
    terms = A.query_terms("budget")
    plain = index.search(terms, 3)
    assert expanded_search(index, terms, 3, expansion=Expansion(0, 0, 0.0)) == plain


def test_boosts_scale_each_terms_share() -> None:
    index = index_of("alpha beta", "alpha", "beta beta", "gamma", "delta", "epsilon", "zeta")
    one = index.search(["alpha", "beta"], 3, boosts=[1.0, 1.0])
    plain = index.search(["alpha", "beta"], 3)
    assert plain[0].score > 0
    assert [(h.passage.id, round(h.score, 9)) for h in one] == [
        (h.passage.id, round(h.score, 9)) for h in plain
    ]
    heavy_beta = index.search(["alpha", "beta"], 3, boosts=[0.1, 1.0])
    assert heavy_beta[0].passage.id == "m.md#3"


def test_feedback_reorders_but_ranks_only_passages_with_a_question_word() -> None:
    """The added words raise the passage on the best one's subject; a passage holding none
    of the question's own words is never ranked (QMSum's protocol, and the bot cites none)."""
    index = index_of(
        "Dredging: the dredging contract for the approach channel was awarded to Meridian.",
        "Meridian will remove silt from the approach channel by December.",
        "Dredging postponed again this year.",
        "Meridian's crews will finish dredging the approach channel after the contract starts.",
        "The choir sang.",
        "Ferry timetables were discussed.",
        "Parking charges rose.",
        "The library opens in May.",
    )
    terms = A.query_terms("dredging")
    plain = [h.passage.id for h in index.search(terms, 4)]
    assert plain == ["m.md#1", "m.md#3", "m.md#4"]
    expanded = expanded_search(index, terms, 4, expansion=Expansion(1, 5, 0.5))
    assert [h.passage.id for h in expanded] == ["m.md#1", "m.md#4", "m.md#3"]  # no m.md#2
