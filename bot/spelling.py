"""Mistyped question words, read as the documents' spelling of them.

"Who won the dreging contarct?" shares no term with minutes that say "dredging
contract". A question word that no passage holds and that is not an English word
(pyspellchecker's dictionary) is taken for a typo of the word one edit away that
the most passages hold, and replaced by it. English words are left alone: "mayor"
is not a typo of "major", and a question about something the documents never
mention must still be declined. (Preferring the commoner English word among the
candidates, or leaving a typo alone when a commoner English word the documents lack
is one edit away, both lost more than they saved on the typo benchmark,
bench/typos.py: "contarct" is one edit from "contact" too.)
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from spellchecker import SpellChecker

from bot.analysis import words
from bot.index import Index, index_text

MIN_LENGTH = 4  # shorter words have too many neighbours one edit away to guess from
MAX_LENGTH = 24  # longer "words" are no typo; each costs about 54 × its length variants
MAX_UNKNOWN = 5  # unknown words tried a question: a pasted screed must not cost seconds
SAID_SCAN = 100  # passages holding a term read for the words the documents write for it

_lock = threading.Lock()
_english: SpellChecker | None = None


def dictionary() -> SpellChecker:
    """The English dictionary, loaded on first use (about 0.2 s) and shared."""
    global _english
    with _lock:
        if _english is None:
            _english = SpellChecker(distance=1)
        return _english


@dataclass(frozen=True, slots=True)
class Correction:
    """A mistyped word, the documents' word read for it, and that word's term."""

    typed: str
    meant: str
    term: str


def corrections(question: str, index: Index) -> dict[str, Correction]:
    """Each mistyped term of `question` and how the documents spell what it stands for."""
    analyser = index.analyser
    found: dict[str, Correction] = {}
    tried = 0
    for typed, word in _candidates(question):
        term = analyser.term(word)
        if term is None or term in found or index.document_frequency(term) > 0:
            continue
        tried += 1
        if tried > MAX_UNKNOWN:
            break
        english = dictionary()
        if english.known([word]):
            continue
        by_term: dict[str, list[str]] = {}
        for variant in english.edit_distance_1(word):
            fixed = analyser.term(variant)
            if fixed is not None and fixed != term and index.document_frequency(fixed) > 0:
                by_term.setdefault(fixed, []).append(variant)
        # The term most passages hold, then alphabetical: deterministic. Read as an English
        # word of that term ("councils", not "council's"), else as a word the documents write
        # for it near what was typed (a name, "programme"): "wellbeing" is one edit from
        # "welleing", which stems to the documents' "well", but nobody writes that.
        for fixed in sorted(by_term, key=lambda t: (-index.document_frequency(t), t)):
            english_ones = [v for v in by_term[fixed] if english.known([v])]
            shown = (
                min(english_ones, key=lambda v: ("'" in v, v))
                if english_ones
                else _written_near(word, fixed, index)
            )
            if shown is not None:
                found[term] = Correction(typed, shown, fixed)
                break
    return found


def _written_near(word: str, term: str, index: Index) -> str | None:
    """The word of `term` the documents write that is nearest `word`, if two edits or fewer
    away (read in passages holding the term, their headings and speakers too)."""
    best: tuple[int, str, str] | None = None  # edits, the word folded, as first written
    seen: set[str] = set()
    for passage in index.holding(term, SAID_SCAN):
        for written in words(index_text(passage)):
            folded = written.casefold()
            if folded in seen:
                continue
            seen.add(folded)
            if index.analyser.term(folded) == term:
                distance = _edits(word, folded, 2)
                if distance <= 2 and (best is None or (distance, folded) < best[:2]):
                    best = (distance, folded, written)
    return best[2] if best else None


def _edits(a: str, b: str, most: int) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) from `a` to `b`, or `most` + 1
    once there must be more."""
    if abs(len(a) - len(b)) > most:
        return most + 1
    previous: list[int] | None = None
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        before, previous, row = previous, row, [i] + [0] * len(b)
        for j, y in enumerate(b, start=1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (x != y))
            if before is not None and j > 1 and x == b[j - 2] and a[i - 2] == y:
                row[j] = min(row[j], before[j - 2] + 1)
        if min(row) > most:
            return most + 1
    return row[-1]


def _candidates(question: str) -> Iterable[tuple[str, str]]:
    """The question's words that could be typos, as typed and case-folded: long enough,
    letters only, not in capitals ("UNDP" is no typo of the documents' "UNEP")."""
    for word in words(question):
        folded = word.casefold()
        if MIN_LENGTH <= len(folded) <= MAX_LENGTH and folded.isalpha() and not word.isupper():
            yield word, folded
