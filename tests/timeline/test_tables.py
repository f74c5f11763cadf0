"""Judgement tables however PDF text lays them out: wrapped rows, footnotes, one line."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from events import Area, Grade
from timeline.reading.tables import table_rows

RI = Grade.REQUIRES_IMPROVEMENT

# The rows of each graded framework as printed, with the area each must be read as.
SIF = (
    ("1. Children who need help and protection", Area.HELP_AND_PROTECTION),
    ("2. Children looked after and achieving permanence", Area.CHILDREN_IN_CARE),
    ("2.1 Adoption performance", Area.ADOPTION),
    ("2.2 Experiences and progress of care leavers", Area.CARE_LEAVERS),
    ("3. Leadership, management and governance", Area.LEADERSHIP),
)
ILACS = (
    (
        "The impact of leaders on social work practice with children and families",
        Area.LEADERSHIP,
    ),
    (
        "The experiences and progress of children who need help and protection",
        Area.HELP_AND_PROTECTION,
    ),
    ("The experiences and progress of children in care and care leavers", Area.CHILDREN_IN_CARE),
    ("Overall effectiveness", Area.OVERALL_EFFECTIVENESS),
)
ILACS_2023 = (
    ILACS[0],
    ILACS[1],
    ("The experiences and progress of children in care", Area.CHILDREN_IN_CARE),
    ("The experiences and progress of care leavers", Area.CARE_LEAVERS),
    ("Overall effectiveness", Area.OVERALL_EFFECTIVENESS),
)
GRADE_WORDINGS = {
    Grade.OUTSTANDING: ("Outstanding",),
    Grade.GOOD: ("Good", "good"),
    RI: ("Requires improvement to be good", "Requires improvement", "Require improvement"),
    Grade.INADEQUATE: ("Inadequate",),
}


def _read(text: str) -> list[tuple[Area, Grade | None]]:
    return [(row.area, row.grade) for row in table_rows(text)]


def test_ilacs_table_with_wrapped_areas_and_grades() -> None:
    """ILACS: each area wraps onto a second line and the grade stands on the line after."""
    text = (
        "Judgement Grade\n"
        "The impact of leaders on social work practice with children \n"
        "and families\n"
        "Requires improvement \nto be good\n"
        "The experiences and progress of children who need help and \n"
        "protection\n"
        "Inadequate\n"
        "The experiences and progress of children in care and care \n"
        "leavers\n"
        "Good\n"
        "Overall effectiveness Requires improvement \nto be good\n"
        "The local authority has made progress from a low base.\n"
    )
    assert _read(text) == [
        (Area.LEADERSHIP, RI),
        (Area.HELP_AND_PROTECTION, Grade.INADEQUATE),
        (Area.CHILDREN_IN_CARE, Grade.GOOD),
        (Area.OVERALL_EFFECTIVENESS, RI),
    ]


def test_sif_table_with_footnotes_and_the_board() -> None:
    """SIF: numbered rows, a grade wrapped as 'Requires / Improvement', the board's own line."""
    text = (
        "The judgements on areas of the service that contribute to overall effectiveness are:\n"
        "1. Children who need help and protection Requires \nImprovement\n"
        "2. Children looked after and achieving \npermanence\nRequires \nImprovement\n"
        "2.1 Adoption performance Inadequate\n"
        "2.2 Experiences and progress of care leavers\n2\nGood\n"
        "3. Leadership, management and governance Requires \nImprovement\n"
        "The effectiveness of the Local Safeguarding Children Board (LSCB) is \ngood.\n"
    )
    assert _read(text) == [
        (Area.HELP_AND_PROTECTION, RI),
        (Area.CHILDREN_IN_CARE, RI),
        (Area.ADOPTION, Grade.INADEQUATE),
        (Area.CARE_LEAVERS, Grade.GOOD),
        (Area.LEADERSHIP, RI),
        (Area.LSCB, Grade.GOOD),
    ]


def test_not_judged_is_a_row_without_a_grade() -> None:
    """'Not judged' is read as the area's row, with no grade, so nothing else can fill it."""
    text = "2.1 Adoption performance Not judged\n2.2 Experiences and progress of care leavers Good"
    assert _read(text) == [(Area.ADOPTION, None), (Area.CARE_LEAVERS, Grade.GOOD)]


def test_a_table_flattened_onto_one_line() -> None:
    """Every row on one line after the header: each area takes the grade that follows it."""
    text = (
        "Judgement Grade Overall effectiveness Good The impact of leaders on social work "
        "practice with children and families Outstanding The experiences and progress of "
        "children in care Requires improvement to be good\n"
    )
    assert _read(text) == [
        (Area.OVERALL_EFFECTIVENESS, Grade.GOOD),
        (Area.LEADERSHIP, Grade.OUTSTANDING),
        (Area.CHILDREN_IN_CARE, RI),
    ]


def test_section_heading_with_its_grade() -> None:
    """An ILACS section heading 'area: grade', wrapped, is a row."""
    text = "The experiences and progress of children who need help and \nprotection: good\n1. Text"
    assert _read(text) == [(Area.HELP_AND_PROTECTION, Grade.GOOD)]


def test_prose_is_not_a_row() -> None:
    """Areas inside sentences, or followed by more words after the grade, are not rows."""
    text = (
        "Inspectors found that help and protection is good for most children.\n"
        "Children in care receive good support from their social workers.\n"
        "Leaders say that care leavers are good at keeping in touch with\n"
        "Adoption performance has been good since\n"
        "The aspiration is that leadership is judged good\nat the next inspection.\n"
    )
    assert _read(text) == []


@st.composite
def _laid_out_table(draw: st.DrawFn) -> tuple[str, list[tuple[Area, Grade]]]:
    """A framework's table with random grades, wrapped at random words like PDF text."""
    framework = draw(st.sampled_from([SIF, ILACS, ILACS_2023]))
    rng = random.Random(draw(st.integers(0, 2**32)))
    lines, expected = ["Judgement Grade"], []
    for wording, area in framework:
        grade = draw(st.sampled_from(list(GRADE_WORDINGS)))
        grade_text = rng.choice(GRADE_WORDINGS[grade])
        expected.append((area, grade))
        area_lines = _wrap(wording, rng)
        grade_lines = _wrap(grade_text, rng)
        footnote = [str(rng.randint(1, 9))] if rng.random() < 0.15 else []
        if rng.random() < 0.5:  # the grade on the area's last line
            lines += [*area_lines[:-1], f"{area_lines[-1]} {grade_lines[0]}", *grade_lines[1:]]
        else:
            lines += [*area_lines, *footnote, *grade_lines]
    return "\n".join(lines) + "\nThe local authority has improved its services.\n", expected


def _wrap(words: str, rng: random.Random) -> list[str]:
    """``words`` broken into lines at random spaces, as a narrow table column breaks them."""
    parts = words.split(" ")
    lines, current = [], [parts[0]]
    for word in parts[1:]:
        if rng.random() < 0.25:
            lines.append(" ".join(current) + rng.choice(["", " "]))
            current = [word]
        else:
            current.append(word)
    lines.append(" ".join(current))
    return lines


@given(_laid_out_table())
def test_any_wrapping_of_a_table_reads_every_row(
    table: tuple[str, list[tuple[Area, Grade]]],
) -> None:
    """However the areas and grades wrap, each row is read once with its own grade."""
    text, expected = table
    assert _read(text) == expected
