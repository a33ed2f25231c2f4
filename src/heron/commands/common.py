"""Small pieces shared by the coding commands: one-line errors and the --date option."""
from __future__ import annotations

from typing import Optional

import typer


def err(msg: str) -> None:
    """One line on stderr, no traceback: how every ordinary user mistake is reported."""
    typer.echo(f"heron: {msg}", err=True)


def date_option(date: Optional[str]) -> Optional[str]:
    """--date as an ISO date; an unreadable one stops the command with exit status 2."""
    if date is None:
        return None
    from heron.reading.input_dates import normalise_date

    try:
        return normalise_date(date)
    except ValueError as exc:
        err(f"--date: {exc}")
        raise typer.Exit(2)
