"""Questions to answers: the best sentences of the best passages, or an honest "not found".

BM25 ranks passages; the answer quotes the one to three sentences inside them that
cover most of the question's weight (idf), best first, with matched words marked
for bold. A question is answered only when one passage covers enough of that
weight: a passage that shares just "meeting" with "What did the meeting decide
about the budget?" is noise, and citing noise is the one thing users cannot check.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from bot.alternatives import Link, Reading, marked, read_question, weighted_query
from bot.analysis import QUESTION_WORDS, STOPWORDS, Analyser, words
from bot.answer_kinds import (
    HONORIFICS,
    Wanted,
    document_names,
    holds_answer,
    proper_nouns,
    wanted,
    without_framing,
)
from bot.attribution import names_another
from bot.coverage import SLACK_KINDS, Coverage
from bot.expansion import Expansion, expanded_search
from bot.index import Index, Ranking, adjacent_pairs
from bot.models import Answer, Citation, Document, Hit, Passage, Quote, Span
from bot.sentences import sentence_spans
from bot.spelling import dictionary

BARE_WORDS = 2  # a sentence this short is quoted for what it holds, not for its words
NAME_SAMPLE = 12  # passages read to tell whether a word typed in lower case is a name
NAME_SHARE = 0.8  # share of its mid-sentence uses that are capitalised
NAME_SHARE_OF_PASSAGES = 0.01  # a word in more passages than this is no name's …
NAME_MIN_COMMON = 50  # … nor in more than this, in a small folder
REPLY_SENTENCES = 2  # sentences of a reply that may answer what a quote asks
REPLY_PASSAGES = 3  # passages read on for the reply to a quote that asks
ITEM_PASSAGES = 8  # passages of the same item read on for its decision ("RESOLVED: …")
PAIR_GAIN = 0.1  # how much more two adjacent sentences must cover to be quoted together

# A paragraph opening another item under the same heading: "Item 6.", "**7. Car park**".
_OPENS_ITEM = re.compile(r"\s*(\*\*|__)?\s*(item\s+(\d+|[a-z]+)\b|\d{1,2}[.)]\s)", re.I)
# In a transcript, the chair moving on to the next item: "Next on the agenda is …", "Moving
# on to …", "That brings us to …". What is said after it is that item's.
_MOVES_ON = re.compile(
    r"\s*(next (on the agenda|item|up)\b|moving on\b|agenda item \d+|"
    r"we(['’]ll| will)? (now )?(move|turn|come|go) (on )?to\b|"
    r"(that|which) brings us to\b|let['’]s (move|turn|go) (on )?to\b|(and )?now (on )?to\b|"
    r"turning (now )?to\b)",
    re.I,
)


# Minutes reporting a question: "Councillor Okafor-Lyle asked whether …", "Ms Ng queried how …".
_ASKED = re.compile(
    r"(?<!when )(?<!if )\b(?:asked|queried|enquired|inquired|wanted to know|"
    r"sought clarification on) "
    r"(?:\w+ )?(?:whether|if|what|how|when|why|who|where|which)\b",
    re.I,
)

_TOLD = re.compile(  # the answer a reported question carries: "… and were told £20,000"
    r"\b(?:told|confirmed|replied|explained|answered|responded|assured|advised|said)\b", re.I
)
# A reply that answers nothing: "Thank you, Harriet.", "OK, thanks." (not "No.": it answers)
_THANKS = re.compile(
    r"\s*(?:thank|thanks|cheers|ok|okay|right|good|great|sure|fine|lovely)\b"
    r"[^.?!]{0,24}[.!]?\s*$",
    re.I,
)
_ABOUT_ASKING = re.compile(r"\b(?:ask(?:s|ed|ing)?|questions?|quer(?:y|ied|ies))\b", re.I)


# "What did Dr Raman say about the dues?": the answer must be something that person said.
_SAID_ABOUT = re.compile(
    r"^\s*what\s+(?:did|does|do|has|have|had|will|would)\s+(?P<who>.+?)\s+"
    r"(?:say|said|think|thought|argue|argued|propose|suggest|want|mention|note|stress|"
    r"emphasi[sz]e|warn|report|announce|add|feel|believe|tell)"
    r"(?:\s+(?:about|on|regarding|concerning)\s+(?P<topic>.+?))?\s*\??\s*$",
    re.I,
)
PERSON_SCAN = 200  # passages naming the person that are looked at
HOLDER_SCAN = 50  # passages saying a post that are looked at for the speaker holding it
# "the captain", "our treasurer", "the club's membership secretary": a post, not a name.
_THE_POST = re.compile(r"(?:the|our|their|its)\s+(?P<post>(?-i:[a-z][\w'’ -]{2,40}))", re.I)


@dataclass(frozen=True, slots=True)
class AnswerOptions:
    """How much to retrieve and quote, and when to stay silent."""

    passages: int = 12  # top passages whose sentences compete for the answer
    max_quotes: int = 3
    min_coverage: float = 0.5  # share of the question's idf a passage must cover to be cited
    related_quote: float = 0.75  # extra quotes must cover this share of the best quote's coverage
    max_quote_chars: int = 1200  # all quotes together, before rendering
    expansion: Expansion = field(default_factory=Expansion)  # pseudo-relevance feedback
    ranking: Ranking = field(default_factory=Ranking)  # neighbouring passages, named speakers
    alternatives: bool = True  # the documents' acronyms, and their spelling of mistyped words


@dataclass(frozen=True, slots=True)
class _Candidate:
    coverage: float  # counting the passage's speaker as part of the sentence
    literal: float  # the sentence's own words only
    rank: int
    start: int
    end: int
    hit: Hit
    terms: frozenset[str]
    replies: bool = False  # the reply to the quote before it, which asks


def answer_question(
    question: str,
    index: Index,
    options: AnswerOptions | None = None,
    documents: Collection[str] | None = None,
) -> Answer:
    """Answer `question` from `index`, optionally only from the given document paths."""
    options = options or AnswerOptions()
    reading = reading_of(question, index, options.alternatives)
    answer = _answer(question, reading, index, options, documents)
    return replace(answer, read_as=reading.read_as) if reading.read_as else answer


def reading_of(question: str, index: Index, alternatives: bool = True) -> Reading:
    """The terms `question` is searched and judged by: its words but those that only frame it
    ("How long …", "so far"), unless nothing else is left; with `alternatives`, typos read
    as the documents spell them, acronyms with what they stand for, and a role with the other
    names of the same post ("lawyer": "solicitor", "barrister")."""
    terms = index.analyser.query_terms(without_framing(question))
    terms = terms or index.analyser.query_terms(question)
    if alternatives and terms:
        reading = read_question(question, terms, index)
        return replace(reading, links=reading.links + _role_links(question, reading.terms, index))
    return Reading(terms, [])


def _role_links(question: str, terms: Sequence[str], index: Index) -> list[Link]:
    """ "Who was the lawyer for …?" is answered by "Ms Fairbrother of Fairbrother Lees
    Solicitors": a post's other names say what its name says."""
    want = wanted(question, index.analyser)
    role = [next(iter(post)) for post in want.role] if want is not None else []
    said = frozenset(role) & set(terms)
    return [Link(said, (other,)) for other in role if said and other not in said]


