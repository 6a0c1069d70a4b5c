"""How much of a question a passage or a sentence says: a share of the question's weight.

Each of the question's terms weighs its idf, so "What did the board decide about
dredging?" is mostly "dredging". A passage is cited only when it says enough of that
weight, and the sentences saying most of it are quoted. A text also says what its
context says for it, with care: the words naming its document ("Harwick planning
committee" for "Mr Kinross (Chair)"), its heading ("Apologies"), and its speaker.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from bot.alternatives import Link, covered
from bot.answer_kinds import Wanted, document_names
from bot.index import Index
from bot.models import Passage

TYPE_BONUS = 0.15  # share of the question's weight a sentence of the expected kind gains
CONTEXT_SHARE = 0.5  # how much a sentence's heading and document count as its own words
TYPE_SLACK = 0.1  # how much less of the question a passage holding that kind may cover
SLACK_KINDS = ("date", "person", "vote", "organisation", "place", "reason")
# not "number": nearly every passage holds one; not "decision": nearly every minute does
OWN_MIN = 0.4  # share a passage must cover on its own before its context counts


class Coverage:
    """The share of one question's weight that texts say, over one index."""

    def __init__(
        self,
        index: Index,
        terms: Sequence[str],
        links: Sequence[Link] = (),
        want: Wanted | None = None,
    ) -> None:
        self.index = index
        self.analyser = index.analyser
        self.weights = {t: index.weight(t) for t in set(terms)}
        self.total = math.fsum(self.weights.values()) or 1.0  # no terms: nothing is said
        self.links = links  # "PPSTI" says "Policy Partnership on …" and the other way round
        self.want = want
        self._names: dict[str, list[str]] = {}

    def of(self, found: Sequence[str]) -> float:
        """The share the terms `found` (a text's, in order) say, with what they stand for."""
        return self.of_said(covered(found, self.links))

    def of_said(self, said: AbstractSet[str]) -> float:
        """The share of the question's terms in `said`."""
        return math.fsum(self.weights[t] for t in said & self.weights.keys()) / self.total

    def of_text(self, text: str) -> float:
        """The share a text says."""
        return self.of(self.analyser.terms(text))

    def named_by(self, passage: Passage) -> list[str]:
        """The terms of its document's title, meeting, organisation and month."""
        path = passage.document.path
        if path not in self._names:
            self._names[path] = self.analyser.terms(document_names(passage.document))
        return self._names[path]

    def said_in(self, passage: Passage) -> set[str]:
        """The question's terms a passage says, its heading and document's names included."""
        said = covered(list(self.index.passage_terms(passage)) + self.context(passage), self.links)
        return set(said) & self.weights.keys()

    def context(self, passage: Passage) -> list[str]:
        """Its heading's terms and those naming its document."""
        return self.analyser.terms(passage.heading or "") + self.named_by(passage)

    def enough(self, passage: Passage, min_coverage: float) -> bool:
        """Whether `passage` says enough of the question to be cited; holding the kind of
        answer asked for (a date for "When …?"), a little less is enough. One word of a
        question of several is not enough, however rare, where its document says none of
        the others ("money" of "Where's the money for the tram coming from?" in allotment
        minutes' "… receive any money back"; but "The pontoon will be fixed in June" may
        answer "When will the pontoon be repaired?" in minutes that say "repairs")."""
        want = self.want
        typed = (
            want is not None
            and want.kind in SLACK_KINDS
            and want.held_by(passage.text, self.analyser)
        )
        if self.of_passage(passage) < min_coverage - (TYPE_SLACK if typed else 0.0):
            return False
        return len(self.weights) < 2 or not self._off_topic(passage)

    def _off_topic(self, passage: Passage) -> bool:
        """Whether `passage` says one of the question's terms and its document none of the
        others."""
        said = self.said_in(passage)
        if len(said) != 1:
            return not said
        path = [passage.document.path]
        return not any(self.index.mentions(t, path) for t in self.weights.keys() - said)

    def of_passage(self, passage: Passage) -> float:
        """Its own words, and its heading's and document's once it says enough itself: a
        share of the question, or every word of it but those naming its document, with the
        kind of answer asked for ("Who chairs the health board's finance committee?" from
        "Mr Kinross (Chair)")."""
        own = list(self.index.passage_terms(passage))  # read already by feedback and phrases
        alone = self.of(own)
        if alone >= OWN_MIN or self._says_the_rest(passage, own):
            return self.of(own + self.context(passage))
        return alone

    def _says_the_rest(self, passage: Passage, own: list[str]) -> bool:
        named = set(covered(self.named_by(passage), self.links)) & self.weights.keys()
        rest = self.weights.keys() - named
        return (
            bool(named and rest)
            and rest <= set(covered(own, self.links))
            and (self.want is None or self.want.held_by(passage.text, self.analyser))
        )

    def of_sentence(
        self, found: list[str], text: str, speaker: list[str], around: list[str], named: list[str]
    ) -> float:
        """A sentence's share, its speaker's name counting as its words ("…," she said).

        A sentence saying some of the question's words says the words naming its document
        as much as any of the document's sentences ("Mr Kinross (Chair)" for "Who chairs the
        Harwick planning committee?"), and its heading places it in part ("Apologies"
        `around` it); holding the kind of answer asked for adds a bonus.
        """
        attributed = self.of(found + speaker)
        if frozenset(found) & self.weights.keys():
            attributed = self.of(found + speaker + named)
            attributed += CONTEXT_SHARE * (self.of(found + speaker + around) - attributed)
        if self.want and self.want.held_by(text, self.analyser):
            attributed += TYPE_BONUS
        return attributed
