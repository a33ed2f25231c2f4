"""The single-process engine (`--engine local`): the Ray engine's code path without Ray."""
from __future__ import annotations

import os
import time

from heron.scale.batching import RunError, RunStats, make_batches
from heron.scale.coding import BatchCoder
from heron.scale.writer import PartitionWriter

DEFAULT_BATCH_SIZE = 16  # documents per batch: enough to keep spaCy's pipe busy, small enough to balance


def read_batches(inputs: list[str], date: str | None, batch_size: int, errors: list[RunError]):
    """Batches of the inputs, read lazily on the driver; a bad --date raises ValueError now."""
    from heron.reading.files import read_inputs

    return make_batches(read_inputs(list(map(str, inputs)), date=date), batch_size, errors)


def run_local(inputs: list[str], out_dir: str | os.PathLike, batch_size: int = DEFAULT_BATCH_SIZE,
              date: str | None = None, model: str | None = None, coder=None) -> RunStats:
    """Code `inputs` in this process into Parquet partitions under `out_dir`.

    `coder` lets a caller reuse an already loaded `Coder` (tests, notebooks).
    """
    stats = RunStats(engine="local", workers=1, out_dir=str(out_dir))
    read_errors: list[RunError] = []
    batches = read_batches(inputs, date, batch_size, read_errors)
    worker = BatchCoder(model, coder=coder)
    stats.load_s = worker.load_s
    writer = PartitionWriter(out_dir)
    t0 = time.perf_counter()
    for batch in batches:
        writer.write(worker.code(batch), stats)
    stats.coding_s = time.perf_counter() - t0
    stats.errors.extend(read_errors)
    writer.finish(stats)
    return stats
