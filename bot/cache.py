"""A cache of loaded, split and analysed documents, so restarts on a large folder are quick.

Loading a large folder (parsing, finding speakers), splitting it into passages and
analysing them takes tens of seconds at 100,000 passages, and none of it changes
while the files and the code stay the same. The cache is one SQLite file in the
folder `[knowledge] cache_path` names, with two tables:

- `documents`, keyed by the sha256 of a document as loaded plus the code version
  and the analyser: the document's passages and their term counts. A document
  that did not change is neither split nor analysed again.
- `folders`, keyed by the knowledge folder's path: a fingerprint of everything in
  the folder (every entry's relative path and kind, the sha256 of every regular
  file's bytes, the code version, and the parse limits) and the load report. When
  the fingerprint still matches, the folder is not loaded at all: the report,
  documents and passages come from the cache. A file skipped because its parse
  timed out or ran out of memory stays skipped until it or the limits change; a
  folder in which the parser could not start, or was killed from outside (the
  system's out-of-memory killer), is not remembered, so each load tries that file
  again and reads the whole folder (a file that always gets its parser killed costs
  the fast restart until it is removed or the limits are lowered).

The code version is a sha256 of the bot package's source files plus the versions
of Python, Unicode data and the installed dependencies, so a new release never
reuses an old entry. Everything is stored as JSON text and raw little-endian
integer arrays; nothing is unpickled, and every entry is checked when read (its
key recomputed from its content, its arrays for consistency): a bad entry is a
miss. A cache that cannot be used (unwritable folder, locked or corrupt database)
is logged and skipped; it never stops a build.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib.metadata
import json
import logging
import os
import re
import sqlite3
import stat
import sys
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bot.analysis import Analyser
from bot.counts import TermCounts, Tokeniser
from bot.index import index_text
from bot.loader import load_folder
from bot.models import Block, Document, FileOutcome, LoadReport, Passage, Status
from bot.splitting import split_document

log = logging.getLogger(__name__)

CACHE_FILE = "rapporteur-cache.sqlite3"
SCHEMA = 1  # PRAGMA user_version; another value: the tables are dropped and made again
MAX_AGE = 30 * 24 * 3600.0  # document entries unused this long are deleted
_REFRESH = 24 * 3600.0  # a restored folder marks its entries as used at most this often
_READ_CHUNK = 1 << 20
_BATCH = 500  # keys per SELECT ... IN (...)
_OUTCOME_FIELDS = ("path", "status", "reason", "warnings", "document", "transient")
_REPORT_FIELDS = ("root", "outcomes", "seconds")
# Distributions whose behaviour shapes what is cached, if package metadata is missing.
_FALLBACK_DEPENDENCIES = ("PyStemmer", "PyYAML", "numpy", "rank-bm25", "pypdf", "python-docx",
                          "beautifulsoup4")  # fmt: skip
# A text whose analysis tells analysers apart (stopwords, stemming, normalisation).
_PROBE = "The committees met and ﬁnally approved budgets, ½ of 2026’s CAFÉ—plans; Straße"


class CacheUnusable(Exception):
    """This cache cannot be used for this build (the reason is logged)."""


@dataclass
class CacheStats:
    """What the last build took from the cache."""

    restored: bool = False  # the whole folder came from the cache, without loading it
    reused: int = 0  # documents whose passages and terms came from the cache
    analysed: int = 0  # documents split and analysed anew
    error: str = ""  # why the cache was not used, if it was not


@functools.cache
def code_version() -> str:
    """The sha256 of what decides the cached values: this package's code, and its libraries."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    try:
        names = [re.split(r"[\s<>=!~;\[(]", r, maxsplit=1)[0] for r in _requirements()]
    except importlib.metadata.PackageNotFoundError:
        names = list(_FALLBACK_DEPENDENCIES)
    for name in sorted({*names, "rapporteur"}):
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{name}={version}\0".encode())
    digest.update(f"{sys.version}\0{unicodedata.unidata_version}".encode())
    return digest.hexdigest()


def _requirements() -> list[str]:
    return [r for r in importlib.metadata.requires("rapporteur") or [] if "extra ==" not in r]


def analyser_version(analyser: Analyser) -> str:
    """What tells analysers apart: class, stopwords, and what it makes of a probe text."""
    kind = type(analyser)
    parts = [kind.__module__, kind.__qualname__, " ".join(sorted(analyser.stopwords)),
             " ".join(analyser.terms(_PROBE))]  # fmt: skip
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


