"""An index files each subject under the name its ``naming`` gives, never rewriting events."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from strategies import SUBJECTS, event_streams

from events import (
    Area,
    CorrectionMade,
    Grade,
    JudgementIssued,
    PartialDate,
    Period,
    Source,
    SQLiteStore,
)
from projections import EventIndex, FilingCache, find_conflicts, history

OE = Area.OVERALL_EFFECTIVENESS
SPELLINGS = {"Windsor & Maidenhead": "Windsor and Maidenhead", "RBWM": "Windsor and Maidenhead"}


def _spelled(name: str) -> str:
    return SPELLINGS.get(name, name)


def _grade(subject: str, when: str, grade: Grade) -> JudgementIssued:
    text = f"Overall effectiveness: {grade.value}"
    return JudgementIssued(
        subject=subject,
        valid=Period(PartialDate.parse(when)),
        known=PartialDate.parse(when),
        source=Source.from_text(text, 0, len(text), document_id=when * 4, file_name=f"{when}.txt"),
        area=OE,
        wording="Overall effectiveness",
        grade=grade,
    )


def _renamed(subjects: dict[str, object], rename: dict[str, str]) -> dict[str, object]:
    return {rename.get(s, s): v for s, v in subjects.items()}


@given(stream=event_streams())
def test_a_renaming_changes_only_the_subjects_names(stream: list) -> None:
    """Under a one-to-one naming, every state, conflict and history is the plain index's with
    the subjects renamed, and a query may name a subject by the name its events hold."""
    rename = {SUBJECTS[0]: "First Council", SUBJECTS[1]: "Second Council"}
    plain = EventIndex(stream)
    named = EventIndex(stream, naming=lambda s: rename.get(s, s))
    assert named.subjects == sorted(rename[s] for s in plain.subjects)
    for at in ("2014", "2017-06-30", "2021", "2030"):
        expected = plain.state_at(at).to_dict()
        got = named.state_at(at).to_dict()
        assert got["subjects"] == _renamed(expected["subjects"], rename)
        for old, new in rename.items():
            by_old = named.state_at(at, subject=old).to_dict()["subjects"]
            assert by_old == named.state_at(at, subject=new).to_dict()["subjects"]
            assert by_old == _renamed(plain.state_at(at, subject=old).to_dict()["subjects"], rename)
    plain_conflicts = [c.to_dict() for c in find_conflicts(plain)]
    for c in plain_conflicts:
        c["subject"] = rename[c["subject"]]
    assert sorted(map(str, plain_conflicts)) == sorted(
        str(c.to_dict()) for c in find_conflicts(named)
    )
    for key in {k[2] for k in plain.keys(subject=None)}:
        assert [h.event.id for h in history(named, key)] == [
            h.event.id for h in history(plain, key)
        ]
    assert {e.id for e in named} == {e.id for e in plain}


def test_spellings_of_one_authority_share_its_buckets() -> None:
    """Events that spell one authority three ways make one subject whose latest grade wins; the
    events keep the names they were written with."""
    old = _grade("Windsor & Maidenhead", "2016-05-01", Grade.INADEQUATE)
    mid = _grade("RBWM", "2019-05-01", Grade.REQUIRES_IMPROVEMENT)
    new = _grade("Windsor and Maidenhead", "2023-05-01", Grade.GOOD)
    index = EventIndex([old, mid, new], naming=_spelled)
    assert index.subjects == ["Windsor and Maidenhead"]
    for asked in ("Windsor & Maidenhead", "RBWM", "Windsor and Maidenhead"):
        assert index.state_at("2020", subject=asked).grade("Windsor and Maidenhead", OE) is (
            Grade.REQUIRES_IMPROVEMENT
        )
    assert index.state_at("2024").grade("Windsor and Maidenhead", OE) is Grade.GOOD
    assert EventIndex([old, mid, new]).subjects == sorted(
        ["Windsor & Maidenhead", "RBWM", "Windsor and Maidenhead"]
    )
    assert [e.subject for e in sorted(index, key=lambda e: e.known.sort_key())] == [
        "Windsor & Maidenhead",
        "RBWM",
        "Windsor and Maidenhead",
    ]


def test_a_correction_keeps_a_renamed_event_in_its_bucket() -> None:
    """A reclassified grade under an old spelling is still read from the named subject's bucket,
    and a retraction still withdraws it."""
    old = _grade("Windsor & Maidenhead", "2019-05-01", Grade.INADEQUATE)
    fixed = CorrectionMade.reclassify(old, on="2019-06-01", reason="misread", grade=Grade.GOOD)
    index = EventIndex([old, fixed], naming=_spelled)
    assert index.state_at("2020").grade("Windsor and Maidenhead", OE) is Grade.GOOD
    index.add([CorrectionMade.retract(old, on="2019-07-01", reason="wrong report")])
    assert index.state_at("2020").grade("Windsor and Maidenhead", OE) is None


def test_naming_is_asked_once_per_distinct_name() -> None:
    """Filing many events about a few spellings calls ``naming`` once for each spelling."""
    asked: list[str] = []

    def naming(name: str) -> str:
        asked.append(name)
        return _spelled(name)

    events = [
        _grade(subject, f"20{year:02d}-03-01", Grade.GOOD)
        for year in range(10, 24)
        for subject in ("Windsor & Maidenhead", "RBWM")
    ]
    index = EventIndex(events, naming=naming)
    index.state_at("2024", subject="RBWM")
    assert sorted(asked) == ["RBWM", "Windsor & Maidenhead"]


def test_a_filing_saved_before_a_naming_is_filed_under_it_when_restored() -> None:
    """A store's saved filing keyed by the old spellings is restored under the naming's names,
    buckets merged, the same as filing the rows afresh."""
    events = [
        _grade("Windsor & Maidenhead", "2016-05-01", Grade.INADEQUATE),
        _grade("Windsor and Maidenhead", "2023-05-01", Grade.GOOD),
        _grade("Kent", "2022-05-01", Grade.GOOD),
    ]
    with tempfile.TemporaryDirectory() as folder, SQLiteStore(Path(folder) / "e.db") as store:
        store.append(events)
        cache = FilingCache.beside(store.path)
        EventIndex.from_store(store, cache=cache, save_after=0)  # keeps one under the old names
        restored = EventIndex.from_store(store, cache=cache, naming=_spelled, save_after=2**63)
        fresh = EventIndex.from_store(store, naming=_spelled)
        assert restored.saved_rows == len(events)
        assert restored.same_filing(fresh)
        assert restored.subjects == ["Kent", "Windsor and Maidenhead"]
        assert (
            restored.state_at("2024").to_dict()
            == EventIndex(events, naming=_spelled).state_at("2024").to_dict()
        )


def test_a_filing_is_saved_only_under_the_names_events_hold() -> None:
    """A store's filing is saved when the naming renames nothing, never under other names (the
    rows alone would not give it back)."""
    events = [
        _grade("Windsor & Maidenhead", "2016-05-01", Grade.INADEQUATE),
        _grade("Kent", "2022-05-01", Grade.GOOD),
    ]
    with tempfile.TemporaryDirectory() as folder, SQLiteStore(Path(folder) / "e.db") as store:
        store.append(events)
        cache = FilingCache.beside(store.path)
        EventIndex.from_store(store, cache=cache, naming=_spelled, save_after=0)
        assert cache.load() is None
        EventIndex.from_store(store, cache=cache, naming=str.strip, save_after=0)
        assert cache.load() is not None
