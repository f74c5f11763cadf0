"""The national commands: ``england``, ``movements``, ``compare`` and ``themes``.

Each says which date a grade counts from: its publication (no ``--known-at``), or its
inspection as known on ``--known-at``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from events import Area, Grade, JudgementIssued
from projections import Comparison, Distribution, England, Holding, Movements, ThemesNamed
from projections.national import GRADE_ORDER, NO_JUDGEMENT, VERDICTS
from timeline.cli_options import db_option, format_options, open_existing, output, read_date

if TYPE_CHECKING:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

# rich and the labels (which load the reader's vocabularies) are imported by the functions that
# draw tables: registering these commands must not slow every other command's start-up.

__all__ = ["compare", "england", "movements", "themes"]

_COLUMNS = {
    Grade.OUTSTANDING.value: "outstanding",
    Grade.GOOD.value: "good",
    Grade.REQUIRES_IMPROVEMENT.value: "requires improvement",
    Grade.INADEQUATE.value: "inadequate",
    NO_JUDGEMENT: "no judgement yet",
}
_VERDICTS = {
    "improved": "improved",
    "retained_good": "stayed good or outstanding",
    "retained_weak": "stayed requires improvement or inadequate",
    "declined": "declined",
}


def _axis(picture: England | Movements, axis: str) -> str:
    if axis == "publication":
        return f"on {picture.known_at}, each grade counted from its report's publication"
    return f"each grade counted from its inspection, as known on {picture.known_at}"


def _holding_text(holding: Holding) -> str:
    if holding.view is None:
        return f"{holding.subject}: no judgement yet"
    believed = holding.view.claims[0]
    return (
        f"{holding.subject}: {holding.view.grade.label}, inspected {holding.view.inspected}"
        f" — {believed.source.file_name}"
    )


def _distribution_table(picture: England, area: Area, listed: bool) -> Table:
    from rich import box
    from rich.table import Table

    from timeline.reading.areas import area_label

    table = Table(
        title=f"{area_label(area)}, {picture.at} ({_axis(picture, picture.axis)})",
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    table.add_column("")
    for label in _COLUMNS.values():
        table.add_column(label, justify="right")
    table.add_column("good or better", justify="right")
    for found in picture.distributions:
        if found.area is not area:
            continue
        counts = found.counts()
        cells = [
            f"{counts[key]} ({found.share(Grade(key)):.0f}%)"
            if key != NO_JUDGEMENT
            else str(counts[key])
            for key in _COLUMNS
        ]
        table.add_row(found.group, *cells, f"{found.good_or_better():.1f}%")
    if listed:
        table.caption = _listing(picture.distribution(area))
        table.caption_justify = "left"
    return table


def _listing(found: Distribution) -> str:
    lines = []
    for grade in (*GRADE_ORDER, None):
        holders = found.holders(grade)
        label = _COLUMNS[NO_JUDGEMENT if grade is None else grade.value]
        lines.append(f"{label} ({len(holders)}):")
        lines.extend(f"  {_holding_text(h)}" for h in holders)
    return "\n".join(lines)


@click.command()
@click.option("--at", "at", required=True, metavar="DATE", help="The date (YYYY[-MM[-DD]]).")
@click.option("--known-at", "known_at", metavar="DATE", help="As known on this date.")
@click.option("--by", type=click.Choice(["region", "type"]), help="Also per region or type.")
@click.option("--area", "area", metavar="AREA", help="One judgement area (default: all).")
@click.option("--list", "listed", is_flag=True, help="Name the authorities behind each count.")
@db_option
@format_options
def england(
    at: str,
    known_at: str | None,
    by: str | None,
    area: str | None,
    listed: bool,
    db: str,
    fmt: str,
    as_json: bool,
) -> None:
    """How many authorities in force hold each grade on a date, per judgement area."""
    areas = None if area is None else [_area(area)]
    with open_existing(db) as timeline:
        picture = timeline.england(
            read_date(at, "--at"),
            None if known_at is None else read_date(known_at, "--known-at"),
            by=by,
            areas=areas,
        )
        chosen = sorted({d.area for d in picture.distributions}, key=list(Area).index)
        output(
            fmt,
            as_json,
            lambda: picture.to_dict(listed=listed),
            lambda: _grouped(*(_distribution_table(picture, a, listed) for a in chosen)),
        )


def _grouped(*tables: Any) -> Group:
    from rich.console import Group

    return Group(*tables)


def _area(value: str) -> Area:
    try:
        return Area(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r}; use one of {', '.join(a.value for a in Area)}", param_hint="--area"
        ) from None


@click.command()
@click.argument("dates", nargs=-1, metavar="[FROM TO]")
@click.option("--until", "until", metavar="DATE", help="Movements by this date.")
@click.option("--known-at", "known_at", metavar="DATE", help="As known on this date.")
@click.option("--area", "area", metavar="AREA", help="A judgement area (default: overall).")
@db_option
@format_options
def movements(
    dates: tuple[str, ...],
    until: str | None,
    known_at: str | None,
    area: str | None,
    db: str,
    fmt: str,
    as_json: bool,
) -> None:
    """How grades moved: between each authority's last two inspections under one framework
    (``--until DATE``), or between the grades in force on two dates (``FROM TO``)."""
    chosen = Area.OVERALL_EFFECTIVENESS if area is None else _area(area)
    if (until is None) == (len(dates) == 0) or len(dates) not in (0, 2):
        raise click.UsageError("give either --until DATE, or FROM and TO")
    known = None if known_at is None else read_date(known_at, "--known-at")
    with open_existing(db) as timeline:
        if until is not None:
            moved = timeline.movements(read_date(until, "--until"), known, areas=[chosen])
            output(fmt, as_json, moved.to_dict, lambda: _movements_table(moved, chosen))
            return
        start, end = read_date(dates[0], "FROM"), read_date(dates[1], "TO")
        if end < start:
            raise click.UsageError(f"FROM {start} is after TO {end}: give the earlier date first")
        before = timeline.england(start, known, areas=[chosen]).distribution(chosen)
        after = timeline.england(end, known, areas=[chosen]).distribution(chosen)
        rows = _compare_dates(before, after)
        output(
            fmt,
            as_json,
            lambda: {"from": str(start), "to": str(end), "area": chosen.value, "authorities": rows},
            lambda: _dates_table(rows, chosen, str(start), str(end)),
        )


def _movements_table(moved: Movements, area: Area) -> Table:
    from rich import box
    from rich.table import Table

    from timeline.reading.areas import area_label

    counts = moved.counts(area)
    summary = ", ".join(f"{counts[v]} {_VERDICTS[v]}" for v in VERDICTS)
    table = Table(
        title=f"{area_label(area)}: last two inspections under one framework by {moved.until}"
        f" — {summary}",
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    for column in ("authority", "before", "after", "verdict"):
        table.add_column(column)
    for movement in moved.of(area):
        table.add_row(
            movement.subject,
            _inspection_text(movement.before.believed),
            _inspection_text(movement.after.believed),
            _VERDICTS[movement.verdict],
        )
    return table


def _inspection_text(claim: JudgementIssued) -> Text:
    from rich.text import Text

    return Text(f"{claim.grade.label} ({claim.valid.start})\n{claim.source.file_name}")


def _compare_dates(before: Distribution, after: Distribution) -> list[dict[str, Any]]:
    was = {h.subject: h for h in before.holdings}
    rows = []
    for holding in sorted(after.holdings, key=lambda h: h.subject):
        old = was.get(holding.subject)
        old_grade = None if old is None else old.grade
        new_grade = holding.grade
        if new_grade is None:
            verdict = "no judgement"
        elif old_grade is None:
            verdict = "new"
        elif new_grade.rank > old_grade.rank:
            verdict = "improved"
        elif new_grade.rank < old_grade.rank:
            verdict = "declined"
        else:
            verdict = "same"
        rows.append(
            {
                "subject": holding.subject,
                "verdict": verdict,
                "before": None if old is None else old.to_dict(),
                "after": holding.to_dict(),
            }
        )
    return rows


def _dates_table(rows: list[dict[str, Any]], area: Area, start: str, end: str) -> Table:
    from rich import box
    from rich.table import Table

    from timeline.reading.areas import area_label

    table = Table(
        title=f"{area_label(area)}: the grade in force on {start} and on {end}",
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    for column in ("authority", start, end, "verdict"):
        table.add_column(column)
    for row in rows:
        if row["verdict"] == "no judgement":
            continue
        before, after = row["before"], row["after"]
        assert isinstance(after, dict)
        old = "—" if not isinstance(before, dict) else str(before["grade"])
        table.add_row(str(row["subject"]), old, str(after["grade"]), str(row["verdict"]))
    return table


@click.command()
@click.argument("subject")
@click.option("--at", "at", required=True, metavar="DATE", help="The date (YYYY[-MM[-DD]]).")
@click.option("--known-at", "known_at", metavar="DATE", help="As known on this date.")
@db_option
@format_options
def compare(subject: str, at: str, known_at: str | None, db: str, fmt: str, as_json: bool) -> None:
    """An authority's grades beside its ten statistical neighbours', its region and England."""
    with open_existing(db) as timeline:
        compared = timeline.compare(
            subject,
            read_date(at, "--at"),
            None if known_at is None else read_date(known_at, "--known-at"),
        )
        output(fmt, as_json, compared.to_dict, lambda: _comparison_table(compared))


# Short names, so an authority's row of seven areas fits a terminal.
_SHORT_AREAS = {
    Area.OVERALL_EFFECTIVENESS: "overall",
    Area.LEADERSHIP: "leaders",
    Area.HELP_AND_PROTECTION: "help & protection",
    Area.CHILDREN_IN_CARE: "in care",
    Area.CARE_LEAVERS: "care leavers",
    Area.ADOPTION: "adoption",
    Area.LSCB: "LSCB",
}
_SHORT_GRADES = {
    Grade.OUTSTANDING: "outstanding",
    Grade.GOOD: "good",
    Grade.REQUIRES_IMPROVEMENT: "RI",
    Grade.INADEQUATE: "inadequate",
}


def _comparison_table(compared: Comparison) -> Table:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    picture = compared.picture
    areas = sorted({d.area for d in picture.distributions}, key=list(Area).index)
    table = Table(
        title=f"{compared.subject} beside its statistical neighbours, {picture.at}"
        f" ({_axis(picture, picture.axis)})",
        caption="RI: requires improvement to be good; % of the authorities with a grade",
        box=box.SIMPLE_HEAD,
        title_justify="left",
        caption_justify="left",
    )
    table.add_column("authority")
    for area in areas:
        table.add_column(_SHORT_AREAS[area])
    for name in (compared.subject, *compared.neighbours):
        cells = []
        for area in areas:
            grade = compared.holding(name, area).grade
            cells.append("—" if grade is None else _SHORT_GRADES[grade])
        table.add_row(name, *cells)
    for label, group in ((compared.region, compared.region), ("England", "England")):
        cells = [
            f"{picture.distribution(area, group).good_or_better():.0f}% good+" for area in areas
        ]
        table.add_row(Text(label, style="bold"), *cells)
    return table


@click.command()
@click.option("--at", "at", required=True, metavar="DATE", help="The date (YYYY[-MM[-DD]]).")
@click.option("--known-at", "known_at", metavar="DATE", help="As known on this date.")
@click.option("--by", type=click.Choice(["region", "type"]), help="Also per region or type.")
@click.option("--list", "listed", is_flag=True, help="Name the authorities and quote the items.")
@db_option
@format_options
def themes(
    at: str, known_at: str | None, by: str | None, listed: bool, db: str, fmt: str, as_json: bool
) -> None:
    """For each theme, how many authorities' latest inspection reports name it for improvement
    on a date, and on 31 March of each year since 2014."""
    with open_existing(db) as timeline:
        day = read_date(at, "--at")
        known = None if known_at is None else read_date(known_at, "--known-at")
        named = timeline.themes(day, known, by=by)
        years = timeline.themes_by_year(day, known)
        output(
            fmt,
            as_json,
            lambda: {
                **named.to_dict(listed=listed),
                "by_year": [_year_dict(y) for y in years],
            },
            lambda: _grouped(*_themes_tables(named, years, listed)),
        )


def _year_dict(named: ThemesNamed) -> dict[str, Any]:
    england = named.to_dict()["groups"][0]
    return {"at": str(named.at), **{k: v for k, v in england.items() if k != "group"}}


def _themes_axis(named: ThemesNamed) -> str:
    if named.axis == "publication":
        return f"on {named.known_at}, each report counted from its publication"
    return f"each report counted from its inspection, as known on {named.known_at}"


def _themes_tables(named: ThemesNamed, years: list[ThemesNamed], listed: bool) -> list[Any]:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from timeline.labels import key_label

    reported, members = len(named.reported()), len(named.members())
    counts = named.counts()
    # The date itself has its own column: a 31 March asked about is not shown twice.
    years = [y for y in years if y.at != named.at]
    earlier = {t for y in years for t in y.counts()} - set(counts)
    table = Table(
        title=f"Themes named for improvement by each authority's latest inspection report,"
        f" {named.at} ({_themes_axis(named)})",
        caption=f"{members} authorities in force: {reported} with a report,"
        f" {members - reported} with no report yet. % of those with a report; years on 31 March.",
        box=box.SIMPLE_HEAD,
        title_justify="left",
        caption_justify="left",
    )
    table.add_column("theme")
    table.add_column(str(named.at), justify="right")
    for year in years:
        table.add_column(str(year.at.year), justify="right")
    for theme in [*counts, *sorted(earlier)]:
        count = counts.get(theme, 0)
        table.add_row(
            key_label("theme", theme),
            f"{count} ({named.share(theme):.0f}%)",
            *(str(y.counts().get(theme, 0)) for y in years),
        )
    table.add_row(
        Text("with a report", style="bold"),
        str(reported),
        *(str(len(y.reported())) for y in years),
    )
    table.add_row(
        Text("no report yet", style="bold"),
        str(members - reported),
        *(str(len(y.without_report())) for y in years),
    )
    parts: list[Any] = [table]
    if named.by is not None:
        parts.append(_themes_by_group(named))
    if listed:
        parts.append(Text(_themes_listing(named)))
    return parts


def _themes_by_group(named: ThemesNamed) -> Table:
    from rich import box
    from rich.table import Table

    from timeline.labels import key_label

    groups = named.groups()
    table = Table(
        title=f"By {named.by}, {named.at}: authorities naming each theme / with a report",
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    table.add_column("theme", min_width=24)
    for group in groups:
        table.add_column(group, justify="right")
    for theme in named.counts():
        table.add_row(
            key_label("theme", theme),
            *(f"{len(named.naming(theme, g))}/{len(named.reported(g))}" for g in groups),
        )
    return table


def _themes_listing(named: ThemesNamed) -> str:
    from timeline.labels import key_label

    lines = []
    for theme, count in named.counts().items():
        lines.append(f"{key_label('theme', theme)} ({count}):")
        for standing in named.naming(theme):
            assert standing.report is not None
            document = standing.report.document
            lines.append(f"  {standing.subject}: {document.file_name} ({document.published})")
            lines.extend(
                f"    “{' '.join(i.source.quote.split())}”" for i in standing.report.naming(theme)
            )
    missing = named.without_report()
    lines.append(f"no report yet ({len(missing)}):")
    lines.extend(f"  {s.subject}" for s in missing)
    return "\n".join(lines)
