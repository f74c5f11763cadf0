"""What a document is: its kind, subject, title, publication date and visit dates.

Each is read from the text by rules for the document kinds, and a metadata entry (the
manifest beside the documents) supplies or overrides any of them, except the publication date:
that is the text's where it prints one, else the manifest's, else a date in the file name, else
the PDF's creation date. A document with none of these is refused, never guessed.
"""

from __future__ import annotations

import re

import attrs

from events import Authority, DateSource, DocumentError, DocumentKind, PartialDate, Period
from timeline.reading.dates import DateMention, find_dates
from timeline.reading.files import date_in_file_name
from timeline.reading.layout import blocks, clean, sentences
from timeline.reading.literals import Needs, Prefiltered, literal_test_holds, needs_of
from timeline.reading.opening_words import Opened
from timeline.reading.subjects import find_subject, subject_named

__all__ = ["DocumentInfo", "Metadata", "describe", "detect_kind"]


@attrs.frozen(kw_only=True)
class Metadata:
    """What a manifest says of one document; ``None`` fields are read from the text.

    ``published`` is used only when the text prints no publication date of its own.
    """

    published: PartialDate | None = None
    subject: str | None = None
    kind: DocumentKind | None = None
    visit: Period | None = None
    title: str | None = None
    url: str | None = None
    authority: Authority | None = None


@attrs.frozen(kw_only=True)
class DocumentInfo:
    """A document's identity and dates, as read and as overridden by metadata."""

    kind: DocumentKind
    subject: str
    title: str
    title_span: tuple[int, int]
    published: PartialDate
    date_source: DateSource = DateSource.TEXT
    visit: Period | None
    authority: Authority
    url: str | None = None
    la_code: str | None = None
    ons_code: str | None = None


_KIND_CUES: dict[DocumentKind, tuple[tuple[str, int], ...]] = {
    DocumentKind.MONITORING_VISIT: (
        (r"\bmonitoring visit (?:to|of)\b", 6),
        (r"\bfindings of the monitoring visit\b", 6),
        (r"\bmonitoring visit\b", 1),
    ),
    DocumentKind.FOCUSED_VISIT: (
        (r"\bfocused visit (?:to|of)\b", 6),
        (r"\bfindings of the focused visit\b", 6),
        (r"\bfocused visit\b", 1),
    ),
    DocumentKind.INSPECTION_REPORT: (
        (r"\binspection dates?:", 8),
        (r"\breport published:", 6),
        (r"\binspection of (?:local authority )?children['’]s (?:social care )?services\b", 3),
        (r"\bre-?inspection of services for children\b", 4),
        # A stand-alone review of a safeguarding board grades only the board.
        (
            r"\breview of the (?:effectiveness of the )?local safeguarding children['’]?s? board\b",
            4,
        ),
        (r"\binspection findings\b", 2),
        (r"\bjudgement\b.{0,40}\bgrade\b", 2),
    ),
    DocumentKind.COUNCIL_MINUTES: (
        (r"\bminutes\b", 2),
        (r"\bRESOLVED\b", 4),
        (r"\bagenda item\b", 3),
        (r"\b(?:Cabinet|Committee) Member\b", 2),
        (r"\bMembers (?:noted|discussed|thanked|asked|were)\b", 3),
        (r"\bcouncillors?\b", 1),
    ),
    DocumentKind.NEWS_ARTICLE: (
        (r"\b(?:said|says) (?:the report|inspectors|Ofsted)\b", 3),
        (r"\bOfsted (?:has said|said|found|has found)\b", 3),
        (r"\binspectors (?:highlighted|said|found)\b", 2),
        (r"\bthe report (?:said|says|concluded|found)\b", 3),
    ),
}


@attrs.frozen
class _Cue:
    pattern: re.Pattern[str]
    weight: int
    needs: Needs  # what the lower-cased text must contain for the pattern to match
    opened: Opened  # the pattern with the words its matches open with

    def count(self, head: str, lowered: str | None) -> int:
        """How many times the cue is in ``head`` (3 is enough: a kind counts three at most)."""
        found = 0
        for _ in self.opened.finditer(head, lowered):
            found += 1
            if found == _MOST_MATCHES:
                break
        return found


_MOST_MATCHES = 3


def _compile_cues() -> dict[DocumentKind, tuple[_Cue, ...]]:
    """The kind cues compiled once; capitalised words ("RESOLVED", "Members") keep their case."""
    out = {}
    for kind, cues in _KIND_CUES.items():
        compiled = []
        for source, weight in cues:
            flags = 0 if "RESOLVED" in source or "Member" in source else re.IGNORECASE
            pattern = re.compile(source, flags)
            compiled.append(_Cue(pattern, weight, needs_of(pattern), Opened.of(pattern)))
        out[kind] = tuple(compiled)
    return out


