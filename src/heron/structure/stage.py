"""The document-structure stage: runs on the raw text, before the parse."""
from __future__ import annotations

from dataclasses import dataclass

from heron.records import Document
from heron.structure.layout import analyse


@dataclass
class DocumentStructure:
    name: str = "structure"
    gazetteer: object = None

    def _is_place(self, name: str) -> bool:
        if self.gazetteer is None:
            from heron.when_where.places import default_gazetteer
            self.gazetteer = default_gazetteer()
        return bool(self.gazetteer.candidates(name))

    def __call__(self, doc: Document) -> Document:
        doc.layout = analyse(doc.text, self._is_place)
        if doc.title is None and doc.layout.headline is not None:
            s, e = doc.layout.headline
            doc.title = doc.text[s:e]
        return doc
