"""Hostile input, concurrent use and long documents (issue #13), measured through the real command line.

    .venv/bin/python benchmarks/robustness.py [--seconds 30] [--clients 16] [--no-pg] [--no-long]

1. Cases: each bad input of issue #13 beside good records, through `heron code` and `heron ingest`
   (DuckDB, and PostgreSQL on a throw-away server when its binaries are installed): records kept
   (good ones in the output or the store), named (bad ones on stderr), lost (good ones missing),
   and whether a traceback was printed.
2. API checks: the answers to the requests of issue #13 (offset=10**19, a foreign Host header,
   text=%, security headers).
3. Load: `heron serve` on a DuckDB store, `--clients` threads requesting for `--seconds` while
   `heron ingest` adds documents: requests, errors, p50/p99 latency, and whether the ingest finished
   (exit status, documents stored, wall time); the same load without an ingest for comparison.
4. Long documents: one 100,000- and one 1,000,000-character record (the bundled sample, repeated)
   coded by `heron code` in a fresh process: coding seconds, peak RSS, and the 1M time over ten times
   the 100k time.
"""
from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HERON = [sys.executable, "-m", "heron.cli"]
GOOD = "Russian troops attacked Ukraine on Thursday. The United States condemned Russia. Report {k}."


def sample_records() -> list[dict]:
    path = REPO / "src" / "heron" / "data" / "sample" / "sample.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def news_text(chars: int) -> str:
    """The bundled sample's texts, one after another, cut to `chars` characters."""
    parts, total, texts = [], 0, [r["text"] for r in sample_records()]
    while total < chars:
        parts.append(texts[len(parts) % len(texts)])
        total += len(parts[-1]) + 2
    return "\n\n".join(parts)[:chars]


