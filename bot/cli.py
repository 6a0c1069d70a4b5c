"""The `rapporteur` command: the same engine as the bot, from a shell.

Human output by default (rich tables and markdown on a terminal, plain text in a
pipe), `--json` for scripts. Exit codes: 0 success; 1 `check` found skipped
files; 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import errno
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markdown import Markdown
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from bot import __version__
from bot.config import Config, load_config
from bot.errors import ConfigError, RapporteurError
from bot.evaluation import Metrics, evaluate, load_benchmark
from bot.formats.isolation import parser_session
from bot.index import Index
from bot.loader import load_folder
from bot.models import Answer, Citation, LoadReport, Status
from bot.questionset import QuestionReport, run_question_set
from bot.service import KnowledgeService, named_folder
from bot.splitting import split_documents

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE = 0, 1, 2
PROGRESS_FROM = 200  # files; smaller folders load too fast for a bar to help


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the process exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # In a pipe rich would assume 80 columns and squeeze the tables; give them room.
    console = _Console(soft_wrap=True, width=None if sys.stdout.isatty() else 160)
    try:
        config = load_config(args.config, args.knowledge)
        result: int = args.handler(args, config, console)
        return result
    except RapporteurError as exc:
        print(f"rapporteur: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except _ReaderGone:  # `rapporteur ask … | head -1`: the reader has what it wanted
        _silence_stdout()
        return 0
    except OSError as exc:
        print(f"rapporteur: {exc}", file=sys.stderr)
        return EXIT_USAGE


class _ReaderGone(BrokenPipeError):
    """Standard output's reader closed the pipe (any other broken pipe is an error)."""


