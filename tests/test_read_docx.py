"""DOCX reader: documents written by the tests themselves with python-docx.

The budget document has a cover line, part headings, an overview sentence, table 3 (its title as a
row merged across the table), table 5-1 (a two-line header merged horizontally and vertically),
and narrative paragraphs — the prose is written for the test.
"""
from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook

from yusuan.api import load_budget, read_raw
from yusuan.read.raw import RawDocument, RawLine, UnreadableError

WAN = Decimal(10000)
UNIT = "武汉市工业信息化中心"


def _fill(table, r: int, values: list[str | None]) -> None:
    for c, value in enumerate(values):
        if value is not None:
            table.cell(r, c).text = value


def build_budget_document(path: Path) -> Path:
    doc = Document()
    doc.add_paragraph(f"{UNIT}2026年单位预算")
    doc.add_paragraph("目录")
    doc.add_paragraph(f"第一部分 {UNIT}概况")
    doc.add_paragraph(f"第二部分 {UNIT}2026年单位预算表")
    doc.add_paragraph(f"第一部分 {UNIT}概况")
    doc.add_paragraph("本中心承担工业和信息化领域的技术服务工作。")
    doc.add_paragraph("")  # an empty paragraph still counts in line numbers
    doc.add_paragraph(f"第二部分 {UNIT}2026年单位预算表")

    doc.add_paragraph("表3")
    # Table 3: the title and the unit are rows of the table, merged across all columns.
    t3 = doc.add_table(rows=6, cols=5)
    t3.cell(0, 0).merge(t3.cell(0, 4)).text = "支出总表"
    t3.cell(1, 0).merge(t3.cell(1, 4)).text = "单位：万元"
    _fill(t3, 2, ["科目编码", "科目名称", "合计", "基本支出", "项目支出"])
    _fill(t3, 3, [None, "合计", "778.64", "568.64", "210.00"])
    _fill(t3, 4, ["208", "社会保障和就业支出", "80.63", "80.63", None])
    _fill(t3, 5, ["2080505", "机关事业单位基本养老\n保险缴费支出", "1,234.50", "1,234.50", None])

    doc.add_paragraph("表5-1")
    doc.add_paragraph("一般公共预算支出表(分功能科目)")
    doc.add_paragraph("单位：万元")
    t5 = doc.add_table(rows=5, cols=7)
    for name, (r0, c0, r1, c1) in {"科目编码": (0, 0, 1, 0), "科目名称": (0, 1, 1, 1), "合计": (0, 2, 1, 2),
                                   "基本支出": (0, 3, 0, 5), "项目支出": (0, 6, 1, 6)}.items():
        t5.cell(r0, c0).merge(t5.cell(r1, c1)).text = name
    _fill(t5, 1, [None, None, None, "小计", "人员经费", "公用经费", None])
    _fill(t5, 2, [None, "合计", "778.64", "568.64", "516.98", "51.66", "210.00"])
    _fill(t5, 3, ["208", "社会保障和就业支出", "80.63", "80.63", "80.63", None, None])
    _fill(t5, 4, ["215", "资源勘探工业信息等支出", "595.99", "385.99", "334.33", "51.66", "210.00"])

    doc.add_paragraph(f"第三部分 {UNIT}2026年单位预算情况说明")
    doc.add_paragraph("一、收支预算总体安排情况")
    doc.add_paragraph("本年度收入与支出均按照量入为出的原则编列。")
    doc.save(path)
    return path


@pytest.fixture
def budget_docx(tmp_path: Path) -> Path:
    return build_budget_document(tmp_path / "unit-budget.docx")


def _line(raw: RawDocument, line_no: int) -> RawLine:
    return next(line for line in raw.lines() if line.line_no == line_no)


def test_body_in_order_paragraphs_and_tables(budget_docx):
    raw = read_raw(budget_docx)
    assert raw.format == "docx" and len(raw.pages) == 1
    lines = list(raw.lines())
    assert lines[0].texts == (f"{UNIT}2026年单位预算",) and lines[0].line_no == 1 and not lines[0].is_table_row
    assert all(line.page is None for line in lines)
    numbers = [line.line_no for line in lines]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    assert 7 not in numbers  # the empty paragraph: counted, not emitted
    # the order: 表3 paragraph, then the rows of its table, then 表5-1
    texts = [line.text for line in lines]
    assert texts.index("表3") < texts.index("支出总表") < texts.index("表5-1") < texts.index("小计人员经费公用经费")


def test_merged_title_rows_are_text_lines(budget_docx):
    raw = read_raw(budget_docx)
    title, unit = _line(raw, 10), _line(raw, 11)
    assert (title.is_table_row, title.texts) == (False, ("支出总表",))
    assert (unit.is_table_row, unit.texts) == (False, ("单位：万元",))
    header = _line(raw, 12)
    assert header.is_table_row and header.texts == ("科目编码", "科目名称", "合计", "基本支出", "项目支出")


