"""What a message asks of the bot when it is not a question about the documents' content:
a summary ("Summarise the meeting"), who spoke, who attended, what was decided, when and
where the meeting was, when the next one is; or what the bot can do ("help").

These are answered from a document's structure (its speakers, its roll call, its summary),
not by searching: "Who spoke at the harbour board meeting?" shares no word with what the
speakers said. Each reader returns the subject the request names ("" when it names none but
the meeting itself), or None when the message is a question like any other ("Who spoke
about the budget?", "Who attended as substitute for Councillor Heddle?").

Every reader's pattern is anchored at the start and takes the rest of the message whole,
then trims it, so a long message is read in linear time; the patterns searched within a
subject (`_TOPIC`, `_KIND`, `_ONE_ITEM`) have no nested repeats.
"""

from __future__ import annotations

import re

# What people put before the request in a chat: "@bot", "hi there,", "pls", "could you tell
# me", "I'd like to know". Left out before the request is read.
_PREAMBLE = re.compile(
    r"\s*(?:(?:@\S+|(?:hi|hey|hello|good (?:morning|afternoon|evening))"
    r"(?: there| all| everyone)?|ok|so|btw|thx|thanks|ty)[,!]?\s+)*"
    r"(?:(?:please|pls|plz)\s+)?"
    r"(?:(?:(?:can|could|would) (?:you|u)|do you know|pls|please)\s+"
    r"(?:(?:please|pls)\s+)?(?:(?:tell|show) (?:me|us)|let (?:me|us) know)\s+"
    r"|i'?d like to know\s+|i want to know\s+|(?:tell|show) (?:me|us)\s+)?",
    re.I,
)
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b"
)
# A date's first words: "on 14 September", "on the 3rd of May", "on Tuesday", "on May 3".
_DATE_START = (
    r"(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + _MONTH
    + "|"
    + _MONTH
    + r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\d{4}\b|\d{1,2}/\d{1,2}/\d{2,4}\b"
    r"|\d{1,2}(?:st|nd|rd|th)\b)"
)
# When, said after the verb: "Who spoke today?", "what was decided last night".
_WHEN_SAID = (
    r"(?:\s+(?:today|tonight|yesterday|last night|(?:this|last) (?:morning|afternoon|evening"
    r"|week|month)))?"
)


def _naming(group: str, prepositions: str = "at|in|during|from|of") -> str:
    """Where a request names its meeting: "at last night's council meeting", "on 14
    September" (not "on dredging": a topic), into the named `group`."""
    return (
        _WHEN_SAID + r"(?:\s+(?:" + prepositions + r"|on(?=\s+" + _DATE_START + r"))"
        r"\s+(?P<" + group + r">.*))?"
    )


