"""inspection-timeline: inspection documents as an event-sourced timeline."""

from timeline.facade import Timeline

__all__ = ["Timeline"]
