"""Cover, contents, overview (part 1) and glossary (part 4)."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import DocumentKind, DocumentLevel, GlossaryEntry, TextSection, TocEntry, Unit
from .context import ExtractContext
from .sections import DocumentParts


@dataclass(frozen=True)
class Front:
    unit: Unit
    year: int
    kind: DocumentKind
    level: DocumentLevel
    title: str | None
    toc: tuple[TocEntry, ...]
    overview: tuple[TextSection, ...]
    glossary: tuple[GlossaryEntry, ...]


def read_front(parts: DocumentParts, ctx: ExtractContext) -> Front:
    raise NotImplementedError
