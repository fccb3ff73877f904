"""Pages stored turned (/Rotate 90, 180, 270) read exactly like the upright original.

A budget's landscape table is often printed on a portrait sheet stored with /Rotate 90: the page is
shown upright, but its content, and everything MuPDF reports of it, lies in the unrotated page's
space. Each test builds turned copies of a document — every page placed turned on a new page whose
/Rotate shows it upright again, as real documents are made — and a control copy placed the same way
unturned, and asserts that the reader, the extractor and the check see the same document in all:
every line, cell, column, bbox (in the shown page's space), table, row, amount and finding.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pymupdf
import pytest
from conftest import EXAMPLES, sample

from yusuan.api import check_file, load_budget
from yusuan.read import pdf
from yusuan.read.pdf import reading_turn
from yusuan.read.pdf_grid import ruling_segments, turned_segments
from yusuan.render import render
from yusuan.render.debug_page import draw_page


def turned(src: pymupdf.Document, rotations: tuple[int, ...], pages=None, shown_upright: bool = True) -> pymupdf.Document:
    """Each page of `src` (or of `pages`) placed on a new page stored turned by rotations[i % n]
    (0: the control, placed the same way unturned) whose /Rotate shows it upright; or, with
    `shown_upright=False`, left sideways (no /Rotate: the text runs up or down the sheet)."""
    out = pymupdf.open()
    for i, pno in enumerate(range(src.page_count) if pages is None else pages):
        rotation = rotations[i % len(rotations)]
        rect = src[pno].rect
        w, h = (rect.height, rect.width) if rotation in (90, 270) else (rect.width, rect.height)
        page = out.new_page(width=w, height=h)
        page.show_pdf_page(page.rect, src, pno, rotate=rotation)
        if shown_upright:
            page.set_rotation(rotation)
    return out


def save(doc: pymupdf.Document, path: Path) -> Path:
    doc.save(path)
    doc.close()
    return path


def raw_dump(path: Path) -> list:
    """Every line of the reading: page, line number, kind, and each cell's text, column and bbox."""
    def box(b):
        return None if b is None else tuple(round(v, 1) for v in b)
    return [(line.page, line.line_no, line.is_table_row, box(line.bbox),
             [(c.text, c.col, box(c.bbox)) for c in line.cells]) for line in pdf.read(path).lines()]


def _normal(value, path: str):
    """A model dump with the file's name left out and positions rounded to 0.1 pt (the turn
    through the rotation matrix moves a coordinate by a float rounding)."""
    if isinstance(value, dict):
        return {k: _normal(v, path) for k, v in value.items() if k not in ("file", "source_file")}
    if isinstance(value, (list, tuple)):
        return [_normal(v, path) for v in value]
    if isinstance(value, float):
        return round(value, 1)
    if isinstance(value, str):
        return value.replace(path, "FILE")
    return value


def model_dump(path: Path) -> tuple:
    """The budget read from `path` and the check's findings, as comparable plain data."""
    budget, report = check_file(path)
    findings = [_normal(f.model_dump(mode="python"), str(path)) for f in report.findings]
    return _normal(budget.model_dump(mode="python"), str(path)), findings


# --- the segments' turn -----------------------------------------------------------------------


def test_turned_segments_quarter_turn_swaps_horizontal_and_vertical():
    # /Rotate 90 of a 600×800 (unrotated) page: (x, y) → (800 − y, x), the page shown 800×600
    matrix = (0.0, 1.0, -1.0, 0.0, 800.0, 0.0)
    hs, vs = turned_segments([(100.0, 10.0, 50.0)], [(20.0, 300.0, 400.0)], matrix)
    assert hs == [(20.0, 400.0, 500.0)]  # the vertical rule x=20, y 300..400 → y=20, x 400..500
    assert vs == [(700.0, 10.0, 50.0)]  # the horizontal rule y=100, x 10..50 → x=700, y 10..50


def test_turned_segments_half_turn_keeps_directions_and_orders_ends():
    matrix = (-1.0, 0.0, 0.0, -1.0, 600.0, 800.0)  # /Rotate 180 of a 600×800 page
    hs, vs = turned_segments([(100.0, 10.0, 50.0)], [(20.0, 300.0, 400.0)], matrix)
    assert hs == [(700.0, 550.0, 590.0)]
    assert vs == [(580.0, 400.0, 500.0)]


# --- a rendered budget (runs without the samples) ---------------------------------------------


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    """examples/wuhan-gxzx-2026.yaml printed to PDF by yusuan's renderer: portrait text pages and
    landscape table pages."""
    budget, _ = load_budget(EXAMPLES / "wuhan-gxzx-2026.yaml")
    path = tmp_path_factory.mktemp("rotated") / "wuhan.pdf"
    path.write_bytes(render(budget, "pdf"))
    return path


