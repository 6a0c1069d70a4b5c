"""Pseudo-relevance feedback: widen a question with the words of its best passages.

Meeting questions are short and people say "the computer" where the minutes say
"the computing facility". A first search finds the passages most likely to be
relevant; the words they share most (weighted by their BM25 rank and rarity) are
added to the question with a smaller weight (in the manner of RM3), and a second
search ranks with both. Tuned on the QMSum train split (see bench/retrieval.py).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from bot.index import PLAIN, Index, Phrase, Ranking
from bot.models import Hit

RARE_ENOUGH = 100  # a word in at most this many passages is never too common to add


@dataclass(frozen=True, slots=True)
class Expansion:
    """How many passages feed back, how many words are added, and their share of the weight."""

    passages: int = 10
    terms: int = 40
    weight: float = 0.3  # share of the expanded question's weight given to the added words
    # Words in more than this share of the passages (and more than RARE_ENOUGH of them) are
    # not added: they say little (QMSum train nDCG@10 unchanged within 0.002) and their long
    # postings were most of a search's time at 100k passages.
    max_share: float = 0.2

    @property
    def enabled(self) -> bool:
        return self.passages > 0 and self.terms > 0 and self.weight > 0


def expanded_search(
    index: Index,
    terms: Sequence[str],
    k: int,
    documents: Collection[str] | None = None,
    expansion: Expansion | None = None,
    first: Sequence[Hit] | None = None,
    ranking: Ranking = PLAIN,
    speakers: Sequence[str] = (),
    boosts: Sequence[float] | None = None,
    phrases: Sequence[Phrase] = (),
) -> list[Hit]:
    """`index.search`, after widening `terms` with the words of the first results.

    `first`: the plain search's results when the caller has them already (at least
    `expansion.passages` of them), so they are not searched for twice. The words
    come from the plain search; `ranking`, `speakers` and `phrases` (the question's word
    pairs) apply to the expanded one. `boosts` weight `terms` (an acronym's long form
    weighs as one of the question's words).
    """
    expansion = expansion or Expansion()
    if first is None:
        first = index.search(terms, max(k, expansion.passages), documents, boosts)
    if not expansion.enabled or not first:
        return _final(index, terms, k, documents, boosts, ranking, speakers, phrases, first)
    original: defaultdict[str, float] = defaultdict(float)
    for term, boost in zip(terms, boosts or [1.0] * len(terms), strict=True):
        original[term] += boost
    top_score = first[0].score
    candidates: defaultdict[str, float] = defaultdict(float)
    for hit in first[: expansion.passages]:
        words = index.passage_terms(hit.passage)
        if not words:
            continue
        relevance = math.exp(min(0.0, hit.score - top_score))  # the best passage counts most
        for term, count in Counter(words).items():
            candidates[term] += relevance * count / len(words) * index.weight(term)
    ranked = sorted(candidates.items(), key=lambda item: -item[1])
    common = max(expansion.max_share * len(index), RARE_ENOUGH)
    added = [
        (t, v) for t, v in ranked if t not in original and index.document_frequency(t) <= common
    ][: expansion.terms]
    if not added:
        return _final(index, terms, k, documents, boosts, ranking, speakers, phrases, first)
    total = sum(original.values())
    mass = sum(v for _, v in added)
    weights: dict[str, float] = {t: (1 - expansion.weight) * c for t, c in original.items()}
    for term, value in added:
        weights[term] = expansion.weight * total * value / mass
    return index.search(
        list(weights), k, documents, list(weights.values()), ranking, speakers, phrases, terms
    )


def _final(
    index: Index,
    terms: Sequence[str],
    k: int,
    documents: Collection[str] | None,
    boosts: Sequence[float] | None,
    ranking: Ranking,
    speakers: Sequence[str],
    phrases: Sequence[Phrase],
    plain: Sequence[Hit] | None = None,
) -> list[Hit]:
    """The last search; the plain results as they are when nothing would change them."""
    changed = (
        ranking.context or (speakers and ranking.speaker_boost) or (phrases and ranking.phrasing)
    )
    if plain is not None and not changed:
        return list(plain[:k])
    return index.search(terms, k, documents, boosts, ranking, speakers, phrases)
