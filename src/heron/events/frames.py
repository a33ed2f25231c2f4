"""Predicate frames: for each verb or event noun, who acts (agents) and on whom (targets).

Read off the dependency parse with a few robust rules rather than trusting every arc:
- agents: the subject; the "by" agent of a passive; inherited along xcomp/conj/relcl chains
  ("agreed to send", "will have a meeting ... then will travel"); the possessor or national
  adjective of an event noun ("his visit", "the Russian invasion");
- targets: actors in the objects and argument-bearing prepositional phrases of the predicate,
  nearest first, including those of a light verb's noun ("showed his support for X",
  "have a meeting with X"); temporal and locative phrases are not targets.
Clauses below the predicate are left to their own frames, so reported speech yields both the
statement and the embedded event.
"""
from __future__ import annotations

from bisect import bisect_left

from heron.events.frame import Frame
from heron.events.implicit import SECURITY_SECTORS, ImplicitAgents
from heron.events.said import SaidFrames
from heron.events.targets import (PASSIVE_SUBJ, SUBJ_DEPS, TargetSearch, _codable, frame_lexicon, is_event_noun,
                                  is_reporting, stance_in, stance_phrase)
from heron.records import Document, Mention

INHERIT_DEPS = {"xcomp", "conj", "advcl", "pcomp"}
# A later mention after these is where something went, not who acted ("delivered to Ethiopia").
DESTINATION_PREPS = {"to", "into", "toward", "towards", "for"}
RELATIVE_WORDS = {"which", "who", "that", "whom"}
# Prepositions of the place where something happened.
LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "within", "across", "around"}
# Prepositions that set an act in a meeting: "said during talks with X", "agreed at a meeting with X".
SETTING_PREPS = {"during", "at", "in", "after", "before", "following", "on", "ahead"}


