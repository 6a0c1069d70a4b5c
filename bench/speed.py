"""Speed and memory at 1k, 10k and 100k passages: Rapporteur beside plain rank-bm25.

Corpora are cut from the real meeting transcripts of the QMSum benchmark (train and
val passages, read where they are, never copied): each meeting's words are cut into
windows of `--window` words (one passage each), and the meetings are repeated as new
synthetic meetings until the size is reached. So that the vocabulary grows as an
archive's does, each repeat renames about half of the source's rare words (seen at
most 5 times) with a suffix of its own, and starts its windows at another offset.
The questions are the benchmark's own.

Each system and size runs in a fresh process, so build times, memory and the process
peak are its own. Memory is measured two ways: tracemalloc around building the index
from analysed terms (what the index allocates and keeps; the term strings, shared
with the input, are not counted for either system), and the process's peak RSS.

    python bench/speed.py                       # the table: sizes 1k,10k,100k
    python bench/speed.py --sizes 1k,10k --queries 200 --asks 100
    python bench/speed.py --restart             # cold vs cached KnowledgeService.build(), 100k
    python bench/speed.py --loop-lag            # event-loop lag during a 30k reload + 20 questions
    python bench/speed.py --all                 # all three
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import gc
import itertools
import json
import logging
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zlib
from collections import Counter
from collections.abc import Collection, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
from rank_bm25 import BM25Okapi
from rich.console import Console
from rich.table import Table

from bot.alternatives import prepare
from bot.analysis import Analyser
from bot.answering import answer_question
from bot.cache import CacheStats
from bot.config import Config, KnowledgeConfig
from bot.counts import TermCounts
from bot.evaluation import load_benchmark
from bot.index import PLAIN, Index, Phrase, Ranking, index_text
from bot.models import Document, Hit, Passage
from bot.rendering import Renderer
from bot.service import KnowledgeService

RARE_COUNT = 5  # a word seen at most this often in the source is rare
RARE_SHARE = 0.5  # share of the rare words each synthetic repeat of a meeting renames
K = 10  # passages retrieved per question
MIB = 1024 * 1024
SYSTEMS = ("rapporteur", "rank-bm25")
TARGETS = {  # the targets at 100k passages: figure -> upper limit
    "build_total": 10.0,
    "memory": 100.0,
    "query_p50": 1.0,
    "query_p99": 3.0,
    "ask_p50": 10.0,
}


def parse_size(text: str) -> int:
    text = text.strip().lower()
    return int(float(text[:-1]) * 1000) if text.endswith("k") else int(text)


def label(size: int) -> str:
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)


# --- the corpus -------------------------------------------------------------------------


def source(data: Path) -> tuple[list[tuple[str, list[str]]], list[str]]:
    """The benchmark's meetings (name, words in order) and its questions, train then val."""
    meetings: dict[str, list[str]] = {}
    questions: list[str] = []
    for split in ("train", "val"):
        passages, queries = load_benchmark(
            data / f"{split}.passages.jsonl", data / f"{split}.queries.jsonl"
        )
        for passage in passages:
            meetings.setdefault(passage.document.path, []).extend(passage.text.split())
        questions.extend(q.text for q in queries)
    return list(meetings.items()), questions


def _suffix(repeat: int) -> str:
    letters = ""
    while True:
        letters += chr(ord("a") + repeat % 26)
        repeat //= 26
        if not repeat:
            return "q" + letters


def synthetic(data: Path, size: int, window: int) -> list[tuple[str, list[str]]]:
    """Synthetic meetings (name, passage texts) holding `size` passages in all."""
    meetings, _ = source(data)
    seen = Counter(w.casefold() for _, words in meetings for w in words if w.isalpha())
    rare = sorted(w for w, n in seen.items() if n <= RARE_COUNT)
    tokens = sorted({w for _, words in meetings for w in words if w.isalpha()})
    result: list[tuple[str, list[str]]] = []
    total, repeat = 0, 0
    while total < size:
        if repeat:
            suffix = _suffix(repeat)
            renamed = {w for w in rare if zlib.crc32(f"{w}/{repeat}".encode()) < RARE_SHARE * 2**32}
            rename = {t: t + suffix for t in tokens if t.casefold() in renamed}
        for name, words in meetings:
            if repeat:
                words = [rename.get(w, w) for w in words[(repeat * 37) % window :]]
            texts = [" ".join(words[i : i + window]) for i in range(0, len(words), window)]
            if len(texts) > 1 and len(texts[-1].split()) < window // 2:
                texts[-2] += " " + texts.pop()  # a short tail joins the window before it
            texts = texts[: size - total]
            result.append((f"{name}~{repeat}", texts))
            total += len(texts)
            if total >= size:
                break
        repeat += 1
    return result


