"""S: identities within the performance tables (表11 整体支出绩效目标表, 表12-n 项目支出绩效目标表)."""
from __future__ import annotations

from decimal import Decimal

from ...model import Severity
from ..registry import Example, rule
from .common import ZERO, compare, total

E = Severity.ERROR
HUNDRED = Decimal(100)


def percent_places(value: Decimal) -> int:
    return max(0, -value.as_tuple().exponent)


def half_unit(value: Decimal) -> Decimal:
    """Half a unit of the last printed digit of a percentage (its own rounding)."""
    return Decimal(5).scaleb(-percent_places(value) - 1)


def fmt_pct(value: Decimal, places: int = 2) -> str:
    return f"{value.quantize(Decimal(1).scaleb(-places)):.{places}f}%"


def project_label(p) -> str:
    return f"表{p.number} {p.project_name}" if p.number else p.project_name


@rule(code="S120", name="cost-breakdown-equals-budget", severity=E, tables=("project_performance",),
      title="项目支出明细测算之和应等于项目当年预算",
      explanation="项目支出绩效目标表中，“项目支出明细测算”各活动金额之和应等于项目当年预算。",
      example=Example("项目当年预算 72 | 明细 43 + 21 + 9",
                      "表12-2 电子政务系统运行维护 项目支出明细测算：金额合计 73.00 ≠ 项目当年预算 72.00，相差 1.00 万元"))
def cost_breakdown_equals_budget(budget, ctx):
    for p in budget.project_performance:
        costs = [c.amount for c in p.costs if c.amount is not None]
        if not costs or p.annual_budget is None:
            continue
        at = next((c for c in p.costs if c.amount is not None), p)
        f = compare(ctx, at, actual=p.annual_budget, expected=total(costs),
                    where=f"{project_label(p)} 项目支出明细测算", what="项目当年预算",
                    expected_label="各活动金额之和", tolerance_of=costs, row=p.project_name)
        if f:
            yield f


@rule(code="S121", name="funding-lines-equal-budget", severity=E, tables=("project_performance",),
      title="项目资金来源应与当年预算一致",
      explanation="项目当年资金来源中，合计 = 一般公共预算财政拨款 + 政府性基金预算财政拨款 + 财政专户管理资金 + 单位资金"
                  "（+ 上年结转），且合计 = 项目当年预算；只列来源（财政拨款、其他资金）没有合计行时，各来源之和 = 项目当年预算。",
      example=Example("合计 138 | 一般公共预算财政拨款 130",
                      "表12-1 信息化应用与产业研究 项目当年资金来源：合计 138.00 ≠ 各来源之和 130.00，相差 8.00 万元"))
def funding_lines_equal_budget(budget, ctx):
    for p in budget.project_performance:
        lines = {f.item: f for f in p.funding}
        total_line = lines.get("total")
        parts = [f for f in p.funding if f.item in ("general_budget", "gov_fund", "special_account",
                                                     "unit_funds", "carryover", "state_capital",
                                                     "fiscal_grant", "other_funds")]
        if total_line is None and parts and p.annual_budget is not None:
            # Forms that print no 合计 line: the sources add up to the project's amount (Xi'an, Beijing).
            amounts = [f.amount for f in parts]
            f = compare(ctx, parts[0], actual=p.annual_budget, expected=total(amounts),
                        where=f"{project_label(p)} 资金来源", what="项目当年预算", expected_label="各来源之和",
                        tolerance_of=[p.annual_budget, *amounts], row=p.project_name)
            if f:
                yield f
        if total_line is not None and parts:
            amounts = [f.amount for f in parts]
            f = compare(ctx, total_line, actual=total_line.amount, expected=total(amounts),
                        where=f"{project_label(p)} 项目当年资金来源", what="合计", expected_label="各来源之和",
                        tolerance_of=amounts, row=p.project_name)
            if f:
                yield f
        if total_line is not None and total_line.amount is not None and p.annual_budget is not None:
            f = compare(ctx, total_line, actual=total_line.amount, expected=p.annual_budget.value,
                        where=f"{project_label(p)} 项目当年资金来源", what="合计", expected_label="项目当年预算",
                        tolerance_of=[p.annual_budget], row=p.project_name)
            if f:
                yield f


@rule(code="S122", name="budget-history-consistent", severity=E, tables=("project_performance",),
      title="项目预算变动情况应与当年预算一致",
      explanation="“项目前两年预算及当年预算变动情况”所列本年度预算应等于项目当年预算。",
      example=Example("项目当年预算 72 | 变动情况：2026 年预算 75 万元",
                      "表12-2 电子政务系统运行维护 预算变动情况：2026 年预算 75.00 ≠ 项目当年预算 72.00，相差 3.00 万元"))
