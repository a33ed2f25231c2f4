"""Scoring for `heron eval`: the metrics of the project's reference scorer, re-implemented.

The numbers must equal the reference scorer's on the same files, so every definition below
(rounding included) follows it exactly:

* ``full``: gold and predicted events become dyad triples (actor key, recipient key or None,
  PLOVER type). A gold event is one *unit* per dyad, satisfied by any of its types (``plover``
  plus ``alt``); ``optional`` gold events are neither required nor counted as false positives;
  predicted events with modality ``negated``/``hypothetical`` are ignored. Micro P/R/F1 over the
  views ``dyad_type``, ``dyad`` and ``type``.
* ``pair``: accuracy and macro-F1 over the PLV benchmark's 15 classes (CONCEDE, RETREAT -> YIELD).
* ``actor``: accuracy of the resolved country, sector, and both.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Callable, Iterable

Triple = tuple  # (actor key, recipient key | None, event type)

# Names from the PLOVER 0.5 gold data, folded onto their PLOVER 2.0 types.
LEGACY_TYPE_NAMES = {"DEMAND": "REQUEST", "FIGHT": "ASSAULT", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE"}
# The PLV pair benchmark counts CONCEDE and RETREAT as one class.
PAIR_CLASS_OF = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}
IGNORED_MODALITIES = frozenset({"negated", "hypothetical"})
ACTOR_KEY_OF_KIND = {"igo": "IGO", "ngo": "NGO"}


def load_jsonl(path: str) -> dict:
    """Records of a JSONL file keyed by their "id" (blank lines skipped; a later id wins)."""
    records = {}
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                records[record["id"]] = record
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{lineno}: not a JSON record with an 'id' ({exc})") from None
    return records


# ---------------------------------------------------------------------------------------------
# full


def plover_type(value) -> str:
    """An event type from a string or a {"type": ...} object, upper-cased, legacy names folded."""
    if isinstance(value, dict):
        value = value.get("type")
    name = (value or "").upper()
    return LEGACY_TYPE_NAMES.get(name, name)


def actor_key(actor) -> str | None:
    """Gold actors are code strings (first three letters count); predicted ones are objects
    (their country, else IGO/NGO from their kind)."""
    if isinstance(actor, str):
        return actor.upper()[:3] if actor else None
    if actor.get("country"):
        return actor["country"].upper()
    return ACTOR_KEY_OF_KIND.get((actor.get("kind") or "").lower())


def _keys(actors) -> list[str]:
    return sorted({key for key in (actor_key(a) for a in actors or []) if key})


def event_dyads(event: dict, types: list[str] | None = None) -> set[Triple]:
    """All (actor, recipient, type) triples of an event; no recipient and several actors means
    a reciprocal event, i.e. every ordered pair of distinct actors."""
    actors, recipients = _keys(event.get("actor")), _keys(event.get("recipient"))
    if types is None:
        types = [plover_type(event.get("plover") or event.get("type"))]
    if recipients:
        pairs = {(a, r) for a in actors for r in recipients if a != r}
        if not pairs:  # every recipient is the actor itself: keep the actor alone
            pairs = {(a, None) for a in actors}
    elif len(actors) > 1:
        pairs = {(a, b) for a in actors for b in actors if a != b}
    else:
        pairs = {(a, None) for a in actors}
    return {(a, r, t) for a, r in pairs for t in types}


def gold_units(event: dict) -> set[frozenset]:
    """One unit per dyad of a gold event: the set of triples (one per accepted type) satisfying it."""
    types = [plover_type(event.get("plover") or event.get("type"))]
    types += [plover_type(t) for t in event.get("alt", [])]
    by_pair: dict[tuple, set] = defaultdict(set)
    for triple in event_dyads(event, types):
        by_pair[triple[:2]].add(triple)
    return {frozenset(triples) for triples in by_pair.values()}


def prf(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "tp": tp, "fp": fp, "fn": fn}


VIEWS: dict[str, Callable[[Triple], object]] = {
    "dyad_type": lambda t: t,
    "dyad": lambda t: t[:2],
    "type": lambda t: t[2],
}


def _predicted_triples(doc: dict | None) -> set[Triple]:
    found: set[Triple] = set()
    for event in (doc or {}).get("events", []):
        if (event.get("modality") or "asserted") in IGNORED_MODALITIES:
            continue
        found |= event_dyads(event)
    return found


def score_full(gold: dict, pred: dict) -> dict:
    """Micro P/R/F1 over required units per document, in the dyad_type, dyad and type views.

    A required unit is found when any of its triples is predicted; a predicted triple that no
    required unit or optional gold event accepts is a false positive. Units and predictions are
    sets, so duplicates (and units that coincide in a coarser view) count once per document.
    """
    counts = {view: Counter() for view in VIEWS}
    missing = 0
    for rid, gold_doc in gold.items():
        pred_doc = pred.get(rid)
        missing += pred_doc is None
        required: set[frozenset] = set()
        optional: set[Triple] = set()
        for event in gold_doc.get("events", []):
            units = gold_units(event)
            if event.get("optional"):
                optional.update(t for unit in units for t in unit)
            else:
                required |= units
        predicted = _predicted_triples(pred_doc)
        for view_name, view in VIEWS.items():
            units_in_view = {frozenset(view(t) for t in unit) for unit in required}
            accepted = {x for unit in units_in_view for x in unit} | {view(t) for t in optional}
            got = {view(t) for t in predicted}
            hits = sum(1 for unit in units_in_view if unit & got)
            c = counts[view_name]
            c["tp"] += hits
            c["fn"] += len(units_in_view) - hits
            c["fp"] += len(got - accepted)
    result: dict = {view: prf(c["tp"], c["fp"], c["fn"]) for view, c in counts.items()}
    result["records"] = len(gold)
    result["missing"] = missing
    return result


# ---------------------------------------------------------------------------------------------
# pair


def pair_class(value) -> str:
    name = plover_type(value)
    return PAIR_CLASS_OF.get(name, name)


def macro_f1(pairs: list[tuple[str, str]], classes: Iterable[str]) -> float:
    """Mean of the per-class F1 (each already rounded to 4 places, as the reference does)."""
    scores = []
    for cls in classes:
        tp = sum(1 for g, p in pairs if g == cls and p == cls)
        fp = sum(1 for g, p in pairs if g != cls and p == cls)
        fn = sum(1 for g, p in pairs if g == cls and p != cls)
        scores.append(prf(tp, fp, fn)["f1"])
    return round(sum(scores) / len(scores), 4) if scores else 0.0


def score_pair(gold: dict, pred: dict) -> dict:
    """Accuracy and macro-F1 of the event type of given (source, target) pairs, over gold classes."""
    pairs = [(pair_class(g["gold"]), pair_class((pred.get(rid) or {}).get("plover"))) for rid, g in gold.items()]
    classes = sorted({g for g, _ in pairs})
    correct = sum(1 for g, p in pairs if g == p)
    confusion: dict[str, Counter] = defaultdict(Counter)
    for g, p in pairs:
        if g != p:
            confusion[g][p or "NONE"] += 1
    # stable sort: ties keep the order in which gold classes were first confused
    worst = sorted(confusion.items(), key=lambda item: -sum(item[1].values()))[:5]
    return {"accuracy": round(correct / len(pairs), 4) if pairs else 0.0,
            "macro_f1": macro_f1(pairs, classes),
            "records": len(pairs),
            "unanswered": sum(1 for _, p in pairs if not p),
            "most_confused": {g: dict(c.most_common(3)) for g, c in worst}}


# ---------------------------------------------------------------------------------------------
# actor


def score_actor(gold: dict, pred: dict) -> dict:
    """Share of phrases resolved to the gold country and sector (a null gold value means 'none';
    a gold record without a "sector" key does not check the sector)."""
    n = country_ok = sector_ok = both_ok = 0
    for rid, g in gold.items():
        actor = (pred.get(rid) or {}).get("actor") or {}
        same_country = (actor.get("country") or None) == (g.get("country") or None)
        same_sector = (actor.get("sector") or None) == (g.get("sector") or None) if "sector" in g else True
        n += 1
        country_ok += same_country
        sector_ok += same_sector
        both_ok += same_country and same_sector

    def share(k: int) -> float:
        return round(k / n, 4) if n else 0.0

    return {"country_accuracy": share(country_ok), "sector_accuracy": share(sector_ok),
            "accuracy": share(both_ok), "records": n}


SCORERS: dict[str, Callable[[dict, dict], dict]] = {"full": score_full, "pair": score_pair, "actor": score_actor}


def score(task: str, gold: dict, pred: dict) -> dict:
    """Dispatch to the scorer of ``task`` ("full", "pair" or "actor")."""
    if task not in SCORERS:
        raise ValueError(f"unknown task {task!r} (expected one of: {', '.join(SCORERS)})")
    return SCORERS[task](gold, pred)
