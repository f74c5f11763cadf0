"""Ratios the table reports: over rounds measured alternately, and against a bare word pass.

Kept apart from ``benchmarks.__main__`` so that the tests read them without the benchmark's
own dependencies (eventsourcing, psycopg).
"""

from __future__ import annotations

import statistics
from typing import Any

__all__ = ["append_shares", "medians", "word_pass_ratio"]


def append_shares(r: dict[str, Any]) -> list[float]:
    """Append's share of SQLite alone (same rows, a unique id) in each round, in percent."""
    appends, uniques = r.get("append_rounds", [r["append"]]), r.get("unique_rounds", [r["unique"]])
    return [
        100 * (a["events"] / a["seconds"]) / (u["events"] / u["seconds"])
        for a, u in zip(appends, uniques, strict=True)
    ]


def medians(rounds: list[dict[str, Any]], keys: tuple[str, ...]) -> dict[str, Any]:
    """The first round's result with each of ``keys`` the median over ``rounds``."""
    return {**rounds[0], **{k: statistics.median(r[k] for r in rounds) for k in keys}}


def word_pass_ratio(t: dict[str, Any]) -> str:
    """How reading compares with a bare pass over the same words in the same run (a figure
    that travels between machines, as MB/s does not), and the events a round."""
    events = f"{t['events'] // t['rounds']:,} events a round"
    if not t.get("word_pass_seconds"):  # a result from before the word pass was timed
        return events
    mb_s = t["bytes"] / (1024 * 1024) / t["word_pass_seconds"]
    slower = t["seconds"] / t["word_pass_seconds"]
    return f"{slower:.0f}× a bare word pass ({mb_s:.1f} MB/s); {events}"
