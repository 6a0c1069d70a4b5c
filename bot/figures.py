"""Figures: whether a sentence holds the figure a "How much / how many …?" question asks for.

"How many objections were received?" is answered by a figure that counts objections ("14
objections", "No objections were received"), not by one that measures something else ("a
38-megawatt solar farm"); "How much does the Code Club cost?" by one that can be a sum
("£4,200", "4.2m", "3 per cent", "free of charge"), not by "38 sessions". And "How much
…?" with no such figure in the quotes is not answered at all. Read off the wording with
patterns; nothing is learnt.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from bot.analysis import Analyser, words
from bot.dates import MONTH_NAMES

_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    "(?:thir|four|fif|six|seven|eigh|nine)teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    "ninety"
)
NUMBER = re.compile(
    rf"(\d[\d,.]*|\b({_NUMBER_WORDS}|hundred|thousand|million|billion|half|third|quarter|"
    r"dozen)\b)",
    re.I,
)
# A number that names a thing ("item 5", "Pier 3", "Flood Zone 3"): right after a label word
# (not after any capitalised word: "In January 45 complaints", "For 6, Against 3").
_LABEL_BEFORE = re.compile(
    r"\b(?:item|items|page|paragraph|section|phase|zone|pier|room|policy|route|platform|"
    r"gate|stage|level|no\.?|number|block|ward|unit|appendix|annex|table|figure|clause) $",
    re.I,
)
LABEL_REACH = 12  # characters before a number read for a label word ("paragraph ")

# "How much …?", "How many …?", "What percentage …?" want a figure; not "How long / often /
# far …?" ("monthly", "until March"), "How much support …?" nor "What budget …?" (a name).
WHAT_FIGURE = "percentage|proportion|share|number|total|amount|sum"
WHAT_NAMED = "figure|cost|price|budget"  # "What budget will it be charged to?"
_FIGURE_ASKED = re.compile(
    r"\bhow (many|much)\b(?! (support|progress|interest|concern|attention|evidence|say|choice|"
    rf"difference|longer|sooner|later|detail)\b)|\bwhat ({WHAT_FIGURE})\b|\bhow old\b",
    re.I,
)
# "How long …?" asks for a duration or a length: "six weeks", "until March", "12 miles".
_LONG_ASKED = re.compile(r"\bhow long\b(?! ago\b)", re.I)
_LASTING = re.compile(
    rf"\b(?:\d[\d,.]*|an?|{_NUMBER_WORDS}|several|few|many|half an?|a couple of)"
    r"(?:[\s-]+(?:more|further|extra|full|working|calendar|clear))?"
    r"[\s-]+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|fortnights?|months?|"
    r"years?|decades?|terms?|seasons?|metres?|meters?|m|km|kilometres?|miles?|feet|ft|yards?)\b|"
    r"\d+(?:m|km|ft|hrs?|mins?)\b|\b(?:until|till|through|throughout|indefinitely|"
    r"permanent(?:ly)?|overnight|all day|for life)\b",
    re.I,
)

# "How many X …?" counts X: the words after "many" up to a stopword ("were", "of", "a") or a
# verb in -ed, at most four, less names ("How many Mill Lane residents objected?" counts
# residents; "HGVs" and "GPs" are what is counted). People and shares count in any words.
_COUNTED = re.compile(r"\bhow many ((?:[\w'’-]+ ?){1,4})", re.I)
_PAST = re.compile(r"\w{3,}ed$", re.I)  # "objected" (and "speed": it only stops sooner)
_ACRONYM = re.compile(r"[A-Z]{2,}")
_ACRONYMS = re.compile(r"[A-Z]{2,}s")
_ANY_WORDS = frozenset(("people", "persons", "per", "percent", "percentage"))
# "How many times …?" is answered by "twice", "three times", "on four occasions".
_TIMES_ASKED = re.compile(r"\bhow (many times|often)\b", re.I)
_HOW_MANY_TIMES = (
    r"\b(twice|thrice|once(?=[.,;:!?)]|$| (a|per|in|every|this|last|more|again)\b)|"
    r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|"
    r"multiple|numerous|dozens? of|a dozen|a number of|[a-z]+teen|[a-z]+ty) (times|occasions)\b)"
)  # "met twice", "on four occasions"; not "at peak times", "once repairs finish"
_TIMES = re.compile(_HOW_MANY_TIMES, re.I)
_OFTEN = re.compile(  # "How often …?" also: "monthly", "every two months"
    _HOW_MANY_TIMES + r"|\b(daily|weekly|fortnightly|monthly|quarterly|annually|yearly|"
    r"every ([\w,.]+ )?(days?|weeks?|fortnights?|months?|years?))\b",
    re.I,
)
COUNT_REACH = 8  # words either side of a figure that may name what it counts
WINDOW = 120  # characters either side of a figure read for those words
_NO = re.compile(r"\b(no|zero)\b", re.I)  # "No objections were received"
_NONE = re.compile(r"\b(none|nil)\b", re.I)  # "Objections received: none"

# "How much does the Code Club cost?" asks for a sum: the question names money, the word after
# "much" is not a noun of its own ("How much time do officers spend …?"), and it does not ask
# how much a sum changed ("cut by half", "is going up by 10 per cent", "How much more …").
_HOW_MUCH = re.compile(r"\bhow much\b\W*([\w'’-]*)", re.I)
# "What is the cost of the new roof?", "What rent did the council agree?" ask it too: a sum
# named after "What is the …" (the words between it and the sum being no "view on the …"),
# or right after "What".
_SUM_ASKED = re.compile(
    r"(?!(?s:.*)\b(?:on|to|against|by|for|from|with|about)\W*$)"  # "What is the fee based on?"
    r"\s*what(?:['’]s| is| was| are| were| will be| would be| has been) "
    r"(?:the|its|their|(?:[\w-]+ ){0,3}?[\w-]+['’]s) "  # "What is the school's budget for …"
    r"(?:(?!(?:on|of|about|over|regarding|for|to)\b)[\w'’-]+ ){0,3}?"
    r"(?:cost|costs|price|budget|fee|fees|salary|fare|rent) (?:of|for|to)\b|"
    r"\s*what (?:[\w'’-]+ )?(?:cost|price|fee|fees|salary|fare|rent|wage|wages) "
    r"(?:did|does|do|will|would|was|is|has|have|had)\b",
    re.I,
)
# "What will the new Chief Constable be paid?", "What will the roof cost?": most likely a sum,
# though "on the leadership scale" answers too.
_PAY_ASKED = re.compile(
    r"\s*what (?:will|would|does|do|did|is|are|was|were) (?:[\w'’-]+ ){1,5}?"
    r"(?:be paid|get paid|cost|earn|charge)\W*$",
    re.I,
)
# "What did the new locks for the Foxhollow Road sheds cost?": a sum, however long the thing;
# not "What is the clerk doing about the roof cost?", "What did they decide to do about the
# rising cost?".
_COST_ASKED = re.compile(
    r"\s*what (?:will|would|does|do|did) (?:(?!(?:about|to|with|on|over|doing)\b)[\w'’-]+ ){1,9}?"
    r"cost\W*$",
    re.I,
)
_MORE = frozenset(("more", "extra", "higher", "lower", "less"))
_MONEY_WORDS = re.compile(
    r"\b(cost|costs|costing|worth|spend|spent|pay|paid|paying|money|cash|bid|price|fee|fees|"
    r"charge|charges|salary|grant|grants|funding|contribute|contributes|contributed|"
    r"contribution|donate|donates|donated|donation|compensation|ticket|tickets|fare|fares|"
    r"subscription|subscriptions|levy|toll|tolls)\b",
    re.I,
)
# Nouns that are sums, right after "How much" ("How much funding …"); money words all.
_SUMS = frozenset("money cash funding grant grants compensation".split())
_CHANGE = re.compile(
    r"\b(rise|rises|rose|risen|fall|falls|fell|fallen|cut|cuts|increased?|increases|decreased?|"
    r"decreases|drop|drops|dropped|grow|grows|grew|grown|reduced?|reduces|"
    r"(go|goes|gone|went) (up|down)|by how much)\b|"
    r"\b(is|are|was|were|be|been) ([\w'’-]+ ){0,5}?(rising|falling|increasing|decreasing|"
    r"dropping|growing|reducing|going (up|down))\b|"  # "is … increasing", not "falling rocks"
    r"\bby\W*$",
    re.I,
)
# A sum may be said without a figure: "free of charge", "is free for residents", "at no cost",
# "paid for in full", "the full cost".
_NO_SUM = re.compile(
    r"\b(free of charge|for free|(is|are|be|remains?|stays?) free\b(?! (from|of|to)\b)|"
    r"free (for|to) (residents|users|members|all|everyone|visitors|the public|use|attend|enter|"
    r"join)|(at )?(no|nil) (extra |additional )?(cost|charge)(?![\s-](estimate|benefit))|no fee|"
    r"costs? nothing|(pay|pays|paid|met|funded|covered) for ([\w'’-]+ ){0,4}?in full|"
    r"(paid|funded|met|covered) in full|the full cost|waived)\b",
    re.I,
)
_CURRENCY_BEFORE = re.compile(
    r"([£$€¥₹]|\b(?-i:EUR|GBP|USD|CHF|AUD|CAD|NZD|SEK)|\bRs\.?|\bkr\.?)\s*$"
)
# What follows a sum: a multiplier ("4.2m", "2 million"), a currency ("4.2 million euros",
# "12.000 €"), or a share, which answers a sum asked as a rate ("3 per cent", "two thirds").
_AFTER_SUM = re.compile(
    r"(?P<times>(?:m|bn|mn|k)\b|[ \t\u00a0]*(?:million|billion|thousand|lakh|crore)\b)?"
    r"[ \t\u00a0]*(?:(?P<currency>(?:pounds?|euros?|dollars?|pence|cents?|yen|yuan|rupees?|"
    r"(?:swiss )?francs?|krona|kronor|kroner|kr)\b|(?-i:GBP|EUR|USD|CHF|AUD|CAD|SEK)\b|[£$€¥₹])|"
    r"(?P<share>%|per ?cent\b|percent\b|(?-i:pc)\b|/[2-9]\b(?![/\d])|halves\b|thirds?\b|"
    r"quarters?\b))?",
    re.I,
)
_NOUN_AFTER = re.compile(r"[ \t\u00a0-]*([^\W\d_]+)")  # "2 million passengers", "25m long"
# After a multiplier, a measure or a plural noun says what else is counted ("2 million
# passengers", "25m long"); other words leave a sum ("2m plus VAT", "2.5 million overall").
_MEASURES = frozenset(
    "long high wide deep tall square metres meters miles kilometres km litres tonnes hectares "
    "acres words".split()
)
_SUM_PLURALS = frozenset("plus less fees costs works savings pounds euros dollars".split())
_NOT_NOUNS = frozenset("this thus across towards unless whereas besides perhaps always".split())
_RATE_ASKED = re.compile(
    r"\b(how much of|award|awards)\b",
    re.I,
)  # "How much of the cost will the council pay?": "half of it"
_FRACTION = re.compile(r"half|third|quarter", re.I)
# A date's day ("30 September", "the 1st of March"; not "300 march through the town"), and
# the month of "by September 30" (not "In January 45 complaints": a noun follows the count).
_DATE_AROUND = re.compile(rf"(?:st|nd|rd|th)?(?: of)? (?:{MONTH_NAMES})\b")
_MONTH_BEFORE = re.compile(rf"\b(?:{MONTH_NAMES}) $")
_YEAR_BEFORE = re.compile(r"\b(?:in|since|by|from|until|till|during|before|after) $", re.I)
# What a figure measures when this follows it ("14,600 tonnes"): not a count of other things.
_UNITS = frozenset(
    "tonnes tons kg kilograms metres meters km kilometres miles hectares acres litres kwh mwh gwh "
    "mw kw hours minutes seconds days weeks months years".split()
)
_PENCE = re.compile(r"p(?!\w|\.m\b)")  # "50p", not "5pm" nor "5p.m."
_YEAR = re.compile(r"(19|20)\d\d")


@dataclass(frozen=True, slots=True)
class FigureAsked:
    """What figure a question asks for: of what (`counted` terms, for "How many X …?"),
    whether there is no answer without one (`required`), whether it is a sum (`money`), and
    whether a share of one answers it (`rate`: "How much is the pay award?", "How much of
    the cost will the county pay?": "3 per cent", "two thirds")."""

    counted: frozenset[str] = frozenset()
    required: bool = False
    money: bool = False
    rate: bool = False
    times: bool = False  # "How many times …?": "twice", "on four occasions"
    lasting: bool = False  # "How long …?": "six weeks", "until March", "12 miles"
    often: bool = False  # "How often …?": those, or "monthly", "every two months"


ANY_FIGURE = FigureAsked()  # any figure the question does not name


def figure_asked(question: str, analyser: Analyser) -> FigureAsked:
    """The figure `question` asks for, read off its wording."""
    sum_named = asks_sum(question)
    money = sum_named or asks_pay(question) or _asks_money(question, analyser)
    return FigureAsked(
        counted=_counted(question, analyser),
        required=sum_named
        or bool(
            _FIGURE_ASKED.search(question)
            or _LONG_ASKED.search(question)
            or _COST_ASKED.match(question)
        ),
        money=money,
        rate=money and bool(_RATE_ASKED.search(question)),
        times=bool(_TIMES_ASKED.search(question)),
        often=bool(re.search(r"\bhow often\b", question, re.I)),
        lasting=bool(_LONG_ASKED.search(question)),
    )


def asks_pay(question: str) -> bool:
    """Whether `question` asks what something costs or pays, a sum most likely ("What will the
    roof cost?"), but not only ("paid on the leadership scale")."""
    return bool(_PAY_ASKED.match(question) or _COST_ASKED.match(question))


def asks_sum(question: str) -> bool:
    """Whether `question` names a sum it asks for ("What is the cost of the new roof?", "What
    rent did the council agree?"; not "What is the increase in the cost of the roof?")."""
    return bool(_SUM_ASKED.match(question)) and not _CHANGE.search(question)


def _asks_money(question: str, analyser: Analyser) -> bool:
    """Whether "How much …?" asks for a sum of money (see `_MONEY_WORDS`)."""
    found = _HOW_MUCH.search(question)
    if found is None or _CHANGE.search(question):
        return False
    after = found.group(1).casefold()
    if after in _SUMS:
        return True
    if after in _MORE or after not in analyser.stopwords:
        return False  # "How much more …", "How much time …": a change, or another measure
    return bool(_MONEY_WORDS.search(question, found.end()))


def _counted(question: str, analyser: Analyser) -> frozenset[str]:
    """The terms of what "How many …?" counts; none when any words may count it."""
    found = _COUNTED.search(question)
    if found is None:
        return frozenset()
    counted, acronyms = [], []
    for word in found.group(1).split():
        if word.casefold() in _ANY_WORDS:
            return frozenset()
        if word.casefold() in analyser.stopwords or _PAST.match(word):
            break
        if _ACRONYM.fullmatch(word):  # "NHS dentists" counts dentists, "How many NHS …?" NHS
            acronyms.append(word)
        elif _ACRONYMS.fullmatch(word):  # "HGVs" are counted, as "HGVs" or "HGV movements"
            counted += [word, word[:-1]]
        elif not word[0].isupper():  # "Mill Lane" says where, not what
            counted.append(word)
    return frozenset(analyser.terms(" ".join(counted or acronyms)))


def holds_figure(
    sentence: str, asked: Collection[str], analyser: Analyser, wanted: FigureAsked = ANY_FIGURE
) -> bool:
    """Whether `sentence` holds a figure the question (terms `asked`) does not name already,
    of the kind `wanted`: "How many sailings from Pier 3?" is not answered by the 3 of "Pier 3"."""
    if wanted.counted and _says_none(sentence, wanted.counted, analyser):
        return True
    if wanted.money and _NO_SUM.search(sentence):
        return True
    if wanted.times:
        return bool((_OFTEN if wanted.often else _TIMES).search(sentence))
    if wanted.lasting:
        return any(_lasts(sentence, found) for found in _LASTING.finditer(sentence))
    for found in NUMBER.finditer(sentence):
        if _names_a_thing(sentence, found.start()):
            continue
        if set(analyser.terms(found.group())) <= set(asked):
            continue  # "in 2026" for "How many visits in 2026?"
        if wanted.counted and not _near(sentence, found, wanted.counted, analyser):
            continue
        if wanted.counted and _counts_other(sentence, found, wanted, analyser):
            continue
        if wanted.money and not _may_be_sum(sentence, found, wanted.rate, analyser):
            continue
        return True
    return False


def _lasts(sentence: str, found: re.Match[str]) -> bool:
    """Whether `found` says how long: "for a year", not the rate of "£186,500 a year", "3,400
    a year" nor "twice a week"."""
    if not re.match(r"an? ", found.group(), re.I):
        return True
    return not _RATE_BEFORE.search(sentence, max(0, found.start() - 16), found.start())


_RATE_BEFORE = re.compile(r"(?:\d[\d,.]*[a-z]{0,2}|\bper|\btwice|\bonce|\btimes)\s*$", re.I)


def _says_none(sentence: str, counted: Collection[str], analyser: Analyser) -> bool:
    """ "No objections were received" (no more than two words between), "Objections: none"."""
    for no in _NO.finditer(sentence):
        after = words(sentence[no.end() : no.end() + WINDOW])[:3]
        if not set(counted).isdisjoint(analyser.terms(" ".join(after))):
            return True
    return any(_near(sentence, none, counted, analyser) for none in _NONE.finditer(sentence))


def _near(
    sentence: str, figure: re.Match[str], counted: Collection[str], analyser: Analyser
) -> bool:
    """Whether a term of what is counted is said within COUNT_REACH words of `figure`."""
    before = words(sentence[max(0, figure.start() - WINDOW) : figure.start()])[-COUNT_REACH:]
    after = words(sentence[figure.end() : figure.end() + WINDOW])[:COUNT_REACH]
    return not set(counted).isdisjoint(analyser.terms(" ".join(before + after)))


def _may_be_sum(sentence: str, figure: re.Match[str], rate: bool, analyser: Analyser) -> bool:
    """Whether `figure` is a sum: after a currency ("£4.2m", "CHF 84,000", "Rs. 40"), before
    one ("4.2 million euros", "12.000 €", "50p", "2000 pounds"), with a multiplier that no
    noun follows ("estimated at 4.2m", not "2 million passengers" nor "25m long"), or a share
    of a sum asked as a `rate` ("3 per cent", "two thirds"). Not "38 sessions", "3 p.m." nor a
    year ("in 2026")."""
    if _in_currency(sentence, figure):
        return True
    after = _AFTER_SUM.match(sentence, figure.end())
    if after is not None and after.group("times"):
        noun = _NOUN_AFTER.match(sentence, after.end())
        word = noun.group(1).casefold() if noun else ""
        plural = len(word) > 3 and word.endswith("s") and word not in analyser.stopwords
        counts_other = plural and word not in _SUM_PLURALS and word not in _NOT_NOUNS
        return word not in _MEASURES and not counts_other
    if _YEAR.fullmatch(figure.group()):
        return False
    share = after is not None and after.group("share")
    return rate and bool(share or _FRACTION.fullmatch(figure.group()))


def _counts_other(
    sentence: str, figure: re.Match[str], wanted: FigureAsked, analyser: Analyser
) -> bool:
    """Whether `figure` is a sum, a date or a measure, which count none of what "How many
    …?" asks for: "£28,000 to train volunteers", "circulated to clubs by 30 September",
    "14,600 tonnes last year, mostly parcel flights"."""
    if not wanted.money and _in_currency(sentence, figure):
        return True
    start, end = figure.start(), figure.end()
    if _DATE_AROUND.match(sentence, end):
        return True
    noun = _NOUN_AFTER.match(sentence, end)
    word = noun.group(1).casefold() if noun else ""
    if word in _UNITS and not set(analyser.terms(word)) & wanted.counted:
        return True  # "14,600 tonnes"
    if len(word) > 3 and word.endswith("s") and word not in analyser.stopwords:
        return False  # it counts a noun: "In January 45 complaints", "in 2000 homes"
    if _MONTH_BEFORE.search(sentence, max(0, start - 12), start):
        return True  # "by September 30"
    year = _YEAR.fullmatch(figure.group().rstrip(".,"))
    return bool(year) and bool(_YEAR_BEFORE.search(sentence, max(0, start - 8), start))


def _in_currency(sentence: str, figure: re.Match[str]) -> bool:
    """Whether a currency is said before or after `figure` ("£28,000", "28,000 euros",
    "50p"): a sum, which counts no people ("£28,000 to train volunteers")."""
    start, end = figure.start(), figure.end()
    if _CURRENCY_BEFORE.search(sentence, max(0, start - 6), start) or _PENCE.match(sentence, end):
        return True
    after = _AFTER_SUM.match(sentence, end)
    return after is not None and bool(after.group("currency"))


# A paper's reference: capitals, a slash, and figures ("Paper BD/26/P22", "KV/27/31").
_REFERENCE = re.compile(r"(?<!\S)[A-Z]{1,6}/\S*$")


def _names_a_thing(sentence: str, start: int) -> bool:
    """Whether the number at `start` is part of a name ("item 5", "Flood Zone 3", "H4",
    "BD/26/P22"); not a sum after a currency's code ("GBP4,200")."""
    if start > 0 and sentence[start - 1].isalpha():
        return not _CURRENCY_BEFORE.search(sentence, max(0, start - 6), start)
    if _REFERENCE.search(sentence, max(0, start - 20), start):
        return True
    return bool(_LABEL_BEFORE.search(sentence, max(0, start - LABEL_REACH), start))
