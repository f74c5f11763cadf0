"""The national HTML report: its figures are the facade's, its map every authority in force,
its pages self-contained, and headless Chromium draws it."""

from __future__ import annotations

import csv
import datetime as dt
import html
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from corpus_gold import CORPUS, gold, read_corpus
from test_report import _chromium, _run_chromium

from events import Area, DateError, Grade, MemoryStore
from projections.national import NO_JUDGEMENT
from timeline import Register, Timeline
from timeline.boundaries import packaged_positions, read_boundaries, read_positions
from timeline.cli import main
from timeline.data import make_positions
from timeline.report_charts import GRADE_COLOURS
from timeline.report_england import build_england, write_england

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
BOUNDARIES = CORPUS / "geo" / "lad23_boundaries.geojson"
FROM, TO = "2013-01-01", "2024-03-31"
AT = dt.date(2024, 3, 31)
OVERALL = Area.OVERALL_EFFECTIVENESS

needs_corpus = pytest.mark.skipif(
    not (CORPUS / "gold.json").is_file(),
    reason=f"the real corpus is not at {CORPUS} (CI has it; see ../shared/corpus/README.md)",
)
needs_boundaries = pytest.mark.skipif(
    not BOUNDARIES.is_file(), reason=f"the ONS boundaries are not at {BOUNDARIES}"
)

_LA = re.compile(
    r'<g class="la" data-code="([^"]+)" data-grade="([^"]+)" fill="([^"]+)"><title>([^<]*)</title>'
)


@pytest.fixture(scope="module")
def corpus() -> Timeline:
    """Every real report, read once per test run (shared with the corpus tests)."""
    if not (CORPUS / "gold.json").is_file():
        pytest.skip(f"the real corpus is not at {CORPUS}")
    found = Timeline(MemoryStore())
    for outcome in read_corpus(gold()).values():
        found.append(outcome.events)
    return found


@pytest.fixture(scope="module")
def pages(corpus: Timeline) -> dict[str, str]:
    """The corpus's national report, 2013 to 31 March 2024, authorities drawn as circles."""
    return build_england(corpus, FROM, TO)


@pytest.fixture(scope="module")
def seeds() -> Timeline:
    """The seeds ingested into a memory timeline."""
    timeline = Timeline.open(":memory:")
    timeline.ingest([SEEDS])
    return timeline


@pytest.fixture(scope="module")
def seed_pages(seeds: Timeline) -> dict[str, str]:
    """The seeds' national report."""
    return build_england(seeds, "2014-01-01", "2022-03-01")


def _svg(page: str, ident: str) -> str:
    start = page.index(f'<svg id="{ident}"')
    return page[start : page.index("</svg>", start)]


def _map(page: str, ident: str = "england-map") -> dict[str, tuple[str, str]]:
    """Each authority on a map: ONS code -> (grade, fill)."""
    found = {code: (grade, fill) for code, grade, fill, _ in _LA.findall(_svg(page, ident))}
    assert len(found) == len(_LA.findall(_svg(page, ident))), "an authority drawn twice"
    return found


def _expected(timeline: Timeline, day: dt.date) -> dict[str, str]:
    """Each authority in force on ``day`` -> its grade as Timeline.england counts it."""
    codes = {a.name: a.ons_code for a in timeline.register}
    return {
        codes[h.subject]: NO_JUDGEMENT if h.grade is None else h.grade.value
        for h in timeline.england(day, areas=[OVERALL]).distribution(OVERALL).holdings
    }


@needs_corpus
def test_every_authority_in_force_is_on_the_map_in_its_grades_colour(
    corpus: Timeline, pages: dict[str, str]
) -> None:
    """The map holds exactly the authorities in force on its date, each coloured by the grade
    Timeline.england gives it; those with none are drawn as "no judgement", not left out."""
    drawn = _map(pages["index.html"])
    in_force = {a.ons_code for a in corpus.register if a.in_force(AT)}
    assert set(drawn) == in_force
    assert len(drawn) == 153
    expected = _expected(corpus, AT)
    assert {code: grade for code, (grade, _) in drawn.items()} == expected
    assert all(fill == GRADE_COLOURS[grade] for grade, fill in drawn.values())
    grades = Counter(grade for grade, _ in drawn.values())
    counts = corpus.england(AT, areas=[OVERALL]).distribution(OVERALL).counts()
    assert grades == Counter({k: v for k, v in counts.items() if v})
    assert grades[NO_JUDGEMENT] == counts[NO_JUDGEMENT] > 0