def _answer(
    question: str,
    reading: Reading,
    index: Index,
    options: AnswerOptions,
    documents: Collection[str] | None,
) -> Answer:
    analyser = index.analyser
    searched = index.document_count if documents is None else len(documents)
    terms, links = reading.terms, reading.links
    if not terms:
        return Answer(question, False, documents_searched=searched, reason="vague")
    hits = _passages(question, terms, links, index, options, documents)
    if not hits:
        return Answer(question, False, documents_searched=searched, reason="no_match")
    said = _SAID_ABOUT.match(question)
    if said:
        from_speaker = _answer_from_speaker(question, said, index, options, documents, searched)
        if from_speaker is not None:
            return from_speaker
    measure = _measure(question, reading, index)
    relevant = [
        (rank, hit) for rank, hit in enumerate(hits)
        if measure.enough(hit.passage, options.min_coverage)
    ]  # fmt: skip
    if not relevant:
        return _partial(question, hits, searched)
    candidates, pairs = _sentences(relevant, measure)
    # Ties on coverage go to the sentence that says the words itself, then to the better passage.
    candidates.sort(key=lambda c: (-c.coverage, -c.literal, c.rank, c.start))
    chosen = _choose(candidates, options, _holder_of(measure.want, analyser))
    chosen = _with_pair(chosen, pairs, options)
    if not _ABOUT_ASKING.search(without_framing(question)):  # "What did Ms Ng ask?": the asking
        chosen = _with_reply(chosen, index, measure, options)
    if not chosen:  # matches only in headings or speaker names: quote the passage's first sentence
        rank, hit = relevant[0]
        start, end = sentence_spans(hit.passage.text)[0]
        chosen = [_Candidate(0.0, 0.0, rank, start, end, hit, frozenset())]
    want = measure.want
    if want:
        chosen = _with_answer(chosen, want, index, hits, measure.of_text, options)
        chosen = chosen[:1] + [c for c in chosen[1:] if not want.out_of_time(_text(c))]
        quotes = ((_text(c), c.hit.passage.speaker) for c in chosen)
        if want.required and not any(want.held_by_quote(t, who, analyser) for t, who in quotes):
            return _partial(question, hits, searched)  # "How many objections?": no such figure
    if _names_elsewhere(question, chosen, index, documents, links):
        return _partial(question, hits, searched)
    return _build(question, chosen, marked(measure.weights, links), analyser, searched)


