"""`heron resolve` and the `heron kb` commands (inspect, extend and refresh the actor knowledge base)."""
from __future__ import annotations

import contextlib
import csv
import json
import sys
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Optional

import typer

from heron.actors.kb import USER_COLUMNS, heron_home, user_actors_file

WIKIDATA_ENDPOINT = "https://query.wikidata.org/sparql"
# Current holders of each country's head-of-state (P1906) and head-of-government (P1313) offices.
SPARQL_CURRENT_LEADERS = """
SELECT ?iso3 ?person ?personLabel ?positionLabel ?start WHERE {
  ?country wdt:P298 ?iso3 .
  { ?country wdt:P1906 ?position } UNION { ?country wdt:P1313 ?position }
  ?person p:P39 ?held . ?held ps:P39 ?position ; pq:P580 ?start .
  FILTER NOT EXISTS { ?held pq:P582 ?end }
  SERVICE wikibase:label { bd:serviceParam wikibase:language "en". }
}"""
OUTPUT_KEYS = ("country", "sector", "kind", "name", "wikidata", "code")
EXTRA_KEYS = ("role", "igo", "members")

kb_app = typer.Typer(no_args_is_help=True, help="Inspect and extend the actor knowledge base.")


def actor_output(actor) -> dict | None:
    if actor is None:
        return None
    d = {k: getattr(actor, k) for k in OUTPUT_KEYS}
    d.update({k: getattr(actor, k) for k in EXTRA_KEYS if getattr(actor, k)})
    return d


def resolve_file(path: Path, out, err) -> tuple[int, int]:
    """Resolve each JSONL record's text; returns (records written, bad lines)."""
    from heron.actors.resolver import default_resolver

    resolver = default_resolver()
    written = bad = 0
    stdin = str(path) == "-"
    with (contextlib.nullcontext(sys.stdin) if stdin else path.open(encoding="utf-8")) as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                if not isinstance(rec, dict):
                    raise ValueError("not a JSON object")
                text = rec.get("text")
                if not isinstance(text, str) or not text.strip():
                    raise ValueError("missing or empty 'text'")
                actor = resolver.resolve(text, rec.get("date"), rec.get("context"))
            except ValueError as exc:  # json.JSONDecodeError is a ValueError
                bad += 1
                print(f"{path}: line {n}: {exc}", file=err)
                continue
            rec["actor"] = actor_output(actor)
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            written += 1
    return written, bad


def parse_sparql_leaders(data: dict) -> list[dict]:
    """Rows for the user actors CSV from a SPARQL JSON response of SPARQL_CURRENT_LEADERS."""
    rows = []
    for b in data.get("results", {}).get("bindings", []):
        try:
            iso3 = b["iso3"]["value"].strip().upper()
            qid = b["person"]["value"].rsplit("/", 1)[-1]
            name = b["personLabel"]["value"].strip()
            role = b["positionLabel"]["value"].strip()
            start = b.get("start", {}).get("value", "")[:10]
        except (KeyError, AttributeError):
            continue
        if len(iso3) != 3 or not qid.startswith("Q") or not name or name == qid:
            continue  # no English label: the label service echoes the QID
        rows.append({"name": name, "country": iso3, "role": role, "wikidata": qid, "start": start.lstrip("+"),
                     "kind": "person"})
    rows.sort(key=lambda r: (r["country"], r["role"], r["start"], r["name"]))
    return rows


def write_user_rows(path: Path, rows: list[dict], append: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    new = not (append and path.exists())
    with path.open("w" if new else "a", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=USER_COLUMNS, extrasaction="ignore")
        if new:
            w.writeheader()
        for r in rows:
            w.writerow({k: r.get(k, "") for k in USER_COLUMNS})


@kb_app.command("show")
def show(name: str = typer.Argument(..., help="A name, alias, demonym, capital or surname.")) -> None:
    """Print every KB entry matching NAME as JSON lines."""
    from heron.actors.kb import default_kb

    entries = default_kb().show(name)
    if not entries:
        typer.echo(f"no entry for {name!r}", err=True)
        raise typer.Exit(1)
    for e in entries:
        typer.echo(json.dumps(e, ensure_ascii=False))


@kb_app.command("add")
def add(file: Path = typer.Argument(..., exists=True, dir_okay=False, help="CSV of actors to add.")) -> None:
    """Add your own actors. CSV columns (header row; only name is required):
    name, aliases (|-separated; a leading '?' = only when the document names the country), country (ISO3),
    sector (GOV, MIL, REB...), kind (state|nonstate|ngo|igo|person), code, wikidata, role (an office: the row
    becomes an office holder), start, end (ISO dates), members (ISO3s), igo, type (ministry, agency, police,
    security_service, military, legislature, court, party, armed_group, criminal_group, university, media,
    company, ngo, igo, religious, movement).
    Rows are checked, then appended to $HERON_HOME/actors.csv (default ~/.heron), which heron loads every run."""
    from heron.actors.kb import KnowledgeBase

    try:
        count = KnowledgeBase().add_user_actors(file)  # validate on a throwaway KB before saving
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1)
    with file.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    target = user_actors_file()
    write_user_rows(target, rows, append=True)
    typer.echo(f"added {count} actor(s) to {target}")


@kb_app.command("stats")
def stats() -> None:
    """Counts of the loaded KB (shipped data plus user actors)."""
    from heron.actors.kb import default_kb

    for k, v in default_kb().stats().items():
        typer.echo(f"{k}\t{v}")


@kb_app.command("refresh")
def refresh(endpoint: str = typer.Option(WIKIDATA_ENDPOINT, help="SPARQL endpoint (needs network)."),
            from_file: Optional[Path] = typer.Option(None, "--from-file", help="Use a saved SPARQL JSON response."),
            timeout: float = typer.Option(60.0, help="Network timeout in seconds.")) -> None:
    """Fetch current heads of state and government from Wikidata into $HERON_HOME/wikidata_refresh.csv.
    This is the only heron command that uses the network, and only when run explicitly."""
    try:
        if from_file:
            data = json.loads(from_file.read_text(encoding="utf-8"))
        else:
            url = endpoint + "?" + urllib.parse.urlencode({"query": SPARQL_CURRENT_LEADERS, "format": "json"})
            req = urllib.request.Request(url, headers={"User-Agent": "heron-kb-refresh/0.1",
                                                       "Accept": "application/sparql-results+json"})
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                data = json.load(resp)
    except (OSError, ValueError) as exc:
        typer.echo(f"error: could not get the Wikidata response: {exc}", err=True)
        raise typer.Exit(1)
    rows = parse_sparql_leaders(data)
    if not rows:
        typer.echo("error: the response held no usable rows", err=True)
        raise typer.Exit(1)
    target = heron_home() / "wikidata_refresh.csv"
    write_user_rows(target, rows, append=False)
    typer.echo(f"wrote {len(rows)} office holders to {target}")


def resolve_command(input: Path = typer.Argument(..., help="JSONL records with id, text, optional date, context."),
                    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Output JSONL (default stdout).")
                    ) -> None:
    """Resolve actor phrases: writes each record back with `actor` (or null)."""
    if str(input) != "-" and not input.is_file():
        typer.echo(f"error: cannot read {input}", err=True)
        raise typer.Exit(2)
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        written, bad = resolve_file(input, out, sys.stderr)
    finally:
        if output:
            out.close()
    if written == 0 and bad:
        typer.echo("error: no record could be processed", err=True)
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("resolve")(resolve_command)
    app.add_typer(kb_app, name="kb")