def passages_of(meetings: list[tuple[str, list[str]]]) -> list[Passage]:
    passages = []
    for name, texts in meetings:
        document = Document(f"{name}.md", name, ())
        for n, text in enumerate(texts, start=1):
            passages.append(Passage(f"{document.path}#{n}", document, n, f"¶{n}", text))
    return passages


def questions(data: Path, count: int) -> list[str]:
    """`count` of the benchmark's questions, in a fixed random order."""
    _, found = source(data)
    random.Random(7).shuffle(found)
    return found[:count]


def write_folder(folder: Path, meetings: list[tuple[str, list[str]]]) -> None:
    """One Markdown file per synthetic meeting, one paragraph per passage."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, (name, texts) in enumerate(meetings):
        day = 1 + i % 28
        head = f"---\ntitle: Meeting {name}\ndate: 2024-01-{day:02d}\n---\n\n"
        (folder / f"{i:05d}-{name}.md").write_text(head + "\n\n".join(texts) + "\n", "utf-8")


# --- measurements in a fresh process ------------------------------------------------------


def percentiles(values: Sequence[float]) -> tuple[float, float]:
    ms = np.array(values) * 1000
    return float(np.percentile(ms, 50)), float(np.percentile(ms, 99))


def traced(build: Any) -> tuple[Any, float]:
    """Build something under tracemalloc: it and the MiB it allocated and still holds."""
    gc.collect()
    tracemalloc.start()
    built = build()
    held = tracemalloc.get_traced_memory()[0] / MIB
    tracemalloc.stop()
    return built, held


class RankBM25Index(Index):
    """The plain way, for /ask: rank-bm25's get_scores over every passage, then argsort.

    A plain rank-bm25 bot has no term weights or ranking: an expanded question is
    searched as its terms, unweighted, and nobody's passages are raised.
    """

    def __init__(self, passages: Sequence[Passage], analyser: Analyser, model: Any,
                 corpus: Sequence[list[str]]) -> None:  # fmt: skip
        self.passages = tuple(passages)
        self.analyser = analyser
        self.model = model
        self.df = Counter(t for doc in corpus for t in set(doc))
        self.at = {(p.document.path, p.n): p for p in self.passages}
        self._weights: dict[str, float] = {}  # Index.weight remembers weights here

    def document_frequency(self, term: str) -> int:
        return self.df.get(term, 0)

    @property
    def document_count(self) -> int:
        return len({p.document.path for p in self.passages})

    def speakers_named(self, question: str) -> tuple[str, ...]:
        return ()

    def previous(self, passage: Passage) -> Passage | None:
        return self.at.get((passage.document.path, passage.n - 1))

    def passage_terms(self, passage: Passage) -> tuple[str, ...]:
        return tuple(self.analyser.terms(index_text(passage)))

    def held(self, terms: Collection[str], passages: Sequence[Passage]) -> list[frozenset[str]]:
        return [frozenset(terms) & set(self.passage_terms(p)) for p in passages]

    def following(self, passage: Passage) -> Passage | None:
        return self.at.get((passage.document.path, passage.n + 1))

    def mentions(self, term: str, documents: Collection[str] | None = None) -> bool:
        return any(
            term in counts
            for passage, counts in zip(self.passages, self.model.doc_freqs, strict=True)
            if documents is None or passage.document.path in documents
        )

    def holding(self, term: str, limit: int) -> list[Passage]:
        found = (p for p, counts in zip(self.passages, self.model.doc_freqs, strict=True)
                 if term in counts)  # fmt: skip
        return list(itertools.islice(found, limit))

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
        scores = self.model.get_scores(list(terms))
        if asked is not None:  # a passage with none of the question's own words: never ranked
            scores[self.model.get_scores(list(asked)) == 0] = -np.inf
        top = np.argsort(-scores, kind="stable")[:k]
        return [
            Hit(self.passages[i], float(scores[i])) for i in top.tolist() if scores[i] > -np.inf
        ]


def time_queries(search: Any, queries: list[list[str]]) -> list[float]:
    for terms in queries[:5]:
        search(terms)  # warm-up
    times = []
    for terms in queries:
        started = time.perf_counter()
        search(terms)
        times.append(time.perf_counter() - started)
    return times


def time_asks(index: Index, asks: list[str]) -> tuple[list[float], list[float]]:
    """Each /ask's handling time, and the part of it spent in index.search."""
    renderer = Renderer()
    searching = [0.0]
    search = index.search

    def timed_search(*args: Any, **kwargs: Any) -> list[Hit]:
        started = time.perf_counter()
        try:
            return search(*args, **kwargs)
        finally:
            searching[0] += time.perf_counter() - started

    setattr(index, "search", timed_search)  # noqa: B010 (an instance attribute, for timing)
    for question in asks[:3]:
        renderer.answer(answer_question(question, index))
    times, in_search = [], []
    for question in asks:
        searching[0] = 0.0
        started = time.perf_counter()
        renderer.answer(answer_question(question, index))
        times.append(time.perf_counter() - started)
        in_search.append(searching[0])
    return times, in_search


