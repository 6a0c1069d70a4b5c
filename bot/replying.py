"""One reply to one message: the summary, the speakers, the attendance, the apologies, the
decisions, the date and place or the agenda it asks for, else the answer to its question.
Which meeting (or agenda) a request means is `bot.meetings`' to say.

The service (for Discord and the CLI) and the question sets both reply through `reply`, so
the measured figures are those of the replies people get.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from bot.answering import AnswerOptions, answer_question, reading_of
from bot.asking import (
    agenda_asked,
    agenda_topic_asked,
    apologies_asked,
    attendance_asked,
    coming_asked,
    decisions_asked,
    help_asked,
    next_asked,
    speakers_asked,
    summary_asked,
    venue_asked,
    when_asked,
)
from bot.coverage import Coverage
from bot.dates import stated_date
from bot.index import Index
from bot.meetings import (
    agenda_of,
    latest_agendas,
    latest_document,
    meetings_described,
    meetings_named,
)
from bot.models import Answer, Document, Summary
from bot.summarising import (
    summarise_apologies,
    summarise_attendance,
    summarise_coming,
    summarise_decisions,
    summarise_document,
    summarise_next,
    summarise_speakers,
    summarise_topic,
    summarise_venue,
    summarise_when,
)

_TIME_ASKED = re.compile(r"\W*what time\b", re.I)  # "What time is the board meeting?"
AGENDA_COVERAGE = 0.75  # share of what the items say of a topic that one must say

_Asked = Callable[[str], str | None]
_Summarise = Callable[[Document, Index], Summary]
# Each request, what answers it, how many meetings back it looks for one that has an answer
# ("Who spoke?" is not asked of next month's agenda): speakers and decisions read a meeting
# whole, so only the latest three; a roll call or a date is in a meeting's opening, so the
# latest ten (a few milliseconds each); and whether finding none in a meeting named outright
# is the reply ("not recorded"): apologies are recorded as such or not at all ("Who sent
# apologies to the science committee?" of a transcript), while attendance, speakers and
# decisions may be told in prose ("With me are Professor Adeyemi", "29 members present") or
# by an agenda ("Guest speakers: …"), which a search finds.
_APOLOGIES_SAID = re.compile(r"\bapolog(?:y|ies)\b(?! to\b)", re.I)  # not "apologies to residents"
_FROM_STRUCTURE: tuple[tuple[_Asked, _Summarise, int, bool], ...] = (
    (speakers_asked, summarise_speakers, 3, False),
    (attendance_asked, summarise_attendance, 10, False),
    (apologies_asked, summarise_apologies, 10, True),
    (decisions_asked, summarise_decisions, 3, False),
    (when_asked, summarise_when, 10, False),
    (next_asked, summarise_next, 3, False),
)


def reply(
    message: str,
    index: Index,
    documents: Sequence[Document],
    options: AnswerOptions | None = None,
    document: Document | None = None,
) -> Answer:
    """The reply to `message` from `documents` (all of `index`'s), or from `document` only."""
    if help_asked(message):
        return Answer(message, False, reason="help", documents_searched=len(documents))
    for asked, summarise, tried, record in _FROM_STRUCTURE:
        subject = asked(message)
        if subject is None:
            continue
        meetings = meetings_described(subject, index, documents, document)[:tried]
        for meeting in meetings:
            if (summary := summarise(meeting, index)).found:
                return _as_answer(message, summary, len(documents))
        if unrecorded := _unrecorded(subject, meetings, record, index, documents):
            return Answer(
                message, False, reason="not_recorded", closest=tuple(unrecorded),
                documents_searched=len(documents),
            )  # fmt: skip
    if (coming := _coming(message, index, documents, document)) is not None:
        return coming
    if (on_agenda := _from_agendas(message, index, documents, options, document)) is not None:
        return on_agenda
    subject = summary_asked(message)  # after them: "summarise the decisions" asks for those
    if subject is not None:
        summary = _summary_asked(subject, index, documents, document)
        return _as_answer(message, summary, len(documents))
    scope = None if document is None else [document.path]
    return answer_question(message, index, options, scope)


def _unrecorded(
    subject: str,
    meetings: list[Document],
    record: bool,
    index: Index,
    documents: Sequence[Document],
) -> list[Document]:
    """The meetings whose documents the reply says do not record what was asked: those of
    `meetings` the subject names outright by their titles' words, when the request is one
    answered so (see `_FROM_STRUCTURE`); none: the question is searched."""
    if not record or not subject or not meetings:
        return []
    named = meetings_named(subject, index, documents)
    # Apologies said in words the reader missed ("Cllr Hale's apologies are noted"): searched.
    return [m for m in meetings if m in named and not _APOLOGIES_SAID.search(m.text)]


def _coming(
    message: str, index: Index, documents: Sequence[Document], document: Document | None
) -> Answer | None:
    """ "When is the park board meeting?": its agenda's date, when its agenda is the latest
    document of the meeting described (not when minutes of that meeting, or a later one,
    say when the next is: searching finds that)."""
    venue = venue_asked(message)
    subject = coming_asked(message) if venue is None else venue
    agenda = None if subject is None else agenda_of(subject, index, documents, document)
    if subject is None or agenda is None or not agenda.date:
        return None
    described = meetings_described(subject, index, documents, document)
    if any(d is not agenda and (d.date or "") >= agenda.date for d in described):
        return None
    if venue is not None:
        summary = summarise_venue(agenda, index)
    else:
        summary = summarise_coming(agenda, index, bool(_TIME_ASKED.match(message)))
    if not summary.found:
        return None
    return _as_answer(message, summary, len(documents))


def _from_agendas(
    message: str,
    index: Index,
    documents: Sequence[Document],
    options: AnswerOptions | None,
    document: Document | None,
) -> Answer | None:
    """The reply to what a message asks of an agenda: its items ("What's on the agenda?"), or
    its item on a topic ("Is the budget on the full council agenda?", "What's on the agenda
    for dredging?"), from the agendas only. None: not asked, or no such agenda."""
    subject = agenda_asked(message)
    if subject is not None and (agenda := agenda_of(subject, index, documents, document)):
        summary = summarise_document(agenda, index, kind="agenda")
        return _as_answer(message, summary, len(documents))
    on_agenda = agenda_topic_asked(message)
    if subject and not meetings_described(subject, index, documents):
        on_agenda = (subject, "")  # "… for dredging": a topic, not a meeting
    if on_agenda is None or document is not None:
        return None
    topic, named = on_agenda
    if not (agendas := latest_agendas(named, index, documents)):
        return None
    options = options or AnswerOptions()
    answer = answer_question(topic, index, options, [a.path for a in agendas])
    if answer.reason == "vague" or (
        answer.answered and _one_item_says(topic, answer, index, options)
    ):
        return replace(answer, question=message)  # "Is it on the agenda?" names no topic
    return replace(
        answer, question=message, answered=False, quotes=(), citations=(),
        reason="not_on_agenda", closest=tuple(agendas),
    )  # fmt: skip


def _one_item_says(topic: str, answer: Answer, index: Index, options: AnswerOptions) -> bool:
    """Whether one cited item says (nearly) all of `topic` that the cited items say: "street
    lighting" is not on an agenda whose "street trading policy" and "lighting in the market
    hall" each say half; "the proposed street trading policy" is on one whose item says all
    but "proposed", a word no item uses."""
    reading = reading_of(topic, index, options.alternatives)
    measure = Coverage(index, reading.terms, reading.links)
    said = [measure.said_in(citation.passage) for citation in answer.citations]
    whole = measure.of_said(set().union(*said))
    return any(measure.of_said(each) >= AGENDA_COVERAGE * whole for each in said)


def _as_answer(message: str, summary: Summary, searched: int) -> Answer:
    reason = "" if summary.found else "no_match"
    return Answer(
        message, summary.found, summary.quotes, summary.citations,
        reason=reason, documents_searched=searched, summary=summary,
    )  # fmt: skip


# What a summary is asked about, said as such: "what was said about Mill Lane", "the
# discussion about the berthing hours on 2 March" (a date at its end is no part of the
# topic); not "the key points", "the minutes regarding 6 April", "all about it", nor "on …"
# ("the meeting on Teams", "what was agreed on the night": "on" is a topic's as seldom as not).
_ABOUT = re.compile(r".*\b(?:about|regarding|concerning)\s+(?P<topic>\S.*)$", re.I | re.S)
_TRAILING = frozenset("on of at in for the last this next".split())
_NO_TOPIC = re.compile(r"(?:(?:this|that|the|our|it|its)\b\s*)*(?:meeting)?\W*", re.I)


def _topic_named(subject: str, index: Index) -> str | None:
    """The topic a summary request names after its last "about", "regarding" or
    "concerning", less a date it ends with; None when nothing else is left."""
    found = _ABOUT.match(subject)
    if found is None:
        return None
    words = found["topic"].split()
    dated = set(stated_date(found["topic"]).words)
    while words and (words[-1].strip(".,;:!?()").casefold() in dated | _TRAILING):
        words.pop()
    topic = " ".join(words)
    if _NO_TOPIC.fullmatch(topic) or not index.analyser.query_terms(topic):
        return None
    return topic


def summary_of(
    index: Index,
    documents: Sequence[Document],
    document: Document | None = None,
    topic: str | None = None,
) -> Summary:
    """A summary of `topic` in `document`, else of `document`, else of `topic`, else of the
    latest meeting."""
    if topic and topic.strip():
        return summarise_topic(topic, index, document=document)
    if document is not None:
        return summarise_document(document, index)
    latest = latest_document(documents)
    if latest is None:
        return Summary("", "latest")
    return summarise_document(latest, index, kind="latest")


def _summary_asked(
    subject: str, index: Index, documents: Sequence[Document], document: Document | None
) -> Summary:
    """The summary a message asks for: of the document the subject names ("the harbour
    board minutes"; the latest of several) or describes by its date ("the meeting of 14
    February", when the title does not say it), of the latest meeting (or /ask's `document`)
    when it names none, else of the subject as a topic, in /ask's `document` if given."""
    if document is not None:  # its summary, or what it says about a topic named as one
        return summary_of(index, documents, document, _topic_named(subject, index))
    if not subject:
        return summary_of(index, documents)
    named = meetings_named(subject, index, documents)  # by its title's words only
    if not named and stated_date(subject).words:
        named = meetings_described(subject, index, documents)
    return summary_of(index, documents, named[0]) if named else summarise_topic(subject, index)