class FrameFinder(TargetSearch, ImplicitAgents, SaidFrames):
    """Build frames for one parsed, actor-resolved document."""

    def __init__(self, max_depth: int = 6):
        self.max_depth = max_depth

    def __call__(self, doc: Document) -> list[Frame]:
        sdoc = doc.nlp
        by_head = {m.head: m for m in doc.mentions if m.head is not None}
        adjectives = frame_lexicon()["predicate_adjectives"]
        frames = []
        for tok in sdoc:
            if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ == "ROOT" and tok.lemma_ != "be") or (
                    tok.pos_ == "ADJ" and tok.dep_ == "acomp" and tok.lemma_.lower() in adjectives):
                # (an adjective predicate of the lexicon: "Moldova is grateful to Romania")
                frame = self._verb_frame(tok, by_head, doc.focus_country)
            elif tok.pos_ == "NOUN" and tok.i not in by_head or (tok.pos_ == "NOUN" and not by_head[tok.i].actor):
                frame = self._noun_frame(tok, by_head)
            else:
                continue
            if frame is not None and frame.agents:
                frames.append(frame)
        return frames

    def fallback_frames(self, doc: Document, skip_sentences: set[int]) -> list[list[Frame]]:
        """When the parse links no actors to a predicate in a sentence, pair a verb of the sentence
        with the nearest actor before it and the nearest other actor after it. One list of
        candidates per sentence without any event, main verb first; the caller keeps the first
        candidate that types as an event. Such events carry lower confidence."""
        from heron.parse import sentence_bounds

        sdoc = doc.nlp
        # (a place where something happened is no party: "signed in Barbados")
        mentions = [m for m in doc.mentions if m.actor is not None and m.head is not None and _codable(m.actor)
                    and not (sdoc[m.head].dep_ == "pobj" and sdoc[m.head].head.lower_ in LOCATIVE_PREPS)]
        mentions = _outermost(mentions)    # "South Caucasus" in "the South Caucasus country" is no party of its own
        actor_heads = {m.head for m in doc.mentions if m.actor is not None and m.head is not None}
        # Each sentence takes its own mentions by binary search on their heads (in their original order),
        # so a long document costs no more per sentence than a short one.
        by_head = sorted(range(len(mentions)), key=lambda k: mentions[k].head)
        heads = [mentions[k].head for k in by_head]
        out = []
        for start, end in sentence_bounds(sdoc):
            # (heron.parse.repair_tags has already made verbs of words the tagger wrongly marked AUX)
            verbs = sorted((t for t in sdoc[start:end] if t.pos_ == "VERB" or (t.dep_ == "ROOT" and t.pos_ == "AUX")),
                           key=lambda t: (t.dep_ != "ROOT", t.i))
            if not verbs or doc.sentence_of(verbs[0].idx) in skip_sentences:
                continue
            candidates = []
            own = [mentions[k] for k in sorted(by_head[bisect_left(heads, start):bisect_left(heads, end)])]
            for verb in verbs:
                before = [m for m in own if m.head < verb.i]
                after = [m for m in own if verb.i < m.head]
                if not before:
                    continue
                named = [t.i for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"
                         for t in c.subtree]
                if named and not any(h in actor_heads for h in named):
                    continue        # "the refinery supplied fuel to Russian troops": its doer is named, and no actor
                agent = before[-1]
                if _reports(agent, verb):
                    continue        # "Kobakhidze said 7,000 people took part in the protest": the teller did not
                keys = {agent.actor.country or agent.actor.igo}
                target = next((m for m in after if (m.actor.country or m.actor.igo) not in keys), None)
                if target is not None:
                    if any(c.dep_ in PASSIVE_SUBJ or c.dep_ == "auxpass" for c in verb.children) \
                            and any(c.dep_ == "agent" for c in verb.children) \
                            and sdoc[target.head].head.lower_ not in DESTINATION_PREPS:
                        # "Three US servicemen were killed by a bomb outside the Iraqi city of Basra"
                        candidates.append(Frame(verb.i, "verb", [target], [agent], "fallback:passive-after",
                                                "fallback:passive-before"))
                    else:
                        candidates.append(Frame(verb.i, "verb", [agent], [target], "fallback:nearest-before",
                                                "fallback:nearest-after"))
            if candidates:
                out.append(candidates)
        return out

    # -- agents ---------------------------------------------------------------------------
    def _agents_of(self, verb, by_head, seen=None) -> tuple[list[Mention], str]:
        seen = seen or set()
        if verb.i in seen:
            return [], ""
        seen.add(verb.i)
        for child in verb.children:
            if child.dep_ in SUBJ_DEPS:
                found = self._actors_at(child, by_head)
                # "The EU, Nato member Turkey and Russia have welcomed": a list the parser split into subjects
                found += [m for other in verb.children if other.dep_ in SUBJ_DEPS and other.i > child.i
                          for m in self._actors_at(other, by_head) if m not in found]
                if found:
                    return found, "subject"
                if child.lower_ in RELATIVE_WORDS and verb.dep_ == "relcl":
                    return self._actors_at(verb.head, by_head), "relative"
                # "A car bomb planted by Shining Path guerrillas killed ...": the instrument's author acts.
                found = self._author_of(child, by_head)
                if found:
                    return found, "instrument-author"
                return [], ""          # an explicit non-actor subject blocks inheritance
            if child.dep_ == "agent":
                for pobj in child.children:
                    found = self._actors_at(pobj, by_head)
                    if found:
                        return found, "passive-agent"
        if verb.dep_ == "relcl":
            return self._actors_at(verb.head, by_head), "relative"
        if verb.dep_ == "acl" and (verb.tag_ == "VBD" or any(c.dep_ in ("dobj", "obj") for c in verb.children)):
            # "Israeli airstrikes killed 20 people, officials said" parsed as a modifier of
            # "airstrikes": with an object of its own (or a finite past tense, "demonstrators massed
            # outside the embassy") the verb is active, and its head is the agent.
            return self._actors_at(verb.head, by_head), "active-modifier"
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in frame_lexicon()["raising_passives"]:
            # "Egypt is poised to receive ...", "the envoy was asked to leave": a passive's subject does the
            # infinitive's act.
            found = [m for c in verb.head.children if c.dep_ in PASSIVE_SUBJ for m in self._actors_at(c, by_head)]
            if found:
                return found, "inherited:passive-subject"
        if verb.dep_ == "pcomp" and verb.head.lower_ in ("for", "over") and verb.head.dep_ == "prep" \
                and verb.head.head.lemma_.lower() in frame_lexicon()["speech_act_lemmas"]:
            # "praised Trump for lifting sanctions on Syria": the one praised (or condemned) did the act
            found = [m for c in verb.head.head.children if c.dep_ in ("dobj", "obj")
                     for m in self._actors_at(c, by_head)]
            if found:
                return found, "judged-for"
        if (verb.dep_ == "conj" or verb.dep_ == "advcl" and verb.tag_ == "VBG") and verb.head.dep_ == "ccomp" \
                and is_reporting(verb.head.head) and verb.lemma_.lower() in frame_lexicon()["speech_act_lemmas"]:
            # ("UNIFIL said Israeli troops had fired near its patrol, calling the incident a violation": so with
            # a participle the parser hangs on what was said)
            # "The coast guard said Philippine ships entered the waters and urged the Philippines to stop": the
            # parser hangs the speaker's second act on what was said
            found, via = self._agents_of(verb.head.head, by_head, seen)
            if found:
                return found, "inherited:speaker"
        if verb.dep_ in INHERIT_DEPS and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX", "ADJ"):
            found, via = self._agents_of(verb.head, by_head, seen)
            if found:
                return found, f"inherited:{verb.dep_}"
        if verb.dep_ == "advcl" and verb.tag_ == "VBG":
            # "tense since May when Benin blocked exports, insisting that ...": a participle the parser hangs
            # beside the clause it continues (the last clause before it) takes that clause's subject
            sibling = max((c for c in verb.head.subtree if c.dep_ in ("advcl", "conj", "relcl") and c.i < verb.i
                           and c.pos_ == "VERB"), key=lambda c: c.i, default=None)
            found = [m for c in sibling.children if c.dep_ == "nsubj"
                     for m in self._actors_at(c, by_head)] if sibling is not None else []
            if found:
                return found, "inherited:sibling"
        if verb.dep_ == "acomp" or verb.pos_ == "ADJ":
            return self._agents_of(verb.head, by_head, seen)
        # Misparsed coordination: "X will have a meeting ..., then will travel to Y" puts the first
        # verb (with the subject) under the second as ccomp/conj.
        for child in verb.lefts:
            if child.dep_ in ("ccomp", "conj") and child.pos_ == "VERB":
                found, via = self._agents_of(child, by_head, seen)
                if found:
                    return found, "inherited:coordination"
        return [], ""

    def _author_of(self, thing, by_head) -> list[Mention]:
        """The "by" agent of a participle on a non-actor noun: "a bomb planted by X", "wheat donated by X"."""
        for acl in thing.children:
            if acl.dep_ == "acl" and acl.tag_ == "VBN":
                for agent in acl.children:
                    if agent.dep_ == "agent":
                        found = [m for p in agent.children for m in self._actors_at(p, by_head)]
                        if found:
                            return found
        return []

    def _actors_at(self, tok, by_head) -> list[Mention]:
        """Actor mentions for a phrase head and its conjuncts ("Russia and China")."""
        out = []
        for t in [tok] + [c for c in tok.conjuncts if c.i > tok.i]:
            m = by_head.get(t.i)
            if m is not None and m.stands_for:
                out.extend(s for s in m.stands_for if s not in out)     # "the statement": its issuers
                continue
            if m is not None and m.actor is not None:
                out.append(m)
                continue
            # "His tour aims ..." -> the possessor; "the leaders of X" handled by the resolver.
            # "Russian missiles hit ...", "US strikes targeting ...": weapons, units and acts stand for the state
            # that names them.
            owner_deps = ("poss", "amod", "compound", "nmod") if t.lemma_.lower() in frame_lexicon()["instrument_nouns"] \
                or t.lower_ in frame_lexicon()["instrument_nouns"] else ("poss",)
            for child in t.children:
                if child.dep_ in owner_deps:
                    pm = by_head.get(child.i)
                    if pm is not None and pm.actor is not None:
                        out.append(pm)
            # "Thousands of Iraqi Kurds", "a group of deputies": the actor is in the "of" phrase.
            if not out and (t.lemma_.lower() in frame_lexicon()["quantity_nouns"] or t.pos_ == "NUM"):
                for prep in t.children:
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        for pobj in prep.children:
                            if pobj.dep_ == "pobj":
                                out.extend(self._actors_at(pobj, by_head))
        return out

    # -- frames ---------------------------------------------------------------------------
    def _verb_frame(self, verb, by_head, focus: str | None = None) -> Frame | None:
        if verb.lemma_.lower() in frame_lexicon()["death_lemmas"]:
            return self._death_frame(verb, by_head)
        suffered = self._suffered_act(verb)
        if suffered is not None:
            return self._suffered_frame(verb, suffered, by_head)
        received = self._received_from(verb, by_head)
        if received is not None:
            return received
        agents, via = self._agents_of(verb, by_head)
        passive = any(c.dep_ in PASSIVE_SUBJ for c in verb.children)
        authors = [m for c in verb.children if c.dep_ in PASSIVE_SUBJ and not self._actors_at(c, by_head)
                   for m in self._author_of(c, by_head)]
        if passive and via != "passive-agent" and authors:
            # "50,000 tonnes of wheat donated by the EC were delivered to Ethiopia": the donor delivers.
            agents, via, passive = authors, "instrument-author", False
        elif passive and via != "passive-agent":
            forces = [m for c in verb.children if c.dep_ in PASSIVE_SUBJ for m in self._actors_at(c, by_head)
                      if m.actor.sector in SECURITY_SECTORS and not m.actor.members]
            if forces:
                # "15,000 police and soldiers were deployed in Jakarta": the forces' state acts through them.
                return Frame(verb.i, "verb", forces, [], "passive-forces", "")
            # "X was arrested in Lebanon": the state where it happened is the unstated agent.
            lemma = verb.lemma_.lower()
            agents, via = [], "passive-place"
            preps = {f"{lemma}+{c.lower_}" for c in verb.children if c.dep_ == "prep"}
            if lemma in frame_lexicon()["state_action_lemmas"] or preps & frame_lexicon()["state_action_lemmas"]:
                agents = self._state_of_place(verb, by_head) or self._state_in_focus(verb, by_head, focus)
            elif lemma in frame_lexicon()["request_lemmas"]:
                # "The Chinese side was asked to refrain ..., he said": whoever tells of the request made it
                agents, via = self._teller(verb, by_head), "request-teller"
            elif lemma in frame_lexicon()["violence_lemmas"]:
                agents, via = self._announcing_force(verb, by_head), "announcing-force"
                if not agents:
                    agents, via = self._unknown_perpetrator(verb, by_head), "passive-unattributed"
            if not agents:
                return None         # "X was attacked" with no agent and no place: nothing to code
        mediated = self._mediated_parties(verb, by_head, agents, focus) if via == "passive-agent" else None
        if mediated:
            return Frame(verb.i, "verb", agents, mediated, via, "mediated-parties")
        targets, tvia, counterpart = self._targets(verb, by_head, agents, passive_subject=passive)
        judged = tvia.startswith("act:")
        beside_report = False
        if not targets and not passive and not judged:
            # "abstained or did not take part in the vote at the UN": coordinated verbs share objects;
            # "sent inspectors to Bosnia to investigate": a purpose clause acts on its head's target.
            related = [c for c in verb.conjuncts if c.pos_ == "VERB"]
            if verb.dep_ in ("xcomp", "advcl") and verb.head.pos_ == "VERB" \
                    and not any(c.dep_ in SUBJ_DEPS for c in verb.children):
                # (not "arrived in Pakistan after the Taliban seized power": a clause with a subject of its own)
                related.append(verb.head)
            for other in related:
                targets, tvia, counterpart = self._targets(other, by_head, agents)
                if targets and tvia == "reported-subject":
                    # ("Sharing details on X, the spokeswoman noted that the prince ...": who a report is about
                    # is no target of the act beside the report, and no one else is)
                    targets, tvia, counterpart, beside_report = [], "", False, True
                    break
                if targets:
                    tvia = "shared:" + tvia
                    break
        if passive:
            # The passive subject is the target, unless it is no codable actor ("Intelligence is being shared
            # by Rabat with Madrid") or the agent's own forces ("Warships were deployed off Georgia by Moscow").
            own = {m.actor.country for m in agents if m.actor and m.actor.country}
            state = {m.actor.country for m in agents if m.actor and m.actor.country      # a state, not its rebels
                     and m.actor.sector in (None, "GOV", "MIL")}
            subject = [m for c in verb.children if c.dep_ in PASSIVE_SUBJ for m in self._actors_at(c, by_head)
                       if _codable(m.actor, domestic=True)
                       and not (m.actor.country in own and m.actor.sector in (None, "MIL"))]
            if subject or not targets:
                targets, tvia = subject, "passive-subject"
            elif all(m.actor and m.actor.country in state and m.actor.sector in (None, "MIL") for m in targets):
                # the agent's own forces as the passive subject ("Warships of the Black Sea Fleet were deployed
                # off the Georgian coast by Moscow"): the target is among the other arguments
                targets, tvia, counterpart = self._targets(verb, by_head, agents)
        elif not targets and not judged and not beside_report:
            # "a Cairo court opened the trial of 24 militants": a domestic group as the last resort.
            targets, tvia, counterpart = self._targets(verb, by_head, agents, domestic=True)
        demand = self._reported_obligation(verb, by_head, agents) or self._reported_consequence(verb, by_head, agents)
        if demand is not None:
            return demand
        return Frame(verb.i, "verb", agents, targets, via, tvia, counterpart)

    def _between(self, noun, by_head) -> list[Mention]:
        """Parties of a "between A and B" phrase on an event noun, on a place noun under it ("on the border
        between"), or on the verb the noun is subject of ("fighting erupted between")."""
        heads = [noun] + ([noun.head] if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ == "VERB" else [])
        frontier = [(h, 0) for h in heads]
        while frontier:
            tok, depth = frontier.pop(0)
            for child in tok.children:
                if child.dep_ != "prep":
                    continue
                if child.lower_ == "between":
                    found = []
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found.extend(m for m in self._actors_at(pobj, by_head) if _codable(m.actor))
                    if len(found) == 1 and found[0].actor.members:
                        return found      # "between the two countries"
                    if len(found) >= 2:
                        return found
                elif depth < 2 and child.lower_ in ("on", "along", "at", "across", "over", "near"):
                    frontier.extend((p, depth + 1) for p in child.children if p.dep_ == "pobj")
        return []

    def _noun_frame(self, noun, by_head) -> Frame | None:
        agents, via, gov = [], "", noun
        stance = stance_in(noun)
        for child in noun.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod"):
                m = by_head.get(child.i)
                if m is not None and m.actor is not None:
                    agents.append(m)
                    via = child.dep_
        if not agents:
            parties = self._between(noun, by_head)
            if (len(parties) >= 2 or parties and parties[0].actor.members) and is_event_noun(noun):
                # "clashes on the border between Tajikistan and Kyrgyzstan", "talks between Israel and Hamas":
                # the parties act on each other.
                return Frame(noun.i, "noun", parties, [], "between", "")
            if noun.lemma_.lower() in frame_lexicon()["meeting_nouns"] and noun.dep_ == "pobj" \
                    and noun.head.lower_ in SETTING_PREPS or stance:
                # "urged a ceasefire during talks with Kagame": who acts in the clause meets; "skipped the summit
                # in solidarity with Trump": who acts takes the stance.
                gov = noun.head.head
                for _ in range(3):
                    if gov.pos_ == "VERB" or gov.head.i == gov.i:
                        break
                    gov = gov.head
                if gov.pos_ == "VERB":
                    agents, via = self._agents_of(gov, by_head)
                    via = "clause:" + via
            if not agents:
                return None
        targets, tvia, counterpart = self._targets(noun, by_head, agents)
        if not targets and stance and gov.pos_ == "VERB":
            # (the parser hangs "with Trump" on the verb beside "in solidarity")
            targets = [m for p in stance_phrase(gov)[1:] for c in p.children if c.dep_ == "pobj"
                       for m in self._actors_at(c, by_head)]
            tvia = "stance-phrase"
        if not targets:
            return None
        return Frame(noun.i, "noun", agents, targets, via, tvia, counterpart)


def _outermost(mentions: list[Mention]) -> list[Mention]:
    """The mentions not inside a longer one (one sweep over mentions sorted by start, longest first)."""
    out, reach = [], -1
    for m in sorted(mentions, key=lambda m: (m.span[0], -m.span[1])):
        if m.span[1] <= reach:
            continue
        out.append(m)
        reach = m.span[1]
    return sorted(out, key=lambda m: m.head)


def _reports(m: Mention, verb) -> bool:
    """Whether mention m is the subject of a reporting verb above `verb`, which has a subject of its own ("X said
    7,000 people took part": not "X said the vote marked a recovery and accused Y", where X accused)."""
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False
    tok = verb
    for _ in range(6):
        if tok.head.i == tok.i:
            return False
        dep, tok = tok.dep_, tok.head
        if dep == "ccomp" and is_reporting(tok):
            return any(c.dep_ in ("nsubj", "nsubjpass") and c.i == m.head for c in tok.children)
    return False
