"""Buckinghamshire's story written as events by hand, and the projection's example-based rules."""

from __future__ import annotations

import hashlib

import pytest

from events import (
    AnyEvent,
    Area,
    Authority,
    CorrectionMade,
    Direction,
    DocumentKind,
    DocumentRecorded,
    FindingRecorded,
    Grade,
    Hand,
    JudgementIssued,
    MetricObserved,
    PartialDate,
    Period,
    Polarity,
    Source,
    UnknownKeyError,
)
from projections import EventIndex, Verdict, diff_states, find_conflicts, history

SUBJECT = "Buckinghamshire"
OVERALL = Area.OVERALL_EFFECTIVENESS


class Doc:
    """A document's text and the events that quote it, with exact spans."""

    def __init__(
        self,
        file_name: str,
        kind: DocumentKind,
        published: str,
        text: str,
        *,
        authority: Authority = Authority.PRIMARY,
    ) -> None:
        self.file_name = file_name
        self.kind = kind
        self.published = PartialDate.parse(published)
        self.text = text
        self.authority = authority
        self.id = hashlib.sha256(text.encode()).hexdigest()

    def source(self, quote: str) -> Source:
        start = self.text.index(quote)
        return Source.from_text(
            self.text, start, start + len(quote), document_id=self.id, file_name=self.file_name
        )

    def recorded(self, *, kind: DocumentKind | None = None, known: str | None = None):
        return DocumentRecorded(
            subject=SUBJECT,
            valid=Period(self.published),
            known=PartialDate.parse(known) if known else self.published,
            source=self.source(self.text.splitlines()[0]),
            document_id=self.id,
            document_kind=kind or self.kind,
            title=self.text.splitlines()[0],
            file_name=self.file_name,
            published=self.published,
            authority=self.authority,
        )

    def judgement(
        self,
        quote: str,
        grade: Grade,
        valid: Period,
        *,
        hand: Hand = Hand.FIRST,
        area: Area = OVERALL,
    ) -> JudgementIssued:
        """A grade this document gives (published with it) or retells (publication unstated)."""
        return JudgementIssued(
            subject=SUBJECT,
            valid=valid,
            known=self.published,
            published=self.published if hand is Hand.FIRST else None,
            source=self.source(quote),
            area=area,
            wording=quote,
            grade=grade,
            hand=hand,
        )

    def finding(self, quote: str, polarity: Polarity, *themes: str) -> FindingRecorded:
        return FindingRecorded(
            subject=SUBJECT,
            valid=Period(self.published),
            known=self.published,
            source=self.source(quote),
            text=quote,
            themes=themes,
            polarity=polarity,
        )

    def metric(
        self,
        quote: str,
        value: float,
        as_at: str,
        *,
        key: str = "re_referral_rate",
        direction: Direction = Direction.LOWER_IS_BETTER,
    ) -> MetricObserved:
        return MetricObserved(
            subject=SUBJECT,
            valid=Period.of(as_at),
            known=self.published,
            source=self.source(quote),
            metric=key,
            wording=quote,
            value=value,
            unit="percent",
            direction=direction,
        )


REPORT_2014 = Doc(
    "2014_report.txt",
    DocumentKind.INSPECTION_REPORT,
    "2014-08",
    "Inspection of services for children in need of help and protection\n"
    "Children's services in Buckinghamshire are inadequate\n",
)
LETTER_2017 = Doc(
    "000_monitoring_letter.txt",
    DocumentKind.MONITORING_VISIT,
    "2017-08-24",
    "Monitoring visit of Buckinghamshire children's services\n"
    "This was the fourth monitoring visit since the local authority was judged inadequate "
    "in June 2014.\n",
)
REPORT_2018 = Doc(
    "002_inspection_report.txt",
    DocumentKind.INSPECTION_REPORT,
    "2018-01-29",
    "Re-inspection of services for children in need of help and protection\n"
    "Children's services in Buckinghamshire are inadequate\n"
    "The last inspection report for the local authority's children's services was published "
    "in August 2014. The judgements for the local authority were: overall effectiveness: "
    "inadequate\n",
)
REPORT_2022 = Doc(
    "2022_report.txt",
    DocumentKind.INSPECTION_REPORT,
    "2022-02-11",
    "Inspection of Buckinghamshire local authority children's services\n"
    "Overall effectiveness: requires improvement to be good\n",
)

