"""An index's filing kept as bytes, so opening a store skips re-filing its events.

Filing a million events means reading and decoding every one; reading back the filing kept by
an earlier open takes a fraction of that, since the entries come out of flat arrays in C. The
projections keep it themselves, in a file (:class:`FilingCache`), never in the store: the file
names the chain head it was made at, so a store rewritten since is noticed and the filing
rebuilt, and rows appended since are filed on top.

The format is flat and checked as it is read: a bad or foreign body raises
:class:`~events.CodecError` and the caller files the rows instead. Nothing in it is executed
(unlike pickle or marshal, which a file passed between people must not be trusted with).
"""

from __future__ import annotations

import contextlib
import hashlib
import operator
import os
import sys
from array import array
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import orjson

from events import (
    AnyEvent,
    AuthorityReorganised,
    CodecError,
    CorrectionMade,
    DocumentRecorded,
    EventStore,
    Head,
    IntegrityError,
)

if TYPE_CHECKING:
    from projections.index import Entry, Key

__all__ = [
    "Filing",
    "FilingCache",
    "decode_filing",
    "encode_filing",
    "restore_filing",
    "save_filing",
]

# 2: the filing names which events are recommendations (a filing 1 did not: refiled).
_MAGIC = b"inspection-timeline filing 2\n"
_CACHE_MAGIC = b"inspection-timeline kept filing 1\n"
_ID_LENGTH = 32  # events.content_id: 32 hex digits
_INT32 = (-(2**31), 2**31 - 1)
_BUCKETS = frozenset({"judgement", "metric", "theme"})
_DIGEST = 64  # hex characters of a sha256


