"""Person names in an actor phrase -> people in the knowledge base, their offices on the date and their role."""
from __future__ import annotations

from rapidfuzz import fuzz

from heron.actors.terms import (
    CLASS_PRIORITY,
    DETERMINERS,
    STATE_SECTORS,
    Resolution,
    compatible,
)
from heron.actors.kb import Office, fold, name_tokens, skeleton


class PersonMatching:
    """Person look-up for :class:`heron.actors.resolver.ActorResolver`, which provides ``kb``, ``_state_actor`` and
    ``_context_country``."""

    def _candidates(self, q: list[str]) -> tuple[list[int], bool]:
        """Person ids for name parts q, and whether the match is exact."""
        kb = self.kb
        exact = kb.by_name.get(" ".join(q), [])
        if exact:
            return list(dict.fromkeys(exact)), True
        if len(q) == 1:
            return list(dict.fromkeys(kb.by_surname.get(q[0], []))), True
        sk = skeleton(q[-1])
        if len(sk) < 3:
            return [], False
        out = []
        for pid in dict.fromkeys(kb.by_skeleton.get(sk, [])):
            c = name_tokens(kb.people[pid].name)
            ratio = fuzz.ratio(" ".join(q), " ".join(c))
            if (skeleton(c[0]) == skeleton(q[0]) and ratio >= 70) or ratio >= 90:
                out.append(pid)
        return out, False

    def _person(self, name, country, title, sector, date, context, tokens, boundary) -> Resolution | None:
        kb = self.kb
        q = name_tokens(name)
        cands, exact = self._candidates(q)
        title_cls = title.cls if title else None
        if country:
            cands = [p for p in cands if any(o.country == country for o in kb.offices[p])]
        elif not exact or len(q) == 1:
            ctx = self._context_country(context)
            if ctx and any(any(o.country == ctx for o in kb.offices[p]) for p in cands):
                cands = [p for p in cands if any(o.country == ctx for o in kb.offices[p])]
        active = [p for p in cands if kb.offices_on(p, date)]
        titled = [p for p in (active or cands) if any(compatible(title_cls, o.cls) for o in kb.offices[p])]
        pool = list(dict.fromkeys((titled if title_cls else None) or active or cands))
        if len(pool) > 1 and active:  # several namesakes in office: take the clearly most senior one
            ranked = sorted((self._seniority(p, date), p) for p in pool)
            if ranked[0][0] < ranked[1][0]:
                pool = [ranked[0][1]]
        confirmed = bool(country or title_cls or active)
        if len(set(pool)) != 1 or ((len(q) == 1 or not exact) and not confirmed and len(set(cands)) != 1):
            pool = []
        if pool:
            return self._person_actor(pool[0], tokens, title, sector, country, date, q, exact)
        if self._is_modifier(name, tokens, boundary):  # "Kurdish fighters": not a person
            return None
        if country or (sector and sector in STATE_SECTORS | {"OPP", "PTY", "REB"}):
            role_tokens = tokens[:max(0, len(tokens) - len(name.split()))]
            while role_tokens and fold(role_tokens[0]) in DETERMINERS - {"top", "senior"}:
                role_tokens = role_tokens[1:]
            role = " ".join(role_tokens).rstrip(" ,") or None
            actor = self._state_actor(tokens, country or self._context_country(context), sector,
                                      source="title+name" if sector else "country+name", name=name, role=role,
                                      confidence=0.6)
            if actor.sector is None:
                actor.kind = "person"
            return Resolution(actor, title_cls, False, name=name)
        return None

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

    def _person_actor(self, pid, tokens, title, sector, country, date, q, exact) -> Resolution:
        kb = self.kb
        person = kb.people[pid]
        title_cls = title.cls if title else None
        offices = kb.offices_on(pid, date)
        countries = [o.country for o in kb.offices[pid]]
        home = max(countries, key=lambda c: (countries.count(c), c or "")) if countries else None
        offices.sort(key=lambda o: (not compatible(title_cls, o.cls), o.country != home, CLASS_PRIORITY.index(o.cls)
                                    if o.cls in CLASS_PRIORITY else len(CLASS_PRIORITY)))
        office: Office | None = offices[0] if offices else None
        if office:  # an honorific role noun ("Ayatollah Khomeini") yields to the office the person holds
            sector = office.sector if (not sector or self._honorific(tokens)) else sector
            country = office.country
        else:
            country = country or home
        actor = self._state_actor(tokens, country, sector if (office or title) else None,
                                  source="kb:leader" if exact else "kb:leader~fuzzy", name=person.name,
                                  wikidata=person.wikidata, role=office.position if office else None,
                                  confidence=0.95 if exact and len(q) > 1 else 0.8)
        if actor.sector is None:
            actor.kind = "person"
        return Resolution(actor, title_cls or (office.cls if office else None), False, name=person.name,
                          person_found=True)

