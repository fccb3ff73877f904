"""T: numeric claims of Part 3 (情况说明) against the tables and against themselves."""
from __future__ import annotations

from decimal import Decimal

from ...model import Direction, Severity
from ..registry import Example, rule
from ..subjects import resolve
from .common import ZERO, leaf_projects, norm_name, only_general_budget
from .performance import fmt_pct, half_unit, percent_places

E, W = Severity.ERROR, Severity.WARNING
HUNDRED = Decimal(100)


def _where(ctx, claim) -> str:
    section = ctx.section_of(claim)
    return f"情况说明{('“' + section + '”') if section else ''}"


@rule(code="T401", name="claim-amount-matches-table", severity=E, needs=("narrative",),
      title="情况说明金额应与表格一致",
      explanation="情况说明中的每个金额应等于它所说的表格数（按说明印出的位数四舍五入后相等）。"
                  "金额按所在部分的口径对应表格：收支总体对应收支总表，支出对应支出总表，财政拨款对应财政拨款收支总表，"
                  "一般公共预算对应一般公共预算支出表，项目对应项目支出表。",
      example=Example("说明：基本支出 558.64 万元 | 表3 基本支出 568.64",
                      "情况说明“三、支出预算安排情况” 基本支出 558.64 万元 ≠ 表3 支出总表 合计 基本支出 568.64 万元，相差 10.00 万元"))
def claim_amount_matches_table(budget, ctx):
    mismatches = []
    whole = budget
    for claim in ctx.claims:
        budget = ctx.scope_of(claim)  # a unit's section speaks of that unit's figures
        if claim.amount is None or claim.subject.kind == "project" and not _project_known(budget, claim):
            continue
        fig = resolve(budget, claim.subject, ctx.topic_of(claim))
        if fig is None:
            empty = whole.table(claim.subject.table) if claim.subject.table and budget is whole else None
            if empty is not None and empty.is_empty and claim.amount.value != 0:
                # An empty table (表8 with only its header) is a 0 the text contradicts.
                u = empty.unit
                yield ctx.finding(claim, f"{_where(ctx, claim)} {claim.subject.describe()} {ctx.fmt(claim.amount.value, u)} {u.value}，"
                                         f"但{empty.label}为空表", expected="0", actual=ctx.fmt(claim.amount.value, u),
                                  table=empty.id)
            continue
        table_value = fig.amount.value if fig.amount else ZERO
        diff = claim.amount.value - table_value
        if abs(diff) > claim_tolerance(ctx, claim.amount, fig.amount):
            mismatches.append((claim, fig, table_value, diff))
    # A section that states two or more figures rounded to its own coarser precision rounds them all
    # (Shanghai: the 编制说明 in whole 万元 — "2,144万元" for 21,443,300 元 — while the “三公” section
    # prints 0.01 万元); one such figure alone is held to the narrative's precision.
    rounded = [(m, ctx.section_of(m[0])) for m in mismatches
               if abs(m[3]) <= _own_precision_tolerance(m[0].amount, m[1].amount)]
    rounding_sections = {s for s in (sec for _, sec in rounded) if s and sum(1 for _, x in rounded if x == s) >= 2}
    for claim, fig, table_value, diff in mismatches:
        if (ctx.section_of(claim) in rounding_sections
                and abs(diff) <= _own_precision_tolerance(claim.amount, fig.amount)):
            continue
        u = fig.table.unit
        yield ctx.finding(claim, f"{_where(ctx, claim)} {claim.subject.describe()} {ctx.fmt(claim.amount.value, u)} {u.value} ≠ "
                                 f"{fig.where} {ctx.fmt(table_value, u)} {u.value}，相差 {ctx.fmt(abs(diff), u)} {u.value}",
                          expected=ctx.fmt(table_value, u), actual=ctx.fmt(claim.amount.value, u), table=fig.table.id,
                          measure=fig.measure, row=fig.row.label)


def claim_tolerance(ctx, claimed, printed) -> Decimal:
    """Half a unit of the narrative's last printed digit, plus half a unit of the table's.

    The text rounds the figure to its own precision (51036.22 万元 for a table's 51036.219169):
    its last digit bounds the rounding, whatever the table prints. That precision is the finest the
    narrative uses anywhere in the claim's unit, not this claim's own digits: texts drop trailing
    zeros ("20 万元" for 20.00), which must not admit 20.50. The table's half unit covers a text
    rounded from the exact figure rather than from the printed one.
    """
    places = max(claimed.places, _narrative_places(ctx, claimed.unit))
    own = Decimal(1).scaleb(-places) * claimed.unit.factor / 2
    table = printed.resolution / 2 if printed is not None else ctx.half_resolution()
    return own + table


