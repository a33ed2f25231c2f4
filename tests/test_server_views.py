"""The API behind the dashboard's views: cursor paging, map clusters, network, dyad series, story detail,
JSON-lines download; each checked against the store read directly (or the pipeline's own dyads)."""
from __future__ import annotations

import json
from collections import Counter

import pytest
from conftest import SEED_ID
from fastapi.testclient import TestClient
from test_server_api import build_store

from heron.server import create_app
from heron.server.parties import party
from heron.store import QueryFilters, aggregate, open_store


@pytest.fixture(scope="module")
def db(coder, seed_text, tmp_path_factory) -> str:
    path = build_store(coder, seed_text, tmp_path_factory.mktemp("views") / "heron.duckdb")
    # Undated events sort last; paging must reach them too.
    undated = coder.code("Russian troops attacked Ukraine. Ukraine asked NATO for help.", doc_id="undated").to_dict()
    with open_store(path) as store:
        assert store.ingest([undated]).documents == 1
        assert store.fetch_rows("SELECT count(*) FROM events WHERE event_date IS NULL")[0][0] > 0
    return path


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return TestClient(create_app(db))


def direct(db: str, **filters) -> list[dict]:
    with open_store(db, read_only=True) as store:
        return store.query(QueryFilters.parse(**filters)).to_pylist()


