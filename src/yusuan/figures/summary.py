"""Key figures of a document (`yusuan summary`). Amounts are exact 元; None where not printed.

A figure is shown only where the page prints a number in its cell: a blank cell, or one holding only
a dash ("-", "—", which the reader does not take for a number either), is None, never 0. A printed
0 / 0.00 is 0. (Many documents leave a 三公 item blank and say "0.00万元" in the narrative; the
table still did not print it.)"""
from __future__ import annotations

from decimal import Decimal

from ..model import Budget, DocumentKind, Row, RowLevel, Side

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


def _printed(row: Row | None, measure: str) -> Decimal | None:
    """The amount printed in the row's cell, None for a blank cell."""
    amount = row.get(measure) if row is not None else None
    return amount.value if amount is not None else None


def _first(*values: Decimal | None) -> Decimal | None:
    """The first printed value (a printed 0 is one)."""
    return next((v for v in values if v is not None), None)


def _cell(budget: Budget, table_id: str, measure: str, *, item: str | None = None,
          side: Side | None = None) -> Decimal | None:
    table = budget.table(table_id)
    if table is None:
        return None
    row = table.row(item=item, side=side) if item else table.total_row(side)
    if row is None or (table.columns and all(c.measure != measure for c in table.columns)):
        return None  # the table does not print this measure (not zero)
    return _printed(row, measure)


def _narrative_gov_operation_cost(budget: Budget):
    """The claim stating 机关运行经费 in the prose only (Xi'an: "本部门当年机关运行经费预算安排438.98万元")
    when every claim stating one agrees; None when none does or they differ (unsure)."""
    claims = [c for c in budget.claims
              if c.subject.kind == "gov_operation_cost" and c.amount is not None and not c.none_stated]
    return claims[0] if len({c.amount.value for c in claims}) == 1 else None


# Economic classes of 基本支出 that are 人员经费 (工资福利支出, 对个人和家庭的补助); every other class
# of 基本支出 (商品和服务支出, 资本性支出, …) is 公用经费.
PERSONNEL_CLASSES = frozenset({"301", "303"})


def _staff_from_classes(budget: Budget) -> tuple[Decimal | None, Decimal | None]:
    """人员经费 and 公用经费 from 基本支出's economic classes when the table prints no such columns:
    301 + 303 and the other classes. Only when the class rows add up to the table's total within the
    rounding of the printed figures (a class missed or misread gives null, not a wrong sum)."""
    table = budget.table("basic_by_economic")
    if table is None or any(c.measure in ("personnel", "public") for c in table.columns):
        return None, None
    total = table.total_row()
    classes = [r for r in table.rows if r.level is RowLevel.CLASS and r.code and r.get("total") is not None]
    if total is None or total.get("total") is None or not any(r.code in PERSONNEL_CLASSES for r in classes):
        return None, None
    if len({r.code for r in classes}) != len(classes):
        return None, None  # classes repeated (per unit): not the table's own breakdown
    amounts = [r.get("total") for r in classes]
    tolerance = sum((a.resolution for a in amounts), total.get("total").resolution)
    if abs(sum(a.value for a in amounts) - total.value("total")) > tolerance:
        return None, None
    # The table is 基本支出's own only when its total is the 基本支出 of the 一般公共预算 table by
    # function (a table of all spending by economic class, read as this one, would add 项目支出 in).
    basic = _cell(budget, "general_budget_by_function", "basic")
    if basic is None or abs(basic - total.value("total")) > total.get("total").resolution:
        return None, None
    personnel = sum((r.value("total") for r in classes if r.code in PERSONNEL_CLASSES), Decimal(0))
    public = sum((r.value("total") for r in classes if r.code not in PERSONNEL_CLASSES), Decimal(0))
    return personnel, public