def budget_history_consistent(budget, ctx):
    for p in budget.project_performance:
        stated = dict(p.budget_history).get(budget.year)
        if stated is None or p.annual_budget is None:
            continue
        f = compare(ctx, p, actual=stated, expected=p.annual_budget.value,
                    where=f"{project_label(p)} 预算变动情况", what=f"{budget.year} 年预算",
                    expected_label="项目当年预算", tolerance_of=[p.annual_budget], row=p.project_name,
                    source=stated.source)
        if f:
            yield f


_LIST_MEASURES = {"total": "总计", "fiscal_grant": "财政拨款", "special_account": "财政专户拨款",
                  "other_funds": "其他资金", "general_budget": "一般公共预算", "gov_fund": "政府性基金",
                  "unit_funds": "单位资金", "carryover": "上年结转"}


def _project_amounts(p, item: str):
    if item == "total":
        return p.annual_budget
    return next((f.amount for f in p.funding if f.item == item), None)


def _value(amount) -> Decimal:
    return amount.value if amount is not None else ZERO


@rule(code="S123", name="project-list-totals", severity=E, tables=("project_performance",),
      title="项目绩效目标表的合计应等于所列项目之和",
      explanation="项目支出绩效目标表按单位列出项目时：合计行等于全部项目之和，每个资金使用单位的行等于其下所列项目之和，"
                  "总计和每个资金来源（财政拨款、财政专户拨款、其他资金）各自相等；合计行和单位行的总计也等于其各来源之和。"
                  "空白按 0 计。各项目金额各自四舍五入，合计按未舍入的金额计算，故允许 n 个项目各半个末位单位的尾差。",
      example=Example("广州市生态环境局越秀分局 392.68 | 其下项目 300.00 + 82.68",
                      "项目支出绩效目标表 广州市生态环境局越秀分局：总计 392.68 ≠ 所列 2 个项目之和 382.68，相差 10.00 万元"))
def project_list_totals(budget, ctx):
    projects = budget.project_performance
    for line in budget.project_performance_totals:
        covered = projects[line.first: line.first + line.count]
        if not covered:
            continue
        printed = {"total": line.amount, **{f.item: f.amount for f in line.funding}}
        items = [i for i in _LIST_MEASURES if i in printed or any(_project_amounts(p, i) for p in covered)]
        name = line.name.rstrip(":：")
        for item in items:
            amounts = [_project_amounts(p, item) for p in covered]
            # Each project's amount is rounded on its own, the line's from the exact ones: the sum of
            # n printed amounts may differ from it by n half-units (docs/rounding.md).
            if (ctx.settings.tolerance_yuan is None and abs(_value(printed.get(item)) - total(amounts))
                    <= sum((ctx.half_resolution(a) for a in amounts if a is not None), ZERO)):
                continue
            f = compare(ctx, line, actual=printed.get(item), expected=total(amounts),
                        where=lambda: f"项目支出绩效目标表 {name}", what=_LIST_MEASURES[item],
                        expected_label=lambda: f"所列 {len(covered)} 个项目之和", tolerance_of=amounts,
                        table="project_performance", row=name)
            if f:
                yield f
        parts = [f.amount for f in line.funding]
        if line.amount is not None and parts:
            f = compare(ctx, line, actual=line.amount, expected=total(parts),
                        where=f"项目支出绩效目标表 {name}", what="总计", expected_label="各来源之和",
                        tolerance_of=parts, table="project_performance", row=name)
            if f:
                yield f


def _label(ctx) -> str:
    return ctx.table_label("overall_performance")


def _structure(budget, side):
    return [s for s in budget.overall_performance.structure if s.side == side]


@rule(code="S130", name="structure-shares-add-up", severity=E, tables=("overall_performance",),
      title="收支结构占比之和应为 100%",
      explanation="整体支出绩效目标表中，收入构成和支出构成各行占比之和应为 100%"
                  "（每个占比按印出的位数四舍五入，允许各自半个末位单位的尾差之和）。",
      example=Example("人员类 66.4% | 运转类 15.88% | 特定目标类 18.72%",
                      "表11 整体支出绩效目标表 支出构成：占比之和 101.00% ≠ 100%"))
def structure_shares_add_up(budget, ctx):
    for side, zh in (("income", "收入构成"), ("expenditure", "支出构成")):
        lines = [s for s in _structure(budget, side) if s.item != "total" and s.share is not None]
        if not lines:
            continue
        got = sum((s.share for s in lines), ZERO)
        allowed = sum((half_unit(s.share) for s in lines), ZERO)
        if abs(got - HUNDRED) > allowed:
            yield ctx.finding(lines[0], f"表11 整体支出绩效目标表 {zh}：占比之和 {fmt_pct(got)} ≠ 100%，"
                                        f"相差 {fmt_pct(abs(got - HUNDRED))}", expected="100%",
                              actual=fmt_pct(got), row=zh)


