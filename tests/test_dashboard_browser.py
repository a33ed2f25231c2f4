"""The dashboard in a real browser: Debian's Chromium driven by Playwright against `heron serve`'s app on a
loopback port, over a store coded from the bundled sample (plus a second outlet's report of the seed story).
Never downloads a browser (no `playwright install`).

Each view writes a screenshot into the test's temporary folder, and into $HERON_SCREENSHOTS when set
(`HERON_SCREENSHOTS=docs/ .venv/bin/pytest tests/test_dashboard_browser.py` refreshes the README's pictures).
"""
from __future__ import annotations

import csv
import io
import json
import os
import socket
import threading
import time
import urllib.request
from importlib import resources
from pathlib import Path
from urllib.parse import urlencode, urlparse

import pytest
from conftest import SEED_ID

from heron.store import open_store

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
SEED_STATES = {"USA", "KAZ", "KGZ", "TJK", "TKM", "UZB"}
# A second outlet's report of the seed's visit: the store then has a story told by two documents.
WIRE = {"id": "wire-blinken", "date": "2023-02-28", "title": "Blinken visits Kazakhstan", "publisher": "Example Wire",
        "text": "US Secretary of State Antony Blinken on Tuesday began his first visit to Kazakhstan, the gigantic "
                "Central Asian country, an ally of Russia, a year after the Russian invasion of Ukraine."}

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"no Chromium at {CHROMIUM} (apt install chromium)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sample_records() -> list[dict]:
    path = Path(str(resources.files("heron").joinpath("data", "sample", "sample.jsonl")))
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()] + [WIRE]


@pytest.fixture(scope="module")
def server(coder, tmp_path_factory):
    import uvicorn

    from heron.server import create_app

    db = tmp_path_factory.mktemp("dash") / "heron.duckdb"
    records = sample_records()
    with open_store(db) as store:
        stats = store.ingest(doc.to_dict() for doc in coder.code_many(records))
    assert stats.documents == len(records) and not stats.errors
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
    thread.join(timeout=10)


def api(base: str, path: str, **params) -> dict:
    url = f"{base}/api/{path}" + (f"?{urlencode(params)}" if params else "")
    with urllib.request.urlopen(url, timeout=10) as r:
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
    pg.set_default_timeout(10000)
    pg.requests, pg.errors = [], []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))
    yield pg
    context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> list[Path]:
    folders = [tmp_path_factory.mktemp("screenshots")]
    if os.environ.get("HERON_SCREENSHOTS"):
        folders.append(Path(os.environ["HERON_SCREENSHOTS"]))
        folders[-1].mkdir(parents=True, exist_ok=True)
    return folders


def screenshot(pg, shots: list[Path], name: str, full_page: bool = True) -> None:
    for folder in shots:
        pg.screenshot(path=str(folder / f"dashboard-{name}.png"), full_page=full_page)
    assert (shots[0] / f"dashboard-{name}.png").stat().st_size > 10_000


def wait_data(pg, key: str, value: str | None = None) -> None:
    cond = f"document.body.dataset.{key} === '{value}'" if value is not None else f"document.body.dataset.{key}"
    pg.wait_for_function(f"() => {cond}")   # a function: a string predicate needs eval, which the CSP forbids


def painted(pg, selector: str) -> int:
    """Non-transparent pixels on a canvas: the chart really drew."""
    return pg.evaluate("""(sel) => { const c = document.querySelector(sel);
        const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++; return n; }""", selector)


def assert_local_only(page, server: str) -> None:
    host = urlparse(server).netloc
    outside = [u for u in page.requests if urlparse(u).scheme not in ("data", "blob") and urlparse(u).netloc != host]
    assert page.requests and not outside, outside


