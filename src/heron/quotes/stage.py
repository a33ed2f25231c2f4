"""Stage: quotes and who said them.

Finds direct, partial and indirect quotes (heron.quotes), attributes each to the actor of the
speaker mention (following pronoun and title coreference), and lets "we"/"I" inside a quote stand
for its speaker, so that "“We have things to offer,” said Donald Lu" codes Lu's side.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace

from heron.quotes import find_quotes
from heron.records import Actor, Document, Mention, Quote

FIRST_PERSON = {"we", "us", "our", "ours", "i", "me", "my"}


class MentionIndex:
    """A document's mentions by start offset: those near a span in O(log n), in their original order
    (a long document has thousands, and each quote looks at a few)."""

    def __init__(self, mentions: list[Mention]):
        self.mentions = mentions
        self.order = sorted((k for k, m in enumerate(mentions) if m.span is not None),
                            key=lambda k: mentions[k].span[0])
        self.starts = [mentions[k].span[0] for k in self.order]
        self.longest = max((mentions[k].span[1] - mentions[k].span[0] for k in self.order), default=0)

    def starting_in(self, start: int, end: int) -> list[Mention]:
        """Mentions that start in [start, end)."""
        found = self.order[bisect_left(self.starts, start):bisect_left(self.starts, end)]
        return [self.mentions[k] for k in sorted(found)]

    def overlapping(self, start: int, end: int) -> list[Mention]:
        """Mentions that share a character with [start, end) (none starts more than `longest` before it)."""
        return [m for m in self.starting_in(start - self.longest, end) if m.span[1] > start]


def mention_at(index: MentionIndex, span) -> Mention | None:
    """The resolved mention that best covers a character span (exact, then containing, then inside)."""
    if span is None:
        return None
    s, e = span
    best, best_score = None, None
    for m in index.overlapping(s, e):
        if m.actor is None or m.span[1] <= s or m.span[0] >= e:
            continue
        overlap = min(e, m.span[1]) - max(s, m.span[0])
        score = (m.span == (s, e), overlap, -(m.span[1] - m.span[0]))
        if best_score is None or score > best_score:
            best, best_score = m, score
    return best


@dataclass
class QuoteAttributor:
    name: str = "quotes"

    def __call__(self, doc: Document) -> Document:
        quotes = []
        index = MentionIndex(doc.mentions)
        for n, raw in enumerate(find_quotes(doc.nlp)):
            speaker = self._actor(index, raw.speaker_ref_span) or self._actor(index, raw.speaker_span)
            addressee = self._actor(index, raw.addressee_span)
            q = Quote(id=f"{doc.id}:q{n}", text=raw.text, span=tuple(raw.span), speaker=speaker, addressee=addressee,
                      about=self._actor(index, raw.topic_span),
                      speaker_text=raw.speaker_text, speaker_span=tuple(raw.speaker_span) if raw.speaker_span else None,
                      partial=raw.partial, indirect=raw.indirect, cue=raw.cue)
            quotes.append(q)
            if speaker is not None and not raw.indirect:
                self._first_person(doc, index, q, speaker)
        doc.quotes = quotes
        return doc

    @staticmethod
    def _actor(index: MentionIndex, span) -> Actor | None:
        m = mention_at(index, span)
        return m.actor if m is not None else None

    @staticmethod
    def _first_person(doc: Document, index: MentionIndex, q: Quote, speaker: Actor) -> None:
        sdoc = doc.nlp
        for m in index.starting_in(q.span[0], q.span[1]):
            if m.actor is None and m.head is not None \
                    and sdoc[m.head].lower_ in FIRST_PERSON:
                who = speaker
                if sdoc[m.head].lower_ in ("we", "us", "our", "ours") and speaker.country:
                    # "we" speaks for the speaker's side, not the person.
                    who = Actor(text=m.text, span=m.span, name=speaker.name, country=speaker.country,
                                sector=speaker.sector, kind=speaker.kind, code=speaker.code,
                                confidence=0.7, source="coref:speaker")
                m.actor = replace(who, text=m.text, span=m.span, source="coref:speaker")
