"""The one exception hierarchy of inspection-timeline.

Every error the library raises on purpose derives from :class:`TimelineError`, and each also
inherits the built-in exception it resembles, so ``except ValueError`` keeps working::

    TimelineError
    ├── DateError(TimelineError, ValueError)          a date that cannot be read
    ├── EventError(TimelineError, ValueError)         an event that breaks an invariant
    ├── CodecError(TimelineError, ValueError)         a record that cannot be (de)serialised
    │   └── SchemaVersionError                        a record from a newer schema version
    ├── StoreError(TimelineError, RuntimeError)       the store cannot do what was asked
    │   └── IntegrityError                            the store's contents are inconsistent
    ├── DocumentError(TimelineError, ValueError)      a document that cannot be read
    │   └── UnknownAuthorityError                     a name not in the authority register
    └── UnknownKeyError(TimelineError, KeyError)      a key no event mentions

Errors carry the offending input (``.value``, ``.path``, ``.line``) and a hint on how to fix it,
and their ``str()`` is one line, fit for a command line.
"""

from __future__ import annotations

__all__ = [
    "CodecError",
    "DateError",
    "DocumentError",
    "EventError",
    "IntegrityError",
    "SchemaVersionError",
    "StoreError",
    "TimelineError",
    "UnknownAuthorityError",
    "UnknownKeyError",
]


class TimelineError(Exception):
    """Root of every error inspection-timeline raises on purpose."""

    def __init__(
        self,
        message: str,
        *,
        value: object = None,
        path: str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.value = value
        self.path = path
        self.line = line
        self.hint = hint
        super().__init__(message)

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        text = f"{where}{self.message}"
        if self.hint:
            text = f"{text} ({self.hint})"
        return " ".join(text.split())


class DateError(TimelineError, ValueError):
    """A date that cannot be read, such as ``"2018-13"`` or ``"next spring"``."""


class EventError(TimelineError, ValueError):
    """An event whose fields break an invariant, such as a quote that is not its span."""


class CodecError(TimelineError, ValueError):
    """A stored or imported record that cannot be turned back into an event."""


class SchemaVersionError(CodecError):
    """A record written by a newer schema version than this code understands."""


class StoreError(TimelineError, RuntimeError):
    """The store cannot do what was asked (missing file, refused write, locked database)."""


class IntegrityError(StoreError):
    """The store's contents are not what was written (an altered or unreadable row)."""


class DocumentError(TimelineError, ValueError):
    """A document that cannot be read into events."""


class UnknownAuthorityError(DocumentError):
    """A local authority's name that is not in the register, such as ``"Narnia County Council"``."""


class UnknownKeyError(TimelineError, KeyError):
    """A judgement area, metric or theme that no event mentions."""

    def __str__(self) -> str:
        # KeyError quotes its argument; keep the one-line message instead.
        return TimelineError.__str__(self)
