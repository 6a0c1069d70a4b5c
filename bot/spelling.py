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
from bot.index import Index

MIN_LENGTH = 4  # shorter words have too many neighbours one edit away to guess from
MAX_LENGTH = 24  # longer "words" are no typo; each costs about 54 × its length variants
MAX_UNKNOWN = 5  # unknown words tried a question: a pasted screed must not cost seconds
SAID_SCAN = 50  # passages holding a term read for whether the documents write a variant

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
        # The term most passages hold, then alphabetical: deterministic. A variant must be a
        # word, English or the documents': "welleing" stems to "well" but is neither.
        for fixed in sorted(by_term, key=lambda t: (-index.document_frequency(t), t)):
            real = [v for v in by_term[fixed] if english.known([v]) or _said(v, fixed, index)]
            if real:  # shown as a plain English word where there is one ("councils")
                shown = min(real, key=lambda v: ("'" in v, not english.known([v]), v))
                found[term] = Correction(typed, shown, fixed)
                break
    return found


def _said(word: str, term: str, index: Index) -> bool:
    """Whether the documents write `word`, or it with an ending ("emphasise" in
    "emphasised"), as a word of `term`: read in passages holding the term."""
    for passage in index.holding(term, SAID_SCAN):
        for written in words(passage.text):
            folded = written.casefold()
            if folded.startswith(word) and index.analyser.term(folded) == term:
                return True
    return False


def _candidates(question: str) -> Iterable[tuple[str, str]]:
    """The question's words that could be typos, as typed and case-folded: long enough,
    letters only, not in capitals ("UNDP" is no typo of the documents' "UNEP")."""
    for word in words(question):
        folded = word.casefold()
        if MIN_LENGTH <= len(folded) <= MAX_LENGTH and folded.isalpha() and not word.isupper():
            yield word, folded