def _basic_from_staff(budget: Budget) -> Decimal | None:
    """基本支出 of a 支出总表 that prints only its parts (人员支出, 日常公用支出) without a 基本支出 column."""
    table = budget.table("expenditure_summary")
    measures = {c.measure for c in table.columns} if table is not None else set()
    if "basic" in measures or not {"personnel", "public"} <= measures:
        return None
    row = table.total_row()
    if row is None or row.get("personnel") is None or row.get("public") is None:
        return None
    return row.value("personnel") + row.value("public")


def expenditure_by_class(budget: Budget) -> dict[str, Decimal]:
    """类 code → amount, from the expenditure table, else from the income/expenditure summary.

    An expenditure table grouped by unit prints each class once per unit and none for the department:
    the department's classes are the summary's lines (a sum over the units would be a figure no table
    prints, off by the units' rounding)."""
    table = budget.table("expenditure_summary")
    if table is not None and not table.unit_groups():
        # Function classes are 2xx: a 支出总表 by unit whose unit codes look like classes (Xi'an "119")
        # gives none, and the 收支总表's classes are taken.
        rows = [r for r in table.rows if r.level is RowLevel.CLASS and r.code and r.code.startswith("2")]
        if rows:
            return {r.code: r.get("total").value for r in rows if r.get("total") is not None}
    table = budget.table("income_expenditure_summary")
    if table is None:
        return {}
    return {r.code: r.get("budget").value for r in table.rows
            if r.side is Side.EXPENDITURE and r.level is RowLevel.CLASS and r.code and r.get("budget") is not None}


# A “三公” table that splits every item by fund (Shenzhen: 一般公共预算 | 政府性基金预算 | 国有资本经营预算)
# prints no unqualified column: the item is the sum of its fund columns, when every fund is printed.
_FUNDS = ("general_budget", "gov_fund", "state_capital")


def _three_public(row: Row | None, measure: str) -> Decimal | None:
    """The printed cell (None when blank), else the sum of the item's fund columns."""
    if row is None or not row.cells:
        return None
    if row.get(measure) is not None or not any(c.measure.startswith(f"{measure}@") for c in row.cells):
        return _printed(row, measure)
    parts = [row.get(f"{measure}@{fund}") for fund in _FUNDS]
    return sum((p.value for p in parts), Decimal(0)) if all(p is not None for p in parts) else None


