"""`heron serve`: the REST API and dashboard over the event store."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from heron.store import DEFAULT_DB, StoreError, open_store
from heron.store.base import StoreBusy

DB_HELP = "Store: a DuckDB file path, duckdb:///path or postgresql://... (default ./heron-data/heron.duckdb)."


def _check_store(db: str) -> None:
    """Fail early on a store that is not there; a store busy with a writer is only a warning."""
    try:
        open_store(db, read_only=True).close()
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
          log_level: str = typer.Option("info", "--log-level", help="uvicorn log level: warning, info, debug.")) -> None:
    """Serve the REST API (OpenAPI at /docs) and the dashboard (at /).

    The store is opened read-only for each request, so `heron ingest` can add documents while
    the server runs; with DuckDB, a request made while an ingest commits a batch waits for it.
    """
    import uvicorn

    from heron.server import create_app
    from heron.server.security import allowed_hosts

    url = db if db is not None else str(Path(DEFAULT_DB))
    _check_store(url)
    typer.echo(f"heron: dashboard at http://{host}:{port}/  API docs at http://{host}:{port}/docs", err=True)
    hosts = list(allowed_host) if allowed_host else allowed_hosts(host)
    uvicorn.run(create_app(url, allowed_hosts=hosts), host=host, port=port, log_level=log_level,
                server_header=False)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
