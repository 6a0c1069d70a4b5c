"""Ranking beyond plain BM25: neighbouring passages, the speakers a question names, and its
words side by side."""

from __future__ import annotations

import math

import pytest

from bot.analysis import Analyser
from bot.expansion import Expansion, expanded_search
from bot.index import PHRASE_SATURATION, PLAIN, Index, Ranking, adjacent_pairs, speaker_shares
from bot.models import Document, Passage

A = Analyser()
FILLER = "the quarterly report covered staffing, rotas and the canteen"


def document(path: str, *texts: str, order: list[int] | None = None) -> list[Passage]:
    """Passages of one document; `order` gives their positions when not 1, 2, 3, …"""
    doc = Document(path, path, ())
    numbers = order or list(range(1, len(texts) + 1))
    return [Passage(f"{path}#{n}", doc, n, f"¶{n}", t) for n, t in zip(numbers, texts, strict=True)]


def scores(index: Index, terms: list[str], ranking: Ranking) -> dict[str, float]:
    return {h.passage.id: h.score for h in index.search(terms, len(index), ranking=ranking)}


def test_the_score_adds_each_neighbours_score_with_decaying_weight() -> None:
    texts = ["dredging budget", FILLER, "dredging plan", "dredging", FILLER, FILLER, "dredging"]
    index = Index(document("m.md", *texts), A)
    plain = scores(index, ["dredg"], PLAIN)
    smoothed = scores(index, ["dredg"], Ranking(0.5, 2))
    for n in (1, 3, 4, 7):
        expected = plain[f"m.md#{n}"]
        for distance in (1, 2):
            for neighbour in (n - distance, n + distance):
                expected += 0.5**distance * plain.get(f"m.md#{neighbour}", 0.0)
        assert math.isclose(smoothed[f"m.md#{n}"], expected)


def test_one_index_serves_rankings_with_other_neighbour_weights() -> None:
    # The spread each distance adds is remembered per ranking: another ranking gets its own.
    texts = ["dredging budget", FILLER, "dredging plan", "dredging", FILLER, "dredging"]

    def passages() -> list[Passage]:
        return document("m.md", *texts) + document("n.md", "dredging", *texts[:3])

    shared = Index(passages(), A)
    rankings = [Ranking(0.5, 2), Ranking(0.2, 3), Ranking(0.9, 20), Ranking(0.5, 2)]
    for ranking in rankings + rankings[::-1]:
        fresh = Index(passages(), A)
        assert scores(shared, ["dredg"], ranking) == scores(fresh, ["dredg"], ranking)
    wide = scores(shared, ["dredg"], Ranking(0.9, 20))
    plain = scores(shared, ["dredg"], PLAIN)
    # n.md#1's neighbours are all in n.md: m.md's passages, stored before it, give it nothing
    expected = plain["n.md#1"] + sum(0.9**d * plain[f"n.md#{1 + d}"] for d in (1, 3))
    assert math.isclose(wide["n.md#1"], expected)


def test_only_passages_sharing_a_term_are_ranked() -> None:
    index = Index(document("m.md", "dredging", FILLER, "dredging"), A)
    found = scores(index, ["dredg"], Ranking(0.9, 3))
    assert set(found) == {"m.md#1", "m.md#3"}


def test_a_passage_amid_related_ones_outranks_an_isolated_equal_one() -> None:
    texts = ["budget", FILLER, "budget", FILLER, FILLER, "budget dredging", "budget"]
    index = Index(document("m.md", *texts), A)
    assert [h.passage.id for h in index.search(["budget"], 4)][:1] == ["m.md#1"]  # ties: order
    best = index.search(["budget"], 4, ranking=Ranking(0.6, 3))[0]
    assert best.passage.id in {"m.md#6", "m.md#7"}


def test_neighbours_are_within_one_document_and_in_reading_order() -> None:
    # b.md's passages are stored out of order: #2 sits between #1 and #3 in reading order.
    a = document("a.md", FILLER, "levy")
    b = document("b.md", "levy", "levy", FILLER, order=[3, 1, 2])
    index = Index(a + b, A)
    smoothed = scores(index, ["levi"], Ranking(0.5, 1))
    plain = scores(index, ["levi"], PLAIN)
    assert math.isclose(smoothed["a.md#2"], plain["a.md#2"])  # b.md#3 follows it in storage only
    assert math.isclose(smoothed["b.md#1"], plain["b.md#1"])  # its neighbour b.md#2 is filler
    assert math.isclose(smoothed["b.md#3"], plain["b.md#3"])


