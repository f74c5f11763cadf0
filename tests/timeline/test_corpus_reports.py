"""The reader on 242 real Ofsted reports of 87 authorities: every one read right, or named."""

from __future__ import annotations

from typing import Any

import corpus_gold
import pytest
from corpus_gold import CORPUS, Miss, Outcome, compare, gold, misses_table, read_corpus

pytestmark = pytest.mark.skipif(
    not (CORPUS / "gold.json").is_file(),
    reason=f"the real corpus is not at {CORPUS} (CI has it; see ../shared/corpus/README.md)",
)


@pytest.fixture(scope="module")
def entries() -> list[dict[str, Any]]:
    return gold()


@pytest.fixture(scope="module")
def outcomes(entries: list[dict[str, Any]]) -> dict[str, Outcome]:
    return read_corpus(entries)


@pytest.fixture(scope="module")
def misses(entries: list[dict[str, Any]], outcomes: dict[str, Outcome]) -> list[Miss]:
    found = [m for e in entries for m in compare(e, outcomes[e["file"]])]
    corpus_gold.summary[:] = misses_table(entries, found)
    return found


def test_every_report_has_its_authority_date_and_judgements(misses: list[Miss]) -> None:
    """Authority, publication date and every front-page grade right in every labelled report."""
    assert not misses, "\n".join(corpus_gold.summary)


def test_dates_not_in_the_text_say_where_they_came_from(
    entries: list[dict[str, Any]], outcomes: dict[str, Outcome]
) -> None:
    """A report that prints no publication date is dated from outside its text, and says so."""
    for entry in entries:
        outcome = outcomes[entry["file"]]
        if outcome.error is None and "published_in_text" in entry:
            from_text = outcome.date_source == "text"
            assert from_text == entry["published_in_text"], (entry["file"], outcome.date_source)


def test_one_subject_per_authority(
    entries: list[dict[str, Any]], outcomes: dict[str, Outcome]
) -> None:
    """However a report spells its council, one DfE code is one subject name."""
    names: dict[str, set[str]] = {}
    for entry in entries:
        outcome = outcomes[entry["file"]]
        if outcome.la_code is not None and outcome.subject is not None:
            names.setdefault(outcome.la_code, set()).add(outcome.subject)
    assert names, "no report was read"
    assert {code: n for code, n in names.items() if len(n) > 1} == {}


def test_single_inspection_reports_grade_the_safeguarding_board(
    entries: list[dict[str, Any]], outcomes: dict[str, Outcome]
) -> None:
    """Most single-inspection-framework reports grade the LSCB too: read it as its own area."""
    sif = [outcomes[e["file"]] for e in entries if e.get("framework") == "SIF"]
    with_board = [o for o in sif if o.judgements.get("lscb")]
    assert len(with_board) >= 0.8 * len(sif)
    assert all(len(o.judgements["lscb"]) == 1 for o in with_board)
