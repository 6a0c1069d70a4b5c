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

import contextlib
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date

from bot.alternatives import covered, marked, read_question, weighted_query
from bot.analysis import CAPITALS, Analyser
from bot.answer_kinds import holds_answer
from bot.answering import highlight
from bot.attribution import names_another, names_only_another, turn_label
from bot.coverage import Coverage
from bot.dates import MONTH_NAMES, date_of, numeric_date, says_date, stated_date, writes_a_date
from bot.decisions import approves_minutes, bare, opens_item, recorded, topical
from bot.escaping import escape
from bot.index import Index
from bot.models import Citation, Document, Passage, Quote, Span, Summary
from bot.sentences import sentence_spans

# Minutes open with who was there; the names recur all through, which makes the list look
# central, but it is never what the meeting was about.
_ROLL_CALL = re.compile(
    r"\s*(?:[\w’']+\s+){0,2}?(?:present|in attendance|attending|apologies(?: for absence)?|"
    r"absent|attendees|members(?=\s*:))\s*(?::|–|—|-|\bwere\b|\bwas\b|\breceived\b)",
    re.I,
)
ROLL_CALL_SHARE = 0.2
# Who was there, not who sent apologies: "Members present:", "In attendance:", "Attendees –".
_PRESENT = re.compile(
    r"\s*(?!not\b)(?:[\w’']+\s+){0,2}?(?<!not )(?:present|in attendance|attending|attendees)"
    r"\s*(?::|–|—|-|\bwere\b|\bwas\b)",
    re.I,
)
_PRESENT_HEADING = re.compile(
    r"(?:(?:members|those|officers|councillors|board members) )?"
    r"(?:present|attendance|in attendance|attendees|attending)",
    re.I,
)
_AWAY = re.compile(r"\s*(?:[-*+•]\s*)?(?:apologies|absent)\b", re.I)
# Who was away: "Apologies were received from …", "Absent: …", "Cllr Ruth Mabey also sent
# her apologies", "Cllr Ede was absent"; not an apology to someone ("sent its apologies to
# residents"), nor "crews were absent because of flu".
_APOLOGY = re.compile(
    r"\bapologies\b[^.;]{0,60}?\b(?:from|received|sent|given|tendered|accepted|noted)\b|"
    r"\b(?:sends?|sent|gave|given|offered|tendered|received)\s+(?:[\w’']+\s+){0,2}?"
    r"apologies\b(?! to\b)|"
    r"^\s*(?:[-*+•]\s*)?(?:apologies|absent|absentees|not present)(?: for absence| with "
    r"apologies)?\s*[:–—-]\s*\S|"
    r"\b(?:was|were)\s+absent(?=\s*(?:[.;,]|$|from (?:the|this|today['’]s) meeting))|"
    r"\bapologised for (?:his|her|their) absence\b",
    re.I,
)
_APOLOGIES_HEADING = re.compile(
    r"(?:\d+\.?\s*)?(?:apologies(?: for absence)?|absent|absences|absentees)", re.I
)
# Apologies for something else: "for the late circulation of the papers", "for lateness".
_NOT_ABSENCE = re.compile(
    r"\bapolog\w* for (?!absence|(?:his|her|their) absence|(?:the|this|today['’]s|tonight['’]s)"
    r" meeting)\w",
    re.I,
)
# An agenda's duty, not a record: "To receive apologies", "The Clerk to report any apologies",
# "Members are asked to note any apologies received".
_AGENDA_DUTY = re.compile(
    r"\bto (?:receive|note|report|record|accept)\b|\bany apologies\b|\basked to\b", re.I
)
SPEAKERS_LIMIT = 12  # "Who spoke?": at most this many, if one message holds them
OMITTED_CHARS = 50  # "- … and 12 more speakers in the document."
ROLL_CALL_PASSAGES = 12  # minutes list who was there before their first item
OPENING_PASSAGES = 6  # where minutes and transcripts say when and where they met
NEAR_DAYS = 7  # a file dated this near a meeting it says was held is about that meeting
# Not when this meeting was: the next one's date, a release's date of issue.
_NEXT_MEETING = re.compile(r"\b(?:next|following|future)\s+(?:\w+\s+){0,2}?meeting\b", re.I)
_ISSUED = re.compile(r"\b(?:released|published|issued|embargo(?:ed)?|release)\b", re.I)
# A release's dateline: "INCHMORROW, 20 October 2027 – …", "LONDON (12 May) -".
_DATELINE = re.compile(r"[A-Z][A-Z .,'’-]{2,40}[,(–—-]\s*\(?\d")
_AHEAD = re.compile(
    r"\b(?:(?:will|shall) (?:be held|meet|take place|convene|sit)|(?:is|are) to (?:be held|meet)"
    r"|(?:is|are) due to (?:be held|meet|take place)|meets on)\b",
    re.I,
)
# Said to have been held then: "held on Tuesday 6 April", "held on Tuesday the 6th of April",
# "met on 09/03/2027", "held this week" (a capital month: "on 6 occasions" is no date).
_HELD_ON = re.compile(
    r"\b(?i:held|met|meets|took place|convened|sat)\s+(?:\S+\s+){0,8}?"
    r"(?:on\s+(?:\w+day\s+)?(?:(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Z][a-z]+"
    r"|\d{1,2}/\d{1,2}/\d{2,4})"
    r"|(?:this|last) (?:week|month)|today|yesterday)\b",
)
CONTEXT_SENTENCES = 4  # how far back a bare outcome's motion is looked for
# A member putting the motion: "Cllr Tom Ellery proposed an increase …", "Motion: That …".
_MOVED = re.compile(
    r"(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bthis )(?<!\bits )(?<!\btheir )"
    r"\b(?:proposed|moved|put forward)\b|^\W*(?:motion|proposal)\b",
    re.I,
)  # "proposed, and Dr Raman seconded, …", "moved approval of …"; not "the proposed increase"
# The chair calling the vote: "All those in favour?", "Those against?", "Any abstentions?"
_VOTE_CALL = re.compile(
    r"(?:(?:all )?those (?:in favour|in favor|against)|any abstentions|abstentions"
    r"|who is in favour|hands up(?: those)? in favour)\W*\?",
    re.I,
)
DECISIONS_LIMIT = 10  # decisions of one meeting shown; the rest are counted
ATTENDANCE_LIMIT = 12  # lines of a roll call: a list of members is one line, or one each
_LIST_ITEM = re.compile(r"(\d{1,2})\.\s")
# A heading numbering an agenda item: "5. Budget", "5) Budget", "Item 5: Budget", "Agenda item 5"
# (not a sub-item, "Item 5.1").
_HEADING_ITEM = re.compile(r"(?:(?:agenda\s+)?item\s+(\d{1,2})\b(?!\.\d)|(\d{1,2})[.)]\s)", re.I)
_BULLET = re.compile(r"\s*[-*+•]\s")  # "- Mr Tom Hale, Head of Libraries": a list's line
LIST_CHARS = 1890  # one 2,000-character message less a summary's fixed wording
QUOTE_OVERHEAD = 20  # "- " and " [12]" around each quote, and "[12] ¶34 · " below
LABEL_OVERHEAD = 6  # "**…**: " around the item a decision was taken under
LABEL_LIMIT = 90  # characters of a heading shown as a label
ITEM_TERMS = 3  # a list's items say at least this much (its middle item does)
_PRONOUN = re.compile(r"(?:He|She|They|It)\b")  # reported speech: "She added that …"
# Running the meeting rather than saying something: never a speaker's key quote when they
# said anything else. An instruction ("Members in the room, please raise your voting
# cards."), a greeting, thanks or a welcome that says little else ("Thank you very much
# indeed, Councillor Ruiz, for that report."), calling the next speaker or moving the
# meeting on ("I call on Councillor Ruiz to introduce the report.", "We'll now vote on
# the motion."), introducing the panel ("With me are …"), coming and going or declaring an
# interest ("Councillor Stallybrass returned to the meeting."); not "Thanks to the new
# grant, …", "I call on the county to …" or "We will start the works in April". A reported
# question ("asked whether …") is often all a member said in minutes, so it is not here.
_PROCEDURAL = re.compile(
    r"\bplease\b(?! (?:note|be aware))"
    r"|^(?:I|we) (?:now )?(?:call on|invite) (?:Councillor|Cllr|Mr|Mrs|Ms|Dr|Professor)\b"
    r"|^(?:let's|let us|we'll|we will) now (?:vote|move|turn|take|hear)|^I now call\b"
    r"|\b(?:we'll|we will) (?:now )?hear from (?-i:[A-Z])"  # a speaker, not "from residents"
    r"|\b(?:left|rejoined|returned to|remained in|re-entered|arrived at|joined) the "
    r"(?:room|chamber|meeting)\b|\bdeclared an? (?:[\w-]+ ){0,3}?interest\b"
    r"|\binterests? (?:was|were) declared\b|^with me (?:here )?(?:are|is|tonight|today)\b",
    re.I,
)
_SMALL_TALK = re.compile(
    r"(?:thank you|thanks(?! to)|good (?:morning|afternoon|evening)|hello|welcome"
    r"|(?:let's|let us) (?:begin|start|move on|turn to))\b",
    re.I,
)
SMALL_TALK_WORDS = 12  # a greeting, thanks or a move on this short, with no figure, is all it says


