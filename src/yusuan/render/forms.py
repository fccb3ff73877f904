"""Performance tables (表11 整体支出绩效目标表, 表12-n 项目支出绩效目标表) as form grids.

They are forms, not ledgers: labels beside values, merged cells, indicator trees whose 一级/二级
指标 span the rows below them. Laid out after the Wuhan sample; the result is a Grid like any
other table, so every format prints it with the same code.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Sequence

from ..model import Amount, Goal, Indicator, OverallPerformance, ProjectPerformance
from .grid import Grid, GridCell

NCOLS = 8


def _amount(a: Amount | None) -> GridCell:
    if a is None:
        return GridCell("", kind="amount", align="right")
    return GridCell(a.display(), kind="amount", value=Decimal(a.display()), places=a.places, align="right")


def _share(share: Decimal | None, text: str | None) -> str:
    if text:
        return text
    return f"{share.normalize():f}%" if share is not None else ""


_P_TAG = re.compile(r"</?p>", re.I)


def paragraphs_of(text: str) -> list[str]:
    """Paragraphs of a form text; some sources carry literal <p> markup, which is not printed."""
    return [part.strip() for part in _P_TAG.sub("\n", text).splitlines() if part.strip()]


class _Form:
    def __init__(self) -> None:
        self.rows: list[tuple[GridCell, ...]] = []

    def add(self, *cells: GridCell) -> None:
        self.rows.append(tuple(cells))

    def field(self, label: str, value: str, span: int = NCOLS - 1) -> None:
        """A label beside a text; a text of several paragraphs takes one row each (rows stay short
        enough for a page), the label spanning them."""
        parts = paragraphs_of(value) or [""]
        self.add(GridCell(label, kind="label", align="center", rowspan=len(parts)), GridCell(parts[0], colspan=span))
        for part in parts[1:]:
            self.add(GridCell(part, colspan=span))

    def pair(self, l1: str, v1: str | GridCell, l2: str, v2: str | GridCell) -> None:
        def val(v):
            return v if isinstance(v, GridCell) else GridCell(v or "")
        a, b = val(v1), val(v2)
        self.add(GridCell(l1, kind="label", align="center"), _span(a, 3),
                 GridCell(l2, kind="label", align="center"), _span(b, 3))

    def section(self, title: str) -> None:
        self.add(GridCell(title, kind="section", colspan=NCOLS, bold=True, align="center"))


def _span(cell: GridCell, n: int) -> GridCell:
    return GridCell(cell.text, kind=cell.kind, value=cell.value, places=cell.places, colspan=n, align=cell.align)


def _h(text: str, colspan: int = 1, rowspan: int = 1) -> GridCell:
    return GridCell(text, kind="head", colspan=colspan, rowspan=rowspan, align="center", bold=True)


def _indicator_rows(indicators: Sequence[Indicator], years: Sequence[int], first: GridCell | None) -> list[list[GridCell]]:
    """Indicator tree rows: 一级 and 二级 cells span their consecutive children.

    With `years` (annual goals) the value takes one column per prior year plus this year's;
    otherwise the value spans three columns. `first` is a label cell spanning every row.
    """
    rows: list[list[GridCell]] = []
    n = len(indicators)
    i = 0
    while i < n:
        j = i
        while j < n and indicators[j].level1 == indicators[i].level1:
            j += 1
        k = i
        while k < j:
            m = k
            while m < j and indicators[m].level2 == indicators[k].level2:
                m += 1
            for idx in range(k, m):
                ind = indicators[idx]
                cells: list[GridCell] = []
                if idx == 0 and first is not None:
                    cells.append(GridCell(first.text, kind="label", rowspan=n, align="center"))
                if idx == i:
                    cells.append(GridCell(ind.level1, rowspan=j - i, align="center"))
                if idx == k:
                    cells.append(GridCell(ind.level2, rowspan=m - k, align="center"))
                cells.append(GridCell(ind.name))
                if years:
                    history = dict(ind.history)
                    cells += [GridCell(history[y].text if y in history else "", align="center") for y in years]
                    cells.append(GridCell(ind.target.text, align="center"))
                else:
                    cells.append(GridCell(ind.target.text, colspan=3, align="center"))
                cells.append(GridCell(ind.basis or "", align="center"))
                rows.append(cells)
            k = m
        i = j
    return rows


def _years(goal: Goal) -> list[int]:
    return sorted({y for ind in goal.indicators for y, _ in ind.history})[-2:]


def _goal_block(form: _Form, goal: Goal, label: str, year: int) -> None:
    years = _years(goal) if goal.kind == "annual" else []
    if goal.kind == "annual" and not years:
        years = [year - 2, year - 1]
    head1 = [_h(label if label else "", rowspan=2 if years else 1), _h("一级指标", rowspan=2 if years else 1),
             _h("二级指标", rowspan=2 if years else 1), _h("三级指标", rowspan=2 if years else 1)]
    if years:
        form.add(*head1, _h("指标值", colspan=len(years) + 1), _h("指标值确定依据", rowspan=2))
        form.add(*[_h(f"{y}年") for y in years], _h("预期当年实现值"))
    else:
        form.add(*head1, _h("指标值", colspan=3), _h("指标值确定依据"))
    label_cell = GridCell("年度绩效目标" if goal.kind == "annual" else "长期绩效目标")
    for cells in _indicator_rows(goal.indicators, years, label_cell):
        form.add(*cells)


def overall_grid(perf: OverallPerformance, unit_name: str, year: int) -> Grid:
    form = _Form()
    form.field("单位名称", perf.unit_name or unit_name)
    form.pair("填报人", perf.filler or "", "联系电话", perf.phone or "")
    lines = perf.structure
    # two prior years, as the form prints them ("近两年收支金额")
    years = (sorted({y for line in lines for y, _ in line.history}) or [year - 2, year - 1])[-2:]
    if lines:
        form.add(GridCell("单位总体资金情况", kind="label", rowspan=len(lines) + 2, align="center"),
                 _h("总体资金情况", 2, 2), _h("当年金额", 1, 2), _h("占比", 1, 2), _h("近两年收支金额", 3))
        form.add(_h(f"{years[0]}年"), _h(f"{years[-1]}年", 2))
        for side, title in (("income", "收入构成"), ("expenditure", "支出构成")):
            group = [line for line in lines if line.side == side]
            for i, line in enumerate(group):
                cells = [GridCell(title, rowspan=len(group), align="center")] if i == 0 else []
                history = dict(line.history)
                cells += [GridCell(line.name), _amount(line.amount),
                          GridCell(_share(line.share, line.share_text), align="right"),
                          _amount(history.get(years[0])), _span(_amount(history.get(years[-1])), 2)]
                form.add(*cells)
    form.field("单位职能概述", perf.functions or "")
    form.field("年度工作任务", perf.annual_tasks or "")
    if perf.projects:
        form.add(GridCell("项目支出情况", kind="label", rowspan=len(perf.projects) + 1, align="center"),
                 _h("项目名称", 2), _h("支出项目类别"), _h("项目总预算"), _h("项目本年度预算"), _h("项目主要支出方向和用途", 2))
        for p in perf.projects:
            form.add(GridCell(p.name, colspan=2), GridCell(p.category or "", align="center"), _amount(p.total_budget),
                     _amount(p.annual_budget), GridCell(p.direction or "", colspan=2))
    form.add(GridCell("整体绩效总目标", kind="label", rowspan=2, align="center"),
             _h("长期目标", 3), _h("年度目标", 4))
    form.add(GridCell(perf.long_term_summary or "", colspan=3), GridCell(perf.annual_summary or "", colspan=4))
    counters = {"long_term": 0, "annual": 0}
    for goal in perf.goals:
        counters[goal.kind] = counters.get(goal.kind, 0) + 1
        word = "长期目标" if goal.kind == "long_term" else "年度目标"
        form.field(goal.title or f"{word} {counters[goal.kind]}:", goal.description)
        _goal_block(form, goal, "长期绩效指标" if goal.kind == "long_term" else "年度绩效指标", year)
    return Grid(NCOLS, (), tuple(form.rows), (1.6, 1.2, 1.4, 2.4, 1.2, 1.2, 1.3, 1.4))


_FUNDING_ORDER = ("total", "general_budget", "own_financing", "gov_fund", "special_account", "unit_funds", "carryover")


def project_grid(p: ProjectPerformance, year: int) -> Grid:
    form = _Form()
    form.pair("项目名称", p.project_name, "项目编码", p.project_code or "")
    form.pair("项目主管部门", p.department or "", "项目执行单位", p.executing_unit or "")
    form.pair("项目负责人", p.leader or "", "联系电话", p.phone or "")
    form.pair("单位地址", p.address or "", "邮政编码", p.postcode or "")
    form.field("项目属性", p.attribute or "")
    form.field("支出项目类别", p.category or "")
    form.pair("起始年度", str(p.start_year or ""), "终止年度", str(p.end_year or ""))
    form.field("项目申请理由", p.reason or "")
    form.field("项目主要内容", p.content or "")
    form.pair("项目总预算", _amount(p.total_budget), "项目当年预算", _amount(p.annual_budget))
    form.field("项目前两年预算及当年预算变动情况", p.budget_history_text or "")
    if p.funding:
        form.add(GridCell("项目当年资金来源", kind="label", rowspan=len(p.funding) + 1, align="center"),
                 _h("来源项目", 5), _h("金额", 2))
        for line in p.funding:
            form.add(GridCell(line.name, colspan=5), _span(_amount(line.amount), 2))
    form.section("项目支出明细测算")
    form.add(_h("项目活动"), _h("活动内容表述", 2), _h("支出经济分类"), _h("金额"), _h("测算依据及说明", 2), _h("备注"))
    for c in p.costs:
        form.add(GridCell(c.activity), GridCell(c.content or "", colspan=2), GridCell(c.economic_name or "", align="center"),
                 _amount(c.amount), GridCell(c.basis or "", colspan=2), GridCell(c.note or ""))
    form.section("项目采购")
    form.add(_h("品名", 4), _h("数量", 2), _h("金额", 2))
    for name, qty, amount in p.purchases:
        form.add(GridCell(name, colspan=4), GridCell(qty, colspan=2, align="center"), _span(_amount(amount), 2))
    form.section("项目绩效总目标")
    form.add(_h("名称", 2), _h("目标说明", 6))
    form.add(GridCell("长期绩效目标", kind="label", colspan=2, align="center"), GridCell(p.long_term_goal or "", colspan=6))
    form.add(GridCell("年度绩效目标", kind="label", colspan=2, align="center"), GridCell(p.annual_goal or "", colspan=6))
    for goal in p.goals:
        form.section("长期绩效目标表" if goal.kind == "long_term" else "年度绩效目标表")
        _goal_block(form, goal, "目标名称", year)
    return Grid(NCOLS, (), tuple(form.rows), (1.6, 1.2, 1.4, 2.4, 1.2, 1.2, 1.3, 1.4))
