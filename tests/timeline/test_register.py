"""The authority register: unique codes, closed lineage, names that resolve, mentions in text."""

from __future__ import annotations

import csv
import datetime
import json
from pathlib import Path

import pytest

from events import DocumentError, UnknownAuthorityError
from timeline import LocalAuthority, Register

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(), reason="the shared corpus (../shared/corpus) is not checked out here"
)
TODAY = datetime.date.today()
REGISTER = Register.default()


def _days(authority: LocalAuthority) -> list[datetime.date]:
    """Days on which a name of ``authority`` must resolve to it: any day it was in force."""
    if authority.in_force_to is not None:
        return [authority.in_force_to]
    return [authority.in_force_from or TODAY]


def test_register_holds_every_authority_since_2013() -> None:
    """153 authorities today plus the five abolished since 2013."""
    assert len(REGISTER) == 158
    assert sum(a.in_force(TODAY) for a in REGISTER) == 153
    assert {a.la_code for a in REGISTER if not a.in_force(TODAY)} == {
        "835",
        "836",
        "837",
        "909",
        "928",
    }


def test_dfe_codes_are_unique() -> None:
    """No two authorities share a DfE code."""
    codes = [a.la_code for a in REGISTER]
    assert len(codes) == len(set(codes))
    assert all(len(code) == 3 and code.isdigit() for code in codes)


def test_display_names_are_unique() -> None:
    """A name is a subject: two authorities never share one, even across a reorganisation."""
    names = [authority.name for authority in REGISTER]
    assert len(names) == len(set(names))


def test_ons_codes_current_and_former_are_unique() -> None:
    """An ONS code, current or former, names one authority."""
    codes = [c for a in REGISTER for c in (a.ons_code, *a.former_ons_codes)]
    assert all(codes)
    assert len(codes) == len(set(codes))
    for code in codes:
        assert REGISTER.by_code(code).la_code == REGISTER.by_code(code.lower()).la_code


def test_every_name_and_alias_resolves_to_its_authority() -> None:
    """Each name and alias means exactly its own authority on a day that authority existed."""
    for authority in REGISTER:
        for name in authority.names:
            for day in _days(authority):
                assert REGISTER.resolve(name, day) is authority, (name, day)


def test_lineage_is_closed_and_symmetric() -> None:
    """Predecessors and successors exist, link both ways, and meet on consecutive days."""
    for authority in REGISTER:
        for code in authority.successors:
            successor = REGISTER.by_code(code)
            assert authority.la_code in successor.predecessors
            assert authority.in_force_to is not None
            assert successor.in_force_from == authority.in_force_to + datetime.timedelta(days=1)
        for code in authority.predecessors:
            assert authority.la_code in REGISTER.by_code(code).successors


def test_authorities_in_force_today_have_ten_neighbours() -> None:
    """Every current authority has ten statistical neighbours, all in the register."""
    for authority in REGISTER:
        if authority.in_force(TODAY):
            assert len(authority.neighbours) == 10, authority.name
            assert len(set(authority.neighbours)) == 10, authority.name
            for code in authority.neighbours:
                assert REGISTER.by_code(code).la_code == code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Nottingham", "892"),
        ("Nottinghamshire", "891"),
        ("Nottingham City Council", "892"),
        ("Nottinghamshire County Council", "891"),
        ("Leicester", "856"),
        ("Leicester City Council", "856"),
        ("Leicester City", "856"),
        ("Leicestershire", "855"),
        ("York", "816"),
        ("City of York Council", "816"),
        ("North Yorkshire", "815"),
        ("North Yorkshire County Council", "815"),
        ("Bedford", "822"),
        ("Bedford Borough Council", "822"),
        ("Central Bedfordshire", "823"),
        ("City of Bradford Metropolitan District Council", "380"),
        ("Bristol City Council", "801"),
        ("Bristol, City of", "801"),
        ("Durham County Council", "840"),
        ("Hull", "810"),
        ("Kingston upon Hull City Council", "810"),
        ("Windsor & Maidenhead", "868"),
        ("Royal Borough of Windsor and Maidenhead", "868"),
        ("the Isles of Scilly", "420"),
        ("Council of the Isles of Scilly", "420"),
        ("City of London", "201"),
        ("City of London Corporation", "201"),
        ("Royal Borough of Kensington and Chelsea", "207"),
        ("Barnsley Metropolitan Borough Council", "370"),
        ("London Borough of Tower Hamlets", "211"),
        ("St. Helens", "342"),
        ("ST HELENS", "342"),
        ("Southend-on-Sea", "882"),
        ("Southend on Sea", "882"),
        ("Telford & Wrekin", "894"),
        ("Brighton & Hove", "846"),
        ("Bournemouth, Christchurch & Poole", "839"),
        ("Buckinghamshire County Council", "825"),
        ("Buckinghamshire Council", "825"),
        ("Stockport Metropolitan Borough Council", "356"),
        ("Narnia County Council", None),
    ],
)
def test_hard_names_resolve(name: str, code: str | None) -> None:
    """Names that share words with another authority, and legal forms, find the right one."""
    found = REGISTER.lookup(name)
    assert (found.la_code if found else None) == code


