#!/usr/bin/env python3
"""Build heron's shipped ontology tables from the shared research copies.

Writes ``src/heron/data/ontology/cameo.tsv`` and ``src/heron/data/ontology/plover_scores.tsv``.

Only facts are reused: CAMEO code numbers, roots, quad classes, Goldstein values and the
CAMEO->PLOVER type/mode/context mapping (CAMEO2PLOVER), plus PLOVER scores and quad classes.
The CAMEO code *names* in the shared table are manual prose (CC BY-NC-SA) and are NOT copied:
every code gets the short label written for heron in ``LABELS`` below. Modes and contexts from
the 2021 mapping are moved to the PLOVER 2.0 vocabulary (see docs/notice/ontology.md).

Usage: python scripts/build_ontology.py [--shared /work/shared]
"""
from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "heron" / "data" / "ontology"

# Old (draft 0.8) modes/contexts -> PLOVER 2.0 names; "" drops the value.
MODE_2_0 = {"assassinate": "targeted", "massacre": "targeted", "cleansing": "", "seize@ASSAULT": "destroy",
            "ban": "restrict", "political": "restrict", "return": "release", "ease": "",
            "pro_autocracy@ASSAULT": ""}
CONTEXT_2_0 = {"humanitarian": "human_security", "democracy": "pro_democracy"}
# Codes absent from the 2021 mapping: mode/context chosen by heron (type comes from the root).
FILL = {"155": ("weapons", "cyber"), "176": ("cyber", "cyber"), "1834": ("explosives", ""),
        "1951": ("aerial", "military"), "1952": ("drone", "military")}
# 175 "violent repression": the 2021 table has mode and context swapped.
FIX_175 = ("crowd-control", "repression")

