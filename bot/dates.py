"""Dates as requests state them and as meeting documents write them.

A request names a meeting by its date in the words people type ("on 6 April", "the 28th",
"wednesday's board meeting", "6/4/27"); a document writes its own date in a few set forms
("held on Tuesday 6 April 2027", "15 June at 7pm", "09/03/2027"). Numbers are written day
first, as in the documents this bot reads.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

MONTHS = {m.casefold(): n for n, m in enumerate(calendar.month_name) if m}
MONTHS |= {m.casefold(): n for n, m in enumerate(calendar.month_abbr) if m} | {"sept": 9}
WEEKDAYS = {d.casefold(): n for n, d in enumerate(calendar.day_name)}
# The months as written in a text, capitalised ("March", "Sept"): for patterns read with case,
# so that "300 march" and "may vote" are no months.
MONTH_NAMES = "|".join(
    [m for m in calendar.month_name if m] + [m for m in calendar.month_abbr if m] + ["Sept"]
)
_DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")  # beside a month: "6 April", "April the 6th"
_ORDINAL = re.compile(r"(\d{1,2})(?:st|nd|rd|th)")  # alone: "the 28th"
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_FIRST = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})")
_SUFFIX = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}
# After a date, a year that makes it another one: "13 April 2025", "13 April last year".
_OTHER_YEAR = r"\s+(?:(?!{year}\b)\d{{4}}\b|last year|next year)"


_MONTH_WORD = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b"
# A date as a text writes it: "Tuesday 4 May 2027", "4th May", "May 4", "04/05/2027".
_WRITTEN = re.compile(
    r"\b(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + _MONTH_WORD
    + r"|"
    + _MONTH_WORD
    + r"\s+\d{1,2}\b|\d{1,2}/\d{1,2}/\d{2,4}\b|\d{4}-\d{2}-\d{2}\b)",
    re.I,
)


def writes_a_date(text: str) -> bool:
    """Whether `text` writes a day of a month ("on Tuesday 4 May 2027", "on 04/05/2027")."""
    return _WRITTEN.search(text) is not None


@dataclass(frozen=True, slots=True)
class StatedDate:
    """The parts of a date a request states; any may be missing."""

    words: tuple[str, ...] = ()  # the words that stated them, case-folded
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None

    def fits(self, iso: str | None) -> bool:
        """Whether a meeting dated `iso` is on the stated date (any, when none is stated)."""
        if not self.words:
            return True
        when = date_of(iso)
        if when is None:
            return False
        wanted = (self.year, self.month, self.day, self.weekday)
        actual = (when.year, when.month, when.day, when.weekday())
        return all(w is None or w == a for w, a in zip(wanted, actual, strict=True))


def stated_date(text: str) -> StatedDate:
    """The date `text` states: "14 September", "September the 14th", "on Tuesday", "2027",
    "the 28th", "06/04/2027" or "6/4/27", "2027-04-06". A number is a day only beside a
    month or as an ordinal ("item 6" states none), and "may" a month only beside a day,
    first, or after "in", "on", "of" or "the" ("… may I ask" states none)."""
    said = [w.strip(".,;:!?()'’").casefold() for w in text.split()]
    said = [w[:-2] if w.endswith(("'s", "’s")) else w for w in said]
    used: list[str] = []
    year = month = day = weekday = None
    for i, word in enumerate(said):
        near = said[max(0, i - 3) : i] + said[i + 1 : i + 3]
        days = [(w, int(d[1])) for w in near if (d := _DAY.fullmatch(w)) and 1 <= int(d[1]) <= 31]
        if word in MONTHS and month is None:
            if word == "may" and not days and i and said[i - 1] not in ("in", "on", "of", "the"):
                continue  # "the meeting, may I ask"
            month = MONTHS[word]
            used.append(word)
            if days:
                used.append(days[0][0])
                day = days[0][1]
        elif (numeric := numeric_date(word)) and month is None:
            year, month, day = numeric
            used.append(word)
        elif (ordinal := _ORDINAL.fullmatch(word)) and day is None and 1 <= int(ordinal[1]) <= 31:
            day = int(ordinal[1])  # "on the 28th": of the month the meeting was in
            used.append(word)
        elif word in WEEKDAYS and weekday is None:
            weekday = WEEKDAYS[word]
            used.append(word)
        elif word.isdigit() and len(word) == 4 and 1900 <= int(word) <= 2100 and year is None:
            year = int(word)
            used.append(word)
    return StatedDate(tuple(used), year, month, day, weekday)


def numeric_date(word: str) -> tuple[int, int, int] | None:
    """(year, month, day) of "2027-04-06", "06/04/2027" or "6/4/27" (day first)."""
    if found := _ISO.fullmatch(word):
        return int(found[1]), int(found[2]), int(found[3])
    if found := _DAY_FIRST.fullmatch(word):
        year = int(found[3])
        return year + 2000 if year < 100 else year, int(found[2]), int(found[1])
    return None


def date_of(iso: str | None) -> date | None:
    """The date a file states ("2027-04-06"), or None when it states none we can read."""
    try:
        return date.fromisoformat((iso or "")[:10])
    except ValueError:
        return None


def says_date(text: str, iso: str | None) -> bool:
    """Whether `text` writes the date `iso` ("Tuesday 6 April 2027", "6th April", "April 6",
    "06/04/2027"), its year left out or its own: not "6 April 2025" nor "6 April last year"."""
    forms = _forms(iso)
    if not forms or iso is None:
        return False
    folded = " ".join(text.casefold().replace(",", " ").split())
    other_year = _OTHER_YEAR.format(year=re.escape(iso[:4]))
    return any(re.search(rf"\b{re.escape(form)}\b(?!{other_year})", folded) for form in forms)


def _forms(iso: str | None) -> list[str]:
    """How a text may write the date `iso`, case-folded, commas read as spaces."""
    day = date_of(iso)
    if day is None:
        return []
    suffix = _SUFFIX.get(day.day, "th")
    forms = [day.isoformat()]
    for month in dict.fromkeys((f"{day:%B}".casefold(), f"{day:%b}".casefold())):  # "apr"
        forms += [
            f"{day.day} {month}",  # "held on Tuesday 15 June at 7pm": the year is the file's
            f"{day.day}{suffix} {month}",
            f"{day.day}{suffix} of {month}",  # "the 6th of April"
            f"{month} {day.day}",
            f"{month} {day.day}{suffix}",
        ]
    for year in (str(day.year), f"{day.year % 100:02d}"):  # "06/04/2027", "6/4/27"
        forms += [f"{day.day}/{day.month}/{year}", f"{day.day:02d}/{day.month:02d}/{year}"]
    return forms
