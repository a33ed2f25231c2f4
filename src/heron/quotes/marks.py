"""Pairing quote marks on characters, including news-style quotes that run over several paragraphs."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass
class Marked:
    """A span between quote marks, before attribution."""
    start: int              # first char of the quoted text
    end: int                # char after the quoted text
    open_char: int          # position of the opening mark
    close_char: int | None  # position of the closing mark; None for an unclosed paragraph of a long quote


def scan_marks(text: str, marks: dict[str, str]) -> list[Marked]:
    closers = set(marks.values())
    found: list[Marked] = []
    open_at: int | None = None
    open_mark = ""

    def emit(close: int | None) -> None:
        end = close if close is not None else _para_end(text, open_at)
        s, e = open_at + 1, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            found.append(Marked(s, e, open_at, close))

    for hit in _mark_pattern(tuple(marks.items())).finditer(text):
        i, ch = hit.start(), hit.group()
        if ch == '"':
            prev = text[i - 1] if i else " "
            nxt = text[i + 1] if i + 1 < len(text) else " "
            looks_open = (prev.isspace() or prev in "([{—–-/:") and not nxt.isspace()
            if open_at is None:
                if looks_open:
                    open_at, open_mark = i, '"'
            elif open_mark == '"':
                if "\n" in text[open_at:i] and looks_open:   # next paragraph continues the quote
                    emit(None)
                    open_at = i
                else:
                    emit(i)
                    open_at = None
        elif ch in marks:
            if open_at is not None and "\n" in text[open_at:i]:
                emit(None)
            open_at, open_mark = i, ch
        elif ch in closers and open_at is not None and open_mark != '"':
            if "\n" in text[open_at:i]:
                emit(None)
            else:
                emit(i)
            open_at = None
    if open_at is not None:
        emit(None)
    return found


@lru_cache(maxsize=4)
def _mark_pattern(pairs: tuple[tuple[str, str], ...]) -> re.Pattern:
    return re.compile("[" + re.escape('"' + "".join(a + b for a, b in pairs)) + "]")


def _para_end(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl

