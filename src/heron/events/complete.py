"""Stage: keep the events that say who did what to whom.

Runs last, once places have given generic actors their country ("police" in a story about Serbia). An act with
no recipient is kept when it needs none (a protest), when its parties act on each other ("A and B agreed", "both
sides blamed each other"), or when it is domestic: its one state is the only one named around it and the one the
story is about ("police detained 14 protesters"). "X accused" with no one accused in an international story is
not a dyad, and neither is an act on people of no known country.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from heron.events.extract import MUTUAL_TYPES, RECIPROCAL_CODES, gives_aid
from heron.events.frames import LOCATIVE_PREPS
from heron.events.implicit import HOSTILE_SECTORS
from heron.events.targets import DOMESTIC_SECTORS
from heron.actors.focus import story_pair
from heron.records import Actor, Document, Event

# A second telling of the same act this many sentences after the first is the same happening.
RETOLD_WITHIN = 2
# Acts aimed at someone, whose target a two-state story may supply.
DIRECTED_TYPES = frozenset({"ACCUSE", "THREATEN", "REJECT", "REQUEST", "SANCTION", "ASSAULT", "COERCE", "SUPPORT",
                            "MOBILIZE"})
# A state's own opposition, police, courts, civilians ... act at home: their side of a two-state story is not theirs
# ("the opposition disputed the results" in a Venezuela-Peru story is aimed at Caracas). Its armed groups and
# criminals are left out: rebels in a two-state story may well be fighting the other state.
HOME_SECTORS = frozenset(DOMESTIC_SECTORS - HOSTILE_SECTORS)
LAUNCH_CODE = "150"      # demonstrate military power
LAUNCH_PATTERN = re.compile(r"V:(?:fire|launch|test-fire)(?:\+\w+)?>(?:missile|rocket)$")
# Acts that need no other party to be a whole event.
SELF_CONTAINED_TYPES = frozenset({"PROTEST"})
RECIPROCAL_WORDS = re.compile(r"\b(?:each other|one another|mutual(?:ly)?|both|the two|between them|traded|exchanged|trading"
                              r"|exchanging)\b", re.I)
# Nouns of geography whose "with"/"of" phrase names a place: "the border with Bulgaria".
GEOGRAPHY_NOUNS = frozenset({"border", "frontier", "boundary", "coast", "region", "area", "province", "side"})
# Where something happened or came from is no party to it: "met in Rome", "a letter faxed from Tokyo".
PLACE_PREPS = LOCATIVE_PREPS | {"from"}


@dataclass
class CompleteDyads:
    name: str = "dyads"

    def __call__(self, doc: Document) -> Document:
        for e in doc.events:
            # "Hungary promised that it would not be the last": no one acts on itself
            own = {a.code for a in e.actor if a.code}
            e.recipient = [r for r in e.recipient if not (r.code and r.code in own)]
        for e in doc.events:
            _test_launch(e)
        parties = sentence_parties(doc)
        pair = story_pair(doc.mentions)
        if pair is not None:
            for e in doc.events:
                if not _addressed(doc, e):
                    counterpart(e, pair, parties.get(e.sentence, set()) | parties.get(e.sentence - 1, set()))
                    third_party_appeal(e, pair)
        aid_to_story_recipient(doc)
        posture_against_aggressor(doc)
        # parties named in the event's sentence and the one before it
        doc.events = once([e for e in doc.events
                           if complete(doc, e, parties.get(e.sentence, set()) | parties.get(e.sentence - 1, set()))])
        return doc


def _addressed(doc: Document, e: Event) -> bool:
    """A demand made to someone the text names, even someone who is no codable actor ("urged partners to speed up
    deliveries"): the story's other side is not who was asked."""
    if e.plover["type"] != "REQUEST" or doc.nlp is None:
        return False
    span = doc.nlp.char_span(*e.trigger.span, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    return any(c.dep_ in ("dobj", "dative") and c.pos_ in ("NOUN", "PROPN", "PRON") for c in tok.children) or any(
        c.dep_ == "prep" and c.lower_ in ("on", "to") and any(p.pos_ in ("NOUN", "PROPN") for p in c.children)
        for c in tok.children)


def counterpart(e: Event, pair: tuple[str, str], named: set[str]) -> None:
    """In a story between two states, an act of one with no one named is aimed at the other: "Kenya criticised the
    attacks" in a Kenya-Congo story, "Yoon warned of a resolute response" in a story about North Korea's launches.
    Only where no third party is named around it; a guess, so the recipient carries low confidence. A state's own
    opposition, police, courts or civilians act at home ("the opposition rejected the results": its government)."""
    if e.recipient or e.plover["type"] not in DIRECTED_TYPES or e.modality in ("negated", "hypothetical"):
        return
    keys = {a.country or a.igo for a in e.actor if a.country or a.igo}
    if len(keys) != 1 or not keys <= set(pair) or not named <= set(pair):
        return
    if all(a.sector in HOME_SECTORS and a.kind != "igo" for a in e.actor):
        # at home: the police act on civilians, everyone else on the government
        sector = "CVL" if all(a.sector == "COP" for a in e.actor) else "GOV"
        _imply(e, [next(iter(keys))], "own-state", sector)
    else:
        _imply(e, [pair[1] if pair[0] in keys else pair[0]], "story-counterpart")


def _imply(e: Event, countries, via: str, sector: str | None = None, source: str | None = None) -> None:
    """Give an event the recipients the story implies (a guess: low confidence), and say how they were found."""
    e.recipient = [Actor(text="", span=None, name=None, country=c, sector=sector, kind="state", code=c + (sector or ""),
                         confidence=0.4, source=f"implicit:{source or via}") for c in countries]
    if e.explain is not None:
        e.explain["target_via"] = via


def third_party_appeal(e: Event, pair: tuple[str, str]) -> None:
    """"The United States and China also called for restraint" in a story about Thai-Cambodian clashes: a call made
    to no one named by states outside the story's two sides is made to both sides. A guess, low confidence."""
    if e.recipient or e.plover["type"] != "REQUEST" or e.modality in ("negated", "hypothetical"):
        return
    keys = {a.country or a.igo for a in e.actor if a.country or a.igo}
    if not keys or keys & set(pair) or any(a.sector in HOME_SECTORS for a in e.actor if a.kind != "igo"):
        return
    _imply(e, pair, "story-pair")


def aid_to_story_recipient(doc: Document) -> None:
    """"Britain announced 1 million pounds in emergency funding" in a story about an earthquake in Afghanistan:
    aid given to no one named goes where the story's earlier aid went ("India delivered tents to Kabul"), else to
    the country the story is about. A guess, so the recipient carries low confidence."""
    last = None
    for e in doc.events:
        if not gives_aid(e.cameo["code"]):
            continue
        if e.recipient:
            last = next((r.country for r in e.recipient if r.country), last)
            continue
        if e.modality in ("negated", "hypothetical"):
            continue
        to = last or doc.focus_country
        if to is None or any(a.country == to for a in e.actor):
            continue
        _imply(e, [to], "story-aid" if last else "story-focus", source="story-aid")


# Hostile acts a show of force answers.
HOSTILE_TYPES = frozenset({"ASSAULT", "MOBILIZE", "THREATEN", "COERCE"})
# How many sentences back the act answered may be.
ANSWERED_WITHIN = 3


def posture_against_aggressor(doc: Document) -> None:
    """"Russia launched a massive missile attack on Ukraine ... Poland scrambled its fighter jets": forces put on
    alert with no one named are put on alert against the last state that acted with hostility (or, when that
    was the same state, against its target). A guess, so the recipient carries low confidence."""
    for n, e in enumerate(doc.events):
        if e.plover["type"] != "MOBILIZE" or e.recipient or e.modality in ("negated", "hypothetical"):
            continue
        own = {a.country for a in e.actor if a.country}
        if len(own) != 1:
            continue
        # the act answered is told in the same sentence ("scrambled jets after Russia launched an attack") or before
        same = [p for p in doc.events if p.sentence == e.sentence and p is not e]
        for prior in same + [p for p in reversed(doc.events[:n]) if p.sentence != e.sentence]:
            if prior.sentence < e.sentence - ANSWERED_WITHIN:
                break
            if prior.plover["type"] not in HOSTILE_TYPES or prior.modality in ("negated", "hypothetical"):
                continue
            others = [a.country for a in prior.actor if a.country and a.country not in own] or \
                [r.country for r in prior.recipient if r.country and r.country not in own]
            if others:
                _imply(e, others[:1], "answered-aggressor")
            break


def once(events: list[Event], window: int = RETOLD_WITHIN) -> list[Event]:
    """One happening, one event: the same parties doing the same kind of act on the same day, told again in the
    same clause chain or a sentence or two later ("pledged to strengthen ties" ... "agreed to strengthen ties"), is
    the first telling; the later ones are listed in its ``explain["also_told"]``."""
    kept: list[Event] = []
    first: dict[tuple, Event] = {}
    for e in events:
        key = (tuple(sorted({a.country or a.igo or "" for a in e.actor})),
               tuple(sorted({a.country or a.igo or "" for a in e.recipient})), e.plover["type"], e.date,
               e.modality in ("negated", "hypothetical"))
        told = first.get(key)
        if told is not None and e.sentence - told.sentence <= window and any(key[0]):
            if told.explain is not None:
                told.explain.setdefault("also_told", []).append({"sentence": e.sentence, "trigger": e.trigger.text})
            continue
        first[key] = e
        kept.append(e)
    return kept


def sentence_parties(doc: Document) -> dict[int, set[str]]:
    """States and organisations named in each sentence as parties, not as the place of something
    ("met in Rome", "a letter faxed from Tokyo")."""
    sdoc = doc.nlp
    found: dict[int, set[str]] = {}
    for m in doc.mentions:
        a = m.actor
        if a is None or not (a.country or a.igo) or a.members:
            continue
        if m.head is not None and sdoc[m.head].dep_ == "pobj" and (
                sdoc[m.head].head.lower_ in PLACE_PREPS or sdoc[m.head].head.head.lemma_.lower() in GEOGRAPHY_NOUNS):
            continue        # "near Macedonia's border with Bulgaria": a place, not a party
        found.setdefault(m.sentence, set()).add(a.country or a.igo)
    return found


def _only_state(doc: Document, key: str) -> bool:
    return all((m.actor.country or m.actor.igo) in (None, key) for m in doc.mentions if m.actor is not None
               and not m.actor.members)


def _test_launch(e: Event) -> None:
    """"North Korea fired ballistic missiles into the East Sea": a missile fired at no one is a launch (MOBILIZE,
    a show of force), not an attack."""
    pattern = (e.explain or {}).get("pattern") or ""
    if e.plover["type"] == "ASSAULT" and not e.recipient and LAUNCH_PATTERN.match(pattern):
        from heron.ontology import default_ontology
        onto = default_ontology()
        info = onto.cameo(LAUNCH_CODE)
        e.plover = {"type": "MOBILIZE", "mode": info.plover_mode, "context": list(info.plover_context)}
        e.cameo = {"code": LAUNCH_CODE, "root": LAUNCH_CODE[:2], "name": info.name}
        e.quad_class, e.goldstein = info.quad_class, info.goldstein
        e.plover_score = onto.plover_score("MOBILIZE", info.plover_mode)
        if e.explain is not None:
            e.explain["launch"] = "fired at no one named: a launch, not an attack"


def complete(doc: Document, e: Event, named: set[str]) -> bool:
    """Whether an event says who did what to whom (see the module docstring); ``named``: the states and
    organisations named as parties in its sentence and the one before."""
    if e.plover["type"] in SELF_CONTAINED_TYPES:
        return True
    if e.plover["type"] == "CONSULT" and e.actor and all(a.sector in ("CVL", "REF") for a in e.actor):
        return False       # "many Afghans arrived in Pakistan": people arriving somewhere pay no visit
    if e.recipient and any(r.country or r.igo or r.members or r.kind in ("igo", "ngo") for r in e.recipient):
        return True
    if gives_aid(e.cameo["code"]):
        return False       # "France, Germany and the EU pledged 2 billion euros": to someone not named
    keys = {a.country or a.igo for a in e.actor if a.country or a.igo}
    if len(keys) > 1:
        if e.plover["type"] in MUTUAL_TYPES | {"SUPPORT"} or e.cameo["code"] in RECIPROCAL_CODES:
            return True    # "Argentina and Britain restored relations"
        s, t = doc.sentences[e.sentence] if doc.sentences else (0, len(doc.text))
        return RECIPROCAL_WORDS.search(doc.text[s:t]) is not None
    if len(keys) == 1:
        key = next(iter(keys))
        if len({a.code for a in e.actor}) > 1 and e.plover["type"] in MUTUAL_TYPES:
            return True    # "the government and the opposition agreed to hold elections": parties at home
        # the story is about that state, or names no other state at all
        return named <= keys and (doc.focus_country == key or doc.focus_country is None and _only_state(doc, key))
    return True            # no state known for any actor: nothing to check against
