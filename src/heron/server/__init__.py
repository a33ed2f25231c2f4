"""Serve: the REST API and the dashboard over the heron event store (`heron serve`).
It adds nothing to the Document: it reads the store per request, codes pasted texts in worker processes.
"""
from __future__ import annotations

from heron.server.app import create_app

__all__ = ["create_app"]
