"""Where a document's publication date comes from: text, manifest, file name, PDF creation date."""

from __future__ import annotations

import datetime as dt
import json
import statistics
from pathlib import Path
from typing import Any

import pytest
from pdfs import write_pdf

from events import DateSource, DocumentError, DocumentRecorded, PartialDate
from events.canonical import canonical_json
from timeline.reading.document import Metadata, describe
from timeline.reading.files import date_in_file_name, load_document
from timeline.reading.reader import read_file, read_text

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(
    not (CORPUS / "gold.json").is_file(), reason="the real corpus (../shared/corpus) is not here"
)
# An ILACS-style front page: it names its authority and its visit, never its publication.
UNDATED = (
    "Inspection of Leeds local authority children's services\n"
    "Inspection dates: 7 to 18 March 2022\n"
    "Judgement Grade\n"
    "Overall effectiveness Good\n"
)
DATED = UNDATED + "Report published: 9 May 2022\n"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("children's services inspection - 09 may 2022.pdf", PartialDate(2022, 5, 9)),
        ("children's services inspection,  pdf - 23 august 2013.pdf", PartialDate(2013, 8, 23)),
        ("2022-05-09 leeds.pdf", PartialDate(2022, 5, 9)),
        ("leeds_2022-05-09.pdf", PartialDate(2022, 5, 9)),
        ("leeds 09-05-2022.txt", PartialDate(2022, 5, 9)),
        ("leeds 9.5.2022.md", PartialDate(2022, 5, 9)),
        ("leeds 9.5.2022", PartialDate(2022, 5, 9)),  # no extension: the last dot is the date's
        ("Leeds 9th Sept 2021.pdf", PartialDate(2021, 9, 9)),
        ("leeds-1-september-2020.pdf", PartialDate(2020, 9, 1)),
        # The same day written twice is still one date.
        ("2022-05-09 leeds (09 may 2022).pdf", PartialDate(2022, 5, 9)),
    ],
)
def test_dates_in_file_names(name: str, expected: PartialDate) -> None:
    """Full dates in the forms file names carry, numeric ones year first or day first."""
    assert date_in_file_name(name) == expected


@pytest.mark.parametrize(
    "name",
    [
        "leeds 2022.pdf",  # a year alone
        "leeds may 2022.pdf",  # a month: not the day Ofsted published
        "20220509.pdf",  # a run of digits
        "report 12-2022.pdf",
        "leeds 31-02-2022.pdf",  # no such day
        "leeds 9 mayor 2022.pdf",  # a word that starts like a month
        "visit 2021-10-01 to 2021-10-08.pdf",  # a range: a visit's span, not a publication
        "leeds inspection 7-18 march 2022.pdf",
        "leeds inspection 7 to 18 march 2022.pdf",
        "leeds 2022-05-09 or 2022-05-10.pdf",  # two different dates: which one?
        "leeds 119-05-2022.pdf",  # part of a longer number
        "notes.txt",
    ],
)
def test_no_date_in_file_names(name: str) -> None:
    """Years, months, digit runs, impossible days, ranges and two different dates: no date."""
    assert date_in_file_name(name) is None


def test_text_date_comes_first() -> None:
    """A date the document prints beats the manifest, the file name and the PDF's date."""
    info = describe(
        DATED,
        "leeds 2022-06-01.pdf",
        Metadata(published=PartialDate(2022, 6, 2)),
        created=PartialDate(2022, 6, 3),
    )
    assert (info.published, info.date_source) == (PartialDate(2022, 5, 9), DateSource.TEXT)


def test_manifest_date_comes_before_the_file_name() -> None:
    """With no date in the text, the manifest's date beats the file name's and the PDF's."""
    info = describe(
        UNDATED,
        "leeds 2022-06-01.pdf",
        Metadata(published=PartialDate(2022, 6)),
        created=PartialDate(2022, 6, 3),
    )
    assert (info.published, info.date_source) == (PartialDate(2022, 6), DateSource.MANIFEST)


