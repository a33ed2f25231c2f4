"""Statements and who issued them: "the statement", or a pronoun standing for one, acts for its issuers.

"The statement was issued by the EU, Japan and the US. ... It called on the junta to ..." is a demand by the
EU, Japan and the US. A statement's issuers are named in its own phrase ("a statement by X", "X's statement",
"a statement from X"), by the verb that issued it ("X issued a statement", "was issued by X", "X said in a
statement"), or by another mention of the same statement a few sentences away (a story may name the issuers
only after quoting the statement). Only states, organisations and groups issue statements here: "a statement
by the foreign ministers of world countries" names no one codable and borrows the issuers of its neighbour.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

import numpy
from spacy.attrs import LOWER

from heron.actors.lexicon import _lexicon
from heron.quotes.model import load_lexicon as quote_lexicon
from heron.records import Mention

# How far apart two mentions of one statement may be told (sentences).
STATEMENT_WINDOW = 3
ISSUER_KINDS = ("state", "igo", "ngo", "nonstate")


def _codable(m: Mention | None) -> bool:
    a = m.actor if m is not None else None
    return a is not None and a.role is None and a.kind in ISSUER_KINDS and bool(a.country or a.igo or a.members)


def _phrase(tok, by_head) -> list[Mention]:
    """The codable mentions of a phrase head and its conjuncts ("the EU, Japan, the US and Australia")."""
    out = []
    for t in [tok, *tok.conjuncts]:
        m = by_head.get(t.i)
        if _codable(m) and m not in out:
            out.append(m)
    return out


def _by_agent(verb, by_head) -> list[Mention]:
    """The codable mentions of a passive verb's "by" phrase ("issued by the EU and Japan")."""
    return [m for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"
            for m in _phrase(p, by_head)]


def issuers_of(tok, by_head) -> list[Mention]:
    """Who issued the statement whose noun is `tok`, as the sentence says."""
    words = _lexicon()
    for child in tok.children:
        if child.dep_ == "poss":                               # "China's statement"
            found = _phrase(child, by_head)
            if found:
                return found
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):     # "a statement by the EU"
            found = [m for p in child.children if p.dep_ == "pobj" for m in _phrase(p, by_head)]
            if found:
                return found
        if child.dep_ == "acl" and child.lemma_.lower() in words["issue_verbs"]:   # "a statement issued by X"
            found = _by_agent(child, by_head)
            if found:
                return found
    verb = tok.head
    if tok.dep_ in ("dobj", "obj") and verb.lemma_.lower() in words["issue_verbs"]:   # "X issued a statement"
        return [m for c in verb.children if c.dep_ == "nsubj" for m in _phrase(c, by_head)]
    if tok.dep_ == "nsubjpass" and verb.lemma_.lower() in words["issue_verbs"]:       # "... was issued by X"
        return _by_agent(verb, by_head)
    if tok.dep_ == "pobj" and verb.lower_ == "in" and verb.head.lemma_.lower() in quote_lexicon().speech_verbs:
        return [m for c in verb.head.children if c.dep_ == "nsubj" for m in _phrase(c, by_head)]  # "said in a statement"
    return []


def _according_to(verb):
    """The statement noun of an "according to the statement" phrase on a clause."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "according":
            for to in child.children:
                for pobj in to.children:
                    if pobj.dep_ == "pobj" and pobj.lemma_.lower() in _lexicon()["statement_nouns"]:
                        return pobj
    return None


def link_statements(sdoc, mentions: list[Mention], by_head: dict) -> None:
    """Give a statement noun, and a pronoun standing for one, the statement's issuers: the mention's actor is the
    first issuer and `stands_for` lists them all, for the event stage to take as the parties."""
    words = _lexicon()["statement_nouns"]
    text = sdoc.text.lower()
    if not any(w in text for w in words):
        return          # (most documents: no token scan)
    # (the token scan goes through the parse's arrays: making a Token object per word costs more than the rest)
    forms = [sdoc.vocab.strings.add(w) for w in sorted(words | {w + "s" for w in words})]
    hits = numpy.nonzero(numpy.isin(sdoc.to_array(LOWER), forms))[0]
    nouns = [t for t in (sdoc[int(i)] for i in hits) if t.pos_ in ("NOUN", "PROPN")]
    if not nouns:
        return
    own = {t.i: issuers_of(t, by_head) for t in nouns}
    starts = [s.start for s in sdoc.sents]
    sentence = {t.i: bisect_right(starts, t.i) - 1 for t in nouns}
    issued = {}
    for t in nouns:
        found = own[t.i]
        if not found:
            # another mention of the statement nearby: the nearest before, else the nearest after
            near = sorted((s for s in nouns if own[s.i] and abs(sentence[s.i] - sentence[t.i]) <= STATEMENT_WINDOW),
                          key=lambda s: (s.i > t.i, abs(s.i - t.i)))
            found = own[near[0].i] if near else []
        issued[t.i] = found
    for m in mentions:
        if m.head is None:
            continue
        head = sdoc[m.head]
        if head.i in issued:
            statement = head
        elif head.pos_ == "PRON" and head.dep_ == "nsubj" and head.lower_ in ("it", "they"):
            statement = _according_to(head.head) if head.head.pos_ in ("VERB", "AUX") else None
            if statement is None and head.lower_ == "it":
                statement = _told_before(head, nouns, sentence, bisect_right(starts, head.i) - 1, mentions)
            if statement is None or (m.actor is not None and (m.actor.source or "") == "coref:reporter"):
                continue
        else:
            continue
        found = [i for i in issued.get(statement.i, []) if i is not m]
        if found:
            m.actor = replace(found[0].actor, text=m.text, span=m.span, confidence=0.7, source="statement:issuer")
            m.stands_for = found


def _told_before(pron, nouns, sentence: dict[int, int], pron_sentence: int, mentions: list[Mention]):
    """"It" as the one who speaks ("It called on the junta to ...") is a statement told just before, when no
    state or organisation named since has done anything."""
    verb = pron.head
    if verb.lemma_.lower() not in quote_lexicon().speech_verbs | _lexicon()["statement_acts"]:
        return None
    before = [t for t in nouns if t.i < pron.i and pron_sentence - sentence[t.i] <= 2]
    if not before:
        return None
    statement = before[-1]
    doc = pron.doc
    for m in mentions:
        # (a state the statement was about does not count: "issued a statement about the coup in Guinea-Bissau")
        if m.head is not None and statement.i < m.head < pron.i and m.actor is not None \
                and doc[m.head].dep_ in ("nsubj", "nsubjpass") \
                and (m.actor.source or "").startswith("kb:") and m.actor.kind in ("state", "igo"):
            return None
    return statement


