"""Reorganisations as sourced events: the package's record, ingesting, states and histories.

Documents here are written for the test (a Cumbria report and a Cumberland one); the same
mechanism holds for every reorganisation the package records, which the data tests check row by
row against the register.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import event_streams, query_dates, reorganisations

from events import (
    AnyEvent,
    AuthorityReorganised,
    DocumentError,
    Grade,
    MemoryStore,
    Reorganisation,
)
from projections import EMPTY, EventIndex, Lineage
from timeline import Register, Timeline
from timeline.cli import cli
from timeline.reorganisations import SOURCE_NAME, lineage_of, packaged, read_reorganisations


def _report(council: str, place: str, published: str, grade: str, dates: str) -> str:
    return f"""{council}

Inspection of children's social care services

Inspection dates: {dates}

Report published: {published}

Judgement\tGrade

Overall effectiveness
{grade}

The impact of leaders on social work practice with children and families
{grade}

Children in {place} who need help and protection do not always receive a timely response.
"""


@pytest.fixture
def documents(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "cumbria_2022.txt").write_text(
        _report(
            "Cumbria County Council", "Cumbria", "14 March 2022", "Good", "7 to 18 February 2022"
        ),
        encoding="utf-8",
    )
    (folder / "cumberland_2024.txt").write_text(
        _report(
            "Cumberland Council",
            "Cumberland",
            "5 July 2024",
            "Requires improvement to be good",
            "3 to 14 June 2024",
        ),
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def timeline(documents: Path) -> Timeline:
    tl = Timeline.open(":memory:")
    tl.ingest(documents)
    return tl


# -- the package's record --------------------------------------------------------------------


def test_every_reorganisation_names_register_authorities_with_matching_dates() -> None:
    """Successors begin, and replaced predecessors end, on the days the register says."""
    register = Register.default()
    for event in packaged():
        successor = register.resolve(event.subject)
        day = event.valid.start.start
        assert successor.name == event.subject
        if event.change is Reorganisation.REPLACED:
            assert successor.in_force(day)
            assert not successor.in_force(day - dt.timedelta(days=1))
            for name in event.predecessors:
                before = register.resolve(name, day - dt.timedelta(days=1))
                assert before.name == name
                assert before.in_force(day - dt.timedelta(days=1))
                assert not before.in_force(day)
        else:  # one subject before and after: in force throughout
            assert successor.in_force(day - dt.timedelta(days=1))
            assert successor.in_force(day)
            assert event.former_name in successor.names


def test_every_ended_authority_in_the_register_has_its_reorganisation() -> None:
    """No authority of the register ends without a sourced event saying what replaced it, and
    the register's lineage columns agree with the events."""
    register = Register.default()
    lineage = Lineage(packaged())
    ended = {a.name for a in register if a.in_force_to is not None}
    assert ended == {name for e in packaged() for name in e.predecessors}
    for authority in register:
        if authority.in_force_to is not None:
            assert str(lineage.ended(authority.name)) == authority.in_force_to.isoformat()
            successors = {register.by_code(c).name for c in authority.successors}
            assert successors == {e.subject for e in packaged() if authority.name in e.predecessors}
        if authority.predecessors:
            named = {register.by_code(c).name for c in authority.predecessors}
            assert named == set(lineage.predecessors(authority.name))


def test_each_statement_names_its_authorities_and_law() -> None:
    """The quoted sentence says what the event says: date, successor, predecessors, law."""
    for event in packaged():
        quote = event.source.quote
        assert event.source.file_name == SOURCE_NAME
        assert quote.startswith(f"On {event.valid.start.start.day} April {event.valid.start.year}")
        assert event.subject in quote
        assert all(name.split()[0] in quote for name in event.predecessors)
        assert event.legislation.split(" (SI")[0].removeprefix("The ") in quote
        assert event.known <= event.valid.start


def test_a_bad_reorganisations_file_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "reorganisations.csv"
    bad.write_text("date,change\n2020-01-01,replaced\n", encoding="utf-8")
    with pytest.raises(DocumentError, match="header") as e:
        read_reorganisations(bad)
    assert str(bad) in str(e.value)
    header = Path(__file__).parents[2] / "timeline" / "data" / SOURCE_NAME
    row = header.read_text(encoding="utf-8").splitlines()
    columns = next(line for line in row if line.startswith("date,"))
    bad.write_text(f"{columns}\n2020-04-01,replaced,Kent,,,Law,,,Kent took over.\n", "utf-8")
    with pytest.raises(DocumentError, match="names the authorities it replaced"):
        read_reorganisations(bad)


def test_lineage_of_takes_the_whole_family_and_nothing_else() -> None:
    """A document about Cumbria brings both of its successors; Dorset's change stays out."""
    cumbria = {e.subject for e in lineage_of({"Cumbria"}, packaged())}
    assert cumbria == {"Cumberland", "Westmorland and Furness"}
    poole = {e.subject for e in lineage_of({"Poole"}, packaged())}
    assert poole == {"Bournemouth, Christchurch and Poole", "Dorset"}
    assert lineage_of({"Kent"}, packaged()) == []


# -- ingesting ---------------------------------------------------------------------------------


def test_ingest_appends_the_reorganisations_once(timeline: Timeline, documents: Path) -> None:
    changes = timeline.events(kind="authority_reorganised")
    assert {(e.subject, e.predecessors) for e in changes} == {
        ("Cumberland", ("Cumbria",)),
        ("Westmorland and Furness", ("Cumbria",)),
    }
    assert all(isinstance(e, AuthorityReorganised) and e in packaged() for e in changes)
    before = len(timeline)
    again = timeline.ingest(documents)
    assert [d.new for d in again] == [0, 0]
    assert len(timeline) == before


