"""The national report's charts as inline SVG: grade shares over time, and grade strips."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from html import escape

import attrs

from events import Grade
from projections import Distribution, Holding
from projections.national import GRADE_ORDER, NO_JUDGEMENT

__all__ = [
    "GRADE_COLOURS",
    "GRADE_KEYS",
    "GRADE_NAMES",
    "NATIONAL_CSS",
    "NOT_IN_FORCE",
    "Column",
    "Stretch",
    "Strip",
    "chip",
    "colour_key",
    "distribution_row",
    "grade_key",
    "share_bar",
    "shares_chart",
    "strips_chart",
]

# Best first, then no judgement: the order of every legend, table and stack.
GRADE_KEYS = (*(g.value for g in GRADE_ORDER), NO_JUDGEMENT)
# A diverging blue-red scheme (ColorBrewer RdBu): told apart by colour-blind readers, which
# Ofsted's own green-amber-red is not; no judgement is a neutral grey.
GRADE_COLOURS = {
    "outstanding": "#2166ac",
    "good": "#92c5de",
    "requires_improvement": "#f4a582",
    "inadequate": "#b2182b",
    NO_JUDGEMENT: "#d9d9d9",
}
GRADE_NAMES = {
    "outstanding": "Outstanding",
    "good": "Good",
    "requires_improvement": "Requires improvement",
    "inadequate": "Inadequate",
    NO_JUDGEMENT: "No judgement yet",
}
NOT_IN_FORCE = "not_in_force"
_ABSENT_FILL = "#c3c9d1"


def grade_key(holding: Holding) -> str:
    """The holding's grade as a key of :data:`GRADE_COLOURS` (no grade: no judgement)."""
    return NO_JUDGEMENT if holding.grade is None else holding.grade.value


