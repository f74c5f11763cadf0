"""The national HTML report: England's authorities by grade on a map, the grades' shares over
time, movements and regions, and a page per authority beside its statistical neighbours.

Every figure is one of the facade's answers (``Timeline.england``, ``movements``), drawn:
nothing is counted here that the national commands would count differently. Grades count from
their publication, so each map and bar is what could be said on its date.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from pathlib import Path

from events import Area, DateError, DateLike, Grade, PartialDate, StoreError
from projections import Distribution, Holding
from projections.national import VERDICTS
from timeline.boundaries import Boundaries, packaged_positions
from timeline.facade import Timeline
from timeline.register import LocalAuthority
from timeline.report_authority import ATTRIBUTION, AuthorityPages, GradeLines, held_text
from timeline.report_charts import (
    GRADE_COLOURS,
    GRADE_KEYS,
    GRADE_NAMES,
    NATIONAL_CSS,
    Column,
    chip,
    colour_key,
    distribution_row,
    grade_key,
    shares_chart,
)
from timeline.report_map import MapItem, Shapes, draw_map
from timeline.report_svg import CSS, PAGE, human_date
from timeline.report_themes import themes_chart_svg

__all__ = ["build_england", "write_england"]

_AREA = Area.OVERALL_EFFECTIVENESS
_VERDICT_NAMES = {
    "improved": "Improved",
    "retained_good": "Stayed good or outstanding",
    "retained_weak": "Stayed requires improvement or inadequate",
    "declined": "Declined",
}


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "authority"


def _day(day: int) -> str:
    return human_date(PartialDate.from_date(dt.date.fromordinal(day)))


def _samples(start: PartialDate, at: PartialDate) -> list[dt.date]:
    """31 March of each year from ``start`` to ``at``: the date the official statistics use."""
    first, last = start.ordinal, at.ordinal
    return [
        day
        for year in range(start.year, at.year + 1)
        if first <= (day := dt.date(year, 3, 31)).toordinal() <= last
    ]


def _overlaps(authority: LocalAuthority, first: int, last: int) -> bool:
    """Whether the authority was in force on some day from ``first`` to ``last``."""
    begins = authority.in_force_from.toordinal() if authority.in_force_from else first
    ends = authority.in_force_to.toordinal() if authority.in_force_to else last
    return begins <= last and ends >= first


def _page_names(authorities: Iterable[LocalAuthority]) -> dict[str, str]:
    """Each authority's page, named for it; a name two share is told apart by its DfE code."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for authority in authorities:
        slug = _slug(authority.name)
        if slug in taken:
            slug = f"{slug}-{authority.la_code}"
        taken.add(slug)
        names[authority.name] = f"authorities/{slug}.html"
    return names


def _items(
    holdings: Iterable[Holding],
    by_name: Mapping[str, LocalAuthority],
    hrefs: Mapping[str, str] | None,
) -> list[MapItem]:
    """One map item per holding, coloured by its grade, linked to its page when given."""
    items = []
    for holding in holdings:
        authority = by_name[holding.subject]
        key = grade_key(holding)
        items.append(
            MapItem(
                code=authority.ons_code,
                grade=key,
                fill=GRADE_COLOURS[key],
                title=f"{holding.subject}: {held_text(holding)}",
                href=None if hrefs is None else hrefs.get(holding.subject),
                london=authority.region == "London",
            )
        )
    return items


def _good_or_better(found: Distribution) -> str:
    if not found.judged:
        return "none judged"
    return f"{found.good_or_better():.0f}% good or better of {found.judged} judged"


def build_england(
    timeline: Timeline,
    start: DateLike,
    end: DateLike,
    *,
    at: DateLike | None = None,
    boundaries: Boundaries | None = None,
) -> dict[str, str]:
    """The national report's pages, by path relative to its folder.

    ``index.html``: every authority in force on ``at`` (default ``end``) on a map coloured by
    its overall-effectiveness grade (``svg#england-map``), the same on 31 March of each year
    from ``start`` (``svg#map-YYYY-03-31``), each grade's share of the authorities judged on
    those dates (``svg#shares-chart``, ``table#shares-table``), the movements between
    authorities' last two inspections (``table#movements-table``) and each region's
    distribution (``table#regions-table``). ``authorities/<name>.html``: for each authority in
    force at some time from ``start`` to ``end``, its grade over time beside its statistical
    neighbours' (``svg#timeline-chart``), linking back to ``../index.html``.

    With ``boundaries`` authorities are drawn as their shapes; without, as circles of their
    area at their positions. The pages are self-contained: no scripts, nothing fetched, every
    name escaped.

    Raises:
        DateError: a date cannot be read, or ``start`` is after ``end``.
    """
    start_date, end_date = Timeline.date(start), Timeline.date(end)
    if start_date.ordinal > end_date.ordinal:
        raise DateError(
            f"FROM {start_date} is after TO {end_date}",
            value=(str(start_date), str(end_date)),
            hint="the earlier date comes first",
        )
    report = _Report(
        timeline,
        start_date,
        end_date,
        end_date if at is None else Timeline.date(at),
        Shapes(packaged_positions(), boundaries),
    )
    pages = {"index.html": report.england_page()}
    for authority in report.shown:
        pages[report.hrefs[authority.name]] = report.authority_pages.page(authority)
    return pages


