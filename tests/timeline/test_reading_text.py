"""Reading text: blocks and sentences, dates, authority names, grades, files and manifests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfs import write_pdf

from events import (
    DateError,
    DocumentError,
    DocumentKind,
    Grade,
    JudgementIssued,
    PartialDate,
    Period,
)
from timeline.reading.dates import find_dates, parse_date
from timeline.reading.document import Metadata, describe, detect_kind
from timeline.reading.files import document_id, load_text
from timeline.reading.grades import GRADE_PATTERN, parse_grade
from timeline.reading.layout import blocks, sentences
from timeline.reading.manifest import load_manifest
from timeline.reading.reader import read_text
from timeline.reading.subjects import find_subject, normalise_subject


def _dates(text: str, **kwargs: int) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], str(m.period)) for m in find_dates(text, **kwargs)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Inspection dates: 6 November 2017 to 30 November 2017", "2017-11-06/2017-11-30"),
        ("14 January – 4 February 2015", "2015-01-14/2015-02-04"),
        ("on 7 and 8 June 2022", "2022-06-07/2022-06-08"),
        ("between 29 November and 17 December 2021", "2021-11-29/2021-12-17"),
        ("between 20 December and 9 January 2020", "2019-12-20/2020-01-09"),
        ("Friday 11 February 2022", "2022-02-11"),
        ("dated 03/11/2022", "2022-11-03"),
        ("judged inadequate in June 2014", "2014-06"),
        ("Autumn 2019", "2019-09/2019-11"),
        ("at the end of September 2017", "2017-09-30"),
        ("since the last inspection in 2014", "2014"),
    ],
)
def test_date_forms(text: str, expected: str) -> None:
    """Each way documents write dates is read as one date or range of the right precision."""
    (found,) = find_dates(text)
    assert str(found.period) == expected


def test_and_joins_two_dates_unless_between() -> None:
    """'August 2014 and November 2017' are two dates; 'between ... and ...' is one range."""
    assert [p for _, p in _dates("judged inadequate in August 2014 and November 2017")] == [
        "2014-08",
        "2017-11",
    ]
    assert _dates("Between July 2018 and October 2019, four visits") == [
        ("July 2018 and October 2019", "2018-07/2019-10")
    ]


def test_years_that_are_not_events() -> None:
    """Statute years, financial years and numbers with commas are not dates."""
    assert find_dates("the Children Act 1989 and the Education and Inspections Act 2006") == []
    assert find_dates("During 2016–17 it supported 1,870 children, 2,015 in all") == []


def test_day_and_month_need_a_year_from_context() -> None:
    """'published on 5 September' is dated only when the caller gives the year."""
    assert find_dates("published on 5 September") == []
    assert _dates("published on 5 September", default_year=2022) == [("5 September", "2022-09-05")]


def test_parse_date_refuses_prose() -> None:
    """A metadata date must be one date; anything else is a DateError."""
    assert parse_date("29 January 2018") == PartialDate(2018, 1, 29)
    assert parse_date("2019-12") == PartialDate(2019, 12)
    with pytest.raises(DateError, match="cannot read date"):
        parse_date("sometime after the visit")


def test_blocks_rejoin_page_breaks_and_keep_list_items() -> None:
    """A paragraph cut by a page break is one block; short lower-case list items stay items."""
    text = (
        "Overview\n\nLeaders have made progress in some areas and continue\n\n\n\n"
        "to invest in the service.\n\nThe judgements were:\n - overall effectiveness: good\n"
        " - leadership: good\n\n12\n\n- 4. Plans are too variable.\n"
    )
    found = [b.text(text) for b in blocks(text)]
    assert found == [
        "Overview",
        "Leaders have made progress in some areas and continue to invest in the service.",
        "The judgements were:",
        "- overall effectiveness: good",
        "- leadership: good",
        "- 4. Plans are too variable.",
    ]
    assert blocks(text)[-1].number == 4
    assert blocks(text)[1].heading == "Overview"


def test_sentences_are_spans_without_list_markers() -> None:
    """Sentences split at full stops, not at abbreviations, and exclude '- 16.' markers."""
    text = (
        "- 16. Mr. Smith leads the MASH. Visits are timely, e.g. weekly. "
        "However, plans lack detail.\n"
    )
    (block,) = blocks(text)
    found = [text[s.start : s.end] for s in sentences(text, block)]
    assert found == [
        "Mr. Smith leads the MASH.",
        "Visits are timely, e.g. weekly.",
        "However, plans lack detail.",
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Buckinghamshire County Council", "Buckinghamshire"),
        ("Buckinghamshire local authority", "Buckinghamshire"),
        ("Buckinghamshire Council", "Buckinghamshire"),
        ("London Borough of Tower Hamlets", "Tower Hamlets"),
        ("Royal Borough of Kingston upon Thames", "Kingston upon Thames"),
        ("Stockport Metropolitan Borough Council", "Stockport"),
        ("Bath and North East Somerset Council", "Bath and North East Somerset"),
        ("Wokingham children’s services", "Wokingham"),
    ],
)
def test_authority_names_normalise(name: str, expected: str) -> None:
    """Council forms and borough prefixes are dropped, for any authority."""
    assert normalise_subject(name) == expected


def test_subject_is_the_most_mentioned_authority() -> None:
    """A letter naming another council once is still about its own authority."""
    text = (
        "Monitoring visit of Torbay children's services\n\nThe director, formerly of Devon "
        "County Council, leads Torbay Council's improvement. Torbay has progressed."
    )
    found = find_subject(text, "letter.txt")
    assert found is not None
    assert found.authority().name == "Torbay"
    assert find_subject("Nothing here names a council.", "note.txt") is None


@pytest.mark.parametrize(
    ("wording", "grade"),
    [
        ("requires improvement to be good", Grade.REQUIRES_IMPROVEMENT),
        ("Require improvement", Grade.REQUIRES_IMPROVEMENT),
        ("Requires\nimprovement to be good", Grade.REQUIRES_IMPROVEMENT),
        ("Inadequate", Grade.INADEQUATE),
        ("good", Grade.GOOD),
        ("Outstanding", Grade.OUTSTANDING),
        # Letters that equal others ignoring case, as the grade pattern finds them.
        ("\u0131nadequate", Grade.INADEQUATE),
        ("\u0130NADEQUATE", Grade.INADEQUATE),
        ("out\u017ftanding", Grade.OUTSTANDING),
        ("requ\u0131res  improvement", Grade.REQUIRES_IMPROVEMENT),
    ],
)
def test_grade_wordings(wording: str, grade: Grade) -> None:
    """Every wording of a grade reads as that grade."""
    assert parse_grade(wording) is grade


_WORDINGS = {
    "requires improvement to be good": Grade.REQUIRES_IMPROVEMENT,
    "requires improvement": Grade.REQUIRES_IMPROVEMENT,
    "require improvement": Grade.REQUIRES_IMPROVEMENT,
    "outstanding": Grade.OUTSTANDING,
    "good": Grade.GOOD,
    "inadequate": Grade.INADEQUATE,
}
# Each letter's spellings that equal it ignoring case, beyond its own two cases.
_ODD_LETTERS = {"i": "\u0131\u0130", "s": "\u017f", "k": "\u212a"}


@st.composite
def _spelt(draw: st.DrawFn) -> tuple[str, Grade]:
    plain = draw(st.sampled_from(sorted(_WORDINGS)))
    out = []
    for char in plain:
        if char == " ":
            out.append(draw(st.sampled_from([" ", "  ", "\n", "\t", " \n"])))
        else:
            out.append(draw(st.sampled_from([char, char.upper(), *_ODD_LETTERS.get(char, "")])))
    return "".join(out), _WORDINGS[plain]


@settings(max_examples=300)
@given(_spelt())
def test_every_grade_found_parses(spelt: tuple[str, Grade]) -> None:
    """Whatever spelling the grade pattern finds reads as its grade: a wording it finds never
    crashes the reader."""
    wording, grade = spelt
    found = GRADE_PATTERN.search(f"Overall: {wording}.")
    assert found is not None
    assert parse_grade(found.group()) is grade


def test_kind_detection_by_cues() -> None:
    """Document kinds come from their characteristic wording, not from file names."""
    assert detect_kind("Dear Ms Lee\n\nMonitoring visit to Wokingham children's services") is (
        DocumentKind.MONITORING_VISIT
    )
    assert detect_kind("Agenda item 7\n\nRESOLVED – that the report be NOTED.") is (
        DocumentKind.COUNCIL_MINUTES
    )
    assert detect_kind("A shopping list: eggs, milk.") is DocumentKind.OTHER


def test_undated_document_is_refused(tmp_path: Path) -> None:
    """No publication date in text or metadata: a DocumentError naming the file."""
    text = (
        "Wokingham Council news\n\n"
        "Ofsted has said that Wokingham children's services are improving."
    )
    with pytest.raises(DocumentError, match=r"news\.txt: no publication date"):
        describe(text, "news.txt")
    info = describe(text, "news.txt", Metadata(published=PartialDate(2020, 5)))
    assert info.published == PartialDate(2020, 5)
    assert info.subject == "Wokingham"


def test_manifest_entries_and_errors(tmp_path: Path) -> None:
    """A manifest supplies dates and kinds; a bad date or key is an error naming the manifest."""
    good = tmp_path / "manifest.toml"
    good.write_text(
        '["a.txt"]\npublished = "18 December 2019"\nkind = "news_article"\nvisit = "2019-10"\n'
    )
    entry = load_manifest(good)["a.txt"]
    assert entry.published == PartialDate(2019, 12, 18)
    assert entry.kind is DocumentKind.NEWS_ARTICLE
    assert entry.visit == Period.of("2019-10")
    bad = tmp_path / "bad" / "manifest.toml"
    bad.parent.mkdir()
    bad.write_text('["a.txt"]\npublished = "the 40th of May"\n')
    with pytest.raises(DocumentError, match=r"manifest\.toml: \['a\.txt'\] published"):
        load_manifest(bad)
    bad.write_text('["a.txt"]\npublisher = "Ofsted"\n')
    with pytest.raises(DocumentError, match="unknown keys"):
        load_manifest(bad)


def test_bad_files_are_refused(tmp_path: Path) -> None:
    """Empty, binary, non-UTF-8 and unsupported files each get a one-line error naming them."""
    cases = {
        "empty.txt": b"",
        "binary.txt": b"\x00\x01\x02abc",
        "latin1.txt": "Café report".encode("latin-1"),
        "blank.md": b"  \n\n ",
        "sheet.xlsx": b"PK\x03\x04",
    }
    messages = {
        "empty.txt": "empty",
        "binary.txt": "binary",
        "latin1.txt": "not UTF-8",
        "blank.md": "no text",
        "sheet.xlsx": "unsupported file type",
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(DocumentError, match=messages[name]) as caught:
            load_text(path)
        assert name in str(caught.value)
        assert "\n" not in str(caught.value)


def test_pdf_is_read_and_corrupt_pdf_refused(tmp_path: Path) -> None:
    """A generated PDF's text is read; a corrupt or encrypted one is refused."""
    lines = (
        "Wokingham Borough Council",
        "Inspection dates: 14 January - 4 February 2019",
        "Report published: 12 March 2019",
        "Overall effectiveness Good",
    )
    path = write_pdf(tmp_path / "report.pdf", lines)
    text = load_text(path)
    assert "Report published: 12 March 2019" in text
    locked = write_pdf(tmp_path / "locked.pdf", ["secret"], user_password="u")
    with pytest.raises(DocumentError, match="encrypted"):
        load_text(locked)
    corrupt = tmp_path / "corrupt.pdf"
    corrupt.write_bytes(b"%PDF-1.4\n" + b"garbage " * 50)
    with pytest.raises(DocumentError, match=r"corrupt\.pdf"):
        load_text(corrupt)


