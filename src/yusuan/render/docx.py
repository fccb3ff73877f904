"""DOCX (python-docx): A4 sections, cover, contents, headings, real tables with merged header
cells and header rows repeated on each page (w:tblHeader), page numbers in the footer (PAGE field)."""
from __future__ import annotations

import io

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..model import Budget
from ..reference.layouts import Layout
from .document import Document, Heading, Para, TableBlock, build_document
from .grid import placed

_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
FONT = "宋体"


def _east_asian(run, name: str = FONT) -> None:
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE): begin, instruction, end."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._element.append(el)


def _page_setup(section, landscape: bool, head: str) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long, short = Mm(297), Mm(210)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin, section.bottom_margin = Mm(20), Mm(18)
    section.header.is_linked_to_previous = True
    section.footer.is_linked_to_previous = True


def _mark_header_row(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def _table(doc, block: TableBlock, width_mm: float) -> None:
    grid = block.grid
    table = doc.add_table(rows=len(grid.rows), cols=grid.ncols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = sum(grid.widths)
    widths = [Mm(width_mm * w / total) for w in grid.widths]
    # python-docx looks cells up by walking the table: take every cell object once, before merging
    matrix = [row.cells for row in table.rows]
    for row in matrix:
        for i, cell in enumerate(row):
            cell.width = widths[i]
    nhead = len(grid.head)
    for r in range(nhead):
        _mark_header_row(table.rows[r])
    merges = []
    for r, c, cell in placed(grid.rows, grid.ncols):
        target = matrix[r][c]
        paragraph = target.paragraphs[0]
        head = r < nhead or cell.kind == "head"
        paragraph.alignment = _ALIGN["center" if head else cell.align]
        if cell.text:
            run = paragraph.add_run(cell.text)
            run.font.size = Pt(8.5)
            run.bold = cell.bold or cell.kind == "section"
            _east_asian(run)
        if head or cell.kind == "section":
            _shade(target, "F2F2F2")
        if cell.rowspan > 1 or cell.colspan > 1:
            merges.append((target, matrix[r + cell.rowspan - 1][c + cell.colspan - 1]))
    for top_left, bottom_right in reversed(merges):
        top_left.merge(bottom_right)


def _para(doc, text: str, size: float = 11, bold: bool = False, align: str | None = None, indent: bool = True):
    p = doc.add_paragraph()
    if align:
        p.alignment = _ALIGN[align]
    if indent and not align:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    run = p.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    _east_asian(run)
    return p


def _heading(doc, text: str, level: int):
    h = doc.add_heading(level=level)
    if level == 1:
        h.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = h.add_run(text)
    _east_asian(run, "黑体")
    return h


def render_document(doc: Document) -> bytes:
    word = WordDocument()
    section = word.sections[0]
    _page_setup(section, False, doc.running_head)
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _east_asian(header.add_run(doc.running_head))
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(footer, "PAGE")
    word.core_properties.title = doc.title

    for _ in range(8):
        word.add_paragraph()
    _para(word, doc.cover_lines[0], 22, align="center")
    _para(word, doc.cover_lines[1], 30, bold=True, align="center")
    for _ in range(8):
        word.add_paragraph()
    _para(word, doc.cover_lines[2], 13, align="center")
    word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    _para(word, "目　录", 18, bold=True, align="center")
    for item in doc.toc:
        p = _para(word, item.text, 11, bold=item.level == 1, indent=False)
        if item.level == 2:
            p.paragraph_format.left_indent = Pt(22)
    landscape = False
    for part in doc.parts:
        word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _heading(word, part.title, 1)
        for block in part.blocks:
            if isinstance(block, Heading):
                _heading(word, block.text, min(block.level, 3))
            elif isinstance(block, Para):
                _para(word, block.text)
            elif isinstance(block, TableBlock):
                wide = block.grid.ncols > 6
                new = word.add_section(WD_SECTION.NEW_PAGE)
                _page_setup(new, wide, doc.running_head)
                landscape = wide
                _para(word, block.label, 15, bold=True, align="center")
                meta = _para(word, f"{block.preparer}\t{block.unit_line}", 9, indent=False)
                meta.paragraph_format.tab_stops.add_tab_stop(Mm(261 if wide else 174), alignment=2)
                _table(word, block, 255 if wide else 170)
                if block.empty_note:
                    _para(word, block.empty_note, 10.5, indent=False)
        if landscape:
            new = word.add_section(WD_SECTION.NEW_PAGE)
            _page_setup(new, False, doc.running_head)
            landscape = False
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def render(budget: Budget, layout: str | Layout | None = None) -> bytes:
    return render_document(build_document(budget, layout))
