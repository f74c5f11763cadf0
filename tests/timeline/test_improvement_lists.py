"""Lists of what must improve, read one recommendation per item from PDF text and real reports.

The invented texts below are laid out as PDFium gives an Ofsted report's text: no blank lines
between a title and its list, bullets as symbol-font characters, items wrapped line by line,
page numbers and running headers between items. The gold (``tests/data/improvement_gold.json``,
434 hand-checked items of 55 real reports) is compared item by item: an item is read when one
recommendation of its report has its text, whitespace made single spaces and PDFium's broken
hyphen mark (U+FFFE) read as "-" on both sides. Nothing else is forgiven: a trailing full stop
is compared as printed, and an item merged with the next, split in two or run on into the text
after the list is not read. (The gold's items carry no footnote markers; the reader drops a
footnote digit stuck to a word after punctuation, "plans.2", as every extractor does.)
"""

from __future__ import annotations

import collections
import json
from pathlib import Path
from typing import Any

import corpus_gold
import pytest
from corpus_gold import CORPUS, Outcome, gold, read_corpus

from events import Area, DocumentKind, PartialDate, RecommendationMade
from timeline.reading.context import DocumentContext
from timeline.reading.recommendations import improvement_items, read_recommendations

GOLD = Path(__file__).resolve().parents[1] / "data" / "improvement_gold.json"
BULLET = "\uf0b7"  # a symbol-font bullet, as PDFium gives it
SQUARE = "\u25fc"


def _context(text: str) -> DocumentContext:
    return DocumentContext(
        text=text,
        document_id="d" * 64,
        file_name="report.pdf",
        subject="Harfield",
        kind=DocumentKind.INSPECTION_REPORT,
        published=PartialDate.coerce("2024-05-02"),
    )


def _texts(text: str) -> list[str]:
    return [r.text for r in read_recommendations(_context(text))]


ILACS = f"""\
Inspection of Harfield local authority children's services
Inspection dates: 4 to 15 March 2024
Report published: 2 May 2024
Children's services in Harfield are improving. Leaders know their services

Inspection of Harfield local authority children's services
4 to 15 March 2024 1
well.
What needs to improve?
{SQUARE} The quality of assessments for children in need, so that they consider family
history.
{SQUARE} Management oversight and supervision of frontline practice.

Inspection of Harfield local authority children's services
4 to 15 March 2024 2
{SQUARE} The response to 16- and 17-year-old children who present as homeless
The experiences and progress of children who need help and
protection: requires improvement to be good
1. Children receive help at the right time. Early help is well coordinated, and

Inspection of Harfield local authority children's services
4 to 15 March 2024 3
families are seen promptly.
{SQUARE} This bullet is a finding of the section, not a recommendation.
"""


def test_ilacs_list_without_blank_lines() -> None:
    """Items wrap line by line, a page break and running header fall between two, and the area
    title ends the list (the last item has no full stop)."""
    assert _texts(ILACS) == [
        "The quality of assessments for children in need, so that they consider family history.",
        "Management oversight and supervision of frontline practice.",
        "The response to 16- and 17-year-old children who present as homeless",
    ]


def test_quotes_are_the_items_spans() -> None:
    """Each recommendation's quote is its span of the text, its marker left out."""
    for rec in read_recommendations(_context(ILACS)):
        assert ILACS[rec.source.start : rec.source.end] == rec.source.quote
        assert not rec.source.quote.startswith(SQUARE)
    first = read_recommendations(_context(ILACS))[0]
    assert first.source.quote.endswith("family\nhistory.")


SIF = f"""\
Contents
What does the local authority need to improve? 4
Recommendations 8
What does the local authority need to improve?
Priority and immediate action
Leadership and management
1. Ensure that all staff receive regular reflective supervision, in line with the local
authority's policy.
2. Put in place an effective performance management framework; this to include
\uf02d comprehensive and reliable performance data
\uf02d clear quality assurance arrangements.
Areas for improvement
Care leavers
3. Ensure that care leavers have full information about their health histories.

5
Quality of practice
4. Improve the quality of child\ufffefocused plans.
The local authority's strengths
5. Senior leaders have a realistic understanding of the service.
Section 2: The effectiveness of the Local Safeguarding Children Board
What does the LSCB need to improve?
Areas for improvement
{BULLET} Ensure that the board evaluates multi-agency training.
Key strengths and weaknesses of the LSCB
{BULLET} The board is well chaired.
"""


def test_single_inspection_lists_with_groups() -> None:
    """Group headings divide a numbered list, a page number falls inside it, sub-bullets stay in
    their item, and "The local authority's strengths" ends it though its numbering runs on."""
    assert _texts(SIF) == [
        "Ensure that all staff receive regular reflective supervision, in line with the local "
        "authority's policy.",
        "Put in place an effective performance management framework; this to include "
        "\uf02d comprehensive and reliable performance data \uf02d clear quality assurance "
        "arrangements.",
        "Ensure that care leavers have full information about their health histories.",
        "Improve the quality of child-focused plans.",
        "Ensure that the board evaluates multi-agency training.",
    ]


def test_groups_and_the_board_set_the_area() -> None:
    """A group heading naming an area sets it; the board's own list is the board's."""
    items = improvement_items(SIF)
    assert [i.group for i in items[:4]] == [
        "Leadership and management",
        "Leadership and management",
        "Care leavers",
        "Quality of practice",
    ]
    assert [i.area for i in items] == [
        Area.LEADERSHIP,
        Area.LEADERSHIP,
        Area.CARE_LEAVERS,
        None,
        Area.LSCB,
    ]


