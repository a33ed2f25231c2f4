"""Fixtures for the store tests: a real, throw-away PostgreSQL server (initdb + pg_ctl on a
loopback port), a backend-parametrised empty store, and the synthetic corpus.

Import them in a test module: ``from pg_fixture import pg_server, pg_url, store_url  # noqa: F401``.
PostgreSQL tests are skipped only when the server binaries are not installed.
"""
from __future__ import annotations

import glob
import importlib.util
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import pytest


def _pg_bin() -> Path | None:
    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True):
        if os.path.exists(os.path.join(d, "initdb")) and os.path.exists(os.path.join(d, "pg_ctl")):
            return Path(d)
    found = shutil.which("initdb")
    return Path(found).parent if found and shutil.which("pg_ctl") else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(cmd: list[str]) -> list[str]:
    # initdb refuses to run as root; the server must run as an unprivileged user.
    if os.geteuid() != 0:
        return cmd
    runuser = shutil.which("runuser")
    return [runuser, "-u", "postgres", "--", *cmd] if runuser else ["su", "postgres", "-c", " ".join(cmd)]


@pytest.fixture(scope="session")
def pg_server():
    """Start a PostgreSQL cluster for the session; yields (host, port, user)."""
    if _pg_bin() is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not installed: apt-get install postgresql")
    with postgres_server() as server:
        yield server


@contextmanager
def postgres_server():
    """A throw-away PostgreSQL cluster on a loopback port (also used by benchmarks); yields (host, port, user)."""
    bindir = _pg_bin()
    tmp = Path(tempfile.mkdtemp(prefix="heron-pg-"))
    data, sock = tmp / "data", tmp / "sock"
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(tmp, "postgres")
        shutil.chown(sock, "postgres")
    user = "postgres" if os.geteuid() == 0 else os.environ.get("USER", "postgres")
    run = lambda cmd: subprocess.run(_as_postgres(cmd), check=True, capture_output=True, text=True)  # noqa: E731
    port = _free_port()
    run([str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", user, "--no-sync", "-E", "UTF8"])
    run([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(tmp / "log"), "-w", "-t", "60", "-o",
         f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off", "start"])
    try:
        yield "127.0.0.1", port, user
    finally:
        subprocess.run(_as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
                       capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server):
    """A fresh, empty database on the session server; yields its URL."""
    import psycopg
    host, port, user = pg_server
    name = "heron_" + uuid.uuid4().hex[:12]
    with psycopg.connect(f"postgresql://{user}@{host}:{port}/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield f"postgresql://{user}@{host}:{port}/{name}"
    with psycopg.connect(f"postgresql://{user}@{host}:{port}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


REPO = Path(__file__).resolve().parents[1]


@lru_cache(maxsize=1)
def corpus_module():
    """scripts/make_corpus.py, loaded by path (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("make_corpus", REPO / "scripts" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_documents(n: int, **kw) -> list[dict]:
    return list(corpus_module().make_documents(n, **kw))


@pytest.fixture(params=["duckdb", "postgres"])
def store_url(request, tmp_path):
    """The URL of an empty store, once per backend."""
    if request.param == "duckdb":
        return str(tmp_path / "store" / "heron.duckdb")
    return request.getfixturevalue("pg_url")
