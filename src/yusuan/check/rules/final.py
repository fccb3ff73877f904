"""决算 (final accounts): the identities of the nine tables and the narrative's execution statements.

The budget rules that hold for a 决算 run on it too (class/款/项 sums, 合计 = 基本 + 项目, the two sides of
the summaries, the “三公” parts for 决算数 and — as qualified columns — 预算数, text against tables); these
add what only a 决算 states: the balances either side of the year, the tables' totals against each other,
and each line's 决算数, 完成率 and comparison word against its 年初预算数.
"""
from __future__ import annotations

import re
from decimal import Decimal

from ...model import RowLevel, Severity, Side
from ..registry import Example, rule
from ..subjects import resolve
from .common import ZERO, compare, line_amount, plus, side_line, snapshot_dates, table_total, total
from .narrative import claim_tolerance
from .performance import fmt_pct, half_unit, percent_places

E, W = Severity.ERROR, Severity.WARNING
FINAL = ("决算",)
HUNDRED = Decimal(100)
_SUMMARIES = ("income_expenditure_summary", "fiscal_grant_summary")
_FUND_TABLES = ("gov_fund_by_function", "state_capital_by_function")
_PERSONNEL_CLASSES = ("301", "303")


@rule(code="S160", name="final-balance-identity", severity=E, kinds=FINAL, tables=(*_SUMMARIES, *_FUND_TABLES),
      any_table=True,
      title="年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余",
      explanation="决算的收入支出决算总表、财政拨款收入支出决算总表中，年初结转和结余 + 本年收入合计（+ 使用非财政拨款结余）"
                  "应等于本年支出合计（+ 结余分配）+ 年末结转和结余；政府性基金、国有资本经营预算财政拨款收入支出决算表的每一行同理。",
      example=Example("年初结转和结余 49.14 | 本年收入合计 2946.25 | 本年支出合计 2940.05 | 年末结转和结余 65.34",
                      "收入支出决算总表：年初结转和结余 49.14 + 本年收入合计 2946.25 ≠ 本年支出合计 2940.05 + 年末结转和结余 65.34 = "
                      "3005.39，相差 10.00 万元"))
def final_balance_identity(budget, ctx):
    for table_id in _SUMMARIES:
        table = budget.table(table_id)
        if table is None:
            continue
        ins = [(r.name, line_amount(r)) for item in ("year_begin_balance", "income_current_total",
                                                     "nonfiscal_balance_used")
               if (r := side_line(table, item, Side.INCOME)) is not None]
        outs = [(r.name, line_amount(r)) for item in ("expenditure_current_total", "balance_distribution",
                                                      "year_end_balance")
                if (r := side_line(table, item, Side.EXPENDITURE)) is not None]
        if not any(r.item == "year_begin_balance" for r in table.rows) or \
                not any(r.item == "year_end_balance" for r in table.rows):
            continue  # not printed both balances: nothing to say
        at = side_line(table, "year_end_balance", Side.EXPENDITURE)
        left, right = total(a for _, a in ins), total(a for _, a in outs)
        tol = ctx.tolerance(*(a for _, a in ins + outs), unit=table.unit)
        if abs(left - right) > tol:
            yield ctx.finding(at, f"{table.label}：{plus(ctx, ins, table.unit)} = {ctx.fmt(left, table.unit)} ≠ "
                                  f"{plus(ctx, outs, table.unit)} = {ctx.fmt(right, table.unit)}，"
                                  f"相差 {ctx.fmt(abs(left - right), table.unit)} {table.unit.value}",
                              expected=ctx.fmt(right, table.unit), actual=ctx.fmt(left, table.unit), table=table.id,
                              measure="budget")
    for table_id in _FUND_TABLES:
        table = budget.table(table_id)
        if table is None:
            continue
        measures = {c.measure for c in table.columns}
        if not {"year_begin_balance", "current_income", "total", "year_end_balance"} <= measures:
            continue
        for row in table.rows:
            if not row.cells:
                continue
            ins = [("年初结转和结余", row.get("year_begin_balance")), ("本年收入", row.get("current_income"))]
            outs = [("本年支出", row.get("total")), ("年末结转和结余", row.get("year_end_balance"))]
            left, right = total(a for _, a in ins), total(a for _, a in outs)
            if abs(left - right) > ctx.tolerance(*(a for _, a in ins + outs), unit=table.unit):
                yield ctx.finding(row, f"{table.label} {row.label}：{plus(ctx, ins, table.unit)} ≠ {plus(ctx, outs, table.unit)}，"
                                       f"相差 {ctx.fmt(abs(left - right), table.unit)} {table.unit.value}",
                                  expected=ctx.fmt(right, table.unit), actual=ctx.fmt(left, table.unit))


