"""`heron ingest`, `heron query`, `heron export`, `heron stats`: the event store commands."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator, Optional

import typer

from heron.store import QueryFilters, StoreError, open_store
from heron.store.base import IngestStats
from heron.store.session import StoreSession

DB_HELP = "Store: a DuckDB file path, duckdb:///path or postgresql://... (default ./heron-data/heron.duckdb)."
TABLE_FORMATS = ("table", "jsonl", "csv", "parquet")
EVENT_TABLE_COLUMNS = ["event_date", "actor_keys", "recipient_keys", "plover_type", "cameo_code", "quad_class",
                       "goldstein", "location_text", "modality", "evidence"]
STORY_TABLE_COLUMNS = ["date_first", "story_key", "cameo_code", "num_mentions", "num_sources", "num_articles",
                       "evidence"]


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


def _user_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [StoreError, ValueError, OSError]
    try:
        import duckdb
        errors.append(duckdb.Error)
    except ImportError:
        pass
    try:
        import psycopg
        errors.append(psycopg.Error)
    except ImportError:
        pass
    return tuple(errors)


@contextmanager
def _one_line_errors() -> Iterator[None]:
    """Bad input or an unusable store ends the command with one line on stderr, never a traceback."""
    try:
        yield
    except BrokenPipeError:
        # The reader (e.g. `head`) closed the pipe: not an error of ours.
        sys.stderr.close()
        raise typer.Exit(0)
    except _user_errors() as exc:
        text = str(exc).strip().splitlines()
        _fail(text[0] if text else type(exc).__name__)


@contextmanager
def _output(path: Optional[Path], binary: bool = False) -> Iterator[IO]:
    if path is None or str(path) == "-":
        yield sys.stdout.buffer if binary else sys.stdout
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb" if binary else "w", encoding=None if binary else "utf-8", newline=None) as f:
            yield f


def _write_result(table, fmt: str, out: Optional[Path], columns: list[str]) -> None:
    from heron.store.export import write_table
    if fmt == "table":
        _print_table(table, columns)
    elif fmt == "parquet":
        if out is None:
            raise ValueError("--format parquet needs -o FILE")
        write_table(table, "parquet", out)
    else:
        with _output(out, binary=(fmt == "csv")) as f:
            write_table(table, fmt, f)


def _print_table(table, columns: list[str]) -> None:
    from rich.console import Console
    from rich.table import Table
    cols = [c for c in columns if c in table.column_names]
    t = Table(show_lines=False)
    for c in cols:
        t.add_column(c, no_wrap=True, overflow="ellipsis", max_width=70 if c == "evidence" else 24)
    for row in table.select(cols).to_pylist():
        t.add_row(*["" if row[c] is None else str(row[c]).strip(";") for c in cols])
    console = Console()
    if not console.is_terminal:
        console = Console(width=220)
    console.print(t)
    typer.echo(f"{table.num_rows} rows", err=True)


def _ingest_records(session: StoreSession, coder, records: list[dict], stats: IngestStats) -> None:
    """Code records not already stored and store them in one transaction.

    The store is held only to check what is stored and to write: a DuckDB file stays free for
    `heron serve` and `heron query` while the batch is being coded."""
    from heron.reading.validate import stored_key

    with session.reading() as store:
        skip = store.known_texts([stored_key(r) for r in records])
    todo = [r for i, r in enumerate(records) if i not in skip]
    stats.skipped += len(skip)
    if not todo:
        return
    docs = []
    for item in coder.code_records(todo):
        # code_records yields a Document, or an error naming the record and carries on.
        if hasattr(item, "to_dict"):
            docs.append(item.to_dict())
            for warning in item.warnings:
                typer.echo(f"warning: {item.id}: {warning}", err=True)
        else:
            stats.errors.append(str(item))
    with session.writing() as store:
        store.ingest_batch(docs, stats)


def ingest(inputs: list[str] = typer.Argument(..., help="Files, folders, or - for stdin (as for `heron code`)."),
           db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
           date: Optional[str] = typer.Option(None, "--date", help="Document date (YYYY-MM-DD) where records lack one."),
           batch_size: int = typer.Option(200, "--batch-size", min=1, help="Documents per transaction.")) -> None:
    """Code documents and store them; re-ingesting a stored document changes nothing."""
    with _one_line_errors():
        if date is not None:
            from heron.reading.input_dates import normalise_date
            try:
                date = normalise_date(date)
            except ValueError as exc:
                raise ValueError(f"--date: {exc}") from None
        try:
            from heron.pipeline import Coder
            from heron.reading.files import ReadError, read_inputs
        except ImportError as exc:
            raise StoreError(f"the coding pipeline is not available ({exc})") from exc
        stats, read_errors = IngestStats(), 0
        with StoreSession(db) as session:
            coder = Coder()
            batch: list[dict] = []
            for item in read_inputs(inputs, date=date):
                if isinstance(item, ReadError):
                    typer.echo(f"error: {item}", err=True)
                    read_errors += 1
                    continue
                batch.append(item)
                if len(batch) >= batch_size:
                    _ingest_records(session, coder, batch, stats)
                    batch = []
                    typer.echo(f"stored {stats.documents} documents, skipped {stats.skipped}", err=True)
            if batch:
                _ingest_records(session, coder, batch, stats)
        for e in stats.errors:
            typer.echo(f"error: {e}", err=True)
        typer.echo(f"ingested {stats.documents} documents ({stats.events} events, {stats.new_stories} new stories), "
                   f"skipped {stats.skipped} already stored, {read_errors + len(stats.errors)} errors", err=True)
        if stats.documents == 0 and stats.skipped == 0 and (read_errors or stats.errors):
            raise typer.Exit(1)


def query(db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
          actor: Optional[str] = typer.Option(None, "--actor", help="Actor country/code/IGO, e.g. KAZ, USAGOV."),
          recipient: Optional[str] = typer.Option(None, "--recipient"),
          country: Optional[str] = typer.Option(None, "--country", help="Either side or the event location."),
          sector: Optional[str] = typer.Option(None, "--sector"),
          type_: Optional[str] = typer.Option(None, "--type", help="PLOVER type, e.g. CONSULT."),
          cameo_root: Optional[str] = typer.Option(None, "--cameo-root"),
          quad: Optional[int] = typer.Option(None, "--quad"),
          since: Optional[str] = typer.Option(None, "--since"),
          until: Optional[str] = typer.Option(None, "--until"),
          place: Optional[str] = typer.Option(None, "--place"),
          text: Optional[str] = typer.Option(None, "--text", help="Evidence words from their start ('offic' finds "
                                                                 "'officials'); several: one after the other."),
          min_confidence: Optional[float] = typer.Option(None, "--min-confidence",
                                                         help="Only events at least this likely to be right (0-1)."),
          stories: bool = typer.Option(False, "--stories", help="One row per story (duplicate reports merged)."),
          limit: Optional[int] = typer.Option(None, "--limit"),
          fmt: str = typer.Option("table", "--format", help="table | jsonl | csv | parquet"),
          out: Optional[Path] = typer.Option(None, "-o", "--output")) -> None:
    """Find stored events (or stories) by actor, type, date, place or text."""
    with _one_line_errors():
        if fmt not in TABLE_FORMATS:
            raise ValueError(f"--format must be one of {', '.join(TABLE_FORMATS)}")
        filters = QueryFilters.parse(actor=actor, recipient=recipient, country=country, sector=sector, type=type_,
                                     cameo_root=cameo_root, quad=quad, since=since, until=until, place=place,
                                     text=text, min_confidence=min_confidence,
                                     limit=limit if limit or fmt != "table" else 50)
        with open_store(db, read_only=True) as store:
            table = store.query(filters, stories=stories)
        _write_result(table, fmt, out, STORY_TABLE_COLUMNS if stories else EVENT_TABLE_COLUMNS)


def export(fmt: str = typer.Option(..., "--format", help="plover | gdelt | parquet | csv"),
           out: Optional[Path] = typer.Option(None, "-o", "--output", help="Output file (default stdout)."),
           db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
           actor: Optional[str] = typer.Option(None, "--actor"),
           recipient: Optional[str] = typer.Option(None, "--recipient"),
           type_: Optional[str] = typer.Option(None, "--type"),
           since: Optional[str] = typer.Option(None, "--since"),
           until: Optional[str] = typer.Option(None, "--until"),
           min_confidence: Optional[float] = typer.Option(None, "--min-confidence",
                                                          help="Only events at least this likely to be right (0-1)."),
           header: bool = typer.Option(False, "--header", help="GDELT: write a header line.")) -> None:
    """Export events: PLOVER JSONL, GDELT 2.0 event table (TSV), Parquet or CSV."""
    from heron.store import export as ex
    with _one_line_errors():
        filters = QueryFilters.parse(actor=actor, recipient=recipient, type=type_, since=since, until=until,
                                     min_confidence=min_confidence)
        with open_store(db, read_only=True) as store:
            if fmt == "plover":
                with _output(out) as f:
                    n = ex.write_jsonl(ex.plover_records(store, filters), f)
            elif fmt == "gdelt":
                with _output(out) as f:
                    n = ex.write_gdelt(ex.gdelt_rows(store, filters), f, header=header)
            elif fmt in ("parquet", "csv"):
                if fmt == "parquet" and out is None:
                    raise ValueError("--format parquet needs -o FILE")
                with _output(out, binary=True) as f:
                    n = ex.write_batches(ex.event_batches(store, filters), fmt, f)
            else:
                raise ValueError("--format must be one of plover, gdelt, parquet, csv")
        typer.echo(f"exported {n} rows", err=True)


def stats(db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
          dyads: bool = typer.Option(False, "--dyads", help="Events per dyad and period by quad class."),
          balance: Optional[str] = typer.Option(None, "--balance", help="Cooperation share by partner of COUNTRY."),
          actor: Optional[str] = typer.Option(None, "--actor"),
          recipient: Optional[str] = typer.Option(None, "--recipient"),
          since: Optional[str] = typer.Option(None, "--since"),
          until: Optional[str] = typer.Option(None, "--until"),
          period: str = typer.Option("month", "--period", help="month | year"),
          unit: str = typer.Option("stories", "--unit", help="stories (duplicates merged) | reports"),
          fmt: str = typer.Option("table", "--format", help="table | jsonl | csv | parquet"),
          out: Optional[Path] = typer.Option(None, "-o", "--output")) -> None:
    """Store summary, or aggregates: --dyads (counts by quad class, mean Goldstein) or --balance COUNTRY."""
    from heron.store import aggregate
    with _one_line_errors():
        if fmt not in TABLE_FORMATS:
            raise ValueError(f"--format must be one of {', '.join(TABLE_FORMATS)}")
        f = QueryFilters.parse(actor=actor, recipient=recipient, country=balance, since=since, until=until)
        with open_store(db, read_only=True) as store:
            if balance:
                table = aggregate.cooperation_balance(store, f.country or balance, period=period, unit=unit)
            elif dyads:
                table = aggregate.dyad_counts(store, f.actor, f.recipient, period=period, since=f.since,
                                              until=f.until, unit=unit)
            else:
                import json
                typer.echo(json.dumps(aggregate.summary(store), indent=2))
                return
        _write_result(table, fmt, out, table.column_names)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.command("query")(query)
    app.command("export")(export)
    app.command("stats")(stats)
