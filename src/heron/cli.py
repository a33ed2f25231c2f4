"""The `heron` command line. Each command group lives in heron/commands/<name>.py and registers itself."""
from __future__ import annotations

import importlib

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_show_locals=False,
                  help="heron: political event data from news text.")

# Modules under heron.commands that define register(app).
COMMAND_MODULES = ["code", "demo", "kb", "run", "serve", "store"]


def _register_all():
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"heron.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"heron.commands.{name}":
                continue
            raise
        module.register(app)


_register_all()


def main():
    app()


if __name__ == "__main__":
    main()
