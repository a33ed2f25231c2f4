"""Hostile input through `heron code` and `heron ingest` (issue #13, cases 2, 3, 6 and 8).

Each case puts bad records beside good ones: every good record must be kept, every bad one named on
stderr in one line, and no traceback printed, on DuckDB and PostgreSQL alike.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from pg_fixture import pg_server, pg_url, store_url  # noqa: F401
from typer.testing import CliRunner

from heron.cli import app
from heron.store import open_store

runner = CliRunner()
GOOD = "Russian troops attacked Ukraine on Thursday. The United States condemned Russia. Report {k}."


def good(n: int) -> list[dict]:
    return [{"id": f"g{k}", "text": GOOD.format(k=k), "date": "2022-02-24"} for k in range(n)]


def write(path, records) -> str:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                    encoding="utf-8")
    return str(path)


def code(*args):
    res = runner.invoke(app, ["code", "-q", *args])
    assert "Traceback" not in res.output
    return res, {json.loads(line)["id"]: json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")}


def ingest(*args):
    res = runner.invoke(app, ["ingest", *args])
    assert "Traceback" not in res.output
    return res


def stored(url: str) -> dict[str, tuple]:
    with open_store(url, read_only=True) as store:
        return {r[0]: r[1:] for r in store.fetch_rows("SELECT id, text, warnings FROM documents")}


def error_lines(res) -> list[str]:
    return [line for line in res.stderr.splitlines() if line.strip() and "warning" not in line]


# --- case 2: implausible dates ---------------------------------------------------------------

def dated(tmp_path) -> tuple[str, list[str]]:
    recs = good(10) + [{"id": "far", "text": GOOD.format(k="far"), "date": "9999-12-31"},
                       {"id": "early", "text": GOOD.format(k="early"), "date": "0001-01-01"}]
    path = write(tmp_path / "dates.jsonl", recs)
    return path, [f"{path}:11", f"{path}:12"]


def test_implausible_dates_are_named_and_the_batch_is_coded(tmp_path):
    path, bad = dated(tmp_path)
    res, docs = code(path)
    assert res.exit_code == 0 and set(docs) == {f"g{k}" for k in range(10)}
    errors = error_lines(res)
    assert len(errors) == 2 and all(any(b in e and "implausible date" in e for e in errors) for b in bad), errors


def test_implausible_dates_do_not_lose_the_ingest_batch(tmp_path, store_url):
    path, bad = dated(tmp_path)
    res = ingest(path, "--db", store_url)
    assert res.exit_code == 0, res.output
    assert set(stored(store_url)) == {f"g{k}" for k in range(10)}
    assert all(b in res.stderr for b in bad)


# --- case 3: control characters ----------------------------------------------------------------

def test_nul_in_jsonl_text_is_removed_with_a_warning_and_stored(tmp_path, store_url):
    recs = good(10) + [{"id": "nul", "text": GOOD.format(k="nul") + "\u0000 and\u001b[31m more", "title": "A\u0000B"}]
    path = write(tmp_path / "nul.jsonl", recs)
    res = ingest(path, "--db", store_url)
    assert res.exit_code == 0, res.output
    docs = stored(store_url)
    assert set(docs) == {f"g{k}" for k in range(10)} | {"nul"}
    text, warnings = docs["nul"]
    assert "\x00" not in text and "\x1b" not in text and text.endswith(" and[31m more")
    assert "U+0000" in warnings and "U+001B" in warnings
    assert any(line.startswith("warning: nul: removed") for line in res.stderr.splitlines()), res.stderr


def test_lone_surrogates_do_not_break_the_output(tmp_path):
    path = tmp_path / "sur.jsonl"
    path.write_text('{"id": "s", "text": "France condemned Iran \\ud800 today."}\n', encoding="utf-8")
    res, docs = code(str(path))
    assert res.exit_code == 0 and docs["s"]["text"] == "France condemned Iran \ufffd today."
    assert any("surrogate" in w for w in docs["s"]["warnings"])


# --- case 6: a FIFO in an input folder ------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_fifo_in_a_folder_is_skipped_not_waited_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "a-pipe.jsonl")
    write(folder / "b.jsonl", good(1))
    try:   # a child process, so that a hang fails the test instead of stopping the suite
        proc = subprocess.run([sys.executable, "-m", "heron.cli", "code", "-q", str(folder)],
                              capture_output=True, text=True, timeout=240)
    except subprocess.TimeoutExpired:
        pytest.fail("heron code waited on the FIFO")
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(line)["id"] for line in proc.stdout.splitlines()] == ["g0"]
    assert f"{folder / 'a-pipe.jsonl'}: not a regular file (a named pipe)" in proc.stderr


# --- case 8: wrong types, other languages, messages ----------------------------------------------

def test_metadata_of_the_wrong_type_is_named_not_stringified(tmp_path):
    base = GOOD.format(k="t")
    path = write(tmp_path / "types.jsonl", good(2) + [
        {"id": "t1", "text": base, "title": {"en": "Talks"}}, {"id": "t2", "text": base, "url": ["https://x.org"]},
        {"id": "t3", "text": base, "publisher": 5}])
    res, docs = code(path)
    assert res.exit_code == 0 and set(docs) == {"g0", "g1"}
    errors = error_lines(res)
    assert [e.split(": ", 2)[1] for e in errors] == [f"{path}:3", f"{path}:4", f"{path}:5"]
    assert "'title' must be a string or null (got dict)" in errors[0]


LANGUAGES = {
    "ru": "Российские войска атаковали Украину в четверг. США осудили Россию за нападение.",
    "zh": "俄罗斯军队周四袭击了乌克兰。美国谴责俄罗斯的入侵行为，并宣布新的制裁措施。",
    "ar": "هاجمت القوات الروسية أوكرانيا يوم الخميس. وأدانت الولايات المتحدة الغزو الروسي.",
}


def test_texts_in_other_languages_say_why_they_give_no_events(tmp_path):
    path = write(tmp_path / "langs.jsonl", [{"id": k, "text": v} for k, v in LANGUAGES.items()] + good(1))
    res, docs = code(path)
    assert res.exit_code == 0 and set(docs) == {"ru", "zh", "ar", "g0"}
    for lang in LANGUAGES:
        assert f"heron: warning: {lang}: language '{lang}' is not supported yet" in res.stderr
        assert any(f"language '{lang}'" in w for w in docs[lang]["warnings"])
    assert docs["g0"]["warnings"] == []


def test_the_sample_corpus_is_english(coder):
    from heron.reading.files import read_inputs, sample_corpus_path
    from heron.reading.language import guess_language

    texts = [r["text"] for r in read_inputs([str(sample_corpus_path())])]
    assert len(texts) > 30 and {guess_language(t) for t in texts} == {"en"}


def test_json_errors_read_as_english(tmp_path):
    path = write(tmp_path / "bad.jsonl", ['{"id": "x", "text": "unterminated', '{"id": 1,, "text": "x"}'] + good(1))
    res, _ = code(path)
    errors = error_lines(res)
    assert len(errors) == 2 and not any("at at" in e for e in errors), errors
    assert "invalid JSON (Unterminated string starting at column" in errors[0]