def judged(
    question: str,
    index: Index,
    options: AnswerOptions | None = None,
    documents: Collection[str] | None = None,
) -> tuple[list[Hit], Coverage | None]:
    """The passages an answer to `question` is chosen from, and the measure that judges
    whether each says enough of it (`Coverage.enough`), as `answer_question` reads them;
    no measure for a question with nothing to search by. For telling where answers fail
    (bench/failures.py)."""
    options = options or AnswerOptions()
    reading = reading_of(question, index, options.alternatives)
    if not reading.terms:
        return [], None
    hits = _passages(question, reading.terms, reading.links, index, options, documents)
    return hits, _measure(question, reading, index)


def _measure(question: str, reading: Reading, index: Index) -> Coverage:
    """How much of the question, as read, a text says, and what kind of answer it wants."""
    want = wanted(_as_read(question, reading), index.analyser)
    return Coverage(index, reading.terms, reading.links, want)


def _passages(
    question: str,
    terms: Sequence[str],
    links: Sequence[Link],
    index: Index,
    options: AnswerOptions,
    documents: Collection[str] | None,
) -> list[Hit]:
    """The question's own best passages first, then those that feedback and ranking
    (neighbours, the speakers it names, its words side by side) found besides."""
    expansion = options.expansion
    query, boosts = weighted_query(terms, links)
    first = index.search(query, max(options.passages, expansion.passages), documents, boosts)
    hits = first[: options.passages]
    seen = {hit.passage.id for hit in hits}
    speakers = index.speakers_named(question)
    ranked = expanded_search(
        index, query, options.passages, documents, expansion, first, options.ranking, speakers,
        boosts, adjacent_pairs(terms),
    )  # fmt: skip
    return hits + [hit for hit in ranked if hit.passage.id not in seen]


def _sentences(
    relevant: list[tuple[int, Hit]], measure: Coverage
) -> tuple[list[_Candidate], list[tuple[float, _Candidate, _Candidate]]]:
    """Every sentence of the relevant passages with its share of the question, and every
    two adjacent ones together (the answer may take two: "Motion: …" "Vote: …")."""
    analyser = measure.analyser
    candidates = []
    pairs: list[tuple[float, _Candidate, _Candidate]] = []
    for rank, hit in relevant:
        speaker = analyser.terms(hit.passage.speaker or "")
        around = measure.context(hit.passage)
        named = measure.named_by(hit.passage)
        before: tuple[_Candidate, list[str]] | None = None
        for start, end in sentence_spans(hit.passage.text):
            sentence = hit.passage.text[start:end]
            found = analyser.terms(sentence)
            if not found or _bare(sentence):  # "Of course.", "Carried."
                before = None  # pairs are of adjacent sentences only
                continue
            matched = frozenset(found) & measure.weights.keys()
            candidate = _Candidate(
                measure.of_sentence(found, sentence, speaker, around, named),
                measure.of(found), rank, start, end, hit, matched,
            )  # fmt: skip
            candidates.append(candidate)
            if before is not None and not _MOVES_ON.match(hit.passage.text, start):
                earlier, said = before  # of one item: not "Carried. Next on the agenda …"
                joined = hit.passage.text[earlier.start : end]
                both = measure.of_sentence(said + found, joined, speaker, around, named)
                pairs.append((both, earlier, candidate))
            before = (candidate, found)
    return candidates, pairs


def _bare(sentence: str) -> bool:
    """Whether `sentence` is too short to be quoted for its words ("Of course.", "Agreed."),
    and no label's line nor figure ("Venue: Guildhall", "Against: 3")."""
    return len(words(sentence)) <= BARE_WORDS and not re.search(r"[:\d]", sentence)


def _with_pair(
    chosen: list[_Candidate],
    pairs: list[tuple[float, _Candidate, _Candidate]],
    options: AnswerOptions,
) -> list[_Candidate]:
    """Two adjacent sentences first when together they cover clearly more of the question
    than the best single one: "The ministers set up a drought fund of 75 million euros.
    Alvaria and Dostrin will each contribute 25 million." for "What will Dostrin put in?"."""
    if not chosen or not pairs or options.max_quotes < 2:
        return chosen
    both, first, second = max(pairs, key=lambda p: (p[0], -p[1].rank, -p[1].start))
    if both < chosen[0].coverage + PAIR_GAIN:
        return chosen
    rest = [c for c in chosen if not _same_sentence(c, first) and not _same_sentence(c, second)]
    return _within_limits([first, second, *rest], options)


def _within_limits(quotes: list[_Candidate], options: AnswerOptions) -> list[_Candidate]:
    """The first quotes that fit `max_quotes` and `max_quote_chars` (the first always)."""
    kept: list[_Candidate] = []
    length = 0
    for quote in quotes[: options.max_quotes]:
        size = quote.end - quote.start
        if kept and length + size > options.max_quote_chars:
            continue
        kept.append(quote)
        length += size
    return kept


