"""Store logic shared by the DuckDB and PostgreSQL backends.

A backend supplies a handful of primitives (execute, fetch as Arrow, bulk insert, stage rows
for an UPDATE ... FROM, transactions); everything else - migrations, idempotent batched
ingest, story clustering, queries - is written once here in SQL both dialects accept.
SQL is written with ``?`` placeholders; the PostgreSQL backend rewrites them.
"""
from __future__ import annotations

import itertools
from abc import ABC, abstractmethod
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable, Iterable, Iterator, Sequence

import pyarrow as pa

from heron.store import dyad_months, schema, words
from heron.store.query import QueryFilters, event_where
from heron.store.rows import DocRows, content_hash, document_rows
from heron.store.stories import (
    NO_STORY_MODALITIES,
    ClusterConfig,
    Report,
    Story,
    StoryClusterer,
    name_stems,
    shifted,
    signature,
    story_key,
)


class StoreError(Exception):
    """A store problem worth one line to the user (bad URL, missing store, newer schema)."""


class StoreMissing(StoreError):
    """No store where one was to be read (nothing ingested yet)."""


class StoreBusy(StoreError):
    """The store is being written by another process for longer than this one would wait."""


@dataclass
class IngestStats:
    documents: int = 0
    skipped: int = 0
    events: int = 0
    new_stories: int = 0
    batches: int = 0
    errors: list[str] = field(default_factory=list)


BATCH_ROWS = 10_000

# Columns of `heron query` output: the event row without its bulky JSON, plus the article.
EVENT_OUTPUT_COLUMNS = [c for c in schema.EVENTS.column_names if c not in ("event_json", "words")]
STORY_OUTPUT_COLUMNS = [c for c in schema.STORIES.column_names if c != "signature"]