def test_document_id_ignores_whitespace_and_normalisation() -> None:
    """Re-wrapping a document's lines keeps its id; changing a word does not."""
    assert document_id("Plans are\ntoo variable.") == document_id("Plans are too  variable.\n")
    assert document_id("Plans are too variable.") != document_id("Plans are variable.")


def test_pdf_report_is_read_into_events(tmp_path: Path) -> None:
    """A PDF inspection report yields its document record, judgement table and findings."""
    from events import Area, Hand, JudgementIssued
    from timeline import Timeline

    lines = [
        "Wokingham Borough Council",
        "Inspection of children's social care services",
        "Inspection dates: 14 January to 25 January 2019",
        "Report published: 12 March 2019",
        "",
        "Judgement",
        "Overall effectiveness",
        "Good",
        "The impact of leaders on social work practice with children and families",
        "Good",
        "The experiences and progress of children who need help and protection",
        "Requires improvement to be good",
        "",
        "Inspection findings",
        "",
        "Management oversight of children's plans is not always effective, and some plans drift.",
        "",
        "Care leavers receive good support from personal advisers who know them well.",
    ]
    path = write_pdf(tmp_path / "wokingham.pdf", lines, size=10, line_height=6)
    with Timeline.open(":memory:") as tl:
        (done,) = tl.ingest([path])
        info = done.reading.info
        assert (info.subject, str(info.published), str(info.visit)) == (
            "Wokingham",
            "2019-03-12",
            "2019-01-14/2019-01-25",
        )
        judgements = {
            e.area: e.grade.value
            for e in done.reading.events
            if isinstance(e, JudgementIssued) and e.hand is Hand.FIRST
        }
        assert judgements == {
            Area.OVERALL_EFFECTIVENESS: "good",
            Area.LEADERSHIP: "good",
            Area.HELP_AND_PROTECTION: "requires_improvement",
        }
        assert done.reading.counts().get("finding_recorded", 0) >= 2


@pytest.mark.parametrize("letter", ["\u0131", "\u0130"])
def test_report_with_unusual_grade_letters_reads_its_grades(letter: str) -> None:
    """A report whose grade words are written with a dotless or dotted "i" (which the grade
    pattern finds, ignoring case) reads the same grades as the plain report, never crashes."""
    folder = Path(__file__).parent / "documents"
    name = "swindon_ilacs_2019.txt"
    metadata = load_manifest(folder / "manifest.toml").get(name)
    text = load_text(folder / name)
    odd = re.sub(r"\b[Ii](?=nadequate\b)", letter, text)
    odd = re.sub(r"(?<=\bRequ)i(?=res improvement\b)", letter, odd)
    assert odd != text

    def grades(body: str) -> list[tuple[str, str]]:
        return [
            (e.area, e.grade)
            for e in read_text(body, name, metadata).events
            if isinstance(e, JudgementIssued)
        ]

    assert grades(odd) == grades(text) != []
