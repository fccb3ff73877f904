"""Part 3 prose → sections, paragraphs and numeric claims linked to the tables."""
from __future__ import annotations

from ..model import Budget, NarrativeSection, OtherMatter
from ..read.raw import RawLine
from .context import ExtractContext


def read_narrative(
    lines: tuple[RawLine, ...], budget: Budget, ctx: ExtractContext
) -> tuple[tuple[NarrativeSection, ...], tuple[OtherMatter, ...]]:
    """`budget` holds everything but the narrative, so claims can be linked to table lines."""
    raise NotImplementedError
