"""The metadata file beside documents: facts a text lacks, such as an undated article's date.

``manifest.toml`` holds one table per file name::

    ["001_news.txt"]
    published = "2019-12"          # YYYY-MM-DD, YYYY-MM, YYYY or "18 December 2019"
    subject = "Buckinghamshire"
    kind = "news_article"          # inspection_report, monitoring_visit, focused_visit,
                                   # news_article, council_minutes, other
    visit = "2019-10"              # or "2021-11-29/2021-12-17"
    url = "https://..."
    note = "why these facts"       # for people; not read

Any bad value is a ``DocumentError`` naming the manifest, the file entry and the key.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from events import Authority, DateError, DocumentError, DocumentKind, Period
from timeline.reading.dates import parse_date
from timeline.reading.document import Metadata

__all__ = ["MANIFEST_NAME", "load_manifest"]

MANIFEST_NAME = "manifest.toml"
_KEYS = {"published", "subject", "kind", "visit", "title", "url", "authority", "note"}


def _field(path: Path, name: str, key: str, value: Any) -> Any:
    where = f"[{name!r}] {key}"
    if not isinstance(value, str):
        raise DocumentError(f"{where} must be a string, not {value!r}", path=str(path))
    try:
        if key == "published":
            return parse_date(value)
        if key == "visit":
            first, _, last = value.partition("/")
            return Period(parse_date(first), parse_date(last) if last else None)
        if key == "kind":
            return DocumentKind(value)
        if key == "authority":
            return Authority(value)
    except (DateError, ValueError) as e:
        raise DocumentError(f"{where} = {value!r} is not valid: {e}", path=str(path)) from e
    return value


def load_manifest(path: Path) -> dict[str, Metadata]:
    """The metadata for each file name in a manifest; ``DocumentError`` on any bad entry."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise DocumentError(f"cannot read the manifest: {e}", path=str(path)) from e
    except tomllib.TOMLDecodeError as e:
        raise DocumentError(f"the manifest is not valid TOML: {e}", path=str(path)) from e
    out = {}
    for name, entry in data.items():
        if not isinstance(entry, dict):
            raise DocumentError(
                f"[{name!r}] must be a table of keys for that file",
                path=str(path),
                hint='write ["file.txt"] then key = "value" lines',
            )
        unknown = set(entry) - _KEYS
        if unknown:
            raise DocumentError(
                f"[{name!r}] has unknown keys {sorted(unknown)}",
                path=str(path),
                hint=f"use {', '.join(sorted(_KEYS))}",
            )
        fields = {k: _field(path, name, k, v) for k, v in entry.items() if k != "note"}
        out[name] = Metadata(**fields)
    return out
