"""Budgets still to be filled in, for `yusuan new`: a blank skeleton of a layout, or next year's
document built from last year's.

The amounts of the year in these budgets are zero placeholders (printed blank, `~`, by
`yaml_out.template_yaml`); only history is real: last year's figures go to `prior`, and the
history columns of the performance tables move on by one year.
"""
from __future__ import annotations

import re
from decimal import Decimal

from ..extract.yaml_budget import SINGLE_ROW_NAMES, TOTAL_ITEMS, TWO_SIDED_MEASURE
from ..model import (
    Amount,
    AmountUnit,
    Budget,
    Cell,
    Column,
    DocumentKind,
    DocumentLevel,
    Goal,
    OtherMatter,
    OverallPerformance,
    PriorFigure,
    ProjectPerformance,
    Row,
    RowLevel,
    Side,
    StructureLine,
    Subject,
    Table,
    Unit,
)
from ..reference.codebook import load_codebook
from ..reference.layouts import GRID_SHAPES, Layout, TableSpec, load_layout, measure_zh, measures

# Table 11's structure lines as the Wuhan form prints them.
STRUCTURE_LINES = (
    ("income", "fiscal_grant", "财政拨款"), ("income", "special_account", "财政专户管理资金"),
    ("income", "unit_funds", "单位资金"), ("income", "total", "合计"),
    ("expenditure", "personnel", "人员类项目支出"), ("expenditure", "operation", "运转类项目支出"),
    ("expenditure", "specific", "特定目标类项目支出"), ("expenditure", "total", "合计"),
)
OTHER_MATTERS = (
    ("gov_operation_cost", "机关运行经费"), ("procurement", "政府采购"), ("purchase_services", "政府购买服务"),
    ("entrusted_fee", "委托业务费"), ("assets", "国有资产占有使用"), ("performance", "预算绩效管理"),
)
# The subjects narrative/generate.py compares with the prior year (its `_Writer.compared` calls):
# kind → (table, row chooser, measure). Function lines are added per 项 row of table 5-1.
THREE_PUBLIC_PRIORS = (
    ("three_public", "three_public_total"), ("three_public_abroad", "abroad"),
    ("three_public_vehicle", "vehicle_total"), ("three_public_reception", "reception"),
)


def _zero(unit: AmountUnit, places: int) -> Amount:
    return Amount(value=Decimal(0), unit=unit, places=places)


def _blank(amount: Amount | None) -> Amount | None:
    """A placeholder with the unit and places of the amount it stands for."""
    return None if amount is None else _zero(amount.unit, amount.places)


def _plain(amount: Amount) -> Amount:
    return amount.model_copy(update={"source": None})


def _default_columns(spec: TableSpec) -> tuple[Column, ...]:
    ids = (TWO_SIDED_MEASURE,) if spec.shape == "two_sided" else spec.columns
    return tuple(Column(measure=m, label=measure_zh(m)) for m in ids)


# --- a blank skeleton -----------------------------------------------------------------------------


def skeleton_budget(unit_name: str, year: int, code: str | None = None, layout_id: str = "wuhan_unit") -> Budget:
    """Every table of the layout with its rows' shape and zero placeholders. KeyError: unknown layout."""
    layout = load_layout(layout_id)
    unit = AmountUnit(layout.unit)
    zero = _zero(unit, layout.places)
    tables = tuple(_skeleton_table(spec, layout, unit_name, code, year, zero)
                   for spec in layout.tables if spec.shape in GRID_SHAPES)
    overall = None
    if layout.table("overall_performance") is not None:
        overall = OverallPerformance(unit_name=unit_name, structure=tuple(
            StructureLine(side=side, item=item, name=name, amount=zero) for side, item, name in STRUCTURE_LINES))
    return Budget(
        unit=Unit(name=unit_name, code=code), year=year, amount_unit=unit, layout=layout.id,
        kind=DocumentKind(layout.kind), level=DocumentLevel(layout.level),
        title=f"{unit_name} {year} 年{layout.level}{layout.kind}", tables=tables, overall_performance=overall,
        other_matters=tuple(OtherMatter(item=item, title=title) for item, title in OTHER_MATTERS),
    )


def _skeleton_table(spec: TableSpec, layout: Layout, unit_name: str, code: str | None, year: int,
                    zero: Amount) -> Table:
    cells = tuple(Cell(measure=m, amount=zero) for m in spec.columns)
    if spec.shape == "two_sided":
        rows = _two_sided_rows(spec, year, Cell(measure=TWO_SIDED_MEASURE, amount=zero))
    elif spec.shape == "by_code":
        rows = (Row(name="合计", level=RowLevel.TOTAL, cells=cells),)
    elif spec.shape == "by_unit":
        rows = (Row(name=unit_name, code=code, level=RowLevel.UNIT, cells=cells),)
    elif spec.shape == "single_row":
        rows = (Row(name=SINGLE_ROW_NAMES.get(spec.id, "合计"), cells=cells),)
    else:  # projects: the preparer lists them (a commented example shows the shape)
        rows = ()
    return Table(id=spec.id, number=spec.number, title=spec.title, unit=AmountUnit(layout.unit),
                 columns=_default_columns(spec), rows=rows)