class SqlStore(ABC):
    dialect: str = ""

    def __init__(self, cluster: ClusterConfig = ClusterConfig()):
        self.cluster = cluster
        self._indexed: bool | None = None

    # ---- backend primitives -------------------------------------------------------------
    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> None: ...

    @abstractmethod
    def fetch_arrow(self, sql: str, params: Sequence[Any] = ()) -> pa.Table: ...

    @abstractmethod
    def fetch_rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]: ...

    @abstractmethod
    def fetch_batches(self, sql: str, params: Sequence[Any] = (), rows: int = BATCH_ROWS) -> Iterator[pa.RecordBatch]:
        """The result as Arrow batches of at most `rows` rows, read from the database as they are consumed
        (exports stream; memory stays flat whatever the result's size). Consume it before other queries."""

    @abstractmethod
    def insert_rows(self, table: schema.Table, rows: list[dict]) -> None: ...

    @abstractmethod
    def stage_rows(self, name: str, table: schema.Table, columns: list[str], rows: list[dict]) -> None:
        """Make `rows` queryable as relation `name` until `unstage` or the end of the transaction."""

    @abstractmethod
    def unstage(self, name: str) -> None: ...

    @abstractmethod
    @contextmanager
    def transaction(self) -> Iterator[None]: ...

    def lock_writer(self) -> None:
        """Serialise writers (DuckDB's file lock already does)."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ---- schema ---------------------------------------------------------------------------
    def schema_version(self) -> int:
        try:
            rows = self.fetch_rows("SELECT max(version) FROM schema_version")
        except Exception:  # noqa: BLE001 - no table yet means version 0; backends raise different types
            return 0
        return int(rows[0][0] or 0)

    def migrate(self) -> int:
        """Apply pending migrations, each in its own transaction; returns the schema version."""
        with self.transaction():
            self.lock_writer()
            self.execute(schema.SCHEMA_VERSION_DDL)
        current = self.schema_version()
        if current > schema.latest_version():
            raise StoreError(f"store schema version {current} is newer than this heron ({schema.latest_version()})")
        for m in schema.MIGRATIONS:
            if m.version <= current:
                continue
            with self.transaction():
                self.lock_writer()
                if self.schema_version() >= m.version:  # another writer got there first
                    continue
                for stmt in m.statements(self.dialect):
                    self.execute(stmt)
                if m.backfill == "indexes":
                    words.backfill(self)
                    self.execute(schema.FILL_DYAD_COLUMNS)
                    self.execute(dyad_months.RECOUNT)
                self.execute("INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                             [m.version, m.description, _now()])
        self._indexed = None
        return self.schema_version()

    @property
    def indexed(self) -> bool:
        """Whether the store has schema version 2's word index and event columns on dyads. A store written
        by version 1 and opened read-only has not: its reads fall back to scanning (slower, same rows)."""
        if self._indexed is None:
            self._indexed = self.schema_version() >= 2
        return self._indexed

    # ---- ingest ---------------------------------------------------------------------------
    def known(self, ids: Iterable[str], hashes: Iterable[str] = ()) -> tuple[set[str], set[str]]:
        """Which of these document ids / content hashes are already stored."""
        ids, hashes = list(dict.fromkeys(ids)), list(dict.fromkeys(hashes))
        if not ids and not hashes:
            return set(), set()
        rows = self.fetch_rows("SELECT id, content_hash FROM documents WHERE id = ANY(?) OR content_hash = ANY(?)",
                               [ids or [""], hashes or [""]])
        return {r[0] for r in rows}, {r[1] for r in rows}

    def known_texts(self, records: Iterable[tuple[str | None, str]]) -> set[int]:
        """Indexes of (id, text) records already stored - lets `heron ingest` skip coding them."""
        recs = list(records)
        ids, hashes = self.known([r[0] for r in recs if r[0]], [content_hash(r[1]) for r in recs])
        return {i for i, (rid, text) in enumerate(recs) if rid in ids or content_hash(text) in hashes}

    def ingest(self, docs: Iterable[dict], batch_size: int = 500,
               on_batch: Callable[[IngestStats], None] | None = None) -> IngestStats:
        """Store documents in batches, one transaction each; already-stored documents are skipped."""
        stats = IngestStats()
        it = iter(docs)
        while chunk := list(itertools.islice(it, batch_size)):
            self.ingest_batch(chunk, stats)
            if on_batch:
                on_batch(stats)
        return stats

    def ingest_batch(self, docs: list[dict], stats: IngestStats) -> None:
        """Store a batch in one transaction; a document the store refuses is named, the others are kept.

        When the batch fails, it is rolled back and its documents are stored one at a time, in the
        same order (so stories come out as they would have), and each one that fails alone is
        reported by id. A store that no longer answers is not a document's fault: that raises."""
        now = _now()
        prepared: list[DocRows] = []
        for d in docs:
            try:
                prepared.append(document_rows(d, now))
            except Exception as exc:  # noqa: BLE001 - a malformed document dict may fail in any way
                stats.errors.append(f"{_doc_name(d)}: not stored ({_one_line(exc)})")
        try:
            self._store(prepared, stats)
            return
        except Exception as exc:  # noqa: BLE001 - backends raise their own types; checked below
            if len(prepared) > 1 and self.usable():
                failed = exc
            elif self.usable():
                stats.errors.append(f"{prepared[0].document['id']}: not stored ({_one_line(exc)})")
                return
            else:
                raise
        for p in prepared:
            try:
                self._store([p], stats)
            except Exception as exc:  # noqa: BLE001
                if not self.usable():
                    raise failed from exc
                stats.errors.append(f"{p.document['id']}: not stored ({_one_line(exc)})")

    def usable(self) -> bool:
        """Whether the store still answers (after a failed write: a bad document, or a broken store?)."""
        try:
            self.fetch_rows("SELECT 1")
            return True
        except Exception:  # noqa: BLE001
            return False

    def _store(self, prepared: list[DocRows], stats: IngestStats) -> None:
        """One transaction; `stats` changes only once it has committed."""
        skipped = 0
        with self.transaction():
            self.lock_writer()
            ids, hashes = self.known([p.document["id"] for p in prepared],
                                     [p.document["content_hash"] for p in prepared])
            fresh = []
            for p in prepared:
                if p.document["id"] in ids or p.document["content_hash"] in hashes:
                    skipped += 1
                    continue
                ids.add(p.document["id"])
                hashes.add(p.document["content_hash"])
                fresh.append(p)
            stories = self._cluster(fresh) if fresh else []
            if fresh:
                self.insert_rows(schema.DOCUMENTS, [p.document for p in fresh])
                for table, attr in ((schema.MENTIONS, "mentions"), (schema.QUOTES, "quotes"),
                                    (schema.EVENTS, "events"), (schema.DYADS, "dyads")):
                    rows = [r for p in fresh for r in getattr(p, attr)]
                    if rows:
                        self.insert_rows(table, rows)
                words.write(self, [e for p in fresh for e in p.events])
                dyad_months.add(self, [d for p in fresh for d in p.dyads])
                self._write_stories(stories)
        stats.skipped += skipped
        if not fresh:
            return
        stats.batches += 1
        stats.documents += len(fresh)
        stats.events += sum(len(p.events) for p in fresh)
        stats.new_stories += sum(1 for s in stories if s.is_new)

    def _cluster(self, fresh: list[DocRows]) -> list[Story]:
        reports: list[Report] = []
        for p in fresh:
            for row in p.events:
                key = story_key(row, row["_actor_parties"], row["_recipient_parties"])
                if key is None or row["event_date"] is None or row["modality"] in NO_STORY_MODALITIES:
                    continue
                words = signature(row["evidence"] or "", name_stems(row["_names"], self.cluster), self.cluster)
                reports.append(Report(key, row["event_date"], words, row))
        if not reports:
            return []
        window = self.cluster.window_days
        lo, hi = shifted(min(r.day for r in reports), -window), shifted(max(r.day for r in reports), window)
        candidates = [Story(sid, key, first, last, (sig or "").split())
                      for sid, key, first, last, sig in self.fetch_rows(
                          "SELECT story_id, story_key, date_first, date_last, signature FROM stories "
                          "WHERE story_key = ANY(?) AND date_last >= ? AND date_first <= ?",
                          [sorted({r.key for r in reports}), lo, hi])]
        clusterer = StoryClusterer(candidates, self.cluster)
        assigned: dict[tuple[str, str], Story] = {}
        for r in reports:
            s = clusterer.assign(r)
            r.row["story_id"] = s.story_id
            assigned[(r.row["doc_id"], r.row["event_id"])] = s
        for p in fresh:
            for d in p.dyads:
                s = assigned.get((d["doc_id"], d["event_id"]))
                if s is not None:
                    d["story_id"] = s.story_id
                    d["first_report"] = s.is_new and (s.row["first_doc_id"], s.row["first_event_id"]) == (
                        d["doc_id"], d["event_id"])
        return list(clusterer.touched.values())

    def _write_stories(self, stories: list[Story]) -> None:
        if not stories:
            return
        new = [s for s in stories if s.is_new]
        if new:
            self.insert_rows(schema.STORIES, [{**s.row, "date_first": s.date_first, "date_last": s.date_last,
                                               "signature": " ".join(s.signature)} for s in new])
        changed = [{"story_id": s.story_id, "date_first": s.date_first, "date_last": s.date_last,
                    "signature": " ".join(s.signature)} for s in stories if s.changed and not s.is_new]
        if changed:
            self.stage_rows("story_changes", schema.STORIES, ["story_id", "date_first", "date_last", "signature"],
                            changed)
            self.execute("UPDATE stories SET date_first = c.date_first, date_last = c.date_last, "
                         "signature = c.signature FROM story_changes c WHERE stories.story_id = c.story_id")
            self.unstage("story_changes")
        # Counts are recomputed from the stored reports, so they are right whatever happened before.
        self.execute(
            "UPDATE stories SET num_mentions = c.n, num_articles = c.a, num_sources = c.s FROM ("
            " SELECT story_id, count(*) AS n, count(DISTINCT doc_id) AS a, count(DISTINCT source) AS s"
            " FROM events WHERE story_id = ANY(?) GROUP BY story_id) c"
            " WHERE stories.story_id = c.story_id", [[s.story_id for s in stories]])

    # ---- reading --------------------------------------------------------------------------
    def query(self, filters: QueryFilters = QueryFilters(), stories: bool = False) -> pa.Table:
        where, params = event_where(filters, "e", self)
        limit = f" LIMIT {int(filters.limit)}" if filters.limit else ""
        if stories:
            cols = ", ".join(f"s.{c}" for c in STORY_OUTPUT_COLUMNS)
            sql = (f"SELECT {cols} FROM stories s WHERE s.story_id IN (SELECT e.story_id FROM events e "
                   f"WHERE {where}) ORDER BY s.date_first, s.story_id{limit}")
        else:
            cols = ", ".join(f"e.{c}" for c in EVENT_OUTPUT_COLUMNS)
            # Filter first, then join the few matching rows to their articles (joining first costs 5x).
            sql = (f"SELECT {cols}, d.title, d.url, d.publisher FROM (SELECT * FROM events e WHERE {where} "
                   f"ORDER BY e.event_date, e.doc_id, e.event_id{limit}) e LEFT JOIN documents d ON d.id = e.doc_id "
                   f"ORDER BY e.event_date, e.doc_id, e.event_id")
        return self.fetch_arrow(sql, params)

    def counts(self) -> dict[str, int]:
        return {t.name: int(self.fetch_rows(f"SELECT count(*) FROM {t.name}")[0][0]) for t in schema.TABLES}

    def table_rows(self, table: str, exclude: tuple[str, ...] = ("ingested_at",)) -> list[tuple]:
        """Every row of a table in a canonical order (for checks and tests)."""
        t = schema.TABLES_BY_NAME[table]
        cols = [c for c in t.column_names if c not in exclude]
        order = ", ".join(t.primary_key or cols)
        return self.fetch_rows(f"SELECT {', '.join(cols)} FROM {table} ORDER BY {order}")


def _doc_name(doc: Any) -> str:
    return str(doc.get("id") or "?") if isinstance(doc, dict) else "?"


def _one_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
