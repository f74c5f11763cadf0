"""Loading files as document text: PDFs through PDFium, their creation date, and non-PDFs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import fpdf
import pytest
from pdfs import write_pdf

from events import AuthorityReorganised, DocumentError, PartialDate
from timeline.reading.files import LoadedText, load_document, load_text

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
REPORTS = CORPUS / "reports"
needs_corpus = pytest.mark.skipif(
    not REPORTS.is_dir(), reason="the real corpus (../shared/corpus) is not here"
)
CREATED = "(D:20140806110848+01'00')"


def _pdf(path: Path, *lines: str) -> Path:
    """A one-page PDF of ``lines``, created at 11:08 on 6 August 2014 (UK summer time)."""
    created = dt.datetime(2014, 8, 6, 11, 8, 48, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    write_pdf(path, lines, created=created)
    assert CREATED.encode() in path.read_bytes()
    return path


def _edit(path: Path, old: str, new: str) -> None:
    """Replace bytes with as many others, so the PDF's cross-reference offsets stay right."""
    assert len(old) == len(new)
    path.write_bytes(path.read_bytes().replace(old.encode(), new.encode()))


def test_pdf_text_and_creation_date(tmp_path: Path) -> None:
    """A PDF's pages come back as text with "\\n" lines, and its creation date as a day."""
    path = _pdf(tmp_path / "report.pdf", "Westmoor Borough Council", "Inspection dates: 1 May")
    loaded = load_document(path)
    assert loaded == LoadedText(text=loaded.text, created=PartialDate(2014, 8, 6))
    assert "Westmoor Borough Council\nInspection dates: 1 May" in loaded.text
    assert "\r" not in loaded.text
    assert load_text(path) == loaded.text


def test_pages_are_joined_by_a_blank_line(tmp_path: Path) -> None:
    """Each page's text follows the previous page's after one blank line."""
    pdf = fpdf.FPDF()
    pdf.set_font("Helvetica", size=11)
    for word in ("First", "Second"):
        pdf.add_page()
        pdf.cell(0, 8, f"{word} page")
    path = tmp_path / "two.pdf"
    pdf.output(str(path))
    assert load_text(path).split("\n\n") == ["First page", "Second page"]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/CreationDate", "/CreationXate"),  # no creation date at all
        (CREATED, "(D:2014XX06110848+01'00')"),  # not a date
        (CREATED, "(D:20140231110848+01'00')"),  # 31 February
        (CREATED, "(yesterday morning, 11am)"),  # free text
    ],
)
def test_missing_or_unreadable_creation_date_is_none(tmp_path: Path, old: str, new: str) -> None:
    """A PDF without a usable creation date is still read; its date is None, not a guess."""
    path = _pdf(tmp_path / "report.pdf", "Westmoor Borough Council")
    _edit(path, old, new)
    loaded = load_document(path)
    assert loaded.created is None
    assert "Westmoor Borough Council" in loaded.text


def test_plain_text_has_no_creation_date(tmp_path: Path) -> None:
    """A text file's metadata date is None: a file system date says nothing about publication."""
    path = tmp_path / "news.txt"
    path.write_text("Westmoor news\r\nOfsted visited.\n", encoding="utf-8")
    assert load_document(path) == LoadedText(text="Westmoor news\nOfsted visited.\n", created=None)


def test_saved_web_page_is_not_a_pdf(tmp_path: Path) -> None:
    """An HTML page saved under a .pdf name: one line saying it is a saved web page."""
    path = tmp_path / "inspection - 19 october 2012.pdf"
    path.write_text(
        '<!DOCTYPE html>\n<html lang="en">\n<head><title>Ofsted</title></head>\n'
        "<body>Report published: 19 October 2012</body></html>\n",
        encoding="utf-8",
    )
    with pytest.raises(DocumentError) as caught:
        load_text(path)
    message = str(caught.value)
    assert "\n" not in message
    assert path.name in message
    assert "not a PDF" in message
    assert "saved web page" in message


def test_other_bytes_are_not_a_pdf(tmp_path: Path) -> None:
    """A .pdf file with no PDF header in its first 1024 bytes is refused as not a PDF."""
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 2000 + b"%PDF-1.4")
    with pytest.raises(DocumentError, match=r"scan\.pdf: not a PDF") as caught:
        load_text(path)
    assert "web page" not in str(caught.value)


