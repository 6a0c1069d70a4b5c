"""Neighbouring passages in the score: a passage gains from the passages around it."""

from __future__ import annotations

import math

import pytest

from bot.analysis import Analyser
from bot.expansion import Expansion, expanded_search
from bot.index import NO_CONTEXT, Context, Index
from bot.models import Document, Passage

A = Analyser()
FILLER = "the quarterly report covered staffing, rotas and the canteen"


def document(path: str, *texts: str, order: list[int] | None = None) -> list[Passage]:
    """Passages of one document; `order` gives their positions when not 1, 2, 3, …"""
    doc = Document(path, path, ())
    numbers = order or list(range(1, len(texts) + 1))
    return [Passage(f"{path}#{n}", doc, n, f"¶{n}", t) for n, t in zip(numbers, texts, strict=True)]


def scores(index: Index, terms: list[str], context: Context) -> dict[str, float]:
    return {h.passage.id: h.score for h in index.search(terms, len(index), context=context)}


def test_the_score_adds_each_neighbours_score_with_decaying_weight() -> None:
    texts = ["dredging budget", FILLER, "dredging plan", "dredging", FILLER, FILLER, "dredging"]
    index = Index(document("m.md", *texts), A)
    plain = scores(index, ["dredg"], NO_CONTEXT)
    smoothed = scores(index, ["dredg"], Context(0.5, 2))
    for n in (1, 3, 4, 7):
        expected = plain[f"m.md#{n}"]
        for distance in (1, 2):
            for neighbour in (n - distance, n + distance):
                expected += 0.5**distance * plain.get(f"m.md#{neighbour}", 0.0)
        assert math.isclose(smoothed[f"m.md#{n}"], expected)


def test_only_passages_sharing_a_term_are_ranked() -> None:
    index = Index(document("m.md", "dredging", FILLER, "dredging"), A)
    found = scores(index, ["dredg"], Context(0.9, 3))
    assert set(found) == {"m.md#1", "m.md#3"}


def test_a_passage_amid_related_ones_outranks_an_isolated_equal_one() -> None:
    texts = ["budget", FILLER, "budget", FILLER, FILLER, "budget dredging", "budget"]
    index = Index(document("m.md", *texts), A)
    assert [h.passage.id for h in index.search(["budget"], 4)][:1] == ["m.md#1"]  # ties: order
    best = index.search(["budget"], 4, context=Context(0.6, 3))[0]
    assert best.passage.id in {"m.md#6", "m.md#7"}


def test_neighbours_are_within_one_document_and_in_reading_order() -> None:
    # b.md's passages are stored out of order: #2 sits between #1 and #3 in reading order.
    a = document("a.md", FILLER, "levy")
    b = document("b.md", "levy", "levy", FILLER, order=[3, 1, 2])
    index = Index(a + b, A)
    smoothed = scores(index, ["levi"], Context(0.5, 1))
    plain = scores(index, ["levi"], NO_CONTEXT)
    assert math.isclose(smoothed["a.md#2"], plain["a.md#2"])  # b.md#3 follows it in storage only
    assert math.isclose(smoothed["b.md#1"], plain["b.md#1"])  # its neighbour b.md#2 is filler
    assert math.isclose(smoothed["b.md#3"], plain["b.md#3"])


def test_a_document_filter_keeps_other_documents_out() -> None:
    index = Index(document("a.md", "levy", "levy") + document("b.md", "levy"), A)
    hits = index.search(["levi"], 5, documents=["b.md"], context=Context())
    assert [h.passage.id for h in hits] == ["b.md#1"]


@pytest.mark.parametrize("context", [NO_CONTEXT, Context(0.0, 3), Context(0.6, 0)])
def test_no_context_is_plain_bm25(context: Context) -> None:
    index = Index(document("m.md", "levy rise", FILLER, "levy"), A)
    assert index.search(["levi"], 3, context=context) == index.search(["levi"], 3)


def test_expanded_search_applies_the_context_to_the_final_ranking() -> None:
    texts = ["harbour dues", "harbour dues rise", FILLER, "dues", FILLER, FILLER, "dues"]
    index = Index(document("m.md", *texts), A)
    off = Expansion(0, 0, 0.0)
    with_context = expanded_search(index, ["due"], 3, expansion=off, context=Context(0.6, 2))
    assert with_context == index.search(["due"], 3, context=Context(0.6, 2))
    expanded = expanded_search(index, ["due"], 3, expansion=Expansion(2, 5, 0.3))
    assert expanded and all(h.passage.id.startswith("m.md#") for h in expanded)
