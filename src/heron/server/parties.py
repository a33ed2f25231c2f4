"""Names and kinds of the parties in dyads (countries, IGOs), from the actor knowledge base file.

Only the two small tables are read (countries and IGOs), not the whole knowledge base with its
alias indexes, which the server does not need.
"""
from __future__ import annotations

import gzip
import json
from functools import lru_cache
from typing import Optional

from heron.actors.kb import DATA_FILE


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    with gzip.open(DATA_FILE, "rt", encoding="utf-8") as f:
        raw = json.load(f)
    return ({code: c["name"] for code, c in raw["countries"].items()},
            {code: i["name"] for code, i in raw["igos"].items()})


def codes() -> list[str]:
    """Every code `party` knows: the network's possible nodes."""
    countries, igos = _tables()
    return sorted(set(countries) | set(igos))


def party(code: str) -> tuple[Optional[str], Optional[str]]:
    """(name, kind) of a dyad party: kind 'state' for a country code, 'igo' for an IGO, else None.

    Country codes win where an IGO abbreviation is the same (CAN: Canada, not the Andean Community).
    """
    countries, igos = _tables()
    if code in countries:
        return countries[code], "state"
    if code in igos:
        return igos[code], "igo"
    return None, None
