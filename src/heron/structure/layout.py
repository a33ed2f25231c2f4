"""Read a news page's structure off its lines: headline, dateline, byline, captions, page furniture.

Real input is the page as scraped: a headline line, "By NAME", "Published: ...", "CITY (Agency) —" opening the
lead, photo captions and credits, share buttons, section labels. Each line gets a role:

- ``heading``: the headline, a sub-headline or a section heading (short, no sentence-final punctuation);
- ``caption``: a photo caption or credit line ("... (File photo: RD)", "Photo: AFP", "1 of 5 | ...");
- ``furniture``: bylines, credits, dates and times, share/ads/related-links boilerplate, URLs, tweet signatures;
- ``body``: the story.

A furniture *prefix* of a body line ("date 2024-01-26 ", "1 of 5 | ", "(MENAFN) ") and a *dateline*
("ABUJA, Nigeria — ", "SEOUL, Dec. 4 (UPI) -- ") are split off the line. Every line start and every split point
is a sentence break for the parser. The patterns live in ``heron/data/structure/layout.json``.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

Span = tuple[int, int]
ROLES = ("heading", "caption", "furniture", "body")
# A heading has at most this many words and no sentence-final punctuation.
MAX_HEADING_WORDS = 22
MAX_SECTION_WORDS = 3
MAX_CAPTION_WORDS = 70
# A single sentence this short ending in a photo credit ("... shelters (File photo: RD)") is a caption.
MAX_CREDITED_CAPTION_WORDS = 35
QUOTE_MARKS = "\"'“”‘’«"
MULTI_SENTENCE = re.compile(r"[a-z0-9][.!?][\"”’]?\s+[A-Z“\"]")
SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*\s*$|[\"”]\s*$")


@dataclass
class Block:
    """One line (or the part of a line) with its role."""

    start: int
    end: int
    role: str
    kind: str = ""          # why: "byline", "credit", "dateline", "headline", "section", ...

    def to_list(self) -> list:
        return [self.start, self.end, self.role, self.kind]


@dataclass
class Layout:
    blocks: list[Block] = field(default_factory=list)
    headline: Span | None = None
    dateline: Span | None = None
    dateline_place: str | None = None     # the place words of the dateline ("ABUJA, Nigeria")
    filed_in: Any = None                  # that place geocoded (a records.Place), set by the when/where stage
    _sorted: Any = field(default=None, repr=False, compare=False)

    @property
    def breaks(self) -> list[int]:
        """Character offsets where a sentence must start."""
        return sorted({b.start for b in self.blocks})

    def role_at(self, char: int) -> str:
        starts, ordered = self._index()
        i = bisect_right(starts, char) - 1
        return ordered[i].role if i >= 0 and char < ordered[i].end else "body"

    def _index(self) -> tuple[list[int], list[Block]]:
        """Blocks by start, for binary search (blocks never overlap)."""
        if self._sorted is None or len(self._sorted[1]) != len(self.blocks):
            ordered = sorted(self.blocks, key=lambda b: b.start)
            self._sorted = ([b.start for b in ordered], ordered)
        return self._sorted

    def codable(self, start: int, end: int) -> bool:
        """Whether events may be coded in [start, end): not in captions or furniture."""
        return not any(b.start <= start and end <= b.end + 1 for b in self._uncodable)

    @cached_property
    def _uncodable(self) -> tuple[Block, ...]:
        # Asked once per candidate event, after the layout is complete; a long text has a block per line.
        return tuple(b for b in self.blocks if b.role in ("caption", "furniture"))

    def to_dict(self) -> dict:
        return {"headline": list(self.headline) if self.headline else None,
                "dateline": ({"text": self.dateline_place, "span": list(self.dateline),
                              "place": self.filed_in.to_dict() if self.filed_in is not None else None}
                             if self.dateline else None),
                "blocks": [b.to_list() for b in self.blocks if b.role != "body"]}


@lru_cache(maxsize=1)
def _patterns() -> dict[str, list[re.Pattern]]:
    with resources.files("heron.data").joinpath("structure/layout.json").open(encoding="utf-8") as f:
        raw = json.load(f)
    return {k: [re.compile(p) for p in v] for k, v in raw.items() if not k.startswith("_")}


def _matches(kind: str, line: str) -> bool:
    return any(p.search(line) for p in _patterns()[kind])


def _prefix(kind: str, line: str) -> int:
    """Length of a leading match of one of the ``kind`` patterns (0 if none)."""
    for p in _patterns()[kind]:
        m = p.match(line)
        if m and m.end() < len(line):
            return m.end()
    return 0


def _is_heading(line: str, last: bool) -> bool:
    """A headline, dek or section heading: short, no sentence-final punctuation, not a quotation, not the
    truncated last line of an excerpt."""
    words = line.split()
    if last or not words or len(words) > MAX_HEADING_WORDS or SENTENCE_END.search(line):
        return False
    if line[0] in QUOTE_MARKS or MULTI_SENTENCE.search(line):
        return False
    return any(w[:1].isalpha() for w in words)


def _lines(text: str):
    """(start, end) of each non-empty line, trimmed of surrounding whitespace."""
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            yield start, end


def analyse(text: str, is_place=None) -> Layout:
    """The layout of a page's text: one Block per non-empty line (or line part).

    ``is_place(name)`` (optional) confirms that a Title-case dateline names a place."""
    layout = Layout()
    lines = list(_lines(text))
    seen_body = False
    for n, (start, end) in enumerate(lines):
        start = _split_prefixes(text, start, end, layout)
        credited, end = end, _split_suffix(text, start, end, layout)
        credited = credited != end
        line = text[start:end]
        if not line:
            continue
        if _matches("furniture_line", line):
            layout.blocks.append(Block(start, end, "furniture", "boilerplate"))
            continue
        if _matches("caption_line", line) and len(line.split()) <= MAX_CAPTION_WORDS or credited \
                and len(line.split()) <= MAX_CREDITED_CAPTION_WORDS and not MULTI_SENTENCE.search(line):
            layout.blocks.append(Block(start, end, "caption", "caption"))
            continue
        if _is_heading(line, last=n == len(lines) - 1):
            if _matches("byline", line):
                layout.blocks.append(Block(start, end, "furniture", "byline"))
            elif len(line.split()) <= MAX_SECTION_WORDS or _matches("section_line", line):
                layout.blocks.append(Block(start, end, "furniture", "section"))
            elif layout.headline is None and not seen_body:
                layout.headline = (start, end)
                layout.blocks.append(Block(start, end, "heading", "headline"))
            else:
                layout.blocks.append(Block(start, end, "heading", "subheading"))
            continue
        if layout.dateline is None and len(layout.blocks) < 12:
            k, place = _dateline(line, is_place)
            if k:
                layout.dateline, layout.dateline_place = (start, start + k), place
                layout.blocks.append(Block(start, start + k, "furniture", "dateline"))
                start = _skip_space(text, start + k, end)
        seen_body = True
        layout.blocks.append(Block(start, end, "body", ""))
    return layout


def _skip_space(text: str, i: int, end: int) -> int:
    while i < end and text[i].isspace():
        i += 1
    return i


def _split_prefixes(text: str, start: int, end: int, layout: Layout) -> int:
    """Split "date 2024-01-26 ", "(MENAFN) ", "Thursday, November 23, 2023 – " ... off a line, repeatedly."""
    while True:
        k = _prefix("furniture_prefix", text[start:end])
        if not k:
            return start
        layout.blocks.append(Block(start, start + k, "furniture", "prefix"))
        start = _skip_space(text, start + k, end)


def _split_suffix(text: str, start: int, end: int, layout: Layout) -> int:
    """Split a trailing credit ("(Image: social media).") off a line."""
    line = text[start:end]
    for p in _patterns()["furniture_suffix"]:
        m = p.search(line)
        if m and m.start() > 0:
            layout.blocks.append(Block(start + m.start(), end, "furniture", "credit"))
            return start + m.start()
    return end


def _dateline(line: str, is_place=None) -> tuple[int, str | None]:
    for p in _patterns()["dateline"]:
        m = p.match(line)
        if m and m.end() < len(line):
            place = (m.groupdict().get("place") or "").strip(" ,") or None
            city = (place or "").split(",")[0]
            if city and not city.isupper() and is_place is not None \
                    and not all(is_place(part.strip()) for part in city.split("/")):
                continue     # a Title-case opener must name a known place ("Nairobi —", not "Meanwhile —")
            return m.end(), place
    return 0, None
