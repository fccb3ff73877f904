"""Y: this year's document against last year's figures (given as `prior:` in a YAML budget)."""
from __future__ import annotations

from ...model import Severity
from ..priors import implied_priors
from ..registry import Example, rule

E = Severity.ERROR


def _same(a, b) -> bool:
    return a.kind == b.kind and (a.code or None) == (b.code or None) and (
        a.kind != "project" or (a.name or "") == (b.name or ""))


@rule(code="Y801", name="implied-prior-matches-prior-year", severity=E, needs=("narrative", "prior"),
      title="情况说明推算的上年数应与上年度数据一致",
      explanation="由“比上年增加/减少”推算出的上年数应等于提供的上年度数据（上年文件或 YAML 的 prior 段）。",
      example=Example("说明：778.64，比 2025 年减少 48.12 | 上年数据 合计 836.76",
                      "情况说明 合计：推算 2025 年数 826.76 ≠ 上年度数据 836.76，相差 10.00 万元"))
def implied_prior_matches_prior_year(budget, ctx):
    for ip in implied_priors(budget):
        given = next((p for p in budget.prior if p.year == ip.year and _same(p.subject, ip.subject)), None)
        if given is None:
            continue
        diff = ip.value - given.amount.value
        if abs(diff) <= ctx.tolerance(ip.claim.amount, ip.claim.change, given.amount):
            continue
        yield ctx.finding(ip.claim, f"情况说明 {ip.subject.describe()}：推算 {ip.year} 年数 {ctx.fmt(ip.value)} ≠ 上年度数据 "
                                    f"{ctx.fmt(given.amount.value)}，相差 {ctx.fmt(abs(diff))} {budget.amount_unit.value}",
                          expected=ctx.fmt(given.amount.value), actual=ctx.fmt(ip.value))
