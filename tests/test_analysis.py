"""The analyser: one set of terms for passages and questions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis import MAX_TOKEN_LENGTH, Analyser, normalise

A = Analyser()


def test_normalise_makes_typographic_punctuation_plain() -> None:
    assert normalise("“We’re” – ﬁne—done") == '"We\'re" - fine-done'


def test_terms_fold_case_drop_stopwords_and_stem() -> None:
    assert A.terms("The Economies CALLED for deeper cooperation") == [
        "economi", "call", "deeper", "cooper",
    ]  # fmt: skip


def test_irregular_forms_are_their_verbs_and_nouns() -> None:
    assert A.terms("We heard the forum") == A.terms("hearing the forum")
    assert A.terms("The board spent more; it sold the pier") == A.terms("board spends sell pier")
    assert A.terms("Fares were frozen and charges rose") == A.terms("fares freeze charges rise")
    assert A.terms("children and women") == A.terms("child woman")
    assert A.terms("The board overspent; the roof was rebuilt") == A.terms(
        "board overspending roof rebuilding"
    )  # a prefixed verb is as irregular as its verb ("spent", "built")
    assert A.terms("won") == []  # "won't": a stopword before anything else
    for form, verb in (("sent", "send"), ("led", "lead"), ("met", "meeting"), ("lent", "lend"),
                       ("sunk", "sinking"), ("rode", "Ride"), ("woke", "wake"),
                       ("beaten", "beat"), ("torn", "tear"), ("burnt", "burn")):  # fmt: skip
        assert A.terms(form) != A.terms(verb)  # SEND, LED, the Met, Lent, a sinking fund, …
    assert A.terms("minutes") == ["minut"]  # regular words are only stemmed


def test_punctuation_splits_words_and_curly_apostrophes_match_straight_ones() -> None:
    assert A.terms("PPSTI’s public–private role") == A.terms("PPSTI's public-private role")
    assert A.terms("PPSTI’s public–private role") == ["ppsti", "public", "privat", "role"]


def test_question_words_are_dropped_from_questions_only() -> None:
    question = "What did Dr Park say about national security?"
    assert A.query_terms(question) == ["dr", "park", "nation", "secur"]
    assert "say" in A.terms("say")  # a passage keeps the word
    # "How much is it worth?" asks for the figure; the contract says "for £2.35 million".
    assert A.query_terms("How much is the dredging contract worth?") == ["dredg", "contract"]
    assert A.terms("a contract worth £2.35 million") == ["contract", "worth", "2", "35", "million"]


def test_summarise_requests_keep_only_the_topic() -> None:
    assert A.query_terms("Summarise the discussion about open science") == ["open", "scienc"]


def test_overlong_tokens_are_not_indexed() -> None:
    assert A.terms("x" * (MAX_TOKEN_LENGTH + 1) + " budget") == ["budget"]


def test_tokens_give_positions_in_the_original_text() -> None:
    text = "“Fostering” open—innovation"
    spans = [(text[t.start : t.end], t.term) for t in A.tokens(text)]
    assert spans == [("Fostering", "foster"), ("open", "open"), ("innovation", "innov")]


@settings(max_examples=300)
@given(st.text())
def test_analyser_is_total_on_any_unicode(text: str) -> None:
    terms = A.terms(text)
    assert all(t and len(t) <= MAX_TOKEN_LENGTH * 2 for t in terms)
    assert set(A.query_terms(text)) <= set(terms)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["budget", "Minutes", "approved", "the", "“AI”", "vote", "2026"])))
def test_a_sentence_of_a_passage_has_a_subset_of_its_terms(words: list[str]) -> None:
    sentence = " ".join(words)
    passage = f"Opening remarks. {sentence} Closing remarks."
    assert set(A.terms(sentence)) <= set(A.terms(passage))


@settings(max_examples=500)
@given(st.text(max_size=60))
def test_tokens_find_exactly_the_indexed_terms_at_valid_positions(text: str) -> None:
    """Highlighting sees the same terms as indexing, even where NFKC merges or splits words."""
    tokens = list(A.tokens(text))
    assert {t.term for t in tokens if t.term} == set(A.terms(text))
    assert all(0 <= t.start < t.end <= len(text) for t in tokens)


def test_tokens_map_normalised_words_back_to_the_original() -> None:
    text = "ﬁnance inter\u00adnational"
    assert [(text[t.start : t.end], t.term) for t in A.tokens(text)] == [
        ("ﬁnance", "financ"),
        ("inter\u00adnational", "internat"),
    ]


def test_a_word_with_a_combining_accent_is_highlighted_whole() -> None:
    """A decomposed "café" ("cafe" and U+0301) keeps its accent inside the word's span."""
    text = "Le cafe\u0301 et Zoe\u0308 ont parle\u0301."
    spans = [text[t.start : t.end] for t in Analyser().tokens(text)]
    assert spans == ["Le", "cafe\u0301", "et", "Zoe\u0308", "ont", "parle\u0301"]
