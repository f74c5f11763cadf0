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

# Each public name is imported when first asked for: a command that only queries a store never
# pays for the reader (importing it is most of a query's start-up).
_HOMES = {
    "DocumentInfo": "timeline.reading.document",
    "Ingested": "timeline.facade",
    "LocalAuthority": "timeline.register",
    "Metadata": "timeline.reading.document",
    "Reading": "timeline.reading.reader",
    "Register": "timeline.register",
    "Timeline": "timeline.facade",
    "read_file": "timeline.reading.reader",
    "read_text": "timeline.reading.reader",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'timeline' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # asked once: later lookups find it without this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
