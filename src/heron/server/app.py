"""The `heron serve` application: REST API under /api, OpenAPI page at /docs, dashboard at /.

Everything is served from this package: the dashboard's scripts and the OpenAPI page's
Swagger UI are vendored under static/ (see scripts/vendor_frontend.sh), so nothing is
fetched from the internet, by the server or by the browser.
"""
from __future__ import annotations

from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import AsyncIterator, Optional

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

import heron
from heron.server import routes_code, routes_dyad, routes_map, routes_network, routes_story
from heron.server.access import StoreAccess
from heron.server.coding import CodingLimits, CodingPool
from heron.server.routes import router
from heron.server.routes_ingest import ingest_router
from heron.server.security import secure
from heron.store import DEFAULT_DB

DESCRIPTION = """Political events coded from news text (PLOVER 2.0 / CAMEO), read from the heron store.

The store is opened read-only for each request and closed after it, so `heron ingest` can
write while the server runs; a request made while an ingest commits a batch to a DuckDB store
waits for that commit. PostgreSQL stores have no such pause."""

SWAGGER = "/static/vendor/swagger-ui-dist"
DOCS_PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="{SWAGGER}/swagger-ui.css">
<link rel="icon" href="{SWAGGER}/favicon-32x32.png">
<title>heron API</title>
</head>
<body>
<div id="swagger-ui"></div>
<script src="{SWAGGER}/swagger-ui-bundle.js"></script>
<script src="/static/swagger-init.js"></script>
</body>
</html>
"""


def static_dir() -> Path:
    return Path(str(resources.files("heron.server") / "static"))


def create_app(db_url: str | Path | None = None, token: Optional[str] = None,
               coding: CodingLimits = CodingLimits(), allowed_hosts: list[str] | None = None) -> FastAPI:
    """The API and dashboard over the store at `db_url` (DuckDB path, duckdb:///path or postgresql://...).

    With a `token`, `POST /api/documents` (code and store articles) exists and requires it;
    `coding` bounds `POST /api/code` (text size, requests per client, time, worker processes);
    `allowed_hosts`: the Host headers to answer (heron.server.security.allowed_hosts gives the loopback
    names for a loopback bind), None answers any."""
    pool = CodingPool(coding)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()    # the coding workers end with the server

    app = FastAPI(title="heron", version=getattr(heron, "__version__", "0"), description=DESCRIPTION,
                  docs_url=None, redoc_url=None, lifespan=lifespan)
    secure(app, allowed_hosts)
    app.state.store_access = StoreAccess(str(db_url) if db_url is not None else str(DEFAULT_DB))
    app.state.coding = pool
    app.include_router(router)
    for view in (routes_map, routes_network, routes_dyad, routes_story, routes_code):
        app.include_router(view.router)
    if token:
        app.include_router(ingest_router(token))
    static = static_dir()
    app.mount("/static", StaticFiles(directory=static), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(static / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        # FastAPI's own page starts Swagger UI with an inline script, which the Content-Security-Policy
        # forbids; this one loads static/swagger-init.js instead (no badge from the public validator:
        # the page works offline).
        return HTMLResponse(DOCS_PAGE)

    return app
