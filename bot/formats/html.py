"""HTML: the page's main text as paragraphs under its headings, with title, date and URL.

Decoding follows the page (a BOM, then `<meta charset>`, via bs4's UnicodeDammit).
Text that a reader never sees (scripts, styles, templates, comments) and page
furniture (navigation, header, footer, sidebars) is left out. Entities are
decoded here, so `&#64;everyone` is indexed as `@everyone`: escaping for Discord
is the renderer's job, done once at render time.

Parsing runs in the parser worker like PDF and DOCX: html.parser and bs4 are
pure Python, and 5 MB of nested tags costs seconds of CPU and hundreds of MB of
tree, which belong under the worker's timeout and memory cap, not in the bot.
The tree is read in one pass for metadata and walked once without recursion
for text, and never modified (detaching nested elements is quadratic in bs4).
"""

from __future__ import annotations

import codecs
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from bs4 import BeautifulSoup
from bs4.dammit import UnicodeDammit
from bs4.element import NavigableString, PageElement, PreformattedString, Tag

from bot.formats.common import Extracted, build_document, meta_text, web_url
from bot.formats.isolation import run_isolated
from bot.models import Block, Document
from bot.reading import MAX_TEXT_BYTES, SkipFile, clean, iso_date, read_bytes

_DROPPED = (
    "script style template noscript nav header footer aside "
    "svg math iframe object embed canvas select button"
).split()
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Elements whose start and end end a paragraph; everything else is inline.
_BLOCKS = set(
    "address article blockquote body caption dd details dialog div dl dt fieldset figcaption "
    "figure form hr li main ol p pre section summary table tbody td tfoot th thead tr ul".split()
)
_DATE_NAMES = {"date", "dc.date", "dcterms.date", "dcterms.created"}
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def extract_html(data: bytes) -> Extracted:
    """Paragraphs ("¶n") under their headings, and the stated metadata (runs in the worker)."""
    markup, notes = _decode(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # bs4 warns about markup that looks like a URL, etc.
            soup = BeautifulSoup(clean(markup), "html.parser")
        return _extract(soup, notes)
    except Exception as exc:
        raise SkipFile(f"invalid HTML ({type(exc).__name__})") from exc


def read_html(
    path: Path, rel: str, *, extract: Callable[[bytes], Extracted] = extract_html
) -> tuple[Document, tuple[str, ...]]:
    """Read an HTML page safely, parse it in the worker."""
    data = read_bytes(path, MAX_TEXT_BYTES)
    return build_document(path, rel, run_isolated(extract, data))


def _decode(data: bytes) -> tuple[str, tuple[str, ...]]:
    """Bytes to text as the page declares; NUL bytes without a BOM mean it is not text."""
    if not data.startswith(_BOMS) and b"\x00" in data[:8192]:
        raise SkipFile("binary data (not text)")
    dammit = UnicodeDammit(data, is_html=True)
    if dammit.unicode_markup is None:
        raise SkipFile("could not decode the text")
    if dammit.contains_replacement_characters:
        return dammit.unicode_markup, ("some characters could not be decoded",)
    return dammit.unicode_markup, ()


def _extract(soup: BeautifulSoup, notes: tuple[str, ...]) -> Extracted:
    """Metadata from one pass over the tree, then the text of <main>, else <body>."""
    first: dict[str, Tag] = {}
    metas: list[Tag] = []
    links: list[Tag] = []
    times: list[Tag] = []
    for element in soup.descendants:
        if isinstance(element, Tag):
            if element.name == "meta":
                metas.append(element)
            elif element.name == "link":
                links.append(element)
            elif element.name == "time":
                times.append(element)
            elif element.name in ("title", "main", "body"):
                first.setdefault(element.name, element)
    title = meta_text(_text(first.get("title"))) or _first(meta_text, _meta(metas, {"og:title"}))
    date = _first(iso_date, _meta(metas, _DATE_NAMES | {"article:published_time"}))
    date = date or _first(iso_date, (_attribute(t, "datetime") for t in times))
    url = _first(web_url, _canonical(links)) or _first(web_url, _meta(metas, {"og:url"}))
    blocks, first_h1 = _blocks(first.get("main") or first.get("body") or soup)
    return Extracted(tuple(blocks), title or first_h1, date, url, notes)


def _blocks(root: Tag, *, outline: bool = True) -> tuple[list[Block], str | None]:
    """Walk the tree in document order without recursion (nesting depth is unbounded).

    With `outline`, headings are not text but the `heading` of the blocks after them.
    """
    blocks: list[Block] = []
    heading: str | None = None
    first_h1: str | None = None
    pending: list[str] = []

    def flush() -> None:
        text = " ".join(" ".join(pending).split())
        pending.clear()
        if text:
            blocks.append(Block(text, f"¶{len(blocks) + 1}", heading))

    stack: list[tuple[Tag, Iterator[PageElement]]] = [(root, iter(root.children))]
    while stack:
        tag, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if tag.name in _BLOCKS:
                flush()
        elif isinstance(child, NavigableString):
            if not isinstance(child, PreformattedString):
                pending.append(str(child))
        elif isinstance(child, Tag):
            if child.name in _DROPPED:
                continue
            if outline and child.name in _HEADINGS:
                flush()
                heading = meta_text(_text(child))
                if child.name == "h1" and first_h1 is None:
                    first_h1 = heading
                continue
            if child.name in _BLOCKS:
                flush()
            elif child.name == "br":
                pending.append(" ")
            stack.append((child, iter(child.children)))
    flush()
    return blocks, first_h1


def _text(element: Tag | None) -> str | None:
    """An element's text, leaving out comments and dropped elements inside it."""
    if element is None:
        return None
    blocks, _ = _blocks(element, outline=False)
    return " ".join(block.text for block in blocks)


def _attribute(tag: Tag, name: str) -> str | None:
    value = tag.get(name)
    if value is None:
        return None
    return value if isinstance(value, str) else " ".join(value)


def _first(valid: Callable[[object], str | None], values: Iterable[str | None]) -> str | None:
    """The first of `values` that is valid (a page may state a date or title several times)."""
    for value in values:
        checked = valid(value)
        if checked:
            return checked
    return None


def _meta(metas: list[Tag], names: set[str]) -> Iterator[str | None]:
    """The contents of <meta name=…> or <meta property=…> tags whose key is in `names`."""
    for tag in metas:
        key = _attribute(tag, "name") or _attribute(tag, "property") or ""
        if key.strip().lower() in names:
            yield _attribute(tag, "content")


def _canonical(links: list[Tag]) -> Iterator[str | None]:
    for tag in links:
        if "canonical" in (_attribute(tag, "rel") or "").lower().split():
            yield _attribute(tag, "href")
