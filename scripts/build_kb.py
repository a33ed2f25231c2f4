#!/usr/bin/env python3
"""Build heron's actor knowledge base: src/heron/data/kb/kb.json.gz.

Inputs: /work/shared/data/kb (leaders.csv Wikidata CC0, countries.json Factbook public domain, igos.csv
compiled facts), /work/shared/data/kb/sources (PETRARCH-2 dictionaries MIT, UCDP actor list CC BY 4.0, NGEC
cow2iso MIT), /work/shared/data/ontology/PLOVER_agents.txt (MIT, NGEC) and the hand-curated tables in
src/heron/data/kb/curated/. Every lookup key the resolver needs is computed here, so loading the KB is a JSON
parse. Output is deterministic (sorted, no timestamps).

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
sys.path.insert(0, str(Path(__file__).resolve().parent))
from heron.actors.kb import STATE_SECTORS, SURNAME_FIRST, PositionClassifier  # noqa: E402
from heron.actors.text import (  # noqa: E402
    PERSON_INDEXES,
    alias_key,
    name_tokens,
    person_keys,
    phrase_key,
    read_tsv,
)
from kb_leaders import build_leaders, source_horizons  # noqa: E402
from kb_sources import (  # noqa: E402
    agent_nouns,
    cow_to_iso,
    distinctive,
    international_rows,
    milnonstate_rows,
    subdivision_places,
    ucdp_rows,
)

KB_DIR = ROOT / "src" / "heron" / "data" / "kb"
CURATED = KB_DIR / "curated"
ENTITY_RANK = {"sovereign": 0, "state_limited_recognition": 1, "palestinian_territory": 1,
               "special_administrative_region": 2, "disputed_territory": 2, "dependency": 3, "antarctica": 4}
# Organisation tables in precedence order: an alias claimed by an earlier table is not taken by a later one.
ORG_TABLES = ["nonstate.tsv", "orgs_state.tsv", "orgs_parties.tsv", "orgs_society.tsv"]
TYPE_OF_SECTOR = {"REB": "armed_group", "UAF": "armed_group", "CRM": "criminal_group", "PTY": "party", "MED": "media",
                  "BUS": "company", "EDU": "university", "REL": "religious", "LAB": "movement", "OPP": "movement",
                  "GOV": "agency", "MIL": "military", "COP": "police", "SPY": "security_service", "JUD": "court",
                  "LEG": "legislature", "NGO": "ngo"}


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
    adjectives: dict[str, set[str]] = {}
    for c in countries:
        for d in c.get("demonyms", []) + split_names(c.get("nationality_adjective")):
            adjectives.setdefault(d.lower(), set()).add(c.get("iso3"))

    for r in read_tsv(CURATED / "country_aliases.tsv"):
        if r["type"] == "adj":
            adjectives.setdefault(r["alias"].lstrip("?").lower(), set()).add(r["iso3"])

    def others_adjective(label: str, iso: str) -> bool:
        return bool(adjectives.get(label.strip().lower(), set()) - {iso, None})

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
        if local:
            # "Kypros (Greek)/ Kibris (Turkish)": the parentheses name languages, and a language that is another
            # country's adjective is no name of this one ("Tamil" for Sri Lanka stays: it names no other state)
            local = re.sub(r"\(([^)]*)\)", lambda g: " " if others_adjective(g.group(1), iso) else g.group(0), local)
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


def pluralize(word: str) -> list[str]:
    if word.endswith(("s", "x", "ch", "sh")):
        return [word + "es"] if not word.endswith("s") else []
    if word.endswith("man"):
        return [word[:-3] + "men"]
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return [word[:-1] + "ies"]
    return [word + "s"]


def sector_rows(curated_rows: list[dict], agent_files: list[Path]) -> list[list]:
    """Curated sector nouns first, then the agents dictionaries' nouns (NGEC, then PETRARCH-2), plurals added."""
    rows, seen = [], set()
    skip = {"JNK", "UNK", "NON", "ELI", "PRE", "PRM", "SOC"}

    def add(key: str, sector: str, cls: str, weak: int, plural: int) -> None:
        if key not in seen:
            rows.append([key, sector, cls, weak, plural])
            seen.add(key)

    for r in curated_rows:
        add(phrase_key(r["phrase"]), r["sector"], r["class"], int(r["weak"]), 0)
    for key, sector, cls, weak, _ in list(rows):
        words = key.split()
        for plural in pluralize(words[-1]):
            add(" ".join(words[:-1] + [plural]), sector, cls, weak, 1)
    for path in agent_files:
        for phrase, sector in agent_nouns(path):
            key = phrase_key(phrase)
            if sector in skip or len(phrase) < 3 or key in seen:
                continue
            add(key, sector, "-", 0, 0)
            for plural in pluralize(key.split()[-1]):
                add(" ".join(key.split()[:-1] + [plural]), sector, "-", 0, 1)
    return sorted(rows)


