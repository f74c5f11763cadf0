"""``timeline england``, ``movements`` and ``compare`` on the seeds, through the entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline.cli import main

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("england") / "timeline.db"
    assert main(["ingest", str(SEEDS), "--db", str(path), "--quiet"]) == 0
    return str(path)


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> dict:
    capsys.readouterr()
    assert main(argv) == 0
    found: dict = json.loads(capsys.readouterr().out)
    return found


def test_england_counts_every_authority_in_force(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every authority in force is counted: Buckinghamshire's grade, the rest not yet judged;
    the 2023 reorganisation of Cumbria makes 153 from 152."""
    for at, total in (("2018-02-01", 152), ("2024-01-01", 153)):
        argv = ["england", "--at", at, "--area", "overall_effectiveness", "--json", "--db", db]
        out = _json(capsys, argv)
        [england] = out["distributions"]
        assert england["authorities"] == total
        assert england["counts"]["inadequate" if at == "2018-02-01" else "good"] == (
            1 if at == "2018-02-01" else 0
        )
        assert england["counts"]["no_judgement"] == total - 1
        assert out["counted_from"] == "publication"


def test_england_lists_the_authorities_and_sources(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--list`` names each authority with the document its grade comes from; ``--known-at``
    counts from the inspection, and says so."""
    out = _json(
        capsys,
        [
            *("england", "--at", "2017-12-15", "--known-at", "2022-03-01", "--list", "--json"),
            *("--area", "adoption", "--by", "region", "--db", db),
        ],
    )
    assert out["counted_from"] == "inspection"
    england, *regions = out["distributions"]
    [held] = [h for h in england["holdings"] if h["grade"] != "no_judgement"]
    assert (held["subject"], held["grade"]) == ("Buckinghamshire", "good")
    assert held["source"]["document"].startswith("002_")
    south_east = next(r for r in regions if r["group"] == "South East")
    assert south_east["counts"]["good"] == 1
    capsys.readouterr()
    assert main(["england", "--at", "2018-02-01", "--list", "--db", db]) == 0
    table = capsys.readouterr().out
    assert "Buckinghamshire: inadequate" in table
    assert "counted from its report's publication" in table


def test_movements_between_two_dates(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """``movements FROM TO`` compares the grades in force on two dates."""
    out = _json(capsys, ["movements", "2018-02-01", "2022-03-01", "--json", "--db", db])
    [bucks] = [a for a in out["authorities"] if a["subject"] == "Buckinghamshire"]
    assert bucks["verdict"] == "improved"
    assert (bucks["before"]["grade"], bucks["after"]["grade"]) == (
        "inadequate",
        "requires_improvement",
    )


def test_movements_until_a_date_need_two_reports(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The seeds hold one report of each framework: no authority has a movement under one."""
    out = _json(capsys, ["movements", "--until", "2022-03-01", "--json", "--db", db])
    assert out["movements"] == []
    assert main(["movements", "--db", db]) == 2  # neither --until nor FROM TO
    assert main(["movements", "2022", "2018", "--db", db]) == 2


def test_compare_with_neighbours(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """An authority beside its ten statistical neighbours; an unknown one is a user error."""
    out = _json(capsys, ["compare", "buckinghamshire", "--at", "2018-02-01", "--json", "--db", db])
    overall = out["areas"]["overall_effectiveness"]
    assert overall["subject"]["grade"] == "inadequate"
    assert len(overall["neighbours"]) == 10
    assert overall["region"]["group"] == "South East"
    capsys.readouterr()
    assert main(["compare", "Narnia", "--at", "2018", "--db", db]) == 1
    assert "Narnia" in capsys.readouterr().err


def test_tables_name_what_they_count(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The tables say which date a grade counts from, and show each authority's grade."""
    capsys.readouterr()
    assert main(["compare", "Buckinghamshire", "--at", "2018-02-01", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Buckinghamshire beside its statistical neighbours" in out
    assert "inadequate" in out
    assert "% good+" in out
    assert "…" not in out  # fits the 120 columns piped output has
    assert main(["movements", "--until", "2022-03-01", "--db", db]) == 0
    assert "under one framework" in capsys.readouterr().out
    assert main(["movements", "2018-02-01", "2022-03-01", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Buckinghamshire" in out
    assert "improved" in out