def procedural(text: str) -> bool:
    """Whether `text` runs the meeting rather than says something (see `_PROCEDURAL`)."""
    if _PROCEDURAL.search(text):
        return True
    small = _SMALL_TALK.match(text) and len(text.split()) <= SMALL_TALK_WORDS
    return bool(small) and not any(c.isdigit() for c in text)


_ENDED = re.compile(r"""[.!?…]["'”’)\]]*\s*$""")  # a sentence, not a headline
_DECISION = re.compile(
    r"\b(?:approved|agreed|decided|resolved|adopted|awarded|rejected|endorsed|voted|"
    r"carried(?! out)|appointed|elected|ratified|deferred|postponed)\b",
    re.I,
)
_FIGURE = re.compile(r"[£$€¥]\s?\d|\d\s?(?:%|(?:percent|per cent|million|billion)\b)", re.I)
# What follows a release's end, a line "ENDS" or "Notes to editors", is background.
_BACKGROUND = re.compile(
    r"^\W*(?:ends\W*$|(?:ends\W+)?notes? (?:to|for) (?:the )?editors?\b)", re.I | re.M
)  # "Notes to editors:" may run into its first note
# A release's banner ("NORTHVALE RAIL USERS' FORUM – PRESS RELEASE") says who, not what.
_BANNER = re.compile(r"\b(?:press release|news release|for immediate release|embargoed)\b", re.I)
TOPIC_SHARE = 0.5  # of the best sentence's coverage of a topic, that another must cover
MIN_OUTCOMES = 2  # decisions that make the summary before an agenda's numbered headings
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
    heading: bool = False  # the passage's heading ("5. Chief Executive's report"), not a sentence
    context: bool = False  # what a bare outcome decided: shown with it, not counted as an item