def _names_elsewhere(
    question: str,
    chosen: list[_Candidate],
    index: Index,
    documents: Collection[str] | None,
    links: Sequence[Link],
) -> bool:
    """Whether the question is about other documents than the quoted ones: it names something
    ("PPSTI", "Dr Park") that the quoted documents never mention but another one does, or the
    best quote's document mentions none of the names the documents hold (a second quote
    from the right document does not make the first one right)."""
    analyser = index.analyser

    def mentioned(term: str, quoted: list[Document]) -> bool:
        paths = {document.path for document in quoted}
        names = {t for d in quoted for t in analyser.terms(document_names(d))}  # "March"
        if term in names or index.mentions(term, paths):
            return True
        return any(  # "PPSTI" is mentioned where the long form is, and the other way round
            term in link.said and all(index.mentions(t, paths) for t in link.instead)
            for link in links
        )

    names = [*proper_nouns(question), *names_typed_lower(question, index)]
    named = [
        term
        for name in names
        for term in analyser.terms(name)
        if term not in HONORIFICS and index.mentions(term, documents)
    ]
    if not named:
        return False
    quoted = list({c.hit.passage.document.path: c.hit.passage.document for c in chosen}.values())
    if any(not mentioned(term, quoted) for term in named):
        return True
    return not any(mentioned(term, [chosen[0].hit.passage.document]) for term in named)


def names_typed_lower(question: str, index: Index) -> list[str]:
    """The words of `question` typed in lower case that the documents write as a name: two
    side by side that they capitalise together ("the lantern rooms": "The Lantern Rooms"),
    or one no English dictionary knows that they capitalise ("fellmarsh"); not "board" of
    "the Board" nor "chair". Capitalised means so in `NAME_SHARE` of its uses (mid-sentence,
    after a lower-case word, for two words) in the first `NAME_SAMPLE` passages holding the
    first word."""
    asked = list(re.finditer(r"[^\W\d_][\w'’-]*", without_framing(question)))
    lower = {w.group() for w in asked if _may_name(w.group())}
    unknown = lower - dictionary().known(lower)
    names: list[str] = []
    for at, word in enumerate(asked):
        after = asked[at + 1] if at + 1 < len(asked) else None
        typed = word.group()
        if typed in unknown and _capitalised(typed, typed, index, anywhere=True):
            names.append(typed)
        elif (
            after is not None
            and {typed, after.group()} <= lower
            and question[word.end() : after.start()] == " "
            and _capitalised(typed, f"{typed} {after.group()}", index)
        ):
            names += [typed, after.group()]
    return list(dict.fromkeys(names))


def _may_name(word: str) -> bool:
    """Whether `word`, typed in lower case, may be a name's: three letters or more, not a
    word that only asks ("what", "said") nor a function word."""
    asking = word in QUESTION_WORDS or word in STOPWORDS
    return word.islower() and len(word) >= 3 and not asking


def _capitalised(first: str, phrase: str, index: Index, anywhere: bool = False) -> bool:
    """Whether the documents capitalise `phrase` (each word) where they use it: mid-sentence
    (after a lower-case word), or `anywhere` for a word no dictionary knows. A word in more
    than `NAME_SHARE_OF_PASSAGES` of the passages is too common to be a name's."""
    term = index.analyser.term(first)
    common = max(NAME_MIN_COMMON, NAME_SHARE_OF_PASSAGES * len(index))
    if term is None or index.document_frequency(term) > common:
        return False
    after = "" if anywhere else "(?<=[a-z,] )"
    said = re.compile(rf"{after}\b(?i:{re.escape(phrase)})\b")
    texts = (  # a title or a heading writes every word capitalised: only a word nobody knows
        f"{p.document.title}\n{p.heading or ''}\n{p.text}" if anywhere else p.text
        for p in index.holding(term, NAME_SAMPLE)
    )
    cases = [
        all(w[0].isupper() for w in found.group().split())
        for text in texts
        for found in said.finditer(text)
    ]
    return bool(cases) and sum(cases) >= NAME_SHARE * len(cases)


def asks(sentence: str) -> bool:
    """Whether `sentence` asks rather than tells: "What happens to the juniors while the
    work's going on?", "Councillor Okafor-Lyle asked whether the tenants would receive any
    money back." Its words are the question's; the answer is in the reply. Not "When asked
    whether …, the clerk confirmed …", nor "Members asked how … and were told …": those
    carry their answer."""
    if sentence.rstrip(" \t\n\"'’”)").endswith("?"):
        return True
    found = _ASKED.search(sentence)
    return found is not None and not _TOLD.search(sentence, found.end())


def _with_reply(
    chosen: list[_Candidate], index: Index, measure: Coverage, options: AnswerOptions
) -> list[_Candidate]:
    """A quote that asks comes with its reply: of the sentences `_reply` finds, the first
    holding the kind of answer asked for, else the first saying most of the question, never
    a courtesy ("Thank you, Harriet.")."""
    if not chosen or options.max_quotes < 2 or not asks(_text(chosen[0])):
        return chosen
    want, analyser = measure.want, index.analyser

    def answers(reply: _Candidate) -> tuple[bool, float]:
        text = _text(reply)
        return want is not None and want.held_by(text, analyser), measure.of_text(text)

    replies = [r for r in _reply(chosen[0], index) if not _THANKS.match(_text(r))]
    best = max(replies, key=answers, default=None)  # the first of equals
    if best is None:
        return chosen
    rest = [c for c in chosen[1:] if not _same_sentence(c, best)]
    return _within_limits([chosen[0], replace(best, replies=True), *rest], options)


