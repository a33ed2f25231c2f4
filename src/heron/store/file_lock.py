"""A readers-writer lock between processes (and threads) that share one DuckDB file.

DuckDB lets one process write a database file while no other process has it open, even
read-only. heron's readers (`heron serve` requests, `heron query`) and writers (`heron ingest`
batches) therefore take turns on the file, each holding it only for a moment:

* a reader holds the lock *shared* while it reads; many readers read at once;
* a writer holds it *exclusive* while it commits one batch; it waits for the readers then
  inside to finish, and readers arriving meanwhile wait for it (a turnstile), so a writer is
  never starved by a steady stream of readers, and a reader waits at most one batch commit.

Built on `flock` on two files beside the store (``<db>.lock`` and ``<db>.gate``); the kernel
drops a lock when its holder exits, so a killed process never leaves the store locked. A writer
passes the gate exclusively and holds it until done; a reader passes it shared, for an instant,
on its way to the shared lock. Where `fcntl` does not exist (Windows) or the lock files cannot be
made (a read-only folder) the lock does nothing and DuckDB's own file lock decides.
"""
from __future__ import annotations

import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

POLL_FIRST_S = 0.0005
POLL_MAX_S = 0.01


class LockTimeout(TimeoutError):
    """The store stayed busy for longer than the caller was willing to wait."""


def _open(path: Path) -> int | None:
    """A descriptor to lock, or None where the lock file cannot be made (a read-only folder)."""
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError:
        try:
            return os.open(path, os.O_RDONLY)
        except OSError:
            return None


def _acquire(fd: int, mode: int, deadline: float | None) -> None:
    """flock `fd` in `mode`, polling (flock itself has no timeout) until `deadline` (monotonic)."""
    pause = POLL_FIRST_S
    while True:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if deadline is not None and time.monotonic() >= deadline:
                raise LockTimeout("store is busy") from None
            time.sleep(pause)
            pause = min(pause * 2, POLL_MAX_S)


class StoreLock:
    """The readers-writer lock of one store file."""

    def __init__(self, store_path: str | Path):
        path = Path(store_path)
        self.lock_path = path.with_name(path.name + ".lock")
        self.gate_path = path.with_name(path.name + ".gate")

    @contextmanager
    def shared(self, timeout_s: float | None = None) -> Iterator[None]:
        """Hold the store for reading; LockTimeout when a writer keeps it longer than `timeout_s`."""
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        gate, lock = self._files()
        try:
            if lock is not None:
                _acquire(gate, fcntl.LOCK_SH, deadline)    # waits while a writer holds the gate
                try:
                    _acquire(lock, fcntl.LOCK_SH, deadline)
                finally:
                    os.close(gate)                          # closing drops the gate at once
                    gate = None
            yield
        finally:
            _close(gate, lock)

    @contextmanager
    def exclusive(self, timeout_s: float | None = None) -> Iterator[None]:
        """Hold the store for writing: new readers wait at the gate, readers inside finish first."""
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        gate, lock = self._files()
        try:
            if lock is not None:
                _acquire(gate, fcntl.LOCK_EX, deadline)
                _acquire(lock, fcntl.LOCK_EX, deadline)
            yield
        finally:
            _close(lock, gate)                              # the lock first, then the gate

    def _files(self) -> tuple[int | None, int | None]:
        """(gate, lock) descriptors, or (None, None) where locking is not possible."""
        if fcntl is None:
            return None, None
        gate, lock = _open(self.gate_path), _open(self.lock_path)
        if gate is None or lock is None:
            _close(gate, lock)
            return None, None
        return gate, lock


def _close(*fds: int | None) -> None:
    for fd in fds:
        if fd is not None:
            os.close(fd)
