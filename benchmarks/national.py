"""The national views on the big store: ``england``, ``movements`` and ``compare`` timed."""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from typing import Any

from timeline import Timeline

__all__ = ["national"]

_FIRST, _LAST = dt.date(2012, 1, 1), dt.date(2024, 12, 31)


def _dates(rng: random.Random, n: int) -> list[str]:
    span = (_LAST - _FIRST).days
    return [(_FIRST + dt.timedelta(days=rng.randrange(span))).isoformat() for _ in range(n)]


def _median_ms(work: list[Any]) -> tuple[float, float]:
    """Median and slowest milliseconds of calling each thunk once."""
    times = []
    for thunk in work:
        start = time.perf_counter()
        thunk()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def national(path: str, seed: int, queries: int) -> dict[str, Any]:
    """Open the store as a user would, then time each national view on random dates."""
    rng = random.Random(seed)
    with Timeline.open(path) as timeline:
        # Synthetic stores number subjects past the register's ("Devon 2"): compare the real.
        subjects = [s for s in timeline.index.subjects if timeline.register.lookup(s)]
        england = [lambda d=d: timeline.england(d) for d in _dates(rng, queries)]
        moved = [lambda d=d: timeline.movements(d) for d in _dates(rng, queries)]
        compared = [
            lambda d=d, s=s: timeline.compare(s, d)
            for d, s in zip(_dates(rng, queries), rng.choices(subjects, k=queries), strict=True)
        ]
        england_ms, england_max = _median_ms(england)
        movements_ms, movements_max = _median_ms(moved)
        compare_ms, compare_max = _median_ms(compared)
        counted = timeline.england("2024-03-31").distribution("overall_effectiveness").judged
        events = len(timeline)
    return {
        "events": events,
        "queries": queries,
        "england_ms": england_ms,
        "england_max_ms": england_max,
        "movements_ms": movements_ms,
        "movements_max_ms": movements_max,
        "compare_ms": compare_ms,
        "compare_max_ms": compare_max,
        "judged": counted,
    }
