"""Which backend a store location names: a PostgreSQL URL, ``":memory:"`` or a SQLite file."""

from __future__ import annotations

from events.store import EventStore, MemoryStore

__all__ = ["is_server", "open_store"]

_POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_server(location: str) -> bool:
    """Whether ``location`` names a database server (a PostgreSQL URL) rather than a file."""
    return location.startswith(_POSTGRES_SCHEMES)


def open_store(location: str) -> EventStore:
    """The store at ``location``: PostgreSQL for a ``postgresql://`` (or ``postgres://``) URL,
    a scratch in-memory store for ``":memory:"``, otherwise the SQLite file at that path."""
    if is_server(location):
        # Imported here so opening a SQLite store never touches the optional PostgreSQL code.
        from events.postgres import PostgresStore

        return PostgresStore(location)
    if location == ":memory:":
        return MemoryStore()
    from events.sqlite import SQLiteStore

    return SQLiteStore(location)