def territory_aliases() -> list[tuple]:
    """(alias, type, iso3, sector, support, territory) for breakaway, partly recognised and occupied territories."""
    out = []
    for r in read_tsv(CURATED / "territories.tsv"):
        marked = r["territory"] if r["status"] != "autonomous" else ""
        for column, typ, sector in (("names", "name", ""), ("adjectives", "adj", "")):
            for alias in (a for a in r[column].split("|") if a):
                support = alias.startswith("?")
                # "Kurdistan Regional Government" names the territory's government
                own = "GOV" if re.search(r"\b(Government|Administration|Authorit(y|ies))$", alias) else sector
                out.append((alias.lstrip("?"), typ, r["country"], own, support, marked))
    return out


def org_rows(shared: Path, countries: set[str], sector_keys: set[str]) -> list[dict]:
    """Named organisations: curated tables, then PETRARCH-2 and UCDP rows for names no curated row claims."""
    rows: list[dict] = []
    for table in ORG_TABLES:
        for r in read_tsv(CURATED / table):
            name = r["name"].lstrip("?")
            sector = r.get("sector") or None
            aliases = [("?" if r["name"].startswith("?") else "") + name] + [a for a in r["aliases"].split("|") if a]
            rows.append({"name": name, "aliases": aliases, "country": r.get("country") or None, "sector": sector,
                         "kind": r.get("kind") or None, "code": r.get("code") or None, "type": r.get("type") or None,
                         "start": r.get("start", ""), "end": r.get("end", ""), "members": r.get("members") or None,
                         "igo": r.get("igo") or None, "source": "curated"})
    sources = shared / "data/kb/sources"
    imported = (milnonstate_rows(sources / "petrarch2/Phoenix.MilNonState.actors.txt", countries)
                + ucdp_rows(sources / "ucdp/ucdp-actor-221.csv", cow_to_iso(sources / "ngec/cow2iso.txt"))
                + international_rows(sources / "petrarch2/Phoenix.International.actors.txt", countries))
    claimed = {name_key for r in rows for a in r["aliases"] if (name_key := alias_key(a.lstrip("?")))}
    by_name = {r["name"]: r for r in rows}
    for r in imported:
        keep = []
        for a in [r["name"], *r["aliases"]]:
            k = alias_key(a)
            if k is None or k in claimed or k[0] in sector_keys or not distinctive(a) or len(k[0]) < 3:
                continue
            if " " not in k[0] and not k[1]:
                continue    # one ordinary word ("Amal", "Tanzim") is too often something else

            claimed.add(k)
            keep.append(a)
        if not keep:
            continue
        if r["name"] in by_name:            # same name from two sources: one actor, more aliases
            by_name[r["name"]]["aliases"].extend(keep)
            continue
        r.update(aliases=keep, kind=None, code=None, members=None, igo=None)
        rows.append(r)
        by_name[r["name"]] = r
    for r in rows:
        sector = r["sector"]
        r["kind"] = r["kind"] or ("state" if sector in STATE_SECTORS else "ngo" if sector == "NGO" else "nonstate")
        r["type"] = r["type"] or ("ngo" if r["kind"] == "ngo" else "igo" if r["kind"] == "igo"
                                  else TYPE_OF_SECTOR.get(sector or ""))
        r["code"] = r["code"] or ((r["country"] or "") + (sector or "") or None)
    return rows


