"""Other ways the documents may say a question's words, found in the documents themselves.

Two kinds: the documents' spelling of a mistyped word ("dreging" is read as
"dredging"), and acronyms the documents define ("PPSTI" for "Policy Partnership
on Science, Technology and Innovation", either way round). An acronym is a `Link`
from the question's terms to the terms that stand for them: searched for
alongside the question, and counted as covering those terms when a passage holds
them as the phrase they are.

A hand-written table of general meeting paraphrases ("turned down" for "rejected")
was tried the same way and dropped: it helped the development set a little and the
held-out set not at all, and it made the bot answer more questions it should decline.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.acronyms import Acronyms, contains
from bot.analysis import words
from bot.index import Index, index_text
from bot.spelling import corrections, dictionary

_acronyms: weakref.WeakKeyDictionary[Index, Acronyms] = weakref.WeakKeyDictionary()
_reading: weakref.WeakKeyDictionary[Index, threading.Lock] = weakref.WeakKeyDictionary()
_guard = threading.Lock()  # held only to look up or store, never while reading


@dataclass(frozen=True, slots=True)
class Link:
    """Terms of a question, and other terms that say the same."""

    said: frozenset[str]
    instead: tuple[str, ...]  # in order: a long form counts only as the phrase it is

    def found_in(self, terms: Sequence[str]) -> bool:
        """Whether `terms` (a text's, in order) hold the other terms one after another."""
        return contains(terms, self.instead)


def acronyms_of(index: Index) -> Acronyms:
    """The acronyms `index`'s passages define, read once per index (0.26 s at 100k passages:
    `prepare` reads them after a build). A question asked meanwhile waits for that reading;
    questions on another index do not."""
    with _guard:
        table = _acronyms.get(index)
        lock = _reading.setdefault(index, threading.Lock()) if table is None else None
    if table is not None:
        return table
    assert lock is not None
    with lock:
        with _guard:
            table = _acronyms.get(index)
        if table is None:
            table = Acronyms((index_text(p) for p in index.passages), index.analyser)
            with _guard:
                _acronyms[index] = table
        return table


def prepare(index: Index) -> None:
    """Read `index`'s acronyms and load the spelling dictionary (about 0.5 s together at
    100k passages), so that the first question does not."""
    acronyms_of(index)
    dictionary()


@dataclass(frozen=True, slots=True)
class Reading:
    """A question as the documents would say it: its terms, its acronyms' links, and the
    typos read as other words (typed, read as), which the reply owns up to."""

    terms: list[str]
    links: list[Link]
    read_as: tuple[tuple[str, str], ...] = ()


def read_question(question: str, terms: Sequence[str], index: Index) -> Reading:
    """The question's analysed `terms` with typos read as the documents spell them, and the
    links of the acronyms it uses. A corrected term replaces the typo outright: a typo is
    in no passage, so as a term of its own it would weigh more than any word the user meant.
    A short form that is also an English word counts only as the documents write it:
    "GAIN" is an acronym, "gain" is not."""
    fixed = corrections(question, index)
    terms = [fixed[term].term if term in fixed else term for term in terms]
    typed = set(words(question))
    links = []
    for acronym in acronyms_of(index).in_question(terms):
        if acronym.short not in terms:
            links.append(Link(frozenset(acronym.long), (acronym.short,)))
        elif acronym.written in typed or not dictionary().known([acronym.written.lower()]):
            links.append(Link(frozenset([acronym.short]), acronym.long))
    read_as = tuple((c.typed, c.meant) for c in fixed.values())
    return Reading(terms, links, read_as)


def marked(terms: Iterable[str], links: Sequence[Link]) -> set[str]:
    """The terms to show in bold: the question's, and a short form standing for its long form
    (the long form's words alone are common words, bold wherever they stand)."""
    return set(terms).union(*(link.instead for link in links if len(link.instead) == 1))


def covered(found: Sequence[str], links: Sequence[Link]) -> set[str]:
    """The terms `found` (a text's, in order), plus the question's terms they stand for."""
    terms = set(found)
    for link in links:
        if not link.said <= terms and link.found_in(found):
            terms |= link.said
    return terms


def weighted_query(terms: Sequence[str], links: Sequence[Link]) -> tuple[list[str], list[float]]:
    """The question's terms (weight 1 each) and the terms each link adds, which together
    weigh as one question term: "PPSTI" adds five terms of a fifth each."""
    weights = dict.fromkeys(terms, 0.0)
    for term in terms:
        weights[term] += 1.0
    for link in links:
        extra = [term for term in dict.fromkeys(link.instead) if term not in weights]
        for term in extra:
            weights[term] = 1.0 / len(extra)
    return list(weights), list(weights.values())
