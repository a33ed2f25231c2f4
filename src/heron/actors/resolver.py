"""Actor resolution: a noun phrase (+ date, context) -> a coded Actor (coreference: ``heron.actors.coref``).

The phrase is tokenised once; known names (countries, territories, demonyms, capitals, institutions, IGOs,
groups, organisations) are matched longest-first, and a name several actors share takes the reading the
context supports. Sector nouns and titles are matched on the remaining tokens ("the head of American
diplomacy" -> "head of diplomacy"); a capitalised name in front of a head noun or after "of"/"in" may be a
place ("Lagos State government", "residents of Kharkiv"), and the last other capitalised run is a person
name looked up in the office-holder index for the date.
"""
from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from heron.actors.kb import TERRITORY_SECTOR, KnowledgeBase, default_kb, fold, normalize_date, tokenize
from heron.actors.lexicon import _lexicon, historical_state
from heron.actors.names import GATHERING_HEADS, NOT_PERSON_ENDINGS, NameMatching
from heron.actors.people import PersonMatching
from heron.actors.place_names import PlaceNames
from heron.actors.terms import (
    BOUNDARIES,
    COUNTRY_PREPS,
    COUNTRY_TYPES,
    DETERMINERS,
    FORMER_WORDS,
    SINGLE_HOLDER,
    STATE_SECTORS,
    STOP_PHRASES,
    Hit,
    Resolution,
    Support,
    split_compound,
)
from heron.records import Actor

__all__ = ["ActorResolver", "Resolution", "default_resolver", "resolve_actor"]

# Head nouns after a national adjective that still name the state or its people ("his Saudi counterpart",
# "the Turkish side"), which the actor stage reads.
PEOPLE_NOUNS = frozenset(_lexicon()["counterpart_nouns"]) | frozenset(_lexicon()["state_nouns"])
DESCRIBING_SECTOR_WORDS = frozenset(_lexicon()["describing_sector_words"])


