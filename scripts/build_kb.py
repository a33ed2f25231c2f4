#!/usr/bin/env python3
"""Build heron's actor knowledge base: src/heron/data/kb/kb.json.gz.

Inputs: /work/shared/data/kb (leaders.csv Wikidata CC0, countries.json Factbook public domain,
igos.csv compiled facts), /work/shared/data/ontology/PLOVER_agents.txt (MIT, NGEC) and the
hand-curated tables in src/heron/data/kb/curated/. Output is deterministic (sorted, no timestamps).

Usage: python scripts/build_kb.py [--shared /work/shared]
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from heron.actors.kb import (  # noqa: E402
    PositionClassifier,
    name_tokens,
    phrase_key,
    read_tsv,
    skeleton,
)

KB_DIR = ROOT / "src" / "heron" / "data" / "kb"
CURATED = KB_DIR / "curated"
ENTITY_RANK = {"sovereign": 0, "state_limited_recognition": 1, "palestinian_territory": 1,
               "special_administrative_region": 2, "disputed_territory": 2, "dependency": 3, "antarctica": 4}
MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"], 1)}


def pad_start(d: str) -> str:
    d = d.strip()
    if re.fullmatch(r"\d{3}0s", d):
        return d[:4] + "-01-01"
    return (d + "-01-01"[len(d) - 4:]) if re.fullmatch(r"\d{4}(-\d{2})?", d) else d


def pad_end(d: str) -> str:
    d = d.strip()
    if re.fullmatch(r"\d{3}0s", d):
        return d[:3] + "9-12-31"
    if re.fullmatch(r"\d{4}", d):
        return d + "-12-31"
    if re.fullmatch(r"\d{4}-\d{2}", d):
        return d + "-28"
    return d


def split_names(value: str | None) -> list[str]:
    if not value:
        return []
    parts = re.split(r";|\bor\b|,|/|\(|\)|\bnote\b.*", value)
    return [p.strip() for p in parts if p and p.strip() and len(p.strip()) > 1]


# Local short names that are also English words: "the island" is not Iceland ("Island").
ENGLISH_WORD_LOCAL_NAMES = {"island"}


def country_aliases(countries: list[dict]) -> tuple[dict, list]:
    """Country records and (alias, type, iso3, sector, rank) rows from the Factbook and pycountry."""
    import pycountry  # build-time only: ISO short/official names

    records, rows = {}, []
    for c in countries:
        iso = c.get("iso3")
        if not iso:
            continue
        rank = ENTITY_RANK.get(c["entity_type"], 3)
        rec = records.setdefault(iso, {"name": c["name"], "type": c["entity_type"]})
        if rank < ENTITY_RANK.get(rec["type"], 3):
            rec.update(name=c["name"], type=c["entity_type"])
        local = c.get("name_local_short")
        if local and local.lower() in ENGLISH_WORD_LOCAL_NAMES:
            local = None
        names = [c["name"], c.get("name_short"), c.get("name_long"), *c.get("former_names", []), local]
        for n in names:
            for part in split_names(n):
                rows.append((part, "name", iso, "", 10 + rank))
        for a in c.get("abbreviations", []):
            rows.append((a, "name", iso, "", 10 + rank))
        for d in c.get("demonyms", []) + split_names(c.get("nationality_adjective")):
            rows.append((d, "adj", iso, "", 10 + rank))
        for cap in c.get("capital_names", []) + c.get("capital_historical_names", []) + c.get("former_capitals", []):
            rows.append((cap, "capital", iso, "GOV", 20 + rank))
    for pc in pycountry.countries:
        iso = pc.alpha_3
        if iso not in records:
            continue
        for attr in ("name", "common_name", "official_name"):
            n = getattr(pc, attr, None)
            if n and "," not in n:
                rows.append((n, "name", iso, "", 15))
    records["PSE"]["name"] = "Palestine"
    return records, rows


SPELLINGS = [("Organization", "Organisation"), ("Labor", "Labour"), ("Defense", "Defence"), ("Center", "Centre")]


def spelling_variants(name: str) -> list[str]:
    out = []
    for us, uk in SPELLINGS:
        if us in name:
            out.append(name.replace(us, uk))
        if uk in name:
            out.append(name.replace(uk, us))
    return out


def read_igos(path: Path) -> dict:
    igos = {}
    with path.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            igos[r["abbreviation"]] = {
                "name": r["name"], "aliases": [a for a in r["aliases"].split("|") if a],
                "type": r["type"], "parent": r["parent"] or None, "code": r["cameo_code"] or None,
                "members": r["members_iso3"].split()}
    return igos


def expand_members(spec: str, igos: dict) -> list[str]:
    out = set()
    for m in spec.split():
        out.update(igos[m[1:]]["members"] if m.startswith("@") else [m])
    return sorted(out)


def plover_sectors(path: Path, curated: set[str]) -> list[list]:
    """Sector nouns from the NGEC agents dictionary (MIT): 'SOLDIER [~MIL]' -> ('soldier', 'MIL')."""
    rows = []
    skip = {"JNK", "UNK", "NON", "ELI", "PRE", "PRM", "SOC"}
    pattern = re.compile(r"^([A-Z][A-Z0-9_'\-!]*)\s*(?:\{[^}]*\})?\s*\[~([A-Z]{3})")
    for line in path.read_text(encoding="latin-1").splitlines():
        m = pattern.match(line.strip())
        if not m or "!" in m.group(1):
            continue
        phrase, sector = m.group(1).replace("_", " ").strip().lower(), m.group(2)
        if sector in skip or len(phrase) < 3 or phrase_key(phrase) in curated:
            continue
        rows.append([phrase_key(phrase), sector, "-", 0])
    return rows


def pluralize(word: str) -> list[str]:
    if word.endswith(("s", "x", "ch", "sh")):
        return [word + "es"] if not word.endswith("s") else []
    if word.endswith("man"):
        return [word[:-3] + "men"]
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return [word[:-1] + "ies"]
    return [word + "s"]


def sector_rows(curated_rows: list[dict], agents: Path) -> list[list]:
    rows, seen = [], set()
    for r in curated_rows:
        key = phrase_key(r["phrase"])
        rows.append([key, r["sector"], r["class"], int(r["weak"]), 0])
        seen.add(key)
    for r in list(rows):
        words = r[0].split()
        for plural in pluralize(words[-1]):
            pk = " ".join(words[:-1] + [plural])
            if pk not in seen:
                rows.append([pk, r[1], r[2], r[3], 1])
                seen.add(pk)
    for key, sector, cls, weak in plover_sectors(agents, seen):
        if key not in seen:
            rows.append([key, sector, cls, weak, 0])
            seen.add(key)
            for plural in pluralize(key.split()[-1]):
                pk = " ".join(key.split()[:-1] + [plural])
                if pk not in seen:
                    rows.append([pk, sector, cls, weak, 1])
                    seen.add(pk)
    return sorted(rows)


TITLE_WORDS = {"president", "prime", "minister", "premier", "chancellor", "king", "queen", "emir", "amir", "sultan",
               "supreme", "leader", "chairman", "chairwoman", "of", "the", "state", "council", "federal", "grand",
               "duke", "prince", "princess", "governor", "general", "head", "government", "acting", "interim",
               "transitional", "vice", "crown", "pope", "taoiseach", "chief", "executive", "presidential",
               "sovereign", "military", "national", "de", "facto", "co-prince"}


def factbook_heads(countries: list[dict]) -> list[dict]:
    """Current heads of state/government from the Factbook ('President Donald J. TRUMP (since 20 January 2025)')."""
    out = []
    pat = re.compile(r"^(.*?)\s*\(since (\d{1,2}) ([A-Za-z]+) (\d{4})\)")
    for c in countries:
        if not c.get("iso3") or c["entity_type"] != "sovereign":
            continue
        for field in ("chief_of_state", "head_of_government"):
            m = pat.search((c.get(field) or "").split(";")[0].strip())
            if not m or m.group(3).lower() not in MONTHS:
                continue
            words = m.group(1).split()
            i = 0
            while i < len(words) and words[i].strip(",").lower() in TITLE_WORDS:
                i += 1
            title, rest = " ".join(words[:i]), words[i:]
            if not title or not rest:
                continue
            name = " ".join(w if not w.isupper() or len(w) < 2 or re.fullmatch(r"[IVX]+", w) else w.title()
                            for w in rest)
            start = f"{m.group(4)}-{MONTHS[m.group(3).lower()]:02d}-{int(m.group(2)):02d}"
            out.append({"country": c["iso3"], "position": title, "person": name, "start": start, "field": field})
    return out


def build_leaders(shared: Path, countries: list[dict], classifier: PositionClassifier) -> tuple[list, list]:
    people: dict[str, int] = {}
    person_rows: list[list] = []
    offices: list[list] = []

    def person_id(qid: str, name: str) -> int:
        key = qid or "name:" + name
        if key not in people:
            people[key] = len(person_rows)
            person_rows.append([qid, name])
        return people[key]

    seen = set()
    with (shared / "data/kb/leaders.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            iso, name, qid = r["country_iso3"], r["person"].strip(), r["wikidata_qid"].strip()
            if not iso or not name or re.fullmatch(r"Q\d+", name):
                continue
            sector, cls, keep = classifier.classify(r["position"], iso)
            if not keep:
                continue
            if r["jurisdiction_type"] == "subnational":
                cls = ""  # a state secretary of state or a regional premier is not the national office
            row = (iso, r["position"], qid, pad_start(r["start"]), pad_end(r["end"]))
            if row in seen:
                continue
            seen.add(row)
            offices.append([person_id(qid, name), iso, r["position"], sector, cls, row[3], row[4]])
    extra = [dict(r, source="curated") for r in read_tsv(CURATED / "leaders.tsv")]
    for fb in factbook_heads(countries):
        extra.append({"country": fb["country"], "position": fb["position"], "person": fb["person"], "qid": "",
                      "start": fb["start"], "end": "", "source": "factbook"})
    by_name = defaultdict(list)
    for key, idx in people.items():
        toks = name_tokens(person_rows[idx][1])
        if toks:
            by_name[toks[-1]].append(idx)
    for e in extra:
        sector, cls, _ = classifier.classify(e["position"], e["country"])
        # Curated rows may override the label classification (a CPSU General Secretary led the Soviet state).
        sector, cls = e.get("sector") or sector, e.get("class") or cls or ""
        idx = None
        if e.get("qid") and e["qid"] in people:
            idx = people[e["qid"]]
        else:  # match Factbook spelling to an existing person of the same country by surname
            toks = name_tokens(e["person"])
            cands = [i for i in by_name.get(toks[-1] if toks else "", [])
                     if any(o[0] == i and o[1] == e["country"] for o in offices)
                     and skeleton(name_tokens(person_rows[i][1])[0]) == skeleton(toks[0])
                     # curated names are written in full: "George H. W. Bush" is not "George W. Bush"
                     and (e["source"] != "curated" or name_tokens(person_rows[i][1]) == toks)]
            if cands:
                idx = cands[0]
        if idx is None:
            idx = person_id(e.get("qid", ""), e["person"])
        already = any(o[0] == idx and o[1] == e["country"] and o[4] == cls and o[5][:7] <= e["start"][:7] and
                      (not o[6] or o[6] >= e["start"]) for o in offices)
        if e["source"] == "curated":  # curated terms are exact; only an identical term is a duplicate
            already = any(o[0] == idx and o[1] == e["country"] and o[4] == cls and o[5] == e["start"] for o in offices)
        if already:
            continue
        # A new holder of a single-holder office ends the open term of the previous holder.
        if cls in {"head_of_state", "head_of_government", "foreign", "defence"}:
            for o in offices:
                if o[1] == e["country"] and o[4] == cls and not o[6] and o[5] < e["start"] and o[0] != idx:
                    o[6] = e["start"]
        offices.append([idx, e["country"], e["position"], sector, cls, e["start"], e.get("end", "")])
    offices.sort(key=lambda o: (o[1], o[2], o[5], o[0]))
    return person_rows, offices


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default="/work/shared", type=Path)
    ap.add_argument("--out", default=KB_DIR / "kb.json.gz", type=Path)
    args = ap.parse_args()
    countries = json.loads((args.shared / "data/kb/countries.json").read_text(encoding="utf-8"))["countries"]
    records, alias_rows = country_aliases(countries)
    records.setdefault("XKX", {"name": "Kosovo", "type": "disputed_territory"})
    for r in read_tsv(CURATED / "country_aliases.tsv"):
        alias_rows.append((r["alias"], r["type"], r["iso3"], r["sector"], 0))
    igos = read_igos(args.shared / "data/kb/igos.csv")
    for r in read_tsv(CURATED / "igo_aliases.tsv"):
        igos[r["abbreviation"]]["aliases"].append(r["alias"])
    for rec in igos.values():
        # British and American spellings of the same name ("Organisation of African Unity")
        names = [rec["name"], *rec["aliases"]]
        rec["aliases"] += sorted({v for n in names for v in spelling_variants(n)} - set(names))
    groups = {}
    for r in read_tsv(CURATED / "groups.tsv"):
        groups[r["key"]] = {"code": r["code"] or None, "type": r["type"],
                            "aliases": r["aliases"].split("|"), "members": expand_members(r["members"], igos)}
    classifier = PositionClassifier.from_rows(read_tsv(CURATED / "positions.tsv"))
    people, offices = build_leaders(args.shared, countries, classifier)
    # Best alias per (key, type): curated first, then sovereign states before territories.
    best: dict[tuple[str, str], tuple] = {}
    for alias, typ, iso, sector, rank in alias_rows:
        k = (alias, typ)
        if k not in best or rank < best[k][4]:
            best[k] = (alias, typ, iso, sector, rank)
    kb = {
        "meta": {"sources": ["Wikidata (CC0) via leaders.csv", "CIA World Factbook (public domain)",
                             "igos.csv (compiled facts)", "NGEC PLOVER_agents.txt (MIT)", "heron curated tables"]},
        "countries": dict(sorted(records.items())),
        "aliases": sorted([list(v[:4]) for v in best.values()]),
        "igos": dict(sorted(igos.items())),
        "groups": dict(sorted(groups.items())),
        "group_heads": [[r["head"], r["sector"]] for r in read_tsv(CURATED / "group_heads.tsv")],
        "nonstate": read_tsv(CURATED / "nonstate.tsv"),
        "sectors": sector_rows(read_tsv(CURATED / "sectors.tsv"), args.shared / "data/ontology/PLOVER_agents.txt"),
        "positions": read_tsv(CURATED / "positions.tsv"),
        "people": people,
        "offices": offices,
    }
    data = json.dumps(kb, ensure_ascii=False, separators=(",", ":"), sort_keys=False).encode("utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as f:
        f.write(data)
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB): {len(records)} countries, "
          f"{len(kb['aliases'])} aliases, {len(igos)} IGOs, {len(groups)} groups, {len(people)} people, "
          f"{len(offices)} offices, {len(kb['sectors'])} sector nouns")


if __name__ == "__main__":
    main()
