"""Reading documents into events: one file, or files and folders with their manifests."""

from __future__ import annotations

import collections
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import attrs

from events import AnyEvent, DocumentError, DocumentRecorded, PartialDate, Period
from timeline.reading.attribution import names_another_council
from timeline.reading.context import DocumentContext
from timeline.reading.document import DocumentInfo, Metadata, describe
from timeline.reading.figures import read_figures
from timeline.reading.files import SUFFIXES, document_id, load_document
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


def find_documents(paths: Iterable[str | Path]) -> list[Path]:
    """The document files named, folders searched recursively; sorted, no duplicates.

    Raises ``DocumentError`` naming a path that does not exist or cannot be read (a folder
    that cannot be listed is refused, never skipped: its documents would be missed in silence).
    """
    found: dict[Path, None] = {}
    for raw in paths:
        path = Path(raw)
        try:
            if path.is_dir():
                for child in _files_under(path):
                    if child.suffix.lower() in SUFFIXES and not child.name.startswith("."):
                        found[child] = None
            elif path.is_file():
                found[path] = None
            else:
                raise DocumentError("no such file or folder", path=str(path))
        except OSError as e:
            where = path if e.filename is None else os.fsdecode(e.filename)
            raise DocumentError(
                f"cannot read it: {e.strerror or e}",
                path=str(where),
                hint="check its permissions, or leave it out",
            ) from e
    return list(found)


def _files_under(folder: Path) -> list[Path]:
    """Every file in ``folder`` and its sub-folders, sorted; an ``OSError`` if one cannot be
    listed (``Path.rglob`` would skip it)."""

    def fail(error: OSError) -> None:
        raise error

    files = [
        Path(root) / name
        for root, _, names in os.walk(folder, onerror=fail)
        for name in names
        if (Path(root) / name).is_file()
    ]
    return sorted(files)


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
