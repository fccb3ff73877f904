"""Free-form label grids of the performance tables (11, 12-n): cells by column, labels, values.

These tables are not regular grids: each line carries labels in fixed places and the value in
the cells after its label. Everything here works on non-empty cells with their column index,
and on labels compared without whitespace ('合 计' = '合计', '收入 构成' = '收入构成').
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Amount, AmountUnit
from ..read.raw import RawLine
from ..reference.layouts import normalize_label
from .context import ExtractContext
from .numbers import amount_from_decimal, parse_decimal

YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# '24 万元', '1,200 元' inside a sentence (测算依据, 预算变动情况).
MONEY_IN_TEXT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(万元|元)")
_LIST_NUMBER = re.compile(r"^\s*(?:\d+|[一二三四五六七八九十]+)\s*[.．、]\s*")
_PARAGRAPH_BREAK = re.compile(r"</p>\s*<p>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]{1,20}>")


@dataclass(frozen=True)
class GridCell:
    col: int
    text: str  # stripped, as printed
    key: str  # normalised label form


def cells(line: RawLine) -> tuple[GridCell, ...]:
    """The non-empty cells of a line with their grid column."""
    global _last
    last_line, last_cells = _last
    if line is last_line:
        return last_cells
    out = []
    for index, cell in enumerate(line.cells):
        text = cell.text.strip()
        if text:
            col = cell.col if cell.col is not None else index
            out.append(GridCell(col, text, normalize_label(text)))
    _last = (line, tuple(out))
    return _last[1]


# The last line asked for and its cells: the form readers ask for one line's cells several times
# in a row (the form, then the indicator grid's header test, then its row reader). The line is held,
# so an identity test cannot meet another line at the same address.
_last: tuple[RawLine | None, tuple[GridCell, ...]] = (None, ())


def head_key(line: RawLine) -> str:
    """The label in column 0 ('' when column 0 is blank): section labels sit there."""
    row = cells(line)
    return row[0].key if row and row[0].col == 0 else ""


def after(row: tuple[GridCell, ...], col: int) -> tuple[GridCell, ...]:
    return tuple(c for c in row if c.col > col)


def at(row: tuple[GridCell, ...], col: int | None) -> GridCell | None:
    if col is None:
        return None
    return next((c for c in row if c.col == col), None)


def without_list_number(text: str) -> str:
    """'1. 一般公共预算财政拨款' → '一般公共预算财政拨款' (the numbering is layout, not name)."""
    return _LIST_NUMBER.sub("", text).strip()


def plain_text(text: str) -> str:
    """Long cells of some exports keep HTML paragraphs ('<p>1. …</p> <p>2. …</p>'): one line each."""
    if "<" not in text:
        return text.strip()
    return _TAG.sub("", _PARAGRAPH_BREAK.sub("\n", text)).strip()


def year_of(text: str) -> int | None:
    m = YEAR.search(text)
    return int(m.group(1)) if m else None


def money_in_text(text: str, ctx: ExtractContext, line: RawLine, col: int | None) -> tuple[Amount, ...]:
    """Every 'N 万元' / 'N 元' a sentence states, exact, in the unit it states."""
    out = []
    for m in MONEY_IN_TEXT.finditer(text):
        number = parse_decimal(m.group(1))
        if number is None:
            continue
        unit = AmountUnit.WAN if m.group(2) == "万元" else AmountUnit.YUAN
        out.append(amount_from_decimal(number, unit, ctx.source(line, col)))
    return tuple(out)
