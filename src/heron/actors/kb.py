"""Actor knowledge base: countries, IGOs, groups, armed groups, office holders and sector nouns.

The data file ``heron/data/kb/kb.json.gz`` is built by ``scripts/build_kb.py``; user additions come
from ``$HERON_HOME/actors.csv`` (default ``~/.heron``) and ``KnowledgeBase.add_user_actors(path)``.
"""
from __future__ import annotations

import csv
import gzip
import json
import os
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).parent.parent / "data" / "kb" / "kb.json.gz"
# Countries whose leaders are named surname first ("Xi Jinping" -> "President Xi").
SURNAME_FIRST = {"CHN", "TWN", "KOR", "PRK", "HKG", "MAC"}
USER_COLUMNS = ["name", "aliases", "country", "sector", "kind", "code", "wikidata", "role", "start", "end",
                "members", "igo"]

# ----------------------------------------------------------------------------------------------- text
_TOKEN_RE = re.compile(r"[A-Za-z](?:\.[A-Za-z])+\.?|\w+(?:[-'’]\w+)*|[^\w\s]")
_POSSESSIVE_RE = re.compile(r"['’]s$|['’]$", re.IGNORECASE)
_QUOTES = {"'", "’", "‘", '"', "“", "”", "`", "«", "»"}
# Transliteration skeleton: Tleouberdi / Tileuberdi / Tleuberdi -> "tlbrd"; Zhomart / Jomart -> "jmrt".
_SKELETON_SUBS = [("dzh", "j"), ("zh", "j"), ("dj", "j"), ("kh", "h"), ("ph", "f"), ("ck", "k"), ("q", "k"),
                  ("w", "v"), ("x", "ks"), ("c", "k"), ("y", "i")]


def fold(text: str) -> str:
    """Lower-case, strip accents, unify apostrophes: 'Élysée' -> 'elysee'."""
    text = text.replace("’", "'").replace("‘", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def tokenize(text: str) -> list[str]:
    """Tokens in original case; possessive 's and quote marks dropped ("Chile's" -> "Chile")."""
    out = []
    for tok in _TOKEN_RE.findall(text):
        if tok in _QUOTES:
            continue
        if len(tok) > 2 and ("'" in tok or "’" in tok):
            tok = _POSSESSIVE_RE.sub("", tok)
        out.append(tok)
    return out


def key_of(tokens) -> str:
    return " ".join(fold(t) for t in tokens)


def phrase_key(text: str) -> str:
    return key_of(tokenize(text))


def is_case_sensitive_alias(alias: str) -> bool:
    """Short all-capital aliases ('US', 'IS', 'PA') match only in capitals."""
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 6


def name_tokens(name: str) -> list[str]:
    """Folded name parts: 'Kassym-Jomart Tokayev' -> ['kassym', 'jomart', 'tokayev']."""
    return [t for t in re.split(r"[\s\-.'’,]+", fold(name)) if t]


def skeleton(part: str) -> str:
    s = part
    for a, b in _SKELETON_SUBS:
        s = s.replace(a, b)
    if not s:
        return s
    out = s[0]
    for ch in re.sub(r"[aeiouh]", "", s[1:]):
        if ch != out[-1]:
            out += ch
    return out


def normalize_date(date: str | None) -> str | None:
    """ISO date or prefix -> 'YYYY-MM-DD' (mid-period for year or month precision); None if unreadable."""
    if not date:
        return None
    d = str(date).strip()[:10]
    if re.fullmatch(r"\d{4}", d):
        return d + "-07-01"
    if re.fullmatch(r"\d{4}-\d{2}", d):
        return d + "-15"
    return d if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) else None


def read_tsv(path: Path) -> list[dict]:
    """A tab-separated table with '#' comment lines; cells stripped."""
    rows, header = [], None
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = cells
            continue
        rows.append(dict(zip(header, cells + [""] * (len(header) - len(cells)))))
    return rows


# ----------------------------------------------------------------------------------------------- records
@dataclass(frozen=True)
class Office:
    person: int
    country: str | None
    position: str
    sector: str
    cls: str
    start: str
    end: str          # "" = no end recorded

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
    """A named organisation or group (armed group, NGO, user actor), valid between start and end."""
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

    def active(self, date: str | None) -> bool:
        if date is None:
            return not self.end
        return (not self.start or self.start <= date) and (not self.end or date <= self.end)


@dataclass(frozen=True)
class AliasEntry:
    type: str          # name | adj | capital | institution | igo | group | group_adj | actor
    target: str        # ISO3, IGO abbreviation, group key, or named-actor name
    sector: str | None


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


