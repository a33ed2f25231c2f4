"""The REST API of `heron serve`, checked against direct store reads on a small coded store."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED_ID
from fastapi.testclient import TestClient

from heron.server import create_app
from heron.store import QueryFilters, aggregate, open_store

# Short texts coded by the real pipeline next to the seed article: Kazakhstan between Russia,
# China and the US, plus conflict events so every quad class can occur.
TEXTS = [
    ("putin-xi", "2023-03-20", "Putin and Xi meet in Moscow",
     "Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Monday. "
     "The two leaders signed an agreement on energy cooperation."),
    ("kaz-china", "2023-05-16", "Kazakhstan and China sign trade deal",
     "Kazakhstan signed a trade agreement with China on Tuesday. "
     "Kazakh President Kassym-Jomart Tokayev praised Beijing."),
    ("kharkiv", "2023-06-02", "Strikes on Kharkiv",
     "Russian forces attacked the Ukrainian city of Kharkiv on Friday. "
     "\"We will not surrender,\" Ukrainian President Volodymyr Zelensky said."),
    ("usa-russia", "2023-07-10", "US accuses Russia",
     "The United States accused Russia of war crimes in Ukraine. "
     "Washington also promised new military aid to Kyiv."),
    ("kaz-usa", "2024-01-12", "Kazakhstan and the US on minerals",
     "Kazakhstan and the United States agreed to expand cooperation on critical minerals. "
     "Russia criticised Kazakhstan."),
]


def build_store(coder, seed_text: str, path: Path) -> str:
    docs = [coder.code(text, date=day, doc_id=doc_id, title=title).to_dict() for doc_id, day, title, text in TEXTS]
    docs.append(coder.code(seed_text, date="2023-02-28", doc_id=SEED_ID).to_dict())
    with open_store(path) as store:
        stats = store.ingest(docs)
    assert stats.documents == len(docs) and not stats.errors
    return str(path)


@pytest.fixture(scope="module")
def db(coder, seed_text, tmp_path_factory) -> str:
    return build_store(coder, seed_text, tmp_path_factory.mktemp("api") / "heron.duckdb")


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return TestClient(create_app(db))


def direct(db: str, stories: bool = False, **filters):
    with open_store(db, read_only=True) as store:
        return store.query(QueryFilters.parse(**filters), stories=stories).to_pylist()


def test_summary_matches_the_store(client, db):
    s = client.get("/api/summary").json()
    with open_store(db, read_only=True) as store:
        counts = store.counts()
        first, last = store.fetch_rows("SELECT min(event_date), max(event_date) FROM events")[0]
    assert s["counts"] == counts and counts["documents"] == len(TEXTS) + 1
    assert (s["first_date"], s["last_date"]) == (first.isoformat(), last.isoformat())
    assert sum(t["count"] for t in s["event_types"]) == counts["events"]
    assert s["top_actors"] and all(a["stories"] >= 1 for a in s["top_actors"])
    assert [a["stories"] for a in s["top_actors"]] == sorted((a["stories"] for a in s["top_actors"]), reverse=True)
    with open_store(db, read_only=True) as store:
        stories = dict(store.fetch_rows("SELECT actor, count(DISTINCT story_id) FROM dyads "
                                        "WHERE story_id IS NOT NULL AND actor IS NOT NULL GROUP BY actor"))
    assert {a["actor"]: a["stories"] for a in s["top_actors"]}.items() <= stories.items()
    assert min(a["stories"] for a in s["top_actors"]) >= sorted(stories.values())[-len(s["top_actors"])]
    light = client.get("/api/summary", params={"top": "false"}).json()
    assert (light["top_actors"], light["top_dyads"], light["top_types"]) == ([], [], [])
    assert light["counts"] == s["counts"] and light["event_types"] == s["event_types"]


FILTER_SETS = [{}, {"actor": "USA"}, {"actor": "usa"}, {"recipient": "KAZ"}, {"country": "UKR"},
               {"type": "ACCUSE"}, {"quad": 1}, {"cameo_root": "4"}, {"since": "2023-05-01", "until": "2023-07-31"},
               {"text": "kazakhstan"}, {"place": "moscow"}, {"actor": "KAZ", "type": "AGREE"},
               {"min_confidence": 0.6}]


@pytest.mark.parametrize("filters", FILTER_SETS, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items()) or "all")
def test_event_filters_agree_with_store_query(client, db, filters):
    page = client.get("/api/events", params={**filters, "limit": 1000}).json()
    rows = direct(db, **filters)
    assert page["total"] == len(rows) == len(page["items"])
    assert [(e["doc_id"], e["event_id"]) for e in page["items"]] == [(r["doc_id"], r["event_id"]) for r in rows]
    for item, row in zip(page["items"], rows):
        assert item["evidence"] == row["evidence"] and item["trigger"] == row["trigger"]
        assert item["date"] == (row["event_date"].isoformat() if row["event_date"] else None)


def test_filters_narrow_the_results(client):
    everything = client.get("/api/events").json()["total"]
    for filters in ({"actor": "USA"}, {"recipient": "KAZ"}, {"type": "ACCUSE"},
                    {"since": "2023-05-01", "until": "2023-07-31"}):
        narrowed = client.get("/api/events", params=filters).json()
        assert 0 < narrowed["total"] < everything, filters
    usa = client.get("/api/events", params={"actor": "USA", "limit": 1000}).json()["items"]
    assert all("USA" in e["actor_keys"] for e in usa)
    accusations = client.get("/api/events", params={"type": "ACCUSE"}).json()["items"]
    assert {e["plover_type"] for e in accusations} == {"ACCUSE"}


def test_event_reports_carry_evidence_and_provenance(client):
    items = client.get("/api/events", params={"limit": 1000}).json()["items"]
    by_doc = {e["doc_id"] for e in items}
    assert SEED_ID in by_doc and "kharkiv" in by_doc
    for e in items:
        assert e["trigger"] and e["trigger"].lower() in e["evidence"].lower()
        assert e["modality"] and 0 <= e["confidence"] <= 1
    assert any(e["title"] == "Strikes on Kharkiv" for e in items)


def test_paging_slices_the_same_order(client):
    full = client.get("/api/events", params={"limit": 1000}).json()["items"]
    page = client.get("/api/events", params={"limit": 3, "offset": 2}).json()
    assert page["items"] == full[2:5] and page["total"] == len(full)
    beyond = client.get("/api/events", params={"offset": len(full)}).json()
    assert beyond["items"] == [] and beyond["total"] == len(full)


@pytest.mark.parametrize("filters", [{}, {"actor": "KAZ"}, {"type": "AGREE"}, {"recipient": "UKR"}],
                         ids=["all", "actor", "type", "recipient"])
def test_stories_agree_with_store_query(client, db, filters):
    page = client.get("/api/stories", params={**filters, "limit": 1000}).json()
    rows = direct(db, stories=True, **filters)
    assert page["total"] == len(rows)
    assert [s["story_id"] for s in page["items"]] == [r["story_id"] for r in rows]
    for s, r in zip(page["items"], rows):
        assert (s["num_mentions"], s["num_sources"], s["num_articles"]) == (
            r["num_mentions"], r["num_sources"], r["num_articles"])
        assert s["num_mentions"] >= s["num_articles"] >= 1


def test_document_view_has_text_events_spans_and_quotes(client, db, seed_text):
    doc = client.get(f"/api/documents/{SEED_ID}").json()
    assert doc["text"] == seed_text and doc["date"] == "2023-02-28"
    with open_store(db, read_only=True) as store:
        n_events = store.fetch_rows("SELECT count(*) FROM events WHERE doc_id = ?", [SEED_ID])[0][0]
        n_quotes = store.fetch_rows("SELECT count(*) FROM quotes WHERE doc_id = ?", [SEED_ID])[0][0]
    assert len(doc["events"]) == n_events > 0 and len(doc["quotes"]) == n_quotes > 0
    text = doc["text"]
    for ev in doc["events"]:
        s, e = ev["trigger_span"]
        assert text[s:e] == ev["trigger"]
        assert ev["span"][0] <= s < e <= ev["span"][1]
        for a, b in ev["actor_spans"] + ev["recipient_spans"]:
            assert 0 <= a < b <= len(text)
    assert any(q["speaker_name"] for q in doc["quotes"])
    for q in doc["quotes"]:
        assert q["text"] in text[q["span"][0]:q["span"][1]] or text[q["span"][0]:q["span"][1]] in q["text"]


def test_unknown_document_is_404(client):
    r = client.get("/api/documents/no-such-doc")
    assert r.status_code == 404 and "no-such-doc" in r.json()["detail"]


def test_dyads_match_the_aggregate(client, db):
    for params in ({}, {"actor": "kaz"}, {"actor": "USA", "period": "year", "unit": "reports"}):
        got = client.get("/api/dyads", params=params).json()
        with open_store(db, read_only=True) as store:
            want = aggregate.dyad_counts(store, (params.get("actor") or "").upper() or None,
                                         period=params.get("period", "month"),
                                         unit=params.get("unit", "stories")).to_pylist()
        assert got["rows"] == want
        for row in got["rows"]:
            assert row["events"] >= row["quad1"] + row["quad2"] + row["quad3"] + row["quad4"]
    assert client.get("/api/dyads", params={"actor": "KAZ"}).json()["rows"]


def test_balance_shares_per_period(client, db):
    got = client.get("/api/balance/kaz", params={"period": "month"}).json()
    assert got["country"] == "KAZ" and got["rows"]
    with open_store(db, read_only=True) as store:
        want = aggregate.cooperation_balance(store, "KAZ", period="month").to_pylist()
    assert [(r["period"], r["partner"], r["events"]) for r in got["rows"]] == [
        (r["period"], r["partner"], r["events"]) for r in want]
    for period in {r["period"] for r in got["rows"]}:
        assert sum(r["share"] for r in got["rows"] if r["period"] == period) == pytest.approx(1.0)
    totals = {p: sum(r["events"] for r in got["rows"] if r["partner"] == p) for p in got["partners"]}
    assert list(totals.values()) == sorted(totals.values(), reverse=True) and "KAZ" not in totals
    assert len(got["partners"]) >= 2


def test_timeline_counts_the_filtered_events(client, db):
    for filters in ({}, {"actor": "RUS"}, {"quad": 3}):
        got = client.get("/api/timeline", params=filters).json()
        rows = [r for r in direct(db, **filters) if r["period"]]
        assert sum(r["total"] for r in got["rows"]) == len(rows)
        for q in (1, 2, 3, 4):
            assert sum(r[f"quad{q}"] for r in got["rows"]) == sum(1 for r in rows if r["quad_class"] == q)
        assert [r["period"] for r in got["rows"]] == sorted({r["period"] for r in rows})
    years = client.get("/api/timeline", params={"period": "year"}).json()["rows"]
    assert {r["period"] for r in years} == {"2023", "2024"}


def test_exports_download_the_filtered_events(client, db):
    n_usa = len(direct(db, actor="USA"))
    r = client.get("/api/export", params={"format": "plover", "actor": "USA"})
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    records = [json.loads(line) for line in r.text.splitlines()]
    assert len(records) == n_usa and all("USA" in rec["actor_country"] for rec in records)
    r = client.get("/api/export", params={"format": "csv"})
    assert r.headers["content-type"].startswith("text/csv")
    assert len(list(csv.DictReader(io.StringIO(r.text)))) == len(direct(db))
    r = client.get("/api/export", params={"format": "gdelt", "header": True})
    lines = r.text.splitlines()
    assert lines[0].split("\t")[:2] == ["GLOBALEVENTID", "SQLDATE"] and len(lines) > 1
    assert all(len(line.split("\t")) == len(lines[0].split("\t")) for line in lines)


@pytest.mark.parametrize("url, param", [
    ("/api/events?actor=K-Z", "actor"), ("/api/events?since=2023", "since"), ("/api/events?quad=7", "quad"),
    ("/api/events?cameo_root=99", "cameo_root"), ("/api/events?limit=0", "limit"), ("/api/events?limit=x", "limit"),
    ("/api/stories?until=tomorrow", "until"), ("/api/export?format=xml", "format"), ("/api/export", "format"),
    ("/api/balance/K%20Z", "country"), ("/api/balance/KAZ?period=week", "period"), ("/api/dyads?unit=docs", "unit"),
    ("/api/timeline?type=not%20a%20type", "type"),
])
def test_bad_parameters_are_422_naming_the_parameter(client, url, param):
    r = client.get(url)
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert detail[0]["loc"][-1] == param and detail[0]["msg"]


def test_openapi_documents_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in ("/api/summary", "/api/events", "/api/stories", "/api/documents/{doc_id}", "/api/dyads",
                 "/api/balance/{country}", "/api/export", "/api/timeline"):
        assert "get" in paths[path], path
    ok = paths["/api/events"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok["$ref"].endswith("/EventPage")
    assert {p["name"] for p in paths["/api/events"]["get"]["parameters"]} >= {
        "actor", "recipient", "country", "sector", "type", "cameo_root", "quad", "since", "until", "place", "text",
        "limit", "offset"}
    assert "EventReport" in spec["components"]["schemas"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/swagger-init.js" in docs.text
    assert "/openapi.json" in client.get("/static/swagger-init.js").text
    assert "<script>" not in docs.text   # no inline script: the Content-Security-Policy would block it
    # Swagger UI comes from the package, not a CDN.
    assert "cdn" not in docs.text.lower() and "/static/vendor/swagger-ui-dist/swagger-ui-bundle.js" in docs.text
    assert client.get("/static/vendor/swagger-ui-dist/swagger-ui-bundle.js").status_code == 200


def test_dashboard_and_its_files_are_served(client):
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    for ref in ("/static/app.js", "/static/style.css", "/static/vendor/chart.js/chart.umd.min.js"):
        assert ref in page.text
        assert client.get(ref).status_code == 200
    assert "http://" not in page.text and "https://" not in page.text


def test_serving_does_not_hold_the_store(client, db):
    """Between requests the file is free: a writer (what `heron ingest` does) can open it."""
    assert client.get("/api/summary").status_code == 200
    with open_store(db) as store:   # read-write, in this process: fails if the server kept a connection
        assert store.counts()["documents"] == len(TEXTS) + 1
    assert client.get("/api/summary").status_code == 200


def test_a_busy_store_answers_503_then_recovers(client, db):
    writer = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); "
                               "sys.stdin.read()", db],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "ready"
        r = client.get("/api/events")
        assert r.status_code == 503 and "busy" in r.json()["detail"] and r.headers["retry-after"]
        # the body names neither the store's path nor the process holding it (issue #13)
        assert db not in r.text and str(writer.pid) not in r.text and "python" not in r.text.lower()
    finally:
        writer.communicate("", timeout=20)
    assert client.get("/api/events").status_code == 200


def test_a_missing_store_answers_503(tmp_path):
    r = TestClient(create_app(tmp_path / "absent.duckdb")).get("/api/summary")
    assert r.status_code == 503 and "no store" in r.json()["detail"]
    assert str(tmp_path) not in r.text   # where the store lives is for the server log, not the client
