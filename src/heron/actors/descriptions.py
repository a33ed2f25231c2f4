"""Definite descriptions and what they refer back to: "the South American country", "the two sides", "the
junta", "the court". Also the salience rule pronouns share: the nearest sentence with a candidate, a subject first.
"""
from __future__ import annotations

from dataclasses import replace

from heron.actors.groups import NUMBER_WORDS, PAIR_NOUNS, domestic_sides, last_set_of_states, last_two_states
from heron.actors.lexicon import _lexicon
from heron.records import Actor, Mention

# Heads of descriptions that refer back to the last country / group / organisation.
COUNTRY_NOUNS = {"country", "nation", "state", "republic", "kingdom", "government"}
GROUP_NOUNS = {"countries", "nations", "states", "republics", "members"}
# (also "the bank", "the fund" after the World Bank or the IMF: an organisation named before, never a company)
ORG_NOUNS = {"organisation", "organization", "alliance", "bloc", "body", "union", "bank", "fund"}
ARMED_GROUP_NOUNS = {"group", "movement", "militia", "faction", "outfit", "insurgency"}
ANAPHORIC_DETS = {"this", "the", "that", "these", "those", "both"}
# How far back a pronoun or description looks for its antecedent (news articles are shorter than this).
ANTECEDENT_SENTENCES = 50
FORMER_PREFIXES = ("ex", "former", "post")


def salient_antecedent(history: list[Mention], m: Mention, subjects, pred, source: str, confidence: float):
    """The antecedent of mention m among earlier resolved mentions that satisfy pred: the nearest
    sentence with a candidate wins, and within it a subject beats a later object. Only the last
    ANTECEDENT_SENTENCES sentences are searched (history is in text order, so the search walks back
    and stops there: a long document costs no more per pronoun than a short one)."""
    same: list[Mention] = []
    for p in reversed(history):
        if p.sentence < m.sentence - ANTECEDENT_SENTENCES or (same and p.sentence != same[0].sentence):
            break
        if p.span[0] < m.span[0] and pred(p.actor):
            same.insert(0, p)
    if not same:
        return None
    pick = next((p for p in same if p.id in subjects), same[-1])
    m.coref = pick.id
    return replace(pick.actor, source=source, confidence=confidence)


