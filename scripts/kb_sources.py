"""Readers for the raw actor sources under shared/data/kb/sources/ (used by scripts/build_kb.py only).

- PETRARCH-2 dictionaries (MIT, Open Event Data): militant/non-state groups, international actors
  (companies, NGOs, media with a country code) and agent nouns.
- UCDP Actor Dataset v22.1 (CC BY 4.0): armed groups with the Gleditsch-Ward number of where they fight,
  mapped to ISO 3166 with NGEC's cow2iso.txt (MIT).
- ISO 3166-2 subdivision names from pycountry (facts; the library is used at build time only).

Every reader returns plain rows; build_kb.py decides precedence (curated tables first).
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

from heron.actors.text import phrase_key

SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "REB", "OPP", "PTY", "SPY", "UAF", "CVL", "BUS", "MED", "LAB", "EDU",
           "REF", "REL", "CRM", "HLH", "AGR", "ELI", "NGO", "ENV", "HRI", "DEV"}
# Words that do not make a name distinctive: a group named only with them ("Popular Front", "National Army")
# would swallow ordinary phrases, so such imported names are skipped.
GENERIC_WORDS = set("""
the of and for in a an to de la del el les des du al
national popular people's peoples people democratic revolutionary liberation front army movement forces force
party union united patriotic council committee republic government military islamic islam resistance
organization organisation group groups brigade brigades battalion faction factions alliance coalition
federation federal socialist communist workers workers' independence independent freedom free new
revolution struggle command commando defence defense self-defence self-defense security guard guards
militia militias youth students action unity salvation justice liberty sacred holy martyrs martyr
supporters opponents forces' armed central general special international world global
north south east west northern southern eastern western central
""".split())


# ----------------------------------------------------------------------------------------------- PETRARCH
def petrarch_entries(path: Path) -> list[tuple[list[str], list[tuple[str, str, str]], str]]:
    """(names, [(code, start, end)], comment of the entry's first line) per dictionary entry; dates ISO or ''."""
    entries: list[tuple[list[str], list[tuple[str, str, str]], str]] = []
    current = None
    for raw in path.read_text(encoding="latin-1").splitlines():
        line, _, comment = raw.partition("#")
        line = line.rstrip()
        if not line.strip():
            current = None
            continue
        codes = re.findall(r"\[([^\]]+)\]", line)
        head = re.sub(r"\[[^\]]*\]|\{[^}]*\}", "", line).strip()
        if raw[:1] in ("\t", " ") and not head:
            if current is not None:
                current[1].extend(_code(c) for c in codes)
            continue
        if head.startswith("+"):
            if current is not None:
                current[0].extend(p for p in re.split(r"\+", head) if p.strip())
            continue
        current = ([head], [_code(c) for c in codes], comment)
        entries.append(current)
    return entries


def _date(d: str) -> str:
    d = d.strip()
    if len(d) == 6:
        d = ("19" if int(d[:2]) > 30 else "20") + d
    return f"{d[:4]}-{d[4:6]}-{d[6:8]}" if len(d) == 8 and d.isdigit() else ""


def _code(spec: str) -> tuple[str, str, str]:
    parts = spec.split()
    code, rng = parts[0], (parts[1] if len(parts) > 1 else "")
    if rng.startswith(">"):
        return code, _date(rng[1:]), ""
    if rng.startswith("<"):
        return code, "", _date(rng[1:])
    if "-" in rng:
        a, b = rng.split("-", 1)
        return code, _date(a), _date(b)
    return code, "", ""


def clean_name(raw: str) -> tuple[str, list[str]]:
    """'ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_' -> ('Aden Abyan Islamic Army', ['AAIA'])."""
    text = raw.replace("_", " ").strip(" +")
    acronyms = [a.strip() for a in re.findall(r"\(([^)]*)\)", text) if a.strip()]
    text = re.sub(r"\([^)]*\)", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" ,.-")
    words = text.split()
    if len(words) == 1 and len(words[0]) <= 4 and words[0].isupper():
        return words[0], acronyms
    return " ".join(_title(w) for w in words), acronyms


def _title(word: str) -> str:
    if word.lower() in {"of", "the", "and", "for", "in", "de", "la", "al", "el"}:
        return word.lower()
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


def distinctive(name: str) -> bool:
    words = [w for w in re.split(r"[\s\-/]+", name.lower()) if w]
    return bool(words) and any(w.strip("'’.,") not in GENERIC_WORDS for w in words)


def country_sector(code: str, countries: set[str]) -> tuple[str | None, str | None]:
    """'PSEREBHMS' -> ('PSE', 'REB'); 'IMGMUSALQ' -> (None, None); 'MNCUSA' -> ('USA', None)."""
    country = None
    rest = code
    for prefix in ("MNC", "NGO"):
        if rest.startswith(prefix):
            rest = rest[3:]
    if rest[:3] in countries:
        country, rest = rest[:3], rest[3:]
    sector = next((rest[i:i + 3] for i in range(0, len(rest), 3) if rest[i:i + 3] in SECTORS), None)
    return country, sector


def milnonstate_rows(path: Path, countries: set[str]) -> list[dict]:
    """Armed and non-state groups with a home country (transnational 'IMG' groups are left to curated rows)."""
    rows = []
    for names, codes, _ in petrarch_entries(path):
        if not codes:
            continue
        code, start, end = codes[0]
        country, sector = country_sector(code, countries)
        if not country:
            continue
        name, acronyms = clean_name(names[0])
        aliases = acronyms + [a for n in names[1:] for a in [clean_name(n)[0], *clean_name(n)[1]]]
        rows.append({"name": name, "aliases": aliases, "country": country, "sector": sector or "REB",
                     "type": None, "start": start, "end": end, "source": "petrarch2"})
    return rows


# Companies below this yearly revenue (the dictionary's comment) are too small to be news actors.
MIN_REVENUE = 5_000_000_000
COMPANY_SUFFIX = re.compile(r"(\s+(Inc|Ltd|Plc|Corp|Corporation|Company|Co|Group|Holdings|Sa|Ag|Nv|Llc|Limited|"
                            r"Incorporated|Se|Spa|Asa|Ab|International))+\.?$", re.IGNORECASE)


def international_rows(path: Path, countries: set[str]) -> list[dict]:
    """Large companies (MNC), NGOs and news media of the international dictionary that name a home country."""
    rows = []
    for names, codes, comment in petrarch_entries(path):
        if not codes or any(s or e for _, s, e in codes):
            continue            # date-restricted entries are office holders, not organisations
        code = codes[0][0]
        if not code.startswith(("MNC", "NGO")) and not code.endswith("MED"):
            continue
        revenue = re.search(r"\$([\d,]+)", comment)
        if code.startswith("MNC") and (int(revenue.group(1).replace(",", "")) < MIN_REVENUE if revenue else
                                       re.search(r"(?i)spokes|chief|executive|president|chairman", comment)):
            continue
        country, sector = country_sector(code, countries)
        if not country:
            continue
        name, acronyms = clean_name(names[0])
        kind = "company" if code.startswith("MNC") else ("ngo" if code.startswith("NGO") else "media")
        sector = {"company": "BUS", "ngo": "NGO", "media": "MED"}[kind]
        aliases = acronyms + [clean_name(n)[0] for n in names[1:]]
        short = COMPANY_SUFFIX.sub("", name)
        if kind == "company" and short != name and short:
            aliases.append(short)
        rows.append({"name": name, "aliases": aliases, "country": country, "sector": sector, "type": kind,
                     "start": "", "end": "", "source": "petrarch2"})
    return rows


def agent_nouns(path: Path) -> list[tuple[str, str]]:
    """(phrase, sector) from the agents dictionary, with its !SET! substitutions expanded."""
    sets: dict[str, list[str]] = {}
    out = []
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.split("#", 1)[0].strip()
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if m:
            sets[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        m = re.match(r"^([A-Z][A-Z0-9_'\-!]*)\s*(?:\{[^}]*\})?\s*\[~([A-Z]{3})", line)
        if not m:
            continue
        forms = [m.group(1)]
        for key, values in sets.items():
            forms = [f.replace(key, v) for f in forms for v in values] if any(key in f for f in forms) else forms
        for form in forms:
            if "!" not in form:
                out.append((form.replace("_", " ").strip().lower(), m.group(2)))
    return out


# ----------------------------------------------------------------------------------------------- UCDP
def cow_to_iso(path: Path) -> dict[int, str]:
    """Gleditsch-Ward / COW number -> ISO3 (the latest valid row wins)."""
    out: dict[int, tuple[str, str]] = {}
    with path.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if not r["cow_id"].strip().isdigit() or not r["iso3"]:
                continue
            n = int(r["cow_id"])
            since = r["valid_from"] or "0"
            if n not in out or since >= out[n][1]:
                out[n] = (r["iso3"], since)
    return {n: iso for n, (iso, _) in out.items()}


# GW numbers of states that cow2iso does not list under the same number.
GW_EXTRA = {260: "DEU", 265: "DEU", 340: "SRB", 345: "SRB", 347: "XKX", 678: "YEM", 680: "YEM", 626: "SSD",
            816: "VNM", 817: "VNM", 365: "RUS", 541: "MOZ"}


def ucdp_rows(path: Path, cow2iso: dict[int, str]) -> list[dict]:
    """UCDP armed groups (Org 1) that fight in one or two states; governments, supporters and communal
    groups are not organisations of their own."""
    rows = []
    with path.open(encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            if r["Org"].strip() != "1":
                continue
            name = r["NameData"].strip()
            if re.match(r"(?i)military faction|supporters of|opponents of|forces of", name):
                continue
            locs = [int(x) for x in re.findall(r"\d+", r["GWNOLoc"])]
            if not locs or len(locs) > 2:
                continue
            country = GW_EXTRA.get(locs[0]) or cow2iso.get(locs[0])
            if not country:
                continue
            aliases = [a.strip() for a in (r["NameOrig"], r["NameOrigFullEng"], r["NewNameFullEng"]) if a.strip()]
            rows.append({"name": name, "aliases": aliases, "country": country, "sector": "REB",
                         "type": "armed_group", "start": "", "end": "", "source": "ucdp"})
    return rows


# ----------------------------------------------------------------------------------------------- places
SUBDIVISION_TYPES = {"Province", "Region", "State", "Governorate", "County", "Department", "Prefecture",
                     "Autonomous region", "Autonomous republic", "Autonomous province", "Federal district",
                     "Capital territory", "Autonomous community", "Administrative region", "Oblast",
                     "Federal territory", "Union territory", "Division", "Emirate", "Autonomous city",
                     "Metropolitan region", "Capital district", "Capital city", "Special administrative region",
                     "Autonomous district", "Republic", "Federal dependency"}
NAME_SUFFIXES = re.compile(r"\s+(sheng|shi|zizhiqu|province|region|state|governorate|oblast'?|kray|oblast|"
                           r"county|prefecture|department)$|,\s*respublika$", re.IGNORECASE)


def subdivision_places(alias_keys: set[str], sector_keys: set[str]) -> dict[str, list[str]]:
    """ISO 3166-2 first-level names -> ISO3 states ('zamfara' -> ['NGA'], 'punjab' -> ['IND', 'PAK'])."""
    import pycountry  # build-time only

    places: dict[str, list[str]] = {}
    for sub in pycountry.subdivisions:
        if sub.type not in SUBDIVISION_TYPES or getattr(sub, "parent_code", None):
            continue
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if country is None:
            continue
        for name in {sub.name, NAME_SUFFIXES.sub("", sub.name)}:
            key = phrase_key(name)
            if len(key) < 4 or key in alias_keys or key in sector_keys or not distinctive(name):
                continue
            iso = country.alpha_3
            if iso not in places.setdefault(key, []):
                places[key].append(iso)
    return places