@rule(code="S131", name="structure-share-equals-ratio", severity=E, tables=("overall_performance",),
      title="收支结构占比应等于金额除以合计",
      explanation="整体支出绩效目标表中，每行占比应等于该行当年金额 ÷ 合计（允许占比末位的四舍五入和金额舍入带来的误差）。",
      example=Example("人员类 516.98 | 66.4% | 合计 778.64 | 运转类 123.66 | 25.88%",
                      "表11 整体支出绩效目标表 运转类项目支出：占比 25.88% ≠ 123.66 ÷ 778.64 = 15.88%"))
def structure_share_equals_ratio(budget, ctx):
    for side in ("income", "expenditure"):
        lines = _structure(budget, side)
        whole = next((s for s in lines if s.item == "total"), None)
        if whole is None or whole.amount is None or whole.amount.value == 0:
            continue
        w = whole.amount.value
        for s in lines:
            if s.share is None or s.item == "total":
                continue
            a = s.amount.value if s.amount else ZERO
            ratio = a / w * HUNDRED
            # Amounts are rounded too: half their printed resolution moves the ratio this much.
            r = max(ctx.half_resolution(whole.amount), ctx.half_resolution(s.amount))
            slack = HUNDRED * r / w * (1 + ratio / HUNDRED)
            if abs(ratio - s.share) > half_unit(s.share) + slack:
                p = percent_places(s.share)
                yield ctx.finding(s, f"表11 整体支出绩效目标表 {s.name}：占比 {s.share_text or fmt_pct(s.share, p)} ≠ "
                                     f"{ctx.fmt(a)} ÷ {ctx.fmt(w)} = {fmt_pct(ratio, max(p, 2))}",
                                  expected=fmt_pct(ratio, max(p, 2)), actual=s.share_text or fmt_pct(s.share, p),
                                  row=s.name)
        for s in lines:
            if s.item == "total" and s.share is not None and abs(s.share - HUNDRED) > half_unit(s.share):
                yield ctx.finding(s, f"表11 整体支出绩效目标表 {s.name}：合计占比 {fmt_pct(s.share)} ≠ 100%",
                                  expected="100%", actual=fmt_pct(s.share), row=s.name)


@rule(code="S132", name="structure-amounts-add-up", severity=E, tables=("overall_performance",),
      title="收支结构金额之和应等于合计",
      explanation="整体支出绩效目标表中，收入构成、支出构成各行金额（当年及近两年）之和应等于合计行。",
      example=Example("人员类 516.98 | 运转类 123.66 | 特定目标类 138 | 合计 788.64",
                      "表11 整体支出绩效目标表 支出构成 合计：当年金额 788.64 ≠ 各行之和 778.64，相差 10.00 万元"))
def structure_amounts_add_up(budget, ctx):
    for side, zh in (("income", "收入构成"), ("expenditure", "支出构成")):
        lines = _structure(budget, side)
        whole = next((s for s in lines if s.item == "total"), None)
        # 'fiscal_grant.basic' is part of the fiscal_grant line, not of the total (Beijing 预算13表).
        parts = [s for s in lines if s.item != "total" and "." not in s.item]
        for part in parts:
            subs = [s for s in lines if s.item.startswith(part.item + ".")]
            if subs and part.amount is not None:
                amounts = [s.amount for s in subs]
                f = compare(ctx, part, actual=part.amount, expected=total(amounts), where=f"{_label(ctx)} {zh} {part.name}",
                            what="当年金额", expected_label="其中各项之和", tolerance_of=amounts, row=part.name)
                if f:
                    yield f
        if whole is None or not parts:
            continue
        amounts = [s.amount for s in parts]
        if whole.amount is not None or any(amounts):
            f = compare(ctx, whole, actual=whole.amount, expected=total(amounts), where=f"表11 整体支出绩效目标表 {zh} 合计",
                        what="当年金额", expected_label="各行之和", tolerance_of=amounts, row=f"{zh} 合计")
            if f:
                yield f
        for year, amount in whole.history:
            hist = [dict(s.history).get(year) for s in parts]
            f = compare(ctx, whole, actual=amount, expected=total(hist),
                        where=f"表11 整体支出绩效目标表 {zh} 合计", what=f"{year} 年金额", expected_label="各行之和",
                        tolerance_of=hist, row=f"{zh} 合计", source=amount.source)
            if f:
                yield f
