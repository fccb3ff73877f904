"""Where a value came from: file, page, line, bounding box."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Frozen(BaseModel):
    """Base of every model class: immutable, no unknown fields, tuples inside."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class SourceRef(Frozen):
    """Provenance of one value or object read from a document.

    `page` and `line` are 1-based. For plain text `line` is the file's line number;
    for PDF `page` and `bbox` (x0, y0, x1, y1 in PDF points, origin top-left) locate it.
    """

    file: str | None = None
    page: int | None = None
    line: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    column: int | None = None  # 0-based grid column, when the value sits in a table

    def short(self) -> str:
        """`file:page:line` style label used in findings."""
        parts = [self.file or "-"]
        if self.page is not None:
            parts.append(f"p{self.page}")
        if self.line is not None:
            parts.append(str(self.line))
        return ":".join(parts)