def _own_precision_tolerance(claimed, printed) -> Decimal:
    """Half a unit of the claim's own last digit plus half the table's: the claim rounded as printed."""
    own = Decimal(1).scaleb(-claimed.places) * claimed.unit.factor / 2
    return own + (printed.resolution / 2 if printed is not None else ZERO)


def _narrative_places(ctx, unit) -> int:
    """The most decimals any money claim of the narrative prints in `unit`."""
    key = ("narrative_places", unit)
    if key not in ctx.cache:
        ctx.cache[key] = max((c.amount.places for c in ctx.budget.claims
                              if c.amount is not None and c.amount.unit is unit), default=0)
    return ctx.cache[key]


def _project_known(budget, claim) -> bool:
    t10 = budget.table("projects")
    return t10 is not None and any(norm_name(r.name) == norm_name(claim.subject.name) for r in t10.rows)


_WHOLE_OF_TOPIC = {"income": "income_total", "overall": "income_total", "expenditure": "total",
                   "general_budget": "general_budget", "fiscal_grant": "fiscal_grant_total", "basic": "basic",
                   "projects": "project_total"}


_FINAL_TABLE_TOPICS = frozenset({"overall", "income", "expenditure", "fiscal_grant", "general_budget", "basic",
                                 "three_public"})


@rule(code="T402", name="claim-share-matches", severity=E, needs=("narrative",),
      title="情况说明占比应等于金额除以总额",
      explanation="“占 xx%”应等于该金额 ÷ 所占的总额（总额取自表格）；允许占比末位半个单位和金额舍入带来的误差。",
      example=Example("说明：基本支出 568.64 万元，占 72.03% | 支出合计 778.64",
                      "情况说明“三、支出预算安排情况” 基本支出：占比 72.03% ≠ 568.64 ÷ 778.64 = 73.03%"))
def claim_share_matches(budget, ctx):
    from ...model import Subject
    for claim in ctx.claims:
        if claim.share is None or claim.amount is None:
            continue
        topic = ctx.topic_of(claim)
        whole_kind = claim.share_of or _WHOLE_OF_TOPIC.get(topic or "")
        if whole_kind is None:
            continue
        if budget.kind.value == "决算":
            if topic not in _FINAL_TABLE_TOPICS:
                continue  # a 决算's other matters (绩效评价涉及资金 …) share figures no table prints
            if topic == "income" and whole_kind == "income_total":
                whole_kind = "income_current_total"  # a 决算's income shares are of 本年收入合计
        fig = resolve(ctx.scope_of(claim), Subject(kind=whole_kind), topic)
        if fig is None or fig.amount is None or fig.amount.value == 0:
            continue
        w = fig.amount.value
        ratio = claim.amount.value / w * HUNDRED
        r = max(ctx.half_resolution(claim.amount), ctx.half_resolution(fig.amount))
        slack = HUNDRED * r / w * (1 + ratio / HUNDRED)
        if abs(ratio - claim.share) <= half_unit(claim.share) + slack:
            continue
        p = max(percent_places(claim.share), 2)
        yield ctx.finding(claim, f"{_where(ctx, claim)} {claim.subject.describe()}：占比 {fmt_pct(claim.share, percent_places(claim.share))} ≠ "
                                 f"{ctx.fmt(claim.amount.value)} ÷ {ctx.fmt(w)}（{fig.where}）= {fmt_pct(ratio, p)}",
                          expected=fmt_pct(ratio, p), actual=fmt_pct(claim.share, percent_places(claim.share)))


@rule(code="T403", name="change-matches-percent", severity=E, needs=("narrative",),
      title="增减额与增减率应相互一致",
      explanation="“比上年增加/减少 x 万元，增长/下降 y%”中，y 应等于 x ÷ 上年数，上年数 = 本年数 ∓ x；"
                  "说明写出了上年数（“比 2025 年年初预算数 z 万元增加 x 万元”）时，上年数取 z，且本年数 − z 应等于 ±x。"
                  "允许百分比末位半个单位和金额舍入带来的误差。",
      example=Example("说明：778.64 万元，比上年减少 48.12 万元，下降 6.82%",
                      "情况说明“一、收支预算总体安排情况” 合计：下降 6.82% ≠ 48.12 ÷ 826.76 = 5.82%"))