JUDGED_2014 = REPORT_2014.judgement(
    "Children's services in Buckinghamshire are inadequate", Grade.INADEQUATE, Period.of("2014")
)
JUDGED_2017 = REPORT_2018.judgement(
    "Children's services in Buckinghamshire are inadequate",
    Grade.INADEQUATE,
    Period.of("2017-11-06", "2017-11-30"),
)
JUDGED_2021 = REPORT_2022.judgement(
    "Overall effectiveness: requires improvement to be good",
    Grade.REQUIRES_IMPROVEMENT,
    Period.of("2021-11-29", "2021-12-17"),
)
# Retellings of the 2014 judgement: the letter says June 2014, the 2018 report August 2014.
LETTER_SAYS_JUNE = LETTER_2017.judgement(
    "judged inadequate in June 2014", Grade.INADEQUATE, Period.of("2014-06"), hand=Hand.SECOND
)
REPORT_SAYS_AUGUST = REPORT_2018.judgement(
    "overall effectiveness: inadequate", Grade.INADEQUATE, Period.of("2014-08"), hand=Hand.SECOND
)

STORY: list[AnyEvent] = [
    REPORT_2014.recorded(),
    REPORT_2018.recorded(),
    REPORT_2022.recorded(),
    JUDGED_2014,
    JUDGED_2017,
    JUDGED_2021,
]


@pytest.fixture
def story() -> EventIndex:
    return EventIndex(STORY)


def _overall(index: EventIndex, at: str, known_at: str | None = None):
    return index.state_at(at, known_at).subjects[SUBJECT].judgements["overall_effectiveness"]


# -- the story ----------------------------------------------------------------------------


def test_old_grade_stands_until_the_report_is_published(story: EventIndex) -> None:
    """On 28 January 2018, the day before the report, the 2014 judgement is still current."""
    view = _overall(story, "2018-01-28")
    assert view.grade is Grade.INADEQUATE
    assert view.published == PartialDate(2014, 8)
    assert view.claims == (JUDGED_2014,)


def test_new_grade_counts_from_its_publication_day(story: EventIndex) -> None:
    """On 29 January 2018 the November 2017 inspection's grade is current."""
    view = _overall(story, "2018-01-29")
    assert view.grade is Grade.INADEQUATE
    assert view.inspected == Period.of("2017-11-06", "2017-11-30")
    assert view.published == PartialDate(2018, 1, 29)


def test_grade_in_2022_is_requires_improvement(story: EventIndex) -> None:
    """On 1 March 2022 the grade is requires improvement to be good."""
    assert story.state_at("2022-03-01").grade(SUBJECT, OVERALL) is Grade.REQUIRES_IMPROVEMENT


def test_known_at_gives_hindsight(story: EventIndex) -> None:
    """What was true on 15 December 2017, as known in March 2022, is the November 2017 grade."""
    hindsight = _overall(story, "2017-12-15", known_at="2022-03-01")
    assert hindsight.claims == (JUDGED_2017,)
    assert _overall(story, "2017-12-15").claims == (JUDGED_2014,)


def test_overall_effectiveness_improved_from_2018_to_2022(story: EventIndex) -> None:
    """Between February 2018 and March 2022, overall effectiveness improved."""
    change = diff_states(story.state_at("2018-02-01"), story.state_at("2022-03-01")).get(
        SUBJECT, "judgement", "overall_effectiveness"
    )
    assert change is not None
    assert change.verdict is Verdict.IMPROVED
    assert change.before is not None
    assert change.before.grade is Grade.INADEQUATE
    assert change.after is not None
    assert change.after.grade is Grade.REQUIRES_IMPROVEMENT
    assert [e["quote"] for e in change.evidence()] == [JUDGED_2021.source.quote]


