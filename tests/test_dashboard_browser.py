"""The dashboard in a real browser: Debian's Chromium driven by Playwright against `heron serve`'s app
on a loopback port. Never downloads a browser (no `playwright install`)."""
from __future__ import annotations

import json
import os
import socket
import threading
import time
import urllib.request
from urllib.parse import urlparse

import pytest
from conftest import SEED_ID
from test_server_api import build_store

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"no Chromium at {CHROMIUM} (apt install chromium)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(coder, seed_text, tmp_path_factory):
    import uvicorn

    from heron.server import create_app

    db = build_store(coder, seed_text, tmp_path_factory.mktemp("dash") / "heron.duckdb")
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=5)


def api(base: str, path: str) -> dict:
    with urllib.request.urlopen(f"{base}/api/{path}", timeout=5) as r:
        return json.load(r)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(8000)
    pg.requests, pg.errors = [], []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))
    yield pg
    context.close()


def wait_events(pg, total: int) -> None:
    pg.wait_for_function(f"() => document.body.dataset.events === '{total}'")


def test_dashboard_loads_filters_and_opens_documents(page, server):
    everything, usa = api(server, "events?limit=1"), api(server, "events?actor=USA&limit=1000")
    assert 0 < usa["total"] < everything["total"]

    page.goto(f"{server}/")
    wait_events(page, everything["total"])
    rows = page.locator("#events-table tbody tr")
    assert rows.count() == min(everything["total"], 50)
    assert page.locator("#summary").inner_text().startswith(f"{api(server, 'summary')['counts']['documents']} documents")

    # The timeline chart drew the API's numbers, and pixels on its canvas.
    timeline = api(server, "timeline")
    drawn = page.evaluate("""() => Chart.getChart('timeline-chart').data.datasets
                               .map(d => d.data.reduce((a, b) => a + b, 0))""")
    assert drawn == [sum(r[f"quad{q}"] for r in timeline["rows"]) for q in (1, 2, 3, 4)]
    assert page.evaluate("""() => { const c = document.getElementById('timeline-chart');
        const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++; return n; }""") > 1000

    # The multi-vector balance of Kazakhstan (default country) shows its partners.
    balance = api(server, "balance/KAZ")
    page.wait_for_function("() => Chart.getChart('balance-chart') !== undefined")
    labels = page.evaluate("() => Chart.getChart('balance-chart').data.datasets.map(d => d.label)")
    assert labels[:len(balance["partners"][:7])] == balance["partners"][:7] and len(labels) >= 2

    # Filter on the actor: the table shows the USA's events only.
    page.fill("#filters input[name=actor]", "usa")
    page.click("#filters button[type=submit]")
    wait_events(page, usa["total"])
    assert "actor=usa" in page.url
    assert rows.count() == min(usa["total"], 50)
    dates = rows.locator("td:nth-child(1)").all_inner_texts()
    assert dates == [e["date"] or "" for e in usa["items"][:50]]
    assert all("USA" in codes.split() for codes in rows.locator("td:nth-child(2) .codes").all_inner_texts())

    # Open the first event's document: its triggers are highlighted in the text.
    first = usa["items"][0]
    rows.first.locator("a.doc-link").click()
    page.wait_for_selector("#doc-text mark.hl-trigger")
    doc = api(server, f"documents/{first['doc_id']}")
    triggers = page.locator("#doc-text mark.hl-trigger")
    assert triggers.count() >= sum(1 for e in doc["events"] if e["trigger_span"])
    highlighted = set(triggers.all_inner_texts())
    assert first["trigger"] in highlighted
    assert page.locator("#doc-text").inner_text().replace("\n", "") == doc["text"].replace("\n", "")
    assert page.locator("#doc-events li").count() == len(doc["events"])

    assert not page.errors, page.errors
    assert_local_only(page, server)


def test_document_view_lists_quotes_with_speakers(page, server):
    doc = api(server, f"documents/{SEED_ID}")
    page.goto(f"{server}/#/doc/{SEED_ID}")
    page.wait_for_selector("#doc-quotes li strong")
    assert page.locator("#doc-title").inner_text() == (doc["title"] or doc["id"])
    speakers = page.locator("#doc-quotes li strong").all_inner_texts()
    assert len(speakers) == len(doc["quotes"])
    assert any(q["speaker_name"] and s.startswith(q["speaker_name"]) for q in doc["quotes"] for s in speakers)
    assert page.locator("#doc-text mark.hl-actor").count() > 0 and page.locator("#doc-text .hl-quote").count() > 0
    # Back to the event list.
    page.click("#back")
    page.wait_for_selector("#events-table tbody tr")
    assert page.locator("#view-doc").is_hidden()
    assert not page.errors, page.errors
    assert_local_only(page, server)


def assert_local_only(page, server: str) -> None:
    host = urlparse(server).netloc
    outside = [u for u in page.requests if urlparse(u).scheme not in ("data", "blob") and urlparse(u).netloc != host]
    assert page.requests and not outside, outside
