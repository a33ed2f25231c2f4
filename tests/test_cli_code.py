"""`heron code` end to end through the CLI: formats, and bad input that must not lose other records."""
import csv
import io
import json

import pytest
from conftest import FIXTURES, SEED_ID
from typer.testing import CliRunner

from heron.cli import app

runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, ["code", "-q", *args], input=input)


def docs_of(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_seed_txt_to_jsonl_document(tmp_path):
    out = tmp_path / "seed.jsonl"
    res = run(str(FIXTURES / "seed" / f"{SEED_ID}.txt"), "--date", "2023-02-28", "-o", str(out))
    assert res.exit_code == 0, res.output
    (doc,) = docs_of(out.read_text())
    assert doc["id"] == SEED_ID and doc["date"] == "2023-02-28"
    assert {("USA", "KAZ", "SUPPORT")} <= {(e["actor"][0]["country"], e["recipient"][0]["country"], e["plover"]["type"])
                                           for e in doc["events"] if e["recipient"]}


def test_bad_records_are_reported_and_others_kept(tmp_path):
    good = {"id": "ok1", "text": "Russia attacked Ukraine on Monday.", "date": "2022-02-28"}
    lines = [json.dumps(good), "{not json", json.dumps({"id": "empty", "text": "   "}),
             json.dumps({"id": "baddate", "text": "France condemned Iran.", "date": "yesterdayish"}),
             json.dumps({"id": "ok2", "text": "Japan agreed to send aid to the Philippines.", "date": "2021-05-01"})]
    src = tmp_path / "mixed.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02binary\x00")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 owners in Paris protested.".encode("latin-1"))
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    res = run(str(src), str(binary), str(latin), str(empty))
    assert res.exit_code == 0, res.output
    ids = [d["id"] for d in docs_of(res.stdout)]
    assert ids == ["ok1", "ok2"]
    errors = [l for l in res.stderr.splitlines() if l.strip()]
    assert any("mixed.jsonl:2" in e and "JSON" in e for e in errors), errors
    assert any("empty" in e for e in errors) and any("yesterdayish" in e for e in errors), errors
    assert any("blob.txt" in e and "binary" in e for e in errors), errors
    assert any("latin.txt" in e for e in errors) and any("empty.txt" in e for e in errors), errors
    assert not any("Traceback" in e for e in errors)


def test_nothing_coded_exits_non_zero(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    res = run(str(bad))
    assert res.exit_code != 0
    assert "bad.jsonl:1" in res.stderr and "Traceback" not in res.output


def test_unknown_cli_date_is_one_line_error(tmp_path):
    res = run("-", "--date", "the day after never", input="Russia attacked Ukraine.")
    assert res.exit_code == 2 and "--date" in res.stderr


def test_stdin_and_csv_event_rows(tmp_path):
    res = run("-", "--date", "2022-02-24", "--format", "csv", input="Russian troops attacked Ukraine on Thursday.")
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert rows and rows[0]["actor_country"] == "RUS" and rows[0]["recipient_country"] == "UKR"
    assert rows[0]["plover_type"] == "ASSAULT" and rows[0]["date"] == "2022-02-24"


def test_parquet_event_rows(tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "events.parquet"
    res = run(str(FIXTURES / "seed" / f"{SEED_ID}.txt"), "--date", "2023-02-28", "--format", "parquet", "-o", str(out))
    assert res.exit_code == 0, res.output
    table = pq.read_table(out)
    assert table.num_rows >= 6 and "goldstein" in table.column_names


def test_html_and_folder_inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.html").write_text("<html><head><title>Talks</title></head><body><article><p>China and India "
                                       "held talks in Beijing on Monday about the border dispute, officials said."
                                       "</p></article></body></html>", encoding="utf-8")
    (folder / "note.txt").write_text("Germany condemned Russia for the attack.", encoding="utf-8")
    res = run(str(folder), "--date", "2020-06-10")
    assert res.exit_code == 0, res.output
    assert sorted(d["id"] for d in docs_of(res.stdout)) == ["note", "story"]


@pytest.mark.parametrize("fmt", ["gdelt", "plover"])
def test_gdelt_and_plover_exports(fmt):
    res = run(str(FIXTURES / "seed" / f"{SEED_ID}.txt"), "--date", "2023-02-28", "--format", fmt)
    assert res.exit_code == 0, res.output
    lines = [l for l in res.stdout.splitlines() if l.strip()]
    assert lines
    if fmt == "gdelt":
        assert all(len(l.split("\t")) == 61 for l in lines)
    else:
        assert all(json.loads(l)["event_type"] for l in lines)


def test_min_confidence_keeps_only_events_at_least_that_likely(tmp_path):
    seed = str(FIXTURES / "seed" / f"{SEED_ID}.txt")
    (all_doc,) = docs_of(run(seed, "--date", "2023-02-28").output)
    confidences = sorted(e["confidence"] for e in all_doc["events"])
    cut = confidences[len(confidences) // 2]
    (doc,) = docs_of(run(seed, "--date", "2023-02-28", "--min-confidence", str(cut)).output)
    assert doc["events"] and all(e["confidence"] >= cut for e in doc["events"])
    assert len(doc["events"]) == sum(1 for c in confidences if c >= cut) < len(all_doc["events"]) or cut == confidences[0]
    assert run(seed, "--min-confidence", "1.5").exit_code != 0       # a probability is between 0 and 1


def test_confidence_is_calibrated_and_the_rules_score_kept(coder):
    from heron.events.confidence import default_model

    doc = coder.code("Russian missiles hit Kyiv on Monday. Ukraine condemned the attack.", date="2024-01-01")
    assert default_model() is not None and doc.events
    for e in doc.events:
        assert 0.0 <= e.confidence <= 1.0 and "rules_confidence" in e.explain