def test_file_name_date_comes_before_the_pdf_date() -> None:
    """With no date in the text or manifest, the file name's date beats the PDF's."""
    info = describe(UNDATED, "leeds 2022-06-01.pdf", created=PartialDate(2022, 5, 31))
    assert (info.published, info.date_source) == (PartialDate(2022, 6, 1), DateSource.FILE_NAME)


def test_pdf_date_is_the_last_resort() -> None:
    """With nothing else, the PDF's creation date is the publication date, and says so."""
    info = describe(UNDATED, "leeds.pdf", created=PartialDate(2022, 5, 8))
    assert (info.published, info.date_source) == (PartialDate(2022, 5, 8), DateSource.PDF_METADATA)


def test_no_date_anywhere_is_refused_in_one_line() -> None:
    """No date in text, manifest, file name or PDF: one line naming the file, and the fix."""
    with pytest.raises(DocumentError) as caught:
        describe(UNDATED, "leeds report.pdf")
    message = str(caught.value)
    assert message.startswith("leeds report.pdf: no publication date")
    assert "manifest.toml" in message
    assert "\n" not in message


def test_record_keeps_the_source_and_text_dates_keep_their_stored_form() -> None:
    """The document record carries the source; a text date leaves the id's content as it was."""
    from_text = read_text(DATED, "leeds.txt").events[0]
    from_name = read_text(UNDATED, "leeds 2022-05-09.txt").events[0]
    assert isinstance(from_text, DocumentRecorded)
    assert isinstance(from_name, DocumentRecorded)
    assert from_text.date_source is DateSource.TEXT
    assert "date_source" not in canonical_json(from_text)
    assert from_name.date_source is DateSource.FILE_NAME
    assert '"date_source":"file_name"' in canonical_json(from_name)
    assert from_name.published == from_name.known == PartialDate(2022, 5, 9)


def _pdf(path: Path, text: str, created: dt.datetime) -> Path:
    return write_pdf(path, text.splitlines(), created=created)


def test_pdf_file_dated_by_its_name(tmp_path: Path) -> None:
    """An undated PDF report named as Ofsted's site names it is dated by its file name."""
    created = dt.datetime(2022, 5, 6, 16, 30, tzinfo=dt.UTC)
    path = _pdf(tmp_path / "children's services inspection - 09 may 2022.pdf", UNDATED, created)
    record = read_file(path).events[0]
    assert isinstance(record, DocumentRecorded)
    assert (record.published, record.date_source) == (PartialDate(2022, 5, 9), DateSource.FILE_NAME)


def test_pdf_file_dated_by_its_creation_date(tmp_path: Path) -> None:
    """An undated PDF with no date in its name is dated by its creation date, saying so."""
    created = dt.datetime(2022, 5, 6, 16, 30, tzinfo=dt.UTC)
    record = read_file(_pdf(tmp_path / "leeds.pdf", UNDATED, created)).events[0]
    assert isinstance(record, DocumentRecorded)
    assert (record.published, record.date_source) == (
        PartialDate(2022, 5, 6),
        DateSource.PDF_METADATA,
    )


def _gold() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))
    return [d for d in data if not d.get("not_a_pdf")]


@needs_corpus
def test_corpus_file_names_give_the_website_date() -> None:
    """Every corpus report that prints no date has Ofsted's publication date in its file name."""
    undated = [d for d in _gold() if d["published_in_text"] is False]
    assert len(undated) >= 150
    wrong = [
        d["file"] for d in undated if str(date_in_file_name(Path(d["file"]).name)) != d["published"]
    ]
    assert wrong == []


@needs_corpus
def test_corpus_pdf_creation_dates_precede_publication() -> None:
    """A report's PDF is nearly always created within the week before it is published."""
    gaps = []
    for d in _gold():
        created = load_document(CORPUS / "reports" / d["file"]).created
        assert created is not None, d["file"]
        published = dt.date.fromisoformat(d["published"])
        gaps.append((published - dt.date(created.year, created.month, created.day or 1)).days)
    within = sum(0 <= gap <= 7 for gap in gaps) / len(gaps)
    # Measured on the 241 corpus PDFs: 94.6% within seven days before, median one day.
    assert within >= 0.9
    assert statistics.median(gaps) == 1
