"""The one command: ``python -m benchmarks [--quick] [--events N] [--docs N] [--out FILE]``.

Each measurement runs in a fresh interpreter (see ``benchmarks.measure``); the peers it is
compared with run in the same invocation, on the same machine, on the same data.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import national_report, postgres
from benchmarks.measure import isolated, percentile
from benchmarks.ratios import append_shares, medians, word_pass_ratio
from benchmarks.real_corpus import DEFAULT_CORPUS
from benchmarks.table import Row, Target, render

FULL_EVENTS = 1_000_000
FULL_DOCS = 2_000
PEER_EVENTS = 100_000
BATCH = 10_000
READ_PER_CORE_MB = 5.0
READ_TEXT_MB = 3.0  # the seeds' and the real corpus's text, one core (issue 17.4)
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
APPEND_PER_S = 200_000
REAL_CORPUS_SECONDS = 20.0
# Rounds of the measurements with a peer, ours and the peer's alternating: the 1M-event append
# against SQLite alone (17.3), and the 100,000-event round trip against eventsourcing.
APPEND_ROUNDS, ROUND_TRIP_ROUNDS = 2, 3
JOBS_SPEED_UP = 1.8  # `timeline ingest` on 2 cores against 1 (issue 17.1)
NATIONAL_REPORT_SECONDS = 10.0
SCALE_MB = (1, 10, 40)
SCALE_MB_QUICK = (1, 2, 4)
SCALE_PER_MB = 1.25  # the largest text's time per MB, at most this times the smallest's


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, under a minute")
    parser.add_argument("--events", type=int, help="events in the big store (default 1,000,000)")
    parser.add_argument("--docs", type=int, help="documents to ingest (default 2,000)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--out", type=Path, help="also write the report (Markdown) here")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        help="folder of real report PDFs (default ../shared/corpus/reports; skipped if absent)",
    )
    return parser


def machine() -> list[str]:
    """What the numbers were measured on, and at which commit."""
    cpu = "unknown CPU"
    ram = "unknown RAM"
    try:
        info = Path("/proc/cpuinfo").read_text()
        cpu = next(
            line.split(":", 1)[1].strip() for line in info.splitlines() if "model name" in line
        )
        mem = Path("/proc/meminfo").read_text().split()
        ram = f"{int(mem[mem.index('MemTotal:') + 1]) / 1024**2:.1f} GB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    root = Path(__file__).resolve().parent.parent

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
        return done.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    if git("status", "--porcelain", "--untracked-files=no"):
        commit += " + uncommitted changes"
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        f"machine: {os.cpu_count()} cores ({cpu}), {ram}; load average before the run {load}",
        f"python: {platform.python_version()} ({platform.python_implementation()})",
        f"commit: {commit}",
    ]


def _faster(ours: float, theirs: float, peer: str) -> str:
    """``ours`` and ``theirs`` are times (lower is better)."""
    if ours <= 0 or theirs <= 0:
        return ""
    ratio = theirs / ours
    return (
        f"{ratio:.1f}× faster than {peer}" if ratio >= 1 else f"{1 / ratio:.1f}× slower than {peer}"
    )


def _rows(r: dict[str, Any], docs: int, events: int, cores: int) -> list[Row]:
    one, many, ing, app, q, ours, es = (
        r[k] for k in ("one", "many", "ingest", "append", "query", "ours", "es")
    )
    rebuild, first = r["rebuild"], r["first"]
    from_saved = q["saved_rows"] == q["events"]
    full = events >= FULL_EVENTS
    mb = 1024 * 1024
    one_mbs, many_mbs = one["bytes"] / mb / one["seconds"], many["bytes"] / mb / many["seconds"]
    ingest_limit = 60.0 * docs / FULL_DOCS
    ingest_text = "≤ 60 s" if docs == FULL_DOCS else f"≤ {ingest_limit:.1f} s (60 s per 2,000)"
    median = statistics.median
    state, naive = median(q["state_ms"]), median(q["naive_ms"])
    naive_ours = median(q["naive_state_ms"])
    diff_ours, diff_plain = median(q["diff_states_ms"]), median(q["deepdiff_ms"])
    n_events, peer = f"{q['events']:,}", f"{ours['events']:,}"
    at_1m = " (on 1M)" if not full else ""
    es_append, es_read = es["events"] / es["append_seconds"], es["events"] / es["read_seconds"]
    alone = r["alone"]
    alone_n = f"{alone['events']:,}"
    alone_schema = alone["events"] / alone["schema_seconds"]
    alone_bare = alone["events"] / alone["bare_seconds"]
    alone_unsynced = alone["events"] / alone["unsynced_seconds"]
    alone_encoding = alone["events"] / alone["encoding_seconds"]
    ours_append = ours["events"] / ours["append_seconds"]
    unique_rate = r["unique"]["events"] / r["unique"]["seconds"]
    shares = append_shares(r)

    def of_target(rate: float) -> str:
        return f"{rate / APPEND_PER_S:.2f}× the append target"

    return [
        Row(name=f"reading, 1 core ({one['docs']} docs)", value=one_mbs, unit="MB/s",
            target=Target(limit=READ_PER_CORE_MB, at_least=True, text="≥ 5 MB/s")),
        Row(name="reading, 1 core", value=one["docs"] / one["seconds"], unit="docs/s"),
        Row(name=f"reading, {cores} cores ({many['docs']} docs)", value=many_mbs, unit="MB/s",
            target=Target(limit=READ_PER_CORE_MB * cores, at_least=True,
                          text=f"≥ {READ_PER_CORE_MB * cores:g} MB/s"),
            ratio=f"{many_mbs / one_mbs:.2f}× 1 core"),
        Row(name=f"reading, {cores} cores", value=many["docs"] / many["seconds"], unit="docs/s"),
        Row(name=f"ingest {ing['docs']:,} docs ({cores} readers, 1 writer)", value=ing["seconds"],
            unit="s", target=Target(limit=ingest_limit, at_least=False, text=ingest_text),
            ratio=f"{ing['events']:,} events"),
        Row(name=f"append to SQLite, batches of {BATCH:,}", value=app["events"] / app["seconds"],
            unit="events/s", target=Target(limit=APPEND_PER_S, at_least=True, text="≥ 200,000/s")),
        Row(name="  append's share of SQLite alone with a unique id (same rows)",
            value=median(shares), unit="%",
            target=Target(limit=50, at_least=True, text="≥ 50%"),
            ratio=(f"median of {len(shares)} rounds, each alternating: "
                   + ", ".join(f"{share:.1f}%" for share in shares))),
        Row(name=f"  SQLite alone: the same {app['events']:,} rows, a unique id column",
            value=unique_rate, unit="rows/s", ratio="baseline (issue 17.3)"),
        Row(name=f"  SQLite alone: {alone_n} rows into our schema", value=alone_schema,
            unit="rows/s", ratio=f"ours appends at {ours_append / alone_schema:.0%} of its rate"),
        Row(name=f"  SQLite alone: {alone_n} rows, bare table", value=alone_bare, unit="rows/s",
            ratio=f"no index or trigger: {of_target(alone_bare)}"),
        Row(name="  SQLite alone: the same, bare table, no fsync", value=alone_unsynced,
            unit="rows/s", ratio=f"not durable: {of_target(alone_unsynced)}"),
        Row(name=f"  encoding alone: canonical JSON of {alone_n} events", value=alone_encoding,
            unit="events/s", ratio=f"nothing stored: {of_target(alone_encoding)}"),
        Row(name=f"cold load {n_events} events (Timeline.open)",
            value=q["events"] / q["load_seconds"], unit="events/s",
            target=Target(limit=300_000, at_least=True, text="≥ 300,000/s"),
            ratio=(_faster(q["load_seconds"], rebuild["seconds"], "filing every row")
                   + ("" if from_saved else "; SAVED FILING NOT USED"))),
        Row(name="  cold load filing every row (no saved filing)",
            value=rebuild["events"] / rebuild["seconds"], unit="events/s",
            ratio=f"baseline; {rebuild['seconds']:.1f} s, peak RSS {rebuild['rss_mb']:,.0f} MB"),
        Row(name="  first open: files every event, keeps the filing", value=first["seconds"],
            unit="s", ratio=f"{first['saved_rows']:,} events from a kept filing"),
        Row(name=f"  first open: peak RSS, {n_events} events", value=first["rss_mb"] / 1.048576,
            unit="MiB", target=Target(limit=600, at_least=False, text=f"≤ 600 MiB{at_1m}",
                                      applies=full)),
        Row(name=f"state_at median, 1 subject, {n_events} events", value=state, unit="ms",
            target=Target(limit=5, at_least=False, text=f"≤ 5 ms{at_1m}", applies=full),
            ratio="(a) " + _faster(naive_ours, naive, "naive replay")),
        Row(name="state_at p99", value=percentile(q["state_ms"], 99), unit="ms",
            target=Target(limit=20, at_least=False, text=f"≤ 20 ms{at_1m}", applies=full)),
        Row(name=f"  of which a subject's first query ({len(q['first_ms'])})",
            value=median(q["first_ms"]), unit="ms",
            ratio=f"p99 {percentile(q['first_ms'], 99):.1f} ms; loads its events"),
        Row(name=f"  of which a subject read before ({len(q['again_ms'])})",
            value=median(q["again_ms"]) if q["again_ms"] else 0.0, unit="ms",
            ratio=f"p99 {percentile(q['again_ms'], 99):.1f} ms" if q["again_ms"] else ""),
        Row(name=f"(a) naive replay state_at median ({len(q['naive_ms'])} dates)", value=naive,
            unit="ms", ratio="baseline" + ("" if q["naive_agrees"] else "; ANSWERS DIFFER")),
        Row(name="diff median (Timeline.diff, 1 subject)", value=median(q["diff_ms"]), unit="ms",
            target=Target(limit=20, at_least=False, text=f"≤ 20 ms{at_1m}", applies=full)),
        Row(name="diff p99", value=percentile(q["diff_ms"], 99), unit="ms"),
        Row(name="(c) diff_states median, states given", value=diff_ours, unit="ms",
            ratio="(c) " + _faster(diff_ours, diff_plain, "plain DeepDiff")),
        Row(name="(c) plain DeepDiff of to_dict() median", value=diff_plain, unit="ms",
            ratio="baseline"),
        Row(name=f"(b) append {peer} events, ours", value=ours["events"] / ours["append_seconds"],
            unit="events/s", target=Target(limit=es_append, at_least=True, text="≥ eventsourcing"),
            ratio="(b) " + _faster(ours["append_seconds"], es["append_seconds"], "eventsourcing")),
        Row(name=f"(b) append {peer} events, eventsourcing", value=es_append, unit="events/s",
            ratio=f"baseline; medians of {len(r.get('es_rounds', [es]))} rounds, alternating"),
        Row(name=f"(b) read back {peer} events, ours", value=ours["events"] / ours["read_seconds"],
            unit="events/s", target=Target(limit=es_read, at_least=True, text="≥ eventsourcing"),
            ratio="(b) " + _faster(ours["read_seconds"], es["read_seconds"], "eventsourcing")),
        Row(name=f"(b) read back {peer} events, eventsourcing", value=es_read, unit="events/s",
            ratio="baseline"),
        Row(name=f"peak RSS, {n_events} events loaded", value=q["loaded_rss_mb"], unit="MB",
            target=Target(limit=1536, at_least=False, text=f"≤ 1,536 MB{at_1m}", applies=full)),
        Row(name="peak RSS after every query above", value=q["queried_rss_mb"], unit="MB",
            target=Target(limit=1536, at_least=False, text=f"≤ 1,536 MB{at_1m}", applies=full)),
        Row(name=f"store size on disk, {app['events']:,} events", value=app["bytes"] / mb,
            unit="MB", ratio=f"{app['bytes'] / app['events']:,.0f} bytes/event"),
    ]  # fmt: skip


def _text_rows(r: dict[str, dict[str, Any]]) -> list[Row]:
    """Reading alone on one core: the seeds, and the real corpus's text when it was there."""
    rows = []
    for key, what in (("seeds_text", "the seeds"), ("corpus_text", "the real corpus's text")):
        if key in r:
            t = r[key]
            rounds = f", {t['rounds']} rounds" if t["rounds"] > 1 else ""
            rows.append(
                Row(
                    name=f"reading {what}, 1 core ({t['docs']} documents{rounds})",
                    value=t["bytes"] / (1024 * 1024) / t["seconds"],
                    unit="MB/s",
                    target=Target(
                        limit=READ_TEXT_MB, at_least=True, text=f"≥ {READ_TEXT_MB:g} MB/s"
                    ),
                    ratio=word_pass_ratio(t),
                )
            )
    return rows


