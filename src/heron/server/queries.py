"""Reads the API needs beyond `Store.query` and `heron.store.aggregate`: totals, pages, the
per-period timeline, a document with its parts. SQL both backends accept, `?` placeholders.
"""
from __future__ import annotations

import pyarrow as pa

from heron.store import QueryFilters
from heron.store.base import SqlStore
from heron.store.query import event_where

QUADS = (1, 2, 3, 4)


def count_stories(store: SqlStore, filters: QueryFilters) -> int:
    where, params = event_where(filters, "e", store)
    return int(store.fetch_rows(f"SELECT count(DISTINCT e.story_id) FROM events e WHERE {where}", params)[0][0])


def page(store: SqlStore, filters: QueryFilters, limit: int, offset: int, stories: bool) -> list[dict]:
    """Rows offset..offset+limit of `Store.query`, so pages agree with `heron query` row for row."""
    table = store.query(QueryFilters(**{**filters.__dict__, "limit": offset + limit}), stories=stories)
    return table.slice(offset, limit).to_pylist()


def top_actors(store: SqlStore, n: int = 10) -> list[tuple[str, int]]:
    # A story's reports share their dyads, so its founding report's rows (first_report) name its actors.
    rows = store.fetch_rows(
        "SELECT actor, count(DISTINCT story_id) AS n FROM dyads WHERE first_report AND actor IS NOT NULL "
        "GROUP BY actor ORDER BY n DESC, actor LIMIT ?", [n])
    return [(a, int(c)) for a, c in rows]


def event_types(store: SqlStore) -> list[tuple[str, int]]:
    rows = store.fetch_rows("SELECT plover_type, count(*) FROM events WHERE plover_type IS NOT NULL "
                            "GROUP BY plover_type ORDER BY plover_type")
    return [(t, int(c)) for t, c in rows]


def timeline(store: SqlStore, filters: QueryFilters, period: str, unit: str) -> list[dict]:
    """Matching events (reports, or stories counted once) per period by quad class."""
    where, params = event_where(filters, "e", store)
    p = "e.period" if period == "month" else "substr(e.period, 1, 4)"
    if unit == "stories":
        # A story counts in the period and quad class of its earliest matching report.
        inner = (f"SELECT story_id, min({p}) AS period, min(e.quad_class) AS quad_class FROM events e "
                 f"WHERE {where} AND e.story_id IS NOT NULL AND e.period IS NOT NULL GROUP BY story_id")
    else:
        inner = f"SELECT {p} AS period, e.quad_class FROM events e WHERE {where} AND e.period IS NOT NULL"
    quads = ", ".join(f"sum(CASE WHEN u.quad_class = {q} THEN 1 ELSE 0 END) AS quad{q}" for q in QUADS)
    sql = f"SELECT u.period, {quads}, count(*) AS total FROM ({inner}) u GROUP BY u.period ORDER BY u.period"
    return [{k: (int(v) if k != "period" else v) for k, v in row.items()}
            for row in store.fetch_arrow(sql, params).to_pylist()]


def document(store: SqlStore, doc_id: str) -> dict | None:
    rows = store.fetch_arrow("SELECT id, title, url, publisher, source, doc_date, text, n_sentences, n_events, "
                             "warnings FROM documents WHERE id = ?", [doc_id]).to_pylist()
    return rows[0] if rows else None


def document_parts(store: SqlStore, doc_id: str) -> tuple[list[dict], dict[str, str], list[dict], list[dict]]:
    """(event rows, event_json by event id, mention rows, quote rows) of one document."""
    events = store.query(QueryFilters(doc_id=doc_id)).to_pylist()
    events.sort(key=lambda r: (r.get("sentence") is None, r.get("sentence") or 0, r.get("span_start") or 0))
    event_json = dict(store.fetch_rows("SELECT event_id, event_json FROM events WHERE doc_id = ?", [doc_id]))
    mentions = _rows(store, "SELECT * FROM mentions WHERE doc_id = ? ORDER BY span_start, mention_id", doc_id)
    quotes = _rows(store, "SELECT * FROM quotes WHERE doc_id = ? ORDER BY span_start, quote_id", doc_id)
    return events, event_json, mentions, quotes


def _rows(store: SqlStore, sql: str, doc_id: str) -> list[dict]:
    table: pa.Table = store.fetch_arrow(sql, [doc_id])
    return table.to_pylist()
