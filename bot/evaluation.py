"""Retrieval quality on a QMSum-style benchmark, following its fixed protocol.

Passages are indexed exactly as given (one passage a line: id, group, text).
Two scopes: `pooled` (one index over every passage; only the query's own group
counts as relevant) and `group` (one index per group, the query searched within
its own meeting). Only passages sharing an analysed query term are ranked, ties
by passage order. Metrics over the top 10: nDCG@10 with binary gains and the
ideal DCG over min(|gold|, 10), MRR@10, Hit@k and R@k for k = 1, 3, 5, 10.
"""

from __future__ import annotations

import contextlib
import json
import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.alternatives import Link, read_question, weighted_query
from bot.analysis import Analyser
from bot.errors import InputError
from bot.expansion import Expansion, expanded_search
from bot.index import PLAIN, BM25Options, Index, Ranking, adjacent_pairs
from bot.models import Document, Passage

KS = (1, 3, 5, 10)
DEPTH = 10


@dataclass(frozen=True, slots=True)
class Query:
    id: str
    group: str
    text: str
    gold: frozenset[str]


@dataclass(frozen=True, slots=True)
class Metrics:
    """Averages over queries, and each query's nDCG@10 for paired comparisons."""

    scope: str
    queries: int
    ndcg: float
    mrr: float
    hit: dict[int, float]
    recall: dict[int, float]
    per_query_ndcg: tuple[float, ...]
    rankings: tuple[tuple[str, ...], ...] = ()  # each query's best DEPTH passage ids, in order

    def as_dict(self) -> dict[str, object]:
        return {
            "scope": self.scope,
            "queries": self.queries,
            "ndcg@10": round(self.ndcg, 4),
            "mrr@10": round(self.mrr, 4),
            **{f"hit@{k}": round(v, 4) for k, v in self.hit.items()},
            **{f"r@{k}": round(v, 4) for k, v in self.recall.items()},
        }


def read_jsonl(path: Path) -> list[dict[str, object]]:
    """One JSON object a line; blank lines ignored; errors name the file and line."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}:{number}: not JSON ({exc.msg})") from exc
    return rows


def load_benchmark(passages_path: Path, queries_path: Path) -> tuple[list[Passage], list[Query]]:
    """Benchmark passages (as single-block documents, one per group) and queries."""
    documents: dict[str, Document] = {}
    passages: list[Passage] = []
    for number, row in enumerate(read_jsonl(passages_path), start=1):
        with _row(passages_path, number):
            pid, group, text = str(row["id"]), str(row["group"]), str(row["text"])
        document = documents.setdefault(group, Document(group, group, ()))
        passages.append(Passage(pid, document, len(passages) + 1, pid, text))
    queries = []
    for number, r in enumerate(read_jsonl(queries_path), start=1):
        with _row(queries_path, number):
            gold = frozenset(map(str, r["gold"]))  # type: ignore[call-overload]
            queries.append(Query(str(r["id"]), str(r["group"]), str(r["query"]), gold))
    return passages, queries


@contextlib.contextmanager
def _row(path: Path, number: int) -> Iterator[None]:
    """A row without a field it needs, or not an object, named by its file and number."""
    try:
        yield
    except (KeyError, TypeError) as exc:
        raise InputError(f"{path}: row {number}: missing or malformed field {exc}") from exc


def evaluate(
    passages: Sequence[Passage],
    queries: Sequence[Query],
    scope: str,
    analyser: Analyser | None = None,
    options: BM25Options | None = None,
    expansion: Expansion | None = None,
    ranking: Ranking = PLAIN,
    alternatives: bool = False,
) -> Metrics:
    """Score retrieval for one scope ("pooled" or "group"), with the question expanded or not,
    ranked plainly or not (neighbouring passages, speakers named), and with or without the
    acronyms and spellings of the documents (`alternatives`)."""
    analyser = analyser or Analyser()
    none = Expansion(0, 0, 0.0)

    def search(index: Index, text: str) -> list[str]:
        terms = analyser.query_terms(text)
        links: list[Link] = []
        if alternatives:
            reading = read_question(text, terms, index)
            terms, links = reading.terms, reading.links
        query, boosts = weighted_query(terms, links)
        speakers = index.speakers_named(text) if ranking.speaker_boost else ()
        hits = expanded_search(
            index, query, DEPTH, None, expansion or none, None, ranking, speakers, boosts,
            adjacent_pairs(terms),
        )  # fmt: skip
        return [h.passage.id for h in hits]

    terms = [analyser.terms(p.text) for p in passages]
    rankings: list[list[str]] = []
    if scope == "pooled":
        index = Index(passages, analyser, options, terms)
        rankings = [search(index, query.text) for query in queries]
    elif scope == "group":
        by_group: dict[str, list[int]] = {}
        for i, p in enumerate(passages):
            by_group.setdefault(p.document.path, []).append(i)
        indexes = {
            group: Index([passages[i] for i in ids], analyser, options, [terms[i] for i in ids])
            for group, ids in by_group.items()
        }
        for query in queries:
            group_index = indexes.get(query.group)
            rankings.append(search(group_index, query.text) if group_index else [])
    else:
        raise ValueError(f"unknown scope {scope!r}: use 'pooled' or 'group'")
    return score(scope, queries, rankings)


def score(scope: str, queries: Sequence[Query], rankings: Sequence[Sequence[str]]) -> Metrics:
    """The protocol's metrics from each query's ranked passage ids."""
    ndcgs, rrs = [], []
    hits: dict[int, list[float]] = {k: [] for k in KS}
    recalls: dict[int, list[float]] = {k: [] for k in KS}
    for query, ranking in zip(queries, rankings, strict=True):
        top = list(ranking[:DEPTH])
        gains = [1.0 if pid in query.gold else 0.0 for pid in top]
        dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
        ideal = sum(1.0 / math.log2(i + 2) for i in range(min(len(query.gold), DEPTH)))
        ndcgs.append(dcg / ideal if ideal else 0.0)
        first = next((i for i, g in enumerate(gains) if g), None)
        rrs.append(0.0 if first is None else 1.0 / (first + 1))
        for k in KS:
            found = sum(gains[:k])
            hits[k].append(1.0 if found else 0.0)
            recalls[k].append(found / len(query.gold) if query.gold else 0.0)
    n = max(len(queries), 1)
    return Metrics(
        scope=scope,
        queries=len(queries),
        ndcg=sum(ndcgs) / n,
        mrr=sum(rrs) / n,
        hit={k: sum(v) / n for k, v in hits.items()},
        recall={k: sum(v) / n for k, v in recalls.items()},
        per_query_ndcg=tuple(ndcgs),
        rankings=tuple(tuple(ranking[:DEPTH]) for ranking in rankings),
    )


def paired_bootstrap(
    baseline: Sequence[float], system: Sequence[float], samples: int = 10_000, seed: int = 0
) -> float:
    """Share of bootstrap resamples of the queries in which `system` does not beat `baseline`.

    A small value (say under 0.05) means the improvement is unlikely to be noise.
    """
    if len(baseline) != len(system) or not baseline:
        raise ValueError("paired bootstrap needs two equal, non-empty lists of per-query scores")
    rng = random.Random(seed)
    diffs = [s - b for b, s in zip(baseline, system, strict=True)]
    n = len(diffs)
    not_better = 0
    for _ in range(samples):
        total = sum(diffs[rng.randrange(n)] for _ in range(n))
        if total <= 0:
            not_better += 1
    return not_better / samples