def reset_peak_rss() -> float:
    """Start counting the peak RSS from now (Linux); the RSS now, in MiB."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return peak_rss_mib()


def peak_rss_mib() -> float:
    """The peak RSS since reset_peak_rss (or since the start), in MiB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(system: str, size: int, args: argparse.Namespace) -> dict[str, Any]:
    """One system at one size, measured in this (fresh) process.

    First as the bot would run (build, questions, /ask), which is what the peak RSS
    covers; then the separate measurements (parts of the build, tracemalloc, checks).
    """
    meetings = synthetic(args.data, size, args.window)
    passages = passages_of(meetings)
    asked = questions(args.data, args.queries)
    analyser = Analyser()
    query_terms = [analyser.query_terms(q) for q in asked]
    result: dict[str, Any] = {"system": system, "size": len(passages), "queries": len(asked),
                              "asks": min(args.asks, len(asked))}  # fmt: skip
    gc.collect()
    result["corpus_rss"] = reset_peak_rss()
    if system == "rapporteur":
        started = time.perf_counter()
        index = Index(passages, analyser)  # analysis and index, as a reload does
        prepare(index)  # acronyms and the spelling dictionary, as a reload does
        result["build_total"] = time.perf_counter() - started
        measure_questions(result, lambda terms: index.search(terms, K), query_terms, index, asked,
                          args.asks)  # fmt: skip
        result["peak_rss"] = peak_rss_mib()
        del index
        started = time.perf_counter()  # a fresh analyser: the build above filled its word cache
        counts = TermCounts.analyse(Analyser(), (index_text(p) for p in passages))
        result["analysis"] = time.perf_counter() - started
        started = time.perf_counter()
        Index(passages, analyser, counts=counts)
        result["build_index"] = time.perf_counter() - started
        _, result["memory"] = traced(lambda: Index(passages, analyser, counts=counts))
        result["vocabulary"] = len(counts.vocabulary)
        result["postings"] = len(counts.terms)
        result["words"] = int(counts.lengths.sum())
        return result
    started = time.perf_counter()
    corpus = [analyser.terms(index_text(p)) for p in passages]  # the analyser, text by text
    result["analysis"] = time.perf_counter() - started
    started = time.perf_counter()
    model = BM25Okapi(corpus)
    result["build_index"] = time.perf_counter() - started
    result["build_total"] = result["analysis"] + result["build_index"]

    def plain(terms: list[str]) -> Any:
        scores = model.get_scores(terms)
        return np.argsort(-scores, kind="stable")[:K], scores

    adapter = RankBM25Index(passages, analyser, model, corpus)
    prepare(adapter)  # the same acronyms and dictionary, not timed (the build above is plain)
    measure_questions(result, plain, query_terms, adapter, asked, args.asks)
    result["peak_rss"] = peak_rss_mib()
    del adapter
    _, result["memory"] = traced(lambda: BM25Okapi(corpus))
    # The same analysed terms through Rapporteur's index: are the scores rank-bm25's?
    mine = Index(passages, analyser, terms=corpus)
    worst, identical, same_top = 0.0, 0, 0
    for terms in query_terms:
        top, theirs = plain(terms)
        ours = np.array(mine.scores(terms))
        scale = np.maximum(np.abs(theirs), 1e-300)
        worst = max(worst, float(np.max(np.abs(ours - theirs) / scale)) if len(ours) else 0.0)
        identical += bool(np.array_equal(ours, theirs))
        hits = mine.search(terms, K)
        sharing = [passages[i].id for i in top.tolist() if theirs[i] > 0]
        same_top += [h.passage.id for h in hits] == sharing[: len(hits)]
    result["max_relative_difference"] = worst
    result["identical_scores"] = identical
    result["same_top"] = same_top
    fast = TermCounts.analyse(analyser, (index_text(p) for p in passages))
    result["same_analysis"] = bags(fast) == bags(TermCounts.from_terms(corpus))
    return result