@pytest.mark.parametrize("filters", [{}, {"actor": "RUS"}, {"country": "KAZ"}, {"text": "the"}, {"place": "a"}])
def test_cursor_pages_walk_the_same_order_both_ways(client, db, filters):
    everything = [(r["doc_id"], r["event_id"]) for r in direct(db, **filters)]
    pages, params = [], {**filters, "limit": max(1, len(everything) // 4)}
    page = client.get("/api/events", params=params).json()
    while True:
        assert page["offset"] == sum(len(p) for p in pages) and page["total"] == len(everything)
        pages.append([(e["doc_id"], e["event_id"]) for e in page["items"]])
        if not page["next"]:
            break
        page = client.get("/api/events", params={**params, "after": page["next"]}).json()
    assert [k for p in pages for k in p] == everything and len(pages) > 2
    # Back again with `prev`: the same pages in reverse.
    back = [pages[-1]]
    while page["prev"]:
        page = client.get("/api/events", params={**params, "before": page["prev"]}).json()
        back.append([(e["doc_id"], e["event_id"]) for e in page["items"]])
    assert back[::-1] == pages and page["offset"] == 0


def test_cursors_reach_undated_events_and_bad_cursors_are_422(client, db):
    rows = direct(db)
    assert rows[-1]["event_date"] is None
    last = client.get("/api/events", params={"limit": 2, "offset": len(rows) - 3}).json()
    tail = client.get("/api/events", params={"limit": 5, "after": last["next"]}).json()
    assert [e["event_id"] for e in tail["items"]] == [r["event_id"] for r in rows[-1:]]
    assert tail["next"] is None and tail["offset"] == len(rows) - 1
    for bad in ("nonsense", "W10", "WyIyMDIzIl0"):
        r = client.get("/api/events", params={"after": bad})
        assert r.status_code == 422 and r.json()["detail"][0]["loc"][-1] == "after"


def located(db: str, **filters) -> list[dict]:
    return [r for r in direct(db, **filters) if r["location_lat"] is not None and r["location_lon"] is not None]


@pytest.mark.parametrize("filters", [{}, {"actor": "USA"}, {"quad": 1}])
def test_map_clusters_hold_every_located_event(client, db, filters):
    rows = located(db, **filters)
    assert rows
    fine = client.get("/api/map", params={**filters, "cell": 0.5}).json()
    coarse = client.get("/api/map", params={**filters, "cell": 60}).json()
    for got in (fine, coarse):
        assert got["located"] == sum(c["events"] for c in got["clusters"]) == len(rows)
        assert got["unlocated"] == len(direct(db, **filters)) - len(rows)
        for q in (1, 2, 3, 4):
            assert sum(c[f"quad{q}"] for c in got["clusters"]) == sum(1 for r in rows if r["quad_class"] == q)
        for c in got["clusters"]:
            s, w, n, e = c["bounds"]
            assert s <= c["lat"] <= n and w <= c["lon"] <= e and c["places"] >= 1
    assert len(coarse["clusters"]) < len(fine["clusters"])
    # One place per cluster at a fine grid: the cluster is the place.
    places = Counter((r["location_name"] or r["location_text"]) for r in rows)
    assert {c["place"]: c["events"] for c in fine["clusters"] if c["places"] == 1}.items() <= places.items()


def test_map_cell_is_bounded(client):
    for cell in (0, -1, 500, "x"):
        r = client.get("/api/map", params={"cell": cell})
        assert r.status_code == 422 and r.json()["detail"][0]["loc"][-1] == "cell"


def expected_edges(db: str, **filters) -> Counter:
    """Directed state/IGO dyads of the matching events, counted from the dyads table row by row."""
    keys = {(r["doc_id"], r["event_id"]) for r in direct(db, **filters)}
    with open_store(db, read_only=True) as store:
        dyads = store.fetch_rows("SELECT doc_id, event_id, actor, recipient FROM dyads")
    return Counter((a, r) for d, e, a, r in dyads if (d, e) in keys and a and r and a != r
                   and party(a)[1] and party(r)[1])


@pytest.mark.parametrize("filters", [{}, {"type": "ASSAULT"}, {"actor": "RUS"}, {"since": "2023-05-01"},
                                     {"text": "kazakhstan", "quad": 1}])
def test_network_edges_are_the_dyads_of_the_matching_events(client, db, filters):
    got = client.get("/api/network", params=filters).json()
    want = expected_edges(db, **filters)
    assert {(e["source"], e["target"]): e["events"] for e in got["edges"]} == dict(want)
    assert got["dyads"] == len(want)
    weight = Counter()
    for e in got["edges"]:
        weight[e["source"]] += e["events"]
        weight[e["target"]] += e["events"]
    assert {n["id"]: n["events"] for n in got["nodes"]} == dict(weight)
    assert all(n["kind"] in ("state", "igo") for n in got["nodes"])


def test_network_shows_the_seed_states_and_keeps_the_heaviest_edges(client):
    everything = client.get("/api/network").json()
    assert {"USA", "KAZ", "KGZ", "TJK", "TKM", "UZB"} <= {n["id"] for n in everything["nodes"]}
    assert "UNGA" in {n["id"] for n in everything["nodes"] if n["kind"] == "igo"}
    top = client.get("/api/network", params={"limit": 3}).json()
    assert len(top["edges"]) == 3 and top["dyads"] == everything["dyads"]
    heaviest = sorted((e["events"] for e in everything["edges"]), reverse=True)[:3]
    assert [e["events"] for e in top["edges"]] == heaviest


def test_dyad_series_matches_the_directed_aggregates(client, db):
    got = client.get("/api/dyad-series", params={"a": "usa", "b": "KAZ"}).json()
    assert (got["a"], got["b"]) == ("USA", "KAZ") and got["rows"]
    with open_store(db, read_only=True) as store:
        ab = {r["period"]: r for r in aggregate.dyad_counts(store, "USA", "KAZ", unit="reports").to_pylist()}
        ba = {r["period"]: r for r in aggregate.dyad_counts(store, "KAZ", "USA", unit="reports").to_pylist()}
    assert [r["period"] for r in got["rows"]] == sorted(set(ab) | set(ba))
    for row in got["rows"]:
        for direction, table in (("ab", ab), ("ba", ba)):
            want = table.get(row["period"], {})
            assert row[direction] == [want.get(f"quad{q}", 0) for q in (1, 2, 3, 4)]
        month = client.get("/api/dyad-events", params={"a": "USA", "b": "KAZ", "month": row["period"]}).json()
        assert month["total"] == len(month["items"]) == row["events"]
        assert row["net_goldstein"] == pytest.approx(sum(e["goldstein"] or 0 for e in month["items"]))
        for e in month["items"]:
            assert {"USA", "KAZ"} <= set(e["actor_keys"]) | set(e["recipient_keys"])
            assert e["modality"] not in ("negated", "hypothetical")


def test_dyad_series_bad_parameters(client):
    for params, loc in (({"a": "USA", "b": "usa"}, "b"), ({"a": "U S", "b": "KAZ"}, "a"), ({"a": "USA"}, "b"),
                        ({"a": "USA", "b": "KAZ", "since": "2023"}, "since")):
        r = client.get("/api/dyad-series", params=params)
        assert r.status_code == 422 and r.json()["detail"][0]["loc"][-1] == loc, params
    r = client.get("/api/dyad-events", params={"a": "USA", "b": "KAZ", "month": "2023-13"})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"][-1] == "month"


def test_story_detail_lists_every_report(client, db):
    stories = client.get("/api/stories", params={"limit": 1000}).json()["items"]
    assert stories
    for s in stories:
        got = client.get(f"/api/stories/{s['story_id']}").json()
        assert got["story"] == s
        assert len(got["reports"]) == s["num_mentions"]
        assert len({r["doc_id"] for r in got["reports"]}) == s["num_articles"] == len(
            {r["doc_id"] for r in got["reports"]})
        assert len(got["sources"]) == s["num_sources"] and sum(x["reports"] for x in got["sources"]) == s["num_mentions"]
        dates = [r["date"] for r in got["reports"]]
        assert dates == sorted(dates) and (dates[0], dates[-1]) == (s["date_first"], s["date_last"])
    seed = client.get("/api/events", params={"limit": 1000}).json()["items"]
    first = next(e for e in seed if e["doc_id"] == SEED_ID and e["story_id"])
    assert any(r["event_id"] == first["event_id"] for r in client.get(f"/api/stories/{first['story_id']}").json()["reports"])
    r = client.get("/api/stories/no-such-story")
    assert r.status_code == 404 and "no-such-story" in r.json()["detail"]


def test_jsonl_download_is_the_filtered_event_rows(client, db):
    r = client.get("/api/export", params={"format": "jsonl", "actor": "RUS"})
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    rows = [json.loads(line) for line in r.text.splitlines()]
    assert [(x["doc_id"], x["event_id"]) for x in rows] == [(x["doc_id"], x["event_id"]) for x in direct(db, actor="RUS")]
    assert all(";RUS;" in x["actor_keys"] for x in rows) and "event_json" not in rows[0]


def test_openapi_documents_the_view_routes(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/map", "/api/network", "/api/dyad-series", "/api/dyad-events", "/api/stories/{story_id}"):
        assert "get" in paths[path], path
    assert "post" in paths["/api/code"] and "/api/documents" not in paths   # no token: no write route
    assert {"after", "before"} <= {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
