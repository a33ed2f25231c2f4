"""Stage: when and where — resolve date expressions and places, then give each event its own."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import date

from heron.events.targets import DOMESTIC_SECTORS as TARGET_DOMESTIC_SECTORS
from heron.records import Document
from heron.when_where.dates import event_date, find_dates
from heron.when_where.event_location import event_place
from heron.when_where.places import default_gazetteer

HISTORICAL_DAYS = 60
# Groups that fight or oppose the state they belong to.
OWN_STATE_OPPONENTS = frozenset({"REB", "UAF", "OPP", "CRM", "PTY", "LEG", "JUD", "MED", "LAB", "EDU", "REL", "HLH"})
# Sectors of an actor named without a country that take the country of the event's place: the groups that may be
# targets without a country (heron.events.targets), and "authorities", "the army", "General X" where the sentence
# names no state.
DOMESTIC_SECTORS = TARGET_DOMESTIC_SECTORS | {"GOV", "MIL"}


def _countryless_domestic(a) -> bool:
    """A group named without a country ("police", "protesters"); not a named person whose country is unknown
    ("President Cyril Ramaphosa" is not Rwandan because he met Kagame)."""
    return a.country is None and a.sector in DOMESTIC_SECTORS and not a.igo and not a.members \
        and a.kind not in ("igo", "ngo") and not (a.name and a.source and "title+name" in a.source) \
        and not _from_elsewhere(a.text)


# "World leaders", "foreign governments", "international observers" are no one's at home (but a foreign minister is).
ELSEWHERE_WORDS = frozenset({"world", "international", "global", "foreign"})
FOREIGN_OFFICE_HEADS = frozenset({"minister", "ministers", "ministry", "ministries", "secretary", "affairs", "office",
                                  "policy", "service"})


def _from_elsewhere(text: str | None) -> bool:
    """A generic phrase (no name in it: "World leaders", not "Foreign Minister Therese Wagner") of people from
    elsewhere."""
    words = (text or "").replace("-", " ").split()
    if not words or any(not w.islower() for w in words[1:]):
        return False
    words = [w.lower() for w in words]
    return bool(set(words[:-1]) & ELSEWHERE_WORDS) and words[-1] not in FOREIGN_OFFICE_HEADS


def _long_before(event_date: str, doc_date: str | None) -> bool:
    if not doc_date:
        return False
    try:
        return (date.fromisoformat(doc_date) - date.fromisoformat(event_date)).days > HISTORICAL_DAYS
    except ValueError:
        return False


class SpanIndex:
    """Dates or places found by character range in O(log n), in their original order (a long document
    has thousands, and each event looks only at its own sentence's)."""

    def __init__(self, items: list):
        self.items = sorted(((n, item) for n, item in enumerate(items) if item.span is not None),
                            key=lambda pair: pair[1].span[0])
        self.starts = [item.span[0] for _, item in self.items]

    def within(self, start: int, end: int) -> list:
        found = self.items[bisect_left(self.starts, start):bisect_left(self.starts, end)]
        return [item for _, item in sorted(found, key=lambda pair: pair[0])]


@dataclass
class WhenWhere:
    name: str = "when_where"
    gazetteer: object = None

    def _gaz(self):
        if self.gazetteer is None:
            self.gazetteer = default_gazetteer()
        return self.gazetteer

    def __call__(self, doc: Document) -> Document:
        sdoc = doc.nlp
        gaz = self._gaz()
        doc.dates = find_dates(sdoc, doc.date)
        countries = []
        for m in doc.mentions:
            if m.actor is not None and m.actor.country and m.actor.country not in countries:
                countries.append(m.actor.country)
        doc.places = gaz.find_places(sdoc, countries)
        for collection in (doc.dates, doc.places):
            for item in collection:
                if item.span is not None:
                    item.sentence = doc.sentence_of(item.span[0])
        if doc.layout is not None and doc.layout.dateline_place:
            # where the story was filed (never, by itself, where its acts happened)
            doc.layout.filed_in = self._place_of_dateline(doc.layout.dateline_place, gaz)
        sentence_countries = self._sentence_countries(doc)
        focus = doc.focus_country
        lead = self._lead_sentences(doc)
        story_date, story_sentence = None, 0      # the date the lead gives its news ("on November 12")
        dates, places = SpanIndex(doc.dates), SpanIndex(doc.places)
        for e in doc.events:
            trigger = sdoc.char_span(e.trigger.span[0], e.trigger.span[1], alignment_mode="expand")
            ti = trigger.start if trigger is not None else 0
            # Only dates and places of the trigger's sentence can attach to it.
            sent = sdoc[ti].sent
            ref = event_date(sdoc, ti, dates.within(sent.start_char, sent.end_char), doc.date)
            if ref is not None and ref.date:
                e.date, e.date_text, e.date_precision = ref.date, ref.text, ref.precision
                if e.modality == "asserted" and _long_before(ref.date, doc.date):
                    # "the 1991 invasion", "in March 2014": background, not news of the day.
                    e.modality = "historical"
                elif story_date is None and e.sentence in lead and ref.precision == "day" and ref.date != doc.date:
                    story_date, story_sentence = ref, e.sentence
            elif story_date is not None and e.modality in ("asserted", "future") and e.sentence > story_sentence:
                # The sentences after the lead continue its story: they keep its date, not the publication date.
                e.date, e.date_text, e.date_precision = story_date.date, None, "story"
            else:
                # No date expression governs the event: it takes the document date, and says so.
                e.date, e.date_text, e.date_precision = doc.date, None, "document" if doc.date else None
            e.location = event_place(sdoc, ti, places.within(sent.start_char, sent.end_char))
            self._domestic_agents(e, sentence_countries.get(e.sentence, set()), focus)
        return doc

    @staticmethod
    def _place_of_dateline(words: str, gaz):
        city, _, qualifier = words.partition(",")
        city = city.split("/")[0].strip()
        city = city.title() if city.isupper() else city
        return gaz.geocode(f"{city}, {qualifier.strip()}" if qualifier.strip() else city) or gaz.geocode(city)

    @staticmethod
    def _lead_sentences(doc: Document, n: int = 2) -> set[int]:
        """The first sentences of the story proper (headings, captions and furniture skipped)."""
        lead = []
        for i, (s, _) in enumerate(doc.sentences):
            if doc.layout is None or doc.layout.role_at(s) == "body":
                lead.append(i)
                if len(lead) == n:
                    break
        return set(lead)

    @staticmethod
    def _sentence_countries(doc: Document) -> dict[int, set[str]]:
        """States named in each sentence, by actors or places."""
        found: dict[int, set[str]] = {}
        for m in doc.mentions:
            if m.actor is not None and m.actor.country and not m.actor.members:
                found.setdefault(m.sentence, set()).add(m.actor.country)
        for p in doc.places:
            if p.country:
                found.setdefault(p.sentence, set()).add(p.country)
        return found

    @staticmethod
    def _domestic_agents(e, sentence_countries: set[str] = frozenset(), focus: str | None = None) -> None:
        """'Rebels attacked an army base in northern Mali', 'protesters marched in Paris': a domestic
        group named without a country acts in the country where the event happened (or, failing
        a place, the one state it acts on)."""
        where = e.location.country if e.location is not None and e.location.country else None
        targets = {r.country for r in e.recipient if r.country}
        agents = {a.country for a in e.actor if a.country}
        # "Police arrested 12 militants", "a Cairo court tried 24 members of a group": the group a state
        # acts on is domestic to where it happened, else to that state.
        target_country = where or (next(iter(agents)) if len(agents) == 1 else None) or focus
        if target_country is not None:
            for i, r in enumerate(e.recipient):
                if _countryless_domestic(r):
                    e.recipient[i] = replace(r, country=target_country, code=target_country + r.sector,
                                             confidence=0.5, source=(r.source or "") + "+inferred:place-of-event")
        # "Rebels attacked the Malian army": armed groups and the opposition act against their own state
        # (protesters at a foreign embassy do not).
        against_own = all(a.sector in OWN_STATE_OPPONENTS for a in e.actor if _countryless_domestic(a))
        country = where or (next(iter(targets)) if len(targets) == 1 and against_own else None)
        if len(agents) == 1 and any(_countryless_domestic(a) for a in e.actor):
            # "The Angolan government and UNITA rebels agreed ...": a group acting with one state's
            # actors belongs to that state, wherever they meet.
            country = next(iter(agents))
        named = sentence_countries - targets \
            - {c for r in e.recipient if r.members for c in r.members}
        if country is None and len(named) == 1:
            # "Students marched through central Seoul": the only state the sentence names (besides the target).
            country = next(iter(named))
        if country is None:
            # "Police arrested 14 protesters" in a story about one country; "protesters targeted the French
            # and US embassies" in a story about Congo; "protesters vandalised the ruling party's offices".
            country = focus
        if country is None:
            return
        for i, a in enumerate(e.actor):
            if _countryless_domestic(a):
                e.actor[i] = replace(a, country=country, code=country + a.sector, confidence=0.5,
                                     source=(a.source or "") + "+inferred:place-of-event")