def test_dorset_resolves_by_date() -> None:
    """A bare "Dorset" is the county council to 31 March 2019 and Dorset Council after."""
    assert REGISTER.resolve("Dorset", datetime.date(2019, 3, 31)).la_code == "835"
    assert REGISTER.resolve("Dorset", datetime.date(2019, 4, 1)).la_code == "838"
    assert REGISTER.resolve("Dorset County Council", datetime.date(2022, 1, 1)).la_code == "835"
    assert REGISTER.resolve("Dorset Council", datetime.date(2015, 1, 1)).la_code == "838"


def test_unknown_name_names_three_closest() -> None:
    """An invented council is refused with the three nearest register names."""
    with pytest.raises(UnknownAuthorityError) as caught:
        REGISTER.resolve("Narnia County Council")
    assert isinstance(caught.value, DocumentError)
    message = str(caught.value)
    assert "\n" not in message
    closest = message.split("closest: ")[1].split(", ")
    assert len(closest) == 3
    assert all(REGISTER.lookup(name) is not None for name in closest)
    assert REGISTER.closest("Lecester")[0] == "Leicester"


def test_by_code_raises_key_error() -> None:
    """An unknown code is a KeyError."""
    with pytest.raises(KeyError):
        REGISTER.by_code("999")


def test_mentions_longest_match_whole_words_across_lines() -> None:
    """Mentions prefer the longer name, need whole capitalised words and survive line breaks."""
    text = (
        "Inspection of North Yorkshire County Council. Bournemouth, Christchurch\n"
        "and Poole; reading in Reading; Bedfordshire; St. Helens; Leicestershire."
    )
    found = [name for _, _, name in REGISTER.mentions(text)]
    assert found == [
        "North Yorkshire County Council",
        "Bournemouth, Christchurch\nand Poole",
        "Reading",
        "St. Helens",
        "Leicestershire",
    ]
    start, end, name = REGISTER.mentions(text)[0]
    assert text[start:end] == name
    assert REGISTER.mentions(text, start=20, end=60)[0][2] == "Bournemouth"


def test_from_csv_names_the_bad_line(tmp_path: Path) -> None:
    """A malformed row is reported with its file and line."""
    source = Path(__file__).resolve().parents[2] / "timeline" / "data" / "authorities.csv"
    lines = source.read_text(encoding="utf-8").splitlines()
    lines.insert(len(lines) - 1, "Narnia,999,E06999999")
    bad = tmp_path / "authorities.csv"
    bad.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DocumentError, match=rf"authorities.csv:{len(lines) - 1}: bad register row"):
        Register.from_csv(bad)
    assert len(Register.from_csv(source)) == len(REGISTER)


@needs_corpus
def test_every_gold_authority_is_in_the_register() -> None:
    """Each la_code of the corpus' gold labels is a register authority with that ONS code."""
    gold = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))
    for entry in gold:
        authority = REGISTER.by_code(entry["la_code"])
        assert authority.ons_code == entry["ons_code"], entry["file"]


@needs_corpus
def test_every_lookup_row_is_in_the_register() -> None:
    """Every row of the lookup the register was built from is in it, with its URN."""
    path = CORPUS / "register" / "la_lookup.csv"
    with path.open(encoding="utf-8-sig", newline="") as lines:
        rows = list(csv.DictReader(lines))
    for row in rows:
        authority = REGISTER.by_code(row["la_code"])
        assert authority.urn == row["urn"]
        if row["la_code_new"]:
            assert authority.ons_code == row["la_code_new"]
        assert REGISTER.lookup(row["local_authority_ons_name"]) is authority