LABELS_TSV = """code	label
01	public statement
010	other public statement
011	refuse to comment
012	voice pessimism
013	voice optimism
014	weigh a policy option
015	admit or claim responsibility
016	disclaim responsibility
017	symbolic gesture
018	express sympathy
019	voice agreement
02	appeal
020	other appeal or request
021	ask for material cooperation
0211	ask for economic cooperation
0212	ask for military cooperation
0213	ask for judicial cooperation
0214	ask for intelligence sharing
022	ask for diplomatic backing
023	ask for aid
0231	ask for economic aid
0232	ask for military aid
0233	ask for humanitarian aid
0234	ask for protection or peacekeepers
024	ask for political reform
0241	ask for new leadership
0242	ask for a policy change
0243	ask for rights
0244	ask for institutional or regime change
025	ask the other side to give way
0251	ask to ease administrative penalties
0252	ask to ease dissent
0253	ask to free people or property
0254	ask to lift economic sanctions or embargo
0255	ask to let outside parties in
0256	ask to scale down fighting
026	ask others to meet or talk
027	ask others to settle a dispute
028	ask others to accept mediation
03	intent to cooperate
030	other pledge of cooperation
031	pledge material cooperation
0311	pledge economic cooperation
0312	pledge military cooperation
0313	pledge judicial cooperation
0314	pledge intelligence sharing
032	pledge diplomatic backing
033	pledge aid
0331	pledge economic aid
0332	pledge military aid
0333	pledge humanitarian aid
0334	pledge protection or peacekeepers
034	pledge political reform
0341	pledge leadership change
0342	pledge policy change
0343	pledge rights
0344	pledge institutional or regime change
035	pledge to give way
0351	pledge to ease administrative penalties
0352	pledge to ease dissent
0353	pledge to free people or property
0354	pledge to lift economic sanctions or embargo
0355	pledge to let outside parties in
0356	pledge to scale down fighting
036	plan or offer to meet or negotiate
037	pledge to settle a dispute
038	pledge to accept mediation
039	offer to mediate
04	consult
040	other consultation
041	phone call
042	travel to visit
043	receive a visitor
044	meet on neutral ground
045	act as mediator
046	negotiate
05	diplomatic cooperation
050	other diplomatic cooperation
051	praise or back
052	speak up in defence
053	rally backing for
054	recognise diplomatically
055	say sorry
056	pardon or forgive
057	sign an agreement
06	material cooperation
060	other material cooperation
061	economic cooperation
062	military cooperation
063	judicial cooperation
064	share intelligence or information
07	aid
070	other aid
071	economic aid
072	military aid
073	humanitarian aid
074	protection or peacekeepers
075	give asylum
08	give way
080	other concession
081	ease administrative penalties
0811	ease limits on political freedoms
0812	lift a ban on parties or politicians
0813	lift a curfew
0814	lift emergency rule or martial law
082	ease dissent
083	grant political reform
0831	accept leadership change
0832	accept policy change
0833	grant rights
0834	accept institutional or regime change
084	hand back or free
0841	free people
0842	hand back property
085	lift economic sanctions or embargo
086	let outside parties in
0861	accept peacekeepers
0862	accept inspectors
0863	let humanitarian aid in
087	scale down fighting
0871	ceasefire or truce
0872	lift a military blockade
0873	demobilise forces
0874	retreat or surrender
09	investigate
090	other investigation
091	probe crime or corruption
092	probe human rights abuses
093	probe military action
094	probe war crimes
10	demand
100	other demand
101	demand material cooperation
1011	demand economic cooperation
1012	demand military cooperation
1013	demand judicial cooperation
1014	demand intelligence sharing
102	demand diplomatic backing
103	demand aid
1031	demand economic aid
1032	demand military aid
1033	demand humanitarian aid
1034	demand protection or peacekeepers
104	demand political reform
1041	demand new leadership
1042	demand a policy change
1043	demand rights
1044	demand institutional or regime change
105	demand that the other side give way
1051	demand easing of administrative penalties
1052	demand easing of dissent
1053	demand release of people or property
1054	demand lifting of economic sanctions or embargo
1055	demand that outside parties be let in
1056	demand de-escalation or pull-out
106	demand talks
107	demand dispute settlement
108	demand mediation
11	disapprove
110	other disapproval
111	criticise or condemn
112	accuse
1121	accuse of crime or corruption
1122	accuse of rights abuses
1123	accuse of aggression
1124	accuse of war crimes
1125	accuse of spying or treason
113	rally opposition against
114	lodge an official complaint
115	sue
116	find guilty
12	reject
120	other rejection
121	reject material cooperation
1211	reject economic cooperation
1212	reject military cooperation
1213	reject judicial cooperation
1214	reject intelligence sharing
122	turn down a request for aid
1221	turn down economic aid request
1222	turn down military aid request
1223	turn down humanitarian aid request
1224	turn down request for protection
123	turn down demand for reform
1231	turn down demand for new leadership
1232	turn down demand for policy change
1233	turn down demand for rights
1234	turn down demand for regime change
124	refuse to give way
1241	refuse to ease administrative penalties
1242	refuse to ease dissent
1243	refuse to free people or property
1244	refuse to lift economic sanctions
1245	refuse to let outside parties in
1246	refuse to scale down fighting
125	turn down talks
126	turn down mediation
127	turn down a settlement plan
128	defy rules or law
129	veto
13	threaten
130	other threat
131	threaten non-military steps
1311	threaten to cut aid
1312	threaten sanctions or embargo
1313	threaten to cut ties
132	threaten administrative penalties
1321	threaten to curb political freedoms
1322	threaten to ban parties or politicians
1323	threaten a curfew
1324	threaten emergency rule or martial law
133	threaten protest or dissent
134	threaten to quit talks
135	threaten to quit mediation
136	threaten to expel outside parties
137	threaten repression
138	threaten military force
1381	threaten a blockade
1382	threaten to occupy
1383	threaten irregular violence
1384	threaten a military attack
1385	threaten use of mass-destruction weapons
139	issue an ultimatum
14	protest
140	other dissent
141	demonstrate or rally
1411	rally for leadership change
1412	rally for policy change
1413	rally for rights
1414	rally for regime change
142	hunger strike
1421	hunger strike for leadership change
1422	hunger strike for policy change
1423	hunger strike for rights
1424	hunger strike for regime change
143	strike or boycott
1431	strike or boycott for leadership change
1432	strike or boycott for policy change
1433	strike or boycott for rights
1434	strike or boycott for regime change
144	block or obstruct
1441	blockade for leadership change
1442	blockade for policy change
1443	blockade for rights
1444	blockade for regime change
145	riot
1451	riot for leadership change
1452	riot for policy change
1453	riot for rights
1454	riot for regime change
15	show of force
150	other show of force
151	raise police alert
152	raise military alert
153	deploy more police
154	deploy or mobilise troops
155	build up cyber forces
16	cut relations
160	other cut in relations
161	cut or break diplomatic ties
162	cut aid
1621	cut economic aid
1622	cut military aid
1623	cut humanitarian aid
163	impose sanctions, embargo or boycott
164	break off talks
165	break off mediation
166	expel or pull out
1661	expel or pull out peacekeepers
1662	expel or pull out inspectors
1663	expel or pull out aid agencies
17	coerce
170	other coercion
171	seize or damage property
1711	confiscate property
1712	destroy property
172	impose administrative penalties
1721	curb political freedoms
1722	ban parties or politicians
1723	impose a curfew
1724	impose emergency rule or martial law
173	arrest, detain or charge
174	expel or deport people
175	violent repression
176	cyber attack
18	assault
180	other irregular violence
181	kidnap or hijack
182	physical assault
1821	sexual assault
1822	torture
1823	beat to death
183	bombing
1831	suicide bombing
1832	car bombing
1833	roadside bombing
1834	bombing of a site
184	use human shields
185	assassination attempt
186	assassinate
19	fight
190	military force
191	blockade or restrict movement
192	occupy territory
193	small-arms fighting
194	artillery or tank fire
195	air strikes
1951	precision-guided air strikes
1952	drone strikes
196	break a ceasefire
20	mass violence
200	other mass violence
201	mass expulsion
202	mass killing
203	ethnic cleansing
204	weapons of mass destruction
2041	chemical, biological or radiological attack
2042	nuclear detonation"""


