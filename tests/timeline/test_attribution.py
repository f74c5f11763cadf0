"""A grade, finding or figure stated of another council is never the document's subject's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from events import (
    Area,
    FindingRecorded,
    Grade,
    Hand,
    JudgementIssued,
    PartialDate,
    UnknownAuthorityError,
)
from timeline import Timeline
from timeline.reading.attribution import authority_mentions, names_another_council
from timeline.reading.reader import read_text

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
REPORT = next(SEEDS.glob("002_*.txt"))
COMPARISON = (
    "Unlike Oxfordshire County Council, whose services were judged outstanding in 2014, "
    "Buckinghamshire has struggled to improve. "
)


def _with_comparison(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in SEEDS.iterdir():
        text = path.read_text("utf-8")
        if path == REPORT:
            text = text.replace("Overall progress in improving", COMPARISON + "Overall progress", 1)
        (folder / path.name).write_text(text, "utf-8")
    return folder


def _grades(state: dict[str, Any]) -> dict[str, Any]:
    """Each area's grade and dates; sources differ, as the edited text is another document."""
    judgements = state["subjects"]["Buckinghamshire"]["judgements"]
    return {
        area: {k: v for k, v in entry.items() if k not in ("sources", "disagreements")}
        for area, entry in judgements.items()
    }


def test_another_councils_grade_is_not_the_subjects(tmp_path: Path) -> None:
    """The issue's case: a comparison in seed 002 leaves Buckinghamshire's grades as they were,
    and records Oxfordshire's grade for Oxfordshire, second-hand."""
    with Timeline.open() as plain, Timeline.open() as compared:
        plain.ingest(SEEDS)
        compared.ingest(_with_comparison(tmp_path))
        for date in ("2014-12-01", "2016-06-01", "2018-02-01", "2022-03-01"):
            before = plain.state_at(date, subject="Buckinghamshire").to_dict()
            after = compared.state_at(date, subject="Buckinghamshire").to_dict()
            assert _grades(after) == _grades(before)
            assert _grades(after)["overall_effectiveness"]["grade"] != "outstanding"
        state = compared.state_at("2018-02-01", subject="Oxfordshire")
        assert state.grade("Oxfordshire", Area.OVERALL_EFFECTIVENESS) is Grade.OUTSTANDING
        oxfordshire = compared.events(subject="Oxfordshire")
        assert [e.kind for e in oxfordshire] == ["judgement_issued"]
        assert isinstance(oxfordshire[0], JudgementIssued)
        assert oxfordshire[0].hand is Hand.SECOND


def test_a_predecessors_grade_is_the_predecessors() -> None:
    """A successor's report retelling its predecessor's grade records it for the predecessor."""
    text = (
        "Inspection of Westmorland and Furness local authority children’s services\n"
        "Inspection dates: 6 to 17 May 2024\nReport published: 12 July 2024\n"
        "Overall effectiveness Good\n\n"
        "Children’s services in the predecessor local authority, Cumbria County Council, were "
        "judged requires improvement to be good in November 2022.\n"
    )
    reading = read_text(text, "wf.txt")
    judgements = [e for e in reading.events if isinstance(e, JudgementIssued)]
    assert {(j.subject, j.grade, j.hand) for j in judgements} == {
        ("Westmorland and Furness", Grade.GOOD, Hand.FIRST),
        ("Cumbria", Grade.REQUIRES_IMPROVEMENT, Hand.SECOND),
    }


@pytest.mark.parametrize(
    ("sentence", "other"),
    [
        ("Kent County Council's fostering service has too few carers.", "Kent"),
        ("In the London Borough of Sutton, caseloads are too high.", "Sutton"),
        ("Many children live in homes in Kent, far from their families.", None),
        ("The programme, based on North Yorkshire’s model, helps children.", None),
        ("Medway Council works well with Kent County Council.", None),  # names the subject
    ],
)
def test_a_finding_is_another_councils_only_when_stated_of_it(
    sentence: str, other: str | None
) -> None:
    """Opening with another council named as one; a place, or a passing mention, is not."""
    got = names_another_council(sentence, "Medway", None, 0, len(sentence))
    assert got == other


def test_findings_stated_of_another_council_are_left_out() -> None:
    """A monitoring letter's finding about a neighbour is not recorded as the subject's."""
    text = (
        "Monitoring visit to Medway Council children's services\n\n"
        "14 March 2023\n\nDear Director,\n\n"
        "Social workers in Medway visit children regularly and know them well.\n\n"
        "Kent County Council's fostering service has too few carers, and placements with its "
        "carers are often delayed.\n"
    )
    reading = read_text(text, "medway.txt")
    findings = [e for e in reading.events if isinstance(e, FindingRecorded)]
    assert findings, "the subject's own finding is read"
    assert all("Kent County" not in f.source.quote for f in findings)
    assert {e.subject for e in reading.events} == {"Medway"}


def test_a_capital_at_the_start_of_a_sentence_is_not_a_name() -> None:
    """'Reading the case files, ...' opens a sentence; it does not name Reading."""
    text = (
        "Reading the case files, inspectors judged practice good. Reading Borough Council agreed."
    )
    names = [m.name for m in authority_mentions(text, PartialDate.coerce("2020"))]
    assert names == ["Reading"]
    assert authority_mentions(text)[0].start == text.index("Reading Borough")


@pytest.mark.parametrize("place", ["Glasgow", "Paris", "Cardiff"])
def test_an_authority_outside_england_is_refused(place: str) -> None:
    """A copy of seed 002 about a council that is not an English one is refused in one line."""
    text = REPORT.read_text("utf-8").replace("Buckinghamshire", place)
    with pytest.raises(UnknownAuthorityError) as raised:
        read_text(text, "copy.txt")
    message = str(raised.value)
    assert "\n" not in message
    assert f"'{place}' is not an English local authority" in message
    assert message.startswith("copy.txt: ")
