"""What `heron serve` exposes (issue #13, case 7): bounded parameters, generic errors, security headers,
a Host check for loopback binds and LIKE filters that match what was typed."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pg_fixture import make_documents, pg_server, pg_url, store_url  # noqa: F401 - fixtures

from heron.server import create_app
from heron.server.security import allowed_hosts
from heron.store import QueryFilters, open_store


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("sec") / "heron.duckdb")
    with open_store(path) as store:
        store.ingest(make_documents(12))
    return path


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return TestClient(create_app(db, allowed_hosts=allowed_hosts("127.0.0.1")), base_url="http://127.0.0.1:8000")


@pytest.mark.parametrize("query", ["offset=10000000000000000000", "offset=-1", "limit=0", "limit=1001",
                                   "quad=5", "quad=99999999999999999999999", "text=" + "x" * 201, "actor=" + "A" * 40])
def test_numbers_and_lengths_out_of_bounds_answer_422(client, query):
    r = client.get(f"/api/events?{query}")
    assert r.status_code == 422, (query, r.status_code, r.text[:200])


def test_every_response_carries_the_security_headers(client):
    for path in ("/", "/docs", "/api/summary", "/api/events?offset=-1", "/api/documents/none", "/static/app.js"):
        r = client.get(path)
        csp = r.headers.get("content-security-policy", "")
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0], path
        assert "frame-ancestors 'none'" in csp, path
        assert r.headers.get("x-frame-options") == "DENY", path
        assert r.headers.get("x-content-type-options") == "nosniff", path
        assert r.headers.get("referrer-policy") == "no-referrer", path


def test_a_loopback_server_refuses_foreign_host_headers(client):
    """DNS rebinding: a page on evil.example resolving its name to 127.0.0.1 must not read the store."""
    assert client.get("/api/summary", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/api/summary", headers={"Host": "evil.example:8000"}).status_code == 400
    for host in ("127.0.0.1:8000", "localhost:8000", "localhost", "[::1]:8000"):
        assert client.get("/api/summary", headers={"Host": host}).status_code == 200, host


def test_which_binds_check_the_host():
    assert "localhost" in allowed_hosts("127.0.0.1") and "[::1]" in allowed_hosts("::1")
    assert allowed_hosts("localhost") is not None
    assert allowed_hosts("0.0.0.0") is None and allowed_hosts("192.168.1.20") is None


def test_an_unexpected_error_answers_a_generic_500(db, monkeypatch):
    from heron.store import aggregate

    def broken(*args, **kwargs):
        raise RuntimeError(f"secret detail: {db}")

    monkeypatch.setattr(aggregate, "summary", broken)
    r = TestClient(create_app(db), raise_server_exceptions=False).get("/api/summary")
    assert r.status_code == 500 and r.json() == {"detail": "internal error"}
    assert db not in r.text and "secret" not in r.text
    assert r.headers.get("x-frame-options") == "DENY"


def test_like_wildcards_are_matched_literally(store_url):
    docs = make_documents(6)
    with open_store(store_url) as store:
        store.ingest(docs)
        every = store.query(QueryFilters()).num_rows
        assert every > 0
        for wildcard in ("%", "_", "\\", "%%", "a_b"):
            hits = store.query(QueryFilters.parse(text=wildcard)).to_pylist()
            assert all(wildcard.lower() in (r["evidence"] or "").lower() for r in hits), wildcard
            assert len(hits) < every, wildcard
        assert store.query(QueryFilters.parse(place="_")).num_rows == 0
        assert store.query(QueryFilters.parse(actor="U_A")).num_rows == 0    # '_' is no wildcard in codes either
        assert store.query(QueryFilters.parse(actor="USA")).num_rows > 0
