"""PDFs made for tests: a page of text lines, dated or locked as a test needs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import fpdf

__all__ = ["write_pdf"]


def write_pdf(
    path: Path,
    lines: Iterable[str],
    *,
    created: dt.datetime | None = None,
    user_password: str | None = None,
    size: int = 11,
    line_height: int = 8,
) -> Path:
    """One page of ``lines`` at ``path``: created at ``created``, locked by ``user_password``."""
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=size)
    for line in lines:
        pdf.cell(0, line_height, line, new_x="LMARGIN", new_y="NEXT")
    if created is not None:
        pdf.set_creation_date(created)
    if user_password is not None:
        pdf.set_encryption(owner_password="owner", user_password=user_password)
    pdf.output(str(path))
    return path