HASH_LIMIT = 64 * 1024 * 1024  # bytes; above every reader's size cap (the largest: PDF, 50 MiB)


def folder_fingerprint(root: Path, cache: Path | None = None, limits: str = "") -> str:
    """sha256 over every entry under `root`: relative path, kind, and each regular file's bytes,
    and the parse `limits` it was read under.

    Nothing is followed or skipped by policy: if anything in the folder changed,
    the fingerprint changed, whatever the loader would make of it. Only the cache's
    own database files are left out, should `cache` be inside `root`. Raises
    OSError when something cannot be read (the folder is then loaded normally).
    """
    digest = hashlib.sha256(f"{code_version()}\0{limits}".encode())
    pending = [(root, "")]
    while pending:
        folder, prefix = pending.pop()
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
        ours = cache is not None and folder.resolve() == cache.resolve()
        for entry in entries:
            if ours and entry.name.startswith(CACHE_FILE):
                continue  # the database and its journal change with every build
            relative = prefix + entry.name
            mode = entry.stat(follow_symlinks=False).st_mode
            content = ""
            if stat.S_ISLNK(mode):
                kind = "link"
            elif stat.S_ISDIR(mode):
                kind = "dir"
                pending.append((Path(entry.path), relative + "/"))
            elif stat.S_ISREG(mode):
                kind = "file"
                info = entry.stat(follow_symlinks=False)
                if info.st_size > HASH_LIMIT:
                    # Never read by the loader (over every format's size cap): its size
                    # and time say enough, and hashing a 3 GiB file would take seconds.
                    content = f"{info.st_size}:{info.st_mtime_ns}"
                else:
                    content = _file_digest(Path(entry.path))
            else:
                kind = "other"  # a FIFO or device is never opened
            digest.update(f"{kind}\0{relative}\0{content}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _file_digest(path: Path) -> str:
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(f"{path}: no longer a regular file")
        digest = hashlib.sha256()
        while chunk := handle.read(_READ_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class BuildCache:
    """Loads a knowledge folder through the cache in `folder`; see the module docstring."""

    def __init__(self, folder: Path, analyser: Analyser, limits: str = "") -> None:
        self.folder = folder
        self.limits = limits  # the parse limits the folder is read under, in a few words
        self.path = folder / CACHE_FILE
        self.analyser = analyser
        self.stats = CacheStats()
        self._version = ""

    def load(self, root: Path) -> tuple[LoadReport, list[Passage], TermCounts]:
        """The folder's load report, passages and term counts, from the cache where it can.

        Errors of the folder itself (it is missing) propagate as from `load_folder`.
        """
        started = time.perf_counter()
        self.stats = CacheStats()
        self._version = f"{code_version()}/{analyser_version(self.analyser)}"
        root = root.resolve()
        try:
            db: sqlite3.Connection | None = self._connect()
        except CacheUnusable as exc:
            db = None
            self._unusable(str(exc))
        try:
            fingerprint = self._fingerprint(root) if db is not None else None
            restored = None
            if db is not None and fingerprint is not None:
                restored = self._restore(db, root, fingerprint, started)
            if restored is not None:
                self.stats.restored = True
                report, passages, counts = restored
            else:
                report = load_folder(root)
                passages, counts, keys = self._prepare(db, report.documents)
                if db is not None and fingerprint is not None and keys is not None:
                    self._save_folder(db, root, fingerprint, report, keys, counts)
        finally:
            if db is not None:
                db.close()
        log.info(
            "%s: %s in %.2f s",
            root,
            "restored from the cache"
            if self.stats.restored
            else f"{self.stats.reused} documents from the cache, {self.stats.analysed} analysed",
            time.perf_counter() - started,
            extra={"cache_stats": self.stats},
        )
        return report, passages, counts

    def _unusable(self, reason: str) -> None:
        self.stats.error = reason
        log.warning("not using the cache %s: %s", self.path, reason)

    def _fingerprint(self, root: Path) -> str | None:
        try:
            return folder_fingerprint(root, self.folder, self.limits)
        except OSError as exc:
            log.info("cannot fingerprint %s (%s); loading it in full", root, exc)
            return None

    def _connect(self) -> sqlite3.Connection:
        """Open (or make) the database; a corrupt or foreign file is replaced once."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CacheUnusable(f"cannot create the cache folder: {exc}") from exc
        for attempt in (1, 2):
            try:
                db = sqlite3.connect(self.path, timeout=10.0)
            except sqlite3.Error as exc:
                raise CacheUnusable(str(exc)) from exc
            try:
                self._schema(db)
                return db
            except sqlite3.DatabaseError as exc:
                db.close()
                if attempt == 2 or isinstance(exc, sqlite3.OperationalError):
                    raise CacheUnusable(str(exc)) from exc
                log.warning("cache %s is unreadable (%s); starting a new one", self.path, exc)
                try:
                    self.path.unlink()
                except OSError as unlink_error:
                    raise CacheUnusable(str(unlink_error)) from unlink_error
        raise AssertionError("unreachable")

    @staticmethod
    def _schema(db: sqlite3.Connection) -> None:
        """Make the tables, unless this schema's are there (then nothing is written)."""
        (version,) = db.execute("PRAGMA user_version").fetchone()
        if version == SCHEMA:
            return
        counts = "vocabulary TEXT NOT NULL, offsets BLOB NOT NULL, terms BLOB NOT NULL,"
        counts += " counts BLOB NOT NULL, lengths BLOB NOT NULL"
        with db:
            db.execute("DROP TABLE IF EXISTS documents")
            db.execute("DROP TABLE IF EXISTS folders")
            db.execute(
                "CREATE TABLE documents (key TEXT PRIMARY KEY, document TEXT NOT NULL,"
                f" passages TEXT NOT NULL, {counts}, used REAL NOT NULL)"
            )
            db.execute(
                "CREATE TABLE folders (root TEXT PRIMARY KEY, fingerprint TEXT NOT NULL,"
                f" report TEXT NOT NULL, {counts}, used REAL NOT NULL)"
            )
            db.execute(f"PRAGMA user_version = {SCHEMA}")

    def _key(self, document_json: str) -> str:
        text = f"{self._version}\0{document_json}"
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def _rows(
        self, db: sqlite3.Connection, keys: Sequence[str], columns: str
    ) -> dict[str, tuple[Any, ...]]:
        rows: dict[str, tuple[Any, ...]] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), _BATCH):
            batch = unique[start : start + _BATCH]
            marks = ",".join("?" * len(batch))
            query = f"SELECT key, {columns} FROM documents WHERE key IN ({marks})"
            for row in db.execute(query, batch):
                rows[row[0]] = row
        return rows

    def _restore(
        self, db: sqlite3.Connection, root: Path, fingerprint: str, started: float
    ) -> tuple[LoadReport, list[Passage], TermCounts] | None:
        """The whole folder from the cache, if its fingerprint is the one stored."""
        try:
            row = db.execute(
                f"SELECT fingerprint, used, report, {_COUNTS} FROM folders WHERE root = ?",
                (str(root),),
            ).fetchone()
            if row is None or row[0] != fingerprint or not _models_known():
                return None
            data = json.loads(row[2])
            counts = _decode_counts(row[3:])
            keys = [o["document"] for o in data["outcomes"] if o["document"] is not None]
            rows = self._rows(db, keys, "document, passages")
            documents: dict[str, Document] = {}
            passages: list[Passage] = []
            for key in keys:
                entry = rows.get(key)
                if entry is None or self._key(entry[1]) != key:
                    return None  # gone, or not what it claims to be
                document = documents[key] = _decode_document(entry[1])
                passages.extend(_decode_passages(entry[2], document))
            if len(counts) != len(passages):
                return None
            outcomes = tuple(_decode_outcome(o, documents) for o in data["outcomes"])
            report = LoadReport(str(data["root"]), outcomes, time.perf_counter() - started)
        except (sqlite3.Error, ValueError, KeyError, TypeError, IndexError) as exc:
            log.warning("cache entry for %s is unusable (%s); loading the folder", root, exc)
            return None
        now = time.time()
        if now - row[1] > _REFRESH:  # keep the entries from being pruned as unused
            try:
                with db:
                    db.execute("UPDATE folders SET used = ? WHERE root = ?", (now, str(root)))
                    db.executemany(
                        "UPDATE documents SET used = ? WHERE key = ?", [(now, k) for k in keys]
                    )
            except sqlite3.Error as exc:
                log.info("cannot refresh the cache's timestamps: %s", exc)
        return report, passages, counts

    def _prepare(
        self, db: sqlite3.Connection | None, documents: Sequence[Document]
    ) -> tuple[list[Passage], TermCounts, dict[int, str] | None]:
        """Passages and term counts of `documents`: cached ones reused, the others made.

        Also each document's key, by id(document); None if one cannot be cached.
        """
        tokeniser = Tokeniser(self.analyser)
        encoded = [_encode_document(d) if db is not None else None for d in documents]
        keys = [self._key(text) if text is not None else None for text in encoded]
        rows: dict[str, tuple[Any, ...]] = {}
        if db is not None:
            try:
                columns = f"document, passages, {_COUNTS}"
                rows = self._rows(db, [k for k in keys if k is not None], columns)
            except sqlite3.Error as exc:
                self._unusable(str(exc))
                db = None
        found = [
            self._cached(rows.get(key), document, text) if key and text else None
            for document, key, text in zip(documents, keys, encoded, strict=True)
        ]
        made = [split_document(d) for d, got in zip(documents, found, strict=True) if got is None]
        counted = iter(tokeniser.count_groups([[index_text(p) for p in ps] for ps in made]))
        split = iter(made)
        passages: list[Passage] = []
        parts: list[TermCounts] = []
        fresh: list[tuple[Any, ...]] = []
        for document, text, key, got in zip(documents, encoded, keys, found, strict=True):
            if got is not None:
                self.stats.reused += 1
                mine, counts = got
            else:
                self.stats.analysed += 1
                mine, counts = next(split), next(counted)
                if key is not None and text is not None:
                    fresh.append((key, text, _encode_passages(mine, document), *_encode(counts)))
            passages.extend(mine)
            parts.append(counts)
        if db is not None:
            self._save_documents(db, fresh, [k for k in keys if k is not None])
        by_id = {id(d): k for d, k in zip(documents, keys, strict=True) if k is not None}
        complete = len(by_id) == len(documents)
        return passages, TermCounts.concat(parts), by_id if complete else None

    def _cached(
        self, row: tuple[Any, ...] | None, document: Document, text: str
    ) -> tuple[list[Passage], TermCounts] | None:
        """A document's cached passages and counts, if its entry holds together."""
        if row is None or row[1] != text:
            return None
        try:
            passages = _decode_passages(row[2], document)
            counts = _decode_counts(row[3:])
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            log.info("ignoring a bad cache entry for %s: %s", document.path, exc)
            return None
        return (passages, counts) if len(counts) == len(passages) else None

    def _save_documents(
        self, db: sqlite3.Connection, fresh: list[tuple[Any, ...]], used: list[str]
    ) -> None:
        now = time.time()
        try:
            with db:
                db.executemany(
                    f"INSERT OR REPLACE INTO documents (key, document, passages, {_COUNTS},"
                    " used) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(*row, now) for row in fresh],
                )
                db.executemany(
                    "UPDATE documents SET used = ? WHERE key = ?", [(now, k) for k in used]
                )
                db.execute("DELETE FROM documents WHERE used < ?", (now - MAX_AGE,))
        except sqlite3.Error as exc:
            self._unusable(f"cannot write: {exc}")

    def _save_folder(
        self,
        db: sqlite3.Connection,
        root: Path,
        fingerprint: str,
        report: LoadReport,
        keys: dict[int, str],
        counts: TermCounts,
    ) -> None:
        """Remember the folder, unless it changed while it was being loaded, or a file of it
        was skipped for a reason of this run alone (the parser could not start, or was killed
        from outside): the next load tries it again."""
        if self.stats.error or not _models_known() or self._fingerprint(root) != fingerprint:
            return
        if any(outcome.transient for outcome in report.outcomes):
            return
        outcomes = [_encode_outcome(o, keys) for o in report.outcomes]
        data = {"root": report.root, "outcomes": outcomes}
        try:
            with db:
                db.execute(
                    f"INSERT OR REPLACE INTO folders (root, fingerprint, report, {_COUNTS}, used)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (str(root), fingerprint, _dumps(data), *_encode(counts), time.time()),
                )
        except sqlite3.Error as exc:
            self._unusable(f"cannot write: {exc}")


