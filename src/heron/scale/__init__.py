"""Scale out: the `heron run` pipeline, on Ray actors or in one local process.
It adds nothing to the Document: each worker runs the whole pipeline and writes its Documents as Parquet.

Both engines share one code path: the driver reads inputs and cuts them into numbered batches,
a `BatchCoder` (one loaded `Coder`) turns each batch into Arrow tables, and a `PartitionWriter`
writes them as Parquet partitions with names fixed by the batch number.
"""
from heron.scale.batching import Batch, RunStats
from heron.scale.coding import BatchCoder, BatchResult
from heron.scale.engine import run_local
from heron.scale.ray_engine import run_ray

__all__ = ["Batch", "BatchCoder", "BatchResult", "RunStats", "run_local", "run_ray"]
