"""Every number of every table as one flat row (`yusuan facts`); measure ids in docs/facts.md."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator

from ..model import Amount, Budget, Indicator, SourceRef, TargetValue
from .summary import yuan_text

FACT_COLUMNS = ("table", "code", "item", "measure", "value_yuan", "page", "line", "value", "unit")


@dataclass(frozen=True)
class Fact:
    table: str  # canonical table id
    code: str | None  # classification, unit or project code
    item: str  # canonical line id, else the printed row label
    measure: str  # measure id (docs/facts.md)
    value_yuan: Decimal | None  # money in exact 元; None for counts, shares and indicator values
    value: Decimal  # the number as printed, in its printed unit
    unit: str  # printed unit: 万元, 元, %, or an indicator's unit ('家次')
    page: int | None
    line: int | None

    def as_dict(self) -> dict[str, object]:
        return {
            "table": self.table, "code": self.code, "item": self.item, "measure": self.measure,
            "value_yuan": yuan_text(self.value_yuan), "page": self.page, "line": self.line,
            "value": format(self.value, "f"), "unit": self.unit,
        }


def _where(source: SourceRef | None) -> tuple[int | None, int | None]:
    return (source.page, source.line) if source else (None, None)


def _money(table: str, code: str | None, item: str, measure: str, amount: Amount | None) -> Iterator[Fact]:
    if amount is None:
        return
    page, line = _where(amount.source)
    # A rate (增减%) is a number of the table but no money: no value_yuan.
    yuan = amount.value if amount.unit.is_money else None
    yield Fact(table, code, item, measure, yuan, amount.printed, amount.unit.value, page, line)


def _number(table: str, code: str | None, item: str, measure: str, number: Decimal | None,
            unit: str, source: SourceRef | None) -> Iterator[Fact]:
    if number is None:
        return
    page, line = _where(source)
    yield Fact(table, code, item, measure, None, number, unit, page, line)


def _target(table: str, code: str | None, indicator: Indicator, measure: str, target: TargetValue) -> Iterator[Fact]:
    yield from _number(table, code, indicator.name, measure, target.number, target.unit or "", indicator.source)


def budget_facts(budget: Budget) -> Iterator[Fact]:
    for table in budget.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from _money(table.id, row.code, row.item or row.name, cell.measure, cell.amount)
    overall = budget.overall_performance
    if overall is not None:
        t = "overall_performance"
        for line in overall.structure:
            item = f"{line.side}.{line.item}"
            yield from _money(t, None, item, "amount", line.amount)
            yield from _number(t, None, item, "share", line.share, "%", line.source)
            for year, amount in line.history:
                yield from _money(t, None, item, f"amount_{year}", amount)
        for project in overall.projects:
            yield from _money(t, None, project.name, "total_budget", project.total_budget)
            yield from _money(t, None, project.name, "annual_budget", project.annual_budget)
            for funding in project.funding:
                yield from _money(t, None, f"{project.name}.{funding.item}", "amount", funding.amount)
        for goal in overall.goals:
            for indicator in goal.indicators:
                yield from _indicator_facts(t, None, indicator)
    for perf in budget.project_performance:
        t, code = "project_performance", perf.project_code
        yield from _money(t, code, perf.project_name, "total_budget", perf.total_budget)
        yield from _money(t, code, perf.project_name, "annual_budget", perf.annual_budget)
        for year, amount in perf.budget_history:
            yield from _money(t, code, perf.project_name, f"budget_{year}", amount)
        for funding in perf.funding:
            yield from _money(t, code, f"funding.{funding.item}", "amount", funding.amount)
        for cost in perf.costs:
            yield from _money(t, code, cost.activity, "cost", cost.amount)
            for amount in cost.basis_amounts:
                yield from _money(t, code, cost.activity, "basis_amount", amount)
        for goal in perf.goals:
            for indicator in goal.indicators:
                yield from _indicator_facts(t, code, indicator)


def _indicator_facts(table: str, code: str | None, indicator: Indicator) -> Iterator[Fact]:
    yield from _target(table, code, indicator, "target", indicator.target)
    for year, value in indicator.history:
        yield from _target(table, code, indicator, f"target_{year}", value)
    if indicator.period_target is not None:
        yield from _target(table, code, indicator, "target_period", indicator.period_target)
    yield from _number(table, code, indicator.name, "weight", indicator.weight, "分", indicator.source)
