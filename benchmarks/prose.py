"""Sentences for the synthetic corpus: dates, evaluative findings and figures, from a seeded RNG."""

from __future__ import annotations

import datetime as dt
import random

from benchmarks.phrases import (
    FIRST_NAMES,
    NEGATIVE_AFTER,
    NEUTRAL,
    POSITIVE_AFTER,
    STRENGTHS,
    SURNAMES,
    THEMES,
    WEAKNESSES,
)

__all__ = [
    "day",
    "days_range",
    "figures",
    "fill",
    "finding",
    "month",
    "person",
    "two_days",
]


def day(d: dt.date) -> str:
    """``7 June 2022``."""
    return f"{d.day} {d:%B %Y}"


def month(d: dt.date) -> str:
    """``June 2022``."""
    return f"{d:%B %Y}"


def days_range(start: dt.date, end: dt.date) -> str:
    """``6 November 2017 to 30 November 2017``, or (half the time) ``14 January – 4 February 2019``.

    The second form leaves the first date's year to the reader, as PDF reports do.
    """
    if start.year == end.year and start.toordinal() % 2:
        return f"{start.day} {start:%B} – {day(end)}"
    return f"{day(start)} to {day(end)}"


def two_days(start: dt.date) -> str:
    """``7 and 8 June 2022`` (the second day stays in the month)."""
    first = start if start.day < 28 else start.replace(day=27)
    return f"{first.day} and {first.day + 1} {first:%B %Y}"


def person(rng: random.Random) -> tuple[str, str]:
    """An invented (first name, surname)."""
    return rng.choice(FIRST_NAMES), rng.choice(SURNAMES)


def _clause(rng: random.Random, strong: bool) -> str:
    theme, plural = rng.choice(THEMES)
    predicate = rng.choice(STRENGTHS if strong else WEAKNESSES).format(
        be="are" if plural else "is",
        have="have" if plural else "has",
        do="do" if plural else "does",
    )
    return f"{theme[0].upper()}{theme[1:]} {predicate}"


def finding(rng: random.Random, lean: float) -> str:
    """An evaluative paragraph: strong with probability ``lean``, else weak, sometimes mixed."""
    strong = rng.random() < lean
    parts = [_clause(rng, strong) + "."]
    if rng.random() < 0.3:
        other = _clause(rng, not strong)
        parts.append(f"However, {other[0].lower()}{other[1:]}.")
    else:
        parts.append(rng.choice(POSITIVE_AFTER if strong else NEGATIVE_AFTER))
    parts.extend(rng.sample(NEUTRAL, rng.randint(1, 2)))
    if rng.random() < 0.5:
        parts.append(_clause(rng, strong) + ".")
    return " ".join(parts)


def fill(rng: random.Random, target: int, lean: float, *, numbered: int = 0) -> list[str]:
    """Finding paragraphs until ``target`` characters; numbered from ``numbered`` if non-zero."""
    out: list[str] = []
    size = 0
    while size < target:
        text = finding(rng, lean)
        if numbered:
            text = f"{numbered + len(out)}. {text}"
        out.append(text)
        size += len(text) + 2
    return out


def _change(rng: random.Random, value: int) -> int:
    return max(1, round(value * rng.uniform(0.8, 1.2)))


def figures(rng: random.Random, name: str, as_at: dt.date, scale: float) -> list[str]:
    """The area's figures as a report states them, with as-at dates and comparators."""
    at, before = day(as_at), f"31 March {as_at.year if as_at.month > 3 else as_at.year - 1}"
    children = round(100_000 * scale)
    cin = _change(rng, round(children * 0.022))
    cp, cla = _change(rng, round(children * 0.0045)), _change(rng, round(children * 0.0065))
    cp_before, cla_before = _change(rng, cp), _change(rng, cla)

    def rate(n: int) -> int:
        return max(1, round(n * 10_000 / children))

    re_referral, england, neighbours = rng.randint(14, 34), rng.randint(21, 23), rng.randint(18, 26)
    return [
        f"Approximately {children:,} children and young people under the age of 18 years live in "
        f"{name}. This is {rng.randint(19, 25)}% of the total population of the area.",
        f"Approximately {rng.randint(8, 30)}% of the local authority's children aged under 16 "
        "years old are living in low-income families.",
        f"At {at}, {cin:,} children had been identified through assessment as being formally in "
        f"need of a specialist children's service. This is a "
        f"{'reduction' if rng.random() < 0.5 else 'increase'} from {_change(rng, cin):,} at "
        f"{before}.",
        f"At {at}, {cp} children and young people were the subject of a child protection plan "
        f"(a rate of {rate(cp)} per 10,000 children). This is "
        f"{'an increase' if cp > cp_before else 'a reduction'} from {cp_before} children "
        f"({rate(cp_before)} per 10,000 children) at {before}.",
        f"At {at}, {cla} children are being looked after by the local authority (a rate of "
        f"{rate(cla)} per 10,000 children). This is "
        f"{'an increase' if cla > cla_before else 'a reduction'} from {cla_before} "
        f"({rate(cla_before)} per 10,000 children) at {before}.",
        f"At {re_referral}%, the re-referral rate is "
        f"{'higher' if re_referral > england else 'lower'} than the England average ({england}%) "
        f"and that of statistical neighbours ({neighbours}%).",
        f"In the last 12 months, there have been {rng.randint(8, 60)} adoptions and "
        f"{rng.randint(5, 50)} children became the subject of special guardianship orders.",
        f"At the time of inspection, {rng.randint(5, 60)} young people remained living with "
        "their foster carers after their 18th birthday as part of the 'staying put' programme.",
        f"Social worker turnover has reduced from {rng.randint(20, 35)}% to "
        f"{rng.randint(8, 19)}% in the last 12 months.",
    ]
