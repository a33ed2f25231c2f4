"""Writing documents and event rows to files or stdout."""
from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Iterable, Optional

EVENT_FORMATS = ("csv", "parquet", "gdelt", "plover")

EVENT_COLUMNS = ["doc_id", "event_id", "date", "date_text", "actor", "actor_country", "actor_sector", "recipient",
                 "recipient_country", "recipient_sector", "plover_type", "plover_mode", "cameo", "quad_class",
                 "goldstein", "modality", "location", "location_country", "lat", "lon", "trigger", "sentence_text",
                 "confidence", "quote_id"]


@contextlib.contextmanager
def open_output(path: Optional[Path]):
    if path is None or str(path) == "-":
        yield sys.stdout
        sys.stdout.flush()
    else:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as f:
            yield f


def event_rows(doc) -> Iterable[dict]:
    """One row per event (compound actors joined with ';')."""
    for e in doc.events:
        loc = e.location
        yield {
            "doc_id": doc.id, "event_id": e.id, "date": e.date, "date_text": e.date_text,
            "actor": ";".join(a.name or a.text for a in e.actor),
            "actor_country": ";".join(a.country or a.igo or "" for a in e.actor),
            "actor_sector": ";".join(a.sector or "" for a in e.actor),
            "recipient": ";".join(a.name or a.text for a in e.recipient),
            "recipient_country": ";".join(a.country or a.igo or "" for a in e.recipient),
            "recipient_sector": ";".join(a.sector or "" for a in e.recipient),
            "plover_type": e.plover.get("type"), "plover_mode": e.plover.get("mode"), "cameo": e.cameo.get("code"),
            "quad_class": e.quad_class, "goldstein": e.goldstein, "modality": e.modality,
            "location": loc.name or loc.text if loc else None, "location_country": loc.country if loc else None,
            "lat": loc.lat if loc else None, "lon": loc.lon if loc else None, "trigger": e.trigger.text,
            "sentence_text": doc.text[e.span[0]:e.span[1]], "confidence": e.confidence, "quote_id": e.quote_id,
        }


def write_event_rows(docs, fmt: str, output: Optional[Path]) -> None:
    if fmt == "csv":
        import csv

        with open_output(output) as out:
            w = csv.DictWriter(out, fieldnames=EVENT_COLUMNS)
            w.writeheader()
            for doc in docs:
                w.writerows(event_rows(doc))
    elif fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema([(c, pa.float64() if c in ("goldstein", "lat", "lon", "confidence")
                             else pa.int64() if c == "quad_class" else pa.string()) for c in EVENT_COLUMNS])
        writer = pq.ParquetWriter(str(output), schema)
        batch: list[dict] = []
        try:
            for doc in docs:
                batch.extend(event_rows(doc))
                if len(batch) >= 5000:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    batch = []
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
        finally:
            writer.close()
    else:
        # GDELT rows are per story and dyad, so the documents go through a throwaway store,
        # the same code path as `heron export`.
        import tempfile

        from heron.store import export, open_store

        with tempfile.TemporaryDirectory(prefix="heron-code-") as tmp:
            store = open_store(Path(tmp) / "code.duckdb")
            try:
                store.ingest(d.to_dict() for d in docs)
                with open_output(output) as out:
                    if fmt == "gdelt":
                        export.write_gdelt(export.gdelt_rows(store), out)
                    else:
                        export.write_jsonl(export.plover_records(store), out)
            finally:
                store.close()
