"""An authority's page in the national report: its grade over time beside its neighbours'."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from html import escape

from events import Area, JudgementIssued, PartialDate
from projections import Distribution, Holding, Member, england
from timeline.facade import Timeline
from timeline.register import LocalAuthority
from timeline.report_charts import (
    GRADE_KEYS,
    GRADE_NAMES,
    NATIONAL_CSS,
    NOT_IN_FORCE,
    Stretch,
    Strip,
    chip,
    colour_key,
    distribution_row,
    grade_key,
    strips_chart,
)
from timeline.report_svg import CSS, PAGE, human_date, human_period

__all__ = ["ATTRIBUTION", "AuthorityPages", "GradeLines", "held_text", "source_text"]

_AREA = Area.OVERALL_EFFECTIVENESS
ATTRIBUTION = (
    "Authority positions and boundaries: Office for National Statistics, local authority "
    "districts (May 2023). Contains OS data © Crown copyright and database right 2023; ONS, "
    "Open Government Licence v3.0."
)


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _day(day: int) -> str:
    return human_date(PartialDate.from_date(dt.date.fromordinal(day)))


def source_text(holding: Holding) -> str:
    """ "published 29 January 2018 (inspected ...; file.pdf)", or "" with no grade."""
    view = holding.view
    if view is None:
        return ""
    published = f"published {human_date(view.published)} " if view.published else ""
    return (
        f"{published}(inspected {human_period(view.inspected)}; {view.claims[0].source.file_name})"
    )


def held_text(holding: Holding) -> str:
    """ "good, published 29 January 2018 (inspected ...; file.pdf)" or "no judgement yet"."""
    if holding.view is None:
        return "no judgement yet"
    return f"{holding.view.grade.label}, {source_text(holding)}"


class GradeLines:
    """Each authority's overall grade over the report's span, worked out once per authority.

    A grade can change only on a day a claim about it becomes true and known (the later of its
    inspection's first day and its publication), so the holding is asked for on those days
    alone, the same way ``england`` asks for it on any one day.
    """

    def __init__(self, timeline: Timeline, first: int, last: int) -> None:
        self.timeline, self.first, self.last = timeline, first, last
        self._found: dict[str, tuple[Stretch, ...]] = {}

    def of(self, authority: LocalAuthority) -> tuple[Stretch, ...]:
        """The authority's stretches from the first day to the last, not in force included."""
        if authority.name not in self._found:
            self._found[authority.name] = self._work_out(authority)
        return self._found[authority.name]

    def _work_out(self, authority: LocalAuthority) -> tuple[Stretch, ...]:
        begins = authority.in_force_from.toordinal() if authority.in_force_from else self.first
        ends = authority.in_force_to.toordinal() if authority.in_force_to else self.last
        first, last = max(self.first, begins), min(self.last, ends)
        out: list[Stretch] = []
        if first > self.first:
            title = f"{authority.name}: not yet in force"
            end = min(first, self.last + 1)
            out.append(Stretch(start=self.first, end=end, grade=NOT_IN_FORCE, title=title))
        if first <= last:
            out += self._held(authority, first, last)
        if last < self.last:
            title = f"{authority.name}: no longer in force"
            begin = max(last + 1, self.first)
            out.append(Stretch(start=begin, end=self.last + 1, grade=NOT_IN_FORCE, title=title))
        return tuple(out)

    def _held(self, authority: LocalAuthority, first: int, last: int) -> list[Stretch]:
        index = self.timeline.index
        key = (index.subject_name(authority.name), "judgement", _AREA.value)
        claims = [e for e in index.bucket_events(key) if isinstance(e, JudgementIssued)]
        changes = {max(c.valid.start.ordinal, c.known.ordinal) for c in claims}
        days = [first, *sorted(d for d in changes if first < d <= last)]
        member = [Member(name=authority.name, region=authority.region, type=authority.type)]
        held: list[tuple[int, Holding]] = []
        for day in days:
            picture = england(index, member, dt.date.fromordinal(day), areas=[_AREA])
            holding = picture.distributions[0].holdings[0]
            if not held or _inspection(held[-1][1]) != _inspection(holding):
                held.append((day, holding))
        ends = [d for d, _ in held[1:]] + [last + 1]
        return [
            Stretch(
                start=day,
                end=end,
                grade=grade_key(holding),
                title=f"{authority.name}, {_day(day)} to {_day(end - 1)}: {held_text(holding)}",
            )
            for (day, holding), end in zip(held, ends, strict=True)
        ]


def _inspection(holding: Holding) -> tuple[object, ...] | None:
    """What tells one inspection's grade from another's: a re-inspection starts a new stretch
    even when it gives the same grade."""
    view = holding.view
    return None if view is None else (view.grade, view.published, view.inspected)


class AuthorityPages:
    """Each authority's page, drawn from what the England page worked out."""

    def __init__(
        self,
        timeline: Timeline,
        lines: GradeLines,
        at: PartialDate,
        overall: Distribution,
        regions: Sequence[Distribution],
        hrefs: Mapping[str, str],
    ) -> None:
        self.timeline, self.lines, self.at = timeline, lines, at
        self.overall, self.regions, self.hrefs = overall, regions, hrefs
        self.holdings = {h.subject: h for h in overall.holdings}
        self._la_codes = {a.la_code for a in timeline.register}

    def page(self, authority: LocalAuthority) -> str:
        """One authority's page: its grade now, and over time beside its neighbours'."""
        register = self.timeline.register
        neighbours = []
        for code in authority.neighbours:
            try:
                neighbours.append(register.by_code(code))
            except KeyError:
                continue  # a neighbour the register does not hold: nothing to draw
        # Before it began, an authority's predecessors held its area: their rows come next.
        before = [register.by_code(c) for c in authority.predecessors if c in self._la_codes]
        strips = [
            Strip(
                subject=a.name + (" (predecessor)" if a in before else ""),
                href=None if n == 0 else self._href_from_page(a.name),
                stretches=self.lines.of(a),
                own=n == 0,
            )
            for n, a in enumerate([authority, *before, *neighbours])
        ]
        chart = strips_chart(strips, self.lines.first, self.lines.last, self.at.ordinal)
        body = [
            self._authority_masthead(authority),
            '<section id="timeline" aria-labelledby="timeline-h"><h2 id="timeline-h">Overall '
            "effectiveness over time, beside its statistical neighbours</h2>"
            '<p class="note">Each stretch is the grade held from its report\'s publication; '
            "hover for the report. The dashed rule is "
            f'{_e(human_date(self.at))}.</p><div class="chart">{chart}</div>'
            f"{colour_key()}</section>",
            self._neighbours(neighbours),
            self._region_of(authority),
            '<footer class="attribution"><p><a href="../index.html">Back to England</a></p>'
            f"<p>{_e(ATTRIBUTION)}</p></footer>",
        ]
        return PAGE.format(
            title=_e(f"{authority.name}, {human_date(self.at)}"),
            css=CSS + NATIONAL_CSS,
            body="\n".join(body),
        )

    def _href_from_page(self, name: str) -> str | None:
        href = self.hrefs.get(name)
        return None if href is None else href.removeprefix("authorities/")

    def _authority_masthead(self, authority: LocalAuthority) -> str:
        holding = self.holdings.get(authority.name)
        if holding is None:
            now = f"not in force on {_e(human_date(self.at))}"
        else:
            now = f"{chip(grade_key(holding))} {_e(source_text(holding))}"
        lineage = []
        for label, codes in (
            ("Took over from", authority.predecessors),
            ("Succeeded by", authority.successors),
        ):
            names = [self._by_la_code(c) for c in codes]
            if names:
                links = ", ".join(self._page_link(n) for n in names)
                lineage.append(f"<p>{label}: {links}.</p>")
        dates = []
        if authority.in_force_from:
            dates.append(
                f"in force from {human_date(PartialDate.from_date(authority.in_force_from))}"
            )
        if authority.in_force_to:
            dates.append(
                f"in force until {human_date(PartialDate.from_date(authority.in_force_to))}"
            )
        meta = [authority.region, authority.type, f"DfE {authority.la_code}", authority.ons_code]
        return (
            '<header class="masthead"><p class="eyebrow"><a class="back" href="../index.html">'
            f"England</a> · {_e(' · '.join(meta + dates))}</p><h1>{_e(authority.name)}</h1>"
            f'<p class="lede">Overall effectiveness on {_e(human_date(self.at))}: {now}</p>'
            + "".join(lineage)
            + "</header>"
        )

    def _by_la_code(self, code: str) -> str:
        try:
            return self.timeline.register.by_code(code).name
        except KeyError:
            return code

    def _page_link(self, name: str) -> str:
        href = self._href_from_page(name)
        return _e(name) if href is None else f'<a href="{_e(href)}">{_e(name)}</a>'

    def _neighbours(self, neighbours: Sequence[LocalAuthority]) -> str:
        rows = []
        for neighbour in neighbours:
            holding = self.holdings.get(neighbour.name)
            grade = "not in force" if holding is None else chip(grade_key(holding))
            detail = "" if holding is None else _e(source_text(holding))
            rows.append(
                f'<tr><th scope="row">{self._page_link(neighbour.name)}</th><td>{grade}</td>'
                f"<td>{detail}</td></tr>"
            )
        if not rows:
            return '<section id="neighbours"><p>The register lists no neighbours.</p></section>'
        return (
            '<section id="neighbours" aria-labelledby="neighbours-h"><h2 id="neighbours-h">'
            f"Statistical neighbours on {_e(human_date(self.at))}</h2>"
            '<table id="neighbours-table"><thead><tr><th scope="col">Authority</th>'
            '<th scope="col">Grade</th><th scope="col">From</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></section>"
        )

    def _region_of(self, authority: LocalAuthority) -> str:
        found = [d for d in self.regions if d.group == authority.region]
        head = "".join(f'<th scope="col">{_e(GRADE_NAMES[k])}</th>' for k in GRADE_KEYS)
        rows = "".join(distribution_row(d) for d in (*found, self.overall))
        return (
            '<section id="region" aria-labelledby="region-h"><h2 id="region-h">Its region and '
            f'England on {_e(human_date(self.at))}</h2><table id="region-table"><thead><tr>'
            f'<th scope="col"></th><th scope="col">Authorities</th>{head}'
            '<th scope="col">Good or better</th><th scope="col">Shares</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></section>"
        )
