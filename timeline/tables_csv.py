"""The package's data tables: CSV files with ``#`` comment lines and a fixed header."""

from __future__ import annotations

import contextlib
import csv
from collections.abc import Iterator
from pathlib import Path

from events import DocumentError

__all__ = ["data_file", "read_rows"]

_DATA = Path(__file__).resolve().parent / "data"


@contextlib.contextmanager
def data_file(name: str) -> Iterator[Path]:
    """The path of ``timeline/data/<name>``, for as long as the ``with`` block runs.

    The file itself where the package is installed as files, as pip installs it: a query opens
    the register at every start, and ``importlib.resources`` (with the archive modules it
    imports) cost it about 8 ms. A package imported from an archive gets a temporary copy.
    """
    path = _DATA / name
    if path.is_file():
        yield path
        return
    import importlib.resources

    with importlib.resources.as_file(importlib.resources.files("timeline.data") / name) as copy:
        yield copy


def read_rows(path: Path, columns: tuple[str, ...], what: str) -> list[tuple[int, list[str]]]:
    """The rows of a CSV of ``columns`` after its header, each with its line number (the caller
    checks each row's cells, and names the line when one is bad).

    Lines starting with ``#`` are comments. Raises ``DocumentError`` naming the file when it
    cannot be read, is not UTF-8, or its header is not ``columns`` (``what`` names the table in
    the message: "the register").
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as e:
        raise DocumentError(f"cannot read {what}: {e}", path=str(path)) from e
    except UnicodeDecodeError as e:
        raise DocumentError(
            f"{what} is not UTF-8 text (byte 0x{e.object[e.start]:02x} at offset {e.start})",
            path=str(path),
            hint="save it as CSV UTF-8",
        ) from e
    # Comment lines become empty ones, so a cell quoted over lines parses whole and the
    # reader's line numbers stay the file's.
    lines = ["" if line.startswith("#") else line for line in text.splitlines()]
    reader = csv.reader(lines)
    rows = [(reader.line_num, cells) for cells in reader if cells]
    if not rows or tuple(h.strip() for h in rows[0][1]) != columns:
        raise DocumentError(
            f"{what}'s header is not the expected columns",
            path=str(path),
            line=rows[0][0] if rows else None,
            hint=f"expected {','.join(columns)}",
        )
    return rows[1:]