_CUES = _compile_cues()
_TITLE_WORDS = re.compile(r"\b(?:inspection|visit|report|minutes|decision)\b", re.IGNORECASE)
_LETTER = re.compile(r"^\s*Dear\s+\w", re.MULTILINE)
_PUBLISHED_LABEL = Opened.of(
    re.compile(
        r"\b(?:report\s+published|published|date\s+of\s+publication|publication\s+date|date\s+published)\s*:\s*",
        re.IGNORECASE,
    )
)
_MEETING_LABEL = Opened.of(
    re.compile(
        r"\b(?:meeting|date\s+of\s+meeting|meeting\s+date|decision\s+date|date\s+of\s+decision|"
        r"date)\s*:\s*|\b(?:meeting|minutes)\b[^.\n]{0,80}?\bheld\s+on\s+",
        re.IGNORECASE,
    )
)
# Searched in every sentence of news and minutes, most of which do not mention a visit.
_REPORTED_VISIT = Prefiltered.of(
    re.compile(
        r"\b(?:re-?inspection|inspection|inspected|inspectors|visit|visited)\b", re.IGNORECASE
    )
)
_VISIT_LABEL = Opened.of(re.compile(r"\b(?:inspection|visit)\s+dates?\s*:\s*", re.IGNORECASE))
_VISIT_SENTENCE = re.compile(
    r"\b(?:monitoring\s+visit|focused\s+visit|visit|inspection|inspected)\b[^.]{0,160}?\b(?:on|between|from)\s+$",
    re.IGNORECASE,
)


def detect_kind(text: str) -> DocumentKind:
    """The document kind with the strongest cues; a letter tips visits over reports."""
    head = text[:6000]
    lowered = head.lower()
    # Most cues are absent: a substring test rules them out before a search of the head.
    exact = literal_test_holds(head)
    scores = {}
    for kind, cues in _CUES.items():
        scores[kind] = sum(
            cue.weight * cue.count(head, lowered if exact else None)
            for cue in cues
            if not exact or cue.needs.met_by(lowered)
        )
    if _LETTER.search(head):
        scores[DocumentKind.MONITORING_VISIT] += 2 if scores[DocumentKind.MONITORING_VISIT] else 0
        scores[DocumentKind.FOCUSED_VISIT] += 2 if scores[DocumentKind.FOCUSED_VISIT] else 0
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] >= 3 else DocumentKind.OTHER


def _title(text: str) -> tuple[str, tuple[int, int]]:
    """The first heading, or else the first non-empty line, with its span."""
    found = blocks(text)
    headings = [
        b
        for b in found[:15]
        if b.kind == "heading"
        and not find_dates(text, b.start, b.end)
        and len(b.text(text).split()) >= 3
        and not b.text(text).startswith("Dear ")
    ]
    headings.sort(key=lambda b: not _TITLE_WORDS.search(b.text(text)))
    if headings:
        return headings[0].text(text), (headings[0].start, headings[0].end)
    for block in found:
        line_end = text.find("\n", block.start)
        end = block.end if line_end == -1 else min(block.end, line_end)
        if text[block.start : end].strip():
            return clean(text[block.start : end]), (block.start, end)
    return "", (0, 0)


def _labelled_date(text: str, label: Opened) -> DateMention | None:
    head = text[:8000]
    for match in label.finditer(head, head.lower() if literal_test_holds(head) else None):
        mentions = find_dates(text, match.end(), min(len(text), match.end() + 80))
        if mentions and mentions[0].start - match.end() <= 3:
            return mentions[0]
    return None


def _letter_date(text: str) -> PartialDate | None:
    """A letter's date: a full date alone on a line near the top, before the salutation."""
    salutation = _LETTER.search(text)
    if salutation is None:
        return None
    for mention in find_dates(text, 0, salutation.start()):
        line_start = text.rfind("\n", 0, mention.start) + 1
        line_end = text.find("\n", mention.end)
        line = text[line_start : line_end if line_end != -1 else len(text)]
        if (
            mention.period.end is None
            and mention.period.start.day
            and len(line.strip()) <= len(text[mention.start : mention.end]) + 2
        ):
            return mention.period.start
    return None