def summarise_document(
    document: Document, index: Index, max_sentences: int = 5, kind: str = "document"
) -> Summary:
    """The `max_sentences` most central sentences of `document`."""
    scored = _scored(document, index)
    if not scored:
        return Summary(document.title, kind, document=document)
    voices = _voices(scored)
    # Speakers' words are heard below: above, what the document itself states.
    narration = [s for s in scored if not (voices and s.passage.speaker)]
    # The authors' own summary (an agenda's items, the minutes' decisions), else the
    # decisions as each item recorded them, a chair's spoken ones too.
    items = _numbered_list(narration)
    decisions = False  # few of them leave room for the most central sentences besides
    if not items:
        outcomes = _outcomes(scored, index)
        headings = _numbered_headings(scored, index)  # an agenda's items as its headings
        decided = sum(1 for s in outcomes if not s.context)
        decisions = bool(outcomes) and (decided >= MIN_OUTCOMES or not headings)
        items = outcomes if decisions else headings
        if decisions:  # a chair's tally is heard above, not again below
            voices = _voices([s for s in scored if not _within(s, items)])
    # With speakers quoted below, fewer sentences above keep the reply within one message.
    room = max_sentences - min(2, len(voices))
    omitted = 0
    labelled = decisions and len({s.passage.heading for s in items}) > 1
    if items:
        fill = room if decisions else 0  # a list is its own summary
        chosen, voices = _with_items(document, items, narration, voices, fill, labelled)
        omitted = sum(1 for s in items if not s.context and s not in chosen)
    else:
        chosen = _diverse(_gist([s for s in narration if not _within(s, voices)]), room)
    chosen.sort(key=lambda s: s.order)
    labels = _item_labels(chosen, items, document) if labelled else {}
    summary = _summary(document.title, kind, chosen, set(), index, document, voices, labels)
    return replace(summary, omitted=omitted) if omitted else summary


def _scored(document: Document, index: Index) -> list[_Sentence]:
    """Every sentence of `document` before its background notes, scored by how central it
    is to the document, with what readers look for (decisions, figures) weighed up."""
    analyser = index.analyser
    passages = index.passages_of(document.path)
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
        return []
    total = len(sentences)
    scored = []
    for s in sentences:
        # Weight of the sentence's words elsewhere in the document, per sqrt(length).
        # Numbers and two-letter codes recur as dates and references ("Paper HB/26/14"),
        # not as what the document is about: they do not make a sentence central.
        shared = sum((counts[t] - 1) * index.weight(t) for t in s.terms if topical(t))
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
    return scored


def summarise_speakers(document: Document, index: Index, limit: int = SPEAKERS_LIMIT) -> Summary:
    """Who spoke, each with their key quote (as a summary's "Who spoke" part chooses it), in
    order of first appearance; the speakers past `limit`, or past one message, are counted."""
    everyone = _voices(_scored(document, index), limit=None)
    shown = _fitting(document, everyone[:limit])
    summary = _summary(document.title, "speakers", [], set(), index, document, voices=shown)
    return replace(summary, omitted=len(everyone) - len(shown))


def summarise_decisions(document: Document, index: Index, limit: int = DECISIONS_LIMIT) -> Summary:
    """What the meeting decided: the minutes' own numbered list when half its items or more
    are decisions ("1. The board approved …"; not an agenda's items), else each decision
    where it was recorded, with its tally and what a bare "Carried." decided, under the
    item it was taken under when there are several ("5. Elsbridge boathouse")."""
    scored = _scored(document, index)
    listed = _numbered_list(scored)
    labels: dict[int, str] = {}
    if listed and _mostly_decisions(listed):
        decided = listed
    else:
        decided = _outcomes(scored, index)
        if len({s.passage.heading for s in decided}) > 1:
            labels = _item_labels(decided, decided, document)
    shown = _fitting(document, decided[:limit], labels)
    while shown and shown[-1].context:  # what was decided, without the decision: no
        shown.pop()
    labels = {
        order: label for order, label in labels.items() if any(s.order == order for s in shown)
    }
    summary = _summary(document.title, "decisions", shown, set(), index, document, labels=labels)
    return replace(summary, omitted=sum(1 for s in decided[len(shown) :] if not s.context))


def _mostly_decisions(items: list[_Sentence]) -> bool:
    """Whether half a list's items or more say a decision ("approved", "agreed"): the
    minutes' list of decisions, not an agenda's items."""
    return 2 * sum(1 for s in items if _DECISION.search(_text(s))) >= len(items)


def _fitting(
    document: Document, lines: list[_Sentence], labels: dict[int, str] | None = None
) -> list[_Sentence]:
    """As many of `lines` as one message holds with the document's title and date (and,
    when some are left out, the line counting them), each whole, in order."""
    if _chars(lines) + _labels_chars(lines, labels) <= _message_room(document):
        return list(lines)
    room = _message_room(document) - OMITTED_CHARS  # "… and 3 more" will be shown too
    shown: list[_Sentence] = []
    for line in lines:
        room -= _chars([line]) + _labels_chars([line], labels)
        if room < 0 and shown:
            break
        shown.append(line)
    return shown