def test_table_rows_keep_columns_and_blanks(budget_docx):
    raw = read_raw(budget_docx)
    total = _line(raw, 13)
    assert [(c.text, c.col) for c in total.cells] == [("", 0), ("合计", 1), ("778.64", 2), ("568.64", 3),
                                                      ("210.00", 4)]
    wrapped = _line(raw, 15)
    assert wrapped.texts[1] == "机关事业单位基本养老保险缴费支出"  # two paragraphs in a cell joined
    assert wrapped.texts[2] == "1,234.50" and wrapped.texts[4] == ""


def test_merged_header_value_at_first_column(budget_docx):
    raw = read_raw(budget_docx)
    first, second = _line(raw, 19), _line(raw, 20)
    assert first.texts == ("科目编码", "科目名称", "合计", "基本支出", "", "", "项目支出")
    assert [c.col for c in first.cells] == list(range(7))
    # vertical merges: the text sits in the top row only
    assert second.texts == ("", "", "", "小计", "人员经费", "公用经费", "")


def test_load_budget_tables(budget_docx):
    budget, findings = load_budget(budget_docx)
    assert budget.layout == "wuhan_unit" and budget.year == 2026
    tables = {t.id: t for t in budget.tables}
    t3 = tables["expenditure_summary"]
    assert t3.number == "3" and t3.title == "支出总表"
    assert t3.total_row().value("total") == Decimal("778.64") * WAN
    assert t3.row(code="208").get("project") is None  # blank, not zero
    r = t3.row(code="2080505")
    assert r.name == "机关事业单位基本养老保险缴费支出" and r.value("basic") == Decimal("1234.50") * WAN
    assert r.cells[0].amount.source.line == 15 and r.cells[0].amount.source.column == 2
    t5 = tables["general_budget_by_function"]
    assert t5.row(code="208").value("personnel") == Decimal("80.63") * WAN
    assert t5.row(code="208").get("public") is None
    assert t5.row(code="215").value("public") == Decimal("51.66") * WAN
    assert t5.total_row().value("project") == Decimal("210.00") * WAN
    assert budget.narrative  # part 3 read from the paragraphs after the tables
    assert not [f for f in findings if f.code in {"P002", "P003"}]


# ---------------------------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------------------------
def _unreadable(path: Path) -> str:
    with pytest.raises(UnreadableError) as err:
        read_raw(path)
    assert str(path) in err.value.message
    return err.value.message


def test_corrupt_bytes(tmp_path):
    path = tmp_path / "bad.docx"
    path.write_bytes(bytes(range(256)) * 4)
    assert "不是有效的 Word 文件" in _unreadable(path)


def test_text_file_named_docx(tmp_path):
    path = tmp_path / "notes.docx"
    path.write_text("这是一个文本文件。\n", encoding="utf-8")
    assert "不是有效的 Word 文件" in _unreadable(path)


def test_truncated_document(tmp_path, budget_docx):
    data = budget_docx.read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) * 2 // 3])
    assert "不完整或已损坏" in _unreadable(path)


def test_workbook_named_docx(tmp_path):
    path = tmp_path / "table.docx"
    wb = Workbook()
    wb.active["A1"] = "表3"
    wb.save(path)
    assert "不是有效的 Word 文档" in _unreadable(path)


def test_zip_without_document_part(tmp_path):
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "x")
    assert "不是有效的 Word 文档" in _unreadable(path)


def test_encrypted_or_legacy_file(tmp_path):
    path = tmp_path / "locked.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048)
    assert "文件已加密或为旧版 Office 格式" in _unreadable(path)


def test_document_without_text(tmp_path):
    path = tmp_path / "blank.docx"
    doc = Document()
    doc.add_paragraph("")
    doc.add_table(rows=2, cols=2)
    doc.save(path)
    assert "没有任何文字内容" in _unreadable(path)


def test_grid_before_and_stale_text_in_vertical_merge(tmp_path):
    """Columns follow the layout grid: a row starting late (w:gridBefore) keeps its cells in their
    columns, and text left inside a continued vertical merge is not read twice."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = Document()
    doc.add_paragraph("表3")
    table = doc.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "科目编码"
    _fill(table, 0, [None, "科目名称", "合计"])
    continued = table._tbl.tr_lst[1].tc_lst[0]
    continued.p_lst[0].add_r().text = "残留"  # Word would never show this text
    _fill(table, 1, [None, "社会保障和就业支出", "80.63"])
    # Row 3: drop its first cell and declare one skipped grid column instead.
    tr = table._tbl.tr_lst[2]
    tr.remove(tr.tc_lst[0])
    tr_pr = tr.get_or_add_trPr()
    before = OxmlElement("w:gridBefore")
    before.set(qn("w:val"), "1")
    tr_pr.append(before)
    tr.tc_lst[0].p_lst[0].add_r().text = "卫生健康支出"
    tr.tc_lst[1].p_lst[0].add_r().text = "51.90"
    path = tmp_path / "grid.docx"
    doc.save(path)
    lines = [line for line in read_raw(path).lines() if line.is_table_row]
    assert [line.texts for line in lines] == [("科目编码", "科目名称", "合计"), ("", "社会保障和就业支出", "80.63"),
                                              ("", "卫生健康支出", "51.90")]
    assert [c.col for c in lines[2].cells] == [0, 1, 2]
