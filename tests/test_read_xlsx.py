"""XLSX reader: workbooks written by the tests themselves (no real Excel sample exists).

The budget workbook holds a small unit budget with the Wuhan figures: a cover sheet, one table per
sheet (表1, 表3, 表5-1 named by the sheet only), two tables on one sheet separated by a blank row
(表6 and 表7), merged two-line headers, floats with '#,##0.00', amounts typed as text, a formula
never calculated, a hidden row and a hidden sheet.
"""
from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from yusuan.api import load_budget, read_raw
from yusuan.read.number_format import format_number
from yusuan.read.raw import RawDocument, RawLine, UnreadableError
from yusuan.read.xlsx import cell_name, describe

MONEY = "#,##0.00"
WAN = Decimal(10000)


def _put(ws, row: int, values: list, fmt: str = MONEY, start_col: int = 1) -> None:
    for offset, value in enumerate(values):
        if value is None:
            continue
        cell = ws.cell(row=row, column=start_col + offset, value=value)
        if isinstance(value, (int, float)):
            cell.number_format = fmt


def _title(ws, row: int, text: str, width: int) -> None:
    ws.cell(row=row, column=1, value=text)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def build_budget_workbook(path: Path) -> Path:
    wb = Workbook()
    cover = wb.active
    cover.title = "封面"
    cover["A1"] = "武汉市工业信息化中心2026年单位预算"

    # 表1: sheet named with number and title; title merged across; two-sided header merged.
    t1 = wb.create_sheet("表1 收支总表")
    _title(t1, 1, "收支总表", 4)
    t1["A2"], t1["D2"] = "单位：武汉市工业信息化中心", "单位：万元"
    t1["A3"], t1["C3"] = "收 入", "支 出"
    t1.merge_cells("A3:B3")
    t1.merge_cells("C3:D3")
    _put(t1, 4, ["项 目", "预算数", "项 目", "预算数"])
    _put(t1, 5, ["一、一般公共预算拨款收入", 778.64, "一、社会保障和就业支出", 80.63])
    _put(t1, 6, ["二、政府性基金预算拨款收入", None, "二、卫生健康支出", 51.90])
    _put(t1, 7, [None, None, "三、资源勘探工业信息等支出", 595.99])
    _put(t1, 8, [None, None, "四、住房保障支出", 50.12])
    _put(t1, 9, [None, None, "五、农林水支出", None])  # only the right-hand item printed
    _put(t1, 10, ["本年收入合计", 778.64, "本年支出合计", 778.64])
    _put(t1, 11, ["收 入 总 计", 778.64, "支 出 总 计", 778.64])

    # 表3: sheet named by number only, title in row 1 (not merged), one-line header, a hidden row.
    t3 = wb.create_sheet("表3")
    t3["A1"] = "支出总表"
    t3["H2"] = "单位：万元"
    _put(t3, 3, ["科目编码", "科目名称", "合计", "基本支出", "项目支出", "事业单位\n经营支出", "上缴上级支出",
                 "对附属单位补助支出"])
    _put(t3, 4, [None, "合计", 778.64, 568.64, 210.0])
    _put(t3, 5, ["208", "社会保障和就业支出", 80.63, 80.63])
    _put(t3, 6, ["20805", "行政事业单位养老支出", 78.43, 78.43])
    _put(t3, 7, ["2080505", "机关事业单位基本养老保险缴费支出", "31.50", "31.50"])  # amounts typed as text
    _put(t3, 8, ["2080599", "草稿行", 999.0, 999.0])
    t3.row_dimensions[8].hidden = True
    _put(t3, 9, ["215", "资源勘探工业信息等支出", 595.99, 385.99, 210])
    _put(t3, 10, ["2150899", "其他支持中小企业发展和管理支出", 0.1 + 0.2, 0.30000000000000004])

    # 表5-1: no title rows at all — the heading comes from the sheet name; header merged over 2 rows.
    t5 = wb.create_sheet("表5-1 一般公共预算支出表(分功能科目)")
    _put(t5, 1, ["科目编码", "科目名称", "合计", "基本支出", None, None, "项目支出"])
    _put(t5, 2, [None, None, None, "小计", "人员经费", "公用经费"])
    for rng in ("A1:A2", "B1:B2", "C1:C2", "D1:F1", "G1:G2"):
        t5.merge_cells(rng)
    _put(t5, 3, [None, "合计", 778.64, 568.64, 516.98, 51.66, 210.00])
    _put(t5, 4, ["208", "社会保障和就业支出", 80.63, 80.63, 80.63, None, None])
    _put(t5, 5, ["215", "资源勘探工业信息等支出", 595.99, 385.99, 334.33, 51.66, 210.00])

    # 表6 and 表7 on one sheet, separated by a blank row, each with its own title rows.
    t67 = wb.create_sheet("基本支出与三公")
    t67["A1"] = "表6"
    _title(t67, 2, "一般公共预算基本支出表", 5)
    t67["E3"] = "单位：万元"
    _put(t67, 4, ["部门预算支出经济分类科目", None, "本年一般公共预算基本支出"])
    t67.merge_cells("A4:B4")
    t67.merge_cells("C4:E4")
    _put(t67, 5, ["科目编码", "科目名称", "合计", "人员经费", "公用经费"])
    _put(t67, 6, [None, "合计", 568.64, 516.98, 51.66])
    _put(t67, 7, ["301", "工资福利支出", 476.80, 476.80, None])
    _put(t67, 8, ["30226", "劳务费", None, None, None])
    _put(t67, 9, ["302", "商品和服务支出", 51.66, None, 51.66])
    # row 10 blank
    t67["A11"] = "表7"
    _title(t67, 12, "一般公共预算“三公”经费支出表", 6)
    t67["F13"] = "单位：万元"
    _put(t67, 14, ["“三公”经费合计", "因公出国（境）费", "公务用车购置及运行费", None, None, "公务接待费"])
    _put(t67, 15, [None, None, "小计", "公务用车购置费", "公务用车运行费", None])
    for rng in ("A14:A15", "B14:B15", "C14:E14", "F14:F15"):
        t67.merge_cells(rng)
    _put(t67, 16, [3.0, None, None, None, 3.0, None])
    t67["C16"] = "=D16+E16"  # written by a program: no cached value until Excel recalculates
    t67["C16"].number_format = MONEY

    hidden = wb.create_sheet("草稿")
    hidden["A1"] = "表9"
    hidden["A2"] = 123.45
    hidden.sheet_state = "hidden"
    wb.save(path)
    return path


