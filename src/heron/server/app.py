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
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

import heron
from heron.server import routes_code, routes_dyad, routes_map, routes_network, routes_story
from heron.server.access import StoreAccess
from heron.server.coding import CodingLimits, CodingPool
from heron.server.routes import router
from heron.server.routes_ingest import ingest_router
from heron.store import DEFAULT_DB

DESCRIPTION = """Political events coded from news text (PLOVER 2.0 / CAMEO), read from the heron store.

The store is opened read-only for each request and closed after it, so `heron ingest` can
write while the server runs; a request made while an ingest holds a DuckDB store answers 503
(retry shortly). PostgreSQL stores have no such pause."""

SWAGGER = "/static/vendor/swagger-ui-dist"


def static_dir() -> Path:
    return Path(str(resources.files("heron.server") / "static"))


def create_app(db_url: str | Path | None = None, token: Optional[str] = None,
               coding: CodingLimits = CodingLimits()) -> FastAPI:
    """The API and dashboard over the store at `db_url` (DuckDB path, duckdb:///path or postgresql://...).

    With a `token`, `POST /api/documents` (code and store articles) exists and requires it;
    `coding` bounds `POST /api/code` (text size, requests per client, time, worker processes)."""
    pool = CodingPool(coding)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()    # the coding workers end with the server

    app = FastAPI(title="heron", version=getattr(heron, "__version__", "0"), description=DESCRIPTION,
                  docs_url=None, redoc_url=None, lifespan=lifespan)
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
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title="heron API",
            swagger_js_url=f"{SWAGGER}/swagger-ui-bundle.js", swagger_css_url=f"{SWAGGER}/swagger-ui.css",
            swagger_favicon_url=f"{SWAGGER}/favicon-32x32.png",
            # No badge from the public validator: the page must work offline.
            swagger_ui_parameters={"validatorUrl": None})

    return app
