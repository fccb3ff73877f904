"""Hangzhou 气象局 2026 department budget (zhejiang_dept): no codes printed — the hierarchy is shown by
indentation only (ideographic spaces the reader strips; the cell bbox still covers them), codes linked
from the codebook; a "** | 1 | 2 …" column-number row under the headers. Figures read on the pages."""
from __future__ import annotations

from conftest import sample
from regional import error_keys, numeric_cells, row_numbers_not_in_facts

from yusuan.api import check_file, load_budget, read_raw
from yusuan.extract.grid import cells_by_col, is_number, line_place
from yusuan.figures.summary import summary
from yusuan.model import RowLevel, Side

NAME = "hangzhou-qxj-2026-dept-budget.pdf"

# p15 收支预算总表 收入总计 5,876.67; p18 财政拨款 5,753.07; p17 表3 合计: 人员支出 2,906.80, 日常公用
# 838.27, 项目 2,131.61 (基本支出 is printed only as its two parts, 3,745.07 together); p20 表6 合计 人员 2,906.80 公用 838.27;
# p21 表7 合计 24.02 = 车辆 18.00 (运行 18.00) + 接待 6.02; 出国 and 购置费 cells blank: null.
FIGURES = {
    "layout": "zhejiang_dept", "unit_name": "杭州市气象局", "year": 2026, "level": "部门",
    "income_total": "58766700", "expenditure_total": "58766700", "fiscal_grant_total": "57530700",
    "basic_total": "37450700", "project_total": "21316100", "personnel_total": "29068000", "public_total": "8382700",
    "three_public_total": "240200", "three_public_abroad": None, "three_public_vehicle_purchase": None,
    "three_public_vehicle_operation": "180000", "three_public_reception": "60200",
    "expenditure_by_class": {"206": "280000", "208": "3966700", "210": "805200", "220": "53714800"},
}


def test_summary_figures():
    budget, _ = load_budget(sample(NAME))
    data = summary(budget) | {"layout": budget.layout}
    for key, value in FIGURES.items():
        assert data[key] == value, key


def test_levels_from_indentation_and_codes_from_the_codebook():
    budget, _ = load_budget(sample(NAME))
    t5 = budget.table("general_budget_by_function")
    levels = [(r.code, r.level) for r in t5.rows[1:8]]
    assert levels == [("206", RowLevel.CLASS), ("20604", RowLevel.SECTION), ("2060404", RowLevel.ITEM),
                      ("208", RowLevel.CLASS), ("20805", RowLevel.SECTION), ("2080501", RowLevel.ITEM),
                      ("2080505", RowLevel.ITEM)]
    # Names looked up under their 款 (the codebook rows 2060404 and 2200509 carry this sample as a source).
    assert t5.rows[3].name == "科技成果转化与扩散"
    weather = next(r for r in t5.rows if r.name == "气象服务")
    assert weather.code == "2200509" and weather.level is RowLevel.ITEM and weather.value("project") == 19800000
    t6 = budget.table("basic_by_economic")
    assert t6.row(code="30101").name == "基本工资" and t6.row(code="310").value("total") == 249000
    # The summary tables' 款/项 lines are linked under their class too.
    t1 = budget.table("income_expenditure_summary")
    assert t1.row(code="22005").value("budget") == 53714800


def _numeric_cells_of_page(path, page: int) -> set[tuple[int, int]]:
    raw = read_raw(path)
    return {(line.line_no, col) for line in raw.lines() if line.page == page and line.is_table_row
            for col, text in cells_by_col(line).items() if is_number(text)}


def test_summary_tables_read_every_line_of_the_function_tree():
    # p15 表1 / p18 表4: the whole function tree, 项 lines coded by their name under their 款; every
    # amount printed on the two pages is read.
    path = sample(NAME)
    budget, issues = load_budget(path)
    t1, t4 = budget.table("income_expenditure_summary"), budget.table("fiscal_grant_summary")
    for table, page, weather in ((t1, 15, 21036100), (t4, 18, 19800000)):
        transfer = next(r for r in table.rows if r.name == "科技成果转化与扩散")
        service = next(r for r in table.rows if r.name == "气象服务")
        assert (transfer.side, transfer.level, transfer.code, transfer.value("budget")) == (
            Side.EXPENDITURE, RowLevel.ITEM, "2060404", 280000)
        assert (service.side, service.level, service.code, service.value("budget")) == (
            Side.EXPENDITURE, RowLevel.ITEM, "2200509", weather)
        # 22005 气象事务 = 行政运行 + 气象事业机构 + 气象服务
        items = [r for r in table.rows if r.side is Side.EXPENDITURE and r.level is RowLevel.ITEM
                 and table.rows.index(r) > table.rows.index(table.row(code="22005"))]
        assert sum(r.value("budget") for r in items) == table.row(code="22005").value("budget")
        read = {(c.amount.source.line, c.amount.source.column) for r in table.rows for c in r.cells}
        assert read == _numeric_cells_of_page(path, page)
    assert (service.source.page, service.source.line) == (18, 23)  # the page's 23rd line
    assert not [i for i in issues if i.code == "P006"]


