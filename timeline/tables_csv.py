"""The package's data tables: CSV files with ``#`` comment lines and a fixed header."""

from __future__ import annotations

import csv
from pathlib import Path

from events import DocumentError

__all__ = ["read_rows"]


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
