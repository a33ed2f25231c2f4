"""Modality of an event: asserted, future, historical, hypothetical or negated.

Decided from the trigger's own auxiliaries and negation, then from the verbs that govern it
("plans to visit", "if ... were to attack", "did not take part"), then for event nouns from the
clause they sit in ("a year after the invasion", "his planned visit").
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

ORDER = ("negated", "hypothetical", "future", "historical", "asserted")


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    with resources.files("heron.data").joinpath("modality.json").open(encoding="utf-8") as f:
        data = json.load(f)
    return {k: set(v) for k, v in data.items()}


@dataclass
class Modality:
    value: str
    cue: str | None = None


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def _continues_infinitive(verb) -> bool:
    """"urged X to sign the accords, expel the fighters, help Iraq ...": a bare verb with no subject that the
    parser hangs on the governing verb (as a conjunct or a clause), after that verb's infinitive, continues it."""
    return verb.tag_ == "VB" and verb.head.tag_ != "VB" \
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "mark") for c in verb.children) \
        and any(c.dep_ == "xcomp" and c.i < verb.i for c in verb.head.children)


def _governed(chain, i: int) -> bool:
    """Whether chain[i] governs the verb below it: "urged calm and accused Russia" does not make the accusation
    an urging (a conjunct is a second act), unless the conjunct continues an infinitive."""
    below = chain[i - 1]
    return below.dep_ != "conj" or below.head.i != chain[i].i or _continues_infinitive(below)


def modality_of(sdoc, trigger: int, negation_in_type: bool = False) -> Modality:
    """negation_in_type: the event type already expresses the negation ("will never accept" coded
    as REJECT), so a negator does not make the event negated."""
    lex = _lexicon()
    tok = sdoc[trigger]
    chain = [tok]
    # Walk up through the verbs that embed this one in the same clause chain.
    cur = tok
    own_tense = set()       # chain positions whose negation is not this verb's
    for _ in range(4):
        if cur.dep_ == "ccomp" and cur.i < cur.head.i:
            break       # "X imposed a ban, ministers decided": a trailing attribution adds no modality
        # "called for Israel to halt"; "urged X to sign the accords, expel the fighters and ...": a bare verb the
        # parser hangs on the governing verb, with no subject of its own, continues the infinitive before it
        infinitive = cur.dep_ == "advcl" and (
            any(c.dep_ in ("mark", "aux") and c.lower_ in ("for", "to") for c in cur.children)
            or _continues_infinitive(cur))
        if (cur.dep_ in ("xcomp", "ccomp", "conj", "pobj", "pcomp", "dobj", "acomp", "prep", "amod", "compound", "nsubj",
                         "acl") or infinitive) \
                and cur.head.i != cur.i:
            if cur.dep_ == "conj" and cur.tag_ in FINITE_TAGS and cur.head.tag_ != cur.tag_:
                # "does not strike civilian objects and accused Kyiv": a conjunct in its own tense is not negated
                own_tense.add(len(chain))
            cur = cur.head
            chain.append(cur)
        else:
            break

    # "pressed for a ceasefire during talks with X": the talks are the setting of the act, as real as it is;
    # what governs the act (pressed for) does not make its setting hypothetical.
    setting = next((i for i, t in enumerate(chain) if t.dep_ == "prep" and t.lower_ in lex["setting_preps"]), None)
    for i, t in enumerate(chain):
        irrealis_ok = setting is None or i <= setting
        for c in t.children if i not in own_tense else ():
            if not negation_in_type and (c.dep_ == "neg" or (c.lower_ in lex["negators"]
                                                             and c.dep_ in ("advmod", "det", "neg"))):
                return Modality("negated", c.text)
        if i > 0 and t.lemma_.lower() in lex["negating_verbs"] and chain[i - 1].dep_ in ("xcomp", "ccomp"):
            # "denied that X attacked" negates X's attack; "denied A and said B" does not negate B.
            return Modality("negated", t.text)
        for c in t.children:
            # "if", "unless" on a clause of the chain; "whether" anywhere in it: "a case about whether Palestinian
            # rights were being denied" is an open question, which asserts nothing
            if c.dep_ == "mark" and c.lower_ in lex["conditional_marks"] and (
                    t.dep_ == "advcl" or (i == 0 and t.dep_ == "ccomp") or c.lower_ == "whether"):
                return Modality("hypothetical", c.text)
        for c in t.children:
            if c.dep_ == "aux" and c.lower_ in lex["hypothetical_aux"]:
                if c.lower_ == "would" and t.dep_ == "ccomp" and t.head.lemma_.lower() in lex["reporting_verbs"]:
                    return Modality("future", c.text)   # "said they would meet": future in the past
                return Modality("hypothetical", c.text)
        if t.dep_ == "prep" and t.lower_ == "between" and t.head.lemma_.lower() in lex["choice_verbs"]:
            return Modality("hypothetical", t.head.text)   # "has to choose between backing X and working with Y"
        if i > 0 and irrealis_ok and t.lemma_.lower() in lex["hypothetical_verbs"] and _governed(chain, i):
            return Modality("hypothetical", t.text)
        if i > 0 and t.pos_ == "NOUN" and t.lemma_.lower() in lex["claim_nouns"] and chain[i - 1].dep_ in ("acl", "ccomp"):
            # "accusations that it had targeted civilians": the content of a claim is not asserted.
            return Modality("hypothetical", t.text)
        if i > 0 and irrealis_ok and t.lemma_.lower() in lex["irrealis_governors"] and _governed(chain, i) and not (
                t.lemma_.lower() == "call" and any(c.dep_ == "dobj" for c in t.children)):
            # ("called Rubio to urge a ceasefire": the urging happened in the call)
            # What was demanded or urged has not happened: "demanded that the US cancel plans".
            return Modality("hypothetical", t.text)
        if i == 0 and tok.pos_ == "NOUN":
            for c in t.children:
                if c.lower_ in lex["future_modifiers"]:
                    return Modality("future", c.text)
    for i, t in enumerate(chain):
        for c in t.children:
            if c.dep_ == "aux" and c.lower_ in lex["future_aux"]:
                return Modality("future", c.text)
            if c.dep_ == "aux" and c.lower_ in ("going",):
                return Modality("future", c.text)
        if i > 0 and t.lemma_.lower() in lex["future_verbs"] and (setting is None or i <= setting):
            # ("after a week of clashes, the two sides agreed a truce": the clashes are no plan)
            return Modality("future", t.text)
        if i > 0 and t.lemma_.lower() in lex["obligation_verbs"] and chain[i - 1].dep_ == "xcomp" \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in chain[i - 1].children):
            return Modality("future", t.text)
    # Event nouns inside a temporal phrase about the past: "a year after the invasion".
    if tok.pos_ == "NOUN":
        for anc in tok.ancestors:
            if anc.lower_ in lex["historical_nouns"] or (anc.dep_ == "prep" and anc.lower_ in lex["historical_preps"]):
                return Modality("historical", anc.text)
            # "a year after the invasion": an interval measured back from a past event.
            if anc.dep_ == "prep" and anc.lower_ == "after" and any(
                    c.dep_ == "npadvmod" and c.lemma_.lower() in lex["time_units"] for c in anc.children):
                return Modality("historical", anc.text)
            if anc.pos_ == "VERB":
                break
    return Modality("asserted")
