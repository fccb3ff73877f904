"""A PDF page drawn with what yusuan read on it, so a person can see why a number went where it went.

On a copy of the page: every detected grid cell (thin grey), every text line read outside a grid
(thin blue), and every amount the extractor kept, filled with its measure's colour and found by
its SourceRef (page and bbox). Each table is labelled with its number and id where its rows begin
on the page, each row with its code (or line id), each column with the measure it was mapped to.
A strip under the page holds the legend of the colours used, with the measures' Chinese names.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path


from ..pdflib import pymupdf
from ..model import Budget
from ..read.pdf import reading_turn
from .page_image import upright_page
from ..read.pdf_grid import Grid, find_grids, ruling_segments, turned_segments
from ..read.raw import RawDocument
from ..reference.layouts import measures

FILL_OPACITY = 0.35
GRID_GREY = (0.6, 0.6, 0.6)
PROSE_BLUE = (0.35, 0.55, 0.95)
UNRULED_GREEN = (0.1, 0.6, 0.3)
LABEL_RED = (0.75, 0.05, 0.05)
TABLE_BLUE = (0.05, 0.2, 0.7)
# Qualitative colours, ordered so that the measures printed side by side (合计, 基本, 人员, 公用,
# 项目 …) get clearly different ones. Measures beyond the palette wrap around; a page never shows
# two measures in one colour (see `colors_for`).
PALETTE = (
    (0.12, 0.47, 0.71), (1.00, 0.50, 0.05), (0.17, 0.63, 0.17), (0.84, 0.15, 0.16), (0.58, 0.40, 0.74),
    (0.55, 0.34, 0.29), (0.89, 0.47, 0.76), (0.74, 0.74, 0.13), (0.09, 0.75, 0.81), (0.30, 0.30, 0.30),
    (0.68, 0.78, 0.91), (1.00, 0.73, 0.47), (0.60, 0.87, 0.54), (1.00, 0.60, 0.59), (0.77, 0.69, 0.84),
    (0.77, 0.61, 0.58), (0.97, 0.71, 0.82), (0.86, 0.86, 0.55), (0.62, 0.85, 0.90), (0.00, 0.40, 0.40),
)
LEGEND_FONT = 8.0
LEGEND_ROW = 13.0
LEGEND_PAD = 8.0
LEGEND_COLUMNS = 4


def measure_color(measure: str) -> tuple[float, float, float]:
    """The measure's own colour (its position in measures.yaml, wrapped onto the palette)."""
    ids = list(measures())
    index = ids.index(measure) if measure in ids else len(ids) + sum(map(ord, measure))
    return PALETTE[index % len(PALETTE)]


def colors_for(used: list[str]) -> dict[str, tuple[float, float, float]]:
    """Colours for the measures of one page: each its own colour unless a measure before it took it."""
    out: dict[str, tuple[float, float, float]] = {}
    for measure in used:
        color = measure_color(measure)
        if color in out.values():
            color = next((c for c in PALETTE if c not in out.values()), color)
        out[measure] = color
    return out


def blended(color: tuple[float, float, float], opacity: float = FILL_OPACITY) -> tuple[int, int, int]:
    """The 0–255 RGB a translucent fill of `color` shows over white paper."""
    return tuple(round(255 * (1 - opacity + opacity * c)) for c in color)


