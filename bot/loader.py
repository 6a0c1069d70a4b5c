"""Walk the knowledge folder and turn each file into a Document, or a reason it was not.

Safety rules (see RELIABILITY.md, sections E and F): symlinks are never followed,
only regular files are opened (with O_NOFOLLOW and O_NONBLOCK, re-checked with
fstat), sizes are capped before reading, binary data is refused, and every
reader's exception is caught per file. Each file found gets exactly one outcome.
"""

from __future__ import annotations

import codecs
import datetime as dt
import logging
import os
import re
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.attribution import attribute
from bot.frontmatter import split_front_matter
from bot.models import Block, Document, FileOutcome, LoadReport, Status

log = logging.getLogger(__name__)

MAX_TEXT_BYTES = 5 * 1024 * 1024  # a 5 MB text file is about 800k words: ample for minutes

_TEMPORARY = re.compile(r"(^~\$|^\.~lock\.|~$|\.(swp|swo|tmp|part|crdownload)$)", re.IGNORECASE)
_DATE_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?=[ _.-]|$)")
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^\s*([-*+]|\d{1,3}[.)])\s+")
_SENTENCE_END = re.compile(r"""[.!?:;]["'”’)\]]*$""")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


class SkipFile(Exception):
    """Raised inside a reader: this file is skipped, with this reason."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's text and what was notable about decoding it."""

    text: str
    warnings: tuple[str, ...] = ()


Reader = Callable[[Path, str], tuple[Document, tuple[str, ...]]]


def load_folder(root: Path) -> LoadReport:
    """Load every document under `root`; a bad file is reported, never fatal."""
    started = time.perf_counter()
    root = root.resolve()
    outcomes: list[FileOutcome] = []
    if not root.is_dir():
        raise FileNotFoundError(f"knowledge folder not found: {root}")
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        kept_dirs = []
        for name in sorted(dirnames):
            rel = _relative(here / name, root)
            if name.startswith("."):
                outcomes.append(FileOutcome(rel, Status.IGNORED, "hidden folder"))
            elif (here / name).is_symlink():
                outcomes.append(FileOutcome(rel, Status.SKIPPED, "symbolic link (not followed)"))
            else:
                kept_dirs.append(name)
        dirnames[:] = kept_dirs
        for name in sorted(filenames):
            outcomes.append(load_file(here / name, root))
    outcomes.sort(key=lambda o: o.path)
    return LoadReport(str(root), tuple(outcomes), time.perf_counter() - started)


def load_file(path: Path, root: Path) -> FileOutcome:
    """One file's outcome: loaded, skipped with a reason, or ignored by policy."""
    rel = _relative(path, root)
    name = path.name
    if name.startswith("."):
        return FileOutcome(rel, Status.IGNORED, "hidden file")
    if _TEMPORARY.search(name):
        return FileOutcome(rel, Status.IGNORED, "temporary or lock file")
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        return FileOutcome(rel, Status.SKIPPED, f"unsupported file type {path.suffix or '(none)'}")
    try:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            return FileOutcome(rel, Status.SKIPPED, "symbolic link (not followed)")
        if not stat.S_ISREG(info.st_mode):
            return FileOutcome(rel, Status.SKIPPED, "not a regular file")
        document, warnings = reader(path, rel)
    except SkipFile as exc:
        return FileOutcome(rel, Status.SKIPPED, str(exc))
    except FileNotFoundError:
        return FileOutcome(rel, Status.SKIPPED, "file disappeared while loading")
    except PermissionError:
        return FileOutcome(rel, Status.SKIPPED, "permission denied")
    except Exception as exc:  # a reader bug or parser crash must not stop the folder
        log.warning("could not read %s", rel, exc_info=True)
        return FileOutcome(rel, Status.SKIPPED, f"could not read: {type(exc).__name__}")
    if not document.blocks:
        return FileOutcome(rel, Status.SKIPPED, "no text", warnings)
    return FileOutcome(rel, Status.LOADED, "", warnings, document)


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


def paragraphs(body: str, *, markdown: bool) -> tuple[list[Block], str | None]:
    """Split a body into paragraph blocks; returns them and the first level-1 heading.

    A blank line ends a paragraph. So does a line break after a sentence end,
    because many releases put one paragraph per line with no blank line between;
    hard-wrapped prose (lines ending mid-sentence) stays one paragraph.
    Markdown headings become the `heading` of the blocks below them.
    """
    blocks: list[Block] = []
    heading: str | None = None
    title: str | None = None
    current: list[str] = []

    def flush() -> None:
        if current:
            text = " ".join(" ".join(current).split())
            if text:
                blocks.append(Block(text, f"¶{len(blocks) + 1}", heading))
            current.clear()

    for raw in body.split("\n"):
        line = raw.strip()
        if not line:
            flush()
            continue
        found = _HEADING.match(line) if markdown else None
        if found:
            flush()
            heading = found.group(2).strip()
            if title is None and len(found.group(1)) == 1:
                title = heading
            continue
        if current and (_LIST_ITEM.match(line) or _SENTENCE_END.search(current[-1])):
            flush()
        current.append(line)
    flush()
    return blocks, title


def read_text_document(path: Path, rel: str) -> tuple[Document, tuple[str, ...]]:
    """Read Markdown or plain text, with optional YAML front matter."""
    decoded = decode(read_bytes(path, MAX_TEXT_BYTES))
    front = split_front_matter(clean(decoded.text))
    blocks, heading_title = paragraphs(front.body, markdown=path.suffix.lower() == ".md")
    meta = front.fields
    date = meta.get("date") or date_from_name(path.name)
    title = meta.get("title") or heading_title or title_from_name(path.name)
    document = Document(
        path=rel,
        title=title,
        blocks=tuple(attribute(blocks)),
        date=date,
        url=meta.get("url"),
        meeting=meta.get("meeting"),
        place=meta.get("place"),
        organisation=meta.get("organisation"),
    )
    return document, decoded.warnings + front.warnings


def date_from_name(name: str) -> str | None:
    """A `YYYY-MM-DD` file-name prefix, when it is a real date."""
    found = _DATE_PREFIX.match(name)
    if not found:
        return None
    year, month, day = (int(g) for g in found.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def title_from_name(name: str) -> str:
    """A readable title from a file name: no date prefix, no extension, spaces for dashes."""
    stem = Path(name).stem
    stem = _DATE_PREFIX.sub("", stem).strip(" _.-")
    words = re.sub(r"[_-]+", " ", stem).split()
    return " ".join(words)[:256] or name


def _relative(path: Path, root: Path) -> str:
    rel = path.relative_to(root).as_posix()
    # Undecodable bytes in names arrive as surrogates; make them printable once, here.
    return rel.encode("utf-8", "replace").decode("utf-8")


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MiB"


# File extension -> reader. Later formats (HTML, PDF, DOCX, transcripts) register here.
READERS: dict[str, Reader] = {
    ".md": read_text_document,
    ".markdown": read_text_document,
    ".txt": read_text_document,
}
