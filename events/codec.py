"""Events to plain dicts, JSON and JSON Lines and back: one registry, one schema version.

A record is ``{"schema": N, "kind": ..., "id": ..., "event": {...}}``. Records from older schema
versions pass through the ``UPCASTERS`` chain before structuring; records from newer versions
are refused. The id in a record must match the id recomputed from its content, so an altered
record cannot pass for the original.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any

from events.dates import PartialDate, Period
from events.errors import CodecError, SchemaVersionError, TimelineError
from events.event import (
    AnyEvent,
    AuthorityReorganised,
    CorrectionMade,
    DocumentRecorded,
    FindingRecorded,
    JudgementIssued,
    MetricObserved,
    RecommendationMade,
    Source,
)

__all__ = [
    "REGISTRY",
    "SCHEMA_VERSION",
    "UPCASTERS",
    "decode",
    "dump_jsonl",
    "encode",
    "from_json",
    "load_jsonl",
    "to_json",
]

SCHEMA_VERSION = 1

REGISTRY: dict[str, type[AnyEvent]] = {
    cls.kind: cls
    for cls in (
        DocumentRecorded,
        JudgementIssued,
        FindingRecorded,
        MetricObserved,
        RecommendationMade,
        CorrectionMade,
        AuthorityReorganised,
    )
}

if TYPE_CHECKING:
    import cattrs

Record = dict[str, Any]
# The fields a record has; any other is refused, not dropped.
_RECORD_FIELDS = ("schema", "kind", "id", "event")

# UPCASTERS[n] turns a version-n record into a version-(n+1) record.
UPCASTERS: dict[int, Callable[[Record], Record]] = {}


# cattrs' own hooks call str(), int() and float(): 5 would become "5", "5" and true 5 and 1.
# Values must be of the declared JSON type, as the store's decoder (events.decoding) requires.
def _string(value: Any, _: type) -> str:
    if type(value) is not str:
        raise CodecError(f"expected text, not {value!r}"[:200], value=value)
    return value


def _whole(value: Any, _: type) -> int:
    if type(value) is not int:
        raise CodecError(f"expected a whole number, not {value!r}"[:200], value=value)
    return value


def _number(value: Any, _: type) -> float:
    if type(value) not in (int, float):
        raise CodecError(f"expected a number, not {value!r}"[:200], value=value)
    return float(value)


# A million stored events name a few thousand distinct dates and documents: decoding shares
# one object per date, period and document name instead of building one per event.
@functools.lru_cache(maxsize=65536)
def _date(text: str) -> PartialDate:
    return PartialDate.parse(text)


@functools.lru_cache(maxsize=65536)
def _period(start: str, end: str | None) -> Period:
    return Period(_date(start), None if end is None else _date(end))


def _structure_date(value: Any, _: type) -> PartialDate:
    if type(value) is not str:
        raise CodecError(f"expected a date as text (YYYY-MM-DD), not {value!r}"[:200], value=value)
    return _date(value)


def _structure_period(value: Any, _: type) -> Period:
    if not isinstance(value, dict) or set(value) - {"start", "end"}:
        raise CodecError(f"a period must be {{start, end}}, not {value!r}", value=value)
    start, end = value.get("start"), value.get("end")
    if not isinstance(start, str) or not (end is None or isinstance(end, str)):
        raise CodecError(f"a period's dates must be strings, not {value!r}", value=value)
    return _period(start, end)


@functools.cache
def _converter() -> cattrs.Converter:
    """The converter, made at the first encode or decode: a query that reads the store through
    ``events.decoding`` never needs it, and importing cattrs costs 20 ms of every start-up."""
    import cattrs
    import cattrs.gen

    converter = cattrs.Converter(forbid_extra_keys=True)
    converter.register_unstructure_hook(PartialDate, PartialDate.isoformat)
    converter.register_structure_hook(str, _string)
    converter.register_structure_hook(int, _whole)
    converter.register_structure_hook(float, _number)
    source_fields = cattrs.gen.make_dict_structure_fn(
        Source, converter, _cattrs_forbid_extra_keys=True
    )

    def structure_source(value: Any, _: type) -> Source:
        if not isinstance(value, dict):
            raise CodecError(f"a source must be an object, not {value!r}"[:200], value=value)
        value = dict(value)
        for name in ("document_id", "file_name"):
            if isinstance(value.get(name), str):
                value[name] = sys.intern(value[name])
        return source_fields(value, Source)

    converter.register_structure_hook(PartialDate, _structure_date)
    converter.register_structure_hook(Period, _structure_period)
    converter.register_structure_hook(Source, structure_source)
    return converter


def encode(event: AnyEvent) -> Record:
    """The record for ``event``: plain dicts, lists, strings and numbers only."""
    body = _converter().unstructure(event)
    body.pop("id", None)
    return {"schema": SCHEMA_VERSION, "kind": event.kind, "id": event.id, "event": body}


def _upcast(record: Record) -> Record:
    version = record.get("schema")
    # type(), not isinstance(): JSON's true is a bool, which Python counts as the int 1.
    if type(version) is not int or version < 1:
        raise CodecError(
            f"record has no valid schema version: {version!r}",
            value=version,
            hint="schema is a whole number from 1",
        )
    if version > SCHEMA_VERSION:
        raise SchemaVersionError(
            f"record is schema version {version}, newer than this code's {SCHEMA_VERSION}",
            value=version,
            hint="upgrade inspection-timeline to read it",
        )
    while version < SCHEMA_VERSION:
        record = UPCASTERS[version](record)
        version += 1
        record["schema"] = version
    return record


def decode(record: Record, *, trust_id: bool = False) -> AnyEvent:
    """The event a record holds, upcast from older schema versions.

    The record's id is checked against the content unless ``trust_id``: a store reading rows
    it wrote and hash-chained (and whose ``verify`` checks every id) hands the id over instead
    of recomputing it.
    """
    if not isinstance(record, dict):
        raise CodecError(f"a record must be an object, not {type(record).__name__}", value=record)
    record = _upcast(dict(record))
    extra = sorted(set(record) - set(_RECORD_FIELDS))
    if extra:
        raise CodecError(
            f"record has no field {extra[0]!r}",
            value=extra,
            hint=f"a record has only {', '.join(_RECORD_FIELDS)}",
        )
    kind = record.get("kind")
    cls = REGISTRY.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise CodecError(f"unknown event kind {kind!r}", value=kind)
    converter = _converter()
    from cattrs import BaseValidationError

    try:
        event: AnyEvent = converter.structure(record["event"], cls)
    except (BaseValidationError, AttributeError, KeyError, TypeError, ValueError) as e:
        raise CodecError(f"cannot read {kind} record: {_one_line(e)}", value=record) from e
    if trust_id and isinstance(record.get("id"), str):
        # Seeds the cached id; attrs' way to set an attribute on a frozen instance.
        object.__setattr__(event, "id", record["id"])
    elif "id" in record and record["id"] != event.id:
        raise CodecError(
            f"record id {record['id']} does not match its content ({event.id})",
            value=record["id"],
            hint="the record was altered after it was written",
        )
    return event


def _one_line(error: BaseException) -> str:
    """Each failure under ``error`` as ``field.path: reason``, joined on one line."""
    from cattrs import BaseValidationError

    if isinstance(error, BaseValidationError):
        return "; ".join(_failures(error, "")) or str(error)
    return " ".join(str(error).split())


def _failures(error: cattrs.BaseValidationError, path: str) -> Iterator[str]:
    """The leaves of cattrs' tree of errors, each with the field path its notes give."""
    from cattrs import BaseValidationError
    from cattrs.errors import (
        AttributeValidationNote,
        ForbiddenExtraKeysError,
        IterableValidationNote,
    )

    for each in error.exceptions:
        where = path
        for note in getattr(each, "__notes__", ()):
            if isinstance(note, AttributeValidationNote):
                where = f"{path}.{note.name}" if path else note.name
            elif isinstance(note, IterableValidationNote):
                where = f"{path}[{note.index}]"
        if isinstance(each, BaseValidationError):
            yield from _failures(each, where)
        elif isinstance(each, ForbiddenExtraKeysError):
            for name in sorted(each.extra_fields):
                yield f"{where}.{name}: no such field" if where else f"{name}: no such field"
        elif isinstance(each, KeyError):
            yield f"{where}: missing"
        elif isinstance(each, TimelineError):
            yield f"{where}: {each.message}"
        else:
            yield f"{where}: {' '.join(str(each).split())}"


def to_json(event: AnyEvent) -> str:
    """One compact JSON line for ``event``, keys sorted so equal events give equal text."""
    return json.dumps(encode(event), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def from_json(text: str, *, path: str | None = None, line: int | None = None) -> AnyEvent:
    """The event in one JSON record."""
    try:
        return decode(json.loads(text))
    except json.JSONDecodeError as e:
        raise CodecError(f"not valid JSON: {e.msg}", value=text[:80], path=path, line=line) from e
    except CodecError as e:
        e.path, e.line = path, line
        raise


def dump_jsonl(events: Iterable[AnyEvent], fp: IO[str]) -> int:
    """Write one JSON record per line; returns how many were written."""
    count = 0
    for event in events:
        fp.write(to_json(event))
        fp.write("\n")
        count += 1
    return count


def load_jsonl(fp: IO[str], *, path: str | None = None) -> list[AnyEvent]:
    """Read every record or none: any bad line (a truncated last one too) raises ``CodecError``."""
    return list(_iter_jsonl(fp, path))


def _iter_jsonl(fp: IO[str], path: str | None) -> Iterator[AnyEvent]:
    for number, text in enumerate(fp, start=1):
        if text.strip():
            yield from_json(text, path=path, line=number)
