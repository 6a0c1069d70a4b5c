"""Discord markdown and mention escaping, applied exactly once, at render time.

The index keeps raw text. The renderer escapes every value it prints, so a
document containing `**`, `[link](…)`, `<@&123>` or `@everyone` shows literally.
`AllowedMentions.none()` on every message is the real guard against pings; this
is what keeps the text looking right and the template's own layout intact.
"""

from __future__ import annotations

import re

ZWSP = "\u200b"
_INLINE = re.compile(r"([\\*_~`|\[\]<>#])")
# Discord only honours a backslash before punctuation, so a numbered list is
# broken by escaping its dot ("1\\. two"), not its digits.
_LINE_START = re.compile(r"^(\s*)(?:([-+])|(\d+)([.)]))", re.MULTILINE)
_BROADCAST = re.compile(r"@(everyone|here)")
_UNESCAPE = re.compile(r"\\([\\*_~`|\[\]<>#\-+.)])")


def escape(text: str) -> str:
    """Escape Discord markdown and mentions in untrusted text (one line or many)."""
    text = _INLINE.sub(r"\\\1", text)
    text = _LINE_START.sub(_escape_line_start, text)
    return _BROADCAST.sub("@" + ZWSP + r"\1", text)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, bullet, number, dot = match.groups()
    return f"{indent}\\{bullet}" if bullet else f"{indent}{number}\\{dot}"


def unescape(text: str) -> str:
    """Undo `escape` (for tests: what a reader sees is what the document said)."""
    text = text.replace("@" + ZWSP, "@")
    return _UNESCAPE.sub(r"\1", text)


def one_line(text: str) -> str:
    """Collapse whitespace so a value cannot start a new markdown line."""
    return " ".join(text.split())
