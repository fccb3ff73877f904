"""The whole disclosure document as one immutable value."""
from __future__ import annotations

from enum import Enum

from .amount import Amount, AmountUnit
from .execution import ExecutionClaim
from .narrative import Claim, NarrativeSection, Subject
from .performance import OverallPerformance, ProjectListTotal, ProjectPerformance
from .source import Frozen, SourceRef
from .table import Table


class DocumentKind(str, Enum):
    BUDGET = "预算"
    FINAL_ACCOUNTS = "决算"


class DocumentLevel(str, Enum):
    UNIT = "单位"
    DEPARTMENT = "部门"


class Unit(Frozen):
    name: str
    code: str | None = None


class TocEntry(Frozen):
    """A line of the table of contents."""

    part: int | None = None  # 第一部分 … 第四部分
    number: str | None = None  # '三', '5-1'
    title: str
    table: str | None = None  # canonical table id when the entry names a table
    source: SourceRef | None = None


class PartHeading(Frozen):
    """A part's heading as printed in the body ('第三部分 某中心 2026 年单位预算情况说明'), apart from
    the contents' line naming it."""

    part: int
    title: str  # after '第N部分'
    source: SourceRef | None = None

    @property
    def label(self) -> str:
        """'第三部分 某中心 2026 年单位预算情况说明'."""
        numbers = "一二三四五六七八九十"
        number = numbers[self.part - 1] if 1 <= self.part <= 10 else str(self.part)
        return f"第{number}部分 {self.title}"


class TextSection(Frozen):
    """A titled block of prose (概况: 主要职责, 机构设置)."""

    title: str
    text: str
    source: SourceRef | None = None


class GlossaryEntry(Frozen):
    term: str
    definition: str
    source: SourceRef | None = None


class OtherMatter(Frozen):
    """其他重要事项: 机关运行经费, 政府采购, 政府购买服务, 委托业务费, 国有资产, 绩效管理."""

    item: str  # gov_operation_cost | procurement | purchase_services | entrusted_fee | assets | performance
    title: str
    text: str = ""
    amount: Amount | None = None
    none_stated: bool = False  # the text says there is none
    vehicles: int | None = None  # assets: vehicles held
    source: SourceRef | None = None


class UnreadTable(Frozen):
    """A table the document prints but the reader did not turn into a Table (reported once, P001):
    it is there, so no check says it is missing, and no figure is taken from it."""

    title: str
    number: str | None = None
    kind: str | None = None  # the canonical table id its title's words name, when they name one
    source: SourceRef | None = None


class StatedFigure(Frozen):
    """A key figure the narrative states in words ('2026 年度收入预算44169.36 万元'), kept for documents whose
    tables are not in the file. `key` is the summary key it stands for (`income_total`, `basic_total`,
    `three_public_total`, … docs/facts.md); `amount.source` is the line printing the number; `text`
    the clause it was read from."""

    key: str
    amount: Amount
    text: str


class DocumentNote(Frozen):
    """A sentence of the document worth keeping as read: '附件：北京市财政局2026年度部门预算报表'."""

    text: str
    source: SourceRef | None = None


class PriorFigure(Frozen):
    """A prior-year figure given to the preparer (YAML `prior:` block), with the reason for the change."""

    subject: Subject
    amount: Amount
    year: int
    reason: str | None = None


class Budget(Frozen):
    unit: Unit
    year: int
    kind: DocumentKind = DocumentKind.BUDGET
    level: DocumentLevel = DocumentLevel.UNIT
    amount_unit: AmountUnit = AmountUnit.WAN
    layout: str = "wuhan_unit"
    # True when no layout file matched the document and `layout` was assumed: its required tables and
    # sections are another region's, not this document's.
    layout_assumed: bool = False
    title: str | None = None
    source_file: str | None = None
    toc: tuple[TocEntry, ...] = ()
    headings: tuple[PartHeading, ...] = ()  # the parts' headings in the body
    overview: tuple[TextSection, ...] = ()
    tables: tuple[Table, ...] = ()
    unread_tables: tuple[UnreadTable, ...] = ()
    overall_performance: OverallPerformance | None = None
    project_performance: tuple[ProjectPerformance, ...] = ()
    # The totals a list of project forms prints over its projects (合计, each spending unit's line).
    project_performance_totals: tuple[ProjectListTotal, ...] = ()
    narrative: tuple[NarrativeSection, ...] = ()
    other_matters: tuple[OtherMatter, ...] = ()
    # Key figures the narrative states, unambiguously for this budget year (extract/stated.py).
    stated_figures: tuple[StatedFigure, ...] = ()
    # The sentence saying the tables are published apart (an attachment, 另行公开), set when this file
    # holds no table: the checker then reports no table as missing.
    tables_elsewhere: DocumentNote | None = None
    glossary: tuple[GlossaryEntry, ...] = ()
    prior: tuple[PriorFigure, ...] = ()
    # A 决算's narrative statements of 决算数 against 年初预算数 (完成率, 大于/小于/等于, reason), per line:
    # extract/final_narrative.py; the 年初预算数 claims checked against the year's budget by `compare`.
    execution_claims: tuple[ExecutionClaim, ...] = ()
    # Set when the document is only an attachment of a budget disclosure, not the budget itself: the
    # id of the one table it holds ("project_performance": a file of project performance forms).
    # Its budget tables and sections are then not missing: they were published elsewhere.
    attachment: str | None = None
    source: SourceRef | None = None

    def table(self, table_id: str) -> Table | None:
        return next((t for t in self.tables if t.id == table_id), None)

    def stated(self, key: str) -> StatedFigure | None:
        return next((f for f in self.stated_figures if f.key == key), None)

    def other(self, item: str) -> OtherMatter | None:
        return next((m for m in self.other_matters if m.item == item), None)

    @property
    def claims(self) -> tuple[Claim, ...]:
        return tuple(c for s in self.narrative for c in s.claims)
