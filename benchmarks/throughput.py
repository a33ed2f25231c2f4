"""End-to-end throughput and memory of `heron code`, next to spaCy's bare parse on the same text.

    .venv/bin/python benchmarks/throughput.py [--sentences 2000] [--corpus FILE.jsonl]

Runs each measurement in a fresh subprocess pinned to one core (taskset when available) with
single-threaded BLAS, so the numbers are per core and peak RSS is per run:
  1. spaCy alone: nlp.pipe over the texts (the floor heron is compared with);
  2. `heron code` on the corpus (read, parse, all stages, JSON written to /dev/null);
  3. `heron code` on the corpus doubled, to show memory stays flat and time grows linearly;
  4. a per-stage time profile of the pipeline (share of each stage).
The corpus is the bundled sample repeated until it has at least --sentences sentences.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
ENV = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1", PYTHONHASHSEED="0")


def sample_records() -> list[dict]:
    path = ROOT / "src" / "heron" / "data" / "sample" / "sample.jsonl"
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def build_corpus(min_sentences: int, out: Path, source: list[dict]) -> int:
    """Repeat the sample (with fresh ids) until it has min_sentences sentences; returns the count."""
    import re

    per_doc = [max(1, len(re.findall(r"[.!?](\s|$)", r["text"]))) for r in source]
    n = total = 0
    with open(out, "w", encoding="utf-8") as f:
        while total < min_sentences:
            for rec, k in zip(source, per_doc):
                f.write(json.dumps(dict(rec, id=f"{rec['id']}-{n}")) + "\n")
                n += 1
                total += k
    return n


def pinned(cmd: list[str]) -> list[str]:
    return (["taskset", "-c", "0"] + cmd) if shutil.which("taskset") else cmd


RSS_WRAPPER = """
import resource, subprocess, sys, time
t0 = time.perf_counter()
rc = subprocess.run(sys.argv[1:]).returncode
print("WRAPPER", time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024, rc)
"""


def run(cmd: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak RSS (MB) and stdout of one child process (measured by a wrapper of its own)."""
    proc = subprocess.run(pinned([PY, "-c", RSS_WRAPPER] + cmd), env=ENV, capture_output=True, text=True)
    lines = proc.stdout.strip().splitlines()
    wrapper = lines[-1].split() if lines else []
    if proc.returncode != 0 or not wrapper or wrapper[0] != "WRAPPER" or wrapper[3] != "0":
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    return float(wrapper[1]), int(wrapper[2]), "\n".join(lines[:-1])


SPACY_CHILD = """
import json, sys, time
from heron.parse import load_model
nlp = load_model()
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
nlp("warm up")
t0 = time.perf_counter(); n = 0
for d in nlp.pipe(texts, batch_size=32):
    n += sum(1 for s in d.sents if s.text.strip())
print(json.dumps({"seconds": time.perf_counter() - t0, "sentences": n}))
"""

HERON_CHILD = """
import json, sys, time
from heron import Coder
from heron.reading.files import read_inputs
coder = Coder()
coder.code("Warm up: Russia attacked Ukraine.", date="2022-02-24")
timings = {}
for stage in coder.stages:
    def timed(doc, _s=stage, _n=getattr(stage, "name", type(stage).__name__)):
        t = time.perf_counter(); out = _s(doc); timings[_n] = timings.get(_n, 0.0) + time.perf_counter() - t
        return out
    timed.name = getattr(stage, "name", "")
    coder.stages[coder.stages.index(stage)] = timed
t0 = time.perf_counter(); n = docs = 0
with open("/dev/null", "w") as out:
    for doc in coder.code_many(r for r in read_inputs([sys.argv[1]]) if isinstance(r, dict)):
        out.write(json.dumps(doc.to_dict()) + "\\n")
        n += len(doc.sentences); docs += 1
import resource
print(json.dumps({"seconds": time.perf_counter() - t0, "sentences": n, "docs": docs, "stages": timings,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sentences", type=int, default=2000)
    ap.add_argument("--corpus", type=Path, help="JSONL corpus to use instead of the repeated sample")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="heron-bench-"))
    source = [json.loads(l) for l in open(args.corpus, encoding="utf-8")] if args.corpus else sample_records()
    single, double = tmp / "corpus.jsonl", tmp / "corpus2.jsonl"
    ndocs = build_corpus(args.sentences, single, source)
    build_corpus(args.sentences * 2, double, source)

    _, _, out = run([PY, "-c", SPACY_CHILD, str(single)])
    bare = json.loads(out)
    wall1, rss1, out1 = run([PY, "-c", HERON_CHILD, str(single)])
    h1 = json.loads(out1)
    wall2, rss2, out2 = run([PY, "-c", HERON_CHILD, str(double)])
    h2 = json.loads(out2)
    cli_wall, cli_rss, _ = run([str(Path(PY).parent / "heron"), "code", str(single), "-q", "-o", "/dev/null"])
    # the event model's load, in a fresh interpreter (its import not counted)
    _, _, model_out = run([PY, "-c", "import time; from heron.events.model import EventModel; t = time.perf_counter(); "
                                     "EventModel.load(); print(time.perf_counter() - t)"])

    spacy_rate = bare["sentences"] / bare["seconds"]
    rate1 = h1["sentences"] / h1["seconds"]
    rate2 = h2["sentences"] / h2["seconds"]
    total = sum(h1["stages"].values()) or 1.0
    parse_s = h1["seconds"] - total
    report = {
        "corpus_docs": ndocs, "corpus_sentences": h1["sentences"],
        "spacy_bare_sentences_per_s": round(spacy_rate, 1),
        "heron_sentences_per_s": round(rate1, 1),
        "ratio_to_spacy": round(rate1 / spacy_rate, 3),
        "heron_cli_wall_s": round(cli_wall, 2), "heron_cli_sentences_per_s_incl_startup": round(h1["sentences"] / cli_wall, 1),
        "peak_rss_mb": cli_rss,
        "doubled_corpus": {"sentences": h2["sentences"], "sentences_per_s": round(rate2, 1), "seconds": round(h2["seconds"], 2),
                           "time_ratio": round(h2["seconds"] / h1["seconds"], 2)},
        "stage_seconds": {k: round(v, 3) for k, v in h1["stages"].items()},
        "stage_share_of_parse": {k: round(v / parse_s, 3) for k, v in h1["stages"].items()} if parse_s > 0 else {},
        "stage_share_of_total": {k: round(v / h1["seconds"], 3) for k, v in h1["stages"].items()},
    }
    report["peak_rss_mb_runs"] = {"single": rss1, "doubled": rss2}
    report["event_model_load_s"] = round(float(model_out.strip().splitlines()[-1]), 3)
    print(json.dumps(report, indent=1))
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
