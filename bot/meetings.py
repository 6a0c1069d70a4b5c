"""Which meeting a request means: by the path or title /ask names, by the words of its
title ("summarise the harbour board minutes"), by how a question describes it ("who spoke
at last night's council meeting", "the board on 3 March"), or the latest one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence, Set

from bot.analysis import Analyser, words
from bot.answer_kinds import document_names
from bot.asking import DOCUMENT_KINDS
from bot.dates import MONTHS, StatedDate, stated_date
from bot.index import Index
from bot.models import Document

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
_KINDS = frozenset(DOCUMENT_KINDS)
# What a meeting's name says in other words: "the AGM" of the "annual meeting".
_ALIASES = {"agm": "annual", "egm": "extraordinary"}


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


def latest_document(documents: Sequence[Document]) -> Document | None:
    """The meeting with the latest stated date; the only document when none is dated."""
    ordered = latest_first(documents)
    if ordered and ordered[0].date:
        return ordered[0]
    return documents[0] if len(documents) == 1 else None


def latest_first(documents: Sequence[Document]) -> list[Document]:
    """The dated documents, latest first (by path on the same day), then the undated."""
    dated = sorted((d for d in documents if d.date), key=lambda d: (d.date or "", d.path))
    return [*reversed(dated), *(d for d in documents if not d.date)]


def meetings_named(
    subject: str, index: Index, documents: Sequence[Document], document: Document | None = None
) -> list[Document]:
    """The meetings `subject` names by the words of their titles, latest first: every word
    ("the harbour board minutes"), else every word but the generic ones ("the science
    committee hearing" for the committee's transcript). "open innovation" is a topic, though
    the title of a release about it says "Innovation"."""
    settled = _settled(subject, documents, document)
    if settled is not None:
        return settled
    analyser = index.analyser
    asked = set(analyser.query_terms(subject))  # not "discussion", "summary"
    generic = {t for w in _GENERIC for t in analyser.terms(w)}
    for wanted in (asked, asked - generic):  # "the AGM" alone names no meeting
        if not wanted:
            break
        named = [d for d in documents if wanted <= set(analyser.terms(document_names(d)))]
        if named:
            return latest_first(named)
    return []


def meetings_described(
    subject: str, index: Index, documents: Sequence[Document], document: Document | None = None
) -> list[Document]:
    """The meetings `subject` describes ("the museum trust board in October", "last night's
    council meeting", "the board on 3 March", "the release"), latest first.

    A date it states must be the meeting's (see `bot.dates.stated_date`). Its other words
    pick the meeting (see `_best_described`); a subject of none ("last night's meeting",
    "the event") is the meeting itself. Of those, the kind of document the subject names is
    preferred ("the release", "the latest minutes")."""
    settled = _settled(subject, documents, document)
    if settled is not None:
        return settled
    stated = stated_date(subject)
    candidates = latest_first([d for d in documents if stated.fits(d.date)])
    wanted = _telling_words(subject, stated, index.analyser)
    if wanted <= _ALONE_GENERIC:
        meetings = _itself(candidates, documents)
    else:
        meetings = _best_described(wanted, candidates, documents, index)
    return _of_kind(subject, meetings, index)


def _settled(
    subject: str, documents: Sequence[Document], document: Document | None
) -> list[Document] | None:
    """The meetings meant before the subject's words are read: /ask's `document`; the
    meeting itself when the subject is empty; a document the subject names by path or
    title. None: the subject's words must be read."""
    if document is not None:
        return [document]
    if not subject:
        return _itself(latest_first(documents), documents)
    named = find_document(subject, documents)
    return [named] if named is not None else None


def _itself(candidates: list[Document], documents: Sequence[Document]) -> list[Document]:
    """ "The meeting" of a folder: its only document, else its dated ones, latest first."""
    return list(candidates) if len(documents) == 1 else [d for d in candidates if d.date]


def _telling_words(subject: str, stated: StatedDate, analyser: Analyser) -> set[str]:
    """The words of `subject` that can tell one meeting from another, case-folded: not the
    generic ("meeting") or relative ("last") ones, nor its date, nor numbers."""
    skipped = _GENERIC | _WHEN | set(stated.words)
    said = (word.casefold() for word in words(subject))
    return {w for w in said if w not in skipped and not w.isdigit() and analyser.query_terms(w)}


def _best_described(
    wanted: set[str], candidates: list[Document], documents: Sequence[Document], index: Index
) -> list[Document]:
    """Of `candidates`, the meetings `wanted` describes best, in their order.

    Each word must be said by some meeting's name (its title, meeting, organisation and
    date; "agm" of an "annual" one) or by what its opening passage is indexed under, else
    the subject is something the folder does not hold ("the health board's Audit and Risk
    Committee"). A meeting chosen says at least one in its name as written (so "plan" is not
    "Planning"), and the one the fewest meetings' names say ("planning" of "the planning
    committee"), and half of them at least in its name or opening; those whose names say
    most, then whose openings do, are chosen."""
    analyser = index.analyser
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
    return [d for d in candidates if said.get(d.path) == best]


def _of_kind(subject: str, meetings: list[Document], index: Index) -> list[Document]:
    """Of `meetings`, those that say the kind of document `subject` names ("the press
    release", "the agenda", "the transcript") in their name or opening, if any do."""
    kinds = {w.casefold() for w in words(subject)} & _KINDS
    return (_of_kinds(kinds, meetings, index) or meetings) if kinds else meetings


def _of_kinds(
    kinds: Set[str], meetings: Sequence[Document], index: Index, openings: bool = True
) -> list[Document]:
    """Those of `meetings` that say they are one of `kinds` of document ("agenda") in their
    name, or (with `openings`) in their opening; minutes may say "withdrawn from the
    agenda" there, so an agenda is asked for by name."""
    if not openings:
        return [d for d in meetings if kinds & _name_words(d)]
    stems = {t for kind in kinds for t in index.analyser.terms(kind)}
    held = _openings_holding(stems, meetings, index)
    return [d for d in meetings if kinds & _name_words(d) or held.get(d.path)]


def _openings_holding(
    terms: set[str], documents: Sequence[Document], index: Index
) -> dict[str, frozenset[str]]:
    """Which of `terms` each document's first passage (where a meeting says what it is) is
    indexed under, heading and speaker too: read from the postings, not analysed again."""
    firsts = [found[0] for d in documents if (found := index.passages_of(d.path))]
    held = index.held(terms, firsts)
    return {passage.document.path: said for passage, said in zip(firsts, held, strict=True)}


def _name_words(document: Document) -> set[str]:
    """The words of a meeting's title, meeting, organisation and date, case-folded, with
    what they also say in other words ("agm" of an "annual" meeting)."""
    said = {w.casefold() for w in words(document_names(document))}
    return said | {short for short, long in _ALIASES.items() if long in said}


def latest_agendas(meeting: str, index: Index, documents: Sequence[Document]) -> list[Document]:
    """The latest agenda of the meeting named, else of each series of agendas ("Agenda for
    the Board Meeting, 14 April 2026" and "…, 10 March 2026" are one): an old agenda's item
    is not on the agenda now."""
    if meeting:
        agenda = agenda_of(meeting, index, documents, None)
        return [agenda] if agenda else []
    latest: dict[str, Document] = {}
    for agenda in agendas_among(latest_first(documents), index):
        latest.setdefault(_series(agenda.title), agenda)
    return list(latest.values())


def _series(title: str) -> str:
    """A title without its date: the agendas of one body share it."""
    return " ".join(w for w in words(title.casefold()) if not w.isdigit() and w not in MONTHS)


def agenda_of(
    subject: str, index: Index, documents: Sequence[Document], document: Document | None
) -> Document | None:
    """The latest agenda of the meeting `subject` describes ("" for the next meeting), or
    None when no such document is an agenda."""
    meetings = meetings_described(f"{subject} agenda".strip(), index, documents, document)
    if not subject and document is None:  # the next meeting's: an undated agenda is one too
        meetings = [*meetings, *(d for d in documents if not d.date)]
    return next(iter(agendas_among(meetings, index)), None)


def agendas_among(meetings: Sequence[Document], index: Index) -> list[Document]:
    """Those of `meetings` named agendas ("Agenda for the Board Meeting"), not minutes that say
    "withdrawn from the agenda" nor a release that "sets out its agenda"."""
    others = _KINDS - {"agenda"} | {"press"}
    return [
        a
        for a in _of_kinds({"agenda"}, meetings, index, openings=False)
        if not others & set(words(f"{a.title} {a.path}".casefold()))
    ]
