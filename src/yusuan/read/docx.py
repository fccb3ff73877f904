"""Word documents (python-docx): the body in order — paragraphs as single-cell lines, tables as grid rows.

Location: a .docx has no fixed pages (they depend on rendering), so page is None and line_no
counts the body's paragraphs and table rows in order (1-based; empty paragraphs counted too, so the
number is stable whatever is blank).

Tables are read from the layout grid itself (w:gridBefore, w:gridSpan, w:vMerge) rather than
python-docx's cell list: a horizontally merged cell's text sits at its first grid column and the
columns it covers are blank; a vertically merged cell's text sits in its top row and the rows
below are blank — as a merged header prints in the text reader's tab rows (grid_lines.py).
Headers, footers and text boxes are page furniture and are not read.
"""
from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from .grid_lines import GridCell, grid_line, join_wrapped, row_kind, text_line
from . import limits
from .ooxml import read_package
from .raw import RawDocument, RawLine, RawPage, UnreadableError


def read(path: str | Path) -> RawDocument:
    p = Path(path)
    data = read_package(p, "Word", ".docx")
    try:
        document = Document(io.BytesIO(data))
    except Exception:  # noqa: BLE001 — a damaged or foreign package fails in zipfile, lxml or python-docx alike
        raise UnreadableError(f"{p}：不是有效的 Word 文档（.docx）或文件已损坏，无法解析") from None
    lines: list[RawLine] = []
    counter = 0
    tally = limits.Tally("cells", "表格单元格", str(p))
    try:
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                counter += 1
                text = join_wrapped(block.text)
                if text.strip():
                    lines.append(text_line(GridCell(text, 0), None, counter))
            elif isinstance(block, Table):
                table_lines, counter = _table_lines(block, counter, tally)
                lines.extend(table_lines)
    except UnreadableError:
        raise
    except Exception:  # noqa: BLE001 — python-docx parses attribute values on access (w:val="1e9" is a ValueError)
        raise UnreadableError(f"{p}：Word 文档已损坏（正文或表格的属性值无效），无法解析") from None
    if not lines:
        raise UnreadableError(f"{p}：Word 文档中没有任何文字内容")
    return RawDocument(path=str(p), format="docx", pages=(RawPage(number=1, lines=tuple(lines)),))


def _table_lines(table: Table, counter: int, tally: limits.Tally) -> tuple[list[RawLine], int]:
    """A table's rows on its grid. Spans are bounded before any cell is laid out: a gridBefore or
    gridSpan wider than the column limit (a table is tens of columns) refuses the document."""
    rows: list[tuple[int, list[GridCell]]] = []
    width = 0
    max_cols = limits.current().columns
    trs = table._tbl.tr_lst
    limits.check("rows", len(trs), "表格行数", tally.where)
    for tr in trs:
        counter += 1
        col = max(0, tr.grid_before)
        if max_cols and col > max_cols:
            raise limits.over("columns", col, "表格行首空出的列数（gridBefore）", tally.where)
        cells: list[GridCell] = []
        for tc in tr.tc_lst:
            span = max(1, tc.grid_span)
            if max_cols and span > max_cols:
                raise limits.over("columns", span, "合并单元格跨", tally.where)
            # A continued vertical merge repeats nothing: its text belongs to the cell above.
            text = "" if tc.vMerge == "continue" else join_wrapped(_Cell(tc, table).text)
            if text.strip():
                cells.append(GridCell(text, col, span))
            col += span
        if max_cols and col > max_cols:
            raise limits.over("columns", col, "表格宽度", tally.where)
        width = max(width, col)
        rows.append((counter, cells))
    lines: list[RawLine] = []
    in_grid = False
    for line_no, cells in rows:
        kind = row_kind(cells, in_grid)
        if kind == "row":
            in_grid = True
            tally.add(width)
            lines.append(grid_line(cells, 0, width - 1, None, line_no))
        elif kind == "text":
            lines.extend(text_line(c, None, line_no) for c in cells)
    return lines, counter
