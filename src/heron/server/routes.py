"""The REST API under /api: summary, events, stories, documents, aggregates, export."""
from __future__ import annotations

import io
import tempfile
from typing import Literal, Optional

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import StreamingResponse
from starlette.background import BackgroundTask

from heron.server import convert, keyset, models, queries
from heron.server.access import StoreAccess
from heron.server.params import MAX_LIMIT, MAX_OFFSET, Period, Unit, code, event_filters, parse_filters
from heron.store import QueryFilters, aggregate

SPOOL_BYTES = 32 * 1024 * 1024
CHUNK_BYTES = 1024 * 1024
ERRORS = {422: {"model": models.ValidationErrorOut, "description": "Bad parameter."},
          503: {"model": models.Problem, "description": "Store missing or busy (being written)."}}

router = APIRouter(prefix="/api", responses=ERRORS)


def store_access(request: Request) -> StoreAccess:
    return request.app.state.store_access


def _paging(limit: int = Query(100, ge=1, le=MAX_LIMIT, description=f"Rows per page, at most {MAX_LIMIT}."),
            offset: int = Query(0, ge=0, le=MAX_OFFSET, description=f"Rows to skip, at most {MAX_OFFSET}.")
            ) -> tuple[int, int]:
    return limit, offset


@router.get("/summary", response_model=models.Summary, tags=["store"])
def summary(top: bool = Query(True, description="Include the top types, dyads and actors (on a store of millions "
                                                "of events, the slow part)."),
            access: StoreAccess = Depends(store_access)) -> models.Summary:
    """Row counts, event date range, top event types, dyads and actors, and every stored event type."""
    with access.read() as store:
        s = aggregate.summary(store, top=top)
        actors, types = queries.top_actors(store) if top else [], queries.event_types(store)
    return models.Summary(
        counts=s["counts"], first_date=s["first_date"], last_date=s["last_date"], schema_version=s["schema_version"],
        top_types=[models.TypeCount(type=t["type"], count=t["stories"]) for t in s["top_types"] if t["type"]],
        top_dyads=[models.DyadCount(**d) for d in s["top_dyads"]],
        top_actors=[models.ActorCount(actor=a, stories=n) for a, n in actors],
        event_types=[models.TypeCount(type=t, count=n) for t, n in types])


@router.get("/events", response_model=models.EventPage, tags=["events"])
def events(filters: QueryFilters = Depends(event_filters), paging: tuple[int, int] = Depends(_paging),
           after: Optional[str] = Query(None, description="Cursor: the page after this one (`next` of a page)."),
           before: Optional[str] = Query(None, description="Cursor: the page before this one (`prev` of a page)."),
           access: StoreAccess = Depends(store_access)) -> models.EventPage:
    """Event reports matching the filters (as `heron query`), ordered by date, document and event.

    Page with the `next` / `prev` cursors of a page (as fast deep in the list as at its start);
    `offset` also works but makes the store skip every earlier row."""
    limit, offset = paging
    after_key = keyset.decode("after", after) if after else None
    before_key = keyset.decode("before", before) if before and not after_key else None
    with access.read() as store:
        page = keyset.event_page(store, filters, limit, offset, after_key, before_key)
    return models.EventPage(total=page.total, limit=limit, offset=page.position, next=page.next, prev=page.prev,
                            items=[convert.event_report(r) for r in page.rows])


@router.get("/stories", response_model=models.StoryPage, tags=["events"])
def stories(filters: QueryFilters = Depends(event_filters), paging: tuple[int, int] = Depends(_paging),
            access: StoreAccess = Depends(store_access)) -> models.StoryPage:
    """Stories (duplicate reports merged) with a report matching the filters (as `heron query --stories`)."""
    limit, offset = paging
    with access.read() as store:
        total = queries.count_stories(store, filters)
        rows = queries.page(store, filters, limit, offset, stories=True)
    return models.StoryPage(total=total, limit=limit, offset=offset, items=[convert.story(r) for r in rows])


@router.get("/documents/{doc_id}", response_model=models.Document, tags=["events"],
            responses={404: {"model": models.Problem, "description": "No such document."}})
def document(doc_id: str = Path(..., description="Document id."),
             access: StoreAccess = Depends(store_access)) -> models.Document:
    """A stored document: its text, its events with the spans of trigger and actors, mentions and quotes."""
    with access.read() as store:
        doc = queries.document(store, doc_id)
        if doc is None:
            raise HTTPException(404, detail=f"no document with id {doc_id!r}")
        events, event_json, mentions, quotes = queries.document_parts(store, doc_id)
    return models.Document(
        id=doc["id"], title=doc["title"], url=doc["url"], publisher=doc["publisher"], source=doc["source"],
        date=doc["doc_date"], text=doc["text"] or "", n_sentences=doc["n_sentences"], n_events=doc["n_events"],
        warnings=convert.warnings(doc["warnings"]),
        events=[convert.document_event(r, event_json.get(r["event_id"])) for r in events],
        mentions=[convert.mention(m) for m in mentions], quotes=[convert.quote(q) for q in quotes])


