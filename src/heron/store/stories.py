"""Cross-document clustering of event reports into stories.

Several articles reporting one event give several event rows ("reports"). Reports are one
story when they have the same actor parties, the same recipient parties and the same event
type, fall within a time window of the story, and their evidence text overlaps the story's.

Clustering is incremental and sequential: each report, in ingest order, joins the best
matching open story or starts a new one. The result depends only on the order of documents,
not on batch boundaries, so a crashed and resumed ingest rebuilds exactly the same stories.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

_WORD = re.compile(r"[^\W\d_]{4,}")
# Modalities that do not report an event that happened or is scheduled; they get no story.
NO_STORY_MODALITIES = frozenset({"negated", "hypothetical"})


@dataclass(frozen=True)
class ClusterConfig:
    window_days: int = 3          # a report joins a story within this many days of its date range
    min_similarity: float = 0.3   # overlap of evidence words with the story signature
    stem_chars: int = 6           # words are cut to this many letters: a cheap stemmer
    max_signature: int = 64       # words kept in a story signature


@dataclass
class Story:
    story_id: str
    story_key: str
    date_first: date
    date_last: date
    signature: list[str]
    is_new: bool = False
    changed: bool = False
    row: dict = field(default_factory=dict)   # the full row for a new story


def shifted(day: date, days: int) -> date:
    """`day` moved by `days`, held at the ends of the calendar (a report dated 9999-12-31 has no later window)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def story_id_for(doc_id: str, event_id: str) -> str:
    """A story is named after its first report, so ids do not depend on insertion counters."""
    return "s" + hashlib.sha1(f"{doc_id}\x1f{event_id}".encode("utf-8")).hexdigest()[:16]


def story_key(event_row: dict, actor_parties: list[str], recipient_parties: list[str]) -> str | None:
    """Who did what to whom, direction kept; None when the report cannot join a story."""
    kind = event_row.get("plover_type") or (f"CAMEO{event_row['cameo_root']}" if event_row.get("cameo_root") else None)
    if not kind or not (actor_parties or recipient_parties):
        return None
    return f"{';'.join(sorted(set(actor_parties)))}|{';'.join(sorted(set(recipient_parties)))}|{kind}"


def signature(text: str, exclude: set[str], config: ClusterConfig) -> list[str]:
    """Distinct stemmed content words of the evidence, minus the actors' own names."""
    out: dict[str, None] = {}
    for w in _WORD.findall(text.lower()):
        stem = w[:config.stem_chars]
        if stem not in exclude:
            out.setdefault(stem, None)
    return list(out)


def name_stems(names: list[str], config: ClusterConfig) -> set[str]:
    return {w[:config.stem_chars] for n in names for w in _WORD.findall((n or "").lower())}


def similarity(words: list[str], story_words: list[str]) -> float:
    """Overlap coefficient; with no words on either side the key and window decide alone."""
    if not words or not story_words:
        return 1.0
    a, b = set(words), set(story_words)
    return len(a & b) / min(len(a), len(b))


@dataclass
class Report:
    """What clustering needs to know about one event row."""

    key: str
    day: date
    words: list[str]
    row: dict


class StoryClusterer:
    """Assigns reports to stories given the candidate stories already stored."""

    def __init__(self, candidates: list[Story], config: ClusterConfig = ClusterConfig()):
        self.config = config
        self.by_key: dict[str, list[Story]] = {}
        for s in candidates:
            self.by_key.setdefault(s.story_key, []).append(s)
        self.touched: dict[str, Story] = {}

    def assign(self, report: Report) -> Story:
        cfg, window = self.config, self.config.window_days
        best, best_score = None, -1.0
        for s in self.by_key.get(report.key, ()):
            if not (shifted(s.date_first, -window) <= report.day <= shifted(s.date_last, window)):
                continue
            score = similarity(report.words, s.signature)
            if score < cfg.min_similarity:
                continue
            # Ties go to the earliest story, then the smallest id, so the choice is deterministic.
            if score > best_score or (score == best_score and (s.date_first, s.story_id) < (best.date_first, best.story_id)):
                best, best_score = s, score
        if best is None:
            best = self._new_story(report)
            self.by_key.setdefault(report.key, []).append(best)
        else:
            if report.day < best.date_first or report.day > best.date_last:
                best.date_first, best.date_last = min(best.date_first, report.day), max(best.date_last, report.day)
                best.changed = True
            if len(best.signature) < cfg.max_signature:
                extra = [w for w in report.words if w not in set(best.signature)]
                if extra:
                    best.signature = (best.signature + extra)[:cfg.max_signature]
                    best.changed = True
        self.touched[best.story_id] = best
        return best

    def _new_story(self, report: Report) -> Story:
        r = report.row
        sid = story_id_for(r["doc_id"], r["event_id"])
        row = {k: r.get(k) for k in ("actor_keys", "recipient_keys", "actor_names", "recipient_names", "plover_type",
                                     "plover_mode", "cameo_code", "cameo_root", "cameo_name", "quad_class",
                                     "goldstein", "location_text", "location_country", "evidence")}
        row.update(story_id=sid, story_key=report.key, period=report.day.strftime("%Y-%m"),
                   location_lat=r.get("location_lat"), location_lon=r.get("location_lon"),
                   first_doc_id=r["doc_id"], first_event_id=r["event_id"],
                   num_mentions=0, num_articles=0, num_sources=0)
        return Story(sid, report.key, report.day, report.day, list(report.words), is_new=True, row=row)