def _reply(question: _Candidate, index: Index) -> list[_Candidate]:
    """Where the answer to a quote that asks may be, within its item: after a spoken
    question, the first `REPLY_SENTENCES` of the next turn by another speaker, then the
    asker's own next sentence (a question they answer themselves: "So what does it mean for
    members? It means …"); after one the minutes report ("… asked whether …"), the next
    `REPLY_SENTENCES` sentences."""
    passage = question.hit.passage
    spans = sentence_spans(passage.text)
    at = spans.index((question.start, question.end))
    own = _within_item([(passage, a, b) for a, b in spans[at + 1 :]])
    reported = _ASKED.search(passage.text, question.start, question.end) is not None
    spoken = passage.speaker is not None and not reported
    turn: list[tuple[Passage, int, int]] = []
    following = index.following(passage)
    for _ in range(REPLY_PASSAGES if spoken or not own else 0):
        if turn or following is None or following.heading != passage.heading:
            break
        if not (spoken and following.speaker == passage.speaker):
            turn = _within_item([(following, a, b) for a, b in sentence_spans(following.text)])
        following = index.following(following)
    after = turn[:REPLY_SENTENCES] + own[:1] if spoken else (own or turn)[:REPLY_SENTENCES]
    return [
        replace(question, start=a, end=b, hit=question.hit if p is passage else Hit(p, 0.0))
        for p, a, b in after
    ]


def _within_item(sentences: list[tuple[Passage, int, int]]) -> list[tuple[Passage, int, int]]:
    """The sentences up to one opening another item ("6. Bonfires.", "Next on the agenda
    is …")."""
    ends = next(
        (
            n
            for n, (p, a, _) in enumerate(sentences)
            if _MOVES_ON.match(p.text, a) or _OPENS_ITEM.match(p.text, a)
        ),
        None,
    )
    return sentences[:ends]


def _with_answer(
    chosen: list[_Candidate],
    want: Wanted,
    index: Index,
    hits: list[Hit],
    share: Callable[[str], float],
    options: AnswerOptions,
) -> list[_Candidate]:
    """The quotes with a neighbouring sentence when only the neighbour holds what was asked.

    Minutes name the item in one sentence and the seconder or the vote in the next:
    "Motion: That the committee approves the bus lanes." / "Vote: 6 in favour, 1 against."
    Of the quotes' neighbours that hold the kind, a sentence beside a quote comes before one
    read on to the end of an item; then the one saying most of the question's words wins,
    then the one next to the better quote; the pair is quoted first.
    """
    if options.max_quotes < 2:
        return chosen
    lead = [c for c in chosen[:2] if c.replies or c.hit.passage.id == chosen[0].hit.passage.id]
    if any(want.held_by(_text(c), index.analyser) for c in lead):
        return chosen  # the best quote (or the pair it leads) holds it already
    found = [
        (distance, -share(_text(neighbour)), i, j, anchor, neighbour)
        for i, anchor in enumerate(chosen)
        for j, (distance, neighbour) in enumerate(_neighbours(anchor, want, index, hits))
    ]
    if not found:
        return chosen
    *_, anchor, neighbour = min(found, key=lambda f: f[:4])
    pair = sorted([anchor, neighbour], key=_reading_order)
    rest = [c for c in chosen if not any(_same_sentence(c, p) for p in pair)]
    return _within_limits([*pair, *rest], options)


