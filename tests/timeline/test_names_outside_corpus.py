"""Names in documents about authorities outside the corpus: towns, districts, headlines."""

from __future__ import annotations

from pathlib import Path

import pytest

from events import DocumentError, JudgementIssued
from timeline import Register, read_text
from timeline.reading.subjects import find_subject

REGISTER = Register.default()


def _hackney_letter() -> str:
    return (
        "Ofsted\n\n3 May 2022\n\nDirector of Children's Services\nLondon Borough of Hackney\n\n"
        "Dear Director\n\nFocused visit to Hackney children's services\n\n"
        "This letter summarises the findings of the focused visit to Hackney children's services "
        "on 5 and 6 April 2022.\n"
        "Inspectors visited the Stoke Newington hub. Stoke Newington families. Stoke Newington. "
        "Stoke Newington. Stoke Newington.\n"
    )


@pytest.mark.parametrize(
    "place",
    [
        "Stoke Newington",
        "Sutton Coldfield",
        "Newcastle-under-Lyme",
        "Bury St Edmunds",
        "Bradford on Avon",
    ],
)
def test_a_town_whose_name_starts_with_an_authoritys_is_not_that_authority(place: str) -> None:
    """A place that begins with an authority's name or alias ("Stoke", "Sutton", "Newcastle",
    "Bury", "Bradford") is another place, not a mention of that authority."""
    assert REGISTER.mentions(f"Inspectors visited teams in {place} last week.") == []


def test_a_hackney_letter_naming_stoke_newington_is_about_hackney() -> None:
    """A letter to Hackney that names its Stoke Newington hub keeps Hackney as its subject."""
    subject = find_subject(_hackney_letter(), "hackney.txt")
    assert subject is not None
    assert subject.authority().name == "Hackney"


def test_a_birmingham_letter_naming_sutton_coldfield_is_about_birmingham() -> None:
    """Sutton Coldfield is in Birmingham: the London borough of Sutton is not the subject."""
    text = (
        "Birmingham Children's Trust\nMonitoring visit to Birmingham children's services\n\n"
        "This letter summarises the findings of the monitoring visit to Birmingham children's "
        "services on 5 and 6 April 2022.\nInspectors visited Sutton Coldfield. In Sutton "
        "Coldfield, Sutton Coldfield, Sutton Coldfield, Sutton Coldfield teams.\n"
    )
    subject = find_subject(text, "birmingham.txt")
    assert subject is not None
    assert subject.authority().name == "Birmingham"


def test_reading_at_a_sentence_start_is_not_reading_in_subject_finding() -> None:
    """A sentence-opening "Reading" is the verb, not the borough, when finding the subject."""
    text = (
        "Wokingham Borough Council\nFocused visit to Wokingham children's services\n\n"
        "Reading case files, inspectors saw good work. Reading records, they found delays. "
        "Reading the plans, inspectors found gaps.\nReading assessments showed risks. Reading "
        "minutes of strategy meetings showed delays.\n"
    )
    subject = find_subject(text, "wokingham.txt")
    assert subject is not None
    assert subject.authority().name == "Wokingham"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Crawley Borough Council\n\nMinutes of Overview and Scrutiny Commission\n"
            "Monday 4 March 2024 at 7.00 pm\n\nPresent: Councillor T Belben (Chair)\n\n"
            "5. West Sussex children's services\nThe Commission received a presentation on "
            "Ofsted's inspection of children's services, which found that services had improved. "
            "Crawley Borough Council officers work with the county on early help. RESOLVED: that "
            "the presentation be noted.\n",
            "West Sussex",
        ),
        (
            "Harrogate Borough Council leader welcomes Ofsted verdict\n\nThe leader of Harrogate "
            "Borough Council said he was delighted. North Yorkshire County Council's children's "
            "services were rated outstanding, Ofsted said. The report said leaders were "
            "ambitious.\n",
            "North Yorkshire",
        ),
    ],
)
def test_a_district_council_is_not_an_unknown_authority(text: str, want: str) -> None:
    """Minutes or news from a district council about its county's children's services are the
    county's, not refused as naming an authority "not in the register"."""
    subject = find_subject(text, "district.txt")
    assert subject is not None
    assert subject.authority().name == want


def test_a_headline_before_the_table_does_not_replace_the_tables_grade() -> None:
    """ "children's services for care leavers are outstanding" is not the overall judgement, and
    must not shadow the table's "Overall effectiveness Requires improvement to be good"."""
    text = (
        "Telford and Wrekin\nInspection of children's social care services\n"
        "Inspection dates: 10 to 21 July 2023\n\n"
        "Summary: in Telford, children's services for care leavers are outstanding, and leaders "
        "are ambitious.\n\nJudgement Grade\n"
        "Overall effectiveness Requires improvement to be good\n"
    )
    reading = read_text(text, "telford_2023-09-01.txt")
    overall = [
        e.grade.value
        for e in reading.events
        if isinstance(e, JudgementIssued) and e.area.value == "overall_effectiveness"
    ]
    assert overall == ["requires_improvement"]


def test_a_register_not_in_utf8_is_a_document_error(tmp_path: Path) -> None:
    """An analyst's CSV saved by a spreadsheet as cp1252 is refused naming the file, not with a
    bare UnicodeDecodeError."""
    source = Path(__file__).resolve().parents[2] / "timeline" / "data" / "authorities.csv"
    text = source.read_text(encoding="utf-8").replace("Barnet Council", "Barnet Côuncil", 1)
    bad = tmp_path / "authorities.csv"
    bad.write_bytes(text.encode("cp1252"))
    with pytest.raises(DocumentError, match=r"authorities\.csv"):
        Register.from_csv(bad)


def test_a_document_naming_only_a_district_says_so() -> None:
    """Minutes of a district council that never name their county are refused, saying why."""
    text = (
        "Crawley Borough Council\n\nMinutes of Overview and Scrutiny Commission\n"
        "Monday 4 March 2024\n\nThe Commission received a presentation on children's "
        "services. RESOLVED: that the presentation be noted.\n"
    )
    with pytest.raises(DocumentError, match="Crawley: a district council") as raised:
        find_subject(text, "crawley.txt")
    assert "\n" not in str(raised.value)


def test_no_district_is_a_register_authority() -> None:
    """A district's name never means a children's services authority."""
    from timeline.register import _districts

    assert [name for name in _districts().values() if REGISTER.lookup(name)] == []
