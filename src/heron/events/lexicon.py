"""The trigger lexicon: predicate patterns, light verbs, modifiers and non-events, loaded from data/events/*.tsv.

A pattern is ``lemma[+particle_or_preposition][>object_lemma]`` with a CAMEO code; the most specific match
wins. Modifiers ("agreed to", "called for", "refused to", ...) turn the event of their complement into another
type through ``transforms.tsv``.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from heron.ontology import Ontology, default_ontology


# The CAMEO column of a pattern that matches but is not an event ("hold>hand").
NOT_AN_EVENT = "none"


@dataclass(frozen=True)
class LexEntry:
    """What a matched pattern means."""

    kind: str                 # "V" verb/predicate, "N" event noun
    pattern: str              # the pattern text, for --explain
    cameo: str
    plover: str
    mode: str | None
    context: tuple[str, ...]


@dataclass(frozen=True)
class Transform:
    cameo: str
    plover: str


@dataclass
class Lexicon:
    verbs: dict[str, dict[tuple[str | None, str | None], LexEntry]] = field(default_factory=dict)
    nouns: dict[str, dict[str | None, LexEntry]] = field(default_factory=dict)
    light_verbs: frozenset[str] = frozenset()
    modifiers: dict[str, list[tuple[str, str]]] = field(default_factory=dict)   # lemma -> [(arg, effect)]
    transforms: dict[tuple[str, str], Transform] = field(default_factory=dict)  # (effect, type|code|*) -> T
    nonevents: dict[str, str] = field(default_factory=dict)                     # lemma -> report|none

    @classmethod
    def load(cls, directory: Path | None = None, ontology: Ontology | None = None) -> "Lexicon":
        base = Path(directory) if directory else Path(str(resources.files("heron") / "data" / "events"))
        onto = ontology or default_ontology()
        lex = cls()
        for row in _rows(base / "patterns.tsv"):
            kind, pattern, code = row["kind"], row["pattern"], row["cameo"]
            if code == NOT_AN_EVENT:
                # "held the hands of": a more specific pattern that is no event at all
                entry = LexEntry(kind, pattern, NOT_AN_EVENT, NOT_AN_EVENT, None, ())
                lemma, prep, obj = parse_pattern(pattern)
                if kind == "V":
                    lex.verbs.setdefault(lemma, {})[(prep, obj)] = entry
                else:
                    lex.nouns.setdefault(lemma, {})[obj] = entry
                continue
            info = onto.cameo(code)
            if info is None:
                raise ValueError(f"patterns.tsv: unknown CAMEO code {code} for {pattern}")
            plover = row.get("plover") or info.plover_type
            if not plover:
                raise ValueError(f"patterns.tsv: no PLOVER type for {pattern} ({code})")
            same_type = plover == info.plover_type
            mode = row.get("mode") or (info.plover_mode if same_type else None)
            ctx = row.get("context")
            context = tuple(c for c in ctx.split(";") if c) if ctx else (info.plover_context if same_type else ())
            entry = LexEntry(kind, pattern, code, plover, mode, context)
            lemma, prep, obj = parse_pattern(pattern)
            if kind == "V":
                lex.verbs.setdefault(lemma, {})[(prep, obj)] = entry
            else:
                lex.nouns.setdefault(lemma, {})[obj] = entry
        lex.light_verbs = frozenset(r["lemma"] for r in _rows(base / "light_verbs.tsv"))
        for r in _rows(base / "modifiers.tsv"):
            lex.modifiers.setdefault(r["lemma"], []).append((r["arg"], r["effect"]))
        for r in _rows(base / "transforms.tsv"):
            lex.transforms[(r["effect"], r["inner"])] = Transform(r["cameo"], r["plover"])
        lex.nonevents = {r["lemma"]: r["kind"] for r in _rows(base / "nonevents.tsv")}
        return lex

    def verb(self, lemma: str, preps: list[str], objs: list[str],
             pobjs: list[tuple[str, str]] = ()) -> LexEntry | None:
        """Most specific verb pattern: lemma+prep>obj, lemma>obj, lemma+prep, lemma.

        ``pobjs`` are (preposition, object) pairs of the verb's prepositional phrases: they complete a
        ``lemma+prep>obj`` pattern ("took to the streets", "pulled out of the deal") but never a bare
        ``lemma>obj`` one.
        """
        table = self.verbs.get(lemma)
        if not table:
            return None
        for p in preps:
            for o in objs:
                if (p, o) in table:
                    return table[(p, o)]
        for key in pobjs:
            if key in table:
                return table[key]
        for o in objs:
            if (None, o) in table:
                return table[(None, o)]
        for p in preps:
            if (p, None) in table:
                return table[(p, None)]
        return table.get((None, None))

    def noun(self, lemma: str, modifiers: list[str]) -> LexEntry | None:
        table = self.nouns.get(lemma)
        if not table:
            return None
        for m in modifiers:
            if m in table:
                return table[m]
        return table.get(None)

    def transform(self, effect: str, inner: LexEntry) -> Transform | None:
        """Combined event for a modifier effect over an inner event; "=" in the table keeps the inner value."""
        tr = (self.transforms.get((effect, inner.cameo)) or self.transforms.get((effect, inner.plover))
              or self.transforms.get((effect, "*")))
        if tr is None:
            return None
        return Transform(inner.cameo if tr.cameo == "=" else tr.cameo, inner.plover if tr.plover == "=" else tr.plover)

    def is_event_lemma(self, lemma: str) -> bool:
        return lemma in self.verbs or lemma in self.nouns or lemma in self.modifiers


def parse_pattern(pattern: str) -> tuple[str, str | None, str | None]:
    """``"break+off>tie"`` -> ("break", "off", "tie")."""
    obj = None
    if ">" in pattern:
        pattern, obj = pattern.split(">", 1)
    prep = None
    if "+" in pattern:
        pattern, prep = pattern.split("+", 1)
    return pattern, prep, obj


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in r.items() if k} for r in csv.DictReader(lines, delimiter="\t")]


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return Lexicon.load()