@rule(code="S161", name="final-staff-totals", severity=E, kinds=FINAL, tables=("basic_by_economic",),
      title="人员经费合计、公用经费合计应等于所属经济分类之和",
      explanation="一般公共预算财政拨款基本支出决算表中，“人员经费合计”应等于工资福利支出（301）与对个人和家庭的补助（303）之和，"
                  "“公用经费合计”应等于其余各类（商品和服务支出 302、资本性支出 310 等）之和。",
      example=Example("301 2082.85 | 303 69.41 | 人员经费合计 2162.26",
                      "一般公共预算财政拨款基本支出决算表 人员经费合计：人员经费 2162.26 ≠ 301 2082.85 + 303 69.41，相差 10.00 万元"))
def final_staff_totals(budget, ctx):
    table = budget.table("basic_by_economic")
    classes = [r for r in table.rows if r.level is RowLevel.CLASS and r.code]
    if not classes or len({r.code for r in classes}) != len(classes):
        return
    for item, measure, pick in (("personnel_total", "personnel", lambda c: c in _PERSONNEL_CLASSES),
                                ("public_total", "public", lambda c: c not in _PERSONNEL_CLASSES)):
        line = next((r for r in table.rows if r.item == item), None)
        if line is None or line.get(measure) is None:
            continue
        parts = [(r.code, r.get("total")) for r in classes if pick(r.code)]
        f = compare(ctx, line, actual=line.get(measure), expected=total(a for _, a in parts),
                    where=f"{table.label} {line.name}", what=ctx.measure_zh(measure),
                    expected_label=plus(ctx, parts, table.unit) or "0", tolerance_of=[a for _, a in parts],
                    unit=table.unit, measure=measure, show_expected=False)
        if f:
            yield f


@rule(code="X230", name="final-staff-equal-basic", severity=E, kinds=FINAL,
      tables=("basic_by_economic", "general_budget_by_function"),
      title="人员经费与公用经费之和应等于基本支出",
      explanation="一般公共预算财政拨款基本支出决算表的人员经费合计 + 公用经费合计应等于一般公共预算财政拨款支出决算表合计行的基本支出。",
      example=Example("人员经费合计 2152.26 | 公用经费合计 184.65 | 表5 基本支出 2346.91",
                      "一般公共预算财政拨款支出决算表 合计 基本支出：基本支出 2346.91 ≠ 人员经费合计 2152.26 + 公用经费合计 184.65，相差 10.00 万元"))
def final_staff_equal_basic(budget, ctx):
    t6, t5 = budget.table("basic_by_economic"), budget.table("general_budget_by_function")
    lines = [(r.name, r.get(m)) for item, m in (("personnel_total", "personnel"), ("public_total", "public"))
             if (r := next((x for x in t6.rows if x.item == item), None)) is not None]
    if len(lines) != 2 or any(a is None for _, a in lines):
        return
    row = t5.total_row()
    if row is None or row.get("basic") is None:
        return
    f = compare(ctx, row, actual=row.get("basic"), expected=total(a for _, a in lines),
                where=f"{t5.label} 合计", what="基本支出", expected_label=plus(ctx, lines, t5.unit),
                tolerance_of=[a for _, a in lines], unit=t5.unit, measure="basic", show_expected=False)
    if f:
        yield f


def _line(budget, table_id, item, side, measure="budget"):
    table = budget.table(table_id)
    row = side_line(table, item, side) if table is not None else None
    if row is None:
        return None, None
    return row, (row.get(measure) if measure != "budget" else line_amount(row))


