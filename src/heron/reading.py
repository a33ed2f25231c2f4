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
import json
import os
import re
import sys
from dataclasses import dataclass
from datetime import date as Date
from datetime import datetime
from itertools import chain
from pathlib import Path
from typing import Iterable, Iterator

FORMAT_BY_SUFFIX = {".txt": "text", ".text": "text", ".jsonl": "jsonl", ".ndjson": "jsonl",
                    ".csv": "csv", ".html": "html", ".htm": "html"}
RECORD_FIELDS = ("id", "text", "date", "title", "url", "publisher")
SNIFF_BYTES = 8192  # enough of a file's head to tell text from binary

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


# ---------------------------------------------------------------------------------------------
# Dates

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_WEEKDAY_PREFIX = re.compile(r"^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+", re.I)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](.+))?$")
_SLASHED = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$", re.I)
_MONTH_DAY_YEAR = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$", re.I)


def _month_number(word: str) -> int | None:
    """'Feb', 'February', 'Sept' -> 2, 2, 9; None for anything that is not an English month."""
    word = word.lower()
    if len(word) < 3:
        return None
    for number, name in enumerate(_MONTHS, start=1):
        if name.startswith(word) or (word == "sept" and number == 9):
            return number
    return None


def normalise_date(value: str) -> str:
    """Normalise a date to ISO ``YYYY-MM-DD``; raise ValueError with a readable message otherwise.

    Accepts ISO dates and datetimes ("2023-02-28", "2023-02-28T10:00:00Z"; the calendar date is
    kept as written, not shifted to UTC), "2023/02/28", "28 February 2023", "Feb 28, 2023",
    with an optional leading weekday and ordinal suffixes. All-numeric day/month orders such as
    "02/03/2023" are rejected as ambiguous.
    """
    text = str(value).strip()
    hint = "(expected e.g. 2023-02-28 or 28 February 2023)"
    if not text:
        raise ValueError(f"empty date {hint}")
    year = month = day = None
    if m := _ISO.match(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
        if m[4] is not None:
            try:
                datetime.fromisoformat(text)
            except ValueError:
                raise ValueError(f"invalid date-time {value!r} {hint}") from None
    elif m := _SLASHED.match(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    else:
        words = _WEEKDAY_PREFIX.sub("", text)
        if m := _DAY_MONTH_YEAR.match(words):
            day, month, year = int(m[1]), _month_number(m[2]), int(m[3])
        elif m := _MONTH_DAY_YEAR.match(words):
            month, day, year = _month_number(m[1]), int(m[2]), int(m[3])
    if year is None or month is None:
        raise ValueError(f"unknown date {value!r} {hint}")
    try:
        return Date(year, month, day).isoformat()
    except ValueError as exc:
        raise ValueError(f"invalid date {value!r} ({exc})") from None


# ---------------------------------------------------------------------------------------------
# Records


def _optional_str(value) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _make_record(fields: dict, name: str, fallback_id: str, default_date: str | None) -> Record | ReadError:
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
    rid = _optional_str(rid) or fallback_id
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
    return {"id": rid, "text": text, "date": doc_date, "title": _optional_str(fields.get("title")),
            "url": _optional_str(fields.get("url")), "publisher": _optional_str(fields.get("publisher"))}


def _undecodable(exc: UnicodeDecodeError, scope: str = "") -> str:
    bad = exc.object[exc.start:exc.start + 1]
    return f"undecodable bytes (not UTF-8) at byte {exc.start + 1}{scope}: {bad!r}"


def _sniff(head: bytes) -> str | None:
    """Why a file's first bytes show it is not UTF-8 text, or None when they look fine."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 text (not UTF-8); re-save the file as UTF-8"
    if b"\x00" in head:
        return "binary file (contains NUL bytes)"
    return None


def _decoded_lines(raw_lines: Iterable[bytes]) -> Iterator[tuple[int, str | UnicodeDecodeError]]:
    """Number and decode lines one at a time (streaming); a bad line yields its decode error."""
    for lineno, raw in enumerate(raw_lines, start=1):
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            yield lineno, raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield lineno, exc


def _jsonl_records(lines: Iterable[tuple[int, str | UnicodeDecodeError]], name: str, stem: str,
                   default_date: str | None) -> Iterator[Record | ReadError]:
    seen = 0
    for lineno, line in lines:
        where = f"{name}:{lineno}"
        if isinstance(line, UnicodeDecodeError):
            seen += 1
            yield ReadError(where, _undecodable(line, " of the line"))
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
        yield _make_record(obj, where, f"{stem}:{lineno}", default_date)
    if not seen:
        yield ReadError(name, "empty file")


def _text_record(text: str, name: str, doc_id: str, default_date: str | None, **meta) -> Record | ReadError:
    if "\x00" in text:
        return ReadError(name, "binary data (contains NUL bytes)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return ReadError(name, "empty text")
    return {"id": doc_id, "text": text, "date": meta.get("date") or default_date, "title": meta.get("title"),
            "url": meta.get("url"), "publisher": meta.get("publisher")}


# ---------------------------------------------------------------------------------------------
# Files


def _read_head(path: Path, name: str) -> bytes | ReadError:
    try:
        with path.open("rb") as f:
            head = f.read(SNIFF_BYTES)
    except OSError as exc:
        return ReadError(name, f"cannot read file ({exc.strerror or exc})")
    if not head:
        return ReadError(name, "empty file")
    if problem := _sniff(head):
        return ReadError(name, problem)
    return head


def _read_text_file(path: Path, name: str, default_date: str | None) -> Iterator[Record | ReadError]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield ReadError(name, _undecodable(exc))
        return
    yield _text_record(text, name, path.stem, default_date)


def _read_jsonl_file(path: Path, name: str, default_date: str | None) -> Iterator[Record | ReadError]:
    with path.open("rb") as f:
        yield from _jsonl_records(_decoded_lines(f), name, path.stem, default_date)


def _csv_lines(raw_lines: Iterable[bytes]) -> Iterator[str]:
    # surrogateescape keeps the csv module streaming past a bad byte; rows holding one are
    # reported by _read_csv_file instead of being decoded by guesswork.
    for lineno, raw in enumerate(raw_lines, start=1):
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        yield raw.decode("utf-8", errors="surrogateescape")


_ESCAPED_BYTE = re.compile(r"[\udc80-\udcff]")


def _read_csv_file(path: Path, name: str, default_date: str | None) -> Iterator[Record | ReadError]:
    with path.open("rb") as f:
        reader = csv.reader(_csv_lines(f))
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
            if any(_ESCAPED_BYTE.search(cell) for cell in row):
                yield ReadError(where, "undecodable bytes (not UTF-8)")
                continue
            fields = dict(zip(columns, row))
            yield _make_record(fields, where, f"{path.stem}:{start}", default_date)
        if not rows:
            yield ReadError(name, "no records (only a header row)")


# <meta> names/properties/itemprops that state when a page was published. Only these count as the
# page's date: trafilatura's own date guess also reads dates out of the body text, and such a guess
# must not override the user's --date.
PUBLISHED_META = frozenset({
    "article:published_time", "og:published_time", "og:article:published_time", "datepublished", "date",
    "pubdate", "publishdate", "publish-date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created",
    "dcterms.issued", "article.published", "parsely-pub-date", "sailthru.date"})


def _published_date(html_bytes: bytes) -> str | None:
    """The publication date a page declares in its metadata (ISO), or None."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html_bytes)
    except Exception:  # an unparsable page simply has no declared date
        return None
    candidates = []
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in PUBLISHED_META and meta.get("content"):
            candidates.append(meta.get("content"))
    for tag in tree.iter("time"):
        if (tag.get("itemprop") or "").lower() == "datepublished" or tag.get("pubdate") is not None:
            candidates.append(tag.get("datetime") or "")
    for value in candidates:
        for attempt in (value, value.strip()[:10]):
            try:
                return normalise_date(attempt)
            except ValueError:
                continue
    return None


def _read_html_file(path: Path, name: str, default_date: str | None) -> Iterator[Record | ReadError]:
    import trafilatura  # imported here: it is only needed for HTML input

    data = path.read_bytes()
    try:
        page = trafilatura.bare_extraction(
            data, with_metadata=True, include_comments=False,
            date_extraction_params={"extensive_search": False, "original_date": True})
    except OSError:
        raise
    except Exception as exc:  # a third-party parser failing on one page must not stop the run
        yield ReadError(name, f"could not parse HTML ({type(exc).__name__}: {exc})"[:300])
        return
    text = getattr(page, "text", None) if page is not None else None
    if not text or not text.strip():
        yield ReadError(name, "no main text found in the HTML page")
        return
    page_date = _published_date(data)
    yield _text_record(text, name, path.stem, default_date, date=page_date, title=_optional_str(page.title),
                       url=_optional_str(page.url), publisher=_optional_str(page.sitename))


_READERS = {"text": _read_text_file, "jsonl": _read_jsonl_file, "csv": _read_csv_file, "html": _read_html_file}


def _read_file(path: Path, name: str, default_date: str | None) -> Iterator[Record | ReadError]:
    kind = FORMAT_BY_SUFFIX.get(path.suffix.lower())
    if kind is None:
        supported = ", ".join(sorted(FORMAT_BY_SUFFIX))
        yield ReadError(name, f"unsupported file type {path.suffix or '(none)'!r} (supported: {supported})")
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


def _stdin_lines() -> Iterator[tuple[int, str | UnicodeDecodeError]]:
    stream = sys.stdin
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        yield from _decoded_lines(buffer)
    else:  # an already-decoded text stream (e.g. io.StringIO)
        yield from enumerate(stream, start=1)


def _read_stdin(default_date: str | None) -> Iterator[Record | ReadError]:
    lines = _stdin_lines()
    leading: list[tuple[int, str | UnicodeDecodeError]] = []
    first = None
    for item in lines:
        leading.append(item)
        line = item[1]
        if isinstance(line, UnicodeDecodeError) or line.strip():
            first = line
            break
    if first is None:
        yield ReadError("<stdin>", "empty input")
        return
    if isinstance(first, str) and first.lstrip().startswith("{"):
        yield from _jsonl_records(chain(leading, lines), "<stdin>", "stdin", default_date)
        return
    parts = []
    for lineno, line in chain(leading, lines):
        if isinstance(line, UnicodeDecodeError):
            yield ReadError("<stdin>", _undecodable(line, f" of line {lineno}"))
            return
        parts.append(line)
    yield _text_record("".join(parts), "<stdin>", "stdin", default_date)


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
    return Path(__file__).parent / "data" / "sample" / "sample.jsonl"
