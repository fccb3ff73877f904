"""A table reshaped into another layout's form before it is printed in that layout.

A budget read in one layout (Wuhan: 表1 spends by class in one 预算数 column, 表2 splits income by
fund) printed in another (Shanghai: 表1 spends by class in 合计 / 人员经费 / 公用经费 / 项目支出,
表2 has one 财政拨款 column) must print what the target layout's reader expects, or the printed
document reads back wrong. Only figures the budget already holds are used:
- two-sided tables print the target layout's lines, named as it names them, in its order; a line
  the target needs and the budget lacks is the sum of its parts when they are printed (财政拨款收入 =
  一般公共预算 + 政府性基金 + 国有资本经营预算); subtotals the target does not print (本年收入合计,
  本年支出合计) are dropped; other lines it does not know (上年结转结余) are kept only when they
  hold a figure (the reader then reports them);
- 表1's spending by class in 人员经费 / 公用经费 / 项目支出 comes from 表3 (项目支出) and 表5
  (人员经费, 公用经费) when 表5's 基本支出 of the class is 表3's (all of it from the general budget);
  表4's spending by fund comes from 表5 and the fund tables when they add up to the class total;
  otherwise those cells stay blank, never guessed;
- by-code tables print the target's columns; a column it lacks is the sum of its parts
  (财政拨款 = 一般公共预算 + 政府性基金 + 国有资本经营预算), a part of a printed column (人员经费,
  公用经费 under 基本支出) or an empty column is left out; any other column holding a figure is kept.
"""
from __future__ import annotations

from decimal import Decimal

from ..model import Amount, Budget, Cell, Row, RowLevel, Side, Table
from ..reference.layouts import TableSpec

ZERO = Decimal(0)
_FUNDS = ("general_budget", "gov_fund", "state_capital")
# A column a layout may print instead of its parts.
_SUMS = {"fiscal_grant": _FUNDS}
# Parts left out when the layout prints their whole.
_PARTS_OF = {"personnel": "basic", "public": "basic", **{f: "fiscal_grant" for f in _FUNDS}}
_SUBTOTALS = {"income_current_total", "expenditure_current_total"}  # sums of the lines beside them
_OPENING = _SUBTOTALS | {"carryover", "year_end_balance"}
_FUND_TABLES = {"general_budget": "general_budget_by_function", "gov_fund": "gov_fund_by_function",
                "state_capital": "state_capital_by_function"}


def conform(table: Table, spec: TableSpec, budget: Budget) -> Table:
    if spec.shape == "two_sided" and spec.lines:
        return _two_sided(table, spec, budget)
    if spec.shape == "by_code" and spec.columns:
        return _by_code(table, spec)
    return table


def _sum(amounts: list[Amount | None]) -> Amount | None:
    present = [a for a in amounts if a is not None]
    if not present:
        return None
    return present[0].model_copy(update={"value": sum((a.value for a in present), ZERO), "source": None})


def _holds_figure(amount: Amount | None) -> bool:
    return amount is not None and amount.value != 0


def _by_code(table: Table, spec: TableSpec) -> Table:
    wanted = list(spec.columns)
    have = {c.measure for r in table.rows for c in r.cells}
    rows = []
    for row in table.rows:
        cells = {c.measure: c.amount for c in row.cells}
        out = []
        for m in wanted:
            amount = cells.get(m)
            if amount is None and m in _SUMS and not (have & {m}):
                amount = _sum([cells.get(p) for p in _SUMS[m]])
            if amount is not None:
                out.append(Cell(measure=m, amount=amount))
        for m, amount in cells.items():
            if m in wanted or amount is None:
                continue
            if _PARTS_OF.get(m) in wanted or not any(_holds_figure(r.get(m)) for r in table.rows):
                continue
            out.append(Cell(measure=m, amount=amount))  # a figure the target has no column for: printed anyway
        rows.append(row.model_copy(update={"cells": tuple(out)}))
    columns = tuple(c for c in table.columns if c.measure in wanted)
    return table.model_copy(update={"rows": tuple(rows), "columns": columns})


def _budget_cell(amount: Amount | None) -> tuple[Cell, ...]:
    return (Cell(measure="budget", amount=amount),) if amount is not None else ()


def _two_sided(table: Table, spec: TableSpec, budget: Budget) -> Table:
    income = _income_side(table, spec)
    expenditure = _expenditure_side(table, spec, budget)
    return table.model_copy(update={"rows": tuple(income + expenditure)})


