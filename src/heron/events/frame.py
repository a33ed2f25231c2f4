"""The Frame record: a predicate, who acts on it (agents) and on whom (targets), and how each was found."""
from __future__ import annotations

from dataclasses import dataclass, field

from heron.records import Mention


@dataclass
class Frame:
    trigger: int                     # token index of the predicate
    kind: str                        # "verb" | "noun"
    agents: list[Mention] = field(default_factory=list)
    targets: list[Mention] = field(default_factory=list)
    agent_via: str = ""
    target_via: str = ""
    counterpart: bool = False        # targets reached through "counterparts from X"
