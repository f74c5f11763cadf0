"""inspection-timeline: inspection documents as an event-sourced timeline."""

from timeline.facade import Ingested, Timeline
from timeline.reading.document import DocumentInfo, Metadata
from timeline.reading.reader import Reading, read_file, read_text

__all__ = ["DocumentInfo", "Ingested", "Metadata", "Reading", "Timeline", "read_file", "read_text"]
