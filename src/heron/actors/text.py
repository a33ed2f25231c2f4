"""Text keys shared by the knowledge-base build and the resolver: tokens, folded keys, name parts, skeletons.

The build (``scripts/build_kb.py``) stores keys computed with these functions in the KB file, so the
resolver looks phrases up with exactly the same keys; change them and rebuild the KB
(``tests/test_kb.py`` checks that the shipped keys match).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

_TOKEN_RE = re.compile(r"[A-Za-z](?:\.[A-Za-z])+\.?|\w+(?:[-'’]\w+)*|[^\w\s]")
_POSSESSIVE_RE = re.compile(r"['’]s$|['’]$", re.IGNORECASE)
_QUOTES = {"'", "’", "‘", '"', "“", "”", "`", "«", "»"}
# Transliteration skeleton: Tleouberdi / Tileuberdi / Tleuberdi -> "tlbrd"; Zhomart / Jomart -> "jmrt".
_SKELETON_SUBS = [("dzh", "j"), ("zh", "j"), ("dj", "j"), ("kh", "h"), ("ph", "f"), ("ck", "k"), ("q", "k"),
                  ("w", "v"), ("x", "ks"), ("c", "k"), ("y", "i")]
# Name parts that say nothing about who a person is ("al" in "Bashar al-Assad").
NAME_PARTICLES = frozenset({"bin", "ibn", "al", "el", "de", "da", "dos", "das", "du", "van", "von", "der", "den",
                            "la", "le", "di", "abu", "bint", "ul", "del", "e", "y", "jr", "sr", "ii", "iii"})


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case, strip accents, unify apostrophes: 'Élysée' -> 'elysee'."""
    text = text.replace("’", "'").replace("‘", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def tokenize(text: str) -> list[str]:
    """Tokens in original case; possessive 's and quote marks dropped ("Chile's" -> "Chile")."""
    out = []
    for tok in _TOKEN_RE.findall(text):
        if tok in _QUOTES:
            continue
        if len(tok) > 2 and ("'" in tok or "’" in tok):
            tok = _POSSESSIVE_RE.sub("", tok)
        out.append(tok)
    return out


def key_of(tokens) -> str:
    return " ".join(fold(t) for t in tokens)


def phrase_key(text: str) -> str:
    return key_of(tokenize(text))


def is_case_sensitive_alias(alias: str) -> bool:
    """Short all-capital aliases ('US', 'IS', 'PA') match only in capitals."""
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 6


def alias_key(alias: str) -> tuple[str, bool] | None:
    """(lookup key, case-sensitive) of an alias; None when it has no tokens."""
    toks = tokenize(alias)
    if not toks:
        return None
    if is_case_sensitive_alias(alias):
        return " ".join(toks), True
    return key_of(toks), False


def name_tokens(name: str) -> list[str]:
    """Folded name parts: 'Kassym-Jomart Tokayev' -> ['kassym', 'jomart', 'tokayev']."""
    return [t for t in re.split(r"[\s\-.'’,]+", fold(name)) if t]


def skeleton(part: str) -> str:
    s = part
    for a, b in _SKELETON_SUBS:
        s = s.replace(a, b)
    if not s:
        return s
    out = s[0]
    for ch in re.sub(r"[aeiouh]", "", s[1:]):
        if ch != out[-1]:
            out += ch
    return out


SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def surname(toks: list[str]) -> str:
    """The last name part, skipping 'Jr.' and regnal numbers: 'Ferdinand Marcos Jr.' -> 'marcos'."""
    core = [t for t in toks if t not in SUFFIXES] or toks
    return core[-1]


def short_names(toks: list[str]) -> set[str]:
    """Shorter written forms of a full name: 'abiy ahmed ali' -> {'abiy ahmed', 'abiy ali', 'ahmed ali'}."""
    core = [t for t in toks if t not in NAME_PARTICLES]
    if len(core) < 3:
        return set()
    return {f"{core[0]} {core[1]}", f"{core[0]} {core[-1]}", f"{core[-2]} {core[-1]}"} - {" ".join(toks)}


def given_parts(toks: list[str]) -> set[str]:
    """Name parts other than the surname that a short form may use alone ('lula' in Luiz Inacio Lula da Silva)."""
    return {t for t in toks[:-1] if len(t) >= 3 and t not in NAME_PARTICLES}


PERSON_INDEXES = ("name", "short", "surname", "given", "skeleton")


def person_keys(name: str, surname_first: bool = False) -> dict[str, set[str]]:
    """Index keys of a person's name: full name, short forms, surname (and the first part when the surname
    comes first, as in 'Xi Jinping'), other parts used alone, and the surname's skeleton."""
    toks = name_tokens(name)
    if not toks:
        return {k: set() for k in PERSON_INDEXES}
    last = surname(toks)
    surnames = {last} | ({toks[0]} if surname_first and len(toks) > 1 else set())
    return {"name": {" ".join(toks)}, "short": short_names(toks), "surname": surnames,
            "given": given_parts(toks) - surnames, "skeleton": {skeleton(last)}}


@lru_cache(maxsize=4096)
def normalize_date(date: str | None) -> str | None:
    """ISO date or prefix -> 'YYYY-MM-DD' (mid-period for year or month precision); None if unreadable."""
    if not date:
        return None
    d = str(date).strip()[:10]
    if re.fullmatch(r"\d{4}", d):
        return d + "-07-01"
    if re.fullmatch(r"\d{4}-\d{2}", d):
        return d + "-15"
    return d if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) else None


def read_tsv(path: Path) -> list[dict]:
    """A tab-separated table with '#' comment lines; cells stripped."""
    rows, header = [], None
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = cells
            continue
        rows.append(dict(zip(header, cells + [""] * (len(header) - len(cells)))))
    return rows
