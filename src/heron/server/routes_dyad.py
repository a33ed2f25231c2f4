"""`GET /api/dyad-series` and `/api/dyad-events`: one relationship (USA-KAZ, IND-PAK) over time.

Counted as `/api/dyads` counts reports: events that happened or are scheduled (negated and
hypothetical reports are left out), by their party-level dyads, so a meeting between a and b is
an a -> b and a b -> a report. The net Goldstein line sums each event once.
"""
from __future__ import annotations

import re
from typing import Any, Optional

from fastapi import APIRouter, Depends, Query

from heron.server import convert
from heron.server.access import StoreAccess
from heron.server.models_views import DyadEvents, DyadSeries, DyadSeriesRow
from heron.server.params import code, invalid, parse_filters
from heron.server.routes import ERRORS, store_access
from heron.store.base import EVENT_OUTPUT_COLUMNS, SqlStore

router = APIRouter(prefix="/api", responses=ERRORS, tags=["aggregates"])
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
MAX_EVENTS = 500


def pair(a: Optional[str], b: Optional[str]) -> tuple[str, str]:
    pa, pb = code("a", a), code("b", b)
    if pa == pb:
        raise invalid("b", f"b: pick two different parties (both are {pa})")
    return pa, pb  # type: ignore[return-value]


def _between(a: str, b: str) -> tuple[str, list[Any]]:
    return ("d.story_id IS NOT NULL AND ((d.actor = ? AND d.recipient = ?) OR (d.actor = ? AND d.recipient = ?))",
            [a, b, b, a])


def series(store: SqlStore, a: str, b: str, since: Optional[str], until: Optional[str]) -> list[DyadSeriesRow]:
    """The pair's months, from the counts kept at ingest (heron.store.dyad_months); a store written by
    schema version 1 and opened read-only has none: its dyads are read and counted here."""
    if not store.indexed:
        return _series_from_dyads(store, a, b, since, until)
    where = "((m.actor = ? AND m.recipient = ?) OR (m.actor = ? AND m.recipient = ?))"
    params: list[Any] = [a, b, b, a]
    if since:
        where, params = f"{where} AND m.period >= ?", params + [since]
    if until:
        where, params = f"{where} AND m.period <= ?", params + [until]
    rows: dict[str, DyadSeriesRow] = {}
    for period, actor, quad, reports, events, goldstein in store.fetch_rows(
            f"SELECT m.period, m.actor, m.quad_class, m.reports, m.events, m.goldstein FROM dyad_months m WHERE {where}",
            params):
        row = rows.setdefault(period, DyadSeriesRow(period=period, ab=[0] * 4, ba=[0] * 4, events=0, net_goldstein=0.0))
        if quad in (1, 2, 3, 4):
            (row.ab if actor == a else row.ba)[quad - 1] += int(reports)
        row.events += int(events)
        row.net_goldstein += float(goldstein or 0.0)
    return [rows[p] for p in sorted(rows) if rows[p].events or any(rows[p].ab) or any(rows[p].ba)]


def _series_from_dyads(store: SqlStore, a: str, b: str, since: Optional[str], until: Optional[str]) -> list[DyadSeriesRow]:
    """One scan of the pair's dyads (a few thousand rows even for the busiest pair), summed here."""
    where, params = _between(a, b)
    if since:
        where, params = f"{where} AND d.period >= ?", params + [since]
    if until:
        where, params = f"{where} AND d.period <= ?", params + [until]
    rows: dict[str, DyadSeriesRow] = {}
    seen: set[tuple[str, str]] = set()
    for period, actor, quad, goldstein, doc_id, event_id in store.fetch_rows(
            f"SELECT d.period, d.actor, d.quad_class, d.goldstein, d.doc_id, d.event_id FROM dyads d WHERE {where}",
            params):
        row = rows.setdefault(period, DyadSeriesRow(period=period, ab=[0] * 4, ba=[0] * 4, events=0, net_goldstein=0.0))
        if quad in (1, 2, 3, 4):
            (row.ab if actor == a else row.ba)[quad - 1] += 1
        if (doc_id, event_id) not in seen:      # a meeting is a -> b and b -> a: one event
            seen.add((doc_id, event_id))
            row.events += 1
            row.net_goldstein += goldstein or 0.0
    return [rows[p] for p in sorted(rows)]


@router.get("/dyad-series", response_model=DyadSeries)
def dyad_series(a: str = Query(..., description="One party, e.g. USA."), b: str = Query(..., description="The other, e.g. KAZ."),
                since: Optional[str] = Query(None, description="First day, YYYY-MM-DD."),
                until: Optional[str] = Query(None, description="Last day, YYYY-MM-DD."),
                access: StoreAccess = Depends(store_access)) -> DyadSeries:
    """Per month: a -> b and b -> a reports by quad class, and the net Goldstein score of the events between them."""
    pa, pb = pair(a, b)
    f = parse_filters(since=since, until=until)
    with access.read() as store:
        rows = series(store, pa, pb, f.since.strftime("%Y-%m") if f.since else None,
                      f.until.strftime("%Y-%m") if f.until else None)
    return DyadSeries(a=pa, b=pb, rows=rows)


@router.get("/dyad-events", response_model=DyadEvents)
def dyad_events(a: str = Query(..., description="One party."), b: str = Query(..., description="The other."),
                month: str = Query(..., description="YYYY-MM: a month of the series."),
                access: StoreAccess = Depends(store_access)) -> DyadEvents:
    """The event reports behind one month of the dyad series, in either direction (at most 500)."""
    pa, pb = pair(a, b)
    if not MONTH.match(month):
        raise invalid("month", f"month: expected YYYY-MM, got {month!r}")
    where, params = _between(pa, pb)
    cols = ", ".join(f"e.{c}" for c in EVENT_OUTPUT_COLUMNS)
    keys = f"SELECT d.doc_id, d.event_id FROM dyads d WHERE {where} AND d.period = ?"
    with access.read() as store:
        total = len(set(store.fetch_rows(keys, params + [month])))
        rows = store.fetch_arrow(
            f"SELECT {cols}, doc.title, doc.url, doc.publisher FROM events e LEFT JOIN documents doc ON doc.id = e.doc_id "
            # An event's dyads have its period: saying so lets the scan skip the other months' blocks.
            f"WHERE e.period = ? AND (e.doc_id, e.event_id) IN ({keys}) ORDER BY e.event_date, e.doc_id, e.event_id "
            f"LIMIT {MAX_EVENTS}", [month] + params + [month]).to_pylist()
    return DyadEvents(a=pa, b=pb, month=month, total=total, items=[convert.event_report(r) for r in rows])