def _neighbours(
    quote: _Candidate, want: Wanted, index: Index, hits: list[Hit]
) -> list[tuple[int, _Candidate]]:
    """The sentence after `quote`, the one before, then the one after that, that hold a `kind`
    the question does not name. Sentences after may run on into the next passage when it
    continues the same item (same heading): "Motion: … Proposed by …" / "Vote: 6 in favour".
    A decision or a tally closes its item, so for those the rest of the item is read too, up
    to `ITEM_PASSAGES` passages on: "The application sought …" … "RESOLVED (9 for, 0 against):
    That permission be granted …". Each comes with its distance: 0 beside the quote, 1 read on.
    """
    passage = quote.hit.passage
    spans = sentence_spans(passage.text)
    at = spans.index((quote.start, quote.end))
    after = [(quote.hit, start, end) for start, end in spans[at + 1 :]]
    # What closes an item is read on for to the item's end: the next heading, or in a
    # transcript (a speaker, no headings) the next sentence that opens another item.
    closing = want.closes_item and (passage.heading is not None or passage.speaker is not None)
    reach = ITEM_PASSAGES if closing else 1
    following = index.following(passage)
    while reach and following is not None and following.heading == passage.heading:
        if (len(after) >= 2 and not closing) or (closing and _OPENS_ITEM.match(following.text)):
            break
        score = next((h.score for h in hits if h.passage.id == following.id), 0.0)
        hit = Hit(following, score)
        after += [(hit, start, end) for start, end in sentence_spans(following.text)]
        following, reach = index.following(following), reach - 1
    # Read on no further than a sentence opening another item ("Item five is the allotment
    # rent.", "Next on the agenda is …"): what is decided after it is that item's; and a quote
    # that opens an item is not answered by the sentence before it, the last item's.
    moves = next(
        (n for n, (h, a, _) in enumerate(after) if _MOVES_ON.match(h.passage.text, a)), None
    )
    after = after[:moves]
    ends = next(
        (n for n, (h, a, _) in enumerate(after) if _OPENS_ITEM.match(h.passage.text, a)), None
    )
    opens = _MOVES_ON.match(passage.text, quote.start) is not None
    before = [(quote.hit, *spans[at - 1])] if at > 0 and not opens else []
    nearest = [*after[:1], *before, *after[1:2]]
    later = after[2:ends] if closing else []

    if want.mover:  # who moved or seconded is said before the motion's tally, not after it
        tallies = (
            holds_answer("vote", h.passage.text[a:e], (), index.analyser) for h, a, e in after
        )
        tally = next((n for n, said in enumerate(tallies) if said), None)
        after = after if tally is None else after[: tally + 1]

    def holding(sentences: list[tuple[Hit, int, int]]) -> Iterator[_Candidate]:
        for hit, start, end in sentences:
            text = hit.passage.text[start:end]
            if (
                want.held_by_quote(text, hit.passage.speaker, index.analyser)  # "I'll second that."
                if want.mover
                else want.held_by(text, index.analyser)
            ):
                yield replace(quote, start=start, end=end, hit=hit, terms=frozenset())

    near = [(0, c) for c in holding(nearest)]
    far = next(holding(later), None)  # only the first sentence read on that holds it
    return near or ([(1, far)] if far else [])


def _text(candidate: _Candidate) -> str:
    return candidate.hit.passage.text[candidate.start : candidate.end]


def _reading_order(candidate: _Candidate) -> tuple[str, int, int]:
    return (candidate.hit.passage.document.path, candidate.hit.passage.n, candidate.start)


def _answer_from_speaker(
    question: str,
    said: re.Match[str],
    index: Index,
    options: AnswerOptions,
    documents: Collection[str] | None,
    searched: int,
) -> Answer | None:
    """Answer "what did X say about Y" from what X said; None when no passage names X.

    The candidates are the sentences of passages attributed to X and the sentences
    that name X. The question is declined when none of X's passages covers enough of
    Y's weight (X spoke, but not about that); otherwise the sentences covering most of
    it are quoted, X's own quoted words first.
    """
    analyser = index.analyser
    who = [t for t in analyser.terms(said["who"]) if t not in HONORIFICS]
    if who and options.alternatives:  # "Dr Prak" is Dr Park
        who = read_question(said["who"], who, index).terms
    named = _naming(index, who, documents) if who else []
    if not any(spoke for _, spoke in named):  # "the captain": Jenny Pascoe, who says so
        holder = _holder(said["who"], index, documents)
        by_post = _naming(index, analyser.terms(holder), documents) if holder else []
        if any(spoke for _, spoke in by_post):
            who, named = analyser.terms(holder or ""), by_post
    if not who:
        return None
    return _from_speaker(question, said, who, named, index, options, searched)


def _holder(who: str, index: Index, documents: Collection[str] | None) -> str | None:
    """The speaker holding the post `who` names ("the captain", "the treasurer"), as they
    say it of themselves: "Jenny Pascoe, club captain.", "I'm Hilary Van Wyk, membership
    secretary."; of several, the one whose words say most of it ("the board chair": the
    chair of the transport board, not of the rowing club). None for a name, or when no
    speaker says so."""
    post = _THE_POST.fullmatch(who.strip())
    want = wanted(f"Who is the {post['post']}?", index.analyser) if post else None
    if post is None or want is None or not want.role:
        return None
    analyser = index.analyser
    words_ = set(analyser.terms(post["post"]))
    holders: dict[str, int] = {}
    for term in dict.fromkeys(t for role in want.role for t in role):
        for passage in index.holding(term, HOLDER_SCAN):
            speaker = passage.speaker
            if not speaker or (documents is not None and passage.document.path not in documents):
                continue
            surname = speaker.split()[-1]
            if surname not in passage.text:
                continue
            for start, end in sentence_spans(passage.text):
                sentence = passage.text[start:end]
                if surname in sentence and want.held_by_quote(sentence, speaker, analyser):
                    says = len(words_ & set(analyser.terms(sentence)))
                    holders[speaker] = max(holders.get(speaker, 0), says)
    return max(holders, key=lambda h: holders[h], default=None)  # the first of equals


