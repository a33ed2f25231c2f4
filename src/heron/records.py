"""Typed records that flow through the pipeline and out as JSON (see SPEC.md).

Every record has ``to_dict()`` giving the SPEC JSON shape and ``from_dict()`` reading it back,
so a coded document survives a JSON round trip unchanged.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, fields
from typing import Any

Span = tuple[int, int]  # character offsets [start, end) into Document.text


def _span(value) -> Span | None:
    return (int(value[0]), int(value[1])) if value is not None else None


# Always present in output (null when unknown), so consumers can rely on the keys.
_CORE_KEYS = {"text", "span", "name", "country", "sector", "kind", "code", "wikidata", "role", "lat", "lon",
              "geonameid", "date", "precision"}


def _clean(obj) -> dict:
    """A flat record as a dict; optional extras are left out when empty; spans become lists.

    Faster than dataclasses.asdict, which deep-copies every value."""
    out = {}
    for k in obj.__dataclass_fields__:
        v = getattr(obj, k)
        if v is None and k not in _CORE_KEYS:
            continue
        out[k] = list(v) if isinstance(v, (tuple, list)) else v
    return out


@dataclass
class Actor:
    """A resolved actor: a state, an organisation, a person with office, a group."""

    text: str = ""
    span: Span | None = None
    name: str | None = None          # canonical name ("Antony Blinken", "Kazakhstan")
    country: str | None = None       # ISO 3166-1 alpha-3
    sector: str | None = None        # PLOVER/CAMEO sector code (GOV, MIL, ...)
    kind: str = "unknown"            # state | igo | ngo | nonstate | person | unknown
    code: str | None = None          # CAMEO-style code, e.g. USAGOV, IGOUNO
    wikidata: str | None = None
    role: str | None = None          # office held on the document date
    igo: str | None = None           # organisation abbreviation for kind == igo
    members: list[str] | None = None  # expanded country codes of a group
    confidence: float | None = None
    source: str | None = None        # why: "kb:leader", "kb:country", "title", "coref", ...

    def to_dict(self) -> dict[str, Any]:
        return _clean(self)

    @classmethod
    def from_dict(cls, d: dict | None) -> "Actor | None":
        if d is None:
            return None
        names = {f.name for f in fields(cls)}
        a = cls(**{k: v for k, v in d.items() if k in names})
        a.span = _span(a.span)
        return a


@dataclass
class Mention:
    """A phrase in the text that refers to an actor (resolved or not)."""

    id: str
    text: str
    span: Span
    sentence: int
    actor: Actor | None = None
    head: int | None = None          # token index of the phrase head (not serialised)
    coref: str | None = None         # id of the mention this one refers back to
    # the mentions this one stands for as a party ("the statement" for its issuers; not serialised)
    stands_for: list["Mention"] | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        d = {"id": self.id, "text": self.text, "span": list(self.span), "sentence": self.sentence,
             "actor": self.actor.to_dict() if self.actor else None}
        if self.coref:
            d["coref"] = self.coref
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Mention":
        return cls(id=d["id"], text=d["text"], span=_span(d["span"]), sentence=d["sentence"],
                   actor=Actor.from_dict(d.get("actor")), coref=d.get("coref"))


@dataclass
class Place:
    text: str
    span: Span | None = None
    name: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str | None = None       # city | country | admin1 | region
    sentence: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return _clean(self)

    @classmethod
    def from_dict(cls, d: dict | None) -> "Place | None":
        if d is None:
            return None
        names = {f.name for f in fields(cls)}
        p = cls(**{k: v for k, v in d.items() if k in names})
        p.span = _span(p.span)
        return p


@dataclass
class DateRef:
    text: str
    span: Span | None
    date: str | None                 # ISO date (YYYY-MM-DD), or None when unresolved
    precision: str = "day"           # day | month | year
    sentence: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return _clean(self)

    @classmethod
    def from_dict(cls, d: dict) -> "DateRef":
        names = {f.name for f in fields(cls)}
        r = cls(**{k: v for k, v in d.items() if k in names})
        r.span = _span(r.span)
        return r


@dataclass
class Quote:
    id: str
    text: str
    span: Span
    speaker: Actor | None = None
    addressee: Actor | None = None
    about: Actor | None = None       # whom the words are about ("..., she said of Russia")
    speaker_text: str | None = None
    speaker_span: Span | None = None
    partial: bool = False
    indirect: bool = False
    cue: str | None = None           # the reporting verb or phrase ("said", "according to")

    def to_dict(self) -> dict[str, Any]:
        d = {"id": self.id, "text": self.text, "span": list(self.span),
             "speaker": self.speaker.to_dict() if self.speaker else None,
             "addressee": self.addressee.to_dict() if self.addressee else None,
             **({"about": self.about.to_dict()} if self.about else {}),
             "speaker_text": self.speaker_text,
             "speaker_span": list(self.speaker_span) if self.speaker_span else None,
             "partial": self.partial, "indirect": self.indirect, "cue": self.cue}
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Quote":
        return cls(id=d["id"], text=d["text"], span=_span(d["span"]),
                   speaker=Actor.from_dict(d.get("speaker")), addressee=Actor.from_dict(d.get("addressee")),
                   about=Actor.from_dict(d.get("about")),
                   speaker_text=d.get("speaker_text"), speaker_span=_span(d.get("speaker_span")),
                   partial=d.get("partial", False), indirect=d.get("indirect", False), cue=d.get("cue"))


@dataclass
class Trigger:
    text: str
    span: Span

    def to_dict(self):
        return {"text": self.text, "span": list(self.span)}


@dataclass
class Event:
    id: str
    sentence: int
    span: Span
    trigger: Trigger
    actor: list[Actor]
    recipient: list[Actor]
    plover: dict                     # {"type", "mode", "context": [...]}
    cameo: dict                      # {"code", "root", "name"}
    quad_class: int | None = None
    goldstein: float | None = None
    plover_score: float | None = None
    date: str | None = None
    date_text: str | None = None
    date_precision: str | None = None
    location: Place | None = None
    modality: str = "asserted"
    quote_id: str | None = None
    confidence: float = 0.5
    explain: dict | None = None      # which pattern or model decided, and why

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "sentence": self.sentence, "span": list(self.span), "trigger": self.trigger.to_dict(),
            "actor": [a.to_dict() for a in self.actor], "recipient": [a.to_dict() for a in self.recipient],
            "plover": self.plover, "cameo": self.cameo, "quad_class": self.quad_class,
            "goldstein": self.goldstein, "plover_score": self.plover_score,
            "date": self.date, "date_text": self.date_text, "date_precision": self.date_precision,
            "location": self.location.to_dict() if self.location else None,
            "modality": self.modality, "quote_id": self.quote_id, "confidence": self.confidence,
            "explain": self.explain,
        }

    @classmethod
    def from_dict(cls, d: dict) -> "Event":
        t = d["trigger"]
        return cls(id=d["id"], sentence=d["sentence"], span=_span(d["span"]),
                   trigger=Trigger(t["text"], _span(t["span"])),
                   actor=[Actor.from_dict(a) for a in d.get("actor", [])],
                   recipient=[Actor.from_dict(a) for a in d.get("recipient", [])],
                   plover=d["plover"], cameo=d["cameo"], quad_class=d.get("quad_class"),
                   goldstein=d.get("goldstein"), plover_score=d.get("plover_score"),
                   date=d.get("date"), date_text=d.get("date_text"), date_precision=d.get("date_precision"),
                   location=Place.from_dict(d.get("location")), modality=d.get("modality", "asserted"),
                   quote_id=d.get("quote_id"), confidence=d.get("confidence", 0.5), explain=d.get("explain"))


@dataclass
class Document:
    id: str
    text: str
    date: str | None = None
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    sentences: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    layout: Any = None               # heron.structure.Layout: headline, dateline, furniture
    focus_country: str | None = None  # the state the story is about (heron.actors.focus)
    # Working state shared by the stages; never serialised.
    nlp: Any = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "date": self.date, "title": self.title, "url": self.url, "publisher": self.publisher,
            "text": self.text, "sentences": [list(s) for s in self.sentences],
            "mentions": [m.to_dict() for m in self.mentions], "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes], "places": [p.to_dict() for p in self.places],
            "dates": [d.to_dict() for d in self.dates], "warnings": list(self.warnings),
            **({"structure": self.layout.to_dict()} if self.layout is not None else {}),
            **({"focus_country": self.focus_country} if self.focus_country else {}),
        }

    @classmethod
    def from_dict(cls, d: dict) -> "Document":
        return cls(id=d["id"], text=d["text"], date=d.get("date"), title=d.get("title"), url=d.get("url"),
                   publisher=d.get("publisher"), sentences=[_span(s) for s in d.get("sentences", [])],
                   mentions=[Mention.from_dict(m) for m in d.get("mentions", [])],
                   events=[Event.from_dict(e) for e in d.get("events", [])],
                   quotes=[Quote.from_dict(q) for q in d.get("quotes", [])],
                   places=[Place.from_dict(p) for p in d.get("places", [])],
                   dates=[DateRef.from_dict(x) for x in d.get("dates", [])],
                   warnings=list(d.get("warnings", [])), focus_country=d.get("focus_country"))

    def sentence_of(self, char: int) -> int:
        """Index of the sentence holding `char` (sentences are in text order; a binary search, as a
        long document has thousands); the last sentence for a character between sentences."""
        i = bisect_right(self.sentences, char, key=lambda span: span[0]) - 1
        if i >= 0 and char < self.sentences[i][1]:
            return i
        return max(0, len(self.sentences) - 1)
