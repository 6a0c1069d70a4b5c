"""One analyser for passages and questions, so both sides of BM25 agree on terms.

rank-bm25 does no text processing of its own; every choice lives here:
Unicode normalisation (NFKC, typographic quotes and dashes made plain), case
folding, word tokens without punctuation, English stopwords and Snowball stems
(PyStemmer). Questions go through the same steps and then lose the words that
only make them questions ("what did … say about", "summarise").
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import Stemmer

MAX_TOKEN_LENGTH = 64  # longer "words" are data noise (hashes, base64); cap keeps the index small

# Typographic punctuation NFKC leaves alone, mapped to the plain forms people type.
_PLAIN = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-", "\u00ad": None,
    }
)  # fmt: skip

_WORD = re.compile(r"[^\W_]+")
# Capital Latin letters, accented ones too, for the patterns that find names ("Seán Ó Briain",
# "Łukasz Nowak"): a character class body, as "[A-Z]" would be.
CAPITALS = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())

_KNOWN_LIMIT = 200_000  # distinct words whose term is remembered
_CHUNK = re.compile(r"\S+")

# Function words of English, plus the pieces contractions leave behind ("we're" -> "we", "re").
STOPWORDS: frozenset[str] = frozenset(
    """
    a about above after again against all am an and any are as at be because been before being
    below between both but by can could d did do does doing down during each few for from
    further had has have having he her here hers herself him himself his i if in into is it its
    itself just ll m me more most my myself no nor not now o of off on once only or other our
    ours ourselves out over own re s same she should so some such t than that the their theirs
    them themselves then there these they this those through to too under until up ve very was
    we were what when where which while who whom why will with would you your yours yourself
    yourselves also shall may might must upon don doesn didn isn wasn aren weren won wouldn
    couldn shouldn hasn haven hadn
    """.split()
)

# Irregular forms the Snowball stemmer leaves as they are ("heard" is not "hear", nor
# "children" "child"): a question asks "what was spent", the minutes say "spending". Not
# forms that would meet another word: "sent" (SEND, special educational needs), "led"
# (LED lighting), "met" (the Met; "meet" is the stem of "meeting"), "lent" (Lent), "sunk"
# (a sinking fund), "rode" (Park and Ride), "woke" (in the wake of), "beaten" (a police
# beat), "torn" (wear and tear), "stuck" (stick), "burnt" (Burnt Oak).
_IRREGULAR_FORMS = """
    arise:arose arisen|begin:began begun|break:broke broken|bring:brought|build:built|
    buy:bought|catch:caught|choose:chose chosen|come:came|deal:dealt|draw:drew drawn|
    drive:drove driven|fall:fell fallen|feel:felt|fight:fought|find:found|fly:flew flown|
    freeze:froze frozen|get:got gotten|give:gave given|go:went gone|grow:grew grown|
    hear:heard|hold:held|keep:kept|know:knew known|leave:left|lose:lost|make:made|
    mean:meant|oversee:oversaw overseen|pay:paid|run:ran|
    rise:rose risen|say:said|see:saw seen|seek:sought|sell:sold|show:shown|
    speak:spoke spoken|spend:spent|stand:stood|strike:struck|take:took taken|teach:taught|
    tell:told|think:thought|undertake:undertook undertaken|understand:understood|
    uphold:upheld|withdraw:withdrew withdrawn|write:wrote written|child:children|man:men|
    woman:women|foot:feet|criterion:criteria|index:indices|analysis:analyses|
    overspend:overspent|underspend:underspent|rebuild:rebuilt|overtake:overtook overtaken|
    overrun:overran|overcome:overcame|override:overrode overridden|undergo:underwent undergone|
    withhold:withheld|foresee:foresaw foreseen|mislead:misled|become:became|
    forget:forgot forgotten|hide:hid hidden|throw:threw thrown|wear:wore worn|
    swear:swore sworn|shake:shook shaken|dig:dug|sweep:swept|sleep:slept|flee:fled|
    forbid:forbade forbidden|forgive:forgave forgiven|prove:proven|learn:learnt