_COUNTS = "vocabulary, offsets, terms, counts, lengths"


def _models_known() -> bool:
    """The report's fields are the ones encoded here (a new field must not be lost silently)."""
    outcome = tuple(f.name for f in dataclasses.fields(FileOutcome))
    report = tuple(f.name for f in dataclasses.fields(LoadReport))
    return outcome == _OUTCOME_FIELDS and report == _REPORT_FIELDS


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


_PLAIN = frozenset({str, int, float, bool, type(None)})


def _plain(values: list[Any]) -> list[Any]:
    """Field values the JSON holds as they are; anything else makes the object uncacheable."""
    if not _PLAIN.issuperset(map(type, values)):
        odd = next(v for v in values if type(v) not in _PLAIN)
        raise TypeError(f"cannot cache a {type(odd).__name__}")
    return values


def _names(cls: type, *without: str) -> list[str]:
    return [f.name for f in dataclasses.fields(cls) if f.name not in without]


def _encode_document(document: Document) -> str | None:
    """Canonical JSON of a document with all its fields, or None if one is not plain data."""
    try:
        block_fields = _names(Block)
        names = _names(Document, "blocks")
        data = {
            "document": dict(
                zip(names, _plain([getattr(document, n) for n in names]), strict=True)
            ),
            "block_fields": block_fields,
            "blocks": [_plain([getattr(b, n) for n in block_fields]) for b in document.blocks],
        }
        return _dumps(data)
    except TypeError as exc:
        log.info("not caching %s: %s", document.path, exc)
        return None


