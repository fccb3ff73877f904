"""PDF documents (PyMuPDF): ruled tables become grid rows, everything else plain lines in reading order.

What a page yields, top to bottom:
- each ruled table as one RawLine per grid row (`is_table_row=True`), one RawCell per grid column
  with its column index; a merged cell's text sits at its first (top-left) slot and the slots it
  covers are blank cells, so a merged header reads like the text reader's tab rows; text wrapped
  over several lines inside a cell is joined into one cell; fully blank rows are left out;
- every other text as single-cell lines (a wide gap on a printed line splits it into two lines,
  e.g. "编制部门：…" and "单位：万元");
- page numbers in the top or bottom margin ("- 3 -", "第 3 页", a lone "3") are dropped, and so is a
  running head or foot: the same text at the same place at the top (bottom) of most pages.

Cell bboxes are the printed text's box (so indentation is visible) or the grid slot for blank cells.
Positions are the page's as shown, origin top-left: a page stored turned (/Rotate 90, 180, 270) is
read as a viewer shows it, upright; a page that shows sideways (its text running up or down the
page: printed turned without /Rotate, or upright with a quarter /Rotate) is read turned upright too,
its width and height those of the turned page.
Pages are read one at a time; nothing of a page is kept but its lines.
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from ..pdflib import pymupdf

from . import limits
from .gc_pause import gc_paused
from .pdf_grid import (SNAP, Grid, Token, cell_text, find_grids, ruling_segments, straddles_at, turned_segments,
                       vector_segments)
from .pdf_unruled import unruled_tables
from .raw import RawCell, RawDocument, RawLine, RawPage, UnreadableError, file_bytes

# A printed line is split where the gap between words exceeds this many text heights.
LINE_SPLIT_GAP = 2.5
# Page numbers are only recognised in these top / bottom fractions of the page.
HEADER_BAND, FOOTER_BAND = 0.10, 0.14
# A running head/foot: on at least this share of the pages with text (and on 3 pages or more),
# at the same height give or take this many points.
RUNNING_SHARE, RUNNING_MIN_PAGES, RUNNING_TOLERANCE = 0.5, 3, 2.0
# Words sampled on each page to tell a page printed sideways (see `sideways_turn`).
SIDEWAYS_SAMPLE = 24
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－_ ]*\d{1,4}[-—–－_ ]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[，,/／]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*[/／]\s*\d{1,4})$"
)


def read(path: str | Path) -> RawDocument:
    p = Path(path)
    doc = _open(p)
    try:
        if doc.needs_pass:
            raise UnreadableError(f"{p}：PDF 文件已加密，需要密码才能打开")
        if doc.page_count == 0:
            raise UnreadableError(f"{p}：PDF 文件没有任何页面")
        limits.check("pages", doc.page_count, "PDF 页数", str(p))
        pages: list[RawPage] = []
        failed: list[int] = []
        columns: list[list[float]] = []  # column boundaries of the previous page's grids
        page_grids: list[list[list[float]]] = []  # each page's grid columns, top to bottom
        carry: list = []  # columns of the previous page's last borderless table
        with gc_paused():
            for index in range(doc.page_count):
                number = index + 1
                try:
                    pages.append(read_page(doc.load_page(index), number, columns, carry))
                    page_grids.append([list(xs) for xs in columns])
                except Exception:  # noqa: BLE001 — MuPDF raises many kinds on damaged pages; one bad page must not sink the file
                    failed.append(number)
                    pages.append(RawPage(number=number, lines=(), has_text=False))
                    page_grids.append([])
    finally:
        doc.close()
    pages = drop_running_lines(pages)
    pages = align_continued_grids(pages, page_grids)
    scanned = [page.number for page in pages if not page.has_text and page.number not in failed]
    notes = []
    if scanned:
        notes.append(f"第 {page_ranges(scanned)} 页为扫描图像，无文本层")
    if failed:
        notes.append(f"第 {page_ranges(failed)} 页已损坏，无法解析")
    if all(not page.has_text for page in pages):
        raise UnreadableError(f"{p}：" + "；".join(notes) + "，无法读取文字")
    return RawDocument(path=str(p), format="pdf", pages=tuple(pages), notes=tuple(notes))


def _open(p: Path) -> pymupdf.Document:
    data = file_bytes(p)
    if b"%PDF" not in data[:1024]:
        raise UnreadableError(f"{p}：不是 PDF 文件（缺少 PDF 文件头）")
    # A PDF body without its end marker was cut off (an interrupted download): say so, whether MuPDF
    # gives up on it or silently repairs it (then it has lost pages or tables). Garbage is corrupt.
    truncated = b"%%EOF" not in data[-2048:] and b"endobj" in data
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception:  # noqa: BLE001 — FileDataError, RuntimeError, ValueError… all mean the same to the user
        if truncated:
            raise UnreadableError(f"{p}：PDF 文件不完整（文件被截断，可能下载未完成）") from None
        raise UnreadableError(f"{p}：PDF 文件已损坏，无法解析") from None
    if doc.is_repaired and truncated:
        doc.close()
        raise UnreadableError(f"{p}：PDF 文件不完整（文件被截断，可能下载未完成）")
    return doc


def page_ranges(numbers: list[int]) -> str:
    """[3, 4, 5, 8] → '3–5、8'."""
    parts: list[str] = []
    start = prev = None
    for n in sorted(numbers):
        if start is None:
            start = prev = n
        elif n == prev + 1:
            prev = n
        else:
            parts.append(f"{start}–{prev}" if prev != start else f"{start}")
            start = prev = n
    if start is not None:
        parts.append(f"{start}–{prev}" if prev != start else f"{start}")
    return "、".join(parts)


def read_page(page: pymupdf.Page, number: int, columns: list[list[float]] | None = None,
              carry: list | None = None) -> RawPage:
    """One page → RawPage. `columns` carries grid columns from page to page (updated in place)."""
    rect = page.rect
    width, height = rect.width, rect.height
    # One interpretation of the page gives both its words and its line art (the ruling lines), the
    # latter as vector blocks of the text page: asking MuPDF for the drawings separately ran the
    # page a second time and built a dict per path (~0.8× the cost of the page's plain text).
    # A page stored turned (/Rotate 90, 180, 270: a landscape table on a portrait sheet) is read as it
    # is shown: MuPDF lays out its text and line art in the unrotated page's space, so the text page
    # is built through the page's rotation matrix (then words, characters and vector blocks are all in
    # the shown page's space, the space of `page.rect`), and the drawings read apart are turned alike.
    turn = tuple(page.rotation_matrix) if page.rotation else None
    textpage = page.get_textpage(flags=pymupdf.TEXTFLAGS_WORDS | pymupdf.TEXT_COLLECT_VECTORS,
                                 clip=rect if turn else None, matrix=turn)
    words = textpage.extractWORDS()
    sideways = sideways_turn(textpage, words, width, height)
    if sideways is not None:  # printed sideways (or stored turned the wrong way): turned upright
        turn, rect = _then(turn, sideways[0]), sideways[1]
        width, height = rect.width, rect.height
        textpage = page.get_textpage(flags=pymupdf.TEXTFLAGS_WORDS | pymupdf.TEXT_COLLECT_VECTORS,
                                     clip=rect, matrix=turn)
        words = textpage.extractWORDS()
    if not any(w[4].strip() for w in words):
        return RawPage(number=number, lines=(), width=width, height=height,
                       has_text=not page.get_images(full=False))
    words = _encodable(words)
    segments = vector_segments(textpage.extractBLOCKS())
    if segments is None:  # a path whose pieces its box does not tell: read the drawings themselves
        segments = ruling_segments(page.get_cdrawings())
        if turn is not None:
            segments = turned_segments(*segments, turn)
    grids = find_grids(*segments, hints=columns or ())
    if columns is not None:
        columns[:] = [grid.xs for grid in grids]
    tokens: list[Token] = [(w[0], w[1], w[2], w[3], w[4], True) for w in words if w[4].strip()]
    in_grid: list[list[Token]] = [[] for _ in grids]
    prose: list[Token] = []
    boxes = [(g, grid.xs[0], grid.ys[0], grid.xs[-1], grid.ys[-1]) for g, grid in enumerate(grids)]
    for t in tokens:
        x, y = (t[0] + t[2]) / 2, (t[1] + t[3]) / 2
        for g, gx0, gy0, gx1, gy1 in boxes:
            if gx0 <= x <= gx1 and gy0 <= y <= gy1:
                in_grid[g].append(t)
                break
        else:
            prose.append(t)
    items: list[tuple[float, float, list[RawLine]]] = []
    chars: list[Token] | None = None
    for g, grid in enumerate(grids):
        slots: list[tuple[int, int]] | None = [grid.slot((t[0] + t[2]) / 2, (t[1] + t[3]) / 2) for t in in_grid[g]]
        crossing = [straddles_at(grid, t, r, c) for t, (r, c) in zip(in_grid[g], slots)]
        if any(crossing):
            # Words that run across a rule (neighbouring cells printed without a gap) are
            # placed character by character.
            if chars is None:
                chars = _chars(page, textpage)
            across = [t for t, cross in zip(in_grid[g], crossing) if cross]
            kept = [t for t, cross in zip(in_grid[g], crossing) if not cross]
            in_grid[g] = kept + _chars_of(across, kept, chars)
            slots = None
        rows = grid_rows(grid, in_grid[g], number, slots)
        if rows:
            items.append((grid.ys[0], grid.xs[0], rows))
    tables, prose = unruled_tables(prose, number, grids, carry)  # tables printed without rules
    items.extend(tables)
    for line in prose_lines(prose, number, height):
        items.append((line.bbox[1], line.bbox[0], [line]))
    items.sort(key=lambda item: (item[0], item[1]))
    # line_no counts the page's lines top to bottom, so a message can name "第 N 页第 M 行". Every
    # line was built above by this call and none is shared yet: each is numbered in place, as a
    # frozen dataclass's __init__ sets its own fields (a copy per line cost ~30 ms over the samples).
    lines = tuple(line for _, _, group in items for line in group)
    for n, line in enumerate(lines, start=1):
        object.__setattr__(line, "line_no", n)
    return RawPage(number=number, lines=lines, width=width, height=height, has_text=True)


def reading_turn(page: pymupdf.Page) -> tuple[tuple[float, ...], pymupdf.Rect, int] | None:
    """How `read_page` turns the page to read it: the matrix from the page's space (MuPDF's, the
    unrotated page's) to the space the reader's positions are in, that space's page box, and the
    turn in degrees clockwise; None for a page read as stored (upright: nearly every page).
    For `yusuan debug`, which draws what the reader saw where it saw it."""
    rotation, rect = page.rotation, page.rect
    turn = tuple(page.rotation_matrix) if rotation else None
    textpage = page.get_textpage(flags=pymupdf.TEXTFLAGS_WORDS, clip=rect if turn else None, matrix=turn)
    sideways = sideways_turn(textpage, textpage.extractWORDS(), rect.width, rect.height)
    if sideways is not None:
        turn, rect = _then(turn, sideways[0]), sideways[1]
        rotation = (rotation + (90 if sideways[0][1] > 0 else 270)) % 360
    return None if turn is None else (turn, rect, rotation)


def _then(first: tuple[float, ...] | None, then: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix applying `first` (if any), then `then`."""
    return then if first is None else tuple(pymupdf.Matrix(first) * pymupdf.Matrix(then))