def test_reading_messages_name_the_page_line():
    line = next(ln for ln in read_raw(sample(NAME)).lines() if ln.page == 15 and "气象服务" in ln.texts)
    assert line_place(line) == "第15页第22行"


def test_column_number_row_and_three_public_units():
    budget, _ = load_budget(sample(NAME))
    assert budget.table("state_capital_by_function").is_empty
    rows = budget.table("three_public").rows
    assert [r.level for r in rows] == [RowLevel.LINE, RowLevel.UNIT, RowLevel.UNIT]
    assert rows[1].value("three_public_total") + rows[2].value("three_public_total") == 240200


def test_every_number_of_the_rows_is_a_fact():
    path = sample(NAME)
    budget, _ = load_budget(path)
    assert numeric_cells(budget) == 277  # 表1/表4 气象服务, 科技成果转化与扩散 now read
    assert row_numbers_not_in_facts(budget, path) == {}


def test_check_reports_no_error():
    # Two K303 notices remain (customary pairings, not identities): the document has no 221 class at all (30113 住房公积金 209.04 has
    # no 2210201), and 30302 退休费 83.25 differs from 2080501 193.24.
    _, report = check_file(sample(NAME))
    assert error_keys(report) == {}


def test_names_the_codebook_lacks_are_rows_at_their_indentation(tmp_path):
    # With a codebook that names 2060404 and 2200509 otherwise, the two 项 lines are still rows at
    # their indentation, without a code, and nothing is lost (fresh process: the codebook is cached).
    import json
    import os
    import subprocess
    import sys
    (tmp_path / "other.csv").write_text("code,name,since,until,region,source,note\n"
                                        "2060404,别的名称甲,,,,test,\n2200509,别的名称乙,,,,test,\n", encoding="utf-8")
    code = ("import json, sys; from yusuan.api import load_budget; b, f = load_budget(sys.argv[1]); "
            "t = b.table('fiscal_grant_summary'); "
            "print(json.dumps([[r.name, r.code, r.level.value, str(r.value('budget'))] for r in t.rows "
            "if r.name in ('科技成果转化与扩散', '气象服务')] + [[x.code for x in f if x.code == 'P006']]))")
    done = subprocess.run([sys.executable, "-c", code, str(sample(NAME))], capture_output=True, text=True,
                          env={**os.environ, "YUSUAN_CODEBOOK_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [["科技成果转化与扩散", None, "item", "280000.00"],
                                       ["气象服务", None, "item", "19800000.00"], []]


# 杭州市公安局: p20 收入总计 404,415.23; p25 财政拨款 377,819.25; p23 表3 合计 人员支出 250,110.65 + 日常公用
# 47,792.58 (基本支出 297,903.23), 项目 106,512.00; p27 表6 人员 246,458.22 公用 46,733.64; p29 表7 4,112.82 =
# 车辆 4,011.89 (购置 1,024.69, 运行 2,987.20) + 接待 100.93 (出国 blank); p13 （十）其他重要事项 1.机关运行
# 经费 "…8 家行政单位的机关运行经费财政拨款预算46,732.12 万元".
GAJ = "hangzhou-gaj-2026-dept-budget.pdf"
GAJ_FIGURES = {
    "income_total": "4044152300", "expenditure_total": "4044152300", "fiscal_grant_total": "3778192500",
    "basic_total": "2979032300", "project_total": "1065120000", "personnel_total": "2464582200",
    "public_total": "467336400", "three_public_total": "41128200", "three_public_vehicle_purchase": "10246900",
    "three_public_vehicle_operation": "29872000", "three_public_reception": "1009300",
    "gov_operation_cost": "467321200",
}
# 杭州市交通运输局: p22 665,964.37; p28 财政拨款 654,235.22; p26 表3 人员 73,924.43 + 日常公用 15,868.83, 项目
# 576,171.11; p32 表6 人员 67,627.51 公用 14,902.37; p34 表7 873.20 = 车辆 846.10 (421.30 + 424.80) + 接待
# 27.10; p15 "…机关运行经费财政拨款预算8,989.73 万元".
JTJ = "hangzhou-jtj-2026-dept-budget.pdf"
JTJ_FIGURES = {
    "income_total": "6659643700", "expenditure_total": "6659643700", "fiscal_grant_total": "6542352200",
    "basic_total": "897932600", "project_total": "5761711100", "personnel_total": "676275100",
    "public_total": "149023700", "three_public_total": "8732000", "three_public_vehicle_purchase": "4213000",
    "three_public_vehicle_operation": "4248000", "three_public_reception": "271000",
    "gov_operation_cost": "89897300",
}


def test_key_figures_of_two_more_departments():
    for name, figures in ((GAJ, GAJ_FIGURES), (JTJ, JTJ_FIGURES)):
        budget, _ = load_budget(sample(name))
        data = summary(budget)
        assert {k: data[k] for k in figures} == figures, name


def test_rows_split_by_a_page_end_and_a_page_of_another_grid():
    budget, _ = load_budget(sample(GAJ))
    # 表2 p21-22: "杭州市机动" / "车驾驶员考试服务中心" and 事业收入 "12,437.3" / "6".
    row = next(r for r in budget.table("income_summary").rows if r.name == "杭州市机动车驾驶员考试服务中心")
    assert row.value("business_income") == 124373600 and row.value("total") == 145496400
    budget, _ = load_budget(sample(JTJ))
    # 表5 p31: the page's ruling splits 合计 in two and its figures fall in the second half.
    t5 = budget.table("general_budget_by_function")
    assert t5.row(code="2140199").value("total") == 535222900 and t5.row(code="21499").value("total") == 682000000
    # 表3 p27: 公路水路运输 printed again as the 项 of 超长期特别国债安排的支出 is not 21401.
    t3 = budget.table("expenditure_summary")
    assert [r.value("total") for r in t3.rows if r.code == "21401"] == [1066042200]


def test_check_reports_only_real_defects_of_two_more_departments():
    # 公安局 表10 p31-32: the projects add up to 106,313.00 against 合计 106,512.00 (and 一般公共预算
    # 76,828.38 against 77,027.38): 199.00 not carried by any project line.
    # 表7 p29: 合计 4,112.82 (车辆 4,011.89, 运行 2,987.20) while its nine units add to 3,968.82 (3,867.89,
    # 2,843.20): 144.00 of 运行维护费 carried by no unit.
    _, report = check_file(sample(GAJ))
    assert error_keys(report) == {("S110", "projects", "合计"): 2, ("X208", "projects", "各项目之和"): 2,
                                  ("S109", "three_public", "“三公”经费"): 3}
    # 交通运输局: 50.60 万元 missing from 表1's 一般公共服务 line (6651.38 for 6,701.98) and from 表5's
    # 交通运输/公路水路运输 基本支出 and 合计 (p22, p30); 表3, 表4, 表6 and the text agree. 表1's classes
    # missing its 本年支出合计 is reported at the 201 line: 表3 prints the same 合计 and adds up.
    _, report = check_file(sample(JTJ))
    s107 = next(f for f in report.findings if f.code == "S107")
    assert s107.location.source.page == 22 and (s107.expected, s107.actual) == ("6701.98", "6651.38")
    assert "差额出在 201 一般公共服务支出 行" in s107.message
    assert error_keys(report) == {
        ("X201", "income_expenditure_summary", "201 一般公共服务支出"): 1,
        ("S107", "income_expenditure_summary", "201 一般公共服务支出"): 1,
        ("X204", "fiscal_grant_summary", "一般公共预算"): 1, ("X203", "fiscal_grant_summary", "214 交通运输支出"): 1,
        ("S105", "general_budget_by_function", "合计"): 1, ("S105", "general_budget_by_function", "214 交通运输支出"): 1,
        ("S103", "general_budget_by_function", "21401 公路水路运输"): 2,
        ("S105", "general_budget_by_function", "21401 公路水路运输"): 1, ("X207", "basic_by_economic", "合计"): 1}
