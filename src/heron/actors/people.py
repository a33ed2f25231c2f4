"""Person names in an actor phrase -> people in the knowledge base, their offices on the date and their role.

The text wins over the KB: a title written with a name is that person's office in this article even when the
KB has them in another post or not at all, and "former" makes them a former official (ELI). A bare surname,
a short form or a misspelt name is accepted only with support (a country or title in the phrase, the
document's countries, or a single current head of state or government of that name), never by string
similarity alone.
"""
from __future__ import annotations

from rapidfuzz import fuzz

from heron.actors.kb import Office, fold, name_tokens, skeleton
from heron.actors.terms import (
    CLASS_PRIORITY,
    DETERMINERS,
    FORMER_WORDS,
    STATE_SECTORS,
    Resolution,
    Support,
    compatible,
)

# Offices senior enough that their holder is known by surname alone ("Erdogan", "Netanyahu").
SENIOR = {"head_of_state", "head_of_government", "foreign", "defence", "vice_president"}


class PersonMatching:
    """Person look-up for :class:`heron.actors.resolver.ActorResolver`, which provides ``kb`` and
    ``_state_actor``."""

    def _candidates(self, q: list[str], title_cls: str | None) -> tuple[list[int], str]:
        """Person ids for name parts q and how they matched: "exact" (full name, alias, or two parts of a
        longer name), "surname", "given" (another part written alone: "Lula") or "fuzzy"."""
        kb = self.kb
        exact = kb.by_name.get(" ".join(q)) or (kb.by_short.get(" ".join(q)) if len(q) > 1 else None)
        if exact:
            return list(dict.fromkeys(exact)), "exact"
        if len(q) == 1:
            if kb.by_surname.get(q[0]):                      # "Marcos" the surname before Marcos the given name
                return list(dict.fromkeys(kb.by_surname[q[0]])), "surname"
            if kb.by_given.get(q[0]):
                return list(dict.fromkeys(kb.by_given[q[0]])), "given"
            if title_cls and len(q[0]) >= 5:   # "President Zelensky" / Zelenskyy
                return [p for p in dict.fromkeys(kb.by_skeleton.get(skeleton(q[0]), []))
                        if fuzz.ratio(q[0], name_tokens(kb.people[p].name)[-1]) >= 80], "fuzzy"
            return [], "fuzzy"
        sk = skeleton(q[-1])
        if len(sk) < 3:
            return [], "fuzzy"
        out = []
        for pid in dict.fromkeys(kb.by_skeleton.get(sk, [])):
            c = name_tokens(kb.people[pid].name)
            ratio = fuzz.ratio(" ".join(q), " ".join(c))
            if (skeleton(c[0]) == skeleton(q[0]) and ratio >= 70) or ratio >= 90:
                out.append(pid)
        return out, "fuzzy"

    def _in(self, pid: int, countries) -> bool:
        return any(o.country in countries for o in self.kb.offices[pid])

    def _person(self, name, country, title, sector, date, support: Support, tokens, boundary,
                former: bool = False) -> Resolution | None:
        kb = self.kb
        q = name_tokens(name)
        title_cls = title.cls if title else None
        cands, how = self._candidates(q, title_cls)
        exact = how == "exact"
        if country:
            cands = [p for p in cands if self._in(p, {country})]
        elif not exact or len(q) == 1:
            self._used_context = True     # the document's countries choose among namesakes
        if not country and support.countries and (not exact or len(q) == 1):
            local = [p for p in cands if self._in(p, set(support.countries))]
            # a namesake of another state needs a title saying who ("President Bush") or a senior post now
            cands = local or ([p for p in cands if self._senior_now(p, date)] if support.given and not exact
                              and not title_cls else cands)
        active = [p for p in cands if kb.offices_on(p, date)]
        titled = [p for p in active if any(compatible(title_cls, o.cls) for o in kb.offices_on(p, date))] or \
            [p for p in cands if any(compatible(title_cls, o.cls) for o in kb.offices[p])]
        pool = list(dict.fromkeys((titled if title_cls else None) or active or cands))
        if len(pool) > 1 and title_cls:   # "King Charles": the king, not a governor-general of that surname
            words = {fold(t) for t in tokens[:len(tokens) - len(q)]} - DETERMINERS
            named = [p for p in pool if any(w in fold(o.position).split() for o in kb.offices_on(p, date)
                                            for w in words)]
            pool = named or pool
        if len(pool) > 1 and active:  # several namesakes in office: take the clearly most senior one
            ranked = sorted((self._seniority(p, date), p) for p in pool)
            if ranked[0][0] < ranked[1][0]:
                pool = [ranked[0][1]]
        if not (country or title_cls):
            self._used_context = True
        supported = bool(country or title_cls or (support.countries and cands)
                         or (sector and pool and any(o.sector == sector for o in kb.offices[pool[0]])))
        if len(set(pool)) != 1:
            pool = []
        elif not (exact and len(q) > 1) and not supported and not self._known_alone(pool[0], cands, how, date, q):
            pool = []        # a bare surname or a near-spelling needs support ("Khan", "Ahmed")
        if pool:
            return self._person_actor(pool[0], tokens, title, sector, country, date, q, exact, former,
                                      support.countries)
        if self._is_modifier(name, tokens, boundary):  # "Kurdish fighters": not a person
            return None
        if country or (sector and sector in STATE_SECTORS | {"OPP", "PTY", "REB"}):
            role = self._role_text(tokens, name)
            if country is None:
                self._used_context = True
            if country is None and support.fills_country:
                country = support.countries[0] if support.countries else None
            actor = self._state_actor(tokens, country, "ELI" if former and sector else sector,
                                      source="title+name" if sector else "country+name", name=name, role=role,
                                      confidence=0.6)
            if actor.sector is None:
                actor.kind = "person"
            return Resolution(actor, None if former else title_cls, False, name=name)
        return None

    @staticmethod
    def _role_text(tokens: list[str], name: str) -> str | None:
        """The title written before a name: 'the Gabonese Interior Minister Paul Ndong Mba' -> 'Gabonese
        Interior Minister'."""
        role_tokens = tokens[:max(0, len(tokens) - len(name.split()))]
        while role_tokens and fold(role_tokens[0]) in (DETERMINERS | FORMER_WORDS) - {"top", "senior"}:
            role_tokens = role_tokens[1:]
        return " ".join(role_tokens).rstrip(" ,") or None

    def _known_alone(self, pid: int, cands: list[int], how: str, date: str | None, q: list[str]) -> bool:
        """Whether a bare surname, a name part or a variant spelling names this person with no other support:
        a current head of state or government of that surname ("Erdogan"), the only person of that surname
        in the KB who was in office within a few years of the date ("Mandela" in 1990), or the only person
        with that first name and a transliteration of that surname ("Mukhtar Tileuberdi")."""
        if how == "fuzzy":
            return len(q) > 1 and len(set(cands)) == 1 and name_tokens(self.kb.people[pid].name)[0] == q[0]
        if how == "exact":      # a one-word name the KB lists for one person ("Hemedti", "Lula")
            return len(set(cands)) == 1
        if self._senior_now(pid, date) and (how == "surname" or len(cands) <= 2):
            return True
        return how == "surname" and len(set(cands)) == 1 and self._recent(pid, date)

    def _recent(self, pid: int, date: str | None, years: int = 8) -> bool:
        if date is None:
            return False
        lo, hi = f"{int(date[:4]) - years}{date[4:]}", f"{int(date[:4]) + years}{date[4:]}"
        return any((not o.start or o.start <= hi) and (not o.end or o.end >= lo) for o in self.kb.offices[pid])

    def _senior_now(self, pid: int, date: str | None) -> bool:
        """A current head of state or government (or foreign/defence minister) the KB knows on the date."""
        return any(o.cls in SENIOR for o in self.kb.current_offices(pid, date))

    def _honorific(self, tokens: list[str]) -> bool:
        entries = [self.kb.sectors.get(fold(t)) for t in tokens]
        return any(e is not None and e.weak == 1 and e.sector == "REL" for e in entries)

    @staticmethod
    def _is_modifier(name: str | None, tokens: list[str], boundary: int) -> bool:
        """Whether the unknown capitalised run modifies a later head noun ("Kurdish fighters")."""
        if not name:
            return False
        last = name.split()[-1]
        return any(t == last for t in tokens[:-1]) and tokens[-1] != last and tokens.index(last) < boundary

    def _seniority(self, pid: int, date: str | None) -> int:
        ranks = [CLASS_PRIORITY.index(o.cls) if o.cls in CLASS_PRIORITY else len(CLASS_PRIORITY)
                 for o in self.kb.offices_on(pid, date)]
        return min(ranks, default=len(CLASS_PRIORITY) + 1)

    def _out_of_office(self, pid: int, date: str | None) -> bool:
        """Whether the person's national offices all ended before the date (an open term past its source's
        horizon is not known to have ended)."""
        kb = self.kb
        if date is None or kb.offices_on(pid, date):
            return False
        return any(o.end and o.end < date and o.country and o.cls for o in kb.offices[pid])

    def _person_actor(self, pid, tokens, title, sector, country, date, q, exact, former=False,
                      support: tuple[str, ...] = ()) -> Resolution:
        kb = self.kb
        person = kb.people[pid]
        title_cls = title.cls if title else None
        offices = kb.offices_on(pid, date)
        countries = [o.country for o in kb.offices[pid]]
        home = max(countries, key=lambda c: (c in support, countries.count(c), c or "")) if countries else None
        offices.sort(key=lambda o: (not compatible(title_cls, o.cls), o.country != home, CLASS_PRIORITY.index(o.cls)
                                    if o.cls in CLASS_PRIORITY else len(CLASS_PRIORITY)))
        office: Office | None = offices[0] if offices else None
        role = office.position if office else None
        if office and title_cls and not compatible(title_cls, office.cls) and sector:
            role = self._role_text(tokens, " ".join(q))   # the text's title is the post in this article
        elif office:  # an honorific role noun ("Ayatollah Khomeini") yields to the office the person holds
            sector = office.sector if (not sector or self._honorific(tokens)) else sector
        country = (office.country if office else None) or country or home
        if former:
            # "former president X" is out of that office, unless the KB has them in another post now
            # ("former president Dmitry Medvedev, now deputy chairman of the Security Council").
            if not (office and title is not None and title.cls and office.cls != title.cls
                    and office in kb.current_offices(pid, date)):
                sector, role = "ELI", None
        elif not office and title is None and self._out_of_office(pid, date):
            sector = "ELI"      # Trump in 2023, Lula in 2022: someone else held their office then
        actor = self._state_actor(tokens, country, sector if (office or title or sector == "ELI") else None,
                                  source="kb:leader" if exact else "kb:leader~fuzzy", name=person.name,
                                  wikidata=person.wikidata, role=role,
                                  confidence=0.95 if exact and len(q) > 1 else 0.8)
        if actor.sector is None:
            actor.kind = "person"
        return Resolution(actor, None if former else (title_cls or (office.cls if office else None)), False,
                          name=person.name, person_found=True, person=pid)
