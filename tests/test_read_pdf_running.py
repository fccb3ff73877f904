"""PDF reader: a running head or foot repeated on most pages is not content."""
from __future__ import annotations

import pymupdf

from yusuan.read.pdf import read


def _pdf(path, pages: int, head: str | None, foot: str | None, body: list[str]) -> None:
    doc = pymupdf.open()
    for n in range(pages):
        page = doc.new_page(width=595, height=842)
        if head:
            page.insert_text((60, 40), head, fontname="china-s", fontsize=9)
        if foot:
            page.insert_text((60, 820), foot, fontname="china-s", fontsize=9)
        page.insert_text((60, 120), body[n], fontname="china-s", fontsize=12)
    doc.save(path)


def _texts(raw):
    return [line.text for line in raw.lines()]


def test_running_head_and_foot_are_dropped(tmp_path):
    body = ["正文第一页", "正文第二页", "正文第三页", "正文第四页"]
    path = tmp_path / "running.pdf"
    _pdf(path, 4, "测试单位2026年单位预算", "测试单位 编印", body)
    assert _texts(read(path)) == body


def test_a_line_on_too_few_pages_stays(tmp_path):
    # Two pages with the same first line are not "most pages" of a two-page file (3 at least).
    path = tmp_path / "two.pdf"
    _pdf(path, 2, "测试单位2026年单位预算", None, ["正文一", "正文二"])
    assert _texts(read(path)) == ["测试单位2026年单位预算", "正文一", "测试单位2026年单位预算", "正文二"]


def test_same_text_at_another_height_stays(tmp_path):
    # A heading repeated lower on the page is body text, not a running head.
    path = tmp_path / "body.pdf"
    doc = pymupdf.open()
    for n in range(4):
        page = doc.new_page(width=595, height=842)
        page.insert_text((60, 200), "单位：万元", fontname="china-s", fontsize=12)
        page.insert_text((60, 240), f"第{n + 1}段", fontname="china-s", fontsize=12)
    doc.save(path)
    assert _texts(read(path)).count("单位：万元") == 4


# --- a table continued on the next page with other column rules ---------------------------------

from yusuan.read.pdf import align_continued_grids  # noqa: E402
from yusuan.read.raw import RawCell, RawLine, RawPage  # noqa: E402


def _row(page: int, xs: list[float], y: float, texts: list[str]) -> RawLine:
    cells = tuple(RawCell(t, col=c, bbox=(xs[c], y, xs[c + 1], y + 10)) for c, t in enumerate(texts))
    return RawLine(cells=cells, page=page, bbox=(xs[0], y, xs[-1], y + 10), is_table_row=True)


def test_continued_grid_rows_share_the_union_of_column_rules():
    upper = [50.0, 150.0, 300.0, 400.0]  # page 1: no rule at 220
    lower = [50.0, 150.0, 220.0, 300.0, 400.0]  # page 2: its indicator rows add one
    page1 = RawPage(1, (_row(1, upper, 100, ["项目活动", "支出经济分类", "金额"]),
                        _row(1, upper, 110, ["产业信息收集", "委托业务费", "10"])), 595, 842)
    page2 = RawPage(2, (_row(2, lower, 60, ["信息安全", "委托业务费", "", "20"]),), 595, 842)
    out = align_continued_grids([page1, page2], [[upper], [lower]])
    header, first = out[0].lines
    (second,) = out[1].lines
    # header and rows agree: 金额 is column 3 on both pages, the added rule reads as a merged slot
    assert [(c.col, c.text) for c in header.cells] == [(0, "项目活动"), (1, "支出经济分类"), (2, ""), (3, "金额")]
    assert [(c.col, c.text) for c in first.cells if c.text] == [(0, "产业信息收集"), (1, "委托业务费"), (3, "10")]
    assert [(c.col, c.text) for c in second.cells if c.text] == [(0, "信息安全"), (1, "委托业务费"), (3, "20")]


def test_grids_of_another_width_are_left_alone():
    page1 = RawPage(1, (_row(1, [50.0, 150.0, 400.0], 100, ["甲", "1"]),), 595, 842)
    page2 = RawPage(2, (_row(2, [50.0, 100.0, 150.0, 300.0], 60, ["乙", "", "2"]),), 595, 842)
    out = align_continued_grids([page1, page2], [[[50.0, 150.0, 400.0]], [[50.0, 100.0, 150.0, 300.0]]])
    assert out == [page1, page2]
