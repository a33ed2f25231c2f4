"""Document dates given on input (a record's ``date`` field, the CLI's --date) normalised to ISO.

A document date must be plausible for news: from 1800-01-01 (digitised newspaper archives start
there) to the end of next year (a timezone or an embargoed story may run a little ahead). Dates
outside are typos or placeholders (9999-12-31, 0001-01-01) and would make every relative date in
the text ("last Thursday") and the store's story windows meaningless.
"""
from __future__ import annotations

import re
from datetime import date as Date
from datetime import datetime

EARLIEST_YEAR = 1800

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_WEEKDAY_PREFIX = re.compile(r"^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+", re.I)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](.+))?$")
_SLASHED = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$", re.I)
_MONTH_DAY_YEAR = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$", re.I)


def _month_number(word: str) -> int | None:
    """'Feb', 'February', 'Sept' -> 2, 2, 9; None for anything that is not an English month."""
    word = word.lower()
    if len(word) < 3:
        return None
    for number, name in enumerate(_MONTHS, start=1):
        if name.startswith(word) or (word == "sept" and number == 9):
            return number
    return None


def latest_year() -> int:
    """The last year a document date may have: next year."""
    return Date.today().year + 1


def normalise_date(value: str) -> str:
    """Normalise a date to ISO ``YYYY-MM-DD``; raise ValueError with a readable message otherwise.

    Accepts ISO dates and datetimes ("2023-02-28", "2023-02-28T10:00:00Z"; the calendar date is
    kept as written, not shifted to UTC), "2023/02/28", "28 February 2023", "Feb 28, 2023",
    with an optional leading weekday and ordinal suffixes. All-numeric day/month orders such as
    "02/03/2023" are rejected as ambiguous, and so is a year outside 1800 to next year.
    """
    text = str(value).strip()
    hint = "(expected e.g. 2023-02-28 or 28 February 2023)"
    if not text:
        raise ValueError(f"empty date {hint}")
    year = month = day = None
    if m := _ISO.match(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
        if m[4] is not None:
            try:
                datetime.fromisoformat(text)
            except ValueError:
                raise ValueError(f"invalid date-time {value!r} {hint}") from None
    elif m := _SLASHED.match(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    else:
        words = _WEEKDAY_PREFIX.sub("", text)
        if m := _DAY_MONTH_YEAR.match(words):
            day, month, year = int(m[1]), _month_number(m[2]), int(m[3])
        elif m := _MONTH_DAY_YEAR.match(words):
            month, day, year = _month_number(m[1]), int(m[2]), int(m[3])
    if year is None or month is None:
        raise ValueError(f"unknown date {value!r} {hint}")
    try:
        iso = Date(year, month, day).isoformat()
    except ValueError as exc:
        raise ValueError(f"invalid date {value!r} ({exc})") from None
    if not EARLIEST_YEAR <= year <= latest_year():
        raise ValueError(f"implausible date {value!r} (document dates run from {EARLIEST_YEAR} to {latest_year()})")
    return iso

