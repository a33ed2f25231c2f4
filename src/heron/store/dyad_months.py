"""Dyad series, counted at ingest: per directed dyad, month and quad class.

`dyad_months` holds, for the dyads of events that have a story (happened or scheduled):
- `reports`: dyad rows actor -> recipient (what the dyad series draws in each direction);
- `events` and `goldstein`: on the row whose actor sorts before its recipient, the events between the
  two parties (either direction, each event once: a meeting is an a -> b and a b -> a report but one
  event) and the sum of their Goldstein scores (the net Goldstein line); 0 on the other row.
An unknown quad class is counted under 0. Goldstein sums are kept to 6 decimals, so they do not depend
on the order of the additions. Ingest adds each batch's counts (`add`); a store written by schema
version 1 gets them counted from its dyads (`RECOUNT`, migration 2), the same numbers.
"""
from __future__ import annotations

from typing import Any, Iterable

from heron.store import schema

# A heron.store.base.SqlStore, which is not imported here: it imports this module to keep the counts.
SqlStore = Any

KEY = ("actor", "recipient", "period", "quad_class")
VALUES = ("reports", "events", "goldstein")

_COUNTED = ("story_id IS NOT NULL AND actor IS NOT NULL AND recipient IS NOT NULL AND period IS NOT NULL")
# The whole table from the dyads: directed report counts, full-joined to the events of each unordered pair.
RECOUNT = (
    "INSERT INTO dyad_months (actor, recipient, period, quad_class, reports, events, goldstein) "
    "SELECT coalesce(r.actor, e.actor), coalesce(r.recipient, e.recipient), coalesce(r.period, e.period), "
    "coalesce(r.q, e.q), coalesce(r.n, 0), coalesce(e.n, 0), coalesce(round(e.g * 1000000) / 1000000, 0) FROM "
    f"(SELECT actor, recipient, period, coalesce(quad_class, 0) AS q, count(*) AS n FROM dyads WHERE {_COUNTED} "
    "GROUP BY actor, recipient, period, coalesce(quad_class, 0)) r FULL OUTER JOIN "
    "(SELECT lo AS actor, hi AS recipient, period, q, count(*) AS n, sum(g) AS g FROM "
    "(SELECT DISTINCT least(actor, recipient) AS lo, greatest(actor, recipient) AS hi, period, "
    "coalesce(quad_class, 0) AS q, doc_id, event_id, coalesce(goldstein, 0) AS g FROM dyads "
    f"WHERE {_COUNTED} AND actor <> recipient) u GROUP BY lo, hi, period, q) e "
    "ON r.actor = e.actor AND r.recipient = e.recipient AND r.period = e.period AND r.q = e.q")


def counts(dyads: Iterable[dict]) -> list[dict]:
    """The rows to add for these (new) dyad rows, whose story ids are set."""
    agg: dict[tuple, list] = {}
    seen: set[tuple] = set()
    for d in dyads:
        if d.get("story_id") is None or d["actor"] is None or d["recipient"] is None or d["period"] is None:
            continue
        q = d["quad_class"] or 0
        agg.setdefault((d["actor"], d["recipient"], d["period"], q), [0, 0, 0.0])[0] += 1
        lo, hi = sorted((d["actor"], d["recipient"]))
        if lo == hi or (lo, hi, d["doc_id"], d["event_id"]) in seen:
            continue
        seen.add((lo, hi, d["doc_id"], d["event_id"]))
        row = agg.setdefault((lo, hi, d["period"], q), [0, 0, 0.0])
        row[1] += 1
        row[2] += d["goldstein"] or 0.0
    return [dict(zip(KEY + VALUES, (*k, v[0], v[1], round(v[2], 6)))) for k, v in agg.items()]


def add(store: SqlStore, dyads: list[dict]) -> None:
    """Add the counts of new dyad rows, inside the caller's (writing) transaction."""
    rows = counts(dyads)
    if not rows:
        return
    store.stage_rows("month_changes", schema.DYAD_MONTHS, list(KEY + VALUES), rows)
    try:
        same = " AND ".join(f"dyad_months.{k} = c.{k}" for k in KEY)
        store.execute("UPDATE dyad_months SET reports = dyad_months.reports + c.reports, "
                      "events = dyad_months.events + c.events, "
                      "goldstein = round((dyad_months.goldstein + c.goldstein) * 1000000) / 1000000 "
                      f"FROM month_changes c WHERE {same}")
        store.execute(f"INSERT INTO dyad_months ({', '.join(KEY + VALUES)}) SELECT {', '.join(f'c.{c}' for c in KEY + VALUES)} "
                      f"FROM month_changes c WHERE NOT EXISTS (SELECT 1 FROM dyad_months m WHERE "
                      f"{' AND '.join(f'm.{k} = c.{k}' for k in KEY)})")
    finally:
        store.unstage("month_changes")
