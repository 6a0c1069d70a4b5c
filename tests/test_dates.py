"""Dates as requests state them and as meeting documents write them."""

from __future__ import annotations

import pytest

from bot.dates import numeric_date, says_date, stated_date


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("the board on 6 April", (None, 4, 6, None)),
        ("September the 14th", (None, 9, 14, None)),
        ("the 14th of May", (None, 5, 14, None)),
        ("in May", (None, 5, None, None)),
        ("the May meeting", (None, 5, None, None)),
        ("the meeting, may I ask", (None, None, None, None)),  # "may" a verb
        ("item 6", (None, None, None, None)),  # a number alone is no day
        ("on the 28th", (None, None, 28, None)),
        ("wednesday's board meeting", (None, None, None, 2)),
        ("the 2027 AGM", (2027, None, None, None)),
        ("on 06/04/2027", (2027, 4, 6, None)),  # day first
        ("on 6/4/27", (2027, 4, 6, None)),
        ("on 2027-04-06", (2027, 4, 6, None)),
        ("the April or May meeting", (None, 4, None, None)),  # the first month only
    ],
)  # fmt: skip
def test_the_date_a_request_states(text: str, parts: tuple[int | None, ...]) -> None:
    stated = stated_date(text)
    assert (stated.year, stated.month, stated.day, stated.weekday) == parts


def test_a_stated_date_fits_the_meetings_date() -> None:
    assert stated_date("on 6 April").fits("2027-04-06")
    assert not stated_date("on 6 April").fits("2027-04-07")
    assert stated_date("wednesday's meeting").fits("2027-03-03")  # a Wednesday
    assert not stated_date("in May").fits(None)  # an undated meeting has no month
    assert stated_date("the board").fits(None)  # no date stated: any meeting


def test_numeric_dates_are_day_first() -> None:
    assert numeric_date("09/03/2027") == (2027, 3, 9)
    assert numeric_date("9/3/27") == (2027, 3, 9)
    assert numeric_date("2027-03-09") == (2027, 3, 9)
    assert numeric_date("9.3") is None


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Minutes of the meeting held on Tuesday 6 April 2027 at 10:00.", True),
        ("The board met on 6th April, in the boardroom.", True),  # its year left out
        ("Held on April 6, 2027.", True),
        ("held on 06/04/2027 at 19:00", True),
        ("The survey held on 6 April 2025 found three stiles.", False),  # another year
        ("The AGM took place on 6 April last year.", False),
        ("on 16 April 2027", False),  # another day
    ],
)  # fmt: skip
def test_a_document_says_its_own_date(text: str, said: bool) -> None:
    assert says_date(text, "2027-04-06") is said
