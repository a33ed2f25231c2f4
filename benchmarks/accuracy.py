"""Accuracy of heron on the seed article and the PLOVER dev gold, with the metrics of score.py.

    .venv/bin/python benchmarks/accuracy.py [--dev PATH] [--seed PATH] [--show-errors N]

The dev gold (shared/eval/dev/plover_gsr.jsonl, CC BY-SA) is read from ../shared at benchmark time
and never shipped. Dev ids are split in two fixed halves by an md5 of the id: "tune" (the half
looked at while developing) and "holdout" (reported, not looked at); both are printed.
heron's own event sets (benchmarks/data/heldout/, written by people who did not read the coder) are
printed too: dev_events_* were used to find errors, events_* are blind (scored only).
"""
from __future__ import annotations

import argparse
import hashlib
import time
from pathlib import Path

from heron import Coder
from heron.evaluation.score import load_jsonl, score_full, score_pair

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
BLIND = ROOT / "benchmarks" / "data" / "heldout"


def half(rid: str) -> str:
    return "tune" if int(hashlib.md5(rid.encode()).hexdigest(), 16) % 2 == 0 else "holdout"


def code_all(coder: Coder, gold: dict) -> tuple[dict, float, int]:
    recs = [{"id": r["id"], "text": r["text"], "date": r.get("date")} for r in gold.values()]
    t0 = time.perf_counter()
    docs = {d.id: d.to_dict() for d in coder.code_many(recs)}
    return docs, time.perf_counter() - t0, sum(len(d["sentences"]) for d in docs.values())


def pair_records(gold: dict) -> dict:
    """(source, target) spans located from the gold actor/recipient texts of each record's first event."""
    out = {}
    for rid, r in gold.items():
        ev = r["events"][0]
        a_txt = next((t for t in ev.get("actor_text") or [] if t), None)
        r_txt = next((t for t in ev.get("recipient_text") or [] if t), None)
        if not a_txt or not r_txt:
            continue
        s, t = r["text"].find(a_txt), r["text"].find(r_txt)
        if s < 0 or t < 0:
            continue
        out[rid] = {"id": rid, "text": r["text"], "source": [s, s + len(a_txt)], "target": [t, t + len(r_txt)],
                    "gold": ev["plover"]}
    return out


def row(name: str, scores: dict) -> str:
    def f(k):
        return f"{scores[k]['precision']:.3f}/{scores[k]['recall']:.3f}/{scores[k]['f1']:.3f}"
    return f"| {name} | {scores['records']} | {f('dyad_type')} | {f('dyad')} | {f('type')} |"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=Path, default=SHARED / "eval" / "seed" / "seed_gold.jsonl")
    ap.add_argument("--dev", type=Path, default=SHARED / "eval" / "dev" / "plover_gsr.jsonl")
    ap.add_argument("--show-errors", type=int, default=0, help="print N tune-half documents with misses")
    ap.add_argument("--blind", type=Path, nargs="*", default=sorted(BLIND.glob("events_*.jsonl")),
                    help="heron's own blind event sets, never looked at while developing "
                         "(default: benchmarks/data/heldout/events_*.jsonl)")
    ap.add_argument("--own-dev", type=Path, nargs="*", default=sorted(BLIND.glob("dev_events_*.jsonl")),
                    help="heron's own event sets used while developing (default: .../dev_events_*.jsonl)")
    args = ap.parse_args()
    coder = Coder()
    coder.code("Warm up.", date="2023-01-01")
    print("Full task: precision/recall/F1\n")
    print("| set | docs | dyad_type | dyad | type |\n|---|---|---|---|---|")
    seed = load_jsonl(str(args.seed))
    pred, _, _ = code_all(coder, seed)
    print(row("seed", score_full(seed, pred)))
    blind_pairs = {}
    for path in args.own_dev:
        gold = load_jsonl(str(path))
        pred, _, _ = code_all(coder, gold)
        print(row(f"own {path.stem}", score_full(gold, pred)))
    for path in args.blind:
        gold = load_jsonl(str(path))
        pred, _, _ = code_all(coder, gold)
        print(row(f"blind {path.stem}", score_full(gold, pred)))
        blind_pairs.update(pair_records(gold))
    if not args.dev.exists():
        print(f"(dev gold not found at {args.dev})")
        return
    dev = load_jsonl(str(args.dev))
    pred, secs, nsent = code_all(coder, dev)
    for part in ("tune", "holdout"):
        sub = {k: v for k, v in dev.items() if half(k) == part}
        print(row(f"dev {part}", score_full(sub, {k: pred[k] for k in sub if k in pred})))
    print(row("dev all", score_full(dev, pred)))
    print(f"\ndev coding: {nsent} sentences in {secs:.2f} s ({nsent / secs:.0f} sentences/s, includes parse)")

    pairs = pair_records(dev)
    t0 = time.perf_counter()
    ppred = {}
    for rid, r in pairs.items():
        cls = coder.classify(r["text"], tuple(r["source"]), tuple(r["target"]))
        ppred[rid] = {"id": rid, "plover": cls.plover, "cameo": cls.cameo}
    ms = (time.perf_counter() - t0) * 1000 / max(1, len(pairs))
    print("\nPair task (given actor/recipient spans): accuracy / macro-F1\n")
    print("| set | records | accuracy | macro-F1 |\n|---|---|---|---|")
    for part in ("tune", "holdout", "all"):
        sub = {k: v for k, v in pairs.items() if part == "all" or half(k) == part}
        s = score_pair(sub, {k: ppred[k] for k in sub})
        print(f"| dev {part} | {s['records']} | {s['accuracy']:.3f} | {s['macro_f1']:.3f} |")
    if blind_pairs:
        bpred = {}
        for rid, r in blind_pairs.items():
            cls = coder.classify(r["text"], tuple(r["source"]), tuple(r["target"]))
            bpred[rid] = {"id": rid, "plover": cls.plover, "cameo": cls.cameo}
        s = score_pair(blind_pairs, bpred)
        print(f"| blind (own sets) | {s['records']} | {s['accuracy']:.3f} | {s['macro_f1']:.3f} |")
    print(f"\npair classification: {ms:.2f} ms/record including the parse")
    if args.show_errors:
        shown = 0
        for rid, g in dev.items():
            if half(rid) != "tune" or shown >= args.show_errors:
                continue
            s = score_full({rid: g}, {rid: pred[rid]})
            if s["dyad_type"]["fn"] or s["dyad_type"]["fp"]:
                shown += 1
                print("\n" + g["text"])
                print("  gold:", [(e["actor"], e["recipient"], e["plover"]) for e in g["events"]])
                print("  pred:", [([a.get("country") or a.get("igo") for a in e["actor"]],
                                   [a.get("country") or a.get("igo") for a in e["recipient"]], e["plover"]["type"],
                                   e["trigger"]["text"], e["modality"]) for e in pred[rid]["events"]])


if __name__ == "__main__":
    main()
