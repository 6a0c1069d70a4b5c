"""The postings index gives rank-bm25's own scores, and its fast analysis the analyser's terms."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis import Analyser
from bot.counts import TermCounts, Tokeniser
from bot.index import BM25Options, Index
from bot.models import Document, Passage

A = Analyser()
WORDS = [f"{c}{c}{c}" for c in "abcdefgh"]  # three-letter words the analyser keeps as they are
UNKNOWN = "zzz"


def passages(corpus: list[list[str]], paths: list[str] | None = None) -> list[Passage]:
    result = []
    for i, words in enumerate(corpus):
        path = paths[i] if paths else "doc.md"
        document = Document(path, path, ())
        result.append(Passage(f"{path}#{i}", document, i + 1, f"¶{i + 1}", " ".join(words)))
    return result


def reference(corpus: list[list[str]], options: BM25Options, query: list[str]) -> np.ndarray:
    """rank-bm25's get_scores (it divides 0 by 0 for an empty passage when b = 1)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray(options.model(corpus).get_scores(query), dtype=np.float64)


def assert_rank_bm25s(corpus: list[list[str]], options: BM25Options, query: list[str]) -> None:
    """Every passage's score, and the search results, against rank-bm25's get_scores."""
    index = Index(passages(corpus), A, options, terms=corpus)
    expected = reference(corpus, options, query)
    scores = np.array(index.scores(query))
    np.testing.assert_allclose(scores, expected, rtol=1e-6, atol=1e-12)  # NaN where rank-bm25's
    hits = index.search(query, k=len(corpus))
    sharing = [i for i, doc in enumerate(corpus) if set(doc) & set(query)]
    assert sorted(h.passage.n - 1 for h in hits) == sharing
    for hit in hits:
        assert hit.score == pytest.approx(expected[hit.passage.n - 1], rel=1e-6, abs=1e-12)
    keys = [(-h.score, h.passage.n) for h in hits]
    assert keys == sorted(keys)  # best first, ties by passage order


OPTIONS = st.builds(
    BM25Options,
    variant=st.sampled_from(["okapi", "l", "plus"]),
    k1=st.sampled_from([0.5, 1.2, 1.5, 2.0]),
    b=st.sampled_from([0.0, 0.3, 0.75, 1.0]),
    epsilon=st.sampled_from([0.0, 0.25, 0.5]),
    delta=st.sampled_from([None, 0.3, 1.0]),
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(WORDS), max_size=15), min_size=1, max_size=25),
    st.lists(st.sampled_from([*WORDS, UNKNOWN]), min_size=1, max_size=6),
    OPTIONS,
)
def test_scores_equal_rank_bm25s_for_every_variant(
    corpus: list[list[str]], query: list[str], options: BM25Options
) -> None:
    """Random corpora (with empty passages), repeated and unknown query terms, all variants."""
    if not any(corpus):
        return  # rank-bm25 cannot be built at all: see the empty cases below
    assert_rank_bm25s(corpus, options, query)


@pytest.mark.parametrize("variant", ["okapi", "l", "plus"])
@pytest.mark.parametrize(
    "corpus",
    [
        [["aaa"]],
        [["aaa", "bbb", "aaa"]],
        [["aaa"], ["bbb"]],
        [["aaa", "bbb"], ["aaa"]],
        [["aaa"], []],
        [["aaa", "aaa"], ["aaa"]],
    ],
)
def test_tiny_corpora(variant: str, corpus: list[list[str]]) -> None:
    """One and two passages, where rank-bm25's idf is 0 or negative."""
    for query in (["aaa"], ["bbb"], ["aaa", "aaa"], ["aaa", "zzz", "bbb"], ["zzz"]):
        for b in (0.75, 1.0):
            assert_rank_bm25s(corpus, BM25Options(variant=variant, b=b), query)


