"""What every extractor knows about the document it reads."""

from __future__ import annotations

import functools

import attrs

from events import Authority, DocumentKind, PartialDate, Period, Source
from timeline.reading.layout import Block, blocks

__all__ = ["DocumentContext"]


@attrs.frozen(kw_only=True)
class DocumentContext:
    """A document's text and what is known of it: subject, kind, dates and identity.

    ``valid`` is when the document's own findings and figures without a stated date were
    true: the visit or inspection dates, or else the publication date.
    """

    text: str
    document_id: str
    file_name: str
    subject: str
    kind: DocumentKind
    published: PartialDate
    visit: Period | None = None
    authority: Authority = Authority.PRIMARY
    title: str = ""

    @property
    def valid(self) -> Period:
        """The period the document's undated statements describe."""
        return self.visit if self.visit is not None else Period(self.published)

    @functools.cached_property
    def blocks(self) -> list[Block]:
        """The document's headings, paragraphs and bullets."""
        return blocks(self.text)

    def source(self, start: int, end: int) -> Source:
        """The source for ``text[start:end]``, surrounding whitespace trimmed."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return Source.from_text(
            self.text,
            start,
            end,
            document_id=self.document_id,
            file_name=self.file_name,
            document_kind=self.kind,
        )