def write_jsonl(path: Path, records: list[dict | str]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n")


def good(n: int, prefix: str = "g") -> list[dict]:
    return [{"id": f"{prefix}{k}", "text": GOOD.format(k=k), "date": "2022-02-24"} for k in range(n)]


# ---------------------------------------------------------------------------------------------
# 1. Cases


def make_cases(tmp: Path) -> list[tuple[str, list[str], list[str], list[str]]]:
    """(name, inputs, good ids, bad record names) for each case of issue #13."""
    cases = []
    d = tmp / "c1"
    d.mkdir()
    seed = sample_records()[0]["text"]
    filler = ("x" * 199 + " ") * (1_100_000 // 200)
    write_jsonl(d / "long.jsonl", good(10) + [{"id": "long", "text": filler + "\n\n" + seed, "date": "2023-02-28"}])
    cases.append(("1  1.1M-character record among 10", [str(d / "long.jsonl")], [f"g{k}" for k in range(10)] + ["long"],
                  []))
    d = tmp / "c1b"
    d.mkdir()
    (d / "huge.txt").write_text("word " * (21 * 1024 * 1024 // 5), encoding="utf-8")
    (d / "fine.txt").write_text(GOOD.format(k="fine"), encoding="utf-8")
    cases.append(("1b 20 MB one-line .txt beside a good one", [str(d)], ["fine"], [str(d / "huge.txt")]))
    d = tmp / "c2"
    d.mkdir()
    write_jsonl(d / "dates.jsonl", good(10) + [{"id": "far", "text": GOOD.format(k="far"), "date": "9999-12-31"},
                                               {"id": "early", "text": GOOD.format(k="early"), "date": "0001-01-01"}])
    cases.append(("2  dates 9999-12-31 and 0001-01-01 among 10", [str(d / "dates.jsonl")], [f"g{k}" for k in range(10)],
                  [f"{d / 'dates.jsonl'}:11", f"{d / 'dates.jsonl'}:12"]))
    d = tmp / "c3"
    d.mkdir()
    write_jsonl(d / "nul.jsonl", good(10) + [{"id": "nul", "text": GOOD.format(k="nul") + "\u0000 end"}])
    cases.append(("3  NUL inside JSONL text among 10", [str(d / "nul.jsonl")], [f"g{k}" for k in range(10)] + ["nul"],
                  ["nul:"]))
    d = tmp / "c6"
    d.mkdir()
    os.mkfifo(d / "pipe.jsonl")
    write_jsonl(d / "ok.jsonl", good(1, "ok"))
    cases.append(("6  FIFO in a folder beside a good file", [str(d)], ["ok0"], [str(d / "pipe.jsonl")]))
    d = tmp / "c8"
    d.mkdir()
    base = GOOD.format(k="t")
    write_jsonl(d / "types.jsonl", good(3) + [
        {"id": "t1", "text": base + " 1", "title": {"en": "Talks"}}, {"id": "t2", "text": base + " 2", "url": ["x"]},
        {"id": "t3", "text": base + " 3", "publisher": 5}, '{"id": "broken", "text": "unterminated',
        {"id": "ru", "text": "Российские войска атаковали Украину в четверг. США осудили Россию за нападение."},
        {"id": "zh", "text": "俄罗斯军队周四袭击了乌克兰。美国谴责俄罗斯的入侵行为，并宣布新的制裁措施。"},
        {"id": "ar", "text": "هاجمت القوات الروسية أوكرانيا يوم الخميس. وأدانت الولايات المتحدة الغزو الروسي."}])
    f = d / "types.jsonl"
    cases.append(("8  title dict, url list, publisher int, bad JSON; ru/zh/ar", [str(f)],
                  ["g0", "g1", "g2", "ru", "zh", "ar"], [f"{f}:4", f"{f}:5", f"{f}:6", f"{f}:7", "ru:", "zh:", "ar:"]))
    return cases


def run_cli(args: list[str], timeout: float = 600) -> tuple[int, str, str]:
    try:
        proc = subprocess.run(HERON + args, capture_output=True, text=True, timeout=timeout)
        return proc.returncode, proc.stdout, proc.stderr
    except subprocess.TimeoutExpired as exc:
        return -1, exc.stdout or "", (exc.stderr or "") + "\n<timed out>"


def stored_ids(url: str) -> set[str]:
    from heron.store import open_store

    with open_store(url, read_only=True) as store:
        return {r[0] for r in store.fetch_rows("SELECT id FROM documents")}


def case_rows(tmp: Path, pg_url: str | None) -> list[tuple]:
    rows = []
    for name, inputs, good_ids, bad in make_cases(tmp):
        runs = [("code", None), ("ingest duckdb", str(tmp / f"s{len(rows)}.duckdb"))]
        if pg_url:
            runs.append(("ingest postgres", fresh_pg_db(pg_url)))
        for how, url in runs:
            t0 = time.perf_counter()
            if url is None:
                rc, out, err = run_cli(["code", "-q", *inputs])
                kept = {json.loads(line)["id"] for line in out.splitlines() if line.startswith("{")}
            else:
                rc, out, err = run_cli(["ingest", *inputs, "--db", url])
                kept = stored_ids(url) if rc != -1 else set()
            named = sum(1 for b in bad if b in err)
            rows.append((name, how, f"{len(set(good_ids) & kept)}/{len(good_ids)}", f"{named}/{len(bad)}",
                         len(set(good_ids) - kept), "yes" if "Traceback" in err else "no", rc,
                         round(time.perf_counter() - t0, 1)))
    return rows


# ---------------------------------------------------------------------------------------------
# PostgreSQL (a throw-away server, as the tests start one)


@contextlib.contextmanager
def pg_server():
    spec = importlib.util.spec_from_file_location("pg_fixture", REPO / "tests" / "pg_fixture.py")
    fixture = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fixture)
    if fixture._pg_bin() is None:
        yield None
        return
    with fixture.postgres_server() as (host, port, user):
        yield f"postgresql://{user}@{host}:{port}/postgres"


def fresh_pg_db(server_url: str) -> str:
    import uuid

    import psycopg

    name = "robust_" + uuid.uuid4().hex[:10]
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return server_url.rsplit("/", 1)[0] + "/" + name


# ---------------------------------------------------------------------------------------------
# 2 and 3. The server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(db: str):
    port = free_port()
    proc = subprocess.Popen(HERON + ["serve", "--db", db, "--port", str(port), "--log-level", "warning"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(base + "/api/summary", timeout=5).read()
                break
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def get(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def api_checks(base: str) -> list[tuple[str, str]]:
    rows = []
    status, _, _ = get(base + "/api/events?offset=" + str(10**19))
    rows.append(("GET /api/events?offset=10**19", f"{status} (422 expected)"))
    status, _, _ = get(base + "/api/summary", {"Host": "evil.example"})
    rows.append(("GET /api/summary, Host: evil.example", f"{status} (400 expected)"))
    _, _, body = get(base + "/api/events?text=%25&limit=1")
    _, _, every = get(base + "/api/events?limit=1")
    rows.append(("GET /api/events?text=%", f"total {json.loads(body)['total']} of {json.loads(every)['total']}"))
    _, headers, _ = get(base + "/")
    present = {h.lower() for h in headers}
    wanted = ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy")
    rows.append(("security headers on /", ", ".join(f"{h}: {'yes' if h.lower() in present else 'NO'}"
                                                    for h in wanted)))
    return rows


PATHS = ["/api/summary", "/api/events?limit=50", "/api/stories?limit=20", "/api/timeline",
         "/api/events?actor=USA&limit=20", "/api/dyads?actor=KAZ", f"/api/documents/{sample_records()[0]['id']}"]


def load(base: str, seconds: float, clients: int) -> dict:
    latencies: list[float] = []
    errors: dict[str, int] = {}
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def client(k: int) -> None:
        n = k
        while time.monotonic() < stop:
            t0 = time.perf_counter()
            status, _, _ = get(base + PATHS[n % len(PATHS)])
            with lock:
                latencies.append(time.perf_counter() - t0)
                if status != 200:
                    errors[str(status)] = errors.get(str(status), 0) + 1
            n += 1

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ms = sorted(x * 1000 for x in latencies)
    return {"requests": len(ms), "errors": sum(errors.values()), "by_status": errors,
            "p50_ms": round(statistics.median(ms), 1) if ms else None,
            "p99_ms": round(ms[int(len(ms) * 0.99) - 1], 1) if ms else None}


def load_rows(tmp: Path, seconds: float, clients: int) -> list[dict]:
    db = str(tmp / "load" / "heron.duckdb")
    rc, _, err = run_cli(["ingest", str(REPO / "src/heron/data/sample/sample.jsonl"), "--db", db])
    assert rc == 0, err
    corpus = tmp / "load" / "more.jsonl"
    write_jsonl(corpus, [dict(r, id=f"{r['id']}-more{k}", text=f"Report {k}. {r['text']}")
                         for k in range(12) for r in sample_records()])
    out = []
    with serving(db) as base:
        quiet = load(base, seconds, clients)
        out.append({"run": "no ingest", **quiet})
        t0 = time.perf_counter()
        ingest = subprocess.Popen(HERON + ["ingest", str(corpus), "--db", db, "--batch-size", "50"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        busy = load(base, seconds, clients)
        _, err = ingest.communicate(timeout=1800)
        out.append({"run": "with heron ingest", **busy, "ingest_exit": ingest.returncode,
                    "ingest_s": round(time.perf_counter() - t0, 1), "ingest_tail": err.strip().splitlines()[-1:]})
    out[-1]["stored"] = len(stored_ids(db))
    return out


# ---------------------------------------------------------------------------------------------
# 4. Long documents

LONG_CHILD = """
import json, resource, sys, time
from heron import Coder
coder = Coder()
coder.code("Warm up: Russia attacked Ukraine.", date="2022-02-24")
rec = json.loads(open(sys.argv[1], encoding="utf-8").read())
t0 = time.perf_counter()
doc = coder.code(rec["text"], date=rec["date"], doc_id=rec["id"])
print(json.dumps({"seconds": time.perf_counter() - t0, "sentences": len(doc.sentences), "events": len(doc.events),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))
"""


def long_rows(tmp: Path) -> list[dict]:
    out = []
    for chars in (100_000, 1_000_000):
        path = tmp / f"long{chars}.json"
        path.write_text(json.dumps({"id": f"long{chars}", "text": news_text(chars), "date": "2023-02-28"}))
        proc = subprocess.run([sys.executable, "-c", LONG_CHILD, str(path)], capture_output=True, text=True,
                              env=dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1"))
        if proc.returncode != 0:
            sys.exit(proc.stderr[-2000:])
        out.append({"chars": chars, **json.loads(proc.stdout.strip().splitlines()[-1])})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--no-pg", action="store_true")
    ap.add_argument("--no-long", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="heron-robust-") as tmp_name:
        tmp = Path(tmp_name)
        with (contextlib.nullcontext(None) if args.no_pg else pg_server()) as pg_url:
            rows = case_rows(tmp, pg_url)
        print("1. Cases (issue #13): good records kept / bad records named / good records lost")
        print(f"{'case':<58} {'run':<16} {'kept':>6} {'named':>6} {'lost':>5} {'traceback':>9} {'exit':>4} {'s':>6}")
        for r in rows:
            print(f"{r[0]:<58} {r[1]:<16} {r[2]:>6} {r[3]:>6} {r[4]:>5} {r[5]:>9} {r[6]:>4} {r[7]:>6}")
        (tmp / "load").mkdir()
        loads = load_rows(tmp, args.seconds, args.clients)
        with serving(str(tmp / "load" / "heron.duckdb")) as base:
            checks = api_checks(base)
        print("\n2. API checks")
        for what, answer in checks:
            print(f"  {what:<42} {answer}")
        print(f"\n3. Load: {args.clients} clients for {args.seconds:.0f} s on one DuckDB file")
        for r in loads:
            print("  " + json.dumps(r))
        if not args.no_long:
            longs = long_rows(tmp)
            print("\n4. Long documents (heron code, one record, fresh process)")
            for r in longs:
                print(f"  {r['chars']:>9,} characters: {r['seconds']:6.1f} s, {r['sentences']:,} sentences, "
                      f"{r['events']:,} events, peak RSS {r['rss_mb']:,} MB")
            ratio = longs[1]["seconds"] / (10 * longs[0]["seconds"])
            print(f"  1M time / (10 x 100k time) = {ratio:.2f}")
    print(f"\npeak RSS of this script's children: {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024} MB")


if __name__ == "__main__":
    main()
