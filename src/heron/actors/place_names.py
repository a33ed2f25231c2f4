"""Places inside actor names: "Moscow police", "Lagos State government", "residents of Kharkiv" -> the state.

A provincial or regional name comes from the KB's place table (ISO 3166-2 subdivisions and territories); a town
from the gazetteer (GeoNames cities), which is loaded only when a phrase needs it. Names of several states
("Punjab", "Tripoli") take the state the document names, else the first (the larger) reading.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from heron.actors.kb import KnowledgeBase

# A town this small is more often a surname or a word than the place an actor is named after.
MIN_POPULATION = 50_000


class PlaceNames:
    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self._gazetteer = None

    def _gaz(self):
        if self._gazetteer is None:
            from heron.when_where.places import default_gazetteer

            self._gazetteer = default_gazetteer()
        return self._gazetteer

    def countries(self, name: str) -> list[str]:
        """States a place of this name belongs to, most likely first; [] when it is not a known place."""
        found = list(self.kb.place_countries(name))
        if found:
            return found
        return _city_countries(self._gaz(), name)

    def country(self, name: str, support: Iterable[str] = ()) -> str | None:
        found = self.countries(name)
        if not found:
            return None
        return next((c for c in found if c in set(support)), found[0])


def _city_countries(gazetteer, name: str) -> list[str]:
    return list(_cached_city_countries(gazetteer, name))


@lru_cache(maxsize=65536)
def _cached_city_countries(gazetteer, name: str) -> tuple[str, ...]:
    # A city's own name, or a well-known other name of a big one ("Roma"); "Black Hawk" is an old name of
    # Janesville, not the place in "Black Hawk helicopters".
    entries = [e for e in gazetteer.candidates(name) if e.iso3 and e.feature in ("city", "admin1", "region")
               and (e.feature != "city" or ((e.primary or e.population >= 200_000)
                                            and (e.capital or e.population >= MIN_POPULATION)))]
    entries.sort(key=lambda e: (e.feature == "city", -e.population))
    return tuple(dict.fromkeys(e.iso3 for e in entries))
