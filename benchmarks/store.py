"""Store benchmark: ingest storage time per document (DuckDB, PostgreSQL) and dyad queries over >= 1M events.

    .venv/bin/python benchmarks/store.py                   # 10,000 documents, 1.4M replicated event rows
    .venv/bin/python benchmarks/store.py --docs 2000 --replicate 10 --no-pg --coder-sample 0

Storage time is measured on already-coded documents (scripts/make_corpus.py), so it is the
store's own cost; --coder-sample N codes N raw records to compare with coding time per document.
"""
from __future__ import annotations

import argparse
import importlib.util
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from heron.store import (  # noqa: E402
    QueryFilters,
    aggregate,
    open_store,
    schema,
)


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def bench_ingest(url: str, docs: list[dict], batch_size: int) -> float:
    with open_store(url) as store:
        t = time.perf_counter()
        stats = store.ingest(docs, batch_size=batch_size)
        elapsed = time.perf_counter() - t
        assert stats.documents == len(docs), stats
        t = time.perf_counter()
        again = store.ingest(docs, batch_size=batch_size)
        redo = time.perf_counter() - t
        assert again.skipped == len(docs)
        counts = store.counts()
    print(f"  {len(docs)} docs, {counts['events']} events, {counts['stories']} stories: "
          f"{elapsed:.2f} s = {1000 * elapsed / len(docs):.3f} ms/doc; re-ingest (all skipped) {redo:.2f} s")
    return elapsed / len(docs)


def coding_time(n: int) -> float | None:
    try:
        from heron.pipeline import Coder
    except ImportError:
        return None
    corpus = _load("make_corpus", REPO / "scripts" / "make_corpus.py")
    records = [{k: d[k] for k in ("id", "text", "date", "title", "url", "publisher")}
               for d in corpus.make_documents(n + 20)]
    coder = Coder()
    list(coder.code_many(records[:20]))  # warm-up: model load, caches
    t = time.perf_counter()
    list(coder.code_many(records[20:]))
    return (time.perf_counter() - t) / n


def replicate(store, times: int) -> None:
    """Multiply the stored rows `times` over (new ids, dates shifted by whole years) with SQL alone."""
    shift = {"doc_id": "doc_id || '-r' || CAST(r AS TEXT)", "id": "id || '-r' || CAST(r AS TEXT)",
             "content_hash": "content_hash || CAST(r AS TEXT)",
             "story_id": "story_id || '-r' || CAST(r AS TEXT)", "first_doc_id": "first_doc_id || '-r' || CAST(r AS TEXT)"}
    for col in ("doc_date", "event_date", "date_first", "date_last"):
        shift[col] = f"CAST({col} + INTERVAL (r * 2) YEAR AS DATE)"
    shift["period"] = "CAST(CAST(substr(period, 1, 4) AS INTEGER) + r * 2 AS TEXT) || substr(period, 5)"
    with store.transaction():
        for t in (schema.DOCUMENTS, schema.EVENTS, schema.DYADS, schema.STORIES):
            cols = t.column_names
            select = ", ".join(shift.get(c, c) for c in cols)
            store.execute(f"CREATE TEMP TABLE rep_{t.name} AS SELECT {select} FROM {t.name}, range(1, {times}) AS g(r)")
            store.execute(f"INSERT INTO {t.name} ({', '.join(cols)}) SELECT * FROM rep_{t.name}")
            store.execute(f"DROP TABLE rep_{t.name}")


def timed(fn, repeat: int = 7) -> tuple[float, object]:
    fn()  # warm-up
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--batch-size", type=int, default=500)
    ap.add_argument("--replicate", type=int, default=100, help="copies of the DuckDB rows for the query test")
    ap.add_argument("--no-pg", action="store_true")
    ap.add_argument("--coder-sample", type=int, default=100, help="records coded to compare (0: skip)")
    args = ap.parse_args()

    corpus = _load("make_corpus", REPO / "scripts" / "make_corpus.py")
    docs = list(corpus.make_documents(args.docs))
    tmp = Path(tempfile.mkdtemp(prefix="heron-bench-"))
    results = {}
    print("DuckDB ingest:")
    results["duckdb"] = bench_ingest(str(tmp / "bench.duckdb"), docs, args.batch_size)
    if not args.no_pg:
        pg = _load("pg_fixture", REPO / "tests" / "pg_fixture.py")
        if pg._pg_bin() is None:
            print("PostgreSQL: skipped (no server binaries)")
        else:
            server = pg.pg_server.__wrapped__()
            host, port, user = next(server)
            try:
                import psycopg
                with psycopg.connect(f"postgresql://{user}@{host}:{port}/postgres", autocommit=True) as c:
                    c.execute("CREATE DATABASE heron_bench")
                print("PostgreSQL ingest (COPY, fsync off in the throw-away server):")
                results["postgres"] = bench_ingest(f"postgresql://{user}@{host}:{port}/heron_bench", docs,
                                                   args.batch_size)
            finally:
                next(server, None)
    if args.coder_sample:
        per_doc = coding_time(args.coder_sample)
        if per_doc is None:
            print("coding: heron.pipeline not available")
        else:
            print(f"coding: {1000 * per_doc:.1f} ms/doc on this corpus")
            for name, s in results.items():
                print(f"  {name}: storage = {100 * s / (s + per_doc):.1f}% of ingest time (target <= 10%)")

    print(f"DuckDB queries after replicating the rows x{args.replicate}:")
    with open_store(tmp / "bench.duckdb") as store:
        t = time.perf_counter()
        replicate(store, args.replicate)
        counts = store.counts()
        print(f"  {counts['events']:,} events, {counts['dyads']:,} dyads, {counts['stories']:,} stories "
              f"(built in {time.perf_counter() - t:.1f} s)")
        checks = {
            "events USA->KAZ, all years (count via dyads)": lambda: store.fetch_rows(
                "SELECT count(*) FROM dyads WHERE actor = 'USA' AND recipient = 'KAZ'")[0][0],
            "events USA->KAZ in 2030 (filter, date range)": lambda: store.query(
                QueryFilters.parse(actor="USA", recipient="KAZ", since="2030-01-01", until="2030-12-31")).num_rows,
            "dyad aggregate USA->KAZ per month (reports)": lambda: aggregate.dyad_counts(
                store, "USA", "KAZ", unit="reports").num_rows,
            "dyad aggregate USA->KAZ per month (stories)": lambda: aggregate.dyad_counts(
                store, "USA", "KAZ").num_rows,
            "cooperation balance of KAZ per year": lambda: aggregate.cooperation_balance(store, "KAZ").num_rows,
        }
        for name, fn in checks.items():
            secs, rows = timed(fn)
            flag = "ok" if secs < 0.2 else "SLOW"
            print(f"  {name}: {1000 * secs:.1f} ms ({rows:,} rows) [{flag}, target < 200 ms]")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
