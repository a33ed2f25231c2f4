#!/usr/bin/env python3
"""Actor-resolution benchmark: accuracy (same definitions as shared/eval/score.py `actor`) and speed.

Usage: .venv/bin/python benchmarks/actors.py [benchmarks/data/actor_phrases.jsonl] [--errors]
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from heron.actors.kb import KnowledgeBase
from heron.actors.resolver import ActorResolver
from heron.commands.kb import actor_output
from heron.evaluation.score import score_actor

DEFAULT = Path(__file__).parent / "data" / "actor_phrases.jsonl"


def main(argv: list[str]) -> None:
    path = Path(next((a for a in argv[1:] if not a.startswith("-")), DEFAULT))
    gold = {r["id"]: r for r in (json.loads(line) for line in path.open(encoding="utf-8") if line.strip())}
    t0 = time.perf_counter()
    kb = KnowledgeBase()
    load_s = time.perf_counter() - t0
    resolver = ActorResolver(kb)
    pred = {}
    t0 = time.perf_counter()
    for rid, g in gold.items():
        pred[rid] = {"actor": actor_output(resolver.resolve(g["text"], g.get("date"), g.get("context")))}
    uncached = (time.perf_counter() - t0) / len(gold)
    rounds = 20
    t0 = time.perf_counter()
    for _ in range(rounds):
        for g in gold.values():
            resolver.resolve(g["text"], g.get("date"), g.get("context"))
    cached = (time.perf_counter() - t0) / (rounds * len(gold))
    scores = score_actor(gold, pred)
    scores.update(kb_load_s=round(load_s, 3), uncached_us_per_phrase=round(uncached * 1e6, 1),
                  cached_us_per_phrase=round(cached * 1e6, 2))
    print(json.dumps(scores, indent=1))
    if "--errors" in argv:
        for rid, g in gold.items():
            a = pred[rid]["actor"] or {}
            if (a.get("country"), a.get("sector")) != (g.get("country"), g.get("sector")):
                print(f"{rid} {g['text']!r} gold={g.get('country')}/{g.get('sector')} "
                      f"got={a.get('country')}/{a.get('sector')} {a.get('name') or ''}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
