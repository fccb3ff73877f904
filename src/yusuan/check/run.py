"""Run the catalog over one Budget: `check(budget, reading_findings, settings) -> Report`."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Iterable

from ..model import Budget, Finding, Severity
from .catalog import CATALOG
from .context import CheckContext, Skip
from .registry import RuleSpec
from .settings import CheckSettings

# A rule over two documents (Y802, Y803) needs this; `check` of one document does not run it.
CROSS_DOCUMENT = "other_document"

# Inputs a rule may declare in `needs`, and how to tell they are missing (Chinese reason).
_NEEDS = {
    "narrative": (lambda b: bool(b.narrative), "文档没有情况说明（第三部分）或未能读取"),
    "overall": (lambda b: b.overall_performance is not None, "文档没有整体支出绩效目标表或未能读取"),
    "projects_perf": (lambda b: bool(b.project_performance), "文档没有项目支出绩效目标表或未能读取"),
    "toc": (lambda b: bool(b.toc), "文档没有目录或未能读取"),
    # A file that is only an attachment (the project performance forms) lacks nothing of the budget.
    "whole_document": (lambda b: b.attachment is None, "文档只是预算公开的附件（如项目支出绩效目标表），不是整份预算"),
    "prior": (lambda b: bool(b.prior), "没有提供上年度数据"),
}


@dataclass(frozen=True)
class Skipped:
    code: str
    reason: str


@dataclass(frozen=True)
class Report:
    file: str | None
    findings: tuple[Finding, ...]
    rules_run: int
    rules_skipped: tuple[Skipped, ...] = ()
    seconds: float = 0.0  # time spent in the rules (not reading)
    settings: CheckSettings = field(default_factory=CheckSettings)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def fails(self, fail_on: Severity | None = None) -> bool:
        """True when a finding is at or above `fail_on` (default: the settings')."""
        threshold = (fail_on or self.settings.fail_on).rank
        return any(f.severity.rank >= threshold for f in self.findings)


def _present(table_id: str, ctx: CheckContext) -> bool:
    if table_id == "overall_performance":
        return ctx.budget.overall_performance is not None
    if table_id == "project_performance":
        return bool(ctx.budget.project_performance)
    return ctx.budget.table(table_id) is not None


def _missing_table(spec: RuleSpec, ctx: CheckContext) -> str | None:
    if spec.any_table and spec.tables:
        if any(_present(t, ctx) for t in spec.tables):
            return None
        return "、".join(ctx.table_label(t) for t in spec.tables) + "均缺失或未能读取"
    for table_id in spec.tables:
        if not _present(table_id, ctx):
            return f"{ctx.table_label(table_id)}缺失或未能读取"
    return None


def check(budget: Budget, reading_findings: Iterable[Finding] = (),
          settings: CheckSettings | None = None) -> Report:
    """Every applicable rule of the catalog over `budget`. Never raises on a bad document."""
    settings = settings or CheckSettings()
    reading = tuple(reading_findings)
    ctx = CheckContext(budget=budget, settings=settings, reading=reading)
    findings: list[Finding] = [f for f in reading if settings.wants(f.code)]
    skipped: list[Skipped] = []
    run = 0
    start = time.perf_counter()
    for spec in CATALOG.values():
        if spec.reader or spec.fn is None or not settings.wants(spec.code) or CROSS_DOCUMENT in spec.needs:
            continue  # cross-document rules run in check/cross.py, given the other document
        if not spec.applies_to(budget.layout):
            skipped.append(Skipped(spec.code, f"不适用于版式“{budget.layout}”"))
            continue
        if spec.kinds and budget.kind.value not in spec.kinds:
            skipped.append(Skipped(spec.code, f"只适用于{'、'.join(spec.kinds)}公开文件，本文件是{budget.kind.value}"))
            continue
        reason = _missing_table(spec, ctx) or next(
            (why for need in spec.needs if not _NEEDS[need][0](budget) for why in [_NEEDS[need][1]]), None)
        if reason:
            skipped.append(Skipped(spec.code, reason))
            continue
        ctx.spec = spec
        try:
            found = list(spec.fn(budget, ctx))
        except Skip as skip:
            skipped.append(Skipped(spec.code, skip.reason))
            continue
        findings.extend(found)
        run += 1
    seconds = time.perf_counter() - start
    return Report(file=budget.source_file, findings=tuple(sorted(findings, key=_order(budget))),
                  rules_run=run, rules_skipped=tuple(skipped), seconds=seconds, settings=settings)


def _order(budget: Budget):
    def key(f: Finding):
        src = f.location.source
        return (src.page or 0 if src else 0, src.line or 0 if src else 0, f.code)
    return key
