"""XLSX (openpyxl): a cover/contents sheet, then one sheet per table with its title row, the
preparer and unit line, merged headers, numeric cells with number formats, frozen panes below the
header and print setup (A4, fit to width, header rows repeated)."""
from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from ..model import Budget
from ..reference.layouts import Layout
from .document import Document, Heading, Para, TableBlock, build_document
from .grid import placed

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="F2F2F2")
TITLE_ROW, META_ROW, GRID_ROW = 1, 2, 3
_PART_SHEETS = {"part-1": "第一部分 概况", "part-3": "第三部分 情况说明", "part-4": "第四部分 名词解释"}


def number_format(places: int, thousands: bool) -> str:
    body = "#,##0" if thousands or places else "0"
    return body + ("." + "0" * places if places else "")


def _unique(name: str, used: set[str]) -> str:
    candidate, n = name, 2
    while candidate in used:
        suffix = f"({n})"
        candidate, n = name[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate)
    return candidate


def _table_sheet(ws: Worksheet, block: TableBlock) -> None:
    grid = block.grid
    ncols = grid.ncols
    ws.cell(TITLE_ROW, 1, block.label).font = Font(size=14, bold=True)
    ws.cell(TITLE_ROW, 1).alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=ncols)
    ws.cell(META_ROW, 1, block.preparer)
    ws.cell(META_ROW, ncols, block.unit_line).alignment = Alignment(horizontal="right")
    nhead = len(grid.head)
    for r, c, cell in placed(grid.rows, ncols):
        row, col = GRID_ROW + r, 1 + c
        head = r < nhead or cell.kind == "head"
        target = ws.cell(row, col)
        if cell.value is not None:
            target.value = cell.value  # Decimal, written as the number printed
            target.number_format = number_format(cell.places, grid.thousands)
        elif cell.text:
            target.value = cell.text
        horizontal = "center" if head else cell.align
        target.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
        if head or cell.kind == "section":
            target.fill = HEAD_FILL
        if cell.bold or cell.kind == "section":
            target.font = Font(bold=True)
        for dr in range(cell.rowspan):
            for dc in range(cell.colspan):
                ws.cell(row + dr, col + dc).border = BOX
        if cell.rowspan > 1 or cell.colspan > 1:
            ws.merge_cells(start_row=row, start_column=col, end_row=row + cell.rowspan - 1,
                           end_column=col + cell.colspan - 1)
    last = GRID_ROW + len(grid.rows) - 1
    if block.empty_note:
        ws.cell(last + 2, 1, block.empty_note)
    total = sum(grid.widths)
    for i, w in enumerate(grid.widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = max(6.0, w / total * 110)
    if nhead:
        ws.freeze_panes = ws.cell(GRID_ROW + nhead, 1)
        ws.print_title_rows = f"{GRID_ROW}:{GRID_ROW + nhead - 1}"
    _print_setup(ws, landscape=ncols > 6)


def _print_setup(ws: Worksheet, landscape: bool) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True


def _cover_sheet(ws: Worksheet, doc: Document, sheets: dict[str, str]) -> None:
    ws.column_dimensions["A"].width = 70
    ws.column_dimensions["B"].width = 30
    ws["A1"] = doc.title
    ws["A1"].font = Font(size=16, bold=True)
    ws["A2"] = doc.cover_lines[2]
    ws["A4"] = "目录"
    ws["A4"].font = Font(size=13, bold=True)
    row = 5
    for part in doc.parts:
        ws.cell(row, 1, part.title).font = Font(bold=True)
        row += 1
        for block in part.blocks:
            if isinstance(block, TableBlock):
                link = ws.cell(row, 1, "    " + block.label)
                link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{sheets[block.anchor]}'!A1")
                link.font = Font(color="0563C1", underline="single")
                ws.cell(row, 2, sheets[block.anchor])
                row += 1
    _print_setup(ws, landscape=False)


def _text_sheet(ws: Worksheet, blocks: list, title: str) -> None:
    ws.column_dimensions["A"].width = 110
    ws.cell(1, 1, title).font = Font(size=14, bold=True)
    row = 2
    for block in blocks:
        if isinstance(block, Heading):
            ws.cell(row, 1, block.text).font = Font(bold=True)
        elif isinstance(block, Para):
            ws.cell(row, 1, block.text).alignment = Alignment(wrap_text=True, vertical="top")
        else:
            continue
        row += 1
    _print_setup(ws, landscape=False)


def render_document(doc: Document) -> bytes:
    wb = Workbook()
    cover = wb.active
    cover.title = "封面及目录"
    used = {cover.title}
    sheets: dict[str, str] = {}
    for block in doc.tables:
        sheets[block.anchor] = _unique(block.sheet_name, used)
    # sheets in the document's order: prose parts where they stand, each table on its own sheet
    for part in doc.parts:
        tables = [b for b in part.blocks if isinstance(b, TableBlock)]
        for block in tables:
            _table_sheet(wb.create_sheet(sheets[block.anchor]), block)
        if not tables and part.blocks:
            name = _unique(_PART_SHEETS.get(part.anchor, part.title)[:31], used)
            _text_sheet(wb.create_sheet(name), part.blocks, part.title)
    _cover_sheet(cover, doc, sheets)
    wb.properties.title = doc.title
    wb.properties.creator = "yusuan"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def render(budget: Budget, layout: str | Layout | None = None) -> bytes:
    return render_document(build_document(budget, layout))
