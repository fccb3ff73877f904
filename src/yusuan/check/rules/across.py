"""X: identities across tables (表间勾稽), minding each table's scope (all funds / fiscal / general budget)."""
from __future__ import annotations

from decimal import Decimal

from ...model import Cell, Row, RowLevel, Severity, Side
from ...reference.codebook import load_codebook
from ..context import Skip
from ..registry import Example, rule
from .common import (
    ZERO, class_lines, compare, fund_tables_exclude_carryover, leaf_projects, line_amount, measures_of, norm_name,
    only_general_budget, side_line, table_total, total,
)

E, W = Severity.ERROR, Severity.WARNING


def _summed(code: str, members: list[Row]) -> Row:
    """One class row whose cells are the sums of the members' cells."""
    cells = []
    for measure in dict.fromkeys(c.measure for r in members for c in r.cells):
        amounts = [a for r in members if (a := r.get(measure)) is not None]
        cells.append(Cell(measure=measure, amount=amounts[0].model_copy(
            update={"value": sum((a.value for a in amounts), ZERO), "source": None})))
    return Row(name=members[0].name, code=code, level=RowLevel.CLASS, cells=tuple(cells), source=members[0].source)


def _class_spread(table, code: str) -> Decimal:
    """The rounding a class summed over the units of a table grouped by unit may carry: half a unit of
    the last printed digit for each unit's row beyond the first."""
    rows = [r for r in table.rows if r.level is RowLevel.CLASS and r.code == code]
    amounts = [a for r in rows if (a := r.get("total")) is not None]
    return sum((a.resolution for a in amounts[1:]), ZERO) / 2


def _class_rows(table):
    if table is not None and table.unit_groups():
        # Each unit repeats its classes and the department prints none: a class is the sum over the units.
        repeated: dict[str, list[Row]] = {}
        for r in table.rows:
            if r.level is RowLevel.CLASS and r.code:
                repeated.setdefault(r.code, []).append(r)
        return {code: _summed(code, members) for code, members in repeated.items()}
    rows = {r.code: r for r in table.rows if r.level is RowLevel.CLASS and r.code}
    if rows or table is None:
        return rows
    # A table printing only 项 (or 款) rows (Quanzhou, Beijing): each class is the sum of its deepest
    # rows. A code may repeat (Beijing 预算03表 splits a 项 by economic class, 预算05表 lists it per
    # unit): repeats are parts, only a longer code below makes a row a parent.
    coded = [r for r in table.rows if r.code and r.level in (RowLevel.SECTION, RowLevel.ITEM)]
    codes = {r.code for r in coded}
    parents = {c for c in codes if any(o != c and o.startswith(c) for o in codes)}
    deepest = [r for r in coded if r.code not in parents]
    groups: dict[str, list] = {}
    for r in deepest:
        groups.setdefault(r.code[:3], []).append(r)
    out = {}
    for code, members in groups.items():
        cells = []
        for measure in dict.fromkeys(c.measure for r in members for c in r.cells):
            amounts = [a for r in members if (a := r.get(measure)) is not None]
            cells.append(Cell(measure=measure, amount=amounts[0].model_copy(
                update={"value": sum((a.value for a in amounts), ZERO), "source": None})))
        names = load_codebook().function_names(code)
        out[code] = Row(name=names[-1].name if names else "", code=code, level=RowLevel.CLASS, cells=tuple(cells),
                        source=members[0].source)
    return out


@rule(code="X201", name="summary-classes-match-expenditure", severity=E,
      tables=("income_expenditure_summary", "expenditure_summary"),
      title="收支总表各类支出应与支出总表一致",
      explanation="收支总表支出方各功能分类“类”的金额应等于支出总表对应“类”行的合计（两表都是全部资金口径）；"
                  "本年支出合计应等于支出总表合计。",
      example=Example("表1 208 80.63 | 表3 208 合计 81.63",
                      "表1 收支总表 208 社会保障和就业支出：预算数 80.63 ≠ 表3 支出总表 208 合计 81.63，相差 1.00 万元"))