@needs_corpus
def test_each_31_march_has_its_map(corpus: Timeline, pages: dict[str, str]) -> None:
    """A small map for 31 March of each year from 2013, each as Timeline.england has it then,
    so Bournemouth and Poole are on the maps until 2018 and their successor after."""
    index = pages["index.html"]
    years = re.findall(r'<svg id="map-(\d{4})-03-31"', index)
    assert years == [str(y) for y in range(2013, 2025)]
    for year in years:
        day = dt.date(int(year), 3, 31)
        drawn = _map(index, f"map-{year}-03-31")
        assert {c: g for c, (g, _) in drawn.items()} == _expected(corpus, day)
    assert "E06000028" in _map(index, "map-2018-03-31")
    assert "E06000028" not in _map(index, "map-2020-03-31")
    assert "E06000058" in _map(index, "map-2020-03-31")


@needs_corpus
def test_shares_sum_to_100_and_equal_timeline_england(
    corpus: Timeline, pages: dict[str, str]
) -> None:
    """Every bar of the stacked chart and row of its table: the grades' shares of the judged
    authorities on the date, as Timeline.england gives them, summing to 100% when any is."""
    index = pages["index.html"]
    chart = _svg(index, "shares-chart")
    bars: dict[str, dict[str, float]] = {}
    for day, grade, share in re.findall(
        r'data-day="([\d-]+)" data-grade="(\w+)" data-share="([\d.]+)"', chart
    ):
        bars.setdefault(day, {})[grade] = float(share)
    table = index[index.index('<table id="shares-table"') :]
    table = table[: table.index("</table>")]
    rows = {
        day: {g: float(s) for g, s in re.findall(r'data-grade="(\w+)" data-share="([\d.]+)"', row)}
        for day, row in re.findall(r'<tr data-day="([\d-]+)">(.*?)</tr>', table)
    }
    assert rows == bars
    assert list(bars) == [f"{y}-03-31" for y in range(2013, 2025)]
    for day, shares in bars.items():
        found = corpus.england(day, areas=[OVERALL]).distribution(OVERALL)
        for grade, share in shares.items():
            assert share == pytest.approx(found.share(Grade(grade)), abs=5e-4)
        assert sum(shares.values()) == pytest.approx(100 if found.judged else 0, abs=0.01)
    assert sum(bars["2013-03-31"].values()) == 0  # nothing published in the corpus by then


@needs_corpus
def test_movements_table_equals_timeline_movements(corpus: Timeline, pages: dict[str, str]) -> None:
    """The movements table counts what Timeline.movements counts, and lists each movement."""
    index = pages["index.html"]
    table = index[index.index('<table id="movements-table"') :]
    counts = {
        verdict: int(n)
        for verdict, n in re.findall(
            r'<tr data-verdict="(\w+)"><th scope="row">[^<]*</th><td class="num">(\d+)</td>',
            table[: table.index("</table>")],
        )
    }
    expected = corpus.movements(AT).counts(OVERALL)
    assert counts == expected
    assert sum(counts.values()) > 30
    listed = index[index.index('<table id="movements-list"') :]
    listed = listed[: listed.index("</table>")]
    assert Counter(re.findall(r'<tr data-verdict="(\w+)">', listed)) == Counter(
        {k: v for k, v in expected.items() if v}
    )


@needs_corpus
def test_regions_equal_england_by_region(corpus: Timeline, pages: dict[str, str]) -> None:
    """Each region's row counts what Timeline.england(by="region") counts, England's first."""
    index = pages["index.html"]
    table = index[index.index('<table id="regions-table"') :]
    table = table[: table.index("</table>")]
    rows = {
        group: {g: int(n) for g, n in re.findall(r'data-grade="(\w+)" data-count="(\d+)"', row)}
        for group, row in re.findall(r'<tr data-group="([^"]+)">(.*?)</tr>', table)
    }
    picture = corpus.england(AT, by="region", areas=[OVERALL])
    expected = {d.group: d.counts() for d in picture.distributions}
    assert rows == expected
    assert next(iter(rows)) == "England"
    assert len(rows) == 10


@needs_corpus
def test_themes_chart_draws_the_themes_most_named(corpus: Timeline, pages: dict[str, str]) -> None:
    """The chart of what reports named for improvement has a line for each of the themes the
    latest reports name most, as Timeline.themes_by_year counts them."""
    chart = _svg(pages["index.html"], "themes-chart")
    drawn = re.findall(r'data-theme="([^"]+)"', chart)
    last = corpus.themes_by_year(Timeline.date(AT))[-1]
    assert drawn == list(last.counts())[: len(drawn)]
    assert len(drawn) >= 3