class ActorResolver(NameMatching, PersonMatching):
    def __init__(self, kb: KnowledgeBase | None = None, cache_size: int = 65536):
        self.kb = kb or default_kb()
        self.places = PlaceNames(self.kb)
        self._analyse_cached = lru_cache(maxsize=cache_size)(self._analyse)
        self._support_cached = lru_cache(maxsize=4096)(self._support)
        # Most phrases ("the government", "Russian troops") read the same in every document: their
        # resolution is cached once, whatever the context. A phrase the context can change (an ambiguous
        # name, a person, a place of several states) is cached per context.
        self._context_free: dict[tuple[str, str | None], Resolution] = {}
        self._cache_size = cache_size
        self._used_context = False

    def resolve(self, text: str, date: str | None = None, context: str | tuple[str, ...] | None = None
                ) -> Actor | None:
        res = self.analyse(text, date, context)
        return dataclasses.replace(res.actor) if res.actor else None

    def analyse(self, text: str, date: str | None = None, context: str | tuple[str, ...] | None = None
                ) -> Resolution:
        """`context`: a sentence or ISO3 code given with the phrase, or the document's countries (a tuple)."""
        text, date = text or "", normalize_date(date)
        free = self._context_free.get((text, date))
        if free is not None:
            return free
        res, used_context = self._analyse_cached(text, date, context)
        if not used_context and len(self._context_free) < self._cache_size:
            self._context_free[(text, date)] = res
        return res

    # ------------------------------------------------------------------------------------------ analysis
    def _analyse(self, text: str, date: str | None, context) -> tuple[Resolution, bool]:
        """(the resolution, whether the context took part in it)."""
        self._used_context = False
        res = self._analyse_phrase(text, date, context)
        return res, self._used_context

    def _analyse_phrase(self, text: str, date: str | None, context) -> Resolution:
        tokens = [t for tok in tokenize(text) for t in split_compound(tok)]
        folded = [fold(t) for t in tokens]
        kb = self.kb
        if not tokens or (" ".join(folded) in STOP_PHRASES and " ".join(tokens) not in kb.aliases_cs):
            return Resolution(None)  # "who" is a pronoun, "WHO" the organisation
        if isinstance(context, str) and len(context) > 3 and text:     # the phrase is not its own context
            context = re.sub(re.escape(text), " ", context, flags=re.IGNORECASE)
        support = self._support_cached(context)
        alias_hits, covered = self._alias_hits(tokens, folded, date, support)
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
        head = boundary - 1
        # a head word the phrase names no actor by ("coffee", "response"), after words that may name one
        thing_head = head > 0 and not covered[head] and tokens[head].isalpha() \
            and folded[head] not in PEOPLE_NOUNS and folded[head] not in kb.group_heads
        if thing_head and not sector_hits and (tokens[head].islower() or folded[head] in NOT_PERSON_ENDINGS) \
                and any(h.entry.type == "adj" and h.end <= head for h in alias_hits):
            return Resolution(None)     # "Turkish coffee", "Russian gas": a national thing, not an actor
        if thing_head and folded[head] in GATHERING_HEADS and not tokens[head].islower() \
                and not any(h.entry.type in ("igo", "actor") for h in alias_hits):
            return Resolution(None)     # "the Paris Conference on Sudan": a meeting named after its place
        if thing_head and sector_hits and tokens[head].islower() \
                and not any(h.end > head for h in sector_hits) and not alias_hits \
                and all(" ".join(folded[h.start:h.end]) in DESCRIBING_SECTOR_WORDS for h in sector_hits):
            return Resolution(None)     # "a firm response": a sector word describing a thing
        name, name_at, place = self._names_and_place(tokens, folded, covered, sector_hits, support)
        former = any(f in FORMER_WORDS for f in folded[:boundary])
        return self._decide(tokens, folded, alias_hits, sector_hits, boundary, (name, name_at), place, former, date,
                            support, covered)

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

    def _sector_of(self, sector_hits, alias_hits, boundary) -> tuple[str | None, object, bool]:
        """(sector, title entry, needs_modifier) from the head noun group."""
        head = [h for h in sector_hits if h.start < boundary]
        strong = [h for h in head if h.entry.weak == 0]
        title = next((h.entry for h in reversed(head) if h.entry.cls), None)
        if strong:
            return strong[-1].entry.sector, title, False
        modifier = next((h.entry.sector for h in alias_hits if h.start < boundary and h.entry.sector), None)
        if head:
            weak = head[-1].entry
            if weak.weak == 1 and len(head) > 1:
                return head[-2].entry.sector, title, False     # "the union leader", "rebel spokesman"
            if modifier and weak.weak == 1:
                return modifier, title, False
            if weak.weak == 2 and modifier:
                return weak.sector, title, False   # "Kabul residents": the capital names the place, not the sector
            comp = next((h for h in sector_hits if h.start >= boundary and h.entry.weak == 0), None)
            if comp:
                return comp.entry.sector, title or comp.entry if comp.entry.cls else title, False
            return (weak.sector, title, False) if weak.weak == 1 else (weak.sector, title, True)
        if not alias_hits and sector_hits:
            s = sector_hits[0].entry
            return s.sector, s if s.cls else None, s.weak == 2
        return modifier, None, False

    def _context_country(self, support: Support) -> str | None:
        return support.countries[0] if support.countries else None

    def _decide(self, tokens, folded, alias_hits, sector_hits, boundary, named_run, place, former, date,
                support: Support, covered: list[bool]) -> Resolution:
        kb = self.kb
        name, name_at = named_run
        country, country_hit = self._country_of(alias_hits, folded, boundary)
        if country_hit and country_hit.entry.type == "capital":
            self._used_context = True
        if country_hit and country_hit.entry.type == "capital" and support.given and country not in support.countries:
            here = " ".join(tokens[country_hit.start:country_hit.end])
            country = next((c for c in self.places.countries(here) if c in support.countries), country)
        territory = country_hit.entry.territory if country_hit else None
        if country is None and place:
            country = place
        sector, title, needs_mod = self._sector_of(sector_hits, alias_hits, boundary)
        title_cls = title.cls if title and not former else None
        plural = bool(title and title.plural)
        head_hits = [h for h in alias_hits if h.start < boundary] or alias_hits[:1]
        group_head = next((kb.group_heads[" ".join(folded[h.end:k])] for h in head_hits
                           for k in range(len(folded), h.end, -1) if " ".join(folded[h.end:k]) in kb.group_heads),
                          False)
        # 1. A named organisation or group: the last one in the head ("the Taliban's intelligence directorate");
        # a person named after it is its member ("Hamas leader Yahya Sinwar", "Mossad chief David Barnea").
        for h in reversed(head_hits):
            if h.entry.type == "actor" and not (h.end - h.start == 1 and tokens[h.start].islower()) \
                    and not self._surname(h, tokens, folded, covered):
                # (a one-word name written in lower case is a common noun: "approved an amnesty")
                org = self._named(h, tokens, sector_hits, sector, country, date, support)
                if country_hit and country_hit.start < h.start and org.country and org.country != country \
                        and folded[h.end - 1] in kb.sectors:
                    # "Nepal's Maoist rebels" are Nepal's, though India's Naxalites are "Maoist rebels" too
                    sector, needs_mod = kb.sectors[folded[h.end - 1]].sector, False
                    break
                if name and name_at >= h.end:
                    titled = any(x.start >= h.end and (x.entry.weak == 0 or x.entry.cls) for x in sector_hits)
                    own = sector if org.kind == "state" and titled and sector else org.sector
                    res = self._person(name, org.country, title, own, date, support, tokens, boundary, former)
                    if res and res.actor and res.actor.country == org.country:
                        return self._marked(res, territory)
                return Resolution(org, title_cls, plural)
        # 2. A person named in the phrase.
        igo_hit = next((h for h in head_hits if h.entry.type == "igo"), None)
        if name:
            res = self._person(name, country, title, sector, date, support, tokens, boundary, former)
            # An IGO title with a person not known to hold a national office on the date is the IGO's official.
            if res and igo_hit and not country_hit and not (res.person is not None and res.actor and res.actor.role
                                                            and kb.current_offices(res.person, date)):
                igo = kb.igos[igo_hit.entry.target]  # "NATO Secretary General Jens Stoltenberg"
                res.actor = dataclasses.replace(res.actor, country=None, sector=None, kind="igo",
                                                igo=igo_hit.entry.target, role=None, source="kb:igo+name",
                                                code=igo["code"] or "IGO" + igo_hit.entry.target.upper())
            if res:
                return self._marked(res, territory)
        # 3. IGO or group as head (unless a country is the head).
        if not (country_hit and country_hit.start < boundary):
            res = self._igo_or_group(head_hits, tokens, folded, title, title_cls, plural, sector, needs_mod,
                                     group_head)
            if res:
                return res
        # An unknown capitalised modifier ("Kurdish fighters", "Tamil civilians") names who the actor is, so it
        # satisfies a noun that needs a modifier, but it gives no country and the context must not supply one.
        unknown_mod = sector is not None and not country_hit and not place and self._is_modifier(name, tokens,
                                                                                              boundary)
        plural_head = any(h.entry.plural for h in sector_hits if h.start < boundary)
        if country is None and sector and not needs_mod and not unknown_mod:
            self._used_context = True       # a context sentence gives a generic noun its country
            if support.fills_country:
                country = self._context_country(support)
        if country is None and (sector is None or (needs_mod and not unknown_mod)):
            return Resolution(None, title_cls, plural)
        if needs_mod and not country_hit and not place and not unknown_mod:
            return Resolution(None, title_cls, plural)
        if unknown_mod and sector == "MIL" and plural_head:
            sector = "UAF"  # armed men named by a non-state label are not a state's military
        if sector is None and country_hit and country_hit.entry.sector and country_hit.start < boundary:
            sector = country_hit.entry.sector
        if former and sector and (title is not None or any(h.entry.weak == 1 for h in sector_hits)):
            sector = "ELI"   # "the former finance minister", "former officials"
        if sector is None and country_hit and country_hit.entry.type == "adj" and country_hit.end == boundary \
                and boundary == len(tokens) and tokens[boundary - 1][:1].isupper() and folded[boundary - 1].endswith("s") \
                and folded[boundary - 1][:-1] in kb.aliases_ci:     # (not "Swiss")
            sector = "CVL"   # "thousands of Venezuelans", "many Afghans": a nation's people, not its state
        source = ("title" if title else "sector") + ("+country" if country else "") if sector else "kb:country"
        actor = self._state_actor(tokens, country, sector, source=source)
        if country and title_cls in SINGLE_HOLDER and not plural and not territory:
            self._fill_holder(actor, country, title_cls, date)
        return self._marked(Resolution(actor, title_cls, plural), territory)

    @staticmethod
    def _surname(hit: Hit, tokens, folded, covered) -> bool:
        """"Foreign Minister Therese Kayikwamba Wagner": a name that ends in a one-word organisation name (not an
        acronym: "Julius Malema's EFF") is a person's (a capitalised word no alias or title covers stands before it)."""
        k = hit.start - 1
        return hit.end - hit.start == 1 and hit.end == len(tokens) and tokens[hit.start][1:].islower() \
            and k >= 0 and not covered[k] and tokens[k][:1].isupper() and tokens[k].isalpha() \
            and folded[k] not in DETERMINERS

    def _named(self, hit: Hit, tokens, sector_hits, sector, country, date, support: Support) -> Actor:
        if len(self.kb.named.get(hit.entry.target, ())) > 1:
            self._used_context = True
        row = self.kb.named_actor(hit.entry.target, date, country or self._context_country(support))
        own, code = row.sector, row.code
        # A governing movement's institutions take the head noun's sector ("the Taliban's police").
        head = [h for h in sector_hits if h.start >= hit.end and h.entry.weak == 0]
        if row.kind == "state" and head and row.type in (None, "agency", "movement", "party", "armed_group"):
            own = head[-1].entry.sector
            code = (row.country or "") + own
        if own is None and sector and row.country:     # (an NGO's workers are the NGO)
            own, code = sector, row.country + sector
        return Actor(text=" ".join(tokens), name=row.name, country=row.country, sector=own, kind=row.kind,
                     code=code, wikidata=row.wikidata, members=list(row.members) if row.members else None,
                     igo=row.igo, confidence=0.9, source="kb:actor")

    def _igo_or_group(self, head_hits, tokens, folded, title, title_cls, plural, sector, needs_mod,
                      group_head) -> Resolution | None:
        kb = self.kb
        for h in head_hits:
            if h.entry.type == "igo":
                igo = kb.igos[h.entry.target]
                officials = title is not None and title.cls is not None
                if group_head is not False and igo["members"] and len(igo["members"]) <= 8 and not officials:
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
        return None

    def _marked(self, res: Resolution, territory: str | None) -> Resolution:
        """Breakaway, partly recognised and occupied territories: the claiming state plus PRE in the code."""
        a = res.actor
        if not territory or a is None or not a.country:
            return res
        res.actor = dataclasses.replace(a, code=a.country + TERRITORY_SECTOR + (a.sector or ""),
                                        name=a.name if a.sector else territory,
                                        source=(a.source or "") + "+territory")
        return res

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
        """The holder of the office on the date, when the KB's sources still covered that date."""
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
