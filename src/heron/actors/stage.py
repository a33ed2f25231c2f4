"""Stage: resolve each mention to an actor, with in-document coreference.

Names and titles go to the knowledge base through `heron.actors.coref.DocumentActors`, which also links
surnames and titles back to people named earlier. This stage adds what needs the parse: pronouns
("his" -> the last person named, "its" -> the last state or organisation) and definite descriptions
("this gigantic Central Asian country" -> the last country, "these five countries" -> the last group).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from heron.actors.coref import DocumentActors
from heron.actors.focus import focus_country, story_pair
from heron.actors.descriptions import (_without_attributes, appositive_roles, describe, salient_antecedent,
                                       story_counterparts)
from heron.actors.review import counted_regions, drop_implausible, numbered_groups
from heron.actors.lexicon import _lexicon, historical_state
from heron.actors.resolver import ActorResolver
from heron.actors.statements import link_statements
from heron.parse import doc_text
from heron.quotes.model import load_lexicon as quote_lexicon
from heron.records import Actor, Document, Mention

PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
THING_PRONOUNS = {"it", "its", "itself"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}


def _count_country(counts: Counter, actor: Actor | None, step: int) -> None:
    if actor is not None and actor.country:
        counts[actor.country] += step


QUOTE_OPEN, QUOTE_CLOSE, QUOTE_BOTH = "\u201c", "\u201d", '"'


def _quoted(sdoc, i: int) -> bool:
    """Whether token i sits inside a quotation of its sentence."""
    sent = sdoc[i].sent
    opened = 0
    for t in sdoc[sent.start:i]:
        if t.text == QUOTE_OPEN:
            opened += 1
        elif t.text == QUOTE_CLOSE:
            opened = max(0, opened - 1)
        elif t.text == QUOTE_BOTH:
            opened = 1 - opened if opened <= 1 else opened - 1
    return opened > 0


@dataclass
class ActorResolverStage:
    """Resolve mentions in text order; later mentions may point back to earlier ones."""

    name: str = "actors"
    resolver: object = None          # an ActorResolver; created lazily

    def _resolver(self):
        if self.resolver is None:
            self.resolver = ActorResolver()
        return self.resolver

    def __call__(self, doc: Document) -> Document:
        sdoc = doc.nlp
        context = DocumentActors(self._resolver(), doc.date, doc.text)
        history: list[Mention] = []   # resolved mentions so far, in text order
        # subjects are the salient antecedents, but not those inside a quotation ("“... Putin is not interested in
        # peace,” Zelenskyy said. He said ..." is Zelenskyy)
        subjects = {m.id for m in doc.mentions if m.head is not None and sdoc[m.head].dep_ in ("nsubj", "nsubjpass")
                    and not _quoted(sdoc, m.head)}
        named_by_apposition: dict[int, Actor] = {}
        by_head = {mm.head: mm for mm in doc.mentions}
        unnamed_towns: list[Mention] = []     # names that may be towns of a state named later
        # The countries of the document's resolved mentions, kept up to date as mentions resolve
        # (rescanning every mention for each town named would be quadratic in document length).
        named_countries = Counter(x.actor.country for x in doc.mentions if x.actor is not None and x.actor.country)
        for m in doc.mentions:
            head = sdoc[m.head] if m.head is not None else None
            actor = named_by_apposition.get(m.head)
            if actor is None and head is not None and head.pos_ == "NOUN":
                actor = self._appositive_name(context, sdoc, head, m, by_head, named_by_apposition)
            if actor is not None:
                pass
            elif head is not None and head.pos_ == "PRON":
                actor = self._reporter(head, m, by_head) or self._own_subjects(head, by_head) \
                    or self._pronoun(head.lower_, history, m, subjects)
            else:
                # "this gigantic Central Asian country" is Kazakhstan mentioned before, not Central Asia.
                actor = describe(head, history, m, subjects, context) if head is not None else None
                if actor is None:
                    actor = context.resolve(_without_attributes(m.text))
                if actor is None and head is not None:
                    core = self._core_text(sdoc, head, m)
                    if core:
                        actor = context.resolve(core)
            if actor is not None and head is not None and head.pos_ == "NOUN" and m.actor is None \
                    and not actor.sector and not actor.members and not actor.igo \
                    and head.lower_ not in _lexicon()["state_nouns"] \
                    and head.lemma_.lower() not in _lexicon()["counterpart_nouns"] and context.resolve(head.text) is None:
                # "Russia's invasion", "the Iraqi invasion", "Washington's wish": the possessor or the
                # national adjective is the actor (it has its own mention), not the phrase.
                actor = None
            if actor is not None and head is not None and actor.country and not actor.members:
                actor = self._conjoined_nationals(context, head, actor)
            if actor is not None and head is not None and actor.country and not actor.sector \
                    and head.lemma_.lower() in _lexicon()["counterpart_nouns"]:
                # "his Saudi counterpart": an official's opposite number is an official too.
                actor = replace(actor, sector="GOV", code=actor.country + "GOV",
                                source=(actor.source or "") + "+counterpart")
            if head is not None and head.pos_ in ("NOUN", "PROPN") and actor is None and head.ent_type_ == "GPE":
                actor = self._place_as_state(head, m, named_countries)
            elif head is not None and actor is None and head.pos_ == "PROPN" and head.ent_type_ in ("PERSON", "ORG", "") \
                    and head.dep_ in ("dobj", "pobj") and m.text == head.text:
                # The small model often takes a town for a person ("bombed Grozny"): accept it as a town only
                # inside a state the document names (here or further on: retried below).
                actor = self._place_as_state(head, m, named_countries, same_country=True)
                if actor is None:
                    unnamed_towns.append(m)
            if actor is not None:
                actor = replace(actor, text=m.text, span=m.span)
                _count_country(named_countries, m.actor, -1)
                _count_country(named_countries, actor, +1)
                m.actor = actor
                history.append(m)
        for m in unnamed_towns:
            # "Russian missiles hit the port of Odesa, Ukrainian officials said": the state comes after the town.
            actor = self._place_as_state(sdoc[m.head], m, named_countries, same_country=True)
            if actor is not None:
                m.actor = replace(actor, text=m.text, span=m.span)
        # "students throughout Indonesia", "demonstrators in Baghdad": a group located by a place
        # named after it (so resolved later in the loop above).
        for m in doc.mentions:
            a = m.actor
            if a is not None and a.sector and not a.country and not a.igo and not a.members \
                    and a.kind not in ("igo", "ngo") and m.head is not None:
                m.actor = self._located(sdoc[m.head], by_head, a)
            elif a is not None and a.members and (a.source or "") == "kb:group" and m.head is not None:
                # "the South American country's government": the government of the state the description named
                own = context.resolve(sdoc[m.head].text)
                if own is not None and own.sector and not own.country and not own.members:
                    located = self._located(sdoc[m.head], by_head, replace(own, text=m.text, span=m.span))
                    if located.country in a.members and (located.source or "").endswith("+possessor"):
                        m.actor = located
        for m in doc.mentions:
            if m.actor is not None and m.actor.country and m.head is not None \
                    and any(t.lower_ in _lexicon()["ethnic_words"] for t in sdoc[m.head].lefts):
                m.actor = self._ethnic_in_place(sdoc, m, doc.mentions)
        if doc.date:
            for m in doc.mentions:
                if m.actor is not None:
                    m.actor = historical_state(m.actor, doc.date)
        drop_implausible(sdoc, doc.mentions)
        numbered_groups(sdoc, doc.mentions)
        link_statements(sdoc, doc.mentions, by_head)
        counted_regions(doc.mentions)
        doc.focus_country = focus_country(doc.mentions)
        story_counterparts(sdoc, doc.mentions, by_head, story_pair(doc.mentions))
        appositive_roles(sdoc, doc.mentions, by_head)
        return doc

    @staticmethod
    def _ethnic_in_place(sdoc, m: Mention, mentions: list[Mention]) -> Actor:
        """'three ethnic Albanians in southeastern Serbia' -> SRB: the nearest other state named in the sentence."""
        own = m.actor.country
        best = None
        for x in mentions:
            a = x.actor
            if x is m or x.sentence != m.sentence or a is None or not a.country or a.country == own \
                    or a.members or x.head is None or a.kind not in ("state", None):
                continue
            dist = abs(x.head - m.head)
            if best is None or dist < best[0]:
                best = (dist, a.country)
        if best is None:
            return m.actor
        return replace(m.actor, country=best[1], code=best[1] + (m.actor.sector or ""),
                       source=(m.actor.source or "") + "+ethnic-in-place")

    @staticmethod
    def _core_text(sdoc, head, m: Mention) -> str | None:
        """'Up to 100 ethnic Albanians' -> 'ethnic Albanians': drop leading counts and quantifiers."""
        span = sdoc.char_span(m.span[0], m.span[1], alignment_mode="expand")
        if span is None:
            return None
        toks = list(span)
        i = 0
        while i < len(toks) - 1 and toks[i].i < head.i and (toks[i].like_num or toks[i].pos_ in ("NUM", "ADV", "ADP", "DET")
                                                           or toks[i].dep_ in ("quantmod", "nummod", "advmod")):
            i += 1
        return span[i:].text if i else None

    @staticmethod
    def _located(head, by_head, actor: Actor) -> Actor:
        for child in head.children:
            # "its soldiers", "their police": the possessor's country.
            if child.dep_ == "poss" and child.i in by_head and by_head[child.i].actor is not None:
                c = by_head[child.i].actor.country
                if c and not by_head[child.i].actor.members:
                    return replace(actor, country=c, code=c + (actor.sector or ""),
                                   source=(actor.source or "") + "+possessor")
        # (also through a participle: "militants operating from Afghan soil", "troops stationed in Syria")
        holders = [head] + [c for c in head.children if c.dep_ == "acl" and c.tag_ in ("VBG", "VBN")]
        for prep in (p for h in holders for p in h.children):
            if prep.dep_ == "prep" and prep.lower_ in ("in", "from", "throughout", "across", "of", "inside"):
                for pobj in prep.children:
                    pm = by_head.get(pobj.i)
                    if pm is None or pm.actor is None or not pm.actor.country:
                        # "in Moldova's Transdniestria region", "in Diyarbakir jail": the place inside the phrase.
                        inner = [by_head[c.i] for c in pobj.children if c.dep_ in ("poss", "compound", "amod")
                                 and c.i in by_head and by_head[c.i].actor is not None]
                        pm = next((x for x in inner if x.actor.country and not x.actor.members), pm)
                    if pm is not None and pm.actor is not None and pm.actor.country and not pm.actor.members:
                        c = pm.actor.country
                        # "the foreign ministers of Armenia and Azerbaijan": one phrase, several states.
                        more = [by_head[x.i].actor.country for x in pobj.conjuncts if x.i > pobj.i and x.i in by_head
                                and by_head[x.i].actor is not None and by_head[x.i].actor.country not in (None, c)]
                        if more and prep.lower_ == "of":
                            return replace(actor, members=list(dict.fromkeys([c] + more)), country=None, code=None,
                                           source=(actor.source or "") + "+located+conjoined")
                        return replace(actor, country=c, code=c + (actor.sector or ""),
                                       source=(actor.source or "") + "+located")
        for town in (c for c in head.children if c.dep_ == "compound" and c.ent_type_ == "GPE"):
            # "the Medellin drug cartel", "a Lagos court": a town named in the phrase.
            tm = by_head.get(town.i)
            if tm is not None and tm.actor is not None and (tm.actor.source or "").startswith("place:"):
                c = tm.actor.country
                return replace(actor, country=c, code=c + (actor.sector or ""), source=(actor.source or "") + "+town")
        return actor

    @staticmethod
    def _place_as_state(head, m: Mention, named_countries: Counter, same_country: bool = False) -> Actor | None:
        """A town named as an actor stands for its country (GSR/CAMEO convention), at low confidence."""
        from heron.when_where.places import default_gazetteer

        countries = [c for c, n in named_countries.items() if n > 0]
        place = default_gazetteer().geocode(m.text.removeprefix("the ").strip(), countries)
        if place is None or not place.country or place.feature not in ("city", "admin1", "region"):
            return None
        if same_country and place.country not in countries:
            return None
        return Actor(text=m.text, span=m.span, name=place.name, country=place.country, kind="state",
                     code=place.country, confidence=0.5, source="place:" + (place.feature or ""))

    @staticmethod
    def _conjoined_nationals(context, head, actor: Actor) -> Actor:
        """'the Turkish and Greek sides', 'U.S. and Russian negotiators', 'the foreign ministers of Armenia
        and Azerbaijan': one phrase, several states (an organisation stays itself: 'the leaders of the European
        Union and five Central Asian countries' are two parties, not the EU turned into those countries)."""
        if actor.kind == "igo" or actor.igo:
            return actor
        others = []
        mods = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod")]
        of_objects = [p for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "of" and head.pos_ == "NOUN"
                      for p in prep.children if p.dep_ == "pobj"]
        for mod in mods + of_objects:
            # "Bosnian, Serbian and Croatian leaders": coordinated modifiers are parties themselves.
            coordinated = [mod] if mod in mods and any(c.dep_ == "cc" or c.text == "," for c in mod.children) else []
            for conj in coordinated + list(mod.conjuncts):
                if conj.i > head.i and mod not in of_objects:
                    continue
                other = context.resolve(conj.text)
                if other is not None and other.country and other.country != actor.country \
                        and other.country not in others:
                    others.append(other.country)
        if not others:
            return actor
        return replace(actor, members=[actor.country] + others, country=None, code=None,
                       name=None, source=(actor.source or "") + "+conjoined")

    @staticmethod
    def _appositive_name(context, sdoc, head, m: Mention, by_head, named: dict) -> Actor | None:
        """'the top diplomat in charge of Central Asia at the US State Department, Donald Lu': the title
        says who (country, sector, role) and the appositive name says which person."""
        for tok in head.subtree:
            if tok.dep_ == "appos" and tok.ent_type_ == "PERSON" and tok.i in by_head and tok.i > head.i:
                name = by_head[tok.i]
                title = doc_text(sdoc)[m.span[0]:name.span[0]].rstrip(" ,")
                actor = context.resolve(f"{title} {name.text}")
                if actor is None or not actor.country:
                    return None
                role = actor.role or title.removeprefix("the ").removeprefix("The ")
                actor = replace(actor, name=actor.name or name.text, role=role, source="title+apposition")
                named[tok.i] = actor
                return actor
        return None

    @staticmethod
    def _reporter(pron, m: Mention, by_head) -> Actor | None:
        """"the Israeli military stated that they had conducted a strike", "China said it would retaliate": the
        subject of a clause told by a body is, first of all, that body (not a person: "he" is found by salience)."""
        word = pron.lower_
        clause = pron.head
        if pron.dep_ not in ("nsubj", "nsubjpass") or word not in THING_PRONOUNS | PLURAL_PRONOUNS \
                or clause.dep_ != "ccomp" or clause.head.pos_ != "VERB":
            return None
        words = quote_lexicon()
        if clause.head.lemma_.lower() not in words.speech_verbs | words.indirect_verbs:
            return None
        teller = next((by_head.get(c.i) for c in clause.head.children if c.dep_ == "nsubj"), None)
        a = teller.actor if teller is not None else None
        if a is None or a.role is not None or a.kind not in ("state", "igo", "ngo", "nonstate"):
            return None
        if word in THING_PRONOUNS and a.members or word in PLURAL_PRONOUNS and not (a.members or a.sector):
            return None
        m.coref = teller.id
        return replace(a, source="coref:reporter", confidence=0.75)

    @staticmethod
    def _own_subjects(pron, by_head) -> Actor | None:
        """"Burkina Faso and Niger expressed their full solidarity": "their" in a clause whose subject names
        several states is those states, and so is "they" in what that subject said."""
        if pron.lower_ == "they" and pron.dep_ in ("nsubj", "nsubjpass") and pron.head.dep_ == "ccomp":
            verb = pron.head.head      # "The Bahamas and Jamaica have said they will take part"
        elif pron.lower_ != "their" or pron.dep_ != "poss":
            return None
        else:
            verb = pron.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < pron.i), None)
        if subject is None:
            return None
        found = [by_head[t.i].actor for t in (subject, *subject.conjuncts) if t.i in by_head
                 and by_head[t.i].actor is not None and by_head[t.i].actor.country and not by_head[t.i].actor.members]
        countries = list(dict.fromkeys(a.country for a in found))
        if len(countries) < 2:
            return None
        return Actor(text=pron.text, name=" and ".join(a.name or a.country for a in found), kind="state",
                     members=countries, confidence=0.7, source="coref:subjects")

    @staticmethod
    def _pronoun(word: str, history: list[Mention], m: Mention, subjects: set[str] = frozenset()) -> Actor | None:
        def last(pred):
            return salient_antecedent(history, m, subjects, pred, "coref:pronoun", 0.7)

        if word in PERSON_PRONOUNS:
            # (an organisation's official is a person too: "Von der Leyen said ... She announced")
            return last(lambda a: a.name is not None and not a.members and (
                a.kind in ("state", "person", "nonstate") and a.sector is not None
                or a.kind == "igo" and a.source in ("kb:igo+name", "coref:name")))
        if word in THING_PRONOUNS:
            return last(lambda a: (a.kind in ("state", "igo", "ngo", "nonstate") and a.role is None and not a.members
                                   and (a.sector is None or a.kind != "state")))
        if word in PLURAL_PRONOUNS:
            # A group, or a plural phrase ("the Fijian rebels ... they will release").
            # (a name ending in s is no plural: "Vilnius", "Paris")
            return last(lambda a: bool(a.members) or (a.text and a.text.split()[-1].endswith("s")
                                                       and a.text.split()[-1].islower()
                                                       and a.sector is not None
                                                       and (a.name is None or a.kind == "nonstate")))
        return None
