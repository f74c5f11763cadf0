"""What reports named for improvement, through the entry point: ``timeline diff``'s section
and ``timeline themes``; on two hand-made reports, on the seeds and on the real corpus."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from corpus_gold import CORPUS, gold, read_corpus

from events import (
    AnyEvent,
    Area,
    DocumentKind,
    DocumentRecorded,
    Framework,
    Grade,
    JudgementIssued,
    MemoryStore,
    PartialDate,
    Period,
    RecommendationMade,
    Source,
)
from timeline import Timeline
from timeline.cli import main
from timeline.report import build_report
from timeline.report_themes import themes_chart_svg

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _report(subject: str, year: int, items: list[tuple[str, ...]]) -> list[AnyEvent]:
    """An ILACS report published on 1 June, graded, with its list of what must improve."""
    when = PartialDate(year, 6, 1)
    document_id = f"{subject}{year}".encode().hex().ljust(64, "0")[:64]
    file_name = f"{subject} {year}.pdf"
    text = f"Inspection of {subject}, {year}. What needs to improve:\n" + "\n".join(
        f"Improve {' and '.join(t)} <script>x</script>." for t in items
    )

    def source(start: int, end: int) -> Source:
        return Source.from_text(
            text,
            start,
            end,
            document_id=document_id,
            file_name=file_name,
            document_kind=DocumentKind.INSPECTION_REPORT,
        )

    head = source(0, len(f"Inspection of {subject}, {year}."))
    out: list[AnyEvent] = [
        DocumentRecorded(
            subject=subject,
            valid=Period(when),
            known=when,
            source=head,
            document_id=document_id,
            document_kind=DocumentKind.INSPECTION_REPORT,
            title=head.quote,
            file_name=file_name,
            published=when,
            framework=Framework.ILACS,
        ),
        JudgementIssued(
            subject=subject,
            valid=Period(when),
            known=when,
            source=head,
            area=Area.OVERALL_EFFECTIVENESS,
            wording="Overall effectiveness",
            grade=Grade.REQUIRES_IMPROVEMENT,
        ),
    ]
    start = text.index("\n") + 1
    for themes in items:
        end = text.index("\n", start) if "\n" in text[start:] else len(text)
        out.append(
            RecommendationMade(
                subject=subject,
                valid=Period(when),
                known=when,
                source=source(start, end),
                text=text[start:end],
                themes=themes,
            )
        )
        start = end + 1
    return out


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Kent inspected in 2019 and 2023, Leeds in 2022; every other authority not yet."""
    path = tmp_path_factory.mktemp("themes") / "timeline.db"
    with Timeline.open(path) as timeline:
        timeline.append(
            [
                *_report("Kent", 2019, [("management_oversight", "workforce"), ("assessments",)]),
                *_report("Kent", 2023, [("management_oversight",), ("care_leavers_health",)]),
                *_report("Leeds", 2022, [("assessments",)]),
            ]
        )
    return str(path)


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    capsys.readouterr()
    assert main(argv) == 0
    return capsys.readouterr().out


