"""Office holders for the actor KB (used by scripts/build_kb.py only).

Wikidata office holders (leaders.csv, CC0) with the snapshot date of each source repository as its horizon,
current heads of state and government from the Factbook (January 2026), and the curated rows of
curated/leaders.tsv (people and changes the snapshot lacks, with their own horizon).
"""
from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

from heron.actors.kb import PositionClassifier
from heron.actors.text import name_tokens, read_tsv, skeleton

MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"], 1)}
# Curated rows were checked against public facts up to this date: an open-ended curated term says nothing later.
CURATED_HORIZON = "2025-06-30"
SINGLE_HOLDER = {"head_of_state", "head_of_government", "foreign", "defence", "interior", "finance"}
TITLE_WORDS = {"president", "prime", "minister", "premier", "chancellor", "king", "queen", "emir", "amir", "sultan",
               "supreme", "leader", "chairman", "chairwoman", "of", "the", "state", "council", "federal", "grand",
               "duke", "prince", "princess", "governor", "general", "head", "government", "acting", "interim",
               "transitional", "vice", "crown", "pope", "taoiseach", "chief", "executive", "presidential",
               "sovereign", "military", "national", "de", "facto", "co-prince", "caretaker"}
RANKS = re.compile(r"^((Sr|Snr|Lt|Maj|Brig|Gen|Col|Capt|Cpt|Adm|Marshal|Field)\.?\s+)+")


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
            title, rest = " ".join(words[:i]), RANKS.sub("", " ".join(words[i:])).split()
            if not title or not rest:
                continue
            name = " ".join("-".join(p if not p.isupper() or len(p) < 2 or re.fullmatch(r"[IVX]+", p) else p.title()
                                     for p in w.split("-")) for w in rest)
            start = f"{m.group(4)}-{MONTHS[m.group(3).lower()]:02d}-{int(m.group(2)):02d}"
            out.append({"country": c["iso3"], "position": title, "person": name, "start": start, "field": field})
    return out


def _post(position: str) -> str:
    """The kind of post a head-of-state label names: 'Interim President of Syria' -> 'president'."""
    words = [w for w in position.lower().replace("-", " ").split()
             if w not in ("acting", "interim", "transitional", "caretaker", "first", "federal")]
    return words[0] if words else ""