def test_a_changed_grade_is_seen_when_most_keys_are_new() -> None:
    """A grade that changed is not called unchanged because the later state has many new keys."""
    report = Doc(
        "2022_full.txt",
        DocumentKind.INSPECTION_REPORT,
        "2022-02-11",
        "Overall effectiveness: requires improvement to be good\n"
        "Visits are timely.\nPlans are clear.\nSupervision is regular.\n",
    )
    later = [
        report.judgement(
            "Overall effectiveness: requires improvement to be good",
            Grade.REQUIRES_IMPROVEMENT,
            Period.of("2021-11-29", "2021-12-17"),
        ),
        report.finding("Visits are timely.", Polarity.POSITIVE, "visits"),
        report.finding("Plans are clear.", Polarity.POSITIVE, "plans"),
        report.finding("Supervision is regular.", Polarity.POSITIVE, "supervision"),
    ]
    index = EventIndex([JUDGED_2014, *later])
    result = diff_states(index.state_at("2015-01-01"), index.state_at("2022-03-01"))
    verdicts = {c.key: c.verdict for c in result.changes}
    assert verdicts == {
        "overall_effectiveness": Verdict.IMPROVED,
        "visits": Verdict.NEW,
        "plans": Verdict.NEW,
        "supervision": Verdict.NEW,
    }


def test_reconfirmed_grade_persisted_not_unchanged(story: EventIndex) -> None:
    """The 2017 inspection repeating inadequate is persisted; no new evidence is unchanged."""
    across = diff_states(story.state_at("2015-01-01"), story.state_at("2018-02-01"))
    assert across.get(SUBJECT, "judgement", "overall_effectiveness").verdict is Verdict.PERSISTED
    within = diff_states(story.state_at("2015-01-01"), story.state_at("2017-12-31"))
    assert within.get(SUBJECT, "judgement", "overall_effectiveness").verdict is Verdict.UNCHANGED


def test_nothing_is_known_before_the_first_report(story: EventIndex) -> None:
    """Before August 2014 no grade is known, and the area arrives in a diff as new."""
    assert story.state_at("2014-07-31").grade(SUBJECT, OVERALL) is None
    change = diff_states(story.state_at("2014-07-31"), story.state_at("2014-08-01")).get(
        SUBJECT, "judgement", "overall_effectiveness"
    )
    assert change is not None
    assert change.verdict is Verdict.NEW


# -- conflicts ----------------------------------------------------------------------------


def test_judgement_dated_differently_is_one_inspection_with_a_date_conflict() -> None:
    """June 2014 (a letter) and August 2014 (a report's restated list) are one inspection whose
    sources disagree on the date; the report's claim is believed."""
    index = EventIndex([*STORY, LETTER_2017.recorded(), LETTER_SAYS_JUNE, REPORT_SAYS_AUGUST])
    (conflict,) = find_conflicts(index)
    assert (conflict.kind, conflict.key, conflict.about) == (
        "judgement",
        "overall_effectiveness",
        ("date",),
    )
    assert conflict.claims == (JUDGED_2014, REPORT_SAYS_AUGUST, LETTER_SAYS_JUNE)
    assert conflict.to_dict()["claims"][2]["source"]["quote"] == "judged inadequate in June 2014"


def test_retelling_does_not_fold_two_inspections_together() -> None:
    """The 2018 report restating the 2014 grade keeps the 2014 and 2017 inspections apart."""
    index = EventIndex([LETTER_2017.recorded(), REPORT_2018.recorded(), LETTER_SAYS_JUNE])
    index.add([REPORT_SAYS_AUGUST, JUDGED_2017])
    (conflict,) = find_conflicts(index)
    assert conflict.believed == REPORT_SAYS_AUGUST
    assert conflict.claims == (REPORT_SAYS_AUGUST, LETTER_SAYS_JUNE)
    view = _overall(index, "2018-02-01")
    assert view.claims == (JUDGED_2017,)
    assert view.disagreements == ()


