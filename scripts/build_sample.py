#!/usr/bin/env python3
"""Build the demo corpus shipped in src/heron/data/sample/ (what `make demo` codes).

    python scripts/build_sample.py [--shared ../shared]

Writes, reproducibly (same inputs -> byte-identical outputs):
  000_50daca0659fe37c6.txt  the seed article, copied byte for byte
  sample.jsonl              the seed article (dated 2023-02-28), the short fictional texts below
                            written by heron devs, and hand-picked NGEC-2025 synthetic stories,
                            one record per line: id, text, date, title, publisher, url (null), origin
  README.md                 what each part is and its licence

Only this script reads the shared folder; the package and the tests read the outputs.
"""
from __future__ import annotations

import argparse
import json
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "src" / "heron" / "data" / "sample"
SEED_ID = "000_50daca0659fe37c6"
SEED_DATE = "2023-02-28"

# NGEC-2025 synthetic stories picked by hand: coherent, >= 400 characters, not cut off mid-sentence,
# with concrete named countries, and spread over the event types. (row id, our headline)
SYNTHETIC_PICKS = [
    ("ngec-synth-1299", "Uganda condemns attack on Africans on a train in India"),
    ("ngec-synth-2070", "Ecuador and Guyana agree limits on air weapons near civilians"),
    ("ngec-synth-2073", "Seychelles and Ghana reach agreements on conventional weapons"),
    ("ngec-synth-3134", "Marshall Islands approves more flood aid for Gabon"),
    ("ngec-synth-3510", "Indonesia and Sweden sign aid package"),
    ("ngec-synth-1136", "Four killed in Israeli strike on a home, activists say"),
    ("ngec-synth-1660", "Armenia bars human rights groups over foreign links"),
    ("ngec-synth-0440", "Belgian workers expected to end strike after government promises"),
    ("ngec-synth-0029", "Niger's foreign minister tours Chad and Nigeria"),
    ("ngec-synth-0244", "Marshall Islands president visits Sudan"),
    ("ngec-synth-1015", "Indonesia and Greece resume bilateral trade talks"),
    ("ngec-synth-0565", "Russia plans missile defence deployment to Kaliningrad"),
    ("ngec-synth-0571", "Lebanon deploys missile defence system"),
    ("ngec-synth-0198", "Deadly riots in Benghazi"),
    ("ngec-synth-0853", "Eritrea rejects Ethiopia's bid to attend summit"),
    ("ngec-synth-0860", "Ghana's president refuses visit by North Korea's leader"),
    ("ngec-synth-3377", "Latvia's leader seeks meeting with Uzbekistan's president"),
    ("ngec-synth-1203", "Relief teams head to hurricane-hit Dominica"),
    ("ngec-synth-0413", "France pulls its last troops from Mali"),
    ("ngec-synth-0129", "Slovakia expels diplomats over Hungarian ties"),
    ("ngec-synth-0075", "Denmark commends Tanzania's handling of political crisis"),
    ("ngec-synth-0082", "Namibia praises Venezuela's crisis measures"),
    ("ngec-synth-1026", "Bahrain threatens to ban opposition groups"),
    ("ngec-synth-1291", "Bhutan vows to defend its territory amid pressure from China"),
    ("ngec-synth-0904", "Cyprus suspends official contacts with the European Union"),
    ("ngec-synth-1583", "Sweden rejects peace agreement brokered by Burkina Faso"),
]
SYNTHETIC_FIRST_DATE = date(2023, 3, 6)  # invented dates: one story every 9 days from here
SYNTHETIC_STEP_DAYS = 9
SYNTHETIC_PUBLISHER = "NGEC-2025 synthetic stories (generated text, not real news)"