def test_events_view_filters_pages_and_opens_documents(page, server, shots):
    everything, usa = api(server, "events", limit=1), api(server, "events", actor="USA", limit=1000)
    assert 0 < usa["total"] < everything["total"]

    page.goto(f"{server}/")
    wait_data(page, "events", str(everything["total"]))
    rows = page.locator("#events-table tbody tr")
    assert rows.count() == min(everything["total"], 50)
    assert page.locator("#summary").inner_text().startswith(f"{api(server, 'summary')['counts']['documents']} documents")
    timeline = api(server, "timeline")
    drawn = page.evaluate("""() => Chart.getChart('timeline-chart').data.datasets
                               .map(d => d.data.reduce((a, b) => a + b, 0))""")
    assert drawn == [sum(r[f"quad{q}"] for r in timeline["rows"]) for q in (1, 2, 3, 4)]
    assert painted(page, "#timeline-chart") > 1000
    balance = api(server, "balance/KAZ")
    page.wait_for_function("() => Chart.getChart('balance-chart') !== undefined")
    labels = page.evaluate("() => Chart.getChart('balance-chart').data.datasets.map(d => d.label)")
    assert labels[:len(balance["partners"][:7])] == balance["partners"][:7] and "USA" in labels
    screenshot(page, shots, "events", full_page=False)

    # Next page by cursor: the rows after the first 50, and the URL says so.
    page.click("#next")
    page.wait_for_function("() => location.search.includes('after=')")
    page.wait_for_function("() => document.querySelector('#page-info').textContent.startsWith('51')")
    second = api(server, "events", limit=50, offset=50)["items"]
    assert rows.locator("td:nth-child(1)").all_inner_texts() == [e["date"] or "" for e in second]

    # Filter on the actor: the filter is in the query string, the table shows the USA's events only.
    page.fill("#filters input[name=actor]", "usa")
    page.click("#filters button[type=submit]")
    wait_data(page, "events", str(usa["total"]))
    assert "actor=usa" in page.url and "after=" not in page.url
    assert rows.count() == min(usa["total"], 50)
    assert rows.locator("td:nth-child(1)").all_inner_texts() == [e["date"] or "" for e in usa["items"][:50]]
    assert all("USA" in codes.split() for codes in rows.locator("td:nth-child(2) .codes").all_inner_texts())
    # The downloads are of the current filter.
    href = page.get_attribute("#download-csv", "href")
    assert "actor=usa" in href and "format=csv" in href
    with urllib.request.urlopen(server + href, timeout=10) as r:
        assert len(list(csv.DictReader(io.StringIO(r.read().decode("utf-8"))))) == usa["total"]

    # Open the first event's document: its triggers are highlighted in the text.
    first = usa["items"][0]
    rows.first.locator("a.doc-link").click()
    page.wait_for_selector("#doc-text mark.hl-trigger")
    assert f"id={first['doc_id']}" in page.url
    doc = api(server, f"documents/{first['doc_id']}")
    triggers = page.locator("#doc-text mark.hl-trigger")
    assert triggers.count() >= sum(1 for e in doc["events"] if e["trigger_span"])
    assert first["trigger"] in set(triggers.all_inner_texts())
    assert page.locator("#doc-text").inner_text().replace("\n", "") == doc["text"].replace("\n", "")
    assert page.locator("#doc-events li").count() == len(doc["events"])
    # Back returns to the filtered list.
    page.click("#back")
    wait_data(page, "view", "events")
    assert "actor=usa" in page.url
    assert not page.errors, page.errors
    assert_local_only(page, server)


def test_document_view_lists_quotes_with_speakers(page, server):
    doc = api(server, f"documents/{SEED_ID}")
    page.goto(f"{server}/#/doc/{SEED_ID}")      # an old-style link still opens the document
    page.wait_for_selector("#doc-quotes li strong")
    assert page.url.endswith(f"?view=doc&id={SEED_ID}")
    assert page.locator("#doc-title").inner_text() == (doc["title"] or doc["id"])
    speakers = page.locator("#doc-quotes li strong").all_inner_texts()
    assert len(speakers) == len(doc["quotes"])
    assert any(q["speaker_name"] and s.startswith(q["speaker_name"]) for q in doc["quotes"] for s in speakers)
    assert page.locator("#doc-text mark.hl-actor").count() > 0 and page.locator("#doc-text .hl-quote").count() > 0
    page.click("#back")
    page.wait_for_selector("#events-table tbody tr")
    assert page.locator("#view-doc").is_hidden()
    assert not page.errors, page.errors