def _labels_chars(lines: list[_Sentence], labels: dict[int, str] | None) -> int:
    labels = labels or {}
    return sum(len(escape(labels[s.order])) + LABEL_OVERHEAD for s in lines if s.order in labels)


def summarise_when(document: Document, index: Index) -> Summary:
    """When and where the meeting was, as its opening says it: the first sentence of its
    first passages that gives the file's own date, one saying it was held then first
    ("Minutes of the meeting held on Tuesday 6 April 2027 at 10:00 in the Council
    Chamber"); for an undated file, the first saying it was held on a date or this week
    ("held this week in Guangzhou"); for one dated otherwise (a release issued the day
    after), the first saying it was held within `NEAR_DAYS` of that date. Never the next
    meeting's date, the last meeting's minutes, a release's date of issue or its dateline,
    nor a meeting still to come."""
    sentences = [
        (passage, start, end)
        for passage in index.passages_of(document.path)[:OPENING_PASSAGES]
        for start, end in sentence_spans(passage.text)
        if not _not_this_meeting(passage.text[start:end])
    ]
    held = [(p, a, b) for p, a, b in sentences if _HELD_ON.search(p.text[a:b])]
    if date_of(document.date) is not None:  # its own date said, held on it first
        dated = [(p, a, b) for p, a, b in sentences if says_date(p.text[a:b], document.date)]
        near = [
            (p, a, b) for p, a, b in held if _days_from(p.text[a:b], document.date) <= NEAR_DAYS
        ]
        held = [s for s in dated if s in held] or dated or near  # a release issued a day on
    if not held:
        return Summary(document.title, "when", document=document)
    passage, start, end = held[0]
    chosen = [_Sentence(passage, 0, start, end, frozenset())]
    return _summary(document.title, "when", chosen, set(), index, document)


def summarise_coming(agenda: Document, index: Index, times: bool = False) -> Summary:
    """When an agenda's meeting is, as its opening says it: the line naming its date ("Date:
    Wednesday 31 May 2028", "The board will meet on …"), else its first sentence giving a
    date that is no deadline, nor the agenda's own ("Papers circulated on 20 May", "must
    reach the clerk by 24 May"), nor the next meeting's; with `times` (asked "What time
    …?"), its time line ("Time: 10.00am") too, in reading order."""
    lines = [
        (passage, start, passage.text[start:end])
        for passage in index.passages_of(agenda.path)[:OPENING_PASSAGES]
        for start, end in sentence_spans(passage.text)
    ]
    dated = [line for line in lines if writes_a_date(line[2]) and not _not_its_date(line[2])]
    named = [line for line in dated if _MEETING_DATE.match(line[2]) or _AHEAD.search(line[2])]
    timed = [line for line in lines if times and _MEETING_TIME.match(line[2])]
    chosen = sorted({*timed[:1], *(named or dated)[:1]}, key=lambda line: (line[0].n, line[1]))
    if not chosen:
        return Summary(agenda.title, "when", document=agenda)
    quoted = [_Sentence(p, 0, start, start + len(text), frozenset()) for p, start, text in chosen]
    return _summary(agenda.title, "when", quoted, set(), index, agenda)


def summarise_venue(agenda: Document, index: Index) -> Summary:
    """Where an agenda's meeting is, as its opening says it: the first line naming its venue
    ("Venue: Council Chamber, Shire Hall", "Location: online"). None found: not found (the
    question is then searched for)."""
    for passage in index.passages_of(agenda.path)[:OPENING_PASSAGES]:
        for start, end in sentence_spans(passage.text):
            line = passage.text[start:end]
            if _OPENING_LABEL.match(line) and _MEETING_VENUE.search(line):
                chosen = [_Sentence(passage, 0, start, end, frozenset())]
                return _summary(agenda.title, "when", chosen, set(), index, agenda)
    return Summary(agenda.title, "when", document=agenda)


def summarise_next(document: Document, index: Index) -> Summary:
    """When and where the next meeting is, as a meeting's last lines say it: its first
    sentence naming the next (or following) meeting with a date ("The next meeting will be
    held on Tuesday 4 May 2027 at 10:00 in the Council Chamber"), its date after it; not one
    that dates something else and brings it back to the next meeting ("… a site visit on
    Monday 19 April, and be brought back to the next meeting")."""
    for passage in index.passages_of(document.path):
        for start, end in sentence_spans(passage.text):
            text = passage.text[start:end]
            if (named := _NEXT_MEETING.search(text)) and writes_a_date(text[named.end() :]):
                chosen = [_Sentence(passage, 0, start, end, frozenset())]
                return _summary(document.title, "next", chosen, set(), index, document)
    return Summary(document.title, "next", document=document)


