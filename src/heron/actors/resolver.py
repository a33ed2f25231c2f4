"""Actor resolution: a noun phrase (+ date, context) -> a coded Actor (coreference: ``heron.actors.coref``).

The phrase is tokenised once; known names (countries, demonyms, capitals, institutions, IGOs, groups,
armed groups) are matched longest-first, sector nouns and titles are matched on the remaining tokens
("the head of American diplomacy" -> "head of diplomacy"), and leftover capitalised tokens form a
person name looked up in the office-holder index for the date.
"""
from __future__ import annotations

import dataclasses
from functools import lru_cache

from heron.actors.kb import (
    KnowledgeBase,
    SectorEntry,
    default_kb,
    fold,
    normalize_date,
    tokenize,
)
from heron.actors.lexicon import historical_state
from heron.actors.people import PersonMatching
from heron.actors.terms import (
    BOUNDARIES,
    CALENDAR,
    COUNTRY_PREPS,
    COUNTRY_TYPES,
    NAME_PARTICLES,
    NOT_NAMES,
    SINGLE_HOLDER,
    STATE_SECTORS,
    STOP_PHRASES,
    Hit,
    Resolution,
    split_compound,
)
from heron.records import Actor

__all__ = ["ActorResolver", "Resolution", "default_resolver", "resolve_actor"]


