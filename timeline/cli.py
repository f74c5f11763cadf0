"""The ``timeline`` command: a thin shell over :class:`timeline.Timeline`.

Exit status: 0 on success, 1 for a user error (one line naming the bad input, no traceback),
2 for a usage error.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

import click

from events import (
    CodecError,
    DateError,
    DateSource,
    EventStore,
    StoreError,
    TimelineError,
    encode,
    export_jsonl,
    import_jsonl,
)
from projections import EventIndex
from timeline.cli_options import (
    console,
    db_option,
    format_options,
    open_existing,
    output,
    read_date,
    require_file,
)
from timeline.facade import Timeline, open_location

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table

    from timeline.facade import Ingested
    from timeline.keys import KeyEntry

# The reader, rich's tables and the reports are imported by the commands that use them, and the
# commands kept in other modules when they are run (see _Commands): start-up is most of a
# query's run, and importing everything took longer than answering.

__all__ = ["main"]

_NEVER = 2**63  # rows to file before saving a filing: verify saves nothing

_NOUNS = {
    "judgement_issued": "judgement",
    "finding_recorded": "finding",
    "metric_observed": "figure",
    "recommendation_made": "recommendation",
}


# The commands kept in other modules: name -> the module defining it, and the function's name.
_ELSEWHERE = {
    "compare": ("timeline.cli_england", "compare"),
    "england": ("timeline.cli_england", "england"),
    "init-db": ("timeline.cli_db", "init_db"),
    "movements": ("timeline.cli_england", "movements"),
    "themes": ("timeline.cli_england", "themes"),
}


class _Commands(click.Group):
    """The commands, those of other modules imported only when run or listed (as click's
    documentation loads subcommands lazily): a query never imports the national views."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *_ELSEWHERE})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            # An unknown name loads every command, so the suggestions for a typo name them all.
            for name in [cmd_name] if cmd_name in _ELSEWHERE else _ELSEWHERE:
                module, attribute = _ELSEWHERE[name]
                if name not in self.commands:
                    self.add_command(getattr(importlib.import_module(module), attribute), name)
        return super().get_command(ctx, cmd_name)


