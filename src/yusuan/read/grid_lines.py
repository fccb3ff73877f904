"""Rows of a spreadsheet or word-processor table → RawLines shaped like the text reader's.

Shared by the XLSX and DOCX readers. A table row becomes one RawCell per grid column (blank cells
present, a merged cell's text at its first column), so the extractor addresses values by column
exactly as for text and PDF. Rows that are not table content — a title merged across the table,
"表3" above it, a "注：" line below it — become single-cell lines, as a text file prints them;
otherwise the header reader would take a title for a column label.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .raw import RawCell, RawLine

_HEADING = re.compile(r"^表\s*\d+(?:\s*-\s*\d+)?(?:\s|[.．、]|$)")
_NOTE = re.compile(r"^(?:注|说明|备注|附注)\s*[:：0-9０-９一二三四五六七八九十（(]")
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


@dataclass(frozen=True, slots=True)
class GridCell:
    text: str
    col: int  # grid column of the cell's first (left) slot
    span: int = 1  # grid columns the cell covers (merged horizontally)


def join_wrapped(text: str) -> str:
    """Text broken over lines inside one cell → one line. Chinese joins without a space (a wrapped
    header 事业单位 / 经营支出 is one word); other scripts keep a space. Leading spaces (indentation
    marking a sub-level) are kept, trailing ones dropped."""
    parts = [p.strip() for p in re.split(r"\r\n|\r|\n|\x0b", text)]
    indent = text[: len(text) - len(text.lstrip(" \u3000"))] if parts and parts[0] else ""
    out = ""
    for part in parts:
        if not part:
            continue
        if out and not (_CJK.match(out[-1]) and _CJK.match(part[0])):
            out += " "
        out += part
    return indent + out if out else ""


def is_heading(text: str) -> bool:
    return _HEADING.match(text.strip().replace("\u3000", " ")) is not None


def row_kind(cells: list[GridCell], in_grid: bool) -> str:
    """'blank', 'text' (a single-cell line) or 'row' (a grid row) for one row's non-blank cells.

    A row with two or more filled cells is a grid row. A lone cell is a text line when it is merged
    across columns (a title or a note spanning the table), names a table (表3), reads as a note, or
    stands before any grid row of its block; inside a table it is a row (a two-sided table's line
    with only the right-hand item printed)."""
    filled = [c for c in cells if c.text.strip()]
    if not filled:
        return "blank"
    if len(filled) > 1:
        return "row"
    only = filled[0]
    text = only.text.strip()
    if only.span > 1 or not in_grid or is_heading(text) or _NOTE.match(text):
        return "text"
    return "row"


def text_line(cell: GridCell, page: int | None, line_no: int | None) -> RawLine:
    return RawLine(cells=(RawCell(cell.text.strip(), col=cell.col),), page=page, line_no=line_no)


def grid_line(cells: list[GridCell], first: int, last: int, page: int | None, line_no: int | None) -> RawLine:
    """One RawCell per column first..last; a merged cell's text sits at its first column."""
    by_col = {c.col: c.text for c in cells}
    last = max([last] + [c.col + c.span - 1 for c in cells])
    raw = tuple(RawCell(by_col.get(col, ""), col=col) for col in range(first, last + 1))
    return RawLine(cells=raw, page=page, line_no=line_no, is_table_row=True)