def test_a_document_filter_keeps_other_documents_out() -> None:
    index = Index(document("a.md", "levy", "levy") + document("b.md", "levy"), A)
    hits = index.search(["levi"], 5, documents=["b.md"], ranking=Ranking())
    assert [h.passage.id for h in hits] == ["b.md#1"]


@pytest.mark.parametrize("ranking", [PLAIN, Ranking(0.0, 3), Ranking(0.6, 0)])
def test_no_context_is_plain_bm25(ranking: Ranking) -> None:
    index = Index(document("m.md", "levy rise", FILLER, "levy"), A)
    assert index.search(["levi"], 3, ranking=ranking) == index.search(["levi"], 3)


def test_expanded_search_applies_the_context_to_the_final_ranking() -> None:
    texts = ["harbour dues", "harbour dues rise", FILLER, "dues", FILLER, FILLER, "dues"]
    index = Index(document("m.md", *texts), A)
    off = Expansion(0, 0, 0.0)
    with_context = expanded_search(index, ["due"], 3, expansion=off, ranking=Ranking(0.6, 2))
    assert with_context == index.search(["due"], 3, ranking=Ranking(0.6, 2))
    expanded = expanded_search(index, ["due"], 3, expansion=Expansion(2, 5, 0.3))
    assert expanded and all(h.passage.id.startswith("m.md#") for h in expanded)


TRANSCRIPT = (
    "Marketing: the budget for the launch is tight, and our survey of two hundred people in "
    "three cities says they want colour, a softer feel and fewer buttons\n"
    "Project Manager: ok\n",
    "Project Manager: the budget for the launch has to cover the casing and the buttons\n"
    "Marketing: yes\n",
)


def test_speaker_shares_come_from_turn_lines_or_the_passages_speaker() -> None:
    raw = document("t.md", *TRANSCRIPT)
    assert speaker_shares(raw[0]) == pytest.approx(
        {"marketing": 27 / 28, "project manager": 1 / 28}
    )
    said = Passage("r.md#1", Document("r.md", "r", ()), 1, "¶1", "We agreed.", speaker="Dr Li Wei")
    assert speaker_shares(said) == {"dr li wei": 1.0}
    assert speaker_shares(document("p.md", "Note: one line only")[0]) == {}  # no line break
    assert speaker_shares(document("p.md", "Dr Li: one line only")[0]) == {}  # not a transcript
    # Minutes whose paragraphs make lines are not a transcript: "Chair: Ana Ruiz" is no turn.
    minutes = "Chair: Margaret Oyelaran-Finch\nThe board met in public on 3 November 2026."
    assert speaker_shares(document("m.md", minutes)[0]) == {}
    labels = "Chair: Margaret Oyelaran-Finch\nPresent: Ana Ruiz, Tom Ellery\nDr Li: I agree."
    assert speaker_shares(document("m.md", labels)[0]) == {"dr li": 1.0}  # labels are no one


def test_a_question_naming_a_speaker_raises_their_passages() -> None:
    index = Index(document("t.md", *TRANSCRIPT, FILLER, FILLER, FILLER), A)
    question = "What did Marketing think about the budget for the launch?"
    assert index.speakers_named(question) == ("marketing",)
    assert index.speakers_named("What about the project budget?") == ()
    assert index.speakers_named("What did the project manager say?") == ("project manager",)
    terms = A.query_terms("budget launch")
    plain = index.search(terms, 2)
    assert plain[0].passage.id == "t.md#2"  # the longer passage 1 loses on length alone
    boosted = index.search(terms, 2, ranking=Ranking(0.0, 0, 1.0), speakers=["marketing"])
    by_id = {h.passage.id: h.score for h in boosted}
    assert by_id["t.md#1"] == pytest.approx(
        {h.passage.id: h.score for h in plain}["t.md#1"] * (1 + 27 / 28)
    )
    assert boosted[0].passage.id == "t.md#1"
    off = index.search(terms, 2, ranking=Ranking(0.0, 0, 0.0), speakers=["marketing"])
    assert off == plain


PHRASES = Ranking(0.0, 0, 0.0, phrase_weight=1.0, phrase_depth=10)


def test_a_questions_phrases_are_its_terms_side_by_side_each_once() -> None:
    terms = A.query_terms("Who set up the recording equipment and the recording room?")
    assert terms == ["set", "record", "equip", "record", "room"]
    assert adjacent_pairs(terms) == (
        ("set", "record"), ("record", "equip"), ("equip", "record"), ("record", "room")
    )  # fmt: skip
    assert adjacent_pairs(["levi"]) == () and adjacent_pairs([]) == ()


