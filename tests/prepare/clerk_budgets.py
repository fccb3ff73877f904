"""Random budgets of a unit whose only income is the general-budget grant, with every table typed in
full as a clerk types it today (表1, 2, 3, 4, 5-1, 5-2, 6), and the same budget with what follows by
definition left blank (what `render` derives)."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from test_yaml_out import amount, cells, default_columns
from yusuan.model import Budget, Row, RowLevel, Side, Table

from render.random_budgets import budgets as random_budgets

WAN_TABLES = {"income_summary": ("2", "收入总表"), "fiscal_grant_summary": ("4", "财政拨款收支总表"),
              "general_budget_by_unit": ("5-2", "一般公共预算支出表(分单位)"),
              "basic_by_economic": ("6", "一般公共预算基本支出表")}


def _table(table_id: str, rows) -> Table:
    number, title = WAN_TABLES[table_id]
    return Table(id=table_id, number=number, title=title, columns=default_columns(table_id), rows=tuple(rows))


def _with(row: Row, values: dict[str, Decimal]) -> Row:
    return row.model_copy(update={"cells": cells(values)})


@st.composite
def clerk_budgets(draw) -> Budget:
    """Every figure typed: the tables a clerk fills by hand today, all consistent."""
    budget = draw(random_budgets())
    t3 = budget.table("expenditure_summary")
    t5 = budget.table("general_budget_by_function")
    grand = t3.total_row().get("total").printed
    personnel, public = t5.total_row().get("personnel").printed, t5.total_row().get("public").printed
    income = [
        Row(name="本年收入", item="income_current_total", side=Side.INCOME, cells=cells({"budget": grand})),
        Row(name="一般公共预算拨款", item="general_budget", side=Side.INCOME, cells=cells({"budget": grand})),
        Row(name="政府性基金预算拨款", item="gov_fund", side=Side.INCOME),
        Row(name="收入总计", item="income_total", level=RowLevel.TOTAL, side=Side.INCOME, cells=cells({"budget": grand})),
    ]
    classes = [Row(name=r.name, code=r.code, level=RowLevel.CLASS, side=Side.EXPENDITURE,
                   cells=cells({"budget": r.get("total").printed})) for r in t3.rows if r.level is RowLevel.CLASS]
    expenditure = [
        Row(name="本年支出", item="expenditure_current_total", side=Side.EXPENDITURE, cells=cells({"budget": grand})),
        *classes,
        Row(name="支出总计", item="expenditure_total", level=RowLevel.TOTAL, side=Side.EXPENDITURE,
            cells=cells({"budget": grand})),
    ]
    t2 = [_with(r, {"total": r.get("total").printed, "general_budget": r.get("total").printed}) for r in t3.rows]
    unit_cells = t5.total_row().cells
    t52 = [Row(name=budget.unit.name, code="301099", level=RowLevel.UNIT, cells=unit_cells)]
    economic = [Row(name="合计", level=RowLevel.TOTAL, cells=cells({"total": personnel + public, "personnel": personnel,
                                                                   "public": public}))]
    if personnel:
        economic += [Row(name="工资福利支出", code="301", level=RowLevel.CLASS,
                         cells=cells({"total": personnel, "personnel": personnel})),
                     Row(name="基本工资", code="30101", level=RowLevel.SECTION,
                         cells=cells({"total": personnel, "personnel": personnel}))]
    if public:
        economic += [Row(name="商品和服务支出", code="302", level=RowLevel.CLASS, cells=cells({"total": public, "public": public})),
                     Row(name="办公费", code="30201", level=RowLevel.SECTION, cells=cells({"total": public, "public": public}))]
    tables = {t.id: t for t in budget.tables}
    tables["income_summary"] = _table("income_summary", t2)
    tables["fiscal_grant_summary"] = Table(id="fiscal_grant_summary", number="4", title="财政拨款收支总表",
                                           columns=default_columns("fiscal_grant_summary"), rows=(*income, *expenditure))
    tables["general_budget_by_unit"] = _table("general_budget_by_unit", t52)
    tables["basic_by_economic"] = _table("basic_by_economic", economic)
    order = ("income_expenditure_summary", "income_summary", "expenditure_summary", "fiscal_grant_summary",
             "general_budget_by_function", "general_budget_by_unit", "basic_by_economic")
    ordered = [tables[i] for i in order] + [t for t in budget.tables if t.id not in order]
    return budget.model_copy(update={"tables": tuple(ordered)})


def _strip(table: Table, keep) -> Table:
    """Each row keeps only the cells `keep(row, measure)` accepts."""
    return table.model_copy(update={"rows": tuple(
        r.model_copy(update={"cells": tuple(c for c in r.cells if keep(r, c.measure))}) for r in table.rows)})


def typed_once(full: Budget, drop_one_of_staff: list[bool]) -> Budget:
    """What the clerk types when `render` derives the rest: 表1's income lines, 表3, 表5-1's 人员经费/公用经费
    by line (one of the two, when `drop_one_of_staff` says so: the other is the rest of 基本支出), 表6 but its
    合计; everything else blank."""
    flags = iter(drop_one_of_staff * 100)
    tables = []
    for t in full.tables:
        if t.id == "income_expenditure_summary":
            t = _strip(t, lambda r, m: r.side is Side.INCOME and r.item not in ("income_total", "income_current_total"))
        elif t.id in ("income_summary", "fiscal_grant_summary", "general_budget_by_unit"):
            t = _strip(t, lambda r, m: False)
        elif t.id == "general_budget_by_function":
            def keep(r, m):
                if r.level is RowLevel.TOTAL or m not in ("personnel", "public"):
                    return False
                return True
            t = _strip(t, keep)
            rows = []
            for r in t.rows:
                if r.level is not RowLevel.TOTAL and len(r.cells) == 2 and next(flags):
                    r = r.model_copy(update={"cells": r.cells[:1]})
                rows.append(r)
            t = t.model_copy(update={"rows": tuple(rows)})
        elif t.id == "basic_by_economic":
            t = _strip(t, lambda r, m: r.level is not RowLevel.TOTAL)
        tables.append(t)
    return full.model_copy(update={"tables": tuple(tables)})
