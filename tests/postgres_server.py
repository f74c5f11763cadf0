"""A PostgreSQL server for tests and benchmarks: $TIMELINE_TEST_POSTGRES, or a throwaway cluster.

The throwaway cluster lives in a temporary folder, listens only on a unix socket there (no TCP
port to collide with or expose), trusts local connections, and runs as ``nobody`` when we are
root (the server refuses to run as root). It is stopped and deleted by :meth:`stop`.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import urllib.parse
from pathlib import Path

__all__ = ["ENV", "PostgresServer", "ServerUnavailableError", "as_user", "with_search_path"]

ENV = "TIMELINE_TEST_POSTGRES"


class ServerUnavailableError(RuntimeError):
    """No server could be reached or started; the message says why."""


def _binaries() -> Path:
    """The folder holding ``initdb`` and ``pg_ctl``: on PATH, or the distribution's own."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    # Debian and Ubuntu keep them out of PATH, one folder per major version: take the newest.
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda f: int(Path(f).parent.name))
    if not folders:
        raise ServerUnavailableError("no initdb on PATH or in /usr/lib/postgresql/*/bin")
    return Path(folders[-1])


class PostgresServer:
    """A superuser URL to a server: the given one, or a cluster started for this run."""

    def __init__(self, url: str, folder: Path | None = None, binaries: Path | None = None) -> None:
        self.url = url
        self._folder = folder
        self._binaries = binaries

    @classmethod
    def from_environment(cls) -> PostgresServer:
        """The server $TIMELINE_TEST_POSTGRES names, else a throwaway cluster."""
        url = os.environ.get(ENV)
        return cls(url) if url else cls.throwaway()

    @classmethod
    def throwaway(cls, *, durable: bool = False) -> PostgresServer:
        """Start a new cluster in a temporary folder; ``ServerUnavailableError`` if it cannot.

        Tests run it without fsync (nothing they write must outlive them); benchmarks ask for
        a ``durable`` one, whose commits reach the disk as a team's server's would.
        """
        binaries = _binaries()
        folder = Path(tempfile.mkdtemp(prefix="timeline-pg-"))
        user = "nobody" if os.geteuid() == 0 else None
        as_user: list[str] = ["runuser", "-u", user, "--"] if user else []
        if user:
            # The server runs as nobody: it must own its data and reach its socket folder.
            folder.chmod(0o755)
            shutil.chown(folder, user=user)
        data = folder / "data"
        try:
            _run([*as_user, str(binaries / "initdb"), "-D", str(data), "-U", "postgres",
                  "-A", "trust", "-E", "UTF8", "--no-sync"])  # fmt: skip
            options = f"-k {folder} -c listen_addresses='' -c max_connections=100"
            if not durable:
                options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            _run([*as_user, str(binaries / "pg_ctl"), "-D", str(data), "-o", options,
                  "-l", str(folder / "log"), "-w", "-t", "60", "start"])  # fmt: skip
        except ServerUnavailableError as e:
            log = folder / "log"
            tail = log.read_text(errors="replace").strip().splitlines()[-3:] if log.exists() else []
            shutil.rmtree(folder, ignore_errors=True)
            raise ServerUnavailableError(" / ".join([str(e), *tail])) from None
        query = urllib.parse.urlencode({"host": str(folder), "user": "postgres"}, safe="/")
        return cls(f"postgresql:///postgres?{query}", folder, binaries)

    def stop(self) -> None:
        """Stop and delete a throwaway cluster; a given server is left alone."""
        if self._folder is None or self._binaries is None:
            return
        as_user = ["runuser", "-u", "nobody", "--"] if os.geteuid() == 0 else []
        data = str(self._folder / "data")
        pg_ctl = str(self._binaries / "pg_ctl")
        subprocess.run([*as_user, pg_ctl, "-D", data, "-m", "immediate", "-w", "stop"],
                       capture_output=True, check=False)  # fmt: skip
        shutil.rmtree(self._folder, ignore_errors=True)
        self._folder = None


def _run(command: list[str]) -> None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise ServerUnavailableError(f"{Path(command[0]).name}: {e}") from e
    if done.returncode != 0:
        last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        raise ServerUnavailableError(f"{' '.join(command[:6])}...: {last[0]}")


def with_search_path(url: str, schema: str) -> str:
    """``url`` with every table name resolved in ``schema`` first (libpq's ``options``)."""
    parts = urllib.parse.urlsplit(url)
    query = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query) if k != "options"]
    query.append(("options", f"-c search_path={schema}"))
    return _url(parts, parts.netloc, query)


def as_user(url: str, user: str, password: str | None = None) -> str:
    """``url`` logging in as ``user`` (with ``password``) instead."""
    parts = urllib.parse.urlsplit(url)
    query = [
        (k, v) for k, v in urllib.parse.parse_qsl(parts.query) if k not in ("user", "password")
    ]
    query.append(("user", user))
    if password is not None:
        query.append(("password", password))
    return _url(parts, parts.netloc.rpartition("@")[2], query)


def _url(parts: urllib.parse.SplitResult, netloc: str, query: list[tuple[str, str]]) -> str:
    # Not urlunsplit: it drops the "//" of an empty host, which libpq then cannot parse.
    text = urllib.parse.urlencode(query, safe="/", quote_via=urllib.parse.quote)
    return f"{parts.scheme}://{netloc}{parts.path}?{text}"
