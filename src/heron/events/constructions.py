"""Constructions an event pattern can ask for by shape rather than by word (``lemma>@...`` in patterns.tsv)."""
from __future__ import annotations

from heron.events.targets import characterisation, frame_lexicon, is_event_noun
from heron.quotes.model import load_lexicon as quote_lexicon


def pseudo_objects(tok, obj_toks) -> list[str]:
    """Objects of a pattern that depend on the construction, not a word: "@critic"/"@praise" for a
    characterisation ("called the strikes dangerous", "described the attacks as a war crime", "called the visit
    a significant step"), "@party" for a person or state as the only object ("Lavrov called Rubio"), "@person"
    for a named person or an office holder ("fired the defence minister": a dismissal, not a shot), "@money" for a sum
    ("pledged 20 million euros", "received a $3 billion deposit from Qatar": aid, whatever the word for it)."""
    lex = frame_lexicon()
    out = []
    if tok.lemma_.lower() in lex["characterisation_verbs"]:
        words = characterisation(tok, obj_toks)
        if words is not None:
            praise = any(w.lemma_.lower() in lex["praise_words"] for w in words)
            out.append("@praise" if praise else "@critic")
    if not out and tok.lemma_.lower() in lex["evaluation_lemmas"] and any(
            c.dep_ in ("dobj", "obj") and is_event_noun(c) for c in obj_toks):
        out.append("@act")      # "welcomed the ruling", "praised the decision": an act judged
    if not out and len(obj_toks) == 1 and obj_toks[0].dep_ in ("dobj", "obj") \
            and (obj_toks[0].ent_type_ in ("PERSON", "GPE", "NORP", "ORG") or obj_toks[0].pos_ == "PROPN") \
            and not any(c.dep_ in ("oprd", "ccomp") for c in tok.children):
        out.append("@party")
    titles = quote_lexicon().title_nouns
    if any(o.dep_ in ("dobj", "obj") and (o.ent_type_ == "PERSON" or o.lemma_.lower() in titles
                                          or any(c.dep_ == "compound" and c.lemma_.lower() in titles for c in o.children))
           for o in obj_toks):
        out.append("@person")
    if any(_counts_money(o, lex["currency_words"]) for o in obj_toks):
        out.append("@money")
    return out


# How a sum hangs on its noun: "$3 billion", "20 million euros", "a tranche of $500 million".
_AMOUNT_DEPS = frozenset({"nummod", "quantmod", "compound", "nmod"})


def _counts_money(tok, currencies, depth: int = 0) -> bool:
    """Whether a noun phrase is a sum of money: its head, its amount, or what it is "of" is money."""
    if tok.lemma_.lower() in currencies or tok.lower_ in currencies:     # (not "50 per cent", which NER calls money)
        return True
    if depth > 3:
        return False
    return any(_counts_money(c, currencies, depth + 1) for c in tok.children if c.dep_ in _AMOUNT_DEPS) or any(
        _counts_money(p, currencies, depth + 1) for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children if p.dep_ == "pobj")
