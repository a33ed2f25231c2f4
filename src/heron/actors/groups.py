"""Sets of states told together: what "both sides", "the two neighbours" or "the accord" refer back to."""
from __future__ import annotations

from heron.records import Actor, Mention

# Number words of counted groups ("the five Central Asian countries", "seven Latin American nations").
NUMBER_NAMES = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "2": 2, "3": 3, "4": 4,
                "5": 5, "6": 6, "7": 7, "8": 8}
# Plural nouns that describe states named together ("both sides", "the two neighbours").
PAIR_NOUNS = {"governments", "sides", "countries", "nations", "states", "leaders", "neighbours", "neighbors", "parties",
              "capitals", "presidents", "ministers", "armies", "delegations", "republics", "allies",
              "rivals", "foes", "adversaries", "powers", "militaries", "forces", "troops"}

# The two sides of a state's own conflict: who rules, and who challenges them.
RULING_SECTORS = frozenset({"GOV", "MIL"})
CHALLENGER_SECTORS = frozenset({"OPP", "REB", "INS", "UAF", "SEP"})


def last_set_of_states(history: list[Mention], m: Mention, sdoc, size: int | None = None,
                       max_sentences: int = 3) -> Actor | None:
    """The states last named together — "Tajikistan and Kyrgyzstan", "between Armenia and Azerbaijan", "the
    Kyrgyz-Tajik border" — within a few sentences: what "both sides", "the two neighbours" or "the ex-Soviet
    countries" refer to. ``size`` asks for that many states ("the five countries")."""
    # Conjuncts share their sentence, so only the mentions of the last few sentences can be looked up
    # (history is in text order: a long document costs no more per phrase than a short one).
    recent = []
    for p in reversed(history):
        if m.sentence - p.sentence > max_sentences:
            break
        recent.append(p)
    by_head = {p.head: p for p in reversed(recent) if p.head is not None and p.span[0] < m.span[0]}
    for prev in reversed(history):
        if prev.span[0] >= m.span[0] or prev.head is None:
            continue
        if m.sentence - prev.sentence > max_sentences:
            break
        a = prev.actor
        if _venue(sdoc[prev.head]):
            continue
        if a.members and "+conjoined" in (a.source or ""):
            members = list(a.members)
        elif a.country and not a.members:
            members = [a.country]
            sides = [a]
            for c in sdoc[prev.head].conjuncts:
                other = by_head.get(c.i)
                if other is not None and other.actor.country and other.actor.country not in members \
                        and not other.actor.members:
                    members.append(other.actor.country)
                if other is not None and other.actor.sector and other.actor.country in (None, a.country) \
                        and not other.actor.members:
                    sides.append(other.actor)
            sectors = {x.sector for x in sides}
            if len(members) == 1 and sectors & RULING_SECTORS and sectors & CHALLENGER_SECTORS and size in (None, 2):
                # "the Venezuelan government and opposition": both sides are of one state
                return domestic_sides(m, a.country, next(iter(sorted(sectors & CHALLENGER_SECTORS))))
        else:
            continue
        if len(members) >= 2 and (size is None or len(members) == size):
            return Actor(text=m.text, span=m.span, members=sorted(members), kind="state", sector=a.sector,
                         confidence=0.6, source="coref:set")
    return None


def _conjoined_states(mention: Mention, by_head: dict, sdoc) -> list[str]:
    """The states of a mention and of the mentions coordinated with it ("Argentina, Chile and Peru")."""
    a = mention.actor
    if a is None or not a.country or a.members:
        return []
    members = [a.country]
    for c in sdoc[mention.head].conjuncts:
        other = by_head.get(c.i)
        if other is not None and other.actor is not None and other.actor.country and not other.actor.members \
                and other.actor.country not in members:
            members.append(other.actor.country)
    return members


def next_set_of_states(mentions: list[Mention], m: Mention, sdoc, size: int, max_sentences: int = 2) -> list[str]:
    """States listed right after a numbered group: "seven Latin American nations ... diplomats from Argentina,
    Chile, Costa Rica, Peru, Panama, the Dominican Republic and Uruguay"."""
    by_head = {p.head: p for p in mentions if p.head is not None}
    for later in mentions:
        if later.span[0] <= m.span[1] or later.head is None:
            continue
        if later.sentence - m.sentence > max_sentences:
            break
        members = _conjoined_states(later, by_head, sdoc)
        if len(members) == size:
            return sorted(members)
    return []


def domestic_sides(m: Mention, country: str, other: str | None = None) -> Actor:
    """Two sides of one state: its government and, in ``sector``, the other side (opposition, rebels) when
    known. The event stage expands it to the two."""
    return Actor(text=m.text, span=m.span, members=[country], kind="state", sector=other, confidence=0.6,
                 source="coref:set+domestic")


def _venue(tok) -> bool:
    """A place where something happened is no side of it: "signed in Barbados", "talks in Pretoria"."""
    while tok.dep_ == "appos" or tok.dep_ == "compound":
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in ("in", "at") and tok.head.head.pos_ in ("VERB", "AUX", "NOUN")


def last_two_states(history: list[Mention], m: Mention, sdoc=None) -> Actor | None:
    seen: list[str] = []
    sector = None
    for prev in reversed(history):
        a = prev.actor
        if sdoc is not None and prev.head is not None and _venue(sdoc[prev.head]):
            continue
        if prev.span[0] < m.span[0] and a.country and not a.members and a.country not in seen:
            seen.append(a.country)
            sector = sector or a.sector
            if len(seen) == 2:
                members = sorted(seen)
                return Actor(text=m.text, span=m.span, members=members, kind="state", sector=sector,
                             confidence=0.6, source="coref:pair")
    return None
