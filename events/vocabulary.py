"""The closed vocabularies events are written in: grades, areas, polarity and the like."""

from __future__ import annotations

import enum

__all__ = [
    "Area",
    "Authority",
    "DateSource",
    "Direction",
    "DocumentKind",
    "Framework",
    "Grade",
    "Hand",
    "Polarity",
    "Reorganisation",
]


class Grade(enum.Enum):
    """An Ofsted grade; compare with ``rank`` (higher is better)."""

    INADEQUATE = "inadequate"
    REQUIRES_IMPROVEMENT = "requires_improvement"
    GOOD = "good"
    OUTSTANDING = "outstanding"

    @property
    def rank(self) -> int:
        """0 for inadequate up to 3 for outstanding."""
        return _GRADE_RANK[self]

    @property
    def label(self) -> str:
        """The grade as Ofsted words it today."""
        return _GRADE_LABEL[self]


_GRADE_RANK = {grade: i for i, grade in enumerate(Grade)}
_GRADE_LABEL = {
    Grade.INADEQUATE: "inadequate",
    Grade.REQUIRES_IMPROVEMENT: "requires improvement to be good",
    Grade.GOOD: "good",
    Grade.OUTSTANDING: "outstanding",
}


class Area(enum.Enum):
    """Canonical judgement areas, comparable across inspection frameworks."""

    OVERALL_EFFECTIVENESS = "overall_effectiveness"
    LEADERSHIP = "leadership"
    HELP_AND_PROTECTION = "help_and_protection"
    CHILDREN_IN_CARE = "children_in_care"
    CARE_LEAVERS = "care_leavers"
    ADOPTION = "adoption"
    # The Local Safeguarding Children Board's effectiveness, which single-inspection-framework
    # reports grade beside the local authority's own areas.
    LSCB = "lscb"


class Polarity(enum.Enum):
    """Whether a finding reads as a strength, a weakness or both; ``rank`` orders them."""

    NEGATIVE = "negative"
    MIXED = "mixed"
    POSITIVE = "positive"

    @property
    def rank(self) -> int:
        """0 for negative, 1 for mixed, 2 for positive."""
        return _POLARITY_RANK[self]


_POLARITY_RANK = {polarity: i for i, polarity in enumerate(Polarity)}


class Direction(enum.Enum):
    """Which way a figure moving counts as better."""

    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"
    NONE = "none"


class DocumentKind(enum.Enum):
    """What sort of document a source is."""

    INSPECTION_REPORT = "inspection_report"
    MONITORING_VISIT = "monitoring_visit"
    FOCUSED_VISIT = "focused_visit"
    NEWS_ARTICLE = "news_article"
    COUNCIL_MINUTES = "council_minutes"
    OTHER = "other"


class DateSource(enum.Enum):
    """Where a document's publication date came from, most trusted first."""

    TEXT = "text"
    MANIFEST = "manifest"
    FILE_NAME = "file_name"
    PDF_METADATA = "pdf_metadata"


class Framework(enum.Enum):
    """The inspection framework a graded report was written under; its areas differ."""

    SIF = "sif"  # the single inspection framework, 2013-2018, and its re-inspections
    ILACS = "ilacs"  # inspections of local authority children's services, 2018-2022
    ILACS_2023 = "ilacs_2023"  # ILACS from 2023: care leavers judged on their own
    LSCB_REVIEW = "lscb_review"  # a stand-alone review of a safeguarding children board


class Reorganisation(enum.Enum):
    """How local government reorganisation changed an authority."""

    # New authorities took over from ones that were abolished (2019 Dorset, 2021
    # Northamptonshire, 2023 Cumbria): the successor is a subject of its own.
    REPLACED = "replaced"
    # A county council became a unitary council over the same area (Buckinghamshire 2020,
    # North Yorkshire and Somerset 2023): one subject before and after.
    BECAME_UNITARY = "became_unitary"


class Authority(enum.Enum):
    """Whether a document is the inspectorate's own (primary) or a retelling (secondary)."""

    PRIMARY = "primary"
    SECONDARY = "secondary"


class Hand(enum.Enum):
    """Whether a document issues a judgement itself or reports one made elsewhere."""

    FIRST = "first_hand"
    SECOND = "second_hand"