def test_grade_disagreement_is_a_conflict_and_first_hand_wins() -> None:
    """A newspaper calling the 2017 inspection 'good' conflicts on grade; the report wins."""
    news = Doc(
        "001_news.txt",
        DocumentKind.NEWS_ARTICLE,
        "2018-02",
        "Council services rated good\nBuckinghamshire was judged good in January 2018\n",
        authority=Authority.SECONDARY,
    )
    misreport = news.judgement(
        "judged good in January 2018", Grade.GOOD, Period.of("2018-01"), hand=Hand.SECOND
    )
    index = EventIndex([*STORY, news.recorded(), misreport])
    (conflict,) = find_conflicts(index)
    assert conflict.about == ("grade",)
    assert conflict.claims == (JUDGED_2017, misreport)
    assert index.state_at("2019-01-01").grade(SUBJECT, OVERALL) is Grade.INADEQUATE


def test_metric_with_two_values_for_one_date_is_a_conflict() -> None:
    """Two values for one figure on one date conflict; the report's value is believed."""
    news = Doc(
        "001_news.txt",
        DocumentKind.NEWS_ARTICLE,
        "2018-02",
        "High re-referrals\nThe re-referral rate was 35% in October 2017\n",
        authority=Authority.SECONDARY,
    )
    report = Doc(
        "002_report.txt",
        DocumentKind.INSPECTION_REPORT,
        "2018-01-29",
        "Report\nAt 33%, the re-referral rate remains high\n",
    )
    from_news = news.metric("re-referral rate was 35%", 35, "2017-10-31")
    from_report = report.metric("At 33%, the re-referral rate", 33, "2017-10-31")
    index = EventIndex([news.recorded(), from_news, report.recorded(), from_report])
    (conflict,) = find_conflicts(index)
    assert (conflict.kind, conflict.key, conflict.about) == (
        "metric",
        "re_referral_rate",
        ("value",),
    )
    assert conflict.claims == (from_report, from_news)
    view = index.state_at("2018-03-01").subjects[SUBJECT].metrics["re_referral_rate"]
    assert (view.value, view.observations) == (33.0, (from_report,))


REPORT_2018_METRICS = Doc(
    "002_metrics.txt",
    DocumentKind.INSPECTION_REPORT,
    "2018-01-29",
    "Information about this local authority area\nAt 33%, the re-referral rate remains high\n",
)


def test_same_value_from_two_sources_is_no_conflict() -> None:
    """Two sources agreeing on a figure are both evidence for it, not a conflict."""
    other = Doc("other.txt", DocumentKind.FOCUSED_VISIT, "2018-03-01", "Letter\nrate of 33%\n")
    first = REPORT_2018_METRICS.metric("At 33%", 33, "2017-10-31")
    second = other.metric("rate of 33%", 33, "2017-10-31")
    index = EventIndex([first, second])
    assert find_conflicts(index) == []
    view = index.state_at("2018-03-01").subjects[SUBJECT].metrics["re_referral_rate"]
    assert set(view.observations) == {first, second}


# -- documents and belief -------------------------------------------------------------------


def _rival_claims() -> tuple[Doc, Doc, JudgementIssued, JudgementIssued]:
    letter = Doc("letter.txt", DocumentKind.MONITORING_VISIT, "2015-01-10", "Letter\ninadequate\n")
    paper = Doc("paper.txt", DocumentKind.NEWS_ARTICLE, "2015-01-20", "Paper\ngood\n")
    says_inadequate = letter.judgement(
        "inadequate", Grade.INADEQUATE, Period.of("2014-08"), hand=Hand.SECOND
    )
    says_good = paper.judgement("good", Grade.GOOD, Period.of("2014-08"), hand=Hand.SECOND)
    return letter, paper, says_inadequate, says_good


