"""Input readers: turn files, folders and stdin into plain document records for the coder.

``read_inputs(paths, date)`` yields one dict per document,
``{"id", "text", "date", "title", "url", "publisher"}``, or a :class:`ReadError` for a record that
could not be read. Ordinary mistakes in the input never raise: the error names the record
("file.jsonl:17") and reading goes on with the next record, so one bad line never loses the rest.

Supported inputs: ``.txt`` (one document, id = file stem), ``.jsonl`` (one JSON object per line),
``.csv`` (header row with a ``text`` column), ``.html``/``.htm`` (main text extracted with
trafilatura; title, url, publisher and date from the page metadata), folders (searched
recursively in sorted order for those extensions, hidden entries skipped) and ``-`` for stdin
(JSONL when its first non-blank character is ``{``, otherwise one plain-text document "stdin").
JSONL and CSV are streamed line by line; only single-document files are read whole.

Encoding policy: input must be UTF-8 (a UTF-8 byte-order mark is accepted and dropped). Bytes
that are not valid UTF-8 give a ReadError ("undecodable bytes (not UTF-8) ...") instead of a
guess: falling back to cp1252/latin-1 would silently turn a mis-declared file into wrong names
and offsets in the coded output, whereas `iconv -f cp1252 -t utf-8` fixes the file for good.
HTML is the exception: pages declare their own charset, which trafilatura honours.
"""
from __future__ import annotations

import csv
import os
import re
import stat
import sys
from itertools import chain
from pathlib import Path
from typing import Iterable, Iterator

from heron.reading.html import read_html_file
from heron.reading.input_dates import normalise_date
from heron.reading.records import (
    MAX_FILE_BYTES,
    MAX_LINE_BYTES,
    MAX_TEXT_CHARS,
    Line,
    LineTooLong,
    ReadError,
    Record,
    bounded_lines,
    decoded_lines,
    jsonl_records,
    make_record,
    sniff,
    text_record,
    undecodable,
)

__all__ = ["FORMAT_BY_SUFFIX", "ReadError", "Record", "normalise_date", "read_inputs", "sample_corpus_path"]

FORMAT_BY_SUFFIX = {".txt": "text", ".text": "text", ".jsonl": "jsonl", ".ndjson": "jsonl",
                    ".csv": "csv", ".html": "html", ".htm": "html"}
SNIFF_BYTES = 8192  # enough of a file's head to tell text from binary


# ---------------------------------------------------------------------------------------------
# Files


def _not_regular(path: Path) -> str | None:
    """Why `path` cannot be read as a file, or None for a regular file (symlinks followed).

    Opening a FIFO blocks until something writes to it, and a device may never end: only regular
    files are read, so one odd entry in a folder cannot hang the run."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return f"cannot read file ({exc.strerror or exc})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "not a regular file (a named pipe); skipped (pipe its contents to `heron code -` instead)"
    kind = "a socket" if stat.S_ISSOCK(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "special"
    return f"not a regular file ({kind}); skipped"


def _read_head(path: Path, name: str) -> bytes | ReadError:
    try:
        with path.open("rb") as f:
            head = f.read(SNIFF_BYTES)
    except OSError as exc:
        return ReadError(name, f"cannot read file ({exc.strerror or exc})")
    if not head:
        return ReadError(name, "empty file")
    if problem := sniff(head):
        return ReadError(name, problem)
    return head


def _read_text_file(path: Path, name: str, default_date: str | None) -> Iterator[Record | ReadError]:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        yield ReadError(name, f"file too large ({size:,} bytes; heron codes at most {MAX_TEXT_CHARS:,} characters "
                              f"per record)")
        return
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield ReadError(name, undecodable(exc))
        return
    yield text_record(text, name, path.stem, default_date)


def _read_jsonl_file(path: Path, name: str, default_date: str | None) -> Iterator[Record | ReadError]:
    with path.open("rb") as f:
        yield from jsonl_records(decoded_lines(bounded_lines(f)), name, path.stem, default_date)


# Stands in for a line too long to read, so the row holding it is reported (a private-use character).
_LONG_LINE = "\ue000heron: line too long\ue000\n"


def _csv_lines(raw_lines: Iterable[bytes | LineTooLong]) -> Iterator[str]:
    # surrogateescape keeps the csv module streaming past a bad byte; rows holding one are
    # reported by _read_csv_file instead of being decoded by guesswork.
    for lineno, raw in enumerate(raw_lines, start=1):
        if isinstance(raw, LineTooLong):
            yield _LONG_LINE
            continue
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        yield raw.decode("utf-8", errors="surrogateescape")


_ESCAPED_BYTE = re.compile(r"[\udc80-\udcff]")


def _read_csv_file(path: Path, name: str, default_date: str | None) -> Iterator[Record | ReadError]:
    csv.field_size_limit(MAX_LINE_BYTES)   # the default, 128 KB, would refuse a long article
    with path.open("rb") as f:
        reader = csv.reader(_csv_lines(bounded_lines(f)))
        try:
            header = next(reader)
        except StopIteration:
            yield ReadError(name, "empty file")
            return
        except csv.Error as exc:
            yield ReadError(f"{name}:1", f"invalid CSV header ({exc})")
            return
        columns = [h.strip().lower() for h in header]
        if "text" not in columns:
            yield ReadError(name, f"no 'text' column in the CSV header (found: {', '.join(header)[:200]})")
            return
        rows = 0
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                rows += 1
                yield ReadError(f"{name}:{start}", f"invalid CSV row ({exc})")
                continue
            if not any(cell.strip() for cell in row):
                continue
            rows += 1
            where = f"{name}:{start}"
            if any(_LONG_LINE[:-1] in cell for cell in row):
                yield ReadError(where, f"line too long (over {MAX_LINE_BYTES:,} bytes; not read)")
                continue
            if any(_ESCAPED_BYTE.search(cell) for cell in row):
                yield ReadError(where, "undecodable bytes (not UTF-8)")
                continue
            fields = dict(zip(columns, row))
            yield make_record(fields, where, f"{path.stem}:{start}", default_date)
        if not rows:
            yield ReadError(name, "no records (only a header row)")


_READERS = {"text": _read_text_file, "jsonl": _read_jsonl_file, "csv": _read_csv_file, "html": read_html_file}


def _read_file(path: Path, name: str, default_date: str | None) -> Iterator[Record | ReadError]:
    kind = FORMAT_BY_SUFFIX.get(path.suffix.lower())
    if kind is None:
        supported = ", ".join(sorted(FORMAT_BY_SUFFIX))
        yield ReadError(name, f"unsupported file type {path.suffix or '(none)'!r} (supported: {supported})")
        return
    if problem := _not_regular(path):
        yield ReadError(name, problem)
        return
    head = _read_head(path, name)
    if isinstance(head, ReadError):
        yield head
        return
    try:
        yield from _READERS[kind](path, name, default_date)
    except OSError as exc:
        yield ReadError(name, f"cannot read file ({exc.strerror or exc})")


def _folder_files(folder: Path) -> Iterator[Path | ReadError]:
    """Supported files under a folder, recursively, in sorted order; hidden entries skipped."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield ReadError(str(folder), f"cannot read folder ({exc.strerror or exc})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name
        if entry.is_dir(follow_symlinks=False):
            yield from _folder_files(path)
        elif Path(entry.name).suffix.lower() in FORMAT_BY_SUFFIX:
            yield path


