"""REST API and dashboard over the heron event store (`heron serve`)."""
from __future__ import annotations

from heron.server.app import create_app

__all__ = ["create_app"]
