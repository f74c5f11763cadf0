"""Which grades a report states itself, which it retells, and which are not grades at all."""

from __future__ import annotations

from events import Area, DocumentKind, Framework, Grade, Hand, JudgementIssued, PartialDate, Period
from timeline.reading.context import DocumentContext
from timeline.reading.judgements import framework_of, read_judgements
from timeline.reading.reader import read_text

VISIT = Period.of("2024-04-29", "2024-05-03")


def _read(text: str, subject: str = "Telford and Wrekin") -> list[JudgementIssued]:
    ctx = DocumentContext(
        text=text,
        document_id="d",
        file_name="report.pdf",
        subject=subject,
        kind=DocumentKind.INSPECTION_REPORT,
        published=PartialDate.coerce("2024-07-12"),
        visit=VISIT,
    )
    return read_judgements(ctx)


def _grades(judgements: list[JudgementIssued], hand: Hand) -> set[tuple[Area, Grade]]:
    return {(j.area, j.grade) for j in judgements if j.hand is hand}


def test_headline_for_any_place_name() -> None:
    """'Children's services in <place> are/require ...' is the report's overall grade."""
    places = {
        "Bath and North East Somerset": "Bath and North East Somerset",
        "the London Borough of Merton": "Merton",
        "Rutland": "Rutland",
    }
    for place, subject in places.items():
        found = _read(f"Children’s services in {place} require improvement to be \ngood\n", subject)
        assert _grades(found, Hand.FIRST) == {
            (Area.OVERALL_EFFECTIVENESS, Grade.REQUIRES_IMPROVEMENT)
        }
    overall = _read("The overall judgement is that children’s services are \ninadequate\n")
    assert _grades(overall, Hand.FIRST) == {(Area.OVERALL_EFFECTIVENESS, Grade.INADEQUATE)}
    # A headline about something other than the subject is not its grade.
    other = _read("Children’s services for care leavers are outstanding\n", "Rutland")
    assert _grades(other, Hand.FIRST) == set()
    table_first = _read(
        "Children’s services in Rutland are good\nOverall effectiveness Inadequate\n", "Rutland"
    )
    assert _grades(table_first, Hand.FIRST) == {(Area.OVERALL_EFFECTIVENESS, Grade.INADEQUATE)}


def test_a_retold_headline_is_not_the_reports_grade() -> None:
    """'... were judged to require improvement at the last inspection' is second-hand."""
    found = _read(
        "Children's services in Rutland were judged to require improvement to be good at the "
        "last inspection in March 2019.\n"
    )
    assert _grades(found, Hand.FIRST) == set()
    assert [(j.grade, j.valid) for j in found] == [
        (Grade.REQUIRES_IMPROVEMENT, Period.of("2019-03"))
    ]


def test_a_list_of_earlier_grades_is_second_hand_and_dated() -> None:
    """'The judgements for the local authority were:' introduces last time's grades."""
    found = _read(
        "The last inspection report for the local authority’s children’s services was\n"
        "published in June 2015. The judgements for the local authority were:\n"
        "Overall effectiveness: Inadequate.\n"
        "Children looked after and achieving permanence: Requires improvement.\n"
    )
    assert _grades(found, Hand.FIRST) == set()
    assert {(j.area, j.grade, j.valid) for j in found} == {
        (Area.OVERALL_EFFECTIVENESS, Grade.INADEQUATE, Period.of("2015-06")),
        (Area.CHILDREN_IN_CARE, Grade.REQUIRES_IMPROVEMENT, Period.of("2015-06")),
    }


def test_a_section_heading_after_a_mention_of_the_last_inspection_is_first_hand() -> None:
    """A sentence about the last inspection does not turn a later heading into a retelling."""
    found = _read(
        "Judgement Grade\nThe experiences and progress of \nchildren in care\nOutstanding\n"
        "Overall effectiveness Good\n\n"
        "21. This was identified as a shortfall during the last inspection in 2020. \n\n"
        "Inspection of Telford and Wrekin local authority children’s services\n"
        "29 April to 3 May 2024 5\n"
        "22.Children who are missing from education are identified promptly.\n"
        "The experiences and progress of children in care: outstanding \n"
        "23.Children come into care at a time that is right for them.\n"
    )
    assert [j.hand for j in found if j.area is Area.CHILDREN_IN_CARE] == [Hand.FIRST]


def test_audited_cases_are_not_the_authority_grade() -> None:
    """'cases judged to be good by the local authority' is an audit figure, not a grade."""
    found = _read(
        "Additionally, cases judged to be good by the local authority improved from 12% in "
        "November 2014 to 45% in June 2015.\n"
    )
    assert found == []


def test_not_judged_leaves_the_area_without_a_grade() -> None:
    """A table's 'Not judged' is final: a later sentence does not give the area a grade."""
    found = _read(
        "2.1 Adoption performance Not judged\n"
        "2.2 Experiences and progress of care leavers Good\n"
        "The graded judgement for adoption performance is that it is good.\n"
    )
    assert _grades(found, Hand.FIRST) == {(Area.CARE_LEAVERS, Grade.GOOD)}


def test_a_stand_alone_review_of_a_safeguarding_board() -> None:
    """A review of a Local Safeguarding Children Board is a report grading the board alone."""
    text = (
        "Review of the effectiveness of the Local Safeguarding Children Board\n\n"
        "Shropshire Safeguarding Children Board\n\n"
        "Inspection date: 12 January 2016 – 4 February 2016\n"
        "Report published: 22 March 2016\n\n"
        "The effectiveness of the Local Safeguarding Children Board (LSCB) is good.\n\n"
        "The LSCB has effective arrangements in place to coordinate the work of partners.\n"
    )
    reading = read_text(text, "shropshire_lscb.txt")
    assert reading.info.kind is DocumentKind.INSPECTION_REPORT
    assert reading.info.subject == "Shropshire"
    judgements = [e for e in reading.events if isinstance(e, JudgementIssued)]
    assert [(j.area, j.grade, j.hand) for j in judgements] == [(Area.LSCB, Grade.GOOD, Hand.FIRST)]


def test_the_framework_of_a_reports_table() -> None:
    """SIF, ILACS, ILACS from 2023 and a board's review are told apart by their tables."""
    sif = "2.1 Adoption performance Good\n3. Leadership, management and governance Good\n"
    ilacs = (
        "The impact of leaders on social work practice with children and families Good\n"
        "The experiences and progress of children in care and care leavers Good\n"
    )
    ilacs_2023 = (
        "The impact of leaders on social work practice with children and families Good\n"
        "The experiences and progress of care leavers Good\n"
    )
    board = "The effectiveness of the Local Safeguarding Children Board is good.\n"
    assert framework_of(_read(sif)) is Framework.SIF
    assert framework_of(_read(ilacs)) is Framework.ILACS
    assert framework_of(_read(ilacs_2023)) is Framework.ILACS_2023
    assert framework_of(_read(board)) is Framework.LSCB_REVIEW
    assert framework_of(_read("Overall effectiveness Good\n")) is None
