"""Findings: what a check or a reader reports about a document."""
from __future__ import annotations

from enum import Enum

from .source import Frozen, SourceRef


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "notice": 1}[self.value]

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "notice": "提示"}[self.value]


class Location(Frozen):
    """Where in the document a finding points: table, row, column, page/line."""

    table: str | None = None  # canonical table id
    table_title: str | None = None  # e.g. "表3 支出总表"
    row: str | None = None  # row code or label
    column: str | None = None  # measure id or label
    section: str | None = None  # narrative section, e.g. "十、项目支出安排情况"
    source: SourceRef | None = None

    def describe(self) -> str:
        """Chinese label: '表3 支出总表 208 社会保障和就业支出 基本支出'."""
        parts = [p for p in (self.table_title or self.table, self.section, self.row, self.column) if p]
        return " ".join(parts)


class Finding(Frozen):
    code: str
    name: str
    category: str
    severity: Severity
    message: str
    location: Location = Location()
    expected: str | None = None
    actual: str | None = None
