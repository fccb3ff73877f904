"""Key figures of a document (`yusuan summary`). Amounts are exact 元; None where not printed."""
from __future__ import annotations

from decimal import Decimal

from ..model import Budget, RowLevel, Side

# The three_public measures and the summary keys they feed.
THREE_PUBLIC_KEYS = {
    "three_public_total": "three_public_total",
    "three_public_abroad": "abroad",
    "three_public_vehicle_purchase": "vehicle_purchase",
    "three_public_vehicle_operation": "vehicle_operation",
    "three_public_reception": "reception",
}


def yuan_text(value: Decimal | None) -> str | None:
    """Exact decimal string without exponent or trailing zeros: Decimal('7786400.00') → '7786400'."""
    if value is None:
        return None
    normalized = value.normalize()
    text = format(normalized, "f")
    return "0" if text in ("-0", "0") else text


def _cell(budget: Budget, table_id: str, measure: str, *, item: str | None = None,
          side: Side | None = None, blank_is_zero: bool = True) -> Decimal | None:
    table = budget.table(table_id)
    if table is None:
        return None
    row = table.row(item=item, side=side) if item else table.total_row(side)
    if row is None or (table.columns and all(c.measure != measure for c in table.columns)):
        return None  # the table does not print this measure (not zero)
    amount = row.get(measure)
    if amount is None:
        return Decimal(0) if blank_is_zero and row.cells else None
    return amount.value


def expenditure_by_class(budget: Budget) -> dict[str, Decimal]:
    """类 code → amount, from the expenditure table, else from the income/expenditure summary.

    An expenditure table grouped by unit prints each class once per unit and none for the department:
    the department's classes are the summary's lines (a sum over the units would be a figure no table
    prints, off by the units' rounding)."""
    table = budget.table("expenditure_summary")
    if table is not None and not table.unit_groups():
        rows = [r for r in table.rows if r.level is RowLevel.CLASS and r.code]
        if rows:
            return {r.code: r.value("total") for r in rows}
    table = budget.table("income_expenditure_summary")
    if table is None:
        return {}
    return {r.code: r.value("budget") for r in table.rows
            if r.side is Side.EXPENDITURE and r.level is RowLevel.CLASS and r.code and r.cells}


# The national split of basic expenditure by economic class: 人员经费 = 工资福利支出 + 对个人和家庭的补助,
# 公用经费 = 商品和服务支出 + 资本性支出.
_ECONOMIC_SPLIT = {"personnel": ("301", "303"), "public": ("302", "310")}


def _basic_split(budget: Budget, measure: str) -> Decimal | None:
    """人员经费 or 公用经费 of basic expenditure: the column of that name, else the sum of its economic
    classes in the table of basic expenditure by economic class and source of funds (Shenzhen 表4),
    over every unit of a table grouped by unit. Only when the classes
    read add up to the table's total (within their rounding): a class row missed is no figure."""
    value = _cell(budget, "basic_by_economic", measure)
    if value is not None:
        return value
    # Only the table of basic expenditure by economic class and source of funds (all funds, the scope of
    # 基本支出): a table by economic class of another scope, or one taken for it, gives no such figure.
    for table_id in ("basic_by_economic_source",):
        table = budget.table(table_id)
        if table is None or any(c.measure in _ECONOMIC_SPLIT for c in table.columns):
            continue
        total_row = table.total_row()
        classes = [r for r in table.rows if r.level is RowLevel.CLASS and r.code and r.code.startswith("3")]
        amounts = [a for r in classes if (a := r.get("total")) is not None]
        if total_row is None or total_row.get("total") is None or not amounts:
            return None
        printed = total_row.value("total")
        tolerance = sum(a.resolution for a in amounts) / 2 + total_row.get("total").resolution / 2
        if abs(sum(a.value for a in amounts) - printed) > tolerance:
            return None
        return sum((r.value("total") for r in classes if r.code in _ECONOMIC_SPLIT[measure]), Decimal(0))
    return None


def summary(budget: Budget) -> dict[str, object]:
    three = budget.table("three_public")
    three_row = three.rows[0] if three and three.rows else None
    gov_op = budget.other("gov_operation_cost")
    gov_op_value: Decimal | None = None
    if gov_op is not None:
        gov_op_value = gov_op.amount.value if gov_op.amount else (Decimal(0) if gov_op.none_stated else None)
    if gov_op_value is None and three_row is not None and three_row.get("gov_operation_cost"):
        gov_op_value = three_row.value("gov_operation_cost")
    figures: dict[str, Decimal | None] = {
        "income_total": _cell(budget, "income_expenditure_summary", "budget", item="income_total"),
        # Shanghai's unit summary prints the expenditure total under 合计 (with 基本/项目 beside it).
        "expenditure_total": _cell(budget, "income_expenditure_summary", "budget", item="expenditure_total",
                                   blank_is_zero=False)
        or _cell(budget, "income_expenditure_summary", "total", item="expenditure_total"),
        "fiscal_grant_total": _cell(budget, "fiscal_grant_summary", "budget", item="income_total"),
        # Without a 支出总表 by function, the 收支总表's breakdown by kind of spending (Xi'an:
        # 人员经费和公用经费支出 = 基本支出, 专项业务经费支出 = 项目支出) prints the same two figures.
        "basic_total": _cell(budget, "expenditure_summary", "basic")
        if budget.table("expenditure_summary") is not None
        else _cell(budget, "income_expenditure_summary", "budget", item="dept_economic.basic", blank_is_zero=False),
        "project_total": _cell(budget, "expenditure_summary", "project")
        if budget.table("expenditure_summary") is not None
        else _cell(budget, "income_expenditure_summary", "budget", item="dept_economic.project", blank_is_zero=False),
        "personnel_total": _basic_split(budget, "personnel"),
        "public_total": _basic_split(budget, "public"),
    }
    for key, measure in THREE_PUBLIC_KEYS.items():
        figures[key] = (three_row.value(measure) if three_row.cells else None) if three_row else None
    figures["gov_operation_cost"] = gov_op_value
    return {
        "unit_name": budget.unit.name,
        "year": budget.year,
        "kind": budget.kind.value,
        "level": budget.level.value,
        "amount_unit": budget.amount_unit.value,
        **{k: yuan_text(v) for k, v in figures.items()},
        "expenditure_by_class": {code: yuan_text(v) for code, v in expenditure_by_class(budget).items()},
    }
