"""An event's canonical JSON: the text its id is the hash of, built quickly.

The canonical form is fixed by schema 1: ``json.dumps`` of the event's content with sorted keys,
compact separators and ASCII escapes, attrs fields left at their default left out and
``"@kind"`` added for events. Ids stored anywhere depend on it byte for byte, so this module
does not define the form, it only reaches it faster: one encoder per class, generated from the
class's fields, instead of building a dict tree and handing it to ``json.dumps``
(:func:`canonical_reference` is that slow, obvious version, kept as the definition the tests
compare against).
"""

from __future__ import annotations

import enum
import hashlib
import json
import json.encoder
import typing
from collections.abc import Callable
from typing import Any

import attrs

from events.dates import PartialDate, Period

__all__ = ["canonical_json", "canonical_reference", "content_id"]

# The C function json.dumps itself uses for strings when ensure_ascii is on (the default).
_string: Callable[[str], str] = json.encoder.encode_basestring_ascii

_NO_DEFAULT = object()
_FACTORY: type = type(attrs.Factory(list))
_KIND = "@kind"
_KEPT_PERIODS = 100_000  # periods' texts kept at most (a million events name far fewer)

Encoder = Callable[[Any], str]


def _content_fields(cls: type) -> tuple[tuple[str, object], ...]:
    """Each attrs field an id derives from, with its plain default (or ``_NO_DEFAULT``)."""
    return tuple(
        (
            a.name,
            _NO_DEFAULT
            if a.default is attrs.NOTHING or isinstance(a.default, _FACTORY)
            else a.default,
        )
        for a in attrs.fields(cls)
        if a.name != "id"
    )


def _reference_tree(value: object) -> object:
    if isinstance(value, (str, int, float, bool, type(None))):
        return value
    if attrs.has(type(value)):
        out: dict[str, object] = {}
        for name, default in _content_fields(type(value)):
            field_value = getattr(value, name)
            if default is not _NO_DEFAULT and field_value == default:
                continue
            out[name] = _reference_tree(field_value)
        kind = getattr(value, "kind", None)
        if isinstance(kind, str):
            out[_KIND] = kind
        return out
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (tuple, list)):
        return [_reference_tree(v) for v in value]
    return value


def canonical_reference(value: object) -> str:
    """The canonical JSON by its definition: slow, and what :func:`canonical_json` must equal."""
    return json.dumps(_reference_tree(value), sort_keys=True, separators=(",", ":"), default=str)


def content_id(canonical: str | bytes) -> str:
    """An event's id from its canonical JSON (text, or its UTF-8 bytes as a store holds them):
    the first 32 hex digits of its sha256."""
    data = canonical.encode("utf-8") if isinstance(canonical, str) else canonical
    return hashlib.sha256(data).hexdigest()[:32]


def _float(value: float) -> str:
    # json.dumps writes finite floats with repr; events refuse the others, but stay exact.
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


_ENCODERS: dict[type, Encoder] = {
    str: _string,
    bool: lambda v: "true" if v else "false",
    int: int.__repr__,
    float: _float,
    type(None): lambda _: "null",
}


def canonical_json(value: object) -> str:
    """The canonical JSON of an event (or any value inside one); equal to the reference."""
    return _encoder(type(value))(value)


def _encoder_for(cls: type) -> Encoder:
    if attrs.has(cls):
        return _object_encoder(cls)
    if issubclass(cls, enum.Enum):
        # Members are few: each one's text is worked out once. Keyed by name, since hashing a
        # member runs Enum.__hash__, a Python function, on every lookup.
        texts: dict[str, str] = {}

        def member(value: enum.Enum) -> str:
            text = texts.get(value._name_)
            if text is None:
                text = texts[value._name_] = canonical_json(value.value)
            return text

        return member
    if issubclass(cls, (tuple, list)):
        return lambda value: "[" + ",".join(map(canonical_json, value)) + "]"
    # Anything else (str or int subclasses, unusual values) takes the defining path.
    return canonical_reference


