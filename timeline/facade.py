"""The public ``Timeline``: a store plus its projection, opened from a path."""

from __future__ import annotations

import collections
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from events import (
    AnyEvent,
    Area,
    AuthorityReorganised,
    DateLike,
    DocumentError,
    EventStore,
    MemoryStore,
    PartialDate,
    SQLiteStore,
    StoreError,
    UnknownKeyError,
)
from events.stores import is_server, open_store
from projections import EMPTY, EventIndex, FilingCache, State
from timeline.register import Register

if TYPE_CHECKING:
    # Imported where used: a query never reads a document, and the reader and the key labels
    # are most of what importing the timeline costs; a state never needs the national counts,
    # the diff, the lists named for improvement or the reorganisations ingesting appends.
    from projections import (
        Comparison,
        Conflict,
        England,
        HistoryEntry,
        Lineage,
        Member,
        Movements,
        StateDiff,
        ThemesNamed,
        Weaknesses,
    )
    from timeline.keys import KeyEntry
    from timeline.reading.reader import Reading

__all__ = ["Ingested", "Timeline"]


def _one_path(value: object) -> Path:
    if isinstance(value, str | os.PathLike):
        name = os.fspath(value)
        # Path("") is the current folder: an empty name is a mistake, not a request for it.
        if isinstance(name, str) and name:
            return Path(name)
    raise DocumentError(
        f"ingest's paths must name files or folders as str or os.PathLike, not {value!r}",
        value=value,
        hint="pass a path, or a list of paths",
    )


def _as_paths(paths: object) -> list[Path]:
    """One path or an iterable of paths as a list, checked before anything is read."""
    # A str is itself an iterable (of characters), so one path is recognised before iterating;
    # bytes would iterate as numbers, and bytes paths are not supported.
    if isinstance(paths, str | os.PathLike):
        return [_one_path(paths)]
    if isinstance(paths, bytes | bytearray | memoryview) or not isinstance(paths, Iterable):
        raise DocumentError(
            f"ingest's paths must be a path or an iterable of paths, not {paths!r}",
            value=paths,
            hint="pass a path, or a list of paths",
        )
    return [_one_path(p) for p in paths]


@attrs.frozen(kw_only=True)
class Ingested:
    """One document read into a timeline: what was read and how many events were new.

    ``same_as`` names the file a document's text was already stored under, when it came again
    under another name (nothing of it is appended then).
    """

    reading: Reading
    new: int
    same_as: str | None = None


def _subject_naming(register: Register) -> Callable[[str], str]:
    """The register's name for a subject however an event spells it; unknown names unchanged."""

    def name(subject: str) -> str:
        found = register.lookup(subject)
        return subject if found is None else found.name

    return name


def open_location(location: str) -> tuple[EventStore, FilingCache | None]:
    """The store at ``location`` and where its projection keeps its filing (none in memory)."""
    if location == ":memory:":
        return MemoryStore(), None
    if is_server(location):
        return open_store(location), FilingCache.for_location(location)
    return SQLiteStore(Path(location)), FilingCache.beside(location)