@pytest.fixture(scope="module")
def rendered_copies(rendered, tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("rotated-copies")
    src = pymupdf.open(rendered)
    copies = {rotations: save(turned(src, rotations), folder / f"turned-{'-'.join(map(str, rotations))}.pdf")
              for rotations in ((0,), (90,), (180,), (270,), (90, 270, 0, 180))}
    copies["sideways"] = save(turned(src, (90, 0, 270), shown_upright=False), folder / "sideways.pdf")
    src.close()
    return copies


@pytest.mark.parametrize("rotations", [(90,), (180,), (270,), (90, 270, 0, 180)])
def test_rendered_budget_turned_reads_like_upright(rendered_copies, rotations):
    path = rendered_copies[rotations]
    with pymupdf.open(path) as doc:
        assert {p.rotation for p in doc} == set(rotations)
        assert doc[5].rect.width > doc[5].rect.height  # a landscape table page, shown as such
    control = rendered_copies[(0,)]
    assert raw_dump(path) == raw_dump(control)
    assert model_dump(path) == model_dump(control)


def test_turned_pages_cropped_read_like_the_upright_cropped(rendered_copies, tmp_path):
    """A crop box whose corner is not the media box's: positions are the cropped page's as shown
    (origin at its top-left corner) for a turned page as for an upright one."""
    dumps = {}
    for rotations in ((0,), (90,), (180,), (270,)):
        doc = pymupdf.open(rendered_copies[rotations])
        for page in doc:
            shown = page.rect  # the same margins cut off the page as shown, whatever its turn
            page.set_cropbox(pymupdf.Rect(20, 30, shown.width - 25, shown.height - 35) * page.derotation_matrix)
        path = save(doc, tmp_path / f"cropped-{rotations[0]}.pdf")
        with pymupdf.open(path) as check:
            assert check[0].rect.width == pytest.approx(595.3 - 45, abs=0.5)
        dumps[rotations] = raw_dump(path)
    assert dumps[(0,)] and dumps[(0,)] != raw_dump(rendered_copies[(0,)])
    assert dumps[(90,)] == dumps[(0,)]
    assert dumps[(180,)] == dumps[(0,)]
    assert dumps[(270,)] == dumps[(0,)]


def test_rendered_budget_printed_sideways_reads_like_upright(rendered_copies):
    """Pages printed sideways without /Rotate (text running up, or down, the sheet) are read turned
    upright: lines, cells and positions as the upright page's."""
    path = rendered_copies["sideways"]
    with pymupdf.open(path) as doc:
        assert {p.rotation for p in doc} == {0}
        assert doc[0].rect.width > doc[0].rect.height  # a portrait text page lying on its side
    raw = pdf.read(path)
    assert (raw.pages[0].width, raw.pages[0].height) == pytest.approx((595.3, 841.9), abs=0.5)
    assert raw_dump(path) == raw_dump(rendered_copies[(0,)])
    assert model_dump(path) == model_dump(rendered_copies[(0,)])


def test_upright_pages_given_a_quarter_rotate_read_like_upright(rendered_copies, tmp_path):
    """A /Rotate 90 or 270 on pages whose content is upright shows them sideways: read turned back."""
    doc = pymupdf.open(rendered_copies[(0,)])
    for n, page in enumerate(doc):
        page.set_rotation((90, 270)[n % 2])
    path = save(doc, tmp_path / "sideways-rotate.pdf")
    with pymupdf.open(path) as doc:
        assert reading_turn(doc[0])[2] == 0 and reading_turn(doc[1])[2] == 0  # the two turns undo each other
        assert doc[0].rect.width > doc[0].rect.height  # the portrait page shown on its side
    assert raw_dump(path) == raw_dump(rendered_copies[(0,)])


def test_rendered_budget_turned_read_from_its_drawings(rendered_copies, monkeypatch):
    """A page whose vector blocks do not tell its rules is read from its drawings (`ruling_segments`),
    which come in the unrotated page's space too, and list a rectangle drawn turned (a shaded cell)
    as four lines: turned to the shown page, and a filled rectangle kept one area, they give the
    same rules as the upright page."""
    control = raw_dump(rendered_copies[(0,)])
    monkeypatch.setattr(pdf, "vector_segments", lambda blocks: None)
    assert raw_dump(rendered_copies[(0,)]) == control
    for rotations in ((90,), (90, 270, 0, 180)):
        assert raw_dump(rendered_copies[rotations]) == control


def test_filled_rectangle_drawn_as_four_lines_is_one_box():
    shade = {"type": "f", "fill": (0.9, 0.9, 0.9), "items": [
        ("l", (10.0, 20.0), (10.0, 80.0)), ("l", (10.0, 80.0), (200.0, 80.0)),
        ("l", (200.0, 80.0), (200.0, 20.0)), ("l", (200.0, 20.0), (10.0, 20.0))]}
    assert ruling_segments([shade]) == ([], [])  # an area, not four rules
    thin = {"type": "f", "fill": (0.0, 0.0, 0.0), "items": [
        ("l", (10.0, 20.0), (10.0, 20.5)), ("l", (10.0, 20.5), (200.0, 20.5)),
        ("l", (200.0, 20.5), (200.0, 20.0)), ("l", (200.0, 20.0), (10.0, 20.0))]}
    assert ruling_segments([thin]) == ([(20.25, 10.0, 200.0)], [])  # a rule
    stroked = dict(shade, type="s", color=(0.0, 0.0, 0.0))
    hs, vs = ruling_segments([stroked])  # drawn sides are rules
    assert sorted(h[0] for h in hs) == [20.0, 80.0] and sorted(v[0] for v in vs) == [10.0, 200.0]


def test_rendered_budget_turned_reads_the_tables(rendered_copies, rendered):
    """Not merely the same reading as the control: the right one (titles, columns, amounts)."""
    budget, _ = load_budget(rendered_copies[(90,)])
    upright, _ = load_budget(rendered)
    assert [t.label for t in budget.tables] == [t.label for t in upright.tables]
    summary = next(t for t in budget.tables if t.id == "income_expenditure_summary")
    assert summary.label == "表1 收支总表"
    totals = {c.measure: c.amount.value for r in summary.rows if r.name == "收入总计" for c in r.cells}
    assert totals and all(isinstance(v, Decimal) for v in totals.values() if v is not None)
    expected = {c.measure: c.amount.value for t in upright.tables if t.id == summary.id
                for r in t.rows if r.name == "收入总计" for c in r.cells}
    assert totals == expected
    # every amount's provenance lies on its page as shown (portrait or landscape)
    with pymupdf.open(rendered_copies[(90,)]) as doc:
        for table in budget.tables:
            for row in table.rows:
                for cell in row.cells:
                    src = cell.amount.source
                    if src is None or src.bbox is None:
                        continue
                    rect = doc[src.page - 1].rect
                    x0, y0, x1, y1 = src.bbox
                    assert -1 <= x0 <= x1 <= rect.width + 1 and -1 <= y0 <= y1 <= rect.height + 1


def test_debug_drawing_of_a_turned_page_matches_the_upright(rendered_copies):
    """`yusuan debug` draws a turned page upright, its grids and amounts where they are shown."""
    control = rendered_copies[(0,)]
    budget, _ = load_budget(control)
    page = next(c.amount.source.page for t in budget.tables for r in t.rows for c in r.cells
                if c.amount.source is not None and c.amount.source.page is not None)
    drawings = {}
    for rotations in ((0,), (90,), (180,), (270,), "sideways"):
        path = rendered_copies[rotations]
        budget, _ = load_budget(path)
        drawings[rotations] = draw_page(path, page, budget, pdf.read(path), dpi=50)
    base = drawings[(0,)]
    assert base.marks
    base_pix = pymupdf.Pixmap(base.png)
    for rotations, drawing in drawings.items():
        assert (drawing.width, drawing.height) == (base.width, base.height)
        assert [[round(x, 1) for x in g.xs] for g in drawing.grids] == [[round(x, 1) for x in g.xs] for g in base.grids]
        assert [tuple(round(v, 1) for v in m.box) for m in drawing.marks] == [tuple(round(v, 1) for v in m.box) for m in base.marks]
        pix = pymupdf.Pixmap(drawing.png)
        differing = sum(a != b for a, b in zip(pix.samples, base_pix.samples))
        assert differing < 0.01 * len(base_pix.samples), rotations


# --- sample budgets: a few pages each ---------------------------------------------------------

SAMPLE_PAGES = {
    # portrait narrative pages, then landscape and portrait table pages (1-based page numbers)
    "suzhou-sjj-2026-dept-budget.pdf": range(5, 22),
    "gz-tjj-2026-dept-budget.pdf": range(4, 14),
    "sh-putuo-wanli-2024-dept-budget.pdf": range(1, 12),
}


@pytest.mark.parametrize("name", list(SAMPLE_PAGES))
def test_sample_pages_turned_read_like_upright(name, tmp_path):
    src = pymupdf.open(sample(name))
    pages = [n - 1 for n in SAMPLE_PAGES[name]]
    control = save(turned(src, (0,), pages), tmp_path / "control.pdf")
    mixed = save(turned(src, (90, 180, 270, 0), pages), tmp_path / "mixed.pdf")
    sideways = save(turned(src, (270, 0, 90), pages, shown_upright=False), tmp_path / "sideways.pdf")
    src.close()
    expected = raw_dump(control)
    assert raw_dump(mixed) == expected
    assert raw_dump(sideways) == expected
    budget, findings = model_dump(mixed)
    assert (budget, findings) == model_dump(control)
    assert budget["tables"], name


def test_no_sample_page_is_taken_for_sideways():
    """Upright pages are read as stored: no page of the samples is turned (tables with narrow
    columns, headers printed vertically, one-character lines …)."""
    names = ["suzhou-sjj-2026-dept-budget.pdf", "gz-tjj-2026-dept-budget.pdf", "sh-putuo-wanli-2024-dept-budget.pdf",
             "bj-tjj-2026-dept-budget-tables.pdf", "shenzhen-tjj-2026-dept-budget.pdf"]
    for name in names:
        with pymupdf.open(sample(name)) as doc:
            assert [n for n, page in enumerate(doc, 1) if reading_turn(page) is not None] == [], name