@pytest.fixture
def budget_xlsx(tmp_path: Path) -> Path:
    return build_budget_workbook(tmp_path / "unit-budget.xlsx")


def _line(raw: RawDocument, page: int, line_no: int) -> RawLine:
    return next(line for line in raw.lines() if line.page == page and line.line_no == line_no)


# ---------------------------------------------------------------------------------------------
# RawDocument structure
# ---------------------------------------------------------------------------------------------
def test_pages_are_visible_sheets_with_names(budget_xlsx):
    raw = read_raw(budget_xlsx)
    assert raw.format == "xlsx"
    assert [(p.number, p.sheet) for p in raw.pages] == [
        (1, "封面"), (2, "表1 收支总表"), (3, "表3"), (4, "表5-1 一般公共预算支出表(分功能科目)"), (5, "基本支出与三公")]
    assert all(line.page == page.number for page in raw.pages for line in page.lines)
    assert any("草稿" in note and "隐藏工作表" in note for note in raw.notes)


def test_titles_are_single_cell_lines_and_rows_are_grid_lines(budget_xlsx):
    raw = read_raw(budget_xlsx)
    title = _line(raw, 2, 1)
    assert not title.is_table_row and title.texts == ("收支总表",)
    unit = _line(raw, 2, 2)  # two filled cells: a grid line the extractor recognises as meta
    assert unit.is_table_row and unit.texts == ("单位：武汉市工业信息化中心", "", "", "单位：万元")
    merged = _line(raw, 2, 3)
    assert merged.is_table_row
    assert [(c.text, c.col) for c in merged.cells] == [("收 入", 0), ("", 1), ("支 出", 2), ("", 3)]
    right_only = _line(raw, 2, 9)
    assert right_only.is_table_row and right_only.texts == ("", "", "五、农林水支出", "")


def test_numbers_print_with_their_format_decimals(budget_xlsx):
    raw = read_raw(budget_xlsx)
    total = _line(raw, 3, 4)
    assert total.texts == ("", "合计", "778.64", "568.64", "210.00", "", "", "")
    assert [c.col for c in total.cells] == list(range(8))
    assert _line(raw, 3, 7).texts[2:4] == ("31.50", "31.50")  # text cells stay as typed
    assert _line(raw, 3, 10).texts[2:4] == ("0.30", "0.30")  # 0.1 + 0.2 as a double, printed 0.30
    assert _line(raw, 3, 9).texts[4] == "210.00"  # an int with a 2-decimal format
    assert _line(raw, 3, 3).texts[5] == "事业单位经营支出"  # wrapped header text joined


def test_hidden_row_skipped_and_noted(budget_xlsx):
    raw = read_raw(budget_xlsx)
    assert not any(line.page == 3 and line.line_no == 8 for line in raw.lines())
    assert "工作表“表3”第 8 行为隐藏行，未读取" in raw.notes
    assert "999.00" not in {t for line in raw.lines() for t in line.texts}


def test_sheet_name_becomes_heading_when_rows_print_none(budget_xlsx):
    raw = read_raw(budget_xlsx)
    page4 = raw.pages[3].lines
    assert page4[0].text == "表5-1 一般公共预算支出表(分功能科目)" and not page4[0].is_table_row
    assert page4[0].line_no is None
    header1, header2 = page4[1], page4[2]
    assert header1.texts == ("科目编码", "科目名称", "合计", "基本支出", "", "", "项目支出")
    assert header2.texts == ("", "", "", "小计", "人员经费", "公用经费", "")
    # 表3's rows print "支出总表" but no number: its sheet name supplies the heading.
    assert raw.pages[2].lines[0].text == "表3"
    # A sheet whose rows print 表6 gets no extra heading.
    assert raw.pages[4].lines[0].text == "表6" and raw.pages[4].lines[0].line_no == 1


def test_two_tables_on_one_sheet(budget_xlsx):
    raw = read_raw(budget_xlsx)
    page = raw.pages[4]
    texts = [(line.line_no, line.is_table_row, line.texts) for line in page.lines]
    assert (11, False, ("表7",)) in texts and (12, False, ("一般公共预算“三公”经费支出表",)) in texts
    assert (13, False, ("单位：万元",)) in texts  # a lone cell above a grid is a text line
    three = _line(raw, 5, 16)
    assert three.is_table_row and three.texts == ("3.00", "", "", "", "3.00", "")


def test_formula_without_cached_value_is_blank_and_noted(budget_xlsx):
    raw = read_raw(budget_xlsx)
    assert _line(raw, 5, 16).cells[2].text == ""
    assert any(note.startswith("工作表“基本支出与三公”单元格 C16 为公式且无计算结果") for note in raw.notes)


def test_location_names_sheet_row_and_column(budget_xlsx):
    raw = read_raw(budget_xlsx)
    assert cell_name(2, 12) == "C12"
    assert describe(raw, 3, 12, 2) == "工作表“表3”第 12 行 C 列"


def test_table_not_starting_in_column_a_keeps_sheet_columns(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "表3 支出总表"
    ws["B2"], ws["D2"] = "科目编码", "合计"
    ws["C2"] = "科目名称"
    _put(ws, 3, ["208", "社会保障和就业支出", 80.63], start_col=2)
    path = tmp_path / "offset.xlsx"
    wb.save(path)
    raw = read_raw(path)
    row = _line(raw, 1, 3)
    assert [(c.text, c.col) for c in row.cells] == [("208", 1), ("社会保障和就业支出", 2), ("80.63", 3)]
    assert describe(raw, 1, 3, 3) == "工作表“表3 支出总表”第 3 行 D 列"


# ---------------------------------------------------------------------------------------------
# Number formats
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("value, fmt, printed", [
    (1234.5, "#,##0.00", "1234.50"),
    (778.64, "0.00", "778.64"),
    (0.1 + 0.2, "#,##0.00", "0.30"),
    (2.675, "0.00", "2.68"),  # the printed decimal 2.675 rounds half up, unlike the double 2.67499…
    (210.0, "General", "210"),
    (31.5, "General", "31.5"),
    (1234567.891, "#,##0", "1234568"),
    (-12.5, "#,##0.00;(#,##0.00)", "-12.50"),
    (0.0, '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ', "-"),
    (5.25, '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ', "5.25"),
    (0.125, "0.0%", "12.5%"),
    (1.5, "0.0#", "1.5"),
    (1.567, "0.0#", "1.57"),
    (7, "#,##0.000000", "7.000000"),
    (-0.001, "0.00", "0.00"),
    (1e-05, "General", "0.00001"),
    (3.0, '[Red]#,##0.00', "3.00"),
])
def test_format_number(value, fmt, printed):
    assert format_number(value, fmt) == printed


# ---------------------------------------------------------------------------------------------
# Through the extractor: Budget tables with exact values
# ---------------------------------------------------------------------------------------------
def test_load_budget_tables(budget_xlsx):
    budget, findings = load_budget(budget_xlsx)
    assert budget.layout == "wuhan_unit"
    tables = {t.id: t for t in budget.tables}
    assert {"income_expenditure_summary", "expenditure_summary", "general_budget_by_function",
            "basic_by_economic", "three_public"} <= set(tables)

    t3 = tables["expenditure_summary"]
    assert t3.number == "3" and t3.title == "支出总表"
    total = t3.total_row()
    assert total.value("total") == Decimal("778.64") * WAN and total.value("project") == Decimal("210.00") * WAN
    assert total.get("operating") is None  # blank, not zero
    assert t3.row(code="2080505").value("basic") == Decimal("31.50") * WAN
    assert t3.row(code="2150899").value("total") == Decimal("0.30") * WAN
    assert all(r.code != "2080599" for r in t3.rows)  # the hidden row
    amount = t3.row(code="208").cells[0].amount
    assert (amount.places, amount.source.page, amount.source.line, amount.source.column) == (2, 3, 5, 2)

    t5 = tables["general_budget_by_function"]
    assert t5.number == "5-1"
    assert [c.measure for c in t5.columns][:5] == ["total", "basic", "personnel", "public", "project"]
    r208 = t5.row(code="208")
    assert r208.value("personnel") == Decimal("80.63") * WAN and r208.get("public") is None
    assert t5.row(code="215").value("public") == Decimal("51.66") * WAN

    t6 = tables["basic_by_economic"]
    assert t6.row(code="301").value("personnel") == Decimal("476.80") * WAN
    assert t6.row(code="301").get("public") is None
    assert t6.row(code="30226").cells == ()

    t7 = tables["three_public"]
    row = t7.rows[0]
    assert row.value("three_public_total") == 3 * WAN and row.value("vehicle_operation") == 3 * WAN
    assert row.get("abroad") is None
    assert row.get("vehicle_total") is None  # the uncalculated formula reads blank, never computed

    t1 = tables["income_expenditure_summary"]
    assert t1.number == "1"
    assert any(f.code == "P004" and "C16" in f.message for f in findings)
    assert any(f.code == "P004" and "隐藏" in f.message for f in findings)


# ---------------------------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------------------------
def _unreadable(path: Path) -> str:
    with pytest.raises(UnreadableError) as err:
        read_raw(path)
    message = err.value.message
    assert str(path) in message
    return message


def test_corrupt_bytes(tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(bytes(range(256)) * 4)
    assert "不是有效的 Excel 文件" in _unreadable(path)


def test_text_file_named_xlsx(tmp_path):
    path = tmp_path / "table.xlsx"
    path.write_text("科目编码\t合计\n208\t80.63\n", encoding="utf-8")
    assert "不是有效的 Excel 文件" in _unreadable(path)


def test_truncated_workbook(tmp_path, budget_xlsx):
    data = budget_xlsx.read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    assert "不完整或已损坏" in _unreadable(path)


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "不是工作簿")
    assert "Excel 文件已损坏" in _unreadable(path)


def test_encrypted_or_legacy_file(tmp_path):
    path = tmp_path / "locked.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024)
    assert "文件已加密或为旧版 Office 格式" in _unreadable(path)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert "文件为空" in _unreadable(path)


def test_empty_workbook(tmp_path):
    path = tmp_path / "blank.xlsx"
    Workbook().save(path)
    assert "工作簿中没有任何内容" in _unreadable(path)


def test_only_hidden_sheets_is_empty(tmp_path):
    wb = Workbook()
    wb.active["A1"] = "隐藏的内容"
    wb.create_sheet("可见")  # empty and visible
    wb.active.sheet_state = "hidden"
    path = tmp_path / "hidden.xlsx"
    wb.save(path)
    assert "工作簿中没有任何内容" in _unreadable(path)


def test_load_budget_on_bad_file_raises_only_unreadable(tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(UnreadableError):
        load_budget(path)


def test_sheet_of_uncalculated_formulas_is_reported_not_dropped(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "表7"
    ws["A1"], ws["B1"] = "=1+2", "=A1*2"
    wb.create_sheet("说明")["A1"] = "2026年预算"
    path = tmp_path / "formulas.xlsx"
    wb.save(path)
    raw = read_raw(path)
    assert [p.sheet for p in raw.pages] == ["表7", "说明"]
    assert raw.pages[0].lines[0].text == "表7" and len(raw.pages[0].lines) == 1
    assert any("A1、B1 为公式且无计算结果" in note for note in raw.notes)
