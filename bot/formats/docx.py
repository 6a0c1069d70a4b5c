"""DOCX: paragraphs and table cells in reading order, with Word headings, via python-docx.

python-docx has no size limit: a 1 MB file can declare a `document.xml` of
hundreds of megabytes. So the zip's own directory is checked first, before
anything is inflated (total unpacked size, number of parts, compression ratio).
Both the check and the parse run in the killable worker with its memory cap:
even listing a hostile zip's directory (hundreds of thousands of entries) can
take a lot of memory. A directory named `x.docx` never gets here: the loader
only opens regular files, and python-docx is only ever given bytes, never a path.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.types import ProvidesStoryPart

from bot.formats.common import Extracted, build_document, meta_text
from bot.formats.isolation import run_isolated
from bot.models import Block, Document
from bot.reading import Outline, SkipFile, read_bytes

MAX_DOCX_BYTES = 50 * 1024 * 1024  # the file itself
MAX_UNPACKED = 100 * 1024 * 1024  # the sum of its parts' declared sizes
MAX_PARTS = 2000
MAX_RATIO = 100  # unpacked : packed, for parts (and totals) of 1 MiB or more
_RATIO_FLOOR = 1024 * 1024  # small parts compress well without being bombs

_HEADING_STYLE = re.compile(r"^(?:Title|Heading (\d))$")
# Block-level content controls: python-docx's iter_inner_content() skips them and all inside.
_SDT = qn("w:sdt")
_BLOCK_WRAPPERS = {_SDT, qn("w:sdtContent")}
# What holds runs inside a paragraph besides itself. Paragraph.text reads only direct runs
# and hyperlinks; tracked deletions (w:del, w:moveFrom) are deliberately not listed.
_RUN_WRAPPERS = {
    qn(f"w:{name}")
    for name in "ins moveTo hyperlink smartTag sdt sdtContent fldSimple dir bdo".split()
}
# The creation time in python-docx's own template: a file saved by python-docx
# without setting it carries this date, which nobody stated.
_TEMPLATE_CREATED = dt.datetime(2013, 12, 23, 23, 15, tzinfo=dt.UTC)


def check_package(data: bytes) -> None:
    """Refuse what is not a zip, or a zip that would inflate too far, before parsing."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise SkipFile("not a DOCX file (not a zip archive)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except Exception as exc:
        raise SkipFile(f"damaged zip archive ({type(exc).__name__})") from exc
    if len(parts) > MAX_PARTS:
        raise SkipFile(f"possible zip bomb: {len(parts)} parts (the limit is {MAX_PARTS})")
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED:
        raise SkipFile(
            f"possible zip bomb: unpacks to {unpacked / 2**20:.0f} MiB "
            f"(the limit is {MAX_UNPACKED / 2**20:.0f} MiB)"
        )
    packed = sum(part.compress_size for part in parts)
    sizes = [(part.file_size, part.compress_size) for part in parts] + [(unpacked, packed)]
    for size, compressed in sizes:
        if size >= _RATIO_FLOOR and size > MAX_RATIO * max(compressed, 1):
            ratio = size // max(compressed, 1)
            raise SkipFile(
                f"possible zip bomb: compression ratio {ratio}:1 (the limit is {MAX_RATIO}:1)"
            )


def extract_docx(data: bytes) -> Extracted:
    """Paragraphs, headings, title and creation date (runs in the worker)."""
    check_package(data)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks, first_title = _outline(_paragraphs(_content(document.element.body, document)))
    except Exception as exc:
        raise SkipFile(f"invalid or damaged DOCX ({type(exc).__name__})") from exc
    title, date = _core_properties(document)
    return Extracted(tuple(blocks), title=title or first_title, date=date)


def read_docx(
    path: Path, rel: str, *, extract: Callable[[bytes], Extracted] = extract_docx
) -> tuple[Document, tuple[str, ...]]:
    """Read the file safely, then check and parse it in the worker."""
    data = read_bytes(path, MAX_DOCX_BYTES)
    return build_document(path, rel, run_isolated(extract, data))


