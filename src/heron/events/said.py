"""Frames told through what someone says, and the parties around a meeting (mixin of heron.events.frames.FrameFinder).

"Britain said Libya must hand over the suspects" (the speaker demands), "North Korea said Seoul would pay a dear
price" (the speaker threatens), "The Chinese side was asked to refrain, he said" (the teller asked), "talks
mediated by Qatar" (the mediators act on the parties to the talks).
"""
from __future__ import annotations

from dataclasses import replace

from heron.events.frame import Frame
from heron.events.targets import SUBJ_DEPS, frame_lexicon, is_reporting
from heron.records import Mention

# Auxiliaries that put an obligation on the clause's subject.
OBLIGATION_AUX = {"must", "should", "ought"}


class SaidFrames:
    """Mixin: needs ``_agents_of`` and ``_between`` of the frame finder."""

    def _reported_obligation(self, verb, by_head, agents: list[Mention]) -> Frame | None:
        """"Britain said Libya must hand over the suspects": the speaker demands, the one who must act is the
        target (the classifier turns the obligation into a REQUEST)."""
        if verb.dep_ != "ccomp" or not agents or not any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX
                                                         for c in verb.children):
            return None
        if not is_reporting(verb.head):
            return None
        speakers, _ = self._agents_of(verb.head, by_head)
        keys = {m.actor.country or m.actor.igo or id(m) for m in agents}
        if not speakers or any((m.actor.country or m.actor.igo or id(m)) in keys for m in speakers):
            return None
        return Frame(verb.i, "verb", speakers, agents, "reporter", "obliged-subject")

    def _teller(self, verb, by_head) -> list[Mention]:
        """Who tells of an act, when its clause is what a reporting verb says ("X was asked to leave, India said")."""
        head = verb
        while head.dep_ in ("conj",) and head.head.i != head.i:
            head = head.head
        if head.dep_ != "ccomp" or not is_reporting(head.head):
            return []
        return self._agents_of(head.head, by_head)[0]

    def _reported_consequence(self, verb, by_head, agents: list[Mention]) -> Frame | None:
        """"North Korea said Seoul and Washington would pay a dear price": the speaker threatens those it says will
        pay (the classifier reads "pay>price" as a threat)."""
        lex = frame_lexicon()
        speech = verb.head if verb.dep_ == "ccomp" else None
        if verb.dep_ == "acl" and verb.head.dep_ == "pobj" and verb.head.head.head.pos_ == "VERB":
            speech = verb.head.head.head     # "warned in a statement ... that Seoul would pay": the parser's acl
        if speech is None or not agents or not (
                is_reporting(speech) or speech.lemma_.lower() in lex["consequence_speech_verbs"]):
            return None
        lemma = verb.lemma_.lower()
        if not any(f"{lemma}>{c.lemma_.lower()}" in lex["consequence_objects"] for c in verb.children
                   if c.dep_ in ("dobj", "obj")):
            return None
        speakers, _ = self._agents_of(speech, by_head)
        keys = {m.actor.country or m.actor.igo or id(m) for m in agents}
        if not speakers or any((m.actor.country or m.actor.igo or id(m)) in keys for m in speakers):
            return None
        return Frame(verb.i, "verb", speakers, agents, "reporter", "consequence-subject")

    def _mediated_parties(self, verb, by_head, mediators: list[Mention], focus: str | None = None) -> list[Mention]:
        """"a ceasefire following talks mediated by Qatar and Turkey": the mediators act on the parties to the talks
        (named "between A and B", else the subject of the clause the talks are told in, else the state the story is
        about, as last named before), not on each other."""
        talks = verb.head
        if verb.dep_ != "acl" or talks.lemma_.lower() not in frame_lexicon()["meeting_nouns"]:
            return []
        own = {id(m) for m in mediators}
        parties = [m for m in self._between(talks, by_head) if id(m) not in own]
        if parties:
            return parties
        # up to the clause with a subject: "agreed to a ceasefire following talks mediated by ..."
        clause = talks
        while clause.dep_ in ("pobj", "prep", "dobj", "conj", "appos", "acl", "advcl") and clause.head.i != clause.i:
            clause = clause.head
            if clause.pos_ == "VERB" and any(c.dep_ in SUBJ_DEPS for c in clause.children):
                break
        found = [m for m in self._agents_of(clause, by_head)[0] if id(m) not in own] if clause.pos_ == "VERB" else []
        if found or focus is None:
            return found
        # "Formal peace talks mediated by the African Union began" in a story about Ethiopia
        named = [i for i, m in by_head.items() if i < verb.i and m.actor is not None
                 and m.actor.country == focus and m.actor.kind == "state" and not m.actor.members]
        return [by_head[max(named)]] if named else []


def said(tok) -> bool:
    """Whether a clause is what someone said: a complement of a reporting or warning verb."""
    speech = frame_lexicon()["consequence_speech_verbs"]
    while tok.dep_ in ("ccomp", "conj", "xcomp") and tok.head.i != tok.i:
        tok = tok.head
        if is_reporting(tok) or tok.lemma_.lower() in speech:
            return True
    return False


def threatened_if(sdoc, frame: Frame, by_head: dict) -> Frame:
    """"Beijing said it would retaliate if Washington imposed new tariffs": a threat with no one named is aimed
    at whoever its condition is about."""
    own = {m.actor.country or m.actor.igo for m in frame.agents if m.actor is not None}
    for clause in sdoc[frame.trigger].children:
        if clause.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in ("if", "unless")
                                             for c in clause.children):
            continue
        for t in (t for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree):
            m = by_head.get(t.i)
            key = m.actor.country or m.actor.igo if m is not None and m.actor is not None else None
            if key and key not in own:
                return replace(frame, targets=[m], target_via="condition-subject")
    return frame
