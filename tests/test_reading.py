"""heron.reading: every input type, and every kind of bad input giving a one-line error that names
the record while the other records are still read."""
from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from heron.reading.files import ReadError, normalise_date, read_inputs, sample_corpus_path

INPUTS = Path(__file__).parent / "fixtures" / "inputs"
FIELDS = {"id", "text", "date", "title", "url", "publisher"}


def read(*paths, date=None) -> tuple[list[dict], list[ReadError]]:
    records, errors = [], []
    for item in read_inputs([str(p) for p in paths], date=date):
        (errors if isinstance(item, ReadError) else records).append(item)
    return records, errors


def by_id(records: list[dict]) -> dict[str, dict]:
    return {r["id"]: r for r in records}


def assert_one_line(error: ReadError, record: str, *words: str):
    line = str(error)
    assert "\n" not in line
    assert line.startswith(f"{record}: "), line
    for word in words:
        assert word in error.message, line


# --- dates --------------------------------------------------------------------------------

@pytest.mark.parametrize("text,iso", [
    ("2023-02-28", "2023-02-28"), ("2023-02-28T10:00:00Z", "2023-02-28"), ("2023-02-28T23:30:00-05:00", "2023-02-28"),
    ("28 February 2023", "2023-02-28"), ("Feb 28, 2023", "2023-02-28"), ("February 28 2023", "2023-02-28"),
    ("Tuesday, 28th Feb. 2023", "2023-02-28"), ("3 Sept 2023", "2023-09-03"), ("2023/2/8", "2023-02-08"),
    (" 1 may 2024 ", "2024-05-01"),
])
def test_normalise_date_accepts_common_forms(text, iso):
    assert normalise_date(text) == iso


@pytest.mark.parametrize("text", ["yesterdayish", "", "02/03/2023", "2023-02-30", "31 Foo 2023", "May 2023",
                                  "2023-02-28Tnoon", "Feb 30, 2023", "28 Ma 2023"])
def test_normalise_date_rejects_garbage_with_the_value_in_the_message(text):
    with pytest.raises(ValueError) as info:
        normalise_date(text)
    assert "date" in str(info.value)
    if text:
        assert repr(text) in str(info.value)


def test_bad_default_date_raises_before_reading():
    with pytest.raises(ValueError, match="yesterdayish"):
        read_inputs([str(INPUTS / "article.txt")], date="yesterdayish")


# --- each input type ----------------------------------------------------------------------

def test_txt_document_uses_file_stem_and_default_date():
    records, errors = read(INPUTS / "article.txt", date="28 February 2023")
    assert errors == []
    [doc] = records
    assert set(doc) == FIELDS
    assert doc["id"] == "article" and doc["date"] == "2023-02-28"
    assert doc["text"].startswith("The foreign ministers of Chile and Peru")
    assert doc["title"] is None


def test_txt_crlf_and_bom_are_normalised(tmp_path):
    path = tmp_path / "win.txt"
    path.write_bytes(b"\xef\xbb\xbfFirst line.\r\nSecond line.\r\n")
    [doc], errors = read(path)
    assert errors == [] and doc["text"] == "First line.\nSecond line.\n" and doc["date"] is None


def test_jsonl_good_records_and_bad_lines():
    records, errors = read(INPUTS / "batch.jsonl", date="2023-01-01")
    docs = by_id(records)
    assert list(docs) == ["b1", "b2", "batch:4", "b9"]  # file order; missing id -> "<stem>:<line>"
    assert docs["b1"] == {"id": "b1", "text": "Kenya and Tanzania signed a trade agreement on Monday.",
                          "date": "2023-03-06", "title": "Trade pact", "url": "https://example.org/b1",
                          "publisher": "Example Wire"}
    assert docs["b2"]["date"] == "2023-03-06"     # "6 March 2023"
    assert docs["batch:4"]["date"] == "2023-03-07"  # "Mar 7, 2023"
    assert docs["b9"]["date"] == "2023-03-09"     # ISO datetime
    name = str(INPUTS / "batch.jsonl")
    assert [e.record for e in errors] == [f"{name}:{n}" for n in (5, 6, 7, 8, 9)]
    assert_one_line(errors[0], f"{name}:5", "invalid JSON", "col")
    assert_one_line(errors[1], f"{name}:6", "not a JSON object")
    assert_one_line(errors[2], f"{name}:7", "'text'")
    assert_one_line(errors[3], f"{name}:8", "empty text")
    assert_one_line(errors[4], f"{name}:9", "unknown date", "yesterdayish")


