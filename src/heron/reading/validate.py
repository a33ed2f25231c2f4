"""The last check before a record becomes a Document, for every way in (files, stdin, the Python API).

Readers already refuse what they can name by file and line; this repeats the checks that matter
for records built in Python, cleans the text fields (`heron.reading.clean`) and adds a warning for
text heron cannot code well (`heron.reading.language`). Problems raise ValueError("id: message").
"""
from __future__ import annotations

from heron.reading.clean import clean_field
from heron.reading.input_dates import normalise_date
from heron.reading.language import language_warning
from heron.reading.records import MAX_TEXT_CHARS, METADATA, too_long


def document_fields(rec: dict, n: int = 0) -> dict:
    """id, text, date, title, url, publisher and warnings for a Document; ValueError naming the record."""
    warnings = [str(w) for w in rec.get("warnings") or []]
    doc_id, found = clean_field("id", str(rec.get("id") or ""))
    doc_id = doc_id.strip() or f"doc{n}"
    warnings += found
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{doc_id}: empty text")
    if len(text) > MAX_TEXT_CHARS:
        raise ValueError(f"{doc_id}: {too_long(len(text))}")
    fields: dict = {"id": doc_id}
    for key, value in (("text", text), *((k, rec.get(k)) for k in METADATA)):
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{doc_id}: '{key}' must be a string or null (got {type(value).__name__})")
        if value is not None:
            value, found = clean_field(key, value)
            warnings += found
        fields[key] = value
    if not fields["text"].strip():
        raise ValueError(f"{doc_id}: empty text (only control characters)")
    date = rec.get("date")
    if date:
        try:
            date = normalise_date(str(date))
        except ValueError as exc:
            raise ValueError(f"{doc_id}: {exc}") from None
    if language := language_warning(fields["text"]):
        warnings.append(language)
    return {**fields, "date": date or None, "warnings": warnings}


def stored_key(rec: dict) -> tuple[str | None, str]:
    """The id and text a record will be stored under, cleaned as `document_fields` cleans them, so a
    store can tell it already holds the record before it is coded."""
    rid = clean_field("id", str(rec["id"]))[0].strip() if rec.get("id") else None
    text = rec.get("text")
    return rid, clean_field("text", text)[0] if isinstance(text, str) else ""
