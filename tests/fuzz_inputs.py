"""A seeded generator of hostile input files: random Unicode, sizes, broken JSON, odd dates and types.

``make_inputs(folder, seed)`` writes a JSONL file and a few single-document files and returns what
must happen to each record: the ids of the good ones (they must all be coded and stored) and, for
each bad one, the names an error line may give it ("file:line" or its id). The same seed always
writes the same bytes.
"""
from __future__ import annotations

import csv
import io
import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

WORDS = ("Russia attacked Ukraine . The United States condemned Iran on Monday , officials said . Kazakhstan "
         "signed an agreement with China in Astana . protesters marched police arrested the minister").split()
# Code point pools: scripts, right-to-left, combining marks, emoji beyond the BMP, odd spaces and joiners.
POOLS = [(0x20, 0x7E), (0xA0, 0x24F), (0x370, 0x3FF), (0x400, 0x4FF), (0x590, 0x6FF), (0x900, 0x97F),
         (0x300, 0x36F), (0x4E00, 0x4FFF), (0xAC00, 0xAD00), (0x1F300, 0x1F64F), (0x2000, 0x206F), (0xFE00, 0xFEFF)]
ODD = ["\u200b", "\u200d", "\ufeff", "\u00a0", "\u2028", "\u2029", "\t", "\r\n", "\u202e", "\u0301", "\U0001F1FA"]
CONTROLS = ["\u0000", "\u0007", "\u001b", "\u0008", "\u001f"]
BAD_DATES = ["9999-12-31", "0001-01-01", "1799-12-31", "2023-02-30", "yesterday", "02/03/2023",
             f"{date.today().year + 2}-01-01", "2023-13-01"]


@dataclass
class Expected:
    good: list[str] = field(default_factory=list)                 # ids that must be kept
    bad: list[tuple[str, ...]] = field(default_factory=list)      # per bad record: names an error may use


def random_text(rng: random.Random, size: int) -> str:
    parts: list[str] = []
    n = 0
    while n < size:
        roll = rng.random()
        if roll < 0.55:
            piece = rng.choice(WORDS) + " "
        elif roll < 0.9:
            lo, hi = rng.choice(POOLS)
            piece = "".join(chr(rng.randint(lo, hi)) for _ in range(rng.randint(1, 8))) + " "
        else:
            piece = rng.choice(ODD)
        parts.append(piece)
        n += len(piece)
    return "".join(parts)[:size]


def good_record(rng: random.Random, n: int, size: int) -> tuple[dict | str, str]:
    rid = "".join(c for c in f"r{n}-" + random_text(rng, rng.randint(0, 6)) if c.isprintable()).strip()
    text = f"Report {n}: " + random_text(rng, size)
    if rng.random() < 0.15:                        # kept, with a warning: control characters are removed
        k = rng.randrange(len(text))
        text = text[:k] + rng.choice(CONTROLS) + text[k:]
    rec: dict = {"id": rid, "text": text}
    if rng.random() < 0.7:
        day = date(2000, 1, 1) + timedelta(days=rng.randrange(9000))
        rec["date"] = rng.choice([day.isoformat(), f"{day.isoformat()}T10:00:00Z", day.strftime("%d %B %Y")])
    for key in ("title", "url", "publisher"):
        if rng.random() < 0.4:
            rec[key] = rng.choice([None, random_text(rng, rng.randint(0, 40))])
    if rng.random() < 0.1:                         # a lone surrogate, spelled as JSON allows: kept, replaced
        return json.dumps(rec).replace("Report", "\\udc80Report", 1), rid
    return rec, rid


def bad_record(rng: random.Random, n: int) -> tuple[dict | str | bytes, str]:
    rid = f"bad{n}"
    text = "France condemned Iran. " + random_text(rng, 30)
    kind = rng.randrange(9)
    if kind == 0:
        return json.dumps({"id": rid, "text": text})[: rng.randint(1, 20)], rid          # broken JSON
    if kind == 1:
        return rng.choice(["[1, 2]", "null", "\"text\"", "{\"id\": \"x\",, }", "{]"]), rid
    if kind == 2:
        return {"id": rid, "text": rng.choice([None, 12, ["a"], {"t": 1}, "", "   "])}, rid
    if kind == 3:
        return {"id": rid, "text": text, rng.choice(["title", "url", "publisher"]): rng.choice([{"a": 1}, [1], 5, True])}, rid
    if kind == 4:
        return {"id": rng.choice([{"a": 1}, [1], True]), "text": text}, rid
    if kind == 5:
        return {"id": rid, "text": text, "date": rng.choice(BAD_DATES + [20230101])}, rid
    if kind == 6:
        return {"id": rid, "text": "".join(rng.choice(CONTROLS) for _ in range(5))}, rid   # nothing left after cleaning
    if kind == 7:
        return json.dumps({"id": rid, "text": text}).encode("utf-8")[:-3] + b"\xff\xfe\"}", rid  # not UTF-8
    return "{" + "[" * 100_000 + "]" * 100_000 + "}", rid                                      # nested too deep


def make_inputs(folder: Path, seed: int, n: int = 48, big: bool = False) -> Expected:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    expected = Expected()
    path = folder / "fuzz.jsonl"
    lines: list[bytes] = []
    for k in range(n):
        lineno = len(lines) + 1
        if rng.random() < 0.35:
            rec, rid = bad_record(rng, k)
            expected.bad.append((f"{path}:{lineno}", rid))
        else:
            size = 60_000 if big and k == 1 else rng.choice([1, 5, 40, 200, 800, 3000])
            rec, rid = good_record(rng, k, size)
            expected.good.append(rid)
        if isinstance(rec, dict):
            rec = json.dumps(rec, ensure_ascii=rng.random() < 0.5)
        lines.append(rec if isinstance(rec, bytes) else rec.encode("utf-8"))
        if rng.random() < 0.1:
            lines.append(b"   ")                                  # blank lines are skipped, not errors
    path.write_bytes(b"\n".join(lines) + b"\n")
    write_csv(folder / "fuzz.csv", rng, expected)
    singles = {"blob.txt": b"\x00\x01binary\x00", "utf16.txt": "Russia attacked.".encode("utf-16"),
               "empty.txt": b"", "latin.txt": "Caf\xe9 in Paris.".encode("latin-1")}
    for name, data in singles.items():
        (folder / name).write_bytes(data)
        expected.bad.append((str(folder / name),))
    (folder / "story.txt").write_text("Report story: " + random_text(rng, 300), encoding="utf-8")
    expected.good.append("story")
    return expected


def write_csv(path: Path, rng: random.Random, expected: Expected) -> None:
    """A CSV with a header, good rows (text with line breaks inside quotes) and bad rows, named by start line."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(["id", "text", "date", "title"])
    for k in range(12):
        line = out.getvalue().count("\n") + 1
        rid = f"csv{k}"
        if rng.random() < 0.3:
            if rng.random() < 0.5:
                writer.writerow([rid, rng.choice(["", "  "]), "", ""])                       # empty text
            else:
                writer.writerow([rid, "Iran protested.", rng.choice(BAD_DATES), ""])       # a bad date
            expected.bad.append((f"{path}:{line}", rid))
        else:
            writer.writerow([rid, f"Row {k}: " + random_text(rng, rng.choice([10, 200, 2000])), "", "a title"])
            expected.good.append(rid)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
