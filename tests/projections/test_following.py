"""A timeline following a store that another timeline appends to (issue 16.5)."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import batches, observe, streams_with_dates

from projections import EventIndex
from timeline import Timeline


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), case=streams_with_dates())
def test_following_the_store_equals_rebuilding_it(
    tmp_path: Path, data: st.DataObject, case: tuple
) -> None:
    """Batches appended through one timeline, with another following between them: the
    follower's projection answers everything as a projection built from the store at the end."""
    stream, dates = case
    path = tmp_path / f"follow-{os.getpid()}-{data.draw(st.integers(0, 10**9))}.db"
    with Timeline.open(path) as writer, Timeline.open(path) as follower:
        for batch in data.draw(batches(stream)):
            writer.append(batch)
            if data.draw(st.booleans()):
                assert len(follower) == len(writer.store)
        rebuilt = EventIndex.from_store(writer.store, naming=follower.index.subject_name)
        assert follower.index.same_filing(rebuilt)
        assert observe(follower.index, dates) == observe(rebuilt, dates)
