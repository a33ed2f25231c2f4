"""`POST /api/documents`: code articles and store them, for teams sharing one (PostgreSQL) store.

The route exists only when the server has a token (`heron serve --token ...` or `HERON_TOKEN`),
and every call must send it as `Authorization: Bearer <token>`. Reads stay open.
"""
from __future__ import annotations

import hmac
from typing import Optional

import anyio
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from heron.server import models
from heron.server.access import RETRY_AFTER_S, log
from heron.server.coding import BadText, CodingRefused
from heron.server.models_views import IngestRecord, IngestRequest, IngestResult
from heron.server.routes_code import LIMIT_ERRORS, client_of, code_one, coding_pool, input_date, parse_body, read_body
from heron.store import IngestStats, StoreError, open_store
from heron.store.base import StoreBusy

MAX_BODY = 16 * 1024 * 1024
ERRORS = {**LIMIT_ERRORS,
          401: {"model": models.Problem, "description": "No token, or not the server's token."},
          503: {"model": models.Problem, "description": "Store or coder busy; retry shortly."}}


def token_check(token: str):
    bearer = HTTPBearer(auto_error=False, description="The token `heron serve` was started with.")
    expected = token.encode("utf-8")

    def require_token(credentials: Optional[HTTPAuthorizationCredentials] = Depends(bearer)) -> None:
        given = credentials.credentials.encode("utf-8") if credentials else b""
        if not hmac.compare_digest(given, expected):   # same time whatever the mismatch
            raise HTTPException(401, detail="this route needs the server's token: send 'Authorization: Bearer <token>'",
                                headers={"WWW-Authenticate": "Bearer"})
    return require_token


def ingest_router(token: str) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["store"])

    @router.post("/documents", response_model=IngestResult, responses=ERRORS, dependencies=[Depends(token_check(token))],
                 openapi_extra={"requestBody": {"required": True, "content": {
                     "application/json": {"schema": IngestRequest.model_json_schema()}}}})
    async def ingest(request: Request) -> IngestResult:
        """Code up to 100 articles and add them to the store, as `heron ingest` does: documents already
        stored (same id or same text) are skipped; a record that cannot be coded is named in `errors`
        and the others are stored."""
        pool = coding_pool(request)
        req = parse_body(await read_body(request, MAX_BODY), IngestRequest)
        url = request.app.state.store_access.url
        errors: list[str] = []
        records: list[tuple[IngestRecord, Optional[str]]] = []
        for i, rec in enumerate(req.documents):
            try:
                pool.check_size(rec.text)
                records.append((rec, input_date(rec.date, ("body", "documents", i, "date"))))
            except CodingRefused as exc:
                errors.append(f"{rec.id}: {exc}")
            except RequestValidationError as exc:
                errors.append(f"{rec.id}: {exc.errors()[0]['msg']}")
        stored = await anyio.to_thread.run_sync(lambda: _known(url, [(r.id, r.text) for r, _ in records]))
        docs = []
        try:
            with pool.admit(client_of(request)):
                for i, (rec, day) in enumerate(records):
                    if i in stored:
                        continue
                    try:
                        doc = await code_one(pool, rec.text, day, rec.title, rec.id)
                    except (BadText, CodingRefused) as exc:
                        errors.append(f"{rec.id}: {exc}")
                        continue
                    docs.append({**doc, "url": rec.url, "publisher": rec.publisher})
        except CodingRefused as exc:
            raise HTTPException(exc.status, detail=str(exc), headers=exc.headers) from None
        stats = await anyio.to_thread.run_sync(lambda: _store(url, docs))
        return IngestResult(documents=stats.documents, skipped=stats.skipped + len(stored), events=stats.events,
                            new_stories=stats.new_stories, errors=errors + stats.errors)

    return router


def _open(url: str, read_only: bool):
    try:
        return open_store(url, read_only=read_only)
    except StoreError as exc:
        if read_only and "no store" in str(exc):
            return None
        log.warning("store not opened: %s", exc)     # where it is and who holds it: for the log, not the client
        detail = "store is busy (being written); retry shortly" if isinstance(exc, StoreBusy) else "store unavailable"
        raise HTTPException(503, detail=detail, headers={"Retry-After": RETRY_AFTER_S}) from exc


def _known(url: str, records: list[tuple[str, str]]) -> set[int]:
    store = _open(url, read_only=True) if records else None
    if store is None:
        return set()
    with store:
        return store.known_texts(records)


def _store(url: str, docs: list[dict]) -> IngestStats:
    if not docs:
        return IngestStats()
    with _open(url, read_only=False) as store:
        return store.ingest(docs)
