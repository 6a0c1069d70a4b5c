"""Analysed passages as BM25 needs them: how often each term occurs in each passage.

Building an index over a hundred thousand passages is mostly analysing them. A
corpus repeats the same whitespace chunks millions of times, so `Tokeniser`
analyses each distinct chunk once and turns the rest into numpy arrays of term
ids; `TermCounts` keeps only what BM25 reads (term, count pairs per passage),
which is also what the build cache stores.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

import numpy as np
import numpy.typing as npt

from bot.analysis import Analyser

Ints = npt.NDArray[np.int64]
Int32s = npt.NDArray[np.int32]

_MEMO_LIMIT = 1_000_000  # distinct whitespace chunks remembered while analysing a corpus


@dataclass(frozen=True, slots=True, eq=False)
class TermCounts:
    """Analysed passages as BM25 sees them: how often each term occurs in each passage.

    BM25 ignores word order, so this is all the index (and the cache) needs, and it
    is far smaller than term lists. `vocabulary` is in order of first occurrence,
    the order in which rank-bm25 sums its idf table. Passage i's (term, count)
    pairs are `terms[offsets[i]:offsets[i + 1]]` and `counts[...]`, one pair per term.
    """

    vocabulary: tuple[str, ...]
    offsets: Ints
    terms: Int32s
    counts: Int32s
    lengths: Ints  # terms per passage, repeats counted (rank-bm25's doc_len)

    def __len__(self) -> int:
        return len(self.lengths)

    @classmethod
    def from_terms(cls, corpus: Iterable[Sequence[str]]) -> TermCounts:
        """Counts of ready-made term lists (one list per passage)."""
        ids: dict[str, int] = {}
        flat: array[int] = array("i")
        ends: array[int] = array("q")
        for doc in corpus:
            flat.extend([ids.setdefault(term, len(ids)) for term in doc])
            ends.append(len(flat))
        return cls._from_flat(tuple(ids), _ints32(flat), _ints64(ends))

    @classmethod
    def analyse(cls, analyser: Analyser, texts: Iterable[str]) -> TermCounts:
        """Counts of `analyser.terms(text)` for each text, computed quickly (see Tokeniser)."""
        return Tokeniser(analyser).count(texts)

    @classmethod
    def concat(cls, parts: Sequence[TermCounts]) -> TermCounts:
        """The passages of several parts, in order, over one vocabulary."""
        ids: dict[str, int] = {}
        terms, counts, lengths, offsets = [], [], [], [np.zeros(1, np.int64)]
        base = 0
        for part in parts:
            mapping = np.array(
                [ids.setdefault(term, len(ids)) for term in part.vocabulary], np.int32
            )
            terms.append(mapping[part.terms])
            counts.append(part.counts)
            lengths.append(part.lengths)
            offsets.append(part.offsets[1:] + base)
            base += len(part.terms)
        return cls(
            tuple(ids),
            np.concatenate(offsets),
            np.concatenate(terms) if terms else np.zeros(0, np.int32),
            np.concatenate(counts) if counts else np.zeros(0, np.int32),
            np.concatenate(lengths) if lengths else np.zeros(0, np.int64),
        )

    @classmethod
    def _from_flat(cls, vocabulary: tuple[str, ...], ids: Int32s, ends: Ints) -> TermCounts:
        """Counts from every passage's term ids laid end to end (`ends`: where each stops)."""
        return cls(vocabulary, *_pairs(ids, ends))

    @classmethod
    def _join(cls, vocabulary: tuple[str, ...], parts: Sequence[Pairs]) -> TermCounts:
        """Consecutive runs of passages counted over the same term ids, as one."""
        offsets = [np.zeros(1, np.int64)]
        base = 0
        for part in parts:
            offsets.append(part[0][1:] + base)
            base += len(part[1])
        return cls(
            vocabulary,
            np.concatenate(offsets),
            np.concatenate([p[1] for p in parts] or [np.zeros(0, np.int32)]),
            np.concatenate([p[2] for p in parts] or [np.zeros(0, np.int32)]),
            np.concatenate([p[3] for p in parts] or [np.zeros(0, np.int64)]),
        )

    def check(self) -> None:
        """Raise ValueError unless the arrays are consistent (guards data read from a cache)."""
        n, size = len(self.lengths), len(self.terms)
        if (
            self.offsets.ndim != 1
            or len(self.offsets) != n + 1
            or len(self.counts) != size
            or self.offsets[0] != 0
            or self.offsets[-1] != size
            or np.any(np.diff(self.offsets) < 0)
        ):
            raise ValueError("term counts: inconsistent offsets")
        if size and (self.terms.min() < 0 or self.terms.max() >= len(self.vocabulary)):
            raise ValueError("term counts: term id out of range")
        if size and self.counts.min() < 1:
            raise ValueError("term counts: counts must be positive")
        if len(set(self.vocabulary)) != len(self.vocabulary):
            raise ValueError("term counts: repeated vocabulary entry")
        if np.any(np.bincount(self.terms, minlength=len(self.vocabulary)) == 0):
            raise ValueError("term counts: unused vocabulary entry")
        passage = np.repeat(np.arange(n, dtype=np.int64), np.diff(self.offsets))
        if not np.array_equal(np.bincount(passage, self.counts, minlength=n), self.lengths):
            raise ValueError("term counts: lengths do not match the counts")
        pairs = np.sort((passage << 32) | self.terms.astype(np.int64))
        if size > 1 and np.any(pairs[1:] == pairs[:-1]):
            raise ValueError("term counts: repeated term within a passage")


