"""The one object the CLI and the Discord adapter share: the current index and its reloads.

A Snapshot (documents, passages, BM25 index, load report) is immutable and is
replaced whole: a question that started on the old snapshot finishes on it, and
a reload that fails, or finds nothing to load, leaves the old one serving.
Everything here is synchronous and CPU-bound; the Discord adapter calls it from
a worker thread so the event loop never waits on it.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from bot.alternatives import prepare
from bot.analysis import Analyser
from bot.answering import AnswerOptions
from bot.cache import BuildCache
from bot.config import Config
from bot.counts import TermCounts
from bot.errors import RapporteurError
from bot.expansion import Expansion
from bot.formats.isolation import Limits, parser_session
from bot.index import BM25Options, Index, Ranking
from bot.loader import load_folder
from bot.meetings import find_document
from bot.models import Answer, Citation, Document, LoadReport, Summary
from bot.rendering import Renderer
from bot.replying import reply, summary_of
from bot.splitting import split_documents

log = logging.getLogger(__name__)

KEEP_SHARE = 0.5  # a reload loading less than this share of the documents served is refused


class ReloadBusy(RapporteurError):
    """Another reload is running; reloads are one at a time."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Everything a question needs, built together and never changed."""

    index: Index
    report: LoadReport
    generation: int
    built_at: float  # time.time() when the build finished
    # (title, path) case-folded, and the document, by title: autocomplete reads them on the
    # event loop at every keystroke, so they are sorted once, with the snapshot, off it.
    by_title: tuple[tuple[str, str, Document], ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        folded = ((d.title.casefold(), d.path.casefold(), d) for d in self.report.documents)
        object.__setattr__(self, "by_title", tuple(sorted(folded, key=lambda t: t[0])))

    @property
    def documents(self) -> tuple[Document, ...]:
        return self.report.documents


@dataclass(frozen=True, slots=True)
class ReloadResult:
    """What a reload changed, for the admin's report."""

    report: LoadReport | None  # None: the folder could not be read, nothing was loaded
    swapped: bool
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    error: str = ""  # why the old index was kept


@dataclass
class Stats:
    queries: int = 0
    reloads: int = 0
    started_at: float = field(default_factory=time.time)


class KnowledgeService:
    """Holds the current snapshot; answers questions; rebuilds on request."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.analyser = Analyser()
        self.renderer = Renderer(config.templates_path())
        self.bm25 = BM25Options(
            variant=config.retrieval.variant,
            k1=config.retrieval.k1,
            b=config.retrieval.b,
            epsilon=config.retrieval.epsilon,
        )
        retrieval = config.retrieval
        self.expansion = Expansion(
            retrieval.expansion_passages, retrieval.expansion_terms, retrieval.expansion_weight
        )
        self.ranking = Ranking(
            retrieval.context_weight,
            retrieval.context_window,
            retrieval.speaker_boost,
            retrieval.phrase_weight,
            retrieval.phrase_depth,
        )
        self.answer_options = AnswerOptions(
            passages=retrieval.passages,
            max_quotes=config.answer.max_quotes,
            min_coverage=retrieval.min_coverage,
            expansion=self.expansion,
            ranking=self.ranking,
        )
        self.stats = Stats()
        self._snapshot: Snapshot | None = None
        self._reload_lock = threading.Lock()
        self._stats_lock = threading.Lock()
        self._generation = 0

    @property
    def snapshot(self) -> Snapshot:
        """The snapshot serving now (loads the folder on first use)."""
        current = self._snapshot
        if current is None:
            self.reload(force=True)
            current = self._snapshot
            assert current is not None
        return current

    def build(self) -> Snapshot:
        """Load the knowledge folder and index it, without touching the serving snapshot.

        With `[knowledge] cache_path`, unchanged documents are not split or analysed
        again, and an unchanged folder is not even loaded (see bot/cache.py).
        """
        with parser_session(self.parse_limits()), named_folder(self.config):
            return self._build()  # one bounded parse worker for every file

    def parse_limits(self) -> Limits:
        """How long and how much memory one file's parse may take (`[knowledge]`)."""
        knowledge = self.config.knowledge
        return Limits(knowledge.parse_timeout_seconds, knowledge.parse_memory_mib << 20)

    def _build(self) -> Snapshot:
        root = self.config.knowledge_path()
        cache_folder = self.config.cache_path()
        counts: TermCounts | None = None
        if cache_folder is not None:
            try:
                limits = self.parse_limits()
                store = BuildCache(
                    cache_folder, self.analyser, f"{limits.timeout:g}s/{limits.memory}B"
                )
                report, passages, counts = store.load(root)
            except FileNotFoundError:
                raise  # the knowledge folder itself is missing: the caller reports it
            except Exception:  # a cache bug must cost speed, never the index
                log.exception("the build cache failed; building without it")
                cache_folder = None
        if cache_folder is None:
            report = load_folder(root)
            passages = split_documents(report.documents)
            counts = None
        index = Index(passages, self.analyser, self.bm25, counts=counts)
        if self._snapshot is None:  # start-up: be ready now, read the rest while connecting
            threading.Thread(target=prepare, args=(index,), name="prepare", daemon=True).start()
        else:  # a reload runs off the event loop already: the new index serves fully prepared
            prepare(index)
        return Snapshot(index, report, self._generation + 1, time.time())

    def reload(self, force: bool = False) -> ReloadResult:
        """Build a new snapshot and swap it in, unless the build failed, found nothing, or
        found less than `KEEP_SHARE` of the documents served.

        `force` also swaps in an empty or shrunken folder (otherwise an emptied or
        unmounted folder, or one made unreadable, would silently take answers away).
        """
        if not self._reload_lock.acquire(blocking=False):
            raise ReloadBusy("a reload is already running")
        try:
            old = self._snapshot
            try:
                new = self.build()
            except OSError as exc:
                if old is None and force:
                    raise
                log.warning("reload failed, keeping the current index: %s", exc)
                return ReloadResult(None, False, error=str(exc))
            if old is not None and not force:
                refused = _refusal(len(old.documents), len(new.documents))
                if refused:
                    return ReloadResult(new.report, False, error=refused)
            added, changed, removed = _differences(old, new)
            self._generation = new.generation
            self._snapshot = new
            if old is not None:  # the start-up load is not a reload
                self.stats.reloads += 1
            return ReloadResult(new.report, True, added, changed, removed)
        finally:
            self._reload_lock.release()

    def ask(self, question: str, document: str | None = None) -> Answer:
        """Answer a question from the whole folder, or from one document (title or path).

        A request for a summary ("Summarise the meeting"), for who spoke, who attended, what
        was decided or when the meeting was is answered with that (see `bot.replying`).
        """
        snapshot = self.snapshot  # one snapshot for the whole reply, whatever reloads
        self._count_query()
        found = None
        if document:
            found = find_document(document, snapshot.documents)
            if found is None:
                return Answer(question, False, reason="unknown_document")
        documents = snapshot.documents
        return reply(question, snapshot.index, documents, self.answer_options, found)

    def _count_query(self) -> None:
        with self._stats_lock:  # questions run in several worker threads at once
            self.stats.queries += 1

    def summarise(self, document: str | None = None, topic: str | None = None) -> Summary:
        """A cited summary of one document, of a topic, or (neither given) of the latest meeting."""
        snapshot = self.snapshot
        self._count_query()
        found = None
        if document:
            found = find_document(document, snapshot.documents)
            if found is None:
                return Summary(document, "missing")
        return summary_of(snapshot.index, snapshot.documents, found, topic)

    def sources(self, query: str | None = None, snapshot: Snapshot | None = None) -> list[Document]:
        """Known documents; with a query, those whose metadata or text matches it, best first."""
        snapshot = snapshot or self.snapshot
        documents = list(snapshot.documents)
        if not query or not query.strip():
            return documents
        folded = query.casefold().strip()
        by_metadata = [d for d in documents if folded in _metadata_text(d).casefold()]
        terms = self.analyser.query_terms(query) or self.analyser.terms(query)
        by_text = [h.passage.document for h in snapshot.index.search(terms, k=len(snapshot.index))]
        ordered: dict[str, Document] = {}
        for document in [*by_metadata, *by_text]:
            ordered.setdefault(document.path, document)
        return list(ordered.values())

    def citations_for(self, refs: Sequence[tuple[str, int]]) -> list[Citation]:
        """Citations for (document key, passage number) pairs, numbered as given.

        Buttons carry these pairs, so they work after a restart; a passage that is
        gone (its document removed or shortened) is left out.
        """
        wanted = {ref: n for n, ref in enumerate(refs, start=1)}
        found = [
            Citation(wanted[key], passage, 0.0)
            for passage in self.snapshot.index.passages
            if (key := (document_key(passage.document.path), passage.n)) in wanted
        ]
        return sorted(found, key=lambda c: c.n)

    def status(self) -> dict[str, object]:
        """Figures for /status."""
        snapshot = self.snapshot
        uptime = int(time.time() - self.stats.started_at)
        hours, rest = divmod(uptime, 3600)
        return {
            "documents": len(snapshot.documents),
            "passages": len(snapshot.index),
            "terms": snapshot.index.vocabulary_size,
            "skipped": len(snapshot.report.skipped),
            "generation": snapshot.generation,
            "loaded_at": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(snapshot.built_at)),
            "queries": self.stats.queries,
            "reloads": self.stats.reloads,
            "uptime": f"{hours} h {rest // 60} min",
        }

    def titles(self, prefix: str = "", limit: int = 25) -> list[Document]:
        """Documents whose title or path contains `prefix`, for autocomplete: those whose
        title starts with it first, each group by title."""
        folded = prefix.casefold().strip()
        starting: list[Document] = []
        containing: list[Document] = []
        for title, path, document in self.snapshot.by_title:
            if title.startswith(folded):
                starting.append(document)
                if len(starting) == limit:
                    break
            elif len(containing) < limit and (folded in title or folded in path):
                containing.append(document)
        return (starting + containing)[:limit]