def labels() -> dict[str, str]:
    rows = [line.split("\t") for line in LABELS_TSV.strip().splitlines()[1:]]
    return {code: label for code, label in rows}


def norm_mode(mode: str, ptype: str) -> str:
    key = f"{mode}@{ptype}"
    if key in MODE_2_0:
        return MODE_2_0[key]
    return MODE_2_0.get(mode, mode)


def build(shared: Path) -> None:
    names = labels()
    OUT.mkdir(parents=True, exist_ok=True)
    with open(shared / "data" / "ontology" / "cameo.tsv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    missing = [r["code"] for r in rows if r["code"] not in names]
    if missing:
        raise SystemExit(f"no heron label for CAMEO codes: {missing}")
    with open(OUT / "cameo.tsv", "w", encoding="utf-8", newline="") as f:
        f.write("code\tname\troot\tquad_class\tgoldstein\tplover_type\tplover_mode\tplover_context\n")
        for r in rows:
            code, ptype = r["code"], r["plover_type"]
            mode = norm_mode(r["plover_mode"], ptype)
            contexts = [CONTEXT_2_0.get(c, c) for c in r["plover_context"].split(";") if c]
            if code in FILL:
                mode, ctx = FILL[code]
                contexts = [ctx] if ctx else []
            if code == "175":
                mode, contexts = FIX_175[0], [FIX_175[1]]
            f.write("\t".join([code, names[code], r["root"], r["quad_class"], r["goldstein"], ptype, mode,
                               ";".join(contexts)]) + "\n")
    plover = json.loads((shared / "data" / "ontology" / "plover.json").read_text(encoding="utf-8"))
    with open(OUT / "plover_scores.tsv", "w", encoding="utf-8", newline="") as f:
        f.write("type\tmode\tscore\tquad_class\n")
        for t in plover["event_types"]:
            f.write(f"{t['name']}\t\t{t['score']}\t{t['quad_class']}\n")
            for m in t["modes"]:
                score = "" if m["score"] is None else m["score"]
                f.write(f"{t['name']}\t{m['name']}\t{score}\t{t['quad_class']}\n")
    print(f"wrote {len(rows)} CAMEO codes and {len(plover['event_types'])} PLOVER types to {OUT}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    build(ap.parse_args().shared)


if __name__ == "__main__":
    main()
