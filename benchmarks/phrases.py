"""Word banks for the synthetic corpus: themes, evaluative predicates, people and grades.

Kept as data so the documents' language can be widened without touching how they are built.
Theme phrases use the wording of ``timeline/data/themes.toml`` so generated findings carry
themes; predicates take ``{be}``, ``{have}`` and ``{do}`` so they agree with their subject.
"""

from __future__ import annotations

# (phrase, plural?) for each theme a finding can be about (DOMAIN.md's recurring themes).
THEMES: tuple[tuple[str, bool], ...] = (
    ("management oversight of children's plans", False),
    ("supervision of social workers", False),
    ("the stability of the workforce", False),
    ("caseloads in the assessment teams", True),
    ("quality assurance and audit activity", False),
    ("performance information", False),
    ("assessments of children's needs", True),
    ("child protection plans", True),
    ("care plans for children in care", True),
    ("pathway plans for care leavers", True),
    ("statutory visits to children", True),
    ("strategy meetings", True),
    ("child protection enquiries", True),
    ("the multi-agency safeguarding hub (MASH)", False),
    ("early help services", True),
    ("return home interviews for children who go missing", True),
    ("the response to children at risk of exploitation", False),
    ("the response to domestic abuse", False),
    ("services for disabled children", True),
    ("private fostering arrangements", True),
    ("the response to 16- and 17-year-olds who present as homeless", False),
    ("support for unaccompanied asylum-seeking children", False),
    ("pre-proceedings work under the Public Law Outline", False),
    ("permanence planning", False),
    ("adoption support", False),
    ("special guardianship arrangements", True),
    ("placement sufficiency", False),
    ("the recruitment of foster carers", False),
    ("the work of independent reviewing officers (IROs)", False),
    ("health assessments for children in care", True),
    ("the virtual school", False),
    ("care leavers' accommodation", False),
    ("care leavers' access to their health histories", False),
    ("staying put arrangements", True),
    ("personal advisers", True),
    ("corporate parenting", False),
    ("children's participation", False),
    ("recording and chronologies", False),
    ("training for social workers", False),
)

STRENGTHS: tuple[str, ...] = (
    "{be} effective and timely",
    "{be} well coordinated and proportionate to need",
    "{have} improved since the last inspection",
    "{be} of good quality in most cases seen",
    "{be} thorough and child-centred",
    "{be} well supported by senior leaders",
    "{be} robust and consistently applied",
    "{have} been strengthened and now {be} effective",
    "{be} regularly reviewed and clearly recorded",
    "{be} a strength of the service",
)
WEAKNESSES: tuple[str, ...] = (
    "{be} not always timely",
    "{be} not sufficiently robust",
    "{be} too variable in quality",
    "{do} not consistently reflect children's needs",
    "{have} been too slow to improve",
    "{be} poor in too many of the cases seen",
    "{be} subject to delay, leading to drift for some children",
    "{be} not yet effective enough",
    "{be} inconsistent across teams",
    "{have} not improved sufficiently since the last inspection",
)
# Sentences that follow a finding and agree with its polarity.
POSITIVE_AFTER: tuple[str, ...] = (
    "As a result, children receive the right help at the right time.",
    "Social workers know their children well and speak about them with warmth.",
    "Children benefit from stable relationships with the professionals who support them.",
    "Leaders have an accurate understanding of this area of practice.",
    "Partners spoke positively about the clear and purposeful joint working.",
    "Inspectors saw examples of creative and sensitive direct work with children.",
)
NEGATIVE_AFTER: tuple[str, ...] = (
    "As a result, some children wait too long for the help they need.",
    "This means that risks to some children are not identified quickly enough.",
    "Leaders have not identified all of these shortfalls through their own audits.",
    "Some children experience too many changes of social worker, which hampers progress.",
    "Inspectors found delays in recording, which make it difficult to track progress.",
    "For a small number of children, this has led to drift and delay in their plans.",
)
# Sentences with no evaluation: context, to give paragraphs a realistic length.
NEUTRAL: tuple[str, ...] = (
    "Inspectors reviewed a sample of children's records and spoke with their social workers.",
    "The local authority introduced a new practice model during the year before the inspection.",
    "Senior leaders described the changes they had made and the reasons for them.",
    "The service is delivered by locality teams covering the north and south of the area.",
    "Partners from health, police and education contributed to the evidence considered.",
)

# How a council's legal name begins when its name follows ("London Borough of Sutton"): prose
# writes "the" before these ("children's services at the London Borough of Sutton").
NAME_FIRST_FORMS: tuple[str, ...] = (
    "London Borough of", "Royal Borough of", "Metropolitan Borough of", "City of", "County of",
    "Council of", "Corporation of",
)  # fmt: skip
FIRST_NAMES: tuple[str, ...] = (
    "Helen", "Marcus", "Joanne", "Owen", "Leah", "Priya", "Tom", "Sarah", "Daniel", "Ruth",
    "Imran", "Claire", "Gareth", "Nadia", "Simon", "Aisha",
)  # fmt: skip
SURNAMES: tuple[str, ...] = (
    "Ashcroft", "Ellery", "Wilde", "Pritchard", "Chambers", "Marsh", "Ridley", "Okafor",
    "Lindqvist", "Bennett", "Hussain", "Doyle", "Fletcher", "Kaur", "Morgan", "Walsh",
)  # fmt: skip

GRADES: tuple[str, ...] = ("inadequate", "requires improvement to be good", "good", "outstanding")
# How the overall grade moves between inspections: weights over GRADES, from each grade.
GRADE_STEPS: dict[str, tuple[int, int, int, int]] = {
    "inadequate": (25, 55, 18, 2),
    "requires improvement to be good": (15, 35, 45, 5),
    "good": (5, 25, 55, 15),
    "outstanding": (1, 5, 44, 50),
}
# Months until the next full inspection, by overall grade.
REINSPECT_MONTHS: dict[str, tuple[int, int]] = {
    "inadequate": (22, 30),
    "requires improvement to be good": (30, 40),
    "good": (40, 54),
    "outstanding": (48, 60),
}

SIF_AREAS: tuple[tuple[str, str], ...] = (
    ("1. Children who need help and protection", "help"),
    ("2. Children looked after and achieving permanence", "care"),
    ("2.1 Adoption performance", "adoption"),
    ("2.2 Experiences and progress of care leavers", "leavers"),
    ("3. Leadership, management and governance", "leaders"),
)
ILACS_AREAS: tuple[tuple[str, str], ...] = (
    ("The impact of leaders on social work practice with children and families", "leaders"),
    ("The experiences and progress of children who need help and protection", "help"),
    ("The experiences and progress of children in care and care leavers", "care"),
)
