"""Quote attribution: direct, split, multi-paragraph, partial and indirect quotes with their speakers.

``find_quotes(sdoc)`` reads a parsed spaCy Doc and returns :class:`RawQuote` records. The reporting-cue
verbs, title nouns and "according to" sources live in ``data/quotes/lexicon.json``.

Decisions worth knowing:
- Quote marks are paired on characters ("…", “…”, «…»), not on spaCy sentences, because the parser
  often splits sentences inside a quote. A news-style quote running over paragraphs (an opening mark
  starts the next paragraph while the previous one is still open) yields one quote per paragraph.
- A short quoted fragment inside a clause with no reporting cue governing it or elsewhere in its sentence,
  or whose cue has no speaker ("the so-called “…”"), is a scare quote or a title ("the “reliable partner”
  card") and is not returned at all: it is nobody's speech. A full quoted sentence with no cue inherits the
  speaker of the previous quote in the same or the previous paragraph; failing that it has no speaker.
- Indirect speech is returned only when its reported clause contains no quote marks; otherwise the direct
  or partial quote inside it already stands for it (the seed's “determined to strengthen”).
"""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from heron.nlp import sentence_spans

Span = tuple[int, int]

_TERMINALS = frozenset({".", "!", "?"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
_FRAME_LIMIT = 40          # tokens scanned around a quote for its reporting frame
_PHRASE_CUT_DEPS = frozenset({"relcl", "acl", "appos", "advcl", "parataxis", "punct", "ccomp", "cc", "conj"})


@dataclass
class RawQuote:
    text: str
    span: Span
    speaker_text: str | None
    speaker_span: Span | None
    speaker_ref_span: Span | None
    addressee_text: str | None
    addressee_span: Span | None
    partial: bool
    indirect: bool
    cue: str | None
    sentence: int


@dataclass(frozen=True)
class QuoteLexicon:
    marks: dict[str, str]
    speech_verbs: frozenset[str]
    indirect_verbs: frozenset[str]
    addressee_verbs: frozenset[str]
    addressee_preps: frozenset[str]
    title_nouns: frozenset[str]
    source_nouns: frozenset[str]
    org_nouns: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    speaker_entity_labels: frozenset[str]


@lru_cache(maxsize=1)
def load_lexicon() -> QuoteLexicon:
    raw = json.loads(resources.files("heron.data").joinpath("quotes/lexicon.json").read_text("utf-8"))
    sets = {k: frozenset(v) for k, v in raw.items() if isinstance(v, list)}
    return QuoteLexicon(marks=dict(raw["marks"]), **sets)


@dataclass
class _Marked:
    """A span between quote marks, before attribution."""
    start: int              # first char of the quoted text
    end: int                # char after the quoted text
    open_char: int          # position of the opening mark
    close_char: int | None  # position of the closing mark; None for an unclosed paragraph of a long quote


def _scan_marks(text: str, marks: dict[str, str]) -> list[_Marked]:
    closers = set(marks.values())
    found: list[_Marked] = []
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
            found.append(_Marked(s, e, open_at, close))

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


class _Attributor:
    """Works on one parsed document; holds per-document indexes."""

    def __init__(self, sdoc, lex: QuoteLexicon):
        self.doc = sdoc
        self.text: str = sdoc.text                # Doc.text re-joins every token on each access
        self.lex = lex
        self.tok_starts = [t.idx for t in sdoc]
        sents = sentence_spans(sdoc)                  # Token.sent rescans the document: index sentences once
        self.sent_starts = [s.start_char for s in sents]
        self.sent_tokens = [(s.start, s.end) for s in sents]
        self.marked = _scan_marks(self.text, lex.marks)
        self.marked_tokens: set[int] = set()
        for m in self.marked:
            self.marked_tokens.update(range(self.tok_at(m.open_char), self.tok_at(m.end - 1) + 1))
            if m.close_char is not None:
                self.marked_tokens.add(self.tok_at(m.close_char))
        self.marked_sorted = sorted(self.marked_tokens)

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

    def is_cue(self, tok) -> bool:
        if tok.lower_ == "according" and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to":
            return True
        return tok.tag_.startswith("VB") and tok.lemma_.lower() in self.lex.speech_verbs

    # ---- frames and cues -------------------------------------------------------------------------
    def after_frame(self, m: _Marked) -> list:
        """Tokens after the closing mark up to the end of the sentence or the next quote."""
        if m.close_char is None:
            return []
        out = []
        for tok in self.doc[self.tok_at(m.close_char) + 1:]:
            if tok.i in self.marked_tokens or "\n" in tok.text or len(out) >= _FRAME_LIMIT:
                break
            out.append(tok)
            if tok.text in _TERMINALS:
                break
        return out

    def before_frame(self, m: _Marked) -> list:
        """Tokens before the opening mark back to the sentence start or the previous quote."""
        out = []
        i = self.tok_at(m.open_char) - 1
        while i >= 0 and len(out) < _FRAME_LIMIT:
            tok = self.doc[i]
            if i in self.marked_tokens or tok.text in _TERMINALS or "\n" in tok.text:
                break
            out.append(tok)
            i -= 1
        out.reverse()
        return out

    def governing_cue(self, m: _Marked):
        """The nearest reporting verb above the quoted words in the parse tree."""
        first, last = self.tok_at(m.start), self.tok_at(m.end - 1)
        for tok in self.doc[first:last + 1]:
            if first <= tok.head.i <= last and tok.head.i != tok.i:
                continue
            anc = tok.head
            for _ in range(8):
                if not first <= anc.i <= last and self.is_cue(anc):
                    return anc
                if anc.head.i == anc.i:
                    break
                anc = anc.head
        return None

    def sentence_cue(self, m: _Marked):
        sent = self.sent_at(m.start)
        for tok in sent:
            if tok.i not in self.marked_tokens and self.is_cue(tok) and self.subject(tok) is not None:
                return tok
        return None

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
            orgs = [e for e in self.doc.ents if e.label_ == "ORG" and e.end_char <= before_char
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
            ent = next(e for e in self.doc.ents if e.start <= tok.i < e.end)
            return ent.start_char, ent.end_char
        return self.phrase(tok)

    def title_antecedent(self, head, before_char: int) -> Span | None:
        """Most recent mention of a person earlier introduced with this title ("Secretary of State X")."""
        title = head.lemma_.lower()
        person = None
        for ent in self.doc.ents:
            if ent.label_ not in ("PERSON", "ORG") or ent.end_char > before_char or ent.start in self.marked_tokens:
                continue
            sent = self.sent_at(ent.start_char)
            window = self.doc[max(sent.start, ent.start - 6):min(sent.end, ent.end + 6)]
            person_shaped = ent.label_ == "PERSON" or ent.root.dep_ == "appos" \
                or any(c.lemma_.lower() == title for c in ent.root.children)   # "Chancellor Olaf Scholz" as ORG
            if person_shaped and any(t.lemma_.lower() == title for t in window):
                person = ent
        if person is None:
            return None
        surname = person[-1].lower_
        latest = (person.start_char, person.end_char)
        for ent in self.doc.ents:
            if ent.start_char > latest[0] and ent.end_char <= before_char and ent[-1].lower_ == surname:
                latest = (ent.start_char, ent.end_char)
        return latest

    # ---- direct and partial quotes ---------------------------------------------------------------
    def is_fragment(self, m: _Marked) -> bool:
        """A quote opening inside a clause that is a lowercase or verbless run of words."""
        text = self.text
        i = m.open_char - 1
        while i >= 0 and text[i] in " \t":
            i -= 1
        if i < 0 or text[i] in "\n:" or text[i] in _TERMINALS:
            return False
        if text[m.start].islower():
            return True
        words = [t for t in self.doc[self.tok_at(m.start):self.tok_at(m.end - 1) + 1] if not t.is_punct]
        return len(words) < 4 or not any(t.pos_ in ("VERB", "AUX") for t in words)

    def frame_cue(self, m: _Marked):
        after = self.after_frame(m)
        quoted = self.text[m.start:m.end]
        after_cues = [t for t in after if self.is_cue(t)]
        if quoted.endswith(".") and after_cues and any(c.dep_ == "ccomp" for c in after_cues[0].children):
            after_cues = []                       # a new sentence reporting something else
        before_cues = [t for t in self.before_frame(m) if self.is_cue(t)]
        if quoted.rstrip("\"'’”").endswith((",", "?", "!")):
            order = after_cues[:1] + before_cues[-1:]
        else:
            order = before_cues[-1:] + after_cues[:1]
        return (order[0], after if order[0] in after_cues else self.before_frame(m)) if order else (None, [])

    def direct_quotes(self) -> list[RawQuote]:
        results: list[RawQuote] = []
        by_mark: list[RawQuote | None] = []
        for m in self.marked:
            fragment = self.is_fragment(m)
            cue, frame = self.frame_cue(m)
            if fragment:
                governing = self.governing_cue(m)
                if governing is not None and governing.idx > m.open_char:
                    # "X vowed to ... “fragment”, state media reported": the clause the fragment ends wins
                    governing = next((t for t in reversed(self.before_frame(m)) if self.is_cue(t)), governing)
                cue = governing or cue or self.sentence_cue(m)
                if cue is None:                    # scare quote or title: nobody's speech
                    by_mark.append(None)
                    continue
            elif cue is None:
                cue = self.governing_cue(m)
            head = self.subject(cue) if cue is not None else None
            if cue is not None and head is None:
                head = next((t for t in frame if t.ent_type_ in ("PERSON", "ORG") and t.pos_ == "PROPN"
                             and t.head.ent_type_ != t.ent_type_ and t.i not in self.marked_tokens), None)
            if fragment and head is None:          # "the so-called “…”": a fragment nobody is saying
                by_mark.append(None)
                continue
            q = RawQuote(self.text[m.start:m.end], (m.start, m.end), None, None, None, None, None,
                         fragment, False, _cue_text(cue), self.sent_of(m.start))
            if head is not None:
                self.fill_speaker(q, head, cue, results)
            else:
                q.cue = None
                self.inherit(q, m, results)
            results.append(q)
            by_mark.append(q)
        # an unclosed paragraph of a long quote takes the speaker of the paragraph that continues it
        for k in range(len(self.marked) - 2, -1, -1):
            q, nxt = by_mark[k], by_mark[k + 1]
            if q and nxt and self.marked[k].close_char is None and q.speaker_span is None:
                _copy_speaker(nxt, q)
        return results

    def fill_speaker(self, q: RawQuote, head, cue, previous: list[RawQuote]) -> None:
        q.speaker_span = self.phrase(head)
        q.speaker_text = self.text[q.speaker_span[0]:q.speaker_span[1]]
        q.speaker_ref_span = self.reference(self.name_head(head), head.idx, previous)
        if cue is not None:
            q.addressee_span = self.addressee(cue)
            if q.addressee_span:
                q.addressee_text = self.text[q.addressee_span[0]:q.addressee_span[1]]

    def inherit(self, q: RawQuote, m: _Marked, previous: list[RawQuote]) -> None:
        """A cue-less quoted sentence belongs to a person newly introduced as a subject since the previous
        quote ("Lapid disagreed. “…”"), else continues the previous speaker's words if close enough."""
        if q.partial or m.close_char is None:     # an unclosed paragraph waits for the paragraph closing it
            return
        last = previous[-1] if previous else None
        window_start = self.sent_starts[max(0, q.sentence - 2)]
        if last is not None:
            window_start = max(window_start, last.span[1])
        taken = last.speaker_span if last and last.speaker_span else (-1, -1)
        newcomers = [t for t in self.doc[self.tok_at(window_start):self.tok_at(m.open_char)]
                     if t.dep_ in ("nsubj", "nsubjpass") and t.i not in self.marked_tokens and t.tag_ != "PRP"
                     and not taken[0] <= t.idx < taken[1] and self.person_like(t)]
        if newcomers:
            self.fill_speaker(q, newcomers[-1], None, previous)
            return
        if last is None or last.speaker_span is None:
            return
        gap = self.text[last.span[1]:m.open_char]
        if len([p for p in gap.split("\n") if p.strip()]) <= 2 and q.sentence - last.sentence <= 3:
            _copy_speaker(last, q)

    # ---- indirect speech -------------------------------------------------------------------------
    def indirect_quotes(self, direct: list[RawQuote]) -> list[RawQuote]:
        found: list[RawQuote] = []
        for tok in self.doc:
            if tok.i in self.marked_tokens or not self.is_cue(tok):
                continue
            if tok.lower_ == "according":
                pieces, head = self.according_clause(tok), self.subject(tok)
            else:
                pieces, head = self.reported_clause(tok), None
                if pieces:
                    head = self.subject(tok)
            if not pieces or head is None:
                continue
            if self.any_marked(min(tok.i, pieces[0][0].i), max(tok.i, pieces[-1][-1].i)):
                continue                           # a quote sits between the cue and its clause
            lo, hi = pieces[0][0].idx, pieces[-1][-1].idx + len(pieces[-1][-1])
            text = " ".join(self.text[p[0].idx:p[-1].idx + len(p[-1])] for p in pieces)
            q = RawQuote(text, (lo, hi), None, None, None, None, None, False, True, _cue_text(tok), self.sent_of(lo))
            self.fill_speaker(q, head, tok, direct + found)
            found.append(q)
        # keep the outermost report when one reported clause holds another
        return [q for q in found if not any(o is not q and o.span[0] <= q.span[0] and q.span[1] <= o.span[1]
                                            and o.span != q.span for o in found)]

    def reported_clause(self, cue) -> list[list]:
        if cue.lemma_.lower() not in self.lex.indirect_verbs or any(c.dep_ == "neg" for c in cue.children):
            return []
        comps = [c for c in cue.children if c.dep_ == "ccomp"]
        if comps:
            comp = comps[0]
            if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in comp.children):
                return []
            toks = list(self.doc[comp.left_edge.i:comp.right_edge.i + 1])
            if toks and toks[0].lower_ == "that":
                toks = toks[1:]
            return self.clean([toks])
        if cue.dep_ == "parataxis":                # "The talks, he said, were productive."
            clause = cue.head
            left = list(self.doc[clause.left_edge.i:cue.left_edge.i])
            right = list(self.doc[cue.right_edge.i + 1:clause.right_edge.i + 1])
            return self.clean([left, right])
        return []

    def according_clause(self, tok) -> list[list]:
        sent = self.sent_at(tok.idx)
        phrase_end = max(t.i for t in tok.subtree) if any(True for _ in tok.children) else tok.i + 1
        phrase_end = max(phrase_end, max(t.i for t in self.doc[tok.i + 1].subtree))
        left = list(self.doc[sent.start:tok.i])
        right = list(self.doc[phrase_end + 1:sent.end])
        left, right = (self.clean([left]) or [[]])[0], (self.clean([right]) or [[]])[0]
        if len(left) >= 3 and len(right) < 3:
            return [left]
        if len(right) >= 3 and len(left) < 3:
            return [right]
        return [p for p in (left, right) if p]

    def clean(self, pieces: list[list]) -> list[list]:
        """Trim punctuation and spaces at the edges; refuse clauses that contain quote marks."""
        out = []
        for toks in pieces:
            if toks and self.any_marked(toks[0].i, toks[-1].i):
                return []
            while toks and (toks[0].is_punct or toks[0].is_space or toks[0].lower_ in ("and", "but")):
                toks = toks[1:]
            while toks and (toks[-1].is_punct or toks[-1].is_space):
                toks = toks[:-1]
            if len(toks) >= 2:
                out.append(toks)
        return out


def _cue_text(cue) -> str | None:
    if cue is None:
        return None
    return "according to" if cue.lower_ == "according" else cue.lower_


def _copy_speaker(src: RawQuote, dst: RawQuote) -> None:
    dst.speaker_text, dst.speaker_span, dst.speaker_ref_span = src.speaker_text, src.speaker_span, src.speaker_ref_span


def find_quotes(sdoc) -> list[RawQuote]:
    """All quotes in a parsed document, in text order."""
    att = _Attributor(sdoc, load_lexicon())
    direct = att.direct_quotes()
    return sorted(direct + att.indirect_quotes(direct), key=lambda q: q.span[0])