def _from_speaker(
    question: str,
    said: re.Match[str],
    who: list[str],
    named: list[tuple[Hit, bool]],
    index: Index,
    options: AnswerOptions,
    searched: int,
) -> Answer | None:
    """Answer "what did X say about Y" from the passages `named` (X spoke them, or they
    name X)."""
    analyser = index.analyser
    if not named:
        return None  # nobody by that name: answer the question the usual way
    topic = analyser.query_terms(said["topic"] or "")
    links: list[Link] = []
    if options.alternatives and topic:
        reading = read_question(said["topic"], topic, index)
        topic, links = reading.terms, reading.links
    measure = Coverage(index, topic, links)

    # What each passage could say of the topic, from the postings: a passage says no
    # more than the terms it is indexed under (a linked long form needs all its words).
    asked = {*measure.weights, *(t for link in links for t in link.instead)}
    befores = [index.previous(hit.passage) if spoke else None for hit, spoke in named]
    looked_at = {id(p): p for p in [*(hit.passage for hit, _ in named), *befores] if p}
    held = dict(zip(looked_at, index.held(asked, list(looked_at.values())), strict=True))

    def at_most(*passages: Passage | None) -> float:
        said = frozenset().union(*(held[id(p)] for p in passages if p))
        said |= {t for link in links if set(link.instead) <= said for t in link.said}
        return measure.of_said(said)

    # A passage of theirs is about the topic when it, or the one before, says enough of it.
    best_passage = 0.0
    for (hit, spoke), before in zip(named, befores, strict=True):
        if topic and spoke and best_passage < options.min_coverage <= at_most(hit.passage, before):
            text = [
                *(_text_terms(index, before) if before else ()),
                *_text_terms(index, hit.passage),
            ]
            best_passage = max(best_passage, measure.of(text))

    def most(rank: int) -> float:
        """The best score a sentence of passage `rank` can have."""
        hit, spoke = named[rank]
        base = at_most(hit.passage) if topic else 1.0 if spoke else 0.5
        return base + (0.25 if any(mark in hit.passage.text for mark in '“"') else 0.0)

    candidates = []
    best_score = 0.0
    # Best first, so the sentences of passages that cannot be quoted are never read.
    for limit, rank in sorted(
        ((most(rank), rank) for rank in range(len(named))), key=lambda b: -b[0]
    ):
        settled = best_passage >= options.min_coverage or limit < options.min_coverage
        if limit < best_score * min(options.related_quote, 1.0) and (settled or not topic):
            break  # nor can a sentence of any later passage
        hit, spoke = named[rank]
        for start, end in sentence_spans(hit.passage.text):
            sentence = hit.passage.text[start:end]
            said_words = analyser.terms(sentence)
            found = set(said_words)
            if not spoke and not set(who) <= found:
                continue
            if spoke and names_another(sentence, hit.passage.speaker or ""):
                continue  # "Gareth Lowe advised members …" in their paragraph: not their words
            share = measure.of(said_words)
            if not spoke:
                best_passage = max(best_passage, share)
            quoted = any(mark in sentence for mark in '“"')
            # Their own quoted words first; without a topic, in reading order.
            score = (share if topic else 1.0 if spoke else 0.5) + (0.25 if quoted else 0.0)
            best_score = max(best_score, score)
            matched = frozenset(found & measure.weights.keys())
            candidates.append(_Candidate(score, share, rank, start, end, hit, matched))
    if not candidates or (topic and best_passage < options.min_coverage):
        return _partial(question, [hit for hit, _ in named], searched)
    candidates.sort(
        key=lambda c: (-c.coverage, c.hit.passage.document.path, c.hit.passage.n, c.start)
    )
    best = candidates[0]
    others = [
        c for c in candidates[1:]
        if c.coverage >= best.coverage * options.related_quote and not _same_sentence(c, best)
    ]  # fmt: skip
    chosen = [best, *others[: options.max_quotes - 1]]
    chosen.sort(key=lambda c: (c.hit.passage.document.path, c.hit.passage.n, c.start))
    return _build(question, chosen, marked([*topic, *who], links), analyser, searched)


def _holder_of(want: Wanted | None, analyser: Analyser) -> Callable[[_Candidate], bool]:
    """Whether a candidate holds the kind of answer asked for, when holding it tells (not a
    figure nor a decision: nearly every passage of minutes holds one)."""
    if want is None or want.kind not in SLACK_KINDS:
        return lambda candidate: False
    return lambda candidate: want.held_by(_text(candidate), analyser)


