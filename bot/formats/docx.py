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
from collections.abc import Callable, Iterator
from itertools import chain
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from bot.formats.common import Extracted, build_document, meta_text
from bot.formats.isolation import run_isolated
from bot.models import Block, Document
from bot.reading import SkipFile, read_bytes

MAX_DOCX_BYTES = 50 * 1024 * 1024  # the file itself
MAX_UNPACKED = 100 * 1024 * 1024  # the sum of its parts' declared sizes
MAX_PARTS = 2000
MAX_RATIO = 100  # unpacked : packed, for parts (and totals) of 1 MiB or more
_RATIO_FLOOR = 1024 * 1024  # small parts compress well without being bombs

_HEADING_STYLE = re.compile(r"^(Title|Heading \d)$")
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
        blocks, first_title = _blocks(document.iter_inner_content())
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


def _blocks(content: Iterator[Paragraph | Table]) -> tuple[list[Block], str | None]:
    """Blocks in reading order; tables are read cell by cell (iteratively: nesting is unbounded)."""
    blocks: list[Block] = []
    heading: str | None = None
    first_title: str | None = None
    stack: list[Iterator[Paragraph | Table]] = [content]
    while stack:
        item = next(stack[-1], None)
        if item is None:
            stack.pop()
            continue
        if isinstance(item, Table):
            stack.append(chain.from_iterable(c.iter_inner_content() for c in _cells(item)))
            continue
        text = " ".join(item.text.split())
        if not text:
            continue
        if _is_heading(item):
            heading = meta_text(text)
            if first_title is None:
                first_title = heading
            continue
        blocks.append(Block(text, f"¶{len(blocks) + 1}", heading))
    return blocks, first_title


def _cells(table: Table) -> Iterator[_Cell]:
    """Each cell once: python-docx repeats a merged cell for every grid position it spans."""
    seen: dict[int, object] = {}  # the element is kept so its id is not reused
    for row in table.rows:
        for cell in row.cells:
            element = cell._tc
            if id(element) not in seen:
                seen[id(element)] = element
                yield cell


def _is_heading(paragraph: Paragraph) -> bool:
    try:
        style = paragraph.style
    except Exception:  # a broken styles part: treat as body text
        return False
    return style is not None and bool(_HEADING_STYLE.match(style.name or ""))


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
