"""Tables printed without ruling lines (exported without borders): read into the same cells as a
ruled grid, and through the whole path into Table rows; prose, covers and contents pages never
become tables."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pymupdf
import pytest
from test_read_pdf import FONT, draw_table, prose, table_rows

from yusuan.api import check_file
from yusuan.read.pdf import read

SIZE = 9
LINE = 11  # a wrapped cell's second line sits this far below its first
TITLE = "2024年预算单位支出预算总表"
FUNCTION_TITLE = "2024年一般公共预算支出功能分类预算表"
WIDTHS = [40, 40, 40, 220, 130, 130, 130]
ALIGN = "llllrrr"  # codes and names from the left, amounts from the right
HEADER = [["类", "款", "项", "名称", "合计", "基本支出", "项目支出"]]
BODY = [
    ["", "", "", "合计", "1,234,567.89", "1,000,000.00", "234,567.89"],
    ["208", "", "", "社会保障和就业支出", "1,234,567.89", "1,000,000.00", "234,567.89"],
    ["208", "05", "", "行政事业单位养老支出", "1,234,567.89", "1,000,000.00", "234,567.89"],
    ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "1,034,567.89", "1,000,000.00", "34,567.89"],
    ["208", "05", "06", "机关事业单位职业年金缴费支出", "200,000.00", "", "200,000.00"],
]


def draw_unruled(page: pymupdf.Page, x0: float, y0: float, widths: list[float], rows: list[list[str]],
                 align: str, row_h: float = 20.0, centre_rows: dict[int, float] | None = None) -> float:
    """Cells printed as text only: 'l' left, 'r' right, 'c' centred in their column; a "\\n" wraps a
    cell onto a second line. centre_rows[r] moves row r's baseline (header labels centred between
    two header lines). Returns the y below the last row."""
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    for r, row in enumerate(rows):
        base = y0 + r * row_h + 13 + (centre_rows or {}).get(r, 0.0)
        for c, text in enumerate(row):
            for k, part in enumerate(text.split("\n") if text else ()):
                width = pymupdf.get_text_length(part, fontname=FONT, fontsize=SIZE)
                x = {"l": xs[c] + 3, "r": xs[c + 1] - 3 - width, "c": (xs[c] + xs[c + 1] - width) / 2}[align[c]]
                page.insert_text((x, base + k * LINE), part, fontname=FONT, fontsize=SIZE)
    return y0 + len(rows) * row_h


def title(page: pymupdf.Page, y: float, text: str, unit: str = "元") -> None:
    page.insert_text((260, y), text, fontname=FONT, fontsize=13)
    page.insert_text((700, y + 22), f"单位：{unit}", fontname=FONT, fontsize=9)


def new_doc() -> pymupdf.Document:
    doc = pymupdf.open()
    doc.new_page(width=842, height=595).insert_text((300, 200), "某某福利院2024年单位预算", fontname=FONT, fontsize=18)
    return doc


def saved(doc: pymupdf.Document, tmp_path: Path, name: str = "t.pdf") -> Path:
    path = tmp_path / name
    doc.save(path)
    return path


def checked(path: Path):
    budget, report = check_file(path, layout="shanghai_unit")
    reading = [f for f in report.findings if f.code.startswith("P")]
    assert reading == [], [f.message for f in reading]
    return budget, report


def amounts(table, code: str) -> tuple:
    row = table.row(code=code)
    return tuple(row.get(m).value if row.get(m) else None for m in ("total", "basic", "project"))


def test_unruled_table_reads_into_the_cells_of_the_ruled_one(tmp_path):
    ruled, unruled = new_doc(), new_doc()
    page = ruled.new_page(width=842, height=595)
    title(page, 50, TITLE)
    draw_table(page, 40, 90, WIDTHS, HEADER + BODY)
    page = unruled.new_page(width=842, height=595)
    title(page, 50, TITLE)
    draw_unruled(page, 40, 90, WIDTHS, HEADER + BODY, ALIGN)
    raw = read(saved(unruled, tmp_path, "unruled.pdf"))
    rows = table_rows(raw)
    assert rows == table_rows(read(saved(ruled, tmp_path, "ruled.pdf")))
    assert rows[0] == ("类", "款", "项", "名称", "合计", "基本支出", "项目支出")
    # split code columns, blank cells kept as blanks at their column
    assert rows[4] == ("208", "05", "05", "机关事业单位基本养老保险缴费支出", "1,034,567.89", "1,000,000.00", "34,567.89")
    assert rows[5] == ("208", "05", "06", "机关事业单位职业年金缴费支出", "200,000.00", "", "200,000.00")
    line = [ln for ln in raw.lines() if ln.is_table_row][5]
    assert [c.col for c in line.cells] == list(range(7)) and all(c.bbox for c in line.cells)
    assert line.cells[5].bbox[0] < line.cells[4].bbox[2] + 110  # the blank cell has its column's box
    # title and unit stay prose lines above the table
    assert prose(raw)[1:] == [TITLE, "单位：元"]

    budget, _ = checked(saved(unruled, tmp_path, "unruled2.pdf"))
    table = budget.table("expenditure_summary")
    assert [r.code for r in table.rows if r.code] == ["208", "20805", "2080505", "2080506"]
    assert amounts(table, "2080505") == (Decimal("1034567.89"), Decimal("1000000.00"), Decimal("34567.89"))
    assert amounts(table, "2080506") == (Decimal("200000.00"), None, Decimal("200000.00"))
    ruled_budget, _ = checked(saved(ruled, tmp_path, "ruled2.pdf"))

    def shown(t):
        return [(r.code, r.name, [(c.measure, c.amount.value) for c in r.cells]) for r in t.rows]

    assert shown(table) == shown(ruled_budget.table("expenditure_summary"))


def test_two_line_header_with_labels_centred_between_its_lines(tmp_path):
    doc = new_doc()
    page = doc.new_page(width=842, height=595)
    title(page, 50, TITLE)
    header = [
        ["", "", "", "", "", "本年支出", ""],
        ["类", "款", "项", "名称", "合计", "基本支出", "项目支出"],
    ]
    # 类 款 项 名称 合计 centred over both header lines: printed half a line higher than 基本支出
    draw_unruled(page, 40, 90, WIDTHS, header[:1], "llllccc")
    draw_unruled(page, 40, 100, WIDTHS, [[t if c < 5 else "" for c, t in enumerate(header[1])]], "llllccc")
    draw_unruled(page, 40, 110, WIDTHS, [[t if c >= 5 else "" for c, t in enumerate(header[1])]], "llllccc")
    draw_unruled(page, 40, 132, WIDTHS, BODY, ALIGN)
    raw = read(saved(doc, tmp_path))
    rows = table_rows(raw)
    # labels of different columns half a line apart are one header row, as in a ruled grid
    assert rows[:2] == [("类", "款", "项", "名称", "合计", "本年支出", ""),
                        ("", "", "", "", "", "基本支出", "项目支出")]
    budget, _ = checked(saved(doc, tmp_path, "b.pdf"))
    table = budget.table("expenditure_summary")
    assert [c.measure for c in table.columns] == ["total", "basic", "project"]
    assert amounts(table, "20805") == (Decimal("1234567.89"), Decimal("1000000.00"), Decimal("234567.89"))


@pytest.mark.parametrize("amounts_at", ["top", "middle"])
def test_wrapped_name_joins_its_row(tmp_path, amounts_at):
    doc = new_doc()
    page = doc.new_page(width=842, height=595)
    title(page, 50, TITLE)
    widths = [40, 40, 40, 130, 130, 130, 130]
    body = [row[:] for row in BODY]
    body[3][3] = "机关事业单位基本养老\n保险缴费支出"
    y = draw_unruled(page, 40, 90, widths, HEADER + body[:3], ALIGN, row_h=24)
    # the wrapped row: amounts on the name's first line, or centred between its two lines
    shift = LINE / 2 if amounts_at == "middle" else 0.0
    draw_unruled(page, 40, y, widths, [body[3][:4] + [""] * 3], ALIGN)
    draw_unruled(page, 40, y + shift, widths, [[""] * 4 + body[3][4:]], ALIGN)
    draw_unruled(page, 40, y + 30, widths, body[4:], ALIGN, row_h=24)
    raw = read(saved(doc, tmp_path))
    rows = table_rows(raw)
    assert rows[4] == ("208", "05", "05", "机关事业单位基本养老保险缴费支出", "1,034,567.89", "1,000,000.00", "34,567.89")
    assert rows[5][:4] == ("208", "05", "06", "机关事业单位职业年金缴费支出") and len(rows) == 6
    budget, _ = checked(saved(doc, tmp_path, "b.pdf"))
    row = budget.table("expenditure_summary").row(code="2080505")
    assert row.name == "机关事业单位基本养老保险缴费支出"
    assert row.get("project").value == Decimal("34567.89")


def test_two_tables_on_a_page(tmp_path):
    doc = new_doc()
    page = doc.new_page(width=842, height=595)
    title(page, 40, TITLE)
    y = draw_unruled(page, 40, 75, WIDTHS, HEADER + BODY[:3], ALIGN)
    title(page, y + 40, FUNCTION_TITLE)
    function = [["201", "", "", "一般公共服务支出", "2,932,700", "2,675,000", "257,700"],
                ["201", "05", "07", "专项普查活动", "257,700", "", "257,700"]]
    draw_unruled(page, 40, y + 75, WIDTHS, HEADER + function, ALIGN)
    raw = read(saved(doc, tmp_path))
    texts = [(ln.is_table_row, ln.texts if ln.is_table_row else ln.text) for ln in raw.lines() if ln.page == 2]
    second = texts.index((False, FUNCTION_TITLE))
    assert texts[second + 1] == (False, "单位：元")
    assert [t for _, t in texts[second - 3:second]] == [tuple(r) for r in (HEADER + BODY[:3])[1:]]
    assert texts[second + 3] == (True, ("201", "", "", "一般公共服务支出", "2,932,700", "2,675,000", "257,700"))
    budget, _ = checked(saved(doc, tmp_path, "b.pdf"))
    assert amounts(budget.table("expenditure_summary"), "208") == (
        Decimal("1234567.89"), Decimal("1000000.00"), Decimal("234567.89"))
    table = budget.table("general_budget_by_function")
    assert amounts(table, "2010507") == (Decimal("257700"), None, Decimal("257700"))
    assert amounts(table, "201") == (Decimal("2932700"), Decimal("2675000"), Decimal("257700"))


def test_table_continued_on_the_next_page_keeps_its_columns(tmp_path):
    doc = new_doc()
    page = doc.new_page(width=842, height=595)
    title(page, 50, TITLE)
    draw_unruled(page, 40, 90, WIDTHS, HEADER + BODY[:4], ALIGN)
    page = doc.new_page(width=842, height=595)
    # the rest has no 基本支出 at all: without the first page's columns 项目支出 would shift left
    rest = [["208", "05", "06", "机关事业单位职业年金缴费支出", "200,000.00", "", "200,000.00"],
            ["208", "05", "99", "其他行政事业单位养老支出", "100.00", "", "100.00"],
            ["208", "99", "", "其他社会保障和就业支出", "5.00", "", "5.00"]]
    draw_unruled(page, 40, 40, WIDTHS, rest, ALIGN)
    page.insert_text((410, 570), "- 3 -", fontname=FONT, fontsize=9)
    raw = read(saved(doc, tmp_path))
    assert table_rows(raw, 3) == [tuple(r) for r in rest]
    assert [c.col for c in [ln for ln in raw.lines() if ln.page == 3][0].cells] == list(range(7))
    budget, _ = checked(saved(doc, tmp_path, "b.pdf"))
    table = budget.table("expenditure_summary")
    assert amounts(table, "2080599") == (Decimal("100.00"), None, Decimal("100.00"))
    assert amounts(table, "20899") == (Decimal("5.00"), None, Decimal("5.00"))
    assert amounts(table, "2080505") == (Decimal("1034567.89"), Decimal("1000000.00"), Decimal("34567.89"))


# -- what must stay prose ------------------------------------------------------------------------

def test_narrative_with_numbers_stays_prose(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    sentences = [
        "一、收支预算总体情况：本单位2024年收入预算 1,234,567.89 元，",
        "其中财政拨款收入 1,000,000.00 元，比上年增加 12.50 万元，",
        "主要原因是人员增加 3 人；支出预算 1,234,567.89 元，",
        "二、基本支出 1,000,000.00 元，主要用于保障机构正常运转，",
        "项目支出 234,567.89 元，用于 2 个项目。",
    ]
    for i, text in enumerate(sentences):
        page.insert_text((60, 80 + 18 * i), text, fontname=FONT, fontsize=11)
    # a list with amounts at the line ends, separated by wide gaps, still reads as sentences
    for i, (name, value) in enumerate([("工资福利支出", "800,000.00 元"), ("商品和服务支出", "200,000.00 元"),
                                        ("对个人和家庭的补助", "34,567.89 元")]):
        page.insert_text((60, 200 + 18 * i), f"{i + 1}. {name}", fontname=FONT, fontsize=11)
        page.insert_text((300, 200 + 18 * i), value, fontname=FONT, fontsize=11)
    raw = read(saved(doc, tmp_path))
    assert table_rows(raw) == []
    assert prose(raw)[0].startswith("一、收支预算总体情况")


def test_contents_page_stays_prose(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((270, 60), "目  录", fontname=FONT, fontsize=14)
    entries = ["收支预算总表", "收入预算总表", "支出预算总表", "财政拨款收支预算总表", "一般公共预算支出功能分类预算表"]
    for i, name in enumerate(entries):
        y = 100 + 22 * i
        page.insert_text((60, y), f"表{i + 1}", fontname=FONT, fontsize=11)
        page.insert_text((110, y), name, fontname=FONT, fontsize=11)
        page.insert_text((500, y), str(3 + 2 * i), fontname=FONT, fontsize=11)
    # and the same with dot leaders
    for i, name in enumerate(entries):
        page.insert_text((60, 260 + 22 * i), f"表{i + 1} {name}" + "…" * 12 + f"{3 + 2 * i}", fontname=FONT, fontsize=11)
    raw = read(saved(doc, tmp_path))
    assert table_rows(raw) == []
    assert "表3 支出预算总表" in prose(raw)


def test_cover_stays_prose(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((150, 200), "某某福利院2024年单位预算", fontname=FONT, fontsize=20)
    for i, (left, right) in enumerate([("预算单位：某某福利院", "编制日期：2024年1月"),
                                       ("单位负责人：张三", "财务负责人：李四"),
                                       ("联系电话：12345678", "邮编：200000")]):
        page.insert_text((80, 500 + 24 * i), left, fontname=FONT, fontsize=12)
        page.insert_text((330, 500 + 24 * i), right, fontname=FONT, fontsize=12)
    raw = read(saved(doc, tmp_path))
    assert table_rows(raw) == []
