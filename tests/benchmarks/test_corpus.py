"""The synthetic corpus at small sizes: deterministic, readable, shaped like the seeds."""

from __future__ import annotations

import collections
import re

import pytest

from benchmarks.corpus import (
    Document,
    authority_names,
    documents,
    generate,
    subject_names,
    synthetic_events,
)
from events import DocumentKind, DocumentRecorded, PartialDate
from timeline import Reading, read_text
from timeline.register import Register

KINDS = {
    "report": DocumentKind.INSPECTION_REPORT,
    "monitoring": DocumentKind.MONITORING_VISIT,
    "focused": DocumentKind.FOCUSED_VISIT,
    "news": DocumentKind.NEWS_ARTICLE,
    "minutes": DocumentKind.COUNCIL_MINUTES,
}
# Sizes in bytes, as the seeds have them.
SIZES = {
    "report": (30_000, 80_000),
    "monitoring": (8_000, 15_000),
    "focused": (8_000, 15_000),
    "news": (5_000, 8_000),
    "minutes": (6_000, 10_000),
}


def _kind(file_name: str) -> str:
    return file_name.rsplit("_", 1)[-1].removesuffix(".txt")


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


@pytest.fixture(scope="module")
def corpus() -> list[Document]:
    """Two authorities over five years: every kind appears at least once."""
    return list(generate(authorities=2, years=5, seed=1))


@pytest.fixture(scope="module")
def readings(corpus: list[Document]) -> list[tuple[Document, Reading]]:
    return [(doc, read_text(doc[1], doc[0], doc[2])) for doc in corpus]


def test_same_seed_same_documents(corpus: list[Document]) -> None:
    """A seed gives the same documents byte for byte; another seed gives others."""
    assert list(generate(authorities=2, years=5, seed=1)) == corpus
    assert [d[1] for d in generate(authorities=2, years=5, seed=2)] != [d[1] for d in corpus]


def test_more_authorities_extend_the_corpus(corpus: list[Document]) -> None:
    """Asking for more authorities adds documents without changing the first ones."""
    first = list(generate(authorities=1, years=5, seed=1))
    assert corpus[: len(first)] == first


def test_authority_names_are_the_registers() -> None:
    """The register's authorities in force 2010-2024, by the register's names, none repeated,
    in an order the seed decides: enough for the 2,000-document corpus (104 authorities)."""
    register = Register.default()
    names = authority_names(0)
    assert 104 <= len(names) <= len(register)
    assert len(set(names)) == len(names)
    for name in names:
        authority = register.lookup(name)
        assert authority is not None
        assert authority.name == name
        assert (authority.in_force_from, authority.in_force_to) == (None, None), name
    assert {"Poole", "Cumbria", "Westmorland and Furness"}.isdisjoint(names)
    assert authority_names(0) == names
    assert authority_names(1) != names
    assert sorted(authority_names(1)) == sorted(names)


def test_councils_are_named_in_the_registers_legal_forms() -> None:
    """Each report opens with its council's legal name, one of the register's names for it, and
    the corpus uses several forms ("... County Council", "London Borough of ...")."""
    register = Register.default()
    forms = set()
    for name, text, _ in generate(authorities=40, years=4, seed=0):
        if _kind(name) == "report":
            council = text.lstrip().split("\n", 1)[0]
            authority = register.lookup(council)
            assert authority is not None, council
            assert council in authority.aliases
            assert _slug(authority.name) == name.rsplit("_", 2)[0]
            forms.add(council.replace(authority.name, "X"))
    assert {"X County Council", "London Borough of X"} <= forms
    assert len(forms) >= 5


def test_past_the_register_authorities_come_round_again() -> None:
    """A run asking for more authorities than the register has tells another history of the
    first ones, under their names (readable) and files marked ``_2``."""
    names = authority_names(4)
    more = list(generate(authorities=len(names) + 1, years=4, seed=4))
    again = [d for d in more if d[0].startswith(f"{_slug(names[0])}_2_")]
    first = [d for d in more if re.match(rf"{_slug(names[0])}_\d{{4}}-", d[0])]
    assert again
    assert first
    assert [d[1] for d in again] != [d[1] for d in first]
    reading = read_text(again[0][1], again[0][0], again[0][2])
    assert reading.info.subject == names[0]
    assert len(documents(len(more) + 1, years=4, seed=4)) == len(more) + 1


