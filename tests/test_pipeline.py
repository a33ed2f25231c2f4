"""Coder: the public API, streaming, bad records, replaceable stages, and event-level rules."""
import pytest

from heron import Coder, Document
from heron.pipeline import CodingError


def test_code_returns_a_document_with_evidence(coder):
    doc = coder.code("Russian troops attacked Ukraine on Thursday.", date="2022-02-28", doc_id="a1")
    assert isinstance(doc, Document) and doc.id == "a1" and doc.nlp is None
    (event,) = doc.events
    assert event.plover["type"] == "ASSAULT" and event.actor[0].code == "RUSMIL"
    assert event.recipient[0].country == "UKR" and event.date == "2022-02-24" and event.date_text == "on Thursday"
    assert event.explain["by"] in ("lexicon", "model") and event.explain["frame"] == "verb"


def test_code_many_streams_in_order(coder):
    records = ({"id": f"d{i}", "text": t, "date": "2021-01-01"} for i, t in
               enumerate(["France condemned Iran.", "Japan agreed to send aid to the Philippines.", "Nothing here."]))
    docs = coder.code_many(records)
    assert next(docs).id == "d0"
    assert [d.id for d in docs] == ["d1", "d2"]


def test_bad_records_are_reported_and_the_rest_kept(coder):
    records = [{"id": "ok", "text": "Chile protested to Peru."}, {"id": "blank", "text": "  "},
               {"id": "late", "text": "Iran threatened Israel.", "date": "31/31/2020"}, {"id": "ok2", "text": "Iran met Oman."}]
    out = list(coder.code_records(records))
    errors = [str(x) for x in out if isinstance(x, CodingError)]
    assert [d.id for d in out if isinstance(d, Document)] == ["ok", "ok2"]
    assert any(e.startswith("blank:") for e in errors) and any(e.startswith("late:") for e in errors)
    with pytest.raises(CodingError, match="blank"):
        list(coder.code_many(records))


def test_stages_can_be_replaced():
    base = Coder()
    only_mentions = Coder(stages=base.stages[:2])
    doc = only_mentions.code("Russia attacked Ukraine.", date="2022-02-24")
    assert doc.mentions and not doc.events
    assert base.stage("events").name == "events"


def test_asserted_meetings_are_reciprocal_and_visits_directed(coder):
    doc = coder.code("Iran held talks with Iraq on Monday. Japan's prime minister visited China.", date="2019-05-08")
    talks = next(e for e in doc.events if e.trigger.text == "held")
    assert sorted(a.country for a in talks.actor) == ["IRN", "IRQ"] and talks.recipient == []
    visit = next(e for e in doc.events if e.trigger.text == "visited")
    assert visit.actor[0].country == "JPN" and visit.recipient[0].country == "CHN"


def test_group_recipients_expand_to_members(coder):
    doc = coder.code("The US Secretary of State will meet his counterparts from the five former Soviet republics of "
                     "Central Asia.", date="2023-02-28")
    (event,) = doc.events
    assert sorted(a.country for a in event.recipient) == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    assert {a.sector for a in event.recipient} == {"GOV"}      # counterparts of a government official
    assert event.modality == "future"


def test_events_inside_quotes_carry_the_quote_id(coder):
    doc = coder.code("“We will never accept the blockade,” the Cuban foreign minister said of the United States.",
                     date="2020-01-01")
    (event,) = [e for e in doc.events if e.quote_id]
    assert event.quote_id == doc.quotes[0].id and event.actor[0].country == "CUB"
    # "will never accept" is coded as a rejection: the negation is in the type, not a negated event, and the
    # refusal is made when said, not in the future.
    assert event.plover["type"] == "REJECT" and event.modality == "asserted"


def test_demanded_content_is_not_an_asserted_event(coder):
    doc = coder.code("China demanded that the United States cancel the arms sale to Taiwan.", date="2020-01-01")
    by_trigger = {e.trigger.text: e for e in doc.events}
    assert by_trigger["demanded"].plover["type"] == "REQUEST"
    assert "cancel" not in by_trigger or by_trigger["cancel"].modality == "hypothetical"


def test_dated_background_events_are_historical(coder):
    doc = coder.code("Russia annexed Ukraine's Crimea peninsula in March 2014. On Monday, Ukraine condemned Russia.",
                     date="2023-02-27")
    by_trigger = {e.trigger.text: e for e in doc.events}
    assert by_trigger["annexed"].modality == "historical" and by_trigger["annexed"].date == "2014-03-01"
    assert by_trigger["condemned"].modality == "asserted" and by_trigger["condemned"].date == "2023-02-27"


def test_active_participle_misparse_keeps_its_agent(coder):
    doc = coder.code("Israeli airstrikes killed at least 20 people in Gaza on Tuesday, Palestinian health officials "
                     "said.", date="2023-06-01")
    (event,) = doc.events
    assert (event.actor[0].code, event.recipient[0].country, event.plover["type"]) == ("ISRMIL", "PSE", "ASSAULT")


def test_mutual_fighting_is_reciprocal(coder):
    (event,) = coder.code("India and Pakistan exchanged fire overnight.", date="2023-06-01").events
    assert sorted(a.country for a in event.actor) == ["IND", "PAK"] and not event.recipient
    assert event.plover["type"] == "ASSAULT"


def test_domestic_groups_act_where_the_event_happens(coder):
    (event,) = coder.code("Rebels attacked an army base in northern Mali.", date="2023-06-01").events
    assert (event.actor[0].country, event.actor[0].sector) == ("MLI", "REB")
    assert event.actor[0].source.endswith("inferred:place-of-event")


def test_content_of_an_accusation_is_not_asserted(coder):
    doc = coder.code("Russia denied Ukraine's accusations that it had targeted civilian infrastructure.",
                     date="2023-06-01")
    by_trigger = {e.trigger.text: e for e in doc.events}
    assert by_trigger["denied"].plover["type"] == "REJECT" and by_trigger["denied"].modality == "asserted"
    # The accused act is the content of the denial: never an asserted event of its own.
    assert "targeted" not in by_trigger or by_trigger["targeted"].modality == "hypothetical"
    assert "targeted" in [f["trigger"] for f in by_trigger["denied"].explain.get("folded", [])] \
        or "targeted" in by_trigger


def test_conditional_threats_are_made_now(coder):
    doc = coder.code("The European Community may halt mediation efforts among Serbia's feuding republics if "
                     "cooperation founders.", date="1991-10-01")
    (event,) = [e for e in doc.events if e.trigger.text == "halt"]
    assert event.plover["type"] == "THREATEN" and event.modality == "asserted"
