"""Ingest: idempotence, content-hash duplicates, batching and crash recovery, on DuckDB and PostgreSQL."""
from __future__ import annotations

import copy
import os
import signal
import subprocess
import sys

import pytest
from pg_fixture import (  # noqa: F401 - fixtures
    REPO,
    make_documents,
    pg_server,
    pg_url,
    store_url,
)

from heron.store import open_store
from heron.store import schema
from heron.store.schema import TABLES

TABLE_NAMES = [t.name for t in TABLES]


def snapshot(store) -> dict[str, list[tuple]]:
    return {name: store.table_rows(name) for name in TABLE_NAMES}


def test_ingest_twice_changes_nothing(store_url):
    docs = make_documents(120)
    with open_store(store_url) as store:
        first = store.ingest(docs, batch_size=50)
        assert (first.documents, first.skipped, first.errors) == (120, 0, [])
        before = snapshot(store)
        again = store.ingest(docs, batch_size=50)
        assert (again.documents, again.skipped) == (0, 120)
        assert snapshot(store) == before
        assert store.counts()["documents"] == 120
        assert store.counts()["events"] == sum(len(d["events"]) for d in docs)


def test_same_content_under_another_id_is_skipped(store_url):
    docs = make_documents(3)
    copy_of_first = copy.deepcopy(docs[0])
    copy_of_first["id"] = "another-id"
    copy_of_first["text"] = "  " + copy_of_first["text"].replace(" ", "  ") + "\n"  # whitespace does not count
    with open_store(store_url) as store:
        stats = store.ingest(docs + [copy_of_first])
        assert (stats.documents, stats.skipped) == (3, 1)
        assert [r[0] for r in store.fetch_rows("SELECT id FROM documents ORDER BY id")] == [d["id"] for d in docs]


def test_duplicates_inside_one_batch_and_bad_documents(store_url):
    docs = make_documents(4)
    bad = [{"id": "no-text"}, {"text": "no id"}]
    with open_store(store_url) as store:
        stats = store.ingest([docs[0], docs[1], docs[0], *bad, docs[2]])
        assert stats.documents == 3 and stats.skipped == 1
        assert len(stats.errors) == 2 and any("no-text" in e for e in stats.errors)


def test_batch_size_does_not_change_rows(tmp_path):
    docs = make_documents(90)
    with open_store(tmp_path / "a.duckdb") as a, open_store(tmp_path / "b.duckdb") as b:
        a.ingest(docs, batch_size=7)
        b.ingest(docs, batch_size=1000)
        assert snapshot(a) == snapshot(b)


def test_migrations_are_recorded_once(store_url):
    with open_store(store_url) as store:
        assert store.schema_version() == schema.latest_version() == 2
    with open_store(store_url) as store:  # reopening does not re-apply
        assert store.fetch_rows("SELECT count(*) FROM schema_version")[0][0] == 2


CRASH_WORKER = """
import sys
sys.path.insert(0, {tests!r})
from pg_fixture import corpus_module
from heron.store import open_store
store = open_store(sys.argv[1])
store.ingest(corpus_module().make_documents(int(sys.argv[2])), batch_size=int(sys.argv[3]),
             on_batch=lambda s: print(s.documents, flush=True))
print("done", flush=True)
"""


@pytest.mark.parametrize("backend", ["duckdb", "postgres"])
def test_killed_ingest_resumes_to_the_same_rows(backend, tmp_path, request):
    n, batch = 2400, 60
    if backend == "duckdb":
        crashed_url, clean_url = str(tmp_path / "crashed.duckdb"), str(tmp_path / "clean.duckdb")
    else:
        crashed_url = request.getfixturevalue("pg_url")
        host, port, user = request.getfixturevalue("pg_server")
        import psycopg
        with psycopg.connect(f"postgresql://{user}@{host}:{port}/postgres", autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS heron_clean_copy WITH (FORCE)")
            conn.execute("CREATE DATABASE heron_clean_copy")
        clean_url = f"postgresql://{user}@{host}:{port}/heron_clean_copy"

    proc = subprocess.Popen([sys.executable, "-c", CRASH_WORKER.format(tests=str(REPO / "tests")), crashed_url,
                             str(n), str(batch)], stdout=subprocess.PIPE, text=True, env={**os.environ})
    committed_lines = 0
    for line in proc.stdout:
        assert line.strip() != "done", "ingest finished before it could be killed"
        committed_lines += 1
        if committed_lines == 5:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    with open_store(crashed_url) as store:
        stored = store.counts()["documents"]
        assert 5 * batch <= stored < n            # killed mid-way ...
        assert stored % batch == 0                # ... and no batch is half written
        resumed = store.ingest(make_documents(n), batch_size=batch)
        assert resumed.skipped == stored and resumed.documents == n - stored
        crashed = snapshot(store)
    with open_store(clean_url) as store:
        store.ingest(make_documents(n), batch_size=batch)
        clean = snapshot(store)
    for name in TABLE_NAMES:
        assert crashed[name] == clean[name], name
    assert len(crashed["documents"]) == n
    assert len({(r[0], r[1]) for r in crashed["events"]}) == len(crashed["events"])  # no duplicate events
