"""Response models of the REST API: what `/openapi.json` documents and every endpoint returns."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from pydantic import BaseModel, Field

Span = tuple[int, int]


class TypeCount(BaseModel):
    type: str = Field(description="PLOVER event type, e.g. CONSULT.")
    count: int = Field(description="Stories (top_types) or event reports (event_types) of this type.")


class DyadCount(BaseModel):
    actor: str
    recipient: str
    stories: int


class ActorCount(BaseModel):
    actor: str = Field(description="Country, IGO or code standing for the actor side.")
    stories: int


class Summary(BaseModel):
    counts: dict[str, int] = Field(description="Rows per store table (documents, events, stories, ...).")
    first_date: Optional[dt.date] = None
    last_date: Optional[dt.date] = None
    schema_version: int
    top_types: list[TypeCount] = Field(description="Most frequent event types, counted in stories.")
    top_dyads: list[DyadCount]
    top_actors: list[ActorCount]
    event_types: list[TypeCount] = Field(description="Every stored event type with its report count.")


class Location(BaseModel):
    text: Optional[str] = None
    name: Optional[str] = None
    country: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None


class EventReport(BaseModel):
    """One coded event as reported by one document."""

    doc_id: str
    event_id: str
    date: Optional[dt.date] = None
    date_text: Optional[str] = None
    date_precision: Optional[str] = None
    sentence: Optional[int] = Field(None, description="Index of the evidence sentence in the document.")
    evidence: Optional[str] = Field(None, description="The sentence the event was coded from.")
    trigger: Optional[str] = Field(None, description="The words that express the event.")
    actors: list[str] = Field(description="Actor names.")
    actor_keys: list[str] = Field(description="Every code an actor filter matches (country, CAMEO code, IGO).")
    recipients: list[str]
    recipient_keys: list[str]
    plover_type: Optional[str] = None
    plover_mode: Optional[str] = None
    plover_context: list[str] = []
    cameo_code: Optional[str] = None
    cameo_name: Optional[str] = None
    quad_class: Optional[int] = Field(None, description="1 verbal cooperation, 2 material cooperation, "
                                                        "3 verbal conflict, 4 material conflict.")
    goldstein: Optional[float] = None
    location: Optional[Location] = None
    modality: Optional[str] = Field(None, description="asserted, negated, hypothetical, scheduled, ...")
    confidence: Optional[float] = None
    story_id: Optional[str] = None
    quote_id: Optional[str] = Field(None, description="The quote the event was reported in, if any.")
    title: Optional[str] = None
    url: Optional[str] = None
    publisher: Optional[str] = None


class EventPage(BaseModel):
    total: int = Field(description="Reports matching the filters, before limit and offset.")
    limit: int
    offset: int = Field(description="Matching reports before the first item of this page.")
    next: Optional[str] = Field(None, description="Cursor of the next page (pass as `after`); null on the last.")
    prev: Optional[str] = Field(None, description="Cursor of the previous page (pass as `before`); null on the first.")
    items: list[EventReport]


class Story(BaseModel):
    """One real-world event: duplicate reports across articles merged."""

    story_id: str
    story_key: Optional[str] = None
    actors: list[str]
    actor_keys: list[str]
    recipients: list[str]
    recipient_keys: list[str]
    plover_type: Optional[str] = None
    plover_mode: Optional[str] = None
    cameo_code: Optional[str] = None
    cameo_name: Optional[str] = None
    quad_class: Optional[int] = None
    goldstein: Optional[float] = None
    date_first: Optional[dt.date] = None
    date_last: Optional[dt.date] = None
    location_text: Optional[str] = None
    location_country: Optional[str] = None
    evidence: Optional[str] = None
    first_doc_id: Optional[str] = None
    first_event_id: Optional[str] = None
    num_mentions: int = Field(description="Event reports in the story.")
    num_sources: int = Field(description="Distinct outlets that reported it.")
    num_articles: int = Field(description="Distinct documents that reported it.")


class StoryPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[Story]


class Mention(BaseModel):
    mention_id: str
    sentence: Optional[int] = None
    text: Optional[str] = None
    span: Optional[Span] = None
    name: Optional[str] = None
    country: Optional[str] = None
    sector: Optional[str] = None
    kind: Optional[str] = None
    code: Optional[str] = None


class Quote(BaseModel):
    quote_id: str
    text: Optional[str] = None
    span: Optional[Span] = None
    speaker_text: Optional[str] = None
    speaker_name: Optional[str] = None
    speaker_country: Optional[str] = None
    speaker_code: Optional[str] = None
    addressee_name: Optional[str] = None
    addressee_country: Optional[str] = None
    partial: bool = False
    indirect: bool = False
    cue: Optional[str] = None


class DocumentEvent(EventReport):
    span: Optional[Span] = Field(None, description="Character span of the evidence sentence in the text.")
    trigger_span: Optional[Span] = None
    actor_spans: list[Span] = []
    recipient_spans: list[Span] = []


class Document(BaseModel):
    id: str
    title: Optional[str] = None
    url: Optional[str] = None
    publisher: Optional[str] = None
    source: Optional[str] = None
    date: Optional[dt.date] = None
    text: str
    n_sentences: Optional[int] = None
    n_events: Optional[int] = None
    warnings: list[str] = []
    events: list[DocumentEvent]
    mentions: list[Mention]
    quotes: list[Quote]


class DyadRow(BaseModel):
    actor: str
    recipient: str
    period: str = Field(description="YYYY-MM or YYYY.")
    events: int
    quad1: int
    quad2: int
    quad3: int
    quad4: int
    mean_goldstein: Optional[float] = None


class DyadTable(BaseModel):
    period: str
    unit: str
    rows: list[DyadRow]


class BalanceRow(BaseModel):
    period: str
    partner: str
    events: int
    share: float = Field(description="This partner's share of the country's cooperation in the period.")


class Balance(BaseModel):
    country: str
    period: str
    unit: str
    partners: list[str] = Field(description="Partners by total cooperation, largest first.")
    rows: list[BalanceRow]


class TimelineRow(BaseModel):
    period: str
    quad1: int
    quad2: int
    quad3: int
    quad4: int
    total: int = Field(description="All matching units in the period, including those without a quad class.")


class Timeline(BaseModel):
    period: str
    unit: str
    rows: list[TimelineRow]


class ErrorItem(BaseModel):
    loc: list[str]
    msg: str
    type: str


class ValidationErrorOut(BaseModel):
    detail: list[ErrorItem]


class Problem(BaseModel):
    detail: str
