"""Long documents (issue #13, cases 1 and 5): parsed in pieces, with the offsets of the whole text.

A text longer than spaCy's limit used to fail its whole run (E088); every piece spaCy sees is now at
most CHUNK_CHARS characters, cut between paragraphs or sentences, and the stitched parse points into
the original text. (Time and memory per character are measured by benchmarks/robustness.py.)
"""
from __future__ import annotations

import json

import pytest
from conftest import SEED_ID
from typer.testing import CliRunner

from heron.cli import app
from heron.parse import CHUNK_CHARS, Parser, chunk_bounds

runner = CliRunner()


@pytest.mark.parametrize("size", [40, 200, 1000])
def test_chunks_cover_the_text_and_end_at_a_break(seed_text, size):
    bounds = chunk_bounds(seed_text, size)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(seed_text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))          # contiguous, nothing lost or doubled
    assert all(0 < e - s <= size for s, e in bounds)
    for s, e in bounds[:-1]:
        assert seed_text[e - 1].isspace()    # the seed has spaces everywhere: no piece ends inside a word


def test_chunks_prefer_paragraphs_then_sentences():
    para = "First sentence here. Second one follows.\n\nNew paragraph starts. It goes on and on."
    assert chunk_bounds(para, 60) == [(0, 42), (42, len(para))]
    no_breaks = "a" * 250
    assert chunk_bounds(no_breaks, 100) == [(0, 100), (100, 200), (200, 250)]   # a blob is cut where it must


class _Spy:
    """The spaCy pipeline, recording how many characters each call is given."""

    def __init__(self, nlp):
        self._nlp, self.sizes = nlp, []

    def __call__(self, doc, *a, **kw):
        self.sizes.append(len(doc.text) if hasattr(doc, "text") else len(doc))
        return self._nlp(doc, *a, **kw)

    def pipe(self, docs, *a, **kw):
        docs = list(docs)
        self.sizes.extend(len(d.text) if hasattr(d, "text") else len(d) for d in docs)
        return self._nlp.pipe(docs, *a, **kw)

    def __getattr__(self, name):
        return getattr(self._nlp, name)


def test_spacy_never_parses_more_than_a_chunk(coder, seed_text, monkeypatch):
    spy = _Spy(coder.parser.nlp)
    monkeypatch.setattr(Parser, "nlp", property(lambda self: spy))
    text = "\n\n".join([seed_text] * 30)          # ~90,000 characters
    doc = coder.code(text, date="2023-02-28", doc_id="long")
    assert len(text) > CHUNK_CHARS and spy.sizes and max(spy.sizes) <= CHUNK_CHARS
    assert doc.sentences and all(doc.text[s:e].strip() for s, e in doc.sentences)


def test_a_chunked_parse_keeps_every_offset(coder, seed_text):
    whole = coder.parser.parse(seed_text)
    pieces = Parser(chunk_chars=700).parse(seed_text)
    assert len(chunk_bounds(seed_text, 700)) > 3
    assert pieces.text == seed_text
    assert [(t.idx, t.text) for t in pieces] == [(t.idx, t.text) for t in whole]
    assert all(seed_text[t.idx:t.idx + len(t.text)] == t.text for t in pieces)
    # every piece starts a sentence, and the parse inside pieces is the model's own
    assert sum(1 for t in pieces if t.is_sent_start) >= len(list(whole.sents)) - 2


def test_an_over_long_record_is_coded_and_the_others_kept(tmp_path, seed_text):
    """Case 1: a 1.1M-character record among 10 good ones used to stop the run (spaCy E088, 0 of 10 coded).
    The record's news comes after a million characters of filler, so its events are found only if the
    pieces are stitched back with the right offsets."""
    good = [{"id": f"g{k}", "text": f"Russia attacked Ukraine on Monday. Report {k}.", "date": "2022-02-28"}
            for k in range(10)]
    filler = ("x" * 199 + " ") * 5500
    long = {"id": "long", "text": filler + "\n\n" + seed_text, "date": "2023-02-28"}
    src = tmp_path / "batch.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in good[:5] + [long] + good[5:]) + "\n", encoding="utf-8")
    res = runner.invoke(app, ["code", "-q", str(src)])
    assert res.exit_code == 0, res.output
    docs = {d["id"]: d for d in map(json.loads, res.stdout.splitlines())}
    assert set(docs) == {f"g{k}" for k in range(10)} | {"long"}
    big = docs["long"]
    assert len(big["text"]) > 1_100_000 and "Traceback" not in res.stderr
    for e in big["events"]:
        s, t = e["trigger"]["span"]
        assert big["text"][s:t] == e["trigger"]["text"]
    assert ("USA", "KAZ", "SUPPORT") in {(e["actor"][0]["country"], r["country"], e["plover"]["type"])
                                         for e in big["events"] for r in e["recipient"]}
    seed_alone = runner.invoke(app, ["code", "-q", "-", "--date", "2023-02-28"], input=seed_text)
    assert len(big["events"]) == len(json.loads(seed_alone.stdout)["events"]), SEED_ID


def test_records_over_the_cap_are_named_and_not_read(tmp_path):
    from heron.reading.records import MAX_TEXT_CHARS

    jsonl = tmp_path / "cap.jsonl"
    jsonl.write_text(json.dumps({"id": "ok", "text": "France condemned Iran."}) + "\n"
                     + json.dumps({"id": "huge", "text": "a " * (MAX_TEXT_CHARS // 2 + 1)}) + "\n", encoding="utf-8")
    txt = tmp_path / "huge.txt"
    with open(txt, "w", encoding="utf-8") as f:               # 20 MB on one line (case 1)
        for _ in range(20):
            f.write("word " * (1024 * 1024 // 5 + 1))
    res = runner.invoke(app, ["code", "-q", str(jsonl), str(txt)])
    assert res.exit_code == 0, res.output
    assert [json.loads(line)["id"] for line in res.stdout.splitlines()] == ["ok"]
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert any(f"{jsonl}:2" in line and "text too long" in line for line in lines), lines
    assert any(str(txt) in line and "too large" in line for line in lines), lines
    assert len(lines) == 2 and "Traceback" not in res.stderr
