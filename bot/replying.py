"""One reply to one message: the summary, the speakers, the attendance or the decisions it
asks for, else the answer to its question.

The service (for Discord and the CLI) and the question sets both reply through `reply`, so
the measured figures are those of the replies people get.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from bot.analysis import words
from bot.answer_kinds import document_names
from bot.answering import AnswerOptions, answer_question
from bot.asking import (
    attendance_asked,
    decisions_asked,
    speakers_asked,
    summary_asked,
    when_asked,
)
from bot.index import Index
from bot.models import Answer, Document, Summary
from bot.summarising import (
    latest_document,
    summarise_attendance,
    summarise_decisions,
    summarise_document,
    summarise_speakers,
    summarise_topic,
    summarise_when,
)

# Words any meeting document's name may or may not say: "the science committee hearing" is
# the committee's transcript even if its title says "Transcript", not "hearing".
_GENERIC = frozenset(
    "meeting meetings minutes transcript hearing session sitting agenda release document"
    " press full regular general".split()
)
# Words for a meeting that a folder's meetings may not call themselves: alone ("the event",
# "the summit") they name the meeting itself; beside others ("the annual conference") they
# must be said like any other word.
_ALONE_GENERIC = frozenset("event conference summit workshop gathering call".split())
# Words that place a meeting in time relative to now: they name no document.
_WHEN = frozenset(
    "last latest recent previous most yesterday today tonight night week month year".split()
)

_Asked = Callable[[str], str | None]
_Summarise = Callable[[Document, Index], Summary]
# Each request, what answers it, and how many meetings back it looks for one that has an
# answer ("Who spoke?" is not asked of next month's agenda): speakers and decisions read a
# meeting whole, so only the latest three; a roll call or a date is in a meeting's opening,
# so the latest ten (a few milliseconds each).
_FROM_STRUCTURE: tuple[tuple[_Asked, _Summarise, int], ...] = (
    (speakers_asked, summarise_speakers, 3),
    (attendance_asked, summarise_attendance, 10),
    (decisions_asked, summarise_decisions, 3),
    (when_asked, summarise_when, 10),
)


def reply(
    message: str,
    index: Index,
    documents: Sequence[Document],
    options: AnswerOptions | None = None,
    document: Document | None = None,
) -> Answer:
    """The reply to `message` from `documents` (all of `index`'s), or from `document` only."""
    for asked, summarise, tried in _FROM_STRUCTURE:
        subject = asked(message)
        if subject is None:
            continue
        meetings = _meetings(subject, index, documents, document, loosely=True)
        for meeting in meetings[:tried]:
            if (summary := summarise(meeting, index)).found:
                return _as_answer(message, summary, len(documents))
    subject = summary_asked(message)  # after them: "summarise the decisions" asks for those
    if subject is not None:
        summary = _summary_asked(subject, index, documents, document)
        return _as_answer(message, summary, len(documents))
    scope = None if document is None else [document.path]
    return answer_question(message, index, options, scope)


def _as_answer(message: str, summary: Summary, searched: int) -> Answer:
    reason = "" if summary.found else "no_match"
    return Answer(
        message, summary.found, summary.quotes, summary.citations,
        reason=reason, documents_searched=searched, summary=summary,
    )  # fmt: skip


def summary_of(
    index: Index,
    documents: Sequence[Document],
    document: Document | None = None,
    topic: str | None = None,
) -> Summary:
    """A summary of `document`, else of `topic`, else of the latest meeting."""
    if document is not None:
        return summarise_document(document, index)
    if topic and topic.strip():
        return summarise_topic(topic, index)
    latest = latest_document(documents)
    if latest is None:
        return Summary("", "latest")
    return summarise_document(latest, index, kind="latest")


def _summary_asked(
    subject: str, index: Index, documents: Sequence[Document], document: Document | None
) -> Summary:
    """The summary a message asks for: of `document` (/ask's), of the document the subject
    names ("the harbour board minutes"; the latest of several), of the latest meeting when
    it names none, else of the subject as a topic."""
    if document is None and subject:
        # By its title's words only: "open innovation" is a topic, though the title of a
        # release about it says "Innovation".
        named = _meetings(subject, index, documents, None)
        return summary_of(index, documents, named[0] if named else None, subject)
    return summary_of(index, documents, document)


def _meetings(
    subject: str,
    index: Index,
    documents: Sequence[Document],
    document: Document | None,
    loosely: bool = False,
) -> list[Document]:
    """The documents `subject` may mean, latest first: `document` when given; the dated ones
    when the subject is the meeting itself (or the only document); else those it names,
    by the words of their titles (`loosely`: or of their date and opening, see
    `_described`)."""
    if document is not None:
        return [document]
    if not subject:
        if len(documents) == 1:
            return list(documents)
        return _latest_first([d for d in documents if d.date])
    named = find_document(subject, documents)
    if named is not None:
        return [named]
    if loosely:
        return _latest_first(_described(subject, index, documents))
    return _latest_first(named_documents(subject, index, documents))


def _latest_first(documents: Sequence[Document]) -> list[Document]:
    dated = sorted((d for d in documents if d.date), key=lambda d: (d.date or "", d.path))
    return [*reversed(dated), *(d for d in documents if not d.date)]


def named_documents(subject: str, index: Index, documents: Sequence[Document]) -> list[Document]:
    """The documents whose title, meeting or organisation says every word of `subject`
    ("the harbour board minutes"); failing that, every word but the generic ones ("the
    science committee hearing" for the committee's transcript)."""
    analyser = index.analyser
    asked = set(analyser.query_terms(subject))  # not "discussion", "summary"
    generic = {t for w in _GENERIC for t in analyser.terms(w)}
    for wanted in (asked, asked - generic):  # "the AGM" alone names no meeting
        if not wanted:
            break
        named = [d for d in documents if wanted <= set(analyser.terms(document_names(d)))]
        if named:
            return named
    return []


def _described(subject: str, index: Index, documents: Sequence[Document]) -> list[Document]:
    """The meetings `subject` describes ("the museum trust board in October", "last night's
    council meeting", "the board on 3 March"), latest first.

    A date it states (a month, a weekday, a day of a month, a year) must be the meeting's.
    Its other words (less the generic and relative ones, and numbers) must each be said by
    some meeting's name (its title, meeting, organisation and date; "agm" of an "annual"
    one) or by what its opening passage is indexed under (heading and speaker too), else the
    subject is something the folder does not hold ("the health board's Audit and Risk
    Committee"). A meeting chosen says, as written, at least one in its name (so "plan" is
    not "Planning"), and says the one that the fewest meetings' names say ("planning" of
    "the planning committee"), and half of them at least in its name or opening; those
    whose names say most, then whose openings do, are chosen. A subject of none of these
    words ("last night's meeting", "the event") is the meeting itself. Of those, the kind
    of document the subject names is preferred ("the release", "the latest minutes")."""
    analyser = index.analyser
    stated = _stated_date(subject)
    candidates = _latest_first([d for d in documents if stated.fits(d.date)])
    skipped = _GENERIC | _WHEN | set(stated.words)
    wanted = {
        w
        for w in (word.casefold() for word in words(subject))
        if w not in skipped and not w.isdigit() and analyser.query_terms(w)
    }
    if wanted <= _ALONE_GENERIC:  # the meeting itself, of the date and kind it says
        meetings = candidates if len(documents) == 1 else [d for d in candidates if d.date]
        return _of_kind(subject, meetings, index)
    stems = {w: set(analyser.terms(_ALIASES.get(w, w))) for w in wanted}
    openings = _openings_holding(set().union(*stems.values()), documents, index)
    names = {d.path: wanted & _name_words(d) for d in documents}
    says = {
        d.path: names[d.path]
        | {w for w in wanted if stems[w] and stems[w] <= openings.get(d.path, frozenset())}
        for d in documents
    }
    if wanted - set().union(*says.values()):
        return []  # a word no meeting says: not one of these
    told = Counter(w for named in names.values() for w in named)
    telling = min(told, key=lambda w: (told[w], w), default=None)
    said: dict[str, tuple[int, int]] = {}
    for d in candidates:
        # A topic its opening speaks of ("the ferry subsidy") is no name.
        if names[d.path] and telling in says[d.path]:
            said[d.path] = (len(names[d.path]), len(says[d.path]))
    best = max(said.values(), default=(0, 0))
    if 2 * best[1] < len(wanted):
        return []
    return _of_kind(subject, [d for d in candidates if said.get(d.path) == best], index)


def _of_kind(subject: str, meetings: list[Document], index: Index) -> list[Document]:
    """Of `meetings`, those that say the kind of document `subject` names ("the press
    release", "the agenda", "the transcript") in their name or opening, if any do."""
    kinds = {w.casefold() for w in words(subject)} & _KINDS
    if not kinds:
        return meetings
    stems = {t for kind in kinds for t in index.analyser.terms(kind)}
    openings = _openings_holding(stems, meetings, index)
    said = [
        d for d in meetings
        if kinds & _name_words(d) or openings.get(d.path)
    ]  # fmt: skip
    return said or meetings


def _openings_holding(
    terms: set[str], documents: Sequence[Document], index: Index
) -> dict[str, frozenset[str]]:
    """Which of `terms` each document's first passage (where a meeting says what it is) is
    indexed under: read from the postings, not analysed again."""
    firsts = [found[0] for d in documents if (found := index.passages_of(d.path))]
    held = index.held(terms, firsts)
    return {passage.document.path: said for passage, said in zip(firsts, held, strict=True)}


# The kinds of meeting document a request may name.
_KINDS = frozenset("release agenda transcript minutes".split())


def _name_words(document: Document) -> set[str]:
    """The words of a meeting's title, meeting, organisation and date, as written (case
    aside), with what they also say in other words ("agm" of an "annual" meeting)."""
    said = {w.casefold() for w in words(document_names(document))}
    return said | {short for short, long in _ALIASES.items() if long in said}


# What a meeting's name says in other words: "the AGM" of the "annual meeting".
_ALIASES = {"agm": "annual", "egm": "extraordinary"}


@dataclass(frozen=True, slots=True)
class _Date:
    """The parts of a date a subject states; any may be missing."""

    words: tuple[str, ...] = ()  # the words that stated them
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None

    def fits(self, iso: str | None) -> bool:
        """Whether a meeting dated `iso` is on the stated date (any, when none is stated)."""
        if not self.words:
            return True
        try:
            when = date.fromisoformat((iso or "")[:10])
        except ValueError:
            return False
        wanted = (self.year, self.month, self.day, self.weekday)
        actual = (when.year, when.month, when.day, when.weekday())
        return all(w is None or w == a for w, a in zip(wanted, actual, strict=True))


_MONTHS = {m.casefold(): n for n, m in enumerate(calendar.month_name) if m}
_MONTHS |= {m.casefold(): n for n, m in enumerate(calendar.month_abbr) if m} | {"sept": 9}
_WEEKDAYS = {d.casefold(): n for n, d in enumerate(calendar.day_name)}
_DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")
_ORDINAL = re.compile(r"(\d{1,2})(?:st|nd|rd|th)")


def _stated_date(subject: str) -> _Date:
    """The date `subject` states: "14 September", "September the 14th", "on Tuesday",
    "2027", "the 28th", "06/04/2027" or "6/4/27" (day first), "2027-04-06". A number is a
    day only beside a month or as an ordinal ("item 6" states none), and "may" a month only
    beside a day, first, or after "in", "on", "of" or "the" ("… may I ask" states none)."""
    said = [w.strip(".,;:!?()'’").casefold() for w in subject.split()]
    said = [w[:-2] if w.endswith(("'s", "’s")) else w for w in said]
    used: list[str] = []
    year = month = day = weekday = None
    for i, word in enumerate(said):
        near = said[max(0, i - 3) : i] + said[i + 1 : i + 3]
        days = [(w, int(d[1])) for w in near if (d := _DAY.fullmatch(w)) and 1 <= int(d[1]) <= 31]
        if word in _MONTHS and month is None:
            if word == "may" and not days and i and said[i - 1] not in ("in", "on", "of", "the"):
                continue  # "the meeting, may I ask"
            month = _MONTHS[word]
            used.append(word)
            if days:
                used.append(days[0][0])
                day = days[0][1]
        elif (numeric := _numeric_date(word)) and month is None:
            year, month, day = numeric
            used.append(word)
        elif (ordinal := _ORDINAL.fullmatch(word)) and day is None and 1 <= int(ordinal[1]) <= 31:
            day = int(ordinal[1])  # "on the 28th": of the month the meeting was in
            used.append(word)
        elif word in _WEEKDAYS and weekday is None:
            weekday = _WEEKDAYS[word]
            used.append(word)
        elif word.isdigit() and len(word) == 4 and 1900 <= int(word) <= 2100 and year is None:
            year = int(word)
            used.append(word)
    return _Date(tuple(used), year, month, day, weekday)


def _numeric_date(word: str) -> tuple[int, int, int] | None:
    """(year, month, day) of "2027-04-06" or "06/04/2027" (day first, as written here)."""
    if found := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", word):
        return int(found[1]), int(found[2]), int(found[3])
    if found := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", word):
        year = int(found[3])
        return year + 2000 if year < 100 else year, int(found[2]), int(found[1])
    return None


def find_document(name: str, documents: Sequence[Document]) -> Document | None:
    """A document by path or title (exact, then case-insensitive, then unique prefix)."""
    for document in documents:
        if name in (document.path, document.title):
            return document
    folded = name.casefold().strip()
    for document in documents:
        if folded in (document.path.casefold(), document.title.casefold()):
            return document
    matches = [d for d in documents if d.title.casefold().startswith(folded)]
    return matches[0] if len(matches) == 1 else None
