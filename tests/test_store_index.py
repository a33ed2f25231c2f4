"""Schema version 2: the word index of evidence sentences and the event columns on dyads.

Each is checked against a recount from the events themselves, after ingest, after a re-ingest and
after migrating a store written by version 1; the text filter's word-start semantics, and the
network's filters answered from the dyads, are checked against the scans they replace."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from pg_fixture import (  # noqa: F401 - fixtures
    make_documents,
    pg_server,
    pg_url,
    store_url,
)

from heron.server import keyset, queries
from heron.server.routes_network import heaviest_dyads
from heron.store import QueryFilters, open_store, schema
from heron.store import dyad_months, words
from heron.store.words import tokens


def _index(store) -> tuple[set, set, set]:
    vocab = store.fetch_rows("SELECT word_id, word, n_events FROM words")
    assert len({r[0] for r in vocab}) == len({r[1] for r in vocab}) == len(vocab)     # one number per word
    return ({(w, n) for _, w, n in vocab},
            set(store.fetch_rows("SELECT w.word, x.doc_id, x.event_id, x.event_date FROM event_words x "
                                 "JOIN words w ON w.word_id = x.word_id")),
            set(store.fetch_rows("SELECT doc_id, event_id, words FROM events")))


def _recount(store) -> tuple[set, set, set]:
    vocab, postings, lists = Counter(), set(), set()
    for doc_id, event_id, day, evidence in store.fetch_rows("SELECT doc_id, event_id, event_date, evidence FROM events"):
        for w in tokens(evidence):
            vocab[w] += 1
            postings.add((w, doc_id, event_id, day))
        seq = re.findall(r"\w+", (evidence or "").lower())
        lists.add((doc_id, event_id, (" " + " ".join(seq) + " ") if seq else None))
    return set(vocab.items()), postings, lists


def _dyad_columns(store) -> list[tuple]:
    cols = ", ".join(f"d.{c}" for c in schema.DYAD_EVENT_COLUMNS)
    ecols = ", ".join(f"e.{c}" for c in schema.DYAD_EVENT_COLUMNS)
    return store.fetch_rows(f"SELECT {cols}, {ecols} FROM dyads d JOIN events e "
                            f"ON e.doc_id = d.doc_id AND e.event_id = d.event_id")


def _months(store) -> dict:
    rows = store.fetch_rows("SELECT actor, recipient, period, quad_class, reports, events, goldstein FROM dyad_months")
    out = {tuple(r[:4]): (int(r[4]), int(r[5]), round(float(r[6]), 6)) for r in rows}
    assert len(out) == len(rows)            # one row per dyad, month and quad class
    return out


def _months_recount(store) -> dict:
    cols = ["doc_id", "event_id", "actor", "recipient", "period", "quad_class", "goldstein", "story_id"]
    dyads = [dict(zip(cols, r)) for r in store.fetch_rows(f"SELECT {', '.join(cols)} FROM dyads")]
    return {tuple(r[k] for k in dyad_months.KEY): (r["reports"], r["events"], round(r["goldstein"], 6))
            for r in dyad_months.counts(dyads)}


def _check(store) -> None:
    index, recount = _index(store), _recount(store)
    assert index == recount and recount[1]
    months = _months(store)
    assert months == _months_recount(store) and months
    assert sum(v[0] for v in months.values()) == store.fetch_rows(
        "SELECT count(*) FROM dyads WHERE story_id IS NOT NULL AND actor IS NOT NULL AND recipient IS NOT NULL")[0][0]
    n = len(schema.DYAD_EVENT_COLUMNS)
    rows = _dyad_columns(store)
    assert rows and all(r[:n] == r[n:] for r in rows)
    assert any(r[0] for r in rows)


def _ids(store, **filters) -> set:
    return {(r["doc_id"], r["event_id"]) for r in store.query(QueryFilters.parse(**filters)).to_pylist()}


def _evidence(store) -> dict:
    return {(d, e): x or "" for d, e, x in store.fetch_rows("SELECT doc_id, event_id, evidence FROM events")}


def test_index_equals_a_recount_after_ingest_and_reingest(store_url):
    docs = make_documents(40)
    with open_store(store_url) as store:
        store.ingest(docs[:25], batch_size=7)
        _check(store)
        before = _index(store)
        stats = store.ingest(docs[:25])                  # stored already: skipped, nothing indexed twice
        assert stats.skipped == 25 and _index(store) == before
        assert store.fetch_rows("SELECT count(*) FROM event_words")[0][0] == len(before[1])
        assert store.fetch_rows("SELECT count(*) FROM words")[0][0] == len(before[0])
        store.ingest(docs)                               # the rest, some words new, some known
        _check(store)
        assert len(_index(store)[1]) > len(before[1])


def test_text_matches_at_the_start_of_words(store_url):
    with open_store(store_url) as store:
        store.ingest(make_documents(30))
        evidence = _evidence(store)
        word = max((w for x in evidence.values() for w in tokens(x) if len(w) >= 6 and w.isalpha()),
                   key=lambda w: sum(w in tokens(x) for x in evidence.values()))
        starts = {k for k, x in evidence.items() if any(t.startswith(word[:4]) for t in tokens(x))}
        assert _ids(store, text=word.upper()) == {k for k, x in evidence.items() if word in tokens(x)}
        assert _ids(store, text=word[:4]) == starts and starts
        # Inside a word is no longer a match (it was a substring test before the index).
        inside = word[2:]
        assert _ids(store, text=inside) == {k for k, x in evidence.items() if any(t.startswith(inside)
                                                                                 for t in tokens(x))}
        assert not _ids(store, text="zzqxj")
        # Several words: one after the other, the last from its start; punctuation is not compared.
        doc_id, event_id = next(iter(_ids(store, text=word)))
        seq = re.findall(r"\w+", evidence[(doc_id, event_id)].lower())
        i = seq.index(word)
        pair = seq[i - 1:i + 1] if i else seq[:2]
        for query in (" ".join(pair), f"{pair[0].upper()}, {pair[1][:3]}!"):
            hits = _ids(store, text=query)
            assert (doc_id, event_id) in hits
            assert hits == {k for k, x in evidence.items() if _follows(x, query)}
        assert not _ids(store, text=f"{pair[1]} {pair[0]} {pair[1]} {pair[0]}")
        # No word at all: the substring test, as before.
        assert _ids(store, text=",") == {k for k, x in evidence.items() if "," in x}


def _follows(sentence: str, query: str) -> bool:
    """The words of `query` one after the other in `sentence`, the last one from its start."""
    seq, q = re.findall(r"\w+", sentence.lower()), re.findall(r"\w+", query.lower())
    return any(seq[i:i + len(q) - 1] == q[:-1] and seq[i + len(q) - 1].startswith(q[-1])
               for i in range(len(seq) - len(q) + 1))


def _downgrade(store) -> None:
    """Make a store look as schema version 1 wrote it (no index tables, no event columns on dyads)."""
    with store.transaction():
        for c in schema.DYAD_EVENT_COLUMNS:
            store.execute(f"ALTER TABLE dyads DROP COLUMN {c}")
        store.execute("ALTER TABLE events DROP COLUMN words")
        store.execute("DROP TABLE event_words")
        store.execute("DROP TABLE words")
        store.execute("DROP TABLE dyad_months")
        store.execute("DELETE FROM schema_version WHERE version = 2")


def test_a_version_1_store_is_indexed_when_opened_for_writing(store_url):
    docs = make_documents(30)
    with open_store(store_url) as store:
        store.ingest(docs)
        expected = {w: _ids(store, text=w) for w in ("said", "minis", "rail freight")}
        network = heaviest_dyads(store, QueryFilters.parse(actor="USA", text="said"), 50)
        _downgrade(store)
    with open_store(store_url, read_only=True) as store:  # read-only: scans instead of the index
        assert store.schema_version() == 1 and not store.indexed
        assert _ids(store, text="rail freight") == expected["rail freight"]
        assert heaviest_dyads(store, QueryFilters.parse(actor="USA"), 50)[1] > 0
    with open_store(store_url) as store:                  # migrated: columns filled, words indexed
        assert store.schema_version() == 2 and store.indexed
        _check(store)
        assert {w: _ids(store, text=w) for w in expected} == expected
        assert heaviest_dyads(store, QueryFilters.parse(actor="USA", text="said"), 50) == network


@pytest.mark.parametrize("filters", [
    {"actor": "USA"}, {"recipient": "KAZ"}, {"country": "UKR"}, {"sector": "GOV"}, {"actor": "RUS", "type": "ASSAULT"},
    {"text": "said"}, {"text": "rail freight"}, {"actor": "USA", "text": "said"}, {"place": "kyiv"}])
def test_network_from_dyads_equals_the_join_of_events(store_url, filters):
    with open_store(store_url) as store:
        store.ingest(make_documents(40))
        fast = heaviest_dyads(store, QueryFilters.parse(**filters), 100)
        store._indexed = False                            # the version-1 plan: dyads joined to matching events
        slow = heaviest_dyads(store, QueryFilters.parse(**filters), 100)
        store._indexed = True
    assert fast == slow


@pytest.mark.parametrize("filters", [{"text": "said"}, {"text": "min"}, {"text": "s", "since": "2023-02-01"},
                                     {"text": "zzqxj"}, {"text": "rail freight"}, {"text": "rail freight", "scan": 1}])
def test_pages_of_a_word_from_the_index_follow_the_query(store_url, filters, monkeypatch):
    if filters.pop("scan", None):      # every word common: pages by a date-ordered pass, not one set of keys
        monkeypatch.setattr(words, "SCAN_EVENTS", 0)
    with open_store(store_url) as store:
        store.ingest(make_documents(40))
        f = QueryFilters.parse(**filters)
        expected = [(r["doc_id"], r["event_id"]) for r in store.query(f).to_pylist()]
        assert keyset._beyond_index(f) is False
        assert bool(words.one_word(f.text)) != (" " in f.text)
        assert words.common(store, f.text) == (words.SCAN_EVENTS == 0)
        seen, cursor, positions = [], None, []
        while True:
            page = keyset.event_page(store, f, 7, after_key=keyset.decode("after", cursor) if cursor else None)
            assert page.total == len(expected)
            positions.append(page.position)
            seen += [(r["doc_id"], r["event_id"]) for r in page.rows]
            if not page.next:
                break
            cursor = page.next
        assert seen == expected and positions == list(range(0, max(len(expected), 1), 7))
        if len(expected) > 7:
            back = keyset.event_page(store, f, 7, before_key=keyset.decode("before", cursor))
            at = positions[-1] - 1                        # the cursor's row: the last of the page before
            assert [(r["doc_id"], r["event_id"]) for r in back.rows] == expected[max(0, at - 7):at]
            assert back.position == max(0, at - 7) and back.total == len(expected)


def test_serve_updates_a_version_1_store_before_serving(tmp_path, capsys):
    from heron.commands.serve import _check_store

    url = str(tmp_path / "old.duckdb")
    with open_store(url) as store:
        store.ingest(make_documents(10))
        _downgrade(store)
    _check_store(url)
    assert "schema version 2" in capsys.readouterr().err
    with open_store(url, read_only=True) as store:
        assert store.schema_version() == 2
        _check(store)


def test_dyad_series_from_the_counts_equals_a_scan_of_the_dyads(store_url):
    from heron.server.routes_dyad import _series_from_dyads, series

    with open_store(store_url) as store:
        store.ingest(make_documents(60), batch_size=9)
        pairs = store.fetch_rows("SELECT actor, recipient, count(*) AS n FROM dyads WHERE story_id IS NOT NULL "
                                 "AND actor < recipient GROUP BY actor, recipient ORDER BY n DESC, actor LIMIT 5")
        assert pairs
        for a, b, _ in pairs:
            periods = [r.period for r in _series_from_dyads(store, a, b, None, None)]
            assert periods
            for since, until in ((None, None), (periods[-1], None), (None, periods[0]), ("1990-01", "1990-12")):
                fast, slow = series(store, a, b, since, until), _series_from_dyads(store, a, b, since, until)
                assert [(r.period, r.ab, r.ba, r.events) for r in fast] == [(r.period, r.ab, r.ba, r.events) for r in slow]
                assert [r.net_goldstein for r in fast] == pytest.approx([r.net_goldstein for r in slow])
                assert any(r.events for r in slow) or (since, until) == ("1990-01", "1990-12")


@pytest.mark.parametrize("text", ["said", "kaz", "s", "rail freight", "freight", "zzqxj"])
def test_a_common_word_read_from_the_events_word_lists_finds_what_its_postings_find(store_url, text, monkeypatch):
    with open_store(store_url) as store:
        store.ingest(make_documents(30))
        by_postings = _ids(store, text=text)
        timeline = queries.timeline(store, QueryFilters.parse(text=text), "month", "reports")
        monkeypatch.setattr(words, "SCAN_EVENTS", 0)     # every word is common: the events' word lists
        where, _ = words.text_condition(store, text, "e")
        assert ".words LIKE" in where or text == "zzqxj"
        assert _ids(store, text=text) == by_postings
        assert queries.timeline(store, QueryFilters.parse(text=text), "month", "reports") == timeline
    assert by_postings or text == "zzqxj"
