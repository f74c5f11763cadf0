"""Reading documents into events: one file, or files and folders with their manifests."""

from __future__ import annotations

import collections
from collections.abc import Iterable, Iterator
from pathlib import Path

import attrs

from events import AnyEvent, DocumentRecorded, PartialDate, Period
from timeline.reading.attribution import names_another_council
from timeline.reading.context import DocumentContext
from timeline.reading.document import DocumentInfo, Metadata, describe
from timeline.reading.figures import read_figures
from timeline.reading.files import document_id, find_documents, load_document
from timeline.reading.findings import read_findings
from timeline.reading.judgements import framework_of, read_judgements
from timeline.reading.manifest import MANIFEST_NAME, load_manifest
from timeline.reading.recommendations import read_recommendations

__all__ = ["Reading", "find_documents", "read_file", "read_paths", "read_text"]


@attrs.frozen(kw_only=True)
class Reading:
    """One document's events, the document record first."""

    file_name: str
    info: DocumentInfo
    events: tuple[AnyEvent, ...]

    def counts(self) -> dict[str, int]:
        """How many events of each kind, document record excluded."""
        counter = collections.Counter(e.kind for e in self.events[1:])
        return dict(sorted(counter.items()))


def _of_another_council(ctx: DocumentContext, event: AnyEvent) -> bool:
    source = event.source
    return (
        names_another_council(ctx.text, ctx.subject, ctx.published, source.start, source.end)
        is not None
    )


def read_text(
    text: str,
    file_name: str,
    metadata: Metadata | None = None,
    *,
    created: PartialDate | None = None,
) -> Reading:
    """The events of a document already in memory; ``created`` is a PDF's creation date."""
    info = describe(text, file_name, metadata, created=created)
    ctx = DocumentContext(
        text=text,
        document_id=document_id(text),
        file_name=file_name,
        subject=info.subject,
        kind=info.kind,
        published=info.published,
        visit=info.visit,
        authority=info.authority,
        title=info.title,
    )
    record = DocumentRecorded(
        subject=info.subject,
        valid=info.visit or Period(info.published),
        known=info.published,
        source=ctx.source(*info.title_span),
        document_id=ctx.document_id,
        document_kind=info.kind,
        title=info.title,
        file_name=file_name,
        published=info.published,
        date_source=info.date_source,
        visit=info.visit,
        authority=info.authority,
        url=info.url,
        la_code=info.la_code,
        ons_code=info.ons_code,
    )
    judgements = read_judgements(ctx)
    framework = framework_of(judgements)
    if framework is not None:
        record = attrs.evolve(record, framework=framework)
    events: list[AnyEvent] = [record]
    events.extend(judgements)
    # A finding or figure stated of another council ("Kent County Council's fostering service
    # ...") is not the subject's; a grade retold of one is read as that council's instead.
    events.extend(e for e in read_findings(ctx) if not _of_another_council(ctx, e))
    events.extend(e for e in read_figures(ctx) if not _of_another_council(ctx, e))
    events.extend(read_recommendations(ctx))
    return Reading(file_name=file_name, info=info, events=tuple(events))


def read_file(path: Path, metadata: Metadata | None = None) -> Reading:
    """The events of one document file, its PDF creation date the last resort for a date."""
    loaded = load_document(path)
    return read_text(loaded.text, path.name, metadata, created=loaded.created)


def _metadata_for(path: Path, manifests: dict[Path, dict[str, Metadata]]) -> Metadata | None:
    folder = path.parent
    if folder not in manifests:
        manifest = folder / MANIFEST_NAME
        manifests[folder] = load_manifest(manifest) if manifest.is_file() else {}
    return manifests[folder].get(path.name)


def read_paths(paths: Iterable[str | Path]) -> Iterator[Reading]:
    """Read every document under ``paths``, each with its folder's manifest entry."""
    manifests: dict[Path, dict[str, Metadata]] = {}
    for path in find_documents(paths):
        yield read_file(path, _metadata_for(path, manifests))
