"""`heron serve`: the REST API and dashboard over the event store."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from heron.store import DEFAULT_DB, StoreError, open_store, schema
from heron.store.base import StoreBusy

MIN_TOKEN = 16
LOOPBACK = ("127.0.0.1", "localhost", "::1")
DB_HELP = "Store: a DuckDB file path, duckdb:///path or postgresql://... (default ./heron-data/heron.duckdb)."


def _check_store(db: str) -> None:
    """Fail early on a store that is not there; a store busy with a writer is only a warning. A store an
    older heron wrote is migrated first (schema version 2 builds the word index: ~40 s per million events on DuckDB);
    if it cannot be (busy, or no write access), it is served as it is, its text search scanning every sentence."""
    try:
        with open_store(db, read_only=True) as store:
            old = store.schema_version() < schema.latest_version()
        if old:
            typer.echo(f"heron: updating the store to schema version {schema.latest_version()} (word index for text "
                       f"search; about 40 s per million events)...", err=True)
            try:
                open_store(db).close()
            except (StoreError, OSError) as exc:
                typer.echo(f"warning: store not updated ({exc}); text search scans every sentence", err=True)
    except StoreBusy as exc:
        typer.echo(f"warning: {exc} - requests wait for the writer, or answer 503 after a while", err=True)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1)


def serve(db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
          host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0: every interface)."),
          port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
          allowed_host: Optional[list[str]] = typer.Option(
              None, "--allowed-host", help="Host header to answer (repeatable); default: loopback names when "
                                           "bound to a loopback address, any otherwise."),
          token: Optional[str] = typer.Option(
              None, "--token", envvar="HERON_TOKEN", show_envvar=True,
              help="Enable POST /api/documents (code and store articles), which then requires "
                   "'Authorization: Bearer <token>'. Prefer the environment variable: a command line is visible "
                   "to other users."),
          code_workers: int = typer.Option(1, "--code-workers", min=1, max=16,
                                           help="Processes coding texts for POST /api/code (each holds a model, "
                                                "~400 MB)."),
          log_level: str = typer.Option("info", "--log-level", help="uvicorn log level: warning, info, debug.")) -> None:
    """Serve the REST API (OpenAPI at /docs) and the dashboard (at /).

    The store is opened read-only for each request, so `heron ingest` can add documents while
    the server runs; with DuckDB, a request made while an ingest commits a batch waits for it.
    Reads need no key; writes (POST /api/documents) exist only with --token.
    """
    import uvicorn

    from heron.server import create_app
    from heron.server.coding import CodingLimits
    from heron.server.security import allowed_hosts

    url = db if db is not None else str(Path(DEFAULT_DB))
    token = token or None   # HERON_TOKEN set but empty: no writes, as if unset
    if token is not None and len(token) < MIN_TOKEN:
        typer.echo(f"error: --token/HERON_TOKEN must be at least {MIN_TOKEN} characters; make one with "
                   f"python -c 'import secrets; print(secrets.token_urlsafe(32))'", err=True)
        raise typer.Exit(2)
    _check_store(url)
    if host not in LOOPBACK:
        typer.echo(f"heron: listening on {host}: anyone who can reach it can read the store (reads need no key)",
                   err=True)
    typer.echo(f"heron: dashboard at http://{host}:{port}/  API docs at http://{host}:{port}/docs"
               + ("  (POST /api/documents enabled, token required)" if token else ""), err=True)
    hosts = list(allowed_host) if allowed_host else allowed_hosts(host)
    uvicorn.run(create_app(url, token=token, coding=CodingLimits(workers=code_workers), allowed_hosts=hosts),
                host=host, port=port, log_level=log_level, server_header=False)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
