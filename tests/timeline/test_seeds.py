"""The five seed documents read into one timeline: what issue 3 says must hold on them."""

from __future__ import annotations

from pathlib import Path

import pytest

from events import (
    Area,
    AuthorityReorganised,
    DocumentKind,
    DocumentRecorded,
    FindingRecorded,
    Grade,
    Hand,
    JudgementIssued,
    MetricObserved,
    PartialDate,
    Period,
    RecommendationMade,
)
from projections import Verdict
from timeline import Timeline
from timeline.reading.files import load_text
from timeline.reorganisations import packaged

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SUBJECT = "Buckinghamshire"


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    """All seeds ingested once into a memory timeline."""
    tl = Timeline.open(":memory:")
    tl.ingest([SEEDS])
    return tl


def _events(timeline: Timeline, prefix: str, kind: type) -> list:
    return [
        e for e in timeline.index if isinstance(e, kind) and e.source.file_name.startswith(prefix)
    ]


def _doc(timeline: Timeline, prefix: str) -> DocumentRecorded:
    (doc,) = _events(timeline, prefix, DocumentRecorded)
    return doc


def test_every_quote_is_its_span(timeline: Timeline) -> None:
    """Every event's quote is exactly the document text at its span."""
    texts = {p.name: load_text(p) for p in SEEDS.glob("*.txt")}
    assert len(timeline) > 200
    for event in timeline.index:
        source = event.source
        if isinstance(event, AuthorityReorganised):
            # Buckinghamshire's change to a unitary council quotes the package's record of it.
            assert event in packaged()
            continue
        assert texts[source.file_name][source.start : source.end] == source.quote


def test_documents_are_described(timeline: Timeline) -> None:
    """Kind, subject, publication and visit dates of each seed, metadata filling the gaps."""
    expected = {
        "000": (DocumentKind.MONITORING_VISIT, "2017-08-24", Period.of("2017-07-25", "2017-07-26")),
        "001": (DocumentKind.NEWS_ARTICLE, "2019-12", Period.of("2019-10")),
        "002": (
            DocumentKind.INSPECTION_REPORT,
            "2018-01-29",
            Period.of("2017-11-06", "2017-11-30"),
        ),
        "003": (DocumentKind.FOCUSED_VISIT, "2021-04-12", Period.of("2021-02-24", "2021-02-25")),
        # Minutes carry the dates of the inspection they discuss.
        "004": (
            DocumentKind.COUNCIL_MINUTES,
            "2022-03-01",
            Period.of("2021-11-29", "2021-12-17"),
        ),
    }
    for prefix, (kind, published, visit) in expected.items():
        doc = _doc(timeline, prefix)
        assert doc.document_kind is kind, prefix
        assert doc.subject == SUBJECT
        assert doc.published == PartialDate.parse(published), prefix
        assert doc.visit == visit, prefix


def _grades(events: list[JudgementIssued], hand: Hand) -> dict[Area, Grade]:
    return {j.area: j.grade for j in events if j.hand is hand}


def test_report_judgement_table(timeline: Timeline) -> None:
    """002's six 2017 judgements, first-hand, inspected 6-30 Nov 2017, published 29 Jan 2018."""
    judgements = _events(timeline, "002", JudgementIssued)
    first = [j for j in judgements if j.hand is Hand.FIRST]
    assert _grades(judgements, Hand.FIRST) == {
        Area.OVERALL_EFFECTIVENESS: Grade.INADEQUATE,
        Area.HELP_AND_PROTECTION: Grade.INADEQUATE,
        Area.CHILDREN_IN_CARE: Grade.INADEQUATE,
        Area.ADOPTION: Grade.GOOD,
        Area.CARE_LEAVERS: Grade.REQUIRES_IMPROVEMENT,
        Area.LEADERSHIP: Grade.INADEQUATE,
    }
    assert len(first) == 6
    for j in first:
        assert j.valid == Period.of("2017-11-06", "2017-11-30")
        assert j.known == PartialDate.parse("2018-01-29")


