"""``timeline ingest --jobs N``: documents read in N processes give the store one process gives."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from reliability.corpus import documents_in_store, expected_events, write_corpus

from events import SQLiteStore
from timeline.cli import main
from timeline.ingest import default_jobs

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parents[1] / "seeds"
DOCUMENTS = HERE / "documents"
BAD = HERE / "documents_bad" / "sutton_undated_news.txt"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds and the test documents (each folder with its manifest) and generated ones."""
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(SEEDS, folder / "seeds")
    shutil.copytree(DOCUMENTS, folder / "documents")
    write_corpus(folder / "generated", 6)
    return folder


def _ingest(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    status = main(["ingest", *args, "--db", str(db)])
    out, err = capsys.readouterr()
    return status, out, err


def _stored(db: Path) -> list[str]:
    """Every stored event's id, in append order."""
    with closing(SQLiteStore(db)) as store:
        return [e.id for e in store.read()]


def test_two_processes_store_what_one_stores_in_the_same_order(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same events in the same order, and the same lines printed, with --jobs 1 and 2."""
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    single = _ingest(capsys, one, str(corpus), "--jobs", "1")
    double = _ingest(capsys, two, str(corpus), "--jobs", "2")
    assert single[0] == double[0] == 0
    assert single[1].replace(str(one), "DB") == double[1].replace(str(two), "DB")
    events = _stored(one)
    assert len(events) > 500
    assert _stored(two) == events
    assert main(["verify", "--db", str(two)]) == 0


def test_a_second_run_in_two_processes_appends_nothing(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Re-ingesting with --jobs 2 finds every document already stored."""
    db = tmp_path / "t.db"
    assert _ingest(capsys, db, str(corpus), "-j", "1", "-q")[0] == 0
    before = _stored(db)
    status, out, _ = _ingest(capsys, db, str(corpus), "-j", "2", "-q")
    assert status == 0
    assert ", 0 new event(s);" in out
    assert _stored(db) == before


def test_a_bad_document_is_the_same_one_line_error(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The first bad document in file order is named in the same one line, exit 1, nothing
    stored, whether one process reads or two."""
    folder = tmp_path / "mixed"
    shutil.copytree(corpus / "generated", folder)
    # Two bad documents: the one found first is reported, whichever process read it.
    shutil.copy(BAD, folder / "003_bad.txt")
    shutil.copy(BAD, folder / "999_bad.txt")
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    single = _ingest(capsys, one, str(folder), "--jobs", "1")
    double = _ingest(capsys, two, str(folder), "--jobs", "2")
    assert single == double
    status, out, err = double
    assert (status, out) == (1, "")
    assert err.startswith("timeline: error: 003_bad.txt: no publication date")
    assert len(err.splitlines()) == 1
    assert not one.exists(), "a failed first ingest leaves no store behind"
    assert not two.exists()


def test_jobs_must_be_a_positive_number(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--jobs 0 is a usage error naming the option."""
    status, _, err = _ingest(capsys, tmp_path / "t.db", str(SEEDS), "--jobs", "0")
    assert status == 2
    assert "--jobs" in err
    assert not (tmp_path / "t.db").exists()


def test_by_default_every_core_reads() -> None:
    """The default is the cores this process may use."""
    assert default_jobs() >= 1
    if hasattr(os, "sched_getaffinity"):
        assert default_jobs() == len(os.sched_getaffinity(0))


def _children(pid: int) -> set[int]:
    """The processes ``pid`` started (Linux's /proc)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.update(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux's /proc")
def test_a_killed_ingest_leaves_no_reading_process_behind(tmp_path: Path, corpus: Path) -> None:
    """SIGKILL of an ingest reading in two processes: its readers end too, the store verifies."""
    folder = tmp_path / "many"
    write_corpus(folder, 40)
    db = tmp_path / "t.db"
    argv = [sys.executable, "-m", "timeline.cli", "ingest", str(folder), "--db", str(db), "-j", "2"]
    # Its stderr may hold multiprocessing's resource tracker cleaning up after the kill, but no
    # reader's traceback.
    with (tmp_path / "stderr").open("wb") as err:
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err)
    try:
        deadline = time.monotonic() + 30
        readers: set[int] = set()
        while len(readers) < 2 and time.monotonic() < deadline:
            readers = _children(proc.pid)
            time.sleep(0.05)
        assert len(readers) >= 2, "the ingest never started its readers"
        time.sleep(0.5)  # the readers are reading
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 10
        while any(_alive(r) for r in readers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(r) for r in readers), "a reader outlived the killed ingest"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert "Traceback" not in (tmp_path / "stderr").read_text()
    if db.exists():
        with closing(SQLiteStore(db)) as store:
            assert store.verify() == []


# Ingests with two reading processes through the API, saying when each document is stored.
_STORING = """
import sys
from timeline.facade import Timeline

if __name__ == "__main__":
    with Timeline.open(sys.argv[1]) as timeline:
        timeline.ingest(sys.argv[2], jobs=2, progress=lambda d: print("stored", flush=True))
"""


def test_a_kill_among_the_writes_leaves_whole_documents(tmp_path: Path) -> None:
    """SIGKILL after some documents read in two processes were stored: each stored document is
    whole, and ingesting again stores the rest, every event once."""
    folder = tmp_path / "docs"
    write_corpus(folder, 30)
    expected = expected_events(folder)
    script = tmp_path / "storing.py"
    script.write_text(_STORING, encoding="utf-8")
    db = tmp_path / "t.db"
    argv = [sys.executable, str(script), str(db), str(folder)]
    with subprocess.Popen(argv, stdout=subprocess.PIPE, text=True) as proc:
        assert proc.stdout is not None
        for _ in range(10):
            assert proc.stdout.readline() == "stored\n"
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
    stored = documents_in_store(db)
    assert len(stored) >= 10
    for document, count in stored.items():
        assert count == len(expected[document]), f"document {document} is half stored"
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, timeout=120)
    with closing(SQLiteStore(db)) as store:
        ids = [e.id for e in store.read()]
        assert store.verify() == []
    assert sorted(ids) == sorted(e.id for events in expected.values() for e in events)


def _pool_pids(pool: object) -> set[int]:
    return set(getattr(pool, "_processes", {}) or {})


def test_readers_started_ahead_read_the_documents(corpus: Path) -> None:
    """``prestart(2)`` starts two reading processes at once; the next ``read_documents`` with
    two reads in those very processes and gives what one process gives."""
    from timeline import ingest

    ingest.prestart(2)
    pool = ingest._started
    assert pool is not None
    pool.submit(ingest._ready).result(timeout=60)  # both tasks queued: both processes started
    started = _pool_pids(pool)
    assert len(started) == 2
    reading = ingest.read_documents([corpus / "seeds"], 2)
    readings = [next(reading)]
    assert ingest._started is None, "the started readers were taken"
    assert _pool_pids(pool) == started, "the started processes read, and no others"
    readings += reading
    assert [r.events for r in readings] == [r.events for r in ingest.read_documents([SEEDS], 1)]


@pytest.mark.parametrize(("started", "jobs"), [(3, 2), (2, 1)])
def test_readers_started_for_another_number_are_shut_down(
    corpus: Path, started: int, jobs: int
) -> None:
    """Readers started for another number of processes than a read uses are not used by it,
    nor left running; the read gives what one process gives."""
    from timeline import ingest

    ingest.prestart(started)
    pool = ingest._started
    assert pool is not None
    readings = list(ingest.read_documents([corpus / "seeds"], jobs))
    assert ingest._started is None
    with pytest.raises(RuntimeError):
        pool.submit(ingest._ready)  # shut down
    assert [r.events for r in readings] == [r.events for r in ingest.read_documents([SEEDS], 1)]
