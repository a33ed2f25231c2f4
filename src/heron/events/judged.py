"""Acts judged by a noun: "condemned the attack", "welcomed the decision", "dismissed the order".

The recipient of the judgement is whoever did the act. When the noun phrase names no author (that is found by
heron.events.targets), the act is looked for earlier in the story: told with the same word ("ordered" ... "the
order"), else an earlier event of the noun's type, else (for words like "move" or "decision") the nearest earlier
act of another party; an act only a state does ("the crackdown", "the coup") is the state's where it happened or
the story's; an agreement ("the accord") is between the states last named together.
"""
from __future__ import annotations

from dataclasses import replace

from heron.actors.groups import last_set_of_states
from heron.events.parties import expand
from heron.events.targets import frame_lexicon
from heron.records import Actor, Document, Event, Mention

# How far back the act a noun refers to ("the attack", "the decision") is looked for.
ANTECEDENT_SENTENCES = 40


def _same_act(trigger_lemma: str, noun_lemma: str) -> bool:
    """"ordered"/"the order", "expelled"/"the expulsions", "decided"/"the decision": one act told twice."""
    return trigger_lemma in (noun_lemma, frame_lexicon()["act_noun_verbs"].get(noun_lemma))


def resolve_judged_acts(doc: Document, sdoc, events: list[Event], judged: list[tuple[Event, int]], lexicon) -> None:
    """"Qatar condemned the attack", "the UN chief condemned the decision": the act judged was told
    earlier; its actors are the recipients. A specific act ("attack", "coup") matches an earlier event of
    its type; a word like "move" or "decision" the nearest earlier act of another party. An act only a
    state does ("the crackdown on protesters in Minsk") with no author told is the state's where it happened."""
    for e, noun_i in judged:
        noun = sdoc[noun_i]
        lemma = noun.lemma_.lower()
        entry = lexicon.noun(lemma, [])
        generic = lemma in frame_lexicon()["event_reference_nouns"]
        wanted = None if generic or entry is None else entry.plover
        keys = {a.country or a.igo for a in e.actor}
        best = None
        earlier = [o for o in events if o is not e and o.trigger.span[0] < noun.idx and o.actor
                   and e.sentence - o.sentence <= ANTECEDENT_SENTENCES
                   and o.modality not in ("negated", "hypothetical")
                   and not keys & {a.country or a.igo for a in o.actor}]
        # the act told earlier with the same word ("ordered ... the order", "signed an accord ... the accord") comes first
        same = [o for o in earlier if _same_act(_trigger_lemma(sdoc, o), lemma) or _names_act(sdoc, o, lemma, lexicon)]
        for other in same or earlier:
            if not same and wanted is not None and other.plover["type"] != wanted:
                continue
            if not same and wanted is None and (other.plover["type"] in ("ACCUSE", "REQUEST")
                                                or e.sentence - other.sentence > 5 or not generic):
                continue    # (a word the lexicon does not know, "the launches", is no word like "the move")
            if best is None or other.trigger.span[0] > best.trigger.span[0]:
                best = other
        if best is not None:
            e.recipient = [replace(a) for a in best.actor]
            via = f"act-antecedent:{best.trigger.text}@{best.sentence}"
        elif lemma in frame_lexicon()["state_act_nouns"]:
            e.recipient = _state_of_act(doc, noun, keys)
            via = "act-state"
        elif wanted in ("AGREE", "CONSULT", "COOPERATE", "SUPPORT"):
            # "Turkey and Russia welcomed the accord": an agreement is the pair last named together.
            e.recipient = _parties_told_before(doc, noun, keys)
            via = "act-parties"
        if e.recipient:
            e.confidence = round(e.confidence * 0.9, 3)
            if e.explain is not None:
                e.explain["target_via"] = via


def _trigger_lemma(sdoc, e: Event) -> str:
    span = sdoc.char_span(*e.trigger.span, alignment_mode="expand")
    return span.root.lemma_.lower() if span is not None else e.trigger.text.lower()


def _names_act(sdoc, e: Event, noun_lemma: str, lexicon) -> bool:
    """"signed an agreement" ... "the agreement": an act its verb and object name together (not "condemned the
    coup", where the object is the act judged)."""
    span = sdoc.char_span(*e.trigger.span, alignment_mode="expand")
    if span is None or not any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() == noun_lemma for c in span.root.children):
        return False
    entry = lexicon.verb(span.root.lemma_.lower(), [], [noun_lemma])
    return entry is not None and entry.pattern.endswith(">" + noun_lemma)


def _parties_told_before(doc: Document, noun, exclude: set) -> list[Actor]:
    here = Mention(id="", text=noun.text, span=(noun.idx, noun.idx + len(noun)), sentence=doc.sentence_of(noun.idx))
    history = [m for m in doc.mentions if m.actor is not None and m.sentence < here.sentence]
    group = last_set_of_states(history, here, doc.nlp, max_sentences=8)
    if group is None or set(group.members) & exclude:
        return []
    return expand(group)


def _state_of_act(doc: Document, noun, exclude: set) -> list[Actor]:
    """The state of the people or place an act is done to: "the crackdown on protesters in Minsk" -> BLR."""
    lo, hi = noun.left_edge.idx, noun.right_edge.idx + len(noun.right_edge)
    for m in doc.mentions:
        a = m.actor
        if a is not None and a.country and a.country not in exclude and lo <= m.span[0] < hi \
                and not a.members and a.kind != "person":
            return [Actor(text=m.text, span=m.span, name=None, country=a.country, sector="GOV", kind="state",
                          code=a.country + "GOV", confidence=0.5, source="implicit:state-act")]
    focus = doc.focus_country
    if focus and focus not in exclude:     # "condemned the military coup" in a story about Niger
        return [Actor(text=noun.text, span=(noun.idx, noun.idx + len(noun)), name=None, country=focus, sector="GOV",
                      kind="state", code=focus + "GOV", confidence=0.4, source="implicit:state-act-of-story")]
    return []
