"""A large synthetic event store for the server benchmark, bulk-loaded into DuckDB through Arrow.

Coding a million events would take hours, and row-by-row ingest is ~100x slower than a bulk load,
so the rows are generated directly: stories of 1-4 reports each (same dyad and type, dates within
three days, different outlets), ~6 reports per document, actors drawn from every country (a few
large ones much more often, as in news), a share of IGOs and reciprocal meetings, locations from
heron's gazetteer, negated and hypothetical reports without a story, documents in ingest (date)
order. Every table of the schema is filled consistently (documents, events with their JSON and
spans into the document text, dyads with first_report, stories with their counts, the word index, the dyad-month counts),
so every route
reads what it would read in a real store.

    .venv/bin/python benchmarks/synthetic_store.py 1000000 /tmp/heron-1m.duckdb
"""
from __future__ import annotations

import csv
import json
import random
import sys
import time
from collections import Counter
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

import numpy as np
import pyarrow as pa

from heron.store import dyad_months, open_store, schema, words

MAJOR = ["USA", "RUS", "CHN", "UKR", "ISR", "IRN", "GBR", "FRA", "DEU", "TUR", "IND", "PAK", "KAZ", "SYR",
         "IRQ", "AFG", "JPN", "KOR", "PRK", "SAU", "EGY", "NGA", "ETH", "SDN", "POL", "BLR", "PHL", "VEN", "MEX",
         "BRA", "UZB", "KGZ", "TJK", "TKM", "MNG", "CAN", "AUS", "ITA", "ESP", "YEM"]
IGOS = ["UN", "EU", "NATO", "AU", "ASEAN", "OSCE", "SCO"]
SECTORS = ["GOV", "GOV", "GOV", "MIL", "MIL", "COP", "REB", "CVL", "BUS", "MED", "LEG", "JUD", "OPP"]
PUBLISHERS = [f"outlet-{i:03d}" for i in range(300)]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MODALITIES = (["asserted"] * 85 + ["future"] * 5 + ["historical"] * 3 + ["negated"] * 4 + ["hypothetical"] * 3)
START, DAYS = date(2015, 1, 1), 3653


def _data(*parts: str) -> Path:
    return Path(str(resources.files("heron").joinpath("data", *parts)))


