"""`heron resolve` and `heron kb` commands."""
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from heron.actors.kb import default_kb
from heron.cli import app
from heron.commands.kb import parse_sparql_leaders

FIXTURES = Path(__file__).parent / "fixtures" / "kb"
runner = CliRunner()


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    monkeypatch.setenv("HERON_HOME", str(tmp_path / "home"))
    default_kb.cache_clear()
    yield tmp_path / "home"
    default_kb.cache_clear()


def test_resolve_writes_actors_and_reports_bad_lines(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "1", "text": "Russian troops"}\nnot json\n'
                   '{"id": "3", "text": "US Secretary of State Antony Blinken", "date": "2023-02-28"}\n'
                   '{"id": "4", "text": "the vote"}\n{"id": "5"}\n')
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["resolve", str(src), "-o", str(out)])
    assert result.exit_code == 0
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in recs] == ["1", "3", "4"]
    assert recs[0]["actor"]["country"] == "RUS" and recs[0]["actor"]["sector"] == "MIL"
    assert recs[1]["actor"]["wikidata"] == "Q7821917" and recs[1]["actor"]["code"] == "USAGOV"
    assert recs[2]["actor"] is None
    assert "line 2" in result.stderr and "line 5" in result.stderr


def test_resolve_fails_when_nothing_processed(tmp_path):
    src = tmp_path / "bad.jsonl"
    src.write_text("oops\n{]\n")
    result = runner.invoke(app, ["resolve", str(src)])
    assert result.exit_code != 0


def test_kb_show_and_stats():
    result = runner.invoke(app, ["kb", "show", "Tokayev"])
    assert result.exit_code == 0 and "Q200881" in result.stdout
    assert runner.invoke(app, ["kb", "show", "Nobody Atall"]).exit_code != 0
    stats = runner.invoke(app, ["kb", "stats"])
    counts = dict(line.split("\t") for line in stats.stdout.splitlines())
    assert int(counts["people"]) > 10000 and int(counts["countries"]) > 200


def test_kb_add_persists_user_actors(isolated_home):
    result = runner.invoke(app, ["kb", "add", str(FIXTURES / "user_actors.csv")])
    assert result.exit_code == 0, result.output
    assert (isolated_home / "actors.csv").exists()
    default_kb.cache_clear()
    assert "Steppe Liberation Front" in default_kb().named
    bad = runner.invoke(app, ["kb", "add", str(FIXTURES / "bad_actors.csv")])
    assert bad.exit_code != 0 and "ISO" in bad.stderr


def test_parse_recorded_sparql_response():
    rows = parse_sparql_leaders(json.loads((FIXTURES / "sparql_leaders.json").read_text()))
    assert [(r["country"], r["name"], r["wikidata"], r["start"]) for r in rows] == [
        ("DEU", "Friedrich Merz", "Q2518", "2025-05-06"), ("KAZ", "Kassym-Jomart Tokayev", "Q200881", "2019-03-20")]


def test_refresh_from_recorded_file_feeds_the_kb(isolated_home):
    result = runner.invoke(app, ["kb", "refresh", "--from-file", str(FIXTURES / "sparql_leaders.json")])
    assert result.exit_code == 0, result.output
    default_kb.cache_clear()
    kb = default_kb()
    merz = [p for p in kb.by_name["friedrich merz"]]
    assert any(o.position == "Chancellor of Germany" for p in merz for o in kb.offices[p])


def test_kb_show_finds_organisations_territories_and_places():
    out = runner.invoke(app, ["kb", "show", "Black Sea Fleet"])
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    org = next(r for r in rows if r["match"] == "actor")["rows"][0]
    assert (org["country"], org["sector"], org["type"]) == ("RUS", "MIL", "military")
    out = runner.invoke(app, ["kb", "show", "Abkhazia"])
    assert any(json.loads(line).get("code") == "GEOPRE" for line in out.stdout.splitlines())
    out = runner.invoke(app, ["kb", "show", "Zamfara"])
    assert any(json.loads(line) == {"match": "place", "target": "NGA", "name": "Nigeria"}
               for line in out.stdout.splitlines())


def test_kb_add_accepts_organisation_types(isolated_home, tmp_path):
    src = tmp_path / "orgs.csv"
    src.write_text("name,aliases,country,sector,kind,type\nSteppe Herald,,KAZ,MED,nonstate,media\n")
    assert runner.invoke(app, ["kb", "add", str(src)]).exit_code == 0
    default_kb.cache_clear()
    from heron.actors.resolver import ActorResolver

    a = ActorResolver(default_kb()).resolve("the Steppe Herald")
    assert (a.country, a.sector) == ("KAZ", "MED")
    bad = tmp_path / "bad.csv"
    bad.write_text("name,country,type\nSomething,KAZ,spaceship\n")
    result = runner.invoke(app, ["kb", "add", str(bad)])
    assert result.exit_code != 0 and "type must be one of" in result.stderr

