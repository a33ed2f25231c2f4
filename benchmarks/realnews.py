#!/usr/bin/env python3
"""heron on real news articles: ../shared/eval/realnews_dev/ (78 hand-coded articles, 2022-2026).

    .venv/bin/python benchmarks/realnews.py [--half tune|check|all] [--show ID|all] [--pred OUT.jsonl]
                                            [--gold PATH] [--no-list]

A fixed split by id: odd-numbered articles ("rd-a-01", "rd-a-03", ...) are the *tune* half (read while
developing), even-numbered ones the *check* half. Both halves are scored with the reference scorer
(../shared/eval/score.py, full task) and printed with
  - a per-article list of missed required units and extra (false-positive) triples,
  - the precision / coverage of events by confidence band (how much the confidence means),
  - the share of required events whose actors heron resolved to the right country.
The texts are read from ../shared at run time and never copied into the repository; the script says so
and exits 0 when ../shared is absent. Another gold file in the same format (e.g. heron's own articles in
benchmarks/data/) can be scored with --gold.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "eval" / "realnews_dev" / "realnews_dev.jsonl"
SCORER = SHARED / "eval" / "score.py"
BANDS = [(0.8, 1.01), (0.6, 0.8), (0.4, 0.6), (0.0, 0.4)]


def load_scorer():
    spec = importlib.util.spec_from_file_location("heron_reference_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def half_of(rid: str) -> str:
    """Odd-numbered ids are the tune half, even-numbered the check half; ids without a number: tune."""
    m = re.search(r"(\d+)$", rid)
    return "check" if m and int(m.group(1)) % 2 == 0 else "tune"


def code_all(gold: dict) -> tuple[dict, float, int]:
    from heron import Coder

    coder = Coder()
    recs = [{k: r.get(k) for k in ("id", "text", "date", "title", "url", "publisher")} for r in gold.values()]
    t0 = time.perf_counter()
    docs = {d.id: d.to_dict() for d in coder.code_many(recs)}
    return docs, time.perf_counter() - t0, sum(len(d["sentences"]) for d in docs.values())


def triples_of(sc, event: dict) -> set:
    if (event.get("modality") or "asserted") in sc.SKIPPED_MODALITIES:
        return set()
    return sc.dyads(event)


def judge(sc, gold_doc: dict, pred_doc: dict) -> tuple[list, list, list]:
    """(required units missed, predicted triples that are false positives, per-event verdicts).

    A per-event verdict is (confidence, n_true, n_false): how many of the event's triples satisfy a
    required unit, and how many no gold event accepts."""
    required, optional = [], set()
    for e in gold_doc.get("events", []):
        if e.get("optional"):
            optional.update(t for u in sc.units(e) for t in u)
        else:
            required.extend((u, e) for u in sc.units(e))
    accepted = {t for u, _ in required for t in u} | optional
    found, verdicts = set(), []
    for e in pred_doc.get("events", []):
        ts = triples_of(sc, e)
        if not ts:
            continue
        found |= ts
        true = sum(1 for t in ts if any(t in u for u, _ in required))
        false = sum(1 for t in ts if t not in accepted)
        verdicts.append((e.get("confidence") or 0.0, true, false, e))
    missed = [(u, e) for u, e in required if not u & found]
    extras = sorted({t for t in found if t not in accepted}, key=str)
    return missed, extras, verdicts


def evidence_span(text: str, evidence: str) -> tuple[int, int] | None:
    if not evidence:
        return None
    i = text.find(evidence)
    if i < 0:  # evidence may be abridged with "..." or differ in quotes: try its longest piece
        pieces = sorted(re.split(r"\s*(?:\.\.\.|…)\s*", evidence), key=len, reverse=True)
        for p in pieces:
            if len(p) >= 12 and (i := text.find(p)) >= 0:
                return i, i + len(p)
        return None
    return i, i + len(evidence)


def actor_country_check(gold_doc: dict, pred_doc: dict) -> tuple[int, int]:
    """Required gold events whose sentence holds a predicted event: is a gold actor country among that
    event's actors? Returns (right, compared)."""
    right = n = 0
    text = gold_doc["text"]
    sentences = pred_doc.get("sentences") or []
    for e in gold_doc.get("events", []):
        if e.get("optional"):
            continue
        span = evidence_span(text, e.get("evidence") or "")
        gold_keys = {a[:3].upper() for a in e.get("actor") or [] if a}
        if span is None or not gold_keys:
            continue
        sents = {i for i, (s, t) in enumerate(sentences) if s < span[1] and span[0] < t}
        cands = [p for p in pred_doc.get("events", []) if p.get("sentence") in sents
                 and (p.get("plover") or {}).get("type") in {e["plover"], *e.get("alt", [])}]
        if not cands:
            continue
        n += 1
        got = {(a.get("country") or {"igo": "IGO", "ngo": "NGO"}.get(a.get("kind") or "") or "?")
               for p in cands for a in p.get("actor") or []}
        right += bool(gold_keys & got)
    return right, n


def fmt(scores: dict, view: str) -> str:
    s = scores[view]
    return f"{s['precision']:.3f} / {s['recall']:.3f} / {s['f1']:.3f}"


