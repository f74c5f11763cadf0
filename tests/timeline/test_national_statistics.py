"""England's figures from the real corpus equal the same figures worked out from its gold labels.

Ofsted's official statistics as at 31 March 2024 (all 153 authorities): 60% good or outstanding
for overall effectiveness, 54% for help and protection, London 85% and the North West 36%; of
the 65 authorities with more than one ILACS inspection, 26 improved, 15 stayed good or
outstanding and 12 declined. The official figures count each authority's latest inspection
by its dates, as known now. The corpus holds 87 authorities, so the same definition is applied
to its hand-checkable gold (``gold.json``) and the timeline's answers must equal it exactly.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from corpus_gold import CORPUS, gold, read_corpus

from events import Area, MemoryStore
from projections import England, Movements
from timeline import Register, Timeline

pytestmark = pytest.mark.skipif(
    not (CORPUS / "gold.json").is_file(),
    reason=f"the real corpus is not at {CORPUS} (CI has it; see ../shared/corpus/README.md)",
)

AT = datetime.date(2024, 3, 31)
TODAY = datetime.date.today()
GOOD = ("good", "outstanding")
ILACS = ("ILACS", "ILACS 2023")


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    entries = gold()
    found = Timeline(MemoryStore())
    for outcome in read_corpus(entries).values():
        found.append(outcome.events)
    return found


def _latest_by_authority(entries: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each authority's latest labelled inspection begun by the date."""
    latest: dict[str, dict[str, Any]] = {}
    for entry in sorted(entries, key=lambda e: e.get("visit_start") or ""):
        started = entry.get("visit_start")
        if "judgements" in entry and started and datetime.date.fromisoformat(started) <= AT:
            latest[entry["la_code"]] = entry
    return latest


def _share(entries: list[dict[str, Any]], area: str) -> tuple[int, int]:
    graded = [e for e in entries if e["judgements"].get(area) not in (None, "not_judged")]
    good = [e for e in graded if e["judgements"][area] in GOOD]
    return len(good), len(graded)


def _timeline_share(picture: England, area: Area, group: str = "England") -> tuple[int, int]:
    found = picture.distribution(area, group)
    counts = found.counts()
    return counts["good"] + counts["outstanding"], found.judged


def test_shares_good_or_better_equal_the_gold(timeline: Timeline) -> None:
    """Overall, help and protection, London and the North West, as at 31 March 2024."""
    register = Register.default()
    latest = _latest_by_authority(gold())
    picture = timeline.england(AT, TODAY, by="region")
    assert picture.axis == "inspection"
    for area in (Area.OVERALL_EFFECTIVENESS, Area.HELP_AND_PROTECTION):
        assert _timeline_share(picture, area) == _share(list(latest.values()), area.value)
    for region in ("London", "North West"):
        mine = [e for code, e in latest.items() if register.by_code(code).region == region]
        assert _timeline_share(picture, Area.OVERALL_EFFECTIVENESS, region) == _share(
            mine, "overall_effectiveness"
        )
    # Every authority in force is counted; those the corpus lacks have no judgement.
    overall = picture.distribution(Area.OVERALL_EFFECTIVENESS)
    assert len(overall.holdings) == 153
    assert overall.counts()["no_judgement"] == 153 - overall.judged


def test_movements_between_the_last_two_ilacs_inspections_equal_the_gold(
    timeline: Timeline,
) -> None:
    """Improved, retained and declined between each authority's last two ILACS inspections."""
    series: dict[str, list[dict[str, Any]]] = {}
    for entry in sorted(gold(), key=lambda e: e.get("visit_start") or ""):
        started = entry.get("visit_start")
        if (
            entry.get("framework") in ILACS
            and started
            and datetime.date.fromisoformat(started) <= AT
        ):
            series.setdefault(entry["la_code"], []).append(entry)
    expected = {"improved": 0, "retained_good": 0, "retained_weak": 0, "declined": 0}
    order = ("inadequate", "requires_improvement", "good", "outstanding")
    for inspections in series.values():
        if len(inspections) < 2:
            continue
        was, now = (order.index(e["judgements"]["overall_effectiveness"]) for e in inspections[-2:])
        verdict = (
            "improved"
            if now > was
            else "declined"
            if now < was
            else "retained_good"
            if now >= 2
            else "retained_weak"
        )
        expected[verdict] += 1
    moved: Movements = timeline.movements(AT, TODAY)
    assert moved.counts() == expected
    assert sum(expected.values()) > 10  # the corpus holds enough repeat inspections to mean it


def test_an_authority_beside_its_neighbours(timeline: Timeline) -> None:
    """Each neighbour's grade is its own state's; the region and England are the national
    counts on the same date."""
    register = Register.default()
    compared = timeline.compare("bury", AT, TODAY)
    assert compared.subject == "Bury"
    assert len(compared.neighbours) == 10
    state = timeline.state_at(AT, TODAY)
    for name in (compared.subject, *compared.neighbours):
        holding = compared.holding(name, Area.OVERALL_EFFECTIVENESS)
        assert holding.grade is state.grade(name, Area.OVERALL_EFFECTIVENESS)
    national = timeline.england(AT, TODAY, by="region")
    area = Area.OVERALL_EFFECTIVENESS
    region = register.lookup("Bury")
    assert region is not None
    out = compared.to_dict()["areas"]["overall_effectiveness"]
    assert out["region"] == national.distribution(area, region.region).to_dict()
    assert out["england"] == national.distribution(area).to_dict()
    assert any(n["grade"] != "no_judgement" for n in out["neighbours"])
