"""`heron code`, `heron classify`, `heron eval`: the coding commands."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterator, Optional

import typer

from heron.commands.common import date_option, err
from heron.commands.output import EVENT_FORMATS, open_output, write_event_rows

app_help = "Code news text into event data."


class CodingRun:
    """Read inputs and code them; bad records go to stderr as one line each and are counted."""

    def __init__(self, inputs: list[str], date: Optional[str], progress: bool = True, min_confidence: float = 0.0):
        self.inputs, self.date, self.progress = inputs, date, progress
        self.min_confidence = min_confidence
        self.coded = 0
        self.failed = 0

    def _records(self):
        from heron.reading.files import ReadError, read_inputs

        for item in read_inputs(self.inputs, date=self.date):
            if isinstance(item, ReadError):
                self.failed += 1
                err(str(item))
                continue
            yield item

    def __iter__(self) -> Iterator:
        from heron.pipeline import Coder, CodingError

        bar = _progress(self.progress)
        task = bar.add_task("coding", total=None) if bar else None
        try:
            for item in Coder().code_records(self._records()):
                if isinstance(item, CodingError):
                    self.failed += 1
                    err(str(item))
                    continue
                self.coded += 1
                for warning in item.warnings:
                    err(f"warning: {item.id}: {warning}")
                if self.min_confidence > 0:
                    item.events = [e for e in item.events if e.confidence >= self.min_confidence]
                if bar:
                    bar.update(task, advance=1, description=f"coded {self.coded} documents")
                yield item
        finally:
            if bar:
                bar.stop()


def _progress(enabled: bool):
    if not enabled or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                   console=Console(stderr=True), transient=True)
    bar.start()
    return bar


def register(app: typer.Typer) -> None:
    @app.command("code")
    def code_cmd(
        inputs: list[str] = typer.Argument(..., help="Files (.txt .jsonl .csv .html), folders, or - for stdin."),
        output: Optional[Path] = typer.Option(None, "-o", "--output", help="Output file (default: stdout)."),
        date: Optional[str] = typer.Option(None, "--date", help="Document date (YYYY-MM-DD) for inputs without one."),
        fmt: str = typer.Option("jsonl", "--format", help="jsonl (documents) | csv | parquet | gdelt | plover (events)."),
        explain: bool = typer.Option(False, "--explain", help="Print, on stderr, which pattern or model coded each event."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
        min_confidence: float = typer.Option(0.0, "--min-confidence", min=0.0, max=1.0,
                                             help="Keep only events at least this likely to be right (0-1)."),
    ):
        """Code documents into events; write JSONL documents or event rows."""
        if fmt not in ("jsonl", *EVENT_FORMATS):
            err(f"unknown format '{fmt}' (use jsonl, csv, parquet, gdelt or plover)")
            raise typer.Exit(2)
        if fmt == "parquet" and output is None:
            err("--format parquet needs -o FILE")
            raise typer.Exit(2)
        date = date_option(date)
        run = CodingRun(inputs, date, progress=not quiet, min_confidence=min_confidence)
        docs = _explaining(run) if explain else run
        if fmt == "jsonl":
            with open_output(output) as out:
                for doc in docs:
                    out.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
        else:
            write_event_rows(docs, fmt, output)
        if run.coded == 0:
            err("nothing could be coded")
            raise typer.Exit(1)

    @app.command("classify")
    def classify_cmd(
        input: Path = typer.Argument(..., help="JSONL records with id, text, source [s, e], target [s, e] (- for stdin)."),
        output: Optional[Path] = typer.Option(None, "-o", "--output"),
    ):
        """Type the interaction between given source and target spans."""
        from heron.pipeline import Coder

        coder, done, failed = Coder(), 0, 0
        with open_output(output) as out:
            for n, rec in _jsonl(input):
                if isinstance(rec, str):
                    failed += 1
                    err(rec)
                    continue
                try:
                    text, source, target = rec["text"], rec["source"], rec["target"]
                    cls = coder.classify(text, tuple(source), tuple(target), date=rec.get("date"))
                except (KeyError, TypeError, ValueError, IndexError) as exc:
                    failed += 1
                    err(f"{input}:{n}: record {rec.get('id', '?')}: needs text, source [s, e], target [s, e] ({exc})")
                    continue
                rec.update(plover=cls.plover, cameo=cls.cameo, mode=cls.mode, confidence=round(float(cls.confidence), 3))
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                done += 1
        if done == 0:
            err("nothing could be classified")
            raise typer.Exit(1)

    @app.command("eval")
    def eval_cmd(
        gold: Path = typer.Argument(..., help="Gold JSONL."),
        pred: Optional[Path] = typer.Option(None, "--pred", help="Predictions JSONL (default: code the gold texts now)."),
        task: str = typer.Option("full", "--task", help="full | pair | actor"),
    ):
        """Score predictions against gold with the metrics of shared/eval/score.py."""
        from heron.evaluation import score as evaluate

        if task not in ("full", "pair", "actor"):
            err(f"unknown task '{task}' (use full, pair or actor)")
            raise typer.Exit(2)
        try:
            gold_recs = evaluate.load_jsonl(str(gold))
        except (OSError, ValueError) as exc:
            err(f"{gold}: {exc}")
            raise typer.Exit(2)
        if pred is not None:
            pred_recs = evaluate.load_jsonl(str(pred))
        else:
            pred_recs = predict_for_gold(gold_recs, task)
        scorer = {"full": evaluate.score_full, "pair": evaluate.score_pair, "actor": evaluate.score_actor}[task]
        typer.echo(json.dumps(scorer(gold_recs, pred_recs), indent=1))


def predict_for_gold(gold: dict, task: str) -> dict:
    """Run heron over gold records so `heron eval GOLD` needs no separate prediction file."""
    from heron.pipeline import Coder

    coder = Coder()
    if task == "full":
        recs = [{"id": r["id"], "text": r["text"], "date": r.get("date")} for r in gold.values()]
        return {d.id: d.to_dict() for d in coder.code_many(recs)}
    if task == "pair":
        out = {}
        for rid, r in gold.items():
            cls = coder.classify(r["text"], tuple(r["source"]), tuple(r["target"]))
            out[rid] = {"id": rid, "plover": cls.plover, "cameo": cls.cameo}
        return out
    from heron.actors.resolver import resolve_actor

    out = {}
    for rid, r in gold.items():
        a = resolve_actor(r["text"], date=r.get("date"), context=r.get("context"))
        out[rid] = {"id": rid, "actor": a.to_dict() if a else None}
    return out


def _jsonl(path: Path):
    if str(path) == "-":
        yield from _jsonl_lines(path, sys.stdin)
        return
    try:
        f = open(path, encoding="utf-8")
    except OSError as exc:
        yield 0, f"{path}: cannot read ({exc.strerror})"
        return
    with f:
        yield from _jsonl_lines(path, f)


def _jsonl_lines(path, f):
    for n, line in enumerate(f, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield n, f"{path}:{n}: invalid JSON ({exc.msg})"
            continue
        if not isinstance(rec, dict):
            yield n, f"{path}:{n}: not a JSON object"
            continue
        yield n, rec


def _explaining(docs):
    for doc in docs:
        for e in doc.events:
            who = ",".join(a.code or a.country or a.text for a in e.actor)
            whom = ",".join(a.code or a.country or a.text for a in e.recipient) or "-"
            typer.echo(f"{e.id} {who} -> {whom} {e.plover['type']} {e.cameo['code']} [{e.modality}] "
                       f"trigger={e.trigger.text!r} conf={e.confidence} because {json.dumps(e.explain)}", err=True)
        yield doc
