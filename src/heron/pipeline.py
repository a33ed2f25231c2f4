"""heron's pipeline: read -> parse -> mentions -> actors -> quotes -> events -> dates/places.

Each stage is a small callable over one shared `Document`; `Coder` wires them. Stages can be
replaced or removed by name, and each is testable alone.
"""
from __future__ import annotations

from typing import Callable, Iterable, Iterator

from heron.actors.mentions import MentionFinder
from heron.actors.stage import ActorResolverStage
from heron.events.complete import CompleteDyads
from heron.events.confidence import CalibrateConfidence
from heron.events.extract import EventExtractor
from heron.parse import DEFAULT_MODEL, ParseFailure, Parser, clean_text
from heron.quotes.stage import QuoteAttributor
from heron.reading.validate import document_fields
from heron.records import Document
from heron.when_where.stage import WhenWhere

Stage = Callable[[Document], Document]


class CodingError(ValueError):
    """An ordinary problem with one input record (empty text, bad date); names the record."""


def _failed(doc_id: str, exc: Exception) -> CodingError:
    """One line naming the document, however long or multi-line the library's message was."""
    message = " ".join(str(exc).split())
    if len(message) > 200:
        message = message[:200] + "…"
    return CodingError(f"{doc_id}: could not be coded ({type(exc).__name__}: {message})")


class Coder:
    """The default English pipeline, offline.

    >>> coder = Coder()
    >>> doc = coder.code("Russia attacked Ukraine.", date="2022-02-24", doc_id="a1")
    """

    def __init__(self, model: str = DEFAULT_MODEL, stages: list[Stage] | None = None, batch_size: int = 32):
        self.parser = Parser(model, batch_size=batch_size)
        from heron.structure import DocumentStructure
        self.structure = DocumentStructure()
        self.stages: list[Stage] = stages if stages is not None else [
            MentionFinder(), ActorResolverStage(), QuoteAttributor(), EventExtractor(), WhenWhere(), CompleteDyads(),
            CalibrateConfidence(),
        ]

    # -- coding ---------------------------------------------------------------------------
    def code(self, text: str, date: str | None = None, doc_id: str = "doc", title: str | None = None,
             url: str | None = None, publisher: str | None = None) -> Document:
        doc = self._new(dict(text=text, date=date, id=doc_id, title=title, url=url, publisher=publisher))
        return self._finish(self.parser(doc))

    def code_many(self, records: Iterable[dict]) -> Iterator[Document]:
        """Stream documents: records are dicts with text, date, id, title, url, publisher.

        Batches spaCy work; memory stays flat in the number of records. A record that cannot be
        coded raises CodingError naming it only when iterated to; use `code_records` to keep going.
        """
        for item in self.code_records(records):
            if isinstance(item, CodingError):
                raise item
            yield item

    def code_records(self, records: Iterable[dict]) -> Iterator[Document | CodingError]:
        """Like code_many, but yields a CodingError for a bad record and carries on."""
        def docs():
            for n, rec in enumerate(records):
                try:
                    yield self._new(rec, n)
                except CodingError as exc:
                    errors.append(exc)
                except Exception as exc:  # noqa: BLE001 - a bug in a stage must not lose the other documents
                    errors.append(_failed(str(rec.get("id") or f"doc{n}") if isinstance(rec, dict) else f"doc{n}",
                                          exc))

        errors: list[CodingError] = []
        for doc in self.parser.pipe(docs()):
            while errors:
                yield errors.pop(0)
            if isinstance(doc, ParseFailure):
                yield _failed(doc.doc.id, doc.error)
                continue
            try:
                yield self._finish(doc)
            except Exception as exc:  # noqa: BLE001 - a bug in a stage must not lose the other documents
                yield _failed(doc.id, exc)
        while errors:
            yield errors.pop(0)

    def _new(self, rec: dict, n: int = 0) -> Document:
        try:
            fields = document_fields(rec, n)
        except ValueError as exc:
            raise CodingError(str(exc)) from None
        return self.structure(Document(**{**fields, "text": clean_text(fields["text"])}))

    def _finish(self, doc: Document) -> Document:
        for stage in self.stages:
            doc = stage(doc)
        doc.nlp = None  # drop the parse: documents stream out, memory stays flat
        return doc

    # -- single-purpose APIs --------------------------------------------------------------
    def classify(self, text: str, source: tuple[int, int], target: tuple[int, int], date: str | None = None):
        """Type of the interaction between two given character spans of `text`."""
        from heron.events.classify import EventClassifier

        extractor = next((s for s in self.stages if isinstance(s, EventExtractor)), None)
        if extractor is not None:
            extractor._setup()
            classifier = extractor.classifier
        else:
            classifier = EventClassifier()
        sdoc = self.parser.parse(clean_text(text))
        return classifier.classify_pair(sdoc, tuple(source), tuple(target))

    def stage(self, name: str) -> Stage:
        for s in self.stages:
            if getattr(s, "name", None) == name:
                return s
        raise KeyError(name)
