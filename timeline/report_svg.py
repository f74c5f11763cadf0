"""How the report looks: its chart of grades over time as inline SVG, and its style sheet."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from html import escape

import attrs

from events import Area, DocumentRecorded, Grade, Hand, JudgementIssued, PartialDate, Period
from projections import group_inspections
from timeline.reading.areas import area_label

__all__ = ["CSS", "PAGE", "Mark", "grades_section", "human_date", "human_period"]

# Okabe-Ito: told apart by colour-blind readers, and none is the red or green of a grade band.
_AREA_COLOURS = {
    Area.OVERALL_EFFECTIVENESS: "#1a1a1a",
    Area.LEADERSHIP: "#0072b2",
    Area.HELP_AND_PROTECTION: "#d55e00",
    Area.CHILDREN_IN_CARE: "#cc79a7",
    Area.CARE_LEAVERS: "#009e73",
    Area.ADOPTION: "#e69f00",
    Area.LSCB: "#56b4e9",
}
_BANDS = {
    Grade.OUTSTANDING: ("Outstanding", "#ddefe1"),
    Grade.GOOD: ("Good", "#ebf5e7"),
    Grade.REQUIRES_IMPROVEMENT: ("Requires improvement", "#fcf1da"),
    Grade.INADEQUATE: ("Inadequate", "#fae3e0"),
}
_MONTHS = tuple(calendar.month_name[1:])
_WIDTH, _LEFT, _RIGHT, _TOP, _BAND = 1120, 196, 20, 34, 62
_BOTTOM = _TOP + 4 * _BAND
_HEIGHT = _BOTTOM + 46
_SPREAD = 8  # pixels between areas sharing a grade, so equal grades stay visible side by side


def human_date(date: PartialDate) -> str:
    """A date as precise as it is known: "29 January 2018", "December 2019", "2014"."""
    month = _MONTHS[date.month - 1] if date.month is not None else ""
    return " ".join(str(p) for p in (date.day, month, date.year) if p)


def human_period(period: Period) -> str:
    """A period as "6 November 2017 – 30 November 2017", or one date if it is one."""
    last = period.last
    if last == period.start:
        return human_date(last)
    return f"{human_date(period.start)} – {human_date(last)}"


@attrs.frozen(kw_only=True)
class Mark:
    """A day to mark on the time axis, with a label and a tooltip."""

    day: int  # proleptic ordinal, as ``PartialDate.ordinal``
    label: str
    tooltip: str


@attrs.frozen(kw_only=True)
class _Point:
    """One inspection's believed grade for one area, on its publication day."""

    area: Area
    grade: Grade
    known: PartialDate
    tooltip: str
    first_hand: bool

    @property
    def day(self) -> int:
        """The publication day as an ordinal."""
        return self.known.ordinal


def _points(
    claims: Sequence[JudgementIssued], documents: Mapping[str, DocumentRecorded]
) -> list[_Point]:
    """One point per area and inspection, at the believed claim (as the state believes it)."""
    points = []
    for area in Area:
        mine = [c for c in claims if c.area is area]
        for inspection in group_inspections(mine, documents) if mine else []:
            best = inspection.believed
            others = sorted(
                {c.source.file_name for c in inspection.claims} - {best.source.file_name}
            )
            disagree = " and ".join(inspection.disagreements())
            tip = (
                f"{area_label(area)}: {best.grade.label}. Published {human_date(best.known)}, "
                f"inspected {human_period(best.valid)}. Source: {best.source.file_name}"
                + (f"; also {', '.join(others)}" if others else "")
                + (f". Sources disagree on the {disagree}" if disagree else "")
                + "."
            )
            points.append(
                _Point(
                    area=area,
                    grade=best.grade,
                    known=best.known,
                    tooltip=tip,
                    first_hand=best.hand is Hand.FIRST,
                )
            )
    return points