@needs_corpus
def test_authority_pages_link_back_and_agree_with_the_map(
    corpus: Timeline, pages: dict[str, str]
) -> None:
    """Each authority in force at some time has a page the England page links to; it links
    back, its first row is its own grade over time (on the map's date the map's grade), and
    the rows after are its predecessors and its statistical neighbours."""
    index = pages["index.html"]
    linked = set(re.findall(r'<a href="(authorities/[^"]+\.html)">', index))
    assert linked == set(pages) - {"index.html"}
    assert len(linked) == 158
    drawn = _map(index)
    register = corpus.register
    for authority in register:
        page = pages[f"authorities/{_slug(authority.name)}.html"]
        assert 'href="../index.html"' in page
        chart = _svg(page, "timeline-chart")
        subjects = re.findall(r'<g class="row[^"]*" data-subject="([^"]+)"', chart)
        assert html.unescape(subjects[0]) == authority.name
        neighbours = [register.by_code(c).name for c in authority.neighbours]
        if neighbours:
            assert [html.unescape(s) for s in subjects[-len(neighbours) :]] == neighbours
        own = chart[: chart.index("</g>")]
        mark = _mark_x(chart)
        held = [grade for start, width, grade in _stretches(own) if start <= mark < start + width]
        if authority.ons_code in drawn:
            assert held == [drawn[authority.ons_code][0]], authority.name
    cumberland = pages["authorities/cumberland.html"]
    assert 'data-subject="Cumbria (predecessor)"' in cumberland


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _stretches(row: str) -> list[tuple[float, float, str]]:
    return [
        (float(x), float(w), grade)
        for grade, x, w in re.findall(
            r'data-grade="(\w+)" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', row
        )
    ]


def _mark_x(chart: str) -> float:
    """Where the chart draws the dashed rule of the map's date."""
    found = re.search(r'<line x1="([\d.]+)"[^>]*class="mark"/>', chart)
    assert found is not None
    return float(found[1])


def test_pages_are_self_contained(seed_pages: dict[str, str]) -> None:
    """No page needs anything from outside: no scripts, links, imports or remote URLs. A page
    for each authority in force from 2014 to 2022 (not Cumberland, Westmorland and Furness)."""
    assert len(seed_pages) == 1 + 156
    for name, page in seed_pages.items():
        assert page.startswith("<!DOCTYPE html>"), name
        for pattern in (r"<script", r"<link", r"\bsrc=", r"url\(", r"@import", r"https?://"):
            assert re.search(pattern, page, re.IGNORECASE) is None, (name, pattern)


def test_seeds_show_buckinghamshire_and_every_other_authority_unjudged(
    seeds: Timeline, seed_pages: dict[str, str]
) -> None:
    """On the seeds only Buckinghamshire has a grade (requires improvement, 2022); every other
    authority is on the map as not yet judged."""
    drawn = _map(seed_pages["index.html"])
    assert drawn.pop("E06000060") == ("requires_improvement", GRADE_COLOURS["requires_improvement"])
    assert {g for g, _ in drawn.values()} == {NO_JUDGEMENT}
    assert len(drawn) == 151
    page = seed_pages["authorities/buckinghamshire.html"]
    grades = [g for _, _, g in _stretches(page[page.index('data-subject="Buckinghamshire"') :])]
    assert grades[:4] == ["no_judgement", "inadequate", "inadequate", "requires_improvement"]


def test_names_are_escaped(tmp_path: Path) -> None:
    """An authority's name is text, never markup, on the map, in lists and on its page."""
    source = Path(__file__).resolve().parents[2] / "timeline" / "data" / "authorities.csv"
    lines = source.read_text(encoding="utf-8").splitlines()
    comments = [line for line in lines if line.startswith("#")]
    rows = list(csv.reader(line for line in lines if not line.startswith("#")))
    for row in rows:
        if row[0] == "Hartlepool":
            row[0] = '<b>Hartle & "pool"</b>'
    with (tmp_path / "register.csv").open("w", encoding="utf-8", newline="") as out:
        out.write("\n".join(comments) + "\n")
        csv.writer(out, lineterminator="\n").writerows(rows)
    timeline = Timeline(MemoryStore(), register=Register.from_csv(tmp_path / "register.csv"))
    built = build_england(timeline, "2020-01-01", "2021-01-01")
    escaped = "&lt;b&gt;Hartle &amp; &quot;pool&quot;&lt;/b&gt;"
    assert escaped in built["index.html"]
    page = built["authorities/b-hartle-pool-b.html"]
    assert f"<h1>{escaped}</h1>" in page
    for text in built.values():
        assert "<b>Hartle" not in text