def test_diff_names_persisted_weaknesses_with_both_quotes(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """After the verdicts, the diff lists supervision as named both times with each report's
    item, assessments and workforce as named the first time only, care leavers' health as new."""
    out = _run(capsys, ["diff", "2020-01-01", "2024-01-01", "--subject", "Kent", "--db", db])
    section = out.split("What each report named for improvement", 1)[1]
    persisted = section.split("NAMED FOR IMPROVEMENT BOTH TIMES (PERSISTED) (1)", 1)[1]
    assert "Management oversight" in persisted.split("NAMED THE FIRST TIME ONLY")[0]
    assert "then “Improve management_oversight and workforce" in section
    assert "now  “Improve management_oversight <script>" in section
    assert "NAMED THE FIRST TIME ONLY (NOT NAMED AGAIN; NOT SAID TO HAVE IMPROVED) (2)" in section
    assert "NEWLY NAMED (1)" in section
    assert "improved" not in section.lower().replace("not said to have improved", "")


def test_diff_json_adds_a_key_and_keeps_the_others(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """JSON keeps from, to and changes as they were and adds named_for_improvement."""
    argv = ["diff", "2020-01-01", "2024-01-01", "--subject", "Kent", "--json", "--db", db]
    data = json.loads(_run(capsys, argv))
    assert list(data) == ["from", "to", "changes", "named_for_improvement"]
    [kent] = data["named_for_improvement"]
    assert kent["before"]["document"] == "Kent 2019.pdf"
    assert kent["after"]["document"] == "Kent 2023.pdf"
    [persisted] = kent["themes"]["persisted"]
    assert persisted["theme"] == "management_oversight"
    assert persisted["before"][0]["document"] == "Kent 2019.pdf"
    assert persisted["after"][0]["quote"].startswith("Improve management_oversight <script>")
    markdown = _run(capsys, [*argv[:-3], "--format", "markdown", "--db", db])
    assert "## Kent: Named for improvement both times (persisted) (1)" in markdown


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("seeds") / "timeline.db"
    assert main(["ingest", str(SEEDS), "--db", str(path), "--quiet"]) == 0
    return str(path)


def test_seeds_diff_falls_under_one_report(
    seeds_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Both README dates fall under Buckinghamshire's 2017 report: one line says so; from 2014
    there was no first-hand report yet (the 2014 grade is only retold)."""
    out = _run(capsys, ["diff", "2018-02-01", "2022-03-01", "--db", seeds_db])
    section = out.split("What each report named for improvement", 1)[1]
    assert "both dates fall under the same inspection, 002_702d53c0cbc2473f.txt" in section
    out = _run(capsys, ["diff", "2014-09-01", "2022-03-01", "--db", seeds_db])
    assert "no inspection report by 2014-09-01" in out


def test_themes_counts_each_authority_in_force(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """On 1 January 2024: Kent's 2023 list and Leeds's 2022 list; 151 authorities with no
    report yet, counted apart; by year, Kent's 2019 list alone until Leeds's in 2022."""
    data = json.loads(_run(capsys, ["themes", "--at", "2024-01-01", "--json", "--db", db]))
    [england] = data["groups"]
    assert england["counts"] == {
        "assessments": 1,
        "care_leavers_health": 1,
        "management_oversight": 1,
    }
    assert england["with_report"] == 2
    assert england["with_report"] + england["no_report"] == england["authorities"] == 153
    by_year = {y["at"]: y["counts"] for y in data["by_year"]}
    assert next(iter(by_year)) == "2014-03-31"
    assert list(by_year)[-1] == "2023-03-31"
    assert by_year["2020-03-31"] == {"assessments": 1, "management_oversight": 1, "workforce": 1}
    assert by_year["2023-03-31"]["assessments"] == 2


def test_themes_lists_authorities_with_quotes_and_groups(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """--list names each authority behind a count with its report and item; --by region
    counts per region, adding up to England."""
    argv = ["themes", "--at", "2024-01-01", "--list", "--by", "region", "--json", "--db", db]
    data = json.loads(_run(capsys, argv))
    england, *regions = data["groups"]
    [kent] = england["themes"]["management_oversight"]
    assert kent["subject"] == "Kent"
    assert kent["report"]["document"] == "Kent 2023.pdf"
    assert kent["items"][0]["quote"] == "Improve management_oversight <script>x</script>."
    assert "Barnet" in england["no_report_authorities"]
    assert sum(r["counts"].get("assessments", 0) for r in regions) == 1  # Leeds, 2022
    table = _run(capsys, [*argv[:-3], "--db", db])
    assert "Kent: Kent 2023.pdf (2023-06-01)" in table
    assert "no report yet (151):" in table


# -- the real corpus ----------------------------------------------------------------------

corpus = pytest.mark.skipif(
    not (CORPUS / "gold.json").is_file(),
    reason=f"the real corpus is not at {CORPUS} (CI has it; see ../shared/corpus/README.md)",
)
AT = datetime.date(2024, 3, 31)
_ILACS = (Framework.ILACS, Framework.ILACS_2023)


@pytest.fixture(scope="module")
def real() -> Timeline:
    found = Timeline(MemoryStore())
    for outcome in read_corpus(gold()).values():
        found.append(outcome.events)
    return found


def _reports(timeline: Timeline) -> dict[str, list[DocumentRecorded]]:
    """Each authority's inspection reports of children's services, by publication."""
    found: dict[str, list[DocumentRecorded]] = {}
    for document in timeline.index.documents.values():
        if document.document_kind is DocumentKind.INSPECTION_REPORT and document.framework in (
            Framework.SIF,
            *_ILACS,
        ):
            found.setdefault(document.subject, []).append(document)
    return {s: sorted(d, key=lambda r: r.published.ordinal) for s, d in found.items()}


def _named(timeline: Timeline, document: DocumentRecorded) -> dict[str, list[Any]]:
    """The themes a report's own list names (the board's aside), from its events."""
    named: dict[str, list[Any]] = {}
    for event in timeline.events(kind="recommendation_made", document=document.document_id):
        assert isinstance(event, RecommendationMade)
        if event.area is not Area.LSCB:
            for theme in event.themes:
                named.setdefault(theme, []).append(event)
    return named


@corpus
def test_a_theme_both_ilacs_lists_name_is_persisted_with_both_quotes(real: Timeline) -> None:
    """Every authority whose last two reports are ILACS: the themes both lists name are
    persisted, each side quoting items of its own report's list, and the others are not."""
    checked = 0
    for subject, reports in sorted(_reports(real).items()):
        if len(reports) < 2 or reports[-2].framework not in _ILACS:
            continue
        first, second = reports[-2], reports[-1]
        found = real.weaknesses(first.published, second.published, subject)
        was, now = _named(real, first), _named(real, second)
        assert {t.theme for t in found.by_status("persisted")} == was.keys() & now.keys()
        assert {t.theme for t in found.by_status("not_named_again")} == was.keys() - now.keys()
        assert {t.theme for t in found.by_status("newly_named")} == now.keys() - was.keys()
        for track in found.by_status("persisted"):
            assert {i.source.quote for i in track.before} == {
                e.source.quote for e in was[track.theme]
            }
            assert all(i.source.document_id == first.document_id for i in track.before)
            assert all(i.source.document_id == second.document_id for i in track.after)
            checked += 1
    assert checked > 50  # persisted themes across the corpus's pairs of ILACS reports


@corpus
def test_themes_counts_equal_each_members_latest_list(real: Timeline) -> None:
    """On 31 March 2024 each theme's count is the members whose latest report published by then
    names it, worked out here from the documents and their recommendation events; counted
    with those with no report yet, they are every member."""
    members = real.members(AT)
    reports = _reports(real)
    expected: dict[str, int] = {}
    reported = 0
    for member in members:
        published = [
            r for r in reports.get(member.name, []) if r.published.ordinal <= AT.toordinal()
        ]
        if not published:
            continue
        reported += 1
        for theme in _named(real, published[-1]):
            expected[theme] = expected.get(theme, 0) + 1
    named = real.themes(AT)
    assert named.counts() == dict(sorted(expected.items(), key=lambda kv: (-kv[1], kv[0])))
    assert len(named.reported()) == reported
    assert len(named.reported()) + len(named.without_report()) == len(members) == 153


def test_report_shows_what_each_report_named_escaped(db: str) -> None:
    """The HTML report's section lists persisted, not named again and newly named themes with
    both reports' items, every text escaped and no script."""
    with Timeline.open(db) as timeline:
        page = build_report(timeline, "2020-01-01", "2024-01-01", subject="Kent")
    section = page.split('id="named-for-improvement"', 1)[1].split("</section>\n</section>")[0]
    persisted = section.split('id="named-for-improvement-persisted"', 1)[1].split("</section>")[0]
    assert "Management oversight" in persisted
    assert "Improve management_oversight and workforce &lt;script&gt;" in persisted
    assert "Report published 1 June 2023" in persisted
    assert 'id="named-for-improvement-not_named_again"' in section
    assert 'id="named-for-improvement-newly_named"' in section
    assert "<script" not in page


def test_themes_chart_is_inline_svg_with_a_point_per_theme_and_year(db: str) -> None:
    """One line per chosen theme, a titled point per year with a report, no script."""
    with Timeline.open(db) as timeline:
        series = timeline.themes_by_year("2024-03-31")
    svg = themes_chart_svg(series, themes=["management_oversight", "assessments"])
    assert svg.startswith('<svg id="themes-chart"')
    assert svg.count('class="theme-line"') == 2
    with_report = sum(1 for named in series if named.reported())
    assert svg.count("<circle") == 2 * with_report == 2 * 5  # 2020-2024
    assert "1 of 1 authorities with a report (100%)" in svg
    assert "<script" not in svg
