"""An immutable BM25 snapshot over passages, scoring exactly as rank-bm25 does, fast.

rank-bm25 keeps one dict of term counts per passage and, for every query term,
looks the term up in all of them in Python: fine for a thousand passages, about
a seventh of a second per question at a hundred thousand. This index keeps the
same statistics as postings lists in numpy arrays (for each term: the passages
holding it and how often) and evaluates rank-bm25's own formulas on them, with
the same operations in the same order, so the scores are rank-bm25's scores
(tests/test_index_fast.py compares them with `get_scores` for all three variants)
while a question only touches the postings of its own terms.

rank-bm25's scores also misbehave on tiny corpora: BM25Okapi gives 0 to every
passage of a two-passage corpus and negative scores to a one-passage corpus;
BM25Plus gives positive scores to passages without any query term. So the
snapshot ranks only passages that share a query term, keeps rank-bm25's scores
as they are, and breaks ties by passage order. An empty corpus is a valid, empty
index rather than a ZeroDivisionError.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np
import numpy.typing as npt
from rank_bm25 import BM25L, BM25Okapi, BM25Plus

from bot.analysis import Analyser, words
from bot.counts import Int32s, Ints, TermCounts
from bot.models import Hit, Passage

VARIANTS: dict[str, Any] = {"okapi": BM25Okapi, "l": BM25L, "plus": BM25Plus}
DEFAULT_DELTA = {"l": 0.5, "plus": 1.0}  # rank-bm25's own defaults

Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]

_BLOCK = 1 << 20  # postings whose shares are computed at once


@dataclass(frozen=True, slots=True)
class BM25Options:
    """rank-bm25's variant and parameters (its own defaults)."""

    variant: str = "okapi"
    k1: float = 1.5
    b: float = 0.75
    epsilon: float = 0.25  # okapi only: floor for negative idf, as a share of the mean idf
    delta: float | None = None  # l and plus only; None keeps rank-bm25's default

    def model(self, corpus: list[list[str]]) -> Any:
        """Build the rank-bm25 model for this variant (the reference the index reproduces)."""
        cls = VARIANTS[self.variant]
        kwargs: dict[str, float] = {"k1": self.k1, "b": self.b}
        if self.variant == "okapi":
            kwargs["epsilon"] = self.epsilon
        elif self.delta is not None:
            kwargs["delta"] = self.delta
        return cls(corpus, **kwargs)


@dataclass(frozen=True, slots=True)
class Ranking:
    """What a search adds to plain BM25 scores; tuned on the QMSum train split
    (bench/retrieval.py).

    Neighbouring passages: meetings stay on a subject for several passages, and
    the passage that answers a question often shares few of its words while the
    ones around it share many. A passage gains `context_weight` times the score
    of each passage next to it in its document, its square for those two away,
    and so on up to `context_window` away. Speakers: a passage spoken by a person
    the question names ("What did Marketing think of …") has its score multiplied
    by 1 + `speaker_boost` times that person's share of its words. Phrases: BM25
    does not see word order, so "recording equipment" scores the same in a passage
    about recording a talk on new equipment; of the best `phrase_depth` passages,
    each gains `phrase_weight` times, for each pair of the question's words it says
    side by side too, the pair's mean idf (a count saturating as in BM25). Side by
    side means adjacent among the passage's analysed terms (stopwords dropped), so a
    heading's last word and the text's first, or words either side of a full stop,
    count too. Only passages sharing a term with the question are ranked, as always.
    """

    context_weight: float = 0.6
    context_window: int = 3
    speaker_boost: float = 0.5
    phrase_weight: float = 1.0
    phrase_depth: int = 10

    @property
    def context(self) -> bool:
        return self.context_weight > 0 and self.context_window > 0

    @property
    def phrasing(self) -> bool:
        return self.phrase_weight > 0 and self.phrase_depth > 0


PLAIN = Ranking(0.0, 0, 0.0, 0.0, 0)
PHRASE_SATURATION = 1.2  # a pair said twice counts 1.375 times, ten times 1.96 (BM25's k1 form)
_WEIGHTS_LIMIT = 100_000  # terms whose weight a snapshot remembers
_ANALYSED_LIMIT = 4096  # passages whose terms a snapshot remembers for phrases and feedback
_MASK_SETS_LIMIT = 2  # rankings whose neighbour masks a snapshot remembers (one in the bot)