# A subject that goes on to a topic ("the planning committee about Mill Lane", "the board
# on dredging", "… for the solar farm", "… in support of the budget", "from the parish
# council", "item 5"): the question asks about that, not for every speaker or decision.
_TOPIC = re.compile(
    r"\b(?:about|regarding|concerning|against|re|for|over|item|items|favour|favor|support"
    r"|to do with)\b|^from\b|\bon\s+(?!" + _DATE_START + r"|(?-i:[A-Z]))",  # "on Science"
    re.I,
)
# "Summarise the meeting", "Can you give me a summary of the budget debate?", "tl;dr",
# "What happened at the AGM?", "main takeaways from the hearing".
_SUMMARY_ASKED = re.compile(
    r"(?:please\s+|pls\s+)?(?:(?:can|could|would) (?:you|u)\s+)?(?:please\s+|pls\s+)?"
    r"(?:summari[sz]e|sum up|tl;?dr(?: of)?|(?:give|send) (?:me |us )?(?:a |an )?"
    r"(?:short |brief |quick )?(?:summary|recap|overview) of"
    r"|(?:a |an )?(?:short |brief |quick )?(?:summary|recap) of"
    r"|what happened(?=$|\s+(?:at|in|during)\s)(?:\s+(?:at|in|during))?"
    r"|(?:what (?:were|are) )?(?:the )?(?:main |key )?takeaways(?: from| of)?)"
    r"(?:\s+(?P<subject>.*))?$",  # greedy, then trimmed: a lazy one retries at every dot
    re.I | re.S,
)
# "Who spoke at the board meeting?", "Who were the speakers?", "What did the speakers say?",
# "who addressed the committee", "list of speakers pls"; not "who spoke about the budget".
_SPEAKERS_ASKED = re.compile(
    r"(?:"
    r"(?:who|which (?:people|speakers|members(?: of the public)?|officials|councillors"
    r"|residents))\s+(?:else\s+)?"
    r"(?:(?:all )?spoke|speaks|talked|presented|said anything|did the talk|commented"
    r"|contributed|had (?:their|a) say"
    r"|(?:is|are|was|were|will be|'s|’s) (?:speaking|presenting|quoted)|will (?:speak|present)"
    r"|made (?:speeches|remarks|comments|a speech|a presentation)"
    r"|gave (?:evidence|remarks|speeches|a speech|presentations|a presentation|a talk))"
    r"|who (?:were|are|was|is|will be) the (?:guest |main |keynote |key )?"
    r"(?:speakers?|presenters?|witnesses)"
    r"|what did (?:the )?(?:speakers|participants|people|everyone|each speaker) say"
    r"|who said what|(?:(?:list|name)(?: of)? )?(?:all )?(?:the )?speakers"
    r")" + _naming("subject", "at|in|during|from|of|to") + r"$"
    r"|who\s+(?:else\s+)?addressed\s+(?P<addressed>.*)$"
    r"|who(?:'s|’s) (?:speaking|presenting)" + _naming("speaking_at") + r"$",
    re.I | re.S,
)
# "Who attended the planning committee?", "Who was present at the board meeting?",
# "who turned up to the youth panel", "attendance list for the 3 March board meeting".
_ATTENDANCE_ASKED = re.compile(
    r"(?:"
    r"who\s+(?:else\s+)?(?:all\s+)?(?:attended|attends|went to|came to|took part in"
    r"|participated in|joined|(?:turned|showed) up(?: to| at| for)?|will (?:be )?attend(?:ing)?"
    r"|(?:was|were) (?:in|on) (?:the )?(?:meeting|call)"
    r"|(?:is|are) coming to|(?:was|were) (?:present|there|in attendance|in the room)"
    r"(?:\s+(?:at|in|for))?|(?:was|were) at)"
    r"|(?:who|which (?:councillors|members|people|officers|trustees|directors))\s+"
    r"(?:were|was) (?:present|there|in attendance)(?:\s+(?:at|in|for))?"
    r"|which (?:councillors|members|people|officers|trustees|directors) attended"
    r"|who(?:'s|’s) coming to"
    r"|who (?:were|are) the (?:attendees|participants|members present|people present"
    r"|members in attendance)(?:\s+(?:at|in|for|of))?"
    r"|(?:list (?:of )?)?(?:everyone|everybody|all|those) who (?:was|were) (?:present|there)"
    r"(?:\s+(?:at|in))?"
    r"|(?:(?:pls |please )?list (?:of )?)?(?:the )?(?:attendees|attendance(?: list)?|present)"
    r"(?:\s+(?:at|in|for|of))?"
    r")(?:\s+(?P<subject>.*))?$",
    re.I | re.S,
)
# "Who sent apologies to the transport committee?", "Who was absent?", "any apologies?",
# "who couldn't make it to the board meeting", "which councillors gave their apologies".
_APOLOGIES_ASKED = re.compile(
    r"(?:"
    r"(?:who|which (?:board |committee )?(?:councillors?|members?|people|officers?|trustees?"
    r"|directors?|governors?))\s+"
    r"(?:(?:sent|gave|offered|tendered|has sent|have sent)\s+(?:their\s+|his\s+|her\s+)?"
    r"apologies(?: for absence)?(?:\s+(?:to|for|at|from))?"
    r"|(?:was|were|is|are) (?:absent|away|missing)(?:\s+(?:from|at|for))?"
    r"|(?:could ?n[o'’]t|could not|did ?n[o'’]t|did not|was ?n[o'’]t|were ?n[o'’]t|wasn't able to"
    r"|was not able to|were not able to) (?:make it|attend|come|be there)(?:\s+(?:to|at))?"
    r"|missed)"
    r"|(?:did|has|have|were there) (?:anyone|anybody|any (?:members?|councillors?|apologies))"
    r"(?: (?:send|sent|give|given|offer|offered)(?: (?:their|any))? apologies)?(?: for absence)?"
    r"(?:\s+(?:to|for|at|from))?"
    r"|(?:(?:pls |please )?(?:list (?:of )?)?)?(?:any |the )?(?:apologies|absences|absentees)"
    r"(?: for absence)?(?:\s+(?:at|in|for|to|from|of))?"
    r")(?:\s+(?P<subject>.*))?$",
    re.I | re.S,
)
# "What's on the agenda?", "what is on the agenda for the harbour board", "agenda for the next
# meeting?", "what will be discussed at the youth panel", "what's the agenda for Thursday".
_AGENDA_ASKED = re.compile(
    r"(?:"
    r"what(?:['’]?s| is| was| will be| are)? (?:on|in) (?:the |its |their "
    r"|(?:this|next) week['’]?s |tonight['’]?s |today['’]?s )?agenda"
    r"(?: (?:this|next) week| tonight| today)?"
    r"|what(?:['’]s| is| are) (?:the )?agenda(?: items)?"
    r"|(?:(?:pls |please )?(?:list (?:of )?|show (?:me )?)?)?(?:the )?agenda(?: items)?"
    r"|what (?:will|is going to|are they going to) (?:be )?(?:discussed|discuss|covered|cover"
    r"|debated|debate|considered|consider)"
    r"|what(?:['’]s| is) coming up"
    r"|what (?:items|topics|things|business) (?:are|is|will be) (?:on (?:the )?agenda|discussed"
    r"|coming up)"
    r"|(?:can you |could you |pls |please )?(?:send|give|show) (?:me |us )?the agenda"
    r"|what (?:will|is|are) (?P<body>(?:the )?(?:(?!(?:press|release|minutes|transcript)\b)"
    r"[\w'’-]+ ){0,3}?(?!(?:release|minutes|transcript)\b)[\w'’-]+) (?:be )?"
    r"(?:discuss|discussing|consider|considering|debate|debating|look at|looking at)"
    r")(?:\s+(?:for|at|of|in|on)\b\s*(?P<subject>.*))?$",
    re.I | re.S,
)
# "Is the budget on the agenda?", "is the skate park still on the parks committee agenda",
# "Is the budget on the agenda for the full council?": a topic looked for on an agenda.
_ON_AGENDA = re.compile(
    r"(?:is|are|was|were) (?P<topic>.+?)(?: (?:still|also|back|going to be|again))? "
    r"(?:on|in) (?:(?:this|next) week['’]?s |tonight['’]?s |today['’]?s |the |this |next )?"
    r"(?P<named>(?:[\w'’-]+ ){0,5}?)agenda(?: (?:for|at|of) (?P<meeting>.+))?$",
    re.I | re.S,
)
_NOTHING_NAMED = re.compile(r"(?:there )?(?:any|some)thing|there", re.I)
_NOTHING_ON_AGENDA = re.compile(
    r"\s*(?:is|was) there (?:any|some)thing (?:on|in) (?:the |this |next )?agenda\W*$", re.I
)
# "the next meeting", "the upcoming board meeting": the latest agenda's meeting.
_AHEAD = re.compile(r"\b(?:next|upcoming|coming|forthcoming|future)\b\s*", re.I)
# "What was decided at the planning committee?", "What did the board decide?", "decisions?",
# "What were the outcomes of the meeting?", "what came out of the tenants forum";
# not "What did the board decide about dredging?"
_DECISIONS_ASKED = re.compile(
    r"(?:"
    r"what (?:was|has been|were|got|have been|'s been|’s been)"
    r" (?:decided|agreed|resolved|approved|passed)"
    r"|what (?:decisions|resolutions|motions|actions) (?:were|was|have been|got)"
    r" (?:made|taken|reached|passed|carried|agreed|approved)"
    r"|what (?:were|was|are) the (?:key |main )?(?:decisions?|outcomes?|resolutions?|results?)"
    r"(?: (?:made|taken|reached|passed))?"
    r"|(?:(?:list|summari[sz]e|sum up) )?(?:the |all )?(?:key |main )?"
    r"(?:decisions|outcomes?|resolutions)(?: (?:made|taken|reached|passed))?"
    r"|did (?:they|the \w+) (?:approve|decide|agree) anything"
    r"|what (?:was|were) voted on|what were the votes|(?:were there |were )?any decisions"
    r"(?: (?:made|taken|reached))?"
    r")" + _naming("subject") + r"$"
    r"|what (?:decisions|resolutions) did (?P<maker>.+?) (?:make|take|reach|pass)"
    + _naming("made_at")
    + r"$"
    r"|what did (?P<decider>.+?) (?:decide|agree|resolve|approve|vote for|vote on|pass)(?: on)?"
    + _naming("decided_at")
    + r"$"
    r"|what came out of\s+(?P<came_out_of>.*)$",
    re.I | re.S,
)
# "When was the meeting?", "when did they meet", "where was it held", "date of the meeting?"
# (only of the meeting itself: see `when_asked`).
_WHEN_ASKED = re.compile(
    r"(?:when and where|where and when|when|where|what date|what day|which day|on what date)"
    r"\s+(?:was|were|did)(?:\s+(?P<subject>.*))?$"
    r"|(?:date|venue|location) of(?:\s+(?P<of>.*))?$",
    re.I | re.S,
)
# "When is the park board meeting?", "what day is the hearing", "when's the AGM": a meeting
# to come, which its agenda dates ("Date: Wednesday 31 May 2028"); "Where is the panel
# meeting being held?", "where will the AGM be held": its agenda's venue. Not a document of
# the meeting ("where's the agenda for the board meeting").
_MEETING = (
    r"(?!(?:the |an? |its )?(?:agenda|minutes|papers|documents?|reports?|recording|transcript|"
    r"notes|livestream|link)\s+(?:for|of|from|to)\b)"  # not "the minutes committee meeting"
    r"(?:.*\s)?(?:meeting|hearing|agm|egm|sgm|session|sitting)"
)
_TAKING_PLACE = r"(?:\s+(?:being held|held|taking place|happening))?$"
_COMING_ASKED = re.compile(
    r"(?:when|what date|what day|which day|what time)(?:['’]?s|\s+(?:is|will be))\s+"
    rf"(?P<subject>{_MEETING}){_TAKING_PLACE}",
    re.I | re.S,
)
_VENUE_ASKED = re.compile(
    rf"where(?:['’]?s|\s+(?:is|will be))\s+(?P<subject>{_MEETING}){_TAKING_PLACE}"
    rf"|where will (?P<held>{_MEETING}) (?:be held|take place)$",
    re.I | re.S,
)
# "When is the next meeting?", "next meeting?", "date of the next board meeting", "when
# does the board meet again", "when's the board meeting after that one"; the subject is what
# comes after "next".
_NEXT_ASKED = re.compile(
    r"(?:(?:when|where|what date|what day|what time)(?: and (?:when|where))?"
    r"(?:\s+(?:is|are|will be|'s|’s))?\s+|(?:date|time|venue|details) of\s+)?"
    r"(?:the\s+)?next\s+(?P<subject>.*)$"
    r"|when (?:do|does|will) (?P<body>.+?) (?:meet|sit|convene) (?:again|next)$"
    r"|(?:when|what date|what day)(?:['’]s|\s+is|\s+will be)\s+the\s+"
    r"(?P<after>(?:.+?\s)?(?:meeting|hearing|agm|egm|sgm|session|sitting))\s+after\s+"
    r"(?:that|this)"
    r"(?:\s+one)?$",
    re.I | re.S,
)
# After "next meeting": what of it is asked ("next meeting date?"), not which meeting.
_ASPECT = re.compile(r"\s+(?:date|time|venue|details|place)$", re.I)
_HELD = re.compile(
    r"\s+(?:being held|held|take place|took place|happen|happened|meet|met|sit|start)$", re.I
)
# "help", "what can you do?", "how do I use this": what the bot answers, not a question.
_HELP_ASKED = re.compile(
    r"(?:help|commands|usage|what can (?:you|u|i) (?:do|ask)|how (?:do|can) i use (?:this|you|it)"
    r"|what do you do|what are you)$",
    re.I,
)
_COURTESY = re.compile(
    r"[\s,]+(?:please|pls|plz|for (?:me|us)|thanks|thank you|thx|ty|lol|and thank you"
    r"|(?:if )?(?:may i|i may) ask"
    r"|if you (?:can|could|don't mind))$",
    re.I,
)
# What names no subject of its own: the meeting the documents are about, the latest one.
_THE_MEETING = re.compile(
    r"(?:(?:the|this|that|our|today['’]s|latest|last|most recent)(?:\s+|$))*"  # no backtracking
    r"(?:meeting|minutes|document|documents|release|it|this)?",
    re.I,
)
# One item's outcome ("the vote on the budget"), asked as a question.
_ONE_ITEM = re.compile(
    r"\b(?:vote|ballot|motion|poll|election|application|appeal|proposal|bid|debate"
    r"|amendment|resolution|tender)s?\b",  # "item 5" is a topic: see `_TOPIC`
    re.I,
)
_WHOEVER = re.compile(r"(?:they|we|you|it|members|everyone|the members)\b", re.I)
DOCUMENT_KINDS = ("minutes", "release", "transcript", "agenda")  # a request may name these
_KIND = re.compile(r"\b(?:" + "|".join(DOCUMENT_KINDS) + r")\b", re.I)
_COURTESIES = 3  # "… please, thanks": at most this many are left out
_LAST_CHARS = 24  # a closing "please", "held" or "date" is read in the last characters