def _decode_document(text: str) -> Document:
    data = json.loads(text)
    if data["block_fields"] != _names(Block):
        raise ValueError("blocks have other fields now")
    blocks = tuple(Block(*values) for values in data["blocks"])
    return Document(**data["document"], blocks=blocks)


def _encode_passages(passages: Sequence[Passage], document: Document) -> str:
    """The passages' fields but the document; a text equal to a block's is that block's index."""
    by_text = {block.text: i for i, block in reversed(list(enumerate(document.blocks)))}
    fields = _names(Passage, "document")
    rows = []
    for passage in passages:
        row = _plain([getattr(passage, name) for name in fields])
        row[fields.index("text")] = by_text.get(passage.text, passage.text)
        rows.append(row)
    return _dumps({"fields": fields, "rows": rows})


def _decode_passages(text: str, document: Document) -> list[Passage]:
    data = json.loads(text)
    fields = _names(Passage)
    where = fields.index("document")
    if data["fields"] != fields[:where] + fields[where + 1 :]:
        raise ValueError("passages have other fields now")
    at = fields.index("text") - 1 if fields.index("text") > where else fields.index("text")
    blocks = document.blocks
    passages = []
    for row in data["rows"]:
        if isinstance(row[at], int):
            row[at] = blocks[row[at]].text  # the same string object, as after splitting
        row.insert(where, document)
        passages.append(Passage(*row))
    return passages


