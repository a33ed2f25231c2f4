"""One document the store cannot take never costs the others of its batch (issue #13, cases 2 and 3).

Documents here are built in Python (as the API allows), so they reach the store without the readers'
checks: the store must name the bad one and keep the rest, on DuckDB and PostgreSQL alike.
"""
from __future__ import annotations

import copy

import pytest
from pg_fixture import make_documents, pg_server, pg_url, store_url  # noqa: F401 - fixtures

from heron.store import open_store


def ids(store) -> set[str]:
    return {r[0] for r in store.fetch_rows("SELECT id FROM documents")}


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_events_at_the_ends_of_the_calendar_keep_their_batch(store_url, day):
    """Story windows reach 3 days around an event: at 9999-12-31 that used to overflow and lose 200 documents."""
    docs = make_documents(12)
    odd = docs[5]
    odd["date"] = day
    for e in odd["events"]:
        e["date"] = day
    with open_store(store_url) as store:
        stats = store.ingest(docs, batch_size=200)
        assert stats.errors == [] and ids(store) == {d["id"] for d in docs}
        dates = {str(r[0]) for r in store.fetch_rows("SELECT event_date FROM events WHERE doc_id = ?", [odd["id"]])}
        assert dates == {day}
        # a later report on the same dyad near the calendar's end is clustered without overflow too
        again = copy.deepcopy(odd)
        again["id"], again["text"] = "again", odd["text"] + " Again."
        assert store.ingest([again]).errors == []


def test_nul_is_refused_alike_by_both_backends_and_named(store_url):
    docs = make_documents(6)
    docs[2]["text"] = docs[2]["text"] + "\x00"
    docs[4]["title"] = "bad\x00title"
    with open_store(store_url) as store:
        stats = store.ingest(docs)
        assert ids(store) == {d["id"] for k, d in enumerate(docs) if k not in (2, 4)}
    assert len(stats.errors) == 2
    assert stats.errors[0].startswith(f"{docs[2]['id']}: not stored") and "NUL" in stats.errors[0]
    assert stats.errors[1].startswith(f"{docs[4]['id']}: not stored") and "'title'" in stats.errors[1]


def test_a_document_the_database_refuses_is_named_and_its_batch_kept(store_url):
    """A value the database cannot hold fails the batch's transaction; the batch is stored again without it."""
    docs = make_documents(8)
    docs[3]["mentions"][0]["sentence"] = 2 ** 40            # not a 32-bit integer
    with open_store(store_url) as store:
        stats = store.ingest(docs, batch_size=8)
        assert ids(store) == {d["id"] for k, d in enumerate(docs) if k != 3}
        assert stats.documents == 7 and len(stats.errors) == 1
        assert stats.errors[0].startswith(f"{docs[3]['id']}: not stored (")
        # the kept documents are complete and their stories as if stored alone, in order
        n_events = store.counts()["events"]
    assert n_events == sum(len(d["events"]) for k, d in enumerate(docs) if k != 3)


def test_a_store_that_stops_answering_is_not_blamed_on_documents(tmp_path):
    store = open_store(tmp_path / "s.duckdb")
    store.con.close()                                           # the store is gone, not the documents
    with pytest.raises(Exception):
        store.ingest(make_documents(3))
    store.close()
