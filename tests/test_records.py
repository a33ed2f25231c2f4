"""Records: the SPEC JSON shape and a lossless JSON round trip."""
import json

from heron.records import (
    Actor,
    DateRef,
    Document,
    Event,
    Mention,
    Place,
    Quote,
    Trigger,
)


def sample_document() -> Document:
    blinken = Actor(text="Antony Blinken", span=(0, 14), name="Antony Blinken", country="USA", sector="GOV",
                    kind="state", code="USAGOV", wikidata="Q7821917", role="Secretary of State")
    kaz = Actor(text="Kazakhstan", span=(40, 50), country="KAZ", kind="state", code="KAZ")
    astana = Place(text="Astana", span=(60, 66), country="KAZ", lat=51.18, lon=71.45, geonameid=1526273, feature="city")
    event = Event(id="a1:0:0", sentence=0, span=(0, 70), trigger=Trigger("visit", (20, 25)), actor=[blinken],
                  recipient=[kaz], plover={"type": "CONSULT", "mode": "visit", "context": ["diplomatic"]},
                  cameo={"code": "042", "root": "04", "name": "Make a visit"}, quad_class=1, goldstein=1.9,
                  plover_score=4.0, date="2023-02-28", date_text="on Tuesday", location=astana, confidence=0.91)
    return Document(id="a1", text="x" * 70, date="2023-02-28", sentences=[(0, 70)],
                    mentions=[Mention(id="m0", text="Antony Blinken", span=(0, 14), sentence=0, actor=blinken)],
                    events=[event], places=[astana], dates=[DateRef("on Tuesday", (15, 25), "2023-02-28", "day", 0)],
                    quotes=[Quote(id="a1:q0", text="hello,", span=(30, 36), speaker=blinken, addressee=kaz)])


def test_event_has_spec_fields():
    d = sample_document().to_dict()
    e = d["events"][0]
    for key in ("id", "sentence", "span", "trigger", "actor", "recipient", "plover", "cameo", "quad_class",
                "goldstein", "plover_score", "date", "date_text", "location", "modality", "quote_id", "confidence"):
        assert key in e, key
    assert e["actor"][0]["code"] == "USAGOV" and e["actor"][0]["span"] == [0, 14]
    assert e["location"]["geonameid"] == 1526273
    for key in ("id", "date", "title", "url", "publisher", "text", "sentences", "mentions", "events", "quotes",
                "places", "dates", "warnings"):
        assert key in d, key


def test_json_round_trip_is_lossless():
    d = sample_document().to_dict()
    again = Document.from_dict(json.loads(json.dumps(d))).to_dict()
    assert again == d


def test_sentence_of_maps_offsets():
    doc = Document(id="x", text="One. Two.", sentences=[(0, 4), (5, 9)])
    assert doc.sentence_of(0) == 0 and doc.sentence_of(6) == 1
