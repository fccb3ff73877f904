"""Indicator trees of the performance tables: 一级 / 二级 / 三级指标, 指标值, history, 依据.

The header lines name the columns (指标值, 近两年指标值 2024 年 / 2025 年, 预期当年实现值,
指标值确定依据). Data rows are read by those columns, with two repairs seen in real exports:
merged 一级/二级 cells are blank below their first row (inherit them), and some rows lost
their leading cells so that everything sits further left (re-anchor the row on its right end).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Indicator, TargetValue
from ..read.raw import RawLine
from .context import ExtractContext
from .perf_grid import YEAR, GridCell, at, cells

# Row labels of the goal column ('长期绩效指标' in table 11, '年度绩效目标' in 12-n): not data.
GOAL_COLUMN_LABEL = re.compile(r"^(长期|年度)绩效(目标|指标)$")
_HEADER_WORDS = re.compile(
    r"^(目标名称|[一二三]级指标|指标值.*|近两年.*|预期.*|预计.*|前年.*|上年.*|当年.*|(19|20)\d{2}年.*|.*依据)$"
)
_EXPECTED = ("预期", "预计", "当年实现", "本年")


@dataclass(frozen=True)
class IndicatorColumns:
    level1: int
    level2: int
    name: int
    target: int
    basis: int | None = None
    history: tuple[tuple[int, int], ...] = ()  # (year, column)

    @property
    def value_cols(self) -> tuple[int, ...]:
        return tuple(sorted({col for _, col in self.history} | {self.target}))


DEFAULT_COLUMNS = IndicatorColumns(level1=1, level2=2, name=3, target=4, basis=5)


def is_header_line(line: RawLine) -> bool:
    """A line that names the columns (三级指标) or continues such a header (years, 预期当年实现值)."""
    row = [c for c in cells(line) if not GOAL_COLUMN_LABEL.match(c.key)]
    return bool(row) and all(_HEADER_WORDS.match(c.key) for c in row)


def starts_header(line: RawLine) -> bool:
    return any("三级指标" in c.key for c in cells(line))


def header_columns(lines: list[RawLine]) -> IndicatorColumns | None:
    """Columns named by the header lines (the 三级指标 line and its continuation lines)."""
    level1 = level2 = name = value = expected = basis = None
    history: dict[int, int] = {}
    for line in lines:
        for c in cells(line):
            k = c.key
            if "一级指标" in k:
                level1 = c.col
            elif "二级指标" in k:
                level2 = c.col
            elif "三级指标" in k:
                name = c.col
            elif "依据" in k:
                basis = c.col
            elif any(w in k for w in _EXPECTED):
                expected = c.col
            elif (m := YEAR.search(c.text)) is not None:
                history[int(m.group(1))] = c.col
            elif k.startswith("指标值"):
                value = c.col
    if name is None:
        return None
    target = expected if expected is not None else (value if value is not None else name + 1)
    return IndicatorColumns(
        level1=level1 if level1 is not None else name - 2,
        level2=level2 if level2 is not None else name - 1,
        name=name,
        target=target,
        basis=basis,
        history=tuple(sorted((y, c) for y, c in history.items() if c != target)),
    )


def _is_value(text: str) -> bool:
    return TargetValue.parse(text).number is not None


class IndicatorReader:
    """Reads the data rows of one indicator grid, remembering the merged 一级/二级 labels."""

    def __init__(self, columns: IndicatorColumns, ctx: ExtractContext):
        self.columns = columns
        self.ctx = ctx
        self.level1 = ""
        self.level2 = ""

    def _shift(self, row: list[GridCell]) -> int:
        """How far right the row must move to sit under its header (0 for an intact row)."""
        cols = self.columns
        last = row[-1]
        name_cell = at(tuple(row), cols.name)
        intact_name = name_cell is not None and not _is_value(name_cell.text)
        if last.col == cols.basis or (last.col in cols.value_cols and intact_name):
            return 0
        if cols.basis is not None and not _is_value(last.text) and len(row) >= 2:
            return cols.basis - last.col
        return cols.target - last.col

    def read(self, line: RawLine) -> Indicator | None:
        row = [c for c in cells(line) if not GOAL_COLUMN_LABEL.match(c.key)]
        if not row:
            return None
        cols = self.columns
        shift = self._shift(row)
        mapped = {c.col + shift: c for c in row}
        first_value = min(cols.value_cols)
        labels = [mapped[k] for k in sorted(mapped) if k < first_value]
        level1, level2, name = mapped.get(cols.level1), mapped.get(cols.level2), mapped.get(cols.name)
        if name is None and labels and not labels[-1].key.endswith("指标"):
            # The row kept its 三级 name but lost the blank cells before it.
            name = labels[-1]
            rest = labels[:-1]
            level2 = rest[-1] if rest else None
            level1 = rest[-2] if len(rest) >= 2 else None
        values = [mapped[k] for k in sorted(mapped) if k >= first_value]
        if name is None or not values:
            return None
        if level1 is not None:
            if level1.text != self.level1:
                self.level2 = ""
            self.level1 = level1.text
        if level2 is not None:
            self.level2 = level2.text
        target_cell = mapped.get(cols.target)
        basis_cell = mapped.get(cols.basis) if cols.basis is not None else None
        history = tuple(
            (year, TargetValue.parse(mapped[col].text)) for year, col in cols.history if col in mapped
        )
        return Indicator(
            level1=self.level1,
            level2=self.level2,
            name=name.text,
            target=TargetValue.parse(target_cell.text) if target_cell else TargetValue(text=""),
            history=history,
            basis=basis_cell.text if basis_cell else None,
            source=self.ctx.source(line, name.col),
        )