def _first_labels(lines: dict[str, str]) -> list[tuple[str, str]]:
    """(item, label) once per item, with the first label the layout lists for it."""
    seen: dict[str, str] = {}
    for label, item in lines.items():
        seen.setdefault(item, label)
    return list(seen.items())


def _two_sided_rows(spec: TableSpec, year: int, cell: Cell) -> tuple[Row, ...]:
    income_labels = _first_labels(dict(spec.lines.get("income", {})))
    labels = dict(income_labels)
    rows: list[Row] = []
    for item, label in income_labels:
        rows.append(_line(label, item, Side.INCOME, cell))
        for fund, sub_item in spec.sublines_after.get(item, {}).items():
            rows.append(_line(labels.get(fund, fund), sub_item, Side.INCOME, cell))
    expenditure = _first_labels(dict(spec.lines.get("expenditure", {})))
    # Tables that open the income side with its current total (表4 本年收入) open the other side alike.
    lead = expenditure[:1] if income_labels and income_labels[0][0] == "income_current_total" else []
    classes = [Row(name=e.name, code=e.code, level=RowLevel.CLASS, side=Side.EXPENDITURE, cells=(cell,))
               for e in load_codebook().function_codes(year) if len(e.code) == 3]
    rows += [_line(label, item, Side.EXPENDITURE, cell) for item, label in lead] + classes
    rows += [_line(label, item, Side.EXPENDITURE, cell) for item, label in expenditure[len(lead):]]
    return tuple(rows)


def _line(label: str, item: str, side: Side, cell: Cell) -> Row:
    level = RowLevel.TOTAL if item in TOTAL_ITEMS else RowLevel.LINE
    return Row(name=label, item=item, level=level, side=side, cells=(cell,))


# --- next year from last year ---------------------------------------------------------------------


def prior_figures(budget: Budget) -> tuple[PriorFigure, ...]:
    """The budget's own figures as the prior-year block of the next year's document: the subjects
    the narrative generator compares (total, general_budget, every 项 of table 5-1, 三公 lines).
    A blank cell is a zero, as the generator reads it."""
    try:
        places = load_layout(budget.layout).places
    except KeyError:
        places = 2
    zero = _zero(budget.amount_unit, places)

    def figure(subject: Subject, amount: Amount | None) -> PriorFigure:
        return PriorFigure(subject=subject, amount=_plain(amount) if amount else zero, year=budget.year)

    out: list[PriorFigure] = []
    summary = budget.table("income_expenditure_summary")
    total_row = summary.row(item="income_total") if summary else None
    if total_row is not None:
        out.append(figure(Subject(kind="total"), total_row.get(TWO_SIDED_MEASURE)))
    general = budget.table("general_budget_by_function")
    general_total = general.total_row() if general else None
    if general_total is not None:
        out.append(figure(Subject(kind="general_budget"), general_total.get("total")))
    for row in general.rows if general else ():
        if row.level is RowLevel.ITEM and row.code:
            out.append(figure(Subject(kind="function", code=row.code, name=row.name), row.get("total")))
    three = budget.table("three_public")
    if three is not None and three.rows:
        for kind, measure in THREE_PUBLIC_PRIORS:
            out.append(figure(Subject(kind=kind), three.rows[0].get(measure)))
    return tuple(out)


def next_year_budget(last: Budget, year: int) -> Budget:
    """Next year's document to fill in: last year's unit, layout, tables, projects and targets,
    amounts blank, last year's figures as `prior` (each with an empty reason to write)."""
    priors = tuple(p.model_copy(update={"reason": ""}) for p in prior_figures(last))
    title = _shift_years(last.title, last.year, year) if last.title else None
    return Budget(
        unit=last.unit, year=year, kind=last.kind, level=last.level, amount_unit=last.amount_unit,
        layout=last.layout, title=title, overview=last.overview,
        tables=_next_tables(last, year),
        overall_performance=_next_overall(last.overall_performance, last.year, year),
        project_performance=tuple(_next_project(p, last.year, year) for p in last.project_performance),
        other_matters=tuple(m.model_copy(update={"source": None}) for m in last.other_matters),
        glossary=last.glossary, prior=priors,
    )