def _default_jobs() -> int:
    from timeline.ingest import default_jobs

    return default_jobs()


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="inspection-timeline")
def cli() -> None:
    """Inspection documents as an event-sourced timeline: ingest them, then ask what the
    state was on a date and what improved, regressed or persisted between two dates."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option("--quiet", "-q", is_flag=True, help="Only print the total.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=_default_jobs,
    show_default="every core",
    metavar="N",
    help="Read documents in N processes; the store is the same whatever N is.",
)
def ingest(paths: Sequence[Path], db: str, quiet: bool, jobs: int) -> None:
    """Read documents (files or folders) into the store."""
    from timeline.ingest import prestart
    from timeline.reading.files import find_documents

    total = len(find_documents(paths))
    # The reading processes start (and import the reader) while this one opens the store.
    prestart(min(jobs, total))

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from timeline import render

    screen = console()
    created = db != ":memory:" and not Path(db).exists()
    try:
        timeline = Timeline.open(db)
    except TimelineError:
        _discard(db, created)
        raise
    with timeline:
        lines: list[Ingested] = []
        progress = Progress(
            TextColumn("reading documents"),
            BarColumn(),
            MofNCompleteColumn(),
            console=screen,
            transient=True,
            disable=quiet or not screen.is_terminal,
        )
        try:
            with progress:
                task = progress.add_task("ingest", total=total)
                timeline.ingest(
                    paths,
                    progress=lines.append,
                    on_read=lambda _: progress.advance(task),
                    jobs=jobs,
                )
        except TimelineError:
            if created and len(timeline) == 0:
                timeline.close()
                _discard(db, created)
            raise
        total_new = 0
        for item in lines:
            info = item.reading.info
            counts = ", ".join(
                f"{n} {_NOUNS.get(k, k)}{'' if n == 1 else 's'}"
                for k, n in item.reading.counts().items()
            )
            total_new += item.new
            # A date the document prints goes without saying; any other source is named.
            source = (
                ""
                if info.date_source is DateSource.TEXT
                else f" ({render.date_source_text(info.date_source)})"
            )
            if not quiet:
                screen.print(
                    f"{item.reading.file_name}: {info.kind.value.replace('_', ' ')}, "
                    f"{info.subject}, published {info.published}{source}"
                    f" — {counts or 'no events'}" + _stored_note(item)
                )
        # The store's count, not this process's projection: another ingest may have appended
        # since this one opened it (its events then count as stored, not as new here).
        screen.print(
            f"{len(lines)} document(s), {total_new} new event(s); {len(timeline.store)} in {db}"
        )


def _stored_note(item: Ingested) -> str:
    """What an ingest line adds when a document appended nothing."""
    if item.same_as is not None:
        return f" (the same text as {item.same_as}, already stored: nothing appended)"
    return "" if item.new else " (already stored)"


def _discard(db: str, created: bool) -> None:
    """Remove a store this command created but left empty, so a failed run leaves no trace."""
    if not created:
        return
    for suffix in ("", "-wal", "-shm"):
        Path(db + suffix).unlink(missing_ok=True)


@cli.command()
@click.option("--at", "at", required=True, metavar="DATE", help="The date (YYYY[-MM[-DD]]).")
@click.option("--known-at", "known_at", metavar="DATE", help="As known on this date.")
@click.option("--subject", metavar="S", help="One local authority.")
@db_option
@format_options
def state(
    at: str, known_at: str | None, subject: str | None, db: str, fmt: str, as_json: bool
) -> None:
    """Grades, latest figures and theme assessments on a date."""
    with open_existing(db) as timeline:
        result = timeline.state_at(
            read_date(at, "--at"),
            None if known_at is None else read_date(known_at, "--known-at"),
            subject=subject,
        )

        def table() -> RenderableType:
            from timeline.render import state_table

            return state_table(result)

        output(fmt, as_json, result.to_dict, table)


@cli.command()
@click.argument("from_date", metavar="FROM")
@click.argument("to_date", metavar="TO")
@click.option("--subject", metavar="S", help="One local authority.")
@click.option("--hide-unchanged", is_flag=True, help="Leave out keys with no new evidence.")
@db_option
@format_options
def diff(
    from_date: str,
    to_date: str,
    subject: str | None,
    hide_unchanged: bool,
    db: str,
    fmt: str,
    as_json: bool,
) -> None:
    """What improved, regressed, persisted or stayed unchanged between two dates; then, per
    authority, what its inspection reports in force on the two dates named for improvement."""
    with open_existing(db) as timeline:
        start, end = read_date(from_date, "FROM"), read_date(to_date, "TO")
        # Reversed dates would flip every verdict (an improvement read as a regression).
        if start.ordinal > end.ordinal:
            raise DateError(
                f"FROM {start} is after TO {end}",
                value=(from_date, to_date),
                hint=f"the earlier date comes first: timeline diff {end} {start}",
            )
        result = timeline.diff(start, end, subject=subject)
        # Then what each authority's reports in force on the two dates named for improvement.
        subjects = [subject] if subject is not None else sorted({c.subject for c in result.changes})
        named = [timeline.weaknesses(start, end, s) for s in subjects]
        named = [w for w in named if w.before is not None or w.after is not None]

        def table() -> RenderableType:
            from rich.console import Group
            from rich.text import Text

            from timeline import render

            return Group(
                render.diff_table(result, show_unchanged=not hide_unchanged),
                Text(""),
                render.weaknesses_table(named),
            )

        def markdown() -> str:
            from timeline import render

            return render.diff_markdown(result) + "\n" + render.weaknesses_markdown(named)

        output(
            fmt,
            as_json,
            lambda: {
                **result.to_dict(),
                "named_for_improvement": [w.to_dict() for w in named],
            },
            table,
            markdown,
        )


@cli.command()
@click.argument("key")
@click.option("--subject", metavar="S", help="One local authority.")
@db_option
@format_options
def history(key: str, subject: str | None, db: str, fmt: str, as_json: bool) -> None:
    """Every event about an area, metric or theme, oldest first."""
    with open_existing(db) as timeline:
        entries = timeline.history(key, subject)

        def table() -> RenderableType:
            from timeline.render import history_table

            return history_table(entries)

        output(fmt, as_json, lambda: [e.to_dict() for e in entries], table)


@cli.command()
@click.option(
    "--db",
    "db",
    metavar="FILE",
    help="Also count the events filed under each key in this store.",
)
@format_options
def keys(db: str | None, fmt: str, as_json: bool) -> None:
    """Every judgement area, metric and theme key that history takes, with its label."""
    if db is None:
        from timeline.keys import vocabulary

        entries = vocabulary()
    else:
        with open_existing(db) as timeline:
            entries = timeline.keys()
    output(
        fmt,
        as_json,
        lambda: [e.to_dict() for e in entries],
        lambda: _keys_table(entries),
        lambda: _keys_markdown(entries),
    )


def _keys_rows(entries: Sequence[KeyEntry]) -> tuple[list[str], list[list[str]]]:
    counted = any(e.events is not None for e in entries)
    header = ["kind", "key", "label", *(["events"] if counted else [])]
    rows = [
        [e.kind, e.key, e.label, *([str(e.events)] if e.events is not None else [])]
        for e in entries
    ]
    return header, rows


def _keys_table(entries: Sequence[KeyEntry]) -> Table:
    from rich.table import Table

    header, rows = _keys_rows(entries)
    table = Table(*header, box=None)
    for row in rows:
        table.add_row(*row)
    return table


def _keys_markdown(entries: Sequence[KeyEntry]) -> str:
    header, rows = _keys_rows(entries)
    lines = [header, ["---"] * len(header), *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


@cli.command()
@click.option("--type", "kind", metavar="T", help="Event kind, e.g. judgement_issued.")
@click.option("--subject", metavar="S", help="One local authority.")
@click.option("--document", metavar="D", help="Document file name or id.")
@db_option
@format_options
def events(
    kind: str | None, subject: str | None, document: str | None, db: str, fmt: str, as_json: bool
) -> None:
    """Stored events, filtered."""
    with open_existing(db) as timeline:
        found = timeline.events(kind=kind, subject=subject, document=document)

        def table() -> RenderableType:
            from timeline.render import events_rows

            return events_rows(found)

        output(fmt, as_json, lambda: [encode(e) for e in found], table)


@cli.command()
@click.option("--subject", metavar="S", help="One local authority.")
@db_option
@format_options
def conflicts(subject: str | None, db: str, fmt: str, as_json: bool) -> None:
    """Claims that disagree, each with its sources and the rule that settled it."""
    with open_existing(db) as timeline:
        found = timeline.conflicts(subject)

        def table() -> RenderableType:
            from timeline.render import conflicts_table

            return conflicts_table(found)

        output(fmt, as_json, lambda: [c.to_dict() for c in found], table)


@cli.command()
@click.argument("from_date", metavar="FROM")
@click.argument("to_date", metavar="TO")
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path),
    help="Where to write: the HTML file (default report.html), or with --england the folder "
    "(default england).",
)
@click.option("--subject", metavar="S", help="One local authority.")
@click.option(
    "--england",
    is_flag=True,
    help="The national report: a folder with England's page and one per authority.",
)
@click.option("--at", "at", metavar="DATE", help="With --england: the map's date (default TO).")
@click.option(
    "--boundaries",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="With --england: draw authorities' shapes from this GeoJSON (longitude and latitude).",
)
@click.option(
    "--boundaries-code",
    metavar="PROPERTY",
    help="The boundaries' property holding ONS codes (default: found, such as LAD23CD).",
)
@db_option
def report(
    from_date: str,
    to_date: str,
    out: Path | None,
    subject: str | None,
    england: bool,
    at: str | None,
    boundaries: Path | None,
    boundaries_code: str | None,
    db: str,
) -> None:
    """One self-contained HTML report: grade chart, theme heat map, diff and every finding.

    With --england, the national report instead: a map of England by overall effectiveness on
    the date, the same on 31 March of each year from FROM, each grade's share over time, the
    movements and the regions, and a page per authority beside its statistical neighbours.
    """
    if england:
        _england_report(from_date, to_date, out, subject, at, boundaries, boundaries_code, db)
        return
    national = {"--at": at, "--boundaries": boundaries, "--boundaries-code": boundaries_code}
    for name, given in national.items():
        if given is not None:
            raise click.UsageError(f"{name} is for the national report: add --england")
    out = Path("report.html") if out is None else out
    if out.is_dir():
        raise click.BadParameter(f"{out} is a folder: name the HTML file", param_hint="--out")
    from timeline.report import build_report

    with open_existing(db) as timeline:
        html = build_report(
            timeline, read_date(from_date, "FROM"), read_date(to_date, "TO"), subject=subject
        )
    try:
        out.write_text(html, encoding="utf-8")
    except OSError as e:
        raise StoreError(f"cannot write the report: {e.strerror}", path=str(out)) from e
    click.echo(f"wrote {out} ({len(html) // 1024} KB)")


def _england_report(
    from_date: str,
    to_date: str,
    out: Path | None,
    subject: str | None,
    at: str | None,
    boundaries: Path | None,
    boundaries_code: str | None,
    db: str,
) -> None:
    """``report --england``: every page is built before the folder is written."""
    if subject is not None:
        raise click.UsageError("--subject and --england: the national report is every authority")
    if boundaries is None and boundaries_code is not None:
        raise click.UsageError("--boundaries-code names a property of --boundaries FILE")
    from timeline.boundaries import packaged_positions, read_boundaries
    from timeline.report_england import build_england, write_england

    out = Path("england") if out is None else out
    start, end = read_date(from_date, "FROM"), read_date(to_date, "TO")
    when = None if at is None else read_date(at, "--at")
    with open_existing(db) as timeline:
        shapes = None
        if boundaries is not None:
            shapes = read_boundaries(
                boundaries, timeline.register, packaged_positions(), code_property=boundaries_code
            )
        pages = build_england(timeline, start, end, at=when, boundaries=shapes)
    size = write_england(pages, out)
    click.echo(
        f"wrote {out / 'index.html'} and {len(pages) - 1} authority pages ({size // 1024} KB)"
    )


@cli.command()
@db_option
@click.option(
    "--expect-head",
    metavar="HASH",
    help="A chain head printed by an earlier verify: fail if the chain no longer holds it.",
)
def verify(db: str, expect_head: str | None) -> None:
    """Check the store is readable and its hash chain and ids are intact.

    Prints the chain head; keeping it elsewhere and passing it back with --expect-head also
    catches newest events removed or the whole chain rewritten, which the chain alone cannot.
    """
    if db == ":memory:":
        with open_existing(db) as timeline:
            click.echo(f"{db}: {len(timeline)} events (a memory store has no chain)")
            return
    require_file(db)
    # The store alone: a timeline would load (and stop at) whichever bad event it files first.
    opened, cache = open_location(db)
    with contextlib.closing(opened) as store:
        if len(store) == 0:
            raise StoreError("the store is empty", path=db, hint="run `timeline ingest PATH` first")
        problems = store.verify()
        kept = None if cache is None else cache.load()
        # A filing made at a head the chain no longer passes through is set aside at open, and
        # replaced: harmless. One made from these very rows must be what they give.
        if (
            cache is not None
            and kept is not None
            and not problems
            and store.chain_at(kept[0].position) == kept[0].chain
        ):
            # The kept filing is a cache, but queries trust it: it must be what the rows give.
            restored = EventIndex.from_store(store, cache=cache, save_after=_NEVER)
            rebuilt = EventIndex.from_store(store, save_after=_NEVER)
            if restored.saved_rows == 0 or not restored.same_filing(rebuilt):
                problems.append(
                    f"the kept filing does not match the events (delete {cache.path.name} and"
                    " it is rebuilt at the next open)"
                )
        if expect_head is not None and not _holds_head(store, expect_head.strip().lower()):
            problems.append(
                f"the chain no longer holds head {expect_head}: events were removed or rewritten"
            )
        if problems:
            for problem in problems:
                click.echo(f"{db}: {problem}", err=True)
            raise click.exceptions.Exit(1)
        head = store.head()
        click.echo(
            f"{db}: {len(store)} events, hash chain and ids intact;"
            f" head {head.position}:{head.chain}"
        )


def _holds_head(store: EventStore, expected: str) -> bool:
    """Whether the chain passes through a head ``verify`` printed: ``POSITION:HASH``, or the
    hash alone as earlier versions printed it (looked for from the newest row back)."""
    position, _, chain = expected.rpartition(":")
    if position:
        return position.isdigit() and store.chain_at(int(position)) == chain
    return any(store.chain_at(p) == chain for p in range(len(store), -1, -1))


def _write_atomically(out: Path, write: Callable[[IO[str]], int]) -> int:
    """Write beside ``out`` and rename over it: an interrupted write never leaves half a file."""
    import tempfile

    try:
        fd, name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    except OSError as e:
        raise StoreError(f"cannot write the export: {e.strerror}", path=str(out)) from e
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fp:
            count = write(fp)
        os.replace(name, out)
    except BaseException as e:
        Path(name).unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise StoreError(f"cannot write the export: {e.strerror}", path=str(out)) from e
        raise
    return count


@cli.command(name="export")
@db_option
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE instead of standard output.",
)
def export(db: str, out: Path | None) -> None:
    """Write every stored event as JSON Lines, in append order."""
    with open_existing(db) as timeline:
        if out is None:
            count = export_jsonl(timeline.store, sys.stdout)
            click.echo(f"exported {count} event(s) from {db}", err=True)
            return
        count = _write_atomically(out, lambda fp: export_jsonl(timeline.store, fp))
    click.echo(f"exported {count} event(s) from {db} to {out}")


def _read_export(path: Path) -> str:
    """The text of a JSON Lines file; ``CodecError`` naming the file (and line) if unreadable."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise CodecError(f"cannot read the file: {e.strerror}", path=str(path)) from e
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise CodecError(
            f"not UTF-8 text (byte 0x{data[e.start]:02x})",
            path=str(path),
            line=data.count(b"\n", 0, e.start) + 1,
        ) from e


@cli.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@db_option
def import_(file: Path, db: str) -> None:
    """Append the events of a JSON Lines export: all of them, or none."""
    text = _read_export(file)
    with Timeline.open(db) as timeline:
        fresh = import_jsonl(timeline.store, io.StringIO(text), path=str(file))
        click.echo(f"{file}: {len(fresh)} new event(s); {len(timeline.store)} in {db}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status instead of exiting."""
    try:
        # Without standalone mode click returns a command's ``Exit`` status instead of raising.
        status = cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="timeline",
            standalone_mode=False,
        )
    except click.exceptions.Exit as e:
        return int(e.exit_code or 0)
    except click.exceptions.Abort:
        click.echo("timeline: aborted", err=True)
        return 1
    except click.ClickException as e:
        e.show()
        return 2 if isinstance(e, click.UsageError) else 1
    except TimelineError as e:
        click.echo(f"timeline: error: {e}", err=True)
        return 1
    return status if isinstance(status, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
