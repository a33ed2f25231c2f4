"""Date resolution: the seed article's dates and the documented conventions on real sentences."""
from __future__ import annotations

import pytest

from heron.when_where.dates import event_date, find_dates, resolve_date

SEED = "2023-02-28"   # a Tuesday
SEED_SENTENCES = (
    "US Secretary of State Antony Blinken on Tuesday showed his support for the territorial integrity and "
    "independence of Kazakhstan during his first visit to this gigantic Central Asian country, an ally of Russia "
    "and close to China, a few days after the first anniversary of the Russian invasion of Ukraine. "
    "Antony Blinken assured Tuesday that the United States was \u201cdetermined to strengthen\u201d its relations "
    "with Kazakhstan. "
    "The five former Soviet republics (Kazakhstan, Uzbekistan, Tajikistan, Kyrgyzstan, Turkmenistan) abstained or "
    "did not take part in the vote Thursday at the UN General Assembly on a resolution calling for the departure "
    "of Russian troops from Ukraine.")


@pytest.fixture(scope="module")
def seed_doc(nlp):
    return nlp(SEED_SENTENCES)


def _iso(text, doc_date=SEED, future=False):
    ref = resolve_date(text, doc_date, future)
    return (ref.date, ref.precision) if ref else None


@pytest.mark.parametrize("text,expected", [
    ("on Tuesday", ("2023-02-28", "day")),          # same weekday as the document: that day
    ("Thursday", ("2023-02-23", "day")),
    ("last Tuesday", ("2023-02-21", "day")),         # "last" excludes the document date itself
    ("next Monday", ("2023-03-06", "day")),
    ("yesterday", ("2023-02-27", "day")),
    ("the day before", ("2023-02-27", "day")),
    ("on March 3", ("2022-03-03", "day")),           # past reading: the latest March 3 on or before
    ("on Feb. 3, 2022", ("2022-02-03", "day")),
    ("in mid-January", ("2023-01-01", "month")),
    ("March 2021", ("2021-03-01", "month")),
    ("earlier this month", ("2023-02-01", "month")),
    ("last month", ("2023-01-01", "month")),
    ("a year ago", ("2022-02-01", "month")),
    ("last week", ("2023-02-20", "week")),           # Monday of the previous week
    ("2019", ("2019-01-01", "year")),
    ("April last year", ("2022-04-01", "month")),
    ("3/14/2022", ("2022-03-14", "day")),
])
def test_resolve_common_forms(text, expected):
    assert _iso(text) == expected


def test_future_flips_weekday_and_month_day():
    assert _iso("Monday", future=True) == ("2023-03-06", "day")
    assert _iso("on Tuesday", future=True) == ("2023-02-28", "day")
    assert _iso("on March 3", future=True) == ("2023-03-03", "day")


@pytest.mark.parametrize("text", ["the first anniversary", "a few days", "30-year-old", "for three years",
                                  "the past decade", "recent weeks", "the 1990s", "10 years", "the day"])
def test_vague_or_duration_gives_nothing(text):
    assert resolve_date(text, SEED) is None


def test_relative_forms_need_a_document_date_but_absolute_do_not():
    assert resolve_date("Tuesday", None) is None
    assert _iso("on Feb. 3, 2022", doc_date=None) == ("2022-02-03", "day")


def test_seed_dates_found_with_spans_and_sentences(seed_doc):
    found = find_dates(seed_doc, SEED)
    got = [(d.text, d.date, d.sentence) for d in found]
    assert got == [("on Tuesday", "2023-02-28", 0), ("Tuesday", "2023-02-28", 1), ("Thursday", "2023-02-23", 2)]
    for d in found:
        assert SEED_SENTENCES[d.span[0]:d.span[1]] == d.text


def test_future_tense_from_parse(nlp):
    doc = nlp("The foreign ministers will meet on Friday in Geneva. Police arrested him on Friday.")
    assert [d.date for d in find_dates(doc, SEED)] == ["2023-03-03", "2023-02-24"]


def test_event_date_uses_the_clause_of_the_trigger(seed_doc):
    found = find_dates(seed_doc, SEED)
    visit = next(t.i for t in seed_doc if t.text == "visit")
    assert event_date(seed_doc, visit, found, SEED).date == "2023-02-28"
    vote = next(t.i for t in seed_doc if t.text == "vote")
    assert event_date(seed_doc, vote, found, SEED).text == "Thursday"


def test_event_date_none_when_no_date_in_clause(nlp):
    doc = nlp("Blinken will also have a meeting with Tokayev, then will travel to Uzbekistan. "
              "Rebels attacked the town on Monday.")
    found = find_dates(doc, SEED)
    travel = next(t.i for t in doc if t.text == "travel")
    assert event_date(doc, travel, found, SEED) is None
    attacked = next(t.i for t in doc if t.text == "attacked")
    assert event_date(doc, attacked, found, SEED).date == "2023-02-27"
