#!/usr/bin/env python3
"""Actor-resolution benchmark: accuracy (same definitions as shared/eval/score.py `actor`), KB load time, speed.

    .venv/bin/python benchmarks/actors.py [--errors]          # every phrase set, per-kind table, load time
    .venv/bin/python benchmarks/actors.py PATH [--errors]     # one phrase set, JSON (as heldout.py reads it)

Phrase sets: benchmarks/data/actor_phrases.jsonl (written by heron devs, tuned on), data/heldout/
actor_phrases.jsonl (blind, 120), data/actor_phrases_v2/ (blind, 686, written for issue #12: the tune half was
looked at while developing, the check half is only scored; --errors never lists check-half misses).
KB load time is measured in fresh interpreters (median of 3): constructing the KB, and the person and office
tables it builds on first use.
"""
from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from heron.actors.kb import KnowledgeBase
from heron.actors.resolver import ActorResolver
from heron.commands.kb import actor_output
from heron.evaluation.score import score_actor

DATA = Path(__file__).parent / "data"
DEFAULT = DATA / "actor_phrases.jsonl"
SETS = [("tuned (devs)", DATA / "actor_phrases.jsonl", True), ("blind v1", DATA / "heldout" / "actor_phrases.jsonl", True),
        ("v2 tune", DATA / "actor_phrases_v2" / "tune.jsonl", True),
        ("v2 check", DATA / "actor_phrases_v2" / "check.jsonl", False)]
LOAD_SNIPPET = """
import time
t0 = time.perf_counter()
from heron.actors.kb import KnowledgeBase
t1 = time.perf_counter()
kb = KnowledgeBase()
t2 = time.perf_counter()
kb.offices, kb.holders, kb.people
t3 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2)
"""


def load(path: Path) -> dict:
    return {r["id"]: r for r in (json.loads(line) for line in path.open(encoding="utf-8") if line.strip())}


def predict(resolver: ActorResolver, gold: dict) -> dict:
    return {rid: {"actor": actor_output(resolver.resolve(g["text"], g.get("date"), g.get("context")))}
            for rid, g in gold.items()}


def errors(gold: dict, pred: dict) -> list[str]:
    out = []
    for rid, g in gold.items():
        a = pred[rid]["actor"] or {}
        if (a.get("country"), a.get("sector")) != (g.get("country"), g.get("sector")):
            out.append(f"{rid} {g['text']!r} gold={g.get('country')}/{g.get('sector')} "
                       f"got={a.get('country')}/{a.get('sector')} {a.get('name') or ''}")
    return out


def load_times(runs: int = 3) -> dict:
    """Median seconds, in fresh interpreters: import, KB construction, person/office tables on first use."""
    samples = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", LOAD_SNIPPET], capture_output=True, text=True, check=True)
        samples.append([float(x) for x in out.stdout.split()])
    med = [statistics.median(col) for col in zip(*samples)]
    return {"import_s": round(med[0], 3), "kb_load_s": round(med[1], 3), "people_tables_s": round(med[2], 3),
            "kb_load_total_s": round(med[1] + med[2], 3)}


def speed(resolver: ActorResolver, gold: dict, rounds: int = 20) -> dict:
    t0 = time.perf_counter()
    fresh = ActorResolver(resolver.kb)          # same (warm) KB, empty caches
    for g in gold.values():
        fresh.resolve(g["text"], g.get("date"), g.get("context"))
    uncached = (time.perf_counter() - t0) / len(gold)
    t0 = time.perf_counter()
    for _ in range(rounds):
        for g in gold.values():
            fresh.resolve(g["text"], g.get("date"), g.get("context"))
    cached = (time.perf_counter() - t0) / (rounds * len(gold))
    return {"uncached_us_per_phrase": round(uncached * 1e6, 1), "cached_us_per_phrase": round(cached * 1e6, 2)}


def one_set(path: Path, show_errors: bool) -> None:
    """The single-set JSON report (benchmarks/heldout.py reads it)."""
    gold = load(path)
    t0 = time.perf_counter()
    kb = KnowledgeBase()
    load_s = time.perf_counter() - t0
    resolver = ActorResolver(kb)
    resolver.resolve("President Putin", "2024-01-01", "Moscow")   # person tables and gazetteer, once
    pred = predict(resolver, gold)
    scores = score_actor(gold, pred)
    scores.update(kb_load_s=round(load_s, 3), **speed(resolver, gold))
    print(json.dumps(scores, indent=1))
    if show_errors:
        for line in errors(gold, pred):
            print(line, file=sys.stderr)


def all_sets(show_errors: bool) -> None:
    resolver = ActorResolver()
    resolver.resolve("President Putin", "2024-01-01", "Moscow")
    print("| set | phrases | country | sector | country+sector |")
    print("|---|---|---|---|---|")
    by_kind: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    listed = []
    for name, path, may_list in SETS:
        if not path.exists():
            continue
        gold = load(path)
        pred = predict(resolver, gold)
        s = score_actor(gold, pred)
        print(f"| {name} | {s['records']} | {s['country_accuracy']:.3f} | {s['sector_accuracy']:.3f} | "
              f"{s['accuracy']:.3f} |")
        if name.startswith("v2"):
            half = name.split()[1]
            for rid, g in gold.items():
                by_kind[g.get("kind", "?")][half].append((g, pred[rid]))
        if show_errors and may_list:
            listed += [f"[{name}] {line}" for line in errors(gold, pred)]
    if by_kind:
        print("\nv2 per kind (country / country+sector)\n\n| kind | tune | check |\n|---|---|---|")
        for kind in sorted(by_kind):
            cells = []
            for half in ("tune", "check"):
                pairs = by_kind[kind][half]
                gold = {str(i): g for i, (g, _) in enumerate(pairs)}
                s = score_actor(gold, {str(i): p for i, (_, p) in enumerate(pairs)})
                cells.append(f"{s['country_accuracy']:.2f} / {s['accuracy']:.2f} ({s['records']})")
            print(f"| {kind} | {cells[0]} | {cells[1]} |")
    v2 = load(SETS[2][1]) if SETS[2][1].exists() else load(DEFAULT)
    print("\nKB load (fresh interpreters, median of 3):", json.dumps(load_times()))
    print("resolution speed on the v2 tune phrases:", json.dumps(speed(resolver, v2)))
    for line in listed:
        print(line, file=sys.stderr)


def main(argv: list[str]) -> None:
    paths = [a for a in argv[1:] if not a.startswith("-")]
    if paths:
        one_set(Path(paths[0]), "--errors" in argv)
    else:
        all_sets("--errors" in argv)


if __name__ == "__main__":
    main(sys.argv)
