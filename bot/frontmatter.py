"""YAML front matter, read safely: no tags, no aliases, bounded size, whitelisted keys.

`yaml.safe_load` already refuses `!!python/...` tags, but it expands alias bombs
(a few hundred bytes that grow to hundreds of millions of nodes) and raises
`ValueError` rather than `YAMLError` on dates such as 2024-01-00. Front matter
is metadata for citations, so a bad block is dropped with a warning and the body
is still indexed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import yaml

from bot.reading import iso_date

MAX_FRONT_MATTER = 8 * 1024  # bytes of YAML; real front matter is a few lines
MAX_VALUE = 256  # characters kept per metadata value

# Key in the file -> field of Document. Other keys are allowed and ignored.
KEYS = {
    "title": "title",
    "date": "date",
    "url": "url",
    "source": "url",
    "link": "url",
    "meeting": "meeting",
    "place": "place",
    "location": "place",
    "organisation": "organisation",
    "organization": "organisation",
}


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases, the only way YAML can expand exponentially."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "aliases are not allowed in front matter", event.start_mark
            )
        return super().compose_node(parent, index)


# Lines of metadata: "key: value" with a one-word key, or indented, a list item or a comment.
_FIELD_LINES = re.compile(r"(?:(?:[A-Za-z_][\w-]*:(?:[ \t][^\n]*)?|[ \t#-][^\n]*)?\n)*")
_REFUSED = (
    yaml.constructor.ConstructorError,
    yaml.composer.ComposerError,
    ValueError,
    TypeError,
    OverflowError,
    RecursionError,
)


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """Metadata read from the head of a file, and the body that follows it."""

    fields: dict[str, str]
    body: str
    warnings: tuple[str, ...] = ()


def split_front_matter(text: str) -> FrontMatter:
    """Separate a leading `---` YAML block from the body; never raises on bad YAML."""
    if not text.startswith("---"):
        return FrontMatter({}, text)
    first_newline = text.find("\n")
    if first_newline < 0 or text[:first_newline].strip() != "---":
        return FrontMatter({}, text)
    end = _closing_fence(text, first_newline + 1)
    if end is None:
        return FrontMatter({}, text, ("front matter not closed within 8 KiB; read as text",))
    yaml_text = text[first_newline + 1 : end[0]]
    body = text[end[1] :]
    # A block that is not YAML, or no mapping, is the file's own text between two rules
    # ("---\nThe council approved …\n---"): kept, with the closing rule a paragraph break.
    as_text = f"{yaml_text}\n{body}"
    try:
        data = yaml.load(yaml_text, Loader=_NoAliasLoader)
    except _REFUSED as exc:  # metadata, refused (a tag, an alias, a date that is none)
        return FrontMatter({}, body, (f"front matter ignored: {_first_line(exc)}",))
    except yaml.YAMLError as exc:  # metadata mistyped ("title: Budget: review"), or prose
        if _FIELD_LINES.fullmatch(yaml_text):
            return FrontMatter({}, body, (f"front matter ignored: {_first_line(exc)}",))
        return FrontMatter({}, as_text, (f"front matter read as text: {_first_line(exc)}",))
    if data is None:
        return FrontMatter({}, body)
    if not isinstance(data, dict):
        return FrontMatter({}, as_text, ("front matter read as text: not a mapping of keys",))
    fields: dict[str, str] = {}
    warnings: list[str] = []
    for key, value in data.items():
        name = KEYS.get(str(key).strip().lower())
        if name is None or name in fields:
            continue
        text_value = _as_text(value)
        day = iso_date(text_value) if name == "date" else None
        if text_value is None:
            warnings.append(f"front matter key {key!r} ignored: not a single value")
        elif name == "date" and text_value and day is None:  # "Jan 10, 2026" sorts wrongly
            warnings.append(f"front matter date {text_value!r} ignored: not a YYYY-MM-DD date")
        elif text_value:
            fields[name] = day or text_value
    return FrontMatter(fields, body, tuple(warnings))


def _closing_fence(text: str, start: int) -> tuple[int, int] | None:
    """Find the line `---` (or `...`) that ends the block: (start, end of that line)."""
    pos = start
    limit = min(len(text), start + MAX_FRONT_MATTER)
    while pos <= limit:
        newline = text.find("\n", pos)
        line_end = len(text) if newline < 0 else newline
        if text[pos:line_end].strip() in ("---", "..."):
            return pos, (line_end + 1 if newline >= 0 else line_end)
        if newline < 0:
            return None
        pos = newline + 1
    return None


def _as_text(value: object) -> str | None:
    """A scalar as one clean line of at most MAX_VALUE characters; None for lists and maps."""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, dict, set, tuple)):
        return None
    if value is None:
        return ""
    text = " ".join(str(value).split())
    return text[:MAX_VALUE]


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
