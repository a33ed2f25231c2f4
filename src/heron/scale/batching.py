"""Driver side: cut the input stream into numbered batches, and the numbers a run reports."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Iterable, Iterator


@dataclass
class RunError:
    """One bad record: where it failed ("read" or "code"), which record, and the one-line message."""

    batch: int
    stage: str
    record: str
    error: str

    def to_dict(self) -> dict:
        return {"record": self.record, "stage": self.stage, "error": self.error}


@dataclass
class Batch:
    """Records `index * size ...` of the input, in reading order; `index` names its partition files."""

    index: int
    records: list[dict]


def make_batches(items: Iterable, size: int, errors: list[RunError]) -> Iterator[Batch]:
    """Group records into batches of `size`; read errors go to `errors` tagged with the current batch.

    Batches depend only on the input order, so the same inputs always give the same partitions.
    """
    from heron.reading.files import ReadError

    if size < 1:
        raise ValueError("batch size must be at least 1")
    index, records = 0, []
    for item in items:
        if isinstance(item, ReadError):
            errors.append(RunError(index, "read", item.record, str(item)))
            continue
        records.append(item)
        if len(records) == size:
            yield Batch(index, records)
            index, records = index + 1, []
    if records:
        yield Batch(index, records)


@dataclass
class RunStats:
    """What a run did and how long each phase took (seconds).

    `coding_s` runs from the first batch handed to a worker to the last partition written, so it
    excludes cluster start-up (`startup_s`) and model loading (`load_s`).
    """

    engine: str
    workers: int
    out_dir: str
    documents: int = 0
    sentences: int = 0
    events: int = 0
    batches: int = 0
    errors: list[RunError] = field(default_factory=list)
    startup_s: float = 0.0
    load_s: float = 0.0
    coding_s: float = 0.0

    @property
    def sentences_per_s(self) -> float:
        return self.sentences / self.coding_s if self.coding_s > 0 else 0.0

    def summary(self) -> dict:
        d = asdict(self)
        d["errors"] = len(self.errors)
        d["sentences_per_s"] = round(self.sentences_per_s, 1)
        return d
