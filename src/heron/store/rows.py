"""Flatten a coded document (``Document.to_dict()``) into rows of the store tables.

Rows are plain dicts keyed by column name; the backends turn them into Arrow tables
(DuckDB) or COPY streams (PostgreSQL).
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import urlparse

from heron.store.schema import DYAD_EVENT_COLUMNS
from heron.store.words import word_list

_SPACE = re.compile(r"\s+")
# NUL cannot be stored in a PostgreSQL text column and lone surrogates cannot be encoded at all; heron's
# readers remove both, so only a document built elsewhere can carry them. Both backends refuse it alike.
_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")


def content_hash(text: str) -> str:
    """Hash of the text with whitespace normalised: the same article re-fetched is the same content."""
    return hashlib.sha256(_SPACE.sub(" ", text or "").strip().encode("utf-8", "surrogatepass")).hexdigest()


def parse_date(value: Any) -> date | None:
    """ISO date (or the date part of an ISO timestamp) -> date; anything else -> None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def party(actor: dict) -> list[str]:
    """Country-level parties an actor stands for: group members, else its country, IGO or code."""
    if actor.get("members"):
        return [m for m in actor["members"] if m]
    key = actor.get("country") or actor.get("igo") or actor.get("code")
    return [key] if key else []


def parties(actors: list[dict]) -> list[tuple[str, dict]]:
    """Distinct parties in order of appearance, each with the first actor that stands for it."""
    seen: dict[str, dict] = {}
    for a in actors:
        for p in party(a):
            seen.setdefault(p, a)
    return list(seen.items())


def dyad_pairs(event: dict) -> list[tuple[tuple[str, dict] | None, tuple[str, dict] | None]]:
    """Expand an event to directed dyads.

    Directed events give every actor x recipient pair. A reciprocal event (several actors, no
    recipient: a meeting, a joint agreement) gives every ordered pair of distinct actors, since
    each side did it with each other side. A one-sided event gives (actor, None).
    """
    acts, recs = parties(event.get("actor") or []), parties(event.get("recipient") or [])
    if recs and acts:
        return [(a, r) for a in acts for r in recs]
    if recs:
        return [(None, r) for r in recs]
    if len(acts) >= 2:
        return [(a, b) for a in acts for b in acts if a[0] != b[0]]
    return [(a, None) for a in acts]


def _keys(actors: list[dict]) -> str | None:
    """';KAZ;KAZGOV;' - every code an actor filter may name, delimited for LIKE matching."""
    keys = set()
    for a in actors:
        keys.update(k for k in (a.get("country"), a.get("code"), a.get("igo")) if k)
        keys.update(m for m in a.get("members") or [] if m)
    return ";" + ";".join(sorted(keys)) + ";" if keys else None


def _join(values) -> str | None:
    vals = [v for v in values if v]
    return ";".join(vals) if vals else None


def _sectors(actors: list[dict]) -> str | None:
    s = sorted({a["sector"] for a in actors if a.get("sector")})
    return ";" + ";".join(s) + ";" if s else None


def doc_source(doc: dict) -> str:
    """The outlet that counts as one source: publisher, else the URL host, else the document itself."""
    if doc.get("publisher"):
        return str(doc["publisher"]).strip().lower()
    host = urlparse(doc.get("url") or "").hostname
    return host.removeprefix("www.") if host else f"doc:{doc['id']}"


def evidence_text(doc: dict, event: dict) -> str:
    text = doc.get("text") or ""
    span = event.get("span")
    if span and 0 <= span[0] < span[1] <= len(text):
        return text[span[0]:span[1]]
    sents = doc.get("sentences") or []
    i = event.get("sentence")
    if isinstance(i, int) and 0 <= i < len(sents):
        return text[sents[i][0]:sents[i][1]]
    return (event.get("trigger") or {}).get("text", "")


@dataclass
class DocRows:
    """All rows of one document, plus what clustering needs per event."""

    document: dict
    mentions: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    dyads: list[dict] = field(default_factory=list)


def _actor_cols(prefix: str, a: dict | None) -> dict:
    a = a or {}
    return {f"{prefix}_code": a.get("code"), f"{prefix}_name": a.get("name") or a.get("text") or None,
            f"{prefix}_country": a.get("country"), f"{prefix}_sector": a.get("sector")}