def _real_rows(r: dict[str, dict[str, Any]], cores: int) -> list[Row]:
    """The real corpus's rows, when it was there to measure."""
    if "real" not in r:
        return []
    real, text, jobs = r["real"], r["pdf_text"], r["jobs"]
    rows = [
        Row(
            name=f"real corpus: {real['docs']} reports read and ingested, {cores} cores",
            value=real["seconds"],
            unit="s",
            target=Target(
                limit=REAL_CORPUS_SECONDS, at_least=False, text=f"≤ {REAL_CORPUS_SECONDS:g} s"
            ),
            ratio=f"{real['pages'] / real['seconds']:,.0f} pages/s; {real['events']:,} events; "
            f"{real['refused']} refused",
        ),
        Row(
            name=f"  `timeline ingest --jobs {jobs['jobs']}` against `--jobs 1`, {jobs['docs']} "
            "reports",
            value=jobs["one"] / jobs["many"],
            unit="×",
            target=Target(
                limit=JOBS_SPEED_UP,
                at_least=True,
                text=f"≥ {JOBS_SPEED_UP:g}×",
                applies=jobs["jobs"] >= 2,
            ),
            ratio=f"medians {jobs['one']:.1f} s against {jobs['many']:.1f} s, alternating",
        ),
        Row(
            name=f"  PDF text with PDFium, {text['docs']} reports",
            value=text["pages"] / text["pdfium_seconds"],
            unit="pages/s",
            ratio=(
                _faster(text["pdfium_seconds"], text["pypdf_seconds"], "pypdf")
                if "pypdf_seconds" in text
                else "pypdf not installed"
            ),
        ),
    ]
    if "pypdf_seconds" in text:
        rows.append(
            Row(
                name=f"  PDF text with pypdf, {text['docs']} reports",
                value=text["pages"] / text["pypdf_seconds"],
                unit="pages/s",
                ratio="baseline",
            )
        )
    return rows  # fmt: skip


