"""PDF: the text of each page, located "p. N", read by pypdf in a killable worker.

pypdf is pure Python and its security policy leaves exceptions to the caller:
malformed files raise KeyError, TypeError, OverflowError and more, and some have
made it loop. So the parse runs in an isolated worker, every exception becomes a
skip with a short reason, and a file that yields no text at all (a scan, or a
decompression bomb stopped by pypdf's limit, which can fail silently) is
reported rather than indexed empty.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import LimitReachedError

from bot.formats.common import Extracted, build_document, meta_text
from bot.formats.isolation import run_isolated
from bot.models import Block, Document
from bot.reading import SkipFile, clean, iso_date, paragraphs, read_bytes

MAX_PDF_BYTES = 50 * 1024 * 1024
MAX_CHARS = 5_000_000  # text kept per file: as much as the largest text file
NO_TEXT = "no extractable text (scanned or image-only PDF, or a decompression limit was hit)"

_PDF_DATE = re.compile(r"^\s*(?:D:)?(\d{4})(\d{2})(\d{2})")


def extract_pdf(data: bytes) -> Extracted:
    """Paragraphs per page, the title and the creation date (runs in the worker)."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opens_without_password(reader):
            raise SkipFile("encrypted PDF")
        count = len(reader.pages)
    except SkipFile:
        raise
    except Exception as exc:
        raise SkipFile(f"invalid or damaged PDF ({type(exc).__name__})") from exc
    blocks: list[Block] = []
    warnings: list[str] = []
    failures: list[str] = []
    chars = 0
    for number in range(1, count + 1):
        try:
            text = reader.pages[number - 1].extract_text()
        except LimitReachedError:
            failures.append("decompression limit")
            continue
        except Exception as exc:  # one bad page costs that page only
            failures.append(type(exc).__name__)
            continue
        page_blocks, _ = paragraphs(clean(text), markdown=False, line_breaks=False)
        blocks.extend(Block(b.text, f"p. {number}") for b in page_blocks)
        chars += len(text)
        if chars > MAX_CHARS and number < count:
            warnings.append(f"only pages 1–{number} indexed (over {MAX_CHARS:,} characters)")
            break
    if not blocks:
        if failures and "decompression limit" not in failures:
            raise SkipFile(f"invalid or damaged PDF ({failures[0]})")
        raise SkipFile(NO_TEXT)
    if failures:
        warnings.append(f"text of {len(failures)} page(s) could not be extracted")
    title, date = _metadata(reader)
    return Extracted(tuple(blocks), title=title, date=date, warnings=tuple(warnings))


def read_pdf(
    path: Path, rel: str, *, extract: Callable[[bytes], Extracted] = extract_pdf
) -> tuple[Document, tuple[str, ...]]:
    """Read a PDF safely in the parent, parse it in the worker.

    `extract` is the worker-side function (tests substitute one that hangs).
    """
    data = read_bytes(path, MAX_PDF_BYTES)
    return build_document(path, rel, run_isolated(extract, data))


def _opens_without_password(reader: PdfReader) -> bool:
    """Many PDFs are encrypted only to restrict printing: viewers open them with no password."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # e.g. AES without a crypto library installed
        return False


def _metadata(reader: PdfReader) -> tuple[str | None, str | None]:
    """Title and creation date from the document information, when present and valid."""
    try:
        info = reader.metadata
        if info is None:
            return None, None
        title = meta_text(info.title)
        raw = info.get("/CreationDate")
        found = _PDF_DATE.match(str(raw)) if raw is not None else None
    except Exception:  # metadata is optional; a broken Info dictionary costs only it
        return None, None
    date = iso_date(f"{found[1]}-{found[2]}-{found[3]}") if found else None
    return title, date
