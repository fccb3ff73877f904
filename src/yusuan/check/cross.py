"""Rules over two documents of one unit (`needs` "other_document"): run on `budget` with `other` beside it.

`check_against(this_year, last_year)` runs Y802 (stated priors against last year's document);
`check_against(final, budget)` runs Y803 (a 决算's stated 年初预算数 against the year's budget) and
Y804 (the 预算数 its “三公” table prints against the budget's “三公” table). A rule
that does not apply to the pair skips itself (its reason in `skipped`). Findings point into `budget`.
"""
from __future__ import annotations

from ..model import Budget, Finding
from .catalog import CATALOG
from .context import CheckContext, Skip
from .run import CROSS_DOCUMENT, Skipped
from .settings import CheckSettings


def cross_rules():
    return tuple(spec for spec in CATALOG.values() if CROSS_DOCUMENT in spec.needs and spec.fn is not None)


def check_against(budget: Budget, other: Budget, settings: CheckSettings | None = None,
                  codes: tuple[str, ...] = ()) -> tuple[tuple[Finding, ...], tuple[Skipped, ...]]:
    """The cross-document rules over `budget` (whose statements are checked) and `other` (the document
    holding the published figures); `codes`: only these rules. Never raises on a bad document."""
    settings = settings or CheckSettings()
    ctx = CheckContext(budget=budget, settings=settings, other=other)
    findings: list[Finding] = []
    skipped: list[Skipped] = []
    for spec in cross_rules():
        if not settings.wants(spec.code) or (codes and spec.code not in codes):
            continue
        if "narrative" in spec.needs and not budget.narrative:
            skipped.append(Skipped(spec.code, "文档没有情况说明（第三部分）或未能读取"))
            continue
        ctx.spec = spec
        try:
            findings.extend(spec.fn(budget, ctx))
        except Skip as skip:
            skipped.append(Skipped(spec.code, skip.reason))
    return tuple(findings), tuple(skipped)
