"""Renderers: each format prints the figures, merged headers, blanks and notes; round trips."""
from __future__ import annotations

import io
import re
from decimal import Decimal
from html.parser import HTMLParser

import openpyxl
import pymupdf
import pytest

from yusuan.model import Budget, NarrativeSection
from yusuan.render import render
from yusuan.render.document import build_document
from yusuan.render.grid import headers_from_paths, plain_rows, split_code

from .handmade import budget as handmade


@pytest.fixture(scope="module")
def small() -> Budget:
    return handmade()


@pytest.fixture(scope="module")
def wuhan() -> Budget:
    from conftest import sample
    from yusuan.api import load_budget
    budget, _ = load_budget(sample("wuhan-gxzx-2026-unit-budget.txt"))
    return budget


# --- the shared grid ------------------------------------------------------------------------

def test_header_paths_merge_groups_and_span_down():
    head = headers_from_paths([("科目编码",), ("合计",), ("基本支出", "小计"), ("基本支出", "人员经费"), ("项目支出",)])
    top, bottom = head
    assert [(c.text, c.colspan, c.rowspan) for c in top] == [
        ("科目编码", 1, 2), ("合计", 1, 2), ("基本支出", 2, 1), ("项目支出", 1, 2)]
    assert [c.text for c in bottom] == ["小计", "人员经费"]


def test_split_code():
    assert split_code("2080505", 3) == ["208", "05", "05"]
    assert split_code("20805", 3) == ["208", "05", ""]
    assert split_code("30101", 2) == ["301", "01"]


def test_two_sided_pairs_closing_lines_and_restores_numbering(small):
    doc = build_document(small)
    grid = next(t for t in doc.tables if t.table_id == "income_expenditure_summary").grid
    rows = list(plain_rows(grid))
    assert rows[0] == ["收入", "", "支出", ""]
    assert rows[2] == ["一、一般公共预算拨款收入", "778.64", "一、社会保障和就业支出", "80.63"]
    assert rows[3] == ["二、事业收入", "", "二、资源勘探工业信息等支出", "698.01"]  # blank stays blank
    assert rows[-1] == ["收入总计", "778.64", "支出总计", "778.64"]
    assert rows[-3] == ["本年收入合计", "778.64", "本年支出合计", "778.64"]


def test_basic_group_and_blank_cells(small):
    grid = next(t for t in build_document(small).tables if t.table_id == "general_budget_by_function").grid
    rows = list(plain_rows(grid))
    assert rows[0][:4] == ["科目编码", "科目名称", "合计", "基本支出"]
    assert rows[1][3:6] == ["小计", "人员经费", "公用经费"]
    assert rows[3] == ["208", "社会保障和就业支出", "80.63", "80.63", "80.63", "", ""]


def test_shanghai_layout_prints_yuan_with_separators_and_split_codes(small):
    doc = build_document(small, "shanghai_unit")
    block = next(t for t in doc.tables if t.table_id == "general_budget_by_function")
    assert block.label == "表5 一般公共预算支出功能分类预算表"
    assert block.unit_line == "单位：元"
    rows = list(plain_rows(block.grid))
    assert rows[0][0] == "项目" and rows[0][4] == "一般公共预算支出"
    assert rows[1][:4] == ["功能分类科目编码", "", "", "功能分类科目名称"]
    assert rows[2][:3] == ["类", "款", "项"]
    item = next(r for r in rows if r[2] == "05" and r[1] == "05")
    assert item[:4] == ["208", "05", "05", "机关事业单位基本养老保险缴费支出"]
    assert "806,300" in item
    three = next(t for t in doc.tables if t.table_id == "three_public")
    assert three.unit_line == "单位：万元"
    assert list(plain_rows(three.grid))[0][0] == "2026年“三公”经费预算数"


def test_without_narrative_the_layout_headings_are_printed_and_nothing_else(small):
    bare = small.model_copy(update={"narrative": ()})
    part3 = build_document(bare).parts[2]
    texts = [b.text for b in part3.blocks]
    assert texts[0] == "一、收支预算总体安排情况" and texts[-1] == "十一、其他重要事项的情况说明"
    assert len(texts) == 11


# --- formats ---------------------------------------------------------------------------------