class _Chunks(dict[str, int]):
    """Whitespace chunk -> a chunk class, whose term ids are stored once in `terms`.

    A missing chunk is analysed on first sight; a class is just the chunk's number.
    """

    def __init__(self, tokeniser: Tokeniser) -> None:
        super().__init__()
        self.tokeniser = tokeniser
        self.terms: array[int] = array("i")  # the term ids of every class, end to end
        self.bounds: array[int] = array("q", [0])  # class c: terms[bounds[c]:bounds[c + 1]]

    def __missing__(self, chunk: str) -> int:
        self.terms.extend(self.tokeniser.term_ids(chunk))
        self.bounds.append(len(self.terms))
        found = self[chunk] = len(self)
        return found

    def expand(self, classes: Int32s, ends: Ints) -> tuple[Int32s, Ints]:
        """Chunk classes (and where each passage's chunks end) to term ids (and term ends)."""
        bounds = _ints64(self.bounds)
        terms = _ints32(self.terms)
        sizes = np.diff(bounds)[classes]
        stops = np.cumsum(sizes)
        within = np.arange(int(stops[-1]) if len(stops) else 0) - np.repeat(stops - sizes, sizes)
        ids = terms[np.repeat(bounds[:-1][classes], sizes) + within]
        term_ends = np.where(ends > 0, stops[np.maximum(ends - 1, 0)] if len(stops) else 0, 0)
        return ids, term_ends.astype(np.int64)


