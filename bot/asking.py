"""What a message asks of the bot when it is not a question about the documents' content:
a summary ("Summarise the meeting"), who spoke, or who attended.

These are answered from a document's structure (its speakers, its roll call, its summary),
not by searching: "Who spoke at the harbour board meeting?" shares no word with what the
speakers said. Each reader returns the subject the request names ("" when it names none but
the meeting itself), or None when the message is a question like any other ("Who spoke
about the budget?", "Who attended as substitute for Councillor Heddle?").

Every pattern is anchored at the start and takes the rest of the message whole, then trims
it, so a long message is read in linear time.
"""

from __future__ import annotations

import re

# "Summarise the meeting", "Can you give me a summary of the budget debate?", "tl;dr".
_SUMMARY_ASKED = re.compile(
    r"^\s*(?:please\s+)?(?:(?:can|could|would) (?:you|u)\s+)?(?:please\s+)?"
    r"(?:summari[sz]e|sum up|tl;?dr(?: of)?|(?:give|send) (?:me |us )?(?:a |an )?"
    r"(?:short |brief |quick )?(?:summary|recap|overview) of"
    r"|(?:a |an )?(?:short |brief |quick )?(?:summary|recap) of)"
    r"(?:\s+(?P<subject>.*))?$",  # greedy, then trimmed: a lazy one retries at every dot
    re.I | re.S,
)
# "Who spoke at the board meeting?", "Who were the speakers?", "What did the speakers say?"
_SPEAKERS_ASKED = re.compile(
    r"^\s*(?:"
    r"(?:who|which (?:people|speakers|members|officials))\s+(?:else\s+)?"
    r"(?:spoke|talked|presented|(?:was|were) quoted|made (?:speeches|remarks)"
    r"|gave (?:evidence|remarks|speeches|a speech|presentations|a presentation))"
    r"|who (?:were|are|was) the (?:speakers|presenters|witnesses)"
    r"|what did (?:the )?(?:speakers|participants|people|everyone|each speaker) say"
    r"|who said what|(?:list|name) (?:all )?(?:the )?speakers"
    r")(?:\s+(?:at|in|during|to)\s+(?P<subject>.*))?$",
    re.I | re.S,
)
# "Who attended the planning committee?", "Who was present at the board meeting?"
_ATTENDANCE_ASKED = re.compile(
    r"^\s*(?:"
    r"who\s+(?:else\s+)?(?:attended|came to|took part in|participated in"
    r"|(?:was|were) (?:present|there|in attendance)(?:\s+(?:at|in))?|(?:was|were) at)"
    r"|who (?:were|are) the (?:attendees|participants|members present|people present)"
    r"(?:\s+(?:at|in))?"
    r")(?:\s+(?P<subject>.*))?$",
    re.I | re.S,
)
_COURTESY = re.compile(r"[\s,]+(?:please|for (?:me|us)|thanks|thank you)$", re.I)
# What names no subject of its own: the meeting the documents are about, the latest one.
_THE_MEETING = re.compile(
    r"(?:(?:the|this|that|our|today['’]s|(?:the )?(?:latest|last|most recent))(?:\s+|$))*"
    r"(?:meeting|minutes|document|documents|release|it|this)?",
    re.I,
)
_LAST_CHARS = 24  # a closing "please" or "thank you" is read in the message's last characters


def _without_courtesy(subject: str) -> str:
    """`subject` without a closing "please", "for me", "thanks" (read in its last characters
    only: a pattern run along a long line of spaces would try every start)."""
    while found := _COURTESY.search(tail := subject[-_LAST_CHARS:]):
        subject = subject[: len(subject) - len(tail) + found.start()]
    return subject


def _subject(pattern: re.Pattern[str], message: str) -> str | None:
    """The subject `pattern` reads in `message`: "" for the meeting itself, None for no match
    or for more than one sentence ("Summarise the meeting. Who chaired it?")."""
    found = pattern.match(_without_courtesy(message.rstrip(" \t\n.?!")))
    if found is None:
        return None
    subject = _without_courtesy((found["subject"] or "").rstrip(" \t\n.?!"))
    if re.search(r"[.?!]\s+\S", subject):
        return None
    subject = subject.strip()
    return "" if _THE_MEETING.fullmatch(subject) else subject


def summary_asked(message: str) -> str | None:
    """What a message asks to have summarised ("" for the latest meeting), or None when it
    asks no summary ("What did the summary of the audit say?" is a question)."""
    return _subject(_SUMMARY_ASKED, message)


def speakers_asked(message: str) -> str | None:
    """The meeting whose speakers a message asks for ("" for the meeting itself), or None."""
    return _subject(_SPEAKERS_ASKED, message)


def attendance_asked(message: str) -> str | None:
    """The meeting whose attendance a message asks for ("" for the meeting itself), or None."""
    return _subject(_ATTENDANCE_ASKED, message)
