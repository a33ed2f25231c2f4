"""`GET /api/network`: states and IGOs as nodes, directed dyads as edges, for the current filter."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from heron.server.access import StoreAccess
from heron.server.models_views import Network, NetworkEdge, NetworkNode
from heron.server.params import event_filters
from heron.server.parties import codes, party
from heron.server.routes import ERRORS, store_access
from heron.store import QueryFilters
from heron.store.base import SqlStore
from heron.store.query import event_where
from heron.store import words

router = APIRouter(prefix="/api", responses=ERRORS, tags=["aggregates"])

# Filters the dyads table answers by itself (it copies these columns of its event); any other
# filter needs the events table.
DYAD_COLUMNS = {"type": "plover_type", "cameo_root": "cameo_root", "quad": "quad_class"}
# Since schema version 2 the dyads also copy their event's keys, sectors, location country and words, so
# these filters, and text, are the events' own conditions (heron.store.query.event_where) on the dyads.
ON_DYADS = ("actor", "recipient", "country", "sector")


def dyad_where(filters: QueryFilters, store: SqlStore) -> tuple[str, list[Any]]:
    """Condition on dyads (alias d) selecting the dyads of the events that match `filters`."""
    conds = ["d.actor IS NOT NULL", "d.recipient IS NOT NULL", "d.actor <> d.recipient"]
    params: list[Any] = []
    for name, column in DYAD_COLUMNS.items():
        if getattr(filters, name):
            conds.append(f"d.{column} = ?")
            params.append(getattr(filters, name))
    if filters.since:
        conds.append("d.event_date >= ?")
        params.append(filters.since)
    if filters.until:
        conds.append("d.event_date <= ?")
        params.append(filters.until)
    done = {*DYAD_COLUMNS, "since", "until", "limit"}
    if store.indexed:
        mine = {k: getattr(filters, k) for k in ON_DYADS}
        if any(mine.values()):
            where, more = event_where(QueryFilters(**mine), "d", store)
            conds.append(where)
            params += more
        done |= set(mine)
        # Text with a word: the word index, or the words the dyads copy (no events needed).
        if filters.text and words.tokens(filters.text):
            where, more = words.text_condition(store, filters.text, "d")
            conds.append(where)
            params += more
            done.add("text")
    rest = QueryFilters(**{k: v for k, v in filters.__dict__.items() if k not in done})
    if rest != QueryFilters():
        where, more = event_where(rest, "e", store)
        conds.append(f"(d.doc_id, d.event_id) IN (SELECT e.doc_id, e.event_id FROM events e WHERE {where})")
        params += more
    return " AND ".join(conds), params


def heaviest_dyads(store: SqlStore, filters: QueryFilters, limit: int) -> tuple[list[dict], int]:
    """The `limit` directed state/IGO dyads with most reports, and how many such dyads there are."""
    where, params = dyad_where(filters, store)
    known = codes()
    rows = store.fetch_arrow(
        f"SELECT d.actor, d.recipient, count(*) AS events, CAST(avg(d.goldstein) AS DOUBLE PRECISION) AS mean_goldstein, "
        f"count(*) OVER () AS dyads FROM dyads d WHERE {where} AND d.actor = ANY(?) AND d.recipient = ANY(?) "
        f"GROUP BY d.actor, d.recipient ORDER BY events DESC, d.actor, d.recipient LIMIT {int(limit)}",
        params + [known, known]).to_pylist()
    return rows, int(rows[0]["dyads"]) if rows else 0


def network(rows: list[dict], dyads: int) -> Network:
    """The edges and the nodes they join, each node weighted by the reports of its edges."""
    weight: dict[str, int] = {}
    for r in rows:
        for code in (r["actor"], r["recipient"]):
            weight[code] = weight.get(code, 0) + int(r["events"])
    nodes = [NetworkNode(id=c, name=party(c)[0], kind=party(c)[1], events=n)
             for c, n in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))]
    edges = [NetworkEdge(source=r["actor"], target=r["recipient"], events=r["events"],
                         mean_goldstein=r["mean_goldstein"]) for r in rows]
    return Network(nodes=nodes, edges=edges, dyads=dyads)


@router.get("/network", response_model=Network)
def network_route(filters: QueryFilters = Depends(event_filters),
                  limit: int = Query(150, ge=1, le=2000, description="Edges shown: the heaviest ones."),
                  access: StoreAccess = Depends(store_access)) -> Network:
    """Who interacts with whom among the events matching the filters: each directed dyad of two
    states/IGOs is an edge weighted by its reports and valued by their mean Goldstein score."""
    with access.read() as store:
        rows, dyads = heaviest_dyads(store, filters, limit)
    return network(rows, dyads)