class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.hrefs, self.tags, self.external = set(), [], [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a":
            self.hrefs.append(a.get("href"))
        if tag in ("link", "script", "img") and (a.get("href") or a.get("src")):
            self.external.append(a)


def test_html_is_self_contained_with_linked_contents(small):
    html = render(small, "html").decode("utf-8")
    parser = _Collect()
    parser.feed(html)
    assert parser.external == []
    assert parser.hrefs and all(h.startswith("#") and h[1:] in parser.ids for h in parser.hrefs)
    assert "@page" in html and "thead" in html
    assert parser.tags.count("table") == 5  # four tables and one performance form
    assert '<th colspan="3">基本支出</th>' in html
    assert "本年度没有政府性基金预算拨款支出。" in html
    assert "表5-1 一般公共预算支出表(分功能科目)" in html and "单位：万元" in html
    assert "&lt;p&gt;" not in html and "第二段理由。" in html


def test_pdf_has_cover_contents_pages_and_amounts(small):
    doc = pymupdf.open("pdf", render(small, "pdf"))
    cover = doc[0].get_text()
    assert "测试信息中心" in cover and "2026年单位预算" in cover
    assert "目" in doc[1].get_text() and doc[1].get_links()
    text = "".join(page.get_text() for page in doc)
    for needle in ("表1 收支总表", "表5-1 一般公共预算支出表(分功能科目)", "568.64", "516.98", "单位：万元",
                   "本年度没有政府性基金预算拨款支出。", "表12-1 项目支出绩效目标表", "名词解释"):
        assert needle in text
    assert "— 2 —" in doc[2].get_text()  # page numbers, the cover not counted
    assert [e[1] for e in doc.get_toc()][:1] == ["第一部分 测试信息中心概况"]
    fonts = {f[3] for page in doc for f in page.get_fonts()}
    assert any("Droid" in f or "CJK" in f or "Fallback" in f for f in fonts)  # glyphs, not boxes
    table_page = next(p for p in doc if "编制单位" in p.get_text() and "表5-1" in p.get_text())
    assert len(table_page.get_drawings()) > 20  # ruled grid


def test_pdf_long_table_repeats_its_header(wuhan):
    big = wuhan.model_copy(update={"tables": tuple(
        t.model_copy(update={"rows": t.rows * 6}) if t.id == "basic_by_economic" else t for t in wuhan.tables)})
    doc = pymupdf.open("pdf", render(big, "pdf"))
    pages = [p.get_text() for p in doc if re.search(r"^30[123]\d\d$", p.get_text(), re.M)]
    assert len(pages) >= 3
    assert all("本年一般公共预算基本支出" in p and "人员经费" in p for p in pages)


def test_xlsx_sheets_cells_merges_formats(small):
    wb = openpyxl.load_workbook(io.BytesIO(render(small, "xlsx")))
    assert wb.sheetnames[0] == "封面及目录"
    ws = wb["表5-1 一般公共预算支出表(分功能科目)"]
    assert all(len(name) <= 31 for name in wb.sheetnames)
    assert ws["A1"].value == "表5-1 一般公共预算支出表(分功能科目)"
    assert ws["G2"].value == "单位：万元"
    assert "D3:F3" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["D3"].value == "基本支出" and ws["D4"].value == "小计"
    assert ws["C5"].value == pytest.approx(778.64) and ws["C5"].number_format == "#,##0.00"
    assert ws["F6"].value is None  # blank, not 0.00
    assert ws.freeze_panes == "A5"
    assert ws.print_title_rows == "$3:$4"
    assert int(ws.page_setup.paperSize) == 9 and ws.sheet_properties.pageSetUpPr.fitToPage  # 9 = A4
    cover = wb["封面及目录"]
    links = [c.hyperlink.location for row in cover.iter_rows() for c in row if c.hyperlink]
    assert "'表5-1 一般公共预算支出表(分功能科目)'!A1" in links


def test_xlsx_shanghai_amounts_in_yuan():
    wb = openpyxl.load_workbook(io.BytesIO(render(handmade(), "xlsx", "shanghai_unit")))
    ws = wb["表5 一般公共预算支出功能分类预算表"]
    values = [c for row in ws.iter_rows() for c in row if c.value == 7786400]
    assert values and values[0].number_format == "#,##0"


def test_docx_tables_merges_header_rows_and_page_field(small):
    import docx
    d = docx.Document(io.BytesIO(render(small, "docx")))
    table = next(t for t in d.tables if t.cell(0, 0).text == "科目编码")
    assert [c.text for c in table.rows[0].cells][3:6] == ["基本支出"] * 3  # one merged cell
    assert table.cell(0, 3)._tc is table.cell(0, 5)._tc
    assert [c.text for c in table.rows[2].cells] == ["", "合计", "778.64", "568.64", "516.98", "51.66", "210.00"]
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    footer_xml = d.sections[0].footer._element.xml
    assert "PAGE" in footer_xml
    assert d.sections[0].page_width.mm == pytest.approx(210, abs=1)


# --- round trips: render → read → the same tables --------------------------------------------

def _rows(table):
    return [(r.code, r.name, r.item, r.side, r.level, r.texts, tuple((c.measure, c.amount.value) for c in r.cells))
            for r in table.rows]


@pytest.mark.parametrize("fmt", ["pdf", "xlsx", "docx"])
def test_round_trip_tables(wuhan, fmt, tmp_path):
    pytest.importorskip(f"yusuan.read.{fmt}")
    from yusuan.api import load_budget
    path = tmp_path / f"wuhan.{fmt}"
    path.write_bytes(render(wuhan, fmt))
    again, _ = load_budget(path)
    assert (again.unit.name, again.year, again.layout) == (wuhan.unit.name, wuhan.year, wuhan.layout)
    assert [t.id for t in again.tables] == [t.id for t in wuhan.tables]
    for table in wuhan.tables:
        assert _rows(again.table(table.id)) == _rows(table), table.id


def test_pdf_bytes_are_the_same_each_time(small):
    # No random /ID: one budget renders to one file, which a store keeps once (`make demo` ingests it).
    first, second = render(small, "pdf"), render(small, "pdf")
    assert first == second
    assert b"/ID" not in pymupdf.open(stream=first, filetype="pdf").pdf_trailer().encode()
