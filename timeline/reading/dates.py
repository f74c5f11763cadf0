"""Finding the dates a document states: single dates, ranges, months, seasons and years.

Handles "6 November 2017 to 30 November 2017", "14 January – 4 February 2015" (the first part
borrows the year), "25 and 26 July 2017", "between 29 November and 17 December 2021",
"Friday 11 February 2022", "03/11/2022" (day first), "June 2014", "Autumn 2019", "the end of
September 2017", "in 2014", and a day and month with no year ("published on 5 September") when
the caller supplies the year from context. Years that are not events (the Children Act 1989,
"2016-17" financial years, "1,870") are not dates.
"""

from __future__ import annotations

import calendar
import re

import attrs

from events import DateError, PartialDate, Period

__all__ = ["DateMention", "find_dates", "parse_date"]

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_WEEKDAY = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
_TO = r"\s*(?P<to>to|until|till|and|–|—|-)\s*"
_SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 2),
}

# Each form as written, and its flags. A match is tried from every position of the text: the
# compiled form opens with a lookahead of the characters a match can start with (a digit, a
# month's or a weekday's capital, "the", "end", a season's first letter), so the search skips
# other positions at once rather than trying the form's look-behinds and alternations at each
# (the plain forms in the tests find the same).
_FORMS: list[tuple[str, str, int]] = [
    # 6 November 2017 to 30 November 2017
    (
        "dmy-dmy",
        rf"\b(?P<d1>{_DAY})\s+(?P<m1>{_MONTH}),?\s+(?P<y1>{_YEAR}){_TO}(?P<d2>{_DAY})\s+(?P<m2>{_MONTH}),?\s+(?P<y2>{_YEAR})\b",
        0,
    ),
    # 14 January – 4 February 2015; between 29 November and 17 December 2021
    (
        "dm-dmy",
        rf"\b(?P<d1>{_DAY})\s+(?P<m1>{_MONTH}){_TO}(?P<d2>{_DAY})\s+(?P<m2>{_MONTH}),?\s+(?P<y2>{_YEAR})\b",
        0,
    ),
    # 25 and 26 July 2017; 6 to 17 December 2021; 7-8 June 2022
    ("d-dmy", rf"\b(?P<d1>{_DAY}){_TO}(?P<d2>{_DAY})\s+(?P<m2>{_MONTH}),?\s+(?P<y2>{_YEAR})\b", 0),
    # July 2018 and October 2019 (after "between"), July to September 2019
    ("my-my", rf"\b(?P<m1>{_MONTH})\s+(?P<y1>{_YEAR}){_TO}(?P<m2>{_MONTH})\s+(?P<y2>{_YEAR})\b", 0),
    ("m-my", rf"\b(?P<m1>{_MONTH}){_TO}(?P<m2>{_MONTH})\s+(?P<y2>{_YEAR})\b", 0),
    # the end of September 2017
    ("end-my", rf"\b(?:the\s+)?end\s+of\s+(?P<m2>{_MONTH})\s+(?P<y2>{_YEAR})\b", re.I),
    # Friday 11 February 2022, 24 August 2017
    ("dmy", rf"\b{_WEEKDAY}(?P<d2>{_DAY})\s+(?P<m2>{_MONTH}),?\s+(?P<y2>{_YEAR})\b", 0),
    # August 11, 2022
    ("mdy", rf"\b(?P<m2>{_MONTH})\s+(?P<d2>{_DAY}),\s+(?P<y2>{_YEAR})\b", 0),
    # 03/11/2022 (day first)
    ("numeric", rf"\b(?P<d2>[0-3]?\d)[/.](?P<m2>[01]?\d)[/.](?P<y2>{_YEAR})\b", 0),
    # 2018-01-29
    ("iso", rf"\b(?P<y2>{_YEAR})-(?P<m2>[01]\d)-(?P<d2>[0-3]\d)\b", 0),
    # Autumn 2019
    ("season", rf"\b(?P<s>spring|summer|autumn|fall|winter)\s+(?P<y2>{_YEAR})\b", re.I),
    # June 2014
    ("my", rf"\b(?P<m2>{_MONTH})\s+(?P<y2>{_YEAR})\b", 0),
    # 5 September (year from context)
    ("dm", rf"\b{_WEEKDAY}(?P<d2>{_DAY})\s+(?P<m2>{_MONTH})\b(?!,?\s+\d)", 0),
    # in 2014 -- not "Act 1989", not "2016-17", not inside a number
    (
        "y",
        rf"(?<![\d,.£$/-])(?<!Act )(?<!Act of )\b(?P<y2>{_YEAR})\b(?!\s*[-–/]\s*\d)(?!,\d)",
        0,
    ),
]
_FIRST = {
    "dmy-dmy": r"\d",
    "dm-dmy": r"\d",
    "d-dmy": r"\d",
    "my-my": "ADFJMNOS",
    "m-my": "ADFJMNOS",
    "end-my": "et",
    "dmy": r"\dFMSTW",
    "mdy": "ADFJMNOS",
    "numeric": r"\d",
    "iso": "12",
    "season": "afsw",
    "my": "ADFJMNOS",
    "dm": r"\dFMSTW",
    "y": "12",
}
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (form, re.compile(f"(?=[{_FIRST[form]}])" + pattern, flags)) for form, pattern, flags in _FORMS
]
_DIGIT = re.compile(r"\d")
_NOT_DIGIT = re.compile(r"\D")
_BETWEEN = re.compile(r"\bbetween\s+$", re.I)
# What the forms cannot match without, tested once per text so that a sentence with a number
# but no month name or year is not scanned by every pattern: each month name starts with its
# three-letter abbreviation, and only "dm" (with its month) has no year.
_YEAR_ANYWHERE = re.compile(_YEAR)
_MONTH_ANYWHERE = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_NEED_MONTH = frozenset(("dmy-dmy", "dm-dmy", "d-dmy", "my-my", "m-my", "dmy", "mdy", "my", "dm"))
_YEARLESS = frozenset(("dm",))