def _former(tok) -> bool:
    """"ex-Soviet", "former Yugoslav", "post-Soviet": a modifier that names no state of today."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ in FORMER_PREFIXES:
        return True
    return any(c.lower_ in FORMER_PREFIXES for c in tok.children) or tok.i >= 1 and doc[tok.i - 1].lower_ in FORMER_PREFIXES


def _without_attributes(text: str) -> str:
    """'U.S.-backed Contra rebels' -> 'Contra rebels': drop names joined to an attribute participle."""
    if "-" not in text:
        return text
    words = [w for w in text.split() if not ("-" in w and w.rsplit("-", 1)[1].lower() in _lexicon()["attribute_participles"])]
    return " ".join(words) or text


def describe(head, history: list[Mention], m: Mention, subjects: set[str] = frozenset(),
             context=None) -> Actor | None:
    if head.pos_ != "NOUN" and not (head.pos_ == "PROPN" and head.lower_ in _lexicon()["authority_nouns"]):
        # "the United States" is a name, not a description (but "the Junta" is one)
        return None
    named = context.resolve(_without_attributes(m.text)) if context is not None else None
    # "the South American country" is a South American state named before, not the last state named
    region = set(named.members) if named is not None and named.members else None
    if region is None and context is not None and any(
            c.dep_ in ("amod", "compound", "nmod", "poss") and c.ent_type_ in ("NORP", "GPE") and not _former(c)
            and getattr(context.resolve(c.text), "country", None) for c in head.children):
        return None              # "the Sudanese government" names its state ("the ex-Soviet countries" does not)
    if getattr(named, "country", None):
        return None              # "the Taliban-led government" names who governs
    dets = {c.lower_ for c in head.lefts if c.dep_ in ("det", "predet")}
    if not dets & ANAPHORIC_DETS:
        return None
    lemma = head.lower_

    def last(pred):
        return salient_antecedent(history, m, subjects, pred, "coref:description", 0.6)

    if lemma in PAIR_NOUNS and not any(c.dep_ == "compound" and c.pos_ == "NOUN" for c in head.children):
        # (not "the coup leaders", "the opposition parties": a noun before it says who they are)
        # "the two governments", "both sides", "the ex-Soviet countries": the states last named together.
        number = next((NUMBER_WORDS[c.lower_] for c in head.children if c.lower_ in NUMBER_WORDS), None)
        if dets & {"both"}:
            number = 2
        # (a count names the set more surely: "the three leaders" may look further back)
        inside = _conflict_of(head, context)
        if inside is not None:
            return domestic_sides(m, inside)
        found = last_set_of_states(history, m, head.doc, number, max_sentences=10 if number and number > 2 else 3)
        if found is not None or number == 2:
            return found or last_two_states(history, m, head.doc)
    if lemma in COUNTRY_NOUNS and dets & {"this", "the", "that"} and not (
            lemma == "state" and any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)):
        # (not "the highest state of readiness", "the state of emergency")
        return last(lambda a: a.kind == "state" and a.country and a.sector is None and not a.members
                    and (region is None or a.country in region))
    if lemma in _lexicon()["authority_nouns"] and dets & {"the", "this", "that"} and named is not None \
            and named.sector and not named.country:
        # "the junta", "the regime": the rulers of the state last named
        # (the rulers called so before, else the state last named or its government or military: "the
        # Myanmar military ... the junta")
        same = [p for p in history if p.head is not None and p.span[0] < m.span[0] and p.actor.country
                and head.doc[p.head].lower_ == head.lower_ and p.actor.sector == named.sector]
        if same:
            m.coref = same[-1].id
            return replace(same[-1].actor, source="coref:description", confidence=0.6)
        found = last(lambda a: a.kind == "state" and a.country and a.sector in (None, "GOV", "MIL")
                     and not a.members and a.role is None)
        return replace(found, sector=named.sector, code=found.country + named.sector) if found else None
    if lemma in GROUP_NOUNS and dets & {"these", "those", "the"}:
        return last(lambda a: bool(a.members))
    if lemma in ORG_NOUNS:
        return last(lambda a: a.kind == "igo")
    if lemma in ARMED_GROUP_NOUNS and dets & {"the", "this", "that"}:
        # "the Iran-aligned group", "the militia": the armed group or movement last named.
        return last(lambda a: (a.kind == "nonstate" or a.sector in ("REB", "UAF")) and not a.members
                    or lemma == "group" and a.kind == "igo")
    if dets & {"the", "this", "that"} and not any(c.dep_ in ("amod", "compound", "poss") for c in head.lefts):
        return _same_head(head, history, m)
    return None


def _conflict_of(head, context) -> str | None:
    """"The two parties in the Ethiopian conflict", "both sides of the Sudanese war": sides of one state's
    conflict are that state's."""
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "to", "of"):
            continue
        for pobj in prep.children:
            named = [getattr(context.resolve(c.text), "country", None) for c in pobj.children
                     if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE")]
            if pobj.dep_ == "pobj" and len(named) == 1 and named[0]:
                return named[0]
    return None


def _same_head(head, history: list[Mention], m: Mention) -> Actor | None:
    """"The court" after "the International Court of Justice", "the ministry" after "Ukraine's foreign ministry":
    a bare description is the last named actor with the same head noun."""
    lemma = head.lemma_.lower()
    # (also "the ambassadors" after "EU ambassadors": people named by their role, as a group)
    group = lemma in _lexicon()["group_role_nouns"] and head.tag_ == "NNS"
    if lemma not in _lexicon()["institution_nouns"] and not group:
        return None
    for p in reversed(history):
        if p.sentence < m.sentence - ANTECEDENT_SENTENCES:
            break
        if p.head is None or p.span[0] >= m.span[0] or head.doc[p.head].lemma_.lower() != lemma:
            continue
        a = p.actor
        longer = len(p.text.split()) > len(m.text.split()) or group and p.text.lower() != m.text.lower()
        if (a.country or a.igo) and a.kind != "person" and longer:
            m.coref = p.id
            return replace(a, source="coref:head", confidence=0.6)
    return None


def story_counterparts(sdoc, mentions: list[Mention], by_head: dict, pair: tuple[str, str] | None) -> None:
    """"The Indian commander held a flag meeting with his counterpart" in a story between India and China: a
    counterpart of no state named is of the story's other side (a guess: low confidence)."""
    if pair is None:
        return
    for m in mentions:
        if m.head is None or m.actor is not None and (m.actor.country or m.actor.igo or m.actor.members):
            continue
        head = sdoc[m.head]
        if head.lemma_.lower() not in _lexicon()["counterpart_nouns"] \
                or not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children):
            continue
        verb = head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        owner = next((by_head.get(c.i) for c in verb.children if c.dep_ == "nsubj"), None)
        own = owner.actor if owner is not None else None
        if own is None or own.country not in pair or own.members:
            continue
        other = pair[1] if own.country == pair[0] else pair[0]
        sector = own.sector if own.sector in ("GOV", "MIL") else "GOV"
        m.actor = Actor(text=m.text, span=m.span, country=other, sector=sector, kind="state", code=other + sector,
                        confidence=0.5, source="coref:counterpart+story")


def appositive_roles(sdoc, mentions: list[Mention], by_head: dict) -> None:
    """"Olusegun Obasanjo, head of the AU mediation team, said ...": a person whose appositive names an
    organisation acts for it in this story, and so do the later mentions of the same person ("Obasanjo praised
    the process") -- not for the state he once led. Office holders of a state keep their state."""
    roles: dict[str, Actor] = {}

    def private(a: Actor | None) -> bool:     # a person who holds no office of a state today
        return a is not None and bool(a.name) and (a.kind == "person" or a.kind == "nonstate" and a.sector == "ELI")

    for m in mentions:
        if m.head is None or not private(m.actor):
            continue
        for c in sdoc[m.head].children:
            role = by_head.get(c.i) if c.dep_ == "appos" and c.lemma_.lower() in _lexicon()["organisation_role_nouns"] \
                else None
            if role is not None and role.actor is not None and role.actor.kind == "igo":
                roles[m.actor.name] = role.actor
                break
    if not roles:
        return
    for m in mentions:
        a = m.actor
        if private(a) and a.name in roles:
            m.actor = replace(roles[a.name], text=m.text, span=m.span, name=a.name, confidence=0.7,
                              source=(a.source or "") + "+appositive-role")