@rule(code="X231", name="final-totals-between-tables", severity=E, kinds=FINAL,
      tables=("income_expenditure_summary", "income_summary", "expenditure_summary", "fiscal_grant_summary",
              "general_budget_by_function"), any_table=True,
      title="决算各表之间的合计应一致",
      explanation="收入决算表合计 = 收入支出决算总表本年收入合计；支出决算表合计 = 收入支出决算总表本年支出合计；"
                  "收入决算表的财政拨款收入 = 收入支出决算总表各项财政拨款收入之和 = 财政拨款收入支出决算总表本年收入合计；"
                  "一般公共预算财政拨款支出决算表合计 = 财政拨款收入支出决算总表本年支出合计的一般公共预算财政拨款栏；"
                  "政府性基金、国有资本经营预算财政拨款决算表的本年支出合计同理对应其栏（空表按 0 计）。",
      example=Example("收入决算表 合计 2946.25 | 收入支出决算总表 本年收入合计 2956.25",
                      "收入决算表 合计：合计 2946.25 ≠ 收入支出决算总表 本年收入合计 2956.25，相差 10.00 万元"))
def final_totals_between_tables(budget, ctx):
    t1, t2, t3 = (budget.table(i) for i in ("income_expenditure_summary", "income_summary", "expenditure_summary"))
    t4 = budget.table("fiscal_grant_summary")
    pairs = []
    if t1 is not None:
        current_in = side_line(t1, "income_current_total", Side.INCOME)
        current_out = side_line(t1, "expenditure_current_total", Side.EXPENDITURE)
        if t2 is not None and t2.total_row() is not None and current_in is not None:
            pairs.append((t2, t2.total_row(), "total", line_amount(current_in), f"{t1.label} 本年收入合计"))
        if t3 is not None and t3.total_row() is not None and current_out is not None:
            pairs.append((t3, t3.total_row(), "total", line_amount(current_out), f"{t1.label} 本年支出合计"))
        grants = [line_amount(r) for item in ("general_budget", "gov_fund", "state_capital", "fiscal_grant")
                  if (r := side_line(t1, item, Side.INCOME)) is not None]
        if t2 is not None and t2.total_row() is not None and t2.total_row().get("fiscal_grant") is not None and grants:
            pairs.append((t2, t2.total_row(), "fiscal_grant", _sum(grants), f"{t1.label} 各项财政拨款收入之和"))
    if t4 is not None:
        current_out = side_line(t4, "expenditure_current_total", Side.EXPENDITURE)
        current_in = side_line(t4, "income_current_total", Side.INCOME)
        if t2 is not None and t2.total_row() is not None and t2.total_row().get("fiscal_grant") is not None \
                and current_in is not None:
            pairs.append((t2, t2.total_row(), "fiscal_grant", line_amount(current_in), f"{t4.label} 本年收入合计"))
        for fund, table_id in (("general_budget", "general_budget_by_function"), ("gov_fund", "gov_fund_by_function"),
                               ("state_capital", "state_capital_by_function")):
            table = budget.table(table_id)
            if table is None or current_out is None or (
                    current_out.get(fund) is None and not any(c.measure == fund for c in t4.columns)):
                continue
            printed = current_out.get(fund)
            row = table.total_row()
            if row is None and (printed is None or printed.value == 0) and table.is_empty:
                continue  # an empty table and no such spending: nothing to compare
            amount = row.get("total") if row is not None else None
            expected = printed.value if printed is not None else ZERO
            at = row if row is not None else table
            f = compare(ctx, at, actual=amount if row is not None else None,
                        expected=expected if row is not None else expected, where=f"{table.label} 合计", what="本年支出",
                        expected_label=f"{t4.label} 本年支出合计 {ctx.measure_zh(fund)}",
                        tolerance_of=[amount, printed], unit=table.unit, measure="total", table=table.id)
            if f:
                yield f
    for table, row, measure, expected, label in pairs:
        if expected is None:
            continue
        f = compare(ctx, row, actual=row.get(measure), expected=expected.value, where=f"{table.label} 合计",
                    what=ctx.measure_zh(measure), expected_label=label, tolerance_of=[expected], unit=table.unit,
                    measure=measure)
        if f:
            yield f