def _choose(
    candidates: list[_Candidate],
    options: AnswerOptions,
    holds: Callable[[_Candidate], bool],
) -> list[_Candidate]:
    """The best sentence, then up to `max_quotes - 1` others nearly as good (no repeats).
    One that says fewer of the question's words itself than the best is still nearly as
    good when it holds the kind of answer asked for and the best does not ("… we expect
    the building to open to students in September 2029." beside "… ask that the new
    library open twenty-four hours a day" for "When will the new library open?")."""
    if not candidates or candidates[0].coverage <= 0:
        return []
    best = candidates[0]
    best_lacks_it = not holds(best)
    chosen = [best]
    length = best.end - best.start
    for candidate in candidates[1:]:
        if len(chosen) >= options.max_quotes:
            break
        size = candidate.end - candidate.start
        if candidate.coverage < best.coverage * options.related_quote:
            break  # sorted by coverage: nothing after this qualifies either
        if candidate.literal < best.literal * options.related_quote and not (
            best_lacks_it and holds(candidate)
        ):
            continue  # only attributed to the right person, without the words asked about
        if length + size > options.max_quote_chars:
            continue
        if any(_same_sentence(candidate, c) for c in chosen):
            continue
        chosen.append(candidate)
        length += size
    return chosen


def _same_sentence(a: _Candidate, b: _Candidate) -> bool:
    return a.hit.passage.id == b.hit.passage.id and a.start == b.start


def _build(
    question: str, chosen: list[_Candidate], terms: set[str], analyser: Analyser, searched: int
) -> Answer:
    """Number citations by first use, so citations[0] is the passage of the best quote. A
    passage is cited without its speaker when a quote from it opens with someone else
    ("Gareth Lowe advised members …" in Cllr Penhaligon's paragraph is not hers): a
    citation names one speaker for all its quotes, and naming none is better than naming
    the wrong one."""
    numbers: dict[str, int] = {}
    citations: list[Citation] = []
    quotes: list[Quote] = []
    others = {
        c.hit.passage.id for c in chosen
        if c.hit.passage.speaker and names_another(_text(c), c.hit.passage.speaker)
    }  # fmt: skip
    for candidate in chosen:
        passage = candidate.hit.passage
        if passage.id not in numbers:
            numbers[passage.id] = len(numbers) + 1
            cited = replace(passage, speaker=None) if passage.id in others else passage
            citations.append(Citation(numbers[passage.id], cited, candidate.hit.score))
        text = passage.text[candidate.start : candidate.end]
        quotes.append(Quote(highlight(text, terms, analyser), numbers[passage.id]))
    return Answer(question, True, tuple(quotes), tuple(citations), documents_searched=searched)


def highlight(text: str, terms: Collection[str], analyser: Analyser) -> tuple[Span, ...]:
    """Cut `text` into spans, marking the words whose term is one of `terms`."""
    spans: list[Span] = []
    position = 0
    for token in analyser.tokens(text):
        if token.term is None or token.term not in terms:
            continue
        if token.start > position:
            spans.append(Span(text[position : token.start]))
        spans.append(Span(text[token.start : token.end], match=True))
        position = token.end
    if position < len(text):
        spans.append(Span(text[position:]))
    return tuple(spans)


def _naming(
    index: Index, who: list[str], documents: Collection[str] | None
) -> list[tuple[Hit, bool]]:
    """The passages a person spoke (True) or that name them in their text (False), best
    first; the postings say which passages hold the name at all."""
    analyser = index.analyser
    person = set(who)
    hits = index.search(who, PERSON_SCAN, documents)  # "Boutros Boutros-Ghali": both count
    named = []
    for hit, held in zip(hits, index.held(person, [hit.passage for hit in hits]), strict=True):
        if held != person:
            continue
        passage = hit.passage
        speaker = set(analyser.terms(passage.speaker or ""))
        spoke = person <= speaker
        besides = speaker | set(analyser.terms(passage.heading or ""))  # all else is text
        if spoke or not person & besides or person <= set(_text_terms(index, passage)):
            named.append((hit, spoke))
    return named


def _text_terms(index: Index, passage: Passage) -> Sequence[str]:
    """A passage's text as indexed terms, without its heading and speaker: read from the
    index's remembered terms, which are those of heading, speaker and text in turn."""
    analyser = index.analyser
    skip = len(analyser.terms(passage.heading or "")) + len(analyser.terms(passage.speaker or ""))
    return index.passage_terms(passage)[skip:]


def _as_read(question: str, reading: Reading) -> str:
    """The question with its typos as they were read ("Who is the vice chiar?" asks for the
    vice chair: the role and what is counted are the documents' words)."""
    for typed, read in reading.read_as:
        question = re.sub(rf"\b{re.escape(typed)}\b", read, question)
    return question


def _partial(question: str, hits: Sequence[Hit], searched: int) -> Answer:
    """Declined: the documents say part of it, not what was asked; the closest are named."""
    closest = _unique_documents(hit.passage for hit in hits)
    return Answer(question, False, closest=closest, documents_searched=searched, reason="partial")


def _unique_documents(passages: Iterable[Passage], limit: int = 3) -> tuple[Document, ...]:
    seen: dict[str, Document] = {}
    for passage in passages:
        seen.setdefault(passage.document.path, passage.document)
    return tuple(seen.values())[:limit]
