"""Extractive summaries: the sentences that best represent a document or a topic, each cited.

A document with a numbered list (an agenda's items, the minutes' decisions) is
summarised as its authors listed it: its opening line, then the list. Minutes that
record each item's decision where it was taken ("RESOLVED (6 for, 3 against): …"),
and transcripts where the chair states the tally, are summarised by those decisions.
Otherwise a document's summary takes sentences that share the most weighted vocabulary with
the rest of the document (centrality), with a small preference for the opening
(releases and minutes state the gist first) and for what readers look for: what was
decided, and figures; a roll call ("Present: …") is passed over, and a transcript's
"Name:" label left out. Sentences that repeat one already chosen are skipped. A
topic's summary takes the best-covering sentences of the passages retrieved for it,
one or two per passage so several places are heard.
Chosen sentences are shown in reading order.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

from bot.alternatives import covered, marked, read_question, weighted_query
from bot.answer_kinds import holds_answer
from bot.answering import highlight
from bot.attribution import names_another, turn_label
from bot.index import Index
from bot.models import Citation, Document, Passage, Quote, Span
from bot.sentences import sentence_spans


@dataclass(frozen=True, slots=True)
class Summary:
    """What was summarised, and the cited sentences that summarise it."""

    subject: str  # the document title, or the topic
    kind: str  # "document", "topic" or "latest"
    quotes: tuple[Quote, ...] = ()
    citations: tuple[Citation, ...] = ()
    document: Document | None = None
    read_as: tuple[tuple[str, str], ...] = ()  # a topic's mistyped words, and what was read
    omitted: int = 0  # items of the document's numbered list that did not fit

    @property
    def found(self) -> bool:
        return bool(self.quotes)


# Minutes open with who was there; the names recur all through, which makes the list look
# central, but it is never what the meeting was about.
_ROLL_CALL = re.compile(
    r"\s*(?:[\w’']+\s+){0,2}?(?:present|in attendance|attending|apologies(?: for absence)?|"
    r"absent|attendees)\s*(?::|–|—|-|\bwere\b|\bwas\b|\breceived\b)",
    re.I,
)
ROLL_CALL_SHARE = 0.2
_LIST_ITEM = re.compile(r"(\d{1,2})\.\s")
LIST_CHARS = 1900  # a list summary's quotes and its title (twice): one 2,000-character message
QUOTE_OVERHEAD = 20  # "- " and " [12]" around each quote, and "[12] ¶34 · " below
ITEM_TERMS = 3  # a list's items say at least this much (its middle item does)
_PRONOUN = re.compile(r"(?:He|She|They|It)\b")  # reported speech: "She added that …"
_DECISION = re.compile(
    r"\b(?:approved|agreed|decided|resolved|adopted|awarded|rejected|endorsed|voted|"
    r"carried(?! out)|appointed|elected|ratified|deferred|postponed)\b",
    re.I,
)
_FIGURE = re.compile(r"[£$€¥]\s?\d|\d\s?(?:%|(?:percent|per cent|million|billion)\b)", re.I)
# What follows a release's end ("ENDS", "Notes to editors") is background, not its gist.
_BACKGROUND = re.compile(
    r"(?:^|(?<=[.!?”\"] ))\W*ENDS\W*(?:$|(?=(?i:notes?)\b))|"
    r"(?i:\bnotes? (?:to|for) (?:the )?editors?\b)"
)  # "ENDS" alone, not "ENDS products" (e-cigarettes)
MIN_OUTCOMES = 2  # formal decisions or tallies that make a document's summary
DECISION_GAIN = 1.5
FIGURE_GAIN = 1.25


@dataclass(frozen=True, slots=True)
class _Sentence:
    passage: Passage
    order: int  # position in the document (or in retrieval order for topics)
    start: int
    end: int
    terms: frozenset[str]
    score: float = 0.0


def summarise_document(
    document: Document, index: Index, max_sentences: int = 5, kind: str = "document"
) -> Summary:
    """The `max_sentences` most central sentences of `document`."""
    analyser = index.analyser
    passages = [p for p in index.passages if p.document.path == document.path]
    sentences: list[_Sentence] = []
    counts: Counter[str] = Counter()
    for passage, gist_end in _before_background(passages):
        for start, end in sentence_spans(passage.text):
            if start >= gist_end:
                break
            start = min(_after_speaker_label(passage, start), end)
            terms = analyser.terms(passage.text[start:end])
            counts.update(terms)
            sentences.append(_Sentence(passage, len(sentences), start, end, frozenset(terms)))
    if not sentences:
        return Summary(document.title, kind, document=document)
    total = len(sentences)
    scored = []
    for s in sentences:
        # Weight of the sentence's words elsewhere in the document, per sqrt(length).
        # Numbers and two-letter codes recur as dates and references ("Paper HB/26/14"),
        # not as what the document is about: they do not make a sentence central.
        shared = sum((counts[t] - 1) * index.weight(t) for t in s.terms if _topical(t))
        centrality = shared / math.sqrt(len(s.terms)) if s.terms else 0.0
        position = s.order / total
        # The opening states the gist; a release's closing lines say what comes of it.
        lead = 1.0 + 0.5 * (1.0 - position) + 0.4 * position**4
        text = _text(s)
        if _ROLL_CALL.match(text):
            lead *= ROLL_CALL_SHARE  # names recur all through minutes: central, never the gist
        if _DECISION.search(text):
            lead *= DECISION_GAIN  # what a meeting decided is what its readers look for
        if _FIGURE.search(text):
            lead *= FIGURE_GAIN
        scored.append(_with_score(s, centrality * lead))
    voices = _voices(scored)
    quoted = {(s.passage.id, s.start) for s in voices}
    # With speakers quoted below, fewer sentences above keep the reply within one message.
    room = max_sentences - min(2, len(voices))
    # Speakers' words are heard below: above, what the document itself states.
    narration = [s for s in scored if not (voices and s.passage.speaker)]
    # The authors' own summary (an agenda's items, the minutes' decisions), else the
    # decisions and tallies as each item recorded them, spoken ones too.
    items = _numbered_list(narration) or _outcomes(
        [s for s in scored if (s.passage.id, s.start) not in quoted], index
    )
    omitted = 0
    if items:
        excluded = quoted | {(s.passage.id, s.start) for s in items}
        # With it, the opening: where and when ("The board met on Monday 2 March 2026 …").
        rest = [s for s in narration if (s.passage.id, s.start) not in excluded]
        opening = [
            s for s in rest
            if len(s.terms) >= ITEM_TERMS and not _ROLL_CALL.match(_text(s))
            and not _LIST_ITEM.match(_text(s))
        ][:1]  # fmt: skip
        # As many items as one message holds beside two speakers, the rest counted; then
        # the other speakers that still fit.
        room_chars = LIST_CHARS - 2 * len(document.title) - _chars(opening + voices[:2])
        shown: list[_Sentence] = []
        for item in items:
            room_chars -= _chars([item])
            if shown and room_chars < 0:
                break
            shown.append(item)
        omitted = len(items) - len(shown)
        chosen = opening + shown
        more = voices[2:]
        while more and _chars(more) > room_chars:
            more.pop()
        voices = voices[:2] + more
    else:
        chosen = _diverse([s for s in narration if (s.passage.id, s.start) not in quoted], room)
    chosen.sort(key=lambda s: s.order)
    summary = _summary(document.title, kind, chosen, set(), index, document, voices)
    return replace(summary, omitted=omitted) if omitted else summary


def _numbered_list(sentences: list[_Sentence]) -> list[_Sentence]:
    """The items of the document's longest numbered list ("1. The board approved …",
    "2. …"), in reading order, if it has three items or more that say something: items
    count on (1, 2, 3, across headings too), a restart at 1 begins another list, and a
    table of contents ("1. Introduction.") is no summary."""
    lists: list[list[_Sentence]] = []
    last = -1
    for s in sentences:  # in reading order
        found = _LIST_ITEM.match(s.passage.text, s.start)
        if not found:
            continue
        number = int(found.group(1))
        if lists and number == last + 1:
            lists[-1].append(s)
        else:
            lists.append([s])
        last = number
    substantial = [
        items for items in lists
        if len(items) >= 3 and sorted(len(s.terms) for s in items)[len(items) // 2] >= ITEM_TERMS
    ]  # fmt: skip
    return max(substantial, key=len, default=[])


def _before_background(passages: list[Passage]) -> Iterator[tuple[Passage, int]]:
    """Each passage with where its text stops being the document's gist: at a release's
    "ENDS" or "Notes to editors" (or under such a heading), and nothing after it counts."""
    for passage in passages:
        if passage.heading and _BACKGROUND.search(passage.heading):
            return
        marker = _BACKGROUND.search(passage.text)
        yield passage, marker.start() if marker else len(passage.text)
        if marker:
            return


def _outcomes(sentences: list[_Sentence], index: Index) -> list[_Sentence]:
    """The sentences that record decisions ("RESOLVED (9 for, 0 against): …", "The proposal
    is carried."), in reading order, when there are at least `MIN_OUTCOMES`; with fewer,
    tallies count too ("That is five in favour and one against."), and with fewer still
    there are none. Two such sentences side by side are quoted as one."""
    analyser = index.analyser
    for kinds in (("decision",), ("decision", "vote")):
        found = [
            s for s in sentences if any(holds_answer(k, _text(s), (), analyser) for k in kinds)
        ]
        if len(found) >= MIN_OUTCOMES:
            return _joined(found)
    return []


def _joined(sentences: list[_Sentence]) -> list[_Sentence]:
    """Sentences in reading order, with those that follow one another in a passage as one."""
    joined: list[_Sentence] = []
    for s in sentences:
        last = joined[-1] if joined else None
        if (
            last
            and last.passage.id == s.passage.id
            and s.passage.text[last.end : s.start].isspace()
            and "\n" not in s.passage.text[last.end : s.start]  # not across a line's end
        ):
            joined[-1] = _Sentence(s.passage, last.order, last.start, s.end, last.terms | s.terms)
        else:
            joined.append(s)
    return joined


def _chars(quotes: list[_Sentence]) -> int:
    """Room `quotes` take in a message: a speaker is named beside the quote and its citation."""
    return sum(len(_text(s)) + QUOTE_OVERHEAD + 2 * len(s.passage.speaker or "") for s in quotes)


def _text(s: _Sentence) -> str:
    return s.passage.text[s.start : s.end]


def _topical(term: str) -> bool:
    return len(term) > 2 and not term.isdigit()


def _after_speaker_label(passage: Passage, start: int) -> int:
    """Where a sentence starts once a transcript's turn label ("Rafael Quintero:", or "Lena:"
    for Dr Lena Ortiz) is left out: the summary names the speaker itself."""
    if not passage.speaker:
        return start
    label = turn_label(passage.text, start)
    if label is None:
        return start
    said = set(label.group("name").casefold().split())
    if not said <= set(passage.speaker.casefold().split()):
        return start
    return label.end()


def _voice_rank(s: _Sentence) -> tuple[bool, bool, bool, bool, float]:
    """Their own words: not a sentence about someone else that shares their paragraph
    ("Gareth Lowe advised …" under Rachel Penhaligon's), quoted words first, then what
    they said rather than asked; a sentence that opens "She added …" reads badly alone."""
    text = _text(s)
    return (
        not names_another(text, s.passage.speaker or ""),
        any(mark in text for mark in '“"'),
        not text.rstrip().endswith("?"),
        not _PRONOUN.match(text),
        s.score,
    )


def _voices(sentences: list[_Sentence], limit: int = 6) -> list[_Sentence]:
    """Each named speaker's most central quoted sentence, in order of first appearance."""
    best: dict[str, _Sentence] = {}
    for s in sentences:
        speaker = s.passage.speaker
        if not speaker or not s.terms:  # "Dr Amara Nwosu: ..." says nothing to quote
            continue
        current = best.get(speaker)
        if current is None or _voice_rank(s) > _voice_rank(current):
            best[speaker] = s
    return list(best.values())[:limit]


def summarise_topic(topic: str, index: Index, max_sentences: int = 5) -> Summary:
    """The sentences that best cover `topic` across the documents."""
    analyser = index.analyser
    reading = read_question(topic, analyser.query_terms(topic) or analyser.terms(topic), index)
    terms, links = reading.terms, reading.links
    query, boosts = weighted_query(terms, links)
    hits = index.search(query, k=max_sentences * 2, boosts=boosts)
    weights = {t: index.weight(t) for t in set(terms)}
    total = sum(weights.values()) or 1.0
    candidates = []
    for rank, hit in enumerate(hits):
        for start, end in sentence_spans(hit.passage.text):
            found = frozenset(covered(analyser.terms(hit.passage.text[start:end]), links))
            coverage = sum(w for t, w in weights.items() if t in found) / total
            if coverage > 0:
                # Better-ranked passages first among sentences of equal coverage.
                score = coverage + (len(hits) - rank) * 1e-3
                candidates.append(_Sentence(hit.passage, rank, start, end, found, score))
    chosen = _diverse(candidates, max_sentences, per_passage=2)
    chosen.sort(key=lambda s: (s.order, s.start))
    summary = _summary(topic, "topic", chosen, marked(weights, links), index, None)
    return replace(summary, read_as=reading.read_as)


def latest_document(documents: tuple[Document, ...] | list[Document]) -> Document | None:
    """The meeting with the latest stated date; the only document when none is dated."""
    dated = [d for d in documents if d.date]
    if dated:
        return max(dated, key=lambda d: (d.date or "", d.path))
    return documents[0] if len(documents) == 1 else None


def _with_score(s: _Sentence, score: float) -> _Sentence:
    return _Sentence(s.passage, s.order, s.start, s.end, s.terms, score)


def _diverse(candidates: list[_Sentence], limit: int, per_passage: int = 99) -> list[_Sentence]:
    """Best first, skipping sentences that mostly repeat a chosen one (Jaccard > 0.5)."""
    chosen: list[_Sentence] = []
    used: Counter[str] = Counter()
    for s in sorted(candidates, key=lambda c: (-c.score, c.order, c.start)):
        if len(chosen) >= limit:
            break
        if used[s.passage.id] >= per_passage:
            continue
        if any(_overlap(s.terms, c.terms) > 0.5 for c in chosen):
            continue
        chosen.append(s)
        used[s.passage.id] += 1
    return chosen


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _summary(
    subject: str,
    kind: str,
    chosen: list[_Sentence],
    terms: set[str],
    index: Index,
    document: Document | None,
    voices: list[_Sentence] | None = None,
) -> Summary:
    numbers: dict[str, int] = {}
    citations: list[Citation] = []
    quotes: list[Quote] = []
    voices = voices or []
    for s in [*chosen, *voices]:
        if s.passage.id not in numbers:
            numbers[s.passage.id] = len(numbers) + 1
            citations.append(Citation(numbers[s.passage.id], s.passage, s.score))
        text = _text(s)
        spans = highlight(text, terms, index.analyser) if terms else (Span(text),)
        speaker = s.passage.speaker if s in voices else None
        quotes.append(Quote(spans, numbers[s.passage.id], speaker))
    return Summary(subject, kind, tuple(quotes), tuple(citations), document)