DEVS = "written by heron devs (fictional)"
# Short neutral news-style texts written by heron devs for the demo. Every event, quote and
# number in them is invented; officials are named by office only.
WRITTEN = [
    {"id": "heron-dev-0001", "date": "2023-06-13", "title": "Mongolia and South Korea sign mining cooperation deal",
     "text": (
         "Mongolia's prime minister arrived in Seoul on Tuesday for a three-day visit, the first by a Mongolian head "
         "of government in five years.\n"
         "He met South Korea's president, and the two governments signed an agreement to cooperate on the mining and "
         "processing of rare earths.\n"
         "\u201cOur partnership is entering a new stage,\u201d the Mongolian prime minister told reporters after the "
         "talks.\n"
         "South Korea also pledged 30 million dollars for vocational schools in Ulaanbaatar, according to a joint "
         "statement.\n"
         "The two sides agreed that their foreign ministers would meet every year, alternating between the two "
         "capitals.")},
    {"id": "heron-dev-0002", "date": "2023-07-04", "title": "Troops from Ethiopia and Sudan exchange fire on border",
     "text": (
         "Ethiopian and Sudanese troops exchanged fire on Monday near the disputed al-Fashaga farmland, officials on "
         "both sides said.\n"
         "Sudan's army accused Ethiopian forces of shelling two border villages, wounding four civilians.\n"
         "Ethiopia's foreign ministry denied the accusation and said its soldiers had only returned fire.\n"
         "The African Union called on both governments to show restraint and offered to mediate.\n"
         "\u201cThere is no military solution to this dispute,\u201d the chairperson of the African Union Commission "
         "said in a statement on Tuesday.")},
    {"id": "heron-dev-0003", "date": "2023-08-17", "title": "Poland expels Belarusian diplomat",
     "text": (
         "Poland expelled a Belarusian diplomat on Thursday, accusing him of activities incompatible with his status.\n"
         "The Polish foreign ministry gave the diplomat 48 hours to leave the country.\n"
         "Belarus condemned the decision as a provocation and threatened to respond in kind.\n"
         "\u201cMinsk will not leave this unfriendly step without an answer,\u201d a spokesperson for the Belarusian "
         "foreign ministry said.\n"
         "Relations between the two neighbours have been tense since Poland closed a border crossing earlier this "
         "year.")},
    {"id": "heron-dev-0004", "date": "2023-09-26", "title": "Philippines summons Chinese ambassador after sea incident",
     "text": (
         "Hundreds of people protested outside the Chinese embassy in Manila on Tuesday after a Chinese coast guard "
         "ship blocked a Philippine supply boat near a disputed shoal.\n"
         "The Philippines summoned the Chinese ambassador and lodged a formal protest over the incident.\n"
         "China rejected the protest and accused the Philippine boat of entering its waters without permission.\n"
         "Japan and Australia expressed support for the Philippines and urged both sides to respect international "
         "law.")},
    {"id": "heron-dev-0005", "date": "2023-10-19", "title": "Kenya hosts South Sudan peace talks",
     "text": (
         "Kenya hosted talks in Nairobi on Thursday between the government of South Sudan and two armed opposition "
         "groups.\n"
         "After two days of negotiations, the parties signed a ceasefire agreement and agreed to release prisoners "
         "within a month, Kenyan officials said.\n"
         "Kenya's president praised the delegations for their courage.\n"
         "The United Nations welcomed the agreement and said its peacekeepers in South Sudan would help monitor the "
         "ceasefire.")},
    {"id": "heron-dev-0006", "date": "2023-11-21", "title": "Canada sanctions Iranian officials; Iran vows response",
     "text": (
         "Canada imposed sanctions on Tuesday on six Iranian officials it accused of human rights abuses, freezing "
         "any assets they hold in the country.\n"
         "Iran condemned the measures and summoned Canada's charge d'affaires in Tehran.\n"
         "\u201cThese sanctions are illegal and will be met with a firm response,\u201d a spokesperson for Iran's "
         "foreign ministry said.\n"
         "Canada's foreign minister said Ottawa would keep working with its allies to hold Iran to account.")},
]

