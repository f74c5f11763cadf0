"""inspection-timeline: inspection documents as an event-sourced timeline."""

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
