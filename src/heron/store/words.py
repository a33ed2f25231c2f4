"""The word index of evidence sentences: what makes `text=` fast on a million events.

A word is a run of letters, digits or underscores (Python's `\\w+`), lower-cased. Each distinct
word is stored once in `words` with a number (in order of first appearance) and its count of events;
`event_words` holds one row per distinct word of each event's evidence, with the event's key and
date; and each event keeps its words in order in its `words` column (" a b a c "), which its dyads
copy (heron.store.schema.DYAD_EVENT_COLUMNS).

A text filter matches at the start of words, case-insensitively: "offic" finds "officials" and
"office", "ficials" finds nothing. A filter of several words finds them one after the other, the
last one from its start ("prime minister" finds "Prime Minister" and "prime ministers"); whatever
stands around or between words in the filter or in the sentence (spaces, punctuation) is not
compared, so "U.S." finds "U.S." and "U.S" (the words u, s), "Xi's" finds "Xi's" and "Xi s". A
filter without any word ("%", "--") is the substring test on every sentence, as before the index.

How: the first word is looked up in the small `words` table (none: nothing matches); one word in few
events is found through its postings, a word in many events or several words by one pass over the
events' `words` column (LIKE '% offic%', LIKE '% prime minister%').
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Any, Iterable

from heron.store import schema
from heron.store.like import LIKE, contains, like_literal

# A heron.store.base.SqlStore, which is not imported here: it imports this module to write the index.
SqlStore = Any

_WORD = re.compile(r"\w+")
BACKFILL_ROWS = 50_000


def tokens(text: str | None) -> list[str]:
    """The distinct words of a text, lower-cased, in order of first appearance."""
    return list(dict.fromkeys(_WORD.findall((text or "").lower())))


def word_list(text: str | None) -> str | None:
    """The `words` column of an event: its words in order between single spaces (" a b a c "), so that
    LIKE '% p%' finds a word beginning with p, and LIKE '% a b%' the word a followed by a word beginning
    with b (whatever stood between them in the sentence besides word characters)."""
    words = _WORD.findall((text or "").lower())
    return f" {' '.join(words)} " if words else None


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
                new.append({"word_id": wid, "word": w, "n_events": 0})
            postings.append({"word_id": wid, "doc_id": e["doc_id"], "event_id": e["event_id"],
                             "event_date": e.get("event_date")})
    return new, postings, next_id


def write(store: SqlStore, events: list[dict]) -> None:
    """Index these (new) events inside the caller's transaction, which holds the writer's lock: the words
    not stored yet get the next ids (small numbers, which compress well: a search reads less), the postings
    are added and each word's count of events grows by its postings."""
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
    n = Counter(p["word_id"] for p in postings)
    store.stage_rows("word_counts", schema.WORDS, ["word_id", "n_events"],
                     [{"word_id": i, "n_events": c} for i, c in n.items()])
    try:
        store.execute("UPDATE words SET n_events = words.n_events + c.n_events FROM word_counts c "
                      "WHERE words.word_id = c.word_id")
    finally:
        store.unstage("word_counts")


def backfill(store: SqlStore) -> int:
    """Index every stored event and fill its `words` column (a store written by schema version 1, whose
    index is empty); returns how many. Runs inside migration 2's transaction, a batch at a time in key order."""
    done, last = 0, None
    while True:
        after, params = ("WHERE e.doc_id > ? OR (e.doc_id = ? AND e.event_id > ?) ", [last[0], last[0], last[1]]) \
            if last else ("", [])
        rows = store.fetch_arrow(f"SELECT e.doc_id, e.event_id, e.event_date, e.evidence FROM events e {after}"
                                 f"ORDER BY e.doc_id, e.event_id LIMIT {BACKFILL_ROWS}", params).to_pylist()
        if not rows:
            return done
        write(store, rows)
        store.stage_rows("event_word_lists", schema.EVENTS, ["doc_id", "event_id", "words"],
                         [{**r, "words": word_list(r["evidence"])} for r in rows])
        try:
            store.execute("UPDATE events SET words = w.words FROM event_word_lists w "
                          "WHERE events.doc_id = w.doc_id AND events.event_id = w.event_id")
        finally:
            store.unstage("event_word_lists")
        done += len(rows)
        last = (rows[-1]["doc_id"], rows[-1]["event_id"])


def lookup(store: SqlStore, prefix: str) -> tuple[list[int], int]:
    """Ids of the stored words that begin with `prefix` (a word, lower-cased), and their events (an event
    with two of them counts twice)."""
    rows = store.fetch_rows(f"SELECT word_id, n_events FROM words WHERE word {LIKE}", [like_literal(prefix) + "%"])
    return [int(i) for i, _ in rows], sum(int(n or 0) for _, n in rows)


def one_word(text: str | None) -> str | None:
    """The word of a text filter that has exactly one (the index answers it alone), else None."""
    words = _WORD.findall((text or "").lower())
    return words[0] if len(words) == 1 else None


def common(store: SqlStore, text: str | None) -> bool:
    """Whether every word of a text filter is in more than SCAN_EVENTS events (so probably are many
    matches: a page of them is found early in a date-ordered pass, which need not read every row)."""
    words = _WORD.findall((text or "").lower())
    return bool(words) and all(lookup(store, w)[1] > SCAN_EVENTS for w in dict.fromkeys(words))


MAX_INLINE_IDS = 500
# A word in more events than this is found by reading the events' `words` column (one pass, however many
# match) instead of joining its postings to the events (a join of that many keys costs more than the pass).
SCAN_EVENTS = 50_000


def postings(ids: list[int], prefix: str, alias: str = "x") -> tuple[str, list[Any]]:
    """Condition on event_words selecting the words that begin with `prefix`, whose ids are `ids`: FALSE
    when there are none; the ids inlined when there are few (integers we made: the database then skips
    blocks of the table by their range); a lookup in `words` when there are many (a prefix of one letter)."""
    if not ids:
        return "FALSE", []
    if len(ids) > MAX_INLINE_IDS:
        return f"{alias}.word_id IN (SELECT v.word_id FROM words v WHERE v.word {LIKE})", [like_literal(prefix) + "%"]
    return f"{alias}.word_id IN ({', '.join(str(int(i)) for i in sorted(set(ids)))})", []


def text_condition(store: SqlStore, text: str, alias: str) -> tuple[str, list[Any]]:
    """Condition on events or dyads (alias `alias`: each has `doc_id`, `event_id` and `words`) for the text
    filter, its words looked up in `store`'s index."""
    words = _WORD.findall(text.lower())
    if not words:
        return f"lower({alias}.evidence) {LIKE}", [contains(text.lower())]
    ids, n = lookup(store, words[0])
    if not ids:
        return "FALSE", []
    if len(words) > 1 or n > SCAN_EVENTS:
        # Several words follow one another in the word list; a common word is one pass over the lists.
        return f"{alias}.words {LIKE}", [f"% {like_literal(' '.join(words))}%"]
    cond, params = postings(ids, words[0])
    return f"({alias}.doc_id, {alias}.event_id) IN (SELECT x.doc_id, x.event_id FROM event_words x WHERE {cond})", params
