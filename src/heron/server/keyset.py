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
from heron.store import QueryFilters, words
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
    where, params = event_where(filters, "e", store)
    page_cond, page_params, order = "TRUE", [], ORDER
    skip = f" OFFSET {int(offset)}" if offset and after_key is None and before_key is None else ""
    # Matching rows before the page: known from the cursor, so counted in the same scan as the total.
    before_cond, before_params = "FALSE", []
    if after_key is not None:
        page_cond, page_params = after(after_key)
        before_cond, before_params = f"NOT {page_cond}", page_params
    elif before_key is not None:
        page_cond, page_params = before(before_key)
        before_cond, before_params, order = page_cond, page_params, REVERSE
    if store.indexed and words.one_word(filters.text) and not _beyond_index(filters):
        rows, total, ahead = _from_index(store, filters, page_cond, page_params, order, limit, skip,
                                         before_cond, before_params)
    elif filters.place or (filters.text and not (store.indexed and words.common(store, filters.text))):
        rows, total, ahead = _scan_once(store, where, params, page_cond, page_params, order, limit, skip,
                                        before_cond, before_params)
    else:
        cols = ", ".join(f"e.{c}" for c in EVENT_OUTPUT_COLUMNS)
        # Top-N on the events alone (date order lets it skip most of the table), then its few articles.
        rows = store.fetch_arrow(
            f"SELECT {cols}, d.title, d.url, d.publisher FROM (SELECT * FROM events e WHERE {where} AND {page_cond} "
            f"ORDER BY {order} LIMIT {int(limit)}{skip}) e LEFT JOIN documents d ON d.id = e.doc_id ORDER BY {ORDER}",
            params + page_params).to_pylist()
        total, ahead = store.fetch_rows(
            f"SELECT count(*), sum(CASE WHEN {before_cond} THEN 1 ELSE 0 END) FROM events e WHERE {where}",
            before_params + params)[0]
    total, ahead = int(total), int(ahead or 0)
    position = ahead - len(rows) if before_key is not None else (ahead if after_key is not None else min(offset, total))
    has_next = bool(rows) and position + len(rows) < total
    return Page(rows=rows, total=total, position=position,
                next=encode(key_of(rows[-1])) if has_next else None,
                prev=encode(key_of(rows[0])) if rows and position > 0 else None)


def _beyond_index(filters: QueryFilters) -> bool:
    """Whether a filter besides the text and the dates is set (the index alone cannot answer it)."""
    return QueryFilters(**{k: v for k, v in filters.__dict__.items() if k not in ("text", "since", "until")}) \
        != QueryFilters()


def _from_index(store: SqlStore, filters: QueryFilters, page_cond: str, page_params: list, order: str, limit: int,
                skip: str, before_cond: str, before_params: list) -> tuple[list[dict], int, int]:
    """A search for one word (maybe with dates): the page, the total and the rows before the page are
    chosen from the word index (which has each event's key and date), then the page's rows are read."""
    word = words.one_word(filters.text)
    ids, n = words.lookup(store, word)
    if not ids:
        return [], 0, 0
    cond, params = words.postings(ids, word)
    dates = "".join(f" AND x.event_date {op} ?" for op, v in ((">=", filters.since), ("<=", filters.until)) if v)
    params += [v for v in (filters.since, filters.until) if v]
    # An event with two words of the prefix ("officer", "officials") is one match.
    keys = (f"SELECT {'DISTINCT ' if len(ids) > 1 else ''}x.event_date, x.doc_id, x.event_id FROM event_words x "
            f"WHERE {cond}{dates}")
    if len(ids) == 1 and not dates and before_cond == "FALSE":     # the first page of one word: counted at ingest
        total, ahead = n, 0
    else:
        total, ahead = store.fetch_rows(f"SELECT count(*), sum(CASE WHEN {before_cond} THEN 1 ELSE 0 END) "
                                        f"FROM ({keys}) e", before_params + params)[0]
    cols = ", ".join(f"e.{c}" for c in EVENT_OUTPUT_COLUMNS)
    rows = store.fetch_arrow(
        f"SELECT {cols}, d.title, d.url, d.publisher FROM (SELECT e.doc_id, e.event_id FROM ({keys}) e WHERE {page_cond} "
        f"ORDER BY {order} LIMIT {int(limit)}{skip}) k JOIN events e ON e.doc_id = k.doc_id AND e.event_id = k.event_id "
        f"LEFT JOIN documents d ON d.id = e.doc_id ORDER BY {ORDER}", params + page_params).to_pylist()
    return rows, int(total), int(ahead or 0)


def _scan_once(store: SqlStore, where: str, params: list, page_cond: str, page_params: list, order: str, limit: int,
               skip: str, before_cond: str, before_params: list) -> tuple[list[dict], int, int]:
    """The page, the total and the rows before the page with one evaluation of the filters.

    For filters that read every row (`place`: a case-insensitive substring test; `text` of several words
    or of a common word: a pass over the word lists) the matching keys are set aside once; counting them
    and choosing the page then costs little.
    """
    cols = ", ".join(f"e.{c}" for c in EVENT_OUTPUT_COLUMNS)
    sql = (f"WITH m AS MATERIALIZED (SELECT e.event_date, e.doc_id, e.event_id FROM events e WHERE {where}), "
           f"t AS (SELECT count(*) AS n_total, sum(CASE WHEN {before_cond} THEN 1 ELSE 0 END) AS n_before FROM m e), "
           f"k AS (SELECT e.doc_id, e.event_id FROM m e WHERE {page_cond} ORDER BY {order} LIMIT {int(limit)}{skip}) "
           f"SELECT t.n_total, t.n_before, {cols}, d.title, d.url, d.publisher FROM t LEFT JOIN "
           f"(k JOIN events e ON e.doc_id = k.doc_id AND e.event_id = k.event_id "
           f"LEFT JOIN documents d ON d.id = e.doc_id) ON TRUE ORDER BY {ORDER}")
    rows = store.fetch_arrow(sql, params + before_params + page_params).to_pylist()
    total, ahead = rows[0]["n_total"], rows[0]["n_before"]
    return [{k: v for k, v in r.items() if k not in ("n_total", "n_before")} for r in rows if r["doc_id"]], total, ahead
