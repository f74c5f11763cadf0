"""Records worked out in a reading process and handed to the writer (``timeline ingest -j N``):
stored exactly as encoding them here would store them, and forgotten with their events."""

from __future__ import annotations

import gc
import pickle
from collections.abc import Sequence
from pathlib import Path

import pytest
from test_store_contract import EVENTS, EXTRA

from events import AnyEvent, SQLiteStore, StoreError
from events import store as store_module
from events.canonical import canonical_json, content_id
from events.store import prepare_records, take_records


def _sent(events: Sequence[AnyEvent]) -> list[AnyEvent]:
    """The events as another process sends them: copies, with no id worked out."""
    copies: list[AnyEvent] = pickle.loads(pickle.dumps(list(events)))
    return copies


def test_prepared_records_are_stored_as_encoding_here_stores_them(tmp_path: Path) -> None:
    """The same rows, ids and chain whether the writer encodes or a reader did."""
    batch = [*EVENTS, *EXTRA]
    with SQLiteStore(tmp_path / "here.db") as here:
        here.append(_sent(batch))
        expected = [(e.id, canonical_json(e)) for e in here.read()]
        head = here.head()
    sent = _sent(batch)
    take_records(sent, prepare_records(sent))
    assert all(store_module._PREPARED.get(id(e)) for e in sent)
    with SQLiteStore(tmp_path / "there.db") as there:
        assert [e.id for e in there.append(sent)] == [i for i, _ in expected]
        assert [(e.id, canonical_json(e)) for e in there.read()] == expected
        assert there.head() == head
        assert there.verify() == []
    assert not any(id(e) in store_module._PREPARED for e in sent), "used records are dropped"


def test_prepared_records_agree_with_their_events() -> None:
    """Each prepared id is its record's hash, and each record its event's canonical JSON."""
    for (event_id, record), event in zip(prepare_records(EVENTS), EVENTS, strict=True):
        assert record == canonical_json(event)
        assert event_id == content_id(record) == event.id


def test_records_of_events_never_appended_go_with_their_events() -> None:
    """A duplicate document's events are never appended: their records must not pile up."""
    sent = _sent([*EVENTS, *EXTRA])
    take_records(sent, prepare_records(sent))
    keys = [id(e) for e in sent]
    del sent
    gc.collect()
    assert not any(k in store_module._PREPARED for k in keys)


def test_a_record_for_another_event_is_refused() -> None:
    """An event whose id is known already takes no other id, and counts must match."""
    sent = _sent(EVENTS[:2])
    assert sent[0].id
    with pytest.raises(StoreError, match="does not match its content"):
        take_records(sent, prepare_records(EVENTS[1:2]) * 2)
    with pytest.raises(StoreError, match="were prepared for"):
        take_records(sent, prepare_records(EVENTS[:1]))