def _content(container: BaseOxmlElement, parent: ProvidesStoryPart) -> Iterator[Paragraph | Table]:
    """A body's or cell's paragraphs and tables in order, also those inside content controls."""
    stack: list[Iterator[BaseOxmlElement]] = [iter(container)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif isinstance(child, CT_P):
            yield Paragraph(child, parent)
        elif isinstance(child, CT_Tbl):
            yield Table(child, parent)
        elif child.tag in _BLOCK_WRAPPERS and not _unwritten(child):
            stack.append(iter(child))


def _paragraphs(content: Iterator[Paragraph | Table]) -> Iterator[tuple[int | None, str]]:
    """(heading level or None, text) of each paragraph with text, in reading order.

    Tables are read cell by cell (iteratively: nesting is unbounded).
    """
    stack: list[Iterator[Paragraph | Table]] = [content]
    while stack:
        item = next(stack[-1], None)
        if item is None:
            stack.pop()
        elif isinstance(item, Table):
            stack.append(chain.from_iterable(_content(c._tc, c) for c in _cells(item)))
        elif text := " ".join(_text(item).split()):
            yield _heading_level(item), text


def _outline(paragraphs: Iterable[tuple[int | None, str]]) -> tuple[list[Block], str | None]:
    """Blocks under their headings (see `Outline`), and the first heading (the title when
    the file states none)."""
    outline = Outline()
    first_title: str | None = None
    for level, text in paragraphs:
        if level is None:
            outline.text(text)
            continue
        label = meta_text(text)
        outline.head(level, text, label)
        if first_title is None:
            first_title = label
    return outline.finish(), first_title


def _text(paragraph: Paragraph) -> str:
    """The paragraph as it now reads, with runs in tracked insertions and content controls."""
    pieces: list[str] = []
    stack: list[Iterator[BaseOxmlElement]] = [iter(paragraph._p)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif isinstance(child, CT_R):
            pieces.append(child.text)
        elif child.tag in _RUN_WRAPPERS and not _unwritten(child):
            stack.append(iter(child))
    return "".join(pieces)


def _unwritten(control: BaseOxmlElement) -> bool:
    """A content control nobody wrote in: a form's placeholder ("Click or tap here to enter
    text."), or a table of contents (its entries repeat the headings, with page numbers)."""
    if control.tag != _SDT:
        return False
    properties = control.find(qn("w:sdtPr"))
    if properties is None:
        return False
    showing = properties.find(qn("w:showingPlcHdr"))
    if showing is not None and showing.get(qn("w:val"), "true") not in ("false", "0", "off"):
        return True
    gallery = properties.find(f"{qn('w:docPartObj')}/{qn('w:docPartGallery')}")
    return gallery is not None and "Table of Contents" in (gallery.get(qn("w:val")) or "")


def _cells(table: Table) -> Iterator[_Cell]:
    """Each cell once: python-docx repeats a merged cell for every grid position it spans."""
    seen: dict[int, object] = {}  # the element is kept so its id is not reused
    for row in table.rows:
        for cell in row.cells:
            element = cell._tc
            if id(element) not in seen:
                seen[id(element)] = element
                yield cell


def _heading_level(paragraph: Paragraph) -> int | None:
    """0 for the Title style, n for "Heading n", None for body text."""
    try:
        style = paragraph.style
    except Exception:  # a broken styles part: treat as body text
        return None
    found = _HEADING_STYLE.match(style.name or "") if style is not None else None
    if found is None:
        return None
    return int(found[1]) if found[1] else 0


def _core_properties(document: WordDocument) -> tuple[str | None, str | None]:
    """Title and creation date, only when the file has a core-properties part.

    Without one, python-docx would make up a default (titled "Word Document").
    """
    try:
        document.part.package.part_related_by(RELATIONSHIP_TYPE.CORE_PROPERTIES)
        properties = document.core_properties
        title = meta_text(properties.title)
        created = properties.created
    except Exception:  # missing or malformed metadata costs only the metadata
        return None, None
    date = None
    if created is not None and created != _TEMPLATE_CREATED:
        date = created.date().isoformat()
    return title, date