@pytest.mark.parametrize("variant", ["okapi", "l", "plus"])
def test_empty_corpora_are_empty_indexes(variant: str) -> None:
    options = BM25Options(variant=variant)
    for corpus in ([], [[]], [[], []]):
        index = Index(passages(corpus), A, options, terms=corpus)
        assert index.search(["aaa"]) == []
        assert index.scores(["aaa"]) == [0.0] * len(corpus)
        assert index.vocabulary_size == 0 and index.document_frequency("aaa") == 0


def test_repeated_terms_count_twice_and_unknown_terms_not_at_all() -> None:
    corpus = [["aaa", "bbb"], ["bbb", "ccc"], ["ccc"], ["ddd"]]
    index = Index(passages(corpus), A, terms=corpus)
    once, twice = index.scores(["aaa"]), index.scores(["aaa", "aaa"])
    assert twice == [2 * s for s in once]
    assert index.scores(["aaa", UNKNOWN]) == once
    assert index.search([UNKNOWN]) == []


def test_random_corpus_with_documents_filter_and_top_k() -> None:
    rng = random.Random(3)
    vocabulary = [f"w{i}x" for i in range(60)]
    corpus = [[rng.choice(vocabulary) for _ in range(rng.randint(0, 30))] for _ in range(400)]
    paths = [f"doc{i % 7}.md" for i in range(len(corpus))]
    for variant in ("okapi", "l", "plus"):
        options = BM25Options(variant=variant)
        index = Index(passages(corpus, paths), A, options, terms=corpus)
        for _ in range(30):
            query = [rng.choice([*vocabulary, UNKNOWN]) for _ in range(rng.randint(1, 5))]
            expected = reference(corpus, options, query)
            allowed = {"doc2.md", "doc5.md"}
            sharing = [
                i for i, doc in enumerate(corpus) if set(doc) & set(query) and paths[i] in allowed
            ]
            best = sorted(sharing, key=lambda i: (-expected[i], i))[:7]
            hits = index.search(query, k=7, documents=allowed)
            assert [h.passage.id for h in hits] == [f"{paths[i]}#{i}" for i in best]
            assert [h.score for h in hits] == pytest.approx([expected[i] for i in best], rel=1e-6)
        assert index.search(vocabulary, documents=[]) == []
        assert index.search(vocabulary, documents=["missing.md"]) == []
        assert index.search(vocabulary, k=0) == []


def test_the_index_cannot_be_changed() -> None:
    corpus = [["aaa", "bbb"], ["bbb"]]
    index = Index(passages(corpus), A, terms=corpus)
    arrays = [v for v in vars(index).values() if isinstance(v, np.ndarray)]
    arrays += list(index._by_document.values())
    assert len(arrays) >= 5
    for values in arrays:
        with pytest.raises(ValueError, match="read-only"):
            values[...] = 0


def test_counts_must_match_the_passages() -> None:
    with pytest.raises(ValueError, match="term counts for"):
        Index(passages([["aaa"]]), A, counts=TermCounts.from_terms([["aaa"], ["bbb"]]))
    good = TermCounts.from_terms([["aaa"]])
    unused = TermCounts(("aaa", "bbb"), good.offsets, good.terms, good.counts, good.lengths)
    with pytest.raises(ValueError, match="unused vocabulary entry"):
        Index(passages([["aaa"]]), A, counts=unused)


# The fast analysis: the terms of whitespace chunks, each distinct chunk analysed once.

TRICKY = (
    "Budget budget, BUDGET! ﬁnance ﬂoor ½ ⅓ Straße STRASSE İstanbul ǅemal Ⅻ ① ｆｕｌｌｗｉｄｔｈ "
    "co\u00adoperation e\u0301te\u0301 \u00b4acute\u00a8 don’t “quoted” — – ‐ x²y ﬀ naïve café "
    "\u3000ideographic\u2003em\u00a0nbsp the and of we’re 2026 42nd a_b a-b"
)
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from([*TRICKY, " ", "\n", "\t", "\u2028", "\x1c", "\x85"]),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    ),
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(TEXT, max_size=8))
def test_fast_analysis_gives_the_analysers_terms(texts: list[str]) -> None:
    expected = TermCounts.from_terms([A.terms(t) for t in texts])
    got = TermCounts.analyse(A, texts)
    assert_same_counts(got, expected)