def legend_height(n_measures: int) -> float:
    rows = 2 + -(-n_measures // LEGEND_COLUMNS)  # title line, key line, then the measures
    return 2 * LEGEND_PAD + rows * LEGEND_ROW


@dataclass
class Mark:
    """One extracted amount placed on the page."""

    table: str
    row: str
    measure: str
    box: tuple[float, float, float, float]
    grid: int | None  # index of the grid holding it, None when it sits outside every grid


@dataclass
class PageDrawing:
    png: bytes
    width: int
    height: int
    grids: list[Grid]
    marks: list[Mark]
    unruled: list[list[tuple[float, float, float, float]]] = field(default_factory=list)
    colors: dict[str, tuple[float, float, float]] = field(default_factory=dict)


def page_grids(doc: pymupdf.Document, index: int) -> list[Grid]:
    """The grids the reader found on page `index` (0-based), with the column hints it carried over
    from the pages before (a continuation page may lack some column rules)."""
    columns: list[list[float]] = []
    grids: list[Grid] = []
    # The same chain as the reader's, from the first page (rules alone are cheap to collect).
    for i in range(index + 1):
        page = doc.load_page(i)
        segments = ruling_segments(page.get_cdrawings())
        turn = reading_turn(page)
        if turn is not None:  # drawn in the unrotated page's space: turned as the reader turns it
            segments = turned_segments(*segments, turn[0])
        grids = find_grids(*segments, hints=columns)
        columns = [grid.xs for grid in grids]
    return grids


def unruled_tables(raw: RawDocument, page: int, grids: list[Grid]) -> list[list[tuple[float, float, float, float]]]:
    """Tables the reader built without ruling lines (read/pdf_unruled.py): runs of table rows on the
    page that lie in no grid, each as the boxes of its printed cells."""
    tables: list[list[tuple[float, float, float, float]]] = []
    previous_in_run = False
    for line in raw.lines():
        if line.page != page:
            continue
        boxes = [c.bbox for c in line.cells if c.bbox is not None and c.text]
        unruled = line.is_table_row and bool(boxes) and not any(
            grid.contains((b[0] + b[2]) / 2, (b[1] + b[3]) / 2) for grid in grids for b in boxes)
        if unruled:
            if not previous_in_run:
                tables.append([])
            tables[-1].extend(boxes)
        previous_in_run = unruled
    return tables


def _slot_box(grids: list[Grid], bbox) -> tuple[tuple[float, float, float, float], int | None]:
    x, y = (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2
    for g, grid in enumerate(grids):
        if grid.contains(x, y):
            r, c = grid.slot(x, y)
            return grid.cell_box(grid.owner[r][c]), g
    return tuple(bbox), None


def page_marks(budget: Budget, page: int, grids: list[Grid]) -> list[Mark]:
    marks = []
    for table in budget.tables:
        for row in table.rows:
            for cell in row.cells:
                src = cell.amount.source
                if src is None or src.page != page or src.bbox is None:
                    continue
                box, g = _slot_box(grids, src.bbox)
                label = row.code or row.item or row.name
                marks.append(Mark(table=table.label or table.id, row=label, measure=cell.measure, box=box, grid=g))
    # The amounts of the project performance forms: each project's amount and its sources, and the
    # totals a list of forms prints (合计, a spending unit's line).
    lines = [(p.project_name, "annual_budget", p.annual_budget) for p in budget.project_performance]
    lines += [(p.project_name, f"funding.{f.item}", f.amount) for p in budget.project_performance for f in p.funding]
    lines += [(t.name, "total", t.amount) for t in budget.project_performance_totals]
    lines += [(t.name, f"funding.{f.item}", f.amount) for t in budget.project_performance_totals for f in t.funding]
    for label, measure, amount in lines:
        src = amount.source if amount is not None else None
        if src is None or src.page != page or src.bbox is None:
            continue
        box, g = _slot_box(grids, src.bbox)
        marks.append(Mark(table="项目支出绩效目标表", row=label, measure=measure, box=box, grid=g))
    return marks


class _Writer:
    """Labels in the CJK font with its real glyph widths (`insert_text` with the built-in
    "china-s" prints Latin letters and digits full-width), one TextWriter per colour."""

    def __init__(self, page: pymupdf.Page):
        self.page = page
        self.font = _cjk_font()
        self.writers: dict[tuple[float, float, float], pymupdf.TextWriter] = {}

    def width(self, text: str, size: float) -> float:
        return self.font.text_length(text, fontsize=size)

    def text(self, point, text: str, size: float, color, background: bool = False) -> float:
        """Queue `text` with its baseline at `point`; returns its width."""
        width = self.width(text, size)
        if background:
            x, y = point
            self.page.draw_rect(pymupdf.Rect(x - 0.5, y - size * 0.9, x + width + 0.5, y + size * 0.25),
                                color=None, fill=(1, 1, 1), fill_opacity=0.85)
        writer = self.writers.get(color)
        if writer is None:
            writer = self.writers[color] = pymupdf.TextWriter(self.page.rect)
        writer.append(point, text, font=self.font, fontsize=size)
        return width

    def flush(self) -> None:
        for color, writer in self.writers.items():
            writer.write_text(self.page, color=color)


@cache
def _cjk_font() -> pymupdf.Font:
    return pymupdf.Font("cjk")


def _short(text: str, n: int = 8) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def draw_page(pdf: str | Path, page_number: int, budget: Budget | None, raw: RawDocument | None,
              dpi: int = 110) -> PageDrawing:
    """Page `page_number` (1-based) of `pdf` with its grids, prose lines and extracted amounts → PNG."""
    src = pymupdf.open(pdf)
    try:
        index = page_number - 1
        grids = page_grids(src, index)
        unruled = unruled_tables(raw, page_number, grids) if raw is not None else []
        marks = page_marks(budget, page_number, grids) if budget is not None else []
        used = list(dict.fromkeys(m.measure for m in marks))
        colors = colors_for(used)
        # The page as the reader read it: as shown (a page stored turned, /Rotate, is shown upright),
        # or turned upright when printed sideways.
        out, page, rect = upright_page(src, index, legend_height(len(used)))
    finally:
        src.close()

    for grid in grids:
        for k in grid.spans:
            page.draw_rect(pymupdf.Rect(grid.cell_box(k)), color=GRID_GREY, width=0.4)
    for boxes in unruled:
        for box in boxes:
            page.draw_rect(pymupdf.Rect(box), color=UNRULED_GREEN, width=0.4, dashes="[2 1] 0")
    if raw is not None:
        for line in raw.lines():
            if line.page == page_number and not line.is_table_row and line.bbox:
                page.draw_rect(pymupdf.Rect(line.bbox), color=PROSE_BLUE, width=0.3, dashes="[1 1] 0")
    for m in marks:
        page.draw_rect(pymupdf.Rect(m.box), color=None, fill=colors[m.measure], fill_opacity=FILL_OPACITY)
    writer = _Writer(page)
    _labels(writer, marks)
    _legend(writer, rect, used, colors, page_number, len(grids), len(unruled), len(marks))
    writer.flush()
    pix = page.get_pixmap(dpi=dpi, alpha=False)
    drawing = PageDrawing(png=pix.tobytes("png"), width=pix.width, height=pix.height, grids=grids,
                          marks=marks, unruled=unruled, colors=colors)
    out.close()
    return drawing


def _labels(w: _Writer, marks: list[Mark]) -> None:
    names = measures()
    # Table label where its first amount on the page sits; a row label inside its first amount's
    # cell (bottom left), a measure label at the top of each column's first amount.
    first_of_table: dict[str, Mark] = {}
    first_of_row: dict[tuple[str, str, float], Mark] = {}
    first_of_column: dict[tuple[str, str], Mark] = {}
    for m in marks:
        if m.table not in first_of_table or m.box[1] < first_of_table[m.table].box[1]:
            first_of_table[m.table] = m
        key = (m.table, m.row, round(m.box[1]))
        if key not in first_of_row or m.box[0] < first_of_row[key].box[0]:
            first_of_row[key] = m
        col = (m.table, m.measure)
        if col not in first_of_column or m.box[1] < first_of_column[col].box[1]:
            first_of_column[col] = m
    for m in first_of_column.values():
        zh = names[m.measure].zh if m.measure in names else m.measure
        w.text((m.box[0] + 1.5, m.box[1] + 5.0), _short(zh, 12), 4.5, LABEL_RED, background=True)
    for m in first_of_row.values():
        w.text((m.box[0] + 1.5, m.box[3] - 1.5), _short(m.row, 14), 4.5, TABLE_BLUE, background=True)
    for m in first_of_table.values():
        w.text((m.box[0], max(m.box[1] - 6.0, 8.0)), f"▶ {_short(m.table, 30)}", 6.5, TABLE_BLUE, background=True)


def _legend(w: _Writer, rect: pymupdf.Rect, used: list[str], colors, page_number: int,
            n_grids: int, n_unruled: int, n_marks: int) -> None:
    page, names = w.page, measures()
    top = rect.height
    page.draw_rect(pymupdf.Rect(0, top, rect.width, page.rect.height), color=None, fill=(0.97, 0.97, 0.97))
    page.draw_line((0, top), (rect.width, top), color=(0.3, 0.3, 0.3), width=0.8)
    black = (0.0, 0.0, 0.0)
    y = top + LEGEND_PAD + LEGEND_ROW - 3
    tables = f"{n_grids + n_unruled} 个（其中无框线 {n_unruled} 个）" if n_unruled else f"{n_grids} 个"
    w.text((LEGEND_PAD, y), f"第 {page_number} 页：识别出表格 {tables}，读入金额 {n_marks} 个；"
                            "金额按其列被识别为的金额种类着色", LEGEND_FONT, black)
    y += LEGEND_ROW
    x = LEGEND_PAD
    page.draw_rect(pymupdf.Rect(x, y - 7, x + 14, y + 1), color=GRID_GREY, width=0.6)
    x += 18 + w.text((x + 18, y), "识别出的表格单元格", LEGEND_FONT, black) + 16
    page.draw_rect(pymupdf.Rect(x, y - 7, x + 14, y + 1), color=PROSE_BLUE, width=0.6, dashes="[1 1] 0")
    x += 18 + w.text((x + 18, y), "表格之外的文字行", LEGEND_FONT, black) + 16
    if n_unruled:
        page.draw_rect(pymupdf.Rect(x, y - 7, x + 14, y + 1), color=UNRULED_GREEN, width=0.6, dashes="[2 1] 0")
        x += 18 + w.text((x + 18, y), "无框线表格的单元格", LEGEND_FONT, black) + 16
    x += w.text((x, y), "▶ 表格  ", LEGEND_FONT, TABLE_BLUE)
    x += w.text((x, y), "行编码  ", LEGEND_FONT, TABLE_BLUE)
    w.text((x, y), "列的金额种类", LEGEND_FONT, LABEL_RED)
    width = (rect.width - 2 * LEGEND_PAD) / LEGEND_COLUMNS
    for i, measure in enumerate(used):
        row, col = divmod(i, LEGEND_COLUMNS)
        x, yy = LEGEND_PAD + col * width, y + (row + 1) * LEGEND_ROW
        page.draw_rect(pymupdf.Rect(x, yy - 7, x + 14, yy + 1), color=None, fill=colors[measure],
                       fill_opacity=FILL_OPACITY)
        zh = names[measure].zh if measure in names else measure
        label = f"{zh}（{measure}）"
        while len(label) > 4 and w.width(label, LEGEND_FONT) > width - 22:
            label = label[:-2] + "…"
        w.text((x + 18, yy), label, LEGEND_FONT, black)