def source_horizons(shared: Path, factbook_as_of: str) -> dict[str, str]:
    """Source -> the last date it knows about: each Wikidata scraper repository's snapshot date, the
    Factbook's data date and the curated tables' check date."""
    horizons = {"factbook": factbook_as_of, "curated": CURATED_HORIZON}
    with (shared / "data/kb/leaders_sources.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            horizons[r["source_repo"]] = r["commit_date"]
    return horizons


def build_leaders(shared: Path, countries: list[dict], classifier: PositionClassifier,
                  curated: Path) -> tuple[list, list, dict[int, list[str]]]:
    """(people [[qid, name]], offices [[pid, iso3, position, sector, class, start, end, source]],
    aliases {pid: [alias]})."""
    people: dict[str, int] = {}
    person_rows: list[list] = []
    offices: list[list] = []
    aliases: dict[int, list[str]] = defaultdict(list)

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
            cls = cls or ""
            if not keep:
                continue
            if r["jurisdiction_type"] == "subnational":
                cls = ""  # a state secretary of state or a regional premier is not the national office
            row = (iso, r["position"], qid, pad_start(r["start"]), pad_end(r["end"]))
            if row in seen:
                continue
            seen.add(row)
            offices.append([person_id(qid, name), iso, r["position"], sector, cls, row[3], row[4], r["source_repo"]])
    extra = [dict(r, source="curated") for r in read_tsv(curated / "leaders.tsv")]
    for fb in factbook_heads(countries):
        extra.append({"country": fb["country"], "position": fb["position"], "person": fb["person"], "qid": "",
                      "start": fb["start"], "end": "", "source": "factbook"})
    by_surname = defaultdict(list)
    for idx, (_, name) in enumerate(person_rows):
        toks = name_tokens(name)
        if toks:
            by_surname[toks[-1]].append(idx)
    for e in extra:
        _add_extra(e, classifier, people, person_rows, offices, aliases, by_surname, person_id)
    offices.sort(key=lambda o: (o[1], o[2], o[5], o[0]))
    return person_rows, offices, aliases


def _add_extra(e, classifier, people, person_rows, offices, aliases, by_surname, person_id) -> None:
    sector, cls, _ = classifier.classify(e["position"], e["country"])
    # Curated rows may override the label classification (a CPSU General Secretary led the Soviet state).
    sector, cls = e.get("sector") or sector, e.get("class") or cls or ""
    if cls == "-":
        cls = ""
    idx = _match_person(e, people, person_rows, offices, by_surname)
    if idx is None:
        if not e["position"]:
            print(f"warning: curated aliases for unknown person {e['person']!r} ignored")
            return
        idx = person_id(e.get("qid", ""), e["person"])
        toks = name_tokens(e["person"])
        if toks:
            by_surname[toks[-1]].append(idx)
    for alias in (a for a in e.get("aliases", "").split("|") if a):
        if alias not in aliases[idx]:
            aliases[idx].append(alias)
    if not e["position"]:
        return
    # A new holder of a single-holder office ends the open term of the previous holder (of the same post:
    # Iran's President does not end the Supreme Leader's term, though both lead the state).
    if cls in SINGLE_HOLDER:
        for o in offices:
            if o[1] == e["country"] and o[4] == cls and not o[6] and o[5] < e["start"] and o[0] != idx \
                    and (cls not in ("head_of_state", "head_of_government") or _post(o[2]) == _post(e["position"])):
                o[6] = e["start"]
    same_post = [o for o in offices if o[0] == idx and o[1] == e["country"] and o[4] == cls
                 and (cls not in ("head_of_state", "head_of_government") or _post(o[2]) == _post(e["position"]))]
    if e["source"] == "curated":
        if _merge_curated(e, same_post):
            return
    else:
        same = [o for o in same_post if o[5][:7] <= e["start"][:7] and (not o[6] or o[6] >= e["start"])]
        # The same term under another spelling of the name ("Binyamin Netanyahu"): the Factbook confirms it.
        same += [o for o in offices if o[1] == e["country"] and o[4] == cls and cls and not o[6]
                 and abs(_days(o[5]) - _days(e["start"])) <= 45]
        if same:
            for o in same:   # the Factbook still lists the holder: the term is known to its date
                if not o[6]:
                    o[7] = "factbook"
            return
    offices.append([idx, e["country"], e["position"], sector, cls, e["start"], e.get("end", ""), e["source"]])


def _match_person(e, people, person_rows, offices, by_surname) -> int | None:
    if e.get("qid") and e["qid"] in people:
        return people[e["qid"]]
    toks = name_tokens(e["person"])
    # Factbook spellings match a person of the same country by surname and first-name skeleton; curated names
    # are written in full ("George H. W. Bush" is not "George W. Bush").
    cands = [i for i in by_surname.get(toks[-1] if toks else "", [])
             if (e["source"] == "curated" and name_tokens(person_rows[i][1]) == toks)
             or (e["source"] != "curated" and any(o[0] == i and o[1] == e["country"] for o in offices)
                 and skeleton(name_tokens(person_rows[i][1])[0]) == skeleton(toks[0]))]
    return cands[0] if cands else None


def _merge_curated(e, same_post: list[list]) -> bool:
    """Fold a curated term into the snapshot's terms of the same person and post; True when it was one of them.
    A curated end closes the snapshot's open term; an open curated term confirms it to the curated horizon."""
    end = e.get("end", "")
    merged = False
    for o in same_post:
        if o[5] == e["start"] or (not o[6] and o[5] <= (end or e["start"])):
            if end and (not o[6] or o[5] == e["start"]):
                o[6] = end
            if not end and not o[6] and o[7] != "factbook":
                o[7] = "curated"
            merged = merged or o[5] == e["start"] or not end
    return merged


def _days(date: str) -> int:
    y, m, d = (int(x) for x in (date + "-01-01")[:10].split("-"))
    return y * 372 + m * 31 + d
