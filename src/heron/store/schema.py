"""Versioned schema of the event store, shared by DuckDB and PostgreSQL.

Tables are declared once as ordered column lists; the DDL of both dialects and the Arrow
schemas used for bulk writes are generated from them, so the two backends cannot drift.
Each migration is applied once, in order, inside a transaction, and recorded in
``schema_version``. Later schema changes must be appended as new migrations, never edited in.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import pyarrow as pa

SQL_TYPES = {"text": "TEXT", "int": "INTEGER", "bigint": "BIGINT", "float": "DOUBLE PRECISION",
             "date": "DATE", "timestamp": "TIMESTAMP", "bool": "BOOLEAN"}
ARROW_TYPES = {"text": pa.string(), "int": pa.int32(), "bigint": pa.int64(), "float": pa.float64(),
               "date": pa.date32(), "timestamp": pa.timestamp("us"), "bool": pa.bool_()}


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[tuple[str, str], ...]       # (column, logical type)
    primary_key: tuple[str, ...] = ()
    unique: tuple[str, ...] = ()
    pg_indexes: tuple[str, ...] = ()           # column lists; DuckDB scans columns instead

    @property
    def column_names(self) -> list[str]:
        return [c for c, _ in self.columns]

    def ddl(self) -> str:
        cols = [f"{c} {SQL_TYPES[t]}" + (" NOT NULL" if c in self.primary_key else "") for c, t in self.columns]
        if self.primary_key:
            cols.append(f"PRIMARY KEY ({', '.join(self.primary_key)})")
        cols += [f"UNIQUE ({u})" for u in self.unique]
        return f"CREATE TABLE IF NOT EXISTS {self.name} (\n  " + ",\n  ".join(cols) + "\n)"

    def arrow_schema(self) -> pa.Schema:
        return pa.schema([(c, ARROW_TYPES[t]) for c, t in self.columns])


def _cols(spec: str) -> tuple[tuple[str, str], ...]:
    """'a:text b:int' -> (('a', 'text'), ('b', 'int'))."""
    return tuple(tuple(item.split(":")) for item in spec.split())  # type: ignore[misc]


DOCUMENTS = Table("documents", _cols(
    "id:text content_hash:text doc_date:date title:text url:text publisher:text source:text text:text "
    "n_sentences:int n_events:int warnings:text ingested_at:timestamp"),
    primary_key=("id",), unique=("content_hash",))

MENTIONS = Table("mentions", _cols(
    "doc_id:text mention_id:text sentence:int text:text span_start:int span_end:int name:text country:text "
    "sector:text kind:text code:text wikidata:text office:text igo:text coref:text"),
    primary_key=("doc_id", "mention_id"), pg_indexes=("country",))

QUOTES = Table("quotes", _cols(
    "doc_id:text quote_id:text text:text span_start:int span_end:int speaker_text:text speaker_name:text "
    "speaker_country:text speaker_sector:text speaker_code:text speaker_wikidata:text addressee_name:text "
    "addressee_country:text addressee_code:text partial:bool indirect:bool cue:text"),
    primary_key=("doc_id", "quote_id"))

EVENTS = Table("events", _cols(
    "doc_id:text event_id:text sentence:int span_start:int span_end:int trigger:text evidence:text "
    "actor_names:text actor_keys:text actor_sectors:text recipient_names:text recipient_keys:text "
    "recipient_sectors:text actor1_code:text actor1_name:text actor1_country:text actor1_sector:text "
    "actor2_code:text actor2_name:text actor2_country:text actor2_sector:text plover_type:text "
    "plover_mode:text plover_context:text cameo_code:text cameo_root:text cameo_name:text quad_class:int "
    "goldstein:float plover_score:float event_date:date period:text date_text:text date_precision:text "
    "location_text:text location_name:text location_country:text location_lat:float location_lon:float "
    "location_geonameid:bigint location_feature:text modality:text quote_id:text confidence:float "
    "source:text story_id:text event_json:text words:text"),
    primary_key=("doc_id", "event_id"), pg_indexes=("story_id", "event_date", "plover_type"))
# Version 2 added `words` (heron.store.words.word_list: the evidence's distinct words, for text search).

# One row per (actor party, recipient party) of an event: the unit of dyadic aggregates.
# first_report marks the rows of the report that founded a story, so story-level counts need no join.
_DYAD_V1 = ("doc_id:text event_id:text actor:text recipient:text event_date:date period:text plover_type:text "
            "cameo_root:text quad_class:int goldstein:float modality:text story_id:text first_report:bool")
_DYAD_INDEXES = ("actor, recipient", "recipient", "story_id", "doc_id, event_id")
# Version 2 copies the event's actor/recipient keys and sectors, its location country and its words
# (heron.store.words), so the network answers those filters and text from the dyads alone.
DYAD_EVENT_COLUMNS = ("actor_keys", "recipient_keys", "actor_sectors", "recipient_sectors", "location_country",
                      "words")
DYADS = Table("dyads", _cols(_DYAD_V1 + "".join(f" {c}:text" for c in DYAD_EVENT_COLUMNS)),
              pg_indexes=_DYAD_INDEXES)

STORIES = Table("stories", _cols(
    "story_id:text story_key:text actor_keys:text recipient_keys:text actor_names:text recipient_names:text "
    "plover_type:text plover_mode:text cameo_code:text cameo_root:text cameo_name:text quad_class:int "
    "goldstein:float date_first:date date_last:date period:text location_text:text location_country:text "
    "location_lat:float location_lon:float evidence:text signature:text first_doc_id:text "
    "first_event_id:text num_mentions:int num_articles:int num_sources:int"),
    primary_key=("story_id",), pg_indexes=("story_key, date_last",))

# Version 2: the word index of the evidence sentences (heron.store.words). `words` holds each
# distinct lower-cased word once with its number; `event_words` one row per
# distinct word of an event's evidence, with the event's date (so a page of a text search is
# chosen from the index alone).
WORDS = Table("words", _cols("word_id:bigint word:text n_events:bigint"), primary_key=("word_id",),
              pg_indexes=("word text_pattern_ops",))
EVENT_WORDS = Table("event_words", _cols("word_id:bigint doc_id:text event_id:text event_date:date"),
                    pg_indexes=("word_id",))

# Version 2: dyad series counted at ingest (heron.store.dyad_months).
DYAD_MONTHS = Table("dyad_months", _cols(
    "actor:text recipient:text period:text quad_class:int reports:bigint events:bigint goldstein:float"),
    pg_indexes=("actor, recipient, period",))

TABLES: tuple[Table, ...] = (DOCUMENTS, MENTIONS, QUOTES, EVENTS, DYADS, STORIES, WORDS, EVENT_WORDS, DYAD_MONTHS)
TABLES_BY_NAME = {t.name: t for t in TABLES}

SCHEMA_VERSION_DDL = ("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                      "description TEXT, applied_at TIMESTAMP)")


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: Callable[[str], list[str]]     # dialect ("duckdb" | "postgres") -> SQL statements
    backfill: str = ""                         # then a data step the store runs (SqlStore.backfill)


def _create(tables: tuple[Table, ...], dialect: str) -> list[str]:
    stmts = [t.ddl() for t in tables]
    if dialect == "postgres":
        for t in tables:
            for i, cols in enumerate(t.pg_indexes):
                stmts.append(f"CREATE INDEX IF NOT EXISTS ix_{t.name}_{i} ON {t.name} ({cols})")
    return stmts


def _initial(dialect: str) -> list[str]:
    dyads_v1 = Table("dyads", _cols(_DYAD_V1), pg_indexes=_DYAD_INDEXES)
    events_v1 = Table("events", EVENTS.columns[:-1], EVENTS.primary_key, pg_indexes=EVENTS.pg_indexes)
    return _create((DOCUMENTS, MENTIONS, QUOTES, events_v1, dyads_v1, STORIES), dialect)


def _indexes(dialect: str) -> list[str]:
    """Columns of the event on its dyads, the word index and the dyad-month counts; they are filled after
    these statements, in the same transaction (SqlStore.migrate: heron.store.words.backfill, then
    FILL_DYAD_COLUMNS, then heron.store.dyad_months.RECOUNT)."""
    stmts = [f"ALTER TABLE dyads ADD COLUMN IF NOT EXISTS {c} TEXT" for c in DYAD_EVENT_COLUMNS]
    stmts.append("ALTER TABLE events ADD COLUMN IF NOT EXISTS words TEXT")
    return stmts + _create((WORDS, EVENT_WORDS, DYAD_MONTHS), dialect)


# Migration 2's copy of the event columns onto the dyads, run once the events' words are filled.
FILL_DYAD_COLUMNS = (f"UPDATE dyads SET {', '.join(f'{c} = e.{c}' for c in DYAD_EVENT_COLUMNS)} FROM events e "
                     f"WHERE e.doc_id = dyads.doc_id AND e.event_id = dyads.event_id")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, mentions, quotes, events, dyads, stories", _initial),
    Migration(2, "event columns on dyads; word index of the evidence; dyad-month counts", _indexes,
              backfill="indexes"),
)


@lru_cache(maxsize=None)
def latest_version() -> int:
    return max(m.version for m in MIGRATIONS)
