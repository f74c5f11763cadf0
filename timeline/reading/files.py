"""Turning a file into document text: plain text, Markdown and PDF; and the document's id.

Text files must be UTF-8: a file that is not is refused with the byte offset of the first bad
byte, rather than decoded with replacement characters that would end up in quotes.
"""

from __future__ import annotations

import hashlib
import io
import logging
import unicodedata
from pathlib import Path

from events import DocumentError

__all__ = ["MAX_BYTES", "SUFFIXES", "document_id", "load_text"]

SUFFIXES = (".txt", ".text", ".md", ".markdown", ".pdf")
# Inspection reports are tens to hundreds of kilobytes; anything this large is not one.
MAX_BYTES = 50 * 1024 * 1024

# pypdf logs what it repairs in a damaged file ("EOF marker not found"); with no logging set
# up, Python would print that to stderr beside our one-line DocumentError. Applications that
# configure logging still receive these records.
logging.getLogger("pypdf").addHandler(logging.NullHandler())


def document_id(text: str) -> str:
    """sha256 of the text normalised (NFC, whitespace folded), so re-saving keeps the id."""
    normalised = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def _check_size(path: Path) -> int:
    try:
        size = path.stat().st_size
    except OSError as e:
        raise DocumentError(f"cannot read the file: {e.strerror}", path=str(path)) from e
    if size == 0:
        raise DocumentError("the file is empty", path=str(path))
    if size > MAX_BYTES:
        raise DocumentError(
            f"the file is {size // (1024 * 1024)} MB, more than the {MAX_BYTES // (1024 * 1024)} MB"
            " a document may be",
            path=str(path),
            hint="split it into its documents",
        )
    return size


def _load_plain(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise DocumentError("the file is binary, not text", path=str(path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise DocumentError(
            f"the file is not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start})",
            path=str(path),
            hint="re-save it as UTF-8",
        ) from e
    # Universal newlines, as Python's text mode reads them: spans index this text.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _load_pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(path.read_bytes()))
        if reader.is_encrypted:
            raise DocumentError(
                "the PDF is encrypted", path=str(path), hint="save an unencrypted copy"
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as e:
        raise DocumentError(f"cannot read the PDF: {e}", path=str(path)) from e
    text = "\n\n".join(pages).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(
            "the PDF has no text layer", path=str(path), hint="it may be a scan; OCR it first"
        )
    return text


def load_text(path: Path) -> str:
    """The text of a ``.txt``, ``.md`` or ``.pdf`` file; ``DocumentError`` if unreadable."""
    _check_size(path)
    if path.suffix.lower() == ".pdf":
        return _load_pdf(path)
    if path.suffix.lower() not in SUFFIXES:
        raise DocumentError(
            f"unsupported file type {path.suffix or '(none)'}",
            path=str(path),
            hint=f"use one of {', '.join(SUFFIXES)}",
        )
    text = _load_plain(path)
    if not text.strip():
        raise DocumentError("the file has no text", path=str(path))
    return text
