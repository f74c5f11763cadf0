"""Events back from their canonical JSON (:mod:`events.canonical`), as stores of layout 2 keep them.

In the canonical form fields at their default are absent, dates are ``{"year", "month", "day"}``
objects and ``"@kind"`` names the class. A builder per class, generated once from its type
hints (straight-line code: see ``_plan``), turns the parsed JSON into the event. A query that
reads a few hundred events from a cold store spends much of its time here, which is why this is
generated code rather than a general converter such as cattrs, and why the JSON is parsed by
orjson (three times as fast as ``json`` on these records).
"""

from __future__ import annotations

import contextlib
import enum
import functools
import json
import sys
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs
import orjson

from events.canonical import content_id
from events.codec import REGISTRY
from events.dates import PartialDate, Period
from events.errors import CodecError, TimelineError
from events.event import AnyEvent, Source

__all__ = ["decode_canonical"]

Convert = Callable[[Any], Any]


def decode_canonical(text: str | bytes, *, event_id: str | None = None) -> AnyEvent:
    """The event whose canonical JSON is ``text``; ``event_id``, if given, must be its id.

    ``text`` may be the UTF-8 bytes a store holds, which saves decoding them to text first.
    """
    try:
        body = orjson.loads(text)
    except orjson.JSONDecodeError:
        # orjson refuses what json accepts in text from a store: lone surrogates escaped,
        # whole numbers beyond 64 bits. The standard parser decides.
        try:
            body = json.loads(text)
        except json.JSONDecodeError as e:
            raise CodecError(f"not valid JSON: {e.msg}", value=text[:80]) from e
        except UnicodeDecodeError as e:
            raise CodecError(f"not UTF-8 text: {e.reason}", value=text[:80]) from e
    kind = body.pop("@kind", None) if isinstance(body, dict) else None
    cls: type | None = REGISTRY.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise CodecError(f"unknown event kind {kind!r}", value=kind)
    if not _planned:
        # Generating a builder takes a millisecond (type hints, then compiling it): make every
        # kind's at the first decode, when a store opens and reads its document records, rather
        # than in the first queries that meet each kind.
        kinds: list[type] = [*REGISTRY.values()]
        for each in kinds:
            # A kind that cannot be decoded fails on its own records, not on every kind's.
            with contextlib.suppress(TypeError):
                _planned.append(_plan(each))
    event: AnyEvent = _plan(cls)(body)
    if event_id is not None:
        if content_id(text) != event_id:
            raise CodecError(
                f"record id {event_id} does not match its content ({content_id(text)})",
                value=event_id,
                hint="the record was altered after it was written",
            )
        # Seeds the cached id; attrs' way to set an attribute on a frozen instance.
        object.__setattr__(event, "id", event_id)
    return event


_planned: list[Convert] = []


@functools.cache
def _plan(cls: type) -> Convert:
    """The function building ``cls`` from a canonical JSON object, generated once per class.

    Generated straight-line code, as :mod:`events.canonical` does for encoding: a loop over a
    field plan, a converter call per value and a dict for ``cls(**values)`` cost twice as much.
    The checks and their messages are those of the converters below, in field order: text,
    whole numbers and enum members (most of a record) are checked inline, and a value of
    another type goes to its converter, which raises the error. Fields found are counted; the
    key sets are compared only when a record fails or has more keys than fields found, so a
    field the class lacks is still the error reported first.
    """
    hints = typing.get_type_hints(cls)
    fields = [a for a in attrs.fields(cls) if a.init]
    env: dict[str, Any] = {
        "cls": cls,
        "what": cls.__name__,
        "names": frozenset(a.name for a in fields),
        "CodecError": CodecError,
        "TimelineError": TimelineError,
        "_intern": sys.intern,
        "_refuse_other_fields": _refuse_other_fields,
    }
    # A field the class does not have is the error reported first. Comparing the key sets up
    # front costs more than counting the fields found, so that is done instead, and the sets
    # are compared only on the way out of a failure.
    required = sum(a.default is attrs.NOTHING for a in fields)
    lines = [
        "def build(body):",
        "    if type(body) is not dict:",
        '        raise CodecError(f"a {what} must be an object, not {body!r}"[:200], value=body)',
        f"    found = {required}  # each required field is there, or building stops",
        "    try:",
    ]
    arguments = []
    for number, a in enumerate(fields):
        interned = (cls, a.name) in _INTERNED
        lines.append(f"        if {a.name!r} in body:")
        if a.default is not attrs.NOTHING:
            lines.append("            found += 1")
        lines.append(f"            x = body[{a.name!r}]")
        lines.append(f"            v{number} = {_value_expression(hints[a.name], env, interned)}")
        lines.append("        else:")
        if a.default is attrs.NOTHING:
            lines.append(
                f'            raise CodecError(f"a {{what}} needs {a.name!r}", value={a.name!r})'
            )
        elif isinstance(a.default, _FACTORY):  # none yet: passing one default to all is wrong
            raise TypeError(f"no canonical decoding for the factory default of {a.name!r}")
        else:
            env[f"_default{number}"] = a.default
            lines.append(f"            v{number} = _default{number}")
        arguments.append(f"{a.name}=v{number}")
    lines += [
        "    except Exception:",
        "        _refuse_other_fields(body, names, what)",
        "        raise",
        "    if len(body) != found:",
        "        _refuse_other_fields(body, names, what)",
        "    try:",
        f"        return cls({', '.join(arguments)})",
        "    except (TimelineError, TypeError, ValueError) as e:",
        '        raise CodecError(f"cannot read a {what}: {e}", value=body) from e',
    ]
    exec("\n".join(lines), env)  # the source is built above from attrs field names only
    build: Convert = env["build"]
    return build


