"""Aggregates for analysis, computed in the database.

Counts are of stories (duplicate reports merged) by default, or of raw reports. Only events
that happened or are scheduled count: negated and hypothetical reports have no story and are
left out of both units.
"""
from __future__ import annotations

from datetime import date

import pyarrow as pa

from heron.store.base import SqlStore

PERIODS = {"month": "period", "year": "substr(period, 1, 4)"}
UNITS = ("stories", "reports")


def _check(period: str, unit: str) -> None:
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, got {period!r}")
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, got {unit!r}")


def _units(unit: str) -> str:
    """Relation (actor, recipient, period, quad_class, goldstein, unit_id): one row per counted unit and dyad."""
    if unit == "reports":
        return ("SELECT actor, recipient, period, quad_class, goldstein, doc_id || ' ' || event_id AS unit_id "
                "FROM dyads WHERE story_id IS NOT NULL")
    # A story counts once per dyad, valued as the report that founded it.
    return ("SELECT actor, recipient, period, quad_class, goldstein, story_id AS unit_id FROM dyads "
            "WHERE first_report")


def dyad_counts(store: SqlStore, actor: str | None = None, recipient: str | None = None, period: str = "month",
                since: date | None = None, until: date | None = None, unit: str = "stories") -> pa.Table:
    """Per directed dyad and period: events by quad class and mean Goldstein score."""
    _check(period, unit)
    conds, params = ["u.recipient IS NOT NULL", "u.actor IS NOT NULL"], []
    if actor:
        conds.append("u.actor = ?")
        params.append(actor.upper())
    if recipient:
        conds.append("u.recipient = ?")
        params.append(recipient.upper())
    if since:
        conds.append("u.period >= ?")
        params.append(since.strftime("%Y-%m"))
    if until:
        conds.append("u.period <= ?")
        params.append(until.strftime("%Y-%m"))
    p = PERIODS[period].replace("period", "u.period")
    quads = ", ".join(f"sum(CASE WHEN u.quad_class = {q} THEN 1 ELSE 0 END) AS quad{q}" for q in (1, 2, 3, 4))
    sql = (f"SELECT u.actor, u.recipient, {p} AS period, count(*) AS events, {quads}, "
           f"CAST(avg(u.goldstein) AS DOUBLE PRECISION) AS mean_goldstein "
           f"FROM ({_units(unit)}) u WHERE {' AND '.join(conds)} GROUP BY u.actor, u.recipient, {p} "
           f"ORDER BY u.actor, u.recipient, period")
    return store.fetch_arrow(sql, params)


def cooperation_balance(store: SqlStore, country: str, period: str = "year", unit: str = "stories") -> pa.Table:
    """Share of a country's cooperation (quad 1 and 2, either direction) that each partner gets, per period.

    This is the "multi-vector" balance: e.g. Kazakhstan's cooperation split between Russia,
    China and the United States over time. Shares of one period sum to 1.
    """
    _check(period, unit)
    c = country.upper()
    p = PERIODS[period].replace("period", "u.period")
    sql = (f"WITH coop AS (SELECT DISTINCT {p} AS period, CASE WHEN u.actor = ? THEN u.recipient ELSE u.actor END "
           f"AS partner, u.unit_id FROM ({_units(unit)}) u "
           f"WHERE (u.actor = ? OR u.recipient = ?) AND u.actor IS NOT NULL AND u.recipient IS NOT NULL "
           f"AND u.actor <> u.recipient AND u.quad_class IN (1, 2)) "
           f"SELECT CAST(? AS TEXT) AS country, period, partner, count(*) AS events, "
           f"CAST(count(*) AS DOUBLE PRECISION) / sum(count(*)) OVER (PARTITION BY period) AS share "
           f"FROM coop GROUP BY period, partner ORDER BY period, events DESC, partner")
    return store.fetch_arrow(sql, [c, c, c, c])


def summary(store: SqlStore, top: bool = True) -> dict:
    """Counts, date range, top event types and dyads (`top`): what `heron stats` prints."""
    counts = store.counts()
    first, last = store.fetch_rows("SELECT min(event_date), max(event_date) FROM events")[0]
    out = {"counts": counts, "first_date": first.isoformat() if first else None,
           "last_date": last.isoformat() if last else None, "schema_version": store.schema_version(),
           "top_types": [], "top_dyads": []}
    if not top:
        return out
    types = store.fetch_rows("SELECT plover_type, count(*) AS n FROM stories GROUP BY plover_type "
                             "ORDER BY n DESC, plover_type LIMIT 10")
    # Stories per dyad: every report of a story has the same dyads (its key is their parties), so the
    # founding report's rows count each story once - no DISTINCT over all reports needed.
    dyads = store.fetch_rows("SELECT d.actor, d.recipient, count(*) AS n FROM dyads d "
                             "WHERE d.first_report AND d.actor IS NOT NULL AND d.recipient IS NOT NULL "
                             "GROUP BY d.actor, d.recipient ORDER BY n DESC, d.actor, d.recipient LIMIT 10")
    out["top_types"] = [{"type": t, "stories": int(n)} for t, n in types]
    out["top_dyads"] = [{"actor": a, "recipient": r, "stories": int(n)} for a, r, n in dyads]
    return out