def _national_rows(national: dict[str, Any], full: bool) -> list[Row]:
    """The national views on the big store (issue 14): medians, with the slowest beside."""
    n, at_1m = f"{national['events']:,}", "" if full else " (on 1M)"
    rows = []
    for key, name, limit in (
        ("england", "england (every authority, every area)", 50),
        ("movements", "movements (every authority)", 50),
        ("compare", "compare (one authority, its neighbours)", 20),
    ):
        rows.append(
            Row(
                name=f"{name} median, {n} events",
                value=national[f"{key}_ms"],
                unit="ms",
                target=Target(limit=limit, at_least=False, text=f"≤ {limit} ms{at_1m}",
                              applies=full),
                ratio=f"slowest {national[f'{key}_max_ms']:.0f} ms of {national['queries']}",
            )
        )  # fmt: skip
    return rows


def _report_rows(report: dict[str, Any], full: bool) -> list[Row]:
    """The national HTML report on the big store plus every real report (issue 14 item 6)."""
    mb = 1024 * 1024
    at_1m = "" if full else " (on 1M)"
    real = f" ({report['real_events']:,} of them real)" if report["real_events"] else ""
    return [
        Row(
            name=f"national report, {report['pages']} pages, {report['events']:,} events{real}",
            value=report["seconds"],
            unit="s",
            target=Target(limit=NATIONAL_REPORT_SECONDS, at_least=False,
                          text=f"≤ {NATIONAL_REPORT_SECONDS:g} s{at_1m}", applies=full),
            ratio=f"build {report['build_seconds']:.1f} s, write {report['write_seconds']:.2f} s"
            f" ({report['bytes'] / mb:.1f} MB; England's page {report['index_bytes'] // 1024:,}"
            f" KB); after opening the store in {report['open_seconds']:.1f} s",
        )
    ]  # fmt: skip


