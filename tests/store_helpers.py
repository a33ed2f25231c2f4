"""Shared helpers for the store tests: the synthetic corpus and a backend-parametrised store URL."""
from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@lru_cache(maxsize=1)
def corpus_module():
    spec = importlib.util.spec_from_file_location("make_corpus", REPO / "scripts" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_documents(n: int, **kw) -> list[dict]:
    return list(corpus_module().make_documents(n, **kw))


@pytest.fixture(params=["duckdb", "postgres"])
def store_url(request, tmp_path):
    """The URL of an empty store, once per backend."""
    if request.param == "duckdb":
        return str(tmp_path / "store" / "heron.duckdb")
    return request.getfixturevalue("pg_url")
