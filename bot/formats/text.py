"""Markdown and plain text, with optional YAML front matter."""

from __future__ import annotations

from pathlib import Path

from bot.attribution import attribute
from bot.frontmatter import split_front_matter
from bot.models import Document
from bot.reading import (
    MAX_TEXT_BYTES,
    clean,
    date_from_name,
    decode,
    paragraphs,
    read_bytes,
    title_from_name,
)


def read_text_document(path: Path, rel: str) -> tuple[Document, tuple[str, ...]]:
    """Read Markdown or plain text, with optional YAML front matter."""
    decoded = decode(read_bytes(path, MAX_TEXT_BYTES))
    front = split_front_matter(clean(decoded.text))
    markdown = path.suffix.lower() in (".md", ".markdown")
    blocks, heading_title = paragraphs(front.body, markdown=markdown)
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
