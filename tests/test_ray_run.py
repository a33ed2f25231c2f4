"""`heron run`: the pipeline on Ray actors (and without Ray), written as Parquet partitions.

One Ray run on two workers is shared by most tests (a local cluster kept small: 2 CPUs, no
dashboard, 200 MB object store, shut down right after); the CLI test starts and stops its own.
"""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import FIXTURES, SEED_ID
from typer.testing import CliRunner

ray = pytest.importorskip("ray")
pa_ds = pytest.importorskip("pyarrow.dataset")

from heron.cli import app  # noqa: E402
from heron.commands.output import EVENT_COLUMNS  # noqa: E402
from heron.scale import Batch, BatchCoder, run_local, run_ray  # noqa: E402

SEED_DATE = "2023-02-28"
SHORT = [
    {"id": "s1", "text": "Russia attacked Ukraine on Monday.", "date": "2022-02-28"},
    {"id": "s2", "text": "Japan agreed to send aid to the Philippines.", "date": "2021-05-01"},
    {"id": "s3", "text": "France condemned Iran over the arrests. Germany said it would impose sanctions on Iran.",
     "date": "2023-01-10"},
    {"id": "s4", "text": "The weather was mild in the afternoon.", "date": "2023-03-03"},
]
BATCH = 2


@dataclass
class Run:
    stats: object
    out: Path
    events: list[dict]
    documents: list[dict]


def read_rows(out: Path, kind: str) -> list[dict]:
    return pa_ds.dataset(out / kind, format="parquet").to_table().to_pylist()


def part_files(out: Path, kind: str) -> list[str]:
    return sorted(p.name for p in (out / kind).glob("*.parquet"))


def by_key(rows: list[dict], *key: str) -> list[dict]:
    return sorted(rows, key=lambda r: tuple(str(r[k]) for k in key))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    d = tmp_path_factory.mktemp("corpus")
    shutil.copy(FIXTURES / "seed" / f"{SEED_ID}.txt", d / f"{SEED_ID}.txt")
    lines = [json.dumps(SHORT[0]), json.dumps(SHORT[1]), "{this is not json", json.dumps(SHORT[2]),
             json.dumps(SHORT[3])]
    (d / "short.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(d / f"{SEED_ID}.txt"), str(d / "short.jsonl")]


@pytest.fixture(scope="module")
def ray_run(corpus, tmp_path_factory) -> Run:
    out = tmp_path_factory.mktemp("ray") / "out"
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, object_store_memory=200 * 1024 * 1024)
    try:
        stats = run_ray(corpus, out, num_workers=2, batch_size=BATCH, date=SEED_DATE)
    finally:
        ray.shutdown()
    return Run(stats, out, read_rows(out, "events"), read_rows(out, "documents"))


