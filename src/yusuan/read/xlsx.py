"""Excel workbooks (openpyxl): every visible sheet is a page, every sheet row with content a line.

Location: page = the sheet's position in the workbook (1-based, hidden sheets counted), and the
page carries the sheet name (`RawPage.sheet`); line_no = the sheet row number; a cell's `col` is
its 0-based sheet column (A = 0), so a SourceRef(page, line, column) names one cell:
`describe(raw, page, line, column)` → '工作表“表3”第 12 行 C 列'.

What a sheet yields (grid_lines.py): grid rows as table lines, one cell per column from the
sheet's first used column (a merged cell's value at its top-left, the covered cells blank);
titles, "表3", "单位：" and notes standing alone on a row as single-cell lines. A sheet named like a
table ("表3 支出总表") whose rows print no "表N" heading gets its name as the heading line, so a
workbook with one table per sheet splits into tables like a printed document.

Values: cached results of formulas (data_only); a formula without a cached value (a workbook
written by a program and never opened in Excel) is left blank and reported in the notes, never
computed. Numbers are printed with the decimals of their number format (number_format.py); text
cells as typed. Hidden sheets, rows and columns are not read and are reported in the notes.
"""
from __future__ import annotations

import io
import re
import warnings
import zipfile
from datetime import date, datetime, time
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet._reader import WorksheetReader
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
from openpyxl.worksheet.merge import MergedCellRange

from . import limits
from .grid_lines import GridCell, grid_line, is_heading, join_wrapped, row_kind, text_line
from .number_format import format_number
from .ooxml import read_package
from .raw import RawCell, RawDocument, RawLine, RawPage, UnreadableError

_MAX_LISTED = 8  # cells named in one note before "等"


def read(path: str | Path) -> RawDocument:
    p = Path(path)
    data = read_package(p, "Excel", ".xlsx")
    has_formulas = _prescan(p, data)
    values_wb = _load(p, data, data_only=True)
    # Formulas are only seen in a second load (data_only drops them); skip it when there are none.
    formulas_wb = _load(p, data, data_only=False) if has_formulas else values_wb
    tally = limits.Tally("cells", "表格单元格", str(p))
    pages: list[RawPage] = []
    notes: list[str] = []
    for index, ws in enumerate(values_wb.worksheets, start=1):
        if not (_has_content(ws) or _has_content(formulas_wb[ws.title])):
            continue
        if ws.sheet_state != "visible":
            notes.append(f"工作表“{ws.title}”为隐藏工作表，未读取")
            continue
        pages.append(_read_sheet(ws, formulas_wb[ws.title], index, notes, tally))
    if not pages:
        raise UnreadableError(f"{p}：Excel 工作簿中没有任何内容（所有工作表均为空或隐藏）")
    return RawDocument(path=str(p), format="xlsx", pages=tuple(pages), notes=tuple(notes))


def _load(p: Path, data: bytes, data_only: bool):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops (data validation…)
            return load_workbook(io.BytesIO(data), read_only=False, data_only=data_only, keep_links=False)
    except limits.LimitError as exc:
        raise limits.LimitError(f"{p}：{exc.message}", exc.limit) from None
    except Exception:  # noqa: BLE001 — a damaged package fails in zipfile, lxml or openpyxl alike
        raise UnreadableError(f"{p}：Excel 文件已损坏，无法解析") from None


_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s>/]")
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
_OVERLAP = 32  # bytes carried between chunks so that no tag is cut in two