def test_a_document_recorded_later_does_not_change_an_earlier_belief() -> None:
    """Which claim is believed on a date depends only on document records known by then."""
    letter, paper, says_inadequate, says_good = _rival_claims()
    claims = [letter.recorded(), says_inadequate, says_good]
    without = EventIndex(claims)
    # Recorded in 2016 as an inspection report, the paper would outrank the letter.
    late = paper.recorded(kind=DocumentKind.INSPECTION_REPORT, known="2016-01-01")
    later = EventIndex([*claims, late])
    assert without.state_at("2015-06-01").grade(SUBJECT, OVERALL) is Grade.INADEQUATE
    assert later.state_at("2015-06-01").grade(SUBJECT, OVERALL) is Grade.INADEQUATE
    assert later.state_at("2016-06-01").grade(SUBJECT, OVERALL) is Grade.GOOD


def test_a_document_recorded_twice_is_settled_whatever_the_order() -> None:
    """Two records of one document give the same belief in either order: the later-known one."""
    letter, paper, says_inadequate, says_good = _rival_claims()
    as_news = paper.recorded()
    as_report = paper.recorded(kind=DocumentKind.INSPECTION_REPORT, known="2015-02-01")
    common = [letter.recorded(), says_inadequate, says_good]
    one = EventIndex([*common, as_news, as_report])
    other = EventIndex([*common, as_report, as_news])
    for index in (one, other):
        assert index.state_at("2015-01-25").grade(SUBJECT, OVERALL) is Grade.INADEQUATE
        assert index.state_at("2015-03-01").grade(SUBJECT, OVERALL) is Grade.GOOD
        assert index.documents[paper.id] == as_report


# -- corrections ----------------------------------------------------------------------------

LETTER_2019 = Doc(
    "letter_2019.txt",
    DocumentKind.MONITORING_VISIT,
    "2019-12-18",
    "Monitoring visit letter\n"
    "Leaders have continued to secure improvement in management oversight.\n"
    "Management oversight is not always effective.\n"
    "Children told inspectors that they continue to experience too many changes of social "
    "workers.\n",
)
OVERSIGHT = LETTER_2019.finding(
    "Management oversight is not always effective.", Polarity.NEGATIVE, "management_oversight"
)
CHANGES = LETTER_2019.finding(
    "too many changes of social workers", Polarity.NEGATIVE, "management_oversight"
)


def _themes(index: EventIndex, at: str, known_at: str | None = None):
    state = index.state_at(at, known_at)
    return state.subjects[SUBJECT].themes if SUBJECT in state.subjects else {}


def test_retraction_applies_from_its_date_only() -> None:
    """A retracted finding leaves states known from the retraction on, not earlier ones."""
    retraction = CorrectionMade.retract(OVERSIGHT, on="2020-06-01", reason="misread")
    index = EventIndex([OVERSIGHT, retraction])
    assert "management_oversight" in _themes(index, "2020-01-01")
    assert "management_oversight" in _themes(index, "2021-01-01", known_at="2020-05-31")
    assert _themes(index, "2021-01-01") == {}
    change = diff_states(index.state_at("2020-01-01"), index.state_at("2021-01-01")).get(
        SUBJECT, "theme", "management_oversight"
    )
    assert change is not None
    assert change.verdict is Verdict.DROPPED


def test_retracting_the_retraction_restores_the_event() -> None:
    """Withdrawing a retraction brings its target back from that date."""
    retraction = CorrectionMade.retract(OVERSIGHT, on="2020-06-01", reason="misread")
    undo = CorrectionMade.retract(retraction, on="2020-09-01", reason="it was right")
    index = EventIndex([undo, OVERSIGHT, retraction])
    assert _themes(index, "2020-07-01") == {}
    assert _themes(index, "2020-10-01")["management_oversight"].findings == (OVERSIGHT,)


def test_reclassifying_polarity_changes_the_theme_assessment() -> None:
    """A finding reclassified as positive reads positive from the correction date on."""
    fix = CorrectionMade.reclassify(
        OVERSIGHT, on="2020-06-01", reason="misread", polarity=Polarity.POSITIVE
    )
    index = EventIndex([fix, OVERSIGHT])
    assert _themes(index, "2020-01-01")["management_oversight"].polarity is Polarity.NEGATIVE
    view = _themes(index, "2020-07-01")["management_oversight"]
    assert view.polarity is Polarity.POSITIVE
    assert view.findings[0].source == OVERSIGHT.source
    change = diff_states(index.state_at("2020-01-01"), index.state_at("2020-07-01")).get(
        SUBJECT, "theme", "management_oversight"
    )
    assert change is not None
    assert change.verdict is Verdict.IMPROVED


