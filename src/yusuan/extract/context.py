"""State shared by the extraction steps of one document: file, layout, unit, reading issues."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import AmountUnit, Finding, Location, SourceRef
from ..read.raw import RawLine
from ..reference.layouts import Layout
from .reading_issues import READING_ISSUES


@dataclass
class ExtractContext:
    path: str
    layout: Layout
    unit: AmountUnit
    issues: list[Finding] = field(default_factory=list)
    # Budget units named by the tables read so far (分单位 rows): in a later table a line bearing one
    # of these names is that unit's subtotal, not a project or a classification line.
    unit_names: set[str] = field(default_factory=set)
    # The budget year (cover): header groups and row labels naming a year ("2025 年执行数") are read
    # against it.
    year: int | None = None

    def source(self, line: RawLine | None, col: int | None = None) -> SourceRef:
        if line is None:
            return SourceRef(file=self.path)
        file = line.file or self.path  # documents read from several files keep each line's own file
        bbox = None
        if col is not None:
            for cell in line.cells:  # a loop, not next(genexpr): once per amount read
                if cell.col == col:
                    bbox = cell.bbox
                    break
        return SourceRef(file=file, page=line.page, line=line.line_no, bbox=bbox or line.bbox, column=col)

    def issue(self, code: str, message: str, location: Location | None = None,
              expected: str | None = None, actual: str | None = None) -> None:
        """Record a reading problem (P family); the document still yields what could be read."""
        spec = READING_ISSUES[code]
        self.issues.append(Finding(
            code=code, name=spec.name, category=spec.category, severity=spec.severity,
            message=message, location=location or Location(), expected=expected, actual=actual,
        ))
