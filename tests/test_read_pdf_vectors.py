"""Ruling lines read from the text page's vector blocks (read/pdf_grid.vector_segments)."""
from yusuan.pdflib import pymupdf
from yusuan.read.pdf_grid import find_grids, vector_segments


def _segments(draw):
    doc = pymupdf.open()
    page = doc.new_page(width=400, height=400)
    draw(page)
    textpage = page.get_textpage(flags=pymupdf.TEXTFLAGS_WORDS | pymupdf.TEXT_COLLECT_VECTORS)
    return vector_segments(textpage.extractBLOCKS())


def test_a_grid_stroked_as_one_path_gives_every_rule_at_its_middle():
    def draw(page):
        shape = page.new_shape()
        for y in (100, 120, 140):
            shape.draw_line((50, y), (300, y))
        for x in (50, 150, 300):
            shape.draw_line((x, 100), (x, 140))
        shape.finish(color=(0, 0, 0), width=0.5)
        shape.commit()

    hs, vs = _segments(draw)
    assert sorted(round(h[0], 3) for h in hs) == [100, 120, 140]
    assert sorted(round(v[0], 3) for v in vs) == [50, 150, 300]
    (grid,) = find_grids(hs, vs)
    assert (grid.n_rows, grid.n_cols) == (2, 2)


def test_thin_filled_rectangles_are_rules_white_ones_are_not():
    def draw(page):
        page.draw_rect(pymupdf.Rect(50, 100, 300, 100.6), color=None, fill=(0, 0, 0))
        page.draw_rect(pymupdf.Rect(50, 200, 300, 200.6), color=None, fill=(1, 1, 1))
        page.draw_rect(pymupdf.Rect(80, 100, 80.6, 180), color=None, fill=(0.2, 0.2, 0.2))

    hs, vs = _segments(draw)
    assert [(round(y, 2), x0, x1) for y, x0, x1 in hs] == [(100.3, 50, 300)]
    assert [(round(x, 2), y0, y1) for x, y0, y1 in vs] == [(80.3, 100, 180)]


def test_a_stroked_box_stands_for_its_four_sides_a_filled_one_for_none():
    def draw(page):
        page.draw_rect(pymupdf.Rect(50, 50, 250, 150), color=(0, 0, 0), width=0.5)
        page.draw_rect(pymupdf.Rect(50, 250, 250, 350), color=None, fill=(0.9, 0.9, 0.9))

    hs, vs = _segments(draw)
    assert len(hs) == 2 and len(vs) == 2
    assert all(abs(y - want) <= 0.5 for (y, _, _), want in zip(sorted(hs), (50, 150)))
    assert all(abs(x - want) <= 0.5 for (x, _, _), want in zip(sorted(vs), (50, 250)))


def test_a_path_its_box_does_not_describe_is_not_guessed():
    # A merged header cell's bottom rule drawn on into its neighbours' (as tests/test_read_pdf.py's
    # draw_table does), once saved, comes back as one block whose box the joins swell to 46 pt high:
    # the reader must read such a page's drawings path by path (read/pdf.py falls back to get_cdrawings).
    from test_read_pdf import draw_table

    doc = pymupdf.open()
    rows = [["科目编码", "科目名称", "合计", "本年支出", "", ""], ["", "", "", "基本支出", "项目支出", "经营支出"],
            ["208", "社会保障和就业支出", "1,080.63", "1,080.63", "", "0.00"]]
    merges = {(0, 0): (2, 1), (0, 1): (2, 1), (0, 2): (2, 1), (0, 3): (1, 3)}
    draw_table(doc.new_page(width=842, height=595), 40, 90, [70, 160, 80, 80, 80, 80], rows, row_h=26, merges=merges)
    page = pymupdf.open(stream=doc.tobytes())[0]
    textpage = page.get_textpage(flags=pymupdf.TEXTFLAGS_WORDS | pymupdf.TEXT_COLLECT_VECTORS)
    assert vector_segments(textpage.extractBLOCKS()) is None


def test_a_block_description_not_understood_is_not_guessed():
    # The rules come from the text MuPDF writes for each vector block; should that text change,
    # the page is read from its drawings instead of being read wrong.
    blocks = [(50.0, 100.0, 300.0, 100.5, "\n<vector stroked, alpha: 255>\n", 0, 3)]
    assert vector_segments(blocks) is None
    described = [(50.0, 100.0, 300.0, 100.5, "\n<vector stroked, color: #000000, alpha: 255, is-rect: true, continues: false>\n", 0, 3)]
    assert vector_segments(described) == ([(100.25, 50.0, 300.0)], [])
