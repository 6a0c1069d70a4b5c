"""The BM25 snapshot: rank-bm25's scores, only sharing passages, stable ties, tiny corpora."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rank_bm25 import BM25Okapi

from bot.analysis import Analyser
from bot.index import BM25Options, Index
from bot.models import Block, Document, Passage
from bot.splitting import split_documents

A = Analyser()


def passages(*texts: str, path: str = "doc.md") -> list[Passage]:
    document = Document(path, path, ())
    return [Passage(f"{path}#{i}", document, i, f"¶{i}", t) for i, t in enumerate(texts, 1)]


def ids(index: Index, question: str, k: int = 10) -> list[str]:
    return [h.passage.id for h in index.search(A.query_terms(question), k)]


def test_empty_corpus_is_an_empty_index_not_a_crash() -> None:
    index = Index([], A)
    assert len(index) == 0
    assert index.search(["budget"]) == []


def test_corpus_without_any_term_is_empty_too() -> None:
    index = Index(passages("the of and", "!!!"), A)
    assert index.search(["budget"]) == []


@pytest.mark.parametrize("variant", ["okapi", "l", "plus"])
def test_one_passage_corpus_still_answers(variant: str) -> None:
    index = Index(passages("The budget was approved."), A, BM25Options(variant=variant))
    assert ids(index, "budget") == ["doc.md#1"]
    assert ids(index, "weather") == []


@pytest.mark.parametrize("variant", ["okapi", "l", "plus"])
def test_two_passage_corpus_ranks_the_sharing_passage_only(variant: str) -> None:
    """BM25Okapi scores both 0 here; BM25L/Plus score the non-matching passage above 0."""
    index = Index(
        passages("Budget approved.", "Weather was fine."), A, BM25Options(variant=variant)
    )
    assert ids(index, "What about the budget?") == ["doc.md#1"]


def test_ties_break_by_passage_order() -> None:
    index = Index(passages("alpha beta", "gamma", "alpha beta", "alpha beta"), A)
    assert ids(index, "alpha") == ["doc.md#1", "doc.md#3", "doc.md#4"]


def test_k_limits_and_documents_filter() -> None:
    corpus = passages("budget one", "budget two", path="a.md") + passages(
        "budget three", path="b.md"
    )
    index = Index(corpus, A)
    assert len(index.search(["budget"], k=2)) == 2
    assert [h.passage.id for h in index.search(["budget"], documents=["b.md"])] == ["b.md#1"]
    assert index.search(["budget"], documents=[]) == []


def test_weight_is_positive_and_highest_for_unknown_terms() -> None:
    index = Index(passages("budget", "budget vote"), A)
    assert 0 < index.weight("budget") < index.weight("vote") < index.weight("unknown")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from("abcdefgh"), min_size=0, max_size=12), min_size=1, max_size=15
    ),
    st.lists(st.sampled_from("abcdefghz"), min_size=1, max_size=4),
)
def test_scores_are_rank_bm25s_own(corpus: list[list[str]], query: list[str]) -> None:
    """Each score equals BM25Okapi.get_scores for that passage; only sharing passages return."""
    words = [[w * 3 for w in doc] for doc in corpus]  # 3-letter words survive the analyser as is
    terms = [w * 3 for w in query]
    if not any(words):
        return
    index = Index(passages(*(" ".join(d) for d in words)), A, terms=words)
    reference = BM25Okapi(words).get_scores(terms)
    hits = index.search(terms, k=len(words))
    sharing = {i for i, d in enumerate(words) if set(d) & set(terms)}
    assert {h.passage.n - 1 for h in hits} == sharing
    for hit in hits:
        assert hit.score == pytest.approx(reference[hit.passage.n - 1], rel=1e-9, abs=1e-12)
    ordered = [(-h.score, h.passage.n) for h in hits]
    assert ordered == sorted(ordered)


def test_search_on_random_corpus_matches_full_scoring() -> None:
    rng = random.Random(7)
    vocabulary = [f"w{i}x" for i in range(50)]
    docs = [[rng.choice(vocabulary) for _ in range(rng.randint(1, 30))] for _ in range(200)]
    index = Index(passages(*(" ".join(d) for d in docs)), A, terms=docs)
    for _ in range(20):
        query = rng.sample(vocabulary, 3)
        full = index.scores(query)
        for hit in index.search(query, k=20):
            assert hit.score == pytest.approx(full[hit.passage.n - 1])


def test_previous_passage_within_a_document() -> None:
    corpus = passages("one", "two", path="a.md") + passages("three", path="b.md")
    index = Index(corpus, A)
    assert index.previous(corpus[1]) == corpus[0]
    assert index.previous(corpus[0]) is None
    assert index.previous(corpus[2]) is None  # never across documents


def test_previous_and_following_stay_within_the_document() -> None:
    index = Index(passages("one", "two", "three") + passages("four", path="b.md"), A)
    first, second, third, other = index.passages
    assert index.previous(second) == first and index.following(second) == third
    assert index.previous(first) is None and index.following(third) is None
    assert index.previous(other) is None and index.following(other) is None


def test_mentions_looks_a_term_up_in_some_documents_or_all() -> None:
    index = Index(passages("levy rise", "budget") + passages("dredging", path="b.md"), A)
    assert index.mentions("levi") and index.mentions("dredg", ["b.md"])
    assert not index.mentions("dredg", ["doc.md"]) and not index.mentions("dredg", [])
    assert not index.mentions("unknown") and not index.mentions("levi", ["missing.md"])


def test_neighbours_follow_reading_order_not_storage_order() -> None:
    doc = Document("b.md", "b.md", ())
    stored = [Passage(f"b.md#{n}", doc, n, f"¶{n}", f"text {n}") for n in (3, 1, 2)]
    index = Index(stored + passages("other"), A)
    third, first, second, other = index.passages
    assert index.following(first) is second and index.following(second) is third
    assert index.previous(second) is first and index.previous(first) is None
    assert index.following(third) is None and index.previous(other) is None
    copy = Passage("b.md#1", doc, 1, "¶1", "text 1")
    assert index.following(copy) is None  # not this snapshot's passage


def test_passages_of_a_document_in_reading_order() -> None:
    words = " ".join(f"word{n}" for n in range(15))  # long enough to be a passage alone
    documents = [
        Document(
            f"{name}.md", name, tuple(Block(f"{name} {n} {words}.", f"¶{n}") for n in range(3))
        )
        for name in ("a", "b")
    ]
    index = Index(split_documents(documents), Analyser())
    by_scan = [p for p in index.passages if p.document.path == "b.md"]
    assert index.passages_of("b.md") == by_scan and [p.n for p in by_scan] == [1, 2, 3]
    assert index.passages_of("missing.md") == []