# An agenda's line dating its meeting ("Date: Wednesday 31 May 2028", "Meeting date: …"),
# its time ("Time: 10.00am"), and dates that are not the meeting's.
_MEETING_DATE = re.compile(r"\s*(?:meeting )?(?:date|when)(?: and time)?\s*[:–-]", re.I)
_MEETING_TIME = re.compile(r"\s*(?:meeting |start )?time\s*[:–-]", re.I)
# An agenda's line placing its meeting: a line of its opening's labels ("Venue: Shire Hall",
# "- Meeting location – Room 2", "Place: Council Chamber", "Date: … Time: 10:00 Venue: …",
# "DATE: … VENUE: …") that names the place with a label of its own: at the line's start, or
# past it written as a label (capitalised, before a colon or a spaced dash);
# not an item about a venue ("2. Festival venue: options"), nor "When: … the festival
# venue – options".
_PLACES = r"venue|location|where|place(?: of (?:the )?meeting)?|location of (?:the )?meeting"
_SEPARATOR = r"\s*(?::|[–—]|-(?!\w))"  # "Venue: …", "Venue – …", "Venue- …"; not "Venue-hire"
_OPENING_LABEL = re.compile(
    r"\s*(?:[-*•]\s+)?[*_]*(?:meeting |start )?"
    rf"(?:date(?: and (?:time|venue|place|location))?|time|when|{_PLACES})[*_]*{_SEPARATOR}",
    re.I,
)
_MEETING_VENUE = re.compile(
    rf"^\s*(?:[-*•]\s+)?(?i:[*_]*(?:meeting )?(?:date and )?(?:{_PLACES})[*_]*){_SEPARATOR}"
    r"|\s[*_]*(?:Venue|VENUE|Location|LOCATION|Where|WHERE|Place|PLACE)[*_]*\s*(?::|\s[–—-]\s)"
)
_DUE = re.compile(
    r"\b(?:circulated|despatched|dispatched|by|before|no later than|deadline|must)\b", re.I
)


def _not_its_date(text: str) -> bool:
    """Whether `text` dates something else than an agenda's meeting: the next meeting, the
    agenda's issue, a deadline ("must reach the clerk by 24 May")."""
    return bool(_NEXT_MEETING.search(text) or _ISSUED.search(text) or _DUE.search(text))


# A year written with its day and month: "6 April 2026", "April 6th, 2026".
_DATED_YEAR = re.compile(
    rf"(?:\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTH_NAMES})|(?:{MONTH_NAMES})\s+"
    rf"\d{{1,2}}(?:st|nd|rd|th)?),?\s+(\d{{4}})\b"
)


def _days_from(text: str, iso: str | None) -> int:
    """How many days the day and month `text` states lie from the date `iso`, in the
    nearest year that fits; a large number when either states none."""
    said, when = stated_date(text), date_of(iso)
    if when is None or said.month is None or said.day is None:
        return 1 << 30
    # The year written with that day ("6 April 2026", "06/04/2026"), else the file's or one
    # either side ("met on 30 December", released 2 January; "the fees for 2028" and "from 1
    # January 2028" are another thing's).
    attached = _year_written_with(text, said.month, said.day)
    years = {attached} if attached else {when.year - 1, when.year, when.year + 1}
    gaps = []
    for year in years:
        with contextlib.suppress(ValueError):  # "31 February"
            gaps.append(abs((date(year, said.month, said.day) - when).days))
    return min(gaps, default=1 << 30)


def _year_written_with(text: str, month: int, day: int) -> int | None:
    """The year `text` writes with the day `day` of `month`, if any."""
    dated = [(stated_date(found.group()), int(found[1])) for found in _DATED_YEAR.finditer(text)]
    for written, year in dated:
        if (written.month, written.day) == (month, day):
            return year
    for word in text.split():
        numeric = numeric_date(word.strip(".,;:!?()"))
        if numeric and numeric[1:] == (month, day):
            return numeric[0]
    # The month's, when the day read is another number near it ("met at 10 on 6 April 2026").
    return next((year for written, year in dated if written.month == month), None)


def _not_this_meeting(text: str) -> bool:
    """Whether `text` dates something else: the next meeting, the last one's minutes, a
    release's issue; or this one, but ahead ("The board will meet on …": an agenda, which
    "When was the meeting?" does not ask of)."""
    return bool(
        _NEXT_MEETING.search(text) or _ISSUED.search(text) or _DATELINE.match(text)
        or approves_minutes(text) or _AHEAD.search(text)
    )  # fmt: skip


def summarise_attendance(
    document: Document, index: Index, limit: int = ATTENDANCE_LIMIT
) -> Summary:
    """Who was at the meeting, as its minutes list them: the roll call's lines ("Members
    present: …", "In attendance: …") and a "Present" section's list, in order; not who sent
    apologies or was absent. Past `limit` lines, the rest are counted, not shown."""

    def present(text: str, listed: bool) -> bool:
        return (listed or bool(_PRESENT.match(text))) and not _AWAY.match(text)

    return _roll_call(document, index, "attendance", _PRESENT_HEADING, present, limit)


def summarise_apologies(document: Document, index: Index, limit: int = ATTENDANCE_LIMIT) -> Summary:
    """Who sent apologies or was absent, as the minutes' opening records it, in order; not
    an agenda's "To receive apologies for absence". Past `limit` lines, the rest are counted.
    Minutes with a roll call and no apologies have none: their roll call is quoted, as
    kind "no_apologies", rather than an older meeting's apologies."""

    def away(text: str, listed: bool) -> bool:
        if _AGENDA_DUTY.search(text) or _NOT_ABSENCE.search(text):
            return False
        named = listed and holds_answer("person", text, (), index.analyser)  # "- Cllr Jo Hale"
        return named or bool(_APOLOGY.search(text))

    found = _roll_call(document, index, "apologies", _APOLOGIES_HEADING, away, limit)
    if found.found:
        return found
    present = summarise_attendance(document, index, limit)  # a roll call and no apologies: none
    return replace(present, kind="no_apologies") if present.found else found


