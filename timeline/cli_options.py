"""What every ``timeline`` command shares: the store and format options, dates, output."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from events import PartialDate, StoreError, TimelineError
from events.stores import is_server
from timeline.facade import Timeline

if TYPE_CHECKING:
    from rich.console import Console

# rich and ``timeline.render`` (which loads the reader's vocabularies for its labels) are
# imported only to print a table: a ``--json`` query never needs them.

__all__ = [
    "DEFAULT_DB",
    "FORMATS",
    "console",
    "db_option",
    "format_options",
    "open_existing",
    "output",
    "read_date",
    "require_file",
]

F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_DB = "timeline.db"
FORMATS = ("table", "markdown", "json")


def console() -> Console:
    """The console tables print to."""
    from rich.console import Console

    # Piped output keeps a readable width unless COLUMNS says otherwise.
    wide = sys.stdout.isatty() or "COLUMNS" in os.environ
    return Console(soft_wrap=False, highlight=False, width=None if wide else 120)


def db_option(func: F) -> F:
    """``--db FILE``: the SQLite store, ``timeline.db`` in the working directory by default."""
    return click.option(
        "--db",
        "db",
        default=DEFAULT_DB,
        show_default=True,
        metavar="FILE",
        help="The timeline store (SQLite).",
    )(func)


def format_options(func: F) -> F:
    """``--format table|markdown|json`` and its shorthand ``--json``."""
    func = click.option(
        "--json", "as_json", is_flag=True, help="Print JSON (same as --format json)."
    )(func)
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="Output format.",
    )(func)


def require_file(db: str) -> None:
    """A store a query reads must exist: a missing one is a user error, never created."""
    if db != ":memory:" and not is_server(db) and not Path(db).is_file():
        raise StoreError(
            "no timeline store here",
            path=db,
            hint="run `timeline ingest PATH` first, or pass --db FILE",
        )


def open_existing(db: str) -> Timeline:
    """Open a store for reading; a missing or empty store is a user error, never created."""
    require_file(db)
    timeline = Timeline.open(db)
    if len(timeline) == 0:
        timeline.close()
        raise StoreError("the store is empty", path=db, hint="run `timeline ingest PATH` first")
    return timeline


def read_date(value: str, name: str) -> PartialDate:
    """A date option or argument; its error names the option (``--at: cannot read ...``)."""
    try:
        return PartialDate.coerce(value)
    except TimelineError as e:
        e.message = f"{name}: {e.message}"
        raise


def output(
    fmt: str,
    as_json: bool,
    data: Callable[[], Any],
    table: Callable[[], Any],
    markdown: Callable[[], str] | None = None,
) -> None:
    """Print JSON, Markdown or a table, as the format options ask."""
    if as_json or fmt == "json":
        # As ``render.to_json``, which would import rich for one call to json.
        click.echo(json.dumps(data(), indent=2, ensure_ascii=False))
    elif fmt == "markdown" and markdown is not None:
        click.echo(markdown())
    else:
        console().print(table())
