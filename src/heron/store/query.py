"""Event filters shared by `heron query`, exports and the Python API."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from heron.store.like import LIKE, contains, like_literal
from heron.store.rows import parse_date
from heron.store.words import text_condition

# A heron.store.base.SqlStore (which imports this module), for the word index's look-ups.
SqlStore = Any

_CODE = re.compile(r"^[A-Z0-9_]{2,12}$")


@dataclass(frozen=True)
class QueryFilters:
    actor: str | None = None        # country / CAMEO code / IGO of any actor (KAZ, USAGOV, UN)
    recipient: str | None = None    # same, of any recipient
    country: str | None = None      # either side, or the event location
    sector: str | None = None       # sector of either side (GOV, MIL, ...)
    type: str | None = None         # PLOVER type (CONSULT)
    cameo_root: str | None = None   # two-digit CAMEO root (04)
    quad: int | None = None         # quad class 1-4
    since: date | None = None
    until: date | None = None
    place: str | None = None        # location text or name contains
    text: str | None = None         # words of the evidence begin so (heron.store.words); a phrase is contained
    doc_id: str | None = None
    min_confidence: float | None = None   # events at least this likely to be right (0-1)
    limit: int | None = None

    @classmethod
    def parse(cls, **raw: Any) -> "QueryFilters":
        """Validate user input; raises ValueError with a message fit for one line."""
        out: dict[str, Any] = {}
        for name in ("actor", "recipient", "country", "sector", "type"):
            v = raw.get(name)
            if v is None:
                continue
            v = str(v).strip().upper()
            if not _CODE.match(v):
                raise ValueError(f"--{name}: not a code: {raw[name]!r}")
            out[name] = v
        if raw.get("cameo_root") is not None:
            root = str(raw["cameo_root"]).strip()
            if not root.isdigit() or not 1 <= int(root) <= 20:
                raise ValueError(f"--cameo-root: expected 01-20, got {root!r}")
            out["cameo_root"] = f"{int(root):02d}"
        if raw.get("quad") is not None:
            if int(raw["quad"]) not in (1, 2, 3, 4):
                raise ValueError(f"--quad: expected 1-4, got {raw['quad']}")
            out["quad"] = int(raw["quad"])
        for name in ("since", "until"):
            v = raw.get(name)
            if v is None:
                continue
            d = parse_date(v) if not isinstance(v, date) else v
            if d is None or (isinstance(v, str) and len(v.strip()) != 10):
                raise ValueError(f"--{name}: not a date (YYYY-MM-DD): {v!r}")
            out[name] = d
        for name in ("place", "text", "doc_id"):
            if raw.get(name):
                out[name] = str(raw[name])
        if raw.get("min_confidence") is not None:
            try:
                value = float(raw["min_confidence"])
            except (TypeError, ValueError):
                raise ValueError(f"--min-confidence: not a number: {raw['min_confidence']!r}") from None
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"--min-confidence: expected 0-1, got {value}")
            out["min_confidence"] = value
        if raw.get("limit") is not None:
            if int(raw["limit"]) < 1:
                raise ValueError("--limit must be positive")
            out["limit"] = int(raw["limit"])
        return cls(**out)


def _key(code: str) -> str:
    """';KAZ;'-delimited key lists: a code (which may hold '_') matched as one whole item."""
    return f"%;{like_literal(code)};%"


def event_where(f: QueryFilters, alias: str = "e", store: SqlStore | None = None) -> tuple[str, list[Any]]:
    """SQL condition over the events table (alias `alias`) and its parameters.

    `text` goes through the word index of `store` (heron.store.words: matched at the start of words;
    its words are looked up there now) when the store has one (schema version 2), else it is a
    substring test on every sentence."""
    e = alias
    conds: list[str] = []
    params: list[Any] = []
    if f.actor:
        conds.append(f"{e}.actor_keys {LIKE}")
        params.append(_key(f.actor))
    if f.recipient:
        conds.append(f"{e}.recipient_keys {LIKE}")
        params.append(_key(f.recipient))
    if f.country:
        conds.append(f"({e}.actor_keys {LIKE} OR {e}.recipient_keys {LIKE} OR {e}.location_country = ?)")
        params += [_key(f.country), _key(f.country), f.country]
    if f.sector:
        conds.append(f"({e}.actor_sectors {LIKE} OR {e}.recipient_sectors {LIKE})")
        params += [_key(f.sector), _key(f.sector)]
    if f.type:
        conds.append(f"{e}.plover_type = ?")
        params.append(f.type)
    if f.cameo_root:
        conds.append(f"{e}.cameo_root = ?")
        params.append(f.cameo_root)
    if f.quad:
        conds.append(f"{e}.quad_class = ?")
        params.append(f.quad)
    if f.since:
        conds.append(f"{e}.event_date >= ?")
        params.append(f.since)
    if f.until:
        conds.append(f"{e}.event_date <= ?")
        params.append(f.until)
    if f.place:
        conds.append(f"(lower({e}.location_text) {LIKE} OR lower({e}.location_name) {LIKE})")
        params += [contains(f.place.lower())] * 2
    if f.text and store is not None and store.indexed:
        cond, more = text_condition(store, f.text, e)
        conds.append(cond)
        params += more
    elif f.text:
        conds.append(f"lower({e}.evidence) {LIKE}")
        params.append(contains(f.text.lower()))
    if f.doc_id:
        conds.append(f"{e}.doc_id = ?")
        params.append(f.doc_id)
    if f.min_confidence:
        conds.append(f"{e}.confidence >= ?")
        params.append(f.min_confidence)
    return (" AND ".join(conds) or "TRUE"), params
