"""Link a narrative Subject to the table figure it talks about, minding the section's scope."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Amount, Budget, Row, RowLevel, Subject, Table
from .rules.common import leaf_projects, line_amount, norm_name, side_line

# Section topic → table whose scope matches the figures that section talks about.
_TOPIC_TABLE = {
    "overall": "income_expenditure_summary", "income": "income_expenditure_summary",
    "expenditure": "expenditure_summary", "fiscal_grant": "fiscal_grant_summary",
    "general_budget": "general_budget_by_function", "basic": "basic_by_economic",
}
_THREE_PUBLIC = {
    "three_public": "three_public_total", "three_public_abroad": "abroad", "three_public_vehicle": "vehicle_total",
    "three_public_vehicle_purchase": "vehicle_purchase", "three_public_vehicle_operation": "vehicle_operation",
    "three_public_reception": "reception",
}


@dataclass(frozen=True)
class Figure:
    table: Table
    row: Row
    measure: str
    amount: Amount | None  # None: blank cell (counts as 0)

    @property
    def where(self) -> str:
        from ..reference.layouts import measure_zh
        col = measure_zh(self.measure)
        if self.measure == "budget" and "决算" in self.table.title:
            col = "决算数"  # a 决算's two-sided amounts
        return f"{self.table.label} {self.row.label} {col}"


def _row_figure(table: Table | None, row: Row | None, measure: str) -> Figure | None:
    if table is None or row is None:
        return None
    if table.columns and measure not in ("total", "budget") and all(c.measure != measure for c in table.columns):
        return None  # the table does not print this measure: nothing to compare with
    amount = row.get(measure)
    if amount is None and measure in ("total", "budget"):
        amount = line_amount(row)
    return Figure(table, row, measure, amount)


def _total(budget: Budget, table_id: str, measure: str) -> Figure | None:
    table = budget.table(table_id)
    return _row_figure(table, table.total_row() if table else None, measure)


def resolve(budget: Budget, subject: Subject, topic: str | None = None) -> Figure | None:
    """The table cell holding the subject's figure, or None when the document has no such cell."""
    kind = subject.kind
    if subject.table and subject.table not in ("overall_performance", "project_performance"):
        table = budget.table(subject.table)
        if table is None:
            return None
        measure = subject.measure or "total"
        if subject.code:
            # A labelled line of a two-sided table is named by its item id (income_total, general_budget).
            row = next((r for r in table.rows if r.code == subject.code), None) or \
                next((r for r in table.rows if r.item == subject.code), None)
        elif kind == "project" and subject.name:
            row = next((r for r in table.rows if norm_name(r.name) == norm_name(subject.name)), None)
        elif kind in ("function", "economic"):
            return None  # a class named in the text but found on no line ("一般行政管理事务（项）支出0 万元"): not the total
        else:
            # (a 决算's basic table prints no 合计 but its 人员经费合计 / 公用经费合计 lines)
            row = table.total_row() or next((r for r in table.rows if r.item in (subject.kind, f"{subject.kind}_total")),
                                            None)
            if row is None and table.id == "basic_by_economic" and kind == "basic":
                return _total(budget, "general_budget_by_function", "basic")
            if row is None and table.id == "three_public":  # a single-row table: its one line
                row = next((r for r in table.rows if r.cells), table.rows[0] if table.rows else None)
        figure = _row_figure(table, row, measure)
        if figure is not None or kind != "project_total":
            return figure
        # Table 10 prints no 合计 line: all projects together are the 项目支出 of the summary tables
        # (its 一般公共预算 share is table 5-1's).
        if measure == "general_budget":
            topic = "general_budget"
    if kind in ("total", "expenditure_total"):
        return _total(budget, "expenditure_summary", "total") or _line(budget, "income_expenditure_summary",
                                                                         "expenditure_current_total")
    if kind == "income_total":
        return _line(budget, "income_expenditure_summary", "income_total")
    if kind in ("income_current_total", "expenditure_current_total"):  # a 决算's 本年收入合计 / 本年支出合计
        return _line(budget, "income_expenditure_summary", kind)
    if kind == "income_source" and subject.code:
        return _line(budget, "income_expenditure_summary", subject.code)
    if kind == "basic":
        return _total(budget, "expenditure_summary", "basic") if topic != "general_budget" else \
            _total(budget, "general_budget_by_function", "basic")
    if kind == "project_total":
        if topic == "general_budget" and budget.table("general_budget_by_function") is not None:
            return _total(budget, "general_budget_by_function", "project")
        return _total(budget, "expenditure_summary", "project")
    if kind in ("personnel", "public"):
        found = _total(budget, "general_budget_by_function", kind) or _total(budget, "basic_by_economic", kind)
        table = budget.table("basic_by_economic")
        if found is None and table is not None:  # a 决算's 人员经费合计 / 公用经费合计 line
            found = _row_figure(table, table.row(item=f"{kind}_total"), kind)
        return found
    if kind == "general_budget":
        return _total(budget, "general_budget_by_function", "total")
    if kind == "fiscal_grant_total":
        return _line(budget, "fiscal_grant_summary", "income_total")
    if kind in _THREE_PUBLIC:
        table = budget.table("three_public")
        row = next((r for r in table.rows if r.cells), table.rows[0] if table.rows else None) if table else None
        return _row_figure(table, row, _THREE_PUBLIC[kind])
    if kind == "gov_fund":
        return _total(budget, "gov_fund_by_function", "total")
    if kind == "state_capital":
        return _total(budget, "state_capital_by_function", "total")
    if kind == "economic" and subject.code:
        table = budget.table("basic_by_economic")
        return _row_figure(table, table.row(code=subject.code) if table else None, "total")
    if kind == "function" and subject.code:
        table_id = _TOPIC_TABLE.get(topic or "", "general_budget_by_function")
        if table_id == "basic_by_economic":
            table_id = "general_budget_by_function"
        table = budget.table(table_id)
        if table is None:
            return None
        row = next((r for r in table.rows if r.code == subject.code), None)
        return _row_figure(table, row, "budget" if row is not None and row.side else "total")
    if kind == "project" and subject.name:
        table = budget.table("projects")
        if table is None:
            return None
        row = next((r for r in leaf_projects(table) if norm_name(r.name) == norm_name(subject.name)), None) or \
            next((r for r in table.rows if norm_name(r.name) == norm_name(subject.name)), None)
        return _row_figure(table, row, "total")
    return None


