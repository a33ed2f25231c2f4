"""End-to-end ingest: code N raw documents once, then store them in DuckDB and PostgreSQL.

    .venv/bin/python benchmarks/ingest.py [--docs 10000] [--no-pg]

The corpus repeats the bundled sample with small variations (a numbered dateline and a shifted
date), so every document has its own content hash and nothing is skipped as a duplicate.
Prints coding time and storage time per document for each store, storage's share of the whole
ingest, and checks that a second ingest of the same documents adds nothing.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def raw_corpus(n: int) -> list[dict]:
    from heron.reading.files import sample_corpus_path

    sample = [json.loads(line) for line in open(sample_corpus_path(), encoding="utf-8") if line.strip()]
    out = []
    for k in range(n):
        rec = sample[k % len(sample)]
        day = date.fromisoformat(rec.get("date") or "2023-01-01") + timedelta(days=k // len(sample))
        out.append(dict(rec, id=f"{rec['id']}-v{k}", date=day.isoformat(),
                        text=f"Report {k} ({rec.get('publisher') or 'wire'}) - {rec['text']}"))
    return out


def store_once(url: str, docs: list[dict]) -> tuple[float, dict, int]:
    from heron.store import open_store

    with open_store(url) as store:
        t = time.perf_counter()
        store.ingest(docs, batch_size=500)
        elapsed = time.perf_counter() - t
        again = store.ingest(docs, batch_size=500)
        return elapsed, store.counts(), again.documents


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--no-pg", action="store_true")
    args = ap.parse_args()

    from heron import Coder

    records = raw_corpus(args.docs)
    coder = Coder()
    coder.code("Warm up.", date="2023-01-01")
    t = time.perf_counter()
    docs = [d.to_dict() for d in coder.code_many(records)]
    coding = time.perf_counter() - t
    sentences = sum(len(d["sentences"]) for d in docs)
    print(f"coded {len(docs)} documents, {sentences} sentences in {coding:.1f} s "
          f"({1000 * coding / len(docs):.2f} ms/doc, {sentences / coding:.0f} sentences/s)")

    tmp = Path(tempfile.mkdtemp(prefix="heron-ingest-"))
    targets = {"duckdb": str(tmp / "ingest.duckdb")}
    server = None
    if not args.no_pg:
        spec = importlib.util.spec_from_file_location("pg_fixture", REPO / "tests" / "pg_fixture.py")
        pg = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(pg)
        if pg._pg_bin() is not None:
            server = pg.pg_server.__wrapped__()
            host, port, user = next(server)
            import psycopg

            with psycopg.connect(f"postgresql://{user}@{host}:{port}/postgres", autocommit=True) as c:
                c.execute("CREATE DATABASE heron_ingest")
            targets["postgres"] = f"postgresql://{user}@{host}:{port}/heron_ingest"
        else:
            print("PostgreSQL: skipped (no server binaries)")
    try:
        for name, url in targets.items():
            seconds, counts, added_again = store_once(url, docs)
            share = seconds / (seconds + coding)
            print(f"{name}: stored in {seconds:.1f} s ({1000 * seconds / len(docs):.2f} ms/doc) = "
                  f"{100 * share:.1f}% of ingest time; rows {counts}; re-ingest added {added_again} documents")
    finally:
        if server is not None:
            next(server, None)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
