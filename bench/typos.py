"""Questions with a typo: how much the documents' spellings win back.

Each question of the project's question sets (and, with --qmsum, each QMSum query)
gets one typo in its longest word, made deterministically (two letters swapped, one
dropped, one doubled, or one struck as its keyboard neighbour), as people type on a
phone. The table compares the clean questions, the mistyped ones answered as typed,
and the mistyped ones with the documents' spellings; it also shows that unanswerable
questions are still declined.

    python bench/typos.py [--qmsum ../shared/data/qmsum-retrieval --split val]
"""

from __future__ import annotations

import argparse
import re
import zlib
from dataclasses import replace
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bot.analysis import QUESTION_WORDS, Analyser
from bot.answering import AnswerOptions
from bot.evaluation import evaluate, load_benchmark
from bot.expansion import Expansion
from bot.index import Ranking
from bot.questionset import Question, QuestionReport, run_question_set

SETS = ("tests/data/questions.toml", "tests/data/meeting_questions.toml",
        "tests/data/dev2_questions.toml", "tests/data/heldout_questions.toml",
        "tests/data/heldout2_questions.toml")  # fmt: skip
NEIGHBOURS = dict(zip("qwertyuiopasdfghjklzxcvbnm", "wertyuiopqsdfghjklaxcvbnmz", strict=True))


def misspell(text: str) -> str:
    """`text` with one typo in its longest word of five letters or more (none if it has none)."""
    words = [
        m for m in re.finditer(r"[A-Za-z]{5,}", text) if m.group().casefold() not in QUESTION_WORDS
    ]
    if not words:
        return text
    word = max(words, key=lambda m: len(m.group()))  # the first of the longest
    w, at = word.group(), len(word.group()) // 2
    match zlib.crc32(text.encode()) % 4:
        case 0:
            typo = w[: at - 1] + w[at] + w[at - 1] + w[at + 1 :]
        case 1:
            typo = w[:at] + w[at + 1 :]
        case 2:
            typo = w[:at] + w[at] + w[at:]
        case _:
            typo = w[:at] + NEIGHBOURS.get(w[at].lower(), w[at]) + w[at + 1 :]
    return text[: word.start()] + typo + text[word.end() :]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--qmsum", type=Path, help="also QMSum queries from this folder")
    parser.add_argument("--split", default="val")
    args = parser.parse_args()
    console = Console(width=150)
    table = Table(title="Question sets with one typo a question")
    for column in ("set", "questions", "facts quoted", "unanswerable declined",
                   "answerable declined"):  # fmt: skip
        table.add_column(column)
    on, off = AnswerOptions(), AnswerOptions(alternatives=False)
    for path in map(Path, SETS):
        runs: list[tuple[str, QuestionReport]] = [
            ("as written", run_question_set(path, options=on)),
            ("typo, as typed", run_question_set(path, options=off, rewrite=_mistyped)),
            ("typo, documents' spellings", run_question_set(path, options=on, rewrite=_mistyped)),
        ]
        for label, report in runs:
            table.add_row(
                path.name, label, f"{report.facts_found:.1%}",
                f"{report.abstained_when_unanswerable:.1%}",
                f"{report.abstained_when_answerable:.1%}",
            )  # fmt: skip
    console.print(table)
    if args.qmsum:
        qmsum(args.qmsum, args.split, console)


def _mistyped(question: Question) -> Question:
    return replace(question, ask=misspell(question.ask))


def qmsum(folder: Path, split: str, console: Console) -> None:
    """QMSum nDCG@10 with each query mistyped, without and with the documents' spellings."""
    passages, queries = load_benchmark(
        folder / f"{split}.passages.jsonl", folder / f"{split}.queries.jsonl"
    )
    mistyped = [replace(q, text=misspell(q.text)) for q in queries]
    table = Table(title=f"QMSum {split} nDCG@10, {len(queries)} queries")
    for column in ("queries", "pooled", "per meeting"):
        table.add_column(column)
    analyser, expansion, ranking = Analyser(), Expansion(), Ranking()
    for label, asked, alternatives in (
        ("as written", queries, True),
        ("typo, as typed", mistyped, False),
        ("typo, documents' spellings", mistyped, True),
    ):
        scores = [
            evaluate(passages, asked, scope, analyser, None, expansion, ranking, alternatives)
            for scope in ("pooled", "group")
        ]
        table.add_row(label, *(f"{m.ndcg:.3f}" for m in scores))
    console.print(table)


if __name__ == "__main__":
    main()