def _without_courtesy(subject: str) -> str:
    """`subject` without a closing "please", "for me", "thanks" and the stops before them
    ("Who spoke? thanks"), read in its last characters only: a pattern run along a long
    line of spaces would try every start."""
    for _ in range(_COURTESIES):
        shorter = _without_end(subject, _COURTESY)
        if shorter == subject:
            break
        subject = shorter.rstrip(" \t\n.?!")
    return subject


def _without_end(text: str, ending: re.Pattern[str]) -> str:
    """`text` without the `ending` it closes with, looked for in its last characters only."""
    tail = text[-_LAST_CHARS:]
    found = ending.search(tail)
    return text[: len(text) - len(tail) + found.start()] if found else text


def _read(pattern: re.Pattern[str], message: str) -> re.Match[str] | None:
    """`pattern` matched to `message` past its chat preamble ("@bot hi,") and without its
    courtesies and closing marks ("…, thanks!")."""
    message = _without_courtesy(message.rstrip(" \t\n.?!"))
    preamble = _PREAMBLE.match(message)
    return pattern.match(message, preamble.end() if preamble else 0)


def _subject(pattern: re.Pattern[str], message: str, kinds: bool = False) -> str | None:
    """The subject `pattern` reads in `message`: "" for the meeting itself (with `kinds`,
    not when it names the kind of document: "the release", "the latest minutes"), None for
    no match or for more than one sentence ("Summarise the meeting. Who chaired it?")."""
    found = _read(pattern, message)
    if found is None:
        return None
    # Every named group the pattern matched is part of the subject, in order: "What did the
    # board decide on 3 March?" reads "the board 3 March".
    named = " ".join(group for group in found.groupdict().values() if group)
    subject = _without_courtesy(named.rstrip(" \t\n.?!"))
    if re.search(r"[.?!]\s+\S", subject):
        return None
    subject = subject.strip()
    if kinds and _KIND.search(subject):
        return subject
    return "" if _THE_MEETING.fullmatch(subject) else subject


