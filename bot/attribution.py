"""Who is speaking in a paragraph of prose: "…," said Chen Jiachang; "…," she added.

Releases and minutes quote people in the third person. Knowing the speaker of a
paragraph lets a question like "What did Hazami Habib say about open innovation?"
find the paragraph that only says "she said", lets citations name who said it,
and lets summaries attribute quotes. Short references ("Dr Park", "Chen") are
resolved to the fullest form of the name seen earlier in the document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from dataclasses import replace

from bot.analysis import CAPITALS
from bot.models import Block

_VERBS = (
    r"said|says|added|adds|noted|notes|stressed|stresses|emphasised|emphasized|emphasises|"
    r"emphasizes|explained|explains|remarked|stated|states|urged|urges|told|argued|argues|"
    r"highlighted|concluded|announced|warned|observed|commented|continued"
)
_DID = "spoke|gave|made|took|led|met|left|sought|brought|held|felt|thought|went|came|saw|ran"
_SPOKE = "spoke|gave|made"  # "spoke on behalf of …", "gave evidence", "made a statement"
TITLES = (
    "Dr Mr Mrs Ms Mx Prof Professor Sir Dame Lord Lady Hon Ambassador Minister Senator "
    "Councillor Cllr Captain Capt Judge Mayor Commissioner President Chair Deputy"
).split()
_TITLE = rf"(?:(?:{'|'.join(TITLES)})\.?\s)"
_NAME_WORD = rf"[{CAPITALS}][\w'’-]+"
_NAME = rf"(?P<name>{_TITLE}?{_NAME_WORD}(?:\s{_NAME_WORD}){{0,3}})"
# "said Chen Jiachang", "added Dr Park"
_SAID_NAME = re.compile(rf"\b(?:{_VERBS})\s{_NAME}")
# "Hazami Habib, vice chair of PPSTI, said", "vice minister Chen said"
# (the appositive may itself hold commas: "chair of the Partnership on Science, Technology…").
# Searched only in the stretch before each speech verb: scanning whole paragraphs with
# this pattern cost most of the load time of a large folder.
_VERB = re.compile(rf"\s(?:{_VERBS})\b")
_NAME_BEFORE = re.compile(rf"{_NAME}(?:,[^“”\"]{{1,160}}?,)?$")
_LOOKBEHIND = 240  # characters before a verb where the name and its appositive may stand
# A transcript turn: "Dr Lena Ortiz: Good morning." at the start of a paragraph.
_TURN = re.compile(rf"^{_NAME}:\s")
_AMOUNT = re.compile(r"[£$€¥\d]")  # "Radio Vale: £28,000 …": an award list's line, no turn
_TURN_LABEL = re.compile(rf"{_NAME}:\s*")
# A paragraph about a titled person: "Dr Sunita Raman, the board's environmental member,
# objected", "Mrs Celia Wragg, a resident of Ropewalk Court, spoke on behalf of …".
_TITLED_SUBJECT = re.compile(
    rf"^(?P<name>{_TITLE}{_NAME_WORD}(?:\s{_NAME_WORD}){{0,3}})(?:,[^“”\"]{{1,160}}?,)?"
    rf"\s(?:[a-z]+ed|{_SPOKE})\b"
)
# A sentence about someone: "Gareth Lowe advised …", "Dr Raman, the environmental member, said".
_OPENING_NAME = re.compile(
    rf"\s*{_NAME}(?:,[^,“”\"]{{1,80}},| \([^()]{{1,80}}\))?\s(?:{_VERBS}|[a-z]+ed|{_DID})\b"
)
# A titled person anywhere: "Mr Yelland", "Councillor Ana Ruiz".
_TITLED_NAME = re.compile(rf"\b(?P<name>{_TITLE}{_NAME_WORD}(?:\s{_NAME_WORD}){{0,3}})")
# A titled person doing something: "Mr Yelland addressed the committee", not "a question from
# Mrs Carol Jones, he said".
_TITLED_ACTOR = re.compile(
    rf"\b(?P<name>{_TITLE}{_NAME_WORD}(?:\s{_NAME_WORD}){{0,3}})\s(?:[a-z]+ed|{_VERBS}|{_DID})\b"
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s")
_HIS = frozenset(("Mr", "Sir"))  # not "Lord": "Lord Mayor Clover Moore"
_HERS = frozenset(("Mrs", "Ms", "Miss", "Dame", "Lady"))
# First person, not "US research" nor a label's numeral ("Phase I", "Part I", "War I").
_FIRST_PERSON = re.compile(
    r"\b(?:(?<!Phase )(?<!Part )(?<!Stage )(?<!Section )(?<!Schedule )(?<!Annex )"
    r"(?<!Appendix )(?<!Tier )(?<!Grade )(?<!Class )(?<!Type )(?<!Level )(?<!Volume )"
    r"(?<!Option )(?<!Category )(?<!War )I|[Mm]e|[Mm]y|[Ww]e|us|[Oo]ur)\b"
)


def _reported(subjects: str) -> re.Pattern[str]:
    """Reported speech by a pronoun: "she said", "they added", "said he"."""
    return re.compile(rf"\b(?:{subjects})\s(?:{_VERBS})\b|\b(?:{_VERBS})\s(?:he|she)\b", re.I)


_PRONOUN = _reported("he|she|they")
_HE_SAID = _reported("he|she")  # one person's: "…, she said"; not "they said"
# Others in the plural: "Several speakers …", "Two residents …", "Some of the members …".
_OTHERS = re.compile(
    r"\s*(?:several|many|some|other|most|all|both|a number of|\w+ of the|two|three|four|"
    r"five|six|seven|eight|nine|ten|eleven|twelve|\d+) (?:other )?(?:[a-z]+ )?"
    r"(?:speakers|members|residents|councillors|objectors|people|participants|governors|"
    r"delegates|trustees|directors|ministers|parties)\b",
    re.I,
)
# Officers a minute names by their post, who are seldom the paragraph's speaker (a chair or
# a mayor often is): "The Clerk said …", "The Chief Executive reported …".
_OTHER_OFFICERS = frozenset(
    {"Clerk", "Treasurer", "Secretary", "Solicitor", "Chief Executive", "Chief Officer"}
)
_NOT_NAMES = frozenset(
    "The A An This That These Those It We They He She I You Our Their His Her Its "
    "There Here Economies Members Participants Delegates".split()
)


def attribute(blocks: Sequence[Block]) -> list[Block]:
    """The same blocks, with `speaker` set where a paragraph names (or implies) one.

    Blocks that already have a speaker (transcripts) are left as they are.
    """
    known: list[str] = []
    previous: str | None = None
    result: list[Block] = []
    speaking = {  # labels of turns that say something other than an amount
        turn.group("name")
        for block in blocks
        if (turn := _TURN.match(block.text)) and not _AMOUNT.match(block.text, turn.end())
    }
    for block in blocks:
        if block.speaker is not None:
            result.append(block)
            previous = block.speaker
            continue
        speaker = _named_speaker(block.text, known, speaking)
        if speaker is None:
            speaker = _pronoun_speaker(block.text, previous, known)
        previous = speaker
        result.append(replace(block, speaker=speaker) if speaker else block)
    return result


def _pronoun_speaker(text: str, previous: str | None, known: list[str]) -> str | None:
    """Who "she said" in `text` is: the last titled person doing something before it, in its
    own sentence only as the main clause's subject ("With the Chair's permission, Mr Yelland
    addressed the committee. He said …", "…, Mr Yelland addressed the committee, and he
    said"; not "In answer to a question from Mrs Carol Jones, he said …", "Responding to
    the concerns Mr Pryce raised, she said …"), else the previous paragraph's speaker,
    unless the paragraph opens with someone else ("Mrs Wragg, …, spoke … she said"); None
    without such a pronoun."""
    said = _PRONOUN.search(text)
    if said is None:
        return None
    found = re.search(r"\b(?:he|she|they)\b", said.group(), re.I)
    pronoun = found.group().casefold() if found else ""
    own = max((m.end() for m in _SENTENCE_END.finditer(text, 0, said.start())), default=0)
    named = [
        _clean(m.group("name"))
        for m in _TITLED_ACTOR.finditer(text, 0, said.start())
        if (m.start() <= own or text[own : m.start()].rstrip().endswith(","))
        and not _other_sex(m.group("name"), pronoun)
    ]  # in its own sentence, only the main clause's subject: "With …, Mr Yelland addressed";
    # not one titled as the other sex ("Mrs Jones asked when it would start, and he said …")
    latest = next((name for name in reversed(named) if name), None)
    if latest is None:
        return None if previous is None or names_another(text, previous) else previous
    same = previous and set(latest.split()[1:]) & set(previous.split())  # "Mr Park": Dr Park
    return previous if same else _fullest(latest, known)


def _other_sex(name: str, pronoun: str) -> bool:
    """Whether `name` is titled as the other sex than `pronoun` ("Mrs Carol Jones", "he")."""
    title = name.split()[0].rstrip(".")
    return title in (_HERS if pronoun == "he" else _HIS if pronoun == "she" else ())


def turn_label(text: str, pos: int = 0) -> re.Match[str] | None:
    """The "Dr Lena Ortiz: " label of a transcript turn at `pos`, if there is one (its
    `name` group is the name as written)."""
    return _TURN_LABEL.match(text, pos)


def names_another(sentence: str, speaker: str) -> bool:
    """Whether `sentence` opens with a person other than `speaker`: "Gareth Lowe advised
    members …" in a paragraph that Rachel Penhaligon opened."""
    if _OTHERS.match(sentence) and not (
        _FIRST_PERSON.search(sentence) or _HE_SAID.search(sentence)
    ):  # "Several speakers supported …"; not "Many residents wrote to me", "…, she said"
        return True
    found = _OPENING_NAME.match(sentence)
    if not found:
        return False
    said = found.group("name").split()
    if said[0] == "The" and " ".join(said[1:3]) in _OTHER_OFFICERS:
        return True  # "The Clerk said …" in a councillor's paragraph: the clerk's words
    titled = said[0].rstrip(".") in TITLES
    words = [w for w in said if w.rstrip(".") not in TITLES]
    if not words or words[0] in _NOT_NAMES or (len(words) < 2 and not titled):
        return False  # "The Chair", "Members": no one by name ("Councillor Dobbs" is one)
    return not set(words) & set(speaker.split())


