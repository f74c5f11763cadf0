"""Dates of day, month or year precision, and periods between them."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from typing import TYPE_CHECKING, Union

import attrs

from events.errors import DateError

if TYPE_CHECKING:
    import pendulum

__all__ = ["DateLike", "PartialDate", "Period", "Precision"]


class Precision(enum.Enum):
    """How much of a date a document states."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"


_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")


def _check(year: int, month: int | None, day: int | None) -> None:
    if not 1 <= year <= 9999:
        raise DateError(f"year {year} is out of range", value=year)
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"month {month} is out of range", value=month)
    if day is not None:
        if month is None:
            raise DateError("a day needs a month", value=day)
        try:
            dt.date(year, month, day)
        except ValueError as e:
            raise DateError(f"{year:04d}-{month:02d}-{day:02d} is not a date", value=day) from e


# Days in each month of a common year, as calendar.monthrange counts them.
_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _is_leap(year: int) -> bool:
    """``calendar.isleap``, spelt out: importing calendar (and locale) cost a query 1 ms."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _day_numbers(year: int, month: int | None, day: int | None) -> tuple[int, int]:
    """The first and last day a checked date can mean, as day numbers."""
    first = dt.date(year, month or 1, day or 1).toordinal()
    if day is not None:
        return first, first
    if month is not None:
        return first, first + _MONTH_DAYS[month] - 1 + (month == 2 and _is_leap(year))
    return first, first + 364 + _is_leap(year)


@attrs.frozen(order=False)
class PartialDate:
    """A calendar date known to a day, a month or only a year ("June 2014", "2014").

    Comparisons use the first day the date can mean, then precision, so ``2014`` sorts before
    ``2014-06`` before ``2014-06-01``; ``start`` and ``end`` give the days it spans.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __attrs_post_init__(self) -> None:
        _check(self.year, self.month, self.day)
        self._count_days()

    # Dates pickled (a process pool's results, copies) come back through here rather than
    # __init__, so they too have their day numbers at hand.
    def __getstate__(self) -> dict[str, int | None]:
        return {"year": self.year, "month": self.month, "day": self.day}

    def __setstate__(self, state: dict[str, int | None]) -> None:
        for name in ("year", "month", "day"):
            if name in state:
                object.__setattr__(self, name, state[name])
        self._count_days()

    def _count_days(self) -> None:
        # Every date of an event is filed and compared by its day numbers, and the first use of
        # a cached property on a slotted attrs class costs a microsecond (an AttributeError,
        # then attrs' __getattr__): fill the slots now. Parts that are not whole numbers get
        # through _check too; they fail only when the day numbers are asked for, as before.
        try:
            first, last = _day_numbers(self.year, self.month, self.day)
        except TypeError:
            return
        object.__setattr__(self, "ordinal", first)
        object.__setattr__(self, "end_ordinal", last)
        object.__setattr__(self, "sort_code", first * 4 + self._precision_code())

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read an ISO date of any precision: ``"2018-01-29"``, ``"2018-01"`` or ``"2018"``."""
        match = _ISO.match(text) if isinstance(text, str) else None
        if match is None:
            raise DateError(
                f"cannot read date {text!r}",
                value=text,
                hint="use YYYY-MM-DD, YYYY-MM or YYYY",
            )
        year, month, day = (int(g) if g is not None else None for g in match.groups())
        assert year is not None
        try:
            return cls(year, month, day)
        except DateError as e:
            raise DateError(f"cannot read date {text!r}: {e.message}", value=text) from e

    @classmethod
    def coerce(cls, value: DateLike) -> PartialDate:
        """Accept a ``PartialDate``, a ``datetime.date`` (pendulum's too) or an ISO string.

        A time-zone-aware ``datetime`` means the day it is in UTC (``2018-01-29T00:30+01:00`` is
        2018-01-28), so one instant is one date wherever it was written; a naive one keeps its date.
        """
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            if value.utcoffset() is not None:
                try:
                    value = value.astimezone(dt.UTC)
                except OverflowError as e:
                    raise DateError(
                        f"{value.isoformat()} has no date in UTC within years 1-9999", value=value
                    ) from e
            return cls(value.year, value.month, value.day)
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, str):
            return cls.parse(value)
        raise DateError(
            f"cannot read date {value!r} of type {type(value).__name__}",
            value=value,
            hint="pass a date, a pendulum date or an ISO string",
        )

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        """A day-precision date."""
        return cls(value.year, value.month, value.day)

    @property
    def precision(self) -> Precision:
        """Whether the date is known to the day, the month or the year."""
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def start(self) -> pendulum.Date:
        """The first day the date can mean."""
        # Imported here: most commands never ask for a date's days, and pendulum costs 20 ms
        # of every start-up.
        import pendulum

        return pendulum.Date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> pendulum.Date:
        """The last day the date can mean."""
        if self.day is not None:
            return self.start
        if self.month is not None:
            return self.start.end_of("month")
        import pendulum

        return pendulum.Date(self.year, 12, 31)

    # Projections compare these a great many times: each is worked out once per date.
    @functools.cached_property
    def ordinal(self) -> int:
        """The first day as a day number, for fast comparisons."""
        return _day_numbers(self.year, self.month, self.day)[0]

    @functools.cached_property
    def end_ordinal(self) -> int:
        """The last day as a day number."""
        return _day_numbers(self.year, self.month, self.day)[1]

    def sort_key(self) -> tuple[int, int]:
        """Earliest day first; among dates starting the same day, the vaguer first."""
        return (self.ordinal, (self.month is not None) + (self.day is not None))

    # Every event loaded is checked against the code it is filed by, and states pick the
    # latest-known events by it: worked out once per date, like the day numbers.
    @functools.cached_property
    def sort_code(self) -> int:
        """:meth:`sort_key` as one integer (day number × 4 + precision), for storing and sorting."""
        return self.ordinal * 4 + self._precision_code()

    def _precision_code(self) -> int:
        return (self.month is not None) + (self.day is not None)

    def overlaps(self, other: PartialDate) -> bool:
        """Whether the two dates can mean the same day."""
        return self.ordinal <= other.end_ordinal and other.ordinal <= self.end_ordinal

    def isoformat(self) -> str:
        """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, as precise as the date is."""
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def __str__(self) -> str:
        return self.isoformat()

    def __lt__(self, other: PartialDate) -> bool:
        return self.sort_key() < other.sort_key()

    def __le__(self, other: PartialDate) -> bool:
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: PartialDate) -> bool:
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: PartialDate) -> bool:
        return self.sort_key() >= other.sort_key()


DateLike = Union[PartialDate, dt.date, str]


@attrs.frozen
class Period:
    """From one date to another, both inclusive; ``end`` is ``None`` for a single date."""

    start: PartialDate
    end: PartialDate | None = None

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.end.end_ordinal < self.start.ordinal:
            raise DateError(
                f"period ends ({self.end}) before it starts ({self.start})",
                value=(str(self.start), str(self.end)),
            )

    @classmethod
    def of(cls, start: DateLike, end: DateLike | None = None) -> Period:
        """A period from two date-like values (``end`` optional)."""
        return cls(PartialDate.coerce(start), None if end is None else PartialDate.coerce(end))

    @property
    def last(self) -> PartialDate:
        """The end date, or the start for a single date."""
        return self.end if self.end is not None else self.start

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods can share a day."""
        return (
            self.start.ordinal <= other.last.end_ordinal
            and other.start.ordinal <= self.last.end_ordinal
        )

    def isoformat(self) -> str:
        """``start`` or ``start/end``."""
        return str(self.start) if self.end is None else f"{self.start}/{self.end}"

    def __str__(self) -> str:
        return self.isoformat()
