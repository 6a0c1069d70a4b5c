"""An immutable BM25 snapshot over passages, built on rank-bm25.

rank-bm25 scores every passage, including those that share no word with the
question, and its scores misbehave on tiny corpora: BM25Okapi gives 0 to every
passage of a two-passage corpus and negative scores to a one-passage corpus;
BM25L and BM25Plus give positive scores to passages without any query term.
So the snapshot ranks only passages that share a query term (from its own
postings), keeps rank-bm25's scores as they are, and breaks ties by passage
order. An empty corpus is a valid, empty index rather than a ZeroDivisionError.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from rank_bm25 import BM25L, BM25Okapi, BM25Plus

from bot.analysis import Analyser
from bot.models import Hit, Passage

VARIANTS: dict[str, Any] = {"okapi": BM25Okapi, "l": BM25L, "plus": BM25Plus}


@dataclass(frozen=True, slots=True)
class BM25Options:
    """rank-bm25's variant and parameters (its own defaults)."""

    variant: str = "okapi"
    k1: float = 1.5
    b: float = 0.75
    epsilon: float = 0.25  # okapi only: floor for negative idf, as a share of the mean idf
    delta: float | None = None  # l and plus only; None keeps rank-bm25's default

    def model(self, corpus: list[list[str]]) -> Any:
        """Build the rank-bm25 model for this variant."""
        cls = VARIANTS[self.variant]
        kwargs: dict[str, float] = {"k1": self.k1, "b": self.b}
        if self.variant == "okapi":
            kwargs["epsilon"] = self.epsilon
        elif self.delta is not None:
            kwargs["delta"] = self.delta
        return cls(corpus, **kwargs)


def index_text(passage: Passage) -> str:
    """What a passage is indexed under: its heading and speaker count as its words too."""
    return " ".join(part for part in (passage.heading, passage.speaker, passage.text) if part)


class Index:
    """Passages plus a rank-bm25 model; never mutated after construction."""

    def __init__(
        self,
        passages: Sequence[Passage],
        analyser: Analyser,
        options: BM25Options | None = None,
        terms: Sequence[list[str]] | None = None,
    ) -> None:
        self.passages: tuple[Passage, ...] = tuple(passages)
        self.analyser = analyser
        self.options = options or BM25Options()
        corpus = (
            list(terms) if terms is not None else [analyser.terms(index_text(p)) for p in passages]
        )
        postings: dict[str, list[int]] = {}
        for i, doc_terms in enumerate(corpus):
            for term in set(doc_terms):
                postings.setdefault(term, []).append(i)
        self._postings = postings
        self._lengths = [len(t) for t in corpus]
        # rank-bm25 divides by the mean length and by the vocabulary size: guard both.
        self._model = self.options.model(corpus) if any(self._lengths) else None
        self._by_document: dict[str, list[int]] = {}
        for i, passage in enumerate(self.passages):
            self._by_document.setdefault(passage.document.path, []).append(i)

    def __len__(self) -> int:
        return len(self.passages)

    @property
    def vocabulary_size(self) -> int:
        return len(self._postings)

    def document_frequency(self, term: str) -> int:
        return len(self._postings.get(term, ()))

    def weight(self, term: str) -> float:
        """A positive idf for judging how much of a question a passage covers.

        The Lucene form log(1 + (N - df + 0.5) / (df + 0.5)) stays positive on any
        corpus size, unlike Okapi's, and gives unknown terms the highest weight.
        """
        n = len(self.passages)
        df = self.document_frequency(term)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def search(
        self,
        terms: Sequence[str],
        k: int = 10,
        documents: Collection[str] | None = None,
    ) -> list[Hit]:
        """The top `k` passages sharing a term with `terms`, best first, ties by passage order.

        `documents` restricts the search to those document paths.
        """
        if self._model is None or k <= 0 or not terms:
            return []
        candidates: set[int] = set()
        for term in set(terms):
            candidates.update(self._postings.get(term, ()))
        if documents is not None:
            allowed = {i for path in documents for i in self._by_document.get(path, ())}
            candidates &= allowed
        if not candidates:
            return []
        ids = sorted(candidates)
        scores = self._model.get_batch_scores(list(terms), ids)
        ranked = sorted(zip(ids, scores, strict=True), key=lambda pair: (-pair[1], pair[0]))
        return [Hit(self.passages[i], float(score)) for i, score in ranked[:k]]

    def scores(self, terms: Sequence[str]) -> list[float]:
        """rank-bm25's score of every passage (for tests and benchmarks)."""
        if self._model is None:
            return [0.0] * len(self.passages)
        return [float(s) for s in self._model.get_scores(list(terms))]
