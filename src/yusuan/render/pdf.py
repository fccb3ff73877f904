"""PDF through PyMuPDF's Story API: A4, cover, contents with page numbers and links, running
head and page numbers, ruled tables with merged headers that repeat on every page they cover.

MuPDF's HTML layout draws colspan but not rowspan, and does not repeat a <thead> on a new page.
So the document is laid out as flows that each start on a new page (cover, contents, each part,
each table), tables are cut into page-sized chunks here (each chunk with its header), and a
vertical merge is drawn as cells without the inner rule, the text in the span's middle row.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from html import escape


from ..pdflib import pymupdf
from ..model import Budget
from ..reference.layouts import Layout
from .document import Document, Heading, Para, TableBlock, build_document
from .grid import Grid, GridCell, placed

PORTRAIT = pymupdf.paper_rect("a4")
LANDSCAPE = pymupdf.paper_rect("a4-l")
MARGIN = (50, 62, 50, 56)  # left, top, right, bottom in points

CSS = """
body { font-family: sans-serif; font-size: 10.5pt; line-height: 1.6; }
h1 { font-size: 16pt; text-align: center; margin: 6pt 0 14pt 0; }
h2 { font-size: 12.5pt; margin: 10pt 0 4pt 0; }
h3 { font-size: 11pt; margin: 6pt 0 2pt 0; }
p { text-indent: 2em; margin: 0 0 4pt 0; text-align: left;  /* MuPDF justifies by widening spaces only: CJK lines would gape */ }
.cover-unit { font-size: 22pt; text-align: center; margin-top: 190pt; text-indent: 0; }
.cover-title { font-size: 30pt; text-align: center; margin-top: 22pt; font-weight: bold; text-indent: 0; }
.cover-meta { font-size: 13pt; text-align: center; margin-top: 150pt; text-indent: 0; }
.toc-title { font-size: 18pt; text-align: center; margin-bottom: 12pt; }
table.toc { width: 100%; border-collapse: collapse; }
table.toc td { padding: 2pt 0; font-size: 10.5pt; }
table.toc td.toc-1 { font-weight: bold; padding-top: 6pt; }
table.toc td.toc-2 { padding-left: 20pt; }
table.toc td.page { text-align: right; width: 40pt; }
.table-title { font-size: 15pt; text-align: center; margin: 0 0 8pt 0; font-weight: bold; }
table.meta { width: 100%; border-collapse: collapse; margin-bottom: 3pt; }
table.meta td { font-size: 9pt; padding: 0; }
table.meta td.r { text-align: right; }
table.grid { width: 100%; border-collapse: collapse; }
table.grid td { border: 0.6pt solid black; padding: 2.5pt 3pt; font-size: 8.5pt; line-height: 1.3; }
table.grid td.h { text-align: center; background-color: #eeeeee; }
table.grid td.r { text-align: right; }
table.grid td.c { text-align: center; }
table.grid td.b { font-weight: bold; }
table.grid td.s { text-align: center; font-weight: bold; background-color: #eeeeee; }
table.grid td.nb { border-bottom: none; }
table.grid td.nt { border-top: none; }
.note { text-indent: 0; margin-top: 8pt; font-size: 10pt; }
"""


@dataclass
class Flow:
    html: str
    landscape: bool = False
    anchor: str | None = None
    numbered: bool = True  # running head and page number (not on the cover)
    single: bool = False  # known to fill exactly one page (table pages are cut to fit)
    story: object | None = None  # already placed on the page rect: draw it without placing again


def _grid_rows_html(grid: Grid, width: float) -> list[str]:
    """One <tr> per grid row, every column present; merges drawn as described in the module doc.
    Every cell carries its width in points: MuPDF otherwise sizes columns by their content."""
    rows = grid.rows
    col_pt, size = _column_points(grid, width * 0.97)
    font = f";font-size:{size:.2f}pt" if size < GRID_FONT else ""
    nhead = len(grid.head)
    slots: list[list[tuple[str, int] | None]] = [[None] * grid.ncols for _ in rows]
    for r, c, cell in placed(rows, grid.ncols):
        head = r < nhead
        text_row = r + (cell.rowspan - 1) // 2
        for dr in range(cell.rowspan):
            classes = []
            if head or cell.kind == "head":
                classes.append("h")
            elif cell.kind == "section":
                classes.append("s")
            elif cell.kind == "label":
                classes.append("c")
            elif cell.align == "right" or cell.kind == "amount":
                classes.append("r")
            elif cell.align == "center":
                classes.append("c")
            if cell.bold and not head:
                classes.append("b")
            if dr < cell.rowspan - 1:
                classes.append("nb")
            if dr > 0:
                classes.append("nt")
            text = cell.text if r + dr == text_row else ""
            span = f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
            span += f' style="width:{sum(col_pt[c:c + cell.colspan]) - 6.6:.1f}pt{font}"'
            body = escape(text).replace("\n", "<br/>")
            if r + dr < len(rows):
                slots[r + dr][c] = (f'<td class="{" ".join(classes)}"{span}>{body}</td>', cell.colspan)
    out = []
    for row in slots:
        out.append("<tr>" + "".join(s[0] for s in row if s is not None) + "</tr>")
    return out


GRID_FONT = 8.5  # pt, table.grid td
_DIGIT_EM = 0.58  # width of a digit, '.' or ',' in em, rounded up (sans-serif digits are 0.556 em)
_PADDING = 7.0  # pt: cell padding and borders


def _column_points(grid: Grid, width: float) -> tuple[list[float], float]:
    """Column widths in points and the grid's font size. An amount never wraps or overruns its cell
    (a reader would join it with its neighbour): each amount column is at least as wide as its
    longest figure, the other columns share the rest by their relative widths; when the figures
    alone are wider than the page (17 columns of 6-decimal 万元), the font shrinks to fit."""
    need = [0.0] * grid.ncols
    for _, c, cell in placed(grid.rows, grid.ncols):
        if cell.kind == "amount" and cell.colspan == 1 and cell.text:
            need[c] = max(need[c], len(cell.text))
    size = GRID_FONT
    while True:
        floor = [n * _DIGIT_EM * size + _PADDING if n else 0.0 for n in need]
        pinned: set[int] = set()
        while True:  # a column squeezed below its figures by the others' floors is pinned too
            free = sum(w for c, w in enumerate(grid.widths) if c not in pinned)
            share = (width - sum(floor[c] for c in pinned)) / free if free else 0.0
            more = {c for c, w in enumerate(grid.widths) if c not in pinned and floor[c] > w * share}
            if not more:
                break
            pinned |= more
        if sum(floor[c] for c in pinned) <= width * 0.9 or size <= 5:
            break
        size -= 0.5
    return [floor[c] if c in pinned else w * share for c, w in enumerate(grid.widths)], size


def _table_flows(block: TableBlock, doc: Document) -> list[Flow]:
    grid = block.grid
    landscape = grid.ncols > 6
    rect = _content_rect(LANDSCAPE if landscape else PORTRAIT)
    rows = _grid_rows_html(grid, rect.width)
    head, body = rows[: len(grid.head)], rows[len(grid.head):]
    colgroup = ""
    title = (f'<h1 class="table-title" id="{block.anchor}">{escape(block.label)}</h1>'
             f'<table class="meta"><tr><td>{escape(block.preparer)}</td>'
             f'<td class="r">{escape(block.unit_line)}</td></tr></table>')

    def page_html(first: bool, chunk: list[str], last: bool) -> str:
        note = f'<p class="note">{escape(block.empty_note)}</p>' if (last and block.empty_note) else ""
        return ((title if first else "") + f'<table class="grid" id="grid">{colgroup}' + "".join(head) + "".join(chunk)
                + "</table>" + note)

    def fits(html: str) -> bool:
        story = pymupdf.Story(html=html, user_css=CSS)
        more, _ = story.place(rect)
        return not more

    # Most tables fit one page: place the whole table once and keep that placement for drawing.
    whole = page_html(True, body, True)
    story = pymupdf.Story(html=whole, user_css=CSS)
    more, _ = story.place(rect)
    if not more or not body:
        return [Flow(whole, landscape, block.anchor, single=True, story=story)]
    # Measure every row once on an endless page, cut greedily, then check each page (rarely off by a row).
    tall = pymupdf.Rect(rect.x0, rect.y0, rect.x1, rect.y0 + 100000)
    ids = [f'<tr id="m{n}">' + row[4:] for n, row in enumerate(body)]
    story = pymupdf.Story(html=page_html(True, ids, True), user_css=CSS)
    story.place(tall)
    bottoms: dict[int, float] = {}
    tops: dict[int, float] = {}

    def measure(pos) -> None:
        if pos.id == "grid" and pos.open_close & 1:
            tops[-1] = pos.rect[1]
        elif pos.id.startswith("m") and pos.open_close & 1:
            bottoms[int(pos.id[1:])] = pos.rect[3]
            tops[int(pos.id[1:])] = pos.rect[1]

    story.element_positions(measure)
    head_height = tops.get(0, rect.y0) - rect.y0  # title, unit line and header rows
    table_head = tops.get(0, rect.y0) - tops.get(-1, rect.y0)  # header rows alone
    flows = []
    i, first = 0, True
    while i < len(body):
        offset = head_height if first else table_head
        room = rect.height - offset - 2
        j = i + 1
        while j < len(body) and bottoms.get(j, 0) - tops.get(i, 0) <= room:
            j += 1
        # column widths are fixed (<col>), so measured heights hold; check only a page filled to the brim
        used = bottoms.get(j - 1, 0) - tops.get(i, 0)
        if used > room - 24 and not fits(page_html(first, body[i:j], j == len(body))):
            lo, hi = i + 1, j - 1  # the last count known to fit is at least one row; search the rest
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if fits(page_html(first, body[i:mid], mid == len(body))):
                    lo = mid
                else:
                    hi = mid - 1
            j = lo
        flows.append(Flow(page_html(first, body[i:j], j == len(body)), landscape, block.anchor if first else None,
                          single=True))
        i, first = j, False
    return flows


def _content_rect(page: pymupdf.Rect) -> pymupdf.Rect:
    left, top, right, bottom = MARGIN
    return pymupdf.Rect(page.x0 + left, page.y0 + top, page.x1 - right, page.y1 - bottom)


def _prose_html(blocks: list) -> str:
    out = []
    for b in blocks:
        if isinstance(b, Heading):
            anchor = f' id="{b.anchor}"' if b.anchor else ""
            out.append(f"<h{b.level}{anchor}>{escape(b.text)}</h{b.level}>")
        elif isinstance(b, Para):
            out.append(f"<p>{escape(b.text)}</p>")
    return "".join(out)


def _toc_html(doc: Document, pages: dict[str, int]) -> str:
    rows = "".join(
        f'<tr><td class="toc-{t.level}" id="toc-{t.anchor}">{escape(t.text)}</td>'
        f'<td class="page">{pages.get(t.anchor, "")}</td></tr>'
        for t in doc.toc
    )
    return f'<h1 class="toc-title">目　录</h1><table class="toc">{rows}</table>'


def _flows(doc: Document, pages: dict[str, int]) -> list[Flow]:
    c = doc.cover_lines
    flows = [Flow(f'<p class="cover-unit">{escape(c[0])}</p><p class="cover-title">{escape(c[1])}</p>'
                  f'<p class="cover-meta">{escape(c[2])}</p>', numbered=False),
             Flow(_toc_html(doc, pages), anchor="toc")]
    for part in doc.parts:
        prose: list = []
        head = f'<h1 id="{part.anchor}">{escape(part.title)}</h1>'
        tables = [b for b in part.blocks if isinstance(b, TableBlock)]
        prose = [b for b in part.blocks if not isinstance(b, TableBlock)]
        if tables:
            listing = "".join(f"<p>{escape(t.label)}</p>" for t in tables)
            flows.append(Flow(head + _prose_html(prose) + listing, anchor=part.anchor))
            for t in tables:
                flows.extend(_table_flows(t, doc))
        else:
            flows.append(Flow(head + _prose_html(prose), anchor=part.anchor))
    return flows


def _layout(flows: list[Flow], writer: pymupdf.DocumentWriter | None, doc: Document) -> tuple[dict[str, int], list]:
    """Place every flow; with a writer, draw. Returns anchor → page number and link rects."""
    pages: dict[str, int] = {}
    decorations = _DECORATIONS[id(doc)] = []
    toc_rects: list[tuple[int, str, pymupdf.Rect]] = []
    page_no = 0  # printed number: the cover is not counted
    index = -1
    for flow in flows:
        mediabox = LANDSCAPE if flow.landscape else PORTRAIT
        rect = _content_rect(mediabox)
        if flow.anchor and flow.numbered:
            pages[flow.anchor] = page_no + 1
        if writer is None and flow.single:
            index, page_no = index + 1, page_no + 1
            continue
        story = flow.story if writer is not None and flow.story is not None else pymupdf.Story(html=flow.html,
                                                                                              user_css=CSS)
        placed_already = story is flow.story
        more = 1
        while more:
            index += 1
            if flow.numbered:
                page_no += 1
            if placed_already:
                more, placed_already = 0, False
            else:
                more, _ = story.place(rect)
            story.element_positions(_collector(pages, toc_rects, index, page_no, flow))
            if writer is not None:
                device = writer.begin_page(mediabox)
                story.draw(device)
                writer.end_page()
                if flow.numbered:
                    decorations.append((index, page_no))
            else:
                story.draw(None)  # a story advances only when drawn
    return pages, toc_rects


def _collector(pages: dict[str, int], toc_rects: list, index: int, printed: int, flow: Flow):
    """Element positions of one placed page: where each anchor lands, where each contents line is."""
    is_toc = flow.anchor == "toc"

    def collect(pos) -> None:
        if not pos.id or not pos.open_close & 1:
            return
        if is_toc and pos.id.startswith("toc-"):
            toc_rects.append((index, pos.id[4:], pymupdf.Rect(pos.rect)))
        elif flow.numbered:
            pages.setdefault(pos.id, printed)

    return collect


_DECORATIONS: dict[int, list[tuple[int, int]]] = {}


@cache
def _font() -> pymupdf.Font:
    return pymupdf.Font("cjk")  # MuPDF's built-in CJK font, the one the stories use; subset on save


def _decorate(page: pymupdf.Page, head: str, page_no: int) -> None:
    """Running head over a thin rule, page number at the foot."""
    left, top, right, bottom = MARGIN
    width = page.rect.width
    page.wrap_contents()  # the story's drawing leaves its coordinate transform in effect
    font = _font()
    writer = pymupdf.TextWriter(page.rect)
    size = 8.5
    writer.append(((width - font.text_length(head, size)) / 2, top - 18), head, font=font, fontsize=size)
    label = f"— {page_no} —"
    writer.append(((width - font.text_length(label, 9)) / 2, page.rect.height - bottom + 30), label, font=font,
                  fontsize=9)
    writer.write_text(page, color=(0.2, 0.2, 0.2))
    page.draw_line((left, top - 12), (width - right, top - 12), color=(0.4, 0.4, 0.4), width=0.5)


def render_document(doc: Document) -> bytes:
    # pass 1: page numbers for the contents; pass 2: draw with them (only the contents changes)
    flows = _flows(doc, {})
    pages, _ = _layout(flows, None, doc)
    flows[1] = Flow(_toc_html(doc, pages), anchor="toc")
    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    pages2, toc_rects = _layout(flows, writer, doc)
    writer.close()
    pdf = pymupdf.open("pdf", buffer.getvalue())
    for page_index, page_no in _DECORATIONS.pop(id(doc), []):
        _decorate(pdf[page_index], doc.running_head, page_no)
    # contents links and bookmarks; printed page n is PDF page n (the cover is page 0)
    for page_index, anchor, rect in toc_rects:
        target = pages2.get(anchor)
        if target is not None:
            pdf[page_index].insert_link({"kind": pymupdf.LINK_GOTO, "from": rect, "page": target,
                                         "to": pymupdf.Point(0, 0)})
    outline = [[t.level, t.text, pages2[t.anchor] + 1] for t in doc.toc if t.anchor in pages2]
    if outline:
        pdf.set_toc(outline)
    pdf.set_metadata({"title": doc.title, "creator": "yusuan", "producer": "yusuan (PyMuPDF)"})
    pdf.subset_fonts()
    # No new random /ID: the same budget renders to the same bytes (a store keeps it once).
    return pdf.tobytes(garbage=3, deflate=True, no_new_id=True)


def render(budget: Budget, layout: str | Layout | None = None) -> bytes:
    return render_document(build_document(budget, layout))