class Timeline:
    """An event-sourced timeline of inspection documents.

    Appending updates the projection incrementally; every query is answered from it.
    """

    def __init__(
        self,
        store: EventStore,
        *,
        register: Register | None = None,
        reorganisations: Iterable[AuthorityReorganised] | None = None,
        cache: FilingCache | None = None,
    ) -> None:
        """A timeline over ``store``, naming subjects as ``register`` (default: the package's).

        Stores written before the register hold subjects as older readers wrote them ("Windsor
        & Maidenhead", "Kingston upon Hull City"): they are filed and queried under the
        register's names; subjects it does not know keep theirs. No stored event changes.

        ``reorganisations`` (default: the package's, ``timeline/data/reorganisations.csv``) are
        the changes ingesting appends beside a document about an authority they concern.

        ``cache`` is where the projection keeps its filing between opens (none: every event is
        filed at each open).
        """
        self.store = store
        self.register = Register.default() if register is None else register
        self._reorganisations = None if reorganisations is None else tuple(reorganisations)
        self._cache = cache
        self._projection = EventIndex.from_store(
            store, cache=cache, naming=_subject_naming(self.register)
        )

    @property
    def reorganisations(self) -> tuple[AuthorityReorganised, ...]:
        """The reorganisations ingesting appends (see :meth:`__init__`)."""
        if self._reorganisations is None:
            # Read when first needed: making their events hashes every statement (as the reader
            # hashes a document), which a query that only reads the store never needs.
            from timeline.reorganisations import packaged

            self._reorganisations = packaged()
        return self._reorganisations

    @classmethod
    def open(
        cls, path: str | os.PathLike[str] = ":memory:", *, register: Register | None = None
    ) -> Timeline:
        """Open (or create) a timeline: a SQLite file, a PostgreSQL database
        (``postgresql://user@host/db``, with the ``postgres`` extra), or ``":memory:"`` for a
        scratch one.

        The projection's filing is kept for the next open: beside a file (``<file>-filing``),
        in the user's cache folder for a database (see :func:`open_location`).
        """
        store, cache = open_location(os.fspath(path))
        return cls(store, register=register, cache=cache)

    def close(self) -> None:
        """Close the store, first keeping the projection's filing if many events were filed
        since it was last kept (after a big ingest), so the next open need not read them."""
        try:
            if self._cache is not None:
                self._projection.keep_if_behind(self.store, self._cache)
        except StoreError:
            pass  # a cache never stops a store from closing; the next open files the events
        finally:
            self.store.close()

    def __enter__(self) -> Timeline:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self._index)

    @property
    def index(self) -> EventIndex:
        """The projection the queries read, with every event the store holds filed."""
        return self._index

    @property
    def _index(self) -> EventIndex:
        # Other writers may have appended since the last query: the store's head says so at
        # the cost of one lookup, and only their events are read.
        self._projection.follow(self.store)
        return self._projection

    def append(self, events: Iterable[AnyEvent]) -> list[AnyEvent]:
        """Store a batch atomically and project it; returns the events that were new."""
        fresh = self.store.append(events)
        self._projection.follow(self.store, fresh)
        return fresh

    def ingest(
        self,
        paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
        *,
        progress: Callable[[Ingested], None] | None = None,
        on_read: Callable[[Reading], None] | None = None,
        jobs: int = 1,
    ) -> list[Ingested]:
        """Read documents (files or folders) and append their events, one document at a time.

        ``paths`` is one path (a ``str`` or path object) or an iterable of them; anything else
        is a ``DocumentError`` naming the argument.
        Every document is read before anything is written, so a bad file (named in the
        ``DocumentError``) leaves the store as it was; each document is then appended in its
        own transaction. Reading the same documents again appends nothing, and neither does a
        document whose text (normalised, so a PDF and its text export match) is already stored
        under another file name: its evidence would count twice. Under its own file name a
        document is appended again, so a reader that has improved adds what it now finds.
        A ``StoreError`` while appending (a full disk) names the documents already committed.

        ``jobs`` processes read the documents (see :func:`timeline.ingest.read_documents`);
        this one appends them, in the order the files are found, so the store is the same
        whatever ``jobs`` is.
        """
        from timeline.ingest import read_documents

        readings = []
        for reading in read_documents(_as_paths(paths), jobs):
            readings.append(reading)
            if on_read is not None:
                on_read(reading)
        done: list[Ingested] = []
        first_names: dict[str, str] = {}  # document id -> the file it came as first in this run
        for reading in readings:
            document_id = reading.events[0].source.document_id
            first = first_names.setdefault(document_id, reading.file_name)
            stored = self._index.file_names(document_id)
            if first != reading.file_name:
                item = Ingested(reading=reading, new=0, same_as=first)
            elif stored and reading.file_name not in stored:
                item = Ingested(reading=reading, new=0, same_as=min(stored))
            else:
                item = Ingested(reading=reading, new=self._append_document(reading, done))
            done.append(item)
            if progress is not None:
                progress(item)
        return done

    def _append_document(self, reading: Reading, done: list[Ingested]) -> int:
        """Append one document's events, with the reorganisations of the authorities it is about
        (once: they are appended in the same transaction, so a document never lands without
        them); a store error names what this run had committed."""
        from timeline.reorganisations import lineage_of

        subjects = {e.subject for e in reading.events}
        changes = [
            e for e in lineage_of(subjects, self.reorganisations) if self._index.get(e.id) is None
        ]
        try:
            return len(self.append([*reading.events, *changes]))
        except StoreError as e:
            committed = [d.reading.file_name for d in done if d.new]
            listed = ", ".join(committed[:5]) + (" ..." if len(committed) > 5 else "")
            raise StoreError(
                f"{e.message}; {reading.file_name} and any after it were not stored; "
                + (
                    f"{len(committed)} document(s) were committed before it: {listed}"
                    if committed
                    else "no document of this run was committed"
                ),
                path=e.path,
                hint=e.hint,
            ) from e

    def state_at(
        self, date: DateLike, known_at: DateLike | None = None, *, subject: str | None = None
    ) -> State:
        """What was true on ``date`` as known on ``known_at`` (default: as known on ``date``).

        A grade counts from its publication: between an inspection and its report the old
        grade stands, unless ``known_at`` is later than the report.

        ``subject`` (here and in every query) is any spelling of a subject the timeline holds,
        in any case; one no event is about raises ``UnknownKeyError`` with the closest names.
        """
        name = self._subject(subject)
        state = self._index.state_at(date, known_at, subject=name)
        if name is None:
            return state
        succession = self.lineage.succession(name, state.at)
        if succession is None:
            return state
        # Before it began an authority has no state of its own: its predecessors' stand for it,
        # every one shown (with nothing known, if so) so that none is silently left out.
        shown = {
            p: self._index.state_at(date, known_at, subject=p).subjects.get(p, EMPTY)
            for p in succession.predecessors
        }
        return attrs.evolve(state, subjects=shown, succession=succession)

    @property
    def lineage(self) -> Lineage:
        """Successors and predecessors, as the stored reorganisations give them."""
        from projections import Lineage

        return Lineage(self._index.reorganisations, naming=self._index.subject_name)

    def diff(
        self,
        a: DateLike,
        b: DateLike,
        *,
        subject: str | None = None,
        known_at: DateLike | None = None,
    ) -> StateDiff:
        """A verdict for every key present on either date (see ``projections.diff``)."""
        from projections import diff_states

        name = self._subject(subject)
        return diff_states(
            self.state_at(a, known_at, subject=name),
            self.state_at(b, known_at, subject=name),
        )

    def history(self, key: str, subject: str | None = None) -> list[HistoryEntry]:
        """Every event about an area, metric or theme, oldest first, with sources.

        A subject's history includes the authorities it took over from, each entry labelled
        ``predecessor_of``, and the reorganisations between them as entries of their own.
        """
        from projections import HistoryEntry, history

        name = self._subject(subject)
        if name is None:
            return history(self._index, key, None)
        lineage = self.lineage
        entries: list[HistoryEntry] = []
        missing: UnknownKeyError | None = None
        for who in (name, *lineage.ancestors(name)):
            try:
                found = history(self._index, key, who)
            except UnknownKeyError as e:
                missing = missing or e
                continue
            if who != name:
                found = [attrs.evolve(h, predecessor_of=name) for h in found]
            entries.extend(found)
        if not entries and missing is not None:
            raise missing
        family = {name, *lineage.ancestors(name)}
        changes = {e.id: e for who in family for e in lineage.changes(who) if e.subject in family}
        entries.extend(
            HistoryEntry(subject=e.subject, kind="reorganisation", key=key, event=e)
            for e in changes.values()
        )
        entries.sort(
            key=lambda h: (h.event.valid.start.sort_key(), h.event.known.sort_key(), h.event.id)
        )
        return entries

    def conflicts(self, subject: str | None = None) -> list[Conflict]:
        """Claims that disagree, each with its sources and the believed one first."""
        from projections import find_conflicts

        return find_conflicts(self._index, self._subject(subject))

    def events(
        self,
        *,
        kind: str | None = None,
        subject: str | None = None,
        document: str | None = None,
    ) -> list[AnyEvent]:
        """Stored events in append order, filtered by kind, subject or document id/file name.

        ``subject`` is matched under the register's names, so an older store's spellings of
        one authority ("Windsor & Maidenhead") are found with the register's.
        """
        name = None
        if subject is not None:
            try:
                name = self._subject(subject)
            except UnknownKeyError:
                # A subject only document records name (a document with no findings) counts too.
                named = {self._index.subject_name(e.subject) for e in self.store.read()}
                name = self._subject(subject, among=named)
        return [
            e
            for e in self.store.read()
            if (kind is None or e.kind == kind)
            and (name is None or self._index.subject_name(e.subject) == name)
            and (document is None or document in (e.source.document_id, e.source.file_name))
        ]

    def _subject(self, subject: str | None, among: Iterable[str] | None = None) -> str | None:
        """The name ``subject`` is filed under among the timeline's subjects (``among``, by
        default those with a judgement, figure or theme), matched through the register and then
        case-insensitively; ``UnknownKeyError`` if no event is about it."""
        if subject is None:
            return None
        # An authority a reorganisation names is a subject before any document is about it:
        # asked about before it began, its predecessors answer for it.
        held = sorted({*self._index.subjects, *self.lineage.subjects} if among is None else among)
        name = self._index.subject_name(subject)
        if name in held:
            return name
        # Subjects the register does not hold ("Testshire", an older store's) keep their own
        # spelling: match those in any case too.
        folded = {s.casefold(): s for s in held}
        if name.casefold() in folded:
            return folded[name.casefold()]
        import difflib  # only when a subject is not found: a query's start does without it

        close = [
            folded[c]
            for c in difflib.get_close_matches(subject.casefold(), list(folded), n=3, cutoff=0.6)
        ]
        if not close:
            close = [n for n in self.register.closest(subject) if n != name]
        raise UnknownKeyError(
            f"no events about subject {subject!r}",
            value=subject,
            hint=f"did you mean: {', '.join(close)}?" if close else "ingest documents first",
        )

    def keys(self) -> list[KeyEntry]:
        """Every area, metric and theme key with its label and how many stored events are
        filed under it, then keys only stored events hold (``other:`` figures); see
        :func:`timeline.keys.vocabulary` for the keys alone."""
        from timeline.keys import counted

        counts: collections.Counter[tuple[str, str]] = collections.Counter()
        # An EventIndex is no dict: iterating it gives events, its keys() the buckets.
        for subject, kind, key in self._index.keys():  # noqa: SIM118
            counts[kind, key] += len(self._index.bucket_events((subject, kind, key)))
        return counted(counts)

    def members(self, at: DateLike) -> list[Member]:
        """The register's authorities in force on ``at``, as national counts take them."""
        from projections import Member

        day = PartialDate.coerce(at).start
        return [
            Member(name=a.name, region=a.region, type=a.type)
            for a in self.register
            if a.in_force(day)
        ]

    def england(
        self,
        at: DateLike,
        known_at: DateLike | None = None,
        *,
        by: str | None = None,
        areas: Iterable[Area | str] | None = None,
    ) -> England:
        """How every authority in force on ``at`` stands on each area, as known on ``known_at``.

        Authorities with no grade yet are counted apart, never left out. With no ``known_at`` a
        grade counts from its publication; with a later one, from its inspection. ``by`` is
        ``"region"`` or ``"type"``.
        """
        if by not in (None, "region", "type"):
            raise UnknownKeyError(f"cannot group by {by!r}", value=by, hint="use region or type")
        from projections import england

        chosen = None if areas is None else [Area(a) for a in areas]
        return england(self._index, self.members(at), at, known_at, by=by, areas=chosen)

    def movements(
        self,
        until: DateLike,
        known_at: DateLike | None = None,
        *,
        areas: Iterable[Area | str] = (Area.OVERALL_EFFECTIVENESS,),
    ) -> Movements:
        """Each authority's change between its last two inspections under one framework."""
        from projections import movements

        names = [m.name for m in self.members(until)]
        return movements(self._index, names, until, known_at, areas=[Area(a) for a in areas])

    def weaknesses(
        self,
        a: DateLike,
        b: DateLike,
        subject: str,
        *,
        known_at: DateLike | None = None,
    ) -> Weaknesses:
        """What ``subject``'s latest inspection reports on ``a`` and on ``b`` named for
        improvement: per theme, named both times (persisted), the first time only (not named
        again: not said to have improved) or newly named, with each report's items."""
        from projections import weaknesses

        name = self._subject(subject)
        assert name is not None
        return weaknesses(self._index, name, a, b, known_at)

    def themes(
        self, at: DateLike, known_at: DateLike | None = None, *, by: str | None = None
    ) -> ThemesNamed:
        """For each theme, the authorities in force on ``at`` whose latest inspection report
        names it for improvement; those with no report yet are counted apart, never left out.
        ``by`` is ``"region"`` or ``"type"``."""
        if by not in (None, "region", "type"):
            raise UnknownKeyError(f"cannot group by {by!r}", value=by, hint="use region or type")
        from projections import themes_named

        return themes_named(self._index, self.members(at), at, known_at, by=by)

    def themes_by_year(
        self, at: DateLike, known_at: DateLike | None = None, *, since: int = 2014
    ) -> list[ThemesNamed]:
        """``themes`` on 31 March of each year from ``since`` up to ``at``, each counting the
        authorities in force on that day."""
        from projections import themes_by_year

        return themes_by_year(self._index, self.members, at, known_at, since=since)

    def compare(self, subject: str, at: DateLike, known_at: DateLike | None = None) -> Comparison:
        """``subject``'s grades beside its ten statistical neighbours', its region's and
        England's distributions on ``at`` (neighbours and region from the register)."""
        from projections import Comparison, Member, england

        authority = self.register.lookup(subject, PartialDate.coerce(at).start)
        if authority is None:
            raise UnknownKeyError(
                f"{subject!r} is not an authority in the register",
                value=subject,
                hint=f"did you mean {', '.join(self.register.closest(subject))}?",
            )
        around = []
        for code in authority.neighbours:
            try:
                around.append(self.register.by_code(code))
            except KeyError:
                continue  # a neighbour the register does not hold: nothing to show for it
        own = [Member(name=a.name, region=a.region, type=a.type) for a in (authority, *around)]
        return Comparison(
            subject=authority.name,
            region=authority.region,
            neighbours=tuple(a.name for a in around),
            own=england(self._index, own, at, known_at),
            picture=england(self._index, self.members(at), at, known_at, by="region"),
        )

    @staticmethod
    def date(value: DateLike) -> PartialDate:
        """Read a date the way every query does (``datetime.date``, pendulum, ISO string)."""
        return PartialDate.coerce(value)
