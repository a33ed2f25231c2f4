"""The Ray engine (`--engine ray`): the driver reads and batches, Ray actors code, the driver writes.

Each actor loads one `Coder` when it starts (spaCy and the KB take seconds: never per batch) and
then codes whole batches. The driver keeps at most `in_flight` batches queued per actor, so memory
stays bounded however large the input is, and it writes every partition itself, so OUT/ only has
to exist on the driver's machine, also with a remote `ray://` cluster.
"""
from __future__ import annotations

import contextlib
import logging
import os
import time
from typing import Iterator

from heron.scale.batching import Batch, RunError, RunStats
from heron.scale.coding import BatchCoder, BatchResult
from heron.scale.engine import DEFAULT_BATCH_SIZE, read_batches
from heron.scale.writer import PartitionWriter

# One thread per worker: the workers are the parallelism, and BLAS threads would fight over cores.
SINGLE_THREAD_ENV = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
OBJECT_STORE_BYTES = 200 * 1024 * 1024  # batches are a few hundred KB: a small store is plenty
IN_FLIGHT_PER_WORKER = 2  # one being coded, one waiting, so a worker never idles between batches


class RayUnavailable(RuntimeError):
    """Ray is not installed, or the cluster could not be reached."""


class CoderWorker:
    """Body of a Ray actor: one `BatchCoder`, optionally pinned to one CPU."""

    def __init__(self, model: str | None, cpu: int | None):
        if cpu is not None and hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, {cpu})
        self.worker = BatchCoder(model)

    def ready(self) -> float:
        return self.worker.load_s

    def code(self, batch: Batch) -> BatchResult:
        return self.worker.code(batch)


def _import_ray(address: str | None = None):
    if address and address.startswith("ray://") and "RAY_AUTH_MODE" not in os.environ and _has_auth_token():
        # Clusters started by `ray start` (2.5x) require a token from Ray clients; the client sends
        # the token it finds only in token mode, which Ray reads when it is first imported.
        os.environ["RAY_AUTH_MODE"] = "token"
    try:
        import ray
    except ImportError:
        raise RayUnavailable("Ray is not installed: pip install 'heron[ray]', or use --engine local") from None
    return ray


@contextlib.contextmanager
def ray_cluster(address: str | None, num_cpus: int | None) -> Iterator[None]:
    """Connect to `address` ("ray://host:port" or "auto") or start a local cluster, and shut down
    what it started; an already initialised Ray (a test fixture, a notebook) is reused as is."""
    ray = _import_ray(address)
    if ray.is_initialized():
        yield
        return
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # offline: no usage reports
    try:
        if address:
            ray.init(address=address, log_to_driver=False, logging_level=logging.WARNING)
        else:
            ray.init(num_cpus=num_cpus, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING,
                     object_store_memory=OBJECT_STORE_BYTES)
    except Exception as exc:  # Ray raises several types (ConnectionError, RuntimeError, ValueError)
        raise RayUnavailable(f"cannot start or reach Ray{f' at {address}' if address else ''}: {exc}") from exc
    try:
        yield
    finally:
        ray.shutdown()


def _has_auth_token() -> bool:
    path = os.environ.get("RAY_AUTH_TOKEN_PATH") or os.path.expanduser("~/.ray/auth_token")
    return bool(os.environ.get("RAY_AUTH_TOKEN")) or os.path.exists(path)


def local_cpus() -> list[int]:
    return sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else list(range(os.cpu_count() or 1))


def run_ray(inputs: list[str], out_dir: str | os.PathLike, address: str | None = None,
            num_workers: int | None = None, batch_size: int = DEFAULT_BATCH_SIZE, date: str | None = None,
            model: str | None = None, pin_cpus: bool = False, in_flight: int = IN_FLIGHT_PER_WORKER) -> RunStats:
    """Code `inputs` on Ray actors into Parquet partitions under `out_dir`.

    Without `address` a local cluster with `num_workers` CPUs (default: this machine's) is started
    and shut down; `pin_cpus` pins each actor to one of the driver's CPUs (local clusters only).
    """
    ray = _import_ray(address)
    read_errors: list[RunError] = []
    batches = read_batches(inputs, date, batch_size, read_errors)  # checks --date before Ray starts
    t0 = time.perf_counter()
    with ray_cluster(address, num_workers or len(local_cpus())):
        startup_s = time.perf_counter() - t0
        if num_workers is None:
            num_workers = max(1, int(ray.cluster_resources().get("CPU", 1)))
        stats = RunStats(engine="ray", workers=num_workers, out_dir=str(out_dir), startup_s=startup_s)
        cpus = local_cpus() if pin_cpus and not address else None
        actor_cls = ray.remote(num_cpus=1, max_restarts=1, max_task_retries=1,
                               runtime_env={"env_vars": SINGLE_THREAD_ENV})(CoderWorker)
        t1 = time.perf_counter()
        actors = [actor_cls.remote(model, cpus[i % len(cpus)] if cpus else None) for i in range(num_workers)]
        try:
            ray.get([a.ready.remote() for a in actors])
            stats.load_s = time.perf_counter() - t1
            writer = PartitionWriter(out_dir)
            t2 = time.perf_counter()
            _dispatch(ray, actors, batches, writer, stats, max(1, in_flight))
            stats.coding_s = time.perf_counter() - t2
        finally:
            for a in actors:
                ray.kill(a)
    stats.errors.extend(read_errors)
    writer.finish(stats)
    return stats


def _dispatch(ray, actors: list, batches: Iterator[Batch], writer: PartitionWriter, stats: RunStats,
              in_flight: int) -> None:
    """Keep every actor `in_flight` batches deep; write each result as soon as it comes back."""
    load = {i: 0 for i in range(len(actors))}
    pending: dict = {}  # ObjectRef -> actor number

    def collect_one() -> None:
        (ref,), _ = ray.wait(list(pending), num_returns=1)
        load[pending.pop(ref)] -= 1
        writer.write(ray.get(ref), stats)

    for batch in batches:
        while min(load.values()) >= in_flight:
            collect_one()
        i = min(load, key=load.get)
        pending[actors[i].code.remote(batch)] = i
        load[i] += 1
    while pending:
        collect_one()