def grades_section(
    claims: Sequence[JudgementIssued],
    documents: Mapping[str, DocumentRecorded],
    *,
    marks: Sequence[Mark],
    published: Sequence[Mark],
    suffix: str = "",
) -> str:
    """The chart's ``<section>``: heading, note, ``svg#grades-chart{suffix}`` and legend.

    ``marks`` are drawn as labelled rules (the diff's dates), ``published`` as ▲ under the axis.
    """
    points = _points(claims, documents)
    areas = [a for a in Area if any(p.area is a for p in points)]
    description = " ".join(
        f"{area_label(a)}: "
        + ", ".join(f"{p.grade.label} ({human_date(p.known)})" for p in points if p.area is a)
        + "."
        for a in areas
    )
    legend = "".join(
        f'<li><svg width="30" height="14" aria-hidden="true"><line x1="0" x2="30" y1="7" y2="7" '
        f'stroke="{_AREA_COLOURS[a]}" stroke-width="3"/><circle cx="15" cy="7" r="5" '
        f'fill="{_AREA_COLOURS[a]}"/></svg>{escape(area_label(a))}</li>'
        for a in areas
    )
    chart = _chart(points, areas, marks, published, f"grades-chart{suffix}", description)
    return (
        f'<section class="grades" id="grades{suffix}" aria-labelledby="grades{suffix}-h">'
        f'<h2 id="grades{suffix}-h">Grades by judgement area</h2>'
        '<p class="note">Each point is a grade on the day it was published; hover for its '
        "source. A hollow point is known only from a retelling; a dashed tail means no later "
        "judgement of that area is in these documents; ▲ marks a document's publication.</p>"
        f'<div class="chart">{chart}</div><ul class="legend">{legend}</ul></section>'
    )


def _year_start(year: int) -> int:
    return dt.date(year, 1, 1).toordinal()


def _chart(
    points: Sequence[_Point],
    areas: Sequence[Area],
    marks: Sequence[Mark],
    published: Sequence[Mark],
    element_id: str,
    description: str,
) -> str:
    """The SVG: x is time in whole years, y the four grades, one step line per area."""
    days = [p.day for p in points] + [m.day for m in (*marks, *published)]
    first = dt.date.fromordinal(min(days)).year if days else dt.date.today().year
    last = dt.date.fromordinal(max(days)).year + 1 if days else first + 1
    x0, x1 = _year_start(first), _year_start(last)

    def x(day: int) -> float:
        return _LEFT + (day - x0) / (x1 - x0) * (_WIDTH - _LEFT - _RIGHT)

    ident = escape(element_id)
    out = [
        f'<svg id="{ident}" class="grades-chart" viewBox="0 0 {_WIDTH} {_HEIGHT}" width="100%" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" font-size="13">',
        f'<title id="{ident}-title">Grades per judgement area over time</title>',
        f'<desc id="{ident}-desc">{escape(description or "No judgements.")}</desc>',
    ]
    for grade, (name, fill) in _BANDS.items():
        top = _TOP + (3 - grade.rank) * _BAND
        out.append(
            f'<rect x="{_LEFT}" y="{top}" width="{_WIDTH - _LEFT - _RIGHT}" height="{_BAND}" '
            f'fill="{fill}"/><text x="{_LEFT - 10}" y="{top + _BAND / 2 + 4.5}" '
            f'text-anchor="end" class="grade-label">{name}</text>'
        )
    for year in range(first, last + 1):
        left = x(_year_start(year))
        out.append(
            f'<line x1="{left:.1f}" x2="{left:.1f}" y1="{_TOP}" y2="{_BOTTOM + 6}" class="grid"/>'
        )
        if year < last:
            middle = (left + x(_year_start(year + 1))) / 2
            out.append(
                f'<text x="{middle:.1f}" y="{_BOTTOM + 22}" text-anchor="middle" '
                f'class="year">{year}</text>'
            )
    for mark in published:
        out.append(
            f'<g class="doc-mark"><title>{escape(mark.tooltip)}</title>'
            f'<path d="M{x(mark.day):.1f} {_BOTTOM + 30} l-5.5 10 h11 z"/></g>'
        )
    middle = (_LEFT + _WIDTH - _RIGHT) / 2
    for mark in marks:
        at = x(mark.day)
        # a label grows away from the nearer edge, so none is cut off
        anchor, nudge = ("end", -5) if at > middle else ("start", 5)
        out.append(
            f'<g class="date-mark"><title>{escape(mark.tooltip)}</title>'
            f'<line x1="{at:.1f}" x2="{at:.1f}" y1="{_TOP - 16}" y2="{_BOTTOM}"/>'
            f'<text x="{at + nudge:.1f}" y="{_TOP - 8}" text-anchor="{anchor}">'
            f"{escape(mark.label)}</text></g>"
        )
    for area in areas:
        mine = sorted((p for p in points if p.area is area), key=lambda p: p.day)
        out.append(_line(area, mine, [_y(p.grade, area, areas) for p in mine], x, x(x1)))
    out.append("</svg>")
    return "\n".join(out)


