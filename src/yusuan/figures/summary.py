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
    """类 code → amount, from the expenditure table, else from the income/expenditure summary."""
    table = budget.table("expenditure_summary")
    if table is not None:
        rows = [r for r in table.rows if r.level is RowLevel.CLASS and r.code]
        if rows:
            return {r.code: r.value("total") for r in rows}
    table = budget.table("income_expenditure_summary")
    if table is None:
        return {}
    return {r.code: r.value("budget") for r in table.rows
            if r.side is Side.EXPENDITURE and r.level is RowLevel.CLASS and r.code and r.cells}


# The table each key figure is read from. Where the model has no such table (the file holds the
# narrative only), the figure the narrative states (Budget.stated_figures) is shown instead and named
# under `from_narrative`; gov_operation_cost is a narrative figure anyway (其他重要事项).
_HOMES = {
    "income_total": "income_expenditure_summary", "expenditure_total": "income_expenditure_summary",
    "fiscal_grant_total": "fiscal_grant_summary", "basic_total": "expenditure_summary",
    "project_total": "expenditure_summary", **{key: "three_public" for key in THREE_PUBLIC_KEYS},
    "gov_operation_cost": None,
}


def _from_narrative(key: str, amount, text: str) -> dict[str, object]:
    source = amount.source
    return {"key": key, "page": source.page if source else None, "line": source.line if source else None,
            "text": text}


def summary(budget: Budget) -> dict[str, object]:
    three = budget.table("three_public")
    three_row = three.rows[0] if three and three.rows else None
    gov_op = budget.other("gov_operation_cost")
    gov_op_value: Decimal | None = None
    from_narrative: list[dict[str, object]] = []
    if gov_op is not None:
        gov_op_value = gov_op.amount.value if gov_op.amount else (Decimal(0) if gov_op.none_stated else None)
        if gov_op.amount is not None:
            from_narrative.append(_from_narrative("gov_operation_cost", gov_op.amount, gov_op.text or gov_op.title))
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
        "personnel_total": _cell(budget, "basic_by_economic", "personnel"),
        "public_total": _cell(budget, "basic_by_economic", "public"),
    }
    for key, measure in THREE_PUBLIC_KEYS.items():
        figures[key] = (three_row.value(measure) if three_row.cells else None) if three_row else None
    figures["gov_operation_cost"] = gov_op_value
    for key, home in _HOMES.items():
        stated = budget.stated(key)
        if figures[key] is None and stated is not None and (home is None or budget.table(home) is None):
            figures[key] = stated.amount.value
            from_narrative.append(_from_narrative(key, stated.amount, stated.text))
    order = list(figures)
    return {
        "unit_name": budget.unit.name,
        "year": budget.year,
        "kind": budget.kind.value,
        "level": budget.level.value,
        "amount_unit": budget.amount_unit.value,
        **{k: yuan_text(v) for k, v in figures.items()},
        "expenditure_by_class": {code: yuan_text(v) for code, v in expenditure_by_class(budget).items()},
        # The figures read from the narrative's words, not from a table: key, page, line, sentence.
        "from_narrative": sorted(from_narrative, key=lambda f: order.index(f["key"])),
    }
