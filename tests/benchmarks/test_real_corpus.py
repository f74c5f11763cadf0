"""The text-reading measurement (issue 17.4) reads what ingesting the same folder reads."""

from __future__ import annotations

from pathlib import Path

from benchmarks.ratios import word_pass_ratio
from benchmarks.real_corpus import _word_pass, text_reading
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
    assert measured["word_pass_seconds"] > 0


def test_the_word_pass_looks_up_every_word_of_every_text() -> None:
    """The machine's yardstick for reading speed: each word, hyphenated or with an apostrophe
    whole, is looked up once (words not in the vocabulary count one each)."""
    texts = ["Care leavers' PA-led plans.", "Plans, 2024: the IRO's view"]
    assert _word_pass(texts, {}) == 9  # care leavers pa-led plans / plans 2024 the iro's view
    assert _word_pass(texts, {"plans": 0, "the": 0}) == 6


def test_reading_is_reported_against_the_word_pass() -> None:
    measured = {"bytes": 2 * 1024 * 1024, "seconds": 4.0, "word_pass_seconds": 0.2}
    ratio = word_pass_ratio({**measured, "events": 900, "rounds": 3})
    assert ratio == "20× a bare word pass (10.0 MB/s); 300 events a round"
