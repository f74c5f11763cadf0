"""What every ``timeline`` command shares: the store and format options, dates, output."""

from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
import orjson

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
    "json_text",
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


def json_text(data: Any) -> str:
    """``json.dumps(data, indent=2, ensure_ascii=False)``, as ``render.to_json`` prints it.

    orjson writes the same text four to eight times as fast where the data holds only dicts with
    text keys, lists, tuples, text, whole numbers, booleans, None and floats that both spell the
    same way (both use the shortest repr, but orjson writes 1e-05 as 0.00001, and NaN as null);
    anything else, or what orjson refuses (a lone surrogate, a whole number beyond 64 bits), is
    written by ``json`` itself.
    """
    if _plain(data):
        try:
            return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8")
        except orjson.JSONEncodeError:
            pass
    return json.dumps(data, indent=2, ensure_ascii=False)


_SCALARS = frozenset({str, int, bool, type(None)})


def _plain(data: Any) -> bool:
    """Whether ``data`` is made of what orjson writes exactly as ``json`` does (see above)."""
    pending = [data]
    while pending:
        item = pending.pop()
        kind = type(item)
        if kind in _SCALARS:
            continue
        if kind is dict:
            if any(type(key) is not str for key in item):
                return False
            pending.extend(item.values())
        elif kind is list or kind is tuple:
            pending.extend(item)
        elif kind is float:
            if not math.isfinite(item) or 0 < abs(item) < 1e-4:
                return False
        else:
            return False
    return True


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
        click.echo(json_text(data()))
    elif fmt == "markdown" and markdown is not None:
        click.echo(markdown())
    else:
        console().print(table())
