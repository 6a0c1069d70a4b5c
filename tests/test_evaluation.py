"""The benchmark metrics, checked against values worked out by hand."""

from __future__ import annotations

import math

import pytest

from bot.evaluation import Query, paired_bootstrap, score


def test_metrics_by_hand() -> None:
    queries = [
        Query("q1", "g", "x", frozenset({"a", "b"})),
        Query("q2", "g", "y", frozenset({"z"})),
    ]
    rankings = [["c", "a", "d", "b"], ["c"]]
    m = score("group", queries, rankings)
    ideal = 1 + 1 / math.log2(3)
    dcg = 1 / math.log2(3) + 1 / math.log2(5)
    assert m.ndcg == pytest.approx((dcg / ideal + 0) / 2)
    assert m.mrr == pytest.approx((1 / 2 + 0) / 2)
    assert m.hit == {1: 0.0, 3: 0.5, 5: 0.5, 10: 0.5}
    assert m.recall == {1: 0.0, 3: 0.25, 5: 0.5, 10: 0.5}
    assert m.rankings == (("c", "a", "d", "b"), ("c",))  # kept for analyses by query


def test_ideal_dcg_is_capped_at_ten_gold_passages() -> None:
    gold = frozenset(f"p{i}" for i in range(30))
    m = score("group", [Query("q", "g", "x", gold)], [[f"p{i}" for i in range(10)]])
    assert m.ndcg == pytest.approx(1.0)


def test_paired_bootstrap() -> None:
    assert paired_bootstrap([0.1] * 50, [0.9] * 50) == 0.0
    assert paired_bootstrap([0.5] * 50, [0.5] * 50) == 1.0
    with pytest.raises(ValueError):
        paired_bootstrap([], [])
