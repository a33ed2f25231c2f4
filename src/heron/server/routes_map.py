"""`GET /api/map`: events placed by their location's coordinates, clustered on a grid."""
from __future__ import annotations

import math

from fastapi import APIRouter, Depends, Query

from heron.server.access import StoreAccess
from heron.server.models_views import MapCluster, MapClusters
from heron.server.params import event_filters
from heron.server.routes import ERRORS, store_access
from heron.store import QueryFilters
from heron.store.base import SqlStore
from heron.store.query import event_where

router = APIRouter(prefix="/api", responses=ERRORS, tags=["aggregates"])
QUADS = (1, 2, 3, 4)


def places(store: SqlStore, filters: QueryFilters) -> tuple[list[dict], int]:
    """Matching events per distinct place (name and coordinates), and the count of those without coordinates.

    One scan: the database reduces a million events to a few thousand places; clustering them is then cheap.
    """
    where, params = event_where(filters, "e", store)
    quads = ", ".join(f"sum(CASE WHEN e.quad_class = {q} THEN 1 ELSE 0 END) AS quad{q}" for q in QUADS)
    has_point = "e.location_lat IS NOT NULL AND e.location_lon IS NOT NULL"
    rows = store.fetch_arrow(
        f"SELECT CASE WHEN {has_point} THEN coalesce(e.location_name, e.location_text) END AS place, "
        f"e.location_lat AS lat, e.location_lon AS lon, count(*) AS events, {quads}, "
        f"sum(e.goldstein) AS goldstein_sum, count(e.goldstein) AS goldstein_n "
        f"FROM events e WHERE {where} GROUP BY 1, 2, 3", params).to_pylist()
    unplaced = [r for r in rows if r["lat"] is None or r["lon"] is None]
    return [r for r in rows if r["lat"] is not None and r["lon"] is not None], sum(int(r["events"]) for r in unplaced)


def cluster(rows: list[dict], cell: float) -> list[MapCluster]:
    """Places in one `cell`-degree grid cell form one cluster, placed at their events' mean position."""
    cells: dict[tuple[int, int], list[dict]] = {}
    for r in rows:
        cells.setdefault((math.floor(r["lat"] / cell), math.floor(r["lon"] / cell)), []).append(r)
    out = []
    for members in cells.values():
        n = sum(int(m["events"]) for m in members)
        g_n = sum(int(m["goldstein_n"]) for m in members)
        top = max(members, key=lambda m: (m["events"], m["place"] or ""))
        lats, lons = [m["lat"] for m in members], [m["lon"] for m in members]
        out.append(MapCluster(
            lat=sum(m["lat"] * m["events"] for m in members) / n, lon=sum(m["lon"] * m["events"] for m in members) / n,
            events=n, **{f"quad{q}": sum(int(m[f"quad{q}"]) for m in members) for q in QUADS},
            mean_goldstein=sum(float(m["goldstein_sum"] or 0) for m in members) / g_n if g_n else None,
            places=len({m["place"] for m in members}), place=top["place"],
            bounds=(min(lats), min(lons), max(lats), max(lons))))
    out.sort(key=lambda c: (-c.events, c.lat, c.lon))
    return out


@router.get("/map", response_model=MapClusters)
def map_clusters(filters: QueryFilters = Depends(event_filters),
                 cell: float = Query(4.0, ge=0.01, le=90, description="Cluster grid cell in degrees (smaller when "
                                                                        "zoomed in)."),
                 access: StoreAccess = Depends(store_access)) -> MapClusters:
    """Events matching the filters with a geocoded location, clustered by a `cell`-degree grid.

    Each cluster has its events by quad class, the mean Goldstein score, its most frequent place
    and the bounds of its places (zoom there to split it)."""
    with access.read() as store:
        rows, unlocated = places(store, filters)
    return MapClusters(cell=cell, located=sum(int(r["events"]) for r in rows), unlocated=unlocated,
                       clusters=cluster(rows, cell))
