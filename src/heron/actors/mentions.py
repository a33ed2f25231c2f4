"""Stage: find the phrases that may name an actor (noun phrases, names, pronouns).

A mention is anchored on its head token; its text is the head with its pre-modifiers ("US Secretary
of State Antony Blinken", "Russian troops") and, for titles and relational nouns, an "of" phrase
("the head of American diplomacy", "the five former Soviet republics of Central Asia").
Possessors and national adjectives inside a phrase get mentions of their own ("Kazakhstan" in
"Kazakhstan's sovereignty", "Russian" in "the Russian invasion"), so an event can use either.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from heron.actors.lexicon import _lexicon
from heron.records import Document, Mention

HEAD_POS = {"PROPN", "NOUN", "PRON"}
# Dependents that belong to the phrase in front of the head.
LEFT_DEPS = {"det", "amod", "compound", "nmod", "nummod", "poss", "quantmod", "npadvmod", "case", "punct", "predet"}
# Dependencies whose token is part of a bigger phrase, not a phrase head of its own.
INNER_DEPS = {"compound", "flat", "nmod"}
# Nouns whose "of" complement belongs to the phrase: titles and relational nouns.
OF_HEADS = {
    "head", "secretary", "minister", "ministry", "leader", "leaders", "president", "chief", "director", "members",
    "member", "republics", "republic", "states", "countries", "nations", "government", "governments", "army",
    "forces", "prime", "king", "queen", "foreign", "department", "office", "council", "league", "union",
    "organization", "organisation", "people", "citizens", "residents", "troops", "soldiers", "police",
    "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy", "delegation", "representatives",
    "officials", "commander", "parliament", "speaker", "general", "governor", "mayor", "chairman", "assembly",
    "congress", "federation", "confederation", "association", "movement", "front", "committee", "ministers",
    "fighters", "supporters", "militants", "guerrillas", "rebels", "units", "inmates", "workers", "activists",
    # institutions named with an "of" phrase: "the International Court of Justice", "the Bank of England"
    "court", "tribunal", "bank", "fund", "commission", "institute", "agency", "service", "secretariat", "board",
    "authority", "corps", "guard", "mission", "parliaments", "chamber", "house",
}
NATIONAL_ENTS = {"NORP", "GPE", "ORG"}
# "an anti-Syria journalist", "pro-Moscow rebels": the named state is a stance, not a party.
STANCE_PREFIXES = {"anti", "pro"}


@lru_cache(maxsize=1)
def _attribute_participles() -> frozenset[str]:
    return frozenset(_lexicon()["attribute_participles"])


@dataclass
class MentionFinder:
    """Find candidate actor mentions in a parsed document."""

    name: str = "mentions"
    max_tokens: int = 14

    def __call__(self, doc: Document) -> Document:
        sdoc = doc.nlp
        found: dict[int, Mention] = {}
        stance_nouns, stance_verbs = _lexicon()["stance_nouns"], _lexicon()["stance_verbs"]
        furniture = [(b.start, b.end) for b in doc.layout.blocks if b.role == "furniture"] if doc.layout else []
        # "Antigua and Barbuda": one state the parser reads as two conjuncts
        and_names = _lexicon()["and_names"]
        joined = {t.i: c.i for t in sdoc if t.pos_ == "PROPN" for c in t.conjuncts
                  if c.i > t.i and f"{t.lower_} and {c.lower_}" in and_names}
        second_parts = set(joined.values())
        for tok in sdoc:
            if tok.pos_ not in HEAD_POS and not self._national_modifier(tok) or tok.i in second_parts:
                continue
            if furniture and any(s <= tok.idx < e for s, e in furniture):
                continue      # bylines, credits, datelines: no actors (captions may still name people)
            if tok.i >= 2 and sdoc[tok.i - 1].text == "-" and sdoc[tok.i - 2].lower_ in STANCE_PREFIXES:
                continue
            if tok.i + 2 < len(sdoc) and sdoc[tok.i + 1].text == "-" and sdoc[tok.i + 2].lower_ in _attribute_participles():
                continue      # "U.N.-brokered talks": the U.N. describes the talks
            if tok.i + 2 < len(sdoc) and sdoc[tok.i + 1].text == "-" and sdoc[tok.i + 1].ent_iob_ == "I" \
                    and not tok.whitespace_:
                continue      # "Nur" of "Nur-Sultan": part of one hyphenated name
            if tok.pos_ in HEAD_POS and tok.dep_ in INNER_DEPS and tok.head.pos_ in ("PROPN", "NOUN") \
                    and tok.ent_type_ not in ("NORP", "GPE"):
                continue
            if tok.lemma_.lower() in stance_nouns and (
                    any(c.dep_ == "prep" and c.lower_ in stance_nouns[tok.lemma_.lower()] for c in tok.children)
                    or tok.dep_ == "dobj" and tok.head.lemma_.lower() in stance_verbs):
                continue      # "opposition from Hungary", "voiced opposition": an act, not the opposition
            start, end = self._extent(tok)
            if tok.i in joined:
                end = max(end, joined[tok.i])
            span_tokens = sdoc[start:end + 1]
            text = span_tokens.text.strip(" ,;:\"'“”‘’")
            if not span_tokens[-1].text.endswith(".") or len(span_tokens[-1].text) < 3:
                text = text.rstrip(" .,;:\"'“”‘’")   # keep the dot of "U.S." / "U.N.", drop a sentence's
            if not text:
                continue
            s_char = span_tokens.start_char + span_tokens.text.index(text)
            m = Mention(id="", text=text, span=(s_char, s_char + len(text)),
                        sentence=doc.sentence_of(s_char), head=tok.i)
            found[tok.i] = m
        mentions = sorted(found.values(), key=lambda m: (m.span[0], -m.span[1]))
        for n, m in enumerate(mentions):
            m.id = f"m{n}"
        doc.mentions = mentions
        return doc

    @staticmethod
    def _national_modifier(tok) -> bool:
        """'Russian' in 'the Russian invasion', 'Kazakh' in 'the Kazakh capital'."""
        return tok.dep_ in ("amod", "compound", "nmod") and tok.ent_type_ in NATIONAL_ENTS and tok.pos_ in ("ADJ", "PROPN") \
            and tok.head.ent_type_ != tok.ent_type_

    def _extent(self, head) -> tuple[int, int]:
        if head.pos_ == "PRON":
            return head.i, head.i
        if self._national_modifier(head) and head.pos_ == "ADJ":
            # "South American", "West African": the region's words are one modifier, not "American"
            start = min([c.i for c in head.lefts if c.dep_ in ("amod", "compound") and c.ent_type_ == head.ent_type_]
                        + [head.i])
            return start, head.i
        start = head.i
        for child in head.lefts:
            if child.dep_ in LEFT_DEPS:
                start = min(start, child.left_edge.i)
        # Do not run into an opening quote or a comma at the very left.
        while start < head.i and head.doc[start].is_punct:
            start += 1
        end = head.i
        for child in head.rights:
            if child.dep_ in ("compound", "flat"):
                end = max(end, child.right_edge.i)
            elif child.dep_ == "prep" and child.lower_ == "of" and (head.lower_ in OF_HEADS or head.ent_type_ == "ORG"
                                                                     and any(p.dep_ == "pobj" and p.ent_iob_ == "I"
                                                                             and p.ent_type_ == "ORG"
                                                                             for p in child.children)):
                # (also an organisation's name that goes on after "of": "the Organization of American States")
                end = max(end, child.right_edge.i)
        if end - start + 1 > self.max_tokens:
            start = max(start, head.i - self.max_tokens + 1)
            end = min(end, head.i + self.max_tokens - 1)
        return start, end
