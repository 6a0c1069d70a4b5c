"""How much of a question a passage or a sentence says (bot/coverage.py)."""

from __future__ import annotations

import math

import pytest

from bot.alternatives import Link
from bot.analysis import Analyser
from bot.answer_kinds import wanted, without_framing
from bot.coverage import CONTEXT_SHARE, OWN_MIN, TYPE_BONUS, TYPE_SLACK, Coverage
from bot.index import Index
from bot.models import Document, Passage

A = Analyser()
MINUTES = Document("harwick.md", "Harwick planning committee minutes", ())
FILLER = [
    "The committee noted the quarterly report on staffing and rotas.",
    "Members thanked the canteen staff for the buffet.",
    "The meeting closed at nine.",
    "Apologies were received from two members.",
]


def passage(n: int, text: str, heading: str | None = None, speaker: str | None = None) -> Passage:
    return Passage(f"harwick.md#{n}", MINUTES, n, f"¶{n}", text, heading, speaker)


def index_of(*texts: str) -> Index:
    return Index([passage(n, t) for n, t in enumerate([*texts, *FILLER], start=1)], A)


def test_a_rare_word_weighs_more_than_a_common_one() -> None:
    index = index_of("The dredging budget was set.", "The budget was agreed.", "A budget line.")
    measure = Coverage(index, A.query_terms("dredging budget"), [], None)
    dredging, budget = measure.of(["dredg"]), measure.of(["budget"])
    assert dredging > budget > 0
    assert math.isclose(dredging + budget, 1.0)
    assert measure.of(["budget", "dredg", "budget"]) == pytest.approx(1.0)  # any order, once


def test_a_question_of_no_terms_is_said_by_nothing() -> None:
    measure = Coverage(index_of("The dredging budget was set."), [], [], None)
    assert measure.of(["dredg"]) == 0.0


def test_a_long_form_says_its_acronym_only_as_the_phrase_it_is() -> None:
    index = index_of("The Policy Partnership on Science met.")
    long_form = tuple(A.terms("Policy Partnership on Science"))
    link = Link(frozenset(["ppsti"]), long_form)
    measure = Coverage(index, ["ppsti", "met"], [link], None)
    assert measure.of_text("The Policy Partnership on Science met.") == pytest.approx(1.0)
    assert measure.of_text("Science policy: the partnership met.") < 1.0


def test_heading_and_document_count_once_the_passage_says_enough_itself() -> None:
    # "Harwick" names the document; "dredging budget" and "silt" are asked too, and no
    # passage says all three, so only saying enough (OWN_MIN) lets the context count.
    index = index_of("The dredging budget was set.", "The budget was agreed.", "Silt.", "Silt.")
    measure = Coverage(index, A.query_terms("Harwick dredging budget silt"))
    says_much, says_little = index.passages[0], index.passages[1]
    own_little = measure.of(list(index.passage_terms(says_little)))
    assert own_little < OWN_MIN
    assert measure.of_passage(says_little) == pytest.approx(own_little)  # context not counted
    own_much = measure.of(list(index.passage_terms(says_much)))
    assert own_much >= OWN_MIN
    harwick = measure.of(A.terms("Harwick"))
    assert measure.of_passage(says_much) == pytest.approx(own_much + harwick)


def test_a_passage_holding_the_kind_asked_may_say_a_little_less() -> None:
    question = "When will the harbour dredging contract with Meridian start?"
    dated = "The dredging contract will start on 4 May."
    undated = "The dredging contract will start soon."
    index = index_of(dated, undated, "The harbour master retired.", "Meridian Marine won.")
    measure = Coverage(index, A.query_terms(question), [], wanted(question, A))
    with_date, without = index.passages[0], index.passages[1]
    assert measure.of_passage(with_date) == pytest.approx(measure.of_passage(without))
    bar = measure.of_passage(with_date) + TYPE_SLACK / 2  # just out of reach of either
    assert measure.enough(with_date, bar)
    assert not measure.enough(without, bar)
    assert not Coverage(index, A.query_terms(question)).enough(with_date, bar)  # nothing asked


def test_one_word_of_several_is_not_enough_where_the_document_says_no_other() -> None:
    """ "Where's the money for the tram coming from?": the money of allotment minutes, however
    rare a word "money" is, does not answer it; a tram document's may, and so may minutes'
    "The pontoon will be fixed" for "When will the pontoon be repaired?" where they say
    "repairs" elsewhere."""
    tram = Document("tram.md", "Tram release", ())
    texts = [
        (MINUTES, "The tenants asked whether they would receive any money back."),
        (MINUTES, "The pontoon will be fixed in June."),
        (MINUTES, "Repairs to the boathouse roof are done."),
        *((tram, f"The tram extension will have {n} new stops.") for n in range(2, 8)),
        (tram, "The tram money comes from the Growth Fund."),
        *((MINUTES, text) for text in FILLER),
    ]
    index = Index(
        [Passage(f"{d.path}#{n}", d, n, f"¶{n}", t) for n, (d, t) in enumerate(texts, 1)], A
    )
    question = "where's the money for the tram coming from?"
    terms = A.query_terms(without_framing(question))  # "coming from" only frames it
    measure = Coverage(index, terms, [], wanted(question, A))
    money, both = index.passages[0], index.passages[9]
    assert measure.of_passage(money) > 0.5  # the rarer word weighs most
    assert not measure.enough(money, 0.5)
    assert measure.enough(both, 0.5)
    repaired = "When will the pontoon be repaired?"
    measure = Coverage(index, A.query_terms(repaired), [], wanted(repaired, A))
    assert measure.enough(index.passages[1], 0.5)