def help_asked(message: str) -> bool:
    """Whether a message asks what the bot can do ("help", "what can you do?")."""
    message = _without_courtesy(message.rstrip(" \t\n.?!"))
    preamble = _PREAMBLE.match(message)
    return _HELP_ASKED.match(message, preamble.end() if preamble else 0) is not None


def summary_asked(message: str) -> str | None:
    """What a message asks to have summarised ("" for the latest meeting), or None when it
    asks no summary ("What did the summary of the audit say?" is a question)."""
    return _subject(_SUMMARY_ASKED, message)


def decisions_asked(message: str) -> str | None:
    """The meeting whose decisions a message asks for ("" for the meeting itself), or None."""
    subject = _meeting_subject(_subject(_DECISIONS_ASKED, message, kinds=True))
    if subject is None or _ONE_ITEM.search(subject):
        return None
    whoever = _WHOEVER.match(subject)  # "what did they decide at the AGM": the AGM
    return subject[whoever.end() :].strip() if whoever else subject


def when_asked(message: str) -> str | None:
    """The meeting itself ("", as the other readers say it) when a message asks when or
    where it was ("When was the meeting?", "where did they meet"); else None, also when it
    asks of another thing ("When was the budget approved?") or of a meeting to come ("When
    is the meeting?", "When will they meet?"), which the documents say in their own words
    ("The next meeting will be held on …") and searching finds."""
    subject = _subject(_WHEN_ASKED, message)
    if subject:
        subject = _without_end(subject, _HELD)  # "the meeting held": the meeting itself
        subject = "" if _THE_MEETING.fullmatch(subject) else subject
    # Only of the meeting itself: a question that names one ("When was the planning
    # committee held?") is answered better by searching, which finds the sentence its name
    # is in, than by the opening of the meeting its words describe.
    if subject is None or not (subject == "" or _WHOEVER.fullmatch(subject)):
        return None
    return ""