@router.get("/timeline", response_model=models.Timeline, tags=["aggregates"])
def timeline(filters: QueryFilters = Depends(event_filters),
             period: Period = Query("month", description="month | year"),
             unit: Unit = Query("reports", description="reports | stories (duplicates merged)"),
             access: StoreAccess = Depends(store_access)) -> models.Timeline:
    """Events matching the filters per period, by quad class: the dashboard's chart."""
    with access.read() as store:
        rows = queries.timeline(store, filters, period, unit)
    return models.Timeline(period=period, unit=unit, rows=[models.TimelineRow(**r) for r in rows])


@router.get("/dyads", response_model=models.DyadTable, tags=["aggregates"])
def dyads(actor: Optional[str] = Query(None, description="Actor party, e.g. KAZ."),
          recipient: Optional[str] = Query(None, description="Recipient party, e.g. USA."),
          since: Optional[str] = Query(None, description="YYYY-MM-DD"),
          until: Optional[str] = Query(None, description="YYYY-MM-DD"),
          period: Period = Query("month"), unit: Unit = Query("stories"),
          access: StoreAccess = Depends(store_access)) -> models.DyadTable:
    """Per directed dyad and period: events by quad class and mean Goldstein score."""
    f = parse_filters(actor=actor, recipient=recipient, since=since, until=until)
    with access.read() as store:
        table = aggregate.dyad_counts(store, f.actor, f.recipient, period=period, since=f.since, until=f.until,
                                      unit=unit)
    return models.DyadTable(period=period, unit=unit, rows=[models.DyadRow(**r) for r in table.to_pylist()])


@router.get("/balance/{country}", response_model=models.Balance, tags=["aggregates"])
def balance(country: str = Path(..., description="Country code, e.g. KAZ."),
            period: Period = Query("year"), unit: Unit = Query("stories"),
            access: StoreAccess = Depends(store_access)) -> models.Balance:
    """Multi-vector balance: each partner's share of the country's cooperation (quad 1-2) per period."""
    c = code("country", country)
    with access.read() as store:
        rows = aggregate.cooperation_balance(store, c, period=period, unit=unit).to_pylist()
    totals: dict[str, int] = {}
    for r in rows:
        totals[r["partner"]] = totals.get(r["partner"], 0) + int(r["events"])
    partners = sorted(totals, key=lambda p: (-totals[p], p))
    return models.Balance(country=c, period=period, unit=unit, partners=partners,
                          rows=[models.BalanceRow(period=r["period"], partner=r["partner"], events=r["events"],
                                                  share=r["share"]) for r in rows])


EXPORTS = {"plover": ("application/x-ndjson", "heron-events.plover.jsonl"),
           "gdelt": ("text/tab-separated-values", "heron-events.gdelt.tsv"),
           "csv": ("text/csv", "heron-events.csv"),
           "jsonl": ("application/x-ndjson", "heron-events.jsonl")}


@router.get("/export", tags=["store"], response_class=StreamingResponse,
            responses={200: {"description": "The events as a file.",
                             "content": {mime: {} for mime, _ in EXPORTS.values()}}})
def export(format: Literal["plover", "gdelt", "csv", "jsonl"] = Query(..., description="plover | gdelt | csv | jsonl"),
           header: bool = Query(False, description="GDELT: write a header line."),
           filters: QueryFilters = Depends(event_filters),
           access: StoreAccess = Depends(store_access)) -> StreamingResponse:
    """Download events: PLOVER JSONL (one record per report), GDELT 2.0 event table (TSV), or the
    event rows of `/api/events` as CSV or JSON lines."""
    from heron.store import export as ex
    # Rows stream from the store in batches into a spool file (memory up to SPOOL_BYTES, then a
    # temporary file), so no result is held whole in memory; the store is closed before the client
    # reads, so a slow download never keeps `heron ingest` waiting on the DuckDB file.
    buf = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
    with access.read() as store:
        if format in ("csv", "jsonl"):
            ex.write_batches(ex.event_batches(store, filters), format, buf)
        else:
            text = io.TextIOWrapper(buf, encoding="utf-8", newline="\n", write_through=True)
            if format == "plover":
                ex.write_jsonl(ex.plover_records(store, filters), text)
            else:
                ex.write_gdelt(ex.gdelt_rows(store, filters), text, header=header)
            text.detach()
    mime, filename = EXPORTS[format]
    buf.seek(0)
    # Sent in 1 MB chunks: iterating the file itself would send it line by line.
    return StreamingResponse(iter(lambda: buf.read(CHUNK_BYTES), b""), media_type=mime, background=BackgroundTask(buf.close),
                             headers={"Content-Disposition": f'attachment; filename="{filename}"'})
