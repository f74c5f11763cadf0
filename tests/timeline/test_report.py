"""The HTML report on the seeds: its parts, its escaping, and how headless Chromium renders it."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from events import (
    Area,
    FindingRecorded,
    Grade,
    JudgementIssued,
    PartialDate,
    Period,
    Source,
    UnknownKeyError,
)
from projections import Verdict
from timeline import Timeline
from timeline.reading.themes import theme_label
from timeline.report import build_report

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
FROM, TO = "2014-09-01", "2022-03-01"

HOSTILE = """\
<script>document.title='pwned'</script> Slough children's services & "partners"

Children's services at Slough Council were judged inadequate in an inspection carried \
out between 6 and 17 March 2023, Ofsted has said.

Inspectors found that <script>alert(1)</script> assessments are not always timely & "quotes" \
&amp; too many are poor.
"""
HOSTILE_MANIFEST = """\
["hostile_news.txt"]
published = "2023-05-04"
subject = "Slough"
kind = "news_article"
"""


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    """The seeds ingested once into a memory timeline."""
    tl = Timeline.open(":memory:")
    tl.ingest([SEEDS])
    return tl


@pytest.fixture(scope="module")
def page(timeline: Timeline) -> str:
    """The seeds' report from September 2014 to March 2022."""
    return build_report(timeline, FROM, TO)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Timeline:
    """The seeds plus an invented article full of markup, in a folder with its manifest."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile_news.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "manifest.toml").write_text(HOSTILE_MANIFEST, encoding="utf-8")
    tl = Timeline.open(":memory:")
    tl.ingest([SEEDS, folder])
    return tl


def _element(page: str, tag: str, ident: str) -> str:
    """The markup of the first ``<tag id="ident">`` up to its matching close (no nesting)."""
    start = page.index(f'<{tag} id="{ident}"')
    return page[start : page.index(f"</{tag}>", start)]


def _section(page: str, ident: str) -> str:
    """A section's markup, nested sections included: up to where the next sibling starts."""
    start = page.index(f'<section id="{ident}"')
    following = [
        page.find(marker, start + 1)
        for marker in ('<section id="findings', '<section id="conflicts', '<div class="subject"')
    ]
    return page[start : min([f for f in following if f > 0] or [len(page)])]


def test_report_is_one_self_contained_page(page: str) -> None:
    """The page needs nothing from outside: no scripts, links, imports or remote URLs."""
    assert page.startswith("<!DOCTYPE html>")
    assert "<style>" in page
    assert "<svg" in page
    for pattern in (r"<script", r"<link", r"\bsrc=", r"url\(", r"@import", r"https?://"):
        assert re.search(pattern, page, re.IGNORECASE) is None, pattern


def test_chart_has_a_point_for_each_overall_judgement(page: str) -> None:
    """The chart plots overall effectiveness 2014, 2018 and 2022, each with a sourced tooltip."""
    chart = page[page.index('<svg id="grades-chart"') : page.index("</svg>")]
    assert 'aria-labelledby="grades-chart-title grades-chart-desc"' in chart
    group = re.search(
        r'class="area area-overall_effectiveness".*?(?=<g class="area |$)', chart, re.S
    )
    assert group is not None
    points = re.findall(r'<g class="point" data-grade="(\w+)"><title>([^<]*)</title>', group[0])
    grades = [grade for grade, _ in points]
    years = [re.findall(r"Published [^.]*?(\d{4})", tip) for _, tip in points]
    assert grades == ["inadequate", "inadequate", "requires_improvement"]
    assert years == [["2014"], ["2018"], ["2022"]]
    assert all(".txt" in tip for _, tip in points)
    for area in ("leadership", "help_and_protection", "children_in_care", "care_leavers"):
        assert f'class="area area-{area}"' in chart


def test_heatmap_has_theme_rows_and_documents_in_date_order(page: str) -> None:
    """Rows are theme labels, columns the five seeds by publication date, cells by polarity."""
    table = _element(page, "table", "theme-heatmap")
    assert html.escape(theme_label("care_leavers_health_histories")) in table
    head = table[: table.index("</thead>")]
    order = [head.index(name) for name in ("000_", "002_", "001_", "003_", "004_")]
    assert order == sorted(order)
    for polarity in ("positive", "mixed", "negative"):
        assert f'class="cell {polarity}"' in table
    assert 'class="cell none"' in table
    assert 'scope="row"' in table