class Tokeniser:
    """Analyses many passages quickly, with exactly the analyser's terms.

    `Analyser.terms` works word by word and a word never spans whitespace (the
    analyser maps highlights back chunk by chunk on the same ground), so the terms
    of a text are the terms of its whitespace-separated chunks, in order. A corpus
    repeats the same chunks millions of times, so each distinct chunk is analysed
    once and the rest is dictionary lookups and numpy (5 to 10 times faster). An
    analyser subclass with its own `terms` is called as it is, text by text.
    """

    BATCH = 8192  # passages expanded at once: bounds the temporary arrays

    def __init__(self, analyser: Analyser) -> None:
        self.analyser = analyser
        self.ids: dict[str, int] = {}  # every term seen, in first-occurrence order
        self.names: list[str] = []  # the same terms by id
        self._chunks = _Chunks(self)
        self._chunked = type(analyser).terms is Analyser.terms

    def term_ids(self, text: str) -> list[int]:
        """The ids of the terms of `text` (the analyser's own way), in order."""
        ids, names = self.ids, self.names
        found = []
        for term in self.analyser.terms(text):
            j = ids.get(term)
            if j is None:
                j = ids[term] = len(names)
                names.append(term)
            found.append(j)
        return found

    def _batch(self, texts: Sequence[str]) -> tuple[Int32s, Ints]:
        """Term ids of `texts` end to end, and where each text's terms end."""
        flat: array[int] = array("i")
        ends: array[int] = array("q")
        if not self._chunked:
            for text in texts:
                flat.extend(self.term_ids(text))
                ends.append(len(flat))
            return _ints32(flat), _ints64(ends)
        if len(self._chunks) > _MEMO_LIMIT:
            self._chunks = _Chunks(self)
        lookup = self._chunks.__getitem__
        for text in texts:
            flat.extend(map(lookup, text.split()))
            ends.append(len(flat))
        return self._chunks.expand(_ints32(flat), _ints64(ends))

    def _batches(self, texts: Iterable[str]) -> Iterator[tuple[Int32s, Ints]]:
        """Term ids of `texts`, a batch of texts at a time, and where each text's terms end."""
        pending = iter(texts)
        while batch := list(islice(pending, self.BATCH)):
            yield self._batch(batch)

    def _all(self, texts: Iterable[str]) -> tuple[Int32s, Ints]:
        """Term ids of all `texts` end to end, and where each text's terms end."""
        parts: list[Int32s] = []
        stops: list[Ints] = []
        done = 0
        for ids, ends in self._batches(texts):
            parts.append(ids)
            stops.append(ends + done)
            done += len(ids)
        ids = np.concatenate(parts) if parts else np.zeros(0, np.int32)
        return ids, np.concatenate(stops) if stops else np.zeros(0, np.int64)

    def count(self, texts: Iterable[str]) -> TermCounts:
        """TermCounts of `texts`, over the terms they use (in first-occurrence order)."""
        if self.names:  # ids are taken already: renumber to these texts' own terms
            return self._local(*self._all(texts))
        # Ids are numbered in first-occurrence order as they come: count batch by batch,
        # which keeps the temporary arrays small.
        parts = [_pairs(ids, ends) for ids, ends in self._batches(texts)]
        return TermCounts._join(tuple(self.names), parts)

    def count_groups(self, groups: Sequence[Sequence[str]]) -> list[TermCounts]:
        """TermCounts of each group of texts (a document's passages) on its own vocabulary.

        The texts of all groups are analysed in one pass, which is faster than one by one.
        """
        ids, ends = self._all(text for group in groups for text in group)
        result = []
        first = 0
        for group in groups:
            last = first + len(group)
            start = int(ends[first - 1]) if first else 0
            stop = int(ends[last - 1]) if last else 0
            result.append(self._local(ids[start:stop], ends[first:last] - start))
            first = last
        return result

    def _local(self, ids: Int32s, ends: Ints) -> TermCounts:
        """TermCounts over the terms `ids` use, renumbered in order of first use."""
        used, first, inverse = np.unique(ids, return_index=True, return_inverse=True)
        order = np.argsort(first, kind="stable")
        rank = np.empty(len(order), np.int32)
        rank[order] = np.arange(len(order), dtype=np.int32)
        names = self.names
        vocabulary = tuple([names[i] for i in used[order].tolist()])
        return TermCounts._from_flat(vocabulary, rank[inverse.reshape(-1)], ends)


def _ints32(values: array[int]) -> Int32s:
    return np.frombuffer(values, dtype=np.int32).copy() if values else np.zeros(0, np.int32)


def _ints64(values: array[int]) -> Ints:
    return np.frombuffer(values, dtype=np.int64).copy() if values else np.zeros(0, np.int64)


Pairs = tuple[Ints, Int32s, Int32s, Ints]  # TermCounts' offsets, terms, counts, lengths


def _pairs(ids: Int32s, ends: Ints) -> Pairs:
    """Each passage's (term, count) pairs from term ids laid end to end (`ends`: where each
    passage stops), and the passages' lengths: sorted (passage, term) keys, counted in runs.
    """
    lengths = np.diff(ends, prepend=0).astype(np.int64)
    keys = np.repeat(np.arange(len(ends), dtype=np.int64), lengths)
    keys <<= 32
    keys |= ids
    keys.sort()
    starts = np.flatnonzero(np.concatenate(([len(keys) > 0], keys[1:] != keys[:-1])))
    counts = np.diff(starts, append=len(keys)).astype(np.int32)
    pairs = keys[starts]
    del keys, starts
    offsets = np.zeros(len(ends) + 1, np.int64)
    np.cumsum(np.bincount(pairs >> 32, minlength=len(ends)), out=offsets[1:])
    terms = (pairs & 0xFFFFFFFF).astype(np.int32)
    return offsets, terms, counts, lengths
