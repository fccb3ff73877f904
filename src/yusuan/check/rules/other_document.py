"""Y802–Y804: a document's stated figures against another document of the same unit.

These rules need the other document (`ctx.other`): `check` of one file does not run them;
`check/cross.py` does, for `yusuan compare` — last year's budget against this year's stated priors
(Y802), the year's budget against the 年初预算数 a 决算 states (Y803) and the 预算数 its “三公” table
prints (Y804). Each finding is pinned in
the document read (`ctx.budget`): the page and the sentence stating the figure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ...model import Amount, AmountUnit, Budget, Claim, DocumentKind, NarrativeSection, Severity, Subject
from ...reference.layouts import measure_zh
from ..context import CheckContext, Skip
from ..registry import Example, rule
from ..subjects import resolve

E = Severity.ERROR
N = Severity.NOTICE

# The basis a comparison names: last year's 决算 / 执行数 / 调整预算 are not last year's budget document.
_FINAL_BASIS = re.compile(r"决算|执行|实际")
_ADJUSTED_BASIS = re.compile(r"调整|口径")  # 调整预算, 同口径 / 可比口径: restated, not as published
_START_BUDGET = re.compile(r"年初预算|预算数|预算为|预算安排")


_COMPARED_YEAR = re.compile(r"(?:比|较|与|同|和)\s*((?:19|20)\d{2})\s*年")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def compared_year(claim: Claim, year: int) -> int:
    """The year a claim compares with: the one its comparison names ('比 2025 年预算'), else the year before
    the sentence's own ('2026 年…与上年相比' → 2025, even in a 2027 document carrying last year's text),
    else the year before the document's."""
    named = _COMPARED_YEAR.search(claim.text)
    if named:
        return int(named.group(1))
    own = _YEAR.search(claim.text)
    return (int(own.group(1)) if own else year) - 1


def _claims(budget: Budget):
    """(section, claim) of every claim of the narrative, with its section (whose topic scopes the figure)."""
    for section in budget.narrative:
        for claim in section.claims:
            yield section, claim


def _unscoped(subject: Subject) -> Subject:
    """The subject without the table and measure of the document that stated it: looked up in another
    document by what it is (kind, code, name), as that document's own tables hold it."""
    return subject.model_copy(update={"table": None, "measure": None})


@dataclass(frozen=True)
class _Stated:
    """A figure the other document states in its narrative only (其他重要事项: 机关运行经费, …)."""

    amount: Amount
    where: str


# Subjects whose figure a budget states in its 其他重要事项 (no table prints them).
_OTHER_MATTERS = ("gov_operation_cost", "entrusted_fee", "procurement", "purchase_services")


def _other_figure(other: Budget, claim: Claim, section: NarrativeSection):
    """The figure the other document publishes for the claim's subject (a table cell, or for the
    其他重要事项 the amount its narrative states), or None when it prints none (no such line, a blank
    cell: unknown, not 0)."""
    for subject in (claim.subject, _unscoped(claim.subject)):
        try:
            figure = resolve(other, subject, section.topic)
        except Exception:  # a subject the other document's tables cannot place
            figure = None
        if figure is not None and figure.amount is not None:
            return figure
    if claim.subject.kind.startswith("three_public") and claim.subject.measure:
        # A “三公” cell the row holds though the header read names fewer columns (a header row partly read).
        table = other.table("three_public")
        row = next((r for r in table.rows if r.cells), None) if table is not None else None
        amount = row.get(claim.subject.measure) if row is not None else None
        if amount is not None:
            return _Stated(amount, f"{table.label} {measure_zh(claim.subject.measure)}")
    if claim.subject.kind in _OTHER_MATTERS:
        matter = other.other(claim.subject.kind)
        if matter is not None and matter.amount is not None:
            return _Stated(matter.amount, f"情况说明 {matter.title}")
    return None


def _tolerance(ctx: CheckContext, *amounts, published: Amount | None = None) -> Decimal:
    """The rounding allowed between a stated figure and the other document's: the settings' tolerance
    at the coarsest unit printed (0.01 万元 against 1 元), and never less than half a printed unit of each
    figure involved — the stated ones at the layout's precision (a narrative writes '72' for 72.00), the
    other document's at its own (a 万元 statement against a figure printed in 元 may be 100.5 元 off)."""
    stated = [a for a in amounts if a is not None]
    units = {a.unit for a in stated} | ({published.unit} if published is not None else set())
    unit = AmountUnit.WAN if AmountUnit.WAN in units else (units.pop() if units else None)
    halves = sum((ctx.resolution(a.unit) for a in stated), Decimal(0))
    if published is not None:
        halves += published.resolution
    return max(ctx.tolerance(unit=unit), halves / 2)


def _fmt_wan(ctx: CheckContext, value: Decimal) -> str:
    return ctx.money(value)


def _where(other: Budget, figure) -> str:
    name = other.source_file.rsplit("/", 1)[-1] if other.source_file else f"{other.year} 年{other.kind.value}"
    page = figure.amount.source.page if figure.amount.source and figure.amount.source.page else None
    return f"{name}{f' 第{page}页' if page else ''} {figure.where}"


