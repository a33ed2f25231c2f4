"""In-document actor coreference: surnames and titles linked back to people mentioned earlier.

The document's countries (named anywhere in its text, most often named first) are the support every phrase
is resolved with: an ambiguous name or acronym takes the reading of a state the document names ("Congress"
in an Indian story is the party), a bare surname must belong to one of them, and a person named with a title
the KB does not know ("Interior Minister NAME") is that office's holder in the document's main state.
"""
from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from heron.actors.kb import name_tokens, tokenize
from heron.actors.terms import STATE_SECTORS
from heron.records import Actor

if TYPE_CHECKING:
    from heron.actors.resolver import ActorResolver


# How many earlier person mentions a surname or title is linked back to (a news article has far fewer).
PEOPLE_WINDOW = 400
# "Extended Fund Facility (EFF)": capitalised words and the acronym of their initials in brackets.
DEFINED_ACRONYM = re.compile(r"((?:[A-Z][\w'-]*\s+(?:(?:of|and|for|the|on|in)\s+)*){2,8})\(([A-Z]{2,8})\)")
ACRONYM_FILLERS = {"of", "and", "for", "the", "on", "in"}


def defined_acronyms(text: str) -> dict[str, str]:
    """Acronyms the text defines by spelling them out: {"EFF": "Extended Fund Facility"}."""
    found = {}
    for m in DEFINED_ACRONYM.finditer(text or ""):
        words = [w for w in m.group(1).split() if w.lower() not in ACRONYM_FILLERS]
        acronym = m.group(2)
        for k in range(len(words) - len(acronym), -1, -1):      # the shortest run of words that spells it
            if "".join(w[0] for w in words[k:]).upper() == acronym:
                found[acronym] = " ".join(words[k:])
                break
    return found


class DocumentActors:
    """Resolves the actor mentions of one document in text order, linking surnames and titles back
    to people mentioned earlier ("Blinken", "the top diplomat" -> Antony Blinken)."""

    def __init__(self, resolver: ActorResolver, date: str | None, text: str | None = None):
        self.resolver = resolver
        self.date = date
        self.countries: tuple[str, ...] = resolver.context_countries(text) if text else ()
        self._people: list[tuple[Actor, str | None]] = []   # (actor, office class), in mention order
        self._tokens: dict[str, set[str]] = {}                # name -> its name tokens, folded once
        self.acronyms = defined_acronyms(text) if text else {}

    def resolve(self, text: str) -> Actor | None:
        res = self.resolver.analyse(text, self.date, self.countries)
        actor = dataclasses.replace(res.actor) if res.actor else None
        if actor is not None and self.acronyms and actor.name:
            # "a 46-month Extended Fund Facility (EFF) arrangement": the text says what EFF is here (not South
            # Africa's Economic Freedom Fighters), so the KB's reading of the acronym does not apply.
            for acronym, expansion in self.acronyms.items():
                if re.search(rf"\b{acronym}\b", text) and actor.name.lower() != expansion.lower() \
                        and getattr(self.resolver.analyse(expansion, self.date, self.countries).actor, "code",
                                    None) != actor.code:
                    rest = re.sub(rf"\(?\b{acronym}\b\)?", " ", text).strip()
                    return self.resolve(rest) if rest and rest != text else None
        written = name_tokens(res.name) if res.name and not res.person_found else None
        if written is None and actor is None:
            caps = [t for t in tokenize(text) if t[:1].isupper()]
            written = name_tokens(" ".join(caps)) if caps else None
        if written and (actor is None or not actor.wikidata):
            earlier = self._earlier(lambda a, cls: set(written) <= self._name_tokens(a.name or ""))
            if earlier:
                return self._link(earlier, text, "coref:name")
        if actor is not None and res.title_cls and not res.name and not res.plural:
            # "the president": a president or head of state named before, else a head of government (some
            # presidents are only that in the KB) -- not a prime minister named more recently
            def titled(classes):
                return self._earlier(lambda a, cls: cls in classes
                                     and (actor.country is None or actor.country == a.country))
            earlier = titled({res.title_cls} | ({"head_of_state"} if res.title_cls == "president" else set())) or (
                titled({"head_of_government"}) if res.title_cls == "president" else None)
            if earlier:
                return self._link(earlier, text, "coref:title")
        if actor is not None and res.name and not actor.country and self.countries \
                and actor.sector in STATE_SECTORS | {"ELI"} and not self._foreign_namesake(res.name):
            # "Interior Minister Mohsin Naqvi" in a Pakistani story: the title is this state's office.
            c = self.countries[0]
            actor = dataclasses.replace(actor, country=c, code=c + (actor.sector or ""),
                                        source=(actor.source or "") + "+document-country")
        if actor is not None and actor.name and (res.name or actor.source == "title+kb:office"):
            cls = res.title_cls or (self.resolver.kb.positions.classify(actor.role, actor.country)[1]
                                    if actor.role else None)
            self._people.append((actor, cls))
        return actor

    def _foreign_namesake(self, name: str) -> bool:
        """Whether the KB has people of this surname only outside the document's states ("President Bush" in a
        story about Russia is not Russia's president)."""
        kb = self.resolver.kb
        toks = name_tokens(name)
        ids = kb.by_surname.get(toks[-1], []) if toks else []
        return bool(ids) and not any(o.country in self.countries for p in ids for o in kb.offices[p])

    def _earlier(self, test) -> Actor | None:
        # The most recent PEOPLE_WINDOW people mentioned: a long document costs no more per mention.
        for actor, cls in reversed(self._people[-PEOPLE_WINDOW:]):
            if test(actor, cls):
                return actor
        return None

    def _name_tokens(self, name: str) -> set[str]:
        found = self._tokens.get(name)
        if found is None:
            found = self._tokens[name] = set(name_tokens(name))
        return found

    @staticmethod
    def _link(actor: Actor, text: str, source: str) -> Actor:
        return dataclasses.replace(actor, text=text, span=None, source=source)
