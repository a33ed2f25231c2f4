"""Stage: document structure — headline, dateline, bylines, captions and page furniture.

Adds ``Document.layout`` (line roles and sentence breaks) before parsing; sets the title from the headline."""
from heron.structure.stage import DocumentStructure

__all__ = ["DocumentStructure"]
