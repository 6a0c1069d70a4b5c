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
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup
from bs4.dammit import UnicodeDammit
from bs4.element import NavigableString, PageElement, PreformattedString, Tag

from bot.formats.common import Extracted, build_document, meta_text, web_url
from bot.formats.isolation import run_isolated
from bot.models import Block, Document
from bot.reading import MAX_TEXT_BYTES, Outline, SkipFile, clean, iso_date, read_bytes

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
# Elements a browser shows apart from their neighbours but that do not end a paragraph here:
# their edges are word breaks. Other inline tags are not ("CO<sub>2</sub>" reads "CO2").
_SPACED = set(
    "br center dir frameset hgroup img legend listing menu noframes plaintext search xmp".split()
)
# An inline element's edge is a word break, as the text of pages laid out with elements side
# by side needs ("<label>Chair</label><span>Cllr Ruiz</span>", "<a>Home</a><a>News</a>"),
# but not before closing punctuation or after opening ("<em>Board</em>'s", "(<em>see</em>"),
# nor inside a word for subscripts ("CO<sub>2</sub>") and for superscripts that are part of
# it, an ordinal or a unit's power ("1<sup>st</sup>", "m<sup>2</sup>"); a note's number
# ("contract<sup>4</sup>", "2019<sup>1</sup>") stays apart. Edges are marked while the
# paragraph is read, and judged once it is whole.
_EDGE, _SUB, _SUP, _SUP_END = "\x01", "\x02", "\x03", "\x04"  # clean() drops these from pages
_EDGES = re.compile("[\x01-\x04]+")
_UNIT = re.compile(r"(?:^|\W|\d)(?:m|cm|mm|km|ft|yd|mi|s)$")  # squared, cubed, per second²
_CLOSING = set(".,;:!?%)]}'’”»")
_OPENING = set("([{‘“«£$€#@/")
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
    text = _read(first.get("main") or first.get("body") or soup)
    date = _first(iso_date, _meta(metas, _DATE_NAMES | {"article:published_time"}))
    date = date or _first(
        iso_date, (_attribute(t, "datetime") for t in _dating(times, first.get("main")))
    )
    url = _first(web_url, _canonical(links)) or _first(web_url, _meta(metas, {"og:url"}))
    return Extracted(tuple(text.blocks), title or text.first_h1, date, url, notes)


@dataclass(slots=True)
class _Text:
    """The blocks of one walk, built as it goes, and the paragraph being read."""

    outline: Outline = field(default_factory=Outline)
    first_h1: str | None = None
    pieces: list[str] = field(default_factory=list)  # the paragraph being read

    @property
    def blocks(self) -> list[Block]:
        return self.outline.blocks

    def edge(self, tag: Tag, opening: bool) -> None:
        """Where an element starts or ends: a paragraph's end, a word break, or (inline) a
        mark judged when the paragraph ends (see _EDGE)."""
        if tag.name in _BLOCKS:
            self.flush()
        elif tag.name in _SPACED:
            self.pieces.append(" ")
        elif tag.name == "sub":
            self.pieces.append(_SUB)
        elif tag.name == "sup":
            self.pieces.append(_SUP if opening else _SUP_END)
        elif tag.name != "wbr":  # a place a long word may wrap, no break
            self.pieces.append(_EDGE)

    def flush(self) -> None:
        """End the paragraph: its pieces join as written, edges are judged, whitespace is
        collapsed."""
        joined = "".join(self.pieces)
        text = " ".join(_EDGES.sub(lambda m: _edge_as(m, joined), joined).split())
        self.pieces.clear()
        if text:
            self.outline.text(text)

    def head(self, level: int, text: str) -> None:
        self.flush()
        label = meta_text(text)
        self.outline.head(level, text, label)
        if level == 1 and self.first_h1 is None:
            self.first_h1 = label

    def finish(self) -> None:
        self.flush()
        self.outline.finish()


def _read(root: Tag, *, outline: bool = True) -> _Text:
    """Walk the tree in document order without recursion (nesting depth is unbounded).

    With `outline`, headings are not text but the `heading` of the blocks after them.
    """
    text = _Text()
    stack: list[tuple[Tag, Iterator[PageElement]]] = [(root, iter(root.children))]
    while stack:
        tag, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            text.edge(tag, opening=False)
        elif isinstance(child, NavigableString):
            if not isinstance(child, PreformattedString):
                text.pieces.append(str(child))
        elif isinstance(child, Tag):
            if child.name in _DROPPED:
                text.pieces.append(" ")  # a menu, a button, a picture: shown apart
                continue
            if outline and child.name in _HEADINGS:
                inner = _read(child, outline=False)
                text.head(int(child.name[1]), " ".join(block.text for block in inner.blocks))
                continue
            text.edge(child, opening=True)
            stack.append((child, iter(child.children)))
    text.finish()
    return text


def _edge_as(edges: re.Match[str], text: str) -> str:
    """What a run of element edges reads as: a space, or nothing (see _EDGE)."""
    before = text[edges.start() - 1] if edges.start() else " "
    after = text[edges.end()] if edges.end() < len(text) else " "
    if _EDGE in edges[0]:
        return "" if after in _CLOSING or before in _OPENING else " "
    if _SUB in edges[0]:
        return ""
    if _SUP not in edges[0]:  # a superscript's end: apart from a word after it ("¹Minutes")
        return " " if after.isalnum() else ""
    ordinal = before.isdigit() and after.isalpha()
    power = after.isdigit() and _UNIT.search(text, 0, edges.start()) is not None
    return "" if ordinal or power else " "


def _dating(times: list[Tag], main: Tag | None) -> list[Tag]:
    """The <time> elements that may date the page, in page order but for articles beside the
    main text (related news), which come last; never a menu's, nor a sidebar's, site
    header's or footer's outside the main text and any article."""
    kept = [
        t
        for t in times
        if t.find_parent(["nav", "menu"]) is None
        and not (
            _outside(t, "article")
            and _outside(t, "main")
            and t.find_parent(["aside", "header", "footer"]) is not None
        )
    ]
    if main is None:
        return kept
    return sorted(kept, key=lambda t: not _outside(t, "article") and _outside(t, "main"))


def _outside(tag: Tag, name: str) -> bool:
    return tag.find_parent(name) is None


def _text(element: Tag | None) -> str | None:
    """An element's text, leaving out comments and dropped elements inside it."""
    if element is None:
        return None
    return " ".join(block.text for block in _read(element, outline=False).blocks)


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
