"""Synthetic coded documents for store tests and benchmarks (no coder needed).

A few hand-written news items (our own wording) with hand-coded events are repeated with
varied ids, publishers, dates and text. Consecutive groups of ``group`` documents report the
same event from different outlets (one story each); successive repeats of one template are a
week apart, so they are distinct stories.

    python scripts/make_corpus.py 10000 corpus.jsonl            # coded documents (Document.to_dict())
    python scripts/make_corpus.py 10000 corpus.jsonl --records  # raw records for `heron ingest`
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date, timedelta
from typing import Iterator

PUBLISHERS = ["Reuters", "AFP", "AP", "BBC", "Al Jazeera", "TASS", "Xinhua", "Kazinform", "RFE/RL", "DW"]

STATES = {
    "USA": ("United States", "Q30"), "KAZ": ("Kazakhstan", "Q232"), "RUS": ("Russia", "Q159"),
    "CHN": ("China", "Q148"), "UKR": ("Ukraine", "Q212"), "UZB": ("Uzbekistan", "Q265"),
}


def _actor(text: str, country: str | None, sector: str | None = None, kind: str = "state", name: str | None = None,
           wikidata: str | None = None, role: str | None = None, igo: str | None = None) -> dict:
    code = igo and f"IGO{igo}" or (country or "") + (sector or "")
    return {"text": text, "name": name or (STATES.get(country, (text,))[0] if not sector else text),
            "country": country, "sector": sector, "kind": kind, "code": code or None, "wikidata": wikidata,
            "role": role, "igo": igo}


# Each template: text, publisher-independent events. Event fields: actor/recipient actor dicts,
# trigger word, plover (type, mode, context), cameo (code, name), quad, goldstein, place, modality.
TEMPLATES = [
    {"title": "Blinken visits Kazakhstan",
     "text": ("US Secretary of State Antony Blinken arrived in Astana on Tuesday for talks with Kazakh President "
              "Kassym-Jomart Tokayev. Blinken said Washington firmly backs the sovereignty and independence of "
              "Kazakhstan, a country that borders Russia."),
     "events": [
         {"actor": [_actor("Antony Blinken", "USA", "GOV", "person", "Antony Blinken", "Q7821917", "Secretary of State")],
          "recipient": [_actor("Kazakh", "KAZ")], "trigger": "arrived", "plover": ("CONSULT", "visit", []),
          "cameo": ("042", "Make a visit"), "quad": 1, "goldstein": 1.9, "place": ("Astana", "KAZ", 51.18, 71.45, 1526273)},
         {"actor": [_actor("Blinken", "USA", "GOV", "person", "Antony Blinken", "Q7821917", "Secretary of State")],
          "recipient": [_actor("Kazakhstan", "KAZ")], "trigger": "backs", "plover": ("SUPPORT", None, ["diplomatic"]),
          "cameo": ("051", "Praise or endorse"), "quad": 1, "goldstein": 3.4, "place": None}]},
    {"title": "China and Kazakhstan sign rail deal",
     "text": ("China and Kazakhstan signed an agreement on Wednesday to expand rail freight across their shared "
              "border, officials in Beijing said, as trade between the neighbours keeps growing."),
     "events": [
         {"actor": [_actor("China", "CHN"), _actor("Kazakhstan", "KAZ")], "recipient": [], "trigger": "signed",
          "plover": ("AGREE", None, ["economic"]), "cameo": ("057", "Sign formal agreement"), "quad": 1,
          "goldstein": 8.0, "place": ("Beijing", "CHN", 39.91, 116.40, 1816670)}]},
    {"title": "Russian strikes hit Kharkiv",
     "text": ("Russian forces struck the Ukrainian city of Kharkiv with drones and missiles overnight, regional "
              "officials said on Monday, damaging power lines and homes."),
     "events": [
         {"actor": [_actor("Russian forces", "RUS", "MIL", "state", "Russian military")],
          "recipient": [_actor("Ukrainian", "UKR")], "trigger": "struck",
          "plover": ("ASSAULT", "heavy-weapons", ["military"]), "cameo": ("195", "Employ aerial weapons"), "quad": 4,
          "goldstein": -10.0, "place": ("Kharkiv", "UKR", 49.98, 36.25, 706483)}]},
    {"title": "Tokayev and Putin discuss energy",
     "text": ("Kazakh President Kassym-Jomart Tokayev held a telephone call with Russian President Vladimir Putin "
              "on Friday to discuss oil transit and energy cooperation, the Akorda press service said."),
     "events": [
         {"actor": [_actor("Kassym-Jomart Tokayev", "KAZ", "GOV", "person", "Kassym-Jomart Tokayev", "Q360795", "President")],
          "recipient": [_actor("Vladimir Putin", "RUS", "GOV", "person", "Vladimir Putin", "Q7747", "President")],
          "trigger": "discuss", "plover": ("CONSULT", "phone", []), "cameo": ("040", "Consult"), "quad": 1,
          "goldstein": 1.0, "place": None}]},
    {"title": "US announces military aid for Ukraine",
     "text": ("The United States announced a new package of military aid for Ukraine worth 400 million dollars, "
              "including air defence interceptors and artillery ammunition. Uzbekistan denied that it would "
              "host Russian troops."),
     "events": [
         {"actor": [_actor("The United States", "USA")], "recipient": [_actor("Ukraine", "UKR")],
          "trigger": "announced", "plover": ("AID", None, ["military"]), "cameo": ("072", "Provide military aid"),
          "quad": 2, "goldstein": 8.3, "place": None},
         {"actor": [_actor("Uzbekistan", "UZB")], "recipient": [_actor("Russian troops", "RUS", "MIL")],
          "trigger": "host", "plover": ("COOPERATE", None, ["military"]), "cameo": ("062", "Cooperate militarily"),
          "quad": 2, "goldstein": 7.4, "place": None, "modality": "negated"}]},
]


def _span(text: str, needle: str, start: int = 0) -> list[int]:
    i = text.find(needle, start)
    if i < 0:
        raise ValueError(f"{needle!r} not in template text")
    return [i, i + len(needle)]


def _sentences(text: str) -> list[list[int]]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch == "." and (i + 1 == len(text) or text[i + 1] == " "):
            out.append([start, i + 1])
            start = i + 2
    if start < len(text):
        out.append([start, len(text)])
    return out


def build_document(doc_id: str, day: date, publisher: str, template: dict, variant: int = 0) -> dict:
    """One coded document in the Document.to_dict() shape."""
    lead = f"{publisher} reports. " if variant % 2 else ""
    text = lead + template["text"] + (f" (Update {variant}.)" if variant > 1 else "")
    sents = _sentences(text)
    mentions, events = [], []
    for n, ev in enumerate(template["events"]):
        trig = _span(text, ev["trigger"])
        sent = next(i for i, (s, e) in enumerate(sents) if s <= trig[0] < e)
        actors = []
        for role in ("actor", "recipient"):
            for a in ev[role]:
                a = {k: v for k, v in {**a, "span": _span(text, a["text"], sents[sent][0])}.items() if v is not None}
                mentions.append({"id": f"m{len(mentions)}", "text": a["text"], "span": a["span"], "sentence": sent,
                                 "actor": a})
                actors.append((role, a))
        place = ev.get("place")
        loc = ({"text": place[0], "name": place[0], "country": place[1], "lat": place[2], "lon": place[3],
                "geonameid": place[4], "feature": "city"} if place else None)
        ptype, mode, context = ev["plover"]
        code, cname = ev["cameo"]
        events.append({
            "id": f"{doc_id}:{sent}:{n}", "sentence": sent, "span": sents[sent],
            "trigger": {"text": ev["trigger"], "span": trig},
            "actor": [a for r, a in actors if r == "actor"], "recipient": [a for r, a in actors if r == "recipient"],
            "plover": {"type": ptype, "mode": mode, "context": context},
            "cameo": {"code": code, "root": code[:2], "name": cname}, "quad_class": ev["quad"],
            "goldstein": ev["goldstein"], "plover_score": None, "date": day.isoformat(), "date_text": None,
            "date_precision": "day", "location": loc, "modality": ev.get("modality", "asserted"),
            "quote_id": None, "confidence": 0.8, "explain": None})
    quotes = []
    if "said" in text:
        q = _span(text, "said")
        quotes.append({"id": "q0", "text": text[sents[-1][0]:sents[-1][1]], "span": sents[-1], "speaker": None,
                       "addressee": None, "speaker_text": None, "speaker_span": None, "partial": False,
                       "indirect": True, "cue": text[q[0]:q[1]]})
    return {"id": doc_id, "date": day.isoformat(), "title": template["title"],
            "url": f"https://news.example/{publisher.lower().replace(' ', '-').replace('/', '')}/{doc_id}",
            "publisher": publisher, "text": text, "sentences": sents, "mentions": mentions, "events": events,
            "quotes": quotes, "places": [], "dates": [], "warnings": []}


def make_documents(n: int, group: int = 4, start: date = date(2023, 1, 2), prefix: str = "syn") -> Iterator[dict]:
    """n documents; every `group` consecutive ones report the same events (one story per event)."""
    for i in range(n):
        k = i // group                                   # story number
        t = k % len(TEMPLATES)
        day = start + timedelta(days=7 * (k // len(TEMPLATES)) + (i % 2))   # same week slot, +0/1 day
        publisher = PUBLISHERS[(i % group + k) % len(PUBLISHERS)]
        yield build_document(f"{prefix}-{i:06d}", day, publisher, TEMPLATES[t], variant=i % group + 4 * k)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--group", type=int, default=4)
    ap.add_argument("--records", action="store_true", help="write raw records (id, text, date, ...) only")
    args = ap.parse_args(argv)
    keys = ("id", "text", "date", "title", "url", "publisher")
    with (sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")) as f:
        for d in make_documents(args.n, args.group):
            f.write(json.dumps({k: d[k] for k in keys} if args.records else d, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
