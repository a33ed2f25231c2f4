"""`GET /api/stories/{story_id}`: one story with every report of it, its sources and dates."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Path

from heron.server import convert, models
from heron.server.access import StoreAccess
from heron.server.models_views import SourceCount, StoryDetail, StoryReport
from heron.server.routes import ERRORS, store_access
from heron.store.base import STORY_OUTPUT_COLUMNS

router = APIRouter(prefix="/api", responses=ERRORS, tags=["events"])


@router.get("/stories/{story_id}", response_model=StoryDetail,
            responses={404: {"model": models.Problem, "description": "No such story."}})
def story(story_id: str = Path(..., description="Story id (`story_id` of an event or story)."),
          access: StoreAccess = Depends(store_access)) -> StoryDetail:
    """A story (duplicate reports of one event merged) with each report: its document, outlet, date and sentence."""
    cols = ", ".join(STORY_OUTPUT_COLUMNS)
    with access.read() as store:
        found = store.fetch_arrow(f"SELECT {cols} FROM stories WHERE story_id = ?", [story_id]).to_pylist()
        if not found:
            raise HTTPException(404, detail=f"no story with id {story_id!r}")
        reports = store.fetch_arrow(
            "SELECT e.doc_id, e.event_id, e.event_date, e.evidence, e.trigger, e.modality, e.source, d.title, d.url, "
            "d.publisher FROM events e LEFT JOIN documents d ON d.id = e.doc_id WHERE e.story_id = ? "
            "ORDER BY e.event_date, e.doc_id, e.event_id", [story_id]).to_pylist()
    sources: dict[str, SourceCount] = {}
    for r in reports:
        s = sources.setdefault(r["source"] or "", SourceCount(source=r["source"] or "", reports=0))
        s.reports += 1
        day = r["event_date"]
        if day is not None:
            s.first_date = min(s.first_date or day, day)
            s.last_date = max(s.last_date or day, day)
    return StoryDetail(
        story=convert.story(found[0]),
        reports=[StoryReport(doc_id=r["doc_id"], event_id=r["event_id"], date=r["event_date"], title=r["title"],
                             url=r["url"], publisher=r["publisher"], source=r["source"], evidence=r["evidence"],
                             trigger=r["trigger"], modality=r["modality"]) for r in reports],
        sources=sorted(sources.values(), key=lambda s: (s.first_date is None, s.first_date, s.source)))