def measure_questions(result: dict[str, Any], search: Any, query_terms: list[list[str]],
                      index: Index, asked: list[str], asks: int) -> None:  # fmt: skip
    """Query latency (search alone) and /ask handling (answer and render) into `result`."""
    result["query_p50"], result["query_p99"] = percentiles(time_queries(search, query_terms))
    ask_times, in_search = time_asks(index, asked[:asks])
    result["ask_p50"], result["ask_p99"] = percentiles(ask_times)
    result["ask_search_p50"], _ = percentiles(in_search)


def bags(counts: TermCounts) -> list[dict[str, int]]:
    """Each passage's terms with their counts (order-free), for comparing analyses."""
    terms, numbers = counts.terms.tolist(), counts.counts.tolist()
    offsets = counts.offsets.tolist()
    return [
        {counts.vocabulary[t]: c for t, c in zip(terms[a:b], numbers[a:b], strict=True)}
        for a, b in pairwise(offsets)
    ]


def run_worker(*extra: str) -> dict[str, Any]:
    """Run this script in a fresh process and return the JSON it prints last."""
    command = [sys.executable, str(Path(__file__).resolve()), *extra]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"worker {' '.join(extra)} failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# --- the table ----------------------------------------------------------------------------

ROWS = (  # key, figure, unit, digits
    ("build_total", "build incl. analysis", "s", 2),
    ("analysis", "  analysis alone", "s", 2),
    ("build_index", "  index from analysed terms alone", "s", 2),
    ("memory", "index memory (tracemalloc)", "MiB", 1),
    ("peak_rss", "peak process memory (RSS)", "MiB", 0),
    ("corpus_rss", "  of which corpus in memory before", "MiB", 0),
    ("query_p50", "query p50", "ms", 3),
    ("query_p99", "query p99", "ms", 3),
    ("ask_p50", "/ask handling p50", "ms", 2),
    ("ask_p99", "/ask handling p99", "ms", 2),
    ("ask_search_p50", "  of which in index.search, p50", "ms", 2),
)