def _roll_call(
    document: Document,
    index: Index,
    kind: str,
    heading: re.Pattern[str],
    keep: Callable[[str, bool], bool],
    limit: int,
) -> Summary:
    """The lines of the meeting's opening passages that `keep` takes (told whether they are
    under a `heading` that lists them), each list line shown as a line of its own."""
    lines: list[_Sentence] = []
    for passage in index.passages_of(document.path)[:ROLL_CALL_PASSAGES]:
        listed = bool(passage.heading and heading.fullmatch(passage.heading.strip()))
        for start, end in sentence_spans(passage.text):
            if keep(passage.text[start:end], listed):
                if bullet := _BULLET.match(passage.text, start, end):
                    start = bullet.end()
                lines.append(_Sentence(passage, len(lines), start, end, frozenset()))
    shown = _fitting(document, lines[:limit])
    summary = _summary(document.title, kind, shown, set(), index, document)
    return replace(summary, omitted=len(lines) - len(shown))


def _with_items(
    document: Document,
    items: list[_Sentence],
    narration: list[_Sentence],
    voices: list[_Sentence],
    room: int,
    labelled: bool,
) -> tuple[list[_Sentence], list[_Sentence]]:
    """The opening (where and when: "The board met on Monday 2 March 2026 …"), then as many
    items as one message holds beside two speakers; with few items, the most central other
    sentences; then the other speakers that still fit. Returns the sentences and speakers.
    With `labelled`, each item heading shown (see `_item_labels`) takes room too."""
    rest = [s for s in narration if not _within(s, items + voices)]
    opening = [s for s in _gist(rest) if not _LIST_ITEM.match(_text(s))][:1]
    room_chars = _message_room(document) - _chars(opening + voices[:2])
    headed = _unlabelled(document, opening)  # and, as they are shown, the headings paid for

    def cost(s: _Sentence) -> int:
        heading = s.passage.heading
        if not labelled or not heading or heading in headed:
            return _chars([s])
        headed.add(heading)
        return _chars([s]) + len(escape(_label(heading))) + LABEL_OVERHEAD

    chosen = list(opening)
    for item in items:
        room_chars -= cost(item)
        if len(chosen) > len(opening) and room_chars < 0:
            break
        chosen.append(item)
    while chosen and chosen[-1].context:  # what was decided, without the decision: no
        chosen.pop()
    if len(chosen) < room and len(chosen) - len(opening) == len(items):
        others = [s for s in rest if s not in opening and not _within(s, items)]
        for s in _diverse(_gist(others), room - len(chosen)):
            if (needed := cost(s)) <= room_chars:
                chosen.append(s)
                room_chars -= needed
    more = voices[2:]
    while more and _chars(more) > room_chars:
        more.pop()
    return chosen, voices[:2] + more


def _item_labels(
    chosen: list[_Sentence], items: list[_Sentence], document: Document
) -> dict[int, str]:
    """The heading each item was taken under ("5. Elsbridge boathouse"), shown once, before
    the first sentence quoted under it (in reading order); not the document's title, nor
    the heading of the opening line unless it numbers an item: they say nothing of one."""
    shown = _unlabelled(document, [s for s in chosen[:1] if s not in items])
    labels: dict[int, str] = {}
    for s in chosen:
        heading = s.passage.heading
        if heading and heading not in shown:  # once: the room was counted once
            labels[s.order] = _label(heading)
            shown.add(heading)
    return labels


def _unlabelled(document: Document, opening: list[_Sentence]) -> set[str | None]:
    """Headings never shown as a label: the title, and the opening line's heading unless it
    numbers an item (the opening under "## 2. Land north of Mill Lane" is item 2's)."""
    headings = (s.passage.heading for s in opening)
    return {document.title, *(h for h in headings if h and not _HEADING_ITEM.match(h))}


def _label(heading: str) -> str:
    """A heading short enough to label a line (a long one cut at a word, with "…")."""
    if len(heading) <= LABEL_LIMIT:
        return heading
    return heading[:LABEL_LIMIT].rsplit(" ", 1)[0].rstrip(" ,;:–-") + "…"


def _numbered_headings(sentences: list[_Sentence], index: Index) -> list[_Sentence]:
    """The document's headings, when they number its items ("### 5. Chief Executive's
    report (10:35)", "Item 5: …") as a list would, each cited by the first passage under it."""
    firsts: dict[str, _Sentence] = {}
    for s in sentences:
        heading = s.passage.heading
        if heading and heading not in firsts:
            terms = frozenset(index.analyser.terms(heading))
            firsts[heading] = _Sentence(s.passage, s.order, 0, 0, terms, s.score, heading=True)
    return _numbered_list(list(firsts.values()))