def alias_table(alias_rows, igos, groups, named) -> list[list]:
    """[key, case-sensitive, type, target, sector, support, territory] in precedence order (countries, territories,
    IGOs, groups, organisations); the resolver reads the first entry of a key as its default."""
    out, seen = [], set()

    def add(alias: str, typ: str, target: str, sector: str = "", support: bool = False, territory: str = "") -> None:
        key = alias_key(alias)
        if key is None:
            return
        row = (key[0], int(key[1]), typ, target, sector or "", int(support), territory or "")
        if row[:5] + row[6:] not in seen:
            seen.add(row[:5] + row[6:])
            out.append(list(row))

    for alias, typ, iso, sector, support, territory in alias_rows:
        add(alias, typ, iso, sector, support, territory)
    for abbr, igo in igos.items():
        for alias in [abbr, igo["name"], *igo["aliases"]]:
            add(alias, "igo", abbr)
    for key, g in groups.items():
        for alias in g["aliases"]:
            add(alias, "group_adj" if g["type"] == "adj" else "group", key)
    for r in named:
        for alias in r["aliases"]:
            add(alias.lstrip("?"), "actor", r["name"], "", alias.startswith("?"))
    return out


def person_index(people: list[list], offices: list[list], aliases: dict[int, list[str]]) -> dict:
    surname_first = {o[0] for o in offices if o[1] in SURNAME_FIRST}
    index: dict[str, dict[str, list[int]]] = {k: defaultdict(list) for k in PERSON_INDEXES}
    for pid, (_, name) in enumerate(people):
        keys = person_keys(name, pid in surname_first)
        keys["name"] |= {" ".join(name_tokens(a)) for a in aliases.get(pid, [])}
        for kind, found in keys.items():
            for key in sorted(found):
                index[kind][key].append(pid)
    # one id as a bare int (most keys), several as a list: see heron.actors.kb.PersonIndex
    return {k: {key: ids[0] if len(ids) == 1 else ids for key, ids in sorted(v.items())} for k, v in index.items()}