LEAD_IN = f"""\
Harfield Council Inspection of looked after children services 7
Leaders know the service well.

Harfield Council Inspection of looked after children services 8
Areas for improvement
22. In order to improve the quality of services for looked after children in Harfield, the
local authority should take the following action.
Immediately:
{BULLET} improve the quality of supervision and management oversight in
casework
{BULLET} ensure that the voice of the child informs care planning.

Harfield Council Inspection of looked after children services 9
Within three months:
{BULLET} improve the timeliness of care proceedings.
Information about this inspection
"""


def test_a_lead_in_item_is_not_a_recommendation() -> None:
    """ "... should take the following action." introduces the items, grouped by when; a
    running header (a line on every page) between two is skipped."""
    items = improvement_items(LEAD_IN)
    assert [(i.group, i.text) for i in items] == [
        ("Immediately:", "improve the quality of supervision and management oversight in casework"),
        ("Immediately:", "ensure that the voice of the child informs care planning."),
        ("Within three months:", "improve the timeliness of care proceedings."),
    ]


def test_an_empty_list_says_so_and_is_no_recommendation() -> None:
    """ "The inspection did not find any areas for priority and immediate action." is printed as
    an item; it is not one."""
    text = (
        "What does the local authority need to improve?\n"
        "Priority and immediate action\n"
        "26. The inspection did not find any areas for priority and immediate action.\n"
        "Areas for improvement\n"
        "27. Ensure that thresholds are understood by partners.\n"
        "The local authority's strengths\n"
    )
    assert _texts(text) == ["Ensure that thresholds are understood by partners."]


def test_no_list_no_recommendations() -> None:
    """A report with no list of what must improve yields none, its bullets staying findings."""
    text = ILACS.replace("What needs to improve?", "Leaders have a clear plan.")
    assert _texts(text) == []


def test_a_contents_line_or_a_sentence_is_no_title() -> None:
    """ "Recommendations 8" (contents) and a wrapped sentence ending "recommendations." are not
    a list's title."""
    text = (
        "Contents\nRecommendations 8\nThe board acted on the review's\nrecommendations.\n"
        f"{BULLET} Audits are thorough.\n"
    )
    assert _texts(text) == []


# ---------------------------------------------------------------- the real reports' lists

needs_corpus = pytest.mark.skipif(
    not (CORPUS / "gold.json").is_file(),
    reason=f"the real corpus is not at {CORPUS} (CI has it; see ../shared/corpus/README.md)",
)


def _normalise(text: str) -> str:
    return " ".join(text.replace("\ufffe", "-").split())


@pytest.fixture(scope="module")
def reports() -> list[dict[str, Any]]:
    reports: list[dict[str, Any]] = json.loads(GOLD.read_text("utf-8"))["reports"]
    return reports


@pytest.fixture(scope="module")
def outcomes() -> dict[str, Outcome]:
    return read_corpus(gold())


def _recommendations(outcome: Outcome) -> list[RecommendationMade]:
    return [e for e in outcome.events if isinstance(e, RecommendationMade)]


@needs_corpus
def test_real_reports_items_read_one_event_each(
    reports: list[dict[str, Any]], outcomes: dict[str, Outcome]
) -> None:
    """At least 98% of the gold's items are each one recommendation of their report, and no
    report has a recommendation that is no item (merged, split or run-on items are misses)."""
    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    missed, extra = [], []
    for report in reports:
        events = _recommendations(outcomes[report["file"]])
        texts = collections.Counter(_normalise(e.text) for e in events)
        items = [_normalise(i["text"]) for lst in report["lists"] for i in lst["items"]]
        for item in items:
            counts[report["framework"]]["items"] += 1
            if texts[item] == 1:
                counts[report["framework"]]["read"] += 1
            else:
                missed.append(f"{report['file']}: {item[:80]}")
        extra += [f"{report['file']}: {t[:80]}" for t in texts if t not in set(items)]
    read = sum(c["read"] for c in counts.values())
    total = sum(c["items"] for c in counts.values())
    corpus_gold.summary.append(
        f"improvement lists: {read}/{total} items read ("
        + ", ".join(f"{fw} {c['read']}/{c['items']}" for fw, c in sorted(counts.items()))
        + ")"
    )
    assert total == 434
    assert read >= 0.98 * total, "\n".join(missed)
    assert not extra, "\n".join(extra)


@needs_corpus
def test_real_reports_items_carry_an_agreed_theme(
    reports: list[dict[str, Any]], outcomes: dict[str, Outcome]
) -> None:
    """At least 95% of the gold's items are read with a theme the gold agrees with (one of its
    keys; the gold lists every key a reader of the item would accept)."""
    agreed, total, disagreements = 0, 0, []
    for report in reports:
        events = {_normalise(e.text): e for e in _recommendations(outcomes[report["file"]])}
        for item in (i for lst in report["lists"] for i in lst["items"]):
            total += 1
            event = events.get(_normalise(item["text"]))
            if event is not None and set(event.themes) & set(item["themes"]):
                agreed += 1
            else:
                read = None if event is None else event.themes
                disagreements.append(f"{item['themes']} read as {read}: {item['text'][:80]}")
    corpus_gold.summary.append(f"improvement lists: {agreed}/{total} items with an agreed theme")
    assert agreed >= 0.95 * total, "\n".join(disagreements)


@needs_corpus
def test_a_report_without_a_list_has_no_recommendations(
    reports: list[dict[str, Any]], outcomes: dict[str, Outcome]
) -> None:
    """The gold's report with no list (an outstanding inspection) yields no recommendation."""
    empty = [r["file"] for r in reports if not r["lists"]]
    assert empty
    for file in empty:
        assert _recommendations(outcomes[file]) == [], file
