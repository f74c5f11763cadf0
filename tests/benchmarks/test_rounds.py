"""Ratios to a peer are taken over rounds measured alternately (the machines drift)."""

from __future__ import annotations

from benchmarks.ratios import append_shares, medians


def test_each_round_shares_its_own_baseline() -> None:
    measured = {
        "append": {"events": 100, "seconds": 1.0},
        "unique": {"events": 100, "seconds": 0.5},
        "append_rounds": [{"events": 100, "seconds": 1.0}, {"events": 100, "seconds": 2.0}],
        "unique_rounds": [{"events": 100, "seconds": 0.5}, {"events": 100, "seconds": 1.5}],
    }
    assert append_shares(measured) == [50.0, 75.0]
    # One round (results from before rounds were kept): the append and its baseline.
    assert append_shares({k: measured[k] for k in ("append", "unique")}) == [50.0]


def test_medians_of_rounds_keep_the_rest_of_the_first() -> None:
    rounds = [
        {"events": 10, "append_seconds": 3.0, "read_seconds": 1.0},
        {"events": 10, "append_seconds": 1.0, "read_seconds": 9.0},
        {"events": 10, "append_seconds": 2.0, "read_seconds": 2.0},
    ]
    merged = medians(rounds, ("append_seconds", "read_seconds"))
    assert merged == {"events": 10, "append_seconds": 2.0, "read_seconds": 2.0}