def _income_side(table: Table, spec: TableSpec) -> list[Row]:
    lines = spec.lines.get("income", {})
    names: dict[str, str] = {}
    for label, item in lines.items():
        names.setdefault(item, label)
    rows = [r for r in table.rows if r.side in (Side.INCOME, None) and not r.code]
    by_item = {r.item: r for r in rows if r.item}
    out = []
    for item, label in names.items():
        row = by_item.get(item)
        if row is None and item in _SUMS:
            parts = [by_item.get(p) for p in _SUMS[item]]
            if not any(parts):
                continue
            amount = _sum([r.get("budget") for r in parts if r is not None])
            row = Row(item=item, name=label, side=Side.INCOME, level=RowLevel.LINE, cells=_budget_cell(amount))
        if row is None:
            continue
        out.append(row.model_copy(update={"name": label, "side": Side.INCOME}))
    for row in rows:
        if row.item in names or row.item in _SUBTOTALS or row.item in _OPENING and not _holds_figure(row.get("budget")):
            continue
        if _holds_figure(row.get("budget")):
            out.insert(max(len(out) - 1, 0), row)  # before 收入总计; the reader reports the unknown line
    return out


def _expenditure_side(table: Table, spec: TableSpec, budget: Budget) -> list[Row]:
    labels = {item: label for label, item in spec.lines.get("expenditure", {}).items()}
    columns = [str(c) for c in spec.sides.get("expenditure", {}).get("columns", ["budget"])]
    rows = [r for r in table.rows if r.side is Side.EXPENDITURE]
    split = _class_split(table, columns, budget)
    out = []
    for row in rows:
        if row.code:
            out.append(row.model_copy(update={"cells": _cells(row, columns, split.get(row.code, {}))}))
        elif row.item in labels:
            sums = {m: _sum([split.get(r.code, {}).get(m) for r in rows if r.code]) for m in columns}
            complete = all(r.code in split for r in rows if r.code and _holds_figure(r.get("budget")))
            out.append(row.model_copy(update={"name": labels[row.item],
                                              "cells": _cells(row, columns, sums if complete else {})}))
        elif row.item not in _SUBTOTALS and (_holds_figure(row.get("budget")) or row.item not in _OPENING):
            out.append(row)
    return out


def _cells(row: Row, columns: list[str], parts: dict[str, Amount | None]) -> tuple[Cell, ...]:
    if columns == ["budget"]:
        return row.cells
    whole = row.get(columns[0]) or row.get("budget")
    cells = [Cell(measure=columns[0], amount=whole)] if whole is not None else []
    cells += [Cell(measure=m, amount=a) for m in columns[1:] if (a := parts.get(m)) is not None]
    return tuple(cells)


def _class_split(table: Table, columns: list[str], budget: Budget) -> dict[str, dict[str, Amount | None]]:
    """Per class code, the amounts of the target's split columns, when the budget's tables give them."""
    out: dict[str, dict[str, Amount | None]] = {}
    for row in table.rows:
        if row.side is not Side.EXPENDITURE or not row.code:
            continue
        whole = row.get("budget") or row.get("total")
        if whole is None or whole.value == 0:
            continue
        parts: dict[str, Amount | None] = {}
        if {"personnel", "public", "project"} & set(columns):
            parts = _staff_split(budget, row.code)
        elif set(_FUNDS) & set(columns):
            parts = {f: _class_total(budget.table(t), row.code) for f, t in _FUND_TABLES.items()}
        wanted = [m for m in columns[1:]]
        if parts and sum((a.value for m in wanted if (a := parts.get(m)) is not None), ZERO) == whole.value:
            out[row.code] = parts
    return out


def _class_row(table: Table | None, code: str) -> Row | None:
    if table is None:
        return None
    return next((r for r in table.rows if r.code == code and r.level is RowLevel.CLASS), None)


def _class_total(table: Table | None, code: str) -> Amount | None:
    row = _class_row(table, code)
    return row.get("total") if row is not None else None


def _staff_split(budget: Budget, code: str) -> dict[str, Amount | None]:
    t3 = _class_row(budget.table("expenditure_summary"), code)
    t5 = _class_row(budget.table("general_budget_by_function"), code)
    if t3 is None:
        return {}
    basic = t3.get("basic")
    basic_value = basic.value if basic is not None else ZERO
    staff = {"personnel": t5.get("personnel") if t5 else None, "public": t5.get("public") if t5 else None}
    if sum((a.value for a in staff.values() if a is not None), ZERO) != basic_value:
        return {}  # part of the class's basic spending is not from the general budget: split unknown
    return {**staff, "project": t3.get("project")}