def _sum(amounts):
    from ...model import Amount
    present = [a for a in amounts if a is not None]
    if not present:
        return None
    return Amount(value=total(present), unit=present[0].unit, places=max(a.places for a in present))


# -- the narrative's execution statements -------------------------------------------------------------

def _where(ctx, claim) -> str:
    return f"情况说明 {claim.subject.describe()}"


def _table_planned(budget, claim):
    """The 预算数 the “三公” table prints for the claim's item (its `planned` column)."""
    if claim.subject.table != "three_public" or not claim.subject.measure:
        return None
    table = budget.table("three_public")
    row = next((r for r in table.rows if r.cells), None) if table is not None else None
    if row is None or not any(c.measure == f"{claim.subject.measure}@planned" for c in table.columns):
        return None
    amount = row.get(f"{claim.subject.measure}@planned")
    return amount.value if amount is not None else ZERO


def _planned(budget, claim):
    """The 年初预算数 a claim is measured against: as it states it, else the “三公” table's 预算数."""
    if claim.planned is not None:
        return claim.planned.value, claim.planned
    value = _table_planned(budget, claim)
    return (value, None) if value is not None else (None, None)


@rule(code="T430", name="execution-actual-matches-table", severity=E, kinds=FINAL, needs=("narrative",),
      title="情况说明的决算数应与表格一致",
      explanation="情况说明逐项写出的“支出决算为 X 万元”（功能分类科目、一般公共预算财政拨款支出合计、“三公”经费各项）"
                  "应等于一般公共预算财政拨款支出决算表、财政拨款“三公”经费支出决算表中该项的决算数。",
      example=Example("说明：行政运行（项）年初预算为1560.05万元，支出决算为1521.89万元 | 表 2010601 1511.89",
                      "情况说明 2010601 行政运行：决算数 1521.89 万元 ≠ 一般公共预算财政拨款支出决算表 2010601 行政运行 合计 1511.89 万元"))
def execution_actual_matches_table(budget, ctx):
    for claim in budget.execution_claims:
        if claim.actual is None or claim.subject.kind == "other":
            continue
        if claim.subject.kind == "function" and not claim.subject.code:
            continue  # a line named in words the tables do not use: not linked
        fig = resolve(budget, claim.subject, "general_budget")
        if fig is None:
            continue
        if fig.amount is None and claim.actual.value == 0:
            continue  # a blank cell is read as 0 only against a stated non-zero amount
        printed = fig.amount.value if fig.amount is not None else ZERO
        diff = claim.actual.value - printed
        if abs(diff) > claim_tolerance(ctx, claim.actual, fig.amount):
            u = fig.table.unit
            yield ctx.finding(claim, f"{_where(ctx, claim)}：决算数 {ctx.fmt(claim.actual.value, u)} {u.value} ≠ "
                                     f"{fig.where} {ctx.fmt(printed, u)} {u.value}，相差 {ctx.fmt(abs(diff), u)} {u.value}",
                              expected=ctx.fmt(printed, u), actual=ctx.fmt(claim.actual.value, u), table=fig.table.id,
                              measure=fig.measure, row=fig.row.label, source=claim.source, section=claim.section)


@rule(code="T431", name="execution-rate-matches", severity=E, kinds=FINAL, needs=("narrative",),
      title="完成率应等于决算数除以年初预算数",
      explanation="“完成年初预算的 Z%”应等于决算数 ÷ 年初预算数（说明未写出预算数时取“三公”经费表的预算数），"
                  "允许百分比末位半个单位和金额舍入带来的误差。",
      example=Example("说明：年初预算为100.00万元，支出决算为98.50万元，完成年初预算的95.80%",
                      "情况说明 “三公”经费：完成率 95.80% ≠ 98.50 ÷ 100.00 = 98.50%"))
