"""How the server reaches the store: one short read-only connection per request.

DuckDB lets one process write a database file, and a process that holds it open (even
read-only) keeps other processes from writing it. Holding a connection for the server's
lifetime would therefore block every later `heron ingest`. Instead each request opens the
store read-only, reads, and closes it, so between requests the file is free:

* `heron ingest` run while the server is up works; only a request that arrives while the
  ingest holds the file gets 503 "store is busy" (retry when the ingest is done);
* an ingest started at the very moment a request is being answered (a few milliseconds)
  fails to take the file lock and says so; run it again.

PostgreSQL has no such limit: readers and the writer work concurrently.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from fastapi import HTTPException

from heron.store import StoreError, open_store
from heron.store.base import SqlStore

RETRY_AFTER_S = "5"


@dataclass(frozen=True)
class StoreAccess:
    url: str

    @contextmanager
    def read(self) -> Iterator[SqlStore]:
        """A read-only store for one request; a store that cannot be opened answers 503."""
        try:
            store = open_store(self.url, read_only=True)
        except StoreError as exc:
            text = str(exc)
            busy = "lock" in text.lower()
            detail = (f"store is busy (another process is writing it; retry shortly): {text}" if busy
                      else f"store unavailable: {text}")
            raise HTTPException(503, detail=detail, headers={"Retry-After": RETRY_AFTER_S}) from exc
        try:
            yield store
        finally:
            store.close()