def _first(*values: Decimal | None) -> Decimal | None:
    return next((v for v in values if v is not None), None)


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
    from_narrative: list[dict[str, object]] = []
    if gov_op is not None:
        gov_op_value = gov_op.amount.value if gov_op.amount else (Decimal(0) if gov_op.none_stated else None)
        if gov_op.amount is not None:
            from_narrative.append(_from_narrative("gov_operation_cost", gov_op.amount, gov_op.text or gov_op.title))
    if gov_op_value is None:
        gov_op_value = _printed(three_row, "gov_operation_cost")
    stated_gov_op = _narrative_gov_operation_cost(budget) if gov_op_value is None else None
    if stated_gov_op is not None:
        gov_op_value = stated_gov_op.amount.value
        from_narrative.append(_from_narrative("gov_operation_cost", stated_gov_op.amount, stated_gov_op.text))
    staff = _staff_from_classes(budget)
    figures: dict[str, Decimal | None] = {
        "income_total": _cell(budget, "income_expenditure_summary", "budget", item="income_total"),
        # Shanghai's unit summary prints the expenditure total under 合计 (with 基本/项目 beside it).
        "expenditure_total": _first(_cell(budget, "income_expenditure_summary", "budget", item="expenditure_total"),
                                    _cell(budget, "income_expenditure_summary", "total", item="expenditure_total")),
        "fiscal_grant_total": _cell(budget, "fiscal_grant_summary", "budget", item="income_total"),
        # Without a 支出总表 by function, the 收支总表's breakdown by kind of spending (Xi'an:
        # 人员经费和公用经费支出 = 基本支出, 专项业务经费支出 = 项目支出) prints the same two figures.
        # A 支出总表 without 基本支出/项目支出 columns (Xi'an's is by unit and source) leaves them to the
        # 收支总表's breakdown by kind of spending, where it prints one.
        "basic_total": _first(_cell(budget, "expenditure_summary", "basic"), _basic_from_staff(budget),
                              _cell(budget, "income_expenditure_summary", "budget", item="dept_economic.basic")),
        "project_total": _first(_cell(budget, "expenditure_summary", "project"),
                                _cell(budget, "income_expenditure_summary", "budget", item="dept_economic.project")),
        # The column, else the classes of the general budget's basic table, else of the all-funds
        # table of basic spending by class and source (Shenzhen 表4).
        "personnel_total": _first(_cell(budget, "basic_by_economic", "personnel"), staff[0],
                                  _basic_split(budget, "personnel"),
                                  _cell(budget, "basic_by_economic", "personnel", item="personnel_total")),
        "public_total": _first(_cell(budget, "basic_by_economic", "public"), staff[1], _basic_split(budget, "public"),
                               _cell(budget, "basic_by_economic", "public", item="public_total")),
    }
    for key, measure in THREE_PUBLIC_KEYS.items():
        figures[key] = _three_public(three_row, measure)
    figures["gov_operation_cost"] = gov_op_value
    for key, home in _HOMES.items():
        stated = budget.stated(key)
        if figures[key] is None and stated is not None and (home is None or budget.table(home) is None):
            figures[key] = stated.amount.value
            from_narrative.append(_from_narrative(key, stated.amount, stated.text))
    if budget.kind is DocumentKind.FINAL_ACCOUNTS:
        figures.update(final_figures(budget, three_row))
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
        # Tables printed in the document but not read (reading notice P001): figures they hold are null.
        "unread": [{"title": t.title, "number": t.number, "kind": t.kind,
                    "page": t.source.page if t.source else None} for t in budget.unread_tables],
        **performance_figures(budget),
    }


def final_figures(budget: Budget, three_row: Row | None) -> dict[str, Decimal | None]:
    """The figures only a 决算 prints: the year's income and spending apart from the balances either side
    of it (收入支出决算总表), and the “三公” table's 预算数 beside its 决算数 (three_public_total)."""
    summary_id = "income_expenditure_summary"
    return {
        "income_current_total": _cell(budget, summary_id, "budget", item="income_current_total", side=Side.INCOME),
        "expenditure_current_total": _cell(budget, summary_id, "budget", item="expenditure_current_total",
                                           side=Side.EXPENDITURE),
        "year_begin_balance": _cell(budget, summary_id, "budget", item="year_begin_balance", side=Side.INCOME),
        "year_end_balance": _cell(budget, summary_id, "budget", item="year_end_balance", side=Side.EXPENDITURE),
        "three_public_budget_total": _three_public(three_row, "three_public_total@planned"),
    }


def performance_figures(budget: Budget) -> dict[str, object]:
    """The project performance forms read, beside the key figures (which come from the tables only).

    - attachment: "project_performance" when the file holds only the project performance forms
      (an attachment of the budget, published apart): its key figures are then all null;
    - performance_projects: how many project forms were read (0: none);
    - performance_total: the 合计 the document prints over all its projects' amounts (元), null when
      it prints none;
    - performance_sum: the sum of the projects' amounts as read (元), null when a project's amount
      was not read (check S123 compares it with performance_total).
    """
    projects = budget.project_performance
    printed = next((t.amount for t in budget.project_performance_totals if t.scope == "all"), None)
    amounts = [p.annual_budget for p in projects]
    read_all = bool(projects) and all(a is not None for a in amounts)
    return {
        "attachment": budget.attachment,
        "performance_projects": len(projects),
        "performance_total": yuan_text(printed.value) if printed is not None else None,
        "performance_sum": yuan_text(sum((a.value for a in amounts if a is not None), Decimal(0))) if read_all else None,
    }
