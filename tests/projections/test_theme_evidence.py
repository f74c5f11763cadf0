"""Which evidence sets a theme's level: the inspectorate's latest first-hand findings.

News and council minutes retell, discuss and question; published after an inspection they are
shown beside its findings as corroboration and never move the level (issue 15.3).
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import event_streams, findings, query_dates, sources

from events import AnyEvent, DocumentKind, FindingRecorded, PartialDate, Polarity
from projections import EventIndex
from projections.folding import first_hand
from timeline import Timeline

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
RETELLING = (DocumentKind.NEWS_ARTICLE, DocumentKind.COUNCIL_MINUTES)


@pytest.fixture(scope="module")
def seeds() -> Timeline:
    timeline = Timeline.open(":memory:")
    timeline.ingest(SEEDS)
    return timeline


@pytest.mark.parametrize("at", ["2018-06-01", "2021-06-01", "2022-03-01", "2024-01-01"])
def test_seed_themes_stand_as_the_inspectorate_left_them(seeds: Timeline, at: str) -> None:
    """Every theme the inspectorate's documents speak to reads as they alone would have it,
    whatever the news article and the minutes say (corporate parenting among them)."""
    events = list(seeds.index)
    retold = [e for e in events if e.source.document_kind in RETELLING]
    assert retold, "the seeds hold a news article and council minutes"
    own = EventIndex([e for e in events if e.source.document_kind not in RETELLING])
    everything = seeds.state_at(at).subjects["Buckinghamshire"].themes
    inspectorate = own.state_at(at).subjects.get("Buckinghamshire")
    assert inspectorate is not None
    for theme, view in inspectorate.themes.items():
        assert everything[theme].polarity is view.polarity, theme
        assert everything[theme].findings == view.findings
        assert all(first_hand(f) for f in everything[theme].findings)


def test_retellings_after_an_inspection_are_corroboration(seeds: Timeline) -> None:
    """A later retelling on a theme the inspectorate judged is shown beside it, not instead."""
    state = seeds.state_at("2024-01-01").subjects["Buckinghamshire"]
    shown = [(t, f) for t, view in state.themes.items() for f in view.corroboration]
    for theme, finding in shown:
        view = state.themes[theme]
        assert not first_hand(finding)
        assert finding.known >= view.as_of
        assert view.to_dict()["corroboration"]
    decided_by_retelling = [v for v in state.themes.values() if not first_hand(v.findings[0])]
    for view in decided_by_retelling:  # only themes no inspectorate document speaks to
        assert not view.corroboration


@st.composite
def _retelling(draw: st.DrawFn) -> FindingRecorded:
    finding = draw(findings())
    source = attrs.evolve(draw(sources()), document_kind=draw(st.sampled_from(RETELLING)))
    return attrs.evolve(finding, source=source)


@settings(max_examples=300, deadline=None)
@given(stream=event_streams(max_size=10), retold=_retelling(), at=query_dates())
def test_a_retelling_never_changes_a_level_first_hand_findings_set(
    stream: list[AnyEvent], retold: FindingRecorded, at: PartialDate
) -> None:
    """Adding a retelling (of any date, polarity and theme) changes no theme whose level the
    inspectorate's findings set; where it does decide, no first-hand finding was there."""
    before = EventIndex(stream).state_at(at)
    after = EventIndex([*stream, retold]).state_at(at)
    for subject, state in after.subjects.items():
        old = before.subjects.get(subject)
        for theme, view in state.themes.items():
            earlier = None if old is None else old.themes.get(theme)
            if earlier is not None and first_hand(earlier.findings[0]):
                assert view.polarity is earlier.polarity
                assert view.findings == earlier.findings
            if not first_hand(view.findings[0]):
                assert all(not first_hand(f) for f in view.findings)
                assert earlier is None or not first_hand(earlier.findings[0])


@settings(max_examples=200, deadline=None)
@given(stream=event_streams(max_size=10), at=query_dates())
def test_the_deciding_findings_are_the_latest_first_hand_ones(
    stream: list[AnyEvent], at: PartialDate
) -> None:
    """No first-hand finding visible on the date is newer than the deciding ones, and a mixed
    level means the deciding findings disagree."""
    index = EventIndex(stream)
    state = index.state_at(at)
    for subject, subject_state in state.subjects.items():
        for theme, view in subject_state.themes.items():
            visible = index.bucket((subject, "theme", theme), at.ordinal, at.ordinal)
            own = [e for e in visible if isinstance(e, FindingRecorded) and first_hand(e)]
            if own:
                assert all(first_hand(f) for f in view.findings)
                assert max(f.known.sort_code for f in own) == view.as_of.sort_code
            polarities = {f.polarity for f in view.findings}
            assert (view.polarity is Polarity.MIXED) == (len(polarities) > 1) or (
                polarities == {Polarity.MIXED}
            )
