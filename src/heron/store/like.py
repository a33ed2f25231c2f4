"""LIKE patterns, shared by the event filters (heron.store.query) and the word index (heron.store.words)."""
from __future__ import annotations

# LIKE patterns escape their wildcards with a backslash: "%" and "_" typed by a user are matched as
# themselves (before, "text=%" matched every event). Both backends accept `LIKE ? ESCAPE '\'`.
LIKE = "LIKE ? ESCAPE '\\'"


def like_literal(value: str) -> str:
    """`value` with LIKE's wildcards and escape character escaped."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains(value: str) -> str:
    return f"%{like_literal(value)}%"