def change_matches_percent(budget, ctx):
    for claim in ctx.claims:
        stated = claim.prior_amount
        if stated is not None and claim.amount is not None and claim.change is not None and claim.direction in (
                Direction.UP, Direction.DOWN):
            change = claim.amount.value - stated.value
            signed = claim.direction.sign * claim.change.value
            allowed = claim_tolerance(ctx, claim.amount, stated) + claim.change.resolution / 2
            if abs(change - signed) > allowed:
                yield ctx.finding(claim, f"{_where(ctx, claim)} {claim.subject.describe()}：本年 {ctx.fmt(claim.amount.value)} − "
                                         f"上年 {ctx.fmt(stated.value)} = {ctx.fmt(change)}，但说明写{claim.direction.value} "
                                         f"{ctx.fmt(claim.change.value)}",
                                  expected=ctx.fmt(change), actual=ctx.fmt(signed))
                continue
        if claim.percent is None or claim.change is None or claim.amount is None or claim.direction in (None, Direction.FLAT):
            continue
        prior = claim.implied_prior
        if prior is None or prior <= 0:
            continue
        rate = claim.change.value / prior * HUNDRED
        r = max(ctx.half_resolution(claim.amount), ctx.half_resolution(claim.change))
        slack = HUNDRED * r / prior + rate * 2 * r / prior
        if abs(rate - claim.percent) <= half_unit(claim.percent) + slack:
            continue
        p = max(percent_places(claim.percent), 2)
        word = claim.percent_word or ("增长" if claim.direction is Direction.UP else "下降")
        yield ctx.finding(claim, f"{_where(ctx, claim)} {claim.subject.describe()}：{word} {fmt_pct(claim.percent, percent_places(claim.percent))} ≠ "
                                 f"{ctx.fmt(claim.change.value)} ÷ {ctx.fmt(prior)}（上年数）= {fmt_pct(rate, p)}",
                          expected=fmt_pct(rate, p), actual=fmt_pct(claim.percent, percent_places(claim.percent)))


@rule(code="T404", name="direction-word-matches", severity=E, needs=("narrative",),
      title="增减用词应与数值一致",
      explanation="“增加”须与“增长”、“减少”须与“下降”同向；“持平”时增减额应为 0，“增加/减少”时不应为 0；"
                  "本年数减去增加额不能为负（例如本年为 0 却“增加”若干）。",
      example=Example("说明：比上年减少 5 万元，增长 18.87%", "情况说明 合计：“减少”与“增长”方向矛盾"))
def direction_word_matches(budget, ctx):
    for claim in ctx.claims:
        d = claim.direction
        if d is None:
            continue
        where = f"{_where(ctx, claim)} {claim.subject.describe()}"
        word = claim.percent_word
        if word and ((word == "增长" and d is not Direction.UP) or (word == "下降" and d is not Direction.DOWN)):
            yield ctx.finding(claim, f"{where}：“{d.value}”与“{word}”方向矛盾", expected="增加…增长 / 减少…下降",
                              actual=f"{d.value}…{word}")
            continue
        if d is Direction.FLAT and claim.change is not None and claim.change.value != 0:
            yield ctx.finding(claim, f"{where}：写“持平”却有增减额 {ctx.fmt(claim.change.value)}",
                              expected="0", actual=ctx.fmt(claim.change.value))
        elif d is not Direction.FLAT and claim.change is not None and claim.change.value == 0:
            yield ctx.finding(claim, f"{where}：写“{d.value}”但增减额为 0", expected="持平", actual=d.value)
        elif (prior := claim.implied_prior) is not None and prior < 0:
            yield ctx.finding(claim, f"{where}：本年 {ctx.fmt(claim.amount.value)}，“{d.value}” "
                                     f"{ctx.fmt(claim.change.value)}，推算上年数为负（{ctx.fmt(prior)}）",
                              expected="上年数 ≥ 0", actual=ctx.fmt(prior))


@rule(code="T405", name="project-name-matches-table-10", severity=E, needs=("narrative",), tables=("projects",),
      title="情况说明的项目名称应与项目支出表一致",
      explanation="情况说明（项目支出安排情况等）提到的每个项目名称都应与项目支出表中的项目名称一致。",
      example=Example("说明：电子政务系统建设与升级改造 72 万元 | 表10：电子政务系统运行维护 72.00",
                      "情况说明“十、项目支出安排情况” 项目“电子政务系统建设与升级改造”不在表10 项目支出表中（表中金额 72.00 万元的项目为“电子政务系统运行维护”）"))
