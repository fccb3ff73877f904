"""PDFs the tests draw themselves: units read from each table's "单位：" line (a document mixing 元 and
万元), and table titles that stand at the end of a page or come last in the page's text order."""
from __future__ import annotations

from decimal import Decimal

import pymupdf
import pytest
from test_read_pdf import FONT, draw_table

from yusuan.api import load_budget
from yusuan.model import AmountUnit

EXPENDITURE_TITLE = "2024年预算单位支出预算总表"
THREE_PUBLIC_TITLE = "2024年“三公”经费和机关运行经费预算表"
EXPENDITURE_ROWS = [
    ["项目", "", "", "", "支出预算", "", ""],
    ["类", "款", "项", "名称", "合计", "基本支出", "项目支出"],
    ["", "", "", "合计", "1,234,567.89", "1,000,000.00", "234,567.89"],
    ["208", "", "", "社会保障和就业支出", "1,234,567.89", "1,000,000.00", "234,567.89"],
    ["208", "05", "", "行政事业单位养老支出", "1,234,567.89", "1,000,000.00", "234,567.89"],
    ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "1,234,567.89", "1,000,000.00", "234,567.89"],
]
EXPENDITURE_MERGES = {(0, 0): (1, 4), (0, 4): (1, 3)}
THREE_PUBLIC_ROWS = [
    ["2024年“三公”经费预算数", "", "", "", "", "", "2024年机关运行经费预算数"],
    ["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", "", "", ""],
    ["", "", "", "小计", "购置费", "运行费", ""],
    ["6.4", "0", "0", "6.4", "", "6.4", "12.35"],
]
THREE_PUBLIC_MERGES = {(0, 0): (1, 6), (0, 6): (3, 1), (1, 0): (2, 1), (1, 1): (2, 1), (1, 2): (2, 1), (1, 3): (1, 3)}
WIDTHS_7 = [40, 40, 40, 220, 110, 110, 110]


def _cover(doc: pymupdf.Document) -> None:
    page = doc.new_page(width=842, height=595)
    page.insert_text((300, 200), "某某福利院2024年单位预算", fontname=FONT, fontsize=18)


def _title(page: pymupdf.Page, y: float, title: str, unit: str) -> None:
    page.insert_text((260, y), title, fontname=FONT, fontsize=13)
    page.insert_text((700, y + 22), f"单位：{unit}", fontname=FONT, fontsize=9)


def _three_public(doc: pymupdf.Document, unit: str) -> None:
    page = doc.new_page(width=842, height=595)
    _title(page, 50, THREE_PUBLIC_TITLE, unit)
    draw_table(page, 40, 90, [90, 100, 90, 90, 80, 80, 130], THREE_PUBLIC_ROWS, row_h=24, merges=THREE_PUBLIC_MERGES)


def _expenditure_page(doc: pymupdf.Document, *, title_last: bool) -> None:
    page = doc.new_page(width=842, height=595)
    if not title_last:
        _title(page, 50, EXPENDITURE_TITLE, "元")
    draw_table(page, 40, 90, WIDTHS_7, EXPENDITURE_ROWS, row_h=24, merges=EXPENDITURE_MERGES)
    if title_last:
        # Written after the table: first on the page, last in the content stream (and in get_text's order).
        _title(page, 50, EXPENDITURE_TITLE, "元")


def _load(doc: pymupdf.Document, tmp_path, name: str):
    path = tmp_path / name
    doc.save(path)
    return load_budget(path, layout="shanghai_unit")


def _check_expenditure(budget) -> None:
    table = budget.table("expenditure_summary")
    assert table is not None and table.title == EXPENDITURE_TITLE
    assert table.unit == AmountUnit.YUAN
    item = table.row(code="2080505")
    assert item.get("total").value == Decimal("1234567.89")
    assert item.get("total").unit == AmountUnit.YUAN and item.get("total").places == 2
    assert item.get("project").value == Decimal("234567.89")
    assert [row.code for row in table.rows if row.code] == ["208", "20805", "2080505"]


def test_one_document_mixes_yuan_and_wan_yuan(tmp_path):
    doc = pymupdf.open()
    _cover(doc)
    _expenditure_page(doc, title_last=False)
    _three_public(doc, "万元")
    budget, _ = _load(doc, tmp_path, "mixed.pdf")
    _check_expenditure(budget)
    three = budget.table("three_public")
    assert three.unit == AmountUnit.WAN
    row = three.rows[0]
    # 6.4 万元 = 64,000 元 exactly; the printed unit and places are remembered for display.
    assert row.get("three_public_total").value == Decimal("64000")
    assert row.get("three_public_total").unit == AmountUnit.WAN and row.get("three_public_total").places == 1
    assert row.get("gov_operation_cost").value == Decimal("123500")
    assert row.get("abroad").value == 0  # a printed zero is a cell …
    assert row.get("vehicle_purchase") is None  # … a blank is not


def test_the_unit_line_wins_over_the_layouts_usual_unit(tmp_path):
    # Shanghai usually prints this table in 万元; this document prints it in 元, and says so.
    doc = pymupdf.open()
    _cover(doc)
    _three_public(doc, "元")
    budget, _ = _load(doc, tmp_path, "yuan.pdf")
    three = budget.table("three_public")
    assert three.unit == AmountUnit.YUAN
    assert three.rows[0].get("three_public_total").value == Decimal("6.4")


def test_title_first_on_the_page_but_last_in_text_order(tmp_path):
    doc = pymupdf.open()
    _cover(doc)
    _expenditure_page(doc, title_last=True)
    _three_public(doc, "万元")
    with pymupdf.open(stream=doc.tobytes()) as check:
        plain = check[1].get_text()
    assert plain.rstrip().endswith("单位：元"), "the drawn page must put the title last in text order"
    budget, _ = _load(doc, tmp_path, "title-last.pdf")
    _check_expenditure(budget)
    assert budget.table("three_public").rows[0].get("abroad").value == 0


@pytest.mark.parametrize("with_unit_line", [True, False])
def test_title_at_the_foot_of_a_page_heads_the_table_on_the_next(tmp_path, with_unit_line):
    doc = pymupdf.open()
    _cover(doc)
    _three_public(doc, "万元")
    # The three-public page ends with the next table's title (and unit line); the table starts overleaf.
    page = doc[1]
    page.insert_text((260, 540), EXPENDITURE_TITLE, fontname=FONT, fontsize=13)
    if with_unit_line:
        page.insert_text((700, 562), "单位：元", fontname=FONT, fontsize=9)
    page = doc.new_page(width=842, height=595)
    draw_table(page, 40, 60, WIDTHS_7, EXPENDITURE_ROWS, row_h=24, merges=EXPENDITURE_MERGES)
    budget, findings = _load(doc, tmp_path, "title-at-foot.pdf")
    _check_expenditure(budget)
    assert budget.table("expenditure_summary").rows[0].source.page == 3
    assert budget.table("three_public").rows[0].get("three_public_total").value == Decimal("64000")
    assert not [f for f in findings if f.code in ("P001", "P002", "P003")]