def office_columns(offices: list[list]) -> dict:
    """Offices as columns sorted by person, repeated strings as indexes into small tables (fast to load)."""
    names = ("person", "country", "position", "sector", "cls", "start", "end", "source")
    rows = sorted(offices, key=lambda o: (o[0], o[5], o[1], o[2]))
    tables = {k: sorted({o[i] or "" for o in rows}) for i, k in enumerate(names) if k in
              ("country", "position", "sector", "cls", "source")}
    columns = {}
    for i, k in enumerate(names):
        if k in tables:
            index = {v: n for n, v in enumerate(tables[k])}
            columns[k] = [index[o[i] or ""] for o in rows]
        else:
            columns[k] = [o[i] for o in rows]
    return {"columns": columns, "tables": tables}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default="/work/shared", type=Path)
    ap.add_argument("--out", default=KB_DIR / "kb.json.gz", type=Path)
    args = ap.parse_args()
    factbook = json.loads((args.shared / "data/kb/countries.json").read_text(encoding="utf-8"))
    countries = factbook["countries"]
    records, country_rows = country_aliases(countries)
    records.setdefault("XKX", {"name": "Kosovo", "type": "disputed_territory"})
    support = set()
    for r in read_tsv(CURATED / "country_aliases.tsv"):
        alias = r["alias"].lstrip("?")
        if r["alias"].startswith("?"):
            support.add((alias, r["iso3"]))
        country_rows.append((alias, r["type"], r["iso3"], r["sector"], 0))
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
    people, offices, person_aliases = build_leaders(args.shared, countries, classifier, CURATED)
    as_of = re.search(r"\d{4}-\d{2}-\d{2}", factbook["meta"]["data_as_of"]).group(0)
    # Best alias per (key, type): curated first, then sovereign states before territories; a name that several
    # states use keeps one row per state, each needing the document's support ("Congo").
    best: dict[tuple[str, str, str], tuple] = {}
    for alias, typ, iso, sector, rank in country_rows:
        k = (alias, typ, iso if (alias, iso) in support else "")
        if k not in best or rank < best[k][4]:
            best[k] = (alias, typ, iso, sector, rank)
    alias_rows = [(a, t, i, s, (a, i) in support, "") for a, t, i, s, _ in sorted(best.values(), key=lambda v: (
        v[0], v[1], (v[0], v[2]) in support, v[2]))] + territory_aliases()
    sectors = sector_rows(read_tsv(CURATED / "sectors.tsv"), [args.shared / "data/ontology/PLOVER_agents.txt",
                                                            args.shared / "data/kb/sources/petrarch2/Phoenix.agents.txt"])
    sector_keys = {r[0] for r in sectors}
    named = org_rows(args.shared, set(records), sector_keys)
    aliases = alias_table(alias_rows, igos, groups, named)
    places = subdivision_places({a[0] for a in aliases if not a[1]}, sector_keys)
    for r in read_tsv(CURATED / "territories.tsv"):   # territories and their capitals are places too
        for name in r["names"].split("|") + r["capitals"].split("|"):
            if name:
                places.setdefault(phrase_key(name.lstrip("?")), [r["country"]])
    kb = {
        "meta": {"sources": ["Wikidata (CC0) via leaders.csv", "CIA World Factbook (public domain)",
                             "igos.csv (compiled facts)", "NGEC PLOVER_agents.txt (MIT)",
                             "PETRARCH-2 dictionaries (MIT, Open Event Data)",
                             "UCDP Actor Dataset v22.1 (CC BY 4.0, Uppsala Conflict Data Program)",
                             "ISO 3166-2 subdivision names via pycountry (facts)", "heron curated tables"],
                 "horizons": source_horizons(args.shared, as_of)},
        "countries": dict(sorted(records.items())),
        "aliases": aliases,
        "max_alias_len": max(len(a[0].split()) for a in aliases),
        "igos": dict(sorted(igos.items())),
        "groups": dict(sorted(groups.items())),
        "group_heads": [[r["head"], r["sector"]] for r in read_tsv(CURATED / "group_heads.tsv")],
        "named": [[r["name"], r["country"], r["kind"], r["sector"], r["code"], r["start"], r["end"],
                   r["members"].split() if r["members"] else None, r["igo"], r["type"]] for r in named],
        "sectors": sectors,
        "positions": read_tsv(CURATED / "positions.tsv"),
        "places": dict(sorted(places.items())),
        "people": {"names": [p[1] for p in people], "qids": [p[0] for p in people]},
        "offices": office_columns(offices),
        "person_index": person_index(people, offices, person_aliases),
    }
    data = json.dumps(kb, ensure_ascii=False, separators=(",", ":"), sort_keys=False).encode("utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as f:
        f.write(data)
    types = defaultdict(int)
    for r in named:
        types[r["type"]] += 1
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB): {len(records)} countries, "
          f"{len(aliases)} aliases, {len(igos)} IGOs, {len(groups)} groups, {len(named)} organisations "
          f"({', '.join(f'{t} {n}' for t, n in sorted(types.items(), key=str))}), {len(places)} places, "
          f"{len(people)} people, {len(offices)} offices, {len(sectors)} sector nouns")


if __name__ == "__main__":
    main()