def test_report_lists_2014_grades(timeline: Timeline) -> None:
    """002's list of the 2014 grades, second-hand, published August 2014."""
    restated = [j for j in _events(timeline, "002", JudgementIssued) if j.hand is Hand.SECOND]
    assert _grades(restated, Hand.SECOND) == {
        Area.OVERALL_EFFECTIVENESS: Grade.INADEQUATE,
        Area.HELP_AND_PROTECTION: Grade.INADEQUATE,
        Area.CHILDREN_IN_CARE: Grade.INADEQUATE,
        Area.ADOPTION: Grade.REQUIRES_IMPROVEMENT,
        Area.CARE_LEAVERS: Grade.REQUIRES_IMPROVEMENT,
        Area.LEADERSHIP: Grade.INADEQUATE,
    }
    assert {j.known for j in restated} == {PartialDate.parse("2014-08")}


def test_report_has_ten_recommendations(timeline: Timeline) -> None:
    """002's numbered list of ten recommendations, the unnumbered last one included."""
    recs = _events(timeline, "002", RecommendationMade)
    assert len(recs) == 10
    assert recs[0].text.startswith("Take immediate action to improve the quality of management")
    assert recs[-1].text.startswith("Ensure that all staff receive appropriate training")
    assert any("health histories" in r.text for r in recs)
    assert all(r.themes for r in recs[:9])


def test_minutes_judgements_and_actions(timeline: Timeline) -> None:
    """004: requires improvement, inspected 29 Nov-17 Dec 2021, published 11 Feb 2022; 7 actions."""
    judgements = _events(timeline, "004", JudgementIssued)
    latest = [j for j in judgements if j.grade is Grade.REQUIRES_IMPROVEMENT]
    assert latest
    for j in latest:
        assert j.area is Area.OVERALL_EFFECTIVENESS
        assert j.valid == Period.of("2021-11-29", "2021-12-17")
        assert j.known == PartialDate.parse("2022-02-11")
    inadequate = {j.valid.start for j in judgements if j.grade is Grade.INADEQUATE}
    assert inadequate == {PartialDate.parse("2014-08"), PartialDate.parse("2017-11")}
    actions = _events(timeline, "004", RecommendationMade)
    assert len(actions) == 7
    assert (
        actions[3].text
        == "The support provided to children aged 16 and 17 years who present as homeless."
    )


def test_letters_have_no_judgements_of_their_own(timeline: Timeline) -> None:
    """Monitoring and focused visits are not graded: only retold grades come from them."""
    for prefix in ("000", "003"):
        assert all(j.hand is Hand.SECOND for j in _events(timeline, prefix, JudgementIssued))
    assert not _events(timeline, "003", JudgementIssued)


def test_focused_visit_what_needs_to_improve(timeline: Timeline) -> None:
    """003's two 'What needs to improve' items, with their themes."""
    recs = _events(timeline, "003", RecommendationMade)
    assert len(recs) == 2
    assert "management_oversight" in recs[0].themes
    assert "quality_assurance" in recs[1].themes


def test_letters_findings_have_themes_and_polarity(timeline: Timeline) -> None:
    """000 and 003 yield findings of both polarities, each with at least one theme mostly."""
    for prefix in ("000", "003"):
        findings = _events(timeline, prefix, FindingRecorded)
        assert len(findings) >= 10
        polarities = {f.polarity.value for f in findings}
        assert {"positive", "negative"} <= polarities
        assert sum(bool(f.themes) for f in findings) >= 0.8 * len(findings)


def test_report_figures(timeline: Timeline) -> None:
    """002 yields at least 15 figures, among them the re-referral rate with comparators."""
    figures = _events(timeline, "002", MetricObserved)
    assert len(figures) >= 15
    (rereferral,) = [m for m in figures if m.metric == "re_referral_rate"]
    assert rereferral.value == 33
    assert {c.name: c.value for c in rereferral.comparators} == {
        "england_average": 22,
        "statistical_neighbours": 21,
    }