def report(sc, name: str, gold: dict, pred: dict, show: set | None, listing: bool) -> dict:
    scores = sc.score_full(gold, pred)
    print(f"\n## {name}: {len(gold)} articles")
    print("| view | P / R / F1 | tp fp fn |")
    print("|---|---|---|")
    for view in ("dyad_type", "dyad", "type"):
        s = scores[view]
        print(f"| {view} | {fmt(scores, view)} | {s['tp']} {s['fp']} {s['fn']} |")
    bands = Counter()
    right = compared = 0
    rows = []
    for rid in sorted(gold):
        missed, extras, verdicts = judge(sc, gold[rid], pred.get(rid, {}))
        for conf, true, false, _ in verdicts:
            band = next(b for b in BANDS if b[0] <= conf < b[1])
            bands[band, "true"] += true
            bands[band, "false"] += false
            bands[band, "events"] += 1
        r, n = actor_country_check(gold[rid], pred.get(rid, {}))
        right, compared = right + r, compared + n
        rows.append((rid, missed, extras, verdicts))
    total_true = sum(bands[b, "true"] for b in BANDS)
    print("\nconfidence band | events | true triples | false triples | precision | share of true")
    cum_t = cum_f = 0
    for b in BANDS:
        t, f = bands[b, "true"], bands[b, "false"]
        cum_t, cum_f = cum_t + t, cum_f + f
        p = t / (t + f) if t + f else 0.0
        print(f"[{b[0]:.1f}, {min(b[1], 1.0):.1f}) | {bands[b, 'events']} | {t} | {f} | {p:.3f} | "
              f"{t / total_true if total_true else 0:.3f}   (>= {b[0]:.1f}: precision "
              f"{cum_t / (cum_t + cum_f) if cum_t + cum_f else 0:.3f}, share {cum_t / total_true if total_true else 0:.3f})")
    print(f"actors of required events resolved to the right country: {right}/{compared} = "
          f"{right / compared if compared else 0:.3f} (events heron found in the evidence sentence with the gold type)")
    if listing:
        for rid, missed, extras, verdicts in rows:
            if show is not None and rid not in show and "all" not in show:
                continue
            if not missed and not extras:
                continue
            print(f"\n### {rid}  missed {len(missed)}  extra {len(extras)}")
            for u, e in sorted(missed, key=lambda ue: (ue[1].get("evidence") or "", min(ue[0]))):
                a, r = min(u)[:2]
                print(f"  MISS {a}->{r or '-'} {'/'.join(sorted({t[2] for t in u}))}  «{(e.get('evidence') or '')[:110]}»")
            for t in extras:
                ev = next((e for _, _, _, e in verdicts if t in triples_of(sc, e)), {})
                trig = (ev.get("trigger") or {}).get("text", "")
                print(f"  EXTRA {t[0]}->{t[1] or '-'} {t[2]}  [{trig}] conf {ev.get('confidence')} "
                      f"«{_sentence(pred[rid], ev)[:110]}»")
    return scores


def _sentence(doc: dict, event: dict) -> str:
    try:
        s, e = doc["sentences"][event["sentence"]]
        return doc["text"][s:e].replace("\n", " / ")
    except (KeyError, IndexError, TypeError):
        return ""


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--half", choices=["tune", "check", "all"], default=None,
                    help="list misses/extras of this half only (default: tune)")
    ap.add_argument("--show", default=None, help="comma-separated ids to list (or 'all')")
    ap.add_argument("--pred", default=None, help="also write the predicted documents here")
    ap.add_argument("--gold", default=None, help="another gold file in the realnews format")
    ap.add_argument("--no-list", action="store_true", help="print the scores only")
    args = ap.parse_args(argv[1:])
    gold_path = Path(args.gold) if args.gold else GOLD
    if not SCORER.exists() or not gold_path.exists():
        print(f"realnews benchmark skipped: {gold_path if not gold_path.exists() else SCORER} not found "
              "(../shared is not checked out beside the repository)")
        return 0
    sc = load_scorer()
    gold = sc.load(str(gold_path))
    pred, seconds, n_sent = code_all(gold)
    if args.pred:
        with open(args.pred, "w", encoding="utf-8") as f:
            for d in pred.values():
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(f"# realnews: {gold_path.name}, {len(gold)} articles, {n_sent} sentences coded in {seconds:.1f} s")
    show = set(args.show.split(",")) if args.show else None
    list_half = args.half or "tune"
    results = {}
    for name in ("tune", "check"):
        part = {k: v for k, v in gold.items() if half_of(k) == name}
        if part:
            results[name] = report(sc, name, part, pred, show,
                                   listing=not args.no_list and list_half in (name, "all"))
    results["all"] = report(sc, "all", gold, pred, show, listing=False)
    print("\n| half | articles | dyad_type P / R / F1 | dyad F1 | type F1 |")
    print("|---|---|---|---|---|")
    for name, s in results.items():
        print(f"| {name} | {s['records']} | {fmt(s, 'dyad_type')} | {s['dyad']['f1']:.3f} | {s['type']['f1']:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
