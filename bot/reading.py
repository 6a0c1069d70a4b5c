"""Reading a file safely, and the text structure every format shares.

Bytes are read without following links, without blocking on FIFOs and with a
size cap; text is decoded by BOM, refused when binary, UTF-8 or else cp1252
(reported); control characters and bidi overrides are removed; text is cut into
paragraph blocks. Every format reader in `bot.formats` builds on these.
"""

from __future__ import annotations

import bisect
import codecs
import datetime as dt
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from bot.analysis import CAPITALS
from bot.attribution import TITLES
from bot.models import Block

MAX_TEXT_BYTES = 5 * 1024 * 1024  # a 5 MB text file is about 800k words: ample for minutes

_DATE_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?=[ _.-]|$)")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?![\d])")
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)(?:\s+#+)?\s*$")  # "## Budget ##"; not "C#"
_LIST_ITEM = re.compile(r"^\s*([-*+]|\d{1,3}[.)])\s+")
# A line opening with a label of one to four capitalised words: a transcript turn ("Ana
# Ruiz: Thank you") or a field ("**Presenter:** Ms Ana Ruiz", "Seconded: Cllr Sam Lee").
_LABEL = rf"[{CAPITALS}][\w.'’-]*(?: [{CAPITALS}][\w.'’-]*){{0,3}}"
_LABEL_LINE = re.compile(rf"^[*_]{{0,3}}({_LABEL})(?::[*_]{{0,3}}|[*_]{{1,3}}:)\s")
# Single words that label a person's turn rather than a field (any case: "CHAIR:").
_ROLES = frozenset(
    "chair chairman chairwoman chairperson clerk mayor speaker moderator q a".split()
)
_TITLE_WORDS = frozenset(title.casefold() for title in TITLES)
UNWRAPPED = 160  # a longer line is not hard-wrapped prose
SPEECH_WORDS = 4  # words after a label that make a line a turn of speech, not a field
SPEECH_TURNS = 2  # turns by each of two names that make a text a labelled transcript
# Words of labels that name a heading or a field, not a person ("Option One:", "Item Four:");
# a post may speak ("Planning Officer: the application meets the standard").
_NOT_SPEAKERS = frozenset(
    """option options item items appendix annex note notes action actions point points part
    section phase stage step resolution motion proposal recommendation recommendations
    decision decisions paper report agenda minutes summary background purpose question
    questions answer answers update one two three four five six seven eight nine ten a b c
    """.split()
)
_SENTENCE_END = re.compile(r"""[.!?:;]["'”’)\]]*$""")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
# Markdown inline markup. Emphasis needs its markers against the words they wrap ("2 * 3" is
# arithmetic) and underscores at word edges only (snake_case stays); code spans keep their text.
_TICKS = re.compile(r"`+")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")  # a fenced code block's opening or closing line
CODE_SPAN_LIMIT = 300  # characters between a code span's backticks
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
# Emphasis spans are bounded (300 characters): an unmatched "*" must not make each pattern
# scan the rest of a long paragraph again and again.
_EMPHASIS = (
    re.compile(r"(?<![\\*])\*\*\*(?=[^\s*])(.{1,300}?)(?<=[^\s\\*])\*\*\*(?!\*)"),
    re.compile(r"(?<![\\*])\*\*(?=[^\s*])(.{1,300}?)(?<=[^\s\\*])\*\*(?!\*)"),
    re.compile(r"(?<![\w\\_])__(?=[^\s_])(.{1,300}?)(?<=[^\s\\_])__(?![\w_])"),
    re.compile(r"(?<![\w\\*])\*(?=[^\s*])(.{1,300}?)(?<=[^\s\\*])\*(?![\w*])"),
    re.compile(r"(?<![\w\\_])_(?=[^\s_])(.{1,300}?)(?<=[^\s\\_])_(?![\w_])"),
)


class SkipFile(Exception):
    """Raised inside a reader: this file is skipped, with this reason. `transient`: the
    skip says nothing of the file (the parser process could not start), so a later load
    tries it again."""

    def __init__(self, reason: str, transient: bool = False) -> None:
        super().__init__(reason)
        self.transient = transient


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's text and what was notable about decoding it."""

    text: str
    warnings: tuple[str, ...] = ()


def read_bytes(path: Path, cap: int) -> bytes:
    """Read a regular file without following links or blocking, refusing more than `cap` bytes."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == 40:  # ELOOP: the path became a symlink after the walk saw it
            raise SkipFile("symbolic link (not followed)") from exc
        raise
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise SkipFile("not a regular file")
        if info.st_size > cap:
            raise SkipFile(f"too large ({_mib(info.st_size)}; the limit is {_mib(cap)})")
        data = handle.read(cap + 1)
    if len(data) > cap:
        raise SkipFile(f"too large (grew past {_mib(cap)} while reading)")
    return data


def decode(data: bytes) -> Decoded:
    """Bytes to text: a BOM decides first, binary is refused, UTF-8, else cp1252 (reported)."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(encoding))
            except UnicodeDecodeError as exc:
                raise SkipFile(f"invalid {encoding} after its byte order mark") from exc
    if b"\x00" in data[:8192]:
        raise SkipFile("binary data (not text)")
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        return Decoded(text, ("not UTF-8: decoded as Windows-1252",))


def clean(text: str) -> str:
    """Drop control characters and bidi overrides; unify line ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def paragraphs(
    body: str, *, markdown: bool, line_breaks: bool = True
) -> tuple[list[Block], str | None]:
    """Split a body into paragraph blocks; returns them and the first level-1 heading.

    A blank line ends a paragraph. So does a line break after a sentence end,
    because many releases put one paragraph per line with no blank line between;
    and a turn ("Cllr Ana Ruiz: …") ends a paragraph that already holds a labelled line,
    whatever its last line ends with, as transcripts often leave turns unpunctuated
    (see `_turn`); a field ("Seconded By: …", "Matters Arising: …") runs on. Hard-wrapped
    prose (lines ending mid-sentence) stays one paragraph. In plain
    text that is not hard-wrapped (a line runs past `UNWRAPPED` characters, and none
    ends mid-sentence to go on in lower case),
    the lines a paragraph joins keep their breaks (`line_breaks`; not for a PDF page,
    whose lines are the page's): a release's headline and dateline stay with its first
    paragraph, but are not its first sentence.
    Markdown headings become the `heading` of the blocks below them; a heading with nothing
    below it before a heading of its level or higher (an agenda written as "## 1. Ferry
    subsidy" items), or the end, is a block of its own.
    """
    outline = Outline()
    title: str | None = None
    current: list[str] = []
    labelled = False

    def flush() -> None:
        if current:
            text = ("\n" if unwrapped else " ").join(" ".join(line.split()) for line in current)
            if markdown:
                text = plain_inline(text)
            if text:
                outline.text(text)
            current.clear()

    lines = (_without_comments(body) if markdown else body).split("\n")
    unwrapped = line_breaks and not markdown and _unwrapped(lines)
    speakers = _speaking_labels(lines)
    for raw in lines:
        line = raw.strip()
        if not line:
            flush()
            continue
        found = _HEADING.match(line) if markdown else None
        if found:
            flush()
            heading = plain_inline(found.group(2).strip())
            outline.head(len(found.group(1)), heading, heading)
            if title is None and len(found.group(1)) == 1:
                title = heading
            continue
        ended = bool(current) and bool(_LIST_ITEM.match(line) or _SENTENCE_END.search(current[-1]))
        if ended or ((labelled or speakers) and _turn(line, speakers)):  # not an empty one
            flush()
        label = bool(_LABEL_LINE.match(line))
        labelled = label or (labelled and bool(current))  # a label within this paragraph
        current.append(line)
    flush()
    return outline.finish(), title


class Outline:
    """A document's blocks under their headings, as a reader meets them in order.

    A heading labels the blocks after it. One with nothing under it before a heading of
    its level or higher, or the end, is a block of its own: an agenda may be written as
    headings alone ("## 1. Ferry subsidy renewal"). One followed by a deeper heading is a
    parent, only a label.
    """

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.heading: str | None = None  # the label of the blocks to come
        self._bare: tuple[int, str] | None = None  # the last heading, while nothing follows

    def text(self, text: str) -> None:
        """A block of text, under the current heading."""
        self.blocks.append(Block(text, f"¶{len(self.blocks) + 1}", self.heading))
        self._bare = None

    def head(self, level: int, text: str, label: str | None) -> None:
        """A heading of `level` (1 for the top) saying `text`; the blocks after it carry
        `label` (its text, perhaps shortened)."""
        self._alone_before(level)
        self.heading = label
        self._bare = (level, text) if label else None

    def finish(self) -> list[Block]:
        """The blocks, once the document has ended."""
        self._alone_before(0)
        return self.blocks

    def _alone_before(self, level: int) -> None:
        if self._bare is not None and level <= self._bare[0]:
            said = self._bare[1]
            self.heading = None
            self.text(said)


def _without_comments(text: str) -> str:
    """Markdown without its HTML comments ("<!-- draft: not for publication -->"), which
    nobody reading the page sees, so no reply may quote. An unclosed one is left as text,
    and so is one opened in code ("`<!--` starts a comment", a fenced block of HTML)."""
    if "<!--" not in text:
        return text
    code = _code_ranges(text)
    starts = [start for start, _ in code]
    parts = []
    position = 0
    while (start := text.find("<!--", position)) >= 0:
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and start < code[i][1]:  # in code: literal
            parts.append(text[position : code[i][1]])
            position = code[i][1]
            continue
        end = text.find("-->", start + 4)
        if end < 0:
            break
        parts.append(text[position:start])
        position = end + 3
    parts.append(text[position:])
    return "".join(parts)


def _code_ranges(text: str) -> list[tuple[int, int]]:
    """Where Markdown's code is, as (start, end) in order, not overlapping: fenced blocks
    (``` or ~~~ to a fence as long, or the end) and code spans outside them."""
    fenced: list[tuple[int, int]] = []
    opened: tuple[int, str] | None = None  # where the open fence starts, and the fence
    position = 0
    for line in text.splitlines(keepends=True):
        found = _FENCE.match(line)
        if found and opened is None:
            opened = (position, found[1])
        elif found and opened is not None and found[1].startswith(opened[1]):
            fenced.append((opened[0], position + len(line)))
            opened = None
        position += len(line)
    if opened is not None:
        fenced.append((opened[0], len(text)))
    starts = [start for start, _ in fenced]

    def in_fence(at: int) -> bool:
        i = bisect.bisect_right(starts, at) - 1
        return i >= 0 and at < fenced[i][1]

    spans = [(a, b) for a, b, _ in _code_spans(text) if not in_fence(a)] if "`" in text else []
    return sorted(fenced + spans)


def _turn(line: str, speakers: frozenset[str] = frozenset()) -> bool:
    """Whether a line opens a person's turn (see `paragraphs`): a titled name ("Cllr Ana
    Ruiz:", "DR LENA ORTIZ:"), a name of `speakers` ("Fiona Garrity:"), or a role ("Chair:",
    "Q:") that is not followed by whose it is ("Chair: Cllr Ana Ruiz", a roster line). A
    plain name alone cannot be told from a field ("Lead Officer:", "Proposed By:") or a
    wrapped line ("Mill Lane: the …")."""
    found = _LABEL_LINE.match(line)
    if not found:
        return False
    words = found.group(1).casefold().split()
    if len(words) > 1:
        return words[0].rstrip(".") in _TITLE_WORDS or " ".join(words) in speakers
    value = line[found.end() :].split()
    roster = bool(value) and value[0].casefold().rstrip(".") in _TITLE_WORDS
    return words[0] in _ROLES and not roster


def _speaking_labels(lines: list[str]) -> frozenset[str]:
    """The plain names that label turns in a transcript typed as "Fiona Garrity: …" lines
    (case folded), which captions and chat logs leave unpunctuated: in a text where two
    names or more each open `SPEECH_TURNS` lines of speech (`SPEECH_WORDS` words or more
    after the label, where a field holds a name or a figure: "Proposed By: Cllr Lee"), those
    names and any other opening a line of speech once that is no heading or field ("Option
    One: a full ban …", "Lead Officer: …"). None in a text that is not such a transcript."""
    spoken: dict[str, int] = {}
    for line in map(str.strip, lines):
        found = _LABEL_LINE.match(line)
        if found and len(found.group(1).split()) > 1:
            value = line[found.end() :].split()
            if len(value) >= SPEECH_WORDS and value[0].casefold().rstrip(".") not in _TITLE_WORDS:
                name = found.group(1).casefold()
                spoken[name] = spoken.get(name, 0) + 1
    if sum(turns >= SPEECH_TURNS for turns in spoken.values()) < 2:
        return frozenset()
    return frozenset(
        name for name, turns in spoken.items()
        if turns >= SPEECH_TURNS or not set(name.split()) & _NOT_SPEAKERS
    )  # fmt: skip


def _unwrapped(lines: list[str]) -> bool:
    """Whether plain text puts a paragraph on a line: some line is longer than any wrap
    width, and no line ends mid-sentence to go on in lower case on the next one."""
    filled = [line.strip() for line in lines if line.strip()]
    runs_on = any(
        not _SENTENCE_END.search(line) and following[:1].islower()
        for line, following in pairwise(filled)
    )
    return not runs_on and any(len(line) > UNWRAPPED for line in filled)


def plain_inline(text: str) -> str:
    """Markdown inline text as read: "**Motion:** That…" quoted with its asterisks is noise.

    Emphasis markers (`**`, `__`, `*`, `_`) and code-span backticks go, their words stay;
    backslash escapes become the character they protect. Code spans are kept literally.
    """
    if not any(marker in text for marker in "*_`\\"):
        return text  # most paragraphs: no markup, and the patterns are costly to run
    parts = []
    position = 0
    for start, end, inner in _code_spans(text):
        parts.append(_plain_emphasis(text[position:start]))
        parts.append(inner[1:-1] if len(inner) > 2 and inner[0] == inner[-1] == " " else inner)
        position = end
    parts.append(_plain_emphasis(text[position:]))
    return "".join(parts)


def _code_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, inner text) of each code span: a run of backticks closed by the next run
    as long, on the same line and within CODE_SPAN_LIMIT characters (CommonMark's rule,
    bounded). One pass over the runs: a pattern backtracking over a line of 20,000 backticks
    took ten minutes."""
    runs = [match.span() for match in _TICKS.finditer(text)]
    i = 0
    while i < len(runs):
        start, opened = runs[i]
        for j in range(i + 1, len(runs)):
            closing, end = runs[j]
            if closing - opened > CODE_SPAN_LIMIT:
                break
            if end - closing == opened - start:
                if "\n" not in text[opened:closing]:
                    yield start, end, text[opened:closing]
                    i = j
                break
        i += 1


def _plain_emphasis(text: str) -> str:
    """Emphasis markers removed, innermost last, so "***both***" loses all six."""
    for pattern in _EMPHASIS:
        previous = None
        while previous != text:
            previous, text = text, pattern.sub(r"\1", text)
    return _ESCAPED.sub(r"\1", text)


def iso_date(value: object) -> str | None:
    """The `YYYY-MM-DD` a value starts with ("2024-03-01T10:00Z" too), when it is a real date."""
    if not isinstance(value, str):
        return None
    found = _ISO_DATE.match(value)
    if not found:
        return None
    year, month, day = (int(g) for g in found.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def date_from_name(name: str) -> str | None:
    """A `YYYY-MM-DD` file-name prefix, when it is a real date."""
    found = _DATE_PREFIX.match(name)
    return iso_date(found.group(0)) if found else None


def title_from_name(name: str) -> str:
    """A readable title from a file name: no date prefix, no extension, spaces for dashes."""
    name = name.encode("utf-8", "replace").decode("utf-8")  # undecodable bytes arrive as surrogates
    stem = Path(name).stem
    stem = _DATE_PREFIX.sub("", stem).strip(" _.-")
    words = re.sub(r"[_-]+", " ", stem).split()
    return " ".join(words)[:256] or name


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MiB"
