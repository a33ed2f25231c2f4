"""Query parameters shared by the endpoints, validated as `heron query` validates its options.

A bad value answers 422 in FastAPI's own error shape ({"detail": [{"loc", "msg", "type"}]}),
so clients handle one format whether FastAPI or heron rejected the parameter.
"""
from __future__ import annotations

import re
from typing import Any, Literal, Optional

from fastapi import Query
from fastapi.exceptions import RequestValidationError

from heron.store import QueryFilters

# Bounds of the numeric and text parameters: a value outside answers 422, never reaches SQL (offset=10**19
# used to overflow DuckDB's integer conversion into a 500). An offset makes the database skip that many rows,
# so it bounds the work of one request too; deeper pages use the `after` cursor, /api/export gives everything.
MAX_LIMIT = 1000
MAX_OFFSET = 100_000
MAX_TEXT = 200          # a text or place filter
MAX_CODE = 16           # an actor, country, sector or type code

Period = Literal["month", "year"]
Unit = Literal["stories", "reports"]

_FLAG = re.compile(r"^--([a-z_-]+)")


def invalid(param: str, message: str) -> RequestValidationError:
    return RequestValidationError([{"loc": ("query", param), "msg": message, "type": "value_error"}])


def parse_filters(**raw: Any) -> QueryFilters:
    """QueryFilters.parse, its CLI-worded errors turned into a 422 naming the query parameter."""
    try:
        return QueryFilters.parse(**raw)
    except ValueError as exc:
        message = str(exc)
        m = _FLAG.match(message)
        param = m.group(1).replace("-", "_") if m else "query"
        if m:
            message = f"{param}{message[m.end():]}"
        raise invalid(param, message) from exc


def event_filters(
    actor: Optional[str] = Query(None, max_length=MAX_CODE,
                                 description="Actor country, CAMEO code or IGO, e.g. KAZ, USAGOV, UN."),
    recipient: Optional[str] = Query(None, max_length=MAX_CODE, description="Recipient country, code or IGO."),
    country: Optional[str] = Query(None, max_length=MAX_CODE, description="Either side, or the event location."),
    sector: Optional[str] = Query(None, max_length=MAX_CODE, description="Sector of either side, e.g. GOV, MIL."),
    type: Optional[str] = Query(None, max_length=MAX_CODE, description="PLOVER event type, e.g. CONSULT."),
    cameo_root: Optional[str] = Query(None, max_length=2, description="Two-digit CAMEO root, 01-20."),
    quad: Optional[int] = Query(None, ge=1, le=4, description="Quad class 1-4."),
    since: Optional[str] = Query(None, max_length=10, description="First event date, YYYY-MM-DD."),
    until: Optional[str] = Query(None, max_length=10, description="Last event date, YYYY-MM-DD."),
    place: Optional[str] = Query(None, max_length=MAX_TEXT, description="Location text or name contains."),
    text: Optional[str] = Query(None, max_length=MAX_TEXT, description=(
        "Words of the evidence sentence, from their start and case-insensitively: 'offic' finds 'officials', "
        "'ficials' nothing; several words one after the other, the last from its start ('prime minist'); spaces "
        "and punctuation are not compared; text without any letter or digit ('%') is found anywhere in the "
        "sentence.")),
    min_confidence: Optional[float] = Query(None, ge=0.0, le=1.0,
                                            description="Only events at least this likely to be right, 0-1."),
) -> QueryFilters:
    return parse_filters(actor=actor, recipient=recipient, country=country, sector=sector, type=type,
                         cameo_root=cameo_root, quad=quad, since=since, until=until, place=place, text=text,
                         min_confidence=min_confidence)


def code(param: str, value: Optional[str]) -> Optional[str]:
    """A country/actor code (KAZ, USAGOV), upper-cased; 422 naming `param` when it is not one."""
    if value is None:
        return None
    try:
        return QueryFilters.parse(actor=value).actor
    except ValueError as exc:
        raise invalid(param, f"{param}: not a code: {value!r}") from exc
