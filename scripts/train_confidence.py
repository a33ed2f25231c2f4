#!/usr/bin/env python3
"""Fit heron's event confidence -> src/heron/data/events/confidence.json (reproducible: deterministic Newton fit).

Training data: the tune halves (odd-numbered ids) of the real-news development set
(../shared/eval/realnews_dev/realnews_dev.jsonl) and of heron's own articles (benchmarks/data/own_articles); the
check halves are never read here. Every dyad an event yields is
one example: 1 when it satisfies a required gold unit, 0 when no gold event accepts it (dyads that only an optional
gold event accepts are left out). The features are those of heron.events.confidence.features, computed with the
rules' own score; the model is an L2-regularised logistic regression whose scores are mapped to probabilities by
an isotonic fit on out-of-fold scores (five folds by article).

Usage: python scripts/train_confidence.py [--shared ../shared] [--out PATH]
Re-run it whenever the coding rules change: the weights describe the rules they were fitted on.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.util
import json
import re
from pathlib import Path

import numpy as np

from heron import Coder
from heron.events.confidence import CalibrateConfidence, features

REPO = Path(__file__).resolve().parents[1]
OWN_ARTICLES = REPO / "benchmarks" / "data" / "own_articles" / "own_articles.jsonl"
ITERATIONS = 30
FOLDS = 5


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("heron_reference_score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def tune_half(rid: str) -> bool:
    m = re.search(r"(\d+)$", rid)
    return not (m and int(m.group(1)) % 2 == 0)


def examples(sc, gold: dict) -> tuple[list[dict], list[float], list[str]]:
    coder = Coder()
    coder.stages = [s for s in coder.stages if not isinstance(s, CalibrateConfidence)] \
        + [CalibrateConfidence(use_default=False)]
    recs = [{k: r.get(k) for k in ("id", "text", "date", "title", "url", "publisher")} for r in gold.values()]
    xs, ys, groups = [], [], []
    for doc in coder.code_many(recs):
        g = gold[doc.id]
        required, optional = set(), set()
        for ev in g.get("events", []):
            triples = {t for u in sc.units(ev) for t in u}
            (optional if ev.get("optional") else required).update(triples)
        doc_json = doc.to_dict()
        for e, ej in zip(doc.events, doc_json["events"]):
            if e.modality in ("negated", "hypothetical"):
                continue
            feats = features(doc, e)
            for t in sc.dyads(ej):
                if t in required or t not in optional:
                    xs.append(feats)
                    ys.append(1.0 if t in required else 0.0)
                    groups.append(doc.id)
    return xs, ys, groups


def _matrix(xs: list[dict], names: list[str]) -> np.ndarray:
    return np.array([[x.get(n, 0.0) for n in names] for x in xs])


def _newton(X: np.ndarray, y: np.ndarray, reg: np.ndarray) -> np.ndarray:
    w = np.zeros(X.shape[1])
    for _ in range(ITERATIONS):                       # Newton-Raphson on the penalised log-likelihood
        p = 1.0 / (1.0 + np.exp(-X @ w))
        grad = X.T @ (p - y) + reg * w
        hess = (X * (p * (1 - p))[:, None]).T @ X + np.diag(reg)
        w -= np.linalg.solve(hess, grad)
    return w


def _isotonic(scores: np.ndarray, y: np.ndarray) -> list[list[float]]:
    """Pool-adjacent-violators: a non-decreasing map from score to the share of right dyads."""
    order = np.argsort(scores)
    blocks = [[float(scores[i]), float(y[i]), 1.0] for i in order]      # [max score, sum y, count]
    merged: list[list[float]] = []
    for b in blocks:
        merged.append(b)
        while len(merged) > 1 and merged[-2][1] / merged[-2][2] >= merged[-1][1] / merged[-1][2]:
            top = merged.pop()
            merged[-1] = [top[0], merged[-1][1] + top[1], merged[-1][2] + top[2]]
    return [[round(b[0], 5), round(b[1] / b[2], 4)] for b in merged]


def fit(xs: list[dict], ys: list[float], groups: list[str], l2s=(0.3, 1.0, 3.0, 10.0, 30.0, 100.0)) -> tuple[dict, list, float]:
    """Weights fitted on all examples; the L2 strength chosen and the score-to-probability map fitted on
    out-of-fold scores (five folds by article), so that the map is honest about unseen articles."""
    names = sorted({k for x in xs for k in x})
    X, y = _matrix(xs, names), np.array(ys)
    fold = np.array([int(hashlib.md5(g.encode()).hexdigest(), 16) % FOLDS for g in groups])
    best = None
    for l2 in l2s:
        reg = np.full(len(names), l2)
        reg[names.index("bias")] = 0.0
        oof = np.zeros(len(y))
        for k in range(FOLDS):
            w = _newton(X[fold != k], y[fold != k], reg)
            oof[fold == k] = X[fold == k] @ w
        p = np.clip(1.0 / (1.0 + np.exp(-oof)), 1e-6, 1 - 1e-6)
        loss = float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
        if best is None or loss < best[0]:
            best = (loss, l2, oof)
    loss, l2, oof = best
    order = np.argsort(-oof)
    top = y[order][: max(1, int(0.4 * len(y)))]
    print(f"out-of-fold: log loss {loss:.3f}, precision of the top 40% by score {top.mean():.3f} "
          f"(all {y.mean():.3f})")
    reg = np.full(len(names), l2)
    reg[names.index("bias")] = 0.0
    w = _newton(X, y, reg)
    weights = {n: round(float(v), 5) for n, v in zip(names, w) if abs(v) > 1e-9}
    return weights, _isotonic(oof, y), l2


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--out", default=str(REPO / "src" / "heron" / "data" / "events" / "confidence.json"))
    args = ap.parse_args()
    shared = Path(args.shared)
    sc = load_scorer(shared)
    gold = {k: v for k, v in sc.load(str(shared / "eval" / "realnews_dev" / "realnews_dev.jsonl")).items()
            if tune_half(k)}
    own = {k: v for k, v in sc.load(str(OWN_ARTICLES)).items() if tune_half(k)}
    xs, ys, gs = examples(sc, gold)
    xo, yo, go = examples(sc, own)
    weights, calibration, l2 = fit(xs + xo, ys + yo, gs + go)
    about = {"fitted_on": f"realnews_dev tune half ({len(gold)} articles, odd-numbered ids) and heron's own articles "
                          f"(benchmarks/data/own_articles, {len(own)} odd-numbered)",
             "examples": len(ys) + len(yo), "positives": int(sum(ys) + sum(yo)), "l2": l2, "folds": FOLDS,
             "fitted": dt.date.today().isoformat(), "script": "scripts/train_confidence.py"}
    Path(args.out).write_text(json.dumps({"about": about, "weights": weights, "calibration": calibration},
                                         indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{about['examples']} dyads ({about['positives']} right), L2 {l2} -> {len(weights)} weights, "
          f"{len(calibration)} calibration steps written to {args.out}")


if __name__ == "__main__":
    main()
