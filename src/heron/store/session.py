"""A long-running writer's hold on a store: `heron ingest` codes for minutes, writes for moments.

A DuckDB file is opened for each short step (checking which records are stored, writing one
batch) and closed after it, so `heron serve` and `heron query` read it between batches; they
wait at most one batch commit (heron.store.file_lock). A PostgreSQL store, which has no such
limit, stays connected for the whole session.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from heron.store import open_store
from heron.store.base import SqlStore
from heron.store.stories import ClusterConfig


class StoreSession:
    def __init__(self, url: str | Path | None = None, cluster: ClusterConfig = ClusterConfig()):
        self.url, self.cluster = url, cluster
        store = open_store(url, cluster=cluster)      # creates and migrates the store, or fails at once
        self.is_duckdb = store.dialect == "duckdb"
        self._store: SqlStore | None = None if self.is_duckdb else store
        if self.is_duckdb:
            store.close()

    @contextmanager
    def reading(self) -> Iterator[SqlStore]:
        """The store for a read; a DuckDB file is shared with other readers meanwhile."""
        with self._open(read_only=True) as store:
            yield store

    @contextmanager
    def writing(self) -> Iterator[SqlStore]:
        """The store for one batch; a DuckDB file is held exclusively until the block ends."""
        with self._open(read_only=False) as store:
            yield store

    @contextmanager
    def _open(self, read_only: bool) -> Iterator[SqlStore]:
        if self._store is not None:
            yield self._store
            return
        store = open_store(self.url, read_only=read_only, cluster=self.cluster)
        try:
            yield store
        finally:
            store.close()

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    def __enter__(self) -> "StoreSession":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