def test_map_shows_clustered_markers(page, server, shots):
    clusters = api(server, "map", cell=6)
    assert clusters["located"] > 0
    page.goto(f"{server}/?view=map")
    wait_data(page, "map", str(len(clusters["clusters"])))
    markers = page.locator("#map-svg circle.marker")
    assert markers.count() == len(clusters["clusters"]) > 3
    assert sum(int(n) for n in markers.evaluate_all("ms => ms.map(m => m.dataset.events)")) == clusters["located"]
    # Markers are coloured by quad class and lie on the basemap's countries.
    colours = set(markers.evaluate_all("ms => ms.map(m => m.getAttribute('fill'))"))
    assert colours <= {"#7fb77e", "#2e7d32", "#f0a04b", "#c62828"} and len(colours) >= 2
    assert page.locator("#map-svg path.land").count() > 150
    screenshot(page, shots, "map")

    # Filtered like the table: Kazakhstan's events only.
    page.fill("#filters input[name=country]", "KAZ")
    page.click("#filters button[type=submit]")
    kaz = api(server, "map", cell=6, country="KAZ")
    wait_data(page, "map", str(len(kaz["clusters"])))
    assert "view=map" in page.url and "country=KAZ" in page.url
    assert 0 < markers.count() < len(clusters["clusters"])
    # A one-place cluster opens the events there.
    single = next(c for c in kaz["clusters"] if c["places"] == 1)
    page.locator(f"#map-svg circle.marker[data-place='{single['place']}']").dispatch_event("click")
    wait_data(page, "view", "events")
    wait_data(page, "events", str(api(server, "events", country="KAZ", place=single["place"])["total"]))
    assert not page.errors, page.errors
    assert_local_only(page, server)


def test_network_shows_the_seed_states(page, server, shots):
    net = api(server, "network")
    page.goto(f"{server}/?view=network")
    wait_data(page, "network", str(len(net["nodes"])))
    ids = set(page.locator("#network-svg g.node").evaluate_all("ns => ns.map(n => n.dataset.id)"))
    assert ids == {n["id"] for n in net["nodes"]} and SEED_STATES <= ids
    pairs = {tuple(sorted((e["source"], e["target"]))) for e in net["edges"]}
    assert page.locator("#network-svg line.edge").count() == len(pairs)
    screenshot(page, shots, "network")

    # Clicking Kazakhstan filters on it: the network of Kazakhstan's events.
    page.locator("#network-svg g.node[data-id=KAZ]").dispatch_event("click")   # labels may overlap nodes
    kaz = api(server, "network", country="KAZ")
    wait_data(page, "network", str(len(kaz["nodes"])))
    assert "country=KAZ" in page.url
    assert set(page.locator("#network-svg g.node").evaluate_all("ns => ns.map(n => n.dataset.id)")) == {
        n["id"] for n in kaz["nodes"]} >= {"KAZ", "USA"}
    assert not page.errors, page.errors


def test_dyad_series_draws_for_usa_kaz(page, server, shots):
    series = api(server, "dyad-series", a="USA", b="KAZ")
    assert series["rows"]
    page.goto(f"{server}/?view=dyad&a=USA&b=KAZ")
    wait_data(page, "dyad", str(len(series["rows"])))
    sums = page.evaluate("""() => Chart.getChart('dyad-chart').data.datasets
                              .map(d => d.data.reduce((a, b) => a + b, 0))""")
    assert sums[1:5] == [sum(r["ab"][q] for r in series["rows"]) for q in range(4)]
    assert sums[5:9] == [-sum(r["ba"][q] for r in series["rows"]) for q in range(4)]
    assert sums[0] == pytest.approx(sum(r["net_goldstein"] for r in series["rows"]))
    assert painted(page, "#dyad-chart") > 1000

    # Click the busiest month's bar: its events are listed below, and the month is in the URL.
    busiest = max(series["rows"], key=lambda r: sum(r["ab"]))
    point = page.evaluate("""(period) => { const c = Chart.getChart('dyad-chart');
        const i = c.data.labels.indexOf(period); const bar = c.getDatasetMeta(1).data[i];
        return [bar.x, (bar.y + bar.base) / 2]; }""", busiest["period"])
    page.locator("#dyad-chart").click(position={"x": point[0], "y": point[1]})
    month = api(server, "dyad-events", a="USA", b="KAZ", month=busiest["period"])
    wait_data(page, "dyadEvents", str(len(month["items"])))
    assert f"month={busiest['period']}" in page.url
    assert page.locator("#dyad-events tbody tr").count() == month["total"] >= sum(busiest["ab"]) > 0
    screenshot(page, shots, "dyad")
    assert not page.errors, page.errors


