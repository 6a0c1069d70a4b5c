"""Questions to answers: the best sentences of the best passages, or an honest "not found".

BM25 ranks passages; the answer quotes the one to three sentences inside them that
cover most of the question's weight (idf), best first, with matched words marked
for bold. A question is answered only when one passage covers enough of that
weight: a passage that shares just "meeting" with "What did the meeting decide
about the budget?" is noise, and citing noise is the one thing users cannot check.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from bot.analysis import Analyser
from bot.expansion import Expansion, expanded_search
from bot.index import Index, index_text
from bot.models import Answer, Citation, Document, Hit, Passage, Quote, Span
from bot.sentences import sentence_spans

# What kind of answer a question expects, from its wording; a sentence that holds that kind
# of thing (a date for "when", a figure for "how much") is preferred among equally good ones.
_EXPECTS = (
    ("date", re.compile(r"^\s*(when|what (date|day|time|year|month)|by when|until when)\b", re.I)),
    ("number", re.compile(
        r"\b(how (much|many|long|big|large|often|far)|what (percentage|share|proportion|amount|"
        r"sum|figure|number|cost|price|budget|total))\b", re.I)),
    ("person", re.compile(
        r"^\s*(who|whom|whose|which (person|people|member|minister|official))\b", re.I)),
)  # fmt: skip
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_HOLDS = {
    "date": re.compile(
        rf"\b(\d{{1,2}} ({_MONTHS})|({_MONTHS}) \d{{1,2}}|({_MONTHS}) \d{{4}}|(19|20)\d\d|"
        r"\d{1,2}[:.]\d\d|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
        r"next (week|month|year)|tomorrow|yesterday)\b"
    ),
    "number": re.compile(
        r"(\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
        r"forty|fifty|sixty|hundred|thousand|million|billion|half|third|quarter|dozen)\b)",
        re.I,
    ),
    "person": re.compile(
        r"\b(Dr|Mr|Mrs|Ms|Prof|Professor|Sir|Dame|Councillor|Captain|Minister|President)\.? [A-Z]|"
        r"\b[A-Z][a-z]+ [A-Z][a-z]+\b"
    ),
}
TYPE_BONUS = 0.15  # share of the question's weight a sentence of the expected kind gains

# "What did Dr Raman say about the dues?": the answer must be something that person said.
_SAID_ABOUT = re.compile(
    r"^\s*what\s+(?:did|does|do|has|have|had|will|would)\s+(?P<who>.+?)\s+"
    r"(?:say|said|think|thought|argue|argued|propose|suggest|want|mention|note|stress|"
    r"emphasi[sz]e|warn|report|announce|add|feel|believe|tell)"
    r"(?:\s+(?:about|on|regarding|concerning)\s+(?P<topic>.+?))?\s*\??\s*$",
    re.I,
)
_HONORIFICS = frozenset(
    "dr mr mrs ms mx prof professor sir dame lord ladi hon councillor cllr captain capt "
    "minist senat ambassador deputi".split()
)
PERSON_SCAN = 200  # passages naming the person that are looked at


def expected_kind(question: str) -> str | None:
    """ "date", "number" or "person" when the question's wording asks for one."""
    for kind, pattern in _EXPECTS:
        if pattern.search(question):
            return kind
    return None


@dataclass(frozen=True, slots=True)
class AnswerOptions:
    """How much to retrieve and quote, and when to stay silent."""

    passages: int = 5  # top passages whose sentences compete for the answer
    max_quotes: int = 3
    min_coverage: float = 0.5  # share of the question's idf a passage must cover to be cited
    related_quote: float = 0.75  # extra quotes must cover this share of the best quote's coverage
    max_quote_chars: int = 1200  # all quotes together, before rendering
    expansion: Expansion = field(default_factory=Expansion)  # pseudo-relevance feedback


@dataclass(frozen=True, slots=True)
class _Candidate:
    coverage: float  # counting the passage's speaker as part of the sentence
    literal: float  # the sentence's own words only
    rank: int
    start: int
    end: int
    hit: Hit
    terms: frozenset[str]