def sideways_turn(textpage: pymupdf.TextPage, words: list[tuple], width: float,
                  height: float) -> tuple[tuple[float, ...], pymupdf.Rect] | None:
    """The quarter turn that reads a page printed sideways — its text runs up (or down) the page as
    shown: a landscape table set on a portrait sheet without /Rotate, or an upright page given a
    quarter /Rotate — and the page's box once turned; None for a page whose text runs across, as
    nearly every page's does. `textpage`, `words`, `width` and `height` are the page as shown.

    A sample of the page's words tells, cheaply: on a sideways page the words of three characters
    and more are boxes taller than wide. The lines' directions then say which way the text runs
    (only on such a page: the page's dict costs as much as the page's text)."""
    tall = wide = 0
    for i in range(0, len(words), max(1, len(words) // SIDEWAYS_SAMPLE)):
        x0, y0, x1, y1, text = words[i][:5]
        if len(text) >= 3:
            if y1 - y0 > 1.5 * (x1 - x0):
                tall += 1
            elif x1 - x0 > 1.5 * (y1 - y0):
                wide += 1
                if wide > tall + 2:  # an upright page: told after its first few words
                    return None
    if tall <= wide:
        return None
    up = down = across = 0
    for block in textpage.extractDICT()["blocks"]:
        for line in block.get("lines", ()):
            if sum(len(span["text"].strip()) for span in line["spans"]) < 2:
                continue
            dy = line["dir"][1]
            if dy < -0.9:
                up += 1
            elif dy > 0.9:
                down += 1
            else:
                across += 1
    turned = pymupdf.Rect(0, 0, height, width)
    if up > down + across:  # read bottom to top: turned clockwise, as /Rotate 90 shows it
        return (0.0, 1.0, -1.0, 0.0, height, 0.0), turned
    if down > up + across:  # read top to bottom: turned anticlockwise, as /Rotate 270 shows it
        return (0.0, -1.0, 1.0, 0.0, 0.0, width), turned
    return None


def _chars_of(across: list[Token], words: list[Token], chars: list[Token]) -> list[Token]:
    """The characters of the words `across`, in page order, less those already inside one of the
    whole `words` (word boxes may overlap: a character is not placed twice)."""
    taken: set[int] = set()
    for w in across:
        wx0, wy0, wx1, wy1 = w[0] - 0.5, w[1] - 0.5, w[2] + 0.5, w[3] + 0.5
        taken.update(i for i, c in enumerate(chars)
                     if wx0 <= (c[0] + c[2]) / 2 <= wx1 and wy0 <= (c[1] + c[3]) / 2 <= wy1)
    out = []
    for i in sorted(taken):
        ch = chars[i]
        x, y = (ch[0] + ch[2]) / 2, (ch[1] + ch[3]) / 2
        if not any(t[0] <= x <= t[2] and t[1] <= y <= t[3] for t in words):
            out.append(ch)
    return out


def _chars(page: pymupdf.Page, textpage: pymupdf.TextPage) -> list[Token]:
    out: list[Token] = []
    for block in page.get_text("rawdict", textpage=textpage)["blocks"]:
        for line in block.get("lines", ()):
            for span in line["spans"]:
                for ch in span["chars"]:
                    if ch["c"].strip():
                        x0, y0, x1, y1 = ch["bbox"]
                        out.append((x0, y0, x1, y1, _SURROGATE.sub("\ufffd", ch["c"]), False))
    return out


# MuPDF gives a glyph it cannot map (a damaged font's ToUnicode) as half a surrogate pair, which no
# output can encode: it becomes U+FFFD, the replacement character, as a decoder would make it.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _encodable(words: list) -> list:
    """The page's words, with any lone surrogate replaced (one join and one test for a sound page)."""
    if not _SURROGATE.search("".join(w[4] for w in words)):
        return words
    return [(*w[:4], _SURROGATE.sub("\ufffd", w[4]), *w[5:]) for w in words]


def grid_rows(grid: Grid, tokens: list[Token], page: int,
              slots: list[tuple[int, int]] | None = None) -> list[RawLine]:
    """The grid's rows that hold text. `slots`: each token's (row, column), when already known."""
    xs, ys, owner, spans = grid.xs, grid.ys, grid.owner, grid.spans
    if slots is None:
        slots = [grid.slot((t[0] + t[2]) / 2, (t[1] + t[3]) / 2) for t in tokens]
    by_cell: dict[int, list[Token]] = {}
    for t, (r, c) in zip(tokens, slots):
        by_cell.setdefault(owner[r][c], []).append(t)
    # A merged cell's text sits at its top-left slot, when that slot is the cell's own (the text of
    # a cell whose slots form an L is not shown).
    filled: dict[tuple[int, int], tuple[str, tuple[float, float, float, float]]] = {}
    for k, toks in by_cell.items():
        r0, c0, _, _ = spans[k]
        if owner[r0][c0] == k:
            filled[(r0, c0)] = (cell_text(toks), _union(toks))
    rows: list[RawLine] = []
    n_cols = len(xs) - 1
    # Fully blank rows are left out, so only rows where some cell's text starts are built.
    for r in sorted({r for (r, _), (text, _) in filled.items() if text}):
        y0, y1 = ys[r], ys[r + 1]
        cells = []
        for c in range(n_cols):
            hit = filled.get((r, c))
            if hit is None:
                cells.append(RawCell("", col=c, bbox=(xs[c], y0, xs[c + 1], y1)))
            else:
                cells.append(RawCell(hit[0], col=c, bbox=hit[1]))
        rows.append(RawLine(cells=tuple(cells), page=page, is_table_row=True, bbox=(xs[0], y0, xs[-1], y1)))
    return rows


def prose_lines(tokens: list[Token], page: int, page_height: float) -> list[RawLine]:
    """Words outside tables → visual lines, split where a wide gap separates two texts."""
    tokens = sorted(tokens, key=lambda t: (t[1] + t[3]) / 2)
    visual: list[list[Token]] = []
    for t in tokens:
        mid, h = (t[1] + t[3]) / 2, max(t[3] - t[1], 1.0)
        if visual:
            ref = visual[-1][0]
            if abs(mid - (ref[1] + ref[3]) / 2) <= 0.5 * min(h, max(ref[3] - ref[1], 1.0)):
                visual[-1].append(t)
                continue
        visual.append([t])
    out: list[RawLine] = []
    for line in visual:
        line.sort(key=lambda t: t[0])
        segment = [line[0]]
        for prev, cur in zip(line, line[1:]):
            if cur[0] - prev[2] > LINE_SPLIT_GAP * max(cur[3] - cur[1], 1.0):
                out.append(_prose_line(segment, page))
                segment = []
            segment.append(cur)
        out.append(_prose_line(segment, page))
    return [line for line in out if not _is_page_number(line, page_height)]


def _prose_line(tokens: list[Token], page: int) -> RawLine:
    text = cell_text(tokens)
    bbox = _union(tokens)
    return RawLine(cells=(RawCell(text, col=0, bbox=bbox),), page=page, bbox=bbox)


def drop_running_lines(pages: list[RawPage]) -> list[RawPage]:
    """Pages without their running head and foot.

    A line that is the topmost (bottommost) text of its page, inside the header (footer) band, and
    printed with the same text at the same height on most pages is the document's running head
    (foot) — the unit and year above every page — not content: left in, it lands inside tables and
    paragraphs that cross a page break.
    """
    with_text = [page for page in pages if page.lines and page.height]
    needed = max(RUNNING_MIN_PAGES, RUNNING_SHARE * len(with_text))
    edges: dict[int, list[RawLine]] = {}
    for page in with_text:
        prose = [line for line in page.lines if not line.is_table_row and line.bbox]
        if not prose:
            continue
        top = min(line.bbox[1] for line in prose)
        bottom = max(line.bbox[3] for line in prose)
        edges[page.number] = [
            line for line in prose
            if (line.bbox[1] - top <= RUNNING_TOLERANCE and line.bbox[3] <= page.height * HEADER_BAND)
            or (bottom - line.bbox[3] <= RUNNING_TOLERANCE and line.bbox[1] >= page.height * (1 - FOOTER_BAND))
        ]
    candidates = [line for lines in edges.values() for line in lines]

    def repeated(line: RawLine) -> bool:
        return sum(1 for other in candidates if other.text == line.text
                   and abs(other.bbox[1] - line.bbox[1]) <= RUNNING_TOLERANCE) >= needed

    running = {id(line) for line in candidates if repeated(line)}
    if not running:
        return pages
    return [replace(page, lines=tuple(line for line in page.lines if id(line) not in running),
                    running=tuple(line for line in page.lines if id(line) in running))
            for page in pages]


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 2 * SNAP


def _grid_of_row(line: RawLine, grids: list[list[float]]) -> list[float] | None:
    if not line.is_table_row or line.bbox is None:
        return None
    return next((xs for xs in grids if _same(xs[0], line.bbox[0]) and _same(xs[-1], line.bbox[2])), None)


def align_continued_grids(pages: list[RawPage], page_grids: list[list[list[float]]]) -> list[RawPage]:
    """A table running on from one page to the next gets one set of column indices.

    Each page's grid columns come from the rules printed on that page. A form whose lower part
    (an indicator tree) has a rule its upper part lacks gives the rows before and after the page
    break different column indices, so a row read by the header's indices lands in the wrong
    field. When a page ends in a grid and the next begins with a grid of the same width, the
    rows of both are re-indexed on the union of their column rules — an extra rule reads like a
    merged cell: text at the first slot, blanks after.
    """
    # chains of (page index, xs, row positions) for grids continued across a page break
    runs: list[list[tuple[int, list[float], list[int]]]] = []
    for i in range(len(pages) - 1):
        before, after = pages[i].lines, pages[i + 1].lines
        if not before or not after:
            continue
        xs0 = _grid_of_row(before[-1], page_grids[i])
        xs1 = _grid_of_row(after[0], page_grids[i + 1])
        if xs0 is None or xs1 is None or not (_same(xs0[0], xs1[0]) and _same(xs0[-1], xs1[-1])):
            continue
        tail = _run(before, xs0, from_end=True)
        head = _run(after, xs1, from_end=False)
        if runs and runs[-1][-1][0] == i:
            # the previous page's leading run was recorded; its trailing run joins the same chain
            # only when it is the same rows (a one-grid page continued on both sides)
            if set(runs[-1][-1][2]) == set(tail):
                runs[-1].append((i + 1, xs1, head))
                continue
        runs.append([(i, xs0, tail), (i + 1, xs1, head)])
    if not runs:
        return pages
    out = list(pages)
    for chain in runs:
        union = _snap_union([xs for _, xs, _ in chain])
        if all(len(xs) == len(union) for _, xs, _ in chain):
            continue
        for index, xs, rows in chain:
            lines = list(out[index].lines)
            for r in rows:
                lines[r] = _reindex(lines[r], xs, union)
            page = out[index]
            out[index] = replace(page, lines=tuple(lines))
    return out


def _run(lines: tuple[RawLine, ...], xs: list[float], from_end: bool) -> list[int]:
    """Positions of the contiguous rows of the grid `xs` at the end (start) of a page."""
    order = range(len(lines) - 1, -1, -1) if from_end else range(len(lines))
    out = []
    for r in order:
        if _grid_of_row(lines[r], [xs]) is None:
            break
        out.append(r)
    return out


def _snap_union(all_xs: list[list[float]]) -> list[float]:
    union: list[float] = []
    for x in sorted(x for xs in all_xs for x in xs):
        if not union or x - union[-1] > SNAP:
            union.append(x)
    return union


def _reindex(line: RawLine, xs: list[float], union: list[float]) -> RawLine:
    def at(x: float) -> int:
        return min(range(len(union)), key=lambda u: abs(union[u] - x))

    y0, y1 = line.bbox[1], line.bbox[3]
    cells: list[RawCell] = []
    for c, cell in enumerate(line.cells[:len(xs) - 1]):
        start, end = at(xs[c]), at(xs[c + 1])
        cells.append(RawCell(cell.text, col=start, bbox=cell.bbox))
        cells += [RawCell("", col=u, bbox=(union[u], y0, union[u + 1], y1)) for u in range(start + 1, end)]
    return RawLine(cells=tuple(cells), page=line.page, line_no=line.line_no, bbox=line.bbox, is_table_row=True)


def _is_page_number(line: RawLine, page_height: float) -> bool:
    y0, y1 = line.bbox[1], line.bbox[3]
    in_margin = y1 <= page_height * HEADER_BAND or y0 >= page_height * (1 - FOOTER_BAND)
    return in_margin and bool(_PAGE_NUMBER.match(line.text))


def _union(tokens: list[Token]) -> tuple[float, float, float, float]:
    if len(tokens) == 1:
        return tokens[0][:4]
    return (min(t[0] for t in tokens), min(t[1] for t in tokens),
            max(t[2] for t in tokens), max(t[3] for t in tokens))

