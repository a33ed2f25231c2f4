"""Pages of events by key: `after`/`before` cursors instead of offsets.

Events are ordered by (event_date, doc_id, event_id), undated ones last, as `heron query` orders
them. A cursor names one row of that order; the next page is the rows after it. Unlike an offset,
which makes the database sort and skip every earlier row, a cursor turns into a condition the
scan can use, so page 10,000 costs what page 1 costs. Cursors are opaque to clients: URL-safe
base64 of [date or null, doc_id, event_id].
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Optional

from heron.server.params import invalid
from heron.store import QueryFilters
from heron.store.base import EVENT_OUTPUT_COLUMNS, SqlStore
from heron.store.query import event_where

Key = tuple[Optional[dt.date], str, str]
ORDER = "e.event_date, e.doc_id, e.event_id"
REVERSE = "e.event_date DESC NULLS FIRST, e.doc_id DESC, e.event_id DESC"


def encode(key: Key) -> str:
    day, doc_id, event_id = key
    raw = json.dumps([day.isoformat() if day else None, doc_id, event_id], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode(param: str, cursor: str) -> Key:
    """The key a cursor names; 422 naming `param` when it is not a cursor this server made."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        day, doc_id, event_id = json.loads(raw)
        if not (isinstance(doc_id, str) and isinstance(event_id, str)):
            raise ValueError("ids")
        return (dt.date.fromisoformat(day) if day is not None else None, doc_id, event_id)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
        raise invalid(param, f"{param}: not a page cursor from this API: {cursor[:40]!r}") from exc


def after(key: Key) -> tuple[str, list[Any]]:
    """Rows strictly after `key` in the event order (undated rows sort last)."""
    day, doc_id, event_id = key
    ids = "(e.doc_id > ? OR (e.doc_id = ? AND e.event_id > ?))"
    if day is None:
        return f"(e.event_date IS NULL AND {ids})", [doc_id, doc_id, event_id]
    return (f"(e.event_date > ? OR e.event_date IS NULL OR (e.event_date = ? AND {ids}))",
            [day, day, doc_id, doc_id, event_id])


def before(key: Key) -> tuple[str, list[Any]]:
    """Rows strictly before `key` in the event order."""
    day, doc_id, event_id = key
    ids = "(e.doc_id < ? OR (e.doc_id = ? AND e.event_id < ?))"
    if day is None:
        return f"(e.event_date IS NOT NULL OR {ids})", [doc_id, doc_id, event_id]
    return f"(e.event_date < ? OR (e.event_date = ? AND {ids}))", [day, day, doc_id, doc_id, event_id]


def key_of(row: dict) -> Key:
    return (row.get("event_date"), row["doc_id"], row["event_id"])


@dataclass
class Page:
    rows: list[dict]
    total: int          # rows matching the filters
    position: int       # matching rows before the first row of this page
    next: Optional[str]
    prev: Optional[str]


def event_page(store: SqlStore, filters: QueryFilters, limit: int, offset: int = 0,
               after_key: Optional[Key] = None, before_key: Optional[Key] = None) -> Page:
    """One page of event rows (with their article's title, url, publisher) and cursors to its neighbours."""
    where, params = event_where(filters, "e")
    cond, order, skip = where, ORDER, f" OFFSET {int(offset)}" if offset else ""
    if after_key is not None:
        extra, extra_params = after(after_key)
        cond, params, skip = f"{where} AND {extra}", params + extra_params, ""
    elif before_key is not None:
        extra, extra_params = before(before_key)
        cond, params, order, skip = f"{where} AND {extra}", params + extra_params, REVERSE, ""
    cols = ", ".join(f"e.{c}" for c in EVENT_OUTPUT_COLUMNS)
    # The page is chosen on the events alone, then joined to its few articles.
    sql = (f"SELECT {cols}, d.title, d.url, d.publisher FROM (SELECT * FROM events e WHERE {cond} "
           f"ORDER BY {order} LIMIT {int(limit)}{skip}) e LEFT JOIN documents d ON d.id = e.doc_id ORDER BY {ORDER}")
    rows = store.fetch_arrow(sql, params).to_pylist()
    where, params = event_where(filters, "e")
    if rows and (after_key is not None or before_key is not None):
        # Where a cursor page starts: the matching rows before its first row, counted in the same scan.
        first, first_params = before(key_of(rows[0]))
        total, position = store.fetch_rows(
            f"SELECT count(*), sum(CASE WHEN {first} THEN 1 ELSE 0 END) FROM events e WHERE {where}",
            first_params + params)[0]
    else:
        total = store.fetch_rows(f"SELECT count(*) FROM events e WHERE {where}", params)[0][0]
        position = 0 if before_key is not None else (total if after_key is not None else min(offset, total))
    total, position = int(total), int(position or 0)
    has_next = bool(rows) and position + len(rows) < total
    return Page(rows=rows, total=total, position=position,
                next=encode(key_of(rows[-1])) if has_next else None,
                prev=encode(key_of(rows[0])) if rows and position > 0 else None)
