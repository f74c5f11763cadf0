"""Partial dates of day, month or year precision, and periods."""

from __future__ import annotations

import datetime as dt
import pickle

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import partial_dates, periods

from events import DateError, PartialDate, Period, Precision


@given(partial_dates())
def test_isoformat_parses_back_to_the_same_date(date: PartialDate) -> None:
    """Writing a date as ISO text and reading it back gives the same date and precision."""
    again = PartialDate.parse(date.isoformat())
    assert again == date
    assert again.precision is date.precision


@given(partial_dates())
def test_start_and_end_bound_the_days_a_date_can_mean(date: PartialDate) -> None:
    """A date spans a day, its month or its year, from ``start`` to ``end`` inclusive."""
    length = date.end_ordinal - date.ordinal + 1
    expected = {
        Precision.DAY: {1},
        Precision.MONTH: {28, 29, 30, 31},
        Precision.YEAR: {365, 366},
    }[date.precision]
    assert length in expected
    assert date.start.toordinal() == date.ordinal
    assert date.end.toordinal() == date.end_ordinal
    assert date.overlaps(PartialDate.from_date(date.end))
    assert divmod(date.sort_code, 4) == date.sort_key()


_VAGUENESS = {Precision.YEAR: 0, Precision.MONTH: 1, Precision.DAY: 2}


@given(partial_dates(), partial_dates())
def test_order_is_first_day_then_vaguer_first(a: PartialDate, b: PartialDate) -> None:
    """Dates order by their first day, and a vaguer date sorts before a precise one that day."""
    key_a, key_b = (a.ordinal, _VAGUENESS[a.precision]), (b.ordinal, _VAGUENESS[b.precision])
    assert (a < b) == (key_a < key_b)
    assert (a <= b) == (key_a <= key_b)
    assert (a > b) == (key_a > key_b)
    assert (a >= b) == (key_a >= key_b)


def test_vaguer_dates_sort_first() -> None:
    """``2014`` < ``2014-01`` < ``2014-01-01`` < ``2014-01-02``."""
    dates = [
        PartialDate(2014, 1, 2),
        PartialDate(2014, 1, 1),
        PartialDate(2014, 1),
        PartialDate(2014),
    ]
    assert sorted(dates) == dates[::-1]


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("2018-01-29", PartialDate(2018, 1, 29), Precision.DAY),
        ("2018-01", PartialDate(2018, 1), Precision.MONTH),
        ("2018", PartialDate(2018), Precision.YEAR),
        (" 2018-1-9 ", PartialDate(2018, 1, 9), Precision.DAY),
    ],
)
def test_parse_reads_every_precision(
    text: str, expected: PartialDate, precision: Precision
) -> None:
    """ISO strings of day, month or year precision are read as that precision."""
    assert PartialDate.parse(text) == expected
    assert PartialDate.parse(text).precision is precision


@pytest.mark.parametrize("text", ["2018-13", "2018-02-30", "18-01-29", "next spring", "", "0000"])
def test_parse_refuses_what_is_not_a_date(text: str) -> None:
    """Text that is not a valid ISO date raises DateError (a ValueError) naming the text."""
    with pytest.raises(DateError) as caught:
        PartialDate.parse(text)
    assert isinstance(caught.value, ValueError)
    assert caught.value.value == text


def test_a_day_needs_a_month() -> None:
    """A day without a month is refused."""
    with pytest.raises(DateError, match="a day needs a month"):
        PartialDate(2018, None, 5)


@pytest.mark.parametrize(
    "value",
    [dt.date(2018, 1, 29), pendulum.date(2018, 1, 29), dt.datetime(2018, 1, 29, 23, 59)],
)
def test_coerce_accepts_dates_of_every_library(value: dt.date) -> None:
    """``datetime.date``, pendulum dates and datetimes become day-precision dates."""
    assert PartialDate.coerce(value) == PartialDate(2018, 1, 29)


def test_coerce_refuses_other_types() -> None:
    """A number is not a date: DateError with a hint."""
    with pytest.raises(DateError, match="pass a date"):
        PartialDate.coerce(20180129)  # type: ignore[arg-type]


def test_february_ends_on_the_29th_in_a_leap_year() -> None:
    """``end`` knows month lengths, leap years included."""
    assert PartialDate(2016, 2).end == pendulum.date(2016, 2, 29)
    assert PartialDate(2017, 2).end == pendulum.date(2017, 2, 28)
    assert PartialDate(2017).end == pendulum.date(2017, 12, 31)