@attrs.frozen(kw_only=True)
class DateMention:
    """A date or range found in the text, with its span and how it was written."""

    start: int
    end: int
    period: Period
    form: str

    @property
    def date(self) -> PartialDate:
        """The single date, or the range's last day (a publication or as-at reads the end)."""
        return self.period.last


def _month(value: str) -> int:
    return _MONTHS[value.lower().rstrip(".")]


def _day(value: str) -> int:
    return int(_NOT_DIGIT.sub("", value))


def _build(form: str, g: dict[str, str | None], default_year: int | None) -> Period | None:
    """The period a match names, or ``None`` when it needs a year nobody supplied."""
    parts = {k: v for k, v in g.items() if v}
    year = int(parts["y2"]) if "y2" in parts else default_year
    if year is None:
        return None
    if form == "season":
        first, last = _SEASONS[parts["s"].lower()]
        return Period(
            PartialDate(year, first), PartialDate(year + 1 if first > last else year, last)
        )
    if form == "y":
        return Period(PartialDate(year))
    month = int(parts["m2"]) if parts["m2"].isdigit() else _month(parts["m2"])
    if form == "end-my":
        return Period(PartialDate(year, month, calendar.monthrange(year, month)[1]))
    end = PartialDate(year, month, _day(parts["d2"]) if "d2" in parts else None)
    if "m1" not in parts and "d1" not in parts:
        return Period(end)
    first_month = _month(parts["m1"]) if "m1" in parts else month
    # "20 December - 9 January 2020": the first part lies in the year before.
    first_year = int(parts["y1"]) if "y1" in parts else year - (first_month > month)
    first_day = _day(parts["d1"]) if "d1" in parts else None
    return Period(PartialDate(first_year, first_month, first_day), end)


def _is_range(text: str, match: re.Match[str]) -> bool:
    """ "June 2014 and May 2015" are two dates; "between June 2014 and May 2015" is a range.

    Two days of one month joined by "and" ("25 and 26 July 2017") are a visit's range.
    """
    connector = match.groupdict().get("to")
    if connector is None or connector.lower() != "and" or match.groupdict().get("m1") is None:
        return True
    return bool(_BETWEEN.search(text[max(0, match.start() - 12) : match.start()]))


def find_dates(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    default_year: int | None = None,
    before: PartialDate | None = None,
) -> list[DateMention]:
    """Every date stated in ``text[start:end]``, longest forms first, spans not overlapping.

    A day and month with no year is kept only when the year can be supplied: ``default_year``,
    or the latest year that puts the date on or before ``before`` (a document's own date).
    """
    stop = len(text) if end is None else end
    found: list[DateMention] = []
    if _DIGIT.search(text, start, stop) is None:
        return found  # every form has a day or a year
    taken: list[tuple[int, int]] = []
    has_month = _MONTH_ANYWHERE.search(text, start, stop) is not None
    has_year = _YEAR_ANYWHERE.search(text, start, stop) is not None
    for form, pattern in _PATTERNS:
        if (not has_month and form in _NEED_MONTH) or (not has_year and form not in _YEARLESS):
            continue
        for match in pattern.finditer(text, start, stop):
            a, b = match.span()
            if any(a < e and s < b for s, e in taken):
                continue
            if not _is_range(text, match):
                continue
            year = default_year
            if year is None and before is not None and form == "dm":
                year = before.year
                month = _month(match.group("m2"))
                if (month, _day(match.group("d2"))) > (before.month or 12, before.day or 31):
                    year -= 1
            try:
                period = _build(form, match.groupdict(), year)
            except (DateError, KeyError, ValueError):
                continue
            if period is None:
                continue
            taken.append((a, b))
            found.append(DateMention(start=a, end=b, period=period, form=form))
    found.sort(key=lambda m: m.start)
    return found


def parse_date(value: str) -> PartialDate:
    """One date written any way ``find_dates`` reads, or ISO; raises ``DateError`` otherwise."""
    try:
        return PartialDate.parse(value)
    except DateError:
        pass
    mentions = find_dates(value)
    if len(mentions) == 1 and mentions[0].period.end is None:
        whole = value.strip()
        if mentions[0].end - mentions[0].start >= len(whole) - 2:
            return mentions[0].period.start
    raise DateError(
        f"cannot read date {value!r}",
        value=value,
        hint="write it as YYYY-MM-DD, YYYY-MM, YYYY or '29 January 2018'",
    )
