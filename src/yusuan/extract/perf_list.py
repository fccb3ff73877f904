"""Performance targets printed as flat lists, one line per indicator (Beijing 预算12表 / 预算13表).

The project list (shape project_performance_list) prints every project in one table: the project's
cells (项目名称 '<code>-<name>', 项目总额, 其中 财政资金 / 其他资金, 绩效目标) stand on its first
line, merged down over its indicator lines; a page break repeats nothing but the header, and a long
name or goal goes on in its column on the next page. The overall list (shape
overall_performance_list) prints the money by source (预算支出总额, 财政拨款 / 其他资金 × 合计 /
基本支出 / 项目支出), the 整体绩效目标 text, then indicator lines grouped by 活动 — each 活动 is
read as one goal. Indicators are read by perf_indicators, under the header's columns.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Amount, AmountUnit, FundingLine, Goal, Indicator, OverallPerformance, ProjectPerformance, SourceRef
from ..model import StructureLine
from ..read.raw import RawLine
from ..reference.layouts import TableSpec, normalize_label
from .context import ExtractContext
from .numbers import parse_amount, parse_decimal, unit_in_line
from .perf_grid import GridCell, after, at, cells, plain_text
from .perf_indicators import IndicatorColumns, IndicatorReader, header_columns
from .sections import TableBlock

# '11000024T000002830551-统计监测分析…': the project code printed before the name.
_CODED_NAME = re.compile(r"^([0-9A-Z]{12,30})\s*[-－—]\s*(.+)$", re.S)
_FUNDING_HEADS = {"财政资金": "fiscal_grant", "财政拨款": "fiscal_grant", "其他资金": "other_funds"}


def _unit(block: TableBlock, spec: TableSpec, ctx: ExtractContext) -> AmountUnit:
    for line in (block.heading, *block.lines[:3]):
        unit = unit_in_line(line.text)
        if unit is not None:
            return unit
    return AmountUnit(spec.unit) if spec.unit else ctx.unit


def _amount(row: tuple[GridCell, ...], col: int | None, unit: AmountUnit, line: RawLine,
            ctx: ExtractContext) -> Amount | None:
    c = at(row, col)
    return parse_amount(c.text, unit, ctx.source(line, c.col)) if c else None


@dataclass
class _Project:
    name: str
    source: SourceRef
    annual: Amount | None
    funding: list[FundingLine]
    goal: str
    field_sources: dict[str, SourceRef]
    indicators: list[Indicator] = field(default_factory=list)

    def freeze(self) -> ProjectPerformance:
        m = _CODED_NAME.match(self.name)
        code, name = (m.group(1), m.group(2).strip()) if m else (None, self.name)
        goal = plain_text(self.goal) or None
        return ProjectPerformance(
            project_name=name, project_code=code, annual_budget=self.annual, funding=tuple(self.funding),
            annual_goal=goal,
            goals=(Goal(kind="annual", description=goal or "", indicators=tuple(self.indicators), source=self.source),),
            source=self.source, field_sources=tuple(self.field_sources.items()),
        )


def _is_header(row: tuple[GridCell, ...]) -> bool:
    return any(c.key in ("项目名称", "活动") for c in row) or (
        bool(row) and all(c.key in _FUNDING_HEADS or c.key in ("合计", "基本支出", "项目支出") for c in row))


def block_to_project_list(block: TableBlock, spec: TableSpec, ctx: ExtractContext) -> list[ProjectPerformance]:
    unit = _unit(block, spec, ctx)
    projects: list[_Project] = []
    header: list[RawLine] = []
    cols: dict[str, int] = {}
    reader: IndicatorReader | None = None
    page: int | None = None
    for line in block.lines:
        row = cells(line)
        if not row or not line.is_table_row:
            continue
        if _is_header(row):
            header = header + [line] if header and not any(c.key == "项目名称" for c in row) else [line]
            for c in row:
                for word, name in (("项目名称", "name"), ("项目总额", "annual"), ("绩效目标", "goal")):
                    if c.key == word:
                        cols[name] = c.col
                if c.key in _FUNDING_HEADS:
                    cols[f"funding.{_FUNDING_HEADS[c.key]}"] = c.col
            columns = header_columns(header)
            if columns is not None:
                reader = IndicatorReader(columns, ctx) if reader is None else _same_levels(reader, columns)
            continue
        if reader is None:
            continue
        name = at(row, cols.get("name"))
        annual = _amount(row, cols.get("annual"), unit, line, ctx)
        goal = at(row, cols.get("goal"))
        first_on_page, page = line.page != page, line.page
        if name is not None and annual is not None:
            pending = projects[-1] if projects and projects[-1].annual is None else None
            if pending is None:
                pending = _Project(name="", source=ctx.source(line, name.col), annual=None, funding=[], goal="",
                                   field_sources={})
                projects.append(pending)
            pending.name += name.text
            pending.annual = annual
            pending.source = ctx.source(line, name.col)
            pending.funding = [
                FundingLine(item=key.removeprefix("funding."), name=_funding_name(key), amount=a, source=a.source)
                for key in sorted(k for k in cols if k.startswith("funding."))
                if (a := _amount(row, cols[key], unit, line, ctx)) is not None]
            pending.goal += goal.text if goal else ""
            pending.field_sources = {"project_name": ctx.source(line, name.col),
                                     "annual_budget": ctx.source(line, cols["annual"])}
        elif projects and first_on_page and (name is not None or goal is not None):
            # The project's long name or goal carried on in its column after a page break.
            projects[-1].name += name.text if name else ""
            projects[-1].goal += goal.text if goal else ""
        elif goal is not None:
            # A merged goal cell opening below the first row: a new project whose name and amount
            # are printed in the part of their merged cells on the next page.
            projects.append(_Project(name="", source=ctx.source(line, goal.col), annual=None, funding=[],
                                     goal=goal.text, field_sources={}))
        if not projects:
            continue
        indicator = reader.read(line) if any(c.col >= reader.columns.name for c in row) else None
        if indicator is not None:
            projects[-1].indicators.append(indicator)
    return [p.freeze() for p in projects]


def _funding_name(key: str) -> str:
    item = key.removeprefix("funding.")
    return next(head for head, i in _FUNDING_HEADS.items() if i == item)


def _same_levels(reader: IndicatorReader, columns: IndicatorColumns) -> IndicatorReader:
    """The header repeated on a new page: same columns, and the merged 一级/二级 labels carry on."""
    fresh = IndicatorReader(columns, reader.ctx)
    fresh.level1, fresh.level2 = reader.level1, reader.level2
    return fresh


# ---------------------------------------------------------------- the overall list


def block_to_overall_list(block: TableBlock, spec: TableSpec, ctx: ExtractContext) -> OverallPerformance:
    """预算13表: unit, money by source (layout `lines: {structure: {path: item}}`), goal text, indicators."""
    unit = _unit(block, spec, ctx)
    items = {normalize_label(k): v for k, v in spec.lines.get("structure", {}).items()}
    unit_name: str | None = None
    field_sources: list[tuple[str, SourceRef]] = []
    summary: str | None = None
    structure: list[StructureLine] = []
    money_heads: list[tuple[GridCell, ...]] = []
    goals: dict[str, list[Indicator]] = {}
    goal_sources: dict[str, SourceRef] = {}
    activity_col: int | None = None
    reader: IndicatorReader | None = None
    for line in block.lines:
        row = cells(line)
        if not row or not line.is_table_row:
            continue
        keys = [c.key for c in row]
        if "部门名称" in keys or "单位名称" in keys:
            label = next(c for c in row if c.key in ("部门名称", "单位名称"))
            value = next(iter(after(row, label.col)), None)
            if value is not None:
                unit_name = value.text
                field_sources.append(("unit_name", ctx.source(line, value.col)))
            continue
        if "整体绩效目标" in keys:
            label = max((c for c in row if c.key == "整体绩效目标"), key=lambda c: c.col)
            summary = plain_text("\n".join(c.text for c in after(row, label.col))) or None
            continue
        if reader is None and "活动" in keys:
            activity_col = next(c.col for c in row if c.key == "活动")
            columns = header_columns([line])
            if columns is not None:
                reader = IndicatorReader(columns, ctx)
            continue
        if reader is not None:
            activity = at(row, activity_col)
            indicator = reader.read(line)
            if indicator is not None:
                name = activity.text if activity else ""
                goals.setdefault(name, []).append(indicator)
                goal_sources.setdefault(name, ctx.source(line, activity.col if activity else None))
            continue
        numbers = [c for c in row if parse_decimal(c.text) is not None]
        if numbers and len(numbers) == len([c for c in row if c.col > 0]):
            structure.extend(_structure(line, row, money_heads, items, unit, ctx))
        elif not numbers and not structure:
            money_heads.append(tuple(c for c in row if not c.key.startswith("总体资金情况")))
    return OverallPerformance(
        unit_name=unit_name, annual_summary=summary, structure=tuple(structure),
        goals=tuple(Goal(kind="annual", title=name or None, indicators=tuple(indicators), source=goal_sources[name])
                    for name, indicators in goals.items()),
        source=ctx.source(block.heading), field_sources=tuple(field_sources),
    )


def _structure(line: RawLine, row: tuple[GridCell, ...], heads: list[tuple[GridCell, ...]],
               items: dict[str, str], unit: AmountUnit, ctx: ExtractContext) -> list[StructureLine]:
    """The amounts row under its (one or two) header lines: each amount named by its header path."""
    out = []
    for c in row:
        names = []
        for i, head in enumerate(heads):
            over = [h for h in head if h.col <= c.col]
            nearest = max(over, key=lambda h: h.col) if over else None
            # The first header line holds groups spanning leaves ('财政拨款'); later lines name the
            # leaf right over the amount ('合计') or nothing (the group is the leaf: '预算支出总额').
            if nearest is not None and (i == 0 or nearest.col == c.col):
                names.append(nearest.text)
        key = normalize_label("/".join(names))
        item = items.get(key)
        if item is None:
            continue
        out.append(StructureLine(side="expenditure", item=item, name="/".join(names),
                                 amount=parse_amount(c.text, unit, ctx.source(line, c.col)),
                                 source=ctx.source(line, c.col)))
    return out
