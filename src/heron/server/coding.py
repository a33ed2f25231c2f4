"""Coding texts for the API (`POST /api/code`, `POST /api/documents`) in worker processes, with limits.

A `Coder` takes seconds to load and holds the CPU while it codes, so the server keeps it out of
its own process: `CodingPool` starts `heron.server.code_worker` processes on first use (each
loads one Coder and then codes text after text) and hands each request to an idle one. The read
routes never wait for coding, and a text that runs past the time limit is stopped for real: its
worker is killed and a fresh one starts on the next request.

Limits, each with its own answer:
* a text over `max_bytes` (UTF-8)                      -> 413
* more than `per_client` requests at once from one address -> 429
* more than `workers + queue` requests in the pool        -> 503 (with Retry-After)
* no worker free within `time_limit_s`                    -> 503 (with Retry-After)
* coding longer than `time_limit_s`                       -> 504
"""
from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

RETRY_AFTER_S = "5"


@dataclass(frozen=True)
class CodingLimits:
    max_bytes: int = 100_000        # one text, UTF-8
    time_limit_s: float = 30.0      # coding one text (model loading not included), and waiting for a worker
    per_client: int = 2             # requests in flight from one client address
    workers: int = 1                # worker processes (each holds a Coder, ~400 MB)
    queue: int = 4                  # requests that may wait for a busy worker
    start_timeout_s: float = 180.0  # a new worker loading its Coder


class CodingRefused(Exception):
    """A request the pool will not or could not code; `status` is the HTTP answer."""

    def __init__(self, status: int, message: str, retry: bool = False):
        super().__init__(message)
        self.status = status
        self.headers = {"Retry-After": RETRY_AFTER_S} if retry else None


class BadText(ValueError):
    """The text itself could not be coded (empty, a bad date): the client's to fix."""


class _Worker:
    """One `code_worker` process and a thread reading its replies into a queue."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.replies: queue.Queue[str | None] = queue.Queue()

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def start(self, timeout: float) -> None:
        env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
        self.replies = queue.Queue()
        self.proc = subprocess.Popen([sys.executable, "-m", "heron.server.code_worker"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, encoding="utf-8", env=env)
        threading.Thread(target=self._read, args=(self.proc, self.replies), daemon=True).start()
        reply = self._next(timeout, "loading the coder")
        if not reply.get("ready"):
            self.kill()
            raise CodingRefused(500, "the coding worker did not start")

    @staticmethod
    def _read(proc: subprocess.Popen, replies: queue.Queue) -> None:
        assert proc.stdout is not None
        with proc.stdout:
            for line in proc.stdout:
                replies.put(line)
        replies.put(None)

    def _next(self, timeout: float, doing: str) -> dict:
        try:
            line = self.replies.get(timeout=timeout)
        except queue.Empty:
            self.kill()
            raise CodingRefused(504, f"{doing} took longer than the {timeout:g} s limit; "
                                     f"send a shorter text or try again") from None
        if line is None:
            self.kill()
            raise CodingRefused(500, "the coding worker stopped unexpectedly; try again")
        return json.loads(line)

    def code(self, request: dict, timeout: float) -> dict:
        assert self.proc is not None and self.proc.stdin is not None
        try:
            self.proc.stdin.write(json.dumps(request) + "\n")
            self.proc.stdin.flush()
        except OSError:
            self.kill()
            raise CodingRefused(500, "the coding worker stopped unexpectedly; try again") from None
        return self._next(timeout, "coding")

    def kill(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()
            if self.proc.stdin is not None:
                try:
                    self.proc.stdin.close()
                except OSError:     # a pipe whose reader died may fail to flush
                    pass
        self.proc = None


class CodingPool:
    def __init__(self, limits: CodingLimits = CodingLimits()):
        self.limits = limits
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._workers = [_Worker() for _ in range(limits.workers)]
        for w in self._workers:
            self._idle.put(w)
        self._lock = threading.Lock()
        self._in_flight = 0
        self._by_client: dict[str, int] = {}

    def check_size(self, text: str) -> None:
        size = len(text.encode("utf-8"))
        if size > self.limits.max_bytes:
            raise CodingRefused(413, f"text is {size:,} bytes; the limit is {self.limits.max_bytes:,} "
                                     f"bytes (split the article or use `heron code`)")

    @contextmanager
    def admit(self, client: str) -> Iterator[None]:
        """Hold a place for one request from `client`, or refuse at once (429, 503)."""
        lim = self.limits
        with self._lock:
            if self._by_client.get(client, 0) >= lim.per_client:
                raise CodingRefused(429, f"{lim.per_client} coding requests from this client are still "
                                         f"running; wait for them to finish", retry=True)
            if self._in_flight >= lim.workers + lim.queue:
                raise CodingRefused(503, "the coder is busy with other requests; retry shortly", retry=True)
            self._in_flight += 1
            self._by_client[client] = self._by_client.get(client, 0) + 1
        try:
            yield
        finally:
            with self._lock:
                self._in_flight -= 1
                self._by_client[client] -= 1
                if not self._by_client[client]:
                    del self._by_client[client]

    def code(self, text: str, date: str | None = None, title: str | None = None, doc_id: str = "pasted") -> dict:
        """The coded document (SPEC dict). Blocks: call it from a worker thread, inside `admit`."""
        self.check_size(text)
        lim = self.limits
        try:
            worker = self._idle.get(timeout=lim.time_limit_s)
        except queue.Empty:
            raise CodingRefused(503, "no coding worker became free in time; retry shortly", retry=True) from None
        try:
            if not worker.alive:
                worker.start(lim.start_timeout_s)
            reply = worker.code({"text": text, "date": date, "title": title, "id": doc_id}, lim.time_limit_s)
        finally:
            self._idle.put(worker)
        if "ok" in reply:
            return reply["ok"]
        if reply.get("internal"):
            raise CodingRefused(500, str(reply["error"]))
        raise BadText(str(reply["error"]))

    def close(self) -> None:
        for w in self._workers:
            w.kill()
