"""Frames whose agent the sentence does not name as a subject: who acted when people "died in a raid", "came under
attack", "were arrested" or "were killed".

- the force that announced it ("twelve insurgents died in a raid, the Malian military said");
- the attackers named inside the act ("the camp came under attack by al-Shabaab militants");
- the state where it happened, or the state the story is about, for acts only a state does ("was arrested");
- else an actor of kind ``unknown`` in the state where a killing happened (CAMEO practice), at low confidence.
"""
from __future__ import annotations

from dataclasses import replace

from heron.events.frame import Frame
from heron.events.targets import PASSIVE_SUBJ, SUBJ_DEPS, _codable, frame_lexicon, is_event_noun, is_reporting
from heron.records import Actor, Mention

SECURITY_SECTORS = {"MIL", "COP"}
# Fighters a state's forces announce they killed.
HOSTILE_SECTORS = {"REB", "UAF", "CRM"}
MODAL_AUX = {"could", "may", "might", "would", "should", "will", "can", "must", "'ll", "wo"}


class ImplicitAgents:
    """Mixin of heron.events.frames.FrameFinder: needs ``_actors_at``."""

    @staticmethod
    def _suffered_act(verb):
        """"The camp came under attack", "the convoy came under fire": the act the subject suffered."""
        if verb.lemma_.lower() not in ("come", "fall"):
            return None
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "under":
                return next((p for p in prep.children if p.dep_ == "pobj" and is_event_noun(p)), None)
        return None

    def _suffered_frame(self, verb, act, by_head) -> Frame | None:
        """"The camp came under attack by al-Shabaab militants": the attackers act on the camp's people."""
        # the subject, or the people its phrase names ("the camp of Ugandan peacekeepers")
        targets = [by_head[t.i] for c in verb.children if c.dep_ in SUBJ_DEPS for t in c.subtree
                   if t.i in by_head and by_head[t.i].actor is not None and _codable(by_head[t.i].actor, domestic=True)][:1]
        # "under attack by X", "under fire from X", also when the parser hangs the phrase on the verb
        agents = [m for head in (act, verb) for prep in head.children if prep.dep_ == "prep"
                  and prep.lower_ in ("by", "from") for p in prep.children for m in self._actors_at(p, by_head)
                  if _codable(m.actor) and not (m.actor.source or "").startswith("place:")]
        if not targets:
            return None
        if not agents:
            agents = self._unknown_perpetrator(verb, by_head)
        return Frame(verb.i, "verb", agents, targets, "suffered-by", "suffered") if agents else None

    def _received_from(self, verb, by_head) -> Frame | None:
        """"Ukraine received security guarantees from the G7", "Egypt got $3 billion in aid from the IMF": the giver
        acts on the receiver (the type comes from what was received, see the receive>... patterns)."""
        lex = frame_lexicon()
        if verb.lemma_.lower() not in lex["receiving_lemmas"]:
            return None
        things = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        if not things or any(self._actors_at(t, by_head) for t in things):
            return None       # "received the delegation from Kyiv": a visit hosted, the subject acts
        given = [t for thing in things for t in thing.subtree if t.pos_ in ("NOUN", "NUM", "SYM")
                 and (t.lemma_.lower() in lex["given_things"] or is_event_noun(t))]
        if not given:
            return None       # "received refugees from Syria": nothing Syria gave
        # the giver: "from X" on the verb or inside the phrase of what was given ("guarantees from the G7")
        heads = [verb] + [t for thing in things for t in thing.subtree if t.pos_ in ("NOUN", "NUM", "PROPN", "SYM")]
        givers = [m for h in heads for prep in h.children if prep.dep_ == "prep" and prep.lower_ == "from"
                  for p in prep.children if p.dep_ == "pobj" for m in self._actors_at(p, by_head)
                  if _codable(m.actor) and not (m.actor.source or "").startswith("place:")]
        receivers, _ = self._agents_of(verb, by_head)
        if not givers or not receivers:
            return None
        return Frame(verb.i, "verb", givers, receivers, "giver", "receiver")

    def _death_frame(self, verb, by_head) -> Frame | None:
        """"Twelve insurgents died in a raid in northern Mali, the Malian military said": those who died are the
        target; the force that announced it, else an unknown actor of the place, acted."""
        victims = [m for c in verb.children if c.dep_ in SUBJ_DEPS for m in self._actors_at(c, by_head)
                   if _codable(m.actor, domestic=True)]
        if not victims:
            return None
        agents, via = self._announcing_force(verb, by_head), "announcing-force"
        if not agents:
            agents, via = self._unknown_perpetrator(verb, by_head), "passive-unattributed"
        return Frame(verb.i, "verb", agents, victims, via, "died") if agents else None

    def _announcing_force(self, verb, by_head) -> list[Mention]:
        """"Twelve militants were killed in an operation in Waziristan, the Pakistani army said": fighters killed in
        an operation a state's forces announce were killed by those forces."""
        head = verb.head
        if verb.dep_ != "ccomp" or not is_reporting(head):
            return []
        victims = [m for c in verb.children if c.dep_ in PASSIVE_SUBJ | SUBJ_DEPS for m in self._actors_at(c, by_head)]
        if not victims or not all(m.actor.sector in HOSTILE_SECTORS for m in victims):
            return []
        speakers = [m for c in head.children if c.dep_ in SUBJ_DEPS for m in self._actors_at(c, by_head)]
        return [m for m in speakers if m.actor.sector in SECURITY_SECTORS]

    @staticmethod
    def _unknown_perpetrator(verb, by_head) -> list[Mention]:
        """"A journalist was killed in a car bomb in eastern Beirut": an unknown actor in the place's state."""
        for child in verb.children:
            if child.dep_ != "prep" or child.lower_ not in ("in", "near", "outside", "at", "by", "on"):
                continue
            for tok in child.subtree:
                m = by_head.get(tok.i)
                if m is not None and m.actor is not None and m.actor.country and not m.actor.members \
                        and m.actor.kind != "person":
                    state = Actor(text=m.text, span=m.span, name=None, country=m.actor.country, kind="unknown",
                                  code=m.actor.country, confidence=0.4, source="implicit:unattributed-violence")
                    return [replace(m, actor=state)]
        return []

    def _state_in_focus(self, verb, by_head, focus: str | None) -> list[Mention]:
        """"Former prime minister Aminata Toure was arrested", "the decree was lifted" in a story about one state,
        of someone of that state (or of no known state): that state acted, through its police for arrests."""
        if focus is None or any(c.dep_ == "aux" and c.lower_ in MODAL_AUX for c in verb.children):
            return []     # "he could be arrested": no act to give an agent to
        subjects = [c for c in verb.children if c.dep_ in PASSIVE_SUBJ]
        if not subjects:
            return []
        found = [m for c in subjects for m in self._actors_at(c, by_head)]
        if any(m.actor.country not in (None, focus) or m.actor.igo or m.actor.members for m in found):
            return []
        if not found and not any(c.lemma_.lower() in frame_lexicon()["state_instrument_nouns"] for c in subjects):
            return []     # "turnout figures were not released": not something a state does to someone
        lemma = verb.lemma_.lower()
        sector = "COP" if lemma in frame_lexicon()["police_action_lemmas"] else "GOV"
        tok = subjects[0]
        state = Actor(text=verb.text, span=(verb.idx, verb.idx + len(verb)), name=None, country=focus, sector=sector,
                      kind="state", code=focus + sector, confidence=0.5, source="implicit:state-of-story")
        return [Mention(id="", text=verb.text, span=state.span, sentence=0, actor=state, head=tok.i)]

    @staticmethod
    def _state_of_place(verb, by_head) -> list[Mention]:
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "by"):
                for pobj in child.children:
                    m = by_head.get(pobj.i)
                    if m is not None and m.actor is not None and m.actor.country and not m.actor.members:
                        a = m.actor
                        state = Actor(text=m.text, span=m.span, name=a.name, country=a.country,
                                      sector=a.sector or "GOV", kind="state", code=a.country + (a.sector or "GOV"),
                                      confidence=0.6, source="implicit:place-of-action")
                        return [replace(m, actor=state)]
        return []