_FACTORY: type = type(attrs.Factory(list))


def _refuse_other_fields(body: dict[str, Any], names: frozenset[str], what: str) -> None:
    """Raise the error for the first field of ``body`` not among ``names``, if it has one."""
    if not body.keys() <= names:
        extra = sorted(body.keys() - names)
        raise CodecError(f"a {what} has no field {extra[0]!r}", value=extra) from None


# Every event of a document names it: keep one copy of its id and file name.
_INTERNED = {(Source, "document_id"), (Source, "file_name")}


def _converter(hint: Any) -> Convert:
    """A function checking and converting one JSON value to the declared type."""
    if hint is str:
        return _string
    if hint is int:
        return _whole
    if hint is float:
        return _number
    if hint is PartialDate:
        return _date
    if hint is Period:
        return _period
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return _member_of(hint)
    if isinstance(hint, type) and attrs.has(hint):
        return _plan(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _texts if args[0] is str else _tuple_of(_converter(args[0]))
    if origin in (typing.Union, types.UnionType) and type(None) in args and len(args) == 2:
        return _optional(_converter(next(a for a in args if a is not type(None))))
    raise TypeError(f"no canonical decoding for {hint!r}")  # a new field type: add it above


def _value_expression(hint: Any, env: dict[str, Any], interned: bool = False) -> str:
    """Python source converting ``x``, of the declared type ``hint``, for :func:`_plan`."""
    convert = f"_convert{len(env)}"
    env[convert] = _converter(hint)
    if hint is str:
        text = "_intern(x)" if interned else "x"
        return f"({text} if x.__class__ is str else {convert}(x))"
    if hint is int:
        return f"(x if x.__class__ is int else {convert}(x))"
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        members = f"_members{len(env)}"
        env[members] = {m.value: m for m in hint}
        # Members are never None: one lookup finds the member or tells the value is not one.
        return (
            f"(m if x.__class__ is str and (m := {members}.get(x)) is not None else {convert}(x))"
        )
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType) and type(None) in args and len(args) == 2:
        inner = _value_expression(next(a for a in args if a is not type(None)), env)
        return f"(None if x is None else {inner})"
    return f"{convert}(x)"


def _string(value: Any) -> str:
    if type(value) is not str:
        raise CodecError(f"expected text, not {value!r}"[:200], value=value)
    return value


def _whole(value: Any) -> int:
    if type(value) is not int:
        raise CodecError(f"expected a whole number, not {value!r}"[:200], value=value)
    return value


def _number(value: Any) -> float:
    if type(value) not in (int, float):
        raise CodecError(f"expected a number, not {value!r}"[:200], value=value)
    return float(value)


def _member_of(cls: type[enum.Enum]) -> Convert:
    members = {m.value: m for m in cls}

    def member(value: Any) -> enum.Enum:
        try:
            return members[value]
        except (KeyError, TypeError):
            raise CodecError(f"{value!r} is not a {cls.__name__}"[:200], value=value) from None

    return member


def _tuple_of(convert: Convert) -> Convert:
    def items(value: Any) -> tuple[Any, ...]:
        if type(value) is not list:
            raise CodecError(f"expected a list, not {value!r}"[:200], value=value)
        return tuple(map(convert, value))

    return items


