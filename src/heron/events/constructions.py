"""Constructions an event pattern can ask for by shape rather than by word (``lemma>@...`` in patterns.tsv)."""
from __future__ import annotations

from heron.events.targets import characterisation, frame_lexicon, is_event_noun
from heron.quotes.model import load_lexicon as quote_lexicon


def pseudo_objects(tok, obj_toks) -> list[str]:
    """Objects of a pattern that depend on the construction, not a word: "@critic"/"@praise" for a
    characterisation ("called the strikes dangerous", "described the attacks as a war crime", "called the visit
    a significant step"), "@party" for a person or state as the only object ("Lavrov called Rubio"), "@person"
    for a named person or an office holder ("fired the defence minister": a dismissal, not a shot)."""
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
    return out
