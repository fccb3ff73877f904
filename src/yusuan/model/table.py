"""Budget tables as structured rows: code, name, level and named measures."""
from __future__ import annotations

from decimal import Decimal
from enum import Enum

from .amount import Amount, AmountUnit
from .source import Frozen, SourceRef


class RowLevel(str, Enum):
    TOTAL = "total"  # 合计 / 总计 rows
    CLASS = "class"  # 类 (3-digit code)
    SECTION = "section"  # 款 (5-digit code)
    ITEM = "item"  # 项 (7-digit code)
    LINE = "line"  # a labelled line without a code (two-sided summary tables, 三公)
    UNIT = "unit"  # one budget unit (分单位 tables)
    PROJECT = "project"  # 一级项目
    SUBPROJECT = "subproject"  # 二级项目
    GROUP = "group"  # a subtotal over the lines below it (label_tree tables: 货物, a unit)

    @staticmethod
    def for_code(code: str) -> "RowLevel":
        """Function/economic codes: 3 digits 类, 5 款, 7 项."""
        return {3: RowLevel.CLASS, 5: RowLevel.SECTION, 7: RowLevel.ITEM}.get(len(code), RowLevel.LINE)


LEVEL_LABELS = {RowLevel.CLASS: "类", RowLevel.SECTION: "款", RowLevel.ITEM: "项"}


class Side(str, Enum):
    INCOME = "income"
    EXPENDITURE = "expenditure"


class Cell(Frozen):
    measure: str  # measure id, e.g. "total", "basic", "personnel"
    amount: Amount


class Row(Frozen):
    """One row of a table. Blank cells are simply absent from `cells`."""

    name: str
    code: str | None = None  # classification, unit or project code
    level: RowLevel = RowLevel.LINE
    item: str | None = None  # canonical id of a labelled line, e.g. "income_total"
    side: Side | None = None  # two-sided tables (收支总表)
    parent: str | None = None  # parent project code (二级项目)
    texts: tuple[tuple[str, str], ...] = ()  # non-numeric columns: (column id, text)
    cells: tuple[Cell, ...] = ()
    source: SourceRef | None = None

    def get(self, measure: str) -> Amount | None:
        for cell in self.cells:
            if cell.measure == measure:
                return cell.amount
        return None

    def value(self, measure: str) -> Decimal:
        """Exact 元; a blank cell counts as zero."""
        amount = self.get(measure)
        return amount.value if amount else Decimal(0)

    def text(self, column: str) -> str | None:
        for key, text in self.texts:
            if key == column:
                return text
        return None

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}" if self.code else self.name


class Column(Frozen):
    """A measure column as the document printed it."""

    measure: str
    label: str  # header text, e.g. "基本支出/人员经费"


class Table(Frozen):
    id: str  # canonical table id, e.g. "expenditure_summary"
    number: str | None = None  # as printed: "3", "5-1", "12-2"
    title: str  # as printed
    unit: AmountUnit = AmountUnit.WAN
    columns: tuple[Column, ...] = ()
    rows: tuple[Row, ...] = ()
    empty_note: str | None = None  # sentence explaining why the table is empty
    # How the reader knew what table this is, in words a notice can quote: '版式表名', '标题用词“…”',
    # '标题用词“…”，行为经济分类科目', '版式表号' (None: not read from a document).
    identified_by: str | None = None
    source: SourceRef | None = None

    @property
    def label(self) -> str:
        """'表3 支出总表'."""
        return f"表{self.number} {self.title}" if self.number else self.title

    def row(self, code: str | None = None, item: str | None = None, side: Side | None = None) -> Row | None:
        for r in self.rows:
            if code is not None and r.code != code:
                continue
            if item is not None and r.item != item:
                continue
            if side is not None and r.side != side:
                continue
            return r
        return None

    def total_row(self, side: Side | None = None) -> Row | None:
        return next((r for r in self.rows if r.level is RowLevel.TOTAL and (side is None or r.side == side)), None)

    def unit_groups(self) -> tuple[tuple[Row, tuple[Row, ...]], ...]:
        """Each budget unit's line with the rows printed under it, in a table grouped by unit (分单位:
        the unit's line over its own codes or projects, the department's line as the total); () when
        no unit line heads any row."""
        groups: list[tuple[Row, list[Row]]] = []
        for r in self.rows:
            if r.level is RowLevel.UNIT:
                groups.append((r, []))
            elif r.level is RowLevel.TOTAL:
                groups.append((r, []))  # a total line ends the group above it
            elif groups:
                groups[-1][1].append(r)
        found = tuple((head, tuple(rows)) for head, rows in groups if head.level is RowLevel.UNIT and rows)
        return found

    @property
    def is_empty(self) -> bool:
        return not any(r.cells for r in self.rows)