def _y(grade: Grade, area: Area, areas: Sequence[Area]) -> float:
    centre = _TOP + (3 - grade.rank) * _BAND + _BAND / 2
    return centre + (areas.index(area) - (len(areas) - 1) / 2) * _SPREAD


def _line(
    area: Area,
    points: Sequence[_Point],
    ys: Sequence[float],
    x: Callable[[int], float],
    right: float,
) -> str:
    """One area's step line, its dashed tail to the right edge, and a marker per point."""
    colour = _AREA_COLOURS[area]
    coords = [(x(p.day), y) for p, y in zip(points, ys, strict=True)]
    path = f"M{coords[0][0]:.1f} {coords[0][1]:.1f}" + "".join(
        f" H{cx:.1f} V{cy:.1f}" for cx, cy in coords[1:]
    )
    width = 3.5 if area is Area.OVERALL_EFFECTIVENESS else 2.5
    parts = [
        f'<g class="area area-{area.value}" stroke="{colour}">',
        f'<path d="{path}" fill="none" stroke-width="{width}"/>',
        f'<path d="M{coords[-1][0]:.1f} {coords[-1][1]:.1f} H{right:.1f}" fill="none" '
        f'stroke-width="{width - 1}" stroke-dasharray="4 5" opacity="0.55"/>',
    ]
    for point, (cx, cy) in zip(points, coords, strict=True):
        fill = colour if point.first_hand else "#ffffff"
        parts.append(
            f'<g class="point" data-grade="{point.grade.value}">'
            f"<title>{escape(point.tooltip)}</title>"
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="5.5" fill="{fill}" stroke-width="2.5"/></g>'
        )
    parts.append("</g>")
    return "".join(parts)


# The page around the report's body: everything inline, nothing fetched, no scripts.
PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Inspection timeline: {title}</title>
<style>{css}</style>
</head>
<body>
<main class="page">
{body}
</main>
</body>
</html>
"""

CSS = """
:root { --ink: #1d2430; --muted: #5b6574; --line: #d8dde4; --soft: #f4f6f8; --pos: #cfe9d4;
  --pos-ink: #14532d; --mix: #fbe3a4; --mix-ink: #6b4700; --neg: #f6c5c1; --neg-ink: #7f1d1d; }
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.5 system-ui, -apple-system,
  "Segoe UI", Roboto, "Liberation Sans", "DejaVu Sans", Arial, sans-serif; }
.page { max-width: 1200px; margin: 0 auto; padding: 28px 36px 60px; }
h1 { font-size: 30px; margin: 0 0 6px; letter-spacing: -0.01em; }
h2 { font-size: 20px; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 2px solid; }
h3 { font-size: 16px; margin: 22px 0 8px; }
h3 small, .note, .meta { color: var(--muted); font-weight: normal; font-size: 13.5px; }
.eyebrow { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted);
  margin: 0; }
.lede { font-size: 16px; margin: 0 0 14px; max-width: 60em; }
.reorganisation { border-left: 4px solid #8a6d00; background: #fff8e1; padding: 6px 10px;
  max-width: 60em; }
.masthead { border-bottom: 1px solid var(--line); padding-bottom: 14px; }
.stats { display: flex; flex-wrap: wrap; gap: 10px; margin: 0 0 12px; }
.stats div { background: var(--soft); border-radius: 6px; padding: 6px 14px; min-width: 100px; }
.stats dt { font-size: 12px; color: var(--muted); text-transform: uppercase; }
.stats dd { margin: 0; font-size: 22px; font-weight: 700; }
.verdicts { margin: 0 0 6px; display: flex; flex-wrap: wrap; gap: 6px; }
.chip { display: inline-block; border-radius: 999px; padding: 1px 10px; font-size: 12.5px;
  font-weight: 600; text-transform: capitalize; border: 1px solid transparent; }
