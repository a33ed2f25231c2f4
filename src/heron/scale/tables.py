"""Arrow schemas of the two partition kinds: event rows and documents."""
from __future__ import annotations

from functools import lru_cache

from heron.commands.output import EVENT_COLUMNS

FLOAT_EVENT_COLUMNS = ("goldstein", "lat", "lon", "confidence")
INT_EVENT_COLUMNS = ("quad_class",)
DOCUMENT_COLUMNS = ["id", "date", "title", "url", "publisher", "n_sentences", "n_events", "json"]


@lru_cache(maxsize=1)
def event_schema():
    """EVENT_COLUMNS with the types `heron code --format parquet` writes (doc_id is the first column)."""
    import pyarrow as pa

    return pa.schema([(c, pa.float64() if c in FLOAT_EVENT_COLUMNS else pa.int64() if c in INT_EVENT_COLUMNS
                       else pa.string()) for c in EVENT_COLUMNS])


@lru_cache(maxsize=1)
def document_schema():
    import pyarrow as pa

    return pa.schema([(c, pa.int64() if c.startswith("n_") else pa.string()) for c in DOCUMENT_COLUMNS])


def document_row(doc, spec_json: str) -> dict:
    return {"id": doc.id, "date": doc.date, "title": doc.title, "url": doc.url, "publisher": doc.publisher,
            "n_sentences": len(doc.sentences), "n_events": len(doc.events), "json": spec_json}


def events_table(rows: list[dict]):
    import pyarrow as pa

    return pa.Table.from_pylist(rows, schema=event_schema())


def documents_table(rows: list[dict]):
    import pyarrow as pa

    return pa.Table.from_pylist(rows, schema=document_schema())
