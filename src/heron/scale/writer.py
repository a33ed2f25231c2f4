"""Parquet partitions under OUT/: one file per batch in events/ and documents/, plus errors.jsonl.

File names come from the batch number (`part-000007.parquet`), so re-running into the same OUT/
overwrites instead of adding copies; partitions a previous, larger run left behind are removed
once the new run has finished.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from heron.scale.batching import RunError, RunStats
from heron.scale.coding import BatchResult

PART_GLOB = "part-*.parquet"
KINDS = ("events", "documents")
ERRORS_FILE = "errors.jsonl"
STATS_FILE = "run.json"


def part_name(index: int) -> str:
    return f"part-{index:06d}.parquet"


class PartitionWriter:
    def __init__(self, out_dir: str | os.PathLike):
        self.out = Path(out_dir)
        for kind in KINDS:
            (self.out / kind).mkdir(parents=True, exist_ok=True)
        self.written: set[str] = set()

    def write(self, result: BatchResult, stats: RunStats) -> None:
        import pyarrow.parquet as pq

        name = part_name(result.index)
        for kind, table in (("events", result.events), ("documents", result.documents)):
            final = self.out / kind / name
            tmp = final.with_name(f".{name}.tmp")  # hidden: readers of the folder never see half a file
            pq.write_table(table, tmp)
            os.replace(tmp, final)
        self.written.add(name)
        stats.batches += 1
        stats.documents += result.n_documents
        stats.events += result.n_events
        stats.sentences += result.sentences
        stats.errors.extend(result.errors)

    def finish(self, stats: RunStats) -> None:
        """Drop stale partitions, then write errors.jsonl (input order) and run.json."""
        for kind in KINDS:
            for path in (self.out / kind).glob(PART_GLOB):
                if path.name not in self.written:
                    path.unlink()
        stats.errors.sort(key=_error_order)
        _write_atomic(self.out / ERRORS_FILE, "".join(json.dumps(e.to_dict(), ensure_ascii=False) + "\n"
                                                      for e in stats.errors))
        _write_atomic(self.out / STATS_FILE, json.dumps(stats.summary(), indent=1) + "\n")


def _error_order(e: RunError) -> tuple[int, int]:
    # read errors of a batch happened before its records were coded; sort is stable within each
    return (e.batch, 0 if e.stage == "read" else 1)


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