def _tsv(*parts: str) -> list[dict]:
    with open(_data(*parts), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


class World:
    """Countries, cities and CAMEO codes to draw from."""

    def __init__(self, rng: np.random.Generator):
        self.rng = rng
        countries = _tsv("geo", "countries.tsv")
        self.names = {c["iso3"]: c["name"] for c in countries}
        rest = sorted(c for c in self.names if c not in MAJOR)
        self.parties = MAJOR + rest + IGOS
        w = 1.0 / np.arange(1, len(MAJOR) + len(rest) + 1) ** 1.1
        w = np.concatenate([w / w.sum() * 0.95, np.full(len(IGOS), 0.05 / len(IGOS))])
        self.weights = w / w.sum()
        self._drawn: list[int] = []
        self.cities: dict[str, list[tuple]] = {}
        for c in _tsv("geo", "cities.tsv"):
            self.cities.setdefault(c["iso3"], []).append(
                (c["name"], float(c["lat"]), float(c["lon"]), int(c["geonameid"]), int(c["population"] or 0)))
        for v in self.cities.values():
            v.sort(key=lambda x: -x[4])
            del v[12:]
        self.codes = [r for r in _tsv("ontology", "cameo.tsv") if len(r["code"]) == 3 and r["plover_type"]
                      and r["goldstein"]]

    def party(self) -> str:
        if not self._drawn:     # drawn in bulk: one weighted choice at a time is slow
            self._drawn = list(self.rng.choice(len(self.parties), size=100_000, p=self.weights))
        return self.parties[self._drawn.pop()]

    def name(self, party: str) -> str:
        return self.names.get(party, party)


def _keys(*codes: str) -> str:
    return ";" + ";".join(sorted(set(codes))) + ";"


def generate(path: str | Path, n_events: int, seed: int = 7, chunk_stories: int = 50_000) -> dict:
    """Write a store with about `n_events` event reports to `path`; returns the table counts."""
    rng = np.random.default_rng(seed)
    shuffle = random.Random(seed).shuffle
    world = World(rng)
    store = open_store(path)        # creates the schema
    store.close()
    import duckdb
    con = duckdb.connect(str(path))
    made, story_no, doc_no = 0, 0, 0
    # Stories are made in date order, so documents come out in ingest (date) order.
    day_of = np.sort(rng.integers(0, DAYS, size=n_events))
    pending: list[dict] = []       # reports waiting to be packed into documents
    vocab: dict[str, int] = {}     # the word index's words and their numbers (heron.store.words), written last
    next_id = 1
    word_events: Counter = Counter()  # events per word id
    while made < n_events:
        tables = {t.name: {c: [] for c in t.column_names} for t in (schema.EVENTS, schema.DYADS, schema.STORIES)}
        for _ in range(chunk_stories):
            if made >= n_events:
                break
            reports = _story(world, rng, story_no, START + timedelta(days=int(day_of[made])))
            story_no += 1
            made += len(reports)
            pending.extend(reports)
        shuffle(pending)            # reports of one story go to different documents
        pending.sort(key=lambda r: r["day"])
        docs = {c: [] for c in schema.DOCUMENTS.column_names}
        for i in range(0, len(pending), 6):
            _document(world, f"d{doc_no:08d}", pending[i:i + 6], docs, tables, rng)
            doc_no += 1
        for s in {r["story"]["story_id"]: r["story"] for r in pending if r["story"]}.values():
            for c in schema.STORIES.column_names:
                tables["stories"][c].append(s.get(c))
        pending = []
        ev = tables["events"]
        _, postings, next_id = words.index_rows(
            ({"doc_id": d, "event_id": e, "event_date": t, "evidence": x}
             for d, e, t, x in zip(ev["doc_id"], ev["event_id"], ev["event_date"], ev["evidence"])), vocab, next_id)
        tables["event_words"] = {c: [p[c] for p in postings] for c in schema.EVENT_WORDS.column_names}
        word_events.update(p["word_id"] for p in postings)
        for t in (schema.DOCUMENTS, schema.EVENTS, schema.DYADS, schema.STORIES, schema.EVENT_WORDS):
            _load(con, t, docs if t is schema.DOCUMENTS else tables[t.name])
    _load(con, schema.WORDS, {"word_id": list(vocab.values()), "word": list(vocab),
                              "n_events": [word_events[i] for i in vocab.values()]})
    con.execute(dyad_months.RECOUNT)
    counts = {t.name: con.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0] for t in schema.TABLES}
    con.execute("CHECKPOINT")
    con.close()
    return counts


def _load(con, t: schema.Table, cols: dict) -> None:
    arrow = pa.table({c: pa.array(cols[c], type=t.arrow_schema().field(c).type) for c in t.column_names})
    con.register("chunk", arrow)
    con.execute(f"INSERT INTO {t.name} SELECT * FROM chunk")
    con.unregister("chunk")


def _story(world: World, rng: np.random.Generator, no: int, day: date) -> list[dict]:
    """The reports of one story (or one report without a story: negated, hypothetical)."""
    a = world.party()
    shape = rng.random()
    b = world.party()
    while b == a:
        b = world.party()
    if shape < 0.10:
        actors, recips = [a, b], []          # reciprocal: a meeting, a joint statement
    elif shape < 0.85:
        actors, recips = [a], [b]
    else:
        actors, recips = [a], []             # one-sided
    code = world.codes[rng.integers(len(world.codes))]
    modality = MODALITIES[rng.integers(len(MODALITIES))]
    place = None
    if rng.random() < 0.6:
        where = [c for c in (a, b) if c in world.cities]
        if where:
            cities = world.cities[where[rng.integers(len(where))]]
            place = cities[min(int(rng.geometric(0.45)) - 1, len(cities) - 1)]
    n = 1 if modality in ("negated", "hypothetical") else min(int(rng.geometric(0.6)), 4)
    sid = f"s{no:09d}" if modality not in ("negated", "hypothetical") else None
    sectors = [SECTORS[rng.integers(len(SECTORS))] for _ in actors + recips]
    base = {"actors": actors, "recips": recips, "code": code, "modality": modality, "place": place,
            "sectors": sectors, "conf": round(float(rng.uniform(0.35, 0.98)), 3)}
    reports = [{**base, "day": day + timedelta(days=int(rng.integers(0, 3)) if i else 0), "story": None}
               for i in range(n)]
    if sid:
        reports[0]["story"] = {"story_id": sid, "n": n}
        for r in reports:
            r["sid"] = sid
    return reports


