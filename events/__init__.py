"""Events: what happened, when it was true and known, where it was read; and their stores."""

from __future__ import annotations

from typing import TYPE_CHECKING

from events.lazy import LazyNames

if TYPE_CHECKING:
    from events.codec import (
        SCHEMA_VERSION,
        decode,
        dump_jsonl,
        encode,
        from_json,
        load_jsonl,
        to_json,
    )
    from events.dates import DateLike, PartialDate, Period, Precision
    from events.errors import (
        CodecError,
        DateError,
        DocumentError,
        EventError,
        IntegrityError,
        SchemaVersionError,
        StoreError,
        TimelineError,
        UnknownAuthorityError,
        UnknownKeyError,
    )
    from events.event import (
        AnyEvent,
        AuthorityReorganised,
        Comparator,
        CorrectionAction,
        CorrectionMade,
        DocumentRecorded,
        Event,
        FindingRecorded,
        JudgementIssued,
        MetricObserved,
        RecommendationMade,
        Source,
        about,
        span,
    )
    from events.postgres import PostgresStore
    from events.sqlite import SQLiteStore
    from events.store import (
        GENESIS,
        EventStore,
        Head,
        MemoryStore,
        export_jsonl,
        import_jsonl,
    )
    from events.stores import open_store
    from events.vocabulary import (
        Area,
        Authority,
        DateSource,
        Direction,
        DocumentKind,
        Framework,
        Grade,
        Hand,
        Polarity,
        Reorganisation,
    )

__all__ = [
    "GENESIS",
    "SCHEMA_VERSION",
    "AnyEvent",
    "Area",
    "Authority",
    "AuthorityReorganised",
    "CodecError",
    "Comparator",
    "CorrectionAction",
    "CorrectionMade",
    "DateError",
    "DateLike",
    "DateSource",
    "Direction",
    "DocumentError",
    "DocumentKind",
    "DocumentRecorded",
    "Event",
    "EventError",
    "EventStore",
    "FindingRecorded",
    "Framework",
    "Grade",
    "Hand",
    "Head",
    "IntegrityError",
    "JudgementIssued",
    "MemoryStore",
    "MetricObserved",
    "PartialDate",
    "Period",
    "Polarity",
    "PostgresStore",
    "Precision",
    "RecommendationMade",
    "Reorganisation",
    "SQLiteStore",
    "SchemaVersionError",
    "Source",
    "StoreError",
    "TimelineError",
    "UnknownAuthorityError",
    "UnknownKeyError",
    "about",
    "decode",
    "dump_jsonl",
    "encode",
    "export_jsonl",
    "from_json",
    "import_jsonl",
    "load_jsonl",
    "open_store",
    "span",
    "to_json",
]

# Each public name is imported when first asked for (PEP 562): a query on a SQLite store never
# loads the PostgreSQL store, and a reader that only makes events never loads a store.
_HOMES = {
    "events.codec": (
        "SCHEMA_VERSION",
        "decode",
        "dump_jsonl",
        "encode",
        "from_json",
        "load_jsonl",
        "to_json",
    ),
    "events.dates": ("DateLike", "PartialDate", "Period", "Precision"),
    "events.errors": (
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
    ),
    "events.event": (
        "AnyEvent",
        "AuthorityReorganised",
        "Comparator",
        "CorrectionAction",
        "CorrectionMade",
        "DocumentRecorded",
        "Event",
        "FindingRecorded",
        "JudgementIssued",
        "MetricObserved",
        "RecommendationMade",
        "Source",
        "about",
        "span",
    ),
    "events.postgres": ("PostgresStore",),
    "events.sqlite": ("SQLiteStore",),
    "events.store": (
        "GENESIS",
        "EventStore",
        "Head",
        "MemoryStore",
        "export_jsonl",
        "import_jsonl",
    ),
    "events.stores": ("open_store",),
    "events.vocabulary": (
        "Area",
        "Authority",
        "DateSource",
        "Direction",
        "DocumentKind",
        "Framework",
        "Grade",
        "Hand",
        "Polarity",
        "Reorganisation",
    ),
}
_NAMES = LazyNames(__name__, _HOMES, globals(), __all__)
__getattr__ = _NAMES.get
__dir__ = _NAMES.listing
