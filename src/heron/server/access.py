"""How the server reaches the store: one short read-only connection per request.

DuckDB lets one process write a database file, and a process that holds it open (even
read-only) keeps other processes from writing it. Each request therefore opens the store
read-only, reads, and closes it; `heron ingest` holds the file only while it commits a batch,
and the two take turns through heron's store lock (heron.store.file_lock): a request that
arrives during a commit waits for it (typically well under a second), and an ingest waits for
the requests being answered. Only a request that waits longer than the store's read wait
answers 503 "store is busy" with Retry-After.

PostgreSQL has no such limit: readers and the writer work concurrently.

Error bodies say what kind of problem it is, never where the store is or who holds it: those
details go to the server log.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from fastapi import HTTPException

from heron.store import StoreError, open_store
from heron.store.base import SqlStore, StoreBusy, StoreMissing

RETRY_AFTER_S = "5"
log = logging.getLogger("heron.server")


@dataclass(frozen=True)
class StoreAccess:
    url: str

    @contextmanager
    def read(self) -> Iterator[SqlStore]:
        """A read-only store for one request; a store that cannot be opened answers 503."""
        try:
            store = open_store(self.url, read_only=True)
        except StoreError as exc:
            log.warning("store not opened: %s", exc)
            detail = ("store is busy (being written); retry shortly" if isinstance(exc, StoreBusy)
                      else "no store yet (run `heron ingest` first)" if isinstance(exc, StoreMissing)
                      else "store unavailable")
            raise HTTPException(503, detail=detail, headers={"Retry-After": RETRY_AFTER_S}) from exc
        try:
            yield store
        finally:
            store.close()