def _next_tables(last: Budget, year: int) -> tuple[Table, ...]:
    """Last year's tables, blank, plus a skeleton of each table the layout requires that last year's
    document lacked (a text without 表2, the narrative half of a two-file document): the new document
    is to have them. In the layout's order, as the YAML reader gives them."""
    tables = [_next_table(t, last, year) for t in last.tables]
    try:
        layout = load_layout(last.layout)
    except KeyError:
        return tuple(tables)
    have = {t.id for t in tables}
    zero = _zero(last.amount_unit, layout.places)
    tables += [_skeleton_table(spec, layout, last.unit.name, last.unit.code, year, zero)
               .model_copy(update={"unit": last.amount_unit})
               for spec in layout.tables if spec.required and spec.shape in GRID_SHAPES and spec.id not in have]
    order = {spec.id: i for i, spec in enumerate(layout.tables)}
    return tuple(sorted(tables, key=lambda t: order.get(t.id, len(order))))


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _shift_years(text: str, last_year: int, year: int) -> str:
    """'2026 年度收支预算总表' → '2027 …', '2025 年执行数' → '2026 …': the years a table names move on
    with the document (older years are history and stay)."""
    def shift(m: re.Match) -> str:
        y = int(m.group())
        return str(y + year - last_year) if last_year - 2 <= y <= last_year else m.group()
    return _YEAR.sub(shift, text)


def _next_table(table: Table, last: Budget, year: int) -> Table:
    rows = tuple(r.model_copy(update={"source": None, "cells": tuple(
        Cell(measure=c.measure, amount=_blank(c.amount)) for c in r.cells)}) for r in table.rows)
    try:
        spec = load_layout(last.layout).table(table.id)
    except KeyError:
        spec = None
    if spec is not None and spec.shape == "single_row" and rows:
        # One line of a few columns: show them all, whichever were blank last year.
        places = max((c.amount.places for c in rows[0].cells), default=2)
        have = {c.measure for c in rows[0].cells}
        cells = rows[0].cells + tuple(Cell(measure=m, amount=_zero(last.amount_unit, places))
                                      for m in spec.columns if m not in have)
        order = {m: i for i, m in enumerate(spec.columns)}
        rows = (rows[0].model_copy(update={"cells": tuple(sorted(cells, key=lambda c: order.get(c.measure, 99)))}),
                *rows[1:])
    return table.model_copy(update={
        "rows": rows, "source": None, "title": _shift_years(table.title, last.year, year),
        "empty_note": _shift_years(table.empty_note, last.year, year) if table.empty_note else table.empty_note,
        "columns": tuple(c.model_copy(update={"label": _shift_years(c.label, last.year, year)}) for c in table.columns),
    })


def _keep(history: tuple[tuple[int, object], ...], added: tuple[int, object] | None, year: int) -> tuple:
    """The two years before `year`: what history had, plus last year's own value."""
    pairs = dict(history)
    if added is not None and added[1] is not None:
        pairs[added[0]] = added[1]
    return tuple((y, v) for y, v in sorted(pairs.items()) if year - 2 <= y < year)


def _next_goals(goals: tuple[Goal, ...], last_year: int, year: int) -> tuple[Goal, ...]:
    # Targets stay last year's (a target is required); the comment in the YAML asks to revise them.
    return tuple(g.model_copy(update={"source": None, "indicators": tuple(
        i.model_copy(update={"source": None, "history": _keep(i.history, (last_year, i.target), year)})
        for i in g.indicators)}) for g in goals)


def _next_overall(overall: OverallPerformance | None, last_year: int, year: int) -> OverallPerformance | None:
    if overall is None:
        return None
    structure = tuple(s.model_copy(update={
        "source": None, "amount": _blank(s.amount), "share": None, "share_text": None,
        "history": _keep(s.history, (last_year, _plain(s.amount) if s.amount else None), year),
    }) for s in overall.structure)
    projects = tuple(p.model_copy(update={"source": None, "total_budget": _blank(p.total_budget),
                                          "annual_budget": _blank(p.annual_budget)}) for p in overall.projects)
    return overall.model_copy(update={
        "source": None, "structure": structure, "projects": projects,
        "goals": _next_goals(overall.goals, last_year, year),
    })


def _next_project(p: ProjectPerformance, last_year: int, year: int) -> ProjectPerformance:
    # A project of last year only (常年性 projects are budgeted year by year) moves to the new year.
    annual = p.start_year == p.end_year == last_year
    return p.model_copy(update={
        "source": None, "start_year": year if annual else p.start_year, "end_year": year if annual else p.end_year,
        "total_budget": _blank(p.total_budget), "annual_budget": _blank(p.annual_budget),
        "budget_history_text": None,
        "budget_history": _keep(p.budget_history, (last_year, _plain(p.annual_budget) if p.annual_budget else None), year),
        "funding": tuple(f.model_copy(update={"source": None, "amount": _blank(f.amount)}) for f in p.funding),
        "costs": tuple(c.model_copy(update={"source": None, "amount": _blank(c.amount), "basis": None,
                                            "basis_amounts": ()}) for c in p.costs),
        "purchases": tuple((name, quantity, _blank(amount)) for name, quantity, amount in p.purchases),
        "goals": _next_goals(p.goals, last_year, year),
    })
