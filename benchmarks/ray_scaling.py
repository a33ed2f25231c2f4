"""Ray scaling of `heron run`: sentences/s with 1 and with 2 Ray workers on the same corpus.

    .venv/bin/python benchmarks/ray_scaling.py [--sentences 1500] [--batch-size 8] [--local]

The corpus is the bundled sample repeated with fresh ids until it has at least --sentences
sentences. One local Ray cluster (2 CPUs, no dashboard, 200 MB object store) serves both runs;
workers are single-threaded and pinned one per core. Throughput counts only the coding phase
(first batch handed out to last partition written); cluster start-up and model loading are
reported separately. Target (SPEC): 2 workers >= 1.7x one worker.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ[var] = "1"
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")

from heron.reading.files import sample_corpus_path  # noqa: E402
from heron.scale import run_local, run_ray  # noqa: E402


def build_corpus(min_sentences: int, out: Path) -> int:
    """Repeat the sample with fresh ids until it has about min_sentences sentences; returns the documents."""
    source = [json.loads(line) for line in sample_corpus_path().read_text(encoding="utf-8").splitlines() if line.strip()]
    per_doc = [max(1, len(re.findall(r"[.!?](\s|$)", r["text"]))) for r in source]
    n = total = 0
    with open(out, "w", encoding="utf-8") as f:
        while total < min_sentences:
            for rec, k in zip(source, per_doc):
                f.write(json.dumps(dict(rec, id=f"{rec['id']}-{n}"), ensure_ascii=False) + "\n")
                n += 1
                total += k
    return n


def line(label: str, s) -> str:
    return (f"{label:<10} workers={s.workers}  docs={s.documents}  sentences={s.sentences}  events={s.events}  "
            f"load={s.load_s:.2f}s  coding={s.coding_s:.2f}s  -> {s.sentences_per_s:.0f} sentences/s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sentences", type=int, default=1500)
    ap.add_argument("--batch-size", type=int, default=8)
    ap.add_argument("--local", action="store_true", help="also time --engine local (one process, no Ray)")
    args = ap.parse_args()

    import ray

    with tempfile.TemporaryDirectory(prefix="heron-ray-bench-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        docs = build_corpus(args.sentences, corpus)
        print(f"corpus: {docs} documents (>= {args.sentences} sentences), batch size {args.batch_size}")
        t0 = time.perf_counter()
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING,
                 object_store_memory=200 * 1024 * 1024)
        print(f"cluster start-up: {time.perf_counter() - t0:.2f}s")
        try:
            runs = {n: run_ray([str(corpus)], Path(tmp) / f"out{n}", num_workers=n, batch_size=args.batch_size,
                               pin_cpus=True) for n in (1, 2)}
        finally:
            t1 = time.perf_counter()
            ray.shutdown()
            print(f"cluster shut-down: {time.perf_counter() - t1:.2f}s")
        for n, s in runs.items():
            print(line(f"ray x{n}", s))
        if args.local:
            print(line("local", run_local([str(corpus)], Path(tmp) / "outl", batch_size=args.batch_size)))
    speedup = runs[2].sentences_per_s / runs[1].sentences_per_s
    print(f"speed-up 2 workers / 1 worker: {speedup:.2f}x (target >= 1.7x)")


if __name__ == "__main__":
    main()
