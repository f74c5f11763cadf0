"""The event records: immutable, dated, sourced facts read from documents.

Each event has a **valid time** (when the fact was true: an inspection's dates, a figure's as-at
date) and a **known time** (when it was published). Every event points at the exact sentence it
came from (:class:`Source`) and has an id derived from its content, so the same fact from the same
place in the same document always gets the same id and appending it twice is a no-op.
"""

from __future__ import annotations

import enum
import functools
import math
from typing import ClassVar, SupportsFloat, Union

import attrs

from events.canonical import canonical_json, content_id
from events.dates import DateLike, PartialDate, Period
from events.errors import EventError
from events.vocabulary import (
    Area,
    Authority,
    DateSource,
    Direction,
    DocumentKind,
    Framework,
    Grade,
    Hand,
    Polarity,
    Reorganisation,
)

__all__ = [
    "AnyEvent",
    "AuthorityReorganised",
    "Comparator",
    "CorrectionAction",
    "CorrectionMade",
    "DocumentRecorded",
    "Event",
    "FindingRecorded",
    "JudgementIssued",
    "MetricObserved",
    "RecommendationMade",
    "Source",
    "about",
    "span",
]


@attrs.frozen(kw_only=True)
class Source:
    """Where a fact was read: a document, a character span in its text and the exact quote.

    ``document_kind`` travels with the source so that how far a claim is trusted is part of
    the claim itself, not looked up from a document record that may be published later.
    """

    document_id: str
    file_name: str
    start: int
    end: int
    quote: str
    document_kind: DocumentKind | None = None

    def __attrs_post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise EventError(f"bad span {self.start}..{self.end}", value=(self.start, self.end))
        try:
            self.quote.encode("utf-8")
        except UnicodeEncodeError as e:
            raise EventError(
                "the quote is not valid text (a lone surrogate)", value=self.quote[:60]
            ) from e
        if len(self.quote) != self.end - self.start:
            raise EventError(
                f"quote of {len(self.quote)} characters does not fit span {self.start}..{self.end}",
                value=self.quote[:60],
            )

    @classmethod
    def from_text(
        cls,
        text: str,
        start: int,
        end: int,
        *,
        document_id: str,
        file_name: str,
        document_kind: DocumentKind | None = None,
    ) -> Source:
        """The source for ``text[start:end]`` of a document."""
        return cls(
            document_id=document_id,
            file_name=file_name,
            start=start,
            end=end,
            quote=text[start:end],
            document_kind=document_kind,
        )


@attrs.frozen(kw_only=True)
class Event:
    """Fields every event carries. Use a subclass; this one is never stored."""

    kind: ClassVar[str] = "event"

    subject: str
    valid: Period
    known: PartialDate
    source: Source

    def __attrs_post_init__(self) -> None:
        if not self.subject.strip():
            raise EventError("an event needs a subject", value=self.subject)

    @functools.cached_property
    def id(self) -> str:
        """sha256 of the event's canonical JSON (see :mod:`events.canonical`), 32 hex digits.

        Computed when first asked for; a store that has already checked its rows may hand it
        over with :func:`restore_id` instead.
        """
        return content_id(canonical_json(self))


@attrs.frozen(kw_only=True)
class DocumentRecorded(Event):
    """A document was read. ``document_id`` is the sha256 of its normalised text.

    ``date_source`` says where ``published`` came from; ``la_code`` (the DfE three-digit code)
    and ``ons_code`` identify the subject in the authority register, when it is in one;
    ``framework`` is the inspection framework of a graded report.
    """

    kind: ClassVar[str] = "document_recorded"

    document_id: str
    document_kind: DocumentKind
    title: str
    file_name: str
    published: PartialDate
    visit: Period | None = None
    authority: Authority = Authority.PRIMARY
    url: str | None = None
    date_source: DateSource = DateSource.TEXT
    la_code: str | None = None
    ons_code: str | None = None
    framework: Framework | None = None