def project_name_matches_table_10(budget, ctx):
    t10 = budget.table("projects")
    names = {norm_name(r.name) for r in t10.rows}
    for claim in ctx.claims:
        if claim.subject.kind != "project" or not claim.subject.name or norm_name(claim.subject.name) in names:
            continue
        hint, same = "", []
        if claim.amount is not None:
            same = [r for r in leaf_projects(t10) if r.value("total") == claim.amount.value]
            if len(same) == 1:
                hint = f"（表中金额 {ctx.fmt(claim.amount.value, t10.unit)} {t10.unit.value}的项目为“{same[0].name}”）"
        yield ctx.finding(claim, f"{_where(ctx, claim)} 项目“{claim.subject.name}”不在{t10.label}中{hint}",
                          expected=same[0].name if hint else "表10 中的项目名称", actual=claim.subject.name,
                          table="projects", row=claim.subject.name)


@rule(code="T406", name="implied-prior-matches-table-11", severity=E, needs=("narrative",),
      tables=("overall_performance",),
      title="情况说明推算的上年数应与整体绩效表一致",
      explanation="由“比上年增加/减少 x 万元”推算出的上年总额（本年 ∓ x）应等于整体支出绩效目标表中上年度的合计金额。",
      example=Example("说明：778.64，比 2025 年减少 58.12 | 表11 2025 年合计 826.76",
                      "情况说明“一、收支预算总体安排情况” 合计：推算 2025 年数 836.76 ≠ 表11 整体支出绩效目标表 2025 年合计 826.76，相差 10.00 万元"))
def implied_prior_matches_table_11(budget, ctx):
    totals = [s for s in budget.overall_performance.structure if s.item == "total" and s.history]
    if not totals:
        return
    history = dict(next((s for s in totals if s.side == "expenditure"), totals[0]).history)
    # Table 11 counts all funds: a general-budget or fiscal-grant total is the same figure only when
    # the document has no other income (the scope rule of X210).
    kinds = {"total", "income_total", "expenditure_total"}
    if only_general_budget(budget):
        kinds |= {"general_budget", "fiscal_grant_total"}
    for claim in ctx.claims:
        if claim.subject.kind not in kinds or claim.subject.name not in (None, "本年预算"):
            continue
        prior = claim.implied_prior
        year = claim.compared_year or budget.year - 1
        stated = history.get(year)
        if prior is None or stated is None:
            continue
        allowed = ctx.tolerance(claim.amount, claim.change, stated)
        if abs(prior - stated.value) <= allowed:
            continue
        yield ctx.finding(claim, f"{_where(ctx, claim)} {claim.subject.describe()}：推算 {year} 年数 {ctx.fmt(prior)} ≠ "
                                 f"{ctx.table_label('overall_performance')} {year} 年合计 {ctx.fmt(stated.value)}，"
                                 f"相差 {ctx.fmt(abs(prior - stated.value))} {budget.amount_unit.value}",
                          expected=ctx.fmt(stated.value), actual=ctx.fmt(prior))


_NONE_TABLE = {"gov_fund": "gov_fund_by_function", "state_capital": "state_capital_by_function",
               "three_public": "three_public"}


@rule(code="T407", name="none-stated-but-table-has-amounts", severity=E, needs=("narrative",),
      title="说明“没有”但表中有数",
      explanation="情况说明写“没有使用政府性基金预算拨款安排的支出”等，对应表格却有金额。",
      example=Example("说明：没有使用政府性基金预算拨款安排的支出 | 表8 合计 10.00",
                      "情况说明“八、政府性基金预算支出安排情况”称没有该项支出，但表8 政府性基金预算支出表有金额"))
def none_stated_but_table_has_amounts(budget, ctx):
    for claim in ctx.claims:
        if not claim.none_stated:
            continue
        table = budget.table(claim.subject.table or _NONE_TABLE.get(claim.subject.kind, ""))
        # A claim about one column (Xi'an: "本部门均无因公出国（境）经费预算") is about that column only,
        # not about the table's other columns (公务接待费) or years (上年).
        measure = claim.subject.measure if claim.subject.table else None
        if table is None or not any(c.amount.value != 0 for r in table.rows for c in r.cells
                                    if measure is None or c.measure == measure):
            continue
        yield ctx.finding(claim, f"{_where(ctx, claim)}称没有该项支出，但{table.label}有金额", expected="空表",
                          actual="有金额", table=table.id)