def _unit_key(name: str) -> str:
    return norm_name(name).replace("(", "").replace(")", "")


def section_unit(budget: Budget, title: str | None) -> str | None:
    """The budget unit a narrative section is about, when its title names one of the units of the
    tables grouped by unit ("二、市建筑工务署文体和水务工程管理中心" for the unit line "深圳市建筑工务署文体
    和水务工程管理中心"; "深圳城市职业学院（深圳技师学院）" for "深圳技师学院"): one name ending the other,
    the longest such unit name when several do. None for the department's own sections."""
    if not title:
        return None
    key = _unit_key(title)
    names = {r.name for t in budget.tables if t.unit_groups() for r in t.rows if r.level is RowLevel.UNIT}
    found = [n for n in names if (u := _unit_key(n)) and len(min(u, key, key=len)) >= 4
             and (u.endswith(key) or key.endswith(u))]
    if not found:
        return None
    best = max(len(_unit_key(n)) for n in found)
    chosen = {_unit_key(n) for n in found if len(_unit_key(n)) == best}
    return next(n for n in found if _unit_key(n) in chosen) if len(chosen) == 1 else None


def unit_budget(budget: Budget, unit: str) -> Budget:
    """The budget as one unit's figures: each table grouped by unit cut to that unit's line (as its
    total) and the rows under it; the other tables, which print the department's figures only, left
    out (a unit's figure is never compared with the department's)."""
    tables = []
    for table in budget.tables:
        group = next(((head, rows) for head, rows in table.unit_groups() if head.name == unit), None)
        if group is None:
            continue
        head, rows = group
        tables.append(table.model_copy(update={"rows": (head.model_copy(update={"level": RowLevel.TOTAL}), *rows)}))
    return budget.model_copy(update={"tables": tuple(tables)})


def _line(budget: Budget, table_id: str, item: str) -> Figure | None:
    table = budget.table(table_id)
    if table is None:
        return None
    return _row_figure(table, side_line(table, item), "budget")