class _Report:
    """What every page of one national report draws on, each worked out once."""

    def __init__(
        self,
        timeline: Timeline,
        start: PartialDate,
        end: PartialDate,
        at: PartialDate,
        shapes: Shapes,
    ) -> None:
        self.timeline, self.shapes = timeline, shapes
        self.start, self.end, self.at = start, end, at
        first, last = min(start.ordinal, at.ordinal), max(end.ordinal, at.ordinal)
        self.first, self.last = first, last
        register = timeline.register
        self.by_name = {a.name: a for a in register}
        self.shown = [a for a in register if _overlaps(a, first, last)]
        self.hrefs = _page_names(self.shown)
        self.picture = timeline.england(at, by="region", areas=[_AREA])
        self.overall = self.picture.distribution(_AREA)
        self.holdings = {h.subject: h for h in self.overall.holdings}
        self.regions = [
            d for d in self.picture.distributions if d.area is _AREA and d.group != "England"
        ]
        self.years = [
            (day, timeline.england(day, areas=[_AREA]).distribution(_AREA))
            for day in _samples(start, at)
        ]
        self.moved = timeline.movements(at)
        self.authority_pages = AuthorityPages(
            timeline, GradeLines(timeline, first, last), at, self.overall, self.regions, self.hrefs
        )

    # -- the England page ------------------------------------------------------------------

    def england_page(self) -> str:
        """England's page: map, years, shares, movements, regions and the authorities."""
        at = human_date(self.at)
        body = [
            self._masthead(at),
            self._map(at),
            self._years(),
            self._shares(),
            self._movements(at),
            self._regions(at),
            self._themes(at),
            self._authorities(),
            f'<footer class="attribution"><p>{_e(ATTRIBUTION)}</p></footer>',
        ]
        return self._page(f"England, {at}", body)

    def _themes(self, at: str) -> str:
        """What the authorities' latest reports named for improvement, year by year."""
        return (
            '<section id="themes" aria-labelledby="themes-h"><h2 id="themes-h">Named for '
            f"improvement: the share of authorities whose latest report names each theme, on 31 "
            f"March of each year to {_e(at)}</h2>"
            + themes_chart_svg(self.timeline.themes_by_year(self.at))
            + "</section>"
        )

    def _page(self, title: str, body: Sequence[str]) -> str:
        """A page with the shapes its maps use defined once at its top."""
        return PAGE.format(
            title=_e(title), css=CSS + NATIONAL_CSS, body="\n".join([self.shapes.defs(), *body])
        )

    def _masthead(self, at: str) -> str:
        counts = self.overall.counts()
        stats = [
            ("authorities", len(self.overall.holdings)),
            ("judged", self.overall.judged),
            ("no judgement yet", counts[GRADE_KEYS[-1]]),
            ("good or better", f"{self.overall.good_or_better():.1f}%"),
        ]
        return (
            '<header class="masthead"><p class="eyebrow">Inspection timeline · England</p>'
            f"<h1>Children's services in England on {_e(at)}</h1>"
            '<p class="lede">The overall effectiveness of every local authority in force, as '
            "it could be said on each date: a grade counts from its report's publication. "
            f"From {_e(human_date(self.start))} to {_e(human_date(self.end))}; an authority "
            "with no grade yet is shown as such, never left out.</p>"
            '<dl class="stats">'
            + "".join(f"<div><dt>{_e(k)}</dt><dd>{_e(v)}</dd></div>" for k, v in stats)
            + "</dl></header>"
        )

    def _map(self, at: str) -> str:
        items = _items(self.overall.holdings, self.by_name, self.hrefs)
        drawn = draw_map(
            self.shapes,
            items,
            ident="england-map",
            title=f"Overall effectiveness of each authority on {at}",
            description=f"{_good_or_better(self.overall)}.",
        )
        dots = self.shapes.drawn_as_dots(i.code for i in items)
        if self.shapes.boundaries is None:
            how = (
                "Each authority is a circle of its area at its centre; with --boundaries "
                "FILE.geojson the report draws their boundaries instead."
            )
        else:
            named = ", ".join(sorted(self._name_of(c) for c in dots))
            how = f"Boundaries from {Path(self.shapes.boundaries.path).name}" + (
                f"; not in it, drawn as circles: {named}." if dots else "."
            )
        return (
            '<section id="map" aria-labelledby="map-h"><h2 id="map-h">Overall effectiveness '
            f'on {_e(at)}</h2><div class="map-wrap"><div class="map-frame">{drawn}</div>'
            f'<div class="map-side">{colour_key(self.overall.counts())}'
            f'<p class="note">{_e(_good_or_better(self.overall))}. Hover over an authority for '
            f"its grade and the report it comes from; select it for its page. {_e(how)}</p>"
            "</div></div></section>"
        )

    def _name_of(self, code: str) -> str:
        """The name of the authority with this ONS code."""
        return next((a.name for a in self.by_name.values() if a.ons_code == code), code)

    def _years(self) -> str:
        figures = []
        for day, found in self.years:
            when = human_date(PartialDate.from_date(day))
            drawn = draw_map(
                self.shapes,
                _items(found.holdings, self.by_name, None),
                ident=f"map-{day.isoformat()}",
                title=f"Overall effectiveness on {when}",
                description=f"{_good_or_better(found)}.",
                inset=False,
            )
            figures.append(
                f'<figure class="small">{drawn}<figcaption><b>{_e(when)}</b><br>'
                f"{_e(_good_or_better(found))}</figcaption></figure>"
            )
        return (
            '<section id="years" aria-labelledby="years-h"><h2 id="years-h">Year by year, on '
            '31 March</h2><p class="note">The date the official statistics are counted on.</p>'
            + (
                f'<div class="smalls">{"".join(figures)}</div>'
                if figures
                else "<p>No 31 March falls in the report's span.</p>"
            )
            + "</section>"
        )

    def _columns(self) -> list[Column]:
        dated = [(day, f"Mar {day.year}", found) for day, found in self.years]
        at = self.at.start
        if not dated or dated[-1][0] != at:
            dated.append((at, human_date(self.at), self.overall))
        return [
            Column(
                day=day,
                label=label,
                shares={k: found.share(Grade(k)) for k in GRADE_KEYS[:-1]},
                judged=found.judged,
                authorities=len(found.holdings),
            )
            for day, label, found in dated
        ]

    def _shares(self) -> str:
        columns = self._columns()
        rows = "".join(
            f'<tr data-day="{c.day.isoformat()}"><th scope="row">{_e(c.label)}</th>'
            f'<td class="num">{c.authorities}</td><td class="num">{c.judged}</td>'
            + "".join(
                f'<td class="num" data-grade="{k}" data-share="{c.shares[k]:.3f}">'
                f"{c.shares[k]:.1f}%</td>"
                for k in GRADE_KEYS[:-1]
            )
            + "</tr>"
            for c in columns
        )
        head = "".join(f'<th scope="col">{_e(GRADE_NAMES[k])}</th>' for k in GRADE_KEYS[:-1])
        return (
            '<section id="shares" aria-labelledby="shares-h"><h2 id="shares-h">Each grade\'s '
            'share over time</h2><p class="note">Of the authorities judged on each date (each '
            "bar sums to 100%); above each bar, how many were judged of how many in force.</p>"
            f'<div class="chart">{shares_chart(columns)}</div>{colour_key()}'
            '<div class="scroll"><table id="shares-table"><thead><tr><th scope="col">Date</th>'
            '<th scope="col">Authorities</th><th scope="col">Judged</th>'
            f"{head}</tr></thead><tbody>{rows}</tbody></table></div></section>"
        )

    def _movements(self, at: str) -> str:
        counts = self.moved.counts(_AREA)
        total = sum(counts.values())
        summary = "".join(
            f'<tr data-verdict="{v}"><th scope="row">{_e(_VERDICT_NAMES[v])}</th>'
            f'<td class="num">{counts[v]}</td></tr>'
            for v in VERDICTS
        )
        rows = []
        for movement in sorted(self.moved.of(_AREA), key=lambda m: (m.verdict, m.subject)):
            before, after = movement.before, movement.after
            rows.append(
                f'<tr data-verdict="{movement.verdict}"><th scope="row">'
                f"{self._link(movement.subject, '')}</th>"
                f"<td>{_e(movement.framework.upper())}</td>"
                f"<td>{chip(before.believed.grade.value)} <small>"
                f"{_e(human_date(before.believed.known))}</small></td>"
                f"<td>{chip(after.believed.grade.value)} <small>"
                f"{_e(human_date(after.believed.known))}</small></td>"
                f"<td>{_e(_VERDICT_NAMES[movement.verdict])}</td></tr>"
            )
        return (
            '<section id="movements" aria-labelledby="movements-h"><h2 id="movements-h">'
            f'Movements by {_e(at)}</h2><p class="note">Each authority\'s change between its '
            "last two inspections under one framework, each known from its own report "
            f"({total} authorities).</p>"
            '<table id="movements-table" class="narrow"><thead><tr><th scope="col">Movement'
            f'</th><th scope="col">Authorities</th></tr></thead><tbody>{summary}</tbody></table>'
            '<details><summary>Every movement</summary><div class="scroll">'
            '<table id="movements-list"><thead><tr><th scope="col">Authority</th>'
            '<th scope="col">Framework</th><th scope="col">Before</th><th scope="col">After'
            f'</th><th scope="col">Movement</th></tr></thead><tbody>{"".join(rows)}</tbody>'
            "</table></div></details></section>"
        )

    def _regions(self, at: str) -> str:
        head = "".join(f'<th scope="col">{_e(GRADE_NAMES[k])}</th>' for k in GRADE_KEYS)
        rows = "".join(distribution_row(d) for d in (self.overall, *self.regions))
        return (
            '<section id="regions" aria-labelledby="regions-h"><h2 id="regions-h">Regions on '
            f'{_e(at)}</h2><div class="scroll"><table id="regions-table"><thead><tr>'
            f'<th scope="col">Region</th><th scope="col">Authorities</th>{head}'
            '<th scope="col">Good or better</th><th scope="col">Shares</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></div></section>"
        )

    def _authorities(self) -> str:
        regions: dict[str, list[LocalAuthority]] = {}
        for authority in sorted(self.shown, key=lambda a: a.name):
            regions.setdefault(authority.region, []).append(authority)
        parts = []
        for region in sorted(regions):
            items = "".join(
                f"<li>{self._link(a.name, '')} {self._standing(a)}</li>" for a in regions[region]
            )
            parts.append(f'<div class="region"><h3>{_e(region)}</h3><ul>{items}</ul></div>')
        return (
            '<section id="authorities" aria-labelledby="authorities-h"><h2 id="authorities-h">'
            "Every authority: its grade over time beside its statistical neighbours</h2>"
            f'<div class="regions">{"".join(parts)}</div></section>'
        )

    def _standing(self, authority: LocalAuthority) -> str:
        holding = self.holdings.get(authority.name)
        if holding is not None:
            return chip(grade_key(holding))
        if authority.in_force_to is not None and authority.in_force_to < self.at.start:
            ended = human_date(PartialDate.from_date(authority.in_force_to))
            return f"<small>ended {_e(ended)}</small>"
        return "<small>not yet in force</small>"

    def _link(self, name: str, prefix: str) -> str:
        """The authority's name, linked to its page (``prefix`` leads to the report's folder)."""
        href = self.hrefs.get(name)
        if href is None:
            return _e(name)
        return f'<a href="{_e(prefix + href)}">{_e(name)}</a>'


def write_england(pages: Mapping[str, str], out: str | os.PathLike[str]) -> int:
    """Write the pages under the folder ``out``; returns the bytes written.

    A new folder is written beside its place and renamed into it, so a failed write leaves
    none; into an existing folder each page is written beside itself and renamed over the
    old, so no page is ever half written (other files there are left alone).
    """
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise StoreError(
            "the report's folder is a file", path=str(folder), hint="pass --out a folder's name"
        )
    written = 0
    fresh = not folder.exists()
    try:
        target = (
            Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}."))
            if fresh
            else folder
        )
    except OSError as e:
        raise StoreError(f"cannot write the report: {e.strerror}", path=str(folder)) from e
    try:
        for relative, html in pages.items():
            path = target / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            data = html.encode("utf-8")
            if fresh:
                path.write_bytes(data)
            else:
                spare = path.with_name(f".{path.name}.tmp")
                spare.write_bytes(data)
                os.replace(spare, path)
            written += len(data)
        if fresh:
            os.replace(target, folder)
    except OSError as e:
        if fresh:
            shutil.rmtree(target, ignore_errors=True)
        raise StoreError(f"cannot write the report: {e.strerror}", path=str(folder)) from e
    return written