_text_items: Callable[[Any], tuple[str, ...]] = _tuple_of(_string)


def _texts(value: Any) -> tuple[str, ...]:
    """A list of text (themes, mostly): ``_tuple_of(_string)`` without a call per item."""
    if type(value) is list:
        items = tuple(value)
        for item in items:
            if item.__class__ is not str:
                break
        else:
            return items
    return _text_items(value)  # raises the error for the first item that is not text


def _optional(convert: Convert) -> Convert:
    def optional(value: Any) -> Any:
        return None if value is None else convert(value)

    return optional


_DATE_PARTS = frozenset({"year", "month", "day"})
_PERIOD_PARTS = frozenset({"start", "end"})

# A million stored events name a few thousand distinct dates and periods: share one of each,
# found by the parts of its dates. Parts are checked to be whole numbers (or absent) first, so
# a cached 2015 never answers for 2015.0 or True, which equal it and hash alike.
_DateParts = tuple[int, int | None, int | None]
_dates: dict[_DateParts, PartialDate] = {}
_periods: dict[tuple[_DateParts, _DateParts | tuple[()]], Period] = {}


def _parts(value: Any) -> _DateParts | None:
    """A date's parts if it is written as canonical JSON writes one: whole numbers, no other key.

    ``None`` for anything else, which then takes the checks that say what is wrong with it.
    """
    if value.__class__ is dict:
        year: Any = value.get("year")
        month: Any = value.get("month")
        day: Any = value.get("day")
        if (
            year.__class__ is int
            and (month is None or month.__class__ is int)
            and (day is None or day.__class__ is int)
            and len(value) == 1 + (month is not None) + (day is not None)
        ):
            return year, month, day
    return None


def _date(value: Any) -> PartialDate:
    parts = _parts(value)
    date = None if parts is None else _dates.get(parts)
    return _new_date(value) if date is None else date


def _new_date(value: Any) -> PartialDate:
    """The date ``value`` holds, checked in full, then shared; the errors say what is wrong."""
    if type(value) is not dict or not value.keys() <= _DATE_PARTS:
        raise CodecError(f"a date must be {{year, month, day}}, not {value!r}"[:200], value=value)
    parts: tuple[Any, Any, Any] = (value.get("year"), value.get("month"), value.get("day"))
    try:
        hash(parts)  # an unhashable part is reported as such, before its type
        if not all(p is None or type(p) is int for p in parts):
            raise CodecError(f"a date's parts must be whole numbers, not {parts}")
        date = _dates.get(parts)
        if date is None:
            date = PartialDate(*parts)
            if len(_dates) >= 65536:
                _dates.clear()
            _dates[parts] = date
    except TypeError as e:  # an unhashable part, or no year
        raise CodecError(f"cannot read date {value!r}"[:200], value=value) from e
    except TimelineError as e:
        raise CodecError(f"cannot read date {value!r}: {e}"[:200], value=value) from e
    return date


def _period(value: Any) -> Period:
    if value.__class__ is dict:
        start, end = value.get("start"), value.get("end")
        # A start, perhaps an end and no other key, as canonical JSON writes a period: one
        # lookup finds it if seen before (rather than one per date, then one for the pair).
        if len(value) == 1 + (end is not None):
            start_parts, end_parts = _parts(start), () if end is None else _parts(end)
            if start_parts is not None and end_parts is not None:
                period = _periods.get((start_parts, end_parts))
                if period is not None:
                    return period
    return _new_period(value)


def _new_period(value: Any) -> Period:
    """The period ``value`` holds, checked in full, then shared; the errors say what is wrong."""
    if type(value) is not dict or not value.keys() <= _PERIOD_PARTS or "start" not in value:
        raise CodecError(f"a period must be {{start, end}}, not {value!r}"[:200], value=value)
    end = value.get("end")
    try:
        first, last = _date(value["start"]), None if end is None else _date(end)
        key = (_parts_of(first), () if last is None else _parts_of(last))
        period = _periods.get(key)
        if period is None:
            period = Period(first, last)
            if len(_periods) >= 65536:
                _periods.clear()
            _periods[key] = period
    except TimelineError as e:
        raise CodecError(f"cannot read period {value!r}: {e}"[:200], value=value) from e
    return period


def _parts_of(date: PartialDate) -> _DateParts:
    return date.year, date.month, date.day
