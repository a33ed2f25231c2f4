"""Stage *quotes*: direct, split, multi-paragraph, partial and indirect quotes with their speakers.
Adds ``Document.quotes`` (``quotes/stage.py``), each with its speaker and addressee actors.

``find_quotes(sdoc)`` reads a parsed spaCy Doc and returns :class:`RawQuote` records. The reporting-cue
verbs, title nouns and "according to" sources live in ``data/quotes/lexicon.json``.

Decisions worth knowing:
- Quote marks are paired on characters ("…", “…”, «…»), not on spaCy sentences, because the parser
  often splits sentences inside a quote. A news-style quote running over paragraphs (an opening mark
  starts the next paragraph while the previous one is still open) yields one quote per paragraph.
- A short quoted fragment inside a clause with no reporting cue governing it or elsewhere in its sentence,
  or whose cue has no speaker ("the so-called “…”"), is a scare quote or a title ("the “reliable partner”
  card") and is not returned at all: it is nobody's speech. A full quoted sentence with no cue inherits the
  speaker of the previous quote in the same or the previous paragraph; failing that it has no speaker.
- Indirect speech is returned only when its reported clause contains no quote marks; otherwise the direct
  or partial quote inside it already stands for it (the seed's “determined to strengthen”).
"""
from __future__ import annotations

from heron.quotes.attribution import Attributor
from heron.quotes.marks import scan_marks
from heron.quotes.model import QuoteLexicon, RawQuote, Span, load_lexicon

__all__ = ["QuoteLexicon", "RawQuote", "Span", "find_quotes", "load_lexicon", "scan_marks"]

_scan_marks = scan_marks   # the name tests/test_quotes.py imports


def find_quotes(sdoc) -> list[RawQuote]:
    """All quotes in a parsed document, in text order."""
    att = Attributor(sdoc, load_lexicon())
    direct = att.direct_quotes()
    return sorted(direct + att.indirect_quotes(direct), key=lambda q: q.span[0])
