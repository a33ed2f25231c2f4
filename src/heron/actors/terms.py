"""Word lists, office-class order and small result types shared by actor resolution and its person look-up."""
from __future__ import annotations

import re
from dataclasses import dataclass

from heron.actors.kb import STATE_SECTORS, AliasEntry, SectorEntry  # noqa: F401
from heron.records import Actor


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


# Words that make a title or a person a former one: CAMEO codes former officials ELI ("former president",
# "ex-minister", "ousted prime minister").
FORMER_WORDS = {"former", "ex", "ousted", "deposed", "exiled", "toppled", "overthrown", "retired", "erstwhile",
                "onetime", "one-time", "disgraced", "jailed"}
# Prepositions after which a capitalised name in an actor phrase is a place ("residents of Kharkiv").
PLACE_PREPS = {"of", "in", "from", "at", "near", "across", "throughout", "inside"}

# "Russian-backed separatists" are not Russian; "US-led coalition" is led by the US; "Russian-installed
# officials" serve Russia's occupation but belong to the occupied state.
_COMPOUND_RE = re.compile(r"^(.+)-(led|backed|based|born|speaking|aligned|allied|sponsored|funded|controlled|held|"
                          r"made|owned|run|installed|appointed|imposed)$", re.IGNORECASE)


def split_compound(token: str) -> list[str]:
    if token[:3].lower() == "ex-" and token[3:4].islower():
        return ["ex", token[3:]]          # "ex-president" -> former president ("ex-Soviet" stays one word)
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
    options: tuple[AliasEntry, ...] = ()     # the readings of an ambiguous alias, best first


@dataclass(frozen=True)
class Support:
    """What the context says about a phrase: the countries it names, most salient first. A context sentence
    given with the phrase (`resolve_actor(text, context=...)`) also supplies a country to a generic phrase
    ("the army"); a document's countries (a tuple, from the pipeline) only choose between readings."""
    countries: tuple[str, ...] = ()
    fills_country: bool = False
    given: bool = False            # False: no context at all, an ambiguous name takes its first reading


@dataclass
class Resolution:
    """An actor plus what the phrase said about it, for coreference."""
    actor: Actor | None
    title_cls: str | None = None
    plural: bool = False
    name: str | None = None          # the person name written in the phrase, if any
    person_found: bool = False
    person: int | None = None        # the KB person id when found

