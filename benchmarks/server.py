"""Dashboard latency at scale: `heron serve` over a 1,000,000-event DuckDB store, p50/p95 per route.

    .venv/bin/python benchmarks/server.py                         # builds /tmp/heron-bench-1m.duckdb once (~3 min)
    .venv/bin/python benchmarks/server.py --events 200000 --repeat 10 --store /tmp/small.duckdb

The store is synthetic (benchmarks/synthetic_store.py: stories, dyads, places, documents, bulk-loaded
through Arrow). The server runs as its own process (`heron serve`), and the requests are the ones the
dashboard makes: page load, filters, a page deep in the table (by cursor), map, network, dyad series and
its month, story and document views. Each route is requested once to warm up, then --repeat times; besides
the wall times it prints the server's CPU time per request (all threads), which does not depend on how busy
the host is.
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_store import generate  # noqa: E402

from heron.server import keyset  # noqa: E402
from heron.store import open_store  # noqa: E402

TARGET_MS = 300
STORE = Path("/tmp/heron-bench-1m.duckdb")
SEED = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "seed" / "000_50daca0659fe37c6.txt"


def ensure_store(path: Path, events: int, rebuild: bool) -> dict:
    if path.exists() and not rebuild:
        with open_store(path, read_only=True) as store:
            counts = store.counts()
        if abs(counts["events"] - events) <= 10:
            return counts
    if path.exists():
        path.unlink()
    t = time.perf_counter()
    counts = generate(path, events)
    print(f"built {path} in {time.perf_counter() - t:.0f} s")
    return counts


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    heron = Path(sys.executable).parent / "heron"
    proc = subprocess.Popen([str(heron), "serve", "--db", str(db), "--port", str(port), "--log-level", "warning"])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/summary", timeout=30).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("heron serve did not start")


def deep_cursor(position: int) -> str:
    """The cursor of the row before `position` in the event order: the API's offsets stop at 100,000."""
    with open_store(STORE, read_only=True) as store:
        key = store.fetch_rows("SELECT event_date, doc_id, event_id FROM events e ORDER BY "
                               f"{keyset.ORDER} LIMIT 1 OFFSET {int(position) - 1}")[0]
    return keyset.encode(key)