def summary_classes_match_expenditure(budget, ctx):
    t1, t3 = budget.table("income_expenditure_summary"), budget.table("expenditure_summary")
    lines = {r.code: r for r in class_lines(t1)}
    rows3 = _class_rows(t3)
    if lines and not any(code.startswith("2") for code in rows3):
        # Not one function class in the 支出总表 (Xi'an prints it by unit and source): a table of another
        # shape, not one whose classes are all 0.
        raise Skip(f"{t3.label} 中没有按功能分类“类”列出的行，不与收支总表逐类比较")
    for code in dict.fromkeys([*lines, *rows3]):
        line, row = lines.get(code), rows3.get(code)
        mine = line_amount(line)
        other = row.get("total") if row else None
        if (mine.value if mine else ZERO) == (other.value if other else ZERO):
            continue
        at = line or row
        name = (line or row).name
        f = compare(ctx, line if line is not None else row, actual=mine, expected=other.value if other else ZERO,
                    where=f"{t1.label} {code} {name}", what=ctx.amount_word, expected_label=f"{t3.label} {code} 合计",
                    tolerance_of=[other], unit=t1.unit, table=t1.id, row=f"{code} {name}",
                    source=None if line is not None else at.source, spread=_class_spread(t3, code))
        if f:
            yield f
    current = side_line(t1, "expenditure_current_total", Side.EXPENDITURE)
    total3 = t3.total_row()
    if current is not None and total3 is not None:
        f = compare(ctx, current, actual=line_amount(current), expected=total3.value("total"),
                    where=f"{t1.label} {current.name}", what=ctx.amount_word, expected_label=f"{t3.label} 合计",
                    tolerance_of=[total3.get("total")], unit=t1.unit)
        if f:
            yield f


@rule(code="X202", name="income-table-matches-expenditure", severity=E,
      tables=("income_summary", "expenditure_summary"), kinds=("预算",),
      title="收入总表与支出总表按科目一致",
      explanation="收入总表与支出总表都按功能科目列示全部资金：同一科目编码的合计应相等，两表合计应相等。"
                  "收支总表列有年终结转结余时，收入总表（含上年结转结余）合计应等于支出总表合计 + 年终结转结余，"
                  "各科目的收入不应小于支出（结转结余按科目的分布表中未列出）。",
      example=Example("表2 208 合计 80.63 | 表3 208 合计 79.63",
                      "表2 收入总表 208 社会保障和就业支出：合计 80.63 ≠ 表3 支出总表 208 合计 79.63，相差 1.00 万元"))
def income_table_matches_expenditure(budget, ctx):
    t2, t3 = budget.table("income_summary"), budget.table("expenditure_summary")
    # Unit rows (收入总表 by budget unit: Suzhou, Guangzhou) have no counterpart in table 3.
    rows2 = {r.code or "": r for r in t2.rows if (r.code and r.level is not RowLevel.UNIT) or r.level is RowLevel.TOTAL}
    rows3 = {r.code or "": r for r in t3.rows if r.code or r.level is RowLevel.TOTAL}
    if t3.unit_groups():  # each unit repeats its codes: a code's figure is the sum over the units
        repeated: dict[str, list[Row]] = {}
        for r in t3.rows:
            if r.code and r.level is not RowLevel.UNIT:
                repeated.setdefault(r.code, []).append(r)
        rows3.update({code: _summed(code, members) for code, members in repeated.items()})
    t1 = budget.table("income_expenditure_summary")
    balance = line_amount(side_line(t1, "year_end_balance", Side.EXPENDITURE)) if t1 is not None else None
    carried = balance is not None and balance.value != 0
    for code, row in rows2.items():
        other = rows3.get(code)
        want = other.value("total") if other else ZERO
        if carried and code:
            # The year-end balance is not split by code: a code's income may exceed its spending.
            got = row.value("total")
            if got + ctx.tolerance(row.get("total"), other.get("total") if other else None, unit=t2.unit) >= want:
                continue
        if carried and not code:
            f = compare(ctx, row, actual=row.get("total"), expected=want + balance.value,
                        where=f"{t2.label} {row.label}", what="合计",
                        expected_label=f"{t3.label} 合计 {ctx.fmt(want, t2.unit)} + {t1.label} 年终结转结余 "
                                       f"{ctx.fmt(balance.value, t2.unit)} =",
                        tolerance_of=[other.get("total") if other else None, balance], unit=t2.unit, measure="total")
        else:
            f = compare(ctx, row, actual=row.get("total"), expected=want,
                        where=f"{t2.label} {row.label}", what="合计", expected_label=f"{t3.label} {code or '合计'} 合计",
                        tolerance_of=[other.get("total") if other else None], unit=t2.unit, measure="total")
        if f:
            yield f


@rule(code="X203", name="fiscal-classes-match-budgets", severity=E,
      tables=("fiscal_grant_summary", "general_budget_by_function"),
      title="财政拨款收支总表各类支出应与分预算表一致",
      explanation="财政拨款收支总表支出方各“类”= 一般公共预算支出表 + 政府性基金预算支出表 + 国有资本经营预算支出表对应“类”之和"
                  "（三表合起来正是财政拨款口径）。一般公共预算支出表只列本年拨款、不含上年结转时（其合计等于财政拨款收支总表的"
                  "本年一般公共预算拨款，如中央部门），财政拨款收支总表各类还包含上年结转安排的支出，而结转按类的分布未列出："
                  "此时只要求各类不小于分预算表之和（总额由 X204 和收支平衡核对）。",
      example=Example("表4 210 51.90 | 表5-1 210 50.90",
                      "表4 财政拨款收支总表 210 卫生健康支出：预算数 51.90 ≠ 表5-1、表8、表9 对应类之和 50.90，相差 1.00 万元"))
def fiscal_classes_match_budgets(budget, ctx):
    t4 = budget.table("fiscal_grant_summary")
    sources = [t for tid in ("general_budget_by_function", "gov_fund_by_function", "state_capital_by_function")
               if (t := budget.table(tid)) is not None]
    labels = "、".join(f"表{t.number}" if t.number else t.title for t in sources)
    by_code: dict[str, list] = {}
    for t in sources:
        for code, row in _class_rows(t).items():
            by_code.setdefault(code, []).append(row.get("total"))
    # Without a 政府性基金预算支出表 by function, the 政府性基金收支表 (Xi'an 表9) prints the fund's
    # spending by class on its expenditure side.
    fund_summary = budget.table("gov_fund_summary")
    if budget.table("gov_fund_by_function") is None and fund_summary is not None:
        labels += f"、表{fund_summary.number}" if fund_summary.number else f"、{fund_summary.title}"
        for row in class_lines(fund_summary):
            by_code.setdefault(row.code, []).append(line_amount(row))
    lines = {r.code: r for r in class_lines(t4)}
    current_only = fund_tables_exclude_carryover(budget, ctx)
    if current_only:
        labels += "（本年拨款）"
    for code in dict.fromkeys([*lines, *by_code]):
        line = lines.get(code)
        parts = by_code.get(code, [])
        if total([line_amount(line)]) == total(parts):
            continue
        if current_only and total([line_amount(line)]) + ctx.tolerance(line_amount(line), *parts, unit=t4.unit) >= total(parts):
            continue  # the class also spends carryover, whose split by class is not printed
        name = line.name if line else next((r.name for t in sources if (r := _class_rows(t).get(code))), "")
        f = compare(ctx, line if line is not None else t4, actual=line_amount(line), expected=total(parts),
                    where=f"{t4.label} {code} {name}", what=ctx.amount_word, expected_label=f"{labels} 对应类之和",
                    tolerance_of=parts, unit=t4.unit, table=t4.id, row=f"{code} {name}",
                    spread=sum((_class_spread(t, code) for t in sources), ZERO))
        if f:
            yield f


@rule(code="X204", name="fiscal-income-matches-budgets", severity=E,
      tables=("fiscal_grant_summary", "general_budget_by_function"), kinds=("预算",),
      title="财政拨款收入应与分预算表支出一致",
      explanation="财政拨款收支总表中一般公共预算拨款（本年 + 上年结转）应等于一般公共预算支出表合计；"
                  "政府性基金、国有资本经营预算拨款同理对应表8、表9 合计（该表为空时按 0 计）。"
                  "一般公共预算支出表合计等于本年拨款而不等于本年 + 上年结转时（中央部门只列本年拨款），各表都按本年拨款比较。",
      example=Example("表4 一般公共预算拨款 778.64 | 表5-1 合计 768.64",
                      "表4 财政拨款收支总表 一般公共预算拨款：本年 + 上年结转 778.64 ≠ 表5-1 一般公共预算支出表(分功能科目) 合计 768.64，相差 10.00 万元"))
def fiscal_income_matches_budgets(budget, ctx):
    t4 = budget.table("fiscal_grant_summary")
    current_only = fund_tables_exclude_carryover(budget, ctx)
    for item, table_id in (("general_budget", "general_budget_by_function"), ("gov_fund", "gov_fund_by_function"),
                           ("state_capital", "state_capital_by_function")):
        table = budget.table(table_id)
        if table is None:
            continue
        current = side_line(t4, item, Side.INCOME)
        carry = side_line(t4, f"carryover_{item}", Side.INCOME)
        if current_only:
            carry = None  # 表5 of this document holds the current year's grant alone: compare 本年 only
        mine = total([line_amount(current), line_amount(carry)])
        other = table_total(table)
        if current is None and other == 0:
            continue
        at = current if current is not None else t4
        f = compare(ctx, at, actual=line_amount(current) if carry is None else None, expected=other,
                    where=f"{t4.label} {ctx.measure_zh(item)}", what="本年" if current_only else "本年 + 上年结转",
                    expected_label=f"{table.label} 合计", tolerance_of=[line_amount(current), line_amount(carry)],
                    unit=t4.unit, table=t4.id, row=ctx.measure_zh(item)) if carry is None else (
            None if abs(mine - other) <= ctx.tolerance(line_amount(current), line_amount(carry), unit=t4.unit)
            else ctx.finding(at, f"{t4.label} {ctx.measure_zh(item)}：本年 + 上年结转 {ctx.fmt(mine, t4.unit)} ≠ "
                                 f"{table.label} 合计 {ctx.fmt(other, t4.unit)}，相差 {ctx.fmt(abs(mine - other), t4.unit)} {t4.unit.value}",
                             expected=ctx.fmt(other, t4.unit), actual=ctx.fmt(mine, t4.unit), table=t4.id))
        if f:
            yield f


