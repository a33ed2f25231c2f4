"""Fuzzing `heron code` and `heron ingest` (DuckDB and PostgreSQL) with seeded hostile input (issue #13).

Every run must end without a traceback, keep every good record, and name every bad one exactly once
(by "file:line", its file, or its id); nothing bad may pass as good.
"""
from __future__ import annotations

import json

import pytest
from fuzz_inputs import make_inputs
from pg_fixture import pg_server, pg_url, store_url  # noqa: F401 - fixtures
from typer.testing import CliRunner

from heron.cli import app
from heron.store import open_store

runner = CliRunner()
SEEDS = [11, 23, 2024]


def error_lines(stderr: str) -> list[str]:
    """The error lines of a run: not warnings, progress or the closing summary."""
    out = []
    for line in stderr.splitlines():
        body = line.removeprefix("heron: ").removeprefix("error: ")
        if line.strip() and body != line and not body.startswith(("warning:", "nothing could")):
            out.append(body)
    return out


def check_names(errors: list[str], bad: list[tuple[str, ...]]) -> None:
    named = [next((b for b in bad if any(e.startswith(f"{name}: ") for name in b)), None) for e in errors]
    assert None not in named, [e for e, b in zip(errors, named) if b is None]
    assert sorted(map(str, named)) == sorted(map(str, bad)), "each bad record named exactly once"


@pytest.mark.parametrize("seed", SEEDS)
def test_fuzzed_input_through_heron_code(tmp_path, seed):
    expected = make_inputs(tmp_path / "in", seed, big=seed == SEEDS[0])
    res = runner.invoke(app, ["code", "-q", str(tmp_path / "in")])
    assert res.exit_code == 0 and "Traceback" not in res.output, res.output[-3000:]
    # JSONL lines end at "\n" only: a text may hold U+2028 or U+0085, which str.splitlines would also cut at
    coded = [json.loads(line)["id"] for line in res.stdout.split("\n") if line]
    assert sorted(coded) == sorted(expected.good)
    check_names(error_lines(res.stderr), expected.bad)


@pytest.mark.parametrize("seed", SEEDS[:2])
def test_fuzzed_input_through_heron_ingest(tmp_path, seed, store_url):
    expected = make_inputs(tmp_path / "in", seed)
    res = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", store_url, "--batch-size", "7"])
    assert res.exit_code == 0 and "Traceback" not in res.output, res.output[-3000:]
    with open_store(store_url, read_only=True) as store:
        stored = [r[0] for r in store.fetch_rows("SELECT id FROM documents")]
    assert sorted(stored) == sorted(expected.good)
    check_names([e for e in error_lines(res.stderr) if not e.startswith(("stored ", "ingested "))], expected.bad)


def test_the_generator_is_seeded(tmp_path):
    a, b = make_inputs(tmp_path / "a", 5), make_inputs(tmp_path / "b", 5)
    assert a.good == b.good and (tmp_path / "a" / "fuzz.jsonl").read_bytes() == (tmp_path / "b" / "fuzz.jsonl").read_bytes()
    assert len(a.good) > 10 and len(a.bad) > 8
