"""Border fighting told without its parties: "after a week of deadly border clashes", "troops reported ongoing
fighting along border areas". In a story between two states (heron.actors.focus.story_pair) such fighting is
between those two; the frame's agents are their last mentions before it, so the evidence points at real text.
"""
from __future__ import annotations

from heron.actors.focus import story_pair
from heron.events.frame import Frame
from heron.events.targets import frame_lexicon
from heron.records import Document, Mention


def _on_a_border(noun) -> bool:
    """"border clashes", "cross-border fighting", "fighting along the border", "clashes on border areas"."""
    words = frame_lexicon()["border_words"]
    if any(c.dep_ in ("compound", "amod") and c.lower_ in words for c in noun.children):
        return True
    return any(c.dep_ == "prep" and c.lower_ in ("along", "on", "at", "across", "near")
               and any(p.lower_ in words or any(g.lower_ in words for g in p.children)
                       for p in c.children if p.dep_ == "pobj")
               for c in noun.children)


def border_fighting_frames(doc: Document, covered: set[int]) -> list[Frame]:
    """Frames for the story's border fighting nouns that no other frame took (token indices in ``covered``)."""
    nouns = frame_lexicon()["border_fighting_nouns"]
    sdoc = doc.nlp
    candidates = [t for t in sdoc if t.pos_ == "NOUN" and t.lemma_.lower() in nouns and t.i not in covered
                  and _on_a_border(t)]
    if not candidates:
        return []
    pair = story_pair(doc.mentions)
    if pair is None:
        return []
    frames = []
    for noun in candidates:
        sides: list[Mention] = []
        for country in pair:
            # the nearest mention of each side, before the noun first ("After a week of border clashes, Pakistan
            # and Afghanistan agreed ..." names them only after it)
            named = [m for m in doc.mentions if m.head is not None and m.actor is not None
                     and m.actor.country == country and not m.actor.members]
            if named:
                sides.append(min(named, key=lambda m: (abs(m.head - noun.i), m.head > noun.i)))
        if len(sides) == 2:
            frames.append(Frame(noun.i, "noun", sides, [], "story-pair", ""))
    return frames
