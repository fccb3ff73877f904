"""A document that is only the 项目支出绩效目标表 attachment of a budget, read as such.

Some departments publish their project performance targets as a file of its own, apart from the
budget tables (Guangzhou 2026: '广州市生态环境局2026年项目支出绩效目标表（含转移支付项目）', 140 pages).
It is one list: a header line (项目名称（资金使用单位）| 总计 | 财政拨款 | 财政专户拨款 | 其他资金 |
绩效目标 | 绩效指标) printed again on every page, a 合计 line over all projects, then each spending
unit on a line of its own (its name and the sum of its projects, no goal) followed by its projects,
one line each: name, amounts by source, the goal text, and every indicator packed in one cell
('1.1－产出指标，11－数量指标，…；实施周期指标值：…，年度指标值：…；2、…').

Found by content, not by a layout: the header names a project column, a goal column, an indicator
column and at least one amount column. The title (the running head above every page) gives the
year; the '部门名称：' line the department.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import (
    Amount,
    AmountUnit,
    Budget,
    DocumentKind,
    DocumentLevel,
    FundingLine,
    Goal,
    ProjectListTotal,
    Location,
    ProjectPerformance,
    SourceRef,
    Unit,
)
from ..read.raw import RawDocument, RawLine, UnreadableError
from ..reference.layouts import normalize_label
from .context import ExtractContext
from .numbers import parse_amount, parse_decimal, unit_in_line
from .perf_grid import GridCell, at, cells, plain_text
from .perf_indicators import packed_indicators

# Amount columns of the header, by their printed label (colon and spaces dropped).
_MONEY = (
    ("总计", "total"), ("合计", "total"), ("项目总额", "total"), ("金额", "total"),
    ("一般公共预算", "general_budget"), ("政府性基金", "gov_fund"), ("国有资本经营", "state_capital"),
    ("财政专户", "special_account"), ("财政拨款", "fiscal_grant"), ("财政资金", "fiscal_grant"),
    ("单位资金", "unit_funds"), ("上年结转", "carryover"), ("其他资金", "other_funds"),
)
_NONE_MARKS = frozenset({"-", "－", "—", "--", "/"})  # printed for 'none' in an amount cell
_TOTAL_NAME = re.compile(r"^(?:合计|总计)[:：]?$")
# '11000024T000002830551-统计监测分析…': a project code printed before the name.
_CODED_NAME = re.compile(r"^([0-9A-Z]{12,30})\s*[-－—]\s*(.+)$", re.S)
_DEPARTMENT = re.compile(r"^(部门名称|单位名称|预算单位|部门)\s*[:：]\s*(.+)$")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


@dataclass(frozen=True)
class ListColumns:
    name: int
    goal: int
    indicators: int
    money: tuple[tuple[str, str, int], ...]  # (item, printed label, column)

    @property
    def total(self) -> int | None:
        return next((col for item, _, col in self.money if item == "total"), None)

    @property
    def sources(self) -> tuple[tuple[str, str, int], ...]:
        return tuple(m for m in self.money if m[0] != "total")


def list_columns(line: RawLine) -> ListColumns | None:
    """The columns a header line names, when it is the header of a list of project forms."""
    if not line.is_table_row:
        return None
    name = goal = indicators = None
    money: list[tuple[str, str, int]] = []
    for c in cells(line):
        key = c.key.rstrip(":：")
        if "项目名称" in key and name is None:
            name = c.col
        elif key in ("绩效目标", "年度绩效目标", "项目绩效目标") and goal is None:
            goal = c.col
        elif key in ("绩效指标", "年度绩效指标", "绩效指标及指标值") and indicators is None:
            indicators = c.col
        else:
            item = next((item for word, item in _MONEY if key.startswith(word)), None)
            if item is not None and all(m[0] != item for m in money):
                money.append((item, c.text.rstrip(":：").strip(), c.col))
    if name is None or goal is None or indicators is None or not money:
        return None
    return ListColumns(name=name, goal=goal, indicators=indicators, money=tuple(money))


@dataclass
class _Draft:
    name: str
    unit: str | None
    amounts: dict[str, tuple[Amount, SourceRef]]
    goal: str
    indicators: str
    source: SourceRef
    indicator_source: SourceRef | None
    field_sources: dict[str, SourceRef] = field(default_factory=dict)


@dataclass(frozen=True)
class ProjectList:
    """What the attachment holds, read."""

    title: str | None
    department: str | None
    year: int | None
    unit: AmountUnit
    projects: tuple[ProjectPerformance, ...]
    totals: tuple[ProjectListTotal, ...]
    level: DocumentLevel  # 部门 when the list names a 部门 ('部门名称：…') or its title says 部门


def find_project_list(raw: RawDocument) -> tuple[RawLine, ListColumns] | None:
    """The first header line of a list of project forms, with its columns (None when there is none)."""
    for line in raw.lines():
        if line.is_table_row:
            columns = list_columns(line)
            if columns is not None:
                return line, columns
    return None


def read_project_list(raw: RawDocument, header: RawLine, columns: ListColumns, ctx: ExtractContext,
                      default_unit: AmountUnit) -> ProjectList:
    lines = list(raw.lines())
    start = next(i for i, line in enumerate(lines) if line is header)
    page = next((p for p in raw.pages if p.number == header.page), None)
    above = [line for line in lines[:start] if line.page == header.page and not line.is_table_row]
    heads = [*(page.running if page else ()), *above]
    title = next((line.text.strip() for line in heads if "绩效目标" in line.text), None)
    named = next((m for line in heads if (m := _DEPARTMENT.match(line.text.strip()))), None)
    department = named.group(2).strip() if named else None
    level = DocumentLevel.DEPARTMENT if (named and named.group(1).startswith("部门")) or "部门" in (title or "") \
        else DocumentLevel.UNIT
    unit = next((u for line in heads if (u := unit_in_line(line.text)) is not None), default_unit)
    year_match = _YEAR.search(title or "")

    drafts: list[_Draft] = []
    totals: list[tuple[str, str, dict[str, tuple[Amount, SourceRef]], SourceRef, int]] = []
    current_unit: str | None = None
    last_page = None
    header_key = normalize_label(at(cells(header), columns.name).text)
    first_on_page = False  # no data row read yet on this page
    for line in lines[start + 1:]:
        if line.page != last_page:
            first_on_page, last_page = True, line.page
        if not line.is_table_row:
            continue
        row = cells(line)
        name_cell = at(row, columns.name)
        if name_cell is not None and name_cell.key == header_key:
            continue  # the header printed again on a new page
        was_first, first_on_page = first_on_page, False
        amounts = _amounts(line, row, columns, unit, ctx)
        goal, indicators = at(row, columns.goal), at(row, columns.indicators)
        if name_cell is None and not amounts and (goal or indicators) and drafts and was_first:
            # The last project's line goes on over the page break: its goal and indicators continue.
            drafts[-1].goal += goal.text if goal else ""
            drafts[-1].indicators += indicators.text if indicators else ""
            continue
        if name_cell is None:
            if amounts or goal or indicators:
                ctx.issue("P006", f"第{line.page}页第{line.line_no}行：没有项目名称的行，未纳入模型",
                          Location(table="project_performance", source=ctx.source(line)))
            continue
        if _TOTAL_NAME.match(name_cell.key):
            totals.append(("all", name_cell.text, amounts, ctx.source(line, name_cell.col), len(drafts)))
            continue
        if goal is None and indicators is None and amounts:
            # A spending unit's line: its name and the sum of the projects listed under it.
            current_unit = name_cell.text
            totals.append(("unit", name_cell.text, amounts, ctx.source(line, name_cell.col), len(drafts)))
            continue
        drafts.append(_Draft(
            name=name_cell.text, unit=current_unit, amounts=amounts, goal=goal.text if goal else "",
            indicators=indicators.text if indicators else "", source=ctx.source(line, name_cell.col),
            indicator_source=ctx.source(line, indicators.col) if indicators else None,
            field_sources={"project_name": ctx.source(line, name_cell.col)}))

    projects = tuple(_freeze(d, department, columns) for d in drafts)
    frozen_totals = []
    for i, (scope, name, amounts, source, first) in enumerate(totals):
        if scope == "all":
            count = len(drafts) - first
        else:
            following = next((t[4] for t in totals[i + 1:] if t[0] == "unit"), len(drafts))
            count = following - first
        total = amounts.get("total")
        frozen_totals.append(ProjectListTotal(
            scope=scope, name=name, amount=total[0] if total else None,
            funding=_funding(amounts, columns), first=first, count=count, source=source))
    return ProjectList(
        title=title, department=department, year=int(year_match.group(1)) if year_match else None, unit=unit,
        projects=projects, totals=tuple(frozen_totals), level=level)


def _amounts(line: RawLine, row: tuple[GridCell, ...], columns: ListColumns, unit: AmountUnit,
             ctx: ExtractContext) -> dict[str, tuple[Amount, SourceRef]]:
    out = {}
    for item, _, col in columns.money:
        c = at(row, col)
        if c is None:
            continue  # a blank cell is not 0
        source = ctx.source(line, col)
        if parse_decimal(c.text) is None:
            if c.text not in _NONE_MARKS:
                ctx.issue("P002", f"第{line.page}页第{line.line_no}行：金额“{c.text[:20]}”不是数字，已按空白处理",
                          Location(table="project_performance", source=source))
            continue
        amount = parse_amount(c.text, unit, source)
        if amount is not None:
            out[item] = (amount, source)
    return out


def _funding(amounts: dict[str, tuple[Amount, SourceRef]], columns: ListColumns) -> tuple[FundingLine, ...]:
    return tuple(FundingLine(item=item, name=label, amount=amounts[item][0], source=amounts[item][1])
                 for item, label, _ in columns.sources if item in amounts)


def _freeze(d: _Draft, department: str | None, columns: ListColumns) -> ProjectPerformance:
    m = _CODED_NAME.match(d.name)
    code, name = (m.group(1), m.group(2).strip()) if m else (None, d.name)
    goal = plain_text(d.goal) or None
    indicators = packed_indicators(plain_text(d.indicators), d.indicator_source or d.source)
    total = d.amounts.get("total")
    field_sources = dict(d.field_sources)
    if total is not None:
        field_sources["annual_budget"] = total[1]
    return ProjectPerformance(
        project_name=name, project_code=code, department=department, executing_unit=d.unit,
        annual_budget=total[0] if total else None, funding=_funding(d.amounts, columns), annual_goal=goal,
        goals=(Goal(kind="annual", description=goal or "", indicators=indicators, source=d.source),),
        source=d.source, field_sources=tuple(field_sources.items()),
    )


def read_attachment(raw: RawDocument, header: RawLine, columns: ListColumns, ctx: ExtractContext) -> Budget:
    """The Budget of a document that holds only a list of project forms (no tables, no sections)."""
    read = read_project_list(raw, header, columns, ctx, ctx.unit)
    if read.year is None:
        raise UnreadableError(f"{raw.path}：项目支出绩效目标表没有印出年度，无法确定预算年度")
    ctx.unit, ctx.year = read.unit, read.year
    title = read.title or "项目支出绩效目标表"
    kind = DocumentKind.FINAL_ACCOUNTS if "决算" in title else DocumentKind.BUDGET
    for project in read.projects:
        goal = project.goals[0] if project.goals else None
        if goal is not None and not goal.indicators and project.source is not None:
            ctx.issue("P006", f"第{project.source.page}页 项目“{project.project_name}”：绩效指标未能读取",
                      Location(table="project_performance", table_title=title, row=project.project_name,
                               source=project.source))
    budget = Budget(
        unit=Unit(name=read.department or ""), year=read.year, kind=kind, level=read.level, amount_unit=read.unit,
        layout=ctx.layout.id, title=title, source_file=raw.path, project_performance=read.projects,
        project_performance_totals=read.totals, attachment="project_performance", source=ctx.source(header),
    )
    attachment_notice(budget, ctx)
    return budget


def attachment_notice(budget: Budget, ctx: ExtractContext) -> None:
    """Say once what the file is: the project performance forms alone, not the budget."""
    title = budget.title or "项目支出绩效目标表"
    first = budget.project_performance[0].source if budget.project_performance else None
    ctx.issue("P008", f"本文件是预算公开的附件“{title}”，没有预算表格和情况说明："
                      f"读取了 {len(budget.project_performance)} 个项目的资金和绩效目标；关键数字为空，预算表格不作为缺失报告",
              Location(table="project_performance", table_title=title, source=budget.source or first))
