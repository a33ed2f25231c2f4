"""Validated document records and read errors, shared by the file, stdin and HTML readers."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import BinaryIO, Iterable, Iterator

from heron.reading.input_dates import normalise_date

Record = dict

# The largest text heron codes as one record: 5 million characters (about 5 MB of English, 2,500
# pages). Longer texts are parsed in chunks up to this size; beyond it the record is refused with
# a one-line error, so one runaway file cannot exhaust memory.
MAX_TEXT_CHARS = 5_000_000
# A single-document file (.txt, .html) is read whole; a UTF-8 character takes at most 4 bytes, so a
# larger file cannot hold a text within MAX_TEXT_CHARS and is refused before it is read.
MAX_FILE_BYTES = 4 * MAX_TEXT_CHARS
MAX_ID_CHARS = 512     # an id is a key: PostgreSQL cannot index much longer values
METADATA = ("title", "url", "publisher")


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


def too_long(n_chars: int) -> str:
    return f"text too long ({n_chars:,} characters; heron codes at most {MAX_TEXT_CHARS:,} per record)"


def make_record(fields: dict, name: str, fallback_id: str, default_date: str | None) -> Record | ReadError:
    """Validate one raw record (a JSON object or a CSV row) into the reader's record shape."""
    text = fields.get("text")
    if text is None:
        return ReadError(name, "missing 'text' field")
    if not isinstance(text, str):
        return ReadError(name, f"'text' is not a string (got {type(text).__name__})")
    if not text.strip():
        return ReadError(name, "empty text")
    if len(text) > MAX_TEXT_CHARS:
        return ReadError(name, too_long(len(text)))
    rid = fields.get("id")
    if isinstance(rid, (dict, list, bool)):
        return ReadError(name, f"'id' must be a string or a number (got {type(rid).__name__})")
    rid = optional_str(rid) or fallback_id
    if len(rid) > MAX_ID_CHARS:
        return ReadError(name, f"'id' too long ({len(rid):,} characters; at most {MAX_ID_CHARS})")
    for key in METADATA:
        value = fields.get(key)
        if value is not None and not isinstance(value, str):
            return ReadError(name, f"'{key}' must be a string or null (got {type(value).__name__})")
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
    return {"id": rid, "text": text, "date": doc_date, **{key: optional_str(fields.get(key)) for key in METADATA}}


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


# A JSONL line may spell each character of a MAX_TEXT_CHARS text as a 6-byte \uXXXX escape.
MAX_LINE_BYTES = 32 * 1024 * 1024
_DRAIN_BYTES = 1024 * 1024


@dataclass(frozen=True)
class LineTooLong:
    """A line longer than `limit` bytes: skipped without being held in memory."""

    limit: int


def bounded_lines(stream: BinaryIO, limit: int = MAX_LINE_BYTES) -> Iterator[bytes | LineTooLong]:
    """The stream's lines, like iterating it, but a line over `limit` bytes is skipped unread."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(_DRAIN_BYTES)) and not rest.endswith(b"\n"):
                pass
            yield LineTooLong(limit)
            continue
        yield line


Line = str | UnicodeDecodeError | LineTooLong


def decoded_lines(raw_lines: Iterable[bytes | LineTooLong]) -> Iterator[tuple[int, Line]]:
    """Number and decode lines one at a time (streaming); a bad line yields its decode error."""
    for lineno, raw in enumerate(raw_lines, start=1):
        if isinstance(raw, LineTooLong):
            yield lineno, raw
            continue
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            yield lineno, raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield lineno, exc


def jsonl_records(lines: Iterable[tuple[int, Line]], name: str, stem: str,
                   default_date: str | None) -> Iterator[Record | ReadError]:
    seen = 0
    for lineno, line in lines:
        where = f"{name}:{lineno}"
        if isinstance(line, UnicodeDecodeError):
            seen += 1
            yield ReadError(where, undecodable(line, " of the line"))
            continue
        if isinstance(line, LineTooLong):
            seen += 1
            yield ReadError(where, f"line too long (over {line.limit:,} bytes; not read)")
            continue
        if not line.strip():
            continue
        seen += 1
        try:
            # strict=False: a raw tab or other control character inside a string is kept (and cleaned
            # later with a warning) rather than costing the whole record.
            obj = json.loads(line.rstrip("\r\n"), strict=False)
        except json.JSONDecodeError as exc:
            yield ReadError(where, f"invalid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})")
            continue
        except RecursionError:
            yield ReadError(where, "invalid JSON (nested too deeply)")
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
    if len(text) > MAX_TEXT_CHARS:
        return ReadError(name, too_long(len(text)))
    return {"id": doc_id, "text": text, "date": meta.get("date") or default_date, "title": meta.get("title"),
            "url": meta.get("url"), "publisher": meta.get("publisher")}

