"""The text-reading measurement (issue 17.4) reads what ingesting the same folder reads."""

from __future__ import annotations

from pathlib import Path

from benchmarks.real_corpus import text_reading
from timeline import Timeline

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_text_reading_reads_every_seed_with_its_manifest_entry() -> None:
    measured = text_reading(str(SEEDS), rounds=2)
    with Timeline.open(":memory:") as timeline:
        stored = sum(len(item.reading.events) for item in timeline.ingest([SEEDS], jobs=1))
    texts = [p for p in SEEDS.iterdir() if p.suffix == ".txt"]
    assert measured["docs"] == len(texts)
    assert measured["rounds"] == 2
    assert measured["events"] == 2 * stored
    assert measured["bytes"] == 2 * sum(len(p.read_text("utf-8").encode()) for p in texts)
    assert measured["seconds"] > 0
