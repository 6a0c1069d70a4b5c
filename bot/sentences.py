"""Sentence boundaries in meeting prose, so answers quote whole sentences verbatim.

A sentence ends at `.`, `!` or `?` (and any closing quotes or brackets) followed
by a space and something that can start a sentence, or at a line's end, unless the word before the
full stop is a title or abbreviation ("Dr Park", "Mr. Smith", "Cllr. Ruiz", "e.g."),
initials ("J. Smith", "Mr A.B. Smith"), or the number of a list item ("3. The board awarded …").
"""

from __future__ import annotations

import re

# A sentence end, or the end of a line: a passage's paragraphs are its lines, and a
# headline or a dateline ends without a full stop. (The line end is looked for before the
# character behind it: most positions then fail at once.)
_BOUNDARY = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9À-ÖØ-Þ])|(?=[ \t]*\n)(?<=\S)""")
_LIST_NUMBER = re.compile(r"\d{1,2}\.(?=\s|$)")  # "3. The board awarded …": an item, not a sentence
_ABBREVIATIONS = frozenset(
    """
    dr mr mrs ms mx prof sr jr st mt no nos vs etc eg ie al fig approx dept est govt inc ltd co
    corp jan feb mar apr jun jul aug sep sept oct nov dec hon rev gen col lt sgt capt u.s u.k
    e.g i.e a.m p.m cllr coun insp supt rt messrs cttee para paras p pp ref vol cl
    """.split()
)
_INITIALS = re.compile(r"(?:[A-Z]\.)+[A-Z]")  # "A.B" of "Mr A.B. Smith", "J.R.R"
_TITLES = frozenset(
    """mr mrs ms mx dr prof professor sir dame lord lady cllr coun councillor rev revd canon
    capt captain insp inspector sgt sergeant supt superintendent judge mayor hon""".split()
)  # before initials: "Professor A.B. Hughes", "Insp. J.R. Moss"


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, whitespace between sentences excluded."""
    spans: list[tuple[int, int]] = []
    start = _skip_space(text, 0)
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if match.group().startswith(".") and (
            _is_abbreviation(text, match.start()) or _opens_item(text, start, end, spans)
        ):
            continue
        if end > start:
            spans.append((start, end))
        start = _skip_space(text, end)
    tail_end = len(text.rstrip())
    if tail_end > start:
        spans.append((start, tail_end))
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`, each exactly as written."""
    return [text[a:b] for a, b in sentence_spans(text)]


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at `dot` closes an abbreviation or an initial, not a sentence."""
    word_start = dot
    while (
        word_start > 0
        and not text[word_start - 1].isspace()
        and text[word_start - 1] not in "(\"'“‘"
    ):
        word_start -= 1
    word = text[word_start:dot]
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: "J. Smith"
    if _INITIALS.fullmatch(word):  # "Mr A.B. Smith"; not "… from the E.U. The council …"
        before = text[max(0, word_start - 12) : word_start].split()
        return bool(before) and before[-1].casefold().rstrip(".") in _TITLES
    return word.casefold().rstrip(".") in _ABBREVIATIONS


def _opens_item(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether text[start:end] is a list item's number ("3."): at the start of the text or
    of a line, or right after another item ("6. Break (11:30). 7. Pier 3 …"); not a count
    that answers the sentence before ("How many voted against? 3. The motion carried.")."""
    if not _LIST_NUMBER.fullmatch(text, start, end):
        return False
    if not spans or "\n" in text[spans[-1][1] : start]:
        return True
    return bool(_LIST_NUMBER.match(text, spans[-1][0]))


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos
