"""Random budgets of a unit whose only income is the general-budget grant, with every table typed in
full as a clerk types it today (表1, 2, 3, 4, 5-1, 5-2, 6), and the same budget with what follows by
definition left blank (what `render` derives)."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from test_yaml_out import amount, cells, default_columns
from yusuan.model import Budget, ProjectPerformance, Row, RowLevel, Side, Table

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
    tables["state_capital_by_function"] = Table(id="state_capital_by_function", number="9", title="国有资本经营预算支出表",
                                                columns=default_columns("state_capital_by_function"),
                                                empty_note="本单位没有使用国有资本经营预算拨款安排的支出，本表为空。")
    order = ("income_expenditure_summary", "income_summary", "expenditure_summary", "fiscal_grant_summary",
             "general_budget_by_function", "general_budget_by_unit", "basic_by_economic", "three_public",
             "gov_fund_by_function", "state_capital_by_function")
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


REASONS = st.sampled_from(("人员增加", "项目支出安排有调整", "按要求压缩一般性支出", "缴费基数上调"))


@st.composite
def consistent_budgets(draw) -> Budget:
    """A clerk's budget that agrees with itself everywhere: the year of its codebook names (2026), 表10's
    projects adding up to 表3's 项目支出, a reason for every change on last year."""
    # A unit with money to spend and projects to spend it on (表12 is required of every Wuhan unit budget).
    full = draw(clerk_budgets().filter(lambda b: b.table("expenditure_summary").total_row().value("project") > 0
                                       and b.table("expenditure_summary").total_row().value("basic") > 0))
    year = 2026
    project_total = full.table("expenditure_summary").total_row().value("project")
    rows: list[Row] = []
    if project_total:
        parts = draw(st.integers(1, 3))
        share = (project_total / parts).quantize(Decimal(100))  # whole hundreds of 元: 0.01 万元
        amounts = [share] * (parts - 1) + [project_total - share * (parts - 1)]
        amounts = [a for a in amounts if a > 0] or [project_total]
        parent = "420100260000000000001"
        rows.append(Row(name="信息化建设1号项目", code=parent, level=RowLevel.PROJECT,
                        cells=cells({"total": project_total / 10000, "general_budget": project_total / 10000})))
        for j, value in enumerate(amounts):
            rows.append(Row(name=f"信息化建设1-{j + 1}期", code=f"42010026301T000{j:06d}", level=RowLevel.SUBPROJECT,
                            parent=parent, texts=(("unit", full.unit.name),),
                            cells=cells({"total": value / 10000, "general_budget": value / 10000})))
    tables = tuple(t.model_copy(update={"rows": tuple(rows)}) if t.id == "projects" else t for t in full.tables)
    forms = tuple(ProjectPerformance(number=f"12-{i}", project_name=r.name, project_code=r.code,
                                     executing_unit=full.unit.name, annual_budget=r.get("total"))
                  for i, r in enumerate((r for r in rows if r.level is RowLevel.SUBPROJECT), 1))
    priors = tuple(p.model_copy(update={"year": year - 1, "reason": draw(REASONS)}) for p in full.prior)
    overall = full.overall_performance
    if overall is not None:
        overall = overall.model_copy(update={"structure": tuple(
            s.model_copy(update={"history": tuple((year - 1, a) for _, a in s.history)}) for s in overall.structure)})
    return full.model_copy(update={"year": year, "tables": tables, "prior": priors, "overall_performance": overall,
                                   "project_performance": forms,
                                   "title": f"{full.unit.name}{year}年单位预算"})
