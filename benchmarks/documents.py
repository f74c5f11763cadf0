"""The five document kinds of the synthetic corpus, written out as plain text like the seeds."""

from __future__ import annotations

import datetime as dt
import random

import attrs

from benchmarks.phrases import ILACS_AREAS, NAME_FIRST_FORMS, SIF_AREAS, THEMES
from benchmarks.prose import day, days_range, figures, fill, finding, month, person, two_days

__all__ = [
    "Inspection",
    "Place",
    "focused_letter",
    "minutes",
    "monitoring_letter",
    "news",
    "report",
]

_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
_LEAN = {"inadequate": 0.25, "requires improvement to be good": 0.5, "good": 0.7}


@attrs.frozen(kw_only=True)
class Place:
    """A local authority as the documents write it: its name, the council's legal name (one of
    the register's forms), an invented size and an invented postcode."""

    name: str
    council: str
    scale: float
    postcode: str

    @property
    def the_council(self) -> str:
        """The council's legal name as prose writes it: "the London Borough of Sutton"."""
        if self.council.startswith(NAME_FIRST_FORMS):
            return f"the {self.council}"
        return self.council


@attrs.frozen(kw_only=True)
class Inspection:
    """A full inspection: its dates, framework and grades (``"overall"`` plus area keys)."""

    start: dt.date
    end: dt.date
    published: dt.date
    framework: str  # "sif" (2013-2017 single inspection framework) or "ilacs" (2018 on)
    grades: dict[str, str]

    @property
    def overall(self) -> str:
        """The overall effectiveness grade."""
        return self.grades["overall"]

    @property
    def lean(self) -> float:
        """How often its findings are strengths."""
        return _LEAN.get(self.overall, 0.85)


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def _bullets(lines: list[str], mark: str = "-") -> str:
    return "\n\n".join(f"{mark} {line}" for line in lines)


def _improve(rng: random.Random, n: int) -> list[str]:
    """'What needs to improve' bullets or recommendations, each naming a theme."""
    verbs = ("The quality and timeliness of", "The consistency of", "The effectiveness of")
    return [f"{rng.choice(verbs)} {t}." for t, _ in rng.sample(THEMES, n)]


def _letterhead(rng: random.Random, place: Place, dated: dt.date) -> tuple[str, str]:
    first, last = person(rng)
    head = (
        f"\n\n{day(dated)}\n\n{first} {last}\nDirector of Children's Services\n{place.council}\n"
        f"Town Hall\n{place.name}\n{place.postcode}\n\nDear {rng.choice(('Mr', 'Ms', 'Dr'))} {last}"
    )
    inspectors = " and ".join(" ".join(person(rng)) for _ in range(2))
    return head, inspectors


def _turnover(rng: random.Random) -> str:
    return (
        f"Social worker turnover has fallen from {rng.randint(20, 35)}% to {rng.randint(8, 19)}% "
        "in the last 12 months."
    )


def _letter_figures(rng: random.Random, place: Place, visit: dt.date) -> str:
    """Two of the area's figures, as a letter quotes them in passing."""
    as_at = visit.replace(day=1) - dt.timedelta(days=1)
    return " ".join(rng.sample(figures(rng, place.name, as_at, place.scale)[2:], 2))


def _previous(previous: Inspection | None) -> str:
    if previous is None:
        return "This is the first inspection of the local authority under this framework."
    lines = [f"overall effectiveness: {previous.overall}"]
    areas = SIF_AREAS if previous.framework == "sif" else ILACS_AREAS
    lines += [
        f"{wording.split(' ', 1)[-1].lower()}: {previous.grades[key]}" for wording, key in areas
    ]
    listed = "\n".join(f"  - {line}" for line in lines)
    return (
        "- The last inspection report for the local authority's children's services was "
        f"published in {month(previous.published)}. The judgements for the local authority "
        f"were:\n{listed}."
    )


