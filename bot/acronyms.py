"""Acronyms the documents define, so a question may use either form.

Meeting documents spell a body out once, "Policy Partnership on Science, Technology
and Innovation (PPSTI)", and use the short form after; people ask with whichever
they remember. Definitions are read off the text itself, never from a list: a
parenthesised capitalised word whose capitals are the initials of the words before
it (or a capitalised word followed by the words it stands for in parentheses),
with small words such as "on" and "and" allowed between. The only ones not read off the
text are the few that name a meeting ("AGM", "EGM"): people ask "when is
the AGM?" of minutes that only ever say "the annual general meeting".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from bot.analysis import Analyser

# "(PPSTI)", "(APEC)", "(MoU)", "(SMEs)": two to ten letters, at least two capitals.
_SHORT_AFTER = re.compile(r"\(\s*([A-Z][A-Za-z&]{1,9})\s*\)")
# "PPSTI (Policy Partnership on …)": the short form first.
_SHORT_BEFORE = re.compile(r"\b([A-Z][A-Za-z&]{1,9})\s*\(([^()]{3,160})\)")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # "medium-sized" is one word or two
_SMALL = frozenset("a an and at by for in of on or the to with &".split())
_SENTENCE_END = re.compile(r"[.;:!?]\s|\n")
# What meetings are called for short, whether or not their documents define it.
MEETING_ACRONYMS = (
    ("AGM", "annual general meeting"),
    ("EGM", "extraordinary general meeting"),
    ("SGM", "special general meeting"),
)
LOOK_BACK = 300  # characters before "(" that may hold the long form (16 words are used at most)


@dataclass(frozen=True, slots=True)
class Acronym:
    """A short form and the analysed terms of what it stands for, in order."""

    short: str  # the short form's term ("ppsti")
    long: tuple[str, ...]  # ("polici", "partnership", "scienc", "technolog", "innov")
    written: str  # the short form as the documents write it ("PPSTI")


def _letters(short: str) -> str:
    """The letters a short form abbreviates: its capitals ("MoU" -> "mu", "SMEs" -> "sme")."""
    return "".join(c for c in short if c.isupper()).lower()


def _expansion(letters: str, words: list[str], from_end: bool) -> list[str] | None:
    """The run of `words` (ending at the last word, or starting at the first) whose initials
    are `letters`, small words allowed between; None if there is none. A small word is
    skipped rather than used as an initial when both work: "Treaty on the Functioning of
    the European Union (TFEU)", "Ministry of Agriculture and Fisheries (MAF)"."""
    ordered = list(reversed(words)) if from_end else words
    wanted = letters[::-1] if from_end else letters

    @cache  # each (word, letter) once: without it, runs of small words branch exponentially
    def match(word: int, letter: int) -> int | None:
        """How many words the run takes from `word` on, once `letter` is matched."""
        if letter == len(wanted):
            return word
        if word == len(ordered):
            return None
        small = ordered[word].lower() in _SMALL
        if small and letter > 0:  # skip it; a run never starts with a small word skipped
            found = match(word + 1, letter)
            if found is not None:
                return found
        if ordered[word][0].lower() == wanted[letter]:
            return match(word + 1, letter + 1)
        return None

    used = match(0, 0)
    if used is None:
        return None
    run = ordered[:used]
    return list(reversed(run)) if from_end else run


def _split(words: list[str]) -> list[str]:
    """Hyphenated words as their parts: "Asia-Pacific" abbreviates to "AP"."""
    return [part for word in words for part in word.split("-")]


def definitions(text: str) -> Iterator[tuple[str, str]]:
    """(short form, what it stands for) for each acronym `text` defines."""
    for found in _SHORT_AFTER.finditer(text):
        short = found.group(1)
        letters = _letters(short)
        if len(letters) < 2:
            continue
        before = text[max(0, found.start() - LOOK_BACK) : found.start()]
        ends = list(_SENTENCE_END.finditer(before))
        clause = before[ends[-1].end() :] if ends else before
        words = _WORD.findall(clause)[-(len(letters) + 6) :]
        run = _expansion(letters, _split(words), True) or _expansion(letters, words, True)
        if run:
            yield short, " ".join(run)
    for found in _SHORT_BEFORE.finditer(text):
        short, inside = found.group(1), found.group(2)
        letters = _letters(short)
        if len(letters) < 2 or not short.isupper():
            continue
        for words in (_split(_WORD.findall(inside)), _WORD.findall(inside)):
            run = _expansion(letters, words, from_end=False)
            if run and len(run) >= len(words) - 1:  # the parentheses hold just the long form
                yield short, " ".join(run)
                break


class Acronyms:
    """The acronyms of a set of texts, each with the definition given most often."""

    def __init__(self, texts: Iterable[str], analyser: Analyser) -> None:
        counts: Counter[tuple[str, tuple[str, ...], str]] = Counter()
        for text in texts:
            if "(" not in text:
                continue  # most passages define nothing: skip the patterns
            for short_form, long_form in definitions(text):
                terms = analyser.terms(short_form)
                expansion = tuple(analyser.terms(long_form))
                if len(terms) == 1 and len(terms[0]) >= 2 and len(expansion) >= 2:
                    counts[(terms[0], expansion, short_form)] += 1
        best: dict[str, tuple[int, Acronym]] = {}
        for (short, expansion, written), count in counts.items():
            if short not in best or count > best[short][0]:  # ties: the first defined
                best[short] = (count, Acronym(short, expansion, written))
        for written, long_form in MEETING_ACRONYMS:  # the documents' own definition first
            short, expansion = analyser.terms(written)[0], tuple(analyser.terms(long_form))
            best.setdefault(short, (0, Acronym(short, expansion, written)))
        self.by_short: dict[str, Acronym] = {s: acronym for s, (_, acronym) in best.items()}
        self._by_first: dict[str, list[Acronym]] = {}
        for acronym in self.by_short.values():
            self._by_first.setdefault(acronym.long[0], []).append(acronym)

    def __len__(self) -> int:
        return len(self.by_short)

    def in_question(self, terms: list[str]) -> list[Acronym]:
        """The acronyms a question's terms use, by either form."""
        found = {t: self.by_short[t] for t in terms if t in self.by_short}
        for term in dict.fromkeys(terms):
            for acronym in self._by_first.get(term, ()):
                if contains(terms, acronym.long):
                    found.setdefault(acronym.short, acronym)
        return list(found.values())


def contains(terms: Sequence[str], run: Sequence[str]) -> bool:
    """Whether `run` occurs in `terms` as consecutive terms."""
    size = len(run)
    if size == 1:
        return run[0] in terms
    return any(tuple(terms[i : i + size]) == run for i in range(len(terms) - size + 1))