def test_fast_analysis_on_tricky_text_and_repeats() -> None:
    texts = [TRICKY, TRICKY.upper(), "", "   ", TRICKY[::-1], "budget " * 50]
    assert_same_counts(
        TermCounts.analyse(A, texts), TermCounts.from_terms([A.terms(t) for t in texts])
    )


def test_groups_are_counted_on_their_own_vocabulary_in_first_use_order() -> None:
    rng = random.Random(5)
    words = ["Budget", "vote,", "the", "minister", "said:", "ﬁnance", "½", "2026"]
    groups = [
        [" ".join(rng.choice(words) for _ in range(rng.randint(0, 12))) for _ in range(n)]
        for n in (3, 0, 1, 5)
    ]
    tokeniser = Tokeniser(A)
    tokeniser.count(["minister finance"])  # ids already taken: groups must renumber
    parts = tokeniser.count_groups(groups)
    for part, group in zip(parts, groups, strict=True):
        part.check()
        assert_same_counts(part, TermCounts.from_terms([A.terms(t) for t in group]))
    everything = [t for group in groups for t in group]
    assert_same_counts(TermCounts.concat(parts), TermCounts.analyse(A, everything))


def test_an_analyser_with_its_own_terms_is_called_as_it_is() -> None:
    class Whitespace(Analyser):
        def terms(self, text: str) -> list[str]:
            return text.lower().split()

    texts = ["A b, a", "B-c c"]
    got = TermCounts.analyse(Whitespace(), texts)
    assert_same_counts(got, TermCounts.from_terms([t.lower().split() for t in texts]))


def test_check_rejects_inconsistent_counts() -> None:
    good = TermCounts.from_terms([["aaa", "bbb", "aaa"], ["bbb"]])
    good.check()
    broken = [
        TermCounts(good.vocabulary, good.offsets, good.terms, good.counts, good.lengths + 1),
        TermCounts(good.vocabulary, good.offsets[:-1], good.terms, good.counts, good.lengths),
        TermCounts(good.vocabulary, good.offsets, good.terms + 5, good.counts, good.lengths),
        TermCounts(good.vocabulary, good.offsets, good.terms, good.counts - 5, good.lengths),
        TermCounts((*good.vocabulary, "ccc"), good.offsets, good.terms, good.counts, good.lengths),
        TermCounts(("aaa", "aaa"), good.offsets, good.terms, good.counts, good.lengths),
        TermCounts(
            good.vocabulary,
            good.offsets,
            np.array([0, 0, 1], np.int32),
            np.array([1, 1, 1], np.int32),
            np.array([2, 1]),
        ),
    ]
    for counts in broken:
        with pytest.raises(ValueError, match="term counts"):
            counts.check()


def assert_same_counts(got: TermCounts, expected: TermCounts) -> None:
    """The same vocabulary (in the same order) and the same (term, count) pairs per passage."""
    got.check()
    assert got.vocabulary == expected.vocabulary
    assert got.lengths.tolist() == expected.lengths.tolist()
    for i in range(len(expected)):
        a, b = got.offsets[i : i + 2].tolist(), expected.offsets[i : i + 2].tolist()
        terms, counts = got.terms[a[0] : a[1]], got.counts[a[0] : a[1]]
        pairs = sorted(zip(terms.tolist(), counts.tolist(), strict=True))
        terms, counts = expected.terms[b[0] : b[1]], expected.counts[b[0] : b[1]]
        wanted = sorted(zip(terms.tolist(), counts.tolist(), strict=True))
        assert pairs == wanted
