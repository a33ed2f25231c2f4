"""Stage *store*: the heron event store, DuckDB by default, PostgreSQL for teams.
It adds nothing to the Document: it keeps ``Document.to_dict()``, merges duplicate reports into stories, exports.

    store = open_store("heron-data/heron.duckdb")       # or "postgresql://user@host/db"
    store.ingest(doc.to_dict() for doc in docs)           # idempotent, batched, resumable
    store.query(QueryFilters(actor="USA", recipient="KAZ"), stories=True)   # -> pyarrow.Table
"""
from __future__ import annotations

from pathlib import Path

from heron.store.base import IngestStats, SqlStore, StoreError
from heron.store.query import QueryFilters
from heron.store.stories import ClusterConfig

Store = SqlStore
DEFAULT_DB = Path("heron-data") / "heron.duckdb"

__all__ = ["DEFAULT_DB", "ClusterConfig", "IngestStats", "QueryFilters", "Store", "StoreError", "open_store"]


def open_store(url: str | Path | None = None, read_only: bool = False,
               cluster: ClusterConfig = ClusterConfig()) -> SqlStore:
    """Open (and migrate, unless read-only) the store named by a path, `duckdb:///path` or `postgresql://...`."""
    url = str(url) if url is not None else str(DEFAULT_DB)
    if url.startswith(("postgresql://", "postgres://")):
        from heron.store.postgres_store import PostgresStore
        return PostgresStore(url, read_only=read_only, cluster=cluster)
    if url.startswith("duckdb:"):
        url = url[len("duckdb:"):]
        url = url[2:] if url.startswith("//") else url
    if not url:
        raise StoreError("empty store path")
    if "://" in url:
        raise StoreError(f"unsupported store URL {url!r} (use a path, duckdb:///path or postgresql://...)")
    from heron.store.duckdb_store import DuckDBStore
    return DuckDBStore(url, read_only=read_only, cluster=cluster)