def test_an_empty_timeline_gives_a_map_of_no_judgements() -> None:
    """With nothing ingested every authority is on the map, none judged."""
    built = build_england(Timeline.open(":memory:"), "2020-01-01", "2020-06-01")
    drawn = _map(built["index.html"])
    assert len(drawn) == 151
    assert {g for g, _ in drawn.values()} == {NO_JUDGEMENT}
    assert "none judged" in built["index.html"]


def test_dates_in_the_wrong_order_are_refused(seeds: Timeline) -> None:
    """FROM after TO is a DateError saying which comes first."""
    with pytest.raises(DateError, match="after"):
        build_england(seeds, "2022-01-01", "2021-01-01")


def test_positions_cover_the_register() -> None:
    """Every authority of the register has a position in England, counties their districts;
    Bournemouth lies east of Poole."""
    positions = packaged_positions()
    register = Register.default()
    assert {a.ons_code for a in register} == set(positions)
    for position in positions.values():
        assert 49.8 < position.lat < 55.9, position
        assert -6.5 < position.lon < 1.8, position
        assert position.area_km2 > 1
    kent = positions["E10000016"]
    assert len(kent.lad23) == 12
    assert all(c.startswith("E07") for c in kent.lad23)
    assert positions["E06000028"].lon > positions["E06000029"].lon


@needs_boundaries
def test_positions_are_what_the_boundaries_give(tmp_path: Path) -> None:
    """Regenerating the positions from the ONS boundaries gives the packaged file again."""
    packaged = Path(make_positions.__file__).with_name("positions.csv")
    copy = tmp_path / "positions.csv"
    shutil.copyfile(packaged, copy)
    assert make_positions.main([str(BOUNDARIES), "--out", str(copy)]) == 0
    assert copy.read_text(encoding="utf-8") == packaged.read_text(encoding="utf-8")
    assert read_positions(copy) == dict(packaged_positions())


@needs_boundaries
def test_boundaries_draw_every_authority_as_its_shape(seeds: Timeline) -> None:
    """With the ONS boundaries every authority is a shape, a county the union of its
    districts (one outline, no inner borders), and the page stays small."""
    shapes = read_boundaries(BOUNDARIES, seeds.register, packaged_positions())
    assert shapes.code_property == "LAD23CD"
    assert set(shapes.shapes) == {a.ons_code for a in seeds.register}
    built = build_england(seeds, "2014-01-01", "2022-03-01", boundaries=shapes)
    index = built["index.html"]
    defs = index[: index.index("</defs>")]
    assert "<circle" not in defs
    cambridgeshire = re.search(
        r'<g id="shape-E10000003"><path d="([^"]+)"[^>]*/><path d="([^"]+)"', defs
    )
    assert cambridgeshire is not None
    fill, outline = cambridgeshire.groups()
    # Five districts (two in two parts, one round Cambridge's hole) make eight rings; their
    # union is drawn round as closed loops: the county and one detached part, borders between
    # its districts left out.
    assert fill.count("M") == 8
    loops = [line.split() for line in outline.split("M")[1:]]
    assert len(loops) == 2
    assert all(loop[:2] == loop[-2:] for loop in loops)
    assert sum(map(len, loops)) < 0.6 * len(fill.replace("M", " ").replace("Z", " ").split())
    assert len(index.encode()) < 2_000_000
    assert "Boundaries from lad23_boundaries.geojson" in index


def _fail(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], db: str, boundaries: Path, *more: str
) -> str:
    out = tmp_path / "england"
    argv = ["report", "--england", "2014-01-01", "2022-03-01", "--out", str(out)]
    assert main([*argv, "--db", db, "--boundaries", str(boundaries), *more]) == 1
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".england")]
    error = capsys.readouterr().err.strip()
    assert "\n" not in error
    assert str(boundaries) in error
    return error


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("england-report") / "timeline.db"
    assert main(["ingest", str(SEEDS), "--db", str(path), "--quiet"]) == 0
    return str(path)


