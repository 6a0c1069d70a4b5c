"""Retrieval quality on the QMSum benchmark: Rapporteur beside the reference BM25 setups.

Runs, on one split, the reference systems of the benchmark's README (rank-bm25
BM25Okapi over whitespace tokens; over lowercase `\\w+` tokens with Lucene's 33
English stopwords and Snowball stems) and Rapporteur's own analyser, in both
scopes, and a paired bootstrap of each against the stronger reference.

    python bench/retrieval.py [--split val] [--data ../shared/data/qmsum-retrieval]
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import Stemmer
from rich.console import Console
from rich.table import Table

from bot.analysis import Analyser
from bot.evaluation import Metrics, Query, evaluate, load_benchmark, paired_bootstrap
from bot.expansion import Expansion
from bot.index import PLAIN, Ranking

LUCENE_STOPWORDS = frozenset(
    "a an and are as at be but by for if in into is it no not of on or such that the their then "
    "there these they this to was will with".split()
)


class WhitespaceAnalyser(Analyser):
    """`text.lower().split()`: the naive baseline."""

    def terms(self, text: str) -> list[str]:
        return text.lower().split()

    def query_terms(self, question: str) -> list[str]:
        return self.terms(question)


class LuceneLikeAnalyser(Analyser):
    """Lowercase, `\\w+`, Lucene's 33 stopwords, Snowball stems; the question kept whole."""

    _stemmer = Stemmer.Stemmer("english")

    def terms(self, text: str) -> list[str]:
        words = re.findall(r"\w+", text.lower())
        return list(self._stemmer.stemWords([w for w in words if w not in LUCENE_STOPWORDS]))

    def query_terms(self, question: str) -> list[str]:
        return self.terms(question)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="val")
    parser.add_argument("--data", type=Path, default=Path("../shared/data/qmsum-retrieval"))
    args = parser.parse_args()
    passages, queries = load_benchmark(
        args.data / f"{args.split}.passages.jsonl", args.data / f"{args.split}.queries.jsonl"
    )
    off, plain = Expansion(0, 0, 0.0), PLAIN
    # name: analyser, feedback, ranking, acronyms and spellings; the last row is the default.
    systems: dict[str, tuple[Analyser, Expansion, Ranking, bool]] = {
        "rank-bm25, whitespace tokens": (WhitespaceAnalyser(), off, plain, False),
        "rank-bm25, Lucene-like analyser (reference)": (LuceneLikeAnalyser(), off, plain, False),
        "Rapporteur analyser": (Analyser(), off, plain, False),
        "+ feedback (RM3-like), as tuned alone": (
            Analyser(), Expansion(10, 40, 0.5, 1.0), plain, False
        ),
        "+ neighbouring passages, feedback retuned": (
            Analyser(), Expansion(), Ranking(speaker_boost=0.0, phrase_weight=0.0), False
        ),
        "+ speakers named in the question": (
            Analyser(), Expansion(), Ranking(phrase_weight=0.0), False
        ),
        "+ acronyms and spellings of the documents": (
            Analyser(), Expansion(), Ranking(phrase_weight=0.0), True
        ),
        "+ question words side by side (phrases; default)": (
            Analyser(), Expansion(), Ranking(), True
        ),
    }  # fmt: skip
    results: dict[str, dict[str, Metrics]] = {
        name: {
            scope: evaluate(
                passages, queries, scope, analyser, None, expansion, ranking, alternatives
            )
            for scope in ("pooled", "group")
        }
        for name, (analyser, expansion, ranking, alternatives) in systems.items()
    }
    reference = results["rank-bm25, Lucene-like analyser (reference)"]
    table = Table(title=f"QMSum {args.split}: {len(queries)} queries, {len(passages)} passages")
    for column in ("system", "pooled nDCG@10", "p ref", "p step", "group nDCG@10", "p ref",
                   "p step", "group MRR@10", "group Hit@1", "group Hit@5"):  # fmt: skip
        table.add_column(column)
    above: dict[str, Metrics] | None = None
    for name, by_scope in results.items():
        cells = [name]
        for scope in ("pooled", "group"):
            ndcg = by_scope[scope].per_query_ndcg
            cells.append(f"{by_scope[scope].ndcg:.3f}")
            for baseline in (reference, above):
                if baseline is None or baseline is by_scope:
                    cells.append("—")
                else:
                    cells.append(f"{paired_bootstrap(baseline[scope].per_query_ndcg, ndcg):.3f}")
        group = by_scope["group"]
        cells += [f"{group.mrr:.3f}", f"{group.hit[1]:.3f}", f"{group.hit[5]:.3f}"]
        table.add_row(*cells)
        above = by_scope
    console = Console(width=170)
    console.print(table)
    print("p ref / p step: share of 10,000 bootstrap resamples (paired over queries) in which the")
    print("row does not beat the Lucene-like reference / the row above; under 0.05: a real gain.")
    console.print(by_domain(queries, list(results.values())[-1]))  # the default system


def domain(group: str) -> str:
    """QMSum's three sources, told apart by their meetings' names."""
    if re.fullmatch(r"(ES|IS|TS)\d{4}[a-d]", group):
        return "AMI product design (four meetings a team)"
    if re.fullmatch(r"B[a-z]{2}\d{3}", group):
        return "ICSI research"
    return "parliament committees"


def by_domain(queries: list[Query], results: dict[str, Metrics]) -> Table:
    """Where pooled retrieval loses: how often the best passage is from the asked meeting.

    Pooled, a passage must first be from the right meeting; the product-design meetings
    all discuss a remote control, four meetings a team, so their questions rarely say
    which meeting they mean.
    """
    pooled, ndcg = results["pooled"].rankings, results["pooled"].per_query_ndcg
    per_meeting = results["group"].per_query_ndcg
    table = Table(title="Default system, pooled, by source")
    for column in ("source", "queries", "meetings", "best passage in the asked meeting",
                   "pooled nDCG@10", "per-meeting nDCG@10"):  # fmt: skip
        table.add_column(column)
    rows: dict[str, list[int]] = {}
    for i, query in enumerate(queries):
        rows.setdefault(domain(query.group), []).append(i)
    for source, ids in sorted(rows.items()):
        right = [bool(pooled[i]) and pooled[i][0].split("#")[0] == queries[i].group for i in ids]
        table.add_row(
            source,
            str(len(ids)),
            str(len({queries[i].group for i in ids})),
            f"{sum(right) / len(ids):.2f}",
            f"{sum(ndcg[i] for i in ids) / len(ids):.3f}",
            f"{sum(per_meeting[i] for i in ids) / len(ids):.3f}",
        )
    return table


if __name__ == "__main__":
    main()
