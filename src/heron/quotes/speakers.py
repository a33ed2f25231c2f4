"""Speaker and addressee phrases of reporting cues, and antecedents of pronoun or title speakers."""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from heron.parse import doc_text, sentence_spans
from heron.quotes.marks import scan_marks
from heron.quotes.model import QuoteLexicon, RawQuote, Span

# How far back "the minister said" looks for the minister's name (news articles are shorter than this).
TITLE_SENTENCES = 50
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
_PHRASE_CUT_DEPS = frozenset({"relcl", "acl", "appos", "advcl", "parataxis", "punct", "ccomp", "cc", "conj"})


class SpeakerFinder:
    """Works on one parsed document; holds per-document indexes."""

    def __init__(self, sdoc, lex: QuoteLexicon):
        self.doc = sdoc
        self.text: str = doc_text(sdoc)           # Doc.text re-joins every token on each access
        self.lex = lex
        self.tok_starts = [t.idx for t in sdoc]
        sents = sentence_spans(sdoc)                  # Token.sent rescans the document: index sentences once
        self.sent_starts = [s.start_char for s in sents]
        self.sent_tokens = [(s.start, s.end) for s in sents]
        self.marked = scan_marks(self.text, lex.marks)
        self.marked_tokens: set[int] = set()
        for m in self.marked:
            self.marked_tokens.update(range(self.tok_at(m.open_char), self.tok_at(m.end - 1) + 1))
            if m.close_char is not None:
                self.marked_tokens.add(self.tok_at(m.close_char))
        self.marked_sorted = sorted(self.marked_tokens)
        self.ents = tuple(sdoc.ents)                  # Doc.ents rebuilds every entity on each access
        self.ent_starts = [e.start_char for e in self.ents]
        self.ent_tokens = [e.start for e in self.ents]

    # ---- indexes -------------------------------------------------------------------------------
    def any_marked(self, first: int, last: int) -> bool:
        """Whether any token in [first, last] belongs to a quote or its marks."""
        k = bisect_right(self.marked_sorted, first - 1)
        return k < len(self.marked_sorted) and self.marked_sorted[k] <= last

    def tok_at(self, char: int) -> int:
        return max(0, bisect_right(self.tok_starts, char) - 1)

    def sent_of(self, char: int) -> int:
        return max(0, bisect_right(self.sent_starts, char) - 1)

    def sent_at(self, char: int):
        start, end = self.sent_tokens[self.sent_of(char)]
        return self.doc[start:end]

    def ents_between(self, start_char: int, end_char: int) -> tuple:
        """Entities that start in [start_char, end_char), in text order."""
        return self.ents[bisect_left(self.ent_starts, start_char):bisect_left(self.ent_starts, end_char)]

    def is_cue(self, tok) -> bool:
        if tok.lower_ == "according" and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to":
            return True
        return tok.tag_.startswith("VB") and tok.lemma_.lower() in self.lex.speech_verbs

    # ---- phrases -------------------------------------------------------------------------------
    def subject(self, cue):
        """Speaker head for a cue: its subject, the subject of the clause it hangs from, or "according to" X."""
        if cue.lower_ == "according":
            to = self.doc[cue.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"]
            return objs[0] if objs and self.is_source(objs[0]) else None
        verb = cue
        for _ in range(3):
            if verb.dep_ == "pcomp" and verb.head.lower_ == "as":      # "X quoted Y as saying", "Y was quoted as saying"
                verb = verb.head.head
                objs = [c for c in verb.children if c.dep_ == "dobj"]
                if objs:
                    return objs[0]
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in _NOMINAL
                        and c.lower_ != "there" and not (c.lower_ == "it" and c.dep_ == "nsubjpass")]
            if subjects:       # the subject nearest the verb; a dateline ("KYIV, March 3 -") can parse as another
                before = [c for c in subjects if c.i < verb.i]
                subj = before[-1] if before else subjects[0]
                if subj.lower_ in ("who", "which", "that"):
                    return verb.head if verb.dep_ == "relcl" else None
                return subj
            if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
                verb = verb.head
            else:
                break
        return None

    def is_source(self, tok) -> bool:
        if tok.ent_type_ in self.lex.speaker_entity_labels:
            return True
        return tok.lemma_.lower() in self.lex.source_nouns or tok.lower_ in self.lex.source_nouns \
            or tok.lemma_.lower() in self.lex.title_nouns

    def name_head(self, head):
        """The head of a name in apposition to a description ("the spokesman ..., Arindam Bagchi"), else head."""
        if head.ent_type_ != "PERSON":
            titled = head.lemma_.lower() in self.lex.title_nouns
            for tok in head.subtree:   # the small model often labels names ORG; a title's appositive is a name
                if tok.dep_ == "appos" and tok.i not in self.marked_tokens and (
                        tok.ent_type_ == "PERSON" or (titled and tok.head.i == head.i and tok.pos_ == "PROPN")):
                    return tok
        return head

    def phrase(self, head) -> tuple[int, int]:
        """Char span of the noun phrase headed by ``head``; a name in apposition wins over a description."""
        head = self.name_head(head)
        keep = [head]
        stack = list(head.children)
        while stack:
            tok = stack.pop()
            if tok.head.i == head.i and tok.dep_ in _PHRASE_CUT_DEPS:
                continue
            if tok.dep_ in ("relcl", "acl", "appos", "advcl") or tok.i in self.marked_tokens:
                continue
            keep.append(tok)
            stack.extend(tok.children)
        idx = sorted(t.i for t in keep)
        lo = hi = head.i                          # grow contiguously around the head only
        members = set(idx)
        while lo - 1 in members:
            lo -= 1
        while hi + 1 in members:
            hi += 1
        while hi > lo and self.doc[hi].is_punct:
            hi -= 1
        while hi > lo and self.doc[lo].is_punct:
            lo += 1
        span = self.doc[lo:hi + 1]
        return span.start_char, span.end_char

    def addressee(self, cue) -> Span | None:
        if cue.lower_ == "according":
            return None
        lemma = cue.lemma_.lower()
        for c in cue.children:
            if c.dep_ in ("dobj", "dative") and lemma in self.lex.addressee_verbs and c.pos_ in ("PROPN", "NOUN", "PRON"):
                return self.phrase(c)
            if c.dep_ == "prep" and c.lower_ in self.lex.addressee_preps:
                objs = [o for o in c.children if o.dep_ == "pobj"]
                if objs:
                    return self.phrase(objs[0])
        return None

    def topic(self, cue) -> Span | None:
        """Whom the words are about: "..., the minister said of the United States"."""
        for c in cue.children:
            if c.dep_ == "prep" and c.lower_ in self.lex.topic_preps:
                objs = [o for o in c.children if o.dep_ == "pobj"]
                if objs:
                    return self.phrase(objs[0])
        return None

    # ---- speaker references ----------------------------------------------------------------------
    def reference(self, head, before_char: int, previous: list[RawQuote]) -> Span | None:
        """Antecedent for a pronoun, a title-only or an organisation-noun phrase; None when the speaker is named."""
        lower, lemma = head.lower_, head.lemma_.lower()
        if lower in self.lex.person_pronouns or lower in self.lex.group_pronouns:
            return self.pronoun_antecedent(lower in self.lex.person_pronouns, before_char, previous)
        phrase = self.doc[head.left_edge.i:head.i + 1]
        if (head.pos_ == "PROPN" and lemma not in self.lex.title_nouns) or any(t.ent_type_ == "PERSON" for t in phrase) \
                or not any(t.lower_ == "the" for t in phrase):
            return None
        if lemma in self.lex.title_nouns:
            return self.title_antecedent(head, before_char)
        if lemma in self.lex.org_nouns and not any(t.ent_type_ for t in phrase):
            near = self.sent_starts[max(0, self.sent_of(before_char) - 2)]
            orgs = [e for e in self.ents_between(near, before_char) if e.label_ == "ORG" and e.end_char <= before_char
                    and e.start not in self.marked_tokens and self.sent_of(before_char) - self.sent_of(e.start_char) <= 2]
            return (orgs[-1].start_char, orgs[-1].end_char) if orgs else None
        return None

    def person_like(self, tok) -> bool:
        if tok.ent_type_ == "PERSON" or tok.lemma_.lower() in self.lex.title_nouns:
            return True
        return tok.pos_ == "PROPN" and any(c.lemma_.lower() in self.lex.title_nouns for c in tok.children)

    def pronoun_antecedent(self, person: bool, before_char: int, previous: list[RawQuote]) -> Span | None:
        """Most recent compatible mention within four sentences, subjects first."""
        here = self.sent_of(before_char)
        lo_tok = self.doc[self.tok_at(self.sent_starts[max(0, here - 4)])].i
        candidates: list[tuple[int, int, bool, Span]] = []    # (sentence, position, is_subject, span)
        for tok in self.doc[lo_tok:self.tok_at(before_char)]:
            if tok.i in self.marked_tokens or tok.tag_ == "PRP":
                continue
            subject = tok.dep_ in ("nsubj", "nsubjpass")
            if person:
                ok = (tok.ent_type_ == "PERSON" and tok.dep_ != "compound") or (subject and tok.tag_ not in ("NNS", "NNPS") and self.person_like(tok))
            else:
                ok = subject and (tok.tag_ in ("NNS", "NNPS") or tok.ent_type_ in ("ORG", "NORP", "GPE"))
            if ok:
                candidates.append((self.sent_of(tok.idx), tok.i, subject, self.mention_span(tok)))
        for q in previous:
            if q.speaker_span and q.speaker_span[1] <= before_char and (person or q.speaker_ref_span):
                candidates.append((self.sent_of(q.speaker_span[0]), self.tok_at(q.speaker_span[0]), True,
                                   q.speaker_ref_span or q.speaker_span))
        if not candidates:
            return None
        last_sent = max(c[0] for c in candidates)
        recent = [c for c in candidates if c[0] == last_sent]
        return max([c for c in recent if c[2]] or recent, key=lambda c: c[1])[3]

    def mention_span(self, tok) -> Span:
        """A named entity's own span, else the noun phrase (which prefers an appositive name)."""
        if tok.ent_type_ in ("PERSON", "ORG") and tok.pos_ == "PROPN":
            k = bisect_right(self.ent_tokens, tok.i) - 1
            if k >= 0 and tok.i < self.ents[k].end:
                return self.ents[k].start_char, self.ents[k].end_char
        return self.phrase(tok)

    def title_antecedent(self, head, before_char: int) -> Span | None:
        """Most recent mention of a person earlier introduced with this title ("Secretary of State X")."""
        title = head.lemma_.lower()
        person = None
        # The last such entity before the quote, within TITLE_SENTENCES sentences: walk back from the quote.
        since = self.sent_starts[max(0, self.sent_of(before_char) - TITLE_SENTENCES)]
        for ent in reversed(self.ents_between(since, before_char)):
            if ent.label_ not in ("PERSON", "ORG") or ent.end_char > before_char or ent.start in self.marked_tokens:
                continue
            sent = self.sent_at(ent.start_char)
            window = self.doc[max(sent.start, ent.start - 6):min(sent.end, ent.end + 6)]
            person_shaped = ent.label_ == "PERSON" or ent.root.dep_ == "appos" \
                or any(c.lemma_.lower() == title for c in ent.root.children)   # "Chancellor Olaf Scholz" as ORG
            if person_shaped and any(t.lemma_.lower() == title for t in window):
                person = ent
                break
        if person is None:
            return None
        surname = person[-1].lower_
        latest = (person.start_char, person.end_char)
        for ent in self.ents_between(latest[0] + 1, before_char):
            if ent.start_char > latest[0] and ent.end_char <= before_char and ent[-1].lower_ == surname:
                latest = (ent.start_char, ent.end_char)
        return latest
