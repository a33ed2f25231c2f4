"""Shared fixtures: one spaCy model and one Coder per test session (loading them is the slow part)."""
from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEED_ID = "000_50daca0659fe37c6"


@pytest.fixture(scope="session")
def nlp():
    from heron.parse import load_model

    return load_model()


@pytest.fixture(scope="session")
def coder():
    from heron import Coder

    return Coder()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (FIXTURES / "seed" / f"{SEED_ID}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc(coder, seed_text):
    return coder.code(seed_text, date="2023-02-28", doc_id=SEED_ID)