def _scale_rows(scale: list[dict[str, Any]]) -> list[Row]:
    """One report repeated to growing sizes: seconds, s/MB, and the largest against the smallest."""
    mb = 1024 * 1024
    per_mb = [r["seconds"] / (r["bytes"] / mb) for r in scale]
    rows = [
        Row(
            name=f"reading one {r['bytes'] / mb:.0f} MB text ({r['copies']} copies of a report)",
            value=r["seconds"],
            unit="s",
            ratio=f"{each:.2f} s/MB; {r['events']:,} events; peak RSS {r['rss_mb']:,.0f} MB",
        )
        for r, each in zip(scale, per_mb, strict=True)
    ]
    largest, smallest = scale[-1]["bytes"] / mb, scale[0]["bytes"] / mb
    rows.append(
        Row(
            name=f"  time per MB, {largest:.0f} MB against {smallest:.0f} MB",
            value=per_mb[-1] / per_mb[0],
            unit="×",
            target=Target(limit=SCALE_PER_MB, at_least=False, text=f"≤ {SCALE_PER_MB:g}× (linear)"),
            ratio="1.00× is linear; quadratic doubles it per doubling",
        )
    )
    return rows


def main(argv: list[str] | None = None) -> int:
    """Run every measurement, print the table; returns 0 (FAILs are results, not errors)."""
    args = _parser().parse_args(argv)
    docs = args.docs or (20 if args.quick else FULL_DOCS)
    events = args.events or (20_000 if args.quick else FULL_EVENTS)
    cores = os.cpu_count() or 1
    sample = min(docs, 10 if args.quick else 200)
    seed = args.seed
    header = machine()
    began = time.perf_counter()

    def step(label: str, name: str, **kwargs: Any) -> dict[str, Any]:
        print(f"[{time.perf_counter() - began:6.1f}s] {label}", file=sys.stderr, flush=True)
        return isolated(name, **kwargs)

    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as tmp:
        store = f"{tmp}/store.db"
        results = {
            "one": step("reading, 1 core", "reading", docs=docs, sample=sample, seed=seed,
                        processes=1),
            "many": step(f"reading, {cores} cores", "reading", docs=docs, sample=sample,
                         seed=seed, processes=cores),
            "ingest": step(f"ingesting {docs:,} documents", "ingest", docs=docs, seed=seed,
                           processes=cores, path=f"{tmp}/ingest.db"),
            "append": step(f"appending {events:,} events", "append", events=events, seed=seed,
                           path=store, batch=BATCH),
            "unique": step("SQLite alone: the store's rows into a table with a unique id",
                           "unique_alone", source=store, path=f"{tmp}/unique.db", batch=BATCH),
            "rebuild": step("cold load, filing every row", "open", path=store, saved=False),
            "first": step("first open (files every row, saves the filing)", "open", path=store,
                          saved=True),
            "query": step("cold load from the saved filing, and queries", "query", path=store,
                          seed=seed, queries=50 if args.quick else 200,
                          naive=5 if args.quick else 3),
            "national": step("england, movements and compare", "national", path=store,
                             seed=seed, queries=20 if args.quick else 100),
            "ours": step("round trip, ours", "roundtrip", backend="ours",
                         events=min(PEER_EVENTS, events), seed=seed, path=f"{tmp}/ours.db",
                         batch=BATCH),
            "es": step("round trip, eventsourcing", "roundtrip", backend="eventsourcing",
                       events=min(PEER_EVENTS, events), seed=seed, path=f"{tmp}/es.db",
                       batch=BATCH),
            "alone": step("SQLite alone: the same rows, worked out beforehand", "sqlite_alone",
                          events=min(PEER_EVENTS, events), seed=seed, path=f"{tmp}/alone.db",
                          batch=BATCH),
        }  # fmt: skip
        # The machines are shared and their speed drifts over minutes: each ratio to a peer is
        # also measured in further rounds, ours and the peer's alternately, and taken as the
        # median of the rounds (17.3).
        for n in range(2, APPEND_ROUNDS + 1):
            again = f"{tmp}/store{n}.db"
            results["append_rounds"] = [
                *results.get("append_rounds", [results["append"]]),
                step(
                    f"appending {events:,} events, round {n}",
                    "append",
                    events=events,
                    seed=seed,
                    path=again,
                    batch=BATCH,
                ),
            ]
            results["unique_rounds"] = [
                *results.get("unique_rounds", [results["unique"]]),
                step(
                    f"SQLite alone with a unique id, round {n}",
                    "unique_alone",
                    source=again,
                    path=f"{tmp}/unique{n}.db",
                    batch=BATCH,
                ),
            ]
            for name in (again, f"{tmp}/unique{n}.db"):  # a gigabyte each at 1M events
                for leftover in Path(tmp).glob(Path(name).name + "*"):
                    leftover.unlink()
        for name in ("ours", "es"):
            results[f"{name}_rounds"] = [results[name]]
        for n in range(2, ROUND_TRIP_ROUNDS + 1):
            for name, backend in (("ours", "ours"), ("es", "eventsourcing")):
                results[f"{name}_rounds"].append(
                    step(
                        f"round trip, {backend}, round {n}",
                        "roundtrip",
                        backend=backend,
                        events=min(PEER_EVENTS, events),
                        seed=seed,
                        path=f"{tmp}/{name}{n}.db",
                        batch=BATCH,
                    )
                )
        for name in ("ours", "es"):
            results[name] = medians(results[f"{name}_rounds"], ("append_seconds", "read_seconds"))
        results["seeds_text"] = step(
            "reading the seeds' text, 1 core", "text_reading", folder=str(SEEDS), rounds=10
        )
        scale = [
            step(f"reading one {size} MB text", "reading_scale", mb=size)
            for size in (SCALE_MB_QUICK if args.quick else SCALE_MB)
        ]
        if args.corpus.is_dir():
            results["corpus_text"] = step(
                "reading the real corpus's text, 1 core",
                "text_reading",
                folder=str(args.corpus),
                rounds=1,
            )
            results["real"] = step(
                "real corpus: reading and ingesting",
                "real_corpus",
                folder=str(args.corpus),
                processes=cores,
                path=f"{tmp}/real.db",
            )
            results["jobs"] = step(
                f"timeline ingest --jobs 1 and --jobs {cores}, whole processes",
                "cli_ingest",
                folder=str(args.corpus),
                jobs=cores,
                rounds=1 if args.quick else 2,
                path=f"{tmp}/jobs.db",
            )
            results["pdf_text"] = step(
                "PDF text: PDFium and pypdf",
                "pdf_text",
                folder=str(args.corpus),
                sample=5 if args.quick else 20,
            )
        else:
            header.append(f"real corpus: {args.corpus} is absent, its rows are skipped")
        print(f"[{time.perf_counter() - began:6.1f}s] national report", file=sys.stderr, flush=True)
        results["report"] = national_report.isolated(
            store=store, real=f"{tmp}/real.db" if "real" in results else None,
            path=f"{tmp}/national.db",
        )  # fmt: skip
        print(f"[{time.perf_counter() - began:6.1f}s] PostgreSQL", file=sys.stderr, flush=True)
        on_postgres, skipped = postgres.measure(
            events=min(PEER_EVENTS, events), seed=seed, folder=tmp, batch=BATCH, big=store,
            queries=50 if args.quick else 200,
        )  # fmt: skip
        if skipped:
            header.append(skipped)
    elapsed = time.perf_counter() - began
    command = "python -m benchmarks " + " ".join(sys.argv[1:] if argv is None else argv)
    after = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    lines = [
        *header,
        f"command: {command.strip()} (took {elapsed:.0f} s; load average after {after})",
        "",
        render(
            _rows(results, docs, events, cores)
            + _text_rows(results)
            + _national_rows(results["national"], events >= FULL_EVENTS)
            + _scale_rows(scale)
            + _real_rows(results, cores)
            + _report_rows(results["report"], events >= FULL_EVENTS)
            + postgres.rows(on_postgres, BATCH, results)
        ),
    ]
    report = "\n".join(lines)
    print(report)
    if args.out:
        args.out.write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
