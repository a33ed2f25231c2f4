"""Embedded default store: one DuckDB file, bulk writes through Arrow.

An open DuckDBStore holds the file: shared when read-only, exclusive for writing (heron.store.file_lock),
so open one for each read or each batch written and close it soon (`heron serve` opens one per request,
`heron ingest` one per batch; `heron.store.session.StoreSession` does this).
"""
from __future__ import annotations

import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any, Iterator, Sequence

import duckdb
import pyarrow as pa

from heron.store import schema
from heron.store.base import BATCH_ROWS, SqlStore, StoreBusy, StoreError, StoreMissing
from heron.store.file_lock import LockTimeout, StoreLock
from heron.store.stories import ClusterConfig

# How long an open waits for the store: a reader for a writer's batch commit; a writer for the readers
# inside and for another writer's batch.
READ_WAIT_S = 30.0
WRITE_WAIT_S = 600.0
# How long an open retries DuckDB's own file lock, held by a process outside heron's lock (another
# program, or an older heron).
CONNECT_RETRY_S = 5.0


class DuckDBStore(SqlStore):
    dialect = "duckdb"

    def __init__(self, path: str | Path, read_only: bool = False, cluster: ClusterConfig = ClusterConfig(),
                 wait_s: float | None = None):
        super().__init__(cluster)
        self.path = str(path)
        self._held = ExitStack()
        if self.path != ":memory:":
            p = Path(self.path)
            if read_only and not p.exists():
                raise StoreMissing(f"no store at {p} (run `heron ingest` first)")
            p.parent.mkdir(parents=True, exist_ok=True)
            lock = StoreLock(p)
            try:
                self._held.enter_context(lock.shared(READ_WAIT_S if wait_s is None else wait_s) if read_only
                                         else lock.exclusive(WRITE_WAIT_S if wait_s is None else wait_s))
            except LockTimeout:
                raise StoreBusy(f"{self.path} is busy: another heron process kept it longer than the wait") from None
        try:
            self.con = self._connect(read_only)
        except BaseException:
            self._held.close()
            raise
        self._depth = 0
        if not read_only:
            try:
                self.migrate()
            except BaseException:
                self.close()
                raise

    def _connect(self, read_only: bool):
        deadline = time.monotonic() + CONNECT_RETRY_S
        while True:
            try:
                return duckdb.connect(self.path, read_only=read_only)
            except duckdb.Error as exc:
                first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                if "lock" not in first.lower():
                    raise StoreError(f"cannot open {self.path}: {first}") from exc
                if time.monotonic() >= deadline:
                    # Typically a process outside heron holds the file: one line, not a traceback.
                    raise StoreBusy(f"cannot open {self.path}: {first}") from exc
                time.sleep(0.05)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.con.execute(sql, list(params))

    def fetch_arrow(self, sql: str, params: Sequence[Any] = ()) -> pa.Table:
        return self.con.sql(sql, params=list(params) or None).to_arrow_table()

    def fetch_rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self.con.execute(sql, list(params)).fetchall()

    def fetch_batches(self, sql: str, params: Sequence[Any] = (), rows: int = BATCH_ROWS) -> Iterator[pa.RecordBatch]:
        cursor = self.con.cursor()   # its own result, so the store stays usable meanwhile
        try:
            yield from cursor.sql(sql, params=list(params) or None).to_arrow_reader(rows)
        finally:
            cursor.close()

    def _arrow(self, table: schema.Table, columns: list[str], rows: list[dict]) -> pa.Table:
        sch = table.arrow_schema()
        return pa.table({c: pa.array([r.get(c) for r in rows], type=sch.field(c).type) for c in columns})

    def insert_rows(self, table: schema.Table, rows: list[dict]) -> None:
        cols = table.column_names
        name = f"_stage_{table.name}"
        self.con.register(name, self._arrow(table, cols, rows))
        try:
            self.con.execute(f"INSERT INTO {table.name} ({', '.join(cols)}) SELECT {', '.join(cols)} FROM {name}")
        finally:
            self.con.unregister(name)

    def stage_rows(self, name: str, table: schema.Table, columns: list[str], rows: list[dict]) -> None:
        self.con.register(name, self._arrow(table, columns, rows))

    def unstage(self, name: str) -> None:
        self.con.unregister(name)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            yield
            return
        self.con.execute("BEGIN TRANSACTION")
        self._depth = 1
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        else:
            self.con.execute("COMMIT")
        finally:
            self._depth = 0

    def close(self) -> None:
        try:
            self.con.close()
        finally:
            self._held.close()
