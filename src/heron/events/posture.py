"""A show of force: one state's military drills are MOBILIZE (CAMEO 150), aimed at whoever they are held near.

"China held military drills around Taiwan", "Kim Jong Un oversaw artillery drills within range of Seoul": CAMEO
codes military exercises as cooperation (062), which they are when held jointly ("the United States and Japan held
joint naval drills"). Held by one state alone they are a demonstration of military power.
"""
from __future__ import annotations

from dataclasses import replace

from heron.events.frame import Frame
from heron.events.targets import frame_lexicon

EXERCISE_CODE = "062"
SHOW_OF_FORCE_CODE = "150"


def solo_exercise(sdoc, frame: Frame, cls, ontology, by_head: dict):
    """(classification, frame) with a drill held by one state alone recoded as a show of force, its target the
    state named where it was held ("around Taiwan", "near the border with Lithuania"); unchanged otherwise."""
    if cls.cameo != EXERCISE_CODE or len(frame.agents) != 1:
        return cls, frame
    agent = frame.agents[0].actor
    if agent is None or agent.members or "+conjoined" in (agent.source or ""):
        return cls, frame
    lex = frame_lexicon()
    tok = sdoc[frame.trigger]
    drills = [tok] if tok.lemma_.lower() in lex["exercise_nouns"] else [
        c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass") and c.lemma_.lower() in lex["exercise_nouns"]]
    if not drills:
        return cls, frame
    heads = [tok] + drills
    modifiers = [c for h in heads for c in h.children]
    if any(c.lower_ in lex["joint_words"] for c in modifiers if c.dep_ in ("amod", "compound", "advmod")) \
            or any(c.dep_ == "prep" and c.lower_ == "with" for c in modifiers) \
            or frame.target_via.endswith("prep:with"):
        return cls, frame          # "joint drills", "drills with the US navy": cooperation
    targets = frame.targets or _held_near(heads, by_head, agent.country, lex["proximity_words"])
    info = ontology.cameo(SHOW_OF_FORCE_CODE)
    cls = replace(cls, plover="MOBILIZE", cameo=SHOW_OF_FORCE_CODE, mode=info.plover_mode if info else None,
                  explain={**(cls.explain or {}), "posture": "drills held by one state alone: a show of force"})
    if targets is not frame.targets:
        frame = replace(frame, targets=targets, target_via="held-near" if targets else frame.target_via)
    return cls, frame


def _held_near(heads, by_head: dict, own: str | None, words) -> list:
    """States named in a phrase of place around the drills: "around Taiwan", "off the coast of Japan", "within
    range of Seoul", "surrounding the island of Taiwan"."""
    found = []
    for head in heads:
        for c in head.children:
            if c.lower_ not in words or c.dep_ not in ("prep", "acl", "advcl", "advmod"):
                continue
            for t in c.subtree:
                m = by_head.get(t.i)
                if m is not None and m.actor is not None and m.actor.country and m.actor.country != own \
                        and not m.actor.members and m not in found:
                    found.append(m)
    return found[:1]