def _encode(counts: TermCounts) -> tuple[str, bytes, bytes, bytes, bytes]:
    return (
        _dumps(list(counts.vocabulary)),
        counts.offsets.astype("<i8").tobytes(),
        counts.terms.astype("<i4").tobytes(),
        counts.counts.astype("<i4").tobytes(),
        counts.lengths.astype("<i8").tobytes(),
    )


def _decode_counts(fields: Sequence[Any]) -> TermCounts:
    vocabulary, offsets, terms, counts, lengths = fields
    words = json.loads(vocabulary)
    if not isinstance(words, list) or set(map(type, words)) - {str}:
        raise ValueError("vocabulary is not a list of strings")
    result = TermCounts(
        tuple(words),
        np.frombuffer(offsets, "<i8").astype(np.int64),
        np.frombuffer(terms, "<i4").astype(np.int32),
        np.frombuffer(counts, "<i4").astype(np.int32),
        np.frombuffer(lengths, "<i8").astype(np.int64),
    )
    result.check()
    return result


def _encode_outcome(outcome: FileOutcome, keys: dict[int, str]) -> dict[str, Any]:
    return {
        "path": outcome.path,
        "status": outcome.status.value,
        "reason": outcome.reason,
        "warnings": list(outcome.warnings),
        "document": keys[id(outcome.document)] if outcome.document is not None else None,
        "transient": outcome.transient,
    }


def _decode_outcome(data: dict[str, Any], documents: dict[str, Document]) -> FileOutcome:
    key = data["document"]
    return FileOutcome(
        str(data["path"]),
        Status(data["status"]),
        str(data["reason"]),
        tuple(str(w) for w in data["warnings"]),
        documents[key] if key is not None else None,
        bool(data["transient"]),
    )
