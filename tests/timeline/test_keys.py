"""``Timeline.keys`` and ``timeline keys``: every area, metric and theme key with its label."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from events import Area
from timeline.cli import main
from timeline.facade import Timeline
from timeline.keys import vocabulary
from timeline.reading.metrics import catalogue
from timeline.reading.themes import theme_keys

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_the_vocabulary_holds_every_area_metric_and_theme() -> None:
    """Every key of the three data files is listed once, with its kind and label, uncounted."""
    entries = vocabulary()
    by_kind = {
        kind: [e.key for e in entries if e.kind == kind]
        for kind in ("judgement", "metric", "theme")
    }
    assert sorted(by_kind["judgement"]) == sorted(a.value for a in Area)
    assert sorted(by_kind["metric"]) == sorted(m.key for m in catalogue().metrics)
    assert sorted(by_kind["theme"]) == sorted(theme_keys())
    assert len(entries) == sum(len(keys) for keys in by_kind.values())
    labels = {(e.kind, e.key): e.label for e in entries}
    assert labels["judgement", "adoption"] == "Adoption performance"
    assert labels["theme", "care_leavers_health_histories"]
    assert all(e.events is None and e.in_vocabulary for e in entries)


def test_timeline_keys_count_the_events_filed_under_each() -> None:
    """With a store each key says how many events are about it, and history agrees."""
    with Timeline.open(":memory:") as timeline:
        timeline.ingest(SEEDS)
        entries = timeline.keys()
        counts = {(e.kind, e.key): e.events for e in entries}
        assert counts["judgement", "lscb"] == 0
        for kind, key in (("judgement", "adoption"), ("theme", "care_leavers_health_histories")):
            assert (
                counts[kind, key] == len([h for h in timeline.history(key) if h.kind == kind]) > 0
            )
        assert {(e.kind, e.key) for e in vocabulary()} <= counts.keys()
        extra = [e for e in entries if not e.in_vocabulary]
        assert extra
        assert all(e.events for e in extra)


def test_the_cli_lists_keys_as_a_table_markdown_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``timeline keys`` needs no store; ``--db`` adds counts; ``--json`` is a list of records."""
    assert main(["keys"]) == 0
    table = capsys.readouterr().out
    assert "care_leavers_health_histories" in table
    assert "Adoption performance" in table
    assert main(["keys", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert {
        "kind": "judgement",
        "key": "adoption",
        "label": "Adoption performance",
        "in_vocabulary": True,
    } in records
    assert main(["keys", "--format", "markdown"]) == 0
    assert "| judgement | adoption | Adoption performance |" in capsys.readouterr().out
    db = tmp_path / "t.db"
    assert main(["ingest", str(SEEDS), "--db", str(db), "-q"]) == 0
    capsys.readouterr()
    assert main(["keys", "--db", str(db), "--json"]) == 0
    counted = {(r["kind"], r["key"]): r["events"] for r in json.loads(capsys.readouterr().out)}
    assert counted["judgement", "adoption"] > 0
    assert main(["keys", "--db", str(tmp_path / "none.db")]) == 1
    assert "no timeline store here" in capsys.readouterr().err


def test_an_unknown_history_key_points_at_a_command_that_exists(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``history nonsense_key`` names ``timeline keys``, and that command runs."""
    db = tmp_path / "t.db"
    assert main(["ingest", str(SEEDS), "--db", str(db), "-q"]) == 0
    capsys.readouterr()
    assert main(["history", "nonsense_key", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "timeline keys" in err
    assert main(["keys", "--db", str(db)]) == 0