# ----------------------------------------------------------------------------------------------- KB
class KnowledgeBase:
    def __init__(self, path: Path | str = DATA_FILE):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            raw = json.load(f)
        self.countries: dict[str, dict] = raw["countries"]
        self.igos: dict[str, dict] = raw["igos"]
        self.groups: dict[str, dict] = raw["groups"]
        self.positions = PositionClassifier.from_rows(raw["positions"])
        self.aliases_ci: dict[str, list[AliasEntry]] = defaultdict(list)
        self.aliases_cs: dict[str, list[AliasEntry]] = defaultdict(list)
        self.max_alias_len = 1
        self.named: dict[str, list[NamedActor]] = defaultdict(list)
        for alias, typ, target, sector in raw["aliases"]:
            self._add_alias(alias, AliasEntry(typ, target, sector or None))
        for abbr, igo in self.igos.items():
            for alias in [abbr, igo["name"], *igo["aliases"]]:
                self._add_alias(alias, AliasEntry("igo", abbr, None))
        for key, g in self.groups.items():
            for alias in g["aliases"]:
                self._add_alias(alias, AliasEntry("group_adj" if g["type"] == "adj" else "group", key, None))
        for r in raw["nonstate"]:
            self._add_named(r)
        self.group_heads = {phrase_key(h): (s or None) for h, s in raw["group_heads"]}
        self.sectors: dict[str, SectorEntry] = {
            k: SectorEntry(s, None if c == "-" else c, int(w), bool(p)) for k, s, c, w, p in raw["sectors"]}
        self.max_sector_len = max(len(k.split()) for k in self.sectors)
        self.people = [Person(i, name, qid or None) for i, (qid, name) in enumerate(raw["people"])]
        self.offices: list[list[Office]] = [[] for _ in self.people]
        self.holders: dict[tuple[str, str], list[Office]] = defaultdict(list)
        for pid, iso, pos, sector, cls, start, end in raw["offices"]:
            self._add_office(Office(pid, iso, pos, sector, cls or "", start, end))
        self.by_name: dict[str, list[int]] = defaultdict(list)
        self.by_surname: dict[str, list[int]] = defaultdict(list)
        self.by_skeleton: dict[str, list[int]] = defaultdict(list)
        for p in self.people:
            self._index_person(p)

    # -- building ------------------------------------------------------------------------------
    def _add_alias(self, alias: str, entry: AliasEntry) -> None:
        toks = tokenize(alias)
        if not toks:
            return
        if is_case_sensitive_alias(alias):
            target = self.aliases_cs[" ".join(toks)]
        else:
            target = self.aliases_ci[key_of(toks)]
        if entry not in target:
            target.append(entry)
        self.max_alias_len = max(self.max_alias_len, len(toks))

    def _add_named(self, r: dict) -> None:
        members = tuple(r["members"].split()) if r.get("members") else None
        actor = NamedActor(r["name"], r.get("country") or None, r.get("kind") or "nonstate", r.get("sector") or None,
                           r.get("code") or None, r.get("start", ""), r.get("end", ""), r.get("wikidata") or None,
                           members, r.get("igo") or None)
        self.named[actor.name].append(actor)
        for alias in [r["name"], *[a for a in r.get("aliases", "").split("|") if a]]:
            self._add_alias(alias, AliasEntry("actor", actor.name, None))

    def _add_office(self, office: Office) -> None:
        self.offices[office.person].append(office)
        if office.country and office.cls:
            self.holders[(office.country, office.cls)].append(office)

    def _index_person(self, p: Person) -> None:
        toks = name_tokens(p.name)
        if not toks:
            return
        self.by_name[" ".join(toks)].append(p.id)
        self.by_surname[toks[-1]].append(p.id)
        self.by_skeleton[skeleton(toks[-1])].append(p.id)
        if len(toks) > 1 and any(o.country in SURNAME_FIRST for o in self.offices[p.id]):
            self.by_surname[toks[0]].append(p.id)

    def add_person(self, name: str, wikidata: str | None, offices: list[tuple]) -> Person:
        """Add a person with offices given as (country, position, sector|None, start, end)."""
        p = Person(len(self.people), name, wikidata)
        self.people.append(p)
        self.offices.append([])
        for country, position, sector, start, end in offices:
            auto_sector, cls, _ = self.positions.classify(position, country)
            self._add_office(Office(p.id, country, position, sector or auto_sector, cls or "", start, end))
        self._index_person(p)
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
            if r.get("role") or r.get("kind") == "person":
                start, end = (normalize_date(r.get("start")) or ""), (normalize_date(r.get("end")) or "")
                offices = [(r.get("country") or None, r["role"], r.get("sector") or None, start, end)] if r.get(
                    "role") else []
                p = self.add_person(r["name"], r.get("wikidata") or None, offices)
                for alias in [a for a in r.get("aliases", "").split("|") if a]:
                    self.by_name[" ".join(name_tokens(alias))].append(p.id)
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

    def office_holders(self, country: str, cls: str, date: str | None) -> list[Office]:
        return [o for o in self.holders.get((country, cls), []) if o.active(date)]

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

    def country_name(self, iso3: str | None) -> str | None:
        return self.countries.get(iso3, {}).get("name") if iso3 else None

    def show(self, text: str) -> list[dict]:
        """Everything the KB holds under a name (for `heron kb show`)."""
        out = []
        toks = tokenize(text)
        for entry in self.aliases_cs.get(" ".join(toks), []) + self.aliases_ci.get(key_of(toks), []):
            d = {"match": entry.type, "target": entry.target, "sector": entry.sector}
            if entry.type == "igo":
                d.update(name=self.igos[entry.target]["name"], code=self.igos[entry.target]["code"])
            elif entry.type in ("group", "group_adj"):
                d.update(members=self.groups[entry.target]["members"])
            elif entry.type == "actor":
                d.update(rows=[a.__dict__ for a in self.named[entry.target]])
            else:
                d.update(name=self.country_name(entry.target))
            out.append(d)
        nt = name_tokens(text)
        ids = self.by_name.get(" ".join(nt), []) or (self.by_surname.get(nt[0], []) if len(nt) == 1 else [])
        for pid in dict.fromkeys(ids):
            p = self.people[pid]
            out.append({"match": "person", "name": p.name, "wikidata": p.wikidata,
                        "offices": [o.__dict__ | {"person": None} for o in self.offices[pid]]})
        return out

    def stats(self) -> dict[str, int]:
        return {"countries": len(self.countries), "aliases": len(self.aliases_ci) + len(self.aliases_cs),
                "igos": len(self.igos), "groups": len(self.groups), "named_actors": len(self.named),
                "people": len(self.people), "offices": sum(len(o) for o in self.offices),
                "sector_nouns": len(self.sectors)}


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