@rule(code="Y802", name="stated-prior-matches-last-year-document", severity=E, needs=("narrative", "other_document"),
      title="情况说明所述上年数应与上年度公开文件一致",
      explanation="本年度情况说明写出的“比上年增加/减少……”推算出（或直接写出）的上年数，应等于上年度同一单位公开文件中"
                  "对应的数字（`yusuan compare 上年文件 本年文件` 时检查）。上年文件没有印出该数字时不检查；"
                  "与上年决算数、执行数或调整预算数比较的说法不与上年预算文件比较。",
      example=Example("本年说明：收支总预算 778.64 万元，比 2025 年预算减少 48.12 万元 | 2025 年文件 表1 收入总计 836.76",
                      "情况说明“收支总预算 778.64 万元，比 2025 年预算减少 48.12 万元”：推算 2025 年数 826.76 万元 ≠ "
                      "2025 年文件 表1 收支总表 收入总计 836.76 万元，相差 10.00 万元"))
def stated_prior_matches_last_year_document(budget: Budget, ctx: CheckContext):
    last = ctx.other
    if last is None or last.year != budget.year - 1 or last.kind is not budget.kind or last.level is not budget.level:
        raise Skip("需要同一单位上一年度的同类文件（同为预算或决算，同为部门或单位）")
    seen = set()
    for section, claim in _claims(budget):
        prior = claim.implied_prior
        if prior is None or compared_year(claim, budget.year) != last.year:
            continue
        key = (claim.source.page if claim.source else None, claim.source.line if claim.source else None, claim.text)
        if key in seen:
            continue  # the same sentence read twice (a paragraph repeated under two headings)
        seen.add(key)
        if _ADJUSTED_BASIS.search(claim.text) or (
                last.kind is DocumentKind.BUDGET and _FINAL_BASIS.search(claim.text)) or (
                last.kind is DocumentKind.FINAL_ACCOUNTS and _START_BUDGET.search(claim.text)):
            continue  # compared with another figure than the one last year's document published
        figure = _other_figure(last, claim, section)
        if figure is None:
            continue
        published = figure.amount.value
        diff = prior - published
        if abs(diff) <= _tolerance(ctx, claim.amount, claim.change, claim.prior_amount,
                                   published=figure.amount):
            continue
        how = "写出" if claim.prior_amount is not None else "推算"
        yield ctx.finding(
            claim, f"情况说明“{claim.text}”：{how} {last.year} 年数 {_fmt_wan(ctx, prior)} ≠ {last.year} 年文件 "
                   f"{_where(last, figure)} {_fmt_wan(ctx, published)}，相差 {_fmt_wan(ctx, abs(diff))}",
            expected=ctx.fmt(published), actual=ctx.fmt(prior))


def stated_budget(claim: Claim, year: int) -> Decimal | None:
    """The 年初预算数 a 决算's claim states as the figure it compares with ("比年初预算数 100.00 万元增加
    5.00 万元"), in 元; None when it states none, or names another year's figure."""
    if claim.prior_amount is None or not _START_BUDGET.search(claim.text) or "上年" in claim.text:
        return None
    if claim.compared_year not in (None, year, year - 1) or (
            claim.compared_year == year - 1 and re.search(rf"{year - 1}\s*年", claim.text)):
        return None  # last year's figure, named by its year
    return claim.prior_amount.value


def _execution_topic(subject: Subject) -> str:
    return "three_public" if subject.kind.startswith("three_public") else "general_budget"


def _stated_budgets(final: Budget):
    """(what, subject, topic, 年初预算数 Amount, text, source) of every 年初预算数 the 决算's narrative states:
    the execution statements ('年初预算为 X 万元，支出决算为 Y 万元'), then the comparisons naming it. A
    “三公” budget stated without 年初 ('支出预算为 76.43 万元') is often the adjusted full-year budget: not
    taken (Y804 compares the table's 预算数, as a notice)."""
    seen = set()
    for ec in getattr(final, "execution_claims", ()):
        if ec.planned is None or "年初" not in ec.text:
            continue
        key = (ec.source.page if ec.source else None, ec.source.line if ec.source else None, ec.planned.value)
        seen.add(key)
        yield ec, ec.subject, _execution_topic(ec.subject), ec.planned, ec.text
    for section, claim in _claims(final):
        value = stated_budget(claim, final.year)
        if value is None:
            continue
        key = (claim.source.page if claim.source else None, claim.source.line if claim.source else None, value)
        if key in seen:
            continue
        yield claim, claim.subject, section.topic, claim.prior_amount, claim.text


