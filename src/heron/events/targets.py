"""Target search for predicate frames: the nearest actors among a predicate's arguments.

Objects and argument-bearing prepositional phrases first, breadth-first by depth; then the complement of a
control verb ("threatened to break relations with Russia"); then places inside the arguments, which stand for
their state ("set up a research centre in Tokyo"). Temporal and locative phrases are not targets.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from heron.records import Mention

SUBJ_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJ = {"nsubjpass", "csubjpass"}
OBJ_DEPS = {"dobj", "dative", "obj", "iobj", "attr", "oprd"}
# Dependents that start a clause of their own.
CLAUSE_DEPS = {"relcl", "ccomp", "advcl", "acl", "csubj", "parataxis", "xcomp"}
# Prepositions that introduce the other party of an interaction.
TARGET_PREPS = {"to", "with", "for", "against", "on", "into", "toward", "towards", "from", "of", "over", "at", "upon",
                "about", "by", "between", "among", "onto", "across", "within", "inside", "out", "along", "off"}
ORIGIN_PREPS = {"from"}
# Prepositions of time, place, manner: their phrases are circumstances, not parties.
CIRCUMSTANCE_PREPS = {"during", "after", "before", "since", "until", "till", "amid", "amidst", "despite", "in", "as",
                      "throughout", "near", "like", "following", "ahead", "per", "via", "under", "beyond", "besides",
                      "than", "around", "outside", "because", "due", "including", "except"}
# Nouns of the occasion of an act: "on the sidelines of the summit", "on the margins of the UN assembly".
VENUE_NOUNS = {"sideline", "sidelines", "margin", "margins", "fringe", "fringes"}
# Groups that may be a target without a country of their own (heron.when_where.stage supplies it from the event).
DOMESTIC_SECTORS = {"REB", "OPP", "CVL", "UAF", "COP", "PTY", "LAB", "EDU", "REF", "JUD", "LEG", "AGR", "CRM", "MED",
                    "HLH", "REL", "BUS"}
# Verbs whose clause's subject is the one acted on: "let X meet", "allowed X to enter", "made X leave".
CAUSATIVE_LEMMAS = {"let", "allow", "permit", "make", "help", "force", "enable", "invite"}
# Sectors of a state acting as the state: the state itself named bare is never their target.
STATE_ACTOR_SECTORS = {None, "GOV", "MIL", "SPY", "LEG"}
# Relational nouns: "his counterparts from X" means X's officials.
COUNTERPART_NOUNS = {"counterpart", "counterparts", "colleague", "colleagues", "peers", "peer"}


@lru_cache(maxsize=1)
def frame_lexicon() -> dict:
    """Lexical knowledge of frames and targets (data/frames.json): word lists as sets, tables as dicts."""
    with resources.files("heron.data").joinpath("frames.json").open(encoding="utf-8") as f:
        return {k: (v if isinstance(v, dict) else set(v)) for k, v in json.load(f).items() if not k.startswith("_")}


def is_event_noun(tok) -> bool:
    """A noun naming an act: an event noun or verb of the trigger lexicon, or a word that refers back to one
    ("the move")."""
    from heron.events.lexicon import default_lexicon

    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    lemma = tok.lemma_.lower()
    lex = default_lexicon()
    # "the recall", "the attack": a noun that is also an event verb of the lexicon names an act too
    return lemma in lex.nouns or lemma in lex.verbs or lemma in frame_lexicon()["event_reference_nouns"]


def characterisation(tok, obj_toks=None) -> list | None:
    """The words a verb characterises its object with, or None: an object predicate ("called X a disgrace",
    "labelled the rallies unlawful"), a second object ("branded the takeover a putsch"), an "as" phrase
    ("described the attacks as a war crime") or an adjective the parser hung elsewhere."""
    if obj_toks is None:
        obj_toks = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
    dobjs = [c for c in obj_toks if c.dep_ in ("dobj", "obj")]
    if not dobjs:
        return None
    comps = [c for c in tok.children if c.dep_ == "oprd" or (c.dep_ == "xcomp" and c.pos_ in ("ADJ", "NOUN"))]
    comps += dobjs[1:]
    # 'called the expulsions "cruel and inhumane"': the parser hangs a quoted predicate on the object
    comps += [c for d in dobjs for c in d.children if c.dep_ in ("amod", "appos") and c.i > d.i]
    for head in [tok] + dobjs:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "as":
                comps.extend(p for p in prep.children if p.dep_ == "pobj")
            elif prep.dep_ == "prep":
                comps.extend(p for p in prep.children if p.dep_ == "pobj" and p.pos_ == "ADJ")
    comps = [c for c in comps if not (c.pos_ == "PROPN" and c.ent_type_ == "PERSON")]   # "called him Donald"
    if not comps:
        return None
    return [w for c in comps for w in c.subtree]


def _codable(actor, domestic: bool = False) -> bool:
    """A target needs a country, a group, or an organisation to be coded as a dyad. With ``domestic``, a
    group without a country ("protesters", "militants") will do: the place of the event or the acting
    state supplies its country later (heron.when_where.stage)."""
    return bool(actor.country or actor.members or actor.igo or actor.kind in ("igo", "ngo")
                or (domestic and actor.sector in DOMESTIC_SECTORS and actor.kind in ("state", "nonstate")))


def is_reporting(tok) -> bool:
    """A reporting verb ("said", "reported", "announced"), as listed in the event lexicon's non-events."""
    from heron.events.lexicon import default_lexicon

    return default_lexicon().nonevents.get(tok.lemma_.lower()) == "report"


