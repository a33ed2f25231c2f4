"""The resolution lexicon (``data/resolution.json``) and the rule read from it alone: before a state's
independence its places and people belong to the state it was part of.

Shared by the resolver (``resolve_actor``), the mention finder and the pipeline stage, so none of them imports another.
"""
from __future__ import annotations

import json
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from heron.records import Actor


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    with resources.files("heron.data").joinpath("resolution.json").open(encoding="utf-8") as f:
        return {k: set(v) if isinstance(v, list) else v for k, v in json.load(f).items() if not k.startswith("_")}


def historical_state(actor: Actor, date: str) -> Actor:
    """Before a state's independence its places and people belong to the state it was part of."""
    successors = _lexicon()["successor_states"]
    def older(code):
        parent, since = successors.get(code, (None, None))
        return parent if parent and date < since else code
    country = older(actor.country) if actor.country else actor.country
    members = list(dict.fromkeys(older(c) for c in actor.members)) if actor.members else actor.members
    if country == actor.country and members == actor.members:
        return actor
    code = actor.code
    if country and code and actor.country and code.startswith(actor.country):
        code = country + code[len(actor.country):]
    return replace(actor, country=country, members=members, code=code,
                   source=(actor.source or "") + "+historical-state")
