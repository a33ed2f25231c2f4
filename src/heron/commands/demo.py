"""`heron demo`: code the bundled sample corpus into the embedded store and show what came out."""
from __future__ import annotations

from typing import Optional

import typer


def sample_path() -> str:
    from heron.reading.files import sample_corpus_path

    return str(sample_corpus_path())


def _who(actors) -> str:
    return ", ".join(a.name or a.text if not a.country else f"{a.name or a.text} ({a.code or a.country})"
                     for a in actors) or "-"


def print_summary(docs, console) -> None:
    from rich.table import Table

    events = [(d, e) for d in docs for e in d.events]
    console.print(f"[bold]{len(docs)} documents, {sum(len(d.sentences) for d in docs)} sentences, "
                  f"{len(events)} events, {sum(len(d.quotes) for d in docs)} quotes[/bold]")
    seed = next((d for d in docs if d.id.startswith("000_")), docs[0] if docs else None)
    if seed is None:
        return
    t = Table(title=f"Events in {seed.id} ({seed.date})", show_lines=False)
    for col in ("actor", "→ recipient", "PLOVER", "CAMEO", "modality", "date", "where", "trigger"):
        t.add_column(col)
    for e in seed.events:
        t.add_row(_who(e.actor), _who(e.recipient), e.plover["type"] + (f"/{e.plover['mode']}" if e.plover.get("mode") else ""),
                  e.cameo["code"], e.modality, e.date or "", e.location.name if e.location else "", e.trigger.text)
    console.print(t)
    a = Table(title="Actors")
    for col in ("mention", "name", "country", "sector", "role", "wikidata"):
        a.add_column(col)
    seen = set()
    for m in seed.mentions:
        act = m.actor
        if act is None or act.name is None or act.sector is None or act.name in seen \
                or (act.source or "").startswith("coref"):
            continue
        seen.add(act.name)
        a.add_row(m.text, act.name, act.country or "", act.sector or "", (act.role or "")[:40], act.wikidata or "")
    console.print(a)
    q = Table(title="Quotes")
    q.add_column("speaker")
    q.add_column("to")
    q.add_column("quote")
    for quote in seed.quotes:
        q.add_row(quote.speaker.name if quote.speaker else "?", quote.addressee.name if quote.addressee else "",
                  quote.text[:70] + ("…" if len(quote.text) > 70 else ""))
    console.print(q)
    counts: dict[str, int] = {}
    for _, e in events:
        counts[e.plover["type"]] = counts.get(e.plover["type"], 0) + 1
    console.print("Events by PLOVER type across the sample: " +
                  ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])))


def register(app: typer.Typer) -> None:
    @app.command("demo")
    def demo_cmd(db: Optional[str] = typer.Option(None, "--db", help="Store (default ./heron-data/heron.duckdb).")):
        """Code the bundled sample corpus into the store and print a summary."""
        from rich.console import Console

        from heron.pipeline import Coder
        from heron.reading.files import ReadError, read_inputs
        from heron.store import StoreError, open_store

        console = Console()
        records = [r for r in read_inputs([sample_path()]) if not isinstance(r, ReadError)]
        with console.status(f"coding {len(records)} sample documents"):
            docs = list(Coder().code_many(records))
        try:
            store = open_store(db)
            stats = store.ingest(d.to_dict() for d in docs)
            counts = store.counts()
            store.close()
        except StoreError as exc:
            typer.echo(f"heron: {exc}", err=True)
            raise typer.Exit(1)
        print_summary(docs, console)
        console.print(f"Stored in {db or 'heron-data/heron.duckdb'}: {stats}; rows {counts}")
        console.print("Next: [bold].venv/bin/heron query --actor USA --recipient KAZ[/bold]")
