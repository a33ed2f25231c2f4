"""`POST /api/code` and the token-gated `POST /api/documents`: the real coder in worker processes, with its
limits (size, concurrency per client and in all, time), its errors, and the token."""
from __future__ import annotations

import asyncio
import dataclasses

import httpx
import pytest
from conftest import SEED_ID
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from heron.cli import app as cli
from heron.server import create_app
from heron.store import open_store

TOKEN = "a-test-token-of-some-length"
SHORT = "Russian troops attacked Ukraine on Thursday."


@pytest.fixture(scope="module")
def app(seed_doc, tmp_path_factory):
    """One app (one worker process) for the module; each test sets the limits it needs."""
    db = tmp_path_factory.mktemp("coding") / "heron.duckdb"
    with open_store(db) as store:
        store.ingest([seed_doc.to_dict()])
    application = create_app(db)
    yield application
    application.state.coding.close()


@pytest.fixture
def limits(app):
    pool = app.state.coding
    saved = pool.limits

    def set_limits(**changes) -> None:
        pool.limits = dataclasses.replace(saved, **changes)
    yield set_limits
    pool.limits = saved


@pytest.fixture
def client(app) -> TestClient:
    return TestClient(app)


def long_text(seed_text: str, size: int) -> str:
    """`size` bytes of real news text (the seed article repeated), so coding takes a while."""
    text = seed_text
    while len(text.encode("utf-8")) < size:
        text += "\n" + seed_text
    return text.encode("utf-8")[:size].decode("utf-8", "ignore").rsplit(".", 1)[0] + "."


def test_code_returns_the_coded_document_and_stores_nothing(client, app, seed_text, seed_doc):
    r = client.post("/api/code", json={"text": seed_text, "date": "28 February 2023", "title": "Seed"})
    assert r.status_code == 200
    doc = r.json()
    assert doc["date"] == "2023-02-28" and doc["title"] == "Seed" and doc["text"] == seed_doc.text
    want = [(e.plover["type"], e.cameo["code"], e.trigger.span, [a.code for a in e.actor]) for e in seed_doc.events]
    got = [(e["plover"]["type"], e["cameo"]["code"], tuple(e["trigger"]["span"]), [a["code"] for a in e["actor"]])
           for e in doc["events"]]
    assert got == want
    assert all(e["explain"] and e["explain"].get("by") for e in doc["events"])
    assert len(doc["quotes"]) == len(seed_doc.quotes) and doc["mentions"]
    with open_store(app.state.store_access.url, read_only=True) as store:
        assert store.counts()["documents"] == 1     # only what the fixture stored


@pytest.mark.parametrize("body, loc", [
    ({"text": ""}, ["body", "text"]), ({"text": "   "}, ["body", "text"]), ({}, ["body", "text"]),
    ({"text": 42}, ["body", "text"]), ({"text": SHORT, "date": "yesterday"}, ["body", "date"]),
    ({"text": SHORT, "extra": 1}, ["body", "extra"]), (["a list"], ["body"]),
])
def test_bad_requests_are_422_naming_the_field(client, body, loc):
    r = client.post("/api/code", json=body)
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == loc and r.json()["detail"][0]["msg"]


def test_invalid_json_is_422(client):
    r = client.post("/api/code", content=b'{"text": "unterminated', headers={"Content-Type": "application/json"})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body"]