.v-improved { background: #d9f0dd; color: #14532d; } .v-regressed { background: #f8d3d0; }
.v-changed { background: #fbe8bd; color: #6b4700; } .v-persisted { background: #eadcf5; }
.v-new { background: #d6e8f7; color: #0b3f6b; } .v-dropped { background: #e3e6ea; }
.v-unchanged { color: var(--muted); border-color: var(--line); } .v-regressed { color: #7f1d1d; }
.v-persisted { color: #4c1d6e; } .v-dropped { color: #39424e; }
.disagree { margin-top: 12px; background: #fffaf0; border-left: 4px solid #d39e00;
  padding: 2px 16px 4px; }
.disagree h2 { border: 0; margin: 8px 0 2px; font-size: 15px; }
.disagree ul { margin: 4px 0; padding-left: 18px; font-size: 14px; }
.disagree p { margin: 4px 0 8px; font-size: 13.5px; }
.chart svg { display: block; max-width: 100%; height: auto; }
.grades-chart .grade-label { fill: var(--ink); font-weight: 600; }
.grades-chart .year { fill: var(--muted); } .grades-chart .doc-mark { fill: #7a8594; }
.grades-chart .grid { stroke: #fff; stroke-width: 1.5; }
.grades-chart .date-mark line { stroke: var(--ink); stroke-dasharray: 2 3; }
.grades-chart .date-mark text { fill: var(--ink); font-size: 12px; font-weight: 600; }
.legend { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap;
  gap: 6px 20px; font-size: 13.5px; }
.legend li { display: flex; align-items: center; gap: 6px; }
.heat-legend .cell { display: inline-block; width: 26px; height: 20px; text-align: center;
  border: 1px solid var(--line); border-radius: 3px; font-weight: 700; line-height: 18px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; }
th, td { border-bottom: 1px solid var(--line); } thead th { background: var(--soft); }
.heatmap { margin-top: 10px; } .heatmap th, .heatmap td { padding: 3px 8px; }
.heatmap tbody th { font-weight: 500; } .heatmap thead th span { display: block; }
.doc-kind { font-weight: 700; text-transform: capitalize; }
.doc-file, cite, .also, code { color: var(--muted); font: 11px ui-monospace, "DejaVu Sans Mono",
  monospace; word-break: break-all; }
td.cell { text-align: center; font-weight: 700; width: 13%; border: 2px solid #fff;
  padding-bottom: 0; height: 27px; }
.cell.positive { background: var(--pos); color: var(--pos-ink); }
.cell.mixed { background: var(--mix); color: var(--mix-ink); }
.cell.negative { background: var(--neg); color: var(--neg-ink); }
.cell.none { background: #fafbfc; }
.glyph { display: inline-block; width: 1.1em; opacity: .8; }
.split { display: flex; height: 4px; margin: 1px -8px 0; }
.split.sample { display: inline-flex; width: 26px; height: 6px; margin: 0; }
.split i.positive { background: #3a9d55; } .split i.mixed { background: #d69e1c; }
.split i.negative { background: #c8423b; }
td.weak, .heatmap th:last-child { color: var(--muted); white-space: nowrap; }
.verdict h3 { border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.changes { table-layout: fixed; } .changes th[scope=row] { font-weight: 600; }
.changes th:first-child { width: 25%; } .changes th:nth-child(2), .changes th:nth-child(3) {
  width: 15%; } .lvl { display: block; } .lvl + small { color: var(--muted); }
.kind { display: block; font-size: 11px; text-transform: uppercase; letter-spacing: .06em;
  color: var(--muted); font-weight: 500; }
.lvl-inadequate, .lvl-negative { color: var(--neg-ink); font-weight: 600; }
.lvl-requires_improvement, .lvl-mixed { color: var(--mix-ink); font-weight: 600; }
.lvl-good, .lvl-outstanding, .lvl-positive { color: var(--pos-ink); font-weight: 600; }
.absent { color: var(--muted); }
blockquote { margin: 0 0 2px; padding: 0 0 0 10px; border-left: 3px solid var(--line); }
cite, .also { display: block; font-style: normal; }
.pill { display: inline-block; min-width: 70px; text-align: center; border-radius: 4px;
  font-size: 12px; font-weight: 600; padding: 0 6px; }
.pill.positive { background: var(--pos); color: var(--pos-ink); }
.pill.mixed { background: var(--mix); color: var(--mix-ink); }
.pill.negative { background: var(--neg); color: var(--neg-ink); }
.finding-list td:first-child { width: 90px; } .finding-list td:last-child { width: 26%; }
.claims li { margin-bottom: 6px; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
@media print {
  body { font-size: 10pt; } .page { max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; } tr, blockquote, .chart { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""
