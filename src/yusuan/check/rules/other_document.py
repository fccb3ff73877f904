"""Y802–Y803: a document's stated figures against another document of the same unit.

These rules need the other document (`ctx.other`): `check` of one file does not run them;
`check/cross.py` does, for `yusuan compare` — last year's budget against this year's stated priors
(Y802), and the year's budget against the 年初预算数 a 决算 states (Y803). Each finding is pinned in
the document read (`ctx.budget`): the page and the sentence stating the figure.
"""
from __future__ import annotations

import re
from decimal import Decimal

from ...model import AmountUnit, Budget, Claim, DocumentKind, NarrativeSection, Severity, Subject
from ..context import CheckContext, Skip
from ..registry import Example, rule
from ..subjects import resolve

E = Severity.ERROR

# The basis a comparison names: last year's 决算 / 执行数 / 调整预算 are not last year's budget document.
_FINAL_BASIS = re.compile(r"决算|执行|实际")
_ADJUSTED_BASIS = re.compile(r"调整")
_START_BUDGET = re.compile(r"年初预算|预算数|预算为|预算安排")


def _claims(budget: Budget):
    """(section, claim) of every claim of the narrative, with its section (whose topic scopes the figure)."""
    for section in budget.narrative:
        for claim in section.claims:
            yield section, claim


def _unscoped(subject: Subject) -> Subject:
    """The subject without the table and measure of the document that stated it: looked up in another
    document by what it is (kind, code, name), as that document's own tables hold it."""
    return subject.model_copy(update={"table": None, "measure": None})


def _other_figure(other: Budget, claim: Claim, section: NarrativeSection):
    """The figure the other document publishes for the claim's subject: (amount, where) or None when it
    prints none (no such line, or a blank cell: unknown, not 0)."""
    for subject in (claim.subject, _unscoped(claim.subject)):
        try:
            figure = resolve(other, subject, section.topic)
        except Exception:  # a subject the other document's tables cannot place
            figure = None
        if figure is not None and figure.amount is not None:
            return figure
    return None


def _tolerance(ctx: CheckContext, *amounts) -> Decimal:
    """The rounding of the coarsest of the printed amounts (0.01 万元 against 1 元), by the settings."""
    units = {a.unit for a in amounts if a is not None}
    unit = AmountUnit.WAN if AmountUnit.WAN in units else (units.pop() if units else None)
    return ctx.tolerance(unit=unit)


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
    if last is None or last.year != budget.year - 1 or last.kind is not budget.kind:
        raise Skip("需要同一单位上一年度的同类文件")
    for section, claim in _claims(budget):
        prior = claim.implied_prior
        if prior is None or (claim.compared_year or budget.year - 1) != last.year:
            continue
        if _ADJUSTED_BASIS.search(claim.text) or (
                last.kind is DocumentKind.BUDGET and _FINAL_BASIS.search(claim.text)) or (
                last.kind is DocumentKind.FINAL_ACCOUNTS and _START_BUDGET.search(claim.text)):
            continue  # compared with another figure than the one last year's document published
        figure = _other_figure(last, claim, section)
        if figure is None:
            continue
        published = figure.amount.value
        diff = prior - published
        if abs(diff) <= _tolerance(ctx, claim.amount, claim.change, claim.prior_amount, figure.amount):
            continue
        how = "写出" if claim.prior_amount is not None else "推算"
        yield ctx.finding(
            claim, f"情况说明“{claim.text}”：{how} {last.year} 年数 {_fmt_wan(ctx, prior)} ≠ {last.year} 年文件 "
                   f"{_where(last, figure)} {_fmt_wan(ctx, published)}，相差 {_fmt_wan(ctx, abs(diff))}",
            expected=ctx.fmt(published), actual=ctx.fmt(prior))


def stated_budget(claim: Claim, year: int) -> Decimal | None:
    """The 年初预算数 a 决算's claim states for its own year, in 元, else None: the figure a comparison
    names ("比年初预算数 100.00 万元增加 5.00 万元"), or the one a 决算 claim records as its budget."""
    budget_amount = getattr(claim, "budget_amount", None)
    if budget_amount is not None:
        return budget_amount.value
    if claim.prior_amount is None or not _START_BUDGET.search(claim.text) or "上年" in claim.text:
        return None
    if claim.compared_year not in (None, year, year - 1) or (
            claim.compared_year == year - 1 and re.search(rf"{year - 1}\s*年", claim.text)):
        return None  # last year's figure, named by its year
    return claim.prior_amount.value


@rule(code="Y803", name="final-stated-budget-matches-budget-document", severity=E,
      needs=("narrative", "other_document"),
      title="决算说明所述年初预算数应与当年预算公开文件一致",
      explanation="决算情况说明写出的年初预算数，应等于同一单位同一年度预算公开文件中对应的数字"
                  "（`yusuan compare 预算文件 决算文件` 时检查）。预算文件没有印出该数字时不检查。",
      example=Example("决算说明：“三公”经费支出决算 2.80 万元，年初预算 3.50 万元 | 预算文件 表7 “三公”经费合计 3.00",
                      "情况说明“……年初预算 3.50 万元”：年初预算数 3.50 万元 ≠ 2024 年预算文件 表7 “三公”经费合计 3.00 万元，"
                      "相差 0.50 万元"))
def final_stated_budget_matches_budget_document(budget: Budget, ctx: CheckContext):
    plan = ctx.other
    if plan is None or budget.kind is not DocumentKind.FINAL_ACCOUNTS or plan.kind is not DocumentKind.BUDGET \
            or plan.year != budget.year:
        raise Skip("需要同一单位同一年度的预算文件")
    for section, claim in _claims(budget):
        stated = stated_budget(claim, budget.year)
        if stated is None:
            continue
        figure = _other_figure(plan, claim, section)
        if figure is None:
            continue
        published = figure.amount.value
        diff = stated - published
        if abs(diff) <= _tolerance(ctx, claim.amount, getattr(claim, "budget_amount", None) or claim.prior_amount,
                                   figure.amount):
            continue
        yield ctx.finding(
            claim, f"情况说明“{claim.text}”：年初预算数 {_fmt_wan(ctx, stated)} ≠ {plan.year} 年预算文件 "
                   f"{_where(plan, figure)} {_fmt_wan(ctx, published)}，相差 {_fmt_wan(ctx, abs(diff))}",
            expected=ctx.fmt(published), actual=ctx.fmt(stated))