def test_size_limit_is_413_with_the_limit_named(client, limits):
    limits(max_bytes=1000)
    assert client.post("/api/code", json={"text": "a" * 1000}).status_code != 413
    r = client.post("/api/code", json={"text": "a" * 1001})
    assert r.status_code == 413 and "1,001 bytes" in r.json()["detail"] and "1,000" in r.json()["detail"]
    # The limit is on UTF-8 bytes: 400 Cyrillic letters are 800 bytes, 600 are 1,200.
    assert client.post("/api/code", json={"text": "д" * 400}).status_code == 200
    assert client.post("/api/code", json={"text": "д" * 600}).status_code == 413
    # A body far over the limit is refused before it is read.
    r = client.post("/api/code", content=b"x" * 200_000, headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and "limit" in r.json()["detail"]


def test_default_limit_is_100_kb(client):
    r = client.post("/api/code", json={"text": "word " * 20_001})
    assert r.status_code == 413 and "100,000" in r.json()["detail"]


async def _post_all(app, requests: list[tuple[str, dict]]) -> list[int]:
    """POST /api/code concurrently, each (client address, body); the status codes in order."""
    async def post(address: str, body: dict) -> int:
        transport = httpx.ASGITransport(app=app, client=(address, 5000))
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            return (await c.post("/api/code", json=body, timeout=120)).status_code
    return list(await asyncio.gather(*(post(a, b) for a, b in requests)))


def test_one_client_gets_429_past_its_cap_others_are_served(app, limits, seed_text):
    limits(per_client=1, queue=4)
    body = {"text": long_text(seed_text, 20_000)}
    assert sorted(asyncio.run(_post_all(app, [("10.0.0.1", body), ("10.0.0.1", body)]))) == [200, 429]
    assert asyncio.run(_post_all(app, [("10.0.0.1", body), ("10.0.0.2", body)])) == [200, 200]


def test_a_full_pool_answers_503_with_retry_after(app, limits, client, seed_text):
    limits(per_client=5, queue=0)       # one worker, nobody waiting
    body = {"text": long_text(seed_text, 20_000)}
    assert sorted(asyncio.run(_post_all(app, [("10.0.0.1", body), ("10.0.0.2", body)]))) == [200, 503]
    limits(per_client=0)
    r = client.post("/api/code", json={"text": SHORT})
    assert r.status_code == 429 and r.headers["retry-after"]


def test_reads_answer_while_a_text_is_coded(app, seed_text):
    done: list[str] = []

    async def run() -> None:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            async def code() -> None:
                r = await c.post("/api/code", json={"text": long_text(seed_text, 60_000)}, timeout=120)
                assert r.status_code == 200
                done.append("code")

            async def read() -> None:
                await asyncio.sleep(0.05)          # the coding request is in its worker by now
                for path in ("/api/summary", "/api/events", f"/api/documents/{SEED_ID}"):
                    assert (await c.get(path)).status_code == 200
                done.append("reads")
            await asyncio.gather(code(), read())
    asyncio.run(run())
    assert done == ["reads", "code"]


def test_time_limit_stops_the_coding_and_the_next_text_is_coded(client, limits, seed_text):
    client.post("/api/code", json={"text": SHORT})      # the worker is up: its start is not timed
    limits(time_limit_s=0.2)
    r = client.post("/api/code", json={"text": long_text(seed_text, 90_000)})
    assert r.status_code == 504 and "0.2 s limit" in r.json()["detail"]
    limits(time_limit_s=60)
    r = client.post("/api/code", json={"text": SHORT, "date": "2022-02-25"})
    assert r.status_code == 200 and [e["plover"]["type"] for e in r.json()["events"]] == ["ASSAULT"]


# ---- POST /api/documents: only with a token, and only with it -----------------------------------------

@pytest.fixture(scope="module")
def writer(tmp_path_factory):
    db = tmp_path_factory.mktemp("ingest") / "heron.duckdb"
    application = create_app(db, token=TOKEN)
    yield TestClient(application), str(db)
    application.state.coding.close()


def auth(token: str = TOKEN) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_without_a_token_there_is_no_write_route(client):
    r = client.post("/api/documents", json={"documents": [{"id": "x", "text": SHORT}]})
    assert r.status_code in (404, 405)


@pytest.mark.parametrize("headers", [{}, auth("wrong-token-of-some-length"), {"Authorization": TOKEN},
                                     {"Authorization": f"Basic {TOKEN}"}])
def test_writes_need_the_token(writer, headers):
    client, db = writer
    r = client.post("/api/documents", json={"documents": [{"id": "x", "text": SHORT}]}, headers=headers)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer" and "token" in r.json()["detail"]


def test_ingest_with_the_token_codes_stores_and_names_bad_records(writer, seed_text):
    client, db = writer
    docs = [{"id": "seed", "text": seed_text, "date": "2023-02-28", "publisher": "AFP", "url": "https://example.org/a"},
            {"id": "short", "text": SHORT, "date": "2022-02-25"},
            {"id": "empty", "text": "  "}, {"id": "bad-date", "text": SHORT, "date": "someday"},
            {"id": "huge", "text": "word " * 20_001}]
    r = client.post("/api/documents", json={"documents": docs}, headers=auth())
    assert r.status_code == 200
    got = r.json()
    assert (got["documents"], got["skipped"]) == (2, 0) and got["events"] > 5
    assert sorted(e.split(":")[0] for e in got["errors"]) == ["bad-date", "empty", "huge"]
    assert any("100,000" in e for e in got["errors"]) and any("someday" in e for e in got["errors"])
    stored = client.get("/api/documents/seed").json()
    assert stored["publisher"] == "AFP" and stored["url"] == "https://example.org/a" and stored["events"]
    # Reads need no token; sending the same documents again stores nothing new.
    assert client.get("/api/summary").json()["counts"]["documents"] == 2
    again = client.post("/api/documents", json={"documents": docs[:2]}, headers=auth()).json()
    assert (again["documents"], again["skipped"], again["errors"]) == (0, 2, [])
    with open_store(db, read_only=True) as store:
        assert store.counts()["documents"] == 2


def test_ingest_request_limits(writer):
    client, _ = writer
    r = client.post("/api/documents", json={"documents": []}, headers=auth())
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "documents"]
    many = {"documents": [{"id": f"d{i}", "text": SHORT} for i in range(101)]}
    assert client.post("/api/documents", json=many, headers=auth()).status_code == 422
    paths = client.get("/openapi.json").json()["paths"]
    assert "post" in paths["/api/documents"] and "401" in paths["/api/documents"]["post"]["responses"]


runner = CliRunner()


@pytest.mark.parametrize("args, env", [(["--token", "short"], {}), ([], {"HERON_TOKEN": "short"})])
def test_serve_refuses_a_short_token(tmp_path, args, env):
    with open_store(tmp_path / "s.duckdb"):
        pass
    res = runner.invoke(cli, ["serve", "--db", str(tmp_path / "s.duckdb"), *args], env=env)
    assert res.exit_code == 2 and "at least 16 characters" in res.output

