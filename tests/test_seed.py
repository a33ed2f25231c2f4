"""The founding article, coded end to end, against its gold coding (tests/fixtures/eval/seed_gold.jsonl)."""
import json

import pytest
from conftest import FIXTURES, SEED_ID


@pytest.fixture(scope="module")
def gold():
    with open(FIXTURES / "eval" / "seed_gold.jsonl", encoding="utf-8") as f:
        return json.loads(f.readline())


def test_dyad_type_scores(seed_doc, gold):
    from heron.evaluation.score import score_full

    scores = score_full({SEED_ID: gold}, {SEED_ID: seed_doc.to_dict()})
    assert scores["dyad_type"]["recall"] >= 0.85, scores
    assert scores["dyad_type"]["precision"] >= 0.7, scores


def find_actor(doc, name):
    for m in doc.mentions:
        if m.actor is not None and m.actor.name == name:
            return m.actor
    return None


@pytest.mark.parametrize("name,country,wikidata", [
    ("Antony Blinken", "USA", "Q7821917"), ("Kassym-Jomart Tokayev", "KAZ", "Q200881"),
    ("Mukhtar Tleuberdi", "KAZ", "Q70254110"), ("Vladimir Putin", "RUS", "Q7747"), ("Donald Lu", "USA", None),
])
def test_people_resolved_with_office(seed_doc, name, country, wikidata):
    actor = find_actor(seed_doc, name)
    assert actor is not None, [m.actor.name for m in seed_doc.mentions if m.actor]
    assert actor.country == country and actor.sector == "GOV"
    if wikidata:
        assert actor.wikidata == wikidata


def test_quotes_attributed(seed_doc, gold):
    by_text = {q.text.strip(): q for q in seed_doc.quotes}
    for g in gold["quotes"]:
        q = by_text.get(g["quote"].strip())
        assert q is not None, (g["quote"], list(by_text))
        assert q.speaker is not None and q.speaker.name == g["speaker"], (g, q.speaker)
        if g.get("addressee"):
            assert q.addressee is not None and q.addressee.name == g["addressee"]


def test_dates_resolved(seed_doc, gold):
    got = {(d.text, d.date) for d in seed_doc.dates}
    for g in gold["dates"]:
        assert (g["text"], g["date"]) in got, (g, got)


def test_astana_located(seed_doc):
    meet = [e for e in seed_doc.events if e.location is not None and e.location.geonameid == 1526273]
    assert meet, [(e.trigger.text, e.location) for e in seed_doc.events]
    loc = meet[0].location
    assert loc.country == "KAZ" and abs(loc.lat - 51.18) < 0.05 and abs(loc.lon - 71.45) < 0.05


def test_group_expands_to_members(seed_doc):
    members = set()
    for e in seed_doc.events:
        if e.trigger.text == "meet":
            members |= {a.country for a in e.recipient}
    assert {"KAZ", "KGZ", "TJK", "TKM", "UZB"} <= members


def test_events_carry_evidence(seed_doc):
    assert seed_doc.events
    for e in seed_doc.events:
        s, t = e.trigger.span
        assert seed_doc.text[s:t] == e.trigger.text
        assert e.span[0] <= s and t <= e.span[1]
        assert 0 < e.confidence <= 1
        assert e.cameo["code"] and e.quad_class in (1, 2, 3, 4)
