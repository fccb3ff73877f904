"""S: identities between qualified columns of one row (measures.yaml `qualifiers`): a change is the
current amount less the prior one, a rate is that change over the prior amount, the funds of a split
add up to the measure, and the "三公" identities hold in every period and fund printed."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ...model import Severity, Table
from ...reference.layouts import is_percent_measure, join_measure, split_measure
from ..context import Skip
from ..registry import Example, rule
from .common import ZERO, compare, plus, sum_mismatch, total

E = Severity.ERROR
_PERIODS = ("prior", "prior_actual")
_FUNDS = ("general_budget", "gov_fund", "state_capital")


def _printed(table: Table, ctx) -> set[str]:
    """The measures of the table's columns and cells; four rules ask for each table's, once per run."""
    key = ("printed", id(table))  # the budget keeps its tables alive for the whole run
    if key not in ctx.cache:
        ctx.cache[key] = {c.measure for c in table.columns} | {c.measure for r in table.rows for c in r.cells}
    return ctx.cache[key]


def _without(measure: str, drop: str, add: tuple[str, ...] = ()) -> str:
    base, quals = split_measure(measure)
    return join_measure(base, tuple(q for q in quals if q != drop) + add)


def _prior_of(current: str, printed: set[str]) -> str | None:
    """The one prior-period column printed beside `current` (上年 or 上年执行数); None when none or both."""
    found = [m for m in (_without(current, "", (p,)) for p in _PERIODS) if m in printed]
    return found[0] if len(found) == 1 else None


def _changes(table: Table, qualifier: str, ctx):
    """(change measure, current measure, prior measure) for each `qualifier` column with both bases printed."""
    printed = _printed(table, ctx)
    for measure in sorted(printed):
        if qualifier not in split_measure(measure)[1]:
            continue
        current = _without(measure, qualifier)
        prior = _prior_of(current, printed)
        if prior is not None and current in printed:
            yield measure, current, prior


@rule(code="S150", name="change-equals-current-minus-prior", severity=E,
      title="增减额应等于本年数减上年数",
      explanation="同时印有上年数（上年预算数或上年执行数）、本年数和增减额的表中，每一行的增减额应等于本年数 − 上年数；"
                  "空白栏按 0 计，容差与其他勾稽规则相同。",
      example=Example("上年 会议费 13.00 | 当年 会议费 5.79 | 增减 会议费 -7.30",
                      "表13 “三公”经费及会议费、培训费支出预算表 “三公”经费：会议费（增减额） -7.30 ≠ 会议费 5.79 − "
                      "会议费（上年预算数） 13.00 = -7.21，相差 0.09 万元"))
def change_equals_current_minus_prior(budget, ctx):
    for table in budget.tables:
        for change, current, prior in _changes(table, "change", ctx):
            for row in table.rows:
                now, before, printed = row.get(current), row.get(prior), row.get(change)
                if now is None and before is None and printed is None:
                    continue
                expected = (now.value if now else ZERO) - (before.value if before else ZERO)
                f = compare(ctx, row, actual=printed, expected=expected, where=f"{table.label} {row.label}",
                            what=ctx.measure_zh(change),
                            expected_label=lambda: "{} − {} =".format(plus(ctx, [(ctx.measure_zh(current), now)], table.unit),
                                                                     plus(ctx, [(ctx.measure_zh(prior), before)], table.unit)),
                            tolerance_of=[now, before], unit=table.unit, measure=change)
                if f:
                    yield f


@rule(code="S151", name="change-rate-equals-change-over-prior", severity=E,
      title="增减率应等于增减额除以上年数",
      explanation="印有增减率（%）的表中，每一行的增减率应等于增减额 ÷ 上年数 × 100，按印出的小数位四舍五入；"
                  "允许相差印出的最后一位的 1 个单位，加上金额的舍入（与其他勾稽规则相同的容差）带来的商的变化。"
                  "上年数为 0 或空白时不比较。",
      example=Example("2025 年执行数 66.44 | 增减额 670.85 | 增减(%) 1009.71%",
                      "表5 一般公共预算支出表 2014002 一般行政管理事务：合计（增减率） 1019.71% ≠ 合计（增减额） 670.85 ÷ "
                      "合计（上年执行数） 66.44 = 1009.71%"))
def change_rate_equals_change_over_prior(budget, ctx):
    for table in budget.tables:
        for rate_measure, current, prior in _changes(table, "change_pct", ctx):
            change_measure = _without(rate_measure, "change_pct", ("change",))
            for row in table.rows:
                rate, before = row.get(rate_measure), row.get(prior)
                if rate is None or before is None or before.value == 0:
                    continue
                change = row.get(change_measure)
                change_value = change.value if change is not None else row.value(current) - before.value
                exact = change_value / before.value * 100
                step = Decimal(1).scaleb(-rate.places)
                # The rate's own last digit, plus what the amounts' rounding (the tolerance of the other
                # identities) moves the quotient by.
                slack = ctx.tolerance(unit=table.unit)
                bound = step + 100 * (slack + abs(exact) / 100 * slack) / abs(before.value)
                if abs(rate.value - exact) <= bound:
                    continue
                shown = exact.quantize(step, rounding=ROUND_HALF_UP)
                what = ctx.measure_zh(rate_measure)
                label = (f"{ctx.measure_zh(change_measure)} {ctx.fmt(change_value, table.unit)}" if change is not None
                         else f"（{ctx.measure_zh(current)} − {ctx.measure_zh(prior)}） {ctx.fmt(change_value, table.unit)}")
                message = (f"{table.label} {row.label}：{what} {rate.display()}% ≠ {label} ÷ "
                           f"{ctx.measure_zh(prior)} {ctx.fmt(before.value, table.unit)} = {shown}%")
                yield ctx.finding(row, message, expected=f"{shown}%", actual=f"{rate.display()}%",
                                  measure=rate_measure)


@rule(code="S152", name="fund-split-adds-up", severity=E,
      title="分资金来源的各栏之和应等于该项合计",
      explanation="一个指标按一般公共预算、政府性基金预算、国有资本经营预算分栏印出（含一般公共预算栏），同时印有该指标本身时，"
                  "各资金栏之和应等于该指标；空白栏按 0 计。",
      example=Example("因公出国（境）费 5.00 | 一般公共预算 3.00 | 政府性基金预算 1.00 | 国有资本经营预算 0.00",
                      "表9 “三公”经费支出表 “三公”经费：因公出国（境）费 5.00 ≠ 一般公共预算 3.00 + 政府性基金预算 1.00 + "
                      "国有资本经营预算 0.00，相差 1.00 万元"))
def fund_split_adds_up(budget, ctx):
    for table in budget.tables:
        printed = _printed(table, ctx)
        for whole in sorted(printed):
            base, quals = split_measure(whole)
            if any(q in _FUNDS for q in quals) or is_percent_measure(whole):
                continue
            parts = [join_measure(base, (*quals, fund)) for fund in _FUNDS]
            # Without its own 一般公共预算 column the measure is that column (Shenzhen pins 总计/一般公共预算
            # to the measure): it is one of the funds, not their sum.
            if parts[0] not in printed or sum(p in printed for p in parts) < 2:
                continue
            for row in table.rows:
                got = [(ctx.measure_zh(p), row.get(p)) for p in parts if p in printed]
                if row.get(whole) is None and not any(a for _, a in got):
                    continue
                f = sum_mismatch(ctx, table, row, whole, got)
                if f:
                    yield f


# (whole, parts) of the "三公" table, checked for every qualifier suffix printed (上年, 增减, each fund).
_THREE_PUBLIC = (("three_public_total", ("abroad", "vehicle_total", "reception")),
                 ("vehicle_total", ("vehicle_purchase", "vehicle_operation")),
                 ("total", ("three_public_total", "meeting_fee", "training_fee")))


@rule(code="S153", name="three-public-in-every-period-and-fund", severity=E, tables=("three_public",),
      title="各期、各资金栏的“三公”经费合计与车辆费小计",
      explanation="“三公”经费表按上年、本年、增减或资金来源分栏时，每组栏内同样应有：“三公”经费合计 = 因公出国（境）费 + "
                  "公务用车购置及运行费 + 公务接待费，公务用车购置及运行费 = 购置费 + 运行费；印有含会议费、培训费的"
                  "合计栏时，合计 = “三公”经费 + 会议费 + 培训费。空白栏按 0 计。",
      example=Example("上年 合计 51.84 | “三公” 9.30 | 会议费 13.00 | 培训费 29.54",
                      "表13 “三公”经费及会议费、培训费支出预算表 “三公”经费：合计（上年预算数） 51.84 ≠ “三公”经费合计（上年预算数） "
                      "9.30 + 会议费（上年预算数） 13.00 + 培训费（上年预算数） 29.54，相差 0.00 万元"))
def three_public_in_every_period_and_fund(budget, ctx):
    table = budget.table("three_public")
    if ctx.unread_columns(table):
        raise Skip(f"{table.label} 有未能读取的栏目（见 P003），各栏的对应未知，不核对合计与各项之和")
    printed = _printed(table, ctx)
    suffixes = {split_measure(m)[1] for m in printed} - {()}
    for quals in sorted(suffixes) + [()]:
        if is_percent_measure(join_measure("total", quals)):
            continue
        for whole, parts in _THREE_PUBLIC:
            if not quals and whole != "total":
                continue  # the year's own "三公" columns are S109's
            w = join_measure(whole, quals)
            ps = [join_measure(p, quals) for p in parts]
            if w not in printed or not any(p in printed for p in ps):
                continue
            if not any(r.get(w) is not None for r in table.rows):
                # No line prints the whole: a column of that name holds something else (a table listing
                # the items as lines, 合计 | 一般公共预算 … as its columns, Guangzhou), nothing to add up.
                continue
            for row in table.rows:
                got = [(ctx.measure_zh(p), row.get(p)) for p in ps]
                if row.get(w) is None and not any(a for _, a in got):
                    continue
                where = table.label if len(table.rows) == 1 else f"{table.label} {row.label}"
                f = compare(ctx, row, actual=row.get(w), expected=total(a for _, a in got), where=where,
                            what=ctx.measure_zh(w), expected_label=lambda: plus(ctx, got, table.unit),
                            tolerance_of=[a for _, a in got], unit=table.unit, measure=w, show_expected=False)
                if f:
                    yield f