def speed_table(args: argparse.Namespace, console: Console) -> None:
    load_before = os.getloadavg()
    results: dict[tuple[int, str], dict[str, Any]] = {}
    for size in args.sizes:
        for system in SYSTEMS:
            console.print(f"[dim]measuring {system} at {label(size)} passages…[/dim]")
            extra = ["--worker", system, str(size), "--data", str(args.data),
                     "--queries", str(args.queries), "--asks", str(args.asks),
                     "--window", str(args.window)]  # fmt: skip
            results[size, system] = run_worker(*extra)
    load_after = os.getloadavg()
    ours0 = results[args.sizes[0], "rapporteur"]
    table = Table(
        title=(
            f"Rapporteur vs plain rank-bm25 (BM25Okapi.get_scores + argsort top-{K}); "
            f"{ours0['queries']} benchmark questions, {ours0['asks']} for /ask; "
            f"{os.cpu_count()} CPUs, load average {load_before[0]:.1f} before, "
            f"{load_after[0]:.1f} after"
        ),
        caption=(
            "Each system and size in a fresh process; peak RSS counted from when the corpus "
            "(passages, questions) is in memory. Index memory: tracemalloc, allocated "
            "while building from analysed terms and still held (term strings, shared with "
            "the input, not counted for either). /ask: answer_question + Renderer().answer. "
            "rank-bm25's analysis is the analyser text by text (as before this change); "
            "Rapporteur's is the chunk-memoised Tokeniser, checked to give the same terms."
        ),
    )
    for column in ("passages", "figure", "Rapporteur", "rank-bm25", "rank-bm25 ÷ Rapporteur",
                   "target at 100k"):  # fmt: skip
        table.add_column(column, justify="right" if column != "figure" else "left")
    for size in args.sizes:
        ours, theirs = results[size, "rapporteur"], results[size, "rank-bm25"]
        big = size >= 100_000
        first = True
        for key, figure, unit, digits in ROWS:
            a, b = ours[key], theirs[key]
            target = ""
            if key in TARGETS and big:
                met = a <= TARGETS[key]
                target = f"≤ {TARGETS[key]:g} {unit} " + (
                    "[green]met[/]" if met else "[red]missed[/]"
                )
            table.add_row(
                f"{label(size)}" if first else "",
                f"{figure} ({unit})",
                f"{a:.{digits}f}",
                f"{b:.{digits}f}",
                f"{b / a:.1f}×" if a > 0 else "—",
                target,
            )
            first = False
        worst = theirs["max_relative_difference"]
        exact = "[green]met[/]" if worst <= 1e-6 else "[red]missed[/]"
        table.add_row(
            "",
            "scores vs get_scores: max rel. diff",
            f"{worst:.1e}",
            f"identical {theirs['identical_scores']}/{theirs['queries']}",
            f"same top-{K}: {theirs['same_top']}/{theirs['queries']}",
            f"≤ 1e-6 {exact}" if big else "",
        )
        table.add_row(
            "",
            "corpus",
            f"{ours['words'] / 1e6:.1f}M terms, {ours['vocabulary']:,} distinct",
            f"{ours['postings'] / 1e6:.2f}M postings",
            "same analysis" if theirs["same_analysis"] else "[red]analysis differs[/]",
            "",
            end_section=True,
        )
    console.print(table)


# --- restart: cold vs cached build -------------------------------------------------------


