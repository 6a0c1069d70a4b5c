"""One reply to one message: the summary, the speakers, the attendance or the decisions it
asks for, else the answer to its question.

The service (for Discord and the CLI) and the question sets both reply through `reply`, so
the measured figures are those of the replies people get.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from contextlib import suppress
from datetime import date

from bot.answer_kinds import document_names
from bot.answering import AnswerOptions, answer_question
from bot.asking import attendance_asked, decisions_asked, speakers_asked, summary_asked
from bot.index import Index
from bot.models import Answer, Document, Summary
from bot.summarising import (
    latest_document,
    summarise_attendance,
    summarise_decisions,
    summarise_document,
    summarise_speakers,
    summarise_topic,
)

# Words any meeting document's name may or may not say: "the science committee hearing" is
# the committee's transcript even if its title says "Transcript", not "hearing".
_GENERIC = frozenset(
    "meeting meetings minutes transcript hearing session sitting agenda release document".split()
)
# Words that place a meeting in time relative to now: they name no document.
_WHEN = frozenset(
    "last latest recent previous most yesterday today tonight night week month year".split()
)

_Asked = Callable[[str], str | None]
_Summarise = Callable[[Document, Index], Summary]
_PARTICIPANTS: tuple[tuple[_Asked, _Summarise], ...] = (
    (speakers_asked, summarise_speakers),
    (attendance_asked, summarise_attendance),
    (decisions_asked, summarise_decisions),
)


def reply(
    message: str,
    index: Index,
    documents: Sequence[Document],
    options: AnswerOptions | None = None,
    document: Document | None = None,
) -> Answer:
    """The reply to `message` from `documents` (all of `index`'s), or from `document` only."""
    for asked, summarise in _PARTICIPANTS:
        subject = asked(message)
        if subject is None:
            continue
        # The latest meeting that has any ("Who spoke?", "What was decided?" are not asked of
        # next month's agenda).
        for meeting in _meetings(subject, index, documents, document, loosely=True):
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
    """The documents that say most of the words with which `subject` tells its meeting
    from others ("the museum trust board in October", "last night's council meeting"), in
    their name or date (one at least) or first passage; at least half of them. A subject
    with no such word ("last night's meeting") is the meeting itself: the latest first."""
    analyser = index.analyser
    ignored = {t for w in _GENERIC | _WHEN for t in analyser.terms(w)}
    wanted = set(analyser.query_terms(subject)) - ignored
    if not wanted:
        return _latest_first([d for d in documents if d.date])
    openings: dict[str, str] = {}
    for passage in index.passages:
        openings.setdefault(passage.document.path, passage.text)
    dated = {t for t in wanted if t.isdigit() or t in analyser.terms(_CALENDAR)}
    said: dict[str, int] = {}
    for d in documents:
        named = wanted & set(analyser.terms(_named_as(d)))
        if not dated <= named:
            continue  # "on 29 April" is no meeting of 22 April
        if named:  # a topic its opening speaks of ("the vote on the budget") is no name
            opening = set(analyser.terms(openings.get(d.path, "")))
            said[d.path] = len(named | (wanted & opening))
    best = max(said.values(), default=0)
    if best == 0 or 2 * best < len(wanted):
        return []
    return [d for d in documents if said.get(d.path) == best]


# Month and day names: a subject that says one names a meeting of that date.
_CALENDAR = " ".join([*calendar.month_name[1:], *calendar.month_abbr[1:], *calendar.day_name])


def _named_as(document: Document) -> str:
    """The words a meeting is named by: its title, meeting, organisation and date (both
    "2027-09-14" and "Tuesday 14 September 2027")."""
    spelled = ""
    if document.date:
        with suppress(ValueError):
            day = date.fromisoformat(document.date[:10])
            spelled = f"{day:%A} {day.day} {day:%B %Y}"
    return f"{document_names(document)} {spelled}"


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