def routes(client: httpx.Client) -> list[tuple[str, str]]:
    """(label, path) of the dashboard's requests, some built from the store's own ids."""
    first = client.get("/api/events", params={"limit": 50}).json()["items"][0]
    deep = {"next": deep_cursor(500_000)}
    series = client.get("/api/dyad-series", params={"a": "USA", "b": "KAZ"}).json()["rows"]
    month = max(series, key=lambda r: r["events"])["period"] if series else "2020-01"
    return [
        ("summary, dashboard (top=false)", "/api/summary?top=false"),
        ("summary with top lists", "/api/summary"),
        ("events, first page", "/api/events?limit=50"),
        ("events, page 10,001 by cursor", f"/api/events?limit=50&after={deep['next']}"),
        ("events actor=USA", "/api/events?limit=50&actor=USA"),
        ("events USA -> KAZ, 2020", "/api/events?limit=50&actor=USA&recipient=KAZ&since=2020-01-01&until=2020-12-31"),
        ("events type=ASSAULT country=UKR", "/api/events?limit=50&type=ASSAULT&country=UKR"),
        ("events text=officials", "/api/events?limit=50&text=officials"),
        ("events text=nonexistent", "/api/events?limit=50&text=zebra"),
        ("events text=two words", "/api/events?limit=50&text=reporters%20were"),
        ("events text=a rarer word", "/api/events?limit=50&text=kyiv"),
        ("timeline text=officials", "/api/timeline?text=officials"),
        ("timeline", "/api/timeline"),
        ("timeline actor=RUS", "/api/timeline?actor=RUS"),
        ("balance KAZ", "/api/balance/KAZ?period=year"),
        ("map", "/api/map?cell=6"),
        ("map actor=USA, zoomed", "/api/map?cell=0.75&actor=USA"),
        ("network", "/api/network"),
        ("network type=ASSAULT", "/api/network?type=ASSAULT"),
        ("network actor=CHN", "/api/network?actor=CHN"),
        ("network text=officials", "/api/network?text=officials"),
        ("map text=kyiv", "/api/map?cell=6&text=kyiv"),
        ("dyad series USA-KAZ", "/api/dyad-series?a=USA&b=KAZ"),
        ("dyad month USA-KAZ", f"/api/dyad-events?a=USA&b=KAZ&month={month}"),
        ("story", f"/api/stories/{first['story_id']}" if first["story_id"] else "/api/stories?limit=1"),
        ("document", f"/api/documents/{first['doc_id']}"),
        ("dashboard page", "/"),
    ]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, all its threads."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(client: httpx.Client, path: str, repeat: int, pid: int) -> tuple[list[float], float]:
    """Wall times in ms, and the server's CPU ms per request (what a request costs, however busy the host)."""
    r = client.get(path)
    assert r.status_code == 200, (path, r.status_code, r.text[:200])
    times = []
    cpu = cpu_seconds(pid)
    for _ in range(repeat):
        t = time.perf_counter()
        r = client.get(path)
        times.append(1000 * (time.perf_counter() - t))
        assert r.status_code == 200
    return times, 1000 * (cpu_seconds(pid) - cpu) / repeat


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p * (len(values) - 1)))]


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--store", type=Path, default=Path("/tmp/heron-bench-1m.duckdb"))
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--no-code", action="store_true", help="skip POST /api/code")
    args = ap.parse_args()

    global STORE
    STORE = args.store
    counts = ensure_store(args.store, args.events, args.rebuild)
    print(f"store: {counts['events']:,} events, {counts['dyads']:,} dyads, {counts['stories']:,} stories, "
          f"{counts['documents']:,} documents ({args.store.stat().st_size / 1e9:.2f} GB); "
          f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    port = free_port()
    server = start_server(args.store, port)
    over = []
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            print(f"{'route':38} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'CPU ms':>8}")
            for label, path in routes(client):
                times, cpu = measure(client, path, args.repeat, server.pid)
                p50, p95 = pct(times, 0.5), pct(times, 0.95)
                flag = "  > 300 ms" if p95 > TARGET_MS else ""
                if flag:
                    over.append(label)
                print(f"{label:38} {p50:8.0f} {p95:8.0f} {max(times):8.0f} {cpu:8.0f}{flag}")
            t = time.perf_counter()
            r = client.get("/api/export", params={"format": "csv", "country": "KAZ"}, timeout=600)
            print(f"CSV download, country=KAZ ({r.text.count(chr(10)):,} lines): {time.perf_counter() - t:.1f} s")
            if not args.no_code:
                text = SEED.read_text(encoding="utf-8")
                t = time.perf_counter()
                assert client.post("/api/code", json={"text": text, "date": "2023-02-28"}, timeout=300).status_code == 200
                start = time.perf_counter() - t
                times = []
                for _ in range(5):
                    t = time.perf_counter()
                    client.post("/api/code", json={"text": text, "date": "2023-02-28"}, timeout=300)
                    times.append(1000 * (time.perf_counter() - t))
                print(f"POST /api/code, seed article (13 sentences): first {start:.1f} s (starts the coding worker), "
                      f"then p50 {statistics.median(times):.0f} ms")
            print(f"server peak RSS so far {peak_rss_mb(server.pid):.0f} MB")
            t = time.perf_counter()
            size = 0
            with client.stream("GET", "/api/export", params={"format": "csv"}, timeout=1200) as r:
                for chunk in r.iter_bytes():
                    size += len(chunk)
            print(f"CSV download of every event ({size / 1e6:.0f} MB): {time.perf_counter() - t:.1f} s, "
                  f"server peak RSS then {peak_rss_mb(server.pid):.0f} MB")
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"routes with p95 over {TARGET_MS} ms: {', '.join(over) if over else 'none'}; "
          f"load average now {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
