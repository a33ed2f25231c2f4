"""Store rows (dicts from Arrow tables) to API models."""
from __future__ import annotations

import json
from typing import Any

from heron.server import models


def keys(value: str | None) -> list[str]:
    """';KAZ;KAZGOV;' -> ['KAZ', 'KAZGOV']."""
    return [k for k in (value or "").split(";") if k]


def names(value: str | None) -> list[str]:
    return [n for n in (value or "").split(";") if n]


def _location(row: dict) -> models.Location | None:
    fields = {k: row.get(f"location_{k}") for k in ("text", "name", "country", "lat", "lon")}
    return models.Location(**fields) if any(v is not None for v in fields.values()) else None


def event_fields(row: dict) -> dict[str, Any]:
    return {
        "doc_id": row["doc_id"], "event_id": row["event_id"], "date": row.get("event_date"),
        "date_text": row.get("date_text"), "date_precision": row.get("date_precision"),
        "sentence": row.get("sentence"), "evidence": row.get("evidence"), "trigger": row.get("trigger"),
        "actors": names(row.get("actor_names")), "actor_keys": keys(row.get("actor_keys")),
        "recipients": names(row.get("recipient_names")), "recipient_keys": keys(row.get("recipient_keys")),
        "plover_type": row.get("plover_type"), "plover_mode": row.get("plover_mode"),
        "plover_context": names(row.get("plover_context")), "cameo_code": row.get("cameo_code"),
        "cameo_name": row.get("cameo_name"), "quad_class": row.get("quad_class"), "goldstein": row.get("goldstein"),
        "location": _location(row), "modality": row.get("modality"), "confidence": row.get("confidence"),
        "story_id": row.get("story_id"), "quote_id": row.get("quote_id"), "title": row.get("title"),
        "url": row.get("url"), "publisher": row.get("publisher"),
    }


def event_report(row: dict) -> models.EventReport:
    return models.EventReport(**event_fields(row))


def _span(value: Any) -> tuple[int, int] | None:
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return (value[0], value[1])
    return None


def document_event(row: dict, event_json: str | None) -> models.DocumentEvent:
    """An event of a document with the character spans the document view highlights."""
    ev = json.loads(event_json) if event_json else {}
    spans = {
        "span": _span(ev.get("span")),
        "trigger_span": _span((ev.get("trigger") or {}).get("span")),
        "actor_spans": [s for a in ev.get("actor") or [] if (s := _span(a.get("span")))],
        "recipient_spans": [s for a in ev.get("recipient") or [] if (s := _span(a.get("span")))],
    }
    return models.DocumentEvent(**event_fields(row), **spans)


def story(row: dict) -> models.Story:
    return models.Story(
        story_id=row["story_id"], story_key=row.get("story_key"), actors=names(row.get("actor_names")),
        actor_keys=keys(row.get("actor_keys")), recipients=names(row.get("recipient_names")),
        recipient_keys=keys(row.get("recipient_keys")),
        **{k: row.get(k) for k in ("plover_type", "plover_mode", "cameo_code", "cameo_name", "quad_class",
                                   "goldstein", "date_first", "date_last", "location_text", "location_country",
                                   "evidence", "first_doc_id", "first_event_id")},
        num_mentions=row.get("num_mentions") or 0, num_sources=row.get("num_sources") or 0,
        num_articles=row.get("num_articles") or 0)


def mention(row: dict) -> models.Mention:
    return models.Mention(span=_pair(row), **{k: row.get(k) for k in (
        "mention_id", "sentence", "text", "name", "country", "sector", "kind", "code")})


def quote(row: dict) -> models.Quote:
    return models.Quote(span=_pair(row), partial=bool(row.get("partial")), indirect=bool(row.get("indirect")),
                        **{k: row.get(k) for k in (
                            "quote_id", "text", "speaker_text", "speaker_name", "speaker_country", "speaker_code",
                            "addressee_name", "addressee_country", "cue")})


def _pair(row: dict) -> tuple[int, int] | None:
    s, e = row.get("span_start"), row.get("span_end")
    return (s, e) if s is not None and e is not None else None


def warnings(value: str | None) -> list[str]:
    try:
        out = json.loads(value) if value else []
    except ValueError:
        return [value] if value else []
    return [str(w) for w in out] if isinstance(out, list) else [str(out)]
