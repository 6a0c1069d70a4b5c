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
from bot.evaluation import Metrics, evaluate, load_benchmark, paired_bootstrap
from bot.expansion import Expansion

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
        return self._stemmer.stemWords([w for w in words if w not in LUCENE_STOPWORDS])

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
    systems = {
        "rank-bm25, whitespace tokens": WhitespaceAnalyser(),
        "rank-bm25, Lucene-like analyser (reference)": LuceneLikeAnalyser(),
        "Rapporteur": Analyser(),
    }
    off = Expansion(0, 0, 0.0)
    expansion = {"Rapporteur": Expansion()}  # the default: tuned on train
    systems["Rapporteur, no expansion"] = Analyser()
    results: dict[str, dict[str, Metrics]] = {
        name: {
            scope: evaluate(passages, queries, scope, analyser, None, expansion.get(name, off))
            for scope in ("pooled", "group")
        }
        for name, analyser in systems.items()
    }
    reference = results["rank-bm25, Lucene-like analyser (reference)"]
    table = Table(title=f"QMSum {args.split}: {len(queries)} queries, {len(passages)} passages")
    for column in ("system", "pooled nDCG@10", "p (pooled)", "group nDCG@10", "p (group)",
                   "group MRR@10", "group Hit@5"):  # fmt: skip
        table.add_column(column)
    for name, by_scope in results.items():
        pooled, group = by_scope["pooled"], by_scope["group"]
        if by_scope is reference:
            p_pooled = p_group = "—"
        else:
            p_pooled = (
                f"{paired_bootstrap(reference['pooled'].per_query_ndcg, pooled.per_query_ndcg):.3f}"
            )
            p_group = (
                f"{paired_bootstrap(reference['group'].per_query_ndcg, group.per_query_ndcg):.3f}"
            )

        table.add_row(
            name, f"{pooled.ndcg:.3f}", p_pooled, f"{group.ndcg:.3f}", p_group,
            f"{group.mrr:.3f}", f"{group.hit[5]:.3f}",
        )  # fmt: skip
    Console(width=160).print(table)
    print("p: share of bootstrap resamples (10,000, paired over queries) in which the system")
    print("does not beat the Lucene-like reference; under 0.05 means a real improvement.")


if __name__ == "__main__":
    main()