def names_only_another(sentence: str, speaker: str) -> bool:
    """Whether `sentence` names a titled person other than `speaker`, and not `speaker`:
    "The motion was seconded by Dr Sunita Raman." in Cllr Tom Ellery's paragraph."""
    own = set(speaker.split()) - set(TITLES)
    if own & set(re.findall(r"[\w'’-]+", sentence)) or _FIRST_PERSON.search(sentence):
        return False  # "…,” said Lucan Ferreira-Holm, …", "I support Councillor Ruiz": theirs
    named = [_clean(m.group("name")) for m in _TITLED_NAME.finditer(sentence)]
    return any(n and not set(n.split()[1:]) & own for n in named)


def _named_speaker(text: str, known: list[str], speaking: Set[str] = frozenset()) -> str | None:
    """The first person named as saying something in `text`, in their fullest known form. A
    label before an amount is a turn only when titled or `speaking` elsewhere ("Mr Owen
    Pryce: £240,000 in total"; not "Kettlewick Community Radio: £28,000 to train …")."""
    found: list[tuple[int, str]] = []
    for pattern in (_TURN, _TITLED_SUBJECT, _SAID_NAME):
        for match in pattern.finditer(text):
            if pattern is _TURN and _AMOUNT.match(text, match.end()):
                label = match.group("name")
                if label not in speaking and label.split()[0].rstrip(".") not in TITLES:
                    break
            name = _clean(match.group("name"))
            if name:
                found.append((match.start("name"), name))
                break
    for verb in _VERB.finditer(text):
        start = max(0, verb.start() - _LOOKBEHIND)
        before = _NAME_BEFORE.search(text, start, verb.start())
        name = _clean(before.group("name")) if before else None
        if before and name:
            found.append((before.start("name"), name))
            break
    for _, name in sorted(found):
        full = _fullest(name, known)
        if len(full.split()) == 1:
            continue  # "The Board said": a lone capitalised word is rarely a person
        if full == name and name not in known:
            known.append(name)
        return full
    return None


def _clean(name: str) -> str | None:
    words = name.split()
    while words and words[0] in _NOT_NAMES:
        words = words[1:]
    if not words or (len(words) == 1 and words[0].rstrip(".") in TITLES):
        return None
    return " ".join(words)


def _fullest(name: str, known: list[str]) -> str:
    """ "Dr Park" -> "Dr Hwanil Park" when that name was seen before."""
    surname = name.split()[-1]
    candidates = [k for k in known if surname in k.split()]
    fullest = max(candidates, key=len, default=name)
    return fullest if len(fullest) > len(name) else name