def _is_attribution(tok) -> bool:
    """A noun after a comma that carries its own reporting verb: "..., the official news agency reported"."""
    if not any(c.dep_ in ("acl", "relcl") and is_reporting(c) for c in tok.children):
        return False
    start = tok.left_edge.i
    return start > 0 and tok.doc[start - 1].text == ","


class TargetSearch:
    """Mixin of heron.events.frames.FrameFinder: needs ``max_depth`` and ``_actors_at``."""

    # -- targets --------------------------------------------------------------------------
    def _targets(self, pred, by_head, agents: list[Mention], passive_subject=None,
                 domestic: bool = False) -> tuple[list[Mention], str, bool]:
        """Nearest actor mentions among the predicate's arguments (breadth-first by depth).

        If none is found, a second pass lets places inside the arguments stand for their state
        ("set up a research centre in Tokyo", "evacuate settlements in the Gaza Strip")."""
        if domestic:
            return self._search(pred, by_head, agents, passive_subject, nested_places=False, domestic=True)
        judged = self._judged_act(pred)
        if judged is not None:
            # "condemned the attack on Hamas' office": the target is the attacker, never the victim; with no
            # author in the phrase, the event stage looks for the act earlier in the document.
            authors = self._authors_of_act(judged, by_head, agents)
            return authors, (f"act-author:{judged.i}" if authors else f"act:{judged.i}"), False
        found = self._search(pred, by_head, agents, passive_subject, nested_places=False)
        if found[0] or pred.pos_ != "VERB":
            return found
        # Control verbs aim through their complement: "threatened to break relations with Russia",
        # "offered to negotiate with the president of Armenia".
        # (the parser sometimes attaches "to sever relations" as an adverbial clause)
        complements = [c for c in pred.children if c.pos_ == "VERB" and (c.dep_ == "xcomp" or c.dep_ == "advcl" and any(
            a.dep_ == "aux" and a.lower_ == "to" for a in c.children))]
        # "will take part in training Haitian police": what one takes part in
        complements += [g for c in pred.children if c.dep_ == "prep" and c.lower_ == "in"
                        for g in c.children if g.dep_ == "pcomp" and g.pos_ == "VERB"]
        for child in complements:
            targets, via, counterpart = self._search(child, by_head, agents, None, nested_places=False)
            if targets:
                return targets, "complement:" + via, counterpart
        targets, via, counterpart = self._search(pred, by_head, agents, passive_subject, nested_places=True)
        if targets:
            return targets, "nested-place:" + via, counterpart
        for child in complements:
            # "offered to mediate in the dispute between Mali and Burkina Faso"
            targets, via, counterpart = self._search(child, by_head, agents, None, nested_places=True)
            if targets:
                return targets, "complement:nested-place:" + via, counterpart
        return [], "", counterpart

    @staticmethod
    def _judged_act(pred):
        """The act an evaluation verb judges: its object (or "of/over/for" phrase) when that names an act
        and no actor ("condemned the coup", "welcomed the decision", "protested over the arrests")."""
        lemma = pred.lemma_.lower()
        if lemma not in frame_lexicon()["evaluation_lemmas"] and not (
                lemma in frame_lexicon()["characterisation_verbs"] and characterisation(pred) is not None):
            return None
        objects = [c for c in pred.children if c.dep_ in ("dobj", "obj")]
        if not objects:      # "protested over the arrests" (but not "defended Iraq against criticism")
            objects = [p for c in pred.children if c.dep_ == "prep" and c.lower_ in ("against", "over", "of", "at")
                       for p in c.children if p.dep_ == "pobj"]
        return next((tok for tok in objects if is_event_noun(tok)), None)

    def _authors_of_act(self, act, by_head, agents) -> list[Mention]:
        """Who did an act named by a noun: "Israel's strikes", "the Israeli strikes", "the attack by
        al-Shabaab", "an offer from Chavez", "an order issued by the Taliban"."""
        agent_ids = {id(m) for m in agents}
        own = by_head.get(act.i)
        if own is not None and own.actor is not None and id(own) not in agent_ids and _codable(own.actor):
            return [own]           # "a NATO demand", "the Russian invasion" resolved as one phrase
        found = []
        for child in act.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod"):
                found.extend(m for m in self._actors_at(child, by_head) if id(m) not in agent_ids)
            elif child.dep_ == "prep" and child.lower_ in ("by", "from") or child.dep_ == "agent":
                for pobj in child.children:
                    # "calls by Kofi Annan, UN secretary-general": the author may be named in an apposition
                    found.extend(m for t in pobj.subtree if t.dep_ in ("pobj", "appos", "conj")
                                 for m in self._actors_at(t, by_head) if id(m) not in agent_ids and m not in found)
            elif child.dep_ == "acl" and child.tag_ == "VBN":
                for agent in child.children:
                    if agent.dep_ == "agent":
                        for pobj in agent.children:
                            found.extend(m for m in self._actors_at(pobj, by_head) if id(m) not in agent_ids)
        return [m for m in found if _codable(m.actor, domestic=True)]

    def _search(self, pred, by_head, agents, passive_subject, nested_places: bool, domestic: bool = False):
        agent_ids = {id(m) for m in agents}
        agent_countries = {m.actor.country for m in agents if m.actor and m.actor.country}
        # A domestic interaction (a government and its own rebels or refugees) keeps its target;
        # the same state mentioned twice does not.
        agent_sectors = {m.actor.sector for m in agents if m.actor}
        # "Both countries recalled their ambassadors": the group's own people are not its target.
        agent_members = {c for m in agents if m.actor and m.actor.members for c in m.actor.members}
        frontier = []
        stance = {t.i for t in stance_phrase(pred)} if pred.pos_ == "VERB" else set()
        for child in pred.children:
            if child.i in stance:
                continue    # "skipped the summit in solidarity with Trump": the stance's, not the act's
            if child.dep_ in OBJ_DEPS and _is_attribution(child):
                continue    # "..., the official APS news agency reported": a misparsed source, not an object
            if child.dep_ in OBJ_DEPS or (child.dep_ in PASSIVE_SUBJ and passive_subject):
                frontier.append((child, 1, child.dep_))
            elif child.dep_ in ("ccomp", "xcomp") and pred.lemma_.lower() in CAUSATIVE_LEMMAS:
                # "refused to let the UN envoy meet Suu Kyi": the one let (or made) to act is the other party.
                frontier.extend((sub, 1, "causee") for sub in child.children if sub.dep_ in SUBJ_DEPS)
            elif child.dep_ == "prep" and any(p.lemma_.lower() in VENUE_NOUNS for p in child.children if p.dep_ == "pobj"):
                continue    # "met on the sidelines of the APEC summit": where they met, not whom
            elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
                # "fired rockets from Lebanon into Israel": an origin is a party only when nothing else is.
                frontier.append((child, 3 if child.lower_ in ORIGIN_PREPS else 1, f"prep:{child.lower_}"))
            elif child.dep_ == "prep" and child.lower_ in ("in", "inside") and nested_places:
                frontier.append((child, 2, f"place:{child.lower_}"))
            elif child.dep_ == "prep" and child.lower_ in CIRCUMSTANCE_PREPS:
                # Parser slips: "a meeting during the day with X" hangs "with X" under "day".
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and pobj.ent_type_ in ("DATE", "TIME"):
                    for sub in pobj.children:
                        if sub.dep_ == "prep" and sub.lower_ in ("with", "to", "against"):
                            frontier.append((sub, 3, f"prep:{sub.lower_}"))
        best: list[tuple[int, Mention, str]] = []
        counterpart = False
        seen_tokens = set()
        while frontier:
            tok, depth, via = frontier.pop(0)
            if depth > self.max_depth or tok.i in seen_tokens or tok.i in stance:
                continue
            seen_tokens.add(tok.i)
            m = by_head.get(tok.i)
            if m is not None and m.actor is not None and id(m) not in agent_ids and _codable(m.actor, domestic):
                own = (m.actor.source or "").endswith("+possessor") and m.actor.country in agent_countries \
                    or m.actor.members and set(m.actor.members) <= agent_countries | agent_members \
                    or m.actor.country in agent_countries and m.actor.sector is None and m.actor.kind == "state" \
                    and agent_sectors <= STATE_ACTOR_SECTORS    # "tariffs on U.S. imports to Colombia" (Colombia's)
                if not own and not (m.actor.country and m.actor.country in agent_countries and not m.actor.members
                                    and m.actor.sector in agent_sectors):
                    best.append((depth, m, via))
                    continue            # do not look inside a resolved actor phrase
            if tok.lower_ in COUNTERPART_NOUNS:
                counterpart = True
            for child in tok.children:
                if child.dep_ == "acl" and child.tag_ == "VBN" and tok.i != pred.i:
                    # "rejected a peace plan drawn up by the OAU": the author of the plan is the other party.
                    frontier.extend((a, depth + 2, via) for a in child.children if a.dep_ == "agent")
                    # "send a force led by Kenya to Haiti": a destination the parser hangs on the participle is
                    # the act's, and nearer than the participle's agent
                    frontier.extend((p, depth + 1, "prep:" + p.lower_) for p in child.children
                                    if p.dep_ == "prep" and p.lower_ in ("to", "into"))
                    continue
                if child.dep_ in CLAUSE_DEPS or child.dep_ in ("punct", "cc", "det", "advmod", "aux", "neg"):
                    continue
                if child.dep_ == "prep" and child.lower_ in CIRCUMSTANCE_PREPS:
                    if not (nested_places and child.lower_ in ("in", "near", "inside")):
                        continue
                elif child.dep_ == "prep" and child.lower_ not in TARGET_PREPS:
                    continue
                frontier.append((child, depth + 1, via))
            # "must meet his counterparts from X": the "from" phrase may hang on the verb.
        if not best:
            # Speech acts aim at the subject of what they report: "demanded that the US cancel ...",
            # "urged that Iran stop ...".
            for child in pred.children:
                if (child.dep_ in ("ccomp", "xcomp") or child.dep_ == "advcl" and any(
                        c.dep_ == "mark" and c.lower_ == "for" for c in child.children)) \
                        and not any(c.tag_ in ("WP", "WDT") for c in child.children):
                    # ("called for Israel to halt": the parser's "for" clause is the demand's complement too)
                    # not "protest what they called a stolen election": a free relative names a thing
                    for sub in child.children:
                        if sub.dep_ in SUBJ_DEPS | PASSIVE_SUBJ:
                            found = [m for m in self._actors_at(sub, by_head)
                                     if id(m) not in agent_ids and _codable(m.actor)]
                            if found:
                                return found, "reported-subject", counterpart
            return [], "", counterpart
        top = min(d for d, _, _ in best)
        chosen = [m for d, m, _ in best if d == top]
        # Coordinated targets ("sanctions on Russia and Belarus") sit one level deeper.
        for m in list(chosen):
            for c in pred.doc[m.head].conjuncts:
                cm = by_head.get(c.i)
                if cm is not None and cm.actor is not None and _codable(cm.actor) and cm not in chosen \
                        and id(cm) not in agent_ids:
                    chosen.append(cm)
        via = next(v for d, _, v in best if d == top)
        return chosen, via, counterpart


def stance_in(noun) -> bool:
    """"in solidarity (with X)", "in support (of X)": a stance noun in an "in" phrase beside another act."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "in" and noun.lemma_.lower() in frame_lexicon()["stance_in_nouns"] \
        and noun.head.head.lemma_.lower() not in frame_lexicon()["stance_holding_verbs"]


def stance_phrase(verb) -> list:
    """The "in solidarity" preposition on a verb (or on its object: "skipped the summit in solidarity") and the
    with/of phrase beside it that belongs to the stance, or [] when the verb has none."""
    if verb.lemma_.lower() in frame_lexicon()["stance_holding_verbs"]:
        return []       # "stood in solidarity with Guyana": the stance is the act
    holders = [verb] + [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    ins = [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "in"
           and any(stance_in(p) for p in c.children)]
    if not ins:
        return []
    beside = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("with", "of") and c.i > ins[0].i]
    return ins[:1] + beside[:1]