def answer_question(
    question: str,
    index: Index,
    options: AnswerOptions | None = None,
    documents: Collection[str] | None = None,
) -> Answer:
    """Answer `question` from `index`, optionally only from the given document paths."""
    options = options or AnswerOptions()
    analyser = index.analyser
    searched = index.document_count if documents is None else len(documents)
    terms = analyser.query_terms(question)
    if not terms:
        return Answer(question, False, documents_searched=searched, reason="vague")
    # The question's own best passages come first; feedback adds the ones it found besides.
    expansion = options.expansion
    first = index.search(terms, max(options.passages, expansion.passages), documents)
    hits = first[: options.passages]
    seen = {hit.passage.id for hit in hits}
    if expansion.enabled:
        expanded = expanded_search(index, terms, options.passages, documents, expansion, first)
        hits += [hit for hit in expanded if hit.passage.id not in seen]
    if not hits:
        return Answer(question, False, documents_searched=searched, reason="no_match")
    said = _SAID_ABOUT.match(question)
    if said:
        from_speaker = _answer_from_speaker(question, said, index, options, documents, searched)
        if from_speaker is not None:
            return from_speaker
    weights = {t: index.weight(t) for t in set(terms)}
    total = math.fsum(weights.values())

    def coverage(found: Iterable[str]) -> float:
        return math.fsum(weights.get(t, 0.0) for t in set(found)) / total  # any order: same sum

    relevant = [
        (rank, hit) for rank, hit in enumerate(hits)
        if coverage(analyser.terms(index_text(hit.passage))) >= options.min_coverage
    ]  # fmt: skip
    if not relevant:
        closest = _unique_documents(hit.passage for hit in hits)
        return Answer(
            question, False, closest=closest, documents_searched=searched, reason="partial"
        )

    # A quoted sentence is also about whoever said it ("…," she said): count the speaker's name.
    kind = expected_kind(question)
    candidates = []
    for rank, hit in relevant:
        speaker_terms = analyser.terms(hit.passage.speaker or "")
        for start, end in sentence_spans(hit.passage.text):
            found = analyser.terms(hit.passage.text[start:end])
            if found:
                matched = frozenset(found) & weights.keys()
                attributed = coverage(found + speaker_terms)
                sentence = hit.passage.text[start:end]
                if kind and _HOLDS[kind].search(sentence):
                    attributed += TYPE_BONUS
                candidates.append(
                    _Candidate(attributed, coverage(found), rank, start, end, hit, matched)
                )
    # Ties on coverage go to the sentence that says the words itself, then to the better passage.
    candidates.sort(key=lambda c: (-c.coverage, -c.literal, c.rank, c.start))
    chosen = _choose(candidates, options)
    if not chosen:  # matches only in headings or speaker names: quote the passage's first sentence
        rank, hit = relevant[0]
        start, end = sentence_spans(hit.passage.text)[0]
        chosen = [_Candidate(0.0, 0.0, rank, start, end, hit, frozenset())]
    return _build(question, chosen, set(weights), analyser, searched)


