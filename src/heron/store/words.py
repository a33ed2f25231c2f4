"""The word index of evidence sentences: what makes `text=` fast on a million events.

A word is a run of letters, digits or underscores (Python's `\\w+`), lower-cased. Each distinct
word is stored once in `words` with a number (in order of first appearance); `event_words` holds
one row per distinct word of each event's evidence, with the event's key and date.

A text filter matches at the start of words: every word of the filter must begin a word of the
sentence ("offic" finds "officials"; "ficials" finds nothing), found through the index by a
prefix scan of the small `words` table and a lookup of the ids. When the filter holds more than
one word, or anything besides a word (spaces, punctuation), the sentence must also contain the
filter itself, case-insensitively, as before ("prime minister" is a phrase). A filter without
any word ("%", "--") is the substring test on every sentence, as before the index.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:
    from heron.store.base import SqlStore

_WORD = re.compile(r"\w+")
BACKFILL_ROWS = 50_000


def tokens(text: str | None) -> list[str]:
    """The distinct words of a text, lower-cased, in order of first appearance."""
    return list(dict.fromkeys(_WORD.findall((text or "").lower())))


def index_rows(events: Iterable[dict], known: dict[str, int], next_id: int) -> tuple[list[dict], list[dict], int]:
    """Rows of `words` for the words not in `known` (numbered from `next_id`; `known` gets them too) and of
    `event_words` for event rows (doc_id, event_id, event_date, evidence); and the next free id."""
    new, postings = [], []
    for e in events:
        for w in tokens(e.get("evidence")):
            wid = known.get(w)
            if wid is None:
                wid = known[w] = next_id
                next_id += 1
                new.append({"word_id": wid, "word": w})
            postings.append({"word_id": wid, "doc_id": e["doc_id"], "event_id": e["event_id"],
                             "event_date": e.get("event_date")})
    return new, postings, next_id


def write(store: "SqlStore", events: list[dict]) -> None:
    """Index these (new) events inside the caller's transaction, which holds the writer's lock: the words
    not stored yet get the next ids (small numbers, which compress well: a search reads less), then the
    postings."""
    from heron.store import schema

    batch = sorted({w for e in events for w in tokens(e.get("evidence"))})
    if not batch:
        return
    store.stage_rows("batch_words", schema.WORDS, ["word"], [{"word": w} for w in batch])
    try:
        known = {w: int(i) for w, i in store.fetch_rows(
            "SELECT w.word, w.word_id FROM words w JOIN batch_words b ON b.word = w.word")}
    finally:
        store.unstage("batch_words")
    next_id = int(store.fetch_rows("SELECT coalesce(max(word_id), 0) FROM words")[0][0]) + 1
    new, postings, _ = index_rows(events, known, next_id)
    if new:
        store.insert_rows(schema.WORDS, new)
    store.insert_rows(schema.EVENT_WORDS, postings)


def backfill(store: "SqlStore") -> int:
    """Index every stored event (a store written by schema version 1, whose index is empty); returns how
    many. Runs inside migration 2's transaction, reading the evidence a batch at a time in key order."""
    done, last = 0, None
    while True:
        after, params = ("WHERE e.doc_id > ? OR (e.doc_id = ? AND e.event_id > ?) ", [last[0], last[0], last[1]]) \
            if last else ("", [])
        rows = store.fetch_arrow(f"SELECT e.doc_id, e.event_id, e.event_date, e.evidence FROM events e {after}"
                                 f"ORDER BY e.doc_id, e.event_id LIMIT {BACKFILL_ROWS}", params).to_pylist()
        if not rows:
            return done
        write(store, rows)
        done += len(rows)
        last = (rows[-1]["doc_id"], rows[-1]["event_id"])


def word_ids(store: "SqlStore", prefix: str) -> list[int]:
    """Ids of the stored words that begin with `prefix` (a word, lower-cased)."""
    from heron.store.query import LIKE, like_literal

    return [int(r[0]) for r in store.fetch_rows(f"SELECT word_id FROM words WHERE word {LIKE}",
                                                [like_literal(prefix) + "%"])]


def phrase(text: str) -> list[str] | None:
    """The words of a text filter when it is nothing but one word (no substring test needed), else None."""
    words = _WORD.findall(text.lower())
    return words if words == [text.lower()] else None


MAX_INLINE_IDS = 500


def postings(ids: list[int], prefix: str, alias: str = "x") -> tuple[str, list[Any]]:
    """Condition on event_words selecting the words that begin with `prefix`, whose ids are `ids`: FALSE
    when there are none; the ids inlined when there are few (integers we made: the database then skips
    blocks of the table by their range); a lookup in `words` when there are many (a prefix of one letter)."""
    from heron.store.query import LIKE, like_literal

    if not ids:
        return "FALSE", []
    if len(ids) > MAX_INLINE_IDS:
        return f"{alias}.word_id IN (SELECT v.word_id FROM words v WHERE v.word {LIKE})", [like_literal(prefix) + "%"]
    return f"{alias}.word_id IN ({', '.join(str(int(i)) for i in sorted(set(ids)))})", []


def text_condition(store: "SqlStore", text: str, alias: str) -> tuple[str, list[Any]]:
    """Condition on events (alias `alias`) for the text filter, its words looked up in `store`'s index."""
    from heron.store.query import LIKE, contains

    words = _WORD.findall(text.lower())
    substring = f"lower({alias}.evidence) {LIKE}"
    if not words:
        return substring, [contains(text.lower())]
    # Only the first word is looked up: in a sentence that holds the whole filter, each later word follows
    # a character that is no word character (it does in the filter), so it begins a word there anyway.
    ids = word_ids(store, words[0])
    if not ids:
        return "FALSE", []
    cond, params = postings(ids, words[0])
    index = f"({alias}.doc_id, {alias}.event_id) IN (SELECT x.doc_id, x.event_id FROM event_words x WHERE {cond})"
    if phrase(text) is None:        # a phrase, or a word with punctuation: the sentence holds the filter too
        return f"{index} AND {substring}", [*params, contains(text.lower())]
    return index, params
