"""The ``Timeline`` facade: opening stores, reading dates and the documented JSON shapes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pendulum
import pytest

from events import (
    AnyEvent,
    Area,
    DateError,
    Direction,
    DocumentError,
    FindingRecorded,
    Grade,
    JudgementIssued,
    MetricObserved,
    PartialDate,
    Period,
    Polarity,
    Source,
    TimelineError,
)
from timeline import Timeline

SUBJECT = "Buckinghamshire"
TEXT = (
    "Children's services in Buckinghamshire are inadequate\n"
    "At 33%, the re-referral rate remains high\n"
    "Overall effectiveness: requires improvement to be good\n"
    "Management oversight is not always effective.\n"
)


def _source(quote: str, name: str) -> Source:
    start = TEXT.index(quote)
    return Source.from_text(
        TEXT, start, start + len(quote), document_id=name * 64, file_name=f"{name}.txt"
    )


EVENTS: list[AnyEvent] = [
    JudgementIssued(
        subject=SUBJECT,
        valid=Period.of("2017-11-06", "2017-11-30"),
        known=PartialDate(2018, 1, 29),
        published=PartialDate(2018, 1, 29),
        source=_source("Children's services in Buckinghamshire are inadequate", "a"),
        area=Area.OVERALL_EFFECTIVENESS,
        wording="Children's services in Buckinghamshire are",
        grade=Grade.INADEQUATE,
    ),
    MetricObserved(
        subject=SUBJECT,
        valid=Period.of("2017-10-31"),
        known=PartialDate(2018, 1, 29),
        source=_source("At 33%, the re-referral rate", "a"),
        metric="re_referral_rate",
        wording="re-referral rate",
        value=33,
        unit="percent",
        direction=Direction.LOWER_IS_BETTER,
    ),
    FindingRecorded(
        subject=SUBJECT,
        valid=Period.of("2018-01"),
        known=PartialDate(2018, 1, 29),
        source=_source("Management oversight is not always effective.", "a"),
        text="Management oversight is not always effective.",
        themes=("management_oversight",),
        polarity=Polarity.NEGATIVE,
    ),
    JudgementIssued(
        subject=SUBJECT,
        valid=Period.of("2021-11-29", "2021-12-17"),
        known=PartialDate(2022, 2, 11),
        published=PartialDate(2022, 2, 11),
        source=_source("Overall effectiveness: requires improvement to be good", "b"),
        area=Area.OVERALL_EFFECTIVENESS,
        wording="Overall effectiveness",
        grade=Grade.REQUIRES_IMPROVEMENT,
    ),
]


def test_memory_timeline_answers_from_what_was_appended() -> None:
    """``Timeline.open(":memory:")`` starts empty and projects each append at once."""
    with Timeline.open(":memory:") as timeline:
        assert len(timeline) == 0
        assert timeline.state_at("2022-03-01").subjects == {}
        assert timeline.append(EVENTS[:3]) == EVENTS[:3]
        assert timeline.state_at("2022-03-01").grade(SUBJECT, "overall_effectiveness") is (
            Grade.INADEQUATE
        )
        assert timeline.append(EVENTS) == EVENTS[3:]
        assert timeline.state_at("2022-03-01").grade(SUBJECT, Area.OVERALL_EFFECTIVENESS) is (
            Grade.REQUIRES_IMPROVEMENT
        )
        assert len(timeline) == len(EVENTS)


def test_sqlite_timeline_survives_reopening(tmp_path: Path) -> None:
    """A timeline in a SQLite file answers the same after it is closed and opened again."""
    path = tmp_path / "timeline.db"
    with Timeline.open(path) as timeline:
        timeline.append(EVENTS)
        before = timeline.state_at("2022-03-01").to_dict()
    with Timeline.open(str(path)) as reopened:
        assert len(reopened) == len(EVENTS)
        assert reopened.events() == EVENTS
        assert reopened.state_at("2022-03-01").to_dict() == before
        assert reopened.append(EVENTS) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2018, 1, 29), PartialDate(2018, 1, 29)),
        (pendulum.date(2018, 1, 29), PartialDate(2018, 1, 29)),
        (pendulum.datetime(2018, 1, 29, 12), PartialDate(2018, 1, 29)),
        ("2018-01-29", PartialDate(2018, 1, 29)),
        ("2018-01", PartialDate(2018, 1)),
        ("2018", PartialDate(2018)),
    ],
)
def test_dates_of_every_form_are_accepted(value: object, expected: PartialDate) -> None:
    """Queries take ``datetime.date``, pendulum dates and ISO strings of any precision."""
    with Timeline.open() as timeline:
        timeline.append(EVENTS)
        assert Timeline.date(value) == expected  # type: ignore[arg-type]
        state = timeline.state_at(value)  # type: ignore[arg-type]
        assert state.at == expected
        assert state.to_dict()["at"] == expected.isoformat()
        assert timeline.diff(value, "2022-03-01").to_dict()["from"] == expected.isoformat()  # type: ignore[arg-type]


def test_the_day_a_report_is_published_counts_whatever_the_date_form() -> None:
    """The three forms of 29 January 2018 give the 2017 grade; the 28th still has none."""
    with Timeline.open() as timeline:
        timeline.append(EVENTS)
        for day in (dt.date(2018, 1, 29), pendulum.date(2018, 1, 29), "2018-01-29"):
            assert timeline.state_at(day).grade(SUBJECT, "overall_effectiveness") is (
                Grade.INADEQUATE
            )
        assert timeline.state_at("2018-01-28").grade(SUBJECT, "overall_effectiveness") is None


@pytest.mark.parametrize("bad", ["29/01/2018", "2018-02-30", "soon"])
def test_unreadable_dates_raise_date_error(bad: str) -> None:
    """A date the timeline cannot read raises DateError (a ValueError) with a hint."""
    with Timeline.open() as timeline, pytest.raises(DateError):
        timeline.state_at(bad)


def test_state_to_dict_has_the_documented_shape() -> None:
    """``state.to_dict()`` is JSON-able and carries grade, value/unit/as_at and polarity."""
    with Timeline.open() as timeline:
        timeline.append(EVENTS)
        data = timeline.state_at("2018-02-01", known_at="2022-03-01").to_dict()
    assert json.loads(json.dumps(data)) == data
    assert (data["at"], data["known_at"]) == ("2018-02-01", "2022-03-01")
    subject = data["subjects"][SUBJECT]
    assert set(subject) == {"judgements", "metrics", "themes"}
    judgement = subject["judgements"]["overall_effectiveness"]
    assert judgement["grade"] == "inadequate"
    assert judgement["published"] == "2018-01-29"
    assert judgement["inspected"] == {"from": "2017-11-06", "to": "2017-11-30"}
    assert judgement["sources"][0]["quote"] == EVENTS[0].source.quote
    metric = subject["metrics"]["re_referral_rate"]
    assert (metric["value"], metric["unit"], metric["as_at"]) == (33.0, "percent", "2017-10-31")
    theme = subject["themes"]["management_oversight"]
    assert theme["polarity"] == "negative"
    assert theme["sources"][0]["document"] == "a.txt"


def test_diff_to_dict_has_the_documented_shape() -> None:
    """``diff.to_dict()`` is JSON-able with from, to and one change per key with evidence."""
    with Timeline.open() as timeline:
        timeline.append(EVENTS)
        data = timeline.diff("2018-02-01", "2022-03-01").to_dict()
    assert json.loads(json.dumps(data)) == data
    assert (data["from"], data["to"]) == ("2018-02-01", "2022-03-01")
    for change in data["changes"]:
        assert set(change) >= {
            "subject",
            "kind",
            "key",
            "verdict",
            "before",
            "after",
            "evidence",
        }
        assert change["kind"] in {"judgement", "metric", "theme"}
        for evidence in change["evidence"]:
            assert {"document", "quote"} <= set(evidence)
    by_key = {(c["kind"], c["key"]): c for c in data["changes"]}
    overall = by_key[("judgement", "overall_effectiveness")]
    assert overall["verdict"] == "improved"
    assert overall["before"]["grade"] == "inadequate"
    assert overall["after"]["grade"] == "requires_improvement"
    assert overall["evidence"] == [
        {
            "event": EVENTS[3].id,
            "document": "b.txt",
            "document_id": "b" * 64,
            "span": [EVENTS[3].source.start, EVENTS[3].source.end],
            "quote": "Overall effectiveness: requires improvement to be good",
        }
    ]
    assert by_key[("metric", "re_referral_rate")]["verdict"] == "unchanged"
    assert by_key[("theme", "management_oversight")]["verdict"] == "unchanged"


def test_history_and_conflicts_go_through_the_facade() -> None:
    """``history`` lists a key's events oldest first; ``conflicts`` is empty when all agree."""
    with Timeline.open() as timeline:
        timeline.append(EVENTS)
        entries = timeline.history("overall_effectiveness", subject=SUBJECT)
        assert [e.event for e in entries] == [EVENTS[0], EVENTS[3]]
        assert json.loads(json.dumps([e.to_dict() for e in entries]))
        assert timeline.conflicts() == []


SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _ingested_files(timeline: Timeline) -> set[str]:
    return {e.source.file_name for e in timeline.events(kind="document_recorded")}


def test_ingest_takes_one_absolute_path_string() -> None:
    """An absolute folder path as a str is one folder, not a walk from "/" letter by letter."""
    with Timeline.open(":memory:") as one, Timeline.open(":memory:") as many:
        one.ingest(str(SEEDS))
        many.ingest([SEEDS])
        assert len(one) == len(many) > 0
        assert _ingested_files(one) == {p.name for p in SEEDS.glob("*.txt")}


def test_ingest_takes_one_relative_path_string(monkeypatch: pytest.MonkeyPatch) -> None:
    """tl.ingest("seeds") reads the seeds folder, not the folders "s", "e", "e", "d", "s"."""
    monkeypatch.chdir(SEEDS.parent)
    with Timeline.open(":memory:") as timeline:
        done = timeline.ingest("seeds")
        assert len(done) == len(list(SEEDS.glob("*.txt")))


def test_ingest_takes_one_path_object_or_many() -> None:
    """A Path is one path; a list or generator of str and Path is many."""
    first, second = sorted(SEEDS.glob("*.txt"))[:2]
    with Timeline.open(":memory:") as timeline:
        assert [d.reading.file_name for d in timeline.ingest(first)] == [first.name]
        names = [d.reading.file_name for d in timeline.ingest(p for p in (str(first), second))]
        assert names == [first.name, second.name]


@pytest.mark.parametrize(
    "bad",
    [None, b"seeds", bytearray(b"seeds"), 42, [None], [str(SEEDS), b"seeds"], [""], ""],
    ids=[
        "None",
        "bytes",
        "bytearray",
        "int",
        "list-of-None",
        "list-with-bytes",
        "list-of-empty",
        "empty",
    ],
)
def test_ingest_refuses_what_is_not_a_path(bad: object) -> None:
    """None, bytes, numbers and empty names: a one-line DocumentError naming the argument."""
    with Timeline.open(":memory:") as timeline:
        with pytest.raises(DocumentError) as caught:
            timeline.ingest(bad)  # type: ignore[arg-type]
        assert len(timeline) == 0
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("ingest's paths must")
    assert isinstance(caught.value, TimelineError)