@rule(code="T408", name="entrusted-fee-matches", severity=W, needs=("narrative", "projects_perf"),
      tables=("basic_by_economic", "projects"),
      title="委托业务费说明应与表格一致",
      explanation="“委托业务费预算情况”的金额应等于基本支出表 30227 委托业务费 + 各项目支出明细测算中支出经济分类为委托业务费的金额"
                  "（只在每个项目都有绩效目标表时比较）。",
      example=Example("说明：委托业务费 197.5 万元 | 表6 30227 1.50 + 项目明细 186",
                      "情况说明 委托业务费 197.50 万元 ≠ 表6 30227 1.50 + 项目明细测算中的委托业务费 186.00 = 187.50 万元，相差 10.00 万元"))
def entrusted_fee_matches(budget, ctx):
    matter = budget.other("entrusted_fee")
    if matter is None or matter.amount is None:
        return
    t10 = budget.table("projects")
    leaves = leaf_projects(t10)
    if len(budget.project_performance) < len(leaves):
        from ..context import Skip
        raise Skip("并非每个项目都有绩效目标表，无法汇总委托业务费")
    row = budget.table("basic_by_economic").row(code="30227")
    basic = row.value("total") if row else ZERO
    projects = sum((c.amount.value for p in budget.project_performance for c in p.costs
                    if c.amount is not None and (c.economic_code == "30227" or (c.economic_name or "").strip() == "委托业务费")), ZERO)
    expected = basic + projects
    diff = matter.amount.value - expected
    if abs(diff) <= ctx.tolerance(matter.amount, row.get("total") if row else None):
        return
    u = budget.amount_unit.value
    yield ctx.finding(matter, f"情况说明 委托业务费 {ctx.fmt(matter.amount.value)} {u} ≠ 表6 30227 {ctx.fmt(basic)} + "
                              f"项目明细测算中的委托业务费 {ctx.fmt(projects)} = {ctx.fmt(expected)} {u}，相差 {ctx.fmt(abs(diff))} {u}",
                      expected=ctx.fmt(expected), actual=ctx.fmt(matter.amount.value), section=matter.title,
                      source=matter.amount.source)


# Other matters stating a total that one table prints: (matter item, table, its measure).
_MATTER_TABLES = (("procurement", "procurement", "procurement"),
                  ("purchase_services", "purchase_services", "purchase_services"))


@rule(code="T409", name="procurement-total-matches-table", severity=E, needs=("narrative",),
      tables=("procurement", "purchase_services"), any_table=True,
      title="政府采购、购买服务说明应与表格合计一致",
      explanation="“政府采购情况说明”的预算总额应等于政府采购预算表的合计；“政府购买服务情况说明”的金额"
                  "应等于政府购买服务预算表的合计（允许说明所印位数的四舍五入）。",
      example=Example("说明：政府采购预算总额 188.5 万元 | 表13 合计 198.50",
                      "情况说明 政府采购 188.50 万元 ≠ 表13 政府采购支出表 合计 198.50 万元，相差 10.00 万元"))
def procurement_total_matches_table(budget, ctx):
    for item, table_id, measure in _MATTER_TABLES:
        matter, table = budget.other(item), budget.table(table_id)
        if matter is None or matter.amount is None or table is None or table.total_row() is None:
            continue
        printed = table.total_row().get(measure)
        expected = printed.value if printed is not None else ZERO
        # The text rounds to its own decimals (9065.06 for a table's 9065.056168).
        allowed = max(ctx.tolerance(printed, unit=table.unit), matter.amount.resolution / 2)
        diff = matter.amount.value - expected
        if abs(diff) <= allowed:
            continue
        u = table.unit.value
        yield ctx.finding(matter, f"情况说明 {matter.title} {ctx.fmt(matter.amount.value, table.unit)} {u} ≠ "
                                  f"{table.label} 合计 {ctx.fmt(expected, table.unit)} {u}，"
                                  f"相差 {ctx.fmt(abs(diff), table.unit)} {u}",
                          expected=ctx.fmt(expected, table.unit), actual=ctx.fmt(matter.amount.value, table.unit),
                          table=table.id, section=matter.title, source=matter.amount.source)
