"""Sentence boundaries: answers quote whole sentences exactly as written."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.sentences import sentence_spans, split_sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("One. Two! Three?", ["One.", "Two!", "Three?"]),
        ("Dr. Park met Mr. J. Smith at 3 p.m. on Monday. Then they left.",
         ["Dr. Park met Mr. J. Smith at 3 p.m. on Monday.", "Then they left."]),
        ("“It is done.” She left.", ["“It is done.”", "She left."]),
        ("It rose 3.5 per cent. Good.", ["It rose 3.5 per cent.", "Good."]),
        ("no capital after. so one sentence", ["no capital after. so one sentence"]),
        ("1. The board approved the budget.", ["1. The board approved the budget."]),
        ("6. Break (11:30). 7. Pier 3 hours.", ["6. Break (11:30).", "7. Pier 3 hours."]),
        ("The total was 12. 3 members left.", ["The total was 12.", "3 members left."]),
        ("How many voted against? 3. The motion carried.",
         ["How many voted against?", "3.", "The motion carried."]),  # a count, not an item
        ("Intro line.\n2. Second item.", ["Intro line.", "2. Second item."]),
        ("Ministers Adopt Joint Statement\nSELVANY – Ministers agreed.",
         ["Ministers Adopt Joint Statement", "SELVANY – Ministers agreed."]),  # a headline
        ("   ", []),
        ("It was presented by Mr A.B. Smith of the council. Noted.",
         ["It was presented by Mr A.B. Smith of the council.", "Noted."]),  # initials
        ("Cllr. Ana Ruiz moved it. Insp. Brown agreed. See para. 4 and p. 12. Done.",
         ["Cllr. Ana Ruiz moved it.", "Insp. Brown agreed.", "See para. 4 and p. 12.", "Done."]),
        ("Professor A.B. Hughes said it. Insp. J.R. Moss agreed.",
         ["Professor A.B. Hughes said it.", "Insp. J.R. Moss agreed."]),
        ("The grant came from the E.U. The council will match it.",
         ["The grant came from the E.U.", "The council will match it."]),  # no one's initials
        ("Messrs. Hale and Lee objected. Ref. HB/26/16 was noted.",
         ["Messrs. Hale and Lee objected.", "Ref. HB/26/16 was noted."]),
    ],
)  # fmt: skip
def test_split_sentences(text: str, sentences: list[str]) -> None:
    assert split_sentences(text) == sentences


@given(st.text())
def test_spans_are_ordered_non_empty_and_inside_the_text(text: str) -> None:
    position = 0
    for start, end in sentence_spans(text):
        assert position <= start < end <= len(text)
        assert text[start:end].strip()
        position = end