Phrase = tuple[str, str]


def adjacent_pairs(terms: Sequence[str]) -> tuple[Phrase, ...]:
    """The question's terms side by side, each pair once: its phrases for `Index.search`."""
    return tuple(dict.fromkeys(pairwise(terms)))


_TURN = re.compile(r"^([^\W\d_][^:\n]{0,48}?):[ \t]+(.*)$", re.M)  # "Grad A: words", one a line
_MAX_NAME_WORDS = 6


def name_key(name: str) -> str:
    """A speaker's name as lower-case words, for matching it inside a question."""
    return " ".join(word.casefold() for word in words(name))


# "Chair: Ana Ruiz", "Present: …", "Decision: …": labels of minutes, not speakers' turns.
_LABELS = frozenset(
    "chair present apologies absent attendees agenda minutes item decision resolved agreed "
    "vote motion action actions date time venue place note notes in attendance".split()
)


def speaker_shares(passage: Passage) -> dict[str, float]:
    """Who speaks in a passage and what share of its words each says.

    A passage attributed to one speaker is theirs; a raw transcript passage of
    "Name: words" lines is shared by its speakers in proportion to their words.
    """
    if passage.speaker:
        key = name_key(passage.speaker)
        return {key: 1.0} if key else {}
    lines = [line for line in passage.text.split("\n") if line.strip()]
    turns = list(_TURN.finditer(passage.text))
    if len(lines) < 2 or len(turns) * 2 <= len(lines):  # one line, or minutes: no transcript
        return {}
    words: dict[str, int] = {}
    for turn in turns:
        key = name_key(turn.group(1))
        if key and key.count(" ") < _MAX_NAME_WORDS and key not in _LABELS:
            words[key] = words.get(key, 0) + len(turn.group(2).split())
    total = sum(words.values())
    return {key: count / total for key, count in words.items()} if total else {}


def index_text(passage: Passage) -> str:
    """What a passage is indexed under: its heading and speaker count as its words too."""
    return " ".join(part for part in (passage.heading, passage.speaker, passage.text) if part)


def _frozen(values: npt.NDArray[Any]) -> npt.NDArray[Any]:
    values.flags.writeable = False
    return values


def _best(ids: Ints, values: Floats, k: int) -> tuple[Ints, Floats]:
    """The `k` highest `values` and their `ids`, best first, ties by id (passage order)."""
    if k < len(ids):
        kth = np.partition(values, len(values) - k)[len(values) - k]
        keep = values >= kth  # everything tied with the k-th, for the tie-break below
        ids, values = ids[keep], values[keep]
    order = np.lexsort((ids, -values))[:k]
    return ids[order], values[order]