def _reported_visit(text: str, published: PartialDate) -> Period | None:
    """For a retelling: the latest inspection or visit dates it reports, up to its own date.

    News and minutes describe what inspectors found on a visit; its dates are when their
    findings were true ("Ofsted had conducted their reinspection ... between 29 November and
    17 December 2021").
    """
    best: Period | None = None
    for block in blocks(text):
        for sentence in sentences(text, block):
            body = text[sentence.start : sentence.end]
            if not _REPORTED_VISIT.search(body) or re.search(r"\bpublished\b", body, re.I):
                continue
            for mention in find_dates(text, sentence.start, sentence.end):
                period = mention.period
                if period.end is None or period.last.ordinal > published.end_ordinal:
                    continue
                if best is None or period.last.sort_key() > best.last.sort_key():
                    best = period
    return best


def _visit(text: str, kind: DocumentKind, published: PartialDate) -> Period | None:
    """The visit or inspection dates the document states about itself or reports on."""
    labelled = _labelled_date(text, _VISIT_LABEL)
    if labelled is not None:
        return labelled.period
    if kind in (DocumentKind.NEWS_ARTICLE, DocumentKind.COUNCIL_MINUTES):
        return _reported_visit(text, published)
    if kind is DocumentKind.OTHER:
        return None
    for mention in find_dates(text[:8000]):
        before = text[max(0, mention.start - 200) : mention.start]
        if _VISIT_SENTENCE.search(before.split(". ")[-1]):
            return mention.period
    return None


def _text_date(text: str, kind: DocumentKind) -> PartialDate | None:
    """The publication date the document prints: labelled, a meeting's, or a letter's."""
    labelled = _labelled_date(text, _PUBLISHED_LABEL)
    if labelled is None and kind is DocumentKind.COUNCIL_MINUTES:
        labelled = _labelled_date(text, _MEETING_LABEL)
    if labelled is not None:
        return labelled.period.last
    if kind in (DocumentKind.MONITORING_VISIT, DocumentKind.FOCUSED_VISIT, DocumentKind.OTHER):
        return _letter_date(text)
    return None


def _publication_date(
    text: str,
    kind: DocumentKind,
    file_name: str,
    stated: PartialDate | None,
    created: PartialDate | None,
) -> tuple[PartialDate, DateSource]:
    """The publication date and where it came from, the most trusted source first.

    The document's own words win over a manifest written about it later; Ofsted's website
    date survives in a downloaded report's file name; a PDF is created a day or so before it
    is published, so its creation date is the last resort.
    """
    in_text = _text_date(text, kind)
    if in_text is not None:
        return in_text, DateSource.TEXT
    if stated is not None:
        return stated, DateSource.MANIFEST
    named = date_in_file_name(file_name)
    if named is not None:
        return named, DateSource.FILE_NAME
    if created is not None:
        return created, DateSource.PDF_METADATA
    raise DocumentError(
        "no publication date in the text, the manifest, the file name or the PDF's metadata",
        path=file_name,
        hint='add `published = "YYYY-MM-DD"` for it in manifest.toml',
    )


def describe(
    text: str,
    file_name: str,
    metadata: Metadata | None = None,
    *,
    created: PartialDate | None = None,
) -> DocumentInfo:
    """Read a document's kind, subject, title and dates, metadata taking precedence.

    The publication date is the text's, else the metadata's, else the file name's, else
    ``created`` (a PDF's creation date). Raises ``DocumentError`` naming the file when no
    publication date or subject can be found.
    """
    meta = metadata or Metadata()
    kind = meta.kind or detect_kind(text)
    subject = (
        subject_named(meta.subject, file_name) if meta.subject else find_subject(text, file_name)
    )
    if subject is None:
        raise DocumentError(
            "cannot tell which local authority the document is about",
            path=file_name,
            hint='add `subject = "..."` for it in manifest.toml',
        )
    published, date_source = _publication_date(text, kind, file_name, meta.published, created)
    visit = meta.visit or _visit(text, kind, published)
    title, span = _title(text)
    authority = meta.authority or (
        Authority.PRIMARY
        if kind
        in (
            DocumentKind.INSPECTION_REPORT,
            DocumentKind.MONITORING_VISIT,
            DocumentKind.FOCUSED_VISIT,
        )
        else Authority.SECONDARY
    )
    # The publication date picks between authorities that share a name ("Dorset").
    local = subject.authority(published.start)
    return DocumentInfo(
        kind=kind,
        subject=local.name,
        title=meta.title or title,
        title_span=span,
        published=published,
        date_source=date_source,
        visit=visit,
        authority=authority,
        url=meta.url,
        la_code=local.la_code,
        ons_code=local.ons_code,
    )
