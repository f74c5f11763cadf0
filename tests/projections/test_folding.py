"""Selecting and folding are two steps: the fold reads a selection and documents, never an index."""

from __future__ import annotations

import ast
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from test_latest_claims import _claim
from test_properties import streams_with_dates

from events import Area, Grade, PartialDate
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
def test_folding_a_selection_again_gives_the_same_state(data: st.DataObject, case: tuple) -> None:
    """A selection is a value: folded twice it gives the same subject state, and that state is
    the one the index's ``state_at`` holds for the subject."""
    stream, dates = case
    index = EventIndex(stream)
    if not index.subjects:
        return
    subject = data.draw(st.sampled_from(index.subjects))
    at = PartialDate.coerce(data.draw(st.sampled_from(dates)))
    selection = index.select(subject, at.ordinal, at.ordinal)
    documents = dict(index.documents_known(at.ordinal))
    folded = fold(selection, documents)
    assert folded == fold(selection, documents)
    expected = index.state_at(at, subject=subject).subjects.get(subject)
    if folded.judgements or folded.metrics or folded.themes:
        assert folded == expected
    else:
        assert expected is None