def execution_rate_matches(budget, ctx):
    for claim in budget.execution_claims:
        if claim.rate is None or claim.actual is None:
            continue
        planned, stated = _planned(budget, claim)
        if planned is None or planned == 0:
            continue  # T432
        ratio = claim.actual.value / planned * HUNDRED
        r = ctx.half_resolution(claim.actual)
        slack = HUNDRED * r / planned * (1 + ratio / HUNDRED)
        if abs(ratio - claim.rate) <= half_unit(claim.rate) + slack:
            continue
        p = max(percent_places(claim.rate), 2)
        yield ctx.finding(claim, f"{_where(ctx, claim)}：完成率 {fmt_pct(claim.rate, percent_places(claim.rate))} ≠ "
                                 f"{ctx.fmt(claim.actual.value)} ÷ {ctx.fmt(planned)}"
                                 f"{'' if stated is not None else '（“三公”经费表预算数）'} = {fmt_pct(ratio, p)}",
                          expected=fmt_pct(ratio, p), actual=fmt_pct(claim.rate, percent_places(claim.rate)),
                          source=claim.source, table=claim.subject.table, section=claim.section,
                          row=claim.subject.describe())


@rule(code="T432", name="execution-rate-without-budget", severity=E, kinds=FINAL, needs=("narrative",),
      title="年初预算为 0 时不能计算完成率",
      explanation="情况说明对年初预算数为 0（或“三公”经费表预算数空白）的项目写出了“完成预算的 Z%”：预算为 0 时完成率无从计算，"
                  "应说明没有安排预算。",
      example=Example("说明：因公出国（境）费决算为0.00万元，完成预算的0% | 表 因公出国（境）费 预算数 空白",
                      "情况说明 因公出国（境）费：写出完成率 0%，但年初预算数为 0（财政拨款“三公”经费支出决算表预算数），完成率无从计算"))
def execution_rate_without_budget(budget, ctx):
    for claim in budget.execution_claims:
        if claim.rate is None:
            continue
        planned, stated = _planned(budget, claim)
        if planned is None or planned != 0:
            continue
        where = "说明所写" if stated is not None else f"{ctx.table_label('three_public')}预算数"
        yield ctx.finding(claim, f"{_where(ctx, claim)}：写出完成率 {fmt_pct(claim.rate, percent_places(claim.rate))}，"
                                 f"但年初预算数为 0（{where}），完成率无从计算",
                          expected="不写完成率", actual=fmt_pct(claim.rate, percent_places(claim.rate)),
                          source=claim.source, table=claim.subject.table, section=claim.section,
                          row=claim.subject.describe())


@rule(code="T433", name="execution-comparison-word", severity=E, kinds=FINAL, needs=("narrative",),
      title="决算数与预算数的比较用词应与数值一致",
      explanation="“决算数大于/小于/等于（持平）预算数”应与决算数、年初预算数的大小一致：决算 98.50 对预算 100.00 是“小于”。",
      example=Example("说明：年初预算为100.00万元，支出决算为98.50万元。决算数大于预算数的主要原因……",
                      "情况说明 一般公共预算财政拨款：写“决算数大于预算数”，但决算数 98.50 小于年初预算数 100.00"))
def execution_comparison_word(budget, ctx):
    for claim in budget.execution_claims:
        if claim.comparison is None or claim.actual is None:
            continue
        planned, stated = _planned(budget, claim)
        if planned is None:
            continue
        tol = ctx.half_resolution(claim.actual) + (ctx.half_resolution(stated) if stated is not None else ZERO)
        diff = claim.actual.value - planned
        truth = "等于" if abs(diff) <= tol else ("大于" if diff > 0 else "小于")
        if truth == claim.comparison:
            continue
        yield ctx.finding(claim, f"{_where(ctx, claim)}：写“决算数{claim.comparison_text}预算数”，但决算数 "
                                 f"{ctx.fmt(claim.actual.value)} {truth}年初预算数 {ctx.fmt(planned)}",
                          expected=truth, actual=claim.comparison_text, source=claim.source, table=claim.subject.table,
                          section=claim.section, row=claim.subject.describe())