@rule(code="X205", name="summary-income-matches-fiscal", severity=E,
      tables=("income_expenditure_summary", "fiscal_grant_summary"),
      title="收支总表财政拨款收入应与财政拨款收支总表一致",
      explanation="收支总表中的一般公共预算、政府性基金预算、国有资本经营预算拨款收入应等于财政拨款收支总表本年收入中的对应数。",
      example=Example("表1 一般公共预算拨款收入 778.64 | 表4 一般公共预算拨款 768.64",
                      "表1 收支总表 一般公共预算拨款收入：预算数 778.64 ≠ 表4 财政拨款收支总表 一般公共预算拨款 768.64，相差 10.00 万元"))
def summary_income_matches_fiscal(budget, ctx):
    t1, t4 = budget.table("income_expenditure_summary"), budget.table("fiscal_grant_summary")
    funds = ("general_budget", "gov_fund", "state_capital")
    grant = side_line(t1, "fiscal_grant", Side.INCOME)
    if grant is not None and all(side_line(t1, item, Side.INCOME) is None for item in funds):
        # Table 1 prints fiscal grants as one line: it equals the three funds of table 4 together.
        others = [line_amount(side_line(t4, item, Side.INCOME)) for item in funds]
        f = compare(ctx, grant, actual=line_amount(grant), expected=total(others),
                    where=f"{t1.label} {grant.name}", what=ctx.amount_word, expected_label=f"{t4.label} 财政拨款收入之和",
                    tolerance_of=others, unit=t1.unit, table=t1.id)
        if f:
            yield f
        return
    for item in funds:
        mine, other = side_line(t1, item, Side.INCOME), side_line(t4, item, Side.INCOME)
        if mine is None and other is None:
            continue
        f = compare(ctx, mine if mine is not None else other, actual=line_amount(mine),
                    expected=total([line_amount(other)]), where=f"{t1.label} {mine.name if mine else ctx.measure_zh(item)}",
                    what=ctx.amount_word, expected_label=f"{t4.label} {ctx.measure_zh(item)}",
                    tolerance_of=[line_amount(other)], unit=t1.unit, table=t1.id)
        if f:
            yield f


_TOTAL_MEASURES = ("total", "basic", "personnel", "public", "project")


@rule(code="X206", name="by-unit-matches-by-function", severity=E,
      tables=("general_budget_by_function", "general_budget_by_unit"),
      title="分单位表应与分功能科目表一致",
      explanation="一般公共预算支出表（分单位）各单位之和（或合计行）应等于分功能科目表合计行的合计、基本支出、人员经费、公用经费、项目支出。",
      example=Example("表5-2 合计 778.64 | 表5-1 合计 768.64",
                      "表5-2 一般公共预算支出表(分单位) 合计：合计 778.64 ≠ 表5-1 一般公共预算支出表(分功能科目) 合计 768.64，相差 10.00 万元"))
def by_unit_matches_by_function(budget, ctx):
    t51, t52 = budget.table("general_budget_by_function"), budget.table("general_budget_by_unit")
    ref = t51.total_row()
    if ref is None:
        return
    total_row = t52.total_row()
    units = [r for r in t52.rows if r.level is not RowLevel.TOTAL and r.cells]
    for m in _TOTAL_MEASURES:
        if ref.get(m) is None and not any(r.get(m) for r in t52.rows):
            continue
        if total_row is not None:
            actual, at, tol = total_row.get(m), total_row, [ref.get(m)]
        else:
            parts = [r.get(m) for r in units]
            at = units[0] if len(units) == 1 else t52
            actual = None
            if abs(total(parts) - ref.value(m)) <= ctx.tolerance(ref.get(m), *parts, unit=t52.unit):
                continue
            yield ctx.finding(at, f"{t52.label} 各单位之和：{ctx.measure_zh(m)} {ctx.fmt(total(parts), t52.unit)} ≠ "
                                  f"{t51.label} 合计 {ctx.fmt(ref.value(m), t52.unit)}，相差 "
                                  f"{ctx.fmt(abs(total(parts) - ref.value(m)), t52.unit)} {t52.unit.value}",
                              expected=ctx.fmt(ref.value(m), t52.unit), actual=ctx.fmt(total(parts), t52.unit), measure=m)
            continue
        f = compare(ctx, at, actual=actual, expected=ref.value(m), where=f"{t52.label} 合计", what=ctx.measure_zh(m),
                    expected_label=f"{t51.label} 合计", tolerance_of=tol, unit=t52.unit, measure=m)
        if f:
            yield f


@rule(code="X207", name="basic-by-economic-matches-by-function", severity=E,
      tables=("general_budget_by_function", "basic_by_economic"),
      title="基本支出表合计应与分功能科目表一致",
      explanation="一般公共预算基本支出表（经济分类）合计、人员经费、公用经费应等于一般公共预算支出表（分功能科目）合计行的基本支出、人员经费、公用经费。",
      example=Example("表6 人员经费 516.98 | 表5-1 人员经费 506.98",
                      "表6 一般公共预算基本支出表 合计：人员经费 516.98 ≠ 表5-1 一般公共预算支出表(分功能科目) 合计 人员经费 506.98，相差 10.00 万元"))
def basic_by_economic_matches_by_function(budget, ctx):
    t51, t6 = budget.table("general_budget_by_function"), budget.table("basic_by_economic")
    ref, mine = t51.total_row(), t6.total_row()
    if ref is None:
        return
    if mine is None:
        classes = [r for r in t6.rows if r.level is RowLevel.CLASS]
        values = {m: total(r.get(m) for r in classes) for m in ("total", "personnel", "public")}
    printed = {c.measure for c in t51.columns} or {c.measure for r in t51.rows for c in r.cells}
    for m6, m51 in (("total", "basic"), ("personnel", "personnel"), ("public", "public")):
        if m51 not in printed:
            continue  # 表5 of Shanghai and central departments prints no 人员经费/公用经费 columns
        if mine is not None:
            f = compare(ctx, mine, actual=mine.get(m6), expected=ref.value(m51), where=f"{t6.label} 合计",
                        what=ctx.measure_zh(m6), expected_label=f"{t51.label} 合计 {ctx.measure_zh(m51)}",
                        tolerance_of=[ref.get(m51)], unit=t6.unit, measure=m6)
        else:
            diff = values[m6] - ref.value(m51)
            f = None if abs(diff) <= ctx.tolerance(ref.get(m51), unit=t6.unit) else ctx.finding(
                t6, f"{t6.label} 各类之和：{ctx.measure_zh(m6)} {ctx.fmt(values[m6], t6.unit)} ≠ {t51.label} 合计 "
                    f"{ctx.measure_zh(m51)} {ctx.fmt(ref.value(m51), t6.unit)}，相差 {ctx.fmt(abs(diff), t6.unit)} {t6.unit.value}",
                expected=ctx.fmt(ref.value(m51), t6.unit), actual=ctx.fmt(values[m6], t6.unit), measure=m6)
        if f:
            yield f


@rule(code="X208", name="projects-sum-to-project-expenditure", severity=E,
      tables=("projects", "expenditure_summary"),
      title="项目支出表之和应等于项目支出",
      explanation="项目支出表各项目（一级项目，或无一级项目时的二级项目）合计之和应等于支出总表合计行的项目支出（两表都是全部资金口径）；"
                  "其中一般公共预算拨款之和应等于一般公共预算支出表合计行的项目支出；项目支出表另列上年结转、"
                  "而一般公共预算支出表含上年结转时，两者之差不应超过一般公共预算拨款的上年结转。",
      example=Example("表10 项目 72.00 + 138.00 | 表3 项目支出 220.00",
                      "表10 项目支出表 各项目之和：合计 210.00 ≠ 表3 支出总表 合计 项目支出 220.00，相差 10.00 万元"))
def projects_sum_to_project_expenditure(budget, ctx):
    t10, t3 = budget.table("projects"), budget.table("expenditure_summary")
    tops = [r for r in t10.rows if r.level is RowLevel.PROJECT] or [r for r in t10.rows if r.level is RowLevel.SUBPROJECT]
    checks = [("total", t3, "project")]
    t51 = budget.table("general_budget_by_function")
    if t51 is not None and any(r.get("general_budget") for r in t10.rows):
        checks.append(("general_budget", t51, "project"))
    carried = _general_budget_carryover(budget, ctx, t10, tops)
    for m10, ref_table, m in checks:
        ref = ref_table.total_row()
        if ref is None:
            continue
        parts = [r.get(m10) for r in tops]
        got, want = total(parts), ref.value(m)
        tol = ctx.tolerance(ref.get(m), *parts, unit=t10.unit)
        if abs(got - want) <= tol:
            continue
        if m10 == "general_budget" and ZERO < want - got <= carried + tol:
            continue  # the general budget's carryover, printed in the projects' 上年结转 column, not by fund
        at = t10.total_row() or (tops[0] if tops else t10)
        yield ctx.finding(at, f"{t10.label} 各项目之和：{ctx.measure_zh(m10)} {ctx.fmt(got, t10.unit)} ≠ {ref_table.label} 合计 "
                              f"{ctx.measure_zh(m)} {ctx.fmt(want, t10.unit)}，相差 {ctx.fmt(abs(got - want), t10.unit)} {t10.unit.value}",
                          expected=ctx.fmt(want, t10.unit), actual=ctx.fmt(got, t10.unit), measure=m10, table=t10.id,
                          row="各项目之和")


def _general_budget_carryover(budget, ctx, t10, tops) -> Decimal:
    """What the projects may spend of the general budget's carryover beside their 一般公共预算拨款
    column: the 财政拨款收支总表's 一般公共预算拨款结转 (at most the projects' 上年结转 column), when the
    一般公共预算支出表 spends the carryover too (Shenzhen 表5 | 表6 | 表7). Zero otherwise."""
    t4 = budget.table("fiscal_grant_summary")
    if t4 is None or fund_tables_exclude_carryover(budget, ctx) or "carryover" not in measures_of(t10):
        return ZERO
    carry = line_amount(side_line(t4, "carryover_general_budget", Side.INCOME))
    if carry is None:
        return ZERO
    return min(carry.value, total(r.get("carryover") for r in tops))


@rule(code="X209", name="vehicle-operation-vs-30231", severity=W, tables=("three_public", "basic_by_economic"),
      title="“三公”公务用车运行费与基本支出 30231",
      explanation="基本支出中的公务用车运行维护费（经济分类 30231）是“三公”公务用车运行费的一部分，不应大于“三公”表的公务用车运行费。"
                  "（项目支出中也可能列支车辆运行费，故只在基本支出更大时提示。）",
      example=Example("表6 30231 3.00 | 表7 公务用车运行费 2.00",
                      "表7 一般公共预算“三公”经费支出表：公务用车运行费 2.00 小于表6 一般公共预算基本支出表 30231 公务用车运行维护费 3.00"))
def vehicle_operation_vs_30231(budget, ctx):
    t7, t6 = budget.table("three_public"), budget.table("basic_by_economic")
    r6 = t6.row(code="30231")
    row7 = next((r for r in t7.rows if r.cells), None)
    basic = r6.value("total") if r6 else ZERO
    op = row7.value("vehicle_operation") if row7 else ZERO
    if basic > op + ctx.tolerance(unit=t7.unit):
        yield ctx.finding(row7 or t7, f"{t7.label}：公务用车运行费 {ctx.fmt(op, t7.unit)} 小于{t6.label} 30231 "
                                      f"{r6.name if r6 else '公务用车运行维护费'} {ctx.fmt(basic, t7.unit)}",
                          expected=f"≥ {ctx.fmt(basic, t7.unit)}", actual=ctx.fmt(op, t7.unit), measure="vehicle_operation")


def _structure_line(budget, item):
    return next((s for s in budget.overall_performance.structure if s.side == "expenditure" and s.item == item), None)


def _perf_projects(budget, word):
    return [p for p in budget.overall_performance.projects if p.category and word in p.category]


def _require_single_scope(budget):
    if only_general_budget(budget) is False:
        raise Skip("文档有一般公共预算以外的收入，整体绩效表（全部资金）与一般公共预算表口径不同，不比较")


@rule(code="X210", name="overall-personnel-matches", severity=E,
      tables=("overall_performance", "general_budget_by_function"),
      title="整体绩效表人员类支出应等于人员经费",
      explanation="整体支出绩效目标表中“人员类项目支出”应等于一般公共预算支出表合计行的人员经费"
                  "（仅在文档只有一般公共预算拨款收入、两表口径相同时比较）。",
      example=Example("表11 人员类 516.98 | 表5-1 人员经费 506.98",
                      "表11 整体支出绩效目标表 人员类项目支出：当年金额 516.98 ≠ 表5-1 一般公共预算支出表(分功能科目) 合计 人员经费 506.98，相差 10.00 万元"))
def overall_personnel_matches(budget, ctx):
    _require_single_scope(budget)
    line = _structure_line(budget, "personnel")
    ref = budget.table("general_budget_by_function").total_row()
    if line is None or ref is None:
        return
    t51 = budget.table("general_budget_by_function")
    f = compare(ctx, line, actual=line.amount, expected=ref.value("personnel"),
                where=f"{ctx.table_label('overall_performance')} {line.name}", what="当年金额",
                expected_label=f"{t51.label} 合计 人员经费", tolerance_of=[ref.get("personnel")], row=line.name)
    if f:
        yield f


def _project_amounts(budget):
    """Annual amount of each 二级 project by normalised name (table 10)."""
    t10 = budget.table("projects")
    if t10 is None:
        return {}
    return {norm_name(r.name): r for r in leaf_projects(t10)}


@rule(code="X211", name="overall-operation-matches", severity=E,
      tables=("overall_performance", "general_budget_by_function"),
      title="整体绩效表运转类支出应等于公用经费与运转类项目之和",
      explanation="整体支出绩效目标表中“运转类项目支出”应等于公用经费 + 运转类项目（表11 项目清单中类别含“运转”的项目）本年预算之和"
                  "（仅在两表口径相同时比较）。",
      example=Example("表11 运转类 133.66 | 公用经费 51.66 | 运转类项目 72",
                      "表11 整体支出绩效目标表 运转类项目支出：当年金额 133.66 ≠ 公用经费 51.66 + 运转类项目 72.00，相差 10.00 万元"))