def test_jsonl_odd_field_types(tmp_path):
    path = tmp_path / "odd.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [
        {"id": 7, "text": "Numeric id.", "date": None, "title": "", "publisher": "Wire"},
        {"id": "x", "text": 12},
        {"id": "y", "text": "Date is a number.", "date": 20230228},
        {"id": ["a"], "text": "List id."},
        {"id": "t", "text": "Title is an object.", "title": {"en": "Talks"}},
        {"id": "u", "text": "URL is a list.", "url": ["https://example.org/a"]},
        {"id": "p", "text": "Publisher is a number.", "publisher": 5},
    ]) + "\n", encoding="utf-8")
    records, errors = read(path, date="2023-02-01")
    assert records == [{"id": "7", "text": "Numeric id.", "date": "2023-02-01", "title": None, "url": None,
                        "publisher": "Wire"}]
    assert [e.record.rsplit(":", 1)[1] for e in errors] == ["2", "3", "4", "5", "6", "7"]
    assert "not a string" in errors[0].message and "'date'" in errors[1].message and "'id'" in errors[2].message
    # metadata is never silently turned into a string: "{'en': 'Talks'}" is not a title
    assert "'title' must be a string or null (got dict)" in errors[3].message
    assert "'url' must be a string or null (got list)" in errors[4].message
    assert "'publisher' must be a string or null (got int)" in errors[5].message


def test_csv_rows_with_multiline_text_and_bad_rows():
    records, errors = read(INPUTS / "batch.csv", date="2023-01-01")
    docs = by_id(records)
    assert list(docs) == ["c1", "batch:3", "c5"]
    assert docs["c1"]["title"] == "Border talks" and docs["c1"]["publisher"] == "Example Wire"
    assert docs["c1"]["date"] == "2023-04-01"
    assert docs["batch:3"]["text"] == "A row without an id.\nIt spans two lines."  # header matched case-blind
    assert docs["batch:3"]["date"] == "2023-01-01"
    assert docs["c5"]["date"] == "2023-04-05"
    name = str(INPUTS / "batch.csv")
    assert_one_line(errors[0], f"{name}:5", "empty text")
    assert_one_line(errors[1], f"{name}:6", "unknown date", "not a date")
    assert len(errors) == 2


def test_csv_without_text_column(tmp_path):
    path = tmp_path / "heads.csv"
    path.write_text("event,mode,title\nAGREE,,x\n", encoding="utf-8")
    records, errors = read(path)
    assert records == []
    assert_one_line(errors[0], str(path), "no 'text' column", "event")


def test_html_main_text_and_metadata():
    [doc], errors = read(INPUTS / "page.html", date="2020-01-01")
    assert errors == []
    assert doc["id"] == "page"
    assert "Armenia and Georgia agreed on Tuesday" in doc["text"]
    assert "Sport" not in doc["text"]  # navigation is not main text
    assert doc["title"] == "Neighbours agree to reopen border"
    assert doc["publisher"] == "Example Wire"
    assert doc["url"] == "https://example.org/world/border-reopens"
    assert doc["date"] == "2023-05-02"  # the page's own date wins over --date


def test_html_date_only_from_page_metadata(tmp_path):
    body = ("<p>Posted 2019-05-04. Italy and Tunisia held talks in Rome on migration, the Italian government said "
            "in a statement on Friday after the meeting ended.</p><p>Both sides agreed to meet again in Tunis later "
            "this year to review progress on their joint plan for the coming months.</p>")
    undated = tmp_path / "undated.html"
    undated.write_text(f"<html><head><title>Talks</title></head><body><article>{body}</article></body></html>",
                       encoding="utf-8")
    dated = tmp_path / "dated.html"
    dated.write_text("<html><head><title>Talks</title><meta name='date' content='4 March 2021'></head>"
                     f"<body><article>{body}</article></body></html>", encoding="utf-8")
    records, errors = read(undated, dated, date="2023-01-01")
    assert errors == []
    assert by_id(records)["undated"]["date"] == "2023-01-01"  # a date in the body text is not the page's date
    assert by_id(records)["dated"]["date"] == "2021-03-04"
    assert by_id(records)["undated"]["title"] == "Talks"


def test_html_without_main_text(tmp_path):
    path = tmp_path / "blank.htm"
    path.write_text("<html><head><title>Nothing</title></head><body></body></html>", encoding="utf-8")
    records, errors = read(path)
    assert records == []
    assert_one_line(errors[0], str(path), "no main text")


def test_folder_is_recursive_sorted_and_skips_other_files():
    records, errors = read(INPUTS)
    ids = [r["id"] for r in records]
    assert ids == ["article", "c1", "batch:3", "c5", "b1", "b2", "batch:4", "b9", "zz", "page"]
    assert "notes" not in ids and ".hidden" not in ids and "hidden" not in ids
    assert len(errors) == 7  # 2 from the csv, 5 from the jsonl


def test_empty_folder(tmp_path):
    (tmp_path / "readme.md").write_text("nothing to code", encoding="utf-8")
    records, errors = read(tmp_path)
    assert records == [] and "no .txt" in errors[0].message


# --- stdin -------------------------------------------------------------------------------

def test_stdin_plain_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("\nKazakhstan hosted talks.\nMore text.\n"))
    [doc], errors = read("-", date="2023-02-28")
    assert errors == []
    assert doc["id"] == "stdin" and doc["date"] == "2023-02-28"
    assert doc["text"] == "\nKazakhstan hosted talks.\nMore text.\n"