def _gist(sentences: list[_Sentence]) -> list[_Sentence]:
    """The sentences that may state a document's gist: not a word or two ("Papers."), a
    release's banner ("… – PRESS RELEASE"), a roll call ("Present: …") or a bullet of one,
    nor the last minutes' approval."""
    return [
        s for s in sentences
        if len(s.terms) >= ITEM_TERMS and not _BANNER.search(_text(s))
        and not _ROLL_CALL.match(_text(s)) and not _BULLET.match(_text(s))
        and not approves_minutes(_text(s))
    ]  # fmt: skip


def _message_room(document: Document) -> int:
    """What a list summary's quotes may take: its title, date, place and link are shown too."""
    shown = [document.title, document.title, document.date, document.date, document.place]
    return LIST_CHARS - sum(len(part or "") for part in [*shown, document.url])


def _within(s: _Sentence, quotes: list[_Sentence]) -> bool:
    """Whether `s` overlaps one of `quotes` (a quote may join two sentences)."""
    return any(q.passage.id == s.passage.id and q.start < s.end and s.start < q.end for q in quotes)


def _numbered_list(sentences: list[_Sentence]) -> list[_Sentence]:
    """The items of the document's longest numbered list ("1. The board approved …",
    "2. …"), in reading order, if it has three items or more that say something: items
    count on (1, 2, 3, across headings too), a restart at 1 begins another list, and a
    table of contents ("1. Introduction.") is no summary."""
    lists: list[list[_Sentence]] = []
    last = -1
    for s in sentences:  # in reading order
        if s.heading:
            found = _HEADING_ITEM.match(_text(s))
        else:
            found = _LIST_ITEM.match(s.passage.text, s.start)
        if not found:
            continue
        number = int(next(group for group in found.groups() if group))
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
        if passage.heading and _BACKGROUND.fullmatch(passage.heading.strip()):
            return
        marker = _BACKGROUND.search(passage.text)
        yield passage, marker.start() if marker else len(passage.text)
        if marker:
            return


def _outcomes(sentences: list[_Sentence], index: Index) -> list[_Sentence]:
    """The sentences that record decisions and tallies ("RESOLVED (9 for, 0 against): …",
    "That is five in favour and one against. The proposal is carried."), in reading order.
    A bare "The motion was carried." comes with what it decided (marked `context`); a
    tally just after a decision is its detail; sentences side by side are quoted as one."""
    analyser = index.analyser
    found: list[_Sentence] = []
    last_decision = -9
    for s in sentences:
        kind = recorded(_text(s), analyser)
        if kind is None or (kind == "tally" and s.order - last_decision <= 2):
            continue  # "Councillors Cole and Fenwick voted against." after "RESOLVED (6 for, …)"
        last_decision = s.order if kind == "decision" else last_decision
        said = _what_it_decided(s, sentences, analyser) if bare(_text(s), analyser) else []
        if bare(_text(s), analyser) and not said:
            continue  # "Good, that's agreed." alone says nothing a reader can use
        for t in [*said, s]:
            if not any(f.passage.id == t.passage.id and f.start == t.start for f in found):
                found.append(t)
    return _joined(sorted(found, key=lambda s: s.order))


def _what_it_decided(
    s: _Sentence, sentences: list[_Sentence], analyser: Analyser
) -> list[_Sentence]:
    """The sentences before a bare outcome, back to the one naming what was decided
    ("Motion: That the contract be awarded to …" / "Vote: 6 in favour." / "The motion was
    carried."), as its context: within its item (heading, "Item 6:") and its speaker's
    turn (an outcome no one is named for looks back past speakers' paragraphs for the
    motion: "Cllr Ellery proposed that …", not "Cllr Ruiz said it could not be afforded");
    not a question, though past the chair's call of the vote ("Now the budget. The
    proposal is … All those in favour? / That is five in favour and one against. / The
    proposal is carried.")."""
    tallies: list[_Sentence] = []
    for earlier in reversed(sentences[max(0, s.order - CONTEXT_SENTENCES) : s.order]):
        text = _text(earlier)
        same = earlier.passage.heading == s.passage.heading and (
            s.passage.speaker in (None, earlier.passage.speaker)
        )  # minutes record an outcome under no one's name, after who proposed it
        if same and earlier.passage.speaker != s.passage.speaker and not _MOVED.search(text):
            continue  # into a speaker's paragraph only for the motion: not "She opposed it …"
        label = turn_label(text)  # another speaker's turn, not a "Vote:" label
        if same and _VOTE_CALL.fullmatch(text.strip()):
            continue  # "All those in favour?" between the motion and its tally
        if not same or text.rstrip().endswith("?") or (label and " " in label.group("name")):
            break
        if recorded(text, analyser) == "tally":  # the tally is its detail, not what it decided
            tallies.insert(0, replace(earlier, context=True))
            continue
        if opens_item(text) or not bare(text, analyser):
            return [replace(earlier, context=True), *tallies]
        if holds_answer("vote", text, (), analyser):  # not "Please raise your cards."
            tallies.insert(0, replace(earlier, context=True))
    return tallies


def _joined(sentences: list[_Sentence]) -> list[_Sentence]:
    """Sentences in reading order, with those that follow one another on one line of a
    passage as one (not across a turn: "… against. Clerk: The motion is carried.")."""
    joined: list[_Sentence] = []
    for s in sentences:
        last = joined[-1] if joined else None
        between = s.passage.text[last.end : s.start] if last else ""
        if (
            last
            and last.passage.id == s.passage.id
            and between.isspace()
            and "\n" not in between
            and not turn_label(s.passage.text, s.start)
        ):
            joined[-1] = replace(
                last, end=s.end, terms=last.terms | s.terms, context=last.context and s.context
            )
        else:
            joined.append(s)
    return joined


