"""What kind of thing a question asks for, and whether a sentence holds one.

"When …?" wants a date, "How much …?" a figure, "Who …?" a person, "Which firm …?" a
body's name, "Where …?" a place, "Why …?" a cause, "How did the vote go?" a tally,
"What did the committee resolve?" a decision. A sentence holding one that the question
does not already name is preferred among equally good ones, and (for all but figures and
decisions) lets its passage be cited at a little less coverage. Read off the wording
with patterns; nothing is learnt.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from bot.analysis import CAPITALS, Analyser, words
from bot.dates import MONTH_NAMES
from bot.figures import (
    ANY_FIGURE,
    WHAT_FIGURE,
    WHAT_NAMED,
    FigureAsked,
    asks_pay,
    asks_sum,
    figure_asked,
    holds_figure,
)
from bot.models import Document

# What kind of answer a question expects, from its wording; a sentence that holds that kind
# of thing (a date for "when", a figure for "how much") is preferred among equally good ones.
# "What was the name of the surveyor …?" asks who, as "Who was the surveyor …?" does; not
# "What's the name of the new cafe?", a thing's name.
_PEOPLE = (
    "person|man|woman|guy|bloke|lady|chap|officer|surveyor|inspector|councillor|member|chair|"
    "clerk|manager|director|lawyer|solicitor|barrister|speaker|resident|consultant|contractor|"
    "architect|engineer|teacher|governor|trustee|treasurer|secretary|witness|applicant|"
    "objector|owner|landlord|tenant|company|firm|developer|supplier|rower|player|coach|captain"
)
_NAME_OF = (
    r"what(?:['’]s| is| was) the name of(?= (?:the|its|their) (?:[\w'’-]+ ){0,3}?"
    rf"(?:{_PEOPLE})s?\b)"
)
_BEFORE_WHEN = r"(?:(?:from|since|until|till|by|on|at|in|for) )?"  # "From what date …?"
_EXPECTS = (
    ("date", re.compile(
        rf"^\s*{_BEFORE_WHEN}(when|what (dates?|days?|times?|years?|months?)|"
        r"what deadlines? (did|does|do|has|have|had|was|is|will) (\S+ ){0,4}?(give|gave|given|"
        r"set|impose|imposed|agree|agreed)|"
        r"which (date|day|year|month) (is|was|will|does|did|do|are|were|has|had|must)|"
        r"what(['’]s| is| was| will be) the (?!up to date)([\w'’-]+ ){0,2}?(deadline|cut-?off|"
        r"date))\b",  # "What is the closing date for …", not "the up to date position"
        re.I)),
    ("person", re.compile(
        rf"^\s*(who|whom|whose|which (person|people|member|minister|official|councillor)|"
        rf"{_NAME_OF})\b",
        re.I)),
    ("vote", re.compile(
        r"\b(how did (\S+ ){1,4}vote|how did the (vote|ballot) go|(result|outcome|count|tally) "
        r"of the (\S+ ){0,2}(vote|ballot)|what was the (vote|ballot)|how many votes|"
        r"vote (result|count|tally)|(was|were) (the|it|this|that) (motion|proposal|amendment) "
        r"(carried|passed|approved)|did (the |a |an )?(\S+ ){0,3}(vote|motion|proposal|"
        r"amendment|resolution|ballot) (go through|get through|pass|succeed|fail|get passed)|"
        r"(vote|voting) (numbers|figures)|(numbers|figures) (on|for|in) the (vote|ballot)|"
        r"what happened (to|with) (the |[\w'’-]+['’]s )?"
        r"([\w'’-]+ ){0,3}?(motion|amendment|proposal|resolution))\b", re.I)),
    ("decision", re.compile(
        r"\b(what (did|does|do|has|have|had|will|would) (\S+ ){1,6}(decided?|resolved?|agreed?)"
        r"(?! to\b)|what (was|has been|were) (decided|resolved|agreed)|what (was|were) the "
        r"(decisions?|resolutions?)|what (decisions?|resolutions?) (was|were|did|has|have)|"
        r"(decision|resolution) (on|about|regarding))\b", re.I)),
    ("number", re.compile(
        rf"\b(how (much|many|long|big|large|often|far|old)|what ({WHAT_FIGURE}|{WHAT_NAMED}))\b",
        re.I)),
)  # fmt: skip
# Asked after a sum is ("What agency fees …?" is one): a body's name, a place, a cause.
_EXPECTS_AFTER_SUMS = (
    # "Which firm won …", "Which company's bid …"; not "Which bank holiday …", "What company
    # car scheme …": there the noun only qualifies the topic.
    ("organisation", re.compile(
        r"^\s*(which|what) (firms?|compan(y|ies)|contractors?|suppliers?|operators?|"
        r"organi[sz]ations?|consultanc(y|ies)|consultants?|developers?|builders?|charit(y|ies)|"
        r"agenc(y|ies)|banks?)(['’]s\b| (is|was|are|were|will|would|has|have|had|did|does|do|"
        r"can|could|should|got|gets|won|wins|runs?|ran|owns?|built|builds?|bid|bids|makes?|"
        r"made|supplies|supplied|provides?|provided|operates?|operated|holds?|held|manages?|"
        r"managed|\w+ed)\b)", re.I)),
    # "Where is …?", "What's the venue …?"; not "Where are we with the audit?", "Where is the
    # project at?": those ask how far along it is.
    ("place", re.compile(
        r"^\s*(?!where (are|were) we\b|.*\bat\W*$)(where|(in|at) (what|which) (place|venue|"
        r"room|building))\b|^\s*what(['’]s| is| was| will be) the (venue|location)\b", re.I)),
    ("reason", re.compile(
        r"^\s*(why(?! not\b)|how come|what caused|what(['’]s| is| was| were| are) the (main )?"
        r"(reasons?|causes?))\b", re.I)),
)  # fmt: skip
# "Who is the mayor of Port Calder?" asks who holds a role: a name within ROLE_REACH words of
# it answers ("Hazami Habib, vice chair of PPSTI", "treasurer Harriet Quayle"); a sentence
# naming other people does not ("Officers in attendance: Tomás Ellery (chief executive)").
_ROLE_ASKED = re.compile(
    r"^(?!.*\b(?:by|with|from|to|for|about)\W*$)"  # not "Who was the motion proposed by?"
    rf"\s*(?:who (?:is|was|will be|are|were)|{_NAME_OF}) (?:the|its|their) "
    r"((?:[\w'’-]+ ){0,3}?[\w'’-]+?)"
    r"(?: (?:of|for|at|on|in|to)\b|\W*$)",
    re.I,
)
# "Who seconded the precept motion?", "Who proposed that …?", "Who was the amendment moved
# by?": whoever put or backed a motion; not "Who proposed the new timetable?" (a plan), "Who
# moved to Leeds?".
_MOTION = r"(?:motion|amendment|resolution|proposal|recommendation|it|this|that)"
_MOVER_ASKED = re.compile(
    r"^\s*who (seconded)\b|"
    rf"^\s*who (proposed|moved|tabled) (?:(?:the|an?|this|[\w'’-]+['’]s) )?(?:[\w'’/-]+ ){{0,3}}?"
    rf"{_MOTION}\b|"
    rf"^\s*who (?:was|were) (?:[\w'’/-]+ ){{1,8}}?(seconded|proposed|moved|tabled) by\W*$",
    re.I,
)
# How each verb is said of whoever did it: "seconded by", "the seconder", "second the motion";
# not "a second point", "objected to the proposal", "moved to Leeds".
_MOVER_SAID = {
    "seconded": re.compile(r"\bsecond(?:ed|er)\b|\bsecond (?:the|that|this|it)\b", re.I),
    "proposed": re.compile(r"\bpropos(?:ed|er|ition)\b|\bpropose (?:the|that|this|it)\b", re.I),
    "moved": re.compile(
        r"\bmove[dr]\b(?! (?:to|from|away|house|on)\b)|\bmove (?:the|that)\b", re.I
    ),
    "tabled": re.compile(r"\btabled\b", re.I),
}
# A speaker doing it themselves: "I'll second that.", "I propose the motion.", "Seconded."
_MOVING_MYSELF = re.compile(
    r"^\W*(?:(?:and )?i(?:['’]ll| will| would like to| wish to| want to)? "
    r"(?:second|propose|move)\b|(?:seconded|proposed)\W*$|happy to (?:second|propose|move)\b)",
    re.I,
)
_ANY_ROLE = frozenset("person people point contact member members one someone individual".split())
_NOT_THE_ROLE = frozenset(
    "new current present former previous past acting interim incoming outgoing".split()
)
_RANKS = frozenset("chief head senior deputy assistant vice lead principal general".split())
_UNDER = frozenset("vice deputy assistant acting interim former previous past".split())
_PLAIN_RANKS = _RANKS - _UNDER  # "Chief Executive": a rank that is part of the role's name
_AS_UNDER = {"deputy": "vice", "previous": "former", "past": "former"}  # deputy chair: vice chair
_OFFICES = frozenset(("vice", "assistant"))  # posts of their own: asked for, the word must be said
# Names of the same role ("Who is the chairman?": "Ana Ruiz (Chair)").
_SAME_ROLE = (
    ("chair", "chairman", "chairwoman", "chairperson"),
    ("chief executive", "ceo"),
    ("lawyer", "solicitor", "solicitors", "barrister"),  # not "counsel": "counselled"
)
# Posts a body may hold ("The contractor is Brightwell Construction Ltd"); a body's name ends
# in what it is.
_BODY_ROLES = frozenset(
    "contractor operator provider supplier developer applicant funder consultant auditor "
    "architect owner landlord builder examiner examiners sponsor partner".split()
)
_BODY = frozenset("ltd limited plc llp inc council trust company group partnership fund".split())
ROLE_REACH = 6  # words either side of a name
# A name: two capitalised words or more ("Ana Ruiz", "Brightwell Construction Ltd"), or a title
# and a name ("Cllr Ruiz"); the role may be part of it ("Mayor Ana Ruiz", "CHAIR: ANA RUIZ").
_NAME = re.compile(  # initials too: "Mr A. Ruiz", "T. Bell"
    r"\b(?:Dr|Mr|Mrs|Ms|Mx|Prof|Professor|Sir|Dame|Councillor|Cllr|Captain)\.?"
    rf"(?: [{CAPITALS}]\.)*(?: [{CAPITALS}][\w'’-]+)+|"
    rf"\b[{CAPITALS}](?:[\w'’-]*|\.)(?: (?:de|da|del|della|di|du|la|le|van|von|der|den|bin|al) ?)*"
    rf"(?: [{CAPITALS}](?:[\w'’-]*|\.))+"
)
# Speakers speaking of themselves: "as chair, I …", "I am the treasurer"; not "As the chair
# said last week", "I understand the chair will …".
_OF_THEMSELVES = re.compile(
    r"\b(?:as(?! (?:well|agreed|follows|soon|discussed|usual)\b)|i am|i['’]m|i was)(?: the| a| an)?"
    r"(?: (?!(?:said|says|told|will|would|has|had|is|was|noted|announced)\b)[\w'’-]+){1,6}?"
    r"(?=[,.;]| i\b| and\b|$)",
    re.I,
)
_FIRST_PERSON = re.compile(r"\b(i|i['’](m|ve|ll|d)|me|my|myself|we|us|our)\b", re.I)
_VOTED = re.compile(r"\b(voted|votes)\b", re.I)  # "How many councillors voted for it?"
_WHO_IS = re.compile(rf"^\s*[Ww]ho\s+(is|was|are|were)\s+(?!the\b|an?\b)[{CAPITALS}]")
_MONTHS = MONTH_NAMES
_MONTH = re.compile(rf"\b(?:{MONTH_NAMES})\b")  # capitalised: "in May", not "you may"
_ASKS_WHEN = r"\s*(?:when|what (?:date|day|time)s?)"
_PAST_WHEN = re.compile(rf"{_ASKS_WHEN} (?:was|were|did|had)\b", re.I)
# "When will …?", "when does … start", "what time does … open": what was does not answer.
_AHEAD_WHEN = re.compile(
    rf"{_ASKS_WHEN} (?:will|would|does|do|can|could|should|shall|must)\b", re.I
)  # not "When is the AGM?": minutes saying when it was held answer that
# What is to come: "The next meeting will be held on …", "The board will meet on …".
_AHEAD_OF_IT = re.compile(
    r"\b(?:next|following|future)\s+(?:\w+\s+){0,2}?meeting\b|\bwill (?:be held|meet|take place)\b",
    re.I,
)
_COUNT = r"\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|all)\b"
_NONE = rf"({_COUNT}|\bnil\b|\bnone\b|\bno\b)"
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
# What was, told as such ("was held on 3 June", "has been held … since 2021", "opened in
# 2009"), with nothing of what is to come ("from 1 October", "will", "by 15 June").
_TOLD_AS_PAST = re.compile(
    r"\b(?:was|were|had|(?:has|have) (?:been|\w+ed)|since|ago|opened|began|started|took place|"
    r"met)\b",
    re.I,
)
_TOLD_AHEAD = re.compile(
    r"\b(?:will|would|shall|from|until|till|due|expected|planned|proposed|scheduled|next|"
    r"starting|begins?|starts?|to be|is to|are to|must|should|(?:takes?|comes? into) effect|"
    r"comes? into force)\b|"
    r"\b(?-i:[a-z]{3,}s) (?:on|from|in|at|until|between)\b|"  # "reopens on 14 July"
    rf"\bby (?:\d{{1,2}}(?:st|nd|rd|th)? (?:{_MONTHS})|the end|{_MONTHS}|{_WEEKDAYS})",
    re.I,
)
_TITLES = (  # a person's title before their name
    "Dr|Mr|Mrs|Ms|Mx|Prof|Professor|Sir|Dame|Councillor|Cllr|Captain|Minister|President|"
    "Senator|Judge"
)
_ANY_WORDING = ("vote", "decision", "reason")  # held however the question words it
_TITLE_CASE = rf"[{CAPITALS}](?![{CAPITALS}])[^\W\d_][\w'’-]*"  # "Ana", "Élodie"; not "UK"
# A body's name ends in what it is ("Greenacre Solar Ltd", "the Westmarch Cultural Trust").
_ORGANISATION = (
    r"Ltd|Limited|plc|PLC|LLP|Inc|Company|Construction|Contractors|Group|Trust|Associates|"
    r"Partners|Partnership|Consulting|Consultants|Services|Solutions|Homes|Works|Society|"
    r"Association|Foundation|Institute|Agency|Bank|Co-operative|Cooperative|Holdings|"
    r"Developments|Engineering|Systems|Theatre|Dance|Studios?|Club|Charity|Authority|Sons|"
    r"Rail|Roofing|Builders|Electrical|Plumbing|Haulage|Logistics|Architects|Surveyors|"
    r"Engineers|Motors|Coaches|Buses|Ferries|Airlines|Airways|Technologies|Farms|Foods|"
    r"Renewables|Recycling|Cleaning|Landscaping"
)  # trades too ("Calderbrook Roofing"); not words that end a service's name ("Adult Social Care")
# Where a place is said: a named place after "in", "at" … ("at Garrow Deep", "in the Council
# Chamber"), or a name ending in what a place is ("Shire Hall", "Tanyard Lane multi-storey").
_PLACE = (
    r"Chamber|Hall|Room|Centre|Center|House|Street|Road|Lane|Quay|Square|Library|Hotel|"
    r"Institute|Offices?|Park|Deep|Building|Campus|Pavilion|Wharf|Dock|Pier"
)
_HOLDS = {
    "date": re.compile(
        rf"\b(\d{{1,2}}((st|nd|rd|th)( of)?)? ({_MONTHS})|({_MONTHS}) \d{{1,2}}(st|nd|rd|th)?|"
        rf"({_MONTHS}) \d{{4}}|(19|20)\d\d|"
        rf"\d{{1,2}}[:.]\d\d|{_WEEKDAYS}|next (week|month|year)|tomorrow|yesterday)\b"
    ),
    # Any way of saying when: without one, "When …?" is not answered ("in December", "the
    # 22nd of January", "at 9am", "next summer", "once the survey is done", "within six weeks").
    "when": re.compile(
        rf"\b(\d{{1,2}}((st|nd|rd|th)( of)?)? ({_MONTHS})|({_MONTHS}) \d{{1,2}}(st|nd|rd|th)?|"
        rf"({_MONTHS}) \d{{4}}|"
        rf"(19|20)\d\d|(in|by|from|until|till|since|during|early|late|mid|end of) ({_MONTHS})|"
        r"\d{1,2}[:.]\d\d|\d{1,2} ?([ap]m|[ap]\.m\.)|noon|midday|midnight|"
        rf"{_WEEKDAYS}|(next|this|last) (week|month|year|spring|summer|autumn|winter)|"
        r"(in|by|from|until|next|this|last|the) (spring|summer|autumn|winter)|"
        r"tomorrow|yesterday|today|tonight|"
        r"(before|after|once|within|following|as soon as) (the |a |an |its |their )?\w+)\b"
    ),
    # What a decision is written as: a label ("RESOLVED:", "Agreed (6 for …):", "Decision:"),
    # "it was agreed", "permission be granted", "members approved"; not any past tense
    # ("a survey was carried out", "the adopted Local Plan", "had agreed to pay").
    "decision": re.compile(
        r"(^|\n|[.:;]\s+)\W*(resolved|agreed|decided|decision|decisions)\s*([:(–—-]|that\b)|"
        r"\bit was (resolved|agreed|decided)\b|"
        r"\b(be|been|was|were|is|are) (approved|refused|granted|deferred|rejected|adopted|"
        r"endorsed|carried|postponed|withdrawn)\b(?! (out|over|forward|in \d))|"
        r"\b(members|committee|board|council|panel|governors|ministers|cabinet|meeting) "
        r"(unanimously )?(agreed|resolved|decided|approved|rejected|refused|deferred|endorsed|"
        r"adopted|awarded)\b(?! to pay)",
        re.I,
    ),
    "person": re.compile(
        rf"\b({_TITLES})\.?( [{CAPITALS}][\w'’-]+)+|"
        rf"\b{_TITLE_CASE}( {_TITLE_CASE})+"
    ),
    "vote": re.compile(
        # "6 for, 3 against": "for" is a tally only before the votes against ("£750 for two");
        # "N to M" only after "voted" or "by" ("aged 11 to 16" and "gone to tender" are none)
        rf"(?<![\d:.,£$€]){_COUNT} (votes? )?(in favou?r|for(?=,?( and)? {_NONE} (votes? )?"
        rf"against)|against)(?![\d:]|\.\d)|"
        rf"\b(voted|by|vote of|votes of) {_COUNT} (votes )?to {_COUNT}(?![\d:]|\.\d)|"
        rf"{_COUNT} votes to {_COUNT}(?![\d:]|\.\d)|"
        r"\bunanimous(ly)?\b|\bwithout (a )?(vote|dissent|objection)|\babstention|\babstained|"
        r"\b(motion|proposal|amendment|resolution) (was |is |has been )?(carried|passed|defeated|"
        r"lost|rejected|"
        r"approved|adopted|fell|withdrawn|deferred|postponed)\b|"
        r"\b(motion|amendment|resolution) falls(?=\s*[.;,)]|\s*$)|"
        r"\bwithdrew (his|her|their|the) (motion|amendment|proposal)\b|"
        r"\b(that|it) is (deferred|withdrawn|postponed)\b",
        re.I,
    ),
    # "Vossberg Construction Ltd", "Harcourt & Sons", "KPMG LLP"; "run by Stagecoach", "by
    # ARUP" (one name after "by": not "by Anna Lind", a person; not "to Kelland", a country);
    # not "The Energy Bill", "In December Trust".
    "organisation": re.compile(
        rf"(?<![\w'’-])(?!(?:The|A|An|In|On|At|For|From|To|By|This|That|Our|Their|Its|His|Her|"
        rf"{_MONTHS}|{_WEEKDAYS})\b)(?:{_TITLE_CASE}|[{CAPITALS}]{{2,6}})"
        rf"(?: (?:{_TITLE_CASE}|[{CAPITALS}]{{2,6}}|&|and|of|for)){{0,5}} (?:{_ORGANISATION})\b|"
        rf"\bby (?!(?:{_MONTHS}|{_WEEKDAYS}|{_TITLES})\b)(?:{_TITLE_CASE}|[{CAPITALS}]{{2,6}})\b"
        rf"(?! [{CAPITALS}])"
    ),
    "place": re.compile(
        rf"\b(?:in|at|to|from|on|near|outside|inside|into|via) (?:the )?(?!(?:{_MONTHS}|"
        rf"{_WEEKDAYS}|{_TITLES}|Easter|Christmas|Noon|Midday|Appendix|Annex|Item|Paper|Section|"
        rf"Part|Table|Cabinet|Committee|Council|Members)\b){_TITLE_CASE}(?: {_TITLE_CASE})*|"
        rf"\b{_TITLE_CASE}(?: {_TITLE_CASE}){{0,5}} (?:{_PLACE})\b|"
        r"\b(?:in|at) the (?:town|village|church|parish|community|civic|council|committee|"
        r"main|leisure|sports|public) (?:hall|chamber|room|centre|offices?|library)\b|"
        r"\broom \d+\b|\bcar park\b|\boffshore\b|\bonline\b"
    ),
    "reason": re.compile(
        r"\b(because|due to|owing to|as a result|result of|caused by|(cause|reason)s? (\S+ ){0,5}?"
        r"(is|was|are|were|being)|(for|on) (\S+ ){0,2}?(reasons?|grounds)|reflect(s|ed|ing)?|"
        r"driven by|thanks to|down to|attributed to|so that|in order to|to allow|as a "
        r"precaution|could not|cannot|can['’]t|unable to)\b",
        re.I,
    ),
}
_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()
_DATES = frozenset(
    [m.casefold() for m in _MONTH_NAMES]
    + "monday tuesday wednesday thursday friday saturday sunday".split()
)
# Capitalised words that name places, bodies and days rather than people ("Harbour Road").
_NOT_NAMES = _DATES | frozenset(
    """
    road street lane avenue way square house quay hall centre center building basin river sea
    bay port harbour point deep island city town county state states council committee
    authority board ltd limited plc inc group trust university college school hospital park
    ministry department agency fund forum partners works marine ferries company corporation
    bank office commission compact union association network institute science strategy
    research water meeting minutes agenda report plan policy statement news release economies
    cooperation innovation technology business any other item items
    """.split()
)
# What a name ending in this names is no person ("Harbour House", "the Annual Report"); the
# place words that are also surnames may end one ("Ana Hall", "Grace Lane", "Hwanil Park").
_PLACES = frozenset(_NOT_NAMES - {"hall", "lane", "park", "way", "bank", "field", "marine"})

HONORIFICS = frozenset(
    "dr mr mrs ms mx prof professor sir dame lord ladi hon councillor cllr captain capt "
    "minist senat ambassador deputi".split()
)
_HONORIFIC = re.compile(rf"({_TITLES})\b")


@dataclass(frozen=True, slots=True)
class Wanted:
    """What a question asks for: its `kind` of answer, the terms it names (`asked`: an answer
    holds a thing they do not name already), which figure (`figure`, for "How much / how
    many …?"), and whether a tally answers it too (`tally`: "How many councillors voted?")."""

    kind: str
    asked: frozenset[str]
    figure: FigureAsked = ANY_FIGURE
    tally: bool = False
    role: tuple[frozenset[str], ...] = ()  # its terms but ranks, any one: ({execut}, {ceo})
    under: frozenset[str] = frozenset()  # "vice" (deputy), "assistant", "acting", "former" …
    past: bool = False  # "When was …?", "When did …?": what is to come does not answer
    ahead: bool = False  # "When will …?", "When does …?": what was does not answer
    mover: str = ""  # "seconded" for "Who seconded …?": said where the motion is put, or after

    @property
    def closes_item(self) -> bool:
        """Whether what is asked is said when an item closes, so the rest of the item is read
        for it: a decision, a tally, and who proposed or seconded ("Is there a seconder?" …
        "Seconded by Professor Tennant")."""
        return self.kind in ("decision", "vote") or bool(self.mover)

    @property
    def required(self) -> bool:
        """Whether quotes without it do not answer ("How many …?", "Who is the mayor?",
        "Who seconded …?", "When …?", "Which firm …?": a body's name written any of the ways
        `_HOLDS["organisation"]` reads one, "Network Rail", "KPMG LLP", "run by Stagecoach")."""
        return self.figure.required or bool(self.role) or self.kind in ("date", "organisation")

    def held_by_quote(self, sentence: str, speaker: str | None, analyser: Analyser) -> bool:
        """Held by the sentence, or by its speaker when they speak of themselves in it ("Ana
        Ruiz: as chair, I welcome you"; not "As the chair said last week", "… as well")."""
        if self.kind == "date":
            return not self.out_of_time(sentence) and holds_answer(
                "when", sentence, self.asked, analyser
            )
        if self.mover and speaker and _MOVING_MYSELF.search(sentence):
            return True  # "Priya Raman: I'll second that."
        if speaker and _OF_THEMSELVES.search(sentence) and _FIRST_PERSON.search(sentence):
            sentence = f"{speaker}: {sentence}"
        return self.held_by(sentence, analyser)

    def out_of_time(self, sentence: str) -> bool:
        """Whether `sentence` tells what is to come when the question asks what was ("When
        was the board meeting?": not "The next meeting will be held on …"), or only what was
        when it asks what is to come ("When does the decision take effect?": not "The
        hearing was held on 3 June")."""
        if self.kind != "date":
            return False
        if self.past:
            return bool(_AHEAD_OF_IT.search(sentence))
        was = _TOLD_AS_PAST.search(sentence) and not _TOLD_AHEAD.search(sentence)
        return self.ahead and bool(was)

    def held_by(self, sentence: str, analyser: Analyser) -> bool:
        if self.out_of_time(sentence):
            return False
        if self.mover and not _MOVER_SAID[self.mover].search(sentence):
            return False  # "Cllr Bell made a second point" seconds nothing
        if self.role:
            return _holds_role(sentence, self.role, self.asked, analyser, self.under)
        if self.kind != "number":
            return holds_answer(self.kind, sentence, self.asked, analyser)
        if self.tally and holds_answer("vote", sentence, self.asked, analyser):
            return True  # "carried 7 votes to 2"
        return holds_figure(sentence, self.asked, analyser, self.figure)


def wanted(question: str, analyser: Analyser) -> Wanted | None:
    """What `question` asks for, when its wording says (see `expected_kind`)."""
    question = as_spelled(question)
    kind = expected_kind(question)
    if kind is None:
        return None
    asked = frozenset(analyser.terms(question))
    role = _ROLE_ASKED.match(question) if kind == "person" else None
    if role is not None:
        held = re.split(r"['’]s ", role.group(1))[-1]  # "the council's monitoring officer"
        said = " ".join(w for w in held.split() if w.casefold() not in _NOT_THE_ROLE)
        under = frozenset(_under(w) for w in re.split(r"[\s-]+", held) if w.casefold() in _UNDER)
        names = [said, *(n for same in _SAME_ROLE if _says(said, same) for n in same)]
        if said.casefold() not in _ANY_ROLE:  # "Who is the person in charge of …?" names none
            terms = [set(analyser.terms(name)) for name in names]
            bodies = set(analyser.terms(" ".join(_NOT_NAMES)))  # "board chair": the chair
            ranks = set(analyser.terms(" ".join(_RANKS)))  # "chief executive": executive
            posts = [t - ranks - bodies or t - ranks or t for t in terms]
            role_ = tuple(dict.fromkeys(frozenset({p}) for t in posts for p in t))
            return Wanted(kind, asked, role=role_, under=under)
    mover = _MOVER_ASKED.match(question) if kind == "person" else None
    if mover is not None:  # "Who seconded …?": a name beside "seconded", not the proposer's
        verb = next(group for group in mover.groups() if group).casefold()
        return Wanted(kind, asked, role=(frozenset(analyser.terms(verb)),), mover=verb)
    if kind == "date":
        past, ahead = _PAST_WHEN.match(question), _AHEAD_WHEN.match(question)
        return Wanted(kind, asked, past=bool(past), ahead=bool(ahead))
    if kind != "number":
        return Wanted(kind, asked)
    return Wanted(kind, asked, figure_asked(question, analyser), bool(_VOTED.search(question)))


# "whats the deadline", "whens the agm": a chat's spelling of "what's", "when's".
_CHAT_SPELLING = re.compile(r"\b(what|when|where|who|how)s\b", re.I)


def as_spelled(question: str) -> str:
    """`question` with a chat's "whats", "whens" spelled "what's", "when's"."""
    return _CHAT_SPELLING.sub(r"\1's", question)


def expected_kind(question: str) -> str | None:
    """ "date", "person", "vote", "decision", "number", "organisation", "place" or
    "reason" when the question's wording asks for one."""
    question = as_spelled(question).strip()  # a run of leading spaces made `place` quadratic
    if _WHO_IS.match(question):
        return None  # "Who is Lydia Okafor?" asks for a role, not for a person
    for kind, pattern in _EXPECTS:
        if pattern.search(question):
            return kind
    if asks_sum(question) or asks_pay(question):  # "What is the cost of the new roof?"
        return "number"
    for kind, pattern in _EXPECTS_AFTER_SUMS:
        if pattern.search(question):
            return kind
    return None


# "From what date …?", "What time …?": the noun only names the kind of answer, and as a word
# to look for it finds "dates from 1908" and "time" anywhere.
_FRAME = re.compile(
    rf"^\s*{_BEFORE_WHEN}(?:what|which) (dates?|days?|times?|years?|months?|deadlines?) "
    r"(?=(?:is|was|are|were|will|would|does|did|do|has|have|had|must|should|can|could|"
    r"shall|may|might)\b)",
    re.I,
)  # not "Which day centres …", "What time limit …": there the noun is the topic


# "What was the name of the surveyor?": the noun only asks for a name.
_NAME_ASKED = re.compile(r"^\s*what(?:['’]s| is| was) the (name) of (?:the|its|their)\b", re.I)
# "What's the deadline for questions?": the noun only asks for a date, which the documents
# give as "Questions must be sent … by 12 noon on 25 May".
_DEADLINE = re.compile(
    r"^\s*(?:what|when)(?:['’]?s| is| was| will be) the (deadline|cut-?off|closing date)\b", re.I
)
# Words that only say which kind of answer is wanted, as the documents do not word it:
# "How did the vote on the budget go?" is answered by "Six in favour, two against", "How
# much does entry cost?" by "Entry is £5". (Not "What did the board decide about …?":
# without "decide" weighed, the words naming a meeting answered for what it never decided.)
_KIND_WORDS = (
    re.compile(r"^\s*how did (?:[\w'’-]+ ){0,8}?(?:vote|ballot)\b.*?\b(go)\W*$", re.I),
    re.compile(r"^\s*how much (?:does|do|did|will|would) (?:[\w'’-]+ ){1,8}?(cost)\W*$", re.I),
)
# "When does the new rent kick in?", "… come into force?": the verb only asks when; the
# documents say "from 1 October".
_WHEN = re.compile(rf"^\s*{_BEFORE_WHEN}when\b", re.I)
_HAPPENS = re.compile(
    r"\b(kicks? in|comes? in|comes? into (?:force|effect)|takes? (?:effect|place)|goes? ahead|"
    r"happens?)\b",
    re.I,
)


# "What happened to the amendment?": the verb only asks for its outcome.
_HAPPENED = re.compile(r"^\s*what(?:['’]s| has| had)? (happen(?:ed|s)?) (?:to|with)\b", re.I)


# "… so far this year?", "… at the moment?": when the asker is, not what they ask about;
# "people" ("How many people …?"): minutes say who ("residents", "households"), and a
# figure asked for is still read with it (see figure_asked); "get" ("has the fund got", "get
# the bus") is a light verb. Lower case only: "Director of People", "Get Active" are names.
# And what a chat adds to a question: "hi, does anyone know …", "whats actually wrong with
# …", "did they do anything about …", "membership wise", "pls": no document says them.
_FILLER = re.compile(
    r"\b(so far|these days|at the moment|right now|at present|nowadays|currently|"
    r"(?-i:people(?!['’])|get|gets|getting|got|gotten|im|ive|"
    r"(?<=[a-z][ -])(?<![Cc]llr )(?<![Mm]r )(?<![Mm]rs )(?<![Mm]s )(?<![Dd]r )(?<!uncillor )"
    r"wise)|"
    r"actually|really|basically|exactly|anyway|ever|pls|plz|please|thanks|thx|cheers|btw|"
    r"hi|hey|hello|guys|folks|any ?(?:one|body|thing)|some ?(?:one|body|thing)|"
    r"(?<=any )idea|(?<=anyone )know|(?<=anybody )know|(?<=you )know|quick q(?:uestion)?|"
    r"(?:can|could|may) i ask|"
    r"whats|wheres|whos|hows|whens|whys|thats|theres|dont|doesnt|didnt|isnt|wasnt|arent|"
    r"werent|cant|wont|wouldnt|couldnt|youre|theyre|weve|"
    r"(?-i:(?:go|goes|going|went|gone|come|comes|coming|came|bring|brings|bringing|brought|"
    r"put|puts|putting|set|sets|setting|sort|sorts|sorted|sorting|chip|chips|chipped|"
    r"chipping|fix|fixes|fixed|fixing|kick|kicks|kicked|kicking|turn|turns|turned|turning|"
    r"end|ends|ended|ending) (?:in|up|out|ahead|forward|back|down|off|over|from))|"
    r"(?<=how much )(?:extra |more |spare )?(?:money|cash))\b",
    re.I,
)
# "How long …?", "How big …?": the adverb only asks for a measure.
_HOW = re.compile(r"\bhow (long|far|often|big|large|old|soon|quickly|badly)\b", re.I)


def frame_spans(question: str) -> list[tuple[int, int]]:
    """Where `question` says only what kind of answer it wants ("date" in "From what date
    will the library close?", "happened" in "What happened to the motion?", "long" in "How
    long will the works take?") or when the asker is ("so far", "at the moment"): those
    words, not the same words elsewhere ("How big is the Big Local grant?")."""
    found = (
        _FRAME.match(question)
        or _DEADLINE.match(question)
        or _NAME_ASKED.match(question)
        or _HAPPENED.match(question)
        or _HOW.search(question)
    )
    spans = [found.span(1)] if found else []
    spans += [kind.span(1) for pattern in _KIND_WORDS if (kind := pattern.search(question))]
    if _WHEN.match(question):
        spans += [happens.span(1) for happens in _HAPPENS.finditer(question)]
    return spans + [filler.span(1) for filler in _FILLER.finditer(question)]


def frame_words(question: str) -> tuple[str, ...]:
    """The words at `frame_spans`."""
    return tuple(w for start, end in frame_spans(question) for w in question[start:end].split())


def without_framing(question: str) -> str:
    """`question` with the words at `frame_spans` blanked out."""
    for start, end in sorted(frame_spans(question), reverse=True):
        question = question[:start] + " " * (end - start) + question[end:]
    return question


def document_names(document: Document) -> str:
    """What names a document: title, meeting, organisation, and its date's month and year.

    "Who sent apologies to the September transport committee meeting?" names the minutes
    with most of its words; the sentence that answers it only says "Apologies … from".
    """
    parts = [document.title, document.meeting or "", document.organisation or ""]
    if document.date:
        year, month = document.date[:4], int(document.date[5:7])
        parts.append(f"{_MONTH_NAMES[month - 1]} {year}")
    return " ".join(parts)


def holds_answer(kind: str, sentence: str, asked: Collection[str], analyser: Analyser) -> bool:
    """Whether `sentence` holds a `kind` of thing the question (terms `asked`) does not name.

    "Who will replace Captain Brandt?" is not answered by a sentence about Captain Brandt,
    nor "How many sailings from Pier 3?" by the 3 of "Pier 3".
    """
    if kind == "number":
        return holds_figure(sentence, asked, analyser)
    if kind in ("vote", "decision") and sentence.rstrip().endswith("?"):
        return False  # "All in favour?" asks for the tally
    for found in _HOLDS[kind].finditer(sentence):
        if kind == "person":
            found_words = found.group().split()
            names = [w for w in found_words if w.casefold().strip("'’") not in _NOT_NAMES]
            if len(names) < len(found_words) and not _HONORIFIC.match(found.group()):
                continue  # "Harbour Road", "The Board": a place or a body
            if len(found_words) > 1 and found_words[0].casefold() in analyser.stopwords:
                continue  # "The Minister": the sentence's first word, not a name
            named = [t for t in analyser.terms(" ".join(names)) if t not in HONORIFICS]
            if named and not set(named) & set(asked):
                return True
        elif kind in _ANY_WORDING:
            return True  # a tally, a decision or a cause is one however the question words it
        else:
            said = set(analyser.terms(found.group()))
            if said and not said <= set(asked):
                return True
            if not said and _MONTH.search(found.group()):
                return True  # "in May": no term, as "may" is a stopword; not "after all"
    return False


def _under(word: str) -> str:
    """A rank below the role's holder, one name for each ("deputy" is "vice")."""
    word = word.casefold()
    return _AS_UNDER.get(word, word)


def _says(said: str, names: tuple[str, ...]) -> bool:
    """Whether the role `said` is one of `names` or has one in it ("board chairman")."""
    return any(re.search(rf"\b{re.escape(name)}\b", said, re.I) for name in names)


def _holds_role(
    sentence: str,
    role: tuple[frozenset[str], ...],
    asked: Collection[str],
    analyser: Analyser,
    under: Collection[str] = (),
) -> bool:
    """Whether `sentence` names someone the question does not, with a term of the `role` in
    the name ("Mayor Ana Ruiz") or within ROLE_REACH words of it ("Hazami Habib, vice chair
    of PPSTI"; not "Chief Finance Officer Tom Bell" for a chief executive: a rank is no
    role). A body answers only a post a body holds ("The contractor is Brightwell
    Construction Ltd"); "The Chair's Report" and "the Vice Chair" hold no chair."""
    roles = set().union(*role)
    for found in _NAME.finditer(sentence):
        name = re.split(r"[\s-]+", found.group())  # "Vice-Chair Tom Bell"
        terms = [analyser.term(re.sub(r"['’]s$", "", w)) or "" for w in name]
        at = [i for i, t in enumerate(terms) if t in roles]
        if any(re.search(r"['’]s$", name[i]) for i in at):
            continue  # "The Chair's Report", "Mayor's Charity Ball": a title, not a name
        if at:  # the rank may stand just before the name: "the deputy Mayor Tom Bell"
            lead = words(
                re.split(r"[.;:]", sentence[max(0, found.start() - 40) : found.start()])[-1]
            )
            if not _held_as_asked(_rank_before(lead + name, len(lead) + at[0]), under):
                continue  # "The Vice Chair" is not the chair, nor "Chair Ana Ruiz" the vice chair
        inside = [r for r in role if r <= set(terms)]
        if at:  # "Mayor Ana Ruiz", "Port Calder Mayor Ana Ruiz": the name beside the role
            name = name[at[-1] + 1 :] or name[: at[0]]
        if not _is_name(name, role, asked, analyser):
            continue
        if inside:
            return True
        before = words(sentence[max(0, found.start() - 80) : found.start()])[-ROLE_REACH:]
        after = words(sentence[found.end() : found.end() + 80])[:ROLE_REACH]
        for side, nearest_first in (
            (before, reversed(range(len(before)))),
            (after, range(len(after))),
        ):
            # the role word nearest the name on each side is theirs: "Tom Bell, deputy chair"
            # for the deputy, not the chair; "Tom Bell, Vice Chair, took the chair" no chair
            i = next((i for i in nearest_first if analyser.term(side[i]) in roles), None)
            if i is not None and _held_as_asked(_rank_before(side, i), under):
                return True
    return False


def _rank_before(words_: list[str], i: int) -> str:
    """The word before the role at `i`, over any ranks ("Deputy Chief Executive": deputy)."""
    while i > 0 and words_[i - 1].casefold() in _PLAIN_RANKS:
        i -= 1
    return words_[i - 1].casefold() if i > 0 else ""


def _held_as_asked(rank: str, under: Collection[str]) -> bool:
    """Whether a role with `rank` before it is the one asked for: the vice or assistant one
    when asked for ("Tom Bell, vice chair"), otherwise no vice, deputy, acting, … one unless
    asked ("Interim Chair Tom Bell" is the interim chair, not the chair)."""
    if set(under) & _OFFICES:
        return _under(rank) in under
    return rank not in _UNDER or _under(rank) in under


def _is_name(
    name: list[str], role: tuple[frozenset[str], ...], asked: Collection[str], analyser: Analyser
) -> bool:
    """Whether the words `name` name someone the question does not: a person (two words or
    more that are no place, body or first word, or a title and a name), or a body when the
    role is a post a body holds."""
    words_ = [w for w in name if w.casefold() not in analyser.stopwords]
    own = [t for t in analyser.terms(" ".join(words_)) if t not in HONORIFICS]
    if not own or not set(own).isdisjoint(asked):
        return False  # no name left, or the question's own ("Port Calder", "Captain Brandt")
    if words_ and words_[-1].casefold() in _BODY:  # "Brightwell Construction Ltd"
        posts = set(analyser.terms(" ".join(_BODY_ROLES)))
        return any(not r.isdisjoint(posts) for r in role)
    if _HONORIFIC.match(words_[0]):
        return True  # "Dr Hwanil Park", "Cllr Ruiz"
    if words_[0].casefold() in _DATES and len(words_) > 2:
        words_ = words_[1:]  # "March Ana Ruiz" (on 4 March Ana Ruiz …); "June Watson" is one
    first, last = words_[0].casefold(), words_[-1].casefold()
    # not "Harbour House", "Council Tax Support", "the Annual Report"; "Grace Lane" is a name
    return len(words_) >= 2 and (first in _DATES or first not in _NOT_NAMES) and last not in _PLACES


def proper_nouns(question: str) -> list[str]:
    """The capitalised words of a question after its first word, and any acronyms."""
    words = re.findall(r"[^\W\d_][\w'’-]*", question)
    return [
        w for i, w in enumerate(words)
        if (i > 0 and w[0].isupper()) or (len(w) > 1 and w.isupper())
    ]  # fmt: skip