def test_stdin_jsonl_with_a_bad_line(monkeypatch):
    lines = ["", json.dumps({"id": "s1", "text": "One."}), "{oops", json.dumps({"text": "Three."})]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    records, errors = read("-")
    assert [r["id"] for r in records] == ["s1", "stdin:4"]
    assert_one_line(errors[0], "<stdin>:3", "invalid JSON")


def test_stdin_bytes_undecodable_and_empty(monkeypatch):
    raw = io.TextIOWrapper(io.BytesIO(b"caf\xe9 au lait\n"), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", raw)
    records, errors = read("-")
    assert records == [] and "undecodable bytes" in errors[0].message and errors[0].record == "<stdin>"
    monkeypatch.setattr(sys, "stdin", io.StringIO("  \n\n"))
    records, errors = read("-")
    assert records == [] and errors[0].record == "<stdin>" and "empty" in errors[0].message


# --- bad files: each gives one error and the other inputs are still read ----------------

@pytest.mark.parametrize("name,content,words", [
    ("empty.txt", b"", ["empty file"]),
    ("blank.txt", b"  \n\t\n", ["empty text"]),
    ("empty.jsonl", b"\n\n", ["empty file"]),
    ("empty.csv", b"", ["empty file"]),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ["binary file"]),
    ("binary.jsonl", b'{"text": "a"}\x00\x00\x01', ["binary file"]),
    ("latin1.txt", "Caf\u00e9 talks in Bogot\u00e1.".encode("cp1252"), ["undecodable bytes", "not UTF-8", "byte 4"]),
    ("utf16.txt", "Talks.".encode("utf-16"), ["UTF-16"]),
    ("notes.pdf", b"%PDF-1.4", ["unsupported file type", ".pdf"]),
])
def test_bad_file_is_one_error_and_others_survive(tmp_path, name, content, words):
    bad = tmp_path / name
    bad.write_bytes(content)
    records, errors = read(bad, INPUTS / "article.txt")
    assert [r["id"] for r in records] == ["article"]
    assert len(errors) == 1
    assert_one_line(errors[0], str(bad), *words)


def test_missing_file_is_named(tmp_path):
    missing = tmp_path / "nope.jsonl"
    records, errors = read(missing, INPUTS / "article.txt")
    assert [r["id"] for r in records] == ["article"]
    assert_one_line(errors[0], str(missing), "no such file")


def test_undecodable_jsonl_line_and_csv_row_are_skipped_alone(tmp_path):
    jsonl = tmp_path / "mixed.jsonl"
    jsonl.write_bytes(b'{"id": "ok1", "text": "Fine."}\n{"id": "bad", "text": "Caf\xe9"}\n{"id": "ok2", "text": "Fine."}\n')
    csv_path = tmp_path / "mixed.csv"
    csv_path.write_bytes(b"id,text\nok3,Fine.\nbad,Caf\xe9\nok4,Fine.\n")
    records, errors = read(jsonl, csv_path)
    assert [r["id"] for r in records] == ["ok1", "ok2", "ok3", "ok4"]
    assert_one_line(errors[0], f"{jsonl}:2", "undecodable bytes")
    assert_one_line(errors[1], f"{csv_path}:3", "undecodable bytes")


class CountingLines:
    """A text stream that counts how many lines the reader has pulled from it."""

    def __init__(self, lines: list[str]):
        self.lines, self.pulled = lines, 0

    def __iter__(self):
        for line in self.lines:
            self.pulled += 1
            yield line


def test_jsonl_is_streamed_not_loaded(monkeypatch):
    stream = CountingLines([json.dumps({"id": f"r{i}", "text": "Text."}) + "\n" for i in range(1000)])
    monkeypatch.setattr(sys, "stdin", stream)
    reader = read_inputs(["-"])
    assert next(reader)["id"] == "r0"
    assert next(reader)["id"] == "r1"
    assert stream.pulled == 2
    assert sum(1 for _ in reader) == 998


def test_read_error_str_is_record_then_message():
    error = ReadError("file.jsonl:17", "invalid JSON (Expecting ',' delimiter at col 12)\nmore")
    assert str(error) == "file.jsonl:17: invalid JSON (Expecting ',' delimiter at col 12) more"


# --- the shipped sample corpus ------------------------------------------------------------

def test_sample_corpus_reads_cleanly_with_the_seed_first():
    records, errors = read(sample_corpus_path())
    assert errors == []
    assert len(records) >= 30
    seed = records[0]
    assert seed["id"] == "000_50daca0659fe37c6" and seed["date"] == "2023-02-28"
    assert seed["text"] == (sample_corpus_path().parent / "000_50daca0659fe37c6.txt").read_text(encoding="utf-8")
    assert all(r["date"] for r in records)
    assert len({r["id"] for r in records}) == len(records)
    synthetic = [r for r in records if r["id"].startswith("synthetic-")]
    assert len(synthetic) >= 20 and all("SYNTHETIC" in r["title"] for r in synthetic)
    assert all(r["url"] is None for r in records)