def _chars(quotes: list[_Sentence]) -> int:
    """Room `quotes` take in a message: a speaker is named beside the quote and its citation."""
    return sum(len(_text(s)) + QUOTE_OVERHEAD + 2 * len(s.passage.speaker or "") for s in quotes)


def _text(s: _Sentence) -> str:
    return (s.passage.heading or "") if s.heading else s.passage.text[s.start : s.end]


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


def _voice_rank(s: _Sentence) -> tuple[bool, bool, bool, bool, bool, bool, bool, bool, float]:
    """Their own words: not a sentence about someone else that shares their paragraph
    ("Gareth Lowe advised …" under Rachel Penhaligon's), nor who they are ("Patrick
    O'Shea, Dunmore Rowing Club."), nor what someone else did ("The motion was seconded by
    Dr Sunita Raman."), nor a headline their paragraph opens with; quoted words
    first, then what they said rather than asked, or than how they ran the meeting; a
    sentence that opens "She added …" reads badly alone."""
    text = _text(s)
    return (
        not names_another(text, s.passage.speaker or ""),
        not introduces(text, s.passage.speaker or ""),  # before all: it says nothing else
        not names_only_another(text, s.passage.speaker or ""),  # "… seconded by Dr Raman."
        bool(_ENDED.search(text)) or _last_of_several(s),  # a turn left unpunctuated
        any(mark in text for mark in '“"'),
        not text.rstrip().endswith("?"),
        not procedural(text),
        not _PRONOUN.match(text),
        s.score,
    )


# A speaker saying who they are: "Patrick O'Shea, Dunmore Rowing Club.", "Hi, I'm Hilary Van
# Wyk, membership secretary.", "My name is Ana Ruiz."
_INTRODUCTION = re.compile(
    r"(?:(?:hi|hello|yes|thanks|thank you|good (?:morning|afternoon|evening))[,.!]?\s+)?"
    r"(?:(?:I'm|I’m|I am|my name is|this is|it's|it’s)\s+)?"
    rf"(?P<name>(?-i:[{CAPITALS}][\w'’-]+(?:\s+(?:(?:de|da|di|du|van|von|der|den|le|la|al)\s+)?"
    rf"[{CAPITALS}][\w'’-]+){{0,3}}))\s*(?:[,.]|$)",
    re.I,
)
INTRODUCTION_WORDS = 10  # an introduction this short says nothing but who is speaking


def introduces(text: str, speaker: str) -> bool:
    """Whether `text` only says who `speaker` is ("Patrick O'Shea, Dunmore Rowing Club.")."""
    found = _INTRODUCTION.match(text)
    if not found or len(text.split()) > INTRODUCTION_WORDS or any(c.isdigit() for c in text):
        return False
    named = set(found.group("name").casefold().split())
    return bool(named & set(speaker.casefold().split()))


def _last_of_several(s: _Sentence) -> bool:
    """Whether `s` ends its paragraph after another sentence: a sentence, even unpunctuated
    (captions end a turn without a stop), where a headline opens its paragraph."""
    return s.start > 0 and not s.passage.text[s.end :].strip()


def _voices(sentences: list[_Sentence], limit: int | None = 6) -> list[_Sentence]:
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


def summarise_topic(
    topic: str, index: Index, max_sentences: int = 5, document: Document | None = None
) -> Summary:
    """The sentences that best cover `topic` across the documents, or in `document` only."""
    analyser = index.analyser
    reading = read_question(topic, analyser.query_terms(topic) or analyser.terms(topic), index)
    terms, links = reading.terms, reading.links
    query, boosts = weighted_query(terms, links)
    scope = [document.path] if document is not None else None
    hits = index.search(query, k=max_sentences * 2, documents=scope, boosts=boosts)
    measure = Coverage(index, terms, links)
    candidates = []
    for rank, hit in enumerate(hits):
        for start, end in sentence_spans(hit.passage.text):
            found = frozenset(covered(analyser.terms(hit.passage.text[start:end]), links))
            coverage = measure.of_said(found)
            if coverage > 0:
                # Better-ranked passages first among sentences of equal coverage; a sentence
                # running the meeting ("Tonight we'll hear from Rohan on the roof") after any
                # that says something of the topic.
                score = coverage + (len(hits) - rank) * 1e-3
                score -= 1.0 if procedural(hit.passage.text[start:end]) else 0.0
                candidates.append(_Sentence(hit.passage, rank, start, end, found, score))
    best = max((c.score for c in candidates), default=0.0)
    related = [c for c in candidates if c.score >= best * TOPIC_SHARE]
    chosen = _diverse(related, max_sentences, per_passage=2)
    chosen.sort(key=lambda s: (s.order, s.start))
    summary = _summary(topic, "topic", chosen, marked(measure.weights, links), index, document)
    return replace(summary, read_as=reading.read_as)


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
    labels: dict[int, str] | None = None,
) -> Summary:
    numbers: dict[str, int] = {}
    labels = labels or {}
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
        item = None if s in voices else labels.get(s.order)
        quotes.append(Quote(spans, numbers[s.passage.id], speaker, item))
    return Summary(subject, kind, tuple(quotes), tuple(citations), document)