@rule(code="Y803", name="final-stated-budget-matches-budget-document", severity=E,
      needs=("narrative", "other_document"),
      title="决算说明所述年初预算数应与当年预算公开文件一致",
      explanation="决算情况说明写出的年初预算数（“年初预算为……万元，支出决算为……万元”，“比年初预算数……万元增加……”），"
                  "应等于同一单位同一年度预算公开文件中对应的数字：一般公共预算财政拨款支出的合计和各类、款、项对预算文件的"
                  "一般公共预算支出表，“三公”经费对预算文件的“三公”经费表（`yusuan compare 预算文件 决算文件` 时检查）。"
                  "预算文件没有印出该数字时不检查。",
      example=Example("决算说明：行政运行（项）。年初预算为 1560.05 万元，支出决算为 1511.89 万元 | 预算文件 表5-1 2010601 "
                      "行政运行 1506.05",
                      "情况说明“……年初预算为1560.05 万元……”：年初预算数 1560.05 万元 ≠ 2024 年预算文件 表5-1 一般公共预算支出表 "
                      "2010601 行政运行 合计 1506.05 万元，相差 54.00 万元"))
def final_stated_budget_matches_budget_document(budget: Budget, ctx: CheckContext):
    plan = ctx.other
    if plan is None or budget.kind is not DocumentKind.FINAL_ACCOUNTS or plan.kind is not DocumentKind.BUDGET \
            or plan.year != budget.year:
        raise Skip("需要同一单位同一年度的预算文件")
    for at, subject, topic, planned, text in _stated_budgets(budget):
        figure = None
        for candidate in (subject, _unscoped(subject)):
            try:
                figure = resolve(plan, candidate, topic)
            except Exception:  # a subject the budget's tables cannot place
                figure = None
            if figure is not None and figure.amount is not None:
                break
            figure = None
        if figure is None:
            continue
        published = figure.amount.value
        diff = planned.value - published
        if abs(diff) <= _tolerance(ctx, planned, published=figure.amount):
            continue
        quoted = text if len(text) <= 80 else text[:78] + "……"
        yield ctx.finding(
            at, f"情况说明“{quoted}”：年初预算数 {_fmt_wan(ctx, planned.value)} ≠ {plan.year} 年预算文件 "
                f"{_where(plan, figure)} {_fmt_wan(ctx, published)}，相差 {_fmt_wan(ctx, abs(diff))}",
            expected=ctx.fmt(published), actual=ctx.fmt(planned.value),
            row=subject.describe() if subject.name else figure.row.label, table=subject.table,
            source=getattr(at, "source", None))


# The “三公” parts a 决算 prints with their 预算数 (measure `<part>@planned`).
_THREE_PUBLIC_PARTS = ("three_public_total", "abroad", "vehicle_total", "vehicle_purchase", "vehicle_operation",
                       "reception")


def _three_public_row(budget: Budget):
    table = budget.table("three_public")
    if table is None:
        return None
    return next((r for r in table.rows if r.cells), None)


@rule(code="Y804", name="final-three-public-budget-matches-budget-document", severity=N,
      needs=("other_document",),
      title="决算“三公”经费表的预算数应与当年预算公开文件一致",
      explanation="决算的“三公”经费支出决算表印出各项的预算数，应等于同一单位同一年度预算公开文件“三公”经费表中的数字"
                  "（`yusuan compare 预算文件 决算文件` 时检查）。决算表的预算数常为按规定程序调整后的全年预算数"
                  "（表注会说明），这时差额就是年中调整，所以只作提示；任一边没有印出的项目不检查。",
      example=Example("决算表9 “三公”经费 预算数 因公出国（境）费 30.00 | 预算文件 表7 因公出国（境）费 25.00",
                      "决算“三公”经费表 因公出国（境）费 预算数 30.00 万元 ≠ 2024 年预算文件 表7 “三公”经费支出表 "
                      "25.00 万元，相差 5.00 万元"))
def final_three_public_budget_matches_budget_document(budget: Budget, ctx: CheckContext):
    plan = ctx.other
    if plan is None or budget.kind is not DocumentKind.FINAL_ACCOUNTS or plan.kind is not DocumentKind.BUDGET \
            or plan.year != budget.year:
        raise Skip("需要同一单位同一年度的预算文件")
    final_row, plan_row = _three_public_row(budget), _three_public_row(plan)
    if final_row is None or plan_row is None:
        raise Skip("决算或预算文件没有“三公”经费表，或表中没有数字")
    plan_table = plan.table("three_public")
    for part in _THREE_PUBLIC_PARTS:
        stated, published = final_row.get(f"{part}@planned"), plan_row.get(part)
        if stated is None or published is None:
            continue
        diff = stated.value - published.value
        if abs(diff) <= _tolerance(ctx, stated, published=published):
            continue
        name = plan.source_file.rsplit("/", 1)[-1] if plan.source_file else f"{plan.year} 年预算文件"
        yield ctx.finding(
            final_row, f"决算“三公”经费表 {ctx.measure_zh(part)} 预算数 {ctx.money(stated.value)} ≠ {plan.year} 年预算文件"
                       f"（{name}）{plan_table.label} {ctx.money(published.value)}，相差 {ctx.money(abs(diff))}"
                       "（若决算表的预算数为调整后的全年预算数，差额即年中调整）",
            expected=ctx.fmt(published.value), actual=ctx.fmt(stated.value), measure=f"{part}@planned")