@given(periods())
def test_period_round_trips_and_ends_after_it_starts(period: Period) -> None:
    """A period never ends before it starts, and overlaps itself."""
    assert period.last.end_ordinal >= period.start.ordinal
    assert period.overlaps(period)
    start, _, end = period.isoformat().partition("/")
    assert Period.of(start, end or None) == period


def test_period_ending_before_it_starts_is_refused() -> None:
    """``Period.of("2017-11-30", "2017-11-06")`` raises DateError."""
    with pytest.raises(DateError, match="ends"):
        Period.of("2017-11-30", "2017-11-06")


def test_vague_end_may_share_the_start_month() -> None:
    """``2017-11-06/2017-11`` is allowed: the month can end after the sixth."""
    assert Period.of("2017-11-06", "2017-11").last == PartialDate(2017, 11)


@given(partial_dates(2010, 2025), partial_dates(2010, 2025))
def test_overlap_is_symmetric_and_means_a_shared_day(a: PartialDate, b: PartialDate) -> None:
    """Two dates overlap exactly when some day lies within both."""
    shared = max(a.ordinal, b.ordinal) <= min(a.end_ordinal, b.end_ordinal)
    assert a.overlaps(b) == b.overlaps(a) == shared
    assert Period(a).overlaps(Period(b)) == shared


@given(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
def test_day_dates_match_the_calendar(day: dt.date) -> None:
    """A day-precision date has the calendar's ordinal and starts and ends on that day."""
    date = PartialDate.from_date(day)
    assert date.ordinal == date.end_ordinal == day.toordinal()
    assert date.start == day


@given(partial_dates())
def test_a_pickled_date_keeps_its_day_numbers(date: PartialDate) -> None:
    """A date back from pickle (a process pool's result) is equal and has the same day numbers."""
    again = pickle.loads(pickle.dumps(date))
    assert again == date
    assert (again.ordinal, again.end_ordinal) == (date.start.toordinal(), date.end.toordinal())


@given(partial_dates())
def test_day_numbers_worked_out_late_are_the_same(date: PartialDate) -> None:
    """A date whose day numbers were not filled in on building works them out when asked."""
    bare = object.__new__(PartialDate)
    for name in ("year", "month", "day"):
        object.__setattr__(bare, name, getattr(date, name))
    assert (bare.ordinal, bare.end_ordinal) == (date.ordinal, date.end_ordinal)
    assert (bare.ordinal, bare.end_ordinal) == (date.start.toordinal(), date.end.toordinal())


_PARIS = dt.timezone(dt.timedelta(hours=1))
_NEW_YORK = dt.timezone(dt.timedelta(hours=-5))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # Half past midnight in Paris is still the day before in UTC.
        (dt.datetime(2018, 1, 29, 0, 30, tzinfo=_PARIS), (2018, 1, 28)),
        # Late evening in New York is already the next day in UTC.
        (dt.datetime(2018, 1, 29, 22, 0, tzinfo=_NEW_YORK), (2018, 1, 30)),
        (pendulum.datetime(2018, 1, 29, 0, 30, tz="Europe/Paris"), (2018, 1, 28)),
        (pendulum.datetime(2018, 1, 29, 22, 0, tz="America/New_York"), (2018, 1, 30)),
        (pendulum.datetime(2018, 1, 29, 23, 59, tz="UTC"), (2018, 1, 29)),
        (dt.datetime(2018, 1, 29, 0, 30), (2018, 1, 29)),
    ],
)
def test_coerce_takes_an_aware_datetime_as_its_day_in_utc(
    value: dt.datetime, expected: tuple[int, int, int]
) -> None:
    """An aware datetime (stdlib or pendulum) is the date in UTC; a naive one keeps its date."""
    assert PartialDate.coerce(value) == PartialDate(*expected)


def test_coerce_refuses_an_aware_datetime_with_no_utc_date() -> None:
    """A datetime whose UTC instant falls before year 1 is a ``DateError``, not an OverflowError."""
    early = dt.datetime(1, 1, 1, 0, 30, tzinfo=_PARIS)
    with pytest.raises(DateError, match="UTC"):
        PartialDate.coerce(early)