"""
IRREGULAR: dict[str, str] = {
    form: verb.strip()
    for entry in _IRREGULAR_FORMS.split("|")
    for verb, forms in [entry.split(":")]
    for form in forms.split()
}

# Words that make a sentence a question or a request but say nothing about the topic.
QUESTION_WORDS: frozenset[str] = frozenset(
    """
    what which who whom whose when where why how did does do say said says saying think thought
    thinks discuss discussed discussing discussion discussions talk talked talking mention
    mentioned summarise summarize summarised summarized summary tell explain describe opinion
    opinions view views thoughts about regarding according please
    give gave given giving much many worth
    """.split()
)


def normalise(text: str) -> str:
    """Unicode NFKC with typographic quotes and dashes made plain (the form people type)."""
    if text.isascii():
        return text  # NFKC and the plain forms leave ASCII as it is
    return unicodedata.normalize("NFKC", text).translate(_PLAIN)


def words(text: str) -> list[str]:
    """The words of `text` as the analyser sees them, before case folding and stemming."""
    return _WORD.findall(normalise(text))


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the original text and the term it analyses to (None: not indexed)."""

    start: int
    end: int
    term: str | None


class Analyser:
    """Turns text into BM25 terms; the same instance serves the index and the questions."""

    def __init__(
        self,
        stopwords: frozenset[str] = STOPWORDS,
        question_words: frozenset[str] = QUESTION_WORDS,
        language: str = "english",
    ) -> None:
        self.stopwords = stopwords
        self.question_words = question_words
        self._language = language
        # PyStemmer objects are not thread-safe; one per thread costs a few KiB.
        self._local = threading.local()
        # Word -> term (or "" for a word that is not indexed): answering analyses the same
        # passages' words over and over, and a dict lookup is far cheaper than stemming.
        self._known: dict[str, str] = {}

    def _stem(self, word: str) -> str:
        stemmer = getattr(self._local, "stemmer", None)
        if stemmer is None:
            stemmer = self._local.stemmer = Stemmer.Stemmer(self._language)
        return str(stemmer.stemWord(word))

    def _fresh(self, word: str) -> str:
        folded = word.casefold()
        skip = folded in self.stopwords or len(folded) > MAX_TOKEN_LENGTH
        return "" if skip else self._stem(IRREGULAR.get(folded, folded))

    def term(self, word: str) -> str | None:
        """One word's term, not remembered: for words tried once (spelling candidates)."""
        known = self._known.get(word)
        return (self._fresh(word) if known is None else known) or None

    def _term(self, word: str) -> str | None:
        known = self._known.get(word)
        if known is None:
            known = self._fresh(word)
            if len(word) <= MAX_TOKEN_LENGTH:  # noise is not worth remembering
                if len(self._known) >= _KNOWN_LIMIT:
                    self._known.clear()  # bounded; threads may race here harmlessly
                self._known[word] = known
        return known or None

    def terms(self, text: str) -> list[str]:
        """The indexed terms of a passage, in order, repeats kept (BM25 counts them)."""
        # Answering analyses a few thousand sentences a question: the remembered words are
        # looked up inline, as a method call per word cost a third of the time.
        known = self._known
        found: list[str] = []
        for word in _WORD.findall(normalise(text)):
            term = known.get(word)
            if term is None:
                term = self._term(word)
            if term:
                found.append(term)
        return found

    def query_terms(self, question: str) -> list[str]:
        """The terms of a question: like `terms`, without the question's own wording."""
        words = _WORD.findall(normalise(question))
        kept = [w for w in words if w.casefold() not in self.question_words]
        return [t for w in kept if (t := self._term(w)) is not None]

    def tokens(self, text: str) -> Iterator[Token]:
        """Every word of `text` with its position in `text`, for highlighting matched words.

        Words are found in the normalised text, exactly as `terms` finds them, then
        mapped back to the original characters (NFKC can merge, split or resize them).
        Words never span whitespace, so each run of non-space characters is mapped alone.
        """
        for chunk in _CHUNK.finditer(text):
            piece, offset = chunk.group(), chunk.start()
            normal = normalise(piece)
            words = list(_WORD.finditer(normal))
            if normal == piece:
                for word in words:
                    start, end = offset + word.start(), offset + word.end()
                    yield Token(start, end, self._term(word.group()))
            elif len(piece) > MAX_TOKEN_LENGTH * 4:
                continue  # not worth mapping: no sensible word is this long
            else:
                # ends[k]: length of the normalised form of the first k characters
                ends = [len(normalise(piece[:k])) for k in range(len(piece) + 1)]
                for word in words:
                    first = next(k for k, e in enumerate(ends) if e > word.start()) - 1
                    last = next((k for k, e in enumerate(ends) if e >= word.end()), len(piece))
                    while last < len(piece) and ends[last + 1] == ends[last]:
                        last += 1  # an accent that composes with the last letter ("cafe\u0301")
                    yield Token(offset + first, offset + last, self._term(word.group()))
