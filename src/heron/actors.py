"""Actor resolution: a noun phrase (+ date, context) -> a coded Actor, and in-document coreference.

The phrase is tokenised once; known names (countries, demonyms, capitals, institutions, IGOs, groups,
armed groups) are matched longest-first, sector nouns and titles are matched on the remaining tokens
("the head of American diplomacy" -> "head of diplomacy"), and leftover capitalised tokens form a
person name looked up in the office-holder index for the date.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from heron.kb import (
    AliasEntry,
    KnowledgeBase,
    Office,
    SectorEntry,
    default_kb,
    fold,
    name_tokens,
    normalize_date,
    skeleton,
    tokenize,
)
from heron.records import Actor

STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
COUNTRY_TYPES = {"name", "adj", "capital", "institution"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "some",
               "several", "many", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "both",
               "all", "other", "dozens", "hundreds", "thousands", "scores", "top", "senior", "new"}
STOP_PHRASES = {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "his", "its", "their", "our",
                "us", "me", "who", "which", "this", "that", "these", "those", "the country", "this country",
                "the nation", "people", "the people", "someone", "somebody", "everyone", "one", "the region",
                "the two", "both", "the latter", "the former", "others", "the other"}
BOUNDARIES = {"of", "to", "in", "at", "for", "from", "with", "against", "on", "over", "by", "near", "across", "into",
              "inside", "outside", "toward", "towards", "between", "among", "after", "before", "during", "under",
              "who", "which", "that", "and", ",", ";", "(", ")", ":", "-", "–", "—"}
COUNTRY_PREPS = {"of", "from", "in", "at", "for", "by"}
NAME_PARTICLES = {"bin", "ibn", "al", "el", "de", "da", "dos", "das", "du", "van", "von", "der", "den", "la", "le",
                  "di", "abu", "bint", "ul", "del"}
NOT_NAMES = {"the", "a", "an", "mr", "mrs", "ms", "dr", "sir", "he", "she", "it", "we", "they", "i", "this", "that",
             "today", "yesterday", "tomorrow", "mr.", "mrs.", "ms.", "dr."}
CALENDAR = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
             "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
# Office classes in the order a person's main role is chosen.
CLASS_PRIORITY = ["head_of_state", "head_of_government", "foreign", "defence", "vice_president",
                  "deputy_head_of_government", "interior", "finance", "justice", "minister", "military_chief",
                  "police_chief", "intelligence", "central_bank", "legislature", "judge", "opposition_leader",
                  "party_leader", ""]
SINGLE_HOLDER = {"head_of_state", "head_of_government", "foreign", "defence", "interior", "finance", "justice",
                 "vice_president", "president"}


# "Russian-backed separatists" are not Russian; "US-led coalition" is led by the US.
_COMPOUND_RE = re.compile(r"^(.+)-(led|backed|based|born|speaking|aligned|allied|sponsored|funded|controlled|held|"
                          r"made|owned|run)$", re.IGNORECASE)


def split_compound(token: str) -> list[str]:
    m = _COMPOUND_RE.match(token)
    if not m:
        return [token]
    return [m.group(1)] if m.group(2).lower() in ("led", "run", "owned") else []


def compatible(title_cls: str | None, office_cls: str) -> bool:
    if not title_cls:
        return True
    if title_cls == "president":
        return office_cls in ("head_of_state", "head_of_government")
    return title_cls == office_cls


@dataclass
class Hit:
    start: int
    end: int
    entry: AliasEntry | SectorEntry


@dataclass
class Resolution:
    """An actor plus what the phrase said about it, for coreference."""
    actor: Actor | None
    title_cls: str | None = None
    plural: bool = False
    name: str | None = None          # the person name written in the phrase, if any
    person_found: bool = False


class ActorResolver:
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
        runs = [[t for t in run] for run in runs]
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
            if h.entry.type == "actor":
                row = kb.named_actor(h.entry.target, date, country or self._context_country(context))
                actor = Actor(text=" ".join(tokens), name=row.name, country=row.country,
                              sector=row.sector or sector, kind=row.kind, code=row.code, wikidata=row.wikidata,
                              members=list(row.members) if row.members else None, igo=row.igo,
                              confidence=0.9, source="kb:actor")
                return Resolution(actor, title_cls, plural)
        # 2. A person named in the phrase.
        igo_hit = next((h for h in head_hits if h.entry.type == "igo"), None)
        if name:
            res = self._person(name, country, title, sector, date, context, tokens, folded, boundary)
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

    # -- people ------------------------------------------------------------------------------------
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

    def _person(self, name, country, title, sector, date, context, tokens, folded, boundary) -> Resolution | None:
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


@lru_cache(maxsize=1)
def default_resolver() -> ActorResolver:
    return ActorResolver()


def resolve_actor(text: str, date: str | None = None, context: str | None = None) -> Actor | None:
    """Resolve one phrase with the default KB: resolve_actor("American warplanes") -> USA MIL."""
    return default_resolver().resolve(text, date, context)


class DocumentActors:
    """Resolves the actor mentions of one document in text order, linking surnames and titles back
    to people mentioned earlier ("Blinken", "the top diplomat" -> Antony Blinken)."""

    def __init__(self, resolver: ActorResolver, date: str | None):
        self.resolver = resolver
        self.date = date
        self._people: list[tuple[Actor, str | None]] = []   # (actor, office class), in mention order

    def resolve(self, text: str) -> Actor | None:
        res = self.resolver.analyse(text, self.date)
        actor = dataclasses.replace(res.actor) if res.actor else None
        written = name_tokens(res.name) if res.name and not res.person_found else None
        if written is None and actor is None:
            caps = [t for t in tokenize(text) if t[:1].isupper()]
            written = name_tokens(" ".join(caps)) if caps else None
        if written and (actor is None or not actor.wikidata):
            earlier = self._earlier(lambda a, cls: set(written) <= set(name_tokens(a.name or "")))
            if earlier:
                return self._link(earlier, text, "coref:name")
        if actor is not None and res.title_cls and not res.name and not res.plural:
            earlier = self._earlier(lambda a, cls: (cls == res.title_cls or (
                res.title_cls == "president" and cls in ("head_of_state", "head_of_government")))
                and (actor.country is None or actor.country == a.country))
            if earlier:
                return self._link(earlier, text, "coref:title")
        if actor is not None and actor.name and (res.name or actor.source == "title+kb:office"):
            cls = res.title_cls or (self.resolver.kb.positions.classify(actor.role, actor.country)[1]
                                    if actor.role else None)
            self._people.append((actor, cls))
        return actor

    def _earlier(self, test) -> Actor | None:
        for actor, cls in reversed(self._people):
            if test(actor, cls):
                return actor
        return None

    @staticmethod
    def _link(actor: Actor, text: str, source: str) -> Actor:
        return dataclasses.replace(actor, text=text, span=None, source=source)
