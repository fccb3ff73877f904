"""`yusuan debug FILE --page N -o page.png`: grids drawn, amounts filled with their measure's colour."""
from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest
from cli_util import run
from conftest import sample
from test_read_pdf import FONT, draw_table

from yusuan.api import load_budget, read_raw
from yusuan.render.debug_page import blended, draw_page, legend_height, measure_color

# Geometry of the generated table page (landscape A4), so the test knows where each cell is.
X0, Y0, ROW_H = 40.0, 90.0, 24.0
WIDTHS = [90, 220, 120, 120, 120]
XS = [X0 + sum(WIDTHS[:i]) for i in range(len(WIDTHS) + 1)]
ROWS = [
    ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
    ["", "合计", "130.00", "100.00", "30.00"],
    ["201", "一般公共服务支出", "130.00", "100.00", "30.00"],
    ["20105", "统计信息事务", "130.00", "100.00", "30.00"],
    ["2010501", "行政运行", "100.00", "100.00", ""],
    ["2010505", "专项统计业务", "30.00", "", "30.00"],
]
MEASURES = {2: "total", 3: "basic", 4: "project"}  # grid column → measure


def slot(r: int, c: int) -> tuple[float, float, float, float]:
    return XS[c], Y0 + r * ROW_H, XS[c + 1], Y0 + (r + 1) * ROW_H


@pytest.fixture
def budget_pdf(tmp_path) -> Path:
    doc = pymupdf.open()
    doc.new_page(width=595, height=842).insert_text((150, 200), "测试单位2026年单位预算", fontname=FONT, fontsize=20)
    page = doc.new_page(width=842, height=595)
    page.insert_text((330, 50), "表3 支出总表", fontname=FONT, fontsize=14)
    page.insert_text((40, 75), "单位名称：测试单位", fontname=FONT, fontsize=9)
    page.insert_text((740, 75), "单位：万元", fontname=FONT, fontsize=9)
    draw_table(page, X0, Y0, WIDTHS, ROWS, row_h=ROW_H)
    path = tmp_path / "budget.pdf"
    doc.save(path)
    return path


def share_of_color(pix: pymupdf.Pixmap, box, rgb, dpi: int, tol: int = 10) -> float:
    """Fraction of the pixels inside `box` (PDF points, shrunk by 2 pt off the rules) close to `rgb`."""
    scale = dpi / 72
    x0, y0, x1, y1 = (int((box[0] + 2) * scale), int((box[1] + 2) * scale),
                      int((box[2] - 2) * scale), int((box[3] - 2) * scale))
    hits = total = 0
    for y in range(y0, y1):
        for x in range(x0, x1):
            px = pix.pixel(x, y)
            total += 1
            hits += all(abs(a - b) <= tol for a, b in zip(px, rgb))
    return hits / total


def test_cells_are_filled_with_their_measure_colour(budget_pdf):
    budget, _ = load_budget(budget_pdf)
    raw = read_raw(budget_pdf)
    dpi = 72
    drawing = draw_page(budget_pdf, 2, budget, raw, dpi=dpi)
    pix = pymupdf.Pixmap(drawing.png)
    # Every printed amount of the table, and nothing else, was placed: 5 rows, 13 non-blank amounts.
    assert len(drawing.marks) == 13
    assert {m.measure for m in drawing.marks} == set(MEASURES.values())
    assert len(drawing.grids) == 1 and drawing.grids[0].n_rows == len(ROWS) and drawing.grids[0].n_cols == 5
    assert len(set(drawing.colors.values())) == 3  # three measures, three colours
    for measure, color in drawing.colors.items():
        assert color == measure_color(measure)
    for r in range(2, len(ROWS)):  # rows below the first (whose slot carries labels)
        for c, measure in MEASURES.items():
            share = share_of_color(pix, slot(r, c), blended(drawing.colors[measure]), dpi)
            if ROWS[r][c]:
                # The fill shows everywhere except under the digits and the row label.
                assert share > 0.6, (r, c, measure, share)
            else:  # a blank cell is not an amount: it stays paper white
                assert share == 0.0, (r, c, measure, share)
                assert share_of_color(pix, slot(r, c), (255, 255, 255), dpi) > 0.95
        # Code and name cells are not amounts.
        for c in (0, 1):
            assert share_of_color(pix, slot(r, c), blended(drawing.colors["total"]), dpi) == 0.0