def _value_expression(hint: object, env: dict[str, object]) -> str:
    """Python source encoding ``x`` of the declared type ``hint``, exact for any actual type.

    Declared types get a direct encoding guarded by an exact type check; anything else (unions,
    subclasses, a wrong type slipped in) goes through :func:`canonical_json`.
    """
    if hint is str:
        return "_string(x)"
    if hint is int:
        return "(int.__repr__(x) if x.__class__ is int else _any(x))"
    arguments = typing.get_args(hint)
    if len(arguments) == 2 and type(None) in arguments:  # Optional[T]: None, or as T is
        (inner,) = (a for a in arguments if a is not type(None))
        direct = _value_expression(inner, env)
        return direct if direct == "_any(x)" else f'("null" if x is None else {direct})'
    if isinstance(hint, type) and (attrs.has(hint) or issubclass(hint, enum.Enum)):
        name = f"_type_{hint.__name__}"
        env[name] = hint
        if issubclass(hint, enum.Enum):
            # By name: hashing a member runs Enum.__hash__, a Python function.
            env[f"_text_{hint.__name__}"] = {m._name_: canonical_json(m.value) for m in hint}
            return f"(_text_{hint.__name__}[x._name_] if x.__class__ is {name} else _any(x))"
        env[f"_encode_{hint.__name__}"] = _encoder(hint)
        return f"(_encode_{hint.__name__}(x) if x.__class__ is {name} else _any(x))"
    if typing.get_origin(hint) is tuple and typing.get_args(hint) == (str, ...):
        return '("[" + ",".join(map(_string, x)) + "]" if x.__class__ is tuple else _any(x))'
    return "_any(x)"


def _encoder(cls: type) -> Encoder:
    encoder = _ENCODERS.get(cls)
    if encoder is None:
        encoder = _ENCODERS[cls] = _encoder_for(cls)
    return encoder


def _object_encoder(cls: type) -> Encoder:
    """An encoder for one attrs class, generated once: keys sorted, defaults and types inlined.

    Generated code, because this runs for every event appended and a loop over a field plan
    with a dispatch per value costs two to three times as much as straight-line code.
    """
    hints = typing.get_type_hints(cls)
    plan: list[tuple[str, object]] = list(_content_fields(cls))
    kind = getattr(cls, "kind", None)
    if isinstance(kind, str):
        plan.append((_KIND, kind))
    plan.sort(key=lambda step: step[0])
    env: dict[str, object] = {"_string": _string, "_any": canonical_json}
    lines = ["def encode(value):", "    parts = []"]
    for number, (name, default) in enumerate(plan):
        key = _string(name) + ":"
        if name == _KIND:
            lines.append(f"    parts.append({key + _string(str(default))!r})")
            continue
        expression = _value_expression(hints.get(name), env)
        lines.append(f"    x = value.{name}")
        if default is _NO_DEFAULT:
            lines.append(f"    parts.append({key!r} + {expression})")
        else:
            env[f"_default{number}"] = default
            lines.append(f"    if not x == _default{number}:")
            lines.append(f"        parts.append({key!r} + {expression})")
    lines.append('    return "{" + ",".join(parts) + "}"')
    exec("\n".join(lines), env)  # the source is built above from attrs field names only
    encode: Encoder = env["encode"]  # type: ignore[assignment]

    if cls is PartialDate:
        # A store of a million events names a few thousand dates, each many times.
        dates: dict[tuple[int, int | None, int | None], str] = {}

        def date(value: PartialDate) -> str:
            key = (value.year, value.month, value.day)
            text = dates.get(key)
            if text is None:
                text = dates[key] = encode(value)
            return text

        return date
    if cls is Period:
        # A document's events share a few periods, and a store's documents a few thousand.
        periods: dict[tuple[int | None, ...], str] = {}

        def period(value: Period) -> str:
            start, end = value.start, value.end
            if start.__class__ is not PartialDate or not (
                end is None or end.__class__ is PartialDate
            ):
                return encode(value)  # not a plain period: encoded in full, not kept
            key = (
                (start.year, start.month, start.day)
                if end is None
                else (start.year, start.month, start.day, end.year, end.month, end.day)
            )
            text = periods.get(key)
            if text is None:
                if len(periods) >= _KEPT_PERIODS:
                    periods.clear()
                text = periods[key] = encode(value)
            return text

        return period
    return encode