def test_a_passage_saying_the_words_together_outranks_one_saying_them_apart() -> None:
    # Same terms, same length: equal BM25 scores, so plain ranking goes by passage order.
    apart = "equipment for the new hall and a recording of the talk"
    together = "recording equipment for the new hall and the talk"
    index = Index(document("m.md", apart, together, FILLER), A)
    terms = A.query_terms("recording equipment")
    plain = index.search(terms, 2)
    assert [h.passage.id for h in plain] == ["m.md#1", "m.md#2"]
    assert plain[0].score == plain[1].score
    phrases = adjacent_pairs(terms)
    ranked = index.search(terms, 2, ranking=PHRASES, phrases=phrases)
    assert [h.passage.id for h in ranked] == ["m.md#2", "m.md#1"]
    gain = (index.weight("record") + index.weight("equip")) / 2  # said once: a count of 1
    assert ranked[0].score == pytest.approx(plain[1].score + gain)
    assert ranked[1].score == plain[0].score
    assert index.search(terms, 2, ranking=PLAIN, phrases=phrases) == plain  # off: plain


def test_a_phrase_said_again_counts_less_each_time() -> None:
    index = Index(document("m.md", "harbour dues harbour dues harbour dues", FILLER), A)
    terms = ["harbour", "due"]
    plain = index.search(terms, 1)[0].score
    ranked = index.search(terms, 1, ranking=PHRASES, phrases=adjacent_pairs(terms))[0].score
    weight = (index.weight("harbour") + index.weight("due")) / 2
    count = 3  # "harbour dues" three times; "dues harbour" is no pair of the question
    saturated = count * (PHRASE_SATURATION + 1) / (count + PHRASE_SATURATION)
    assert ranked == pytest.approx(plain + weight * saturated)


def test_only_the_best_passages_are_read_for_phrases() -> None:
    # Only the last passage says "levy rise", and plain BM25 ranks it last (it is the longest).
    texts = ["rise levy levy", "rise levy levy", "levy cap rise", f"levy rise {FILLER}", FILLER]
    index = Index(document("m.md", *texts), A)
    terms = ["levi", "rise"]
    plain = [h.passage.id for h in index.search(terms, 3)]
    assert [h.passage.id for h in index.search(terms, 4)][-1] == "m.md#4"
    shallow = Ranking(0.0, 0, 0.0, phrase_weight=5.0, phrase_depth=2)
    deep = Ranking(0.0, 0, 0.0, phrase_weight=5.0, phrase_depth=4)
    pairs = adjacent_pairs(terms)
    assert [h.passage.id for h in index.search(terms, 3, ranking=shallow, phrases=pairs)] == plain
    assert "m.md#4" in [h.passage.id for h in index.search(terms, 2, ranking=deep, phrases=pairs)]


def test_passage_terms_are_what_the_passage_is_indexed_under() -> None:
    passages = document("m.md", "Harbour dues rise", FILLER)
    said = Passage("m.md#3", passages[0].document, 3, "¶3", "We agreed.", "Levies", "Dr Li")
    index = Index([*passages, said], A)
    assert index.passage_terms(passages[0]) == ("harbour", "due", "rise")
    assert index.passage_terms(said) == tuple(A.terms("Levies Dr Li We agreed."))  # all indexed
    assert index.passage_terms(passages[0]) is index.passage_terms(passages[0])  # remembered
    stranger = Passage("m.md#1", passages[0].document, 1, "¶1", "another text")
    assert index.passage_terms(stranger) == ("anoth", "text")  # another snapshot's passage


def test_held_reads_from_the_postings_which_terms_each_passage_says() -> None:
    passages = document("m.md", "Harbour dues rise", FILLER, "Dues frozen")
    said = Passage("m.md#4", passages[0].document, 4, "¶4", "We agreed.", "Levies", "Dr Li")
    index = Index([*passages, said], A)
    asked = {"due", "rise", "levi", "li", "absent"}
    stranger = Passage("m.md#1", passages[0].document, 1, "¶1", "rise again")
    held = index.held(asked, [passages[0], passages[1], passages[2], said, stranger])
    assert held[0] == {"due", "rise"}
    assert held[1] == set()
    assert held[2] == {"due"}
    assert held[3] == {"levi", "li"}  # heading and speaker are indexed too
    assert held[4] == {"rise"}  # another snapshot's passage: analysed instead
    assert index.held(asked, []) == []
    for passage, terms in zip(passages, index.held(asked, passages), strict=True):
        assert terms == asked & set(index.passage_terms(passage))
