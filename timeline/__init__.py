"""inspection-timeline: inspection documents as an event-sourced timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from events.lazy import LazyNames

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
_NAMES = LazyNames(__name__, _HOMES, globals(), __all__)
__getattr__ = _NAMES.get
__dir__ = _NAMES.listing