def document_key(path: str) -> str:
    """A short, stable key for a document path (fits Discord's 100-character custom ids)."""
    return hashlib.sha1(path.encode("utf-8", "replace"), usedforsecurity=False).hexdigest()[:8]


def _metadata_text(document: Document) -> str:
    parts: Sequence[str | None] = (
        document.title, document.path, document.meeting, document.place, document.organisation,
        document.date,
    )  # fmt: skip
    return " ".join(p for p in parts if p)


def _fingerprint(document: Document) -> str:
    return hashlib.sha256(repr(document).encode("utf-8", "replace")).hexdigest()


@contextlib.contextmanager
def named_folder(config: Config) -> Iterator[None]:
    """A missing knowledge folder reported with where it was set ("config.toml: [knowledge]
    path", "--knowledge")."""
    try:
        yield
    except FileNotFoundError as exc:
        raise FileNotFoundError(f"{exc} ({config.knowledge_setting()})") from exc


def _refusal(served: int, loaded: int) -> str:
    """Why a reload that loaded `loaded` documents must not replace `served`, or ""."""
    if not loaded:
        return "no documents loaded; the current index is kept"
    if loaded < served * KEEP_SHARE:
        return (
            f"only {loaded} of the {served} documents served loaded; the current index is "
            "kept (reload with force to replace it)"
        )
    return ""


def _differences(
    old: Snapshot | None, new: Snapshot
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Documents added, changed and removed between two snapshots."""
    before = {d.path: _fingerprint(d) for d in old.documents} if old else {}
    after = {d.path: _fingerprint(d) for d in new.documents}
    added = tuple(sorted(after.keys() - before.keys()))
    removed = tuple(sorted(before.keys() - after.keys()))
    changed = tuple(sorted(p for p in after.keys() & before.keys() if after[p] != before[p]))
    return added, changed, removed
