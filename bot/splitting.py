"""Documents to passages: the units BM25 ranks and answers cite.

A passage follows the document's paragraphs: one paragraph, or a few short
consecutive ones under the same heading, so a one-line paragraph ("Agenda") does
not become a passage of its own; a very long paragraph is cut at sentence ends.
Ids are `<relative path>#<n>`, stable while the file is unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.models import Block, Document, Passage
from bot.sentences import sentence_spans

_BULLET = re.compile(r"\s*[-*+•]\s")  # "- Ana Ruiz (Chair)"


@dataclass(frozen=True, slots=True)
class SplitOptions:
    """Passage sizes in words."""

    min_words: int = 12  # shorter paragraphs join the next one under the same heading
    max_words: int = 220  # longer paragraphs are cut at sentence ends


def split_document(document: Document, options: SplitOptions | None = None) -> list[Passage]:
    """The passages of one document, in reading order."""
    options = options or SplitOptions()
    groups: list[list[Block]] = []
    for block in document.blocks:
        for piece in _cut_long(block, options.max_words):
            previous = groups[-1] if groups else None
            if previous is not None and _joinable(previous, piece, options):
                previous.append(piece)
            else:
                groups.append([piece])
    passages = []
    for n, group in enumerate(groups, start=1):
        passages.append(
            Passage(
                id=f"{document.path}#{n}",
                document=document,
                n=n,
                location=_span(group[0].location, group[-1].location),
                text=_joined(group),
                heading=group[0].heading,
                speaker=group[0].speaker,
            )
        )
    return passages


def split_documents(
    documents: tuple[Document, ...] | list[Document], options: SplitOptions | None = None
) -> list[Passage]:
    """The passages of many documents, in document order."""
    return [p for document in documents for p in split_document(document, options)]


def _joinable(group: list[Block], block: Block, options: SplitOptions) -> bool:
    """Join a block to the group before it when that group is still too short to stand alone."""
    last = group[-1]
    if last.heading != block.heading or last.speaker != block.speaker:
        return False
    words = sum(len(b.text.split()) for b in group)
    return words < options.min_words and words + len(block.text.split()) <= options.max_words


def _cut_long(block: Block, max_words: int) -> list[Block]:
    """Cut a paragraph longer than `max_words` at sentence ends (the location is kept)."""
    if len(block.text.split()) <= max_words:
        return [block]
    pieces: list[Block] = []
    first: int | None = None  # where the piece being filled starts
    last = count = 0
    for start, end in sentence_spans(block.text):
        words = len(block.text[start:end].split())
        if first is not None and count + words > max_words:
            pieces.append(_with_text(block, block.text[first:last]))  # line breaks kept
            first, count = None, 0
        first = start if first is None else first
        last = end
        count += words
    if first is not None:
        pieces.append(_with_text(block, block.text[first:last]))
    return pieces


def _joined(group: list[Block]) -> str:
    """The group's paragraphs one to a line, so a sentence ends with its paragraph (a
    headline, "Agenda", a numbered item); the bullets of a list introduced by a line
    ending in ":" go on that line ("Present: - Ana Ruiz - Tom Ellery"), one sentence."""
    text = group[0].text
    listing = False  # within a list that its introducing line runs on into
    for block in group[1:]:
        bullet = bool(_BULLET.match(block.text))
        listing = bullet and (listing or text.rstrip().endswith(":"))
        text += (" " if listing else "\n") + block.text
    return text


def _with_text(block: Block, text: str) -> Block:
    return Block(text, block.location, block.heading, block.speaker)


def _span(first: str, last: str) -> str:
    """A location range: "¶3" or "¶3–4"."""
    if first == last:
        return first
    if first.startswith("¶") and last.startswith("¶"):
        return f"{first}–{last[1:]}"
    return f"{first}–{last}"