def test_pasting_the_seed_article_highlights_its_events(page, server, shots, seed_text, seed_doc):
    page.goto(f"{server}/?view=code")
    page.fill("#code-text", seed_text)
    page.fill("#code-date", "2023-02-28")
    page.click("#code-form button[type=submit]")
    page.wait_for_function("() => document.body.dataset.coded", timeout=90_000)   # the first text loads the model
    assert page.evaluate("document.body.dataset.coded") == str(len(seed_doc.events))
    triggers = page.locator("#code-result-text mark.hl-trigger")
    assert triggers.count() == len({e.trigger.span for e in seed_doc.events})
    assert set(triggers.all_inner_texts()) == {e.trigger.text for e in seed_doc.events}
    assert page.locator("#code-result-text mark.hl-actor").count() > 0
    assert page.locator("#code-result-text .hl-quote").count() > 0
    # Hovering a trigger says why: its type and the lexicon pattern or model that coded it.
    support = next(e for e in seed_doc.events if e.plover["type"] == "SUPPORT")
    title = triggers.filter(has_text=support.trigger.text).first.get_attribute("title")
    assert "SUPPORT" in title and str(support.explain.get("pattern") or support.explain.get("by")) in title
    assert page.locator("#code-result-text").inner_text().replace("\n", "") == seed_doc.text.replace("\n", "")
    assert page.locator("#code-events li").count() == len(seed_doc.events)
    screenshot(page, shots, "code")
    assert not page.errors, page.errors
    assert_local_only(page, server)


def test_story_view_lists_every_report(page, server, shots):
    stories = api(server, "stories", limit=1000)["items"]
    story = max(stories, key=lambda s: (s["num_articles"], s["story_id"]))
    assert story["num_articles"] >= 2     # the seed's visit, also reported by the wire
    detail = api(server, f"stories/{story['story_id']}")
    # From the event table: the report's "story" link.
    page.goto(f"{server}/?" + urlencode({"actor": "USA", "recipient": "KAZ", "type": story["plover_type"]}))
    wait_data(page, "events")
    page.locator(f"#events-table a.story-link[href$='{story['story_id']}']").first.click()
    wait_data(page, "story", story["story_id"])
    reports = page.locator("#story-reports tbody tr")
    assert reports.count() == len(detail["reports"]) == story["num_mentions"]
    assert {r["doc_id"] for r in detail["reports"]} >= {SEED_ID, WIRE["id"]}
    outlets = page.locator("#story-sources tbody tr td:first-child").all_inner_texts()
    assert sorted(outlets) == sorted(s["source"] for s in detail["sources"]) and len(outlets) == 2
    assert f"{story['num_sources']} sources" in page.locator("#story-meta").inner_text()
    screenshot(page, shots, "story")
    # Each report opens its document.
    reports.nth(1).locator("a.doc-link").click()
    page.wait_for_selector("#doc-text mark.hl-trigger")
    assert not page.errors, page.errors


def test_views_are_shareable_links(page, server):
    page.goto(f"{server}/?view=network&type=CONSULT&since=2023-01-01")
    wait_data(page, "network")
    assert page.input_value("#filters select[name=type]") == "CONSULT"
    assert page.input_value("#filters input[name=since]") == "2023-01-01"
    consult = api(server, "network", type="CONSULT", since="2023-01-01")
    assert page.evaluate("document.body.dataset.network") == str(len(consult["nodes"]))
    # Tabs keep the filter; back and forward walk the views.
    page.click("#tabs a[data-view=events]")
    wait_data(page, "events", str(api(server, "events", type="CONSULT", since="2023-01-01", limit=1)["total"]))
    assert "type=CONSULT" in page.url and "view=" not in page.url
    page.go_back()
    wait_data(page, "view", "network")
    assert "view=network" in page.url
    page.go_forward()
    wait_data(page, "view", "events")
    assert not page.errors, page.errors