def overall_operation_matches(budget, ctx):
    _require_single_scope(budget)
    line = _structure_line(budget, "operation")
    ref = budget.table("general_budget_by_function").total_row()
    if line is None or ref is None:
        return
    ops = [p.annual_budget for p in _perf_projects(budget, "运转")]
    expected = ref.value("public") + total(ops)
    f = compare(ctx, line, actual=line.amount, expected=expected,
                where=f"{ctx.table_label('overall_performance')} {line.name}", what="当年金额",
                expected_label=f"公用经费 {ctx.fmt(ref.value('public'))} + 运转类项目 {ctx.fmt(total(ops))} =",
                tolerance_of=[ref.get("public"), *ops], row=line.name)
    if f:
        yield f


@rule(code="X212", name="overall-specific-matches", severity=E, tables=("overall_performance",),
      title="整体绩效表特定目标类支出应等于特定目标类项目之和",
      explanation="整体支出绩效目标表中“特定目标类项目支出”应等于表中特定目标类项目本年预算之和。",
      example=Example("表11 特定目标类 148 | 特定目标类项目 138",
                      "表11 整体支出绩效目标表 特定目标类项目支出：当年金额 148.00 ≠ 特定目标类项目之和 138.00，相差 10.00 万元"))
def overall_specific_matches(budget, ctx):
    line = _structure_line(budget, "specific")
    if line is None:
        return
    specific = [p.annual_budget for p in _perf_projects(budget, "特定目标")]
    if not budget.overall_performance.projects:
        raise Skip("整体支出绩效目标表没有项目清单")
    f = compare(ctx, line, actual=line.amount, expected=total(specific),
                where=f"{ctx.table_label('overall_performance')} {line.name}", what="当年金额",
                expected_label="特定目标类项目之和", tolerance_of=specific, row=line.name)
    if f:
        yield f


@rule(code="X213", name="overall-total-matches-expenditure", severity=E,
      tables=("overall_performance", "expenditure_summary"),
      title="整体绩效表支出合计应等于支出总表合计",
      explanation="整体支出绩效目标表支出构成合计（全部资金）应等于支出总表合计。",
      example=Example("表11 合计 788.64 | 表3 合计 778.64",
                      "表11 整体支出绩效目标表 支出构成 合计：当年金额 788.64 ≠ 表3 支出总表 合计 778.64，相差 10.00 万元"))
def overall_total_matches_expenditure(budget, ctx):
    line = _structure_line(budget, "total")
    ref = budget.table("expenditure_summary").total_row()
    if line is None or ref is None:
        return
    f = compare(ctx, line, actual=line.amount, expected=ref.value("total"),
                where=f"{ctx.table_label('overall_performance')} 支出构成 合计", what="当年金额",
                expected_label=f"{ctx.table_label('expenditure_summary')} 合计", tolerance_of=[ref.get("total")],
                row="支出构成 合计")
    if f:
        yield f


@rule(code="X214", name="overall-projects-match-table-10", severity=E, tables=("overall_performance", "projects"),
      title="整体绩效表项目清单应与项目支出表一致",
      explanation="整体支出绩效目标表“项目支出情况”所列每个项目应在项目支出表中有同名项目且本年度预算相等；"
                  "项目支出表的每个二级项目也应列入。",
      example=Example("表11 电子政务系统运维 72 | 表10 电子政务系统运行维护 72",
                      "表11 整体支出绩效目标表 项目“电子政务系统运维”不在表10 项目支出表中"))
def overall_projects_match_table_10(budget, ctx):
    known = _project_amounts(budget)
    t10 = budget.table("projects")
    label = ctx.table_label("overall_performance")
    listed = set()
    for p in budget.overall_performance.projects:
        key = norm_name(p.name)
        listed.add(key)
        row = known.get(key) or next((r for r in t10.rows if norm_name(r.name) == key), None)
        if row is None:
            yield ctx.finding(p, f"{label} 项目“{p.name}”不在{t10.label}中", expected="表10 中的项目名称",
                              actual=p.name, row=p.name)
            continue
        if p.annual_budget is not None:
            f = compare(ctx, p, actual=p.annual_budget, expected=row.value("total"), where=f"{label} {p.name}",
                        what="项目本年度预算", expected_label=f"{t10.label} {row.label} 合计",
                        tolerance_of=[row.get("total")], row=p.name)
            if f:
                yield f
    if budget.overall_performance.projects:
        for key, row in known.items():
            if key not in listed:
                yield ctx.finding(row, f"{t10.label} 项目“{row.name}”未列入{label}的项目支出情况",
                                  expected=row.name, actual="未列入")


