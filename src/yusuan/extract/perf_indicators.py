"""Indicator trees of the performance tables: 一级 / 二级 / 三级指标, 指标值, history, 依据.

The header lines name the columns (指标值, 近两年指标值 2024 年 / 2025 年, 预期当年实现值,
指标值确定依据). Data rows are read by those columns, with two repairs seen in real exports:
merged 一级/二级 cells are blank below their first row (inherit them), and some rows lost
their leading cells so that everything sits further left (re-anchor the row on its right end).

Regional variants name more columns: 指标性质 (the comparison, '≥' or '定性') and 度量单位 printed
apart from 指标值 (Beijing), 分值权重 (Xi'an), and one 绩效指标 cell holding 一级+二级+三级 run together
('产出指标数量指标开展监测工作', Beijing's overall form).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Indicator, TargetValue
from ..read.raw import RawLine
from .context import ExtractContext
from .numbers import parse_decimal
from .perf_grid import YEAR, GridCell, at, cells

# Row labels of the goal column ('长期绩效指标' in table 11, '年度绩效目标' in 12-n): not data.
GOAL_COLUMN_LABEL = re.compile(r"^(长期|年度)绩效(目标|指标)$")
_HEADER_WORDS = re.compile(
    r"^(目标名称|[一二三]级指标|指标值.*|近两年.*|预期.*|预计.*|前年.*|上年.*|当年.*|(19|20)\d{2}年.*|.*依据"
    r"|.*指标性质|.*度量单位|计量单位|分值权重.*)$"
)
_EXPECTED = ("预期", "预计", "当年实现", "本年")
# '产出指标数量指标开展监测工作' → 产出指标 | 数量指标 | 开展监测工作 (一级 words are the national set).
_RUN_TOGETHER = re.compile(r"^(产出指标|效益指标|满意度指标|成本指标)(\S{2,10}?指标)(.+)$", re.S)
# '内审报告合格率（%）', '清查表登记成本（元/户）': the unit of a bare value is printed in the name.
_UNIT_IN_NAME = re.compile(r"[（(]([^（）()\d]{1,8})[）)]$")
_QUALITATIVE = ("定性", "")


@dataclass(frozen=True)
class IndicatorColumns:
    level1: int | None  # None: 一级/二级 are run together in the name cell
    level2: int | None
    name: int
    target: int
    basis: int | None = None
    history: tuple[tuple[int, int], ...] = ()  # (year, column)
    op: int | None = None  # 指标性质: '≥', '＝', '定性'
    unit: int | None = None  # 度量单位
    weight: int | None = None  # 分值权重

    @property
    def value_cols(self) -> tuple[int, ...]:
        return tuple(sorted({col for _, col in self.history} | {self.target}))

    @property
    def trailing(self) -> tuple[int, ...]:
        """Columns right of the values: a row that ends in one of them sits where its header says."""
        return tuple(c for c in (self.basis, self.unit, self.weight) if c is not None)

    @property
    def order(self) -> tuple[int, ...]:
        """Every column left to right (for rows that lost their column positions)."""
        cols = {self.level1, self.level2, self.name, self.op, *self.value_cols, *self.trailing}
        return tuple(sorted(c for c in cols if c is not None))


DEFAULT_COLUMNS = IndicatorColumns(level1=1, level2=2, name=3, target=4, basis=5)


def is_header_line(line: RawLine) -> bool:
    """A line that names the columns (三级指标) or continues such a header (years, 预期当年实现值)."""
    row = [c for c in cells(line) if not GOAL_COLUMN_LABEL.match(c.key)]
    return bool(row) and all(_HEADER_WORDS.match(c.key) for c in row)


def starts_header(line: RawLine) -> bool:
    return any("三级指标" in c.key for c in cells(line))


def split_levels(text: str) -> tuple[str, str, str] | None:
    """一级, 二级, 三级 of a cell that prints them run together; None when it does not start with 一级."""
    m = _RUN_TOGETHER.match(text.strip())
    return (m.group(1), m.group(2), m.group(3).strip()) if m else None


def header_columns(lines: list[RawLine]) -> IndicatorColumns | None:
    """Columns named by the header lines (the 三级指标 line and its continuation lines)."""
    level1 = level2 = name = value = expected = basis = op = unit = weight = None
    run_together = False
    history: dict[int, int] = {}
    for line in lines:
        for c in cells(line):
            k = c.key
            if k.endswith("指标性质"):
                op = c.col
            elif k.endswith("度量单位") or k == "计量单位":
                unit = c.col
            elif k.startswith("分值") or k.startswith("权重"):
                weight = c.col
            elif k == "绩效指标" and name is None:
                name, run_together = c.col, True
            elif "一级指标" in k:
                level1 = c.col
            elif "二级指标" in k:
                level2 = c.col
            elif "三级指标" in k:
                name, run_together = c.col, False
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
    if run_together:
        level1 = level2 = None
    else:
        level1 = level1 if level1 is not None else name - 2
        level2 = level2 if level2 is not None else name - 1
    return IndicatorColumns(
        level1=level1,
        level2=level2,
        name=name,
        target=target,
        basis=basis,
        history=tuple(sorted((y, c) for y, c in history.items() if c != target)),
        op=op,
        unit=unit,
        weight=weight,
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
        if last.col in cols.trailing or (last.col in cols.value_cols and intact_name):
            return 0
        if cols.basis is not None and not _is_value(last.text) and len(row) >= 2:
            return cols.basis - last.col
        return cols.target - last.col

    def read(self, line: RawLine) -> Indicator | None:
        row = [c for c in cells(line) if not GOAL_COLUMN_LABEL.match(c.key)]
        if not row:
            return None
        cols = self.columns
        mapped = self._map(row)
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
        name_text = name.text
        if cols.level1 is None and (parts := split_levels(name.text)) is not None:
            self.level1, self.level2, name_text = parts
        if level1 is not None:
            if level1.text != self.level1:
                self.level2 = ""
            self.level1 = level1.text
        if level2 is not None:
            self.level2 = level2.text
        basis_cell = mapped.get(cols.basis) if cols.basis is not None else None
        weight_cell = mapped.get(cols.weight) if cols.weight is not None else None
        history = tuple(
            (year, TargetValue.parse(mapped[col].text)) for year, col in cols.history if col in mapped
        )
        return Indicator(
            level1=self.level1,
            level2=self.level2,
            name=name_text,
            target=self._target(mapped, name_text),
            history=history,
            basis=basis_cell.text if basis_cell else None,
            weight=parse_decimal(weight_cell.text) if weight_cell else None,
            source=self.ctx.source(line, name.col),
        )

    def _map(self, row: list[GridCell]) -> dict[int, GridCell]:
        cols = self.columns
        if cols.weight is not None and row[-1].col != cols.weight and parse_decimal(row[-1].text) is not None:
            # A row of a continuation page whose grid was cut differently (Xi'an): every cell is
            # filled up to 分值权重, so the cells are the rightmost columns, in order.
            order = cols.order
            if len(row) <= len(order):
                return {col: c for col, c in zip(order[len(order) - len(row):], row)}
        shift = self._shift(row)
        return {c.col + shift: c for c in row}

    def _target(self, mapped: dict[int, GridCell], name: str) -> TargetValue:
        cols = self.columns
        cell = mapped.get(cols.target)
        text = cell.text if cell else ""
        op = mapped.get(cols.op) if cols.op is not None else None
        unit = mapped.get(cols.unit) if cols.unit is not None else None
        unit_text = unit.text if unit else ""
        if op is not None and op.text not in _QUALITATIVE:
            target = TargetValue.parse(f"{op.text}{text}")
            if target.number is None:
                return TargetValue(text=text)
            return target.model_copy(update={"text": f"{op.text}{text}{unit_text}", "unit": target.unit or unit_text or None})
        target = TargetValue.parse(text)
        if target.number is not None and unit_text:
            target = target.model_copy(update={"text": f"{text}{unit_text}", "unit": target.unit or unit_text})
        if target.number is not None and target.unit is None and (m := _UNIT_IN_NAME.search(name)):
            target = target.model_copy(update={"unit": m.group(1)})
        return target


# ---------------------------------------------------------------- indicators packed in one cell

# One indicator of a cell that packs them all (Guangzhou's project list):
# '2、1－产出指标，12－质量指标，环境应急事件响应率；实施周期指标值：100%，年度指标值：100%;'.
# An indicator starts with its number ('1.' '2、', optional when it is the first) and its 一级 word
# with its code, then the 二级 words with theirs; the codes (1－, 12－) are optional.
_PACKED_START = re.compile(
    r"(?:\d{1,2}\s*[、.．]\s*)?(?:[1-4]\s*[－\-—–]\s*)?(产出指标|效益指标|满意度指标|成本指标)\s*[，,、]\s*"
    r"(?:\d{2}\s*[－\-—–]\s*)?([^，,、；;。：:\d]{2,12}?)\s*[，,、]")
# The label's colon; a sign printed in its place ('实施周期指标值》90%') is the value's own start.
_LABEL_END = r"\s*(?:[:：]|(?=[》>＞<＜≥≤≧≦=＝]))"
_PERIOD_VALUE = re.compile(r"实施周期(?:指标值|目标值)" + _LABEL_END)
_YEAR_VALUE = re.compile(r"(?:(?:年度|当年|本年)(?:指标值|目标值)|(?<![期度年])指标值)" + _LABEL_END)
_VALUE_END = "；;。，,、. "


def packed_indicators(text: str, source) -> tuple[Indicator, ...]:
    """The indicators a single cell lists one after another, with the period's and the year's values.

    The name runs from the 二级 words to the first value label ('实施周期指标值：', '年度指标值：');
    a value runs to the next label or indicator, less the separator printed after it. An item
    without a value label keeps its text as the name and an empty value (never a guessed one).
    """
    starts = [m for m in _PACKED_START.finditer(text) if _starts_item(text, m)]
    out = []
    for i, m in enumerate(starts):
        body = text[m.end(): starts[i + 1].start() if i + 1 < len(starts) else len(text)]
        period = _PERIOD_VALUE.search(body)
        year = _YEAR_VALUE.search(body, period.end() if period else 0)
        first_label = min((x.start() for x in (period, year) if x is not None), default=len(body))
        name = body[:first_label].strip(_VALUE_END)
        period_text = body[period.end(): year.start() if year and year.start() > period.end() else len(body)] \
            if period else None
        year_text = body[year.end():] if year else ""
        out.append(Indicator(
            level1=m.group(1), level2=m.group(2).strip(), name=name,
            target=TargetValue.parse(year_text.strip(_VALUE_END)),
            period_target=TargetValue.parse(period_text.strip(_VALUE_END)) if period_text is not None else None,
            source=source,
        ))
    return tuple(out)


def _starts_item(text: str, m: re.Match) -> bool:
    """An indicator starts at the cell's start or after a separator, or with its own number."""
    if m.start() == 0:
        return True
    return text[m.start() - 1] in "；;。，,：: \n" or text[m.start()].isdigit()
