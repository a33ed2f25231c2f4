"""A second look at a document's resolved actors: readings the story does not support are dropped, numbered
groups take the states listed after them, and regions the story counts stand for their states."""
from __future__ import annotations

from dataclasses import replace

from heron.actors.groups import NUMBER_NAMES, NUMBER_WORDS, PAIR_NOUNS, next_set_of_states
from heron.actors.lexicon import _lexicon
from heron.records import Actor, Mention


def drop_implausible(sdoc, mentions: list[Mention]) -> None:
    """Readings the rest of the story does not support are no actors: a wire agency that is the source of
    the story ("told Reuters"), a platform's posts ("its Twitter and Facebook handles"), an acronym or a
    short name matched loosely to an organisation or a person of a state the story never names ("the EFF
    arrangement" of the IMF is no South African party, "Ma" no Hong Kong judge)."""
    lex = _lexicon()
    named = {m.actor.country for m in mentions if m.actor is not None and m.actor.country
             and (m.actor.source or "").startswith(("kb:country", "sector+country"))}
    for m in mentions:
        a = m.actor
        if a is None or m.head is None:
            continue
        text = m.text.lower().removeprefix("the ").strip()
        head = sdoc[m.head]
        if text in lex["news_sources"] or head.lemma_.lower() in lex["artifact_nouns"]:
            m.actor = None
            continue
        word = m.text.strip()
        acronym = word.isupper() and 2 <= len(word) <= 5
        loose = "fuzzy" in (a.source or "") and len(word) < 5
        if (acronym and (a.source or "").startswith("kb:actor") or loose) and a.country and a.country not in named:
            m.actor = None


def counted_regions(mentions: list[Mention]) -> None:
    """"the five Central Asian countries ... a partnership with Central Asia": once a story counts a region's
    states, the region stands for all of them (heron.events.extract.expand)."""
    counted = set()
    for m in mentions:
        a = m.actor
        if a is not None and a.members and a.code and (a.source or "").startswith("kb:group") \
                and NUMBER_NAMES.get(len(a.members)) in m.text.lower().split():
            counted.add(a.code)
    for m in mentions:
        a = m.actor
        if a is not None and a.code in counted and "+counted" not in (a.source or ""):
            m.actor = replace(a, source=(a.source or "") + "+counted")


def numbered_groups(sdoc, mentions: list[Mention]) -> None:
    """"Venezuela severed relations with seven Latin American nations" followed by the list of the seven:
    the group is those states, not all of Latin America."""
    for m in mentions:
        if m.head is None or sdoc[m.head].lower_ not in PAIR_NOUNS:
            continue
        size = next((NUMBER_WORDS[c.lower_] for c in sdoc[m.head].children if c.lower_ in NUMBER_WORDS), None)
        if size is None or size < 2 or m.actor is not None and m.actor.members and len(m.actor.members) == size:
            continue
        members = next_set_of_states(mentions, m, sdoc, size)
        if members:
            m.actor = Actor(text=m.text, span=m.span, members=members, kind="state",
                            sector=m.actor.sector if m.actor else None, confidence=0.6, source="coref:listed-after")