def _prescan(p: Path, data: bytes) -> bool:
    """Count the cells and rows of every worksheet in its XML, streamed a megabyte at a time, before
    openpyxl builds an object for each: a workbook over the cell or row limit is refused unloaded.
    Returns whether any worksheet holds a formula (then the formulas are loaded too)."""
    bound = limits.current()
    cells, formulas = 0, False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for name in z.namelist():
                if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                    continue
                rows, tail = 0, b""
                with z.open(name) as f:
                    while True:
                        block = f.read(1 << 20)
                        chunk = tail + block
                        cut = len(chunk) - _OVERLAP if block else len(chunk)
                        cells += sum(1 for m in _CELL_TAG.finditer(chunk) if m.start() < cut)
                        rows += sum(1 for m in _ROW_TAG.finditer(chunk) if m.start() < cut)
                        formulas = formulas or any(m.start() < cut for m in _FORMULA_TAG.finditer(chunk))
                        if bound.cells and cells > bound.cells:
                            raise limits.over("cells", f"至少 {cells}", "工作簿的单元格", str(p))
                        if bound.rows and rows > bound.rows:
                            raise limits.over("rows", f"至少 {rows}", f"工作表 {name.rsplit('/', 1)[-1]} 的行数", str(p))
                        if not block:
                            break
                        tail = chunk[cut:]
    except limits.LimitError:
        raise
    except Exception:  # noqa: BLE001 — damaged members: openpyxl says so when it loads the workbook
        return True
    return formulas


def _bind_merged_cells_clamped(self) -> None:
    """openpyxl's WorksheetReader.bind_merged_cells with each merged range clamped to the cells the
    sheet stores: openpyxl makes an object for every cell a merged range covers, so A1:XFD1048576
    (17 billion cells) in a 5 KB file would never finish. A range (or its part) beyond every stored
    cell covers nothing; what remains counts against the cell limit."""
    if not self.parser.merged_cells:
        return
    ws = self.ws
    max_row = max((r for r, _ in ws._cells), default=0)
    max_col = max((c for _, c in ws._cells), default=0)
    bound = limits.current().cells
    covered = 0
    ranges = []
    for cr in self.parser.merged_cells.mergeCell:
        try:
            box = CellRange(cr.ref)
        except (TypeError, ValueError):
            continue
        if box.min_row > max_row or box.min_col > max_col:
            continue
        box = CellRange(min_col=box.min_col, min_row=box.min_row,
                        max_col=min(box.max_col, max_col), max_row=min(box.max_row, max_row))
        covered += box.size["rows"] * box.size["columns"]
        if bound and covered > bound:
            raise limits.over("cells", f"至少 {covered}", f"工作表“{ws.title}”合并单元格覆盖的单元格")
        mcr = MergedCellRange(ws, box.coord)
        ws._clean_merge_range(mcr)
        ranges.append(mcr)
    ws.merged_cells = MultiCellRange(ranges)


WorksheetReader.bind_merged_cells = _bind_merged_cells_clamped


def _has_content(ws) -> bool:
    # ws._cells holds only the cells stored in the file; iter_rows() would create every cell of
    # the used range (a stray format at XFD1048576 makes that millions).
    return any(cell.value is not None and str(cell.value).strip() for cell in ws._cells.values())


def _read_sheet(ws, formulas, index: int, notes: list[str], tally: limits.Tally) -> RawPage:
    merged = {(r.min_row, r.min_col): r.max_col - r.min_col + 1 for r in ws.merged_cells.ranges}
    hidden_cols = set(_hidden_columns(ws))
    hidden_rows: list[int] = []
    hidden_col_cells: set[int] = set()
    uncached: list[str] = []
    rows: dict[int, list[GridCell]] = {}
    for (r, c), cell in sorted(ws._cells.items()):
        text = _cell_text(cell)
        if not text.strip() and not (cell.value is None and _is_formula(formulas, r, c)):
            continue
        if ws.row_dimensions[r].hidden:
            if r not in hidden_rows:
                hidden_rows.append(r)
            continue
        if c in hidden_cols:
            hidden_col_cells.add(c)
            continue
        if not text.strip():
            uncached.append(f"{get_column_letter(c)}{r}")
            continue
        rows.setdefault(r, []).append(GridCell(text, c - 1, merged.get((r, c), 1)))
    if uncached:
        listed = "、".join(uncached[:_MAX_LISTED]) + ("等" if len(uncached) > _MAX_LISTED else "")
        notes.append(f"工作表“{ws.title}”单元格 {listed} 为公式且无计算结果（文件未经 Excel 计算保存），"
                     f"按空白读取")
    if hidden_rows:
        notes.append(f"工作表“{ws.title}”第 {_ranges(hidden_rows)} 行为隐藏行，未读取")
    if hidden_col_cells:
        letters = "、".join(get_column_letter(c) for c in sorted(hidden_col_cells))
        notes.append(f"工作表“{ws.title}”{letters} 列为隐藏列，未读取")
    return RawPage(number=index, lines=tuple(_lines(rows, ws.title, index, tally)), sheet=ws.title)