def test_reclassifying_themes_moves_a_finding() -> None:
    """A finding reclassified to another theme leaves the old theme and joins the new one."""
    fix = CorrectionMade.reclassify(
        CHANGES, on="2020-06-01", reason="about turnover", themes=("workforce",)
    )
    index = EventIndex([OVERSIGHT, CHANGES, fix])
    before, after = _themes(index, "2020-01-01"), _themes(index, "2020-07-01")
    assert set(before) == {"management_oversight"}
    assert len(before["management_oversight"].findings) == 2
    assert set(after) == {"management_oversight", "workforce"}
    assert after["management_oversight"].findings == (OVERSIGHT,)
    assert [f.source for f in after["workforce"].findings] == [CHANGES.source]


def test_reclassifying_a_grade_changes_the_state() -> None:
    """A judgement reclassified to another grade is believed at that grade from the fix on."""
    fix = CorrectionMade.reclassify(
        JUDGED_2021, on="2022-06-01", reason="misread", grade=Grade.GOOD
    )
    index = EventIndex([*STORY, fix])
    assert index.state_at("2022-03-01").grade(SUBJECT, OVERALL) is Grade.REQUIRES_IMPROVEMENT
    assert index.state_at("2022-07-01").grade(SUBJECT, OVERALL) is Grade.GOOD
    assert index.state_at("2022-07-01", known_at="2022-05-01").grade(SUBJECT, OVERALL) is (
        Grade.REQUIRES_IMPROVEMENT
    )


# -- history --------------------------------------------------------------------------------


def test_history_lists_every_claim_in_date_order_with_sources() -> None:
    """A key's history is every event filed under it, oldest first, each with its quote."""
    index = EventIndex([JUDGED_2021, REPORT_SAYS_AUGUST, JUDGED_2017, LETTER_SAYS_JUNE])
    entries = history(index, "overall_effectiveness")
    assert [e.event for e in entries] == [
        LETTER_SAYS_JUNE,
        REPORT_SAYS_AUGUST,
        JUDGED_2017,
        JUDGED_2021,
    ]
    assert entries[0].to_dict()["source"]["quote"] == "judged inadequate in June 2014"
    with pytest.raises(UnknownKeyError, match="for Kent"):
        history(index, "overall_effectiveness", subject="Kent")


def test_history_marks_retracted_events() -> None:
    """A retracted event stays in the history, flagged as retracted."""
    retraction = CorrectionMade.retract(OVERSIGHT, on="2020-06-01", reason="misread")
    entries = history(EventIndex([OVERSIGHT, CHANGES, retraction]), "management_oversight")
    assert {(e.event.source.quote, e.retracted) for e in entries} == {
        (OVERSIGHT.source.quote, True),
        (CHANGES.source.quote, False),
    }


def test_unknown_key_suggests_the_closest_keys(story: EventIndex) -> None:
    """Asking for a misspelt key raises UnknownKeyError (a KeyError) with a did-you-mean hint."""
    with pytest.raises(UnknownKeyError, match="did you mean overall_effectiveness") as caught:
        history(story, "overall_efectiveness")
    assert isinstance(caught.value, KeyError)
    assert caught.value.value == "overall_efectiveness"


# -- verdicts -------------------------------------------------------------------------------


def _metric_verdict(direction: Direction, before: float, after: float) -> Verdict:
    early = Doc("a.txt", DocumentKind.INSPECTION_REPORT, "2018-01-29", "A\nrate of x\n")
    late = Doc("b.txt", DocumentKind.INSPECTION_REPORT, "2022-02-11", "B\nrate of y\n")
    index = EventIndex(
        [
            early.metric("rate of x", before, "2017-10-31", direction=direction),
            late.metric("rate of y", after, "2021-10-31", direction=direction),
        ]
    )
    change = diff_states(index.state_at("2019-01-01"), index.state_at("2023-01-01")).get(
        SUBJECT, "metric", "re_referral_rate"
    )
    assert change is not None
    return change.verdict