@attrs.frozen(kw_only=True)
class JudgementIssued(Event):
    """A grade for a judgement area, as one document states it.

    ``valid`` is when the judgement was made (the inspection's dates, or the one date a retelling
    gives); ``published`` is when the judgement was published, if the document says; ``known`` is
    when this claim became known: the stated publication date if there is one, else the date of
    the document making the claim (so a 2022 retelling of a 2017 grade adds nothing to a 2018
    state). A document reporting an earlier or someone else's judgement is ``Hand.SECOND``; the
    projection groups claims about one inspection together by ``valid`` and ``published``.
    """

    kind: ClassVar[str] = "judgement_issued"

    area: Area
    wording: str
    grade: Grade
    hand: Hand = Hand.FIRST
    published: PartialDate | None = None


@attrs.frozen(kw_only=True)
class FindingRecorded(Event):
    """An evaluative sentence or paragraph, with its themes and polarity."""

    kind: ClassVar[str] = "finding_recorded"

    text: str
    themes: tuple[str, ...] = ()
    polarity: Polarity
    area: Area | None = None


def _finite(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    """Figures are finite: NaN is not equal to itself and has no JSON form."""
    if not math.isfinite(value):
        raise EventError(f"{attribute.name} must be a finite number, not {value}", value=value)


def _float(value: SupportsFloat | str) -> float:
    """``float(value)``: as a converter, a function of ours rather than ``float`` itself, whose
    signature attrs would read from its text (compiling the tokenizer's patterns, 2 ms at every
    start-up)."""
    return float(value)


@attrs.frozen(kw_only=True)
class Comparator:
    """A figure the document compares with, such as the England average."""

    name: str
    value: float = attrs.field(converter=_float, validator=_finite)


@attrs.frozen(kw_only=True)
class MetricObserved(Event):
    """A figure with its as-at date (``valid.start``), unit and comparators."""

    kind: ClassVar[str] = "metric_observed"

    metric: str
    wording: str
    value: float = attrs.field(converter=_float, validator=_finite)
    unit: str
    comparators: tuple[Comparator, ...] = ()
    direction: Direction = Direction.NONE

    @property
    def as_at(self) -> PartialDate:
        """The date the figure describes."""
        return self.valid.start


@attrs.frozen(kw_only=True)
class RecommendationMade(Event):
    """A recommendation, an area for improvement or a council's action."""

    kind: ClassVar[str] = "recommendation_made"

    text: str
    themes: tuple[str, ...] = ()
    area: Area | None = None


@attrs.frozen(kw_only=True)
class AuthorityReorganised(Event):
    """Local government reorganisation, as the law that made it says.

    From ``valid.start`` ``subject`` is the council for children's services where
    ``predecessors`` were (they ended the day before), or, with ``BECAME_UNITARY``, the same
    council in a new form (``former_name``), which stays one subject. ``known`` is when the
    change was made law, where that is recorded. Not filed under any key: projections read it
    as the lineage of subjects (``projections.lineage``).
    """

    kind: ClassVar[str] = "authority_reorganised"

    change: Reorganisation
    predecessors: tuple[str, ...] = ()
    former_name: str | None = None
    legislation: str

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        if self.change is Reorganisation.REPLACED and not self.predecessors:
            raise EventError("a replacement names the authorities it replaced", value=self.subject)
        if self.subject in self.predecessors:
            raise EventError("an authority cannot replace itself", value=self.subject)


class CorrectionAction(enum.Enum):
    """What a correction does to its target."""

    RETRACT = "retract"
    RECLASSIFY = "reclassify"


@attrs.frozen(kw_only=True)
class CorrectionMade(Event):
    """A user's retraction or reclassification of an earlier event; history is not rewritten.

    ``known`` is when the correction was made: states as known before then ignore it. A
    reclassification replaces only the fields it sets.
    """

    kind: ClassVar[str] = "correction_made"
    # The fields a reclassification may change on its target.
    FIELDS: ClassVar[tuple[str, ...]] = ("grade", "area", "polarity", "themes", "direction")

    target: str
    action: CorrectionAction
    reason: str
    author: str | None = None
    grade: Grade | None = None
    area: Area | None = None
    polarity: Polarity | None = None
    themes: tuple[str, ...] | None = None
    direction: Direction | None = None

    @classmethod
    def retract(
        cls, target: Event, *, on: DateLike, reason: str, author: str | None = None
    ) -> CorrectionMade:
        """Withdraw ``target`` from every state known on or after ``on``."""
        return cls(
            subject=target.subject,
            valid=target.valid,
            known=PartialDate.coerce(on),
            source=target.source,
            target=target.id,
            action=CorrectionAction.RETRACT,
            reason=reason,
            author=author,
        )

    @classmethod
    def reclassify(
        cls,
        target: Event,
        *,
        on: DateLike,
        reason: str,
        author: str | None = None,
        grade: Grade | None = None,
        area: Area | None = None,
        polarity: Polarity | None = None,
        themes: tuple[str, ...] | None = None,
        direction: Direction | None = None,
    ) -> CorrectionMade:
        """Replace some of ``target``'s classification from ``on``."""
        changes: dict[str, object] = {
            "grade": grade,
            "area": area,
            "polarity": polarity,
            "themes": themes,
            "direction": direction,
        }
        if all(v is None for v in changes.values()):
            raise EventError("a reclassification must change something", value=target.id)
        for name, value in changes.items():
            if value is not None and not hasattr(target, name):
                raise EventError(
                    f"a {target.kind} has no field {name!r} to reclassify", value=target.id
                )
        return cls(
            subject=target.subject,
            valid=target.valid,
            known=PartialDate.coerce(on),
            source=target.source,
            target=target.id,
            action=CorrectionAction.RECLASSIFY,
            reason=reason,
            author=author,
            grade=grade,
            area=area,
            polarity=polarity,
            themes=themes,
            direction=direction,
        )

    def apply_to(self, event: AnyEvent) -> AnyEvent:
        """``event`` as this reclassification sees it (retractions are handled by the caller).

        The result keeps ``event``'s id: it is the stored event, seen through the correction,
        and evidence must point at what is in the store.
        """
        changes = {
            name: value
            for name in self.FIELDS
            if (value := getattr(self, name)) is not None and hasattr(event, name)
        }
        if not changes:
            return event
        corrected = attrs.evolve(event, **changes)
        object.__setattr__(corrected, "id", event.id)
        return corrected


AnyEvent = Union[
    DocumentRecorded,
    AuthorityReorganised,
    JudgementIssued,
    FindingRecorded,
    MetricObserved,
    RecommendationMade,
    CorrectionMade,
]


def about(event: AnyEvent) -> tuple[str, ...]:
    """What an event is about: its judgement area, its metric, or its themes (else nothing)."""
    if isinstance(event, JudgementIssued):
        return (event.area.value,)
    if isinstance(event, MetricObserved):
        return (event.metric,)
    if isinstance(event, (FindingRecorded, RecommendationMade)):
        return event.themes
    return ()


def span(event: AnyEvent) -> tuple[int, int]:
    """The first and last day an event's dates name, as day numbers.

    That is its valid period, and for a judgement also the publication it states: the days a
    claim can be matched to an inspection by (see ``projections.inspections``).
    """
    # Runs for every event appended or loaded: Period.last is spelt out rather than called.
    valid = event.valid
    first = valid.start.ordinal
    last = valid.start.end_ordinal if valid.end is None else valid.end.end_ordinal
    if isinstance(event, JudgementIssued) and event.published is not None:
        published = event.published
        return min(first, published.ordinal), max(last, published.end_ordinal)
    return first, last
