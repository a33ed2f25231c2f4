"""`heron ingest` and `heron serve` side by side on one DuckDB file (issue #13, case 4).

The server used to hold the file for every request and the ingest for its whole run: with readers
about, ingests failed on the file lock or requests answered 503. They now take turns per request and
per batch (heron.store.file_lock). Latency under load is measured by benchmarks/robustness.py.
"""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

from pg_fixture import make_documents

from heron.store import open_store
from heron.store.file_lock import StoreLock

HERON = [sys.executable, "-m", "heron.cli"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=120) as r:
            r.read()
            return r.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_ingest_and_serve_work_side_by_side(tmp_path):
    db = str(tmp_path / "store" / "heron.duckdb")
    with open_store(db) as store:
        store.ingest(make_documents(20))
    raw = tmp_path / "more.jsonl"
    raw.write_text("\n".join(json.dumps({"id": f"new{k}", "date": "2023-03-01", "text":
                   f"Kazakhstan signed a trade agreement with China on Tuesday. Report {k}."}) for k in range(24)) + "\n",
                   encoding="utf-8")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(HERON + ["serve", "--db", db, "--port", str(port), "--log-level", "warning"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    statuses: list[int] = []
    stop = threading.Event()

    def reader(k: int) -> None:
        paths = ["/api/events?limit=20", "/api/summary", "/api/stories?limit=5", "/api/timeline"]
        n = k
        while not stop.is_set():
            statuses.append(status_of(base + paths[n % len(paths)]))
            n += 1

    try:
        for _ in range(600):                                    # wait for the server to answer
            try:
                if status_of(base + "/api/summary") == 200:
                    break
            except OSError:
                time.sleep(0.1)
        threads = [threading.Thread(target=reader, args=(k,)) for k in range(8)]
        for t in threads:
            t.start()
        ingest = subprocess.run(HERON + ["ingest", str(raw), "--db", db, "--batch-size", "4"],
                                capture_output=True, text=True, timeout=600)
        during = len(statuses)
        stop.set()
        for t in threads:
            t.join()
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=30)
    assert ingest.returncode == 0, ingest.stderr
    assert "ingested 24 documents" in ingest.stderr
    assert during > 8, "the readers made no requests while the ingest ran"
    assert set(statuses) == {200}, {s: statuses.count(s) for s in set(statuses)}
    with open_store(db, read_only=True) as store:
        assert store.counts()["documents"] == 44


def test_a_writer_is_not_starved_by_overlapping_readers(tmp_path):
    lock = StoreLock(tmp_path / "x.duckdb")
    inside, seen_inside_writer, stop = [0], [], threading.Event()
    guard = threading.Lock()

    def reader() -> None:
        while not stop.is_set():
            with lock.shared():
                with guard:
                    inside[0] += 1
                time.sleep(0.02)                                # readers overlap all the time
                with guard:
                    inside[0] -= 1

    threads = [threading.Thread(target=reader) for _ in range(6)]
    for t in threads:
        t.start()
    try:
        for _ in range(3):
            time.sleep(0.05)
            with lock.exclusive(timeout_s=120):                 # a guard against a hang, not a speed check
                seen_inside_writer.append(inside[0])
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert seen_inside_writer == [0, 0, 0]


def test_a_reader_waits_for_the_writer_then_reads(tmp_path):
    lock = StoreLock(tmp_path / "x.duckdb")
    order: list[str] = []
    writing, reader_started = threading.Event(), threading.Event()

    def reader() -> None:
        writing.wait()
        reader_started.set()
        with lock.shared(timeout_s=120):
            order.append("read")

    t = threading.Thread(target=reader)
    t.start()
    with lock.exclusive():
        writing.set()
        reader_started.wait()
        time.sleep(0.2)                                         # give the reader every chance to barge in
        order.append("write done")
    t.join()
    assert order == ["write done", "read"]
