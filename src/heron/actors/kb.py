"""Actor knowledge base: countries, territories, IGOs, groups, organisations, office holders and sector nouns.

The data file ``heron/data/kb/kb.json.gz`` is built by ``scripts/build_kb.py`` with every lookup key already
computed (alias keys, person-name indexes), so loading it is a JSON parse and dictionary building. User
additions come from ``$HERON_HOME/actors.csv`` (default ``~/.heron``) and ``KnowledgeBase.add_user_actors(path)``.
"""
from __future__ import annotations

import csv
import gc
import gzip
import json
import os
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

from heron.actors.text import (  # noqa: F401  (re-exported: the KB's text helpers)
    alias_key,
    fold,
    is_case_sensitive_alias,
    key_of,
    name_tokens,
    normalize_date,
    person_keys,
    phrase_key,
    read_tsv,
    skeleton,
    tokenize,
)

DATA_FILE = Path(__file__).parent.parent / "data" / "kb" / "kb.json.gz"
# Countries whose leaders are named surname first ("Xi Jinping" -> "President Xi").
SURNAME_FIRST = {"CHN", "TWN", "KOR", "PRK", "HKG", "MAC", "VNM", "KHM"}
USER_COLUMNS = ["name", "aliases", "country", "sector", "kind", "code", "wikidata", "role", "start", "end",
                "members", "igo", "type"]
# What a named organisation is (`heron kb show` prints it; `heron kb add` accepts it in the `type` column).
ORG_TYPES = ("ministry", "agency", "police", "security_service", "military", "legislature", "court", "party",
             "armed_group", "criminal_group", "university", "media", "company", "ngo", "igo", "religious", "movement")
# Sector inserted in the code of breakaway, partly recognised and occupied territories ("MDAPREGOV"), as PLOVER
# codes them: the claiming state plus PRE, so analysts can filter them.
TERRITORY_SECTOR = "PRE"
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}


# ----------------------------------------------------------------------------------------------- records
class Office(NamedTuple):
    person: int
    country: str | None
    position: str
    sector: str
    cls: str
    start: str
    end: str          # "" = no end recorded
    source: str = ""  # data source; its horizon is the last date it knows about

    def active(self, date: str | None) -> bool:
        if date is None:
            return not self.end
        return (not self.start or self.start <= date) and (not self.end or date <= self.end)


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    wikidata: str | None


@dataclass(frozen=True)
class NamedActor:
    """A named organisation or group (ministry, party, armed group, company, ...), valid between start and end."""
    name: str
    country: str | None
    kind: str
    sector: str | None
    code: str | None
    start: str = ""
    end: str = ""
    wikidata: str | None = None
    members: tuple[str, ...] | None = None
    igo: str | None = None
    type: str | None = None         # one of ORG_TYPES

    def active(self, date: str | None) -> bool:
        if date is None:
            return not self.end
        return (not self.start or self.start <= date) and (not self.end or date <= self.end)


@dataclass(frozen=True)
class AliasEntry:
    type: str          # name | adj | capital | institution | igo | group | group_adj | actor
    target: str        # ISO3, IGO abbreviation, group key, or named-actor name
    sector: str | None
    support: bool = False          # only when the document names the target's country ("Congress" -> INC)
    territory: str | None = None   # a breakaway/occupied territory coded under the target state


@dataclass(frozen=True)
class SectorEntry:
    sector: str
    cls: str | None
    weak: int          # 0 head noun, 1 role noun (sector from a modifier), 2 needs a modifier to be an actor
    plural: bool


@dataclass
class PositionClassifier:
    """Office label -> (sector, class, keep) from curated/positions.tsv regexes."""
    rules: list[tuple[re.Pattern, str, str | None, bool, frozenset]] = field(default_factory=list)

    @classmethod
    def from_rows(cls, rows: list[dict]) -> "PositionClassifier":
        return cls([(re.compile(r["pattern"], re.I), r["sector"], None if r["class"] == "-" else r["class"],
                     r["keep"] != "0", frozenset(r.get("countries", "").split())) for r in rows])

    def classify(self, position: str, country: str | None = None) -> tuple[str, str | None, bool]:
        for pattern, sector, cls, keep, countries in self.rules:
            if countries and country not in countries:
                continue
            if pattern.search(position):
                return sector, cls, keep
        return "GOV", None, True


