"""`heron run`: code inputs into Parquet partitions, on a Ray cluster or in one local process."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from heron.commands.common import date_option, err

ENGINES = ("ray", "local")
ERRORS_SHOWN = 20  # bad records printed one per line on stderr; all of them are in OUT/errors.jsonl


def register(app: typer.Typer) -> None:
    @app.command("run")
    def run_cmd(
        inputs: list[str] = typer.Argument(..., help="Files (.txt .jsonl .csv .html), folders, or - for stdin."),
        output: Path = typer.Option(..., "-o", "--output", help="Output folder (events/, documents/, errors.jsonl)."),
        engine: str = typer.Option("ray", "--engine", help="ray (a Ray cluster) | local (this process, no Ray)."),
        address: Optional[str] = typer.Option(None, "--address", help="Ray cluster: ray://host:port or auto "
                                              "(default: start a local cluster)."),
        workers: Optional[int] = typer.Option(None, "--workers", min=1, help="Ray workers (default: number of CPUs)."),
        batch_size: int = typer.Option(16, "--batch-size", min=1, help="Documents per batch and per partition."),
        date: Optional[str] = typer.Option(None, "--date", help="Document date (YYYY-MM-DD) for inputs without one."),
    ):
        """Code documents into Parquet partitions: OUT/events/ (event rows) and OUT/documents/ (SPEC JSON)."""
        from heron.scale import run_local, run_ray
        from heron.scale.ray_engine import RayUnavailable

        if engine not in ENGINES:
            err(f"unknown engine '{engine}' (use ray or local)")
            raise typer.Exit(2)
        if engine == "local" and (address or workers):
            err("--address and --workers need --engine ray")
            raise typer.Exit(2)
        date = date_option(date)
        try:
            if engine == "ray":
                stats = run_ray(inputs, output, address=address, num_workers=workers, batch_size=batch_size, date=date)
            else:
                stats = run_local(inputs, output, batch_size=batch_size, date=date)
        except RayUnavailable as exc:
            err(str(exc))
            raise typer.Exit(2)
        for e in stats.errors[:ERRORS_SHOWN]:
            err(e.error)
        if len(stats.errors) > ERRORS_SHOWN:
            err(f"... and {len(stats.errors) - ERRORS_SHOWN} more")
        where = f"{stats.workers} worker{'s' * (stats.workers != 1)}" if engine == "ray" else "one process"
        err(f"coded {stats.documents} documents ({stats.sentences} sentences, {stats.events} events) into "
             f"{output}/ with {engine} on {where} in {stats.coding_s:.1f}s ({stats.sentences_per_s:.0f} sentences/s)"
             + (f"; {len(stats.errors)} bad records, see {output / 'errors.jsonl'}" if stats.errors else ""))
        if stats.documents == 0:
            err("nothing could be coded")
            raise typer.Exit(1)
