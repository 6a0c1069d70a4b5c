"""What minutes and transcripts record as decided, read off a sentence's wording.

Decisions are written in a few set ways: "RESOLVED (6 for, 3 against): That …", "The
motion was carried.", "Vote: 6 in favour, 1 against.". A summary quotes them; a bare
outcome needs the sentence before it that names the motion or the item. Approving the
last meeting's minutes is a formality, and "to be approved" is a decision still to come.
Nothing is learnt.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.analysis import Analyser, words
from bot.answer_kinds import holds_answer

OWN_TERMS = 2  # words of its own a sentence needs to say what was decided ("roof works")
# Approving the last meeting's minutes is a formality, not what the meeting decided.
_MINUTES_APPROVED = re.compile(
    r"\bminutes of the (?:previous |last |preceding )?meeting\b[^.]{0,120}"
    r"\b(?:approved|agreed|confirmed|accepted|signed)\b|"
    r"\bminutes\b[^.]{0,120}\b(?:true|correct|accurate) record\b|"
    r"\b(?:approved|agreed|confirmed|signed) the (?:draft )?minutes\b|"
    r"\bthe (?:draft )?minutes\b[^.]{0,120}\b(?:approved|agreed|confirmed|accepted|signed)\b",
    re.I,
)  # not "every 12 minutes"
# Not a decision taken: one to come ("is to be approved") or told of ("when Council approved it").
_NOT_TAKEN = re.compile(
    r"\bto be (?:approved|agreed|adopted|decided|considered)\b|"
    r"\b(?:when|after|since|before|until|once|if|unless)\s+(?:[\w’']+\s+){0,3}?"
    r"(?:approved|agreed|adopted|decided|resolved|endorsed|rejected)\b",
    re.I,
)
# A resolution is labelled ("RESOLVED: …") or names what it resolves ("That the Council …").
_LABEL = re.compile(r"^\W*(?:resolved|agreed|decided|decision)\b", re.I)
_THAT = re.compile(r"\bthat (?!is\b|was\b)", re.I)  # not "That is five in favour"
# A line opening an item: "Item 6: Skate park", "6. Skate park".
_ITEM_TITLE = re.compile(r"\s*(?:\*\*|__)?\s*(?:item\s+\d+\b|\d{1,2}[.)]\s)", re.I)
# "The motion was carried." says what happened but not to what: the sentence before does.
_OUTCOME_WORDS = """
    motion motions proposal proposals resolution resolutions amendment recommendation carried
    agreed approved passed adopted resolved unanimously vote votes voted favour favor against
    abstention abstentions abstained result decision declared members present proposed
    seconded moved raise voting cards hands show poll online room please
""".split()


def recorded(sentence: str, analyser: Analyser) -> str | None:
    """ "decision" or "tally" when `sentence` records one taken at the meeting, else None."""
    # "RESOLVED: That … a plan to be approved before first use" is a decision taken, and
    # so is "The council agreed to proceed once funding is approved".
    later = _NOT_TAKEN.search(sentence)
    taken = (
        not later
        or _LABEL.match(sentence)
        or _THAT.search(sentence)
        or holds_answer("decision", sentence[: later.start()], (), analyser)
    )
    if approves_minutes(sentence) or not taken:
        return None
    if holds_answer("decision", sentence, (), analyser):
        return "decision"
    return "tally" if holds_answer("vote", sentence, (), analyser) else None


def approves_minutes(sentence: str) -> bool:
    """Whether `sentence` approves the last meeting's minutes (not "every 12 minutes")."""
    return bool(_MINUTES_APPROVED.search(sentence))


def opens_item(sentence: str) -> bool:
    """Whether `sentence` opens an item: "Item 6: Skate park", "6. Skate park"."""
    return bool(_ITEM_TITLE.match(sentence))


def bare(sentence: str, analyser: Analyser) -> bool:
    """Whether `sentence` says little besides that something was decided, who moved it and
    how many voted: few words of its own that are not names ("Proposed by Councillor Ann
    Ruiz", "The motion was carried.")."""
    if _THAT.search(sentence) or opens_item(sentence):  # it names what it decides
        return False
    own = " ".join(word for word in words(sentence) if word[:1].islower())
    said = set(analyser.terms(own)) - _plain(analyser)
    return sum(1 for term in said if topical(term)) < OWN_TERMS


def topical(term: str) -> bool:
    """Whether a term can say what something is about: not a number or a two-letter code
    ("Paper HB/26/14", "2026"), which recur as references and dates."""
    return len(term) > 2 and not term.isdigit()


@lru_cache(maxsize=8)
def _plain(analyser: Analyser) -> frozenset[str]:
    """The terms of the words any outcome uses ("motion", "carried", "favour")."""
    return frozenset(analyser.terms(" ".join(_OUTCOME_WORDS)))