def test_diff_is_grouped_by_verdict_with_evidence(page: str, timeline: Timeline) -> None:
    """Every verdict has its section; rows show before → after and the quote they rest on."""
    diff = _section(page, "diff")
    for verdict in Verdict:
        assert f'id="diff-{verdict.value}"' in diff
    improved = diff[diff.index('id="diff-improved"') : diff.index('id="diff-regressed"')]
    assert "Overall effectiveness" in improved
    assert "Adoption performance" in improved
    assert "<blockquote>" in improved
    assert "004_3c3f97e9af30c034.txt" in improved
    persisted = diff[diff.index('id="diff-persisted"') : diff.index('id="diff-new"')]
    assert "Leadership" in persisted
    expected = timeline.diff(FROM, TO)
    for verdict in Verdict:
        count = len(expected.by_verdict(verdict))
        assert f">{verdict.value}</span> {count} <small>" in diff


def test_every_finding_is_listed_under_its_document(page: str, timeline: Timeline) -> None:
    """The findings section holds one article per document and every finding's quote."""
    findings = _section(page, "findings")
    assert findings.count('<article class="document"') == 5
    events = [e for e in timeline.index if isinstance(e, FindingRecorded)]
    assert findings.count('<span class="pill ') == len(events)
    for event in events:
        assert html.escape(" ".join(event.source.quote.split())) in findings


def test_header_gives_subject_dates_counts_and_conflicts(page: str) -> None:
    """The header names the subject and dates, counts the events and shows the disagreements."""
    header = page[: page.index("</header>")]
    assert "<h1>Buckinghamshire</h1>" in header
    assert "1 September 2014" in header
    assert "1 March 2022" in header
    assert "<dt>documents</dt><dd>5</dd>" in header
    assert "Sources that disagree" in header
    assert "June 2014" in header
    conflicts = page[page.index('<section id="conflicts"') :]
    assert conflicts.count("believed</span>") == 2


def test_unknown_subject_is_refused(timeline: Timeline) -> None:
    """Asking for a subject no event is about raises UnknownKeyError naming the known ones."""
    with pytest.raises(UnknownKeyError, match="Buckinghamshire"):
        build_report(timeline, FROM, TO, subject="Atlantis")


def test_document_text_is_escaped(hostile: Timeline) -> None:
    """Markup in a document renders as text: no raw script, its tags and entities escaped."""
    page = build_report(hostile, FROM, TO)
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in page
    assert "&amp;amp;" in page
    assert "&quot;quotes&quot;" in page
    assert 'id="grades-chart-2"' in page
    assert 'id="theme-heatmap-2"' in page


def test_empty_timeline_gives_an_empty_report() -> None:
    """With nothing ingested the report still renders, saying there are no subjects."""
    page = build_report(Timeline.open(":memory:"), FROM, TO)
    assert "<h1>No subjects</h1>" in page
    assert "<dt>documents</dt><dd>0</dd>" in page


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("Chromium not installed: apt-get install chromium")
    return found


def _run_chromium(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def test_report_renders_in_headless_chromium(hostile: Timeline, tmp_path: Path) -> None:
    """Chromium draws the chart and heat map, logs no page errors, and runs no injected script."""
    browser = _chromium()
    report = tmp_path / "report.html"
    report.write_text(build_report(hostile, FROM, TO), encoding="utf-8")
    screenshot = tmp_path / "report.png"
    shot = _run_chromium(
        browser,
        tmp_path / "profile-shot",
        f"--screenshot={screenshot}",
        "--window-size=1400,2200",
        report.as_uri(),
    )
    dom = _run_chromium(browser, tmp_path / "profile-dom", "--dump-dom", report.as_uri())
    assert shot.returncode == 0, shot.stderr[-2000:]
    assert dom.returncode == 0, dom.stderr[-2000:]
    for run in (shot, dom):
        page_errors = [
            line for line in run.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line
        ]
        assert page_errors == []
    assert screenshot.exists()
    assert screenshot.stat().st_size > 10_000
    rendered = dom.stdout
    assert re.search(r'<svg id="grades-chart"[^>]*>', rendered)
    assert '<table id="theme-heatmap"' in rendered
    title = re.search(r"<title>([^<]*)</title>", rendered)
    assert title is not None
    assert title[1].startswith("Inspection timeline: Buckinghamshire, ")
    assert "pwned" not in title[1]
    assert "<script" not in rendered


def test_every_judgement_area_is_drawn() -> None:
    """A report holding a grade for every area (the safeguarding board's too) draws each one
    in a colour of its own."""
    text = "Overall effectiveness is good."
    source = Source.from_text(text, 0, len(text), document_id="a" * 64, file_name="sif.txt")
    grades = [
        JudgementIssued(
            subject="Kent",
            valid=Period.of("2016-03"),
            known=PartialDate(2016, 5, 1),
            source=source,
            area=area,
            wording="good",
            grade=Grade.GOOD,
        )
        for area in Area
    ]
    with Timeline.open(":memory:") as timeline:
        timeline.append(grades)
        page = build_report(timeline, "2015-01-01", "2017-01-01")
    colours = set(re.findall(r'stroke="(#[0-9a-f]{6})" stroke-width="3"/>', page))
    assert len(colours) == len(Area)