def _n(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


@attrs.frozen(kw_only=True)
class Column:
    """One date of the shares chart: each grade's percentage of the authorities judged."""

    day: dt.date
    label: str
    shares: Mapping[str, float]
    judged: int
    authorities: int


_SW, _SH, _SLEFT, _STOP, _SBOTTOM = 1100, 330, 46, 28, 44


def shares_chart(columns: Sequence[Column], ident: str = "shares-chart") -> str:
    """Stacked bars, one per date: outstanding at the bottom up to inadequate, summing to 100%
    of the authorities judged then; above each bar, how many were judged of how many."""
    ident = escape(ident)
    plot = _SH - _STOP - _SBOTTOM
    step = (_SW - _SLEFT - 10) / max(1, len(columns))
    width = min(56.0, step * 0.7)
    out = [
        f'<svg id="{ident}" class="shares-chart" viewBox="0 0 {_SW} {_SH}" width="100%" '
        f'role="img" aria-labelledby="{ident}-title">',
        f'<title id="{ident}-title">Share of judged authorities at each grade, by date</title>',
    ]
    for tick in (0, 25, 50, 75, 100):
        y = _STOP + plot * (1 - tick / 100)
        out.append(
            f'<line x1="{_SLEFT}" x2="{_SW - 10}" y1="{_n(y)}" y2="{_n(y)}" class="grid"/>'
            f'<text x="{_SLEFT - 6}" y="{_n(y + 4)}" text-anchor="end" class="tick">{tick}%</text>'
        )
    for n, column in enumerate(columns):
        x = _SLEFT + step * n + (step - width) / 2
        middle = x + width / 2
        bottom = float(_STOP + plot)
        for key in GRADE_KEYS[:-1]:
            share = column.shares.get(key, 0.0)
            height = plot * share / 100
            bottom -= height
            out.append(
                f'<rect class="share" data-day="{column.day.isoformat()}" data-grade="{key}" '
                f'data-share="{share:.3f}" x="{_n(x)}" y="{_n(bottom)}" width="{_n(width)}" '
                f'height="{_n(height)}" fill="{GRADE_COLOURS[key]}"><title>'
                f"{escape(column.label)}: {escape(GRADE_NAMES[key])} {share:.1f}%</title></rect>"
            )
        judged = f"{column.judged} of {column.authorities}" if column.judged else "none judged"
        out.append(
            f'<text x="{_n(middle)}" y="{_STOP - 8}" text-anchor="middle" class="count">'
            f"{judged}</text>"
            f'<text x="{_n(middle)}" y="{_SH - _SBOTTOM + 18}" text-anchor="middle" '
            f'class="year">{escape(column.label)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def share_bar(shares: Mapping[str, float], label: str) -> str:
    """A small horizontal stacked bar of grade shares, for a table row."""
    out = [
        f'<svg class="bar" viewBox="0 0 200 14" width="200" height="14" role="img" '
        f'aria-label="{escape(label)}">'
    ]
    left = 0.0
    for key in GRADE_KEYS[:-1]:
        width = 2 * shares.get(key, 0.0)
        out.append(
            f'<rect x="{_n(left)}" y="0" width="{_n(width)}" height="14" '
            f'fill="{GRADE_COLOURS[key]}"/>'
        )
        left += width
    out.append("</svg>")
    return "".join(out)


@attrs.frozen(kw_only=True)
class Stretch:
    """Days ``start`` to ``end`` (exclusive, day numbers) one grade was held, with a tooltip."""

    start: int
    end: int
    grade: str  # a GRADE_KEYS key, or NOT_IN_FORCE
    title: str


@attrs.frozen(kw_only=True)
class Strip:
    """One authority's row of the strips chart."""

    subject: str
    href: str | None
    stretches: tuple[Stretch, ...]
    own: bool = False


_TW, _TLEFT, _TROW, _TTOP = 1100, 230, 26, 30


def strips_chart(
    strips: Sequence[Strip], first: int, last: int, mark: int, ident: str = "timeline-chart"
) -> str:
    """One row per authority, its overall grade held over time as coloured stretches from day
    ``first`` to ``last``; a dashed rule at day ``mark`` (the map's date)."""
    ident = escape(ident)
    height = _TTOP + _TROW * len(strips) + 30
    span = max(1, last + 1 - first)

    def x(day: int) -> float:
        return _TLEFT + (day - first) / span * (_TW - _TLEFT - 10)

    out = [
        f'<svg id="{ident}" class="strips-chart" viewBox="0 0 {_TW} {height}" width="100%" '
        f'role="img" aria-labelledby="{ident}-title">',
        f'<title id="{ident}-title">Overall effectiveness over time, by authority</title>',
    ]
    bottom = _TTOP + _TROW * len(strips)
    for year in range(dt.date.fromordinal(first).year, dt.date.fromordinal(last).year + 2):
        day = dt.date(year, 1, 1).toordinal()
        if first <= day <= last + 1:
            out.append(
                f'<line x1="{_n(x(day))}" x2="{_n(x(day))}" y1="{_TTOP - 6}" y2="{bottom + 4}" '
                f'class="grid"/><text x="{_n(x(day) + 3)}" y="{bottom + 18}" class="year">'
                f"{year}</text>"
            )
    for n, strip in enumerate(strips):
        top = _TTOP + _TROW * n
        name = escape(strip.subject)
        label = name if strip.href is None else f'<a href="{escape(strip.href)}">{name}</a>'
        out.append(
            f'<g class="row{" own" if strip.own else ""}" data-subject="{name}">'
            f'<text x="{_TLEFT - 8}" y="{top + 17}" text-anchor="end" class="row-label">'
            f"{label}</text>"
        )
        for stretch in strip.stretches:
            # Before it began or after it ended an authority is a thin line, not a grade.
            absent = stretch.grade == NOT_IN_FORCE
            out.append(
                f'<rect class="stretch" data-grade="{stretch.grade}" x="{_n(x(stretch.start))}" '
                f'y="{top + (11 if absent else 4)}" width="{_n(x(stretch.end) - x(stretch.start))}"'
                f' height="{4 if absent else 18}" '
                f'fill="{GRADE_COLOURS.get(stretch.grade, _ABSENT_FILL)}">'
                f"<title>{escape(stretch.title)}</title></rect>"
            )
        out.append("</g>")
    out.append(
        f'<line x1="{_n(x(mark))}" x2="{_n(x(mark))}" y1="{_TTOP - 14}" y2="{bottom + 4}" '
        'class="mark"/>'
    )
    out.append("</svg>")
    return "\n".join(out)


def chip(key: str) -> str:
    return f'<span class="chip g-{escape(key)}">{escape(GRADE_NAMES.get(key, key))}</span>'


def distribution_row(found: Distribution) -> str:
    counts = found.counts()
    cells = "".join(
        f'<td class="num" data-grade="{k}" data-count="{counts[k]}">{counts[k]}</td>'
        for k in GRADE_KEYS
    )
    shares = {k: found.share(Grade(k)) for k in GRADE_KEYS[:-1]}
    return (
        f'<tr data-group="{escape(found.group)}"><th scope="row">{escape(found.group)}</th>'
        f'<td class="num">{len(found.holdings)}</td>{cells}'
        f'<td class="num">{found.good_or_better():.1f}%</td>'
        f"<td>{share_bar(shares, found.group + ': shares of the grades')}</td></tr>"
    )


def colour_key(counts: Mapping[str, int] | None = None) -> str:
    """The colour key, with each grade's count when given."""
    entries = "".join(
        f'<li><span class="swatch" style="background:{GRADE_COLOURS[k]}"></span>'
        f"{escape(GRADE_NAMES[k])}"
        + ("" if counts is None else f' <b class="key-count">{counts[k]}</b>')
        + "</li>"
        for k in GRADE_KEYS
    )
    return f'<ul class="key">{entries}</ul>'


NATIONAL_CSS = """
.eyebrow a { color: inherit; }
.map-wrap { display: grid; grid-template-columns: minmax(0, 620px) minmax(0, 1fr); gap: 28px;
  align-items: start; }
.map-frame svg, .smalls svg { display: block; width: 100%; height: auto; }
.map a:hover .la, .map a:focus .la { opacity: .7; }
.inset-label { font-size: 9px; fill: #5b6574; }
.key { list-style: none; padding: 0; margin: 8px 0; display: flex; flex-wrap: wrap;
  gap: 4px 18px; font-size: 13.5px; }
.map-side .key { flex-direction: column; }
.key li { display: flex; align-items: center; gap: 8px; }
.swatch { display: inline-block; width: 16px; height: 16px; border-radius: 3px;
  border: 1px solid rgba(0, 0, 0, .15); }
.key-count { margin-left: auto; padding-left: 10px; }
.smalls { display: grid; grid-template-columns: repeat(auto-fill, minmax(160px, 1fr));
  gap: 14px; }
.smalls figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 6px; }
.smalls figcaption { font-size: 12.5px; color: var(--muted); }
.smalls figcaption b { color: var(--ink); }
.shares-chart .grid, .strips-chart .grid { stroke: #e3e6ea; }
.shares-chart text, .strips-chart .year { fill: var(--muted); font-size: 12px; }
.strips-chart .row-label { font-size: 13px; fill: var(--ink); }
.strips-chart .row-label a { fill: #0b5cad; }
.strips-chart .own .row-label { font-weight: 700; }
.strips-chart .mark { stroke: var(--ink); stroke-dasharray: 3 3; }
.strips-chart .stretch { stroke: #fff; stroke-width: 1; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.narrow { width: auto; min-width: 360px; }
details { margin-top: 10px; } summary { cursor: pointer; color: #0b5cad; }
.chip[class*=" g-"] { text-transform: none; white-space: nowrap; }
.chip.g-outstanding { background: #2166ac; color: #fff; }
.chip.g-good { background: #92c5de; color: #0b2f4f; }
.chip.g-requires_improvement { background: #f4a582; color: #5a2406; }
.chip.g-inadequate { background: #b2182b; color: #fff; }
.chip.g-no_judgement { background: #e4e4e4; color: #39424e; }
.regions { columns: 3 260px; column-gap: 28px; }
.region { break-inside: avoid; } .region h3 { margin-top: 8px; }
.region ul { list-style: none; padding: 0; margin: 0 0 10px; font-size: 14px; }
.region li { margin: 2px 0; }
.attribution { margin-top: 40px; border-top: 1px solid var(--line); padding-top: 8px;
  color: var(--muted); font-size: 12.5px; }
@media (max-width: 800px) { .map-wrap { grid-template-columns: 1fr; } }
"""