def _lines(rows: dict[int, list[GridCell]], sheet: str, page: int, tally: limits.Tally) -> list[RawLine]:
    first = min((c.col for cells in rows.values() for c in cells), default=0)
    kinds: dict[int, str] = {}
    in_grid, previous = False, None
    for r in sorted(rows):
        if previous is not None and r > previous + 1:
            in_grid = False  # a blank row ends a table; what follows may be another table's title
        kinds[r] = row_kind(rows[r], in_grid)
        in_grid = in_grid or kinds[r] == "row"
        previous = r
    lines: list[RawLine] = []
    block: list[int] = []

    def flush() -> None:
        # Grid rows of one block share a width, so trailing blank columns are present on every row.
        last = max((c.col + c.span - 1 for r in block if kinds[r] == "row" for c in rows[r]), default=first)
        limits.check("columns", last - first + 1, f"工作表“{sheet}”的表格宽度", tally.where)
        for r in block:
            if kinds[r] == "row":
                tally.add(last - first + 1)
                lines.append(grid_line(rows[r], first, last, page, r))
            else:
                lines.extend(text_line(c, page, r) for c in rows[r] if c.text.strip())
        block.clear()

    for r in sorted(rows):
        if block and r > block[-1] + 1:
            flush()
        block.append(r)
    flush()
    first_row = next((i for i, line in enumerate(lines) if line.is_table_row), len(lines))
    if is_heading(sheet) and not any(is_heading(line.text) for line in lines[:first_row]):
        lines.insert(0, RawLine(cells=(RawCell(sheet.strip(), col=None),), page=page, line_no=None))
    return lines


def _cell_text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return format_number(value, cell.number_format)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    text = join_wrapped(str(value))
    indent = int(getattr(cell.alignment, "indent", 0) or 0)
    # Excel's indent setting is how a sheet shows a sub-level (a project's sub-item): print it.
    return ("  " * indent + text) if indent and text else text


def _is_formula(formulas, r: int, c: int) -> bool:
    cell = formulas._cells.get((r, c))
    return cell is not None and cell.data_type == "f"


def _hidden_columns(ws):
    for key, dim in ws.column_dimensions.items():
        if dim.hidden:
            low = dim.min or column_index_from_string(key)
            high = dim.max or low
            yield from range(low, high + 1)


def _ranges(numbers: list[int]) -> str:
    out: list[str] = []
    start = prev = numbers[0]
    for n in numbers[1:] + [None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(str(start) if start == prev else f"{start}–{prev}")
        if n is not None:
            start = prev = n
    return "、".join(out)


def cell_name(column: int, line: int) -> str:
    """(0-based column, sheet row) → 'C12'."""
    return f"{get_column_letter(column + 1)}{line}"


def describe(raw: RawDocument, page: int | None, line: int | None, column: int | None = None) -> str:
    """A workbook location in words: '工作表“表3”第 12 行 C 列'."""
    sheet = next((pg.sheet for pg in raw.pages if pg.number == page), None)
    parts = [f"工作表“{sheet}”" if sheet else (f"第 {page} 个工作表" if page else "")]
    if line is not None:
        parts.append(f"第 {line} 行")
    if column is not None:
        parts.append(f"{get_column_letter(column + 1)} 列")
    return parts[0] + " ".join(parts[1:])
