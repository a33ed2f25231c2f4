"""Worker side: one loaded `Coder` turning a batch of records into Arrow tables.

The same class runs inside a Ray actor and, for `--engine local`, in the driver process.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

from heron.scale.batching import Batch, RunError
from heron.scale.tables import document_row, documents_table, events_table

WARM_UP_TEXT = "France condemned Iran on Monday."  # touches every stage, so lazy set-up happens at load


@dataclass
class BatchResult:
    """The coded batch: Arrow tables for its two partitions, and the records that failed."""

    index: int
    events: object  # pyarrow.Table (kept untyped so this module imports without pyarrow loaded)
    documents: object
    sentences: int
    errors: list[RunError] = field(default_factory=list)

    @property
    def n_documents(self) -> int:
        return self.documents.num_rows

    @property
    def n_events(self) -> int:
        return self.events.num_rows


class BatchCoder:
    """Loads the pipeline once (a few seconds) and codes any number of batches with it."""

    def __init__(self, model: str | None = None, coder=None):
        t0 = time.perf_counter()
        if coder is None:
            from heron.parse import DEFAULT_MODEL
            from heron.pipeline import Coder

            coder = Coder(model or DEFAULT_MODEL)
            coder.code(WARM_UP_TEXT, date="2024-01-01", doc_id="warm-up")
        self.coder = coder
        self.load_s = time.perf_counter() - t0

    def code(self, batch: Batch) -> BatchResult:
        from heron.commands.output import event_rows
        from heron.pipeline import CodingError

        ids = sorted({str(r.get("id")) for r in batch.records if r.get("id")}, key=len, reverse=True)
        docs, events, errors, sentences = [], [], [], 0
        for item in self.coder.code_records(batch.records):
            if isinstance(item, CodingError):
                message = " ".join(str(item).split())
                record = next((i for i in ids if message.startswith(f"{i}: ")), "?")
                errors.append(RunError(batch.index, "code", record, message))
                continue
            sentences += len(item.sentences)
            events.extend(event_rows(item))
            docs.append(document_row(item, json.dumps(item.to_dict(), ensure_ascii=False)))
        return BatchResult(batch.index, events_table(events), documents_table(docs), sentences, errors)
