"""Duplicate reports across articles become one story with the right counts."""
from __future__ import annotations

from datetime import date

from pg_fixture import pg_server, pg_url, store_url  # noqa: F401 - fixtures

from heron.records import Actor, Document, Event, Place, Trigger
from heron.store import ClusterConfig, open_store
from heron.store.stories import Report, Story, StoryClusterer, signature, similarity

USA = dict(country="USA", sector="GOV", kind="person", code="USAGOV", name="Antony Blinken", wikidata="Q7821917")
KAZ = dict(country="KAZ", kind="state", code="KAZ", name="Kazakhstan")


def report(doc_id: str, day: str, publisher: str, sentence: str, trigger: str, ptype: str = "CONSULT",
           cameo: str = "042", modality: str = "asserted", extra: str = "") -> dict:
    """An article whose first sentence reports one USA -> KAZ event."""
    text = sentence + (" " + extra if extra else "")
    t = sentence.index(trigger)
    a_text = "Blinken"
    ev = Event(id=f"{doc_id}:0:0", sentence=0, span=(0, len(sentence)), trigger=Trigger(trigger, (t, t + len(trigger))),
               actor=[Actor(text=a_text, span=(sentence.index(a_text), sentence.index(a_text) + 7), **USA)],
               recipient=[Actor(text="Kazakhstan", span=(sentence.index("Kazakhstan"), sentence.index("Kazakhstan") + 10),
                                **KAZ)],
               plover={"type": ptype, "mode": "visit" if cameo == "042" else None, "context": []},
               cameo={"code": cameo, "root": cameo[:2], "name": "Make a visit"}, quad_class=1, goldstein=1.9,
               date=day, location=Place(text="Astana", name="Astana", country="KAZ", lat=51.18, lon=71.45,
                                        geonameid=1526273, feature="city"), modality=modality, confidence=0.9)
    doc = Document(id=doc_id, text=text, date=day, title="Blinken in Central Asia", publisher=publisher,
                   url=f"https://{publisher.lower()}.example/{doc_id}", sentences=[(0, len(sentence))], events=[ev])
    return doc.to_dict()


def corpus() -> list[dict]:
    second_event = report("reu-2", "2023-02-28", "Reuters",
                          "Blinken also praised Kazakhstan for its visit programme in Astana.", "praised",
                          ptype="SUPPORT", cameo="051")
    # The same visit in the same article, reported again in a later paragraph: a second mention.
    second_mention = report("afp-1", "2023-02-28", "AFP",
                            "US Secretary of State Antony Blinken began a visit to Kazakhstan on Tuesday in Astana.",
                            "visit")["events"][0]
    afp = report("afp-1", "2023-02-28", "AFP",
                 "US Secretary of State Antony Blinken began a visit to Kazakhstan on Tuesday in Astana.", "visit",
                 extra="Blinken is on his first visit to Kazakhstan, a Central Asian country.")
    second_mention.update(id="afp-1:1:0", sentence=1)
    afp["events"].append(second_mention)
    return [
        report("reu-1", "2023-02-28", "Reuters",
               "Antony Blinken arrived in Astana on Tuesday for his first visit to Kazakhstan as secretary of state.",
               "visit"),
        afp,
        report("ap-1", "2023-03-01", "AP",
               "Blinken wrapped up a visit to Kazakhstan in Astana and headed for Uzbekistan.", "visit"),
        second_event,
        # The same wording, but a month later: a different visit.
        report("reu-3", "2023-04-04", "Reuters",
               "Antony Blinken arrived in Astana for a visit to Kazakhstan focused on trade.", "visit"),
        # Same dyad, type and day, but evidence about something else entirely: not the same event.
        report("tass-1", "2023-02-28", "TASS",
               "Blinken's deputy called Kazakhstan about grain shipments through Caspian ports.", "called"),
        # A negated report never joins (or founds) a story.
        report("xin-1", "2023-02-28", "Xinhua",
               "Officials said Blinken did not visit Kazakhstan's western regions near Astana.", "visit",
               modality="negated"),
    ]


def stories_by_first_doc(store) -> dict[str, dict]:
    return {r["first_doc_id"]: r for r in store.query(stories=True).to_pylist()}


def test_reports_of_one_visit_are_one_story(store_url):
    with open_store(store_url) as store:
        store.ingest(corpus(), batch_size=3)
        stories = stories_by_first_doc(store)
        visit = stories["reu-1"]
        assert (visit["num_mentions"], visit["num_articles"], visit["num_sources"]) == (4, 3, 3)
        assert (visit["date_first"], visit["date_last"]) == (date(2023, 2, 28), date(2023, 3, 1))
        assert visit["story_key"] == "USA|KAZ|CONSULT"
        # Different type, a month later, and unrelated evidence: three more stories, one report each.
        assert {k: stories[k]["num_mentions"] for k in stories} == {"reu-1": 4, "reu-2": 1, "reu-3": 1, "tass-1": 1}
        negated = store.fetch_rows("SELECT story_id FROM events WHERE doc_id = 'xin-1'")
        assert negated == [(None,)]
        members = store.fetch_rows("SELECT doc_id FROM events WHERE story_id = ? ORDER BY doc_id, event_id",
                                   [visit["story_id"]])
        assert [m[0] for m in members] == ["afp-1", "afp-1", "ap-1", "reu-1"]


def test_story_ids_do_not_depend_on_batches(tmp_path):
    with open_store(tmp_path / "one.duckdb") as a, open_store(tmp_path / "many.duckdb") as b:
        a.ingest(corpus(), batch_size=100)
        for doc in corpus():
            b.ingest([doc])
        assert a.table_rows("stories") == b.table_rows("stories")
        assert a.table_rows("events") == b.table_rows("events")


def test_wider_window_merges_later_visit():
    docs = corpus()
    with open_store(":memory:", cluster=ClusterConfig(window_days=40)) as store:
        store.ingest(docs)
        assert stories_by_first_doc(store)["reu-1"]["num_mentions"] == 5  # reu-3 now joins


def test_similarity_and_signature():
    cfg = ClusterConfig()
    words = signature("Blinken arrived in Astana for a visit", {"blinke"}, cfg)
    assert words == ["arrive", "astana", "visit"]
    assert similarity(words, ["visit", "astana", "trade"]) == 2 / 3
    assert similarity([], ["visit"]) == 1.0


def test_clusterer_prefers_best_matching_story():
    a = Story("sa", "K", date(2023, 1, 1), date(2023, 1, 1), ["grain", "shipme", "port"])
    b = Story("sb", "K", date(2023, 1, 1), date(2023, 1, 2), ["visit", "astana", "talks"])
    c = StoryClusterer([a, b])
    got = c.assign(Report("K", date(2023, 1, 3), ["visit", "astana"], {"doc_id": "d", "event_id": "e"}))
    assert got.story_id == "sb" and got.date_last == date(2023, 1, 3) and got.changed
    fresh = c.assign(Report("K", date(2023, 1, 20), ["visit", "astana"], {"doc_id": "d", "event_id": "f"}))
    assert fresh.is_new and fresh.story_id not in ("sa", "sb")