def test_news_article_merges_with_report(timeline: Timeline) -> None:
    """001's 'judged inadequate in January 2018' is the 2017 inspection, not a new one."""
    state = timeline.state_at("2020-01-01")
    view = state.subjects[SUBJECT].judgements["overall_effectiveness"]
    files = {c.source.file_name[:3] for c in view.claims}
    assert {"001", "002"} <= files
    assert view.grade is Grade.INADEQUATE
    assert view.published == PartialDate.parse("2018-01-29")


def test_2014_judgement_conflict(timeline: Timeline) -> None:
    """The 2014 judgement is June 2014 per 000 and August 2014 per 002 and 004: one, in conflict."""
    found = [
        c
        for c in timeline.conflicts()
        if c.key == "overall_effectiveness"
        and "date" in c.about
        and any(claim.valid.start.year == 2014 for claim in c.claims)
    ]
    assert len(found) == 1
    files = {claim.source.file_name[:3] for claim in found[0].claims}
    assert {"000", "002", "004"} <= files
    assert found[0].believed.source.file_name.startswith("002")
    assert found[0].believed.known == PartialDate.parse("2014-08")


def test_state_before_and_after_2018_report(timeline: Timeline) -> None:
    """On 2018-01-28 the 2014 grades stand; on 2018-02-01 the 2017 grades do."""
    before = timeline.state_at("2018-01-28")
    after = timeline.state_at("2018-02-01")
    assert before.grade(SUBJECT, Area.ADOPTION) is Grade.REQUIRES_IMPROVEMENT
    assert before.subjects[SUBJECT].judgements["adoption"].published == PartialDate.parse("2014-08")
    assert after.grade(SUBJECT, Area.ADOPTION) is Grade.GOOD
    assert after.grade(SUBJECT, Area.OVERALL_EFFECTIVENESS) is Grade.INADEQUATE
    assert after.subjects[SUBJECT].judgements[
        "overall_effectiveness"
    ].published == PartialDate.parse("2018-01-29")


def test_diff_2014_to_2018(timeline: Timeline) -> None:
    """Adoption improved between 2014 and 2018; the other five areas persisted."""
    diff = timeline.diff("2014-09-01", "2018-02-01")
    verdicts = {c.key: c.verdict for c in diff.changes if c.kind == "judgement"}
    assert verdicts.pop("adoption") is Verdict.IMPROVED
    assert set(verdicts.values()) == {Verdict.PERSISTED}
    assert len(verdicts) == 5


def test_diff_2018_to_2022(timeline: Timeline) -> None:
    """Overall effectiveness improved by 2022; areas not judged again since 2018 are unchanged."""
    diff = timeline.diff("2018-02-01", "2022-03-01")
    verdicts = {c.key: c.verdict for c in diff.changes if c.kind == "judgement"}
    assert verdicts.pop("overall_effectiveness") is Verdict.IMPROVED
    assert set(verdicts.values()) == {Verdict.UNCHANGED}


def test_health_histories_history_spans_three_documents(timeline: Timeline) -> None:
    """The care leavers' health histories theme is discussed in 000, 002 and 003, with quotes."""
    entries = timeline.history("care_leavers_health_histories")
    files = {e.event.source.file_name[:3] for e in entries}
    assert {"000", "002", "003"} <= files
    assert all(e.event.source.quote for e in entries)
    dates = [e.event.valid.start.sort_key() for e in entries]
    assert dates == sorted(dates)


def test_ingesting_again_appends_nothing(timeline: Timeline) -> None:
    """Reading the same documents a second time adds no event."""
    size = len(timeline)
    again = timeline.ingest([SEEDS])
    assert [item.new for item in again] == [0] * 5
    assert len(timeline) == size
