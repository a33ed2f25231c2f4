"""Direct, partial and indirect quotes of one document, each attributed to its speaker."""
from __future__ import annotations

from heron.quotes.marks import Marked
from heron.quotes.model import RawQuote, copy_speaker
from heron.quotes.speakers import SpeakerFinder

_TERMINALS = frozenset({".", "!", "?"})
_FRAME_LIMIT = 40          # tokens scanned around a quote for its reporting frame


class Attributor(SpeakerFinder):
    """Finds and attributes the quotes of one parsed document."""

    # ---- frames and cues -------------------------------------------------------------------------
    def after_frame(self, m: Marked) -> list:
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

    def before_frame(self, m: Marked) -> list:
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

    def governing_cue(self, m: Marked):
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

    def sentence_cue(self, m: Marked):
        sent = self.sent_at(m.start)
        for tok in sent:
            if tok.i not in self.marked_tokens and self.is_cue(tok) and self.subject(tok) is not None:
                return tok
        return None

    # ---- direct and partial quotes ---------------------------------------------------------------
    def is_fragment(self, m: Marked) -> bool:
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

    def frame_cue(self, m: Marked):
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
                         fragment, False, cue_text(cue), self.sent_of(m.start))
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
                copy_speaker(nxt, q)
        return results

    def fill_speaker(self, q: RawQuote, head, cue, previous: list[RawQuote]) -> None:
        q.speaker_span = self.phrase(head)
        q.speaker_text = self.text[q.speaker_span[0]:q.speaker_span[1]]
        q.speaker_ref_span = self.reference(self.name_head(head), head.idx, previous)
        if cue is not None:
            q.addressee_span = self.addressee(cue)
            if q.addressee_span:
                q.addressee_text = self.text[q.addressee_span[0]:q.addressee_span[1]]
            q.topic_span = self.topic(cue)

    def inherit(self, q: RawQuote, m: Marked, previous: list[RawQuote]) -> None:
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
            copy_speaker(last, q)

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
            q = RawQuote(text, (lo, hi), None, None, None, None, None, False, True, cue_text(tok), self.sent_of(lo))
            self.fill_speaker(q, head, tok, direct + found)
            found.append(q)
        # keep the outermost report when one reported clause holds another
        return outermost(found)

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


def cue_text(cue) -> str | None:
    if cue is None:
        return None
    return "according to" if cue.lower_ == "according" else cue.lower_


def outermost(found: list[RawQuote]) -> list[RawQuote]:
    """The quotes no other quote (with another span) contains, in their order; one sorted pass."""
    order = sorted(range(len(found)), key=lambda k: (found[k].span[0], -found[k].span[1]))
    keep: set[int] = set()
    furthest = -1              # the furthest end of a quote starting earlier (or at the same start, longer)
    i = 0
    while i < len(order):
        span = found[order[i]].span
        j = i
        while j < len(order) and found[order[j]].span == span:
            j += 1
        if furthest < span[1]:
            keep.update(order[i:j])
        furthest = max(furthest, span[1])
        i = j
    return [q for k, q in enumerate(found) if k in keep]
