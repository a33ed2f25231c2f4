"""Quote records and the quote lexicon (reporting verbs, title and source nouns, quote-mark pairs)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

Span = tuple[int, int]


@dataclass
class RawQuote:
    text: str
    span: Span
    speaker_text: str | None
    speaker_span: Span | None
    speaker_ref_span: Span | None
    addressee_text: str | None
    addressee_span: Span | None
    partial: bool
    indirect: bool
    cue: str | None
    sentence: int
    topic_span: Span | None = None     # whom the words are about: "..., she said of Russia"


@dataclass(frozen=True)
class QuoteLexicon:
    marks: dict[str, str]
    speech_verbs: frozenset[str]
    indirect_verbs: frozenset[str]
    addressee_verbs: frozenset[str]
    addressee_preps: frozenset[str]
    topic_preps: frozenset[str]
    title_nouns: frozenset[str]
    source_nouns: frozenset[str]
    org_nouns: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    speaker_entity_labels: frozenset[str]


@lru_cache(maxsize=1)
def load_lexicon() -> QuoteLexicon:
    raw = json.loads(resources.files("heron.data").joinpath("quotes/lexicon.json").read_text("utf-8"))
    sets = {k: frozenset(v) for k, v in raw.items() if isinstance(v, list)}
    return QuoteLexicon(marks=dict(raw["marks"]), **sets)


def copy_speaker(src: RawQuote, dst: RawQuote) -> None:
    dst.speaker_text, dst.speaker_span, dst.speaker_ref_span = src.speaker_text, src.speaker_span, src.speaker_ref_span

