"""The state a story is about: named clearly more often than any other.

Generic actors named without a country ("police", "protesters", "lawmakers") belong to it, and an act with no
other party named is domestic to it."""
from __future__ import annotations

from collections import Counter

from heron.records import Mention

# The focus must be named this often, and at least this many times as often as the next state.
MIN_MENTIONS = 3
MIN_LEAD = 2.0


def focus_country(mentions: list[Mention]) -> str | None:
    counts = Counter(m.actor.country for m in mentions
                     if m.actor is not None and m.actor.country and not m.actor.members)
    if not counts:
        return None
    ranked = counts.most_common(2)
    top, n = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    return top if n >= MIN_MENTIONS and n >= MIN_LEAD * second else None
