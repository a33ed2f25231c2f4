"""Validated document records and read errors, shared by the file, stdin and HTML readers."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Iterable, Iterator

from heron.reading.input_dates import normalise_date

Record = dict


@dataclass
class ReadError:
    """A record that could not be read; ``str()`` gives the one-line message for the user."""

    record: str   # which record: "file.jsonl:17", "notes.txt", "<stdin>:3"
    message: str  # one line, e.g. "invalid JSON (Expecting ',' delimiter at col 12)"

    def __post_init__(self) -> None:
        # messages may quote input or third-party errors; keep them to one line for the user
        self.message = " ".join(str(self.message).split())

    def __str__(self) -> str:
        return f"{self.record}: {self.message}"


def optional_str(value) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def make_record(fields: dict, name: str, fallback_id: str, default_date: str | None) -> Record | ReadError:
    """Validate one raw record (a JSON object or a CSV row) into the reader's record shape."""
    text = fields.get("text")
    if text is None:
        return ReadError(name, "missing 'text' field")
    if not isinstance(text, str):
        return ReadError(name, f"'text' is not a string (got {type(text).__name__})")
    if not text.strip():
        return ReadError(name, "empty text")
    rid = fields.get("id")
    if isinstance(rid, (dict, list, bool)):
        return ReadError(name, f"'id' must be a string or a number (got {type(rid).__name__})")
    rid = optional_str(rid) or fallback_id
    raw_date = fields.get("date")
    if raw_date is None or (isinstance(raw_date, str) and not raw_date.strip()):
        doc_date = default_date
    elif not isinstance(raw_date, str):
        return ReadError(name, f"'date' is not a string (got {type(raw_date).__name__})")
    else:
        try:
            doc_date = normalise_date(raw_date)
        except ValueError as exc:
            return ReadError(name, str(exc))
    return {"id": rid, "text": text, "date": doc_date, "title": optional_str(fields.get("title")),
            "url": optional_str(fields.get("url")), "publisher": optional_str(fields.get("publisher"))}


def undecodable(exc: UnicodeDecodeError, scope: str = "") -> str:
    bad = exc.object[exc.start:exc.start + 1]
    return f"undecodable bytes (not UTF-8) at byte {exc.start + 1}{scope}: {bad!r}"


def sniff(head: bytes) -> str | None:
    """Why a file's first bytes show it is not UTF-8 text, or None when they look fine."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 text (not UTF-8); re-save the file as UTF-8"
    if b"\x00" in head:
        return "binary file (contains NUL bytes)"
    return None


def decoded_lines(raw_lines: Iterable[bytes]) -> Iterator[tuple[int, str | UnicodeDecodeError]]:
    """Number and decode lines one at a time (streaming); a bad line yields its decode error."""
    for lineno, raw in enumerate(raw_lines, start=1):
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            yield lineno, raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield lineno, exc


def jsonl_records(lines: Iterable[tuple[int, str | UnicodeDecodeError]], name: str, stem: str,
                   default_date: str | None) -> Iterator[Record | ReadError]:
    seen = 0
    for lineno, line in lines:
        where = f"{name}:{lineno}"
        if isinstance(line, UnicodeDecodeError):
            seen += 1
            yield ReadError(where, undecodable(line, " of the line"))
            continue
        if not line.strip():
            continue
        seen += 1
        try:
            obj = json.loads(line.rstrip("\r\n"))
        except json.JSONDecodeError as exc:
            yield ReadError(where, f"invalid JSON ({exc.msg} at col {exc.colno})")
            continue
        if not isinstance(obj, dict):
            yield ReadError(where, f"not a JSON object (got {type(obj).__name__})")
            continue
        yield make_record(obj, where, f"{stem}:{lineno}", default_date)
    if not seen:
        yield ReadError(name, "empty file")


def text_record(text: str, name: str, doc_id: str, default_date: str | None, **meta) -> Record | ReadError:
    if "\x00" in text:
        return ReadError(name, "binary data (contains NUL bytes)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return ReadError(name, "empty text")
    return {"id": doc_id, "text": text, "date": meta.get("date") or default_date, "title": meta.get("title"),
            "url": meta.get("url"), "publisher": meta.get("publisher")}

