"""Reading one grid line: cells by column, amounts with provenance, lines that are not table content.

Shared by the grid shapes (tables.py, two_sided.py, headers.py). Values are always addressed by
their grid column (`RawCell.col`), never by their order among the non-blank cells: a blank cell
shifts nothing.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..model import Amount, AmountUnit, Cell, Location
from ..read.raw import RawLine
from ..reference.layouts import TableSpec
from .context import ExtractContext
from .numbers import parse_amount, parse_decimal, parse_rate

# Page furniture that PDF/text conversion leaves between table rows.
_FOOTER = re.compile(
    r"^(?:第\s*\d+\s*页(?:\s*[,，/、]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页|[-—–－]\s*\d{1,4}\s*[-—–－]|\d{1,4}\s*/\s*\d{1,4})$"
)
# Lines that state the unit or the preparer, sometimes printed inside the grid.
_META = re.compile(r"^(?:编制单位|单位|金额单位|部门|部门名称)\s*[:：]")
# Printed marks meaning "nothing here" (not a number, not an error).
BLANK_MARKS = frozenset({"-", "—", "－", "--", "——", "－－", "/", "／", "…"})
# Header lines that number the columns (栏次 1 2 3 …) carry no label.
_COLUMN_NUMBERS = frozenset({"栏次", "行次", "栏号"})
_STARS = frozenset({"**", "*"})


def cells_by_col(line: RawLine) -> dict[int, str]:
    """{grid column: stripped text} for the non-blank cells of a line. Shared: do not modify it."""
    entry = _CELLS.get(id(line))
    if entry is not None and entry[0] is line:
        return entry[1]
    out: dict[int, str] = {}
    for index, cell in enumerate(line.cells):
        text = cell.text.strip()
        if text:
            out[cell.col if cell.col is not None else index] = text
    if len(_CELLS) >= _CACHE_SIZE:
        _CELLS.clear()
    _CELLS[id(line)] = (line, out)
    return out


# A grid line is looked at by every test of the shapes (header? furniture? data? repeated header?)
# and then read: ~7 calls per line. Keyed by identity (a line's hash walks all its cells); the line
# is held with its cells so that its id cannot be reused while the entry lives.
_CACHE_SIZE = 16384
_CELLS: dict[int, tuple[RawLine, dict[int, str]]] = {}


def raw_cells_by_col(line: RawLine) -> dict[int, str]:
    """Like cells_by_col but keeps leading whitespace (indentation can mark a sub-level)."""
    out: dict[int, str] = {}
    for index, cell in enumerate(line.cells):
        if cell.text.strip():
            out[cell.col if cell.col is not None else index] = cell.text.rstrip()
    return out


# A cell's text is folded and tested ~6 times (header, data, unmapped-column tests, then read) and
# many texts repeat: 22,000 calls for 2,200 texts over the sample PDFs.
@lru_cache(maxsize=_CACHE_SIZE)
def number_text(text: str) -> str:
    """Full-width digits, commas and minus signs folded to ASCII before parsing."""
    return unicodedata.normalize("NFKC", text).strip()


@lru_cache(maxsize=_CACHE_SIZE)
def is_number(text: str) -> bool:
    return parse_decimal(number_text(text)) is not None


def is_footer(line: RawLine) -> bool:
    texts = list(cells_by_col(line).values())
    return len(texts) == 1 and bool(_FOOTER.match(number_text(texts[0])))


# Every grid line is asked whether it is a meta line or numbers the columns; few are. A line without
# the characters such a line must hold (the colon of "单位：", the "*" or 次/号 of the column marks) is
# answered from its joined text, without a test per cell.


def is_meta(line: RawLine) -> bool:
    texts = cells_by_col(line).values()
    joined = "".join(texts)
    if ":" not in joined and "：" not in joined:
        return False
    return any(_META.match(text) for text in texts)


def is_column_numbers(line: RawLine) -> bool:
    """A 栏次 line, or a line numbering the columns 1, 2, 3 … (label columns marked "**" or blank)."""
    texts = cells_by_col(line).values()
    joined = "".join(texts)
    if "*" not in joined and "次" not in joined and "号" not in joined:
        return False
    texts = ["".join(t.split()) for t in texts]  # \s and str.split: the same whitespace
    if any(t in _COLUMN_NUMBERS for t in texts):
        return True
    numbers = [t for t in texts if t not in _STARS]
    return (bool(numbers) and all(t.isdigit() for t in numbers)
            and [int(t) for t in numbers] == list(range(int(numbers[0]), int(numbers[0]) + len(numbers))))


def line_place(line: RawLine) -> str:
    """'第 15 页第 7 行' (a PDF page's line), '第 7 行' (a text file's line)."""
    page = f"第{line.page}页" if line.page is not None else ""
    return f"{page}第{line.line_no}行" if line.line_no is not None else (page or "第?行")


def is_stray_number(line: RawLine) -> bool:
    """A lone integer in a line (a page number the converter put into the grid)."""
    texts = list(cells_by_col(line).values())
    return len(texts) == 1 and re.fullmatch(r"\d{1,4}", number_text(texts[0])) is not None


@dataclass
class GridReader:
    """What every shape needs while reading a block: the context, the unit, issue locations."""

    ctx: ExtractContext
    spec: TableSpec
    unit: AmountUnit
    table_title: str

    def location(self, line: RawLine | None, col: int | None = None, row: str | None = None,
                 column: str | None = None) -> Location:
        return Location(table=self.spec.id, table_title=self.table_title, row=row, column=column,
                        source=self.ctx.source(line, col))

    def amount(self, line: RawLine, col: int, text: str, row: str | None = None,
               column: str | None = None) -> Amount | None:
        """The Amount printed at (line, col), None when blank; non-numeric text is reported (P002)."""
        text = text.strip()
        if not text or text in BLANK_MARKS:
            return None
        amount = parse_amount(number_text(text), self.unit, self.ctx.source(line, col))
        if amount is None:
            self.ctx.issue("P002", f"{self.table_title}{' ' + row if row else ''}："
                                   f"金额栏“{column or col}”中的“{text}”不是数字，已按空白处理",
                           self.location(line, col, row, column), actual=text)
        return amount

    def rate(self, line: RawLine, col: int, text: str, row: str | None = None,
             column: str | None = None) -> Amount | None:
        """A cell under a 增减(%) header: a rate kept as printed, not money; other text reported (P002)."""
        text = text.strip()
        if not text or text in BLANK_MARKS:
            return None
        rate = parse_rate(number_text(text), self.ctx.source(line, col))
        if rate is None:
            self.ctx.issue("P002", f"{self.table_title} {row}：比率栏“{column}”中的“{text}”不是数字，已按空白处理",
                           self.location(line, col, row, column), actual=text)
        return rate

    def row_cells(self, line: RawLine, texts: dict[int, str], amount_columns, row: str) -> tuple[Cell, ...]:
        """The cells of a row under a header's amount columns ((col, measure, label, is_rate), as
        headers.GridHeader.amount_columns gives them); blanks are left out."""
        cells = []
        for col, measure, label, is_rate in amount_columns:
            text = texts.get(col)
            if not text:
                continue
            amount = (self.rate if is_rate else self.amount)(line, col, text, row=row, column=label)
            if amount is not None:
                cells.append(Cell(measure=measure, amount=amount))
        return tuple(cells)

    def unread_column(self, line: RawLine, col: int, label: str) -> None:
        self.ctx.issue("P003", f"{self.table_title}：表头“{label}”不是本表的指标，该列数值未读取",
                       self.location(line, col, column=label), actual=label)

    def unknown_row(self, line: RawLine, why: str) -> None:
        self.ctx.issue("P006", f"{self.table_title}：{line_place(line)}“{' '.join(cells_by_col(line).values())}”"
                               f"{why}，未纳入模型", self.location(line))
