"""Stage: quotes and who said them.

Finds direct, partial and indirect quotes (heron.quotes), attributes each to the actor of the
speaker mention (following pronoun and title coreference), and lets "we"/"I" inside a quote stand
for its speaker, so that "“We have things to offer,” said Donald Lu" codes Lu's side.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from heron.quotes import find_quotes
from heron.records import Actor, Document, Mention, Quote

FIRST_PERSON = {"we", "us", "our", "ours", "i", "me", "my"}


def mention_at(doc: Document, span) -> Mention | None:
    """The resolved mention that best covers a character span (exact, then containing, then inside)."""
    if span is None:
        return None
    s, e = span
    best, best_score = None, None
    for m in doc.mentions:
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
        for n, raw in enumerate(find_quotes(doc.nlp)):
            speaker = self._actor(doc, raw.speaker_ref_span) or self._actor(doc, raw.speaker_span)
            addressee = self._actor(doc, raw.addressee_span)
            q = Quote(id=f"{doc.id}:q{n}", text=raw.text, span=tuple(raw.span), speaker=speaker, addressee=addressee,
                      about=self._actor(doc, raw.topic_span),
                      speaker_text=raw.speaker_text, speaker_span=tuple(raw.speaker_span) if raw.speaker_span else None,
                      partial=raw.partial, indirect=raw.indirect, cue=raw.cue)
            quotes.append(q)
            if speaker is not None and not raw.indirect:
                self._first_person(doc, q, speaker)
        doc.quotes = quotes
        return doc

    @staticmethod
    def _actor(doc: Document, span) -> Actor | None:
        m = mention_at(doc, span)
        return m.actor if m is not None else None

    @staticmethod
    def _first_person(doc: Document, q: Quote, speaker: Actor) -> None:
        sdoc = doc.nlp
        for m in doc.mentions:
            if q.span[0] <= m.span[0] < q.span[1] and m.actor is None and m.head is not None \
                    and sdoc[m.head].lower_ in FIRST_PERSON:
                who = speaker
                if sdoc[m.head].lower_ in ("we", "us", "our", "ours") and speaker.country:
                    # "we" speaks for the speaker's side, not the person.
                    who = Actor(text=m.text, span=m.span, name=speaker.name, country=speaker.country,
                                sector=speaker.sector, kind=speaker.kind, code=speaker.code,
                                confidence=0.7, source="coref:speaker")
                m.actor = replace(who, text=m.text, span=m.span, source="coref:speaker")