def report(rng: random.Random, place: Place, insp: Inspection, previous: Inspection | None) -> str:
    """A full inspection report, 30-80 KB, in the framework of its year."""
    target = rng.randint(30_000, 80_000)
    areas = SIF_AREAS if insp.framework == "sif" else ILACS_AREAS
    if insp.framework == "sif":
        title = (
            "Inspection of services for children in need of help and protection, children "
            "looked after and care leavers"
        )
        rows = "\n".join(f"{w}\t{insp.grades[k]}\t" for w, k in areas)
        table = f"Children's services in {place.name} are {insp.overall}\t\t\n{rows}"
        dates = f"Inspection date: {days_range(insp.start, insp.end)}"
    else:
        title = "Inspection of children's social care services"
        rows = "\n\n".join(f"{w}\n{_cap(insp.grades[k])}" for w, k in areas)
        table = f"Judgement\tGrade\n\nOverall effectiveness\n{_cap(insp.overall)}\n\n{rows}"
        lead = " ".join(person(rng))
        dates = (
            f"Inspection dates: {days_range(insp.start, insp.end)}\n\n"
            f"Lead inspector: {lead}, Her Majesty's Inspector"
        )
    as_at = insp.start.replace(day=1) - dt.timedelta(days=1)
    first, last = person(rng)
    head = [
        f"\n\n{place.council}",
        title,
        dates,
        f"Report published: {day(insp.published)}",
        table,
        "\n\nExecutive summary",
        *fill(rng, 4_000, insp.lean),
        "\n\nThe local authority\n\nInformation about this local authority area",
        "Previous Ofsted inspections",
        _previous(previous),
        "Local leadership",
        f"- The director of children's services, {first} {last}, has been in post since "
        f"{month(insp.start - dt.timedelta(days=rng.randint(60, 1500)))}.",
        "Children living in this area",
        _bullets(figures(rng, place.name, as_at, place.scale)),
        "\n\nRecommendations",
        "\n\n".join(f"{i}. {r}" for i, r in enumerate(_improve(rng, rng.randint(5, 10)), 1)),
    ]
    body: list[str] = []
    per_area = max(2_000, (target - sum(map(len, head)) - 1_500) // len(areas))
    number = 1
    for wording, key in areas:
        section = fill(rng, per_area, _LEAN.get(insp.grades[key], 0.85), numbered=number)
        number += len(section)
        heading = wording.split(" ", 1)[-1] if insp.framework == "sif" else wording
        body += [f"\n\n{heading}", _cap(insp.grades[key]), "Inspection findings", *section]
    tail = (
        "\n\nInformation about this inspection\n\nInspectors have looked closely at the "
        "experiences of children and young people who have needed or still need help and/or "
        "protection. The inspection of the local authority was carried out under section 136 of "
        "the Education and Inspections Act 2006.\n\nLead inspector: "
        f"{' '.join(person(rng))}\n\n© Crown copyright {insp.published.year}\n"
    )
    return "\n\n".join(head + body) + tail


def monitoring_letter(
    rng: random.Random, place: Place, visit: dt.date, dated: dt.date, nth: int, judged: Inspection
) -> str:
    """A monitoring visit letter to an authority judged inadequate, 8-15 KB."""
    head, inspectors = _letterhead(rng, place, dated)
    areas = [t for t, _ in rng.sample(THEMES, 3)]
    parts = [
        head,
        f"Monitoring visit to {place.name} children's services",
        f"This letter summarises the findings of the monitoring visit to {place.name} children's "
        f"services on {two_days(visit)}. This was the {_ORDINALS[min(nth, 8) - 1]} monitoring "
        f"visit since the local authority was judged inadequate in {month(judged.published)}. "
        f"The inspectors were {inspectors}, Her Majesty's Inspectors.",
        "Areas covered by the visit",
        "Inspectors reviewed the progress made in the following areas of concern identified at "
        "the last inspection:",
        _bullets(areas),
        "Headline findings",
        finding(rng, 0.4),
        "Findings and evaluation of progress",
        _bullets(fill(rng, rng.randint(6_500, 12_000), 0.4)),
        _letter_figures(rng, place, visit),
        "I am copying this letter to the Department for Education. This letter will be "
        "published on the Ofsted website.\n\nYours sincerely\n\n"
        f"{' '.join(person(rng))}\nHer Majesty's Inspector\n",
    ]
    return "\n\n".join(parts)


def focused_letter(
    rng: random.Random, place: Place, visit: dt.date, dated: dt.date, last: Inspection
) -> str:
    """A focused visit letter with 'What needs to improve', 8-15 KB."""
    head, inspectors = _letterhead(rng, place, dated)
    parts = [
        head,
        f"Focused visit to {place.name} local authority children's services",
        "This letter summarises the findings of the focused visit to "
        f"{place.name} local authority children's services on {two_days(visit)}. His Majesty's "
        f"Inspectors for this visit were {inspectors}.",
        f"Children's services in {place.name} were judged to be {last.overall} at the last "
        f"inspection in {month(last.published)}.",
        "Headline findings",
        finding(rng, last.lean),
        "What needs to improve in this area of social work practice",
        _bullets(_improve(rng, rng.randint(2, 4))),
        "Findings",
        _bullets(fill(rng, rng.randint(6_500, 12_000), last.lean)),
        _letter_figures(rng, place, visit),
        "Ofsted will take the findings of this focused visit into account when planning your "
        f"next inspection or visit.\n\nYours sincerely\n\n{' '.join(person(rng))}\n"
        "His Majesty's Inspector\n",
    ]
    return "\n\n".join(parts)


def news(rng: random.Random, place: Place, insp: Inspection, monitoring: int = 0) -> str:
    """A third party's article retelling a report (or the ``monitoring``-th visit), 5-8 KB."""
    if monitoring:
        headline = f"Monitoring visit finds mixed progress at {place.name}"
        lede = (
            f"Progress in {place.name} remains uneven, Ofsted has said, following the "
            f"{_ORDINALS[min(monitoring, 8) - 1]} monitoring visit since the local authority was "
            f"judged inadequate in {month(insp.published)}."
        )
    else:
        headline = f"{place.name} children's services rated {insp.overall} by Ofsted"
        lede = (
            f"Children's services at {place.the_council} were rated {insp.overall} in an "
            f"inspection carried out between {day(insp.start)} and {day(insp.end)}, Ofsted has "
            "said."
        )
    first, last = person(rng)
    parts = [
        headline,
        lede,
        f'"{finding(rng, insp.lean)}" the report said.',
        "Inspectors highlighted:",
        "\n".join(f"- {p}" for p in fill(rng, rng.randint(4_200, 6_500), insp.lean)),
        _turnover(rng),
        f"Councillor {first} {last}, cabinet member for children and families at "
        f"{place.the_council}, "
        "said the council would continue to invest in early help and in recruiting permanent "
        "social workers.",
    ]
    return "\n\n".join(parts) + "\n"


def minutes(
    rng: random.Random, place: Place, insp: Inspection, previous: Inspection | None, on: dt.date
) -> str:
    """A council's minutes noting a report's outcome, with its list of actions, 6-10 KB."""
    areas = ILACS_AREAS if insp.framework == "ilacs" else SIF_AREAS
    judged = [f"Overall effectiveness: {_cap(insp.overall)}"] + [
        f"{w.split(' ', 1)[-1] if insp.framework == 'sif' else w}: {_cap(insp.grades[k])}"
        for w, k in areas
    ]
    romans = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii")
    actions = _improve(rng, rng.randint(4, 7))
    before = (
        f"Children's services in {place.name} had been judged {previous.overall} by Ofsted in "
        f"{month(previous.published)}. "
        if previous is not None
        else ""
    )
    parts = [
        "Agenda item",
        f"Ofsted inspection of {place.name} children's services",
        f"Meeting: {on:%d/%m/%Y} - Cabinet (Item {rng.randint(3, 12)})",
        "Decision:",
        f"The Cabinet noted the outcome of the Ofsted inspection of {place.name} children's "
        "services and agreed the actions set out in the report.",
        "Minutes:",
        f"The Cabinet Member for Children's Services introduced the report. {before}Ofsted had "
        "carried out a full inspection of local authority children's services between "
        f"{day(insp.start)} and {day(insp.end)}. The report had been published on "
        f"{day(insp.published)} and the judgements were:",
        _bullets(judged, "·        "),
        "The Council would respond to the areas for improvement identified by inspectors "
        "through the following actions:",
        "\n\n".join(f"({r})          {a}" for r, a in zip(romans, actions, strict=False)),
        "Members discussed the report and commented:",
        _bullets(fill(rng, rng.randint(4_300, 7_800), insp.lean), "·        "),
        _turnover(rng),
        "RESOLVED –\n\nThat the outcome of the Ofsted inspection be NOTED and the actions set out "
        "in the report be AGREED.\n\nSupporting documents:\n",
    ]
    return "\n\n".join(parts)
