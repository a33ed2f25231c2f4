"""heron: offline political event coding from news text."""
from heron.records import Actor, DateRef, Document, Event, Mention, Place, Quote

__version__ = "0.1.0"

__all__ = ["Actor", "Coder", "DateRef", "Document", "Event", "Mention", "Place", "Quote", "resolve_actor"]


def __getattr__(name):
    # Lazy: importing heron must stay cheap (the CLI starts fast, spaCy loads on first use).
    if name == "Coder":
        from heron.pipeline import Coder
        return Coder
    if name == "resolve_actor":
        from heron.actors.resolver import resolve_actor
        return resolve_actor
    raise AttributeError(name)
