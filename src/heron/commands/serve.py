"""`heron serve`: the REST API and dashboard over the event store."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from heron.store import DEFAULT_DB, StoreError, open_store

DB_HELP = "Store: a DuckDB file path, duckdb:///path or postgresql://... (default ./heron-data/heron.duckdb)."


def _check_store(db: str) -> None:
    """Fail early on a store that is not there; a store busy with an ingest is only a warning."""
    try:
        open_store(db, read_only=True).close()
    except StoreError as exc:
        if "lock" in str(exc).lower():
            typer.echo(f"warning: {exc} - requests answer 503 until the writer is done", err=True)
            return
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1)


def serve(db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
          host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0: every interface)."),
          port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
          log_level: str = typer.Option("info", "--log-level", help="uvicorn log level: warning, info, debug.")) -> None:
    """Serve the REST API (OpenAPI at /docs) and the dashboard (at /).

    The store is opened read-only for each request, so `heron ingest` can add documents while
    the server runs; with DuckDB, requests made during an ingest answer 503 until it finishes.
    """
    import uvicorn

    from heron.server import create_app

    url = db if db is not None else str(Path(DEFAULT_DB))
    _check_store(url)
    typer.echo(f"heron: dashboard at http://{host}:{port}/  API docs at http://{host}:{port}/docs", err=True)
    uvicorn.run(create_app(url), host=host, port=port, log_level=log_level)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
