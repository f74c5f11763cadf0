"""Copying a SQLite store's write-ahead log into its file in a thread of its own.

A checkpoint copies the pages commits wrote to the log into the file and waits for the disk
twice. Run in the committing thread (SQLite's automatic checkpoint), the writer waits for it
after the commit that crosses the threshold; run here, it overlaps the writer's next work
(encoding the next batch), since sqlite3 lets other threads run while SQLite works. A crash
or a kill during a checkpoint loses nothing: SQLite's checkpoints are safe to cut short.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading

__all__ = ["Checkpointer"]


class Checkpointer:
    """A thread with its own connection to the store at ``path`` that runs a passive
    checkpoint (one that waits for no reader or writer) each time it is asked."""

    def __init__(self, path: str) -> None:
        self._path = path
        self._asked = threading.Event()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="store-checkpoint", daemon=True)
        self._thread.start()

    def ask(self) -> None:
        """Checkpoint soon (asking again before it starts asks once)."""
        self._asked.set()

    def _run(self) -> None:
        try:
            db = sqlite3.connect(self._path, isolation_level=None)
        except sqlite3.Error:
            return  # the writer's own checkpoints remain
        try:
            while True:
                self._asked.wait()
                self._asked.clear()
                if self._stopping:
                    return
                # Another process may be checkpointing: the next request tries again.
                with contextlib.suppress(sqlite3.Error):
                    db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        finally:
            db.close()

    def close(self) -> None:
        """Finish the checkpoint under way, if any, and end the thread (before the store's own
        connection closes, so that the store's last close folds the log in)."""
        self._stopping = True
        self._asked.set()
        self._thread.join()