def test_bad_boundaries_files_fail_in_one_line(
    tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing, unreadable, non-GeoJSON or foreign boundaries file: exit 1, one line naming
    the file, and no report folder, whole or half."""
    missing = tmp_path / "missing.geojson"
    assert "cannot read" in _fail(tmp_path, capsys, db, missing)
    broken = tmp_path / "broken.geojson"
    broken.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    assert "not GeoJSON" in _fail(tmp_path, capsys, db, broken)
    empty = tmp_path / "empty.geojson"
    empty.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    assert "no features" in _fail(tmp_path, capsys, db, empty)
    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    foreign = tmp_path / "foreign.geojson"
    foreign.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
        f'{{"LAD23CD": "S12000005"}}, "geometry": {_json(square)}}}]}}',
        encoding="utf-8",
    )
    assert "no feature's LAD23CD" in _fail(tmp_path, capsys, db, foreign)
    assert "property 'CODE'" in _fail(tmp_path, capsys, db, foreign, "--boundaries-code", "CODE")
    grid = tmp_path / "grid.geojson"
    national_grid = {
        "type": "Polygon",
        "coordinates": [[[447160, 531474], [447200, 531474], [447200, 531500], [447160, 531474]]],
    }
    grid.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
        f'{{"LAD23CD": "E06000001"}}, "geometry": {_json(national_grid)}}}]}}',
        encoding="utf-8",
    )
    assert "not longitude and latitude" in _fail(tmp_path, capsys, db, grid)


def _json(value: object) -> str:
    import json

    return json.dumps(value)


@needs_boundaries
def test_cli_writes_the_report_folder(
    tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``report --england`` writes index.html and a page per authority; with ``--boundaries``
    (a copy of the ONS file, its code property named) the map is drawn from it."""
    geo = tmp_path / "districts.geojson"
    shutil.copyfile(BOUNDARIES, geo)
    out = tmp_path / "national"
    argv = ["report", "--england", "2014-01-01", "2022-03-01", "--out", str(out), "--db", db]
    assert main([*argv, "--boundaries", str(geo), "--boundaries-code", "LAD23CD"]) == 0
    assert "and 156 authority pages" in capsys.readouterr().out
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Boundaries from districts.geojson" in index
    assert len(list((out / "authorities").glob("*.html"))) == 156
    # Again into the same folder: pages are replaced, anything else there left alone.
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    assert main([*argv, "--at", "2018-03-01"]) == 0
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert "on 1 March 2018" in (out / "index.html").read_text(encoding="utf-8")


def test_cli_refuses_national_options_without_england(db: str, tmp_path: Path) -> None:
    """--at and --boundaries without --england, or --subject with it, are usage errors."""
    out = str(tmp_path / "x")
    assert main(["report", "2014-01-01", "2022-03-01", "--at", "2020", "--db", db]) == 2
    assert main(["report", "--england", "2014", "2022", "--subject", "Slough", "--db", db]) == 2
    assert main(["report", "--england", "2022", "2014", "--out", out, "--db", db]) == 1
    assert not Path(out).exists()


def test_write_england_leaves_nothing_half_written(tmp_path: Path) -> None:
    """A new folder appears whole; a folder's place taken by a file is refused."""
    out = tmp_path / "report"
    assert write_england({"index.html": "<p>a</p>", "authorities/x.html": "b"}, out) == 9
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(Exception, match="is a file"):
        write_england({"index.html": ""}, tmp_path / "file")


def test_england_page_renders_in_headless_chromium(seeds: Timeline, tmp_path: Path) -> None:
    """Chromium draws the map (its pixels hold the grades' colours), logs no page errors, and
    its DOM holds every authority."""
    from PIL import Image

    browser = _chromium()
    shapes = (
        read_boundaries(BOUNDARIES, seeds.register, packaged_positions())
        if BOUNDARIES.is_file()
        else None
    )
    write_england(
        build_england(seeds, "2014-01-01", "2022-03-01", boundaries=shapes), tmp_path / "r"
    )
    index = (tmp_path / "r" / "index.html").as_uri()
    screenshot = tmp_path / "england.png"
    shot = _run_chromium(
        browser,
        tmp_path / "profile-shot",
        f"--screenshot={screenshot}",
        "--window-size=1400,1200",
        index,
    )
    dom = _run_chromium(browser, tmp_path / "profile-dom", "--dump-dom", index)
    for run in (shot, dom):
        assert run.returncode == 0, run.stderr[-2000:]
        errors = [
            line for line in run.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line
        ]
        assert errors == []
    with Image.open(screenshot) as image:
        colours = {rgb: n for n, rgb in image.convert("RGB").getcolors(1 << 24) or ()}
    grey, buckinghamshire = (
        _rgb(GRADE_COLOURS[NO_JUDGEMENT]),
        _rgb(GRADE_COLOURS["requires_improvement"]),
    )
    assert colours.get(grey, 0) > 20_000  # England, mostly not judged in the seeds
    assert colours.get(buckinghamshire, 0) > 100
    rendered = dom.stdout
    assert len(_LA.findall(_svg(rendered, "england-map"))) == 152
    assert "<script" not in rendered


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