def test_partitions_exist_and_read_back(ray_run):
    n_records = 1 + len(SHORT)
    expected = [f"part-{i:06d}.parquet" for i in range(-(-n_records // BATCH))]
    assert part_files(ray_run.out, "events") == expected
    assert part_files(ray_run.out, "documents") == expected
    assert ray_run.stats.workers == 2 and ray_run.stats.batches == len(expected)
    assert sorted(d["id"] for d in ray_run.documents) == sorted([SEED_ID] + [r["id"] for r in SHORT])
    assert ray_run.events and set(ray_run.events[0]) == set(EVENT_COLUMNS)
    assert ray_run.stats.events == len(ray_run.events)
    assert ray_run.stats.sentences == sum(d["n_sentences"] for d in ray_run.documents)
    for d in ray_run.documents:
        assert d["n_events"] == sum(e["doc_id"] == d["id"] for e in ray_run.events)


def test_seed_events_match_the_coder(ray_run, seed_doc):
    assert seed_doc.events, "the seed article should have events"
    doc = next(d for d in ray_run.documents if d["id"] == SEED_ID)
    assert json.loads(doc["json"]) == seed_doc.to_dict()
    got = sorted((e["event_id"], e["plover_type"], e["cameo"]) for e in ray_run.events if e["doc_id"] == SEED_ID)
    want = sorted((e.id, e.plover["type"], e.cameo["code"]) for e in seed_doc.events)
    assert got == want


def test_bad_record_reported_and_others_kept(ray_run, corpus):
    errors = [json.loads(line) for line in (ray_run.out / "errors.jsonl").read_text().splitlines()]
    assert errors == [{"record": f"{corpus[1]}:3", "stage": "read", "error": errors[0]["error"]}]
    assert "invalid JSON" in errors[0]["error"]
    assert len(ray_run.stats.errors) == 1
    assert {"s1", "s2", "s3"} <= {e["doc_id"] for e in ray_run.events}
    assert ("s1", "ASSAULT") in {(e["doc_id"], e["plover_type"]) for e in ray_run.events}


def test_local_engine_writes_identical_partitions(ray_run, corpus, coder, tmp_path):
    stats = run_local(corpus, tmp_path, batch_size=BATCH, date=SEED_DATE, coder=coder)
    assert stats.engine == "local" and stats.documents == ray_run.stats.documents
    for kind in ("events", "documents"):
        assert part_files(tmp_path, kind) == part_files(ray_run.out, kind)
    assert read_rows(tmp_path, "events") == ray_run.events  # same files, same order, same values
    assert read_rows(tmp_path, "documents") == ray_run.documents
    assert (tmp_path / "errors.jsonl").read_text() == (ray_run.out / "errors.jsonl").read_text()


def test_cli_rerun_into_same_out_overwrites(ray_run, corpus, tmp_path):
    """Through the CLI, on a cluster `heron run` starts and stops itself; fewer, larger batches."""
    out = tmp_path / "out"
    shutil.copytree(ray_run.out, out)
    assert not ray.is_initialized()
    res = CliRunner().invoke(app, ["run", *corpus, "-o", str(out), "--engine", "ray", "--workers", "2",
                                   "--batch-size", "3", "--date", SEED_DATE])
    assert res.exit_code == 0, res.output
    assert "invalid JSON" in res.output and "coded 5 documents" in res.output
    assert not ray.is_initialized(), "the local cluster must be shut down"
    assert part_files(out, "events") == ["part-000000.parquet", "part-000001.parquet"]  # stale parts removed
    events, docs = read_rows(out, "events"), read_rows(out, "documents")
    assert len({e["event_id"] for e in events}) == len(events)
    assert by_key(events, "doc_id", "event_id") == by_key(ray_run.events, "doc_id", "event_id")
    assert by_key(docs, "id") == by_key(ray_run.documents, "id")
    assert len((out / "errors.jsonl").read_text().splitlines()) == 1


def test_coding_error_names_the_record_and_keeps_the_batch(coder):
    batch = Batch(7, [{"id": "ok", "text": "Russia attacked Ukraine."}, {"id": "blank", "text": "  "},
                      {"id": "ok2", "text": "Japan criticised China."}])
    result = BatchCoder(coder=coder).code(batch)
    assert [e.record for e in result.errors] == ["blank"]
    assert result.errors[0].stage == "code" and result.errors[0].batch == 7
    assert result.documents.column("id").to_pylist() == ["ok", "ok2"]


def test_cli_rejects_unknown_engine(tmp_path):
    res = CliRunner().invoke(app, ["run", str(FIXTURES / "seed" / f"{SEED_ID}.txt"), "-o", str(tmp_path),
                                   "--engine", "spark"])
    assert res.exit_code == 2 and "unknown engine" in res.output


def _free_port(lo: int = 20000, hi: int = 30000) -> int:
    import random
    import socket

    for _ in range(50):
        port = random.randint(lo, hi)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    raise RuntimeError("no free port")


def test_run_connects_to_a_running_cluster_over_ray_client(corpus, tmp_path):
    """A head node started with `ray start` (as on a real cluster), reached at ray://host:port.

    The head runs in the foreground (--block) in its own session and temp dir, so stopping it
    touches no other Ray on the machine (`ray stop` would stop them all)."""
    import contextlib
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time

    if ray.is_initialized():
        ray.shutdown()
    ray_bin = str(Path(sys.executable).parent / "ray")
    gcs, client = _free_port(), _free_port(30001, 40000)
    # Token auth is off for this throw-away head: the client here imported Ray before it could
    # switch token mode on (the CLI does that before importing Ray; checked by hand).
    env = dict(os.environ, RAY_USAGE_STATS_ENABLED="0", RAY_AUTH_MODE="disabled")
    import tempfile

    temp_dir = tempfile.mkdtemp(prefix="hr", dir="/tmp")   # Ray's socket paths must stay short
    head = subprocess.Popen([ray_bin, "start", "--head", "--block", f"--port={gcs}",
                             f"--ray-client-server-port={client}", "--num-cpus=2", "--include-dashboard=false",
                             "--object-store-memory=200000000", "--disable-usage-stats",
                             f"--temp-dir={temp_dir}"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.time() + 90
        while time.time() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", client)) == 0:
                    break
            assert head.poll() is None, "ray start --head exited"
            time.sleep(0.5)
        out = tmp_path / "remote"
        args = ["run", *corpus, "-o", str(out), "--engine", "ray", "--address", f"ray://127.0.0.1:{client}",
                "--workers", "2"]
        res = CliRunner().invoke(app, args)
        if res.exit_code == 2 and "cannot start or reach Ray" in res.output:
            # A fresh head node sometimes refuses its first client while its workers still start
            # (seen on a loaded 2-core machine); a real user would retry too.
            time.sleep(5)
            res = CliRunner().invoke(app, args)
        assert res.exit_code == 0, res.output
        rows = read_rows(out, "documents")
        assert SEED_ID in {r["id"] for r in rows} and len(rows) == 5
    finally:
        # The test's cluster holds no state worth draining: stop all of its processes at once.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(head.pid, signal.SIGKILL)
        head.wait(timeout=60)
        shutil.rmtree(temp_dir, ignore_errors=True)