def test_a_document_about_no_reorganised_authority_brings_none(tmp_path: Path) -> None:
    (tmp_path / "kent.txt").write_text(
        _report("Kent County Council", "Kent", "1 May 2022", "Good", "4 to 15 April 2022"),
        encoding="utf-8",
    )
    with Timeline.open(":memory:") as tl:
        tl.ingest(tmp_path)
        assert tl.events(kind="authority_reorganised") == []


# -- states and histories ----------------------------------------------------------------------


def test_a_successor_before_it_began_shows_its_predecessor_labelled(timeline: Timeline) -> None:
    state = timeline.state_at("2022-06-01", subject="Cumberland")
    assert state.succession is not None
    assert state.succession.predecessors == ("Cumbria",)
    assert str(state.succession.began) == "2023-04-01"
    assert "Cumberland did not exist on 2022-06-01" in state.succession.message()
    assert list(state.subjects) == ["Cumbria"]
    assert state.grade("Cumbria", "overall_effectiveness") is Grade.GOOD
    data = state.to_dict()
    assert data["succession"]["predecessors"] == ["Cumbria"]
    assert data["succession"]["sources"][0]["document"] == SOURCE_NAME
    assert "Cumbria (Structural Changes) Order 2022" in data["succession"]["legislation"][0]


def test_a_successor_after_it_began_has_its_own_state(timeline: Timeline) -> None:
    state = timeline.state_at("2024-08-01", subject="Cumberland")
    assert state.succession is None
    assert state.grade("Cumberland", "overall_effectiveness") is Grade.REQUIRES_IMPROVEMENT
    between = timeline.state_at("2023-06-01", subject="Cumberland")
    assert between.succession is None
    assert between.subjects.get("Cumberland", EMPTY).judgements == {}


def test_a_successor_no_document_is_about_is_still_a_subject(timeline: Timeline) -> None:
    """Westmorland and Furness has no report here, but a reorganisation names it."""
    state = timeline.state_at("2022-06-01", subject="westmorland and furness")
    assert state.succession is not None
    assert state.grade("Cumbria", "overall_effectiveness") is Grade.GOOD


def test_history_of_a_successor_includes_its_predecessor_labelled(timeline: Timeline) -> None:
    entries = timeline.history("overall_effectiveness", subject="Cumberland")
    assert [(h.kind, h.subject, h.predecessor_of) for h in entries] == [
        ("judgement", "Cumbria", "Cumberland"),
        ("reorganisation", "Cumberland", None),
        ("judgement", "Cumberland", None),
    ]
    assert entries[0].to_dict()["predecessor_of"] == "Cumberland"
    # The predecessor's own history is its own: the successors are not its past.
    own = timeline.history("overall_effectiveness", subject="Cumbria")
    assert [h.subject for h in own] == ["Cumbria"]


def test_history_of_a_successor_with_no_events_of_its_own(timeline: Timeline) -> None:
    entries = timeline.history("leadership", subject="Westmorland and Furness")
    assert [(h.kind, h.subject) for h in entries] == [
        ("judgement", "Cumbria"),
        ("reorganisation", "Westmorland and Furness"),
    ]


def test_ended_authorities_drop_out_of_national_counts(timeline: Timeline) -> None:
    """Members on each reorganisation's eve and day agree with the sourced events."""
    for event in packaged():
        day = event.valid.start.start
        eve = {m.name for m in timeline.members(day - dt.timedelta(days=1))}
        on = {m.name for m in timeline.members(day)}
        assert event.subject in on
        for name in event.predecessors:
            assert name in eve
            assert name not in on
        if event.change is Reorganisation.REPLACED:
            assert event.subject not in eve


def test_cli_state_says_a_successor_did_not_exist(documents: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(documents), "--db", db, "-q"]).exit_code == 0
    shown = runner.invoke(
        cli, ["state", "--at", "2022-06-01", "--subject", "Cumberland", "--db", db]
    )
    assert shown.exit_code == 0, shown.output
    assert "did not exist on 2022-06-01" in shown.output
    assert "Cumbria (predecessor of Cumberland)" in shown.output
    data = json.loads(
        runner.invoke(
            cli, ["state", "--at", "2022-06-01", "--subject", "Cumberland", "--db", db, "--json"]
        ).output
    )
    assert data["succession"]["subject"] == "Cumberland"
    history = runner.invoke(
        cli, ["history", "overall_effectiveness", "--subject", "Cumberland", "--db", db]
    )
    assert "predecessor of Cumberland" in " ".join(history.output.split())


# -- properties --------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(stream=event_streams(max_size=10), extra=st.lists(reorganisations(), max_size=3),
       at=query_dates())  # fmt: skip
def test_before_it_began_a_successor_shows_exactly_its_predecessors(
    stream: list[AnyEvent], extra: list[AuthorityReorganised], at: object
) -> None:
    """Whatever the stream: each subject standing for a successor on a date it had not begun
    shows the state the projection gives that subject itself, and reorganisations change no
    other state."""
    store = MemoryStore()
    with Timeline(store, register=Register([])) as tl:
        tl.append([*stream, *extra])
        plain = EventIndex([e for e in [*stream, *extra] if e.kind != "authority_reorganised"])
        lineage = tl.lineage
        for subject in lineage.subjects:
            state = tl.state_at(at, subject=subject)
            succession = lineage.succession(subject, state.at)
            assert state.succession == succession
            names = [subject] if succession is None else list(succession.predecessors)
            for name in names:
                alone = plain.state_at(at, subject=name).subjects.get(name, EMPTY)
                assert state.subjects.get(name, EMPTY) == alone
            if succession is not None:
                assert set(state.subjects) == set(succession.predecessors)
                assert subject not in succession.predecessors
                assert all(succession.began.ordinal > state.at.ordinal for _ in [0])
