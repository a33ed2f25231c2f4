"""Embedded default store: one DuckDB file, bulk writes through Arrow."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Sequence

import duckdb
import pyarrow as pa

from heron.store import schema
from heron.store.base import BATCH_ROWS, SqlStore, StoreError
from heron.store.stories import ClusterConfig


class DuckDBStore(SqlStore):
    dialect = "duckdb"

    def __init__(self, path: str | Path, read_only: bool = False, cluster: ClusterConfig = ClusterConfig()):
        super().__init__(cluster)
        self.path = str(path)
        if self.path != ":memory:":
            p = Path(self.path)
            if read_only and not p.exists():
                raise StoreError(f"no store at {p} (run `heron ingest` first)")
            p.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            # Typically the lock held by another writer: one line, not a traceback.
            raise StoreError(f"cannot open {self.path}: {str(exc).splitlines()[0]}") from exc
        self._depth = 0
        if not read_only:
            self.migrate()

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
        self.con.close()