def coming_asked(message: str) -> str | None:
    """The meeting a message asks the date of as one to come ("When is the park board
    meeting?"; "" for "When is the meeting?"), or None. Its agenda answers, if there is one."""
    subject = _subject(_COMING_ASKED, message)
    return "" if subject is not None and _THE_MEETING.fullmatch(subject) else subject


def venue_asked(message: str) -> str | None:
    """The meeting a message asks the place of as one to come ("Where is the panel meeting
    being held?"; "" for "Where is the meeting?"), or None. Its agenda answers, if any."""
    subject = _subject(_VENUE_ASKED, message)
    return "" if subject is not None and _THE_MEETING.fullmatch(subject) else subject


def next_asked(message: str) -> str | None:
    """The meeting whose next sitting a message asks about ("" for the meeting itself:
    "When is the next meeting?"), or None. The subject is what follows "next" ("the next
    board meeting": "board meeting"), which names a meeting or nothing."""
    subject = _subject(_NEXT_ASKED, message)
    if subject:
        subject = _without_end(subject, _ASPECT)  # "meeting date": of the meeting
    if subject is None or _TOPIC.search(subject):
        return None
    if _THE_MEETING.fullmatch(subject) or _WHOEVER.fullmatch(subject):
        return ""
    return "" if subject.casefold() == "one" else subject


