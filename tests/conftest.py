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


@pytest.fixture(scope="session")
def asserted_dyads(coder):
    """Code a text; for each asserted event (not negated, not hypothetical): its type, trigger, the sorted country
    or organisation keys of its actors and of its recipients, and how the recipient was found."""
    def run(text, date):
        doc = coder.code(text, date=date)
        return [(e.plover["type"], e.trigger.text, sorted(a.country or a.igo or "?" for a in e.actor),
                 sorted(a.country or a.igo or "?" for a in e.recipient), e.explain.get("target_via"))
                for e in doc.events if e.modality not in ("negated", "hypothetical")]
    return run
