"""What every format reader shares: the parsed result and how it becomes a Document."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.attribution import attribute
from bot.frontmatter import MAX_VALUE
from bot.models import Block, Document
from bot.reading import clean, date_from_name, title_from_name


@dataclass(frozen=True, slots=True)
class Extracted:
    """What a parser found in one file: paragraphs, and only the metadata the file states.

    It is what a parser worker process sends back, so it holds plain values only.
    """

    blocks: tuple[Block, ...]
    title: str | None = None
    date: str | None = None  # ISO 8601 date
    url: str | None = None
    warnings: tuple[str, ...] = ()


def build_document(path: Path, rel: str, found: Extracted) -> tuple[Document, tuple[str, ...]]:
    """The Document for a parsed file: file-name date and title when the file states none."""
    document = Document(
        path=rel,
        title=found.title or title_from_name(path.name),
        blocks=tuple(attribute(found.blocks)),
        date=found.date or date_from_name(path.name),
        url=found.url,
    )
    return document, found.warnings


def meta_text(value: object) -> str | None:
    """A metadata value as one clean line of at most MAX_VALUE characters, or None if empty."""
    if value is None:
        return None
    text = " ".join(clean(str(value)).split())[:MAX_VALUE].strip()
    return text or None


def web_url(value: object) -> str | None:
    """An http(s) URL as stated, or None: a link that is not a web address is not a citation."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    if len(url) > MAX_VALUE or not re.match(r"^https?://[^\s/]", url, re.IGNORECASE):
        return None
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    return url