class _Console(Console):
    """rich's console, leaving a reader that closed the pipe to `main` (rich exits 1)."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise _ReaderGone(errno.EPIPE, "the reader closed the pipe")


def _out(text: str) -> None:
    """Print `text` to standard output; a reader that has gone is `_ReaderGone`, not an error."""
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError as exc:
        raise _ReaderGone(errno.EPIPE, "the reader closed the pipe") from exc


def _silence_stdout() -> None:
    """Later writes, and the interpreter's last flush at exit, go to /dev/null."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--config", type=Path, help="config file (default: ./config.toml if present)"
    )
    common.add_argument(
        "--knowledge", type=Path, help="knowledge folder (overrides [knowledge] path)"
    )
    common.add_argument("--json", action="store_true", help="print JSON for scripts")

    parser = argparse.ArgumentParser(
        prog="rapporteur",
        description="Answers questions about meeting documents with quoted, cited passages.",
    )
    parser.add_argument("--version", action="version", version=f"rapporteur {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ask = commands.add_parser("ask", parents=[common], help="answer a question")
    ask.add_argument("question")
    ask.add_argument("--document", help="only this document (title or path)")
    ask.set_defaults(handler=cmd_ask)

    summary = commands.add_parser(
        "summary", parents=[common], help="summarise a document, a topic, or the latest meeting"
    )
    summary.add_argument("--document", help="the document (title or path)")
    summary.add_argument("--topic", help="a topic across the documents")
    summary.set_defaults(handler=cmd_summary)

    sources = commands.add_parser("sources", parents=[common], help="list the known documents")
    sources.add_argument("query", nargs="?", help="only documents matching this")
    sources.set_defaults(handler=cmd_sources)

    run = commands.add_parser("run", parents=[common], help="start the Discord bot")
    run.set_defaults(handler=cmd_run)

    check = commands.add_parser(
        "check", parents=[common], help="load and index the folder, report each file"
    )
    check.set_defaults(handler=cmd_check)

    ev = commands.add_parser(
        "eval", parents=[common], help="score retrieval on a benchmark, and question sets"
    )
    ev.add_argument("--passages", type=Path, help="benchmark passages JSONL")
    ev.add_argument("--queries", type=Path, help="benchmark queries JSONL")
    ev.add_argument("--scope", choices=("pooled", "group", "both"), default="both")
    ev.add_argument(
        "--questions",
        type=Path,
        action="append",
        default=[],
        help="a question set (TOML with folders and questions); may be repeated",
    )
    ev.add_argument(
        "--by-kind",
        action="store_true",
        help="also count each question set's outcomes by the kind of question",
    )
    ev.set_defaults(handler=cmd_eval)
    return parser


def cmd_ask(args: argparse.Namespace, config: Config, console: Console) -> int:
    service = KnowledgeService(config)
    answer = service.ask(args.question, args.document)
    text = service.renderer.answer(answer).text
    if args.json:
        _out(json.dumps(answer_json(answer, text), ensure_ascii=False, indent=2))
    else:
        _print_markdown(console, text)
    return EXIT_OK


def cmd_summary(args: argparse.Namespace, config: Config, console: Console) -> int:
    service = KnowledgeService(config)
    summary = service.summarise(args.document, args.topic)
    text = service.renderer.summary(summary).text
    if args.json:
        data = {
            "kind": summary.kind,
            "subject": summary.subject,
            "found": summary.found,
            "text": text,
            "citations": [citation_json(c) for c in summary.citations],
        }
        _out(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print_markdown(console, text)
    return EXIT_OK


def answer_json(answer: Answer, text: str) -> dict[str, Any]:
    """The `ask --json` contract: the reply as rendered for Discord, and its citations."""
    return {
        "question": answer.question,
        "answered": answer.answered,
        "text": text,
        "citations": [citation_json(c) for c in answer.citations],
    }


def citation_json(citation: Citation) -> dict[str, Any]:
    """One citation as the JSON contract names it."""
    passage = citation.passage
    document = passage.document
    return {
        "n": citation.n,
        "document": document.path,
        "title": document.title,
        "date": document.date,
        "url": document.url,
        "passage": passage.id,
        "location": passage.location,
        "score": citation.score,
        "text": passage.text,
    }


def cmd_run(args: argparse.Namespace, config: Config, console: Console) -> int:
    logging.getLogger().setLevel(logging.INFO)
    from bot.discord_app import run  # only this command needs discord.py

    return run(config)


def cmd_sources(args: argparse.Namespace, config: Config, console: Console) -> int:
    service = KnowledgeService(config)
    documents = service.sources(args.query)
    if args.json:
        rows = [
            {"document": d.path, "title": d.title, "date": d.date, "url": d.url,
             "meeting": d.meeting, "place": d.place}
            for d in documents
        ]  # fmt: skip
        _out(json.dumps({"query": args.query, "documents": rows}, ensure_ascii=False, indent=2))
        return EXIT_OK
    table = Table("title", "date", "place", "document", title=f"{len(documents)} document(s)")
    for d in documents:
        table.add_row(escape(d.title), d.date or "", escape(d.place or ""), escape(d.path))
    console.print(table)
    return EXIT_OK


def cmd_check(args: argparse.Namespace, config: Config, console: Console) -> int:
    folder = config.knowledge_path()
    service = KnowledgeService(config)
    with parser_session(service.parse_limits()), named_folder(config):  # as the bot reads them
        report = _load_with_progress(folder, console, show=not args.json)
    index = Index(split_documents(report.documents), service.analyser, service.bm25)
    status = EXIT_SKIPPED if report.skipped else EXIT_OK
    if args.json:
        files = [
            {"path": o.path, "status": o.status.value, "reason": o.reason,
             "warnings": list(o.warnings)}
            for o in report.outcomes
        ]  # fmt: skip
        summary = {
            "folder": report.root,
            "documents": len(report.documents),
            "passages": len(index),
            "terms": index.vocabulary_size,
            "seconds": round(report.seconds, 3),
            "files": files,
        }
        _out(json.dumps(summary, ensure_ascii=False, indent=2))
        return status
    styles = {Status.LOADED: "green", Status.SKIPPED: "red", Status.IGNORED: "dim"}
    table = Table("file", "outcome", "details", title=escape(report.root))
    for o in report.outcomes:
        details = "; ".join([o.reason, *o.warnings] if o.reason else o.warnings)
        table.add_row(escape(o.path), f"[{styles[o.status]}]{o.status.value}[/]", escape(details))
    console.print(table)
    console.print(
        f"{len(report.documents)} documents, {len(index)} passages, "
        f"{index.vocabulary_size} terms; {len(report.skipped)} skipped "
        f"({report.seconds:.2f} s)"
    )
    return status


def cmd_eval(args: argparse.Namespace, config: Config, console: Console) -> int:
    if (args.passages is None) != (args.queries is None):
        raise ConfigError("eval: --passages and --queries go together")
    if args.passages is None and not args.questions:
        raise ConfigError("eval: give --passages and --queries, or --questions FILE, or both")
    service = KnowledgeService(config)
    results: list[Metrics] = []
    if args.passages is not None:
        passages, queries = load_benchmark(args.passages, args.queries)
        scopes = ("pooled", "group") if args.scope == "both" else (args.scope,)
        results = [
            evaluate(
                passages,
                queries,
                s,
                service.analyser,
                service.bm25,
                service.expansion,
                service.ranking,
                service.answer_options.alternatives,
            )
            for s in scopes
        ]
    reports = [
        run_question_set(
            path, service.analyser, service.bm25, service.answer_options, service.renderer
        )
        for path in args.questions
    ]
    if args.json:
        data = {
            "retrieval": [m.as_dict() for m in results],
            "questions": [r.as_dict() for r in reports],
        }
        _out(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    if results:
        columns = [
            "nDCG@10",
            "MRR@10",
            "Hit@1",
            "Hit@3",
            "Hit@5",
            "Hit@10",
            "R@1",
            "R@3",
            "R@5",
            "R@10",
        ]
        title = escape(f"Retrieval: {args.queries.name} ({len(passages)} passages)")
        table = Table("scope", "queries", *columns, title=title)
        for m in results:
            values = [m.ndcg, m.mrr, *m.hit.values(), *m.recall.values()]
            table.add_row(m.scope, str(m.queries), *(f"{v:.3f}" for v in values))
        console.print(table)
    if reports:
        table = Table(
            "question set", "answerable", "facts found", "abstained (unanswerable)",
            "abstained (answerable)", "unanswerable", title="Answers",
        )  # fmt: skip
        for r in reports:
            table.add_row(
                escape(r.name), str(r.answerable), f"{r.facts_found:.1%}",
                f"{r.abstained_when_unanswerable:.1%}", f"{r.abstained_when_answerable:.1%}",
                str(r.unanswerable),
            )  # fmt: skip
        console.print(table)
    if reports and args.by_kind:
        console.print(_kinds_table(reports))
    return EXIT_OK


def _kinds_table(reports: list[QuestionReport]) -> Table:
    """Each set's outcomes by kind of question: which kinds the misses are."""
    table = Table(
        "question set", "kind", "questions", "passed", "declined", "answered wrongly",
        title="Answers by kind of question (passed: the fact quoted, or silence kept)",
    )  # fmt: skip
    for r in reports:
        for kind, c in r.by_kind().items():
            row = [str(c.questions), str(c.passed), str(c.declined), str(c.wrong)]
            table.add_row(escape(r.name), escape(kind) or "(none)", *row)
    return table


def _load_with_progress(folder: Path, console: Console, show: bool) -> LoadReport:
    """Load the folder, with a progress bar on a terminal when it holds many files."""
    if not show or not console.is_terminal:
        return load_folder(folder)
    total = sum(len(files) for _, _, files in os.walk(folder))
    if total < PROGRESS_FROM:
        return load_folder(folder)
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("Loading", total=total)
        return load_folder(folder, lambda _path: progress.advance(task))


def _print_markdown(console: Console, text: str) -> None:
    """Markdown on a terminal; the exact Discord text in a pipe."""
    if console.is_terminal:
        console.print(Markdown(text))
    else:
        _out(text)