@pytest.mark.parametrize(
    ("question", "holding", "not_holding"),
    [
        ("Which firm won the harbour dredging contract?",
         "The dredging contract went to Meridian Marine Works Ltd.",
         "The dredging contract went out to tender."),
        ("Where will the harbour dredging spoil go?",
         "The dredging spoil will go to Garrow Deep.",
         "The dredging spoil will go far away."),
        ("Why did the harbour dredging stop?",
         "The dredging stopped because of storms.",
         "The dredging stopped in the end."),
    ],
)  # fmt: skip
def test_a_body_a_place_or_a_reason_asked_for_earns_the_slack(
    question: str, holding: str, not_holding: str
) -> None:
    index = index_of(holding, not_holding, "The harbour master retired.", "Silt.")
    measure = Coverage(index, A.query_terms(question), [], wanted(question, A))
    held, other = index.passages[0], index.passages[1]
    bar = measure.of_passage(held) + TYPE_SLACK / 2
    assert measure.of_passage(other) + TYPE_SLACK / 2 >= bar  # says as much of the question
    assert measure.enough(held, bar)
    assert not measure.enough(other, bar)


def test_a_figure_earns_no_slack_nearly_every_passage_holds_one() -> None:
    question = "How much will the harbour dredging contract with Meridian cost?"
    priced = "The dredging contract will cost £4,000."
    index = index_of(priced, "The dredging contract will cost more.", "Meridian Marine won.")
    measure = Coverage(index, A.query_terms(question), [], wanted(question, A))
    with_sum, without = index.passages[0], index.passages[1]
    assert measure.want is not None and measure.want.held_by(priced, A)
    bar = measure.of_passage(with_sum) + TYPE_SLACK / 2
    assert not measure.enough(with_sum, bar)
    assert not measure.enough(without, bar)


def test_a_passage_saying_all_but_its_documents_name_counts_it_with_the_kind_asked() -> None:
    # "Who chairs the Harwick planning committee?" from "Mr Alasdair Kinross (Chair)".
    question = "Who chairs the Harwick planning committee?"
    chair = "Mr Alasdair Kinross (Chair) opened the meeting."
    index = index_of(chair, "The chair thanked members.", "Harwick chairs were repainted.")
    terms = A.query_terms(question)
    with_kind = Coverage(index, terms, [], wanted(question, A))
    without = Coverage(index, terms, [], None)
    kinross = index.passages[0]
    assert with_kind.of_passage(kinross) == pytest.approx(1.0)
    assert without.of_passage(kinross) == pytest.approx(1.0)  # nothing asked of the kind
    no_name = index.passages[1]  # says "chair" but holds no person
    assert with_kind.of_passage(no_name) < OWN_MIN


def test_a_sentence_counts_its_speaker_and_gains_for_the_kind_asked() -> None:
    index = index_of("“We will dredge on 4 May,” said Ana Ruiz.", "Ana Ruiz chaired the meeting.")
    question = "When did Ana Ruiz say the dredging would start?"
    measure = Coverage(index, A.query_terms(question), [], wanted(question, A))
    found = A.terms("We will dredge on 4 May.")
    speaker = A.terms("Ana Ruiz")
    alone = measure.of_sentence(found, "We will dredge.", [], [], [])
    spoken = measure.of_sentence(found, "We will dredge.", speaker, [], [])
    dated = measure.of_sentence(found, "We will dredge on 4 May.", speaker, [], [])
    assert spoken > alone
    agreed = A.terms("Yes, absolutely.")  # none of the question's words: the speaker's still
    assert measure.of_sentence(agreed, "Yes, absolutely.", speaker, [], []) > 0
    assert dated == pytest.approx(spoken + TYPE_BONUS)


def test_a_sentence_saying_the_question_says_its_documents_name_as_well() -> None:
    # "Mr Alasdair Kinross (Chair)" for "Who chairs the Harwick planning committee?"
    index = index_of("Mr Alasdair Kinross (Chair).", "The chair thanked members.")
    measure = Coverage(index, A.query_terms("Who chairs the Harwick planning committee?"))
    named = A.terms("Harwick planning committee minutes")
    chair = A.terms("Mr Alasdair Kinross (Chair).")
    thanks = A.terms("Members thanked the canteen staff.")
    with_name = measure.of_sentence(chair, "Mr Alasdair Kinross (Chair).", [], named, named)
    assert with_name == pytest.approx(1.0)
    assert measure.of_sentence(chair, "Mr Alasdair Kinross (Chair).", [], [], []) < 1.0
    # a sentence saying none of the question's words does not borrow its document's name
    assert measure.of_sentence(thanks, "Members thanked the canteen staff.", [], [], named) == 0


def test_a_heading_places_a_sentence_in_part() -> None:
    index = index_of("Received from two members.", "Apologies for absence.")
    measure = Coverage(index, A.query_terms("apologies members"), [], None)
    found = A.terms("Received from two members.")
    around = A.terms("Apologies")
    plain = measure.of_sentence(found, "Received from two members.", [], [], [])
    placed = measure.of_sentence(found, "Received from two members.", [], around, [])
    assert placed == pytest.approx(plain + CONTEXT_SHARE * measure.of(A.terms("Apologies")))
