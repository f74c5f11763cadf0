"""The ``subject`` of every query: any spelling or case of a held subject, else UnknownKeyError."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from events import UnknownKeyError
from timeline.cli import main
from timeline.facade import Timeline

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

QUERIES: dict[str, Callable[[Timeline, str], Any]] = {
    "state_at": lambda t, s: t.state_at("2022-03-01", subject=s).to_dict(),
    "diff": lambda t, s: t.diff("2018-02-01", "2022-03-01", subject=s).to_dict(),
    "history": lambda t, s: [e.to_dict() for e in t.history("adoption", s)],
    "conflicts": lambda t, s: [c.to_dict() for c in t.conflicts(s)],
    "events": lambda t, s: [e.id for e in t.events(subject=s)],
}


@pytest.fixture(scope="module")
def seeded() -> Iterator[Timeline]:
    """The seeds (all about Buckinghamshire) in a memory timeline."""
    with Timeline.open(":memory:") as timeline:
        timeline.ingest(SEEDS)
        yield timeline


@pytest.mark.parametrize("query", QUERIES, ids=list(QUERIES))
@pytest.mark.parametrize(
    "spelling", ["buckinghamshire", "BUCKINGHAMSHIRE COUNCIL", "Buckinghamshire County Council"]
)
def test_any_spelling_in_any_case_is_the_subject(
    seeded: Timeline, query: str, spelling: str
) -> None:
    """A register spelling of a held subject, in any case, answers as its register name does."""
    answer = QUERIES[query](seeded, spelling)
    assert answer == QUERIES[query](seeded, "Buckinghamshire")
    assert answer


@pytest.mark.parametrize("query", QUERIES, ids=list(QUERIES))
def test_an_unknown_subject_is_an_error_with_a_suggestion(seeded: Timeline, query: str) -> None:
    """A subject no event is about raises UnknownKeyError naming it, never an empty answer."""
    with pytest.raises(UnknownKeyError) as raised:
        QUERIES[query](seeded, "Narnia")
    error = raised.value
    assert error.value == "Narnia"
    assert error.message == "no events about subject 'Narnia'"
    assert str(error.hint).startswith("did you mean: ")
    assert "\n" not in str(error)


def test_the_suggestion_prefers_the_timelines_subjects(seeded: Timeline) -> None:
    """A near miss of a held subject suggests it; a register authority with no events is an error
    too, suggesting the register's closest other names when no held subject is close."""
    with pytest.raises(UnknownKeyError, match="did you mean: Buckinghamshire"):
        seeded.state_at("2022", subject="Buckinghamshir")
    with pytest.raises(UnknownKeyError, match="no events about subject 'Barnsley'") as raised:
        seeded.state_at("2022", subject="Barnsley")
    assert str(raised.value.hint).startswith("did you mean: ")
    assert "Barnsley" not in str(raised.value.hint)


def test_a_subject_the_register_does_not_hold_matches_in_any_case() -> None:
    """A subject only hand-written events hold (not in the register) matches case-insensitively."""
    with Timeline.open(":memory:") as timeline:
        timeline.ingest(SEEDS)
        events = [e for e in timeline.events() if e.kind == "judgement_issued"][:1]
        timeline.append([attrs.evolve(events[0], subject="Testshire")])
        assert timeline.events(subject="TESTSHIRE") == timeline.events(subject="Testshire")
        assert len(timeline.events(subject="testshire")) == 1
        assert timeline.state_at("2022", subject="testshire").subjects.keys() == {"Testshire"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store with the seeds ingested through the command line."""
    path = tmp_path_factory.mktemp("subjects") / "timeline.db"
    assert main(["ingest", str(SEEDS), "--db", str(path), "--quiet"]) == 0
    return str(path)


COMMANDS = {
    "state": ["state", "--at", "2022"],
    "diff": ["diff", "2018", "2022"],
    "history": ["history", "adoption"],
    "events": ["events"],
    "conflicts": ["conflicts"],
}


@pytest.mark.parametrize("command", COMMANDS, ids=list(COMMANDS))
def test_the_cli_refuses_an_unknown_subject_in_one_line(
    db: str, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--subject Narnia`` exits 1 with one line and a suggestion; wrong case still answers."""
    capsys.readouterr()
    assert main([*COMMANDS[command], "--subject", "Narnia", "--db", db]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "no events about subject 'Narnia'" in captured.err
    assert "did you mean: " in captured.err
    assert main([*COMMANDS[command], "--subject", "buckinghamshire", "--json", "--db", db]) == 0
    lower = capsys.readouterr().out
    assert main([*COMMANDS[command], "--subject", "Buckinghamshire", "--json", "--db", db]) == 0
    assert lower == capsys.readouterr().out


def test_events_finds_a_subject_only_a_document_record_names() -> None:
    """``events(subject=...)`` answers for a subject with a document record and nothing else."""
    with Timeline.open(":memory:") as timeline:
        timeline.ingest(SEEDS)
        record = next(e for e in timeline.events() if e.kind == "document_recorded")
        timeline.append([attrs.evolve(record, subject="Docshire")])
        assert [e.subject for e in timeline.events(subject="docshire")] == ["Docshire"]
        with pytest.raises(UnknownKeyError):
            timeline.state_at("2022", subject="Docshire")