def test_header_after_leading_junk_is_still_a_pdf(tmp_path: Path) -> None:
    """The header may follow a few bytes of junk, as the PDF specification allows."""
    path = _pdf(tmp_path / "report.pdf", "Westmoor Borough Council")
    path.write_bytes(b"\r\n" * 20 + path.read_bytes())
    assert "Westmoor Borough Council" in load_text(path)


def test_password_protected_pdf_is_refused(tmp_path: Path) -> None:
    """A PDF that needs a password to open is refused as encrypted, in one line."""
    path = write_pdf(tmp_path / "locked.pdf", ["secret"], user_password="u")
    with pytest.raises(DocumentError, match=r"locked\.pdf: the PDF is encrypted"):
        load_text(path)


def test_pdf_without_text_is_refused(tmp_path: Path) -> None:
    """A PDF whose pages carry no text (a scan) is refused with a hint to OCR it."""
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(DocumentError, match="no text layer"):
        load_text(path)


@needs_corpus
def test_corpus_report_hyphens_and_creation_date() -> None:
    """A real report: PDFium's hyphen mark reads as "-", and its creation date is the day before."""
    path = REPORTS / "2532283_dorset" / "children's services inspection - 19 november 2021.pdf"
    loaded = load_document(path)
    assert "\ufffe" not in loaded.text
    assert "\r" not in loaded.text
    assert "well-considered" in loaded.text
    assert loaded.text.startswith("Inspection of Dorset local authority \nchildren’s services")
    assert loaded.created == PartialDate(2021, 11, 18)


@needs_corpus
def test_corpus_saved_web_page_is_refused() -> None:
    """The corpus's web page saved as a .pdf is refused as a saved web page, not a damaged PDF."""
    path = REPORTS / "80429_birmingham" / "children's services inspection - 19 october 2012.pdf"
    with pytest.raises(DocumentError, match=r"not a PDF: it is a saved web page"):
        load_text(path)


SEED = Path(__file__).resolve().parents[2] / "seeds" / "002_702d53c0cbc2473f.txt"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_text_with_a_byte_order_mark_reads_as_the_same_document(
    tmp_path: Path, encoding: str
) -> None:
    """UTF-16 with a byte-order mark (Notepad, Excel) and UTF-8 with one read as the UTF-8 text.

    The events are those of the UTF-8 file, so every span indexes the decoded text.
    """
    from timeline import Timeline

    text = SEED.read_text(encoding="utf-8")
    saved = tmp_path / encoding / SEED.name
    saved.parent.mkdir()
    # The "utf-16-le"/"-be" codecs write no mark: put the one Windows writes in front.
    mark = {"utf-16-le": "\ufeff", "utf-16-be": "\ufeff"}.get(encoding, "")
    saved.write_bytes((mark + text.replace("\n", "\r\n")).encode(encoding))
    assert load_text(saved) == text
    with Timeline.open(":memory:") as original, Timeline.open(":memory:") as resaved:
        original.ingest(SEED)
        resaved.ingest(saved)
        assert [e.id for e in resaved.events()] == [e.id for e in original.events()]
        for event in resaved.events():
            source = getattr(event, "source", None)
            if source is not None and not isinstance(event, AuthorityReorganised):
                assert text[source.start : source.end] == source.quote


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_refused_as_utf16(tmp_path: Path, encoding: str) -> None:
    """UTF-16 with no mark is refused in one line that says so and how to fix it, not "binary"."""
    path = tmp_path / "letter.txt"
    path.write_bytes(SEED.read_text(encoding="utf-8").encode(encoding))
    with pytest.raises(DocumentError) as caught:
        load_text(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: the file looks like UTF-16 text")
    assert "re-save it as UTF-8" in message
    assert "binary" not in message


def test_binary_and_broken_utf16_are_still_refused(tmp_path: Path) -> None:
    """Binary data is still "binary"; a UTF-16 mark before bytes that are not UTF-16 is refused."""
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with pytest.raises(DocumentError, match="binary"):
        load_text(binary)
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\xff\xfe" + "Westmoor".encode("utf-16-le") + b"\x00\xd8x")
    with pytest.raises(DocumentError, match="byte-order mark but is not UTF-16"):
        load_text(broken)
    nul = tmp_path / "nul.txt"
    nul.write_bytes("\ufeffWest\x00moor".encode("utf-16"))
    with pytest.raises(DocumentError, match="binary"):
        load_text(nul)
    wide = tmp_path / "wide.txt"
    wide.write_bytes("Westmoor".encode("utf-32"))
    with pytest.raises(DocumentError, match="UTF-32"):
        load_text(wide)
