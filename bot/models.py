"""The values that flow through the core: documents, passages, hits and answers.

All are frozen dataclasses so an index snapshot can be shared between threads
without copies or locks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph of a document, with where it sits (for citations)."""

    text: str
    location: str  # human form, e.g. "¶5", "p. 3", "00:12:31"
    heading: str | None = None
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One loaded file: its metadata (none invented) and its paragraphs."""

    path: str  # relative to the knowledge folder, POSIX separators
    title: str
    blocks: tuple[Block, ...]
    date: str | None = None  # ISO 8601, only when the file states it
    url: str | None = None
    meeting: str | None = None
    place: str | None = None
    organisation: str | None = None

    @property
    def text(self) -> str:
        """The whole body, paragraphs separated by blank lines."""
        return "\n\n".join(block.text for block in self.blocks)


@dataclass(frozen=True, slots=True)
class Passage:
    """The unit of retrieval: one or a few consecutive blocks of one document."""

    id: str  # "<relative path>#<n>", stable while the file is unchanged
    document: Document
    n: int  # 1-based position within the document
    location: str
    text: str
    heading: str | None = None
    speaker: str | None = None


class Status(StrEnum):
    """What happened to one file of the knowledge folder."""

    LOADED = "loaded"
    SKIPPED = "skipped"  # a document we should have read but could not
    IGNORED = "ignored"  # not a document by policy (hidden, temporary files)


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """Exactly one outcome per file found in the knowledge folder."""

    path: str
    status: Status
    reason: str = ""
    warnings: tuple[str, ...] = ()
    document: Document | None = None
    transient: bool = False  # skipped for this run alone (no parser could start): try again


@dataclass(frozen=True, slots=True)
class LoadReport:
    """Every file's outcome from one walk of the knowledge folder."""

    root: str
    outcomes: tuple[FileOutcome, ...]
    seconds: float = 0.0

    @property
    def documents(self) -> tuple[Document, ...]:
        return tuple(o.document for o in self.outcomes if o.document is not None)

    @property
    def skipped(self) -> tuple[FileOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status is Status.SKIPPED)


@dataclass(frozen=True, slots=True)
class Hit:
    """A retrieved passage with its score: rank-bm25's own value for a plain search, plus
    the neighbouring passages' shares, the named speakers' boost and the phrases' gain
    when ranked so."""

    passage: Passage
    score: float


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of quoted text; `match` marks words that matched the question."""

    text: str
    match: bool = False


@dataclass(frozen=True, slots=True)
class Quote:
    """One sentence quoted verbatim from a passage, with its citation number."""

    spans: tuple[Span, ...]
    citation: int
    speaker: str | None = None  # set in summaries' "who spoke" part
    item: str | None = None  # a summary's decision: the item (heading) it was taken under

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True, slots=True)
class Citation:
    """A numbered source: the passage a quote came from."""

    n: int
    passage: Passage
    score: float


@dataclass(frozen=True, slots=True)
class Summary:
    """What was summarised, and the cited sentences that summarise it."""

    subject: str  # the document title, or the topic
    kind: str  # "document", "topic" or "latest"
    quotes: tuple[Quote, ...] = ()
    citations: tuple[Citation, ...] = ()
    document: Document | None = None
    read_as: tuple[tuple[str, str], ...] = ()  # a topic's mistyped words, and what was read
    omitted: int = 0  # items of the document's numbered list that did not fit

    @property
    def found(self) -> bool:
        return bool(self.quotes)


@dataclass(frozen=True, slots=True)
class Answer:
    """The outcome of a question: quotes with citations, or an honest 'not found'."""

    question: str
    answered: bool
    quotes: tuple[Quote, ...] = ()
    citations: tuple[Citation, ...] = ()
    closest: tuple[Document, ...] = field(default=())  # named when not answered
    documents_searched: int = 0
    # Why not answered: "vague" (no searchable words), "no_match", "partial", "unknown_document",
    # "not_on_agenda" (a topic asked of the agendas, `closest`), "help" (the message asked what
    # the bot can do).
    reason: str = ""
    read_as: tuple[tuple[str, str], ...] = ()  # mistyped words and the words read for them
    summary: Summary | None = None  # "Summarise the meeting": the summary the question asked for
