"""The start-up benchmark tells an editable install from a user's install."""

from __future__ import annotations

import json

import pytest

from benchmarks import startup


class _Distribution:
    def __init__(self, direct_url: str | None) -> None:
        self._direct_url = direct_url

    def read_text(self, name: str) -> str | None:
        return self._direct_url if name == "direct_url.json" else None


@pytest.mark.parametrize(
    ("direct_url", "expected"),
    [
        (json.dumps({"url": "file:///src", "dir_info": {"editable": True}}), True),
        (json.dumps({"url": "file:///src", "dir_info": {}}), False),  # pip install .
        (None, False),  # installed from an index: no direct_url.json
    ],
)
def test_editable_reads_the_install_record(
    monkeypatch: pytest.MonkeyPatch, direct_url: str | None, expected: bool
) -> None:
    import importlib.metadata

    # A checkout's own build metadata, with no install record, comes first on the path.
    found = [_Distribution(None), _Distribution(direct_url)]
    monkeypatch.setattr(importlib.metadata, "distributions", lambda name: iter(found))
    assert startup.editable() is expected


def test_editable_is_false_for_a_distribution_not_installed() -> None:
    assert startup.editable("no-such-distribution-here") is False
