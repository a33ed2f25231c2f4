"""HTML input: main text and page metadata extracted with trafilatura."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from heron.reading.input_dates import normalise_date
from heron.reading.records import MAX_FILE_BYTES, ReadError, Record, optional_str, text_record

# <meta> names/properties/itemprops that state when a page was published. Only these count as the
# page's date: trafilatura's own date guess also reads dates out of the body text, and such a guess
# must not override the user's --date.
PUBLISHED_META = frozenset({
    "article:published_time", "og:published_time", "og:article:published_time", "datepublished", "date",
    "pubdate", "publishdate", "publish-date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created",
    "dcterms.issued", "article.published", "parsely-pub-date", "sailthru.date"})


def published_date(html_bytes: bytes) -> str | None:
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


def read_html_file(path: Path, name: str, default_date: str | None) -> Iterator[Record | ReadError]:
    import trafilatura  # imported here: it is only needed for HTML input

    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        yield ReadError(name, f"page too large ({size:,} bytes; heron reads HTML pages up to {MAX_FILE_BYTES:,})")
        return
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
    page_date = published_date(data)
    yield text_record(text, name, path.stem, default_date, date=page_date, title=optional_str(page.title),
                       url=optional_str(page.url), publisher=optional_str(page.sitename))