def _read_folder(folder: Path, default_date: str | None) -> Iterator[Record | ReadError]:
    found = False
    for item in _folder_files(folder):
        if isinstance(item, ReadError):
            yield item
            continue
        found = True
        yield from _read_file(item, str(item), default_date)
    if not found:
        yield ReadError(str(folder), "no .txt, .jsonl, .csv or .html files in this folder")


# ---------------------------------------------------------------------------------------------
# Stdin


def _stdin_lines() -> Iterator[tuple[int, Line]]:
    stream = sys.stdin
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        yield from decoded_lines(bounded_lines(buffer))
    else:  # an already-decoded text stream (e.g. io.StringIO)
        yield from enumerate(stream, start=1)


def _read_stdin(default_date: str | None) -> Iterator[Record | ReadError]:
    lines = _stdin_lines()
    leading: list[tuple[int, Line]] = []
    first = None
    for item in lines:
        leading.append(item)
        line = item[1]
        if not isinstance(line, str) or line.strip():
            first = line
            break
    if first is None:
        yield ReadError("<stdin>", "empty input")
        return
    if isinstance(first, str) and first.lstrip().startswith("{"):
        yield from jsonl_records(chain(leading, lines), "<stdin>", "stdin", default_date)
        return
    parts, size = [], 0
    for lineno, line in chain(leading, lines):
        if isinstance(line, UnicodeDecodeError):
            yield ReadError("<stdin>", undecodable(line, f" of line {lineno}"))
            return
        size += len(line) if isinstance(line, str) else line.limit
        if size > MAX_TEXT_CHARS:
            yield ReadError("<stdin>", f"text too long (over {MAX_TEXT_CHARS:,} characters; heron codes at most "
                                       f"{MAX_TEXT_CHARS:,} per record)")
            return
        parts.append(line)
    yield text_record("".join(parts), "<stdin>", "stdin", default_date)


# ---------------------------------------------------------------------------------------------
# Entry point


def read_inputs(paths: list[str], date: str | None = None) -> Iterator[Record | ReadError]:
    """Yield a record dict or a ReadError for every document in ``paths`` (files, folders, "-").

    ``date`` (the CLI's --date) fills records that have no date of their own. It is checked at
    once, so a bad --date raises ValueError here, before any input is read.
    """
    default_date = normalise_date(date) if date is not None else None
    return _read_all(list(paths), default_date)


def _read_all(paths: list[str], default_date: str | None) -> Iterator[Record | ReadError]:
    for raw in map(str, paths):
        if raw == "-":
            yield from _read_stdin(default_date)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _read_folder(path, default_date)
        elif path.exists():
            yield from _read_file(path, raw, default_date)
        else:
            yield ReadError(raw, "no such file or directory")


def sample_corpus_path() -> Path:
    """The bundled demo corpus (``heron/data/sample/sample.jsonl``), seed article first."""
    return Path(__file__).parent.parent / "data" / "sample" / "sample.jsonl"