def _sentence(world: World, r: dict) -> tuple[str, tuple[int, int], list[tuple[int, int]], list[tuple[int, int]]]:
    """Evidence sentence with the trigger and actor spans inside it (offsets within the sentence)."""
    parts, spans_a, spans_r = [], [], []
    pos = 0

    def add(text: str, into: list | None = None) -> None:
        nonlocal pos
        if into is not None:
            into.append((pos, pos + len(text)))
        parts.append(text)
        pos += len(text)

    for i, a in enumerate(r["actors"]):
        if i:
            add(" and ")
        add(world.name(a), spans_a)
    verb = r["code"]["name"].split(" ")[0] or "acted"
    add(" ")
    t0 = pos
    add(verb + ("" if r["recips"] else " together"))
    trigger = (t0, t0 + len(verb))
    for b in r["recips"]:
        add(" with ")
        add(world.name(b), spans_r)
    if r["place"]:
        add(f" in {r['place'][0]}")
    add(f" on {WEEKDAYS[r['day'].weekday()]}, reporters were told, as officials discussed the situation.")
    return "".join(parts), trigger, spans_a, spans_r


def _document(world: World, doc_id: str, reports: list[dict], docs: dict, tables: dict,
              rng: np.random.Generator) -> None:
    publisher = PUBLISHERS[rng.integers(len(PUBLISHERS))]
    text_parts, pos, n_events = [], 0, 0
    for k, r in enumerate(reports):
        sentence, trig, sa, sr = _sentence(world, r)
        start = pos
        text_parts.append(sentence + " ")
        pos += len(sentence) + 1
        _event(world, doc_id, f"{doc_id}:{k}:0", k, start, sentence, trig, sa, sr, r, publisher, tables)
        n_events += 1
    text = "".join(text_parts)
    day = reports[0]["day"]
    row = {"id": doc_id, "content_hash": f"h{doc_id}", "doc_date": day, "title": f"Report {doc_id}", "url": None,
           "publisher": publisher, "source": publisher.lower(), "text": text, "n_sentences": len(reports),
           "n_events": n_events, "warnings": "[]", "ingested_at": None}
    for c in docs:
        docs[c].append(row[c])


