"""`POST /api/code`: paste an article, get it back coded (the SPEC document with `explain`).

Nothing is stored. The text is coded by the server's `CodingPool` (worker processes), so read
routes answer while it runs; the pool's limits (size, per-client concurrency, time) apply.
"""
from __future__ import annotations

from typing import Optional, TypeVar

import anyio
from fastapi import APIRouter, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError

from heron.reading.input_dates import normalise_date
from heron.server import models
from heron.server.coding import BadText, CodingPool, CodingRefused
from heron.server.models_views import CodedDocument, CodeRequest

router = APIRouter(prefix="/api", tags=["coding"])
Model = TypeVar("Model", bound=BaseModel)

LIMIT_ERRORS = {
    413: {"model": models.Problem, "description": "Text (or request body) over the size limit."},
    422: {"model": models.ValidationErrorOut, "description": "Not a valid request, or a text that cannot be coded."},
    429: {"model": models.Problem, "description": "Too many coding requests from this client at once."},
    503: {"model": models.Problem, "description": "The coder is busy with other requests; retry shortly."},
    504: {"model": models.Problem, "description": "Coding took longer than the time limit."},
}


def coding_pool(request: Request) -> CodingPool:
    return request.app.state.coding


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it is known to be over `limit` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, detail=f"request body is {int(declared):,} bytes; the limit is {limit:,}")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, detail=f"request body is over the {limit:,}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)


def parse_body(body: bytes, model: type[Model]) -> Model:
    """The JSON body as `model`; a 422 in FastAPI's error shape otherwise."""
    try:
        return model.model_validate_json(body or b"null")
    except ValidationError as exc:
        raise RequestValidationError(
            [{"loc": ("body", *e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]) from None


def input_date(value: Optional[str], loc: tuple) -> Optional[str]:
    if not value:
        return None
    try:
        return normalise_date(value)
    except ValueError as exc:
        raise RequestValidationError([{"loc": loc, "msg": f"date: {exc}", "type": "value_error"}]) from None


def body_limit(pool: CodingPool) -> int:
    # A character can take up to 6 bytes as a JSON escape (\u00e9); the text limit is checked after parsing.
    return 6 * pool.limits.max_bytes + 65536


def client_of(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def refused(exc: CodingRefused) -> HTTPException:
    return HTTPException(exc.status, detail=str(exc), headers=exc.headers)


async def code_one(pool: CodingPool, text: str, date: Optional[str], title: Optional[str],
                   doc_id: str = "pasted") -> dict:
    """Code one text in a worker process without blocking the event loop."""
    return await anyio.to_thread.run_sync(lambda: pool.code(text, date, title, doc_id))


@router.post("/code", response_model=CodedDocument, responses=LIMIT_ERRORS,
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": CodeRequest.model_json_schema()}}}})
async def code_text(request: Request) -> JSONResponse:
    """Code a text as `heron code --explain` would: events with trigger, actor and recipient spans and
    the reason each was coded (`explain`), actors, quotes, dates and places. Nothing is stored."""
    pool = coding_pool(request)
    req = parse_body(await read_body(request, body_limit(pool)), CodeRequest)
    date = input_date(req.date, ("body", "date"))
    try:
        pool.check_size(req.text)
        with pool.admit(client_of(request)):
            doc = await code_one(pool, req.text, date, req.title)
    except CodingRefused as exc:
        raise refused(exc) from None
    except BadText as exc:
        raise RequestValidationError([{"loc": ("body", "text"), "msg": str(exc).removeprefix("pasted: "),
                                      "type": "value_error"}]) from None
    return JSONResponse(doc)
