"""The state a story is about: named clearly more often than any other.

Generic actors named without a country ("police", "protesters", "lawmakers") belong to it, and an act with no
other party named is domestic to it."""
from __future__ import annotations

from collections import Counter

from heron.records import Mention

# The focus must be named this often, and at least this many times as often as the next state.
MIN_MENTIONS = 3
MIN_LEAD = 2.0
# The two states of a story between two states hold this share of its state mentions.
PAIR_SHARE = 0.6
MIN_PAIR_MENTIONS = 2
MIN_STORY_SENTENCES = 4
# ... and the second of them is named at least 1/MAX_PAIR_RATIO as often as the first: a story about the Philippines
# that says where a flight came from twice is about one state.
MAX_PAIR_RATIO = 4


def story_pair(mentions: list[Mention]) -> tuple[str, str] | None:
    """The two states a story is between ("Thailand and Cambodia", "the US and Colombia"): named far more often
    than any other, together most of the story's state mentions, in a story of some length (not one sentence)."""
    if len({m.sentence for m in mentions}) < MIN_STORY_SENTENCES:
        return None
    counts = Counter(m.actor.country for m in mentions
                     if m.actor is not None and m.actor.country and not m.actor.members)
    ranked = counts.most_common(3)
    if len(ranked) < 2:
        return None
    (a, na), (b, nb) = ranked[0], ranked[1]
    third = ranked[2][1] if len(ranked) > 2 else 0
    total = sum(counts.values())
    if nb >= MIN_PAIR_MENTIONS and nb >= MIN_LEAD * third and na + nb >= PAIR_SHARE * total \
            and nb * MAX_PAIR_RATIO >= na:
        return (a, b)
    return None


def focus_country(mentions: list[Mention]) -> str | None:
    counts = Counter(m.actor.country for m in mentions
                     if m.actor is not None and m.actor.country and not m.actor.members)
    if not counts:
        return None
    ranked = counts.most_common(2)
    top, n = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    return top if n >= MIN_MENTIONS and n >= MIN_LEAD * second else None