@pytest.mark.parametrize(
    ("direction", "before", "after", "verdict"),
    [
        (Direction.LOWER_IS_BETTER, 22, 33, Verdict.REGRESSED),
        (Direction.LOWER_IS_BETTER, 33, 22, Verdict.IMPROVED),
        (Direction.HIGHER_IS_BETTER, 22, 33, Verdict.IMPROVED),
        (Direction.HIGHER_IS_BETTER, 33, 22, Verdict.REGRESSED),
        (Direction.NONE, 22, 33, Verdict.CHANGED),
        (Direction.NONE, 33, 22, Verdict.CHANGED),
        (Direction.LOWER_IS_BETTER, 33, 33, Verdict.PERSISTED),
    ],
)
def test_metric_verdict_follows_better_direction(
    direction: Direction, before: float, after: float, verdict: Verdict
) -> None:
    """A figure's move is judged by its better-direction; with none it is merely changed."""
    assert _metric_verdict(direction, before, after) is verdict


@pytest.mark.parametrize(
    ("before", "after", "verdict"),
    [
        (Polarity.NEGATIVE, Polarity.POSITIVE, Verdict.IMPROVED),
        (Polarity.NEGATIVE, Polarity.MIXED, Verdict.IMPROVED),
        (Polarity.POSITIVE, Polarity.MIXED, Verdict.REGRESSED),
        (Polarity.MIXED, Polarity.NEGATIVE, Verdict.REGRESSED),
        (Polarity.NEGATIVE, Polarity.NEGATIVE, Verdict.PERSISTED),
    ],
)
def test_theme_verdict_follows_polarity(
    before: Polarity, after: Polarity, verdict: Verdict
) -> None:
    """Themes compare positive > mixed > negative; a repeated weakness persisted."""
    early = Doc("a.txt", DocumentKind.INSPECTION_REPORT, "2018-01-29", "A\nPlans are x.\n")
    late = Doc("b.txt", DocumentKind.FOCUSED_VISIT, "2021-04-12", "B\nPlans are y.\n")
    index = EventIndex(
        [
            early.finding("Plans are x.", before, "plans"),
            late.finding("Plans are y.", after, "plans"),
        ]
    )
    change = diff_states(index.state_at("2019-01-01"), index.state_at("2022-01-01")).get(
        SUBJECT, "theme", "plans"
    )
    assert change is not None
    assert change.verdict is verdict


def test_mixed_findings_on_one_date_read_mixed() -> None:
    """A strength and a weakness published together on one theme read as mixed."""
    strength = LETTER_2019.finding(
        "Leaders have continued to secure improvement in management oversight.",
        Polarity.POSITIVE,
        "management_oversight",
    )
    index = EventIndex([OVERSIGHT, strength])
    view = _themes(index, "2020-01-01")["management_oversight"]
    assert view.polarity is Polarity.MIXED
    assert view.counts() == {"negative": 1, "mixed": 0, "positive": 1}


def test_a_reclassified_figure_is_not_unchanged() -> None:
    """Correcting a figure's better-direction is a change the diff sees, though the id stays."""
    report = Doc("a.txt", DocumentKind.INSPECTION_REPORT, "2018-01-29", "A\nrate of x\n")
    figure = report.metric("rate of x", 33, "2017-10-31", direction=Direction.NONE)
    fix = CorrectionMade.reclassify(
        figure,
        on="2020-01-01",
        reason="a rising rate is worse",
        direction=Direction.LOWER_IS_BETTER,
    )
    index = EventIndex([figure, fix])
    before, after = index.state_at("2019-01-01"), index.state_at("2021-01-01")
    change = diff_states(before, after).get(SUBJECT, "metric", "re_referral_rate")
    assert change is not None
    assert change.verdict is Verdict.PERSISTED
    assert change.after is not None
    assert change.after.evidence[0].id == figure.id