class _Stats(logging.Handler):
    """Keeps the cache's account of the build it logged."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.stats: CacheStats | None = None

    def emit(self, record: logging.LogRecord) -> None:
        self.stats = getattr(record, "cache_stats", self.stats)


def restart_worker(folder: Path, cache: str) -> dict[str, Any]:
    watcher = _Stats()
    logger = logging.getLogger("bot.cache")
    logger.addHandler(watcher)
    logger.setLevel(logging.INFO)
    service = KnowledgeService(Config(knowledge=KnowledgeConfig(str(folder), cache)))
    started = time.perf_counter()
    snapshot = service.build()
    built = time.perf_counter() - started
    ready = since_process_start()
    stats = dataclasses.asdict(watcher.stats) if watcher.stats else {}
    return {"build": built, "ready": ready, "passages": len(snapshot.index),
            "peak_rss": peak_rss_mib(), **stats}  # fmt: skip


def since_process_start() -> float:
    """Seconds since this process started (Linux; -1 elsewhere), to 10 ms."""
    try:
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return -1.0


def restart(args: argparse.Namespace, console: Console) -> None:
    meetings = synthetic(args.data, args.restart_size, args.window)
    with tempfile.TemporaryDirectory(prefix="rapporteur-bench-") as tmp:
        folder, cache = Path(tmp) / "knowledge", Path(tmp) / "cache"
        write_folder(folder, meetings)
        files = len(meetings)
        size = sum(f.stat().st_size for f in folder.iterdir()) / MIB
        steps = [("cold, no cache", ""), ("cold, empty cache (fills it)", str(cache)),
                 ("restart, folder unchanged", str(cache)),
                 ("restart, unchanged again", str(cache)),
                 ("restart, one file changed", str(cache))]  # fmt: skip
        table = Table(
            title=(
                f"KnowledgeService.build() on {files} Markdown files ({size:.0f} MiB), "
                f"{label(args.restart_size)} windows; each run in a fresh process"
            ),
            caption=(
                "ready: from the process's start (Python, imports, config) until build() "
                "returned, i.e. a restart until the index can answer; wall: the whole run as "
                "the parent saw it, exit included. cache: what the build took from it."
            ),
        )
        for column in ("run", "passages", "build() s", "ready s", "wall s", "peak RSS MiB",
                       "cache"):  # fmt: skip
            table.add_column(column, justify="left" if column in ("run", "cache") else "right")
        for name, cache_path in steps:
            if name == "restart, one file changed":
                first = sorted(folder.iterdir())[0]
                first.write_text(first.read_text("utf-8") + "\nA late note on the budget.\n")
            started = time.perf_counter()
            got = run_worker("--restart-worker", str(folder), cache_path)
            wall = time.perf_counter() - started
            if not cache_path:
                note = "off"
            elif got.get("restored"):
                note = "whole folder restored"
            else:
                note = f"{got.get('reused', 0)} documents reused, {got.get('analysed', 0)} analysed"
            table.add_row(name, f"{got['passages']:,}", f"{got['build']:.2f}",
                          f"{got['ready']:.2f}", f"{wall:.2f}", f"{got['peak_rss']:.0f}",
                          note)  # fmt: skip
        cache_size = sum(f.stat().st_size for f in cache.iterdir()) / MIB
        console.print(table)
        console.print(f"cache file: {cache_size:.0f} MiB; target: restart on an unchanged "
                      f"100k-passage folder ready in under 3 s")  # fmt: skip


# --- event-loop lag during a reload and concurrent questions ------------------------------


async def measure_lag(service: KnowledgeService, asked: list[str], tick: float) -> dict[str, Any]:
    loop = asyncio.get_running_loop()
    lags: list[float] = []
    running = True

    async def ticker() -> None:
        while running:
            due = loop.time() + tick
            await asyncio.sleep(tick)
            lags.append(loop.time() - due)

    idle = asyncio.create_task(ticker())
    await asyncio.sleep(1.0)
    running = False
    await idle
    baseline = max(lags)
    lags.clear()
    running = True
    ticking = asyncio.create_task(ticker())
    started = time.perf_counter()

    async def timed(call: Any, *params: Any) -> float:
        begun = time.perf_counter()
        await asyncio.to_thread(call, *params)
        return time.perf_counter() - begun

    pauses: list[float] = []
    begun: dict[int, float] = {}

    def collected(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            begun[info["generation"]] = time.perf_counter()
        elif info["generation"] == 2:
            pauses.append(time.perf_counter() - begun[2])

    gc.callbacks.append(collected)
    reload_task = asyncio.create_task(timed(service.reload, True))
    await asyncio.sleep(0.05)  # the reload is under way before the questions arrive
    ask_times = await asyncio.gather(*(timed(service.ask, q) for q in asked))
    reload_seconds = await reload_task
    running = False
    await ticking
    gc.callbacks.remove(collected)
    return {
        "full_collections": len(pauses),
        "longest_collection": max(pauses, default=0.0),
        "baseline": baseline,
        "max": max(lags),
        "p99": float(np.percentile(lags, 99)),
        "ticks": len(lags),
        "span": time.perf_counter() - started,
        "reload": reload_seconds,
        "ask_p50": statistics.median(ask_times),
        "ask_max": max(ask_times),
    }


def loop_lag(args: argparse.Namespace, console: Console) -> None:
    meetings = synthetic(args.data, args.lag_size, args.window)
    asked = questions(args.data, 20)
    runs = {}
    with tempfile.TemporaryDirectory(prefix="rapporteur-bench-") as tmp:
        folder = Path(tmp) / "knowledge"
        write_folder(folder, meetings)
        service = KnowledgeService(Config(knowledge=KnowledgeConfig(str(folder))))
        service.reload(force=True)  # the serving snapshot the questions use meanwhile
        gc.freeze()  # as the bot does after its start-up load (bot/discord_app/client.py)
        try:
            runs["as the bot runs (gc.freeze after load)"] = asyncio.run(
                measure_lag(service, asked, args.tick)
            )
        finally:
            gc.unfreeze()
        runs["without gc.freeze"] = asyncio.run(measure_lag(service, asked, args.tick))
        gc.disable()  # diagnostic: the same without Python's automatic garbage collection
        try:
            runs["automatic GC off (diagnostic)"] = asyncio.run(
                measure_lag(service, asked, args.tick)
            )
        finally:
            gc.enable()
        passages = len(service.snapshot.index)
    table = Table(
        title=(
            f"Event loop during a reload of {passages:,} passages (no cache: load, split, "
            "analyse, index) and 20 concurrent questions, all via asyncio.to_thread"
        ),
        caption=(
            f"ticker every {args.tick * 1000:.0f} ms; lag = how late a tick wakes up. A full "
            "garbage collection (generation 2) holds the GIL for its whole length."
        ),
    )
    table.add_column("figure")
    for name in runs:
        table.add_column(name, justify="right")
    rows: list[tuple[str, Any]] = [
        ("worst loop lag (target < 100 ms)", lambda g: f"{g['max'] * 1000:.1f} ms "
         + ("[green]met[/]" if g["max"] < 0.1 else "[red]missed[/]")),
        ("p99 loop lag", lambda g: f"{g['p99'] * 1000:.1f} ms"),
        ("worst lag, idle loop before", lambda g: f"{g['baseline'] * 1000:.1f} ms"),
        ("full garbage collections, longest", lambda g: f"{g['full_collections']}, "
         f"{g['longest_collection'] * 1000:.0f} ms"),
        ("ticks measured", lambda g: f"{g['ticks']} over {g['span']:.1f} s"),
        ("reload time", lambda g: f"{g['reload']:.1f} s"),
        ("question time p50 / max", lambda g: f"{g['ask_p50'] * 1000:.0f} / "
         f"{g['ask_max'] * 1000:.0f} ms"),
    ]  # fmt: skip
    for name, show in rows:
        table.add_row(name, *(show(got) for got in runs.values()))
    console.print(table)


# --- command line -------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/qmsum-retrieval"))
    parser.add_argument("--sizes", default="1k,10k,100k")
    parser.add_argument("--queries", type=int, default=400, help="questions for query latency")
    parser.add_argument("--asks", type=int, default=200, help="questions for /ask handling")
    parser.add_argument("--window", type=int, default=100, help="words per passage")
    parser.add_argument("--restart", action="store_true", help="cold vs cached build")
    parser.add_argument("--restart-size", default="100k")
    parser.add_argument("--loop-lag", action="store_true", help="event-loop lag during a reload")
    parser.add_argument("--lag-size", default="30k")
    parser.add_argument("--tick", type=float, default=0.01, help="ticker interval (s)")
    parser.add_argument("--all", action="store_true", help="the table, restart and loop lag")
    parser.add_argument("--worker", nargs=2, metavar=("SYSTEM", "SIZE"), help=argparse.SUPPRESS)
    parser.add_argument("--restart-worker", nargs=2, metavar=("FOLDER", "CACHE"),
                        help=argparse.SUPPRESS)  # fmt: skip
    args = parser.parse_args()
    args.sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    args.restart_size = parse_size(args.restart_size)
    args.lag_size = parse_size(args.lag_size)
    if args.worker:
        print(json.dumps(worker(args.worker[0], int(args.worker[1]), args)))
        return
    if args.restart_worker:
        print(json.dumps(restart_worker(Path(args.restart_worker[0]), args.restart_worker[1])))
        return
    if not (args.data / "val.passages.jsonl").is_file():
        raise SystemExit(f"benchmark data not found in {args.data} (use --data)")
    console = Console(width=max(150, shutil.get_terminal_size().columns))
    only = args.restart or args.loop_lag
    if args.all or not only:
        speed_table(args, console)
    if args.all or args.restart:
        restart(args, console)
    if args.all or args.loop_lag:
        loop_lag(args, console)


if __name__ == "__main__":
    main()
