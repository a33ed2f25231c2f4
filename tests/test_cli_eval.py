"""`heron eval` and `heron classify` through the CLI, on fixtures kept in the repo."""
import json

from conftest import FIXTURES
from typer.testing import CliRunner

from heron.cli import app

runner = CliRunner()
EVAL = FIXTURES / "eval"


def test_eval_with_predictions_matches_reference_numbers():
    res = runner.invoke(app, ["eval", str(EVAL / "seed_gold.jsonl"), "--pred", str(EVAL / "seed_pred.jsonl")])
    assert res.exit_code == 0, res.output
    expected = json.loads((EVAL / "expected_full_seed.json").read_text())
    assert json.loads(res.stdout) == expected


def test_eval_codes_the_gold_texts_itself():
    res = runner.invoke(app, ["eval", str(EVAL / "seed_gold.jsonl")])
    assert res.exit_code == 0, res.output
    scores = json.loads(res.stdout)
    assert scores["dyad_type"]["recall"] >= 0.85 and scores["dyad_type"]["precision"] >= 0.7


def test_eval_pair_task_runs_the_classifier():
    res = runner.invoke(app, ["eval", str(EVAL / "pair_gold.jsonl"), "--task", "pair"])
    assert res.exit_code == 0, res.output
    scores = json.loads(res.stdout)
    assert scores["records"] > 5 and scores["accuracy"] >= 0.6


def test_eval_bad_task_and_missing_file_are_one_line_errors(tmp_path):
    res = runner.invoke(app, ["eval", str(EVAL / "seed_gold.jsonl"), "--task", "nope"])
    assert res.exit_code == 2 and "unknown task" in res.stderr
    res = runner.invoke(app, ["eval", str(tmp_path / "missing.jsonl")])
    assert res.exit_code == 2 and "missing.jsonl" in res.stderr and "Traceback" not in res.output


def test_classify_writes_records_back_with_types(tmp_path):
    src = tmp_path / "pairs.jsonl"
    text = "Russia attacked Ukraine on Thursday."
    rows = [{"id": "p1", "text": text, "source": [0, 6], "target": [16, 23]}, "{broken", {"id": "p2", "text": text}]
    src.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n")
    res = runner.invoke(app, ["classify", str(src)])
    assert res.exit_code == 0, res.output
    out = [json.loads(l) for l in res.stdout.splitlines() if l.startswith("{")]
    assert [r["id"] for r in out] == ["p1"]
    assert out[0]["plover"] == "ASSAULT" and out[0]["cameo"].startswith(("18", "19", "20"))
    assert "pairs.jsonl:2" in res.stderr and "p2" in res.stderr


def test_classify_and_resolve_read_stdin():
    line = json.dumps({"id": "p", "text": "Russia attacked Ukraine.", "source": [0, 6], "target": [16, 23]})
    res = runner.invoke(app, ["classify", "-"], input=line + "\n")
    assert res.exit_code == 0 and json.loads(res.stdout)["plover"] == "ASSAULT"
    res = runner.invoke(app, ["resolve", "-"], input=json.dumps({"id": "a", "text": "American warplanes"}) + "\n")
    actor = json.loads(res.stdout)["actor"]
    assert res.exit_code == 0 and (actor["country"], actor["sector"]) == ("USA", "MIL")