@rule(code="T434", name="execution-planned-matches-three-public", severity=E, kinds=FINAL, needs=("narrative",),
      tables=("three_public",),
      title="情况说明的“三公”经费预算数应与表格一致",
      explanation="情况说明写出的“三公”经费（及各项）年初预算数应等于财政拨款“三公”经费支出决算表的预算数。",
      example=Example("说明：“三公”经费财政拨款支出年初预算为1.95万元 | 表 合计 预算数 0.95",
                      "情况说明 “三公”经费：预算数 1.95 万元 ≠ 财政拨款“三公”经费支出决算表 预算数 0.95 万元"))
def execution_planned_matches_three_public(budget, ctx):
    for claim in budget.execution_claims:
        if claim.planned is None:
            continue
        printed = _table_planned(budget, claim)
        if printed is None:
            continue
        if abs(claim.planned.value - printed) > claim_tolerance(ctx, claim.planned, None):
            u = budget.table("three_public").unit
            yield ctx.finding(claim, f"{_where(ctx, claim)}：预算数 {ctx.fmt(claim.planned.value, u)} {u.value} ≠ "
                                     f"{ctx.table_label('three_public')} 预算数 {ctx.fmt(printed, u)} {u.value}",
                              expected=ctx.fmt(printed, u), actual=ctx.fmt(claim.planned.value, u), table="three_public",
                              source=claim.source, section=claim.section)


@rule(code="X303", name="final-snapshot-date", severity=E, kinds=FINAL, needs=("narrative",),
      title="决算的年末时点应为决算年度的 12 月 31 日",
      explanation="决算说明国有资产占有使用等情况的时点（“截至 xxxx 年 12 月 31 日”）应为决算年度的年末："
                  "2024 年度决算写“截至 2024 年 12 月 31 日”。",
      example=Example("2024 年度部门决算：截至2023年12月31日，共有车辆 15 辆",
                      "情况说明“十、国有资产占用情况说明”：写“截至 2023 年 12 月 31 日”，2024 年度决算的年末应为 2024 年 12 月 31 日"))
def final_snapshot_date(budget, ctx):
    year = budget.year
    if not year:
        return
    for section, paragraph, _m, y, month, day in snapshot_dates(budget):
        if (month, day) != (12, 31) or y == year:
            continue
        yield ctx.finding(paragraph, f"情况说明“{section.label}”：写“截至 {y} 年 12 月 31 日”，{year} 年度决算的年末应为 "
                                     f"{year} 年 12 月 31 日", expected=f"{year}年12月31日", actual=f"{y}年12月31日",
                          section=section.label)


_UNIT_SUFFIX = re.compile(r"(局|中心|委员会|委|院|所|厅|办公室|办|站|馆|队|处|会|部|署|学校|校|医院|公司|集团|政府|街道|镇|乡)$")
_NAMED = re.compile(r"^(?P<name>.+?)\s*(?:(?:19|20)\d{2}\s*年|概况)")


@rule(code="X304", name="final-heading-unit-name", severity=W, kinds=FINAL,
      title="各部分标题中的单位名称应与封面一致",
      explanation="决算各部分标题（“第一部分 某某局概况”“第二部分 某某局2024年度部门决算表”“第三部分 …情况说明”）"
                  "写出的单位名称应与封面的单位名称一致。",
      example=Example("封面 某某区示例局 | 第三部分 某某县示例局2024年部门决算情况说明",
                      "第三部分标题“某某县示例局2024年部门决算情况说明”中的单位名称“某某县示例局”与封面“某某区示例局”不一致"))
def final_heading_unit_name(budget, ctx):
    from .common import norm_name
    want = norm_name(budget.unit.name)
    if not want:
        return
    for heading in budget.headings:
        m = _NAMED.match(heading.title.strip())
        if m is None:
            continue
        name = m.group("name").strip()
        if not _UNIT_SUFFIX.search(name) or norm_name(name) == want or want in norm_name(name):
            continue
        yield ctx.finding(heading, f"{heading.label.split()[0]}标题“{heading.title}”中的单位名称“{name}”与封面“{budget.unit.name}”不一致",
                          expected=budget.unit.name, actual=name, source=heading.source)
