"""A light, offline guess of a text's language, so a text heron cannot code says why it got no events.

heron's parser, lexicons and knowledge base are English. The guess looks at the first
``SAMPLE_CHARS`` characters only (time stays flat in document length):

* when most letters are not Latin, the script with most of them names the language (Cyrillic -> ru,
  or uk/sr/kk by their own letters; Arabic -> ar, or fa/ur; Han -> zh, with Kana -> ja; ...);
* otherwise the words are matched against the most frequent short words of 16 languages written in
  Latin script; the language whose words make the largest share wins (another language than
  English needs twice English's share).

Too little text to judge (a headline, a list of names) gives no guess, never a false warning.
The tables are in ``heron/data/language/languages.json``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SAMPLE_CHARS = 20_000
MIN_LETTERS = 20            # fewer letters than this: no guess
MIN_WORDS = 12              # a Latin-script text needs this many words to be judged
MIN_SHARE = 0.12            # a language's function words must make this share of the words
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")   # "Taiwan's" is one word, not "Taiwan" and "s"
DATA = Path(__file__).resolve().parent.parent / "data" / "language" / "languages.json"


@dataclass(frozen=True)
class Script:
    name: str
    letters: re.Pattern
    language: str
    markers: dict[str, frozenset[str]]
    min_share: float          # of the non-Latin letters, for this script to decide


@lru_cache(maxsize=1)
def _tables() -> tuple[list[Script], dict[str, frozenset[str]]]:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    scripts = []
    for s in data["scripts"]:
        ranges = "".join(f"\\u{lo}-\\u{hi}" for lo, hi in (r.split("-") for r in s["ranges"]))
        scripts.append(Script(s["script"], re.compile(f"[{ranges}]"), s["language"],
                              {lang: frozenset(chars) for lang, chars in s["markers"].items()},
                              s.get("min_share", 0.5)))
    words = {lang: frozenset(text.split()) for lang, text in data["function_words"].items()}
    return scripts, words


def guess_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language ('en', 'ru', 'zh', ...), or None when it cannot be told."""
    sample = text[:SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    if letters < MIN_LETTERS:
        return None
    scripts, function_words = _tables()
    found = {script.name: script.letters.findall(sample) for script in scripts}
    foreign = sum(len(f) for f in found.values())
    if foreign * 2 > letters:
        for script in scripts:
            if found[script.name] and len(found[script.name]) >= script.min_share * foreign:
                return _by_markers(script, found[script.name])
        return None
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < MIN_WORDS:
        return None
    shares = {lang: sum(w in fw for w in words) / len(words) for lang, fw in function_words.items()}
    best = max(shares, key=lambda lang: (shares[lang], lang == "en"))
    if shares[best] < MIN_SHARE:
        return None
    # Short words are shared across languages ("a", "to", "in"): English keeps a text unless another
    # language's words are at least twice as frequent.
    return best if best == "en" or shares[best] >= 2 * shares.get("en", 0.0) else "en"


def _by_markers(script: Script, letters: list[str]) -> str:
    """A script's default language, or the one whose own letters make at least 1% of the text's."""
    best, best_count = script.language, 0
    for lang, marks in script.markers.items():
        count = sum(c in marks for c in letters)
        if count * 100 >= len(letters) and count > best_count:
            best, best_count = lang, count
    return best


def language_warning(text: str) -> str | None:
    """The warning for a text heron does not code well, or None for English or undecided text."""
    lang = guess_language(text)
    if lang is None or lang == "en":
        return None
    return f"language '{lang}' is not supported yet (heron codes English; few or no events will be found)"
