"""Names in an actor phrase: the context's states, the known names a phrase contains (with the reading the
context supports), and its capitalised runs, which are places or a person.

A mixin of :class:`heron.actors.resolver.ActorResolver`, which provides ``kb``, ``places`` and the
``_used_context`` flag (set whenever the context can change a resolution, so the rest is cached once).
"""
from __future__ import annotations

import re
from functools import cached_property

from heron.actors.kb import AliasEntry, fold, name_tokens, tokenize
from heron.actors.terms import CALENDAR, COUNTRY_TYPES, NAME_PARTICLES, NOT_NAMES, PLACE_PREPS, Hit, Support

# Last words of capitalised names that are geography or the calendar, not people ("the Indian Ocean",
# "Chinese New Year").
NOT_PERSON_ENDINGS = {"ocean", "sea", "gulf", "bay", "river", "lake", "mountains", "desert", "strait", "coast",
                      "island", "islands", "peninsula", "valley", "year", "day", "festival", "games", "cup"}
# Head words of a named meeting: "the Paris Conference", "the Shangri-La Dialogue" are where people meet, not who.
GATHERING_HEADS = {"conference", "summit", "forum", "dialogue", "symposium", "expo", "roundtable", "talks"}
REGNAL = re.compile(r"[IVX]+")      # "Charles III"
# Adjectives between a place and its head noun ("the Kherson regional administration").
PLACE_ADJECTIVES = {"regional", "provincial", "state", "city", "municipal", "local", "district", "county"}
# Words that follow a place name inside an actor phrase ("Zaporizhzhia region", "Zamfara State").
PLACE_KINDS = {"region", "province", "state", "oblast", "district", "county", "governorate", "prefecture"}
# A name part that starts with a lower-case particle: "al-Sharaa", "bin-Salman", "el-Sisi".
PARTICLE_NAME = re.compile(r"^(al|el|ad|as|ash|an|ar|at|az|bin|ibn|abu|ben|da|de|di|van|von|le|la)-[A-Z]")