def test_without_a_budget_only_the_grid_is_drawn(budget_pdf):
    drawing = draw_page(budget_pdf, 2, None, None, dpi=72)
    pix = pymupdf.Pixmap(drawing.png)
    assert drawing.marks == []
    assert share_of_color(pix, slot(3, 2), blended(measure_color("total")), 72) == 0.0


def test_debug_command_writes_png_of_the_page_and_legend(budget_pdf, tmp_path):
    out = tmp_path / "page.png"
    result = run("debug", budget_pdf, "--page", "2", "-o", out, "--dpi", "100")
    assert result.code == 0, result.err
    assert "第 2 页" in result.out and "读入金额 13 个" in result.out and "支出总表" in result.out
    pix = pymupdf.Pixmap(str(out))
    # Width is the page's at 100 dpi; height adds the legend strip of three measures under it.
    assert pix.width == pytest.approx(842 * 100 / 72, abs=1)
    assert pix.height == pytest.approx((595 + legend_height(3)) * 100 / 72, abs=1)
    assert share_of_color(pix, slot(4, 3), blended(measure_color("basic")), 100) > 0.6


def test_debug_rejects_non_pdf_and_pages_out_of_range(budget_pdf, tmp_path):
    out = tmp_path / "page.png"
    text = tmp_path / "budget.txt"
    text.write_text("表3 支出总表\n", encoding="utf-8")
    result = run("debug", text, "--page", "1", "-o", out)
    assert result.code == 2 and "只支持 PDF" in result.err and "Traceback" not in result.err
    for page in ("0", "3"):
        result = run("debug", budget_pdf, "--page", page, "-o", out)
        assert result.code == 2, page
        assert f"没有第 {page} 页（文件共 2 页）" in result.err
    result = run("debug", tmp_path / "missing.pdf", "--page", "1", "-o", out)
    assert result.code == 2 and "不存在" in result.err
    assert not out.exists()


def test_real_sample_page(tmp_path):
    path = sample("gz-tjj-2026-dept-budget.pdf")
    budget, _ = load_budget(path)
    table = next(t for t in budget.tables if t.id == "expenditure_summary")
    row = table.row(code="2010507")
    cell = next(c for c in row.cells if c.measure == "project")
    src = cell.amount.source
    assert cell.amount.display() == "611.02"  # 专项普查活动, 项目支出, as printed on the page
    dpi = 100
    out = tmp_path / "gz.png"
    result = run("debug", path, "--page", src.page, "-o", out, "--dpi", dpi)
    assert result.code == 0, result.err
    pix = pymupdf.Pixmap(str(out))
    page = pymupdf.open(path)[src.page - 1]
    assert pix.width == pytest.approx(page.rect.width * dpi / 72, abs=1)
    # Around the printed figure (its text box grown to the cell), the project colour shows.
    x0, y0, x1, y1 = src.bbox
    box = (x0 - 20, y0 - 1, x0 - 2 + 4, y1 + 1)  # left of the digits, inside the same cell
    assert share_of_color(pix, box, blended(measure_color("project")), dpi, tol=12) > 0.5


def test_a_table_without_rules_is_drawn_and_counted(tmp_path):
    from test_read_pdf_unruled import draw_unruled
    doc = pymupdf.open()
    doc.new_page(width=595, height=842).insert_text((150, 200), "测试单位2026年单位预算", fontname=FONT, fontsize=20)
    page = doc.new_page(width=842, height=595)
    page.insert_text((330, 50), "表3 支出总表", fontname=FONT, fontsize=14)
    page.insert_text((740, 75), "单位：万元", fontname=FONT, fontsize=9)
    draw_unruled(page, X0, Y0, WIDTHS, ROWS, align="llrrr", row_h=ROW_H)
    path = tmp_path / "unruled.pdf"
    doc.save(path)
    drawing = draw_page(path, 2, *load_budget(path)[:1], read_raw(path), dpi=72)
    assert drawing.grids == [] and len(drawing.unruled) == 1
    printed = sum(1 for row in ROWS for text in row if text)
    assert len(drawing.unruled[0]) == printed  # one box per printed cell, blanks have none
    assert len(drawing.marks) == 13
    out = tmp_path / "page.png"
    result = run("debug", path, "--page", "2", "-o", out)
    assert result.code == 0, result.err
    assert "识别出表格 1 个（其中无框线 1 个）" in result.out and "读入金额 13 个" in result.out