def speakers_asked(message: str) -> str | None:
    """The meeting whose speakers a message asks for ("" for the meeting itself), or None."""
    return _meeting_subject(_subject(_SPEAKERS_ASKED, message, kinds=True))


def attendance_asked(message: str) -> str | None:
    """The meeting whose attendance a message asks for ("" for the meeting itself), or None."""
    return _meeting_subject(_subject(_ATTENDANCE_ASKED, message, kinds=True))


def apologies_asked(message: str) -> str | None:
    """The meeting whose apologies a message asks for ("" for the meeting itself), or None."""
    return _meeting_subject(_subject(_APOLOGIES_ASKED, message, kinds=True))


def agenda_asked(message: str) -> str | None:
    """The meeting whose agenda a message asks for ("" for the next one), or None."""
    if _NOTHING_ON_AGENDA.match(message):
        return ""  # "Is there anything on the agenda?"
    subject = _meeting_subject(_subject(_AGENDA_ASKED, message))
    if subject is None:
        return None
    subject = _AHEAD.sub("", subject).strip()
    return "" if _THE_MEETING.fullmatch(subject) else subject


def agenda_topic_asked(message: str) -> tuple[str, str] | None:
    """The topic a message asks about on an agenda, and the meeting it names ("" for none):
    "Is the budget on the full council agenda?" ("the budget", "full council"); None when it
    asks no such thing, or only whether anything is ("Is there anything on the agenda?")."""
    found = _read(_ON_AGENDA, message)
    if found is None or _NOTHING_NAMED.fullmatch(found["topic"]):
        return None
    meeting = " ".join(part for part in (found["named"], found["meeting"]) if part)
    return found["topic"], _AHEAD.sub("", meeting).strip()


def _meeting_subject(subject: str | None) -> str | None:
    """`subject` when it names a meeting only; None when it goes on to a topic."""
    return None if subject is None or _TOPIC.search(subject) else subject