class NameMatching:
    # ------------------------------------------------------------------------------------------ context
    def _support(self, context: str | tuple[str, ...] | None) -> Support:
        if context is None:
            return Support()
        if isinstance(context, tuple):
            return Support(context, fills_country=False, given=True)
        if context in self.kb.countries:
            return Support((context,), fills_country=True, given=True)
        return Support(self.context_countries(context, by_count=False), fills_country=True, given=True)

    def context_countries(self, text: str, by_count: bool = True) -> tuple[str, ...]:
        """Countries a text names (country names, demonyms, capitals, territories, provinces and large towns:
        "Amritsar" -> India), most often named first (or in order of first mention)."""
        tokens = tokenize(text)
        counts: dict[str, int] = {}
        first_words, ci, cs, longest = self._country_names
        skip_to = 0
        for i, tok in enumerate(tokens):
            if i < skip_to or not tok[:1].isupper():
                continue
            word = fold(tok)
            found = None
            if word in first_words:
                for j in range(min(len(tokens), i + longest), i, -1):
                    span = tokens[i:j]
                    found = cs.get(" ".join(span)) or ci.get(" ".join(fold(t) for t in span))
                    if found:
                        skip_to = j
                        break
            # a town named in the text ("Amritsar"), unless the word is also a surname ("Bush" is a town in Egypt)
            if found is None and len(tok) > 3 and word not in NOT_NAMES and word not in CALENDAR \
                    and word not in self.kb.by_surname:
                place = self.places.countries(tok)
                found = place[0] if len(place) == 1 else None
            if found:
                counts[found] = counts.get(found, 0) + 1
        return tuple(sorted(counts, key=lambda c: -counts[c])) if by_count else tuple(counts)

    @cached_property
    def _country_names(self) -> tuple[frozenset[str], dict[str, str], dict[str, str], int]:
        """(first words, folded names, case-sensitive names, most words) of the names of states, demonyms,
        capitals and territories that need no support."""
        ci, cs = {}, {}
        for table, out in ((self.kb.aliases_ci, ci), (self.kb.aliases_cs, cs)):
            for key, entries in table.items():
                found = next((e.target for e in entries if e.type in COUNTRY_TYPES and not e.support), None)
                if found:
                    out[key] = found
        first = frozenset(k.split(" ")[0].lower() for k in list(ci) + list(cs))
        return first, ci, cs, max(len(k.split(" ")) for k in list(ci) + list(cs))

    def _entry_country(self, entry: AliasEntry, date: str | None) -> str | None:
        if entry.type in COUNTRY_TYPES:
            return entry.target
        if entry.type == "actor":
            row = self.kb.named_actor(entry.target, date)
            return row.country if row else None
        return None

    def _alias_hits(self, tokens, folded, date, support: Support) -> tuple[list[Hit], list[bool]]:
        """Longest known names, each with the reading the context supports; a name that needs support the
        context does not give is skipped, leaving its words to the sector nouns ("Congress" in Peru)."""
        kb = self.kb
        any_upper = any(c.isupper() for t in tokens for c in t)
        spans = []
        i = 0
        while i < len(tokens):
            j, entries = kb.match_alias(tokens, folded, i)
            if entries and folded[i] in ("the", "a") and any(kb.match_alias(tokens, folded, k)[0] > j
                                                            for k in range(i + 1, j)):
                i += 1     # a longer name starts inside "The National": "the National People's Congress"
                continue
            if entries and (not any_upper or any(c.isupper() or c.isdigit() for t in tokens[i:j] for c in t)):
                spans.append((i, j, entries))
                i = j
            else:
                i += 1
        named = {e.target for _, _, entries in spans for e in entries
                 if e.type in COUNTRY_TYPES and not e.support and len(entries) == 1}
        known = named | set(support.countries)
        hits: list[Hit] = []
        covered = [False] * len(tokens)
        for i, j, entries in spans:
            if len(entries) > 1 or any(e.support for e in entries):
                self._used_context = True
            options = [e for e in entries if not e.support or self._entry_country(e, date) in known
                       or not (support.given or named)]
            if not options:
                continue
            ranked = sorted(options, key=lambda e: self._rank(e, date, named, support))
            hits.append(Hit(i, j, ranked[0], tuple(ranked)))
            covered[i:j] = [True] * (j - i)
        return hits, covered

    def _rank(self, entry: AliasEntry, date, named: set[str], support: Support) -> int:
        country = self._entry_country(entry, date)
        if country and country in named:
            return 0
        if country and country in support.countries:
            return 1 + support.countries.index(country)
        return 100 if not entry.support else 200

    def _names_and_place(self, tokens, folded, covered, sector_hits, support) -> tuple[str | None, int, str | None]:
        """(the person name run, where it starts, the country of a place named in the phrase). A capitalised
        run in front of a head noun or after "of"/"in" that names a place is the place ("Belgorod Governor
        Vyacheslav Gladkov")."""
        runs, cur = [], []
        for k, tok in enumerate(tokens):
            cap = ((tok[:1].isupper() or bool(PARTICLE_NAME.match(tok))) and any(c.islower() for c in tok)
                   and folded[k] not in NOT_NAMES) or bool(cur and REGNAL.fullmatch(tok))
            if not covered[k] and (cap or (cur and folded[k] in NAME_PARTICLES)):
                cur.append(k)
            else:
                if cur:
                    runs.append(cur)
                cur = []
        if cur:
            runs.append(cur)
        runs = [[k for k in run] for run in runs]
        for run in runs:
            while run and folded[run[-1]] in NAME_PARTICLES:
                run.pop()
        runs = [run for run in runs if run and not (len(run) == 1 and folded[run[0]] in CALENDAR)
                and folded[run[-1]] not in NOT_PERSON_ENDINGS]
        heads = {k for h in sector_hits for k in range(h.start, h.end)}
        place = None
        names: list[list[int]] = []
        for run in runs:
            text = " ".join(tokens[k] for k in run)
            nxt = run[-1] + 1
            before_head = nxt in heads or (nxt + 1 in heads and nxt < len(tokens) and folded[nxt] in PLACE_ADJECTIVES)
            after_prep = run[0] > 0 and folded[run[0] - 1] in PLACE_PREPS
            if (before_head or after_prep) and not self._known_name(text):
                self._used_context = True
                after = folded[run[-1] + 1] if run[-1] + 1 < len(tokens) else ""
                country = (self.places.country(f"{text} {after}", support.countries) if after in PLACE_KINDS
                           else None) or self.places.country(text, support.countries)
                if country:
                    place = place or country
                    continue
            names.append(run)
        if not names:
            return None, len(tokens), place
        return " ".join(tokens[k] for k in names[-1]), names[-1][0], place

    def _known_name(self, text: str) -> bool:
        toks = name_tokens(text)
        return len(toks) > 1 and bool(self.kb.by_name.get(" ".join(toks)))
