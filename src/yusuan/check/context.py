"""What a rule sees besides the budget: settings, tolerance, formatting and `finding()`."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from ..model import (
    Amount, AmountUnit, Budget, Cell, Claim, CostItem, Finding, FundingLine, Location, NarrativeSection,
    OverallPerformance, PerformanceProject, ProjectPerformance, Row, SourceRef, StructureLine,
    Table, TocEntry, from_yuan,
)
from ..reference.layouts import Layout, load_layout, measure_zh
from .registry import RuleSpec
from .settings import CheckSettings


class Skip(Exception):
    """Raised by a rule that cannot run on this document; the reason (Chinese) is reported."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


TABLE_TITLES_FALLBACK = "表{number} {title}"


@dataclass
class CheckContext:
    budget: Budget
    settings: CheckSettings = field(default_factory=CheckSettings)
    spec: RuleSpec | None = None  # the rule being run
    cache: dict = field(default_factory=dict)  # results shared by rules of one run (codebook checks)
    reading: tuple[Finding, ...] = ()  # what the reader reported (P…): lines and columns it did not read
    # The other document of a cross-document check (last year's budget, the year's budget of a 决算):
    # set only by check/cross.py for the rules that need "other_document".
    other: Budget | None = None

    def unread_lines(self, table: Table) -> bool:
        """The reader left lines of this table out of the model (P006 on its pages): what it holds is
        not known, so it is not said to be empty."""
        pages = {table.source.page} if table.source and table.source.page else set()
        pages |= {r.source.page for r in table.rows if r.source and r.source.page}
        return any(f.code == "P006" and f.location.table == table.id and f.location.source is not None
                   and f.location.source.page in pages for f in self.reading)

    def unread_columns(self, table: Table) -> bool:
        """The reader left a column of numbers of this table out (P003): a row's parts are then not all
        known, so the row is not said to be off its total."""
        return any(f.code == "P003" and f.location.table == table.id and f.location.table_title
                   and table.title in f.location.table_title for f in self.reading)

    # -- lookups -------------------------------------------------------------------------
    @cached_property
    def layout(self) -> Layout | None:
        try:
            return load_layout(self.budget.layout)
        except KeyError:
            return None

    @cached_property
    def claims(self):
        return self.budget.claims

    @cached_property
    def places(self) -> int:
        return self.layout.places if self.layout else 2

    @cached_property
    def _row_table(self) -> dict[int, Table]:
        return {id(r): t for t in self.budget.tables for r in t.rows}

    def table_of(self, row: Row) -> Table | None:
        return self._row_table.get(id(row))

    def table_label(self, table_id: str) -> str:
        table = self.budget.table(table_id)
        if table is not None:
            return table.label
        spec = self.layout.table(table_id) if self.layout else None
        return spec.label if spec else table_id

    def measure_zh(self, measure: str) -> str:
        if measure == "budget" or measure.startswith("budget@"):  # a two-sided table's amount column
            return measure_zh(measure).replace("预算数", self.amount_word, 1)
        return measure_zh(measure)

    @property
    def amount_word(self) -> str:
        """What a two-sided table's amounts are: 预算数, or a 决算's 决算数."""
        return "决算数" if self.budget.kind.value == "决算" else "预算数"

    # -- tolerance and display ------------------------------------------------------------
    def half_resolution(self, amount: Amount | None = None) -> Decimal:
        """Half a unit of the finer of the amount's printed precision and the layout's: a rounding."""
        r = self.resolution(amount.unit if amount is not None else None)
        if amount is not None and amount.resolution < r:
            r = amount.resolution
        return r / 2

    def resolution(self, unit: AmountUnit | None = None) -> Decimal:
        """One unit of the last digit the layout prints, in 元 (0.01 万元 = 100 元)."""
        unit = unit or self.budget.amount_unit
        key = ("resolution", unit)
        if key not in self.cache:
            self.cache[key] = Decimal(1).scaleb(-self.places) * unit.factor
        return self.cache[key]

    def tolerance(self, *amounts: Amount | None, unit: AmountUnit | None = None) -> Decimal:
        """Allowed difference for an identity between printed amounts (see CheckSettings).

        The precision is the layout's (0.01 万元 in Wuhan), not each amount's printed decimals:
        texts and performance tables drop trailing zeros ('72' for 72.00), which must not widen
        the tolerance to a whole 万元. A fixed `tolerance_yuan` overrides.
        """
        if self.settings.tolerance_yuan is not None:
            return self.settings.tolerance_yuan
        return self.settings.sum_units * self.resolution(unit)

    def fmt(self, value: Decimal, unit: AmountUnit | None = None, places: int | None = None) -> str:
        unit = unit or self.budget.amount_unit
        p = self.places if places is None else places
        return f"{from_yuan(value, unit, p):.{p}f}"

    def money(self, value: Decimal, unit: AmountUnit | None = None) -> str:
        unit = unit or self.budget.amount_unit
        return f"{self.fmt(value, unit)} {unit.value}"

    # -- findings -------------------------------------------------------------------------
    def finding(self, at: Any, message: str, expected: Any = None, actual: Any = None, *,
                measure: str | None = None, table: str | None = None, section: str | None = None,
                row: str | None = None, source: SourceRef | None = None) -> Finding:
        """A finding of the running rule pointing at `at` (a model object), with its location."""
        assert self.spec is not None, "finding() outside a rule"
        loc = self.locate(at, measure=measure, table=table, section=section, row=row)
        if source is not None:
            loc = loc.model_copy(update={"source": source})
        return Finding(
            code=self.spec.code, name=self.spec.name, category=self.spec.category,
            severity=self.spec.severity, message=message, location=loc,
            expected=None if expected is None else str(expected),
            actual=None if actual is None else str(actual),
        )

    def locate(self, at: Any, *, measure: str | None = None, table: str | None = None,
               section: str | None = None, row: str | None = None) -> Location:
        table_id = table
        row_label = row
        column = self.measure_zh(measure) if measure else None
        source: SourceRef | None = None
        if isinstance(at, Cell):
            measure, at = at.measure, at.amount
            column = self.measure_zh(measure)
        if isinstance(at, Table):
            table_id = at.id
            source = at.source
        elif isinstance(at, Row):
            t = self.table_of(at)
            table_id = table_id or (t.id if t else None)
            row_label = row_label or at.label
            amount = at.get(measure) if measure else None
            source = (amount.source if amount else None) or at.source
        elif isinstance(at, Claim):
            table_id = table_id or at.subject.table
            row_label = row_label or at.subject.describe()
            source = at.source
            section = section or self.section_of(at)
        elif isinstance(at, (ProjectPerformance,)):
            table_id = table_id or "project_performance"
            row_label = row_label or " ".join(p for p in (at.project_code, at.project_name) if p)
            source = at.source
        elif isinstance(at, (CostItem, FundingLine)):
            table_id = table_id or "project_performance"
            source = at.source
            amount = at.amount
            if amount is not None and amount.source is not None:
                source = amount.source
        elif isinstance(at, (StructureLine, PerformanceProject, OverallPerformance)):
            table_id = table_id or "overall_performance"
            source = at.source
        elif isinstance(at, TocEntry):
            section = section or "目录"
            source = at.source
        elif isinstance(at, Amount):
            source = at.source
        elif isinstance(at, SourceRef):
            source = at
        elif at is not None and hasattr(at, "source"):
            source = at.source
        if source is None and table_id:
            t = self.budget.table(table_id)
            source = t.source if t else None
        if source is None:
            source = SourceRef(file=self.budget.source_file)
        elif source.file is None and self.budget.source_file:
            source = source.model_copy(update={"file": self.budget.source_file})
        title = None
        if table_id:
            title = self._perf_label(at) if table_id == "project_performance" else self.table_label(table_id)
        return Location(table=table_id, table_title=title, row=row_label, column=column,
                        section=section, source=source)

    def _perf_label(self, at: Any) -> str:
        projects = self.budget.project_performance
        for p in projects:
            if p is at or any(c is at for c in p.costs) or any(f is at for f in p.funding):
                if p.number:
                    spec = self.layout.table("project_performance") if self.layout else None
                    return f"表{p.number} {spec.title if spec else '项目支出绩效目标表'}"
        return self.table_label("project_performance")

    @cached_property
    def _claim_sections(self) -> dict[int, NarrativeSection]:
        """Each claim's section, by identity: the narrative rules ask for every claim's."""
        out: dict[int, NarrativeSection] = {}
        for s in self.budget.narrative:
            for c in s.claims:
                out.setdefault(id(c), s)
        return out

    def section_of(self, claim: Claim) -> str | None:
        s = self._claim_sections.get(id(claim))
        return s.label if s is not None else None

    def scope_of(self, claim: Claim) -> Budget:
        """The figures a claim speaks of: the whole budget, or one unit's when its section is about
        a unit of a department whose tables are grouped by unit (subjects.unit_budget)."""
        from .subjects import section_unit, unit_budget
        s = self._claim_sections.get(id(claim))
        if s is None:
            return self.budget
        title_key = ("section_unit", s.title)
        if title_key not in self.cache:  # one answer per section title, not per claim
            self.cache[title_key] = section_unit(self.budget, s.title)
        unit = self.cache[title_key]
        if unit is None:
            return self.budget
        key = ("unit_budget", unit)
        if key not in self.cache:
            self.cache[key] = unit_budget(self.budget, unit)
        return self.cache[key]

    def topic_of(self, claim: Claim) -> str | None:
        """The topic of the section the claim was read in (its tables' scope: 财政拨款, 一般公共预算 …)."""
        s = self._claim_sections.get(id(claim))
        return s.topic if s is not None else None
