"""Serve: the REST API and the dashboard over the heron event store (`heron serve`).
It adds nothing to the Document: it reads stored documents and events, read-only, per request.
"""
from __future__ import annotations

from heron.server.app import create_app

__all__ = ["create_app"]