@attrs.frozen
class FilingCache:
    """A file holding one filing and the chain head it was made at.

    A cache, not a record: a missing, damaged or stale file is ignored and replaced, and one
    that cannot be written (a read-only folder, a full disk) is not kept, silently. It is
    replaced whole (written beside, then renamed), so a reader never sees half of one.
    """

    path: Path

    @classmethod
    def beside(cls, store_path: str | os.PathLike[str]) -> FilingCache:
        """The cache for a store file: ``<store>-filing``, as SQLite keeps ``<store>-wal``."""
        return cls(Path(f"{os.fspath(store_path)}-filing"))

    @classmethod
    def for_location(cls, location: str, folder: Path | None = None) -> FilingCache:
        """The cache for a store that is not a file (a server's URL): a file in ``folder``
        (default: the user's cache folder) named by a hash of the location, so each
        database has its own."""
        if folder is None:
            base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
            folder = Path(base) / "inspection-timeline"
        name = hashlib.sha256(location.encode()).hexdigest()[:32]
        return cls(folder / f"{name}.filing")

    def load(self) -> tuple[Head, bytes] | None:
        """The head and body kept, or ``None`` when there is none or it is damaged."""
        try:
            data = self.path.read_bytes()
        except OSError:
            return None
        if not data.startswith(_CACHE_MAGIC):
            return None
        at = len(_CACHE_MAGIC)
        header_end = data.find(b"\n", at)
        try:
            position, chain, digest = data[at:header_end].decode("ascii").split(" ")
            head = Head(int(position), chain)
        except (UnicodeDecodeError, ValueError):
            return None
        body = data[header_end + 1 :]
        if hashlib.sha256(body).hexdigest() != digest or len(digest) != _DIGEST:
            return None
        return head, body

    def save(self, head: Head, body: bytes | Sequence[bytes | memoryview]) -> bool:
        """Keep ``body`` (or its parts, in order), made from the rows up to ``head``; returns
        whether it was kept."""
        import tempfile  # only a filing being kept needs it: opening a store does not

        parts = [body] if isinstance(body, bytes) else body
        hashed = hashlib.sha256()
        for part in parts:
            hashed.update(part)
        header = f"{head.position} {head.chain} {hashed.hexdigest()}\n".encode("ascii")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".filing-", dir=self.path.parent)
        except OSError:
            return False
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(_CACHE_MAGIC + header)
                for part in parts:
                    out.write(part)
            os.replace(temporary, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            return False
        return True


@attrs.frozen
class Filing:
    """What an index files: each event's row number, each bucket's sorted entries, and the
    events filed on their own (documents and corrections), which are loaded when opening."""

    rows: dict[str, int]
    order: dict[Key, tuple[Entry, ...]]
    special: list[str]
    recommendations: list[str] = attrs.Factory(list)


def restore_filing(store: EventStore, cache: FilingCache) -> tuple[Filing, list[AnyEvent]] | None:
    """The filing ``cache`` kept and its documents and corrections, read from ``store``;
    ``None`` when there is none, or the store's chain no longer passes through the head it
    was made at, or it misplaces one of those events."""
    kept = cache.load()
    if kept is None:
        return None
    head, body = kept
    if store.chain_at(head.position) != head.chain:
        return None  # another store, or rows rewritten since
    try:
        filing = decode_filing(body)
    except CodecError:
        return None  # kept by another version, or damaged: file the rows instead
    if len(filing.rows) != head.position:
        return None
    # A cache must never stop a store from opening: a filing that misplaces one of these (or a
    # damaged row among them) is set aside, and filing the rows reports a damaged row itself.
    try:
        special = store.read_positions([filing.rows[i] for i in filing.special])
    except IntegrityError:
        return None
    if [e.id for e in special] != filing.special or not all(
        isinstance(e, DocumentRecorded | CorrectionMade | AuthorityReorganised) for e in special
    ):
        return None
    return filing, special


def save_filing(
    cache: FilingCache,
    head: Head,
    rows: Mapping[str, int],
    order: Mapping[Key, Sequence[Entry]],
    special: Iterable[str],
    recommendations: Iterable[str] = (),
) -> bool:
    """Keep a filing in ``cache`` if ``rows`` number exactly the store's rows up to ``head``,
    one event each."""
    if not rows or len(rows) != head.position:
        return False
    parts = _encode(rows, order, special, recommendations)
    return parts is not None and cache.save(head, parts)


def encode_filing(
    ids: list[str],
    rows: list[int],
    order: Mapping[Key, Sequence[Entry]],
    special: Iterable[str],
    recommendations: Iterable[str] = (),
) -> bytes | None:
    """The bytes for a filing of events ``ids`` at row numbers ``rows`` (1 to n, one each);
    ``None`` if it holds something the format cannot (an id that is not 32 ASCII characters,
    row numbers that are not 1 to n)."""
    numbered = dict(zip(ids, rows, strict=True))
    if len(numbered) != len(ids):
        return None
    parts = _encode(numbered, order, special, recommendations)
    return None if parts is None else b"".join(parts)


def _encode(
    rows: Mapping[str, int],
    order: Mapping[Key, Sequence[Entry]],
    special: Iterable[str],
    recommendations: Iterable[str],
) -> list[bytes | memoryview] | None:
    """The filing's bytes in parts, its ids written in row order so that an id's place is its
    row number less one. At a million events, a dict from id to place would cost 120 MB at the
    peak of the first open, lists of the columns' numbers as much again, and joining the parts
    into one body another 60 MB: the cache writes them one after another."""
    n = len(rows)
    ids = [""] * n
    try:
        for event_id, row in rows.items():
            if not 1 <= row <= n or ids[row - 1]:
                return None  # not rows 1..n, one event each (another writer got in)
            ids[row - 1] = event_id
    except TypeError:
        return None
    blob = "".join(ids)
    if set(map(len, ids)) - {_ID_LENGTH} or not blob.isascii():
        return None
    del ids
    keys = list(order)
    # An event's entry is the same in every bucket it is filed in: keep it once.
    filed: list[Entry] = [(0, "", 0, 0, 0)] * n
    where = array("q")
    try:
        for key in keys:
            for entry in order[key]:
                at = rows[entry[1]] - 1
                where.append(at)
                filed[at] = entry
        arrays = [
            _compact(where),
            *(_column(filed, field) for field in (0, 2, 3, 4)),
            _compact(array("q", range(1, n + 1))),
        ]
        del filed
        header = orjson.dumps(
            {
                "ids": n,
                "entries": len(where),
                "keys": keys,
                "counts": [len(order[key]) for key in keys],
                "special": [rows[event_id] - 1 for event_id in special],
                "recommendations": [rows[event_id] - 1 for event_id in recommendations],
                "types": "".join(a.typecode for a in arrays),
                "byteorder": sys.byteorder,
            }
        )
    except (KeyError, OverflowError, TypeError):
        return None
    parts: list[bytes | memoryview] = [_MAGIC, len(header).to_bytes(8, "little"), header]
    parts.append(blob.encode("ascii"))
    del blob
    return parts + [memoryview(a).cast("B") for a in arrays]


def _column(filed: list[Entry], field: int) -> array[int]:
    """One field of every entry, as 32-bit numbers where they fit, built without a list."""
    try:
        return array("i", map(operator.itemgetter(field), filed))
    except OverflowError:
        return array("q", map(operator.itemgetter(field), filed))


def _compact(column: array[int]) -> array[int]:
    if not column or (_INT32[0] <= min(column) and max(column) <= _INT32[1]):
        return array("i", column)
    return column


def decode_filing(body: bytes) -> Filing:
    """The filing ``encode_filing`` wrote; :class:`CodecError` if the body is not one."""
    if not body.startswith(_MAGIC):
        raise CodecError("not a saved filing (or one from another version)")
    at = len(_MAGIC) + 8
    header_end = at + int.from_bytes(body[len(_MAGIC) : at], "little")
    try:
        header = orjson.loads(body[at:header_end])
    except orjson.JSONDecodeError as e:
        raise CodecError(f"a saved filing's header is damaged: {e}") from e
    at = header_end
    n, m, keys, counts, special, types = _header(header)
    recommendations = header["recommendations"]
    ids_end = at + n * _ID_LENGTH
    try:
        blob = body[at:ids_end].decode("ascii")
    except UnicodeDecodeError as e:
        raise CodecError("a saved filing's ids are damaged") from e
    ids = [blob[i : i + _ID_LENGTH] for i in range(0, len(blob), _ID_LENGTH)]
    del blob
    view = memoryview(body)
    at = ids_end
    columns: list[array[int]] = []
    for typecode, length in zip(types, (m, n, n, n, n, n), strict=True):
        column = array(typecode)
        end = at + length * column.itemsize
        if end > len(body):
            raise CodecError("a saved filing is cut short")
        column.frombytes(view[at:end])
        if header["byteorder"] != sys.byteorder:
            column.byteswap()
        columns.append(column)
        at = end
    sizes = [len(c) for c in columns]
    if at != len(body) or len(ids) != n or sizes != [m] + [n] * 5:
        raise CodecError("a saved filing's length does not match its header")
    where, known, valid, since, until, rows = columns
    if m and not (min(where) >= 0 and max(where) < n):
        raise CodecError("a saved filing's entries name events it does not hold")
    entries = list(zip(known, ids, valid, since, until, strict=True))
    del known, valid, since, until
    order: dict[Key, tuple[Entry, ...]] = {}
    start = 0
    for key, count in zip(keys, counts, strict=True):
        end = start + count
        order[key] = tuple(map(entries.__getitem__, where[start:end]))
        start = end
    if len(order) != len(keys):
        raise CodecError("a saved filing names a bucket twice")
    return Filing(
        dict(zip(ids, rows, strict=True)),
        order,
        [ids[i] for i in special],
        [ids[i] for i in recommendations],
    )


def _header(header: object) -> tuple[int, int, list[Key], list[int], list[int], str]:
    """The header's fields, checked, since everything after is sized by them."""
    if not isinstance(header, dict):
        raise CodecError("a saved filing's header is not an object")
    n, m = header.get("ids"), header.get("entries")
    keys, counts = header.get("keys"), header.get("counts")
    special, types = header.get("special"), header.get("types")
    if not (type(n) is int and type(m) is int and n >= 0 and m >= 0):
        raise CodecError("a saved filing's sizes are damaged")
    if not (isinstance(keys, list) and isinstance(counts, list) and len(keys) == len(counts)):
        raise CodecError("a saved filing's buckets are damaged")
    if not all(
        isinstance(k, list) and len(k) == 3 and all(type(p) is str for p in k) and k[1] in _BUCKETS
        for k in keys
    ):
        raise CodecError("a saved filing's bucket keys are damaged")
    if not all(type(c) is int and c >= 0 for c in counts) or sum(counts) != m:
        raise CodecError("a saved filing's bucket sizes are damaged")
    if not (isinstance(special, list) and all(type(i) is int and 0 <= i < n for i in special)):
        raise CodecError("a saved filing's documents and corrections are damaged")
    recommendations = header.get("recommendations")
    if not (
        isinstance(recommendations, list)
        and all(type(i) is int and 0 <= i < n for i in recommendations)
    ):
        raise CodecError("a saved filing's recommendations are damaged")
    if not (isinstance(types, str) and len(types) == 6 and set(types) <= {"i", "q"}):
        raise CodecError("a saved filing's column types are damaged")
    if header.get("byteorder") not in ("little", "big"):
        raise CodecError("a saved filing's byte order is damaged")
    return n, m, [(k[0], k[1], k[2]) for k in keys], counts, special, types