class PersonIndex(dict):
    """Name key -> person ids. Most keys name one person, stored as a bare int; a list only where several
    share the key. (A hundred thousand one-item lists would stay in the garbage collector's sight and slow
    every later collection in the process.) Reads always give a tuple."""

    def __getitem__(self, key: str) -> tuple[int, ...]:
        v = dict.__getitem__(self, key)
        return (v,) if isinstance(v, int) else tuple(v)

    def get(self, key: str, default=None):
        v = dict.get(self, key)
        return default if v is None else ((v,) if isinstance(v, int) else tuple(v))

    def add(self, key: str, pid: int) -> None:
        v = dict.get(self, key)
        dict.__setitem__(self, key, pid if v is None else [*((v,) if isinstance(v, int) else v), pid])


# ----------------------------------------------------------------------------------------------- KB
def _load(path: Path | str) -> dict:
    # The file is millions of small objects: the cyclic garbage collector has nothing to find while they are
    # decoded, and running it repeatedly would double the load time.
    enabled = gc.isenabled()
    gc.disable()
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            return json.load(f)
    finally:
        if enabled:
            gc.enable()


class KnowledgeBase:
    """The actor KB. Names, aliases, organisations and sector nouns are ready after construction; person and
    office records are built on first use (``people``, ``offices``, ``holders``) from compact columns."""

    def __init__(self, path: Path | str = DATA_FILE):
        raw = _load(path)
        self.meta: dict = raw["meta"]
        self.horizons: dict[str, str] = raw["meta"].get("horizons", {})
        self.countries: dict[str, dict] = raw["countries"]
        self.igos: dict[str, dict] = raw["igos"]
        self.groups: dict[str, dict] = raw["groups"]
        self.positions = PositionClassifier.from_rows(raw["positions"])
        self.aliases_ci: defaultdict[str, list[AliasEntry]] = defaultdict(list)
        self.aliases_cs: defaultdict[str, list[AliasEntry]] = defaultdict(list)
        entries: dict[tuple, AliasEntry] = {}
        for key, cs, typ, target, sector, support, territory in raw["aliases"]:
            spec = (typ, target, sector or None, bool(support), territory or None)
            entry = entries.get(spec) or entries.setdefault(spec, AliasEntry(*spec))
            (self.aliases_cs if cs else self.aliases_ci)[key].append(entry)
        self.max_alias_len = raw["max_alias_len"]
        self.named: defaultdict[str, list[NamedActor]] = defaultdict(list)
        for name, country, kind, sector, code, start, end, members, igo, typ in raw["named"]:
            self.named[name].append(NamedActor(name, country, kind, sector, code, start, end, None,
                                               tuple(members) if members else None, igo, typ))
        self.group_heads = {phrase_key(h): (s or None) for h, s in raw["group_heads"]}
        self.sectors: dict[str, SectorEntry] = {
            k: SectorEntry(s, None if c == "-" else c, int(w), bool(p)) for k, s, c, w, p in raw["sectors"]}
        self.max_sector_len = max(len(k.split()) for k in self.sectors)
        self.places: dict[str, list[str]] = raw["places"]
        self._people_raw: dict = raw["people"]
        self._offices_raw: dict = raw["offices"]
        index = {kind: PersonIndex(keys) for kind, keys in raw["person_index"].items()}
        self.by_name: PersonIndex = index["name"]          # full name (and aliases)
        self.by_short: PersonIndex = index["short"]        # two parts of a longer name: "salva kiir"
        self.by_surname: PersonIndex = index["surname"]
        self.by_given: PersonIndex = index["given"]        # other parts written alone ("lula")
        self.by_skeleton: PersonIndex = index["skeleton"]

    @cached_property
    def people(self) -> list[Person]:
        return [Person(i, name, qid or None)
                for i, (name, qid) in enumerate(zip(self._people_raw["names"], self._people_raw["qids"]))]

    @cached_property
    def offices(self) -> list[list[Office]]:
        """Offices per person id (the file keeps them in columns, sorted by person)."""
        cols, tables = self._offices_raw["columns"], self._offices_raw["tables"]
        country, position, sector, cls, source = (tables[k] for k in ("country", "position", "sector", "cls",
                                                                       "source"))
        out: list[list[Office]] = [[] for _ in range(len(self._people_raw["names"]))]
        for pid, c, p, s, k, start, end, src in zip(*(cols[k] for k in ("person", "country", "position", "sector",
                                                                          "cls", "start", "end", "source"))):
            out[pid].append(Office(pid, country[c], position[p], sector[s], cls[k], start, end, source[src]))
        return out

    @cached_property
    def holders(self) -> defaultdict[tuple[str, str], list[Office]]:
        """(country, office class) -> offices, for bare titles ("the foreign minister")."""
        out: defaultdict[tuple[str, str], list[Office]] = defaultdict(list)
        for offices in self.offices:
            for o in offices:
                if o.country and o.cls:
                    out[(o.country, o.cls)].append(o)
        return out

    # -- building ------------------------------------------------------------------------------
    def _add_alias(self, alias: str, entry: AliasEntry) -> None:
        key = alias_key(alias)
        if key is None:
            return
        target = (self.aliases_cs if key[1] else self.aliases_ci)[key[0]]
        if entry not in target:
            target.append(entry)
        self.max_alias_len = max(self.max_alias_len, len(key[0].split()))

    def _add_named(self, r: dict) -> None:
        members = tuple(r["members"].split()) if r.get("members") else None
        country, sector = r.get("country") or None, r.get("sector") or None
        kind = r.get("kind") or ("state" if sector in STATE_SECTORS else "ngo" if sector == "NGO" else "nonstate")
        actor = NamedActor(r["name"], country, kind, sector, r.get("code") or ((country or "") + (sector or "")) or None,
                           r.get("start", ""), r.get("end", ""), r.get("wikidata") or None, members,
                           r.get("igo") or None, r.get("type") or None)
        self.named[actor.name].append(actor)
        for alias in [r["name"], *[a for a in r.get("aliases", "").split("|") if a]]:
            # "?ALIAS": only when the document names the actor's country
            self._add_alias(alias.lstrip("?"), AliasEntry("actor", actor.name, None, alias.startswith("?")))

    def _add_office(self, office: Office) -> None:
        holders = self.holders      # built from the offices so far, before this one joins them
        self.offices[office.person].append(office)
        if office.country and office.cls:
            holders[(office.country, office.cls)].append(office)

    def _index_person(self, p: Person, aliases: tuple[str, ...] = ()) -> None:
        keys = person_keys(p.name, any(o.country in SURNAME_FIRST for o in self.offices[p.id]))
        keys["name"] |= {" ".join(name_tokens(a)) for a in aliases}
        for index, found in keys.items():
            table = getattr(self, "by_" + index)
            for key in found:
                table.add(key, p.id)

    def add_person(self, name: str, wikidata: str | None, offices: list[tuple], aliases: tuple[str, ...] = (),
                   source: str = "user") -> Person:
        """Add a person with offices given as (country, position, sector|None, start, end)."""
        p = Person(len(self.people), name, wikidata)
        self.people.append(p)
        self.offices.append([])
        for country, position, sector, start, end in offices:
            auto_sector, cls, _ = self.positions.classify(position, country)
            self._add_office(Office(p.id, country, position, sector or auto_sector, cls or "", start, end, source))
        self._index_person(p, aliases)
        return p

    def add_user_actors(self, path: Path | str) -> int:
        """Add actors from a CSV with columns USER_COLUMNS (see `heron kb add --help`). Returns rows added.
        Rows with a role (or kind 'person') become office holders; others become named actors."""
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        for n, r in enumerate(rows, 2):
            r = {k: (v or "").strip() for k, v in r.items() if k}
            if not r.get("name"):
                raise ValueError(f"{path}: line {n}: 'name' is required")
            if r.get("country") and not re.fullmatch(r"[A-Z]{3}", r["country"]):
                raise ValueError(f"{path}: line {n}: country must be an ISO 3166 alpha-3 code, got {r['country']!r}")
            if r.get("type") and r["type"] not in ORG_TYPES:
                raise ValueError(f"{path}: line {n}: type must be one of {', '.join(ORG_TYPES)}, got {r['type']!r}")
            if r.get("role") or r.get("kind") == "person":
                start, end = (normalize_date(r.get("start")) or ""), (normalize_date(r.get("end")) or "")
                offices = [(r.get("country") or None, r["role"], r.get("sector") or None, start, end)] if r.get(
                    "role") else []
                self.add_person(r["name"], r.get("wikidata") or None, offices,
                                tuple(a for a in r.get("aliases", "").split("|") if a))
            else:
                self._add_named(r)
        return len(rows)

    # -- queries -------------------------------------------------------------------------------
    def match_alias(self, tokens: list[str], folded: list[str], i: int) -> tuple[int, list[AliasEntry]]:
        """Longest alias starting at token i -> (end, entries), or (i, [])."""
        for j in range(min(len(tokens), i + self.max_alias_len), i, -1):
            entries = self.aliases_cs.get(" ".join(tokens[i:j])) or self.aliases_ci.get(" ".join(folded[i:j]))
            if entries:
                return j, entries
        return i, []

    def match_sector(self, folded: list[str], i: int) -> tuple[int, SectorEntry | None]:
        for j in range(min(len(folded), i + self.max_sector_len), i, -1):
            entry = self.sectors.get(" ".join(folded[i:j]))
            if entry:
                return j, entry
        return i, None

    def offices_on(self, person: int, date: str | None) -> list[Office]:
        return [o for o in self.offices[person] if o.active(date)]

    def known_on(self, office: Office, date: str | None) -> bool:
        """Whether the office's source still knew about it on the date: an open-ended term is only known up to
        the source's horizon (a 2022 Wikidata snapshot says nothing about who is minister in 2025)."""
        if not office.active(date):
            return False
        if office.end or date is None:
            return True
        horizon = self.horizons.get(office.source)
        return horizon is None or date <= horizon

    def current_offices(self, person: int, date: str | None) -> list[Office]:
        return [o for o in self.offices[person] if self.known_on(o, date)]

    def office_holders(self, country: str, cls: str, date: str | None) -> list[Office]:
        """Holders of an office class on the date, as far as the sources covered that date."""
        return [o for o in self.holders.get((country, cls), []) if self.known_on(o, date)]

    def named_actor(self, name: str, date: str | None, country: str | None = None) -> NamedActor | None:
        """The row of a named actor for the date; a country named in the text picks among rows of several
        countries ("Syrian Ba'ath Party")."""
        rows = self.named.get(name) or []
        if not rows:
            return None
        if country and len(rows) > 1 and any(a.country == country for a in rows):
            rows = [a for a in rows if a.country == country]
        active = [a for a in rows if a.active(date)]
        return active[-1] if active else rows[-1]

    def place_countries(self, text: str) -> list[str]:
        """States of a province, region or territory named `text` ('Zamfara' -> ['NGA'], 'Punjab' -> IND, PAK)."""
        return self.places.get(phrase_key(text), [])

    def country_name(self, iso3: str | None) -> str | None:
        return self.countries.get(iso3, {}).get("name") if iso3 else None

    def show(self, text: str) -> list[dict]:
        """Everything the KB holds under a name (for `heron kb show`)."""
        out = []
        key = alias_key(text)
        toks = tokenize(text)
        found = self.aliases_cs.get(" ".join(toks), []) + self.aliases_ci.get(key_of(toks), []) if key else []
        for entry in found:
            d = {"match": entry.type, "target": entry.target, "sector": entry.sector}
            if entry.support:
                d["needs_document_country"] = True
            if entry.type == "igo":
                d.update(name=self.igos[entry.target]["name"], code=self.igos[entry.target]["code"])
            elif entry.type in ("group", "group_adj"):
                d.update(members=self.groups[entry.target]["members"])
            elif entry.type == "actor":
                d.update(rows=[asdict(a) for a in self.named[entry.target]])
            else:
                d.update(name=self.country_name(entry.target))
                if entry.territory:
                    d.update(territory=entry.territory, code=entry.target + TERRITORY_SECTOR)
            out.append(d)
        for iso3 in self.place_countries(text):
            out.append({"match": "place", "target": iso3, "name": self.country_name(iso3)})
        nt = name_tokens(text)
        ids = self.by_name.get(" ".join(nt), []) or self.by_short.get(" ".join(nt), []) or (
            self.by_surname.get(nt[0], ()) + self.by_given.get(nt[0], ()) if len(nt) == 1 else [])
        for pid in dict.fromkeys(ids):
            p = self.people[pid]
            out.append({"match": "person", "name": p.name, "wikidata": p.wikidata,
                        "offices": [o._asdict() | {"person": None} for o in self.offices[pid]]})
        return out

    def stats(self) -> dict[str, int]:
        types: dict[str, int] = defaultdict(int)
        for rows in self.named.values():
            types[rows[0].type or rows[0].kind] += 1
        return {"countries": len(self.countries), "aliases": len(self.aliases_ci) + len(self.aliases_cs),
                "igos": len(self.igos), "groups": len(self.groups), "named_actors": len(self.named),
                **{f"named_{t}": n for t, n in sorted(types.items())},
                "places": len(self.places), "people": len(self.people),
                "offices": sum(len(o) for o in self.offices), "sector_nouns": len(self.sectors)}


def heron_home() -> Path:
    return Path(os.environ.get("HERON_HOME") or Path.home() / ".heron")


def user_actors_file() -> Path:
    return heron_home() / "actors.csv"


@lru_cache(maxsize=1)
def default_kb() -> KnowledgeBase:
    """The shipped KB plus the user's actors file, loaded once."""
    kb = KnowledgeBase()
    for extra in (user_actors_file(), heron_home() / "wikidata_refresh.csv"):
        if extra.exists():
            kb.add_user_actors(extra)
    return kb