class ActorResolver(PersonMatching):
    def __init__(self, kb: KnowledgeBase | None = None, cache_size: int = 65536):
        self.kb = kb or default_kb()
        self._analyse_cached = lru_cache(maxsize=cache_size)(self._analyse)

    def resolve(self, text: str, date: str | None = None, context: str | None = None) -> Actor | None:
        res = self.analyse(text, date, context)
        return dataclasses.replace(res.actor) if res.actor else None

    def analyse(self, text: str, date: str | None = None, context: str | None = None) -> Resolution:
        return self._analyse_cached(text or "", normalize_date(date), context)

    # ------------------------------------------------------------------------------------------
    def _analyse(self, text: str, date: str | None, context: str | None) -> Resolution:
        tokens = [t for tok in tokenize(text) for t in split_compound(tok)]
        folded = [fold(t) for t in tokens]
        kb = self.kb
        if not tokens or (" ".join(folded) in STOP_PHRASES and " ".join(tokens) not in kb.aliases_cs):
            return Resolution(None)  # "who" is a pronoun, "WHO" the organisation
        any_upper = any(c.isupper() for c in text)
        alias_hits: list[Hit] = []
        covered = [False] * len(tokens)
        i = 0
        while i < len(tokens):
            j, entries = kb.match_alias(tokens, folded, i)
            if entries and (not any_upper or any(c.isupper() or c.isdigit() for t in tokens[i:j] for c in t)):
                alias_hits.append(Hit(i, j, entries[0]))
                covered[i:j] = [True] * (j - i)
                i = j
            else:
                i += 1
        residual = [k for k in range(len(tokens)) if not covered[k]]
        sector_hits: list[Hit] = []
        r = 0
        while r < len(residual):
            j, entry = kb.match_sector([folded[k] for k in residual], r)
            if entry:
                sector_hits.append(Hit(residual[r], residual[j - 1] + 1, entry))
                for k in residual[r:j]:
                    covered[k] = True
                r = j
            else:
                r += 1
        boundary = next((k for k, f in enumerate(folded) if f in BOUNDARIES and not covered[k]), len(tokens))
        name = self._name_run(tokens, folded, covered)
        return self._decide(tokens, folded, alias_hits, sector_hits, boundary, name, date, context)

    @staticmethod
    def _name_run(tokens, folded, covered) -> str | None:
        runs, cur = [], []
        for k, tok in enumerate(tokens):
            cap = tok[:1].isupper() and any(c.islower() for c in tok) and folded[k] not in NOT_NAMES
            if not covered[k] and (cap or (cur and folded[k] in NAME_PARTICLES)):
                cur.append(tok)
            else:
                if cur:
                    runs.append(cur)
                cur = []
        if cur:
            runs.append(cur)
        while runs and runs[-1] and fold(runs[-1][-1]) in NAME_PARTICLES:
            runs[-1].pop()
        runs = [run for run in runs if run and not (len(run) == 1 and fold(run[0]) in CALENDAR)]
        return " ".join(runs[-1]) if runs else None

    def _country_of(self, alias_hits: list[Hit], folded: list[str], boundary: int) -> tuple[str | None, Hit | None]:
        best, best_rank = None, 3
        for h in alias_hits:
            if h.entry.type not in COUNTRY_TYPES:
                continue
            if h.start < boundary:
                rank = 0
            else:
                prep = next((folded[k] for k in range(h.start - 1, -1, -1) if folded[k] in BOUNDARIES), None)
                rank = 1 if prep in COUNTRY_PREPS else 3
            if rank < best_rank:
                best, best_rank = h, rank
        return (best.entry.target, best) if best else (None, None)

    def _sector_of(self, sector_hits, alias_hits, boundary) -> tuple[str | None, SectorEntry | None, bool]:
        """(sector, title entry, needs_modifier) from the head noun group."""
        head = [h for h in sector_hits if h.start < boundary]
        strong = [h for h in head if h.entry.weak == 0]
        title = next((h.entry for h in reversed(head) if h.entry.cls), None)
        if strong:
            return strong[-1].entry.sector, title, False
        modifier = next((h.entry.sector for h in alias_hits if h.start < boundary and h.entry.sector), None)
        if head:
            weak = head[-1].entry
            if modifier:
                return modifier, title, False
            comp = next((h for h in sector_hits if h.start >= boundary and h.entry.weak == 0), None)
            if comp:
                return comp.entry.sector, title or comp.entry if comp.entry.cls else title, False
            return (weak.sector, title, False) if weak.weak == 1 else (weak.sector, title, True)
        if not alias_hits and sector_hits:
            s = sector_hits[0].entry
            return s.sector, s if s.cls else None, s.weak == 2
        return modifier, None, False

    def _context_country(self, context: str | None) -> str | None:
        if not context:
            return None
        if context in self.kb.countries:
            return context
        tokens = tokenize(context)
        folded = [fold(t) for t in tokens]
        for i in range(len(tokens)):
            _, entries = self.kb.match_alias(tokens, folded, i)
            for e in entries:
                if e.type in COUNTRY_TYPES and tokens[i][:1].isupper():
                    return e.target
        return None

    def _decide(self, tokens, folded, alias_hits, sector_hits, boundary, name, date, context) -> Resolution:
        kb = self.kb
        country, country_hit = self._country_of(alias_hits, folded, boundary)
        sector, title, needs_mod = self._sector_of(sector_hits, alias_hits, boundary)
        title_cls = title.cls if title else None
        plural = bool(title and title.plural)
        head_hits = [h for h in alias_hits if h.start < boundary] or alias_hits[:1]
        group_head = next((kb.group_heads[" ".join(folded[h.end:k])] for h in head_hits
                           for k in range(len(folded), h.end, -1) if " ".join(folded[h.end:k]) in kb.group_heads),
                          False)
        # 1. Named armed group / NGO / user actor.
        for h in head_hits:
            if h.entry.type == "actor" and not (h.end - h.start == 1 and tokens[h.start].islower()):
                # (a one-word name written in lower case is a common noun: "approved an amnesty")
                row = kb.named_actor(h.entry.target, date, country or self._context_country(context))
                actor = Actor(text=" ".join(tokens), name=row.name, country=row.country,
                              sector=row.sector or sector, kind=row.kind, code=row.code, wikidata=row.wikidata,
                              members=list(row.members) if row.members else None, igo=row.igo,
                              confidence=0.9, source="kb:actor")
                return Resolution(actor, title_cls, plural)
        # 2. A person named in the phrase.
        igo_hit = next((h for h in head_hits if h.entry.type == "igo"), None)
        if name:
            res = self._person(name, country, title, sector, date, context, tokens, boundary)
            # An IGO title with a person not holding a national office in the KB is the IGO's official.
            if res and igo_hit and not country_hit and not (res.person_found and res.actor and res.actor.role):
                igo = kb.igos[igo_hit.entry.target]  # "NATO Secretary General Jens Stoltenberg"
                res.actor = dataclasses.replace(res.actor, country=None, sector=None, kind="igo",
                                                igo=igo_hit.entry.target, role=None, source="kb:igo+name",
                                                code=igo["code"] or "IGO" + igo_hit.entry.target.upper())
            if res:
                return res
        # 3. IGO or group as head (unless a country is the head).
        if not (country_hit and country_hit.start < boundary):
            for h in head_hits:
                if h.entry.type == "igo":
                    igo = kb.igos[h.entry.target]
                    officials = title is not None and title.cls is not None
                    if group_head is not False and igo["members"] and (len(igo["members"]) <= 8 or not officials):
                        return Resolution(self._group_actor(tokens, igo["name"] + " members", igo["members"], None,
                                                            group_head, "kb:igo+members"))
                    # "EU foreign ministers", "NATO defence ministers": a large organisation's members
                    # acting together are coded as the organisation.
                    members = igo["members"] if igo["type"] == "forum" and igo["members"] else None
                    kind = "ngo" if igo["type"] == "ngo" else "igo"
                    code = igo["code"] or ("NGO" if kind == "ngo" else "IGO") + h.entry.target.upper()
                    return Resolution(Actor(text=" ".join(tokens), name=igo["name"], kind=kind, code=code,
                                            igo=h.entry.target, members=members, sector=None,
                                            confidence=0.9, source="kb:igo"), title_cls, plural)
                if h.entry.type in ("group", "group_adj"):
                    if h.entry.type == "group_adj" and group_head is False and not (sector and not needs_mod):
                        continue
                    g = kb.groups[h.entry.target]
                    if group_head is False:  # the alias itself may end in a head ("Western governments")
                        group_head = next((kb.group_heads[" ".join(folded[k:h.end])] for k in range(h.start, h.end)
                                           if " ".join(folded[k:h.end]) in kb.group_heads), False)
                    gsector = group_head if group_head is not False else (sector if not needs_mod else None)
                    return Resolution(self._group_actor(tokens, g["aliases"][0], g["members"], g["code"],
                                                        gsector, "kb:group"))
        # An unknown capitalised modifier ("Kurdish fighters", "Tamil civilians") names who the actor is, so it
        # satisfies a noun that needs a modifier, but it gives no country and the context must not supply one.
        unknown_mod = sector is not None and not country_hit and self._is_modifier(name, tokens, boundary)
        plural_head = any(h.entry.plural for h in sector_hits if h.start < boundary)
        if country is None and sector and not needs_mod and not unknown_mod:
            country = self._context_country(context)
        if country is None and (sector is None or (needs_mod and not unknown_mod)):
            return Resolution(None, title_cls, plural)
        if needs_mod and not country_hit and not unknown_mod:
            return Resolution(None, title_cls, plural)
        if unknown_mod and sector == "MIL" and plural_head:
            sector = "UAF"  # armed men named by a non-state label are not a state's military

        if sector is None and country_hit and country_hit.entry.sector and country_hit.start < boundary:
            sector = country_hit.entry.sector
        actor = self._state_actor(tokens, country, sector, source=("title" if title else "sector") + ("+country" if country else "") if sector
                                  else "kb:country")
        if country and title_cls in SINGLE_HOLDER and not plural and not name:
            self._fill_holder(actor, country, title_cls, date)
        return Resolution(actor, title_cls, plural)

    def _group_actor(self, tokens, name, members, code, sector, source) -> Actor:
        return Actor(text=" ".join(tokens), name=name, kind="state", members=list(members), code=code,
                     sector=sector, confidence=0.8, source=source)

    def _state_actor(self, tokens, country, sector, source, name=None, wikidata=None, role=None,
                     confidence=0.85) -> Actor:
        kind = "state" if (sector in STATE_SECTORS or sector is None) else ("ngo" if sector == "NGO" else "nonstate")
        code = (country or "") + (sector or "") or None
        return Actor(text=" ".join(tokens), name=name or (self.kb.country_name(country) if not sector else None),
                     country=country, sector=sector, kind=kind, code=code, wikidata=wikidata, role=role,
                     confidence=confidence, source=source)

    def _fill_holder(self, actor: Actor, country: str, cls: str, date: str | None) -> None:
        classes = ("head_of_state", "head_of_government") if cls == "president" else (cls,)
        for c in classes:
            offices = self.kb.office_holders(country, c, date)
            if len({o.person for o in offices}) != 1:
                continue
            office = offices[0]
            person = self.kb.people[office.person]
            actor.name, actor.wikidata, actor.role, actor.source = person.name, person.wikidata, office.position, \
                "title+kb:office"
            return


@lru_cache(maxsize=1)
def default_resolver() -> ActorResolver:
    return ActorResolver()


def resolve_actor(text: str, date: str | None = None, context: str | None = None) -> Actor | None:
    """Resolve one phrase with the default KB: resolve_actor("American warplanes") -> USA MIL."""
    actor = default_resolver().resolve(text, date, context)
    if actor is not None and date:
        actor = historical_state(actor, date)   # "Juba" in 1995 is Sudan, as in the pipeline
    return actor

