"""Event location: which of a sentence's places is where the event happened.

The event's place is one governed by a locative preposition (in/at/near/...) in the trigger's clause.
A *destination* (``to``/``into`` or the object of ``visit``) counts only for movement events
(visit, travel, trip, arrive ...): a visit happens where the visitor goes; "aid to Ukraine" does not.

``clause_head`` and ``attachment_cost`` also serve ``heron.when_where.dates`` for attaching dates to triggers.
"""
from __future__ import annotations

from heron.records import Place

LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "across", "around", "throughout", "within",
                  "along", "off", "on", "over", "beyond", "from"}
NON_LOCATIVE_FOR_PLACE = {"from", "on", "over"}   # "from X" is a source; "on/over X" usually topic
DESTINATION_PREPS = {"to", "into"}
MOVEMENT_LEMMAS = {"visit", "travel", "trip", "tour", "arrive", "fly", "go", "come", "head", "journey",
                   "return", "deploy", "move", "land", "stop", "stopover"}
# Dependency links that keep a token inside the noun phrase of a place ("the capital, Astana").
NP_LINKS = {"appos", "compound", "conj", "nmod", "amod", "npadvmod", "cc", "det", "poss"}


def clause_head(tok):
    """The verb whose clause the trigger belongs to (climbing out of nouns, xcomp and aux chains)."""
    seen = 0
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i and seen < 8:
        tok, seen = tok.head, seen + 1
    while tok.dep_ == "xcomp" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def attachment_cost(node, trigger, clause) -> int | None:
    """Hops from ``node`` up to the trigger or its clause head; None if another clause intervenes."""
    cost = 0
    while node.i != trigger.i and node.i != clause.i:
        if node.head.i == node.i:
            return None
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("xcomp", "conj", "aux", "auxpass"):
            return None
        if node.pos_ == "VERB" and node.dep_ == "conj":
            cost += 10                               # a coordinated clause: only if nothing closer
        node, cost = node.head, cost + 1
    return cost


ARGUMENT_DEPS = {"dobj", "nsubj", "nsubjpass", "attr", "dative"}


def _through_argument(node, trigger, clause) -> bool:
    """Whether the PP hangs on a subject/object noun of the clause rather than on the event itself."""
    for _ in range(12):
        if node.i in (trigger.i, clause.i) or node.head.i == node.i:
            return False
        if node.dep_ in ARGUMENT_DEPS and node.pos_ in ("NOUN", "PROPN", "PRON"):
            return True
        node = node.head
    return False


def event_place(sdoc, trigger_index: int, places: list[Place]) -> Place | None:
    """The place where the event happened: a locative PP of its clause, else None. The dateline says where the
    story was filed, not where its acts happened."""
    trigger = sdoc[trigger_index]
    clause = clause_head(trigger)
    movement = trigger.lemma_ in MOVEMENT_LEMMAS or clause.lemma_ in MOVEMENT_LEMMAS
    sent = trigger.sent
    best: tuple[int, Place] | None = None
    for place in places:
        if place.span is None or not (sent.start_char <= place.span[0] < sent.end_char):
            continue
        span = sdoc.char_span(place.span[0], place.span[1], alignment_mode="expand")
        if span is None:
            continue
        node = span.root
        while node.dep_ in NP_LINKS and node.head.i != node.i:
            node = node.head
        if node.dep_ == "pobj":
            prep = node.head.lower_
            # A destination ("to Uzbekistan") only when the preposition hangs on the movement word itself.
            ok = (prep in LOCATIVE_PREPS and prep not in NON_LOCATIVE_FOR_PLACE) or \
                (movement and prep in DESTINATION_PREPS and node.head.head.lemma_ in MOVEMENT_LEMMAS)
            if not ok:
                continue
            start = node.head.head
        elif node.dep_ == "dobj" and movement and node.head.lemma_ in MOVEMENT_LEMMAS:
            start = node.head                        # "visited Kyiv"
        else:
            continue
        if _through_argument(start, trigger, clause):
            continue                                 # "the community in Ukraine": where a participant is
        cost = attachment_cost(start, trigger, clause)
        if cost is not None and (best is None or cost < best[0]):
            best = (cost, place)
    return best[1] if best is not None else None
