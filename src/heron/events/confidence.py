"""Stage: confidence that means something — the chance that an event's dyad and type are right.

Each event is described by how it was found (the pattern or model that typed it, how its actor and its recipient
were reached, whether they came from coreference, a place or the story's focus, whether it sits in a quote, a
headline or the lead) and a logistic model turns that into a probability. The model is fitted on the tune half
of the real-news development set by ``scripts/train_confidence.py`` and kept in
``heron/data/events/confidence.json`` with what it was fitted on; ``explain["rules_confidence"]`` keeps the score of
the coding rules before calibration. Without the model file the rules' score stays.
"""
from __future__ import annotations

import json
import math
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from heron.records import Document, Event

MODEL_FILE = "events/confidence.json"
TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


def _via(value: str | None) -> str:
    """The kind of a frame's agent or target route: "inherited:xcomp" -> "inherited"."""
    return (value or "none").split(":")[0] or "none"


def features(doc: Document, e: Event) -> dict[str, float]:
    """Named features of one event (binary unless said otherwise)."""
    ex = e.explain or {}
    f: dict[str, float] = {"bias": 1.0}
    f["rules_score"] = float(ex.get("rules_confidence", e.confidence) or 0.0)          # numeric
    f[f"by={ex.get('by', 'none')}"] = 1.0
    f[f"how={ex.get('how', 'none')}"] = 1.0
    pattern = ex.get("pattern") or ""
    f["pattern_specific"] = float(">" in pattern or "+" in pattern)
    f[f"agent={_via(ex.get('agent_via'))}"] = 1.0
    f[f"target={_via(ex.get('target_via'))}"] = 1.0
    f[f"type={e.plover['type']}"] = 1.0
    f[f"modality={e.modality}"] = 1.0
    actor_keys = {a.country or a.igo for a in e.actor if a.country or a.igo}
    recipient_keys = {a.country or a.igo for a in e.recipient if a.country or a.igo}
    f["no_recipient"] = float(not recipient_keys)
    f["reciprocal"] = float(not recipient_keys and len(actor_keys) > 1)
    f["domestic"] = float(bool(recipient_keys) and recipient_keys == actor_keys)
    f["dyads_log"] = math.log1p(max(1, len(actor_keys)) * max(1, len(recipient_keys)))                    # numeric
    sources = " ".join(a.source or "" for a in e.actor + e.recipient)
    for cue in ("coref", "implicit", "inferred", "group", "title", "place", "fuzzy"):
        f[f"source_{cue}"] = float(cue in sources)
    f["person_actor"] = float(any(a.kind == "person" or a.role for a in e.actor))
    f["igo_party"] = float(any(a.kind == "igo" for a in e.actor + e.recipient))
    f["in_quote"] = float(e.quote_id is not None)
    role = doc.layout.role_at(e.trigger.span[0]) if doc.layout is not None else "body"
    f["in_heading"] = float(role == "heading")
    f["lead"] = float(e.sentence <= 2)
    f["position"] = e.sentence / max(1, len(doc.sentences))                                               # numeric
    f["folded"] = float(bool(ex.get("folded")))
    return f


@dataclass(frozen=True)
class ConfidenceModel:
    weights: dict[str, float]
    calibration: list          # [[score up to, probability], ...] non-decreasing (isotonic)
    about: dict

    def probability(self, feats: dict[str, float]) -> float:
        z = sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        if self.calibration:
            i = bisect_left([s for s, _ in self.calibration], z)
            return self.calibration[min(i, len(self.calibration) - 1)][1]
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def default_model() -> ConfidenceModel | None:
    path = resources.files("heron.data").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    return ConfidenceModel(weights=data["weights"], calibration=data.get("calibration", []), about=data.get("about", {}))


@dataclass
class CalibrateConfidence:
    name: str = "confidence"
    model: ConfidenceModel | None = None
    use_default: bool = True

    def __call__(self, doc: Document) -> Document:
        model = self.model or (default_model() if self.use_default else None)
        for e in doc.events:
            if e.explain is not None:
                e.explain.setdefault("rules_confidence", e.confidence)
            if model is not None:
                e.confidence = round(model.probability(features(doc, e)), 3)
        return doc
