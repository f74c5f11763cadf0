"""Selecting and folding are two steps: the fold reads a selection and documents, never an index."""

from __future__ import annotations

import ast
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from test_latest_claims import _claim
from test_properties import streams_with_dates

from events import Area, Grade, JudgementIssued, MetricObserved, PartialDate
from projections import EventIndex
from projections.folding import Selection, fold

FOLDING = Path(__file__).resolve().parents[2] / "projections" / "folding.py"


def test_the_fold_imports_nothing_of_the_index() -> None:
    """``projections.folding`` imports no module that could call back into an index."""
    tree = ast.parse(FOLDING.read_text(encoding="utf-8"))
    imported = {
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module is not None
    } | {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    assert not any(name.startswith("projections.index") for name in imported)


def test_a_selection_made_by_hand_folds_without_an_index() -> None:
    """Claims about two inspections fold to the later one's grade; an empty bucket to nothing."""
    earlier, later = _claim("2015-01-10", Grade.INADEQUATE), _claim("2019-03-01", Grade.GOOD)
    area = Area.OVERALL_EFFECTIVENESS.value
    state = fold(Selection(claims={area: [earlier, later]}, observations={}, themes={}), {})
    assert state.judgements[area].grade is Grade.GOOD
    assert state.judgements[area].claims == (later,)
    empty = fold(Selection(claims={area: []}, observations={"x": []}, themes={}), {})
    assert (empty.judgements, empty.metrics, empty.themes) == ({}, {}, {})


@settings(max_examples=200)
@given(data=st.data(), case=streams_with_dates())
def test_a_selection_folds_as_every_visible_event_would(data: st.DataObject, case: tuple) -> None:
    """Selecting is only a saving: each judgement's latest inspection and each metric's newest
    figures fold to the same views as every claim and figure visible on the date would, and the
    state is the one ``state_at`` gives."""
    stream, dates = case
    index = EventIndex(stream)
    if not index.subjects:
        return
    subject = data.draw(st.sampled_from(index.subjects))
    date = PartialDate.coerce(data.draw(st.sampled_from(dates)))
    at = date.ordinal
    selection = index.select(subject, at, at)
    documents = dict(index.documents_known(at))
    visible = {key: index.bucket(key, at, at) for key in index.keys(subject)}
    everything = Selection(
        claims={k[2]: [e for e in v if isinstance(e, JudgementIssued)]
                for k, v in visible.items() if k[1] == "judgement"},
        observations={k[2]: [e for e in v if isinstance(e, MetricObserved)]
                      for k, v in visible.items() if k[1] == "metric"},
        themes=selection.themes,
    )  # fmt: skip
    folded = fold(selection, documents)
    assert folded == fold(everything, documents)
    expected = index.state_at(date, subject=subject).subjects.get(subject)
    if folded.judgements or folded.metrics or folded.themes:
        assert folded == expected
    else:
        assert expected is None
