"""Response and request models of the dashboard's views: map, network, dyad series, stories, coding, ingest."""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field

from heron.server.models import EventReport, Story


class MapCluster(BaseModel):
    lat: float = Field(description="Mean latitude of the cluster's events.")
    lon: float
    events: int
    quad1: int
    quad2: int
    quad3: int
    quad4: int
    mean_goldstein: Optional[float] = None
    places: int = Field(description="Distinct place names in the cluster.")
    place: Optional[str] = Field(None, description="Its most frequent place name.")
    bounds: tuple[float, float, float, float] = Field(description="south, west, north, east of its events.")


class MapClusters(BaseModel):
    cell: float = Field(description="Grid cell size in degrees: events in one cell form one cluster.")
    located: int = Field(description="Matching events with coordinates.")
    unlocated: int = Field(description="Matching events without a place, not on the map.")
    clusters: list[MapCluster]


class NetworkNode(BaseModel):
    id: str = Field(description="Country code (ISO 3166-1 alpha-3) or IGO abbreviation.")
    name: Optional[str] = None
    kind: str = Field(description="state | igo")
    events: int = Field(description="Dyadic reports the node takes part in, among the edges shown.")


class NetworkEdge(BaseModel):
    source: str = Field(description="Actor side.")
    target: str = Field(description="Recipient side.")
    events: int = Field(description="Reports of this directed dyad (a meeting counts in both directions).")
    mean_goldstein: Optional[float] = None


class Network(BaseModel):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    dyads: int = Field(description="Directed dyads between states/IGOs matching the filters, before `limit`.")


class DyadSeriesRow(BaseModel):
    period: str = Field(description="YYYY-MM")
    ab: list[int] = Field(description="a -> b reports by quad class 1-4.")
    ba: list[int] = Field(description="b -> a reports by quad class 1-4.")
    events: int = Field(description="Distinct event reports between a and b (a meeting counts once).")
    net_goldstein: float = Field(description="Sum of the Goldstein scores of those reports.")


class DyadSeries(BaseModel):
    a: str
    b: str
    rows: list[DyadSeriesRow]


class DyadEvents(BaseModel):
    a: str
    b: str
    month: str
    total: int
    items: list[EventReport]


class StoryReport(BaseModel):
    doc_id: str
    event_id: str
    date: Optional[dt.date] = None
    title: Optional[str] = None
    url: Optional[str] = None
    publisher: Optional[str] = None
    source: Optional[str] = Field(None, description="The outlet counted as one source.")
    evidence: Optional[str] = None
    trigger: Optional[str] = None
    modality: Optional[str] = None


class SourceCount(BaseModel):
    source: str
    reports: int
    first_date: Optional[dt.date] = None
    last_date: Optional[dt.date] = None


class StoryDetail(BaseModel):
    story: Story
    reports: list[StoryReport] = Field(description="Every report of the story, by date.")
    sources: list[SourceCount]


class CodeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="The article text (at most 100 kB of UTF-8 by default).")
    date: Optional[str] = Field(None, description="Publication date, YYYY-MM-DD: relative dates resolve against it.")
    title: Optional[str] = Field(None, max_length=1000)


class CodedDocument(BaseModel):
    """The document of SPEC.md as `heron code` writes it; events carry `explain`."""

    model_config = ConfigDict(extra="allow")

    id: str
    date: Optional[str] = None
    title: Optional[str] = None
    text: str
    sentences: list[Any]
    mentions: list[dict[str, Any]]
    events: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    warnings: list[Any] = []


class IngestRecord(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1, max_length=300)
    text: str = Field(description="Article text, at most 100 kB of UTF-8 by default.")
    date: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = None
    publisher: Optional[str] = None


class IngestRequest(BaseModel):
    documents: list[IngestRecord] = Field(min_length=1, max_length=100)


class IngestResult(BaseModel):
    documents: int = Field(description="Documents coded and stored.")
    skipped: int = Field(description="Documents already in the store (same id or same text).")
    events: int
    new_stories: int
    errors: list[str] = Field(description="One line per record that could not be coded or stored, naming it.")
