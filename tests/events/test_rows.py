"""The filing columns of a layout-2 row: how an event's keys are written to one column."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from events.rows import join_about

ODD_KEYS = st.sampled_from(["[", "\x1f", "a\x1fb", "[x", ""])


@given(st.lists(st.text(max_size=8) | ODD_KEYS, max_size=4))
def test_keys_that_could_be_misread_are_a_json_list(keys: list[str]) -> None:
    """Keys are joined by the separator unless that could be misread; then they are JSON."""
    joined = "\x1f".join(keys)
    plain = not keys or (
        joined.count("\x1f") == len(keys) - 1 and joined and not joined.startswith("[")
    )
    assert join_about(tuple(keys)) == (joined if plain else json.dumps(keys))
