"""The benchmarks' own pieces keep up with the engine: they run for minutes, so a drift
(a new Index method the plain rank-bm25 adapter lacks) should fail here, in seconds."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from rank_bm25 import BM25Okapi
from rich.console import Console

from bot.analysis import Analyser
from bot.answering import answer_question
from bot.evaluation import Query, score
from bot.index import Index, index_text
from bot.models import Document, Passage

BENCH = Path(__file__).resolve().parent.parent / "bench"
A = Analyser()
TEXTS = (
    "Marketing: the budget for the launch is tight and we need colour\nProject Manager: ok",
    "Project Manager: the committee approved the casing budget of 12 euros a unit",
    "Industrial Designer: the buttons will be rubber and the case plastic",
    "Marketing: the survey of two hundred people asked for fewer buttons",
)


def bench_module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # for its dataclasses
    spec.loader.exec_module(module)
    return module


def test_the_plain_rank_bm25_adapter_answers_as_the_engine_does() -> None:
    speed = bench_module("speed")
    document = Document("m.md", "m", ())
    passages = [Passage(f"m.md#{i}", document, i, f"¶{i}", t) for i, t in enumerate(TEXTS, 1)]
    corpus = [A.terms(index_text(p)) for p in passages]
    plain = speed.RankBM25Index(passages, A, BM25Okapi(corpus), corpus)
    for question in (
        "What budget did the committee approve for the casing?",
        "What did Marketing say about the buttons?",
        "Who is the mayor of PPSTI?",
        "When did the survey ask for fewer buttons?",  # looks at the passage after the quote
    ):
        ours = answer_question(question, Index(passages, A))
        theirs = answer_question(question, plain)
        assert theirs.answered == ours.answered
        assert [q.text for q in theirs.quotes] == [q.text for q in ours.quotes]


def test_the_typo_benchmark_makes_one_edit_in_the_longest_word() -> None:
    typos = bench_module("typos")
    for question in (
        "Who won the dredging contract?",
        "What did Marketing say about the buttons?",
        "Who is the chair of PPSTI?",
        "How much is the contract worth?",
    ):
        mistyped = typos.misspell(question)
        assert mistyped == typos.misspell(question)  # deterministic
        changed = [
            (a, b) for a, b in zip(question.split(), mistyped.split(), strict=True) if a != b
        ]
        assert len(changed) == 1
        word, typo = changed[0]
        assert len(word) == max(len(w.strip("?")) for w in question.split())
        assert abs(len(word) - len(typo)) <= 1
    assert typos.misspell("Who is he?") == "Who is he?"  # no word long enough


def test_pooled_retrieval_is_told_apart_by_source() -> None:
    retrieval = bench_module("retrieval")
    assert retrieval.domain("ES2006a").startswith("AMI")
    assert retrieval.domain("Bmr012") == "ICSI research"
    assert retrieval.domain("covid_2") == "parliament committees"
    queries = [
        Query("ES2006a?0", "ES2006a", "q", frozenset({"ES2006a#1"})),
        Query("ES2006b?0", "ES2006b", "q", frozenset({"ES2006b#1"})),
    ]
    pooled = score("pooled", queries, [["ES2006a#1"], ["ES2006a#2", "ES2006b#1"]])
    group = score("group", queries, [["ES2006a#1"], ["ES2006b#1"]])
    table = retrieval.by_domain(queries, {"pooled": pooled, "group": group})
    console = Console(width=200, record=True)
    console.print(table)
    row = next(line for line in console.export_text().splitlines() if "AMI" in line)
    cells = [cell.strip() for cell in row.split("│") if cell.strip()]
    # two questions, two meetings, one best passage in the asked meeting
    assert cells[1:5] == ["2", "2", "0.50", f"{pooled.ndcg:.3f}"]
    assert cells[5] == "1.000"


def test_the_failure_benchmark_places_each_question_where_it_was_lost() -> None:
    failures = bench_module("failures")
    items = failures.judge_set(Path(__file__).resolve().parent / "data" / "questions.toml")
    answerable = [item for item in items if item.answerable]
    assert len(answerable) == 25 and len(items) == 33
    assert all(item.outcome.passed for item in items)  # the bundled release: all pass
    assert all(item.fact is not None and item.fact_relevant for item in answerable)
    assert {failures.place(item) for item in answerable} == {"judged relevant"}
    assert all(0.0 <= item.best <= 1.0 + 1e-9 for item in items)


def test_auc_counts_pairs_in_order_and_ties_as_half() -> None:
    auc = bench_module("failures").auc
    assert auc([3.0, 4.0], [1.0, 2.0]) == 1.0
    assert auc([1.0], [2.0]) == 0.0
    assert auc([1.0, 2.0], [1.0, 3.0]) == 0.375  # (0.5 + 0) + (1 + 0) over 4