def test_subject_names_past_the_register_are_numbered() -> None:
    """Synthetic events' subjects are distinct: the register's names, then the same numbered."""
    names = authority_names(2)
    subjects = subject_names(len(names) + 2, seed=2)
    assert subjects[: len(names)] == names
    assert subjects[len(names) :] == [f"{names[0]} 2", f"{names[1]} 2"]
    assert len(set(subjects)) == len(subjects)


def test_every_kind_with_seed_like_sizes(corpus: list[Document]) -> None:
    """All five kinds appear, each within the size range of its seed."""
    kinds = collections.Counter(_kind(name) for name, _, _ in corpus)
    assert set(kinds) == set(KINDS)
    for name, text, _ in corpus:
        low, high = SIZES[_kind(name)]
        assert low <= len(text.encode()) <= high, name


def test_only_undated_documents_carry_metadata(corpus: list[Document]) -> None:
    """News articles are undated in their text, so their publication date comes as metadata."""
    for name, _, metadata in corpus:
        if _kind(name) == "news":
            assert metadata is not None
            assert isinstance(metadata.published, PartialDate)
        else:
            assert metadata is None


def test_every_document_reads_as_its_kind_and_authority(
    readings: list[tuple[Document, Reading]],
) -> None:
    """Each document reads without error, as the kind and authority it was written as."""
    for (name, _, _), reading in readings:
        assert reading.info.kind is KINDS[_kind(name)], name
        assert _slug(reading.info.subject) == name.rsplit("_", 2)[0]


def test_documents_yield_judgements_findings_and_figures(
    readings: list[tuple[Document, Reading]],
) -> None:
    """Every document has findings and a grade; reports and letters carry figures too."""
    for (name, _, _), reading in readings:
        counts = reading.counts()
        assert counts.get("finding_recorded", 0) >= 10, name
        assert counts.get("judgement_issued", 0) >= 1, name
        if _kind(name) in ("report", "monitoring", "focused"):
            assert counts.get("metric_observed", 0) >= 1, name
        if _kind(name) == "report":
            assert counts.get("judgement_issued", 0) >= 4, name
            assert counts.get("recommendation_made", 0) >= 1, name


def test_quotes_equal_their_spans(readings: list[tuple[Document, Reading]]) -> None:
    """Every event's quote is exactly the text at its span."""
    for (_, text, _), reading in readings:
        for event in reading.events:
            assert text[event.source.start : event.source.end] == event.source.quote


def test_grades_move_between_inspections() -> None:
    """Across authorities and years a report's overall grade takes at least three values."""
    overall = re.compile(
        r"Children's services in [\w ]+ are ([a-z ]+)\t|Overall effectiveness\n([A-Za-z ]+)\n"
    )
    grades = set()
    for name, text, _ in generate(authorities=10, years=15, seed=3):
        if _kind(name) == "report":
            found = overall.search(text)
            assert found is not None, name
            grades.add((found.group(1) or found.group(2)).lower())
    assert len(grades) >= 3


def test_synthetic_events_are_deterministic_and_spread() -> None:
    """Exactly n events, unique ids, over the subjects asked for, the same on every call."""
    events = list(synthetic_events(3_000, subjects=5, seed=1))
    assert len(events) == 3_000
    assert len({e.id for e in events}) == 3_000
    assert {e.subject for e in events} == set(authority_names(1)[:5])
    assert [e.id for e in synthetic_events(3_000, subjects=5, seed=1)] == [e.id for e in events]
    assert all(2000 <= e.known.year <= 2024 for e in events)


def test_synthetic_events_keep_documents_consistent() -> None:
    """Each cloned document's events share its subject and a document record that names it."""
    events = list(synthetic_events(2_000, subjects=3, seed=2))
    records = {e.document_id: e for e in events if isinstance(e, DocumentRecorded)}
    for event in events:
        record = records[event.source.document_id]
        assert event.subject == record.subject
        assert event.source.file_name == record.file_name


def test_synthetic_events_do_not_depend_on_processes() -> None:
    """Cloning in a pool of processes gives the same events in the same order."""
    alone = [e.id for e in synthetic_events(1_500, subjects=4, seed=3)]
    assert [e.id for e in synthetic_events(1_500, subjects=4, seed=3, processes=2)] == alone