README = """# heron sample corpus

`make demo` codes `sample.jsonl` in this folder. Built by `scripts/build_sample.py`; do not edit by hand.
Code the `.jsonl` file, not the whole folder: the folder also holds the seed article as a `.txt`
file, which would then be coded twice (and without its date).

| part | records | what | licence |
| --- | --- | --- | --- |
| seed article | 1 (`{seed_id}`, first line; also `{seed_id}.txt`) | the news article heron's reference coding is made on (AFP, 28 February 2023, machine-translated from French): US Secretary of State Antony Blinken in Kazakhstan | the project's founding example; see `docs/notice/sample.md` |
| written by heron devs | {n_written} (`heron-dev-*`) | short neutral news-style texts written for this demo; **fictional**: every event, quote and number is invented | CC0 |
| synthetic stories | {n_synth} (`synthetic-*`, titles start with `SYNTHETIC:`) | stories generated by a language model for NGEC-2025 (Andy Halterman); **not real news**, do not trust their content; their dates are invented too | MIT |

The source of the synthetic stories carries this disclaimer, which applies to every `synthetic-*` record:
"THIS IS A SYNTHETIC STORY. DO NOT TRUST THE FACTUAL CONTENT OF THIS TEXT. Created by Andy Halterman to
train a document-level political event classifer". Real people's names appear in them in invented
situations; nothing they say about anyone is true.

Every record has `id`, `text`, `date`, `title`, `publisher`, `url` (null) and `origin` (where it comes from).
Synthetic records: `origin` names the row of the NGEC-2025 synthetic file; the headline is ours,
since the source headlines are templates with placeholders.

| id | date | title | origin |
| --- | --- | --- | --- |
{rows}
"""


def seed_record(shared: Path) -> tuple[dict, bytes]:
    raw = (shared / "seeds" / f"{SEED_ID}.txt").read_bytes()
    return {"id": SEED_ID, "text": raw.decode("utf-8"), "date": SEED_DATE,
            "title": "Blinken in Kazakhstan: US supports its territorial integrity (seed article)",
            "publisher": "AFP (machine-translated from French)", "url": None,
            "origin": "heron seed article"}, raw


def synthetic_records(shared: Path) -> list[dict]:
    wanted = dict(SYNTHETIC_PICKS)
    rows = {}
    with (shared / "data" / "train" / "synthetic_events.jsonl").open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row["id"] in wanted:
                rows[row["id"]] = row
    missing = sorted(set(wanted) - set(rows))
    if missing:
        raise SystemExit(f"synthetic rows not found: {missing}")
    records = []
    for n, (row_id, headline) in enumerate(SYNTHETIC_PICKS, start=1):
        row = rows[row_id]
        text = row["text"].strip()
        if len(text) < 400 or text[-1] not in ".!?\"\u201d'":
            raise SystemExit(f"{row_id} no longer fits the sample (short or cut off)")
        day = SYNTHETIC_FIRST_DATE + timedelta(days=SYNTHETIC_STEP_DAYS * (n - 1))
        records.append({"id": f"synthetic-{n:04d}", "text": text, "date": day.isoformat(),
                        "title": f"SYNTHETIC: {headline}", "publisher": SYNTHETIC_PUBLISHER, "url": None,
                        "origin": f"NGEC-2025 {row_id} (label {row['label']}, MIT, Andy Halterman)"})
    return records


def written_records() -> list[dict]:
    return [{"id": w["id"], "text": w["text"], "date": w["date"], "title": f"{w['title']} (fictional)",
             "publisher": "heron sample (written by heron devs)", "url": None, "origin": DEVS} for w in WRITTEN]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()

    seed, seed_bytes = seed_record(args.shared)
    written, synthetic = written_records(), synthetic_records(args.shared)
    records = [seed] + written + synthetic
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)), "duplicate ids"

    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{SEED_ID}.txt").write_bytes(seed_bytes)
    with (OUT / "sample.jsonl").open("w", encoding="utf-8", newline="\n") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    rows = "\n".join(f"| `{r['id']}` | {r['date']} | {r['title']} | {r['origin']} |" for r in records)
    (OUT / "README.md").write_text(README.format(seed_id=SEED_ID, n_written=len(written), n_synth=len(synthetic),
                                                 rows=rows), encoding="utf-8")
    n_chars = sum(len(r["text"]) for r in records)
    print(f"wrote {len(records)} records ({n_chars} characters) to {OUT / 'sample.jsonl'}")


if __name__ == "__main__":
    main()
