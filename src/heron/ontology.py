"""CAMEO codes and PLOVER 2.0 scores shipped with heron (built by scripts/build_ontology.py).

``default_ontology()`` is cached; everything else is read-only lookups.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


@dataclass(frozen=True)
class CameoCode:
    code: str                    # with leading zero, e.g. "042"
    name: str                    # heron's own short label
    root: str                    # first two digits
    quad_class: int              # CAMEO quad class of the root (1-4)
    goldstein: float | None      # Goldstein value (None where no table has one)
    plover_type: str | None      # CAMEO->PLOVER mapping (None for roots 01/02)
    plover_mode: str | None
    plover_context: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"code": self.code, "root": self.root, "name": self.name}


@dataclass
class Ontology:
    codes: dict[str, CameoCode]
    scores: dict[tuple[str, str | None], float | None]
    quads: dict[str, int]
    _default_by_type: dict[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, directory: Path | None = None) -> "Ontology":
        base = Path(directory) if directory else Path(str(resources.files("heron") / "data" / "ontology"))
        codes: dict[str, CameoCode] = {}
        with open(base / "cameo.tsv", encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                codes[r["code"]] = CameoCode(
                    code=r["code"], name=r["name"], root=r["root"], quad_class=int(r["quad_class"]),
                    goldstein=float(r["goldstein"]) if r["goldstein"] else None,
                    plover_type=r["plover_type"] or None, plover_mode=r["plover_mode"] or None,
                    plover_context=tuple(c for c in r["plover_context"].split(";") if c))
        scores: dict[tuple[str, str | None], float | None] = {}
        quads: dict[str, int] = {}
        with open(base / "plover_scores.tsv", encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                scores[(r["type"], r["mode"] or None)] = float(r["score"]) if r["score"] else None
                quads[r["type"]] = int(r["quad_class"])
        return cls(codes=codes, scores=scores, quads=quads)

    def cameo(self, code: str) -> CameoCode | None:
        """The CAMEO entry for ``code`` ("042"); an unknown code falls back to its root, else None."""
        if code in self.codes:
            return self.codes[code]
        return self.codes.get(code[:2]) if code else None

    def plover_score(self, type_: str, mode: str | None = None) -> float | None:
        """PLOVER conflict-cooperation score of a type, or of its mode when the mode has one."""
        if mode is not None and self.scores.get((type_, mode)) is not None:
            return self.scores[(type_, mode)]
        return self.scores.get((type_, None))

    def plover_quad(self, type_: str) -> int | None:
        """PLOVER quad class of a type (1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict)."""
        return self.quads.get(type_)

    def default_code(self, type_: str) -> str:
        """The least specific CAMEO code whose mapping is ``type_`` (used when only the type is known)."""
        if not self._default_by_type:
            for c in sorted(self.codes.values(), key=lambda c: (len(c.code) != 3, c.code)):
                if c.plover_type and c.code.endswith("0") and len(c.code) == 3:
                    self._default_by_type.setdefault(c.plover_type, c.code)
            self._default_by_type.update(FALLBACK_CODES)
        return self._default_by_type.get(type_, "010")


# Types whose CAMEO "not specified" code maps elsewhere, or that have none of their own.
FALLBACK_CODES = {"CONCEDE": "080", "RETREAT": "084", "SANCTION": "160", "ACCUSE": "112", "ASSAULT": "190",
                  "COERCE": "170", "MOBILIZE": "150"}


@lru_cache(maxsize=1)
def default_ontology() -> Ontology:
    return Ontology.load()
