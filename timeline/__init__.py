"""inspection-timeline: inspection documents as an event-sourced timeline."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from timeline.facade import Ingested, Timeline
    from timeline.reading.document import DocumentInfo, Metadata
    from timeline.reading.reader import Reading, read_file, read_text
    from timeline.register import LocalAuthority, Register

__all__ = [
    "DocumentInfo",
    "Ingested",
    "LocalAuthority",
    "Metadata",
    "Reading",
    "Register",
    "Timeline",
    "read_file",
    "read_text",
]

# Each public name is imported when first asked for (PEP 562): a command that only queries a
# store never pays for the reader (importing it is most of a query's start-up).
_HOMES = {
    "timeline.facade": ("Ingested", "Timeline"),
    "timeline.reading.document": ("DocumentInfo", "Metadata"),
    "timeline.reading.reader": ("Reading", "read_file", "read_text"),
    "timeline.register": ("LocalAuthority", "Register"),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # asked once: later lookups find it without this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