def event_row(doc: dict, ev: dict, doc_date: date | None) -> dict:
    actors, recips = ev.get("actor") or [], ev.get("recipient") or []
    acts_parties = parties(actors)
    plover, cameo, loc = ev.get("plover") or {}, ev.get("cameo") or {}, ev.get("location") or {}
    span = ev.get("span") or [None, None]
    day = parse_date(ev.get("date")) or doc_date
    actor_keys = _keys(actors)
    # A reciprocal event has each side as recipient of the others, so --recipient finds it too.
    recipient_keys = _keys(recips) if recips else (actor_keys if len(acts_parties) >= 2 else None)
    row = {
        "doc_id": doc["id"], "event_id": str(ev["id"]), "sentence": ev.get("sentence"),
        "span_start": span[0], "span_end": span[1], "trigger": (ev.get("trigger") or {}).get("text"),
        "evidence": evidence_text(doc, ev),
        "actor_names": _join(a.get("name") or a.get("text") for a in actors), "actor_keys": actor_keys,
        "actor_sectors": _sectors(actors),
        "recipient_names": _join(a.get("name") or a.get("text") for a in recips),
        "recipient_keys": recipient_keys, "recipient_sectors": _sectors(recips),
        **_actor_cols("actor1", actors[0] if actors else None),
        **_actor_cols("actor2", recips[0] if recips else None),
        "plover_type": (plover.get("type") or None), "plover_mode": plover.get("mode"),
        "plover_context": _join(plover.get("context") or []),
        "cameo_code": cameo.get("code"), "cameo_root": cameo.get("root") or (cameo.get("code") or "")[:2] or None,
        "cameo_name": cameo.get("name"), "quad_class": ev.get("quad_class"), "goldstein": ev.get("goldstein"),
        "plover_score": ev.get("plover_score"), "event_date": day,
        "period": day.strftime("%Y-%m") if day else None,
        "date_text": ev.get("date_text"), "date_precision": ev.get("date_precision"),
        "location_text": loc.get("text"), "location_name": loc.get("name"), "location_country": loc.get("country"),
        "location_lat": loc.get("lat"), "location_lon": loc.get("lon"), "location_geonameid": loc.get("geonameid"),
        "location_feature": loc.get("feature"), "modality": ev.get("modality") or "asserted",
        "quote_id": ev.get("quote_id"), "confidence": ev.get("confidence"), "source": doc_source(doc), "story_id": None,
        "event_json": json.dumps(ev, ensure_ascii=False, separators=(",", ":")),
        # Working fields for story clustering; not columns, so never written.
        "_actor_parties": [p for p, _ in acts_parties],
        "_recipient_parties": [p for p, _ in parties(recips)],
        "_names": [a.get(k) for a in actors + recips for k in ("name", "text") if a.get(k)],
    }
    row["words"] = word_list(row["evidence"])
    return row


def _mention_row(doc_id: str, m: dict) -> dict:
    a = m.get("actor") or {}
    span = m.get("span") or [None, None]
    return {"doc_id": doc_id, "mention_id": str(m["id"]), "sentence": m.get("sentence"), "text": m.get("text"),
            "span_start": span[0], "span_end": span[1], "name": a.get("name"), "country": a.get("country"),
            "sector": a.get("sector"), "kind": a.get("kind"), "code": a.get("code"), "wikidata": a.get("wikidata"),
            "office": a.get("role"), "igo": a.get("igo"), "coref": m.get("coref")}


def _quote_row(doc_id: str, q: dict) -> dict:
    s, ad = q.get("speaker") or {}, q.get("addressee") or {}
    span = q.get("span") or [None, None]
    return {"doc_id": doc_id, "quote_id": str(q["id"]), "text": q.get("text"), "span_start": span[0],
            "span_end": span[1], "speaker_text": q.get("speaker_text"), "speaker_name": s.get("name"),
            "speaker_country": s.get("country"), "speaker_sector": s.get("sector"), "speaker_code": s.get("code"),
            "speaker_wikidata": s.get("wikidata"), "addressee_name": ad.get("name"),
            "addressee_country": ad.get("country"), "addressee_code": ad.get("code"),
            "partial": bool(q.get("partial")), "indirect": bool(q.get("indirect")), "cue": q.get("cue")}


def _unique(rows: list[dict], key: str) -> list[dict]:
    """First row of each id: a repeated id would break the primary key."""
    seen: set = set()
    out = []
    for r in rows:
        if r[key] not in seen:
            seen.add(r[key])
            out.append(r)
    return out


def document_rows(doc: dict, now: datetime) -> DocRows:
    """Rows for one document dict; raises ValueError saying why when it is unusable."""
    if not isinstance(doc, dict) or not doc.get("id"):
        raise ValueError("document without an id")
    doc_id = str(doc["id"])
    doc = {**doc, "id": doc_id}
    if not isinstance(doc.get("text"), str):
        raise ValueError("no text")
    for key in ("id", "text", "title", "url", "publisher"):
        if isinstance(doc.get(key), str) and _UNSTORABLE.search(doc[key]):
            raise ValueError(f"'{key}' holds NUL or lone surrogate characters, which cannot be stored "
                             f"(heron's readers remove them)")
    doc_date = parse_date(doc.get("date"))
    events = doc.get("events") or []
    out = DocRows(document={
        "id": doc_id, "content_hash": content_hash(doc["text"]), "doc_date": doc_date, "title": doc.get("title"),
        "url": doc.get("url"), "publisher": doc.get("publisher"), "source": doc_source(doc), "text": doc["text"],
        "n_sentences": len(doc.get("sentences") or []), "n_events": len(events),
        "warnings": json.dumps(doc.get("warnings") or [], ensure_ascii=False), "ingested_at": now})
    out.mentions = _unique([_mention_row(doc_id, m) for m in doc.get("mentions") or []], "mention_id")
    out.quotes = _unique([_quote_row(doc_id, q) for q in doc.get("quotes") or []], "quote_id")
    seen_events: set[str] = set()
    for ev in events:
        if str(ev.get("id")) in seen_events:  # a repeated id would break the primary key; keep the first
            continue
        seen_events.add(str(ev.get("id")))
        row = event_row(doc, ev, doc_date)
        out.events.append(row)
        for a, r in dyad_pairs(ev):
            out.dyads.append({"doc_id": doc_id, "event_id": row["event_id"], "actor": a[0] if a else None,
                              "recipient": r[0] if r else None, "event_date": row["event_date"],
                              "period": row["period"], "plover_type": row["plover_type"],
                              "cameo_root": row["cameo_root"], "quad_class": row["quad_class"],
                              "goldstein": row["goldstein"], "modality": row["modality"], "story_id": None,
                              "first_report": False, **{c: row[c] for c in DYAD_EVENT_COLUMNS}})
    return out
