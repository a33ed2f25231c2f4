"""Parties of an event: a group named as one phrase becomes its member states where the text counts them."""
from __future__ import annotations

from heron.records import Actor

# Bigger groups ("the West", "EU members") stay one actor listing its members: expanding them
# would turn one report into dozens of dyads.
MAX_EXPANDED_MEMBERS = 8


def expand(actor: Actor, counterpart_of: Actor | None = None) -> list[Actor]:
    """A group ("the five former Soviet republics of Central Asia") becomes one actor per member.

    An organisation stays one actor ("the G7" is IGO G7, not seven states); a region named without its number
    ("Central Asian leaders", "European officials") stays one actor too: the text does not say which of its states
    took part."""
    if not actor.members or len(actor.members) > MAX_EXPANDED_MEMBERS or actor.kind == "igo" or actor.igo:
        return [actor]
    if (actor.source or "").startswith("kb:group") and len(actor.members) > 3 and "+counted" not in actor.source:
        return [actor]
    from heron.actors.kb import default_kb

    kb = default_kb()
    if "+domestic" in (actor.source or ""):
        # "the two sides" of one state: its government and the other side
        c = actor.members[0]
        return [Actor(text=actor.text, span=actor.span, name=kb.country_name(c), country=c, sector=sector,
                      kind="state", code=c + (sector or ""), confidence=actor.confidence, source=actor.source)
                for sector in ("GOV", actor.sector)]
    sector = counterpart_of.sector if counterpart_of is not None else actor.sector
    return [Actor(text=actor.text, span=actor.span, name=kb.country_name(c), country=c, sector=sector, kind="state",
                  code=c + (sector or ""), confidence=actor.confidence, source=f"group:{actor.name or actor.text}")
            for c in actor.members]
