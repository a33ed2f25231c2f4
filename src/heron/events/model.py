"""A small learned event-type model: multinomial logistic regression over sparse parse features.

It decides where the lexicon is silent. Features describe the trigger (lemma, object, prepositions, governor,
complements, auxiliaries, negation) and the content lemmas of the sentence. Weights live in
``data/events/model.npz`` (built by scripts/train_event_model.py) and load in a few milliseconds.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "PROPN"})
OBJ_DEPS = frozenset({"dobj", "obj", "attr", "nsubjpass", "oprd"})
PREP_DEPS = frozenset({"prep", "prt", "agent", "dative"})


def features(doc, trigger: int) -> list[str]:
    """Sparse string features of a trigger token in its sentence."""
    tok = doc[trigger]
    feats = [f"l={tok.lemma_.lower()}", f"pos={tok.pos_}", f"dep={tok.dep_}"]
    head = tok.head
    if head.i != tok.i:
        feats.append(f"h={head.lemma_.lower()}")
        feats.append(f"hd={tok.dep_}>{head.lemma_.lower()}")
    for c in tok.children:
        lem = c.lemma_.lower()
        if c.dep_ in OBJ_DEPS:
            feats.append(f"o={lem}")
            feats.append(f"lo={tok.lemma_.lower()}>{lem}")
            for cc in c.children:
                if cc.dep_ in ("compound", "amod"):
                    feats.append(f"om={cc.lemma_.lower()}")
                elif cc.dep_ == "prep":
                    feats.append(f"op={cc.lemma_.lower()}")
        elif c.dep_ in PREP_DEPS:
            feats.append(f"p={lem}")
            feats.append(f"lp={tok.lemma_.lower()}+{lem}")
            for pc in c.children:
                if pc.dep_ == "pobj":
                    feats.append(f"po={pc.lemma_.lower()}")
        elif c.dep_ in ("xcomp", "ccomp"):
            feats.append(f"x={lem}")
        elif c.dep_ == "aux":
            feats.append(f"aux={lem}")
        elif c.dep_ == "neg":
            feats.append("neg")
        elif c.dep_ in ("compound", "amod"):
            feats.append(f"m={lem}")
    sent = tok.sent
    for t in sent:
        if t.pos_ in CONTENT_POS and not t.is_stop and t.is_alpha and t.pos_ != "PROPN":
            feats.append(f"w={t.lemma_.lower()}")
    return feats


@dataclass
class EventModel:
    labels: list[str]
    vocab: dict[str, int]
    weights: np.ndarray          # (n_features + 1, n_labels); the last row is the bias
    names: list[str]             # feature name of each weight row

    @classmethod
    def load(cls, path: Path | None = None) -> "EventModel":
        base = Path(path) if path else Path(str(resources.files("heron") / "data" / "events" / "model.npz"))
        with np.load(base, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            weights = z["weights"].astype(np.float32)
        names = list(meta["features"])
        return cls(labels=meta["labels"], vocab={f: i for i, f in enumerate(names)}, weights=weights, names=names)

    def index(self, feats: list[str]) -> np.ndarray:
        return np.array(sorted({self.vocab[f] for f in feats if f in self.vocab}), dtype=np.int64)

    def scores(self, feats: list[str]) -> np.ndarray:
        """Class probabilities for a feature list."""
        idx = self.index(feats)
        logits = self.weights[-1] + (self.weights[idx].sum(axis=0) if len(idx) else 0.0)
        logits = logits - logits.max()
        p = np.exp(logits)
        return p / p.sum()

    def predict(self, feats: list[str]) -> tuple[str, float, list[str]]:
        """(label, probability, the features that pushed hardest for it)."""
        p = self.scores(feats)
        k = int(p.argmax())
        idx = self.index(feats)
        top = []
        if len(idx):
            contrib = self.weights[idx, k]
            top = [self.names[int(idx[j])] for j in np.argsort(-contrib)[:5]]
        return self.labels[k], float(p[k]), top


@lru_cache(maxsize=1)
def default_model() -> EventModel:
    return EventModel.load()