@rule(code="X215", name="project-tables-match-table-10", severity=E,
      tables=("project_performance", "projects", "project_list"), any_table=True,
      title="项目绩效目标表应与项目支出表一致",
      explanation="每张项目支出绩效目标表的项目编码、名称、当年预算应与项目支出表（或专项业务经费支出表等项目清单）中的项目一致。",
      example=Example("表12-2 42010026301Y000000103 电子政务系统运维 | 表10 同编码 电子政务系统运行维护",
                      "表12-2 项目支出绩效目标表 项目名称“电子政务系统运维”与表10 项目支出表同编码项目的名称“电子政务系统运行维护”不一致"))
def project_tables_match_table_10(budget, ctx):
    # A region without 项目支出表 may list its projects in another table (Xi'an 表10 专项业务经费支出表).
    t10 = budget.table("projects") or budget.table("project_list")
    if t10 is None or not budget.project_performance:
        raise Skip("项目支出绩效目标表或项目支出表缺失")
    by_code = {r.code: r for r in t10.rows if r.code}
    by_name = {norm_name(r.name): r for r in t10.rows}
    spec = ctx.layout.table("project_performance") if ctx.layout else None
    form_title = spec.title if spec else "项目支出绩效目标表"  # the document's own name (Xi'an: 部门专项业务经费绩效目标表)
    for p in budget.project_performance:
        label = f"表{p.number} {form_title}" if p.number else ctx.table_label("project_performance")
        row = by_code.get(p.project_code) if p.project_code else None
        if row is None:
            row = by_name.get(norm_name(p.project_name))
            if row is None and _covers_whole_list(p, t10):
                continue  # one form for the whole list (Xi'an 2021 表14 “市民政局专项业务”: all 专项业务经费)
            if row is None:
                yield ctx.finding(p, f"{label} 项目“{p.project_name}”（编码 {p.project_code or '未填'}）不在{t10.label}中",
                                  expected=f"{t10.label}中的项目", actual=p.project_name, source=p.source_of("project_name"))
                continue
            if p.project_code:
                yield ctx.finding(p, f"{label} 项目“{p.project_name}”编码 {p.project_code} ≠ {t10.label} 中的编码 {row.code}",
                                  expected=row.code, actual=p.project_code, source=p.source_of("project_code"))
        elif norm_name(row.name) != norm_name(p.project_name):
            yield ctx.finding(p, f"{label} 项目名称“{p.project_name}”与{t10.label}同编码项目的名称“{row.name}”不一致",
                              expected=row.name, actual=p.project_name, source=p.source_of("project_name"))
        if p.annual_budget is not None:
            f = compare(ctx, p, actual=p.annual_budget, expected=row.value("total"),
                        where=f"{label} {p.project_name}", what="项目当年预算",
                        expected_label=f"{t10.label} {row.label} 合计", tolerance_of=[row.get("total")],
                        source=p.annual_budget.source or p.source_of("annual_budget"))
            if f:
                yield f


def _covers_whole_list(form, t10) -> bool:
    """The form's 当年预算 is the project list's total, to the precision both print."""
    whole = t10.total_row()
    amount = whole.get("total") if whole is not None else None
    if form.annual_budget is None or amount is None:
        return False
    return abs(form.annual_budget.value - amount.value) <= (form.annual_budget.resolution + amount.resolution) / 2


@rule(code="X216", name="project-table-missing", severity=W, tables=("project_performance", "projects"),
      title="二级项目缺少绩效目标表",
      explanation="项目支出表中的每个二级项目都应有一张项目支出绩效目标表。",
      example=Example("表10 二级项目 2 个 | 表12 仅 12-1",
                      "表10 项目支出表 项目“电子政务系统运行维护”没有项目支出绩效目标表"))
def project_table_missing(budget, ctx):
    if budget.layout_assumed:  # regions differ in which projects publish a form (all, or the key ones)
        raise Skip("未能确定文档所属地区的版式：各地对哪些项目须公开绩效目标表的要求不同，不逐项检查")
    unread = [t for t in budget.unread_tables if "绩效" in t.title]
    if unread:  # the forms may be in a table the reader could not read: no project is said to lack one
        raise Skip(f"绩效目标表“{unread[0].title}”未能读取，不能断定哪个项目缺少绩效目标表")
    t10 = budget.table("projects")
    codes = {p.project_code for p in budget.project_performance if p.project_code}
    names = {norm_name(p.project_name) for p in budget.project_performance}
    for row in leaf_projects(t10):
        if row.code in codes or norm_name(row.name) in names:
            continue
        yield ctx.finding(row, f"{t10.label} 项目“{row.name}”没有项目支出绩效目标表", expected="表12-n", actual="缺失")