class Index:
    """Passages plus BM25 postings; never mutated after construction (only caches are
    filled on first use: masks for neighbouring passages, each written once, and the
    analysed terms of recently read passages, cleared whole when full).

    For each term, the passages holding it (ascending) and each one's share of the
    score, idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl)) for BM25Okapi,
    computed once here with rank-bm25's expressions. A question adds up the
    postings of its terms in query order, as rank-bm25 adds term after term, so the
    sums are rank-bm25's to the last bit. `terms` (term lists) or `counts`
    (TermCounts) give the passages' analysed terms when the caller has them already
    (a benchmark, the cache); otherwise the passages are analysed here.
    """

    def __init__(
        self,
        passages: Sequence[Passage],
        analyser: Analyser,
        options: BM25Options | None = None,
        terms: Sequence[list[str]] | None = None,
        counts: TermCounts | None = None,
    ) -> None:
        self.passages: tuple[Passage, ...] = tuple(passages)
        self.analyser = analyser
        self.options = options or BM25Options()
        if self.options.variant not in VARIANTS:
            raise ValueError(f"unknown BM25 variant {self.options.variant!r}")
        if counts is None:
            if terms is not None:
                counts = TermCounts.from_terms(terms)
            else:
                counts = TermCounts.analyse(analyser, (index_text(p) for p in self.passages))
        n = len(self.passages)
        if len(counts) != n:
            raise ValueError(f"{len(counts)} term counts for {n} passages")
        vocabulary = counts.vocabulary
        self._vocabulary = dict(zip(vocabulary, range(len(vocabulary)), strict=True))
        df = np.bincount(counts.terms, minlength=len(vocabulary))
        if np.any(df == 0):  # rank-bm25's idf table only holds terms that occur
            raise ValueError("term counts: unused vocabulary entry")
        self._offsets: Ints = _frozen(np.concatenate([[0], np.cumsum(df)]).astype(np.int64))
        # Postings term by term, passages ascending within a term: sorting (term, position)
        # keys gives the stable order, several times faster than a stable argsort.
        order = counts.terms.astype(np.int64)
        order <<= 32
        order |= np.arange(len(order), dtype=np.int64)
        order.sort()
        order &= 0xFFFFFFFF
        holder = np.repeat(np.arange(n, dtype=np.int32), np.diff(counts.offsets))
        self._docs: Int32s = _frozen(holder[order])
        tf = counts.counts[order]
        del holder, order  # some 40 MB at 100k passages
        self._delta = (
            self.options.delta
            if self.options.delta is not None
            else DEFAULT_DELTA.get(self.options.variant, 0.0)
        )
        total = int(counts.lengths.sum())
        # rank-bm25 divides by the mean length and by the vocabulary size: guard both.
        self._empty = total == 0
        self._idf: Floats = _frozen(np.zeros(len(df)))
        self._impact: Floats = _frozen(np.zeros(len(self._docs)))
        self._absent: Floats = _frozen(np.zeros(n))
        self._dense = False
        self._positive: Bools = _frozen(np.zeros(len(df), np.bool_))
        if not self._empty:
            self._prepare(df.tolist(), counts.lengths.astype(np.int64), total, tf)
        by_document: dict[str, list[int]] = {}
        for i, passage in enumerate(self.passages):
            by_document.setdefault(passage.document.path, []).append(i)
        self._by_document = {
            path: _frozen(np.array(ids, np.int32)) for path, ids in by_document.items()
        }
        # The passages in reading order (document by document), for neighbouring passages.
        codes = {path: j for j, path in enumerate(self._by_document)}
        document = np.fromiter((codes[p.document.path] for p in self.passages), np.int64, n)
        position = np.fromiter((p.n for p in self.passages), np.int64, n)
        reading = np.lexsort((position, document))
        # Usually the passages are stored in reading order already; then no reordering.
        self._reading: Ints | None = (
            None if np.array_equal(reading, np.arange(n)) else _frozen(reading)
        )
        self._reading_document: Ints = _frozen(document[reading])
        same = self._reading_document[1:] == self._reading_document[:-1]
        before = np.full(n, -1, np.int64)
        after = np.full(n, -1, np.int64)
        before[reading[1:][same]] = reading[:-1][same]
        after[reading[:-1][same]] = reading[1:][same]
        self._before: Ints = _frozen(before)
        self._after: Ints = _frozen(after)
        self._position = {passage.id: i for i, passage in enumerate(self.passages)}
        self._masks: dict[tuple[float, int], tuple[Floats, ...]] = {}  # see _spread_masks
        self._analysed: dict[int, tuple[str, ...]] = {}  # see passage_terms
        self._weights: dict[str, float] = {}  # see weight
        spoken: dict[str, tuple[list[int], list[float]]] = {}
        for i, passage in enumerate(self.passages):
            for key, share in speaker_shares(passage).items():
                ids, shares = spoken.setdefault(key, ([], []))
                ids.append(i)
                shares.append(share)
        self._spoken = {
            key: (_frozen(np.array(ids, np.int64)), _frozen(np.array(shares)))
            for key, (ids, shares) in spoken.items()
        }
        self._names_by_first: dict[str, list[str]] = {}
        for key in sorted(spoken, key=len, reverse=True):
            self._names_by_first.setdefault(key.split(" ", 1)[0], []).append(key)

    def _prepare(self, df: list[int], lengths: Ints, total: int, tf: Int32s) -> None:
        """rank-bm25's idf table and per-posting scores, computed as rank-bm25 computes them.

        Same expressions, same operand order, so the same floating-point results.
        """
        options, n = self.options, len(self.passages)
        k1, b, delta = options.k1, options.b, self._delta
        avgdl = total / n
        if options.variant == "okapi":
            raw = [math.log(n - f + 0.5) - math.log(f + 0.5) for f in df]
            idf_sum = 0.0
            for value in raw:  # in vocabulary (first-occurrence) order, as rank-bm25 sums
                idf_sum += value
            eps = options.epsilon * (idf_sum / len(raw))
            table = [eps if value < 0 else value for value in raw]
        elif options.variant == "l":
            table = [math.log(n + 1) - math.log(f + 0.5) for f in df]
        else:
            table = [math.log((n + 1) / f) for f in df]
        self._idf = _frozen(np.array(table, dtype=np.float64))
        if options.variant == "l":
            norm = np.asarray(1 - b + b * lengths / avgdl, np.float64)
        else:
            norm = np.asarray(k1 * (1 - b + b * lengths / avgdl), np.float64)
        # Block by block, so the temporaries stay small at 100k passages.
        term = np.repeat(np.arange(len(df), dtype=np.int32), df)
        impact = np.empty(len(self._docs))
        for lo in range(0, len(impact), _BLOCK):
            block = slice(lo, lo + _BLOCK)
            impact[block] = self._share(self._idf[term[block]], tf[block], norm[self._docs[block]])
        self._impact = _frozen(impact)
        # Terms whose every share is > 0 (all but odd corpora): a passage then shares a query
        # of such terms exactly when its score is > 0, which is cheaper to find than a scatter.
        self._positive = _frozen(np.minimum.reduceat(impact, self._offsets[:-1]) > 0)
        # What a passage without the term gets, per unit of idf, by the same formulas with a
        # count of 0: delta for BM25Plus, else 0, or NaN where rank-bm25 divides 0 by 0 (an
        # empty passage when b = 1). Then every passage is scored, not only the postings.
        zero = np.zeros(n, np.int64)
        with np.errstate(invalid="ignore", divide="ignore"):
            if options.variant == "okapi":
                absent = zero * (k1 + 1) / (zero + norm)
            elif options.variant == "l":
                ctd = zero / norm
                absent = zero * (k1 + 1) * (ctd + delta) / (k1 + ctd + delta)
            else:
                absent = delta + (zero * (k1 + 1)) / (norm + zero)
        self._dense = options.variant == "plus" or bool(np.isnan(absent).any())
        self._absent = _frozen(absent.astype(np.float64))

    def _share(self, idf: Floats, tf: Int32s, norm: Floats) -> Floats:
        """What a term adds to a passage's score, element by element: rank-bm25's expressions.

        `norm` is k1 * (1 - b + b * dl / avgdl), or for BM25L (1 - b + b * dl / avgdl).
        """
        k1, delta = self.options.k1, self._delta
        share: Floats
        if self.options.variant == "okapi":
            share = idf * (tf * (k1 + 1) / (tf + norm))
        elif self.options.variant == "l":
            ctd = tf / norm
            share = idf * tf * (k1 + 1) * (ctd + delta) / (k1 + ctd + delta)
        else:
            share = idf * (delta + (tf * (k1 + 1)) / (norm + tf))
        return share

    def __len__(self) -> int:
        return len(self.passages)

    @property
    def document_count(self) -> int:
        """How many documents the passages come from."""
        return len(self._by_document)

    def passages_of(self, path: str) -> list[Passage]:
        """The passages of one document, in reading order: a lookup, not a scan."""
        ids = self._by_document.get(path)
        return [] if ids is None else [self.passages[i] for i in ids.tolist()]

    def previous(self, passage: Passage) -> Passage | None:
        """The passage before `passage` in its document (context for what it refers to)."""
        return self._beside(passage, self._before)

    def following(self, passage: Passage) -> Passage | None:
        """The passage after `passage` in its document (where a motion's vote is recorded)."""
        return self._beside(passage, self._after)

    def _beside(self, passage: Passage, step: Ints) -> Passage | None:
        """The neighbour in reading order; None at a document's edge or for another
        snapshot's passage."""
        i = self._own(passage)
        if i is None or step[i] < 0:
            return None
        return self.passages[int(step[i])]

    def _own(self, passage: Passage) -> int | None:
        """The position of `passage` in this snapshot; None for another snapshot's (same id,
        another object: a reload may have changed its text)."""
        i = self._position.get(passage.id)
        return i if i is not None and self.passages[i] is passage else None

    def passage_terms(self, passage: Passage) -> tuple[str, ...]:
        """A passage's analysed terms in order (what it is indexed under), remembered for the
        last few thousand passages asked about: feedback and phrases read the same ones."""
        i = self._own(passage)
        if i is None:  # another snapshot's passage
            return tuple(self.analyser.terms(index_text(passage)))
        found = self._analysed.get(i)
        if found is None:
            found = tuple(self.analyser.terms(index_text(passage)))
            if len(self._analysed) >= _ANALYSED_LIMIT:
                self._analysed.clear()  # simpler than an LRU; a dict write is atomic
            self._analysed[i] = found
        return found

    def held(self, terms: Collection[str], passages: Sequence[Passage]) -> list[frozenset[str]]:
        """For each passage, which of `terms` it is indexed under (its heading, speaker or
        text says them): read from the postings, so no passage is analysed again."""
        found: list[set[str]] = [set() for _ in passages]
        at: list[int] = []
        for k, passage in enumerate(passages):
            i = self._own(passage)
            if i is None:  # another snapshot's: analyse it
                found[k] = set(terms) & set(self.analyser.terms(index_text(passage)))
            at.append(-1 if i is None else i)
        positions = np.array(at, dtype=np.int64)
        for term in terms:
            j = self._vocabulary.get(term)
            if j is None:
                continue
            holders = self._docs[self._span(j)]
            where = np.searchsorted(holders, positions)
            inside = where < len(holders)
            hit = np.zeros(len(passages), dtype=np.bool_)
            hit[inside] = holders[where[inside]] == positions[inside]
            for holder in np.flatnonzero(hit).tolist():
                found[holder].add(term)
        return [frozenset(terms) for terms in found]

    @property
    def vocabulary_size(self) -> int:
        return len(self._vocabulary)

    def document_frequency(self, term: str) -> int:
        j = self._vocabulary.get(term)
        return 0 if j is None else int(self._offsets[j + 1] - self._offsets[j])

    def mentions(self, term: str, documents: Collection[str] | None = None) -> bool:
        """Whether any passage (of `documents`, when given) holds `term`: a postings lookup."""
        j = self._vocabulary.get(term)
        if j is None:
            return False
        if documents is None:
            return True
        holders = self._docs[self._span(j)]
        for path in documents:
            ids = self._by_document.get(path)
            if ids is not None and np.isin(ids, holders, assume_unique=True).any():
                return True
        return False

    def holding(self, term: str, limit: int) -> list[Passage]:
        """Up to `limit` passages that hold `term`, in index order: a postings lookup."""
        j = self._vocabulary.get(term)
        if j is None:
            return []
        return [self.passages[int(i)] for i in self._docs[self._span(j)][:limit]]

    def weight(self, term: str) -> float:
        """A positive idf for judging how much of a question a passage covers.

        The Lucene form log(1 + (N - df + 0.5) / (df + 0.5)) stays positive on any
        corpus size, unlike Okapi's, and gives unknown terms the highest weight.
        Remembered: a question weighs the words of a few hundred sentences.
        """
        found = self._weights.get(term)
        if found is None:
            n = len(self.passages)
            df = self.document_frequency(term)
            found = math.log(1.0 + (n - df + 0.5) / (df + 0.5))
            if len(self._weights) >= _WEIGHTS_LIMIT:
                self._weights.clear()
            self._weights[term] = found
        return found

    def _accumulate(
        self, terms: Sequence[str], boosts: Sequence[float] | None = None
    ) -> tuple[Floats, Bools]:
        """Every passage's score for `terms`, and which passages share one of them.

        `boosts` (one per term) scale each term's contribution; without them the
        scores are rank-bm25's exactly.
        """
        n = len(self.passages)
        if self._empty:
            return np.zeros(n), np.zeros(n, np.bool_)
        found = [self._vocabulary.get(term) for term in terms]
        if boosts is not None:
            return self._accumulate_boosted(found, boosts)
        if not self._dense:
            # Unknown terms add nothing; the others' postings, concatenated in query order,
            # are summed per passage in that order by bincount (as rank-bm25's `score +=`).
            spans = [self._span(j) for j in found if j is not None] or [slice(0, 0)]
            docs = np.concatenate([self._docs[span] for span in spans])
            weights = np.concatenate([self._impact[span] for span in spans])
            score = np.bincount(docs, weights, minlength=n).astype(np.float64, copy=False)
            if all(self._positive[j] for j in found if j is not None):
                return score, score > 0  # sums of positive shares: > 0 exactly where shared
            return score, np.bincount(docs, minlength=n) > 0
        score = np.zeros(n)
        sharing = np.zeros(n, np.bool_)
        with np.errstate(invalid="ignore"):
            for j in found:  # query order, repeats kept, as rank-bm25
                if j is None:  # rank-bm25 adds 0 times the formula (NaN where it is NaN)
                    score += 0.0 * self._absent
                    continue
                span = self._span(j)
                full = float(self._idf[j]) * self._absent
                full[self._docs[span]] = self._impact[span]
                score += full
                sharing[self._docs[span]] = True
        return score, sharing

    def _accumulate_boosted(
        self, found: Sequence[int | None], boosts: Sequence[float]
    ) -> tuple[Floats, Bools]:
        """Scores of a weighted query (expanded questions): each term's share times its boost."""
        n = len(self.passages)
        weighted = [(j, b) for j, b in zip(found, boosts, strict=True) if j is not None and b > 0]
        if not self._dense:
            # Every posting's share times its term's boost, summed per passage at once.
            spans = [self._span(j) for j, _ in weighted]
            docs = np.concatenate([self._docs[span] for span in spans] or [np.zeros(0, np.int32)])
            shares = np.concatenate(
                [b * self._impact[span] for span, (_, b) in zip(spans, weighted, strict=True)]
                or [np.zeros(0)]
            )
            total: Floats = np.bincount(docs, shares, n).astype(np.float64, copy=False)
            if all(self._positive[j] for j, _ in weighted):
                return total, total > 0  # positive shares, positive boosts: > 0 where shared
            return total, np.bincount(docs, minlength=n) > 0
        score = np.zeros(n)
        sharing = np.zeros(n, np.bool_)
        for j, boost in weighted:
            span = self._span(j)
            full = float(self._idf[j]) * self._absent
            full[self._docs[span]] = self._impact[span]
            score += boost * np.nan_to_num(full)
            sharing[self._docs[span]] = True
        return score, sharing

    def _any_of(self, terms: Sequence[str]) -> Bools:
        """Which passages hold at least one of `terms`."""
        held = np.zeros(len(self.passages), np.bool_)
        for term in terms:
            j = self._vocabulary.get(term)
            if j is not None:
                held[self._docs[self._span(j)]] = True
        return held

    def _span(self, j: int) -> slice:
        """Where term j's postings are."""
        return slice(int(self._offsets[j]), int(self._offsets[j + 1]))

    def speakers_named(self, question: str) -> tuple[str, ...]:
        """The speakers of the passages whose full name the question uses ("Marketing",
        "Professor C", "Kirsty Williams AM"), as name keys."""
        asked = name_key(question).split()
        text = f" {' '.join(asked)} "
        found: list[str] = []
        for word in dict.fromkeys(asked):
            for key in self._names_by_first.get(word, ()):
                if f" {key} " in text and key not in found:
                    found.append(key)
        return tuple(found)

    def search(
        self,
        terms: Sequence[str],
        k: int = 10,
        documents: Collection[str] | None = None,
        boosts: Sequence[float] | None = None,
        ranking: Ranking = PLAIN,
        speakers: Sequence[str] = (),
        phrases: Sequence[Phrase] = (),
        asked: Sequence[str] | None = None,
    ) -> list[Hit]:
        """The top `k` passages sharing a term with `terms`, best first, ties by passage order.

        `documents` restricts the search to those document paths; `boosts` weights each
        term (an expanded question); `ranking` adds the neighbours' scores, raises the
        passages of `speakers` (name keys, see `speakers_named`) and those saying the
        question's `phrases` (see `adjacent_pairs`). Without these, scores are rank-bm25's own.
        `asked`: the question's own terms when `terms` widens them (feedback): the added
        words score, but only a passage sharing one of the question's is ranked.
        """
        asked = terms if asked is None else asked
        if k <= 0 or self._empty or not any(term in self._vocabulary for term in asked):
            return []
        allowed: Bools | None = None
        if documents is not None:
            allowed = np.zeros(len(self.passages), np.bool_)
            for path in documents:
                ids = self._by_document.get(path)
                if ids is not None:
                    allowed[ids] = True
            if not allowed.any():
                return []
        score, sharing = self._accumulate(terms, boosts)
        if allowed is not None:
            sharing &= allowed
        if ranking.context:
            score = self._with_context(score, sharing, ranking)
        if speakers and ranking.speaker_boost > 0:
            score = self._with_speakers(score, speakers, ranking.speaker_boost)
        ids = np.flatnonzero(sharing if asked is terms else sharing & self._any_of(asked))
        values = score[ids]
        phrasing = bool(phrases) and ranking.phrasing
        ids, values = _best(ids, values, max(k, ranking.phrase_depth) if phrasing else k)
        if phrasing:
            depth = ranking.phrase_depth
            values[:depth] += ranking.phrase_weight * self._phrase_scores(ids[:depth], phrases)
            ids, values = _best(ids, values, k)
        return [
            Hit(self.passages[i], value)
            for i, value in zip(ids.tolist(), values.tolist(), strict=True)
        ]

    def _phrase_scores(self, ids: Ints, phrases: Sequence[Phrase]) -> Floats:
        """What the passages `ids` gain for saying the question's word pairs (see Ranking)."""
        weights = {pair: (self.weight(pair[0]) + self.weight(pair[1])) / 2 for pair in phrases}
        gains = np.zeros(len(ids))
        for n, i in enumerate(ids.tolist()):
            terms = self.passage_terms(self.passages[i])
            said = Counter(pair for pair in pairwise(terms) if pair in weights)
            gains[n] = math.fsum(
                weights[pair] * count * (PHRASE_SATURATION + 1) / (count + PHRASE_SATURATION)
                for pair, count in said.items()
            )
        return gains

    def _with_context(self, score: Floats, sharing: Bools, ranking: Ranking) -> Floats:
        """`score` plus each sharing passage's score spread to its neighbours (see Ranking).

        Whole arrays in reading order, shifted by one, two, … passages, times a mask
        that is 0 where a shift would cross into another document: a few vector
        operations whatever the number of passages sharing a term.
        """
        given = np.nan_to_num(score) * sharing if self._dense else score * sharing
        if self._reading is not None:
            given = given[self._reading]
        n = len(given)
        spread = np.zeros(n)
        scratch = np.empty(max(n - 1, 0))
        masks = self._spread_masks(ranking.context_weight, min(ranking.context_window, n - 1))
        for d, same in enumerate(masks, start=1):
            part = scratch[: n - d]
            np.multiply(given[:-d], same, out=part)
            spread[d:] += part
            np.multiply(given[d:], same, out=part)
            spread[:-d] += part
        if self._reading is None:
            spread += score
            return spread
        result: Floats = score.copy()
        result[self._reading] += spread
        return result

    def _spread_masks(self, weight: float, window: int) -> tuple[Floats, ...]:
        """For each distance d up to `window`, `weight` ** d where the passage d places further
        on in reading order is in the same document, else 0.0: one multiplication spreads
        a score that far.

        Kept once computed, for up to two rankings at a time (a dict write is atomic: two
        threads at worst compute them twice).
        """
        masks = self._masks.get((weight, window))
        if masks is None:
            document = self._reading_document
            found: list[Floats] = []
            share = 1.0
            for d in range(1, window + 1):
                share *= weight
                same = (document[d:] == document[:-d]).astype(np.float64)
                found.append(_frozen(same * share))
            if len(self._masks) >= _MASK_SETS_LIMIT:
                self._masks.clear()  # a benchmark trying several rankings on one index
            masks = self._masks[(weight, window)] = tuple(found)
        return masks

    def _with_speakers(self, score: Floats, speakers: Sequence[str], boost: float) -> Floats:
        """`score` raised for the passages the named speakers speak in (see `search`)."""
        factor = np.ones(len(score))
        for key in speakers:
            spoken = self._spoken.get(key)
            if spoken is not None:
                ids, shares = spoken
                factor[ids] += boost * shares
        # Okapi scores can be negative on tiny corpora: raising means multiplying only above 0.
        result: Floats = np.where(score > 0, score * factor, score)
        return result

    def scores(self, terms: Sequence[str]) -> list[float]:
        """rank-bm25's score of every passage (for tests and benchmarks)."""
        return [float(s) for s in self._accumulate(terms)[0].tolist()]
