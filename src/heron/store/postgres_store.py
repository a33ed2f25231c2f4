"""Server store for teams: PostgreSQL through psycopg 3, bulk writes with COPY."""
from __future__ import annotations

import re
from contextlib import contextmanager
from typing import Any, Iterator, Sequence

import psycopg
import pyarrow as pa

from heron.store import schema
from heron.store.base import BATCH_ROWS, SqlStore, StoreError, StoreMissing
from heron.store.stories import ClusterConfig

_PLACEHOLDER = re.compile(r"\?")
# Any constant works; every heron writer takes the same transaction-scoped advisory lock.
_WRITER_LOCK = 0x6865726F6E  # "heron"


class PostgresStore(SqlStore):
    dialect = "postgres"

    def __init__(self, url: str, read_only: bool = False, cluster: ClusterConfig = ClusterConfig()):
        super().__init__(cluster)
        self.url = url
        try:
            self.conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to {_redact(url)}: {str(exc).strip().splitlines()[0]}") from exc
        if read_only:
            if self.schema_version() == 0:
                raise StoreMissing(f"no heron store in {_redact(url)} (run `heron ingest` first)")
        else:
            self.migrate()

    @staticmethod
    def _sql(sql: str) -> str:
        # Our SQL never contains a literal '?' or '%' (LIKE patterns are parameters).
        return _PLACEHOLDER.sub("%s", sql)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(self._sql(sql), list(params) or None)

    def fetch_rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self.conn.cursor() as cur:
            cur.execute(self._sql(sql), list(params) or None)
            return cur.fetchall()

    def fetch_arrow(self, sql: str, params: Sequence[Any] = ()) -> pa.Table:
        with self.conn.cursor() as cur:
            cur.execute(self._sql(sql), list(params) or None)
            rows = cur.fetchall()
            names = [d.name for d in cur.description]
        return _table(names, rows)

    def fetch_batches(self, sql: str, params: Sequence[Any] = (), rows: int = BATCH_ROWS) -> Iterator[pa.RecordBatch]:
        # A server-side cursor: the server keeps the result and sends `rows` at a time.
        with self.conn.transaction(), self.conn.cursor(name="heron_batches") as cur:
            cur.execute(self._sql(sql), list(params) or None)
            while chunk := cur.fetchmany(rows):
                yield from _table([d.name for d in cur.description], chunk).to_batches()

    def _copy(self, target: str, columns: list[str], rows: list[dict]) -> None:
        with self.conn.cursor() as cur:
            with cur.copy(f"COPY {target} ({', '.join(columns)}) FROM STDIN") as cp:
                for r in rows:
                    cp.write_row([r.get(c) for c in columns])

    def insert_rows(self, table: schema.Table, rows: list[dict]) -> None:
        self._copy(table.name, table.column_names, rows)

    def stage_rows(self, name: str, table: schema.Table, columns: list[str], rows: list[dict]) -> None:
        self.conn.execute(f"CREATE TEMP TABLE {name} ON COMMIT DROP AS "
                          f"SELECT {', '.join(columns)} FROM {table.name} WITH NO DATA")
        self._copy(name, columns, rows)

    def unstage(self, name: str) -> None:
        self.conn.execute(f"DROP TABLE IF EXISTS {name}")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.conn.transaction():
            yield

    def lock_writer(self) -> None:
        self.conn.execute("SELECT pg_advisory_xact_lock(%s)", [_WRITER_LOCK])

    def close(self) -> None:
        self.conn.close()


def _table(names: list[str], rows: list[tuple]) -> pa.Table:
    columns = list(zip(*rows)) if rows else [() for _ in names]
    arrays = {name: pa.array(list(values), type=_arrow_type(name)) for name, values in zip(names, columns)}
    return pa.table(arrays) if names else pa.table({})


def _arrow_type(column: str) -> pa.DataType | None:
    """Column types from the schema, so PostgreSQL results match DuckDB's; others are inferred."""
    for t in schema.TABLES:
        for c, kind in t.columns:
            if c == column:
                return schema.ARROW_TYPES[kind]
    return None


def _redact(url: str) -> str:
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)
