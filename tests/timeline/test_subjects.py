"""Finding a document's subject through the register: specific names win, unknown ones refused."""

from __future__ import annotations

import datetime

import pytest

from events import DocumentError, PartialDate, UnknownAuthorityError
from timeline.reading.document import Metadata, describe
from timeline.reading.subjects import find_subject, normalise_subject, subject_named


def test_subject_prefers_specific_names_and_refuses_unknown() -> None:
    """The more specific authority wins; a document about an unknown council is refused."""
    text = "Inspection of Bournemouth, Christchurch and Poole children's services\n\nPoole."
    subject = find_subject(text, "bcp.txt")
    assert subject is not None
    assert subject.authority(datetime.date(2022, 1, 1)).la_code == "839"
    york = find_subject("North Yorkshire County Council\n\nNorth Yorkshire, near York.", "y.txt")
    assert york is not None
    assert york.authority().la_code == "815"
    with pytest.raises(UnknownAuthorityError, match=r"narnia.txt: 'Narnia' is not an English"):
        find_subject("Inspection of Narnia County Council children's services\n\n", "narnia.txt")
    assert find_subject("Nothing here names a council.", "none.txt") is None
    assert subject_named("dorset", "m.txt").authority(datetime.date(2018, 1, 1)).la_code == "835"
    with pytest.raises(UnknownAuthorityError, match="Narnia"):
        subject_named("Narnia", "m.txt")


def test_subject_by_place_beats_count_of_partners() -> None:
    """The authority in the title wins over a partner named often further down."""
    text = (
        "Isle of Wight local authority children's services inspection\n\n"
        + "Inspection dates: 1 to 12 May 2023\n\n"
        + "x " * 2000
        + "Hampshire County Council provides the service. " * 3
    )
    subject = find_subject(text, "iow.txt")
    assert subject is not None
    assert subject.authority().name == "Isle of Wight"


def test_describe_carries_register_name_and_codes() -> None:
    """describe() names the subject as the register does and carries its DfE and ONS codes."""
    text = "Monitoring visit to Dorset County Council children's services\n\nDorset is improving."
    before = describe(text, "d.txt", Metadata(published=PartialDate.parse("2018-06-01")))
    assert (before.subject, before.la_code, before.ons_code) == (
        "Dorset County Council",
        "835",
        "E10000009",
    )
    named = describe(
        "No council here.",
        "m.txt",
        Metadata(published=PartialDate.parse("2020-06-01"), subject="dorset"),
    )
    assert (named.subject, named.la_code, named.ons_code) == ("Dorset", "838", "E06000059")
    with pytest.raises(DocumentError, match="cannot tell which local authority"):
        describe("No council here.", "n.txt", Metadata(published=PartialDate.parse("2020-06-01")))


def test_normalise_subject_drops_legal_forms() -> None:
    """Legal forms come off a written name, for the name an error message quotes."""
    assert normalise_subject("the London Borough of Narnia") == "Narnia"
    assert normalise_subject("Narnia Metropolitan Borough Council") == "Narnia"