def _answer_from_speaker(
    question: str,
    said: re.Match[str],
    index: Index,
    options: AnswerOptions,
    documents: Collection[str] | None,
    searched: int,
) -> Answer | None:
    """Answer "what did X say about Y" from what X said; None when no passage names X.

    The candidates are the sentences of passages attributed to X and the sentences
    that name X. The question is declined when none of X's passages covers enough of
    Y's weight (X spoke, but not about that); otherwise the sentences covering most of
    it are quoted, X's own quoted words first.
    """
    analyser = index.analyser
    who = [t for t in analyser.terms(said["who"]) if t not in _HONORIFICS]
    if not who:
        return None
    named = [
        hit
        for hit in index.search(who, PERSON_SCAN, documents)
        if set(who) <= set(analyser.terms(hit.passage.speaker or ""))
        or set(who) <= set(analyser.terms(hit.passage.text))
    ]
    if not named:
        return None  # nobody by that name: answer the question the usual way
    topic = analyser.query_terms(said["topic"] or "")
    weights = {t: index.weight(t) for t in set(topic)}
    total = math.fsum(weights.values()) or 1.0

    def covered(terms: Iterable[str]) -> float:
        return math.fsum(weights.get(t, 0.0) for t in set(terms)) / total

    candidates = []
    best_passage = 0.0
    for rank, hit in enumerate(named):
        spoke = set(who) <= set(analyser.terms(hit.passage.speaker or ""))
        if spoke:  # the passage is theirs; the one before often says what it is about
            before = index.previous(hit.passage)
            context = f"{before.text if before else ''} {hit.passage.text}"
            best_passage = max(best_passage, covered(analyser.terms(context)))
        for start, end in sentence_spans(hit.passage.text):
            sentence = hit.passage.text[start:end]
            found = set(analyser.terms(sentence))
            if not spoke and not set(who) <= found:
                continue
            share = covered(found)
            if not spoke:
                best_passage = max(best_passage, share)
            quoted = any(mark in sentence for mark in '“"')
            # Their own quoted words first; without a topic, in reading order.
            score = (share if topic else 1.0 if spoke else 0.5) + (0.25 if quoted else 0.0)
            matched = frozenset(found & weights.keys())
            candidates.append(_Candidate(score, share, rank, start, end, hit, matched))
    if not candidates or (topic and best_passage < options.min_coverage):
        closest = _unique_documents(hit.passage for hit in named)
        return Answer(
            question, False, closest=closest, documents_searched=searched, reason="partial"
        )
    candidates.sort(
        key=lambda c: (-c.coverage, c.hit.passage.document.path, c.hit.passage.n, c.start)
    )
    best = candidates[0]
    others = [
        c for c in candidates[1:]
        if c.coverage >= best.coverage * options.related_quote and not _same_sentence(c, best)
    ]  # fmt: skip
    chosen = [best, *others[: options.max_quotes - 1]]
    chosen.sort(key=lambda c: (c.hit.passage.document.path, c.hit.passage.n, c.start))
    return _build(question, chosen, set(topic) | set(who), analyser, searched)


def _choose(candidates: list[_Candidate], options: AnswerOptions) -> list[_Candidate]:
    """The best sentence, then up to `max_quotes - 1` others nearly as good (no repeats)."""
    if not candidates or candidates[0].coverage <= 0:
        return []
    best = candidates[0]
    chosen = [best]
    length = best.end - best.start
    for candidate in candidates[1:]:
        if len(chosen) >= options.max_quotes:
            break
        size = candidate.end - candidate.start
        if candidate.coverage < best.coverage * options.related_quote:
            break  # sorted by coverage: nothing after this qualifies either
        if candidate.literal < best.literal * options.related_quote:
            continue  # only attributed to the right person, without the words asked about
        if length + size > options.max_quote_chars:
            continue
        if any(_same_sentence(candidate, c) for c in chosen):
            continue
        chosen.append(candidate)
        length += size
    return chosen


def _same_sentence(a: _Candidate, b: _Candidate) -> bool:
    return a.hit.passage.id == b.hit.passage.id and a.start == b.start


def _build(
    question: str, chosen: list[_Candidate], terms: set[str], analyser: Analyser, searched: int
) -> Answer:
    """Number citations by first use, so citations[0] is the passage of the best quote."""
    numbers: dict[str, int] = {}
    citations: list[Citation] = []
    quotes: list[Quote] = []
    for candidate in chosen:
        passage = candidate.hit.passage
        if passage.id not in numbers:
            numbers[passage.id] = len(numbers) + 1
            citations.append(Citation(numbers[passage.id], passage, candidate.hit.score))
        text = passage.text[candidate.start : candidate.end]
        quotes.append(Quote(highlight(text, terms, analyser), numbers[passage.id]))
    return Answer(question, True, tuple(quotes), tuple(citations), documents_searched=searched)


def highlight(text: str, terms: Collection[str], analyser: Analyser) -> tuple[Span, ...]:
    """Cut `text` into spans, marking the words whose term is one of `terms`."""
    spans: list[Span] = []
    position = 0
    for token in analyser.tokens(text):
        if token.term is None or token.term not in terms:
            continue
        if token.start > position:
            spans.append(Span(text[position : token.start]))
        spans.append(Span(text[token.start : token.end], match=True))
        position = token.end
    if position < len(text):
        spans.append(Span(text[position:]))
    return tuple(spans)


def _unique_documents(passages: Iterable[Passage], limit: int = 3) -> tuple[Document, ...]:
    seen: dict[str, Document] = {}
    for passage in passages:
        seen.setdefault(passage.document.path, passage.document)
    return tuple(seen.values())[:limit]