def _event(world, doc_id, event_id, k, start, sentence, trig, sa, sr, r, publisher, tables) -> None:
    code, place, day = r["code"], r["place"], r["day"]
    members = [{"text": world.name(p), "span": [start + s[0], start + s[1]], "name": world.name(p),
                "country": None if p in IGOS else p, "igo": p if p in IGOS else None,
                "sector": sec, "kind": "igo" if p in IGOS else "state",
                "code": ("IGO" + p) if p in IGOS else p + sec}
               for p, s, sec in zip(r["actors"] + r["recips"], sa + sr, r["sectors"])]
    acts, recs = members[:len(r["actors"])], members[len(r["actors"]):]
    loc = ({"text": place[0], "name": place[0], "lat": place[1], "lon": place[2], "geonameid": place[3],
            "country": None} if place else None)
    ev = {"id": event_id, "sentence": k, "span": [start, start + len(sentence)],
          "trigger": {"text": sentence[trig[0]:trig[1]], "span": [start + trig[0], start + trig[1]]},
          "actor": acts, "recipient": recs,
          "plover": {"type": code["plover_type"], "mode": code["plover_mode"] or None, "context": []},
          "cameo": {"code": code["code"], "root": code["root"], "name": code["name"]},
          "quad_class": int(code["quad_class"]), "goldstein": float(code["goldstein"]), "date": day.isoformat(),
          "location": loc, "modality": r["modality"], "confidence": r["conf"]}
    keys_a = _keys(*[m["code"] for m in acts], *[m["country"] or m["igo"] for m in acts])
    keys_r = (_keys(*[m["code"] for m in recs], *[m["country"] or m["igo"] for m in recs]) if recs
              else (keys_a if len(acts) >= 2 else None))
    sid = r.get("sid")
    row = {"doc_id": doc_id, "event_id": event_id, "sentence": k, "span_start": start,
           "span_end": start + len(sentence), "trigger": ev["trigger"]["text"], "evidence": sentence,
           "actor_names": ";".join(m["name"] for m in acts), "actor_keys": keys_a,
           "actor_sectors": _keys(*[m["sector"] for m in acts]),
           "recipient_names": ";".join(m["name"] for m in recs) or None, "recipient_keys": keys_r,
           "recipient_sectors": _keys(*[m["sector"] for m in recs]) if recs else None,
           "actor1_code": acts[0]["code"], "actor1_name": acts[0]["name"], "actor1_country": acts[0]["country"],
           "actor1_sector": acts[0]["sector"], "actor2_code": recs[0]["code"] if recs else None,
           "actor2_name": recs[0]["name"] if recs else None, "actor2_country": recs[0]["country"] if recs else None,
           "actor2_sector": recs[0]["sector"] if recs else None, "plover_type": code["plover_type"],
           "plover_mode": code["plover_mode"] or None, "plover_context": None, "cameo_code": code["code"],
           "cameo_root": code["root"], "cameo_name": code["name"], "quad_class": int(code["quad_class"]),
           "goldstein": float(code["goldstein"]), "plover_score": None, "event_date": day,
           "period": day.strftime("%Y-%m"), "date_text": f"on {WEEKDAYS[day.weekday()]}", "date_precision": "day",
           "location_text": place[0] if place else None, "location_name": place[0] if place else None,
           "location_country": None, "location_lat": place[1] if place else None,
           "location_lon": place[2] if place else None, "location_geonameid": place[3] if place else None,
           "location_feature": "city" if place else None, "modality": r["modality"], "quote_id": None,
           "confidence": r["conf"], "source": publisher.lower(), "story_id": sid,
           "event_json": json.dumps(ev, separators=(",", ":")), "words": words.word_list(sentence)}
    for c in tables["events"]:
        tables["events"][c].append(row[c])
    first = r["story"] is not None
    if r["recips"]:
        pairs = [(a, b) for a in r["actors"] for b in r["recips"]]
    elif len(r["actors"]) >= 2:
        pairs = [(a, b) for a in r["actors"] for b in r["actors"] if a != b]
    else:
        pairs = [(r["actors"][0], None)]
    for a, b in pairs:
        d = {"doc_id": doc_id, "event_id": event_id, "actor": a, "recipient": b, "event_date": day,
             "period": row["period"], "plover_type": row["plover_type"], "cameo_root": row["cameo_root"],
             "quad_class": row["quad_class"], "goldstein": row["goldstein"], "modality": r["modality"],
             "story_id": sid, "first_report": first, "actor_keys": keys_a, "recipient_keys": keys_r,
             "actor_sectors": row["actor_sectors"], "recipient_sectors": row["recipient_sectors"],
             "location_country": row["location_country"], "words": row["words"]}
        for c in tables["dyads"]:
            tables["dyads"][c].append(d[c])
    if first:
        n = r["story"]["n"]
        r["story"].update({
            "story_key": f"{';'.join(sorted(r['actors']))}|{';'.join(sorted(r['recips']))}|{code['plover_type']}",
            "actor_keys": keys_a, "recipient_keys": keys_r, "actor_names": row["actor_names"],
            "recipient_names": row["recipient_names"], "plover_type": row["plover_type"],
            "plover_mode": row["plover_mode"], "cameo_code": row["cameo_code"], "cameo_root": row["cameo_root"],
            "cameo_name": row["cameo_name"], "quad_class": row["quad_class"], "goldstein": row["goldstein"],
            "date_first": day, "date_last": day + timedelta(days=2 if n > 1 else 0), "period": row["period"],
            "location_text": row["location_text"], "location_country": None, "location_lat": row["location_lat"],
            "location_lon": row["location_lon"], "evidence": sentence, "signature": "", "first_doc_id": doc_id,
            "first_event_id": event_id, "num_mentions": n, "num_articles": n, "num_sources": n})


def main() -> int:
    n, path = int(sys.argv[1]), Path(sys.argv[2])
    if path.exists():
        path.unlink()
    t = time.perf_counter()
    counts = generate(path, n)
    print(f"{path}: {counts} in {time.perf_counter() - t:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
