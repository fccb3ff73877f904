"""Guangzhou 统计局 2026 department budget (guangzhou_dept): codes printed inside the name cell
("[201]…", "[30227]…"), 表N above the title, "三公" and 行政经费 printed as rows. Figures read on the pages."""
from __future__ import annotations

from conftest import sample
from regional import error_keys, numeric_cells, row_numbers_not_in_facts

from yusuan.api import check_file, load_budget
from yusuan.figures.summary import summary
from yusuan.model import RowLevel

NAME = "gz-tjj-2026-dept-budget.pdf"

# p7 收支总体情况表 收入总计 9,483.72; p12 财政拨款 收入总计 9,433.72; p9 表3 合计 基本 8,401.67 项目
# 1,082.05; p17 表8: 行政经费 839.21, “三公” 19.86 = 出国 5.00 + 车辆 6.70 (购置 0.00, 运行 6.70) + 接待 8.16.
FIGURES = {
    "layout": "guangzhou_dept", "unit_name": "广州市统计局", "year": 2026, "level": "部门",
    "income_total": "94837200", "expenditure_total": "94837200", "fiscal_grant_total": "94337200",
    "basic_total": "84016700", "project_total": "10820500",
    # p12-13 表6 prints no 人员经费/公用经费 column: 人员经费 = [301] 7,131.66 + [303] 701.04, 公用经费 =
    # [302] 556.47 + [310] 12.50 (their classes add up to 合计 8,401.67).
    "personnel_total": "78327000", "public_total": "5689700",
    "three_public_total": "198600", "three_public_abroad": "50000", "three_public_vehicle_purchase": "0",
    "three_public_vehicle_operation": "67000", "three_public_reception": "81600", "gov_operation_cost": "8392100",
    "expenditure_by_class": {"201": "82952800", "208": "3701700", "210": "41500", "221": "7641200", "229": "500000"},
}


def test_summary_figures():
    budget, _ = load_budget(sample(NAME))
    data = summary(budget) | {"layout": budget.layout}
    for key, value in FIGURES.items():
        assert data[key] == value, key


def test_codes_inside_the_name_cell():
    budget, _ = load_budget(sample(NAME))
    t5 = budget.table("general_budget_by_function")
    row = t5.row(code="2010505")
    assert row.name == "专项统计业务" and row.value("project") == 3885600
    t7 = budget.table("project_by_economic")
    assert t7.row(code="30227").name == "委托业务费" and t7.row(code="30227").value("total") == 2080000
    assert len([r for r in t7.rows if r.code]) == 14 and t7.total_row().value("total") == 10320500


def test_units_over_uncoded_lines_and_projects():
    # 表11/表12 print each unit's name over its economic classes / projects, without codes.
    budget, _ = load_budget(sample(NAME))
    t11 = budget.table("basic_by_unit_economic")
    assert [r.name for r in t11.rows if r.level is RowLevel.UNIT] == [
        "广州市统计局（本级）", "广州市统计普查中心", "广州市统计监测中心（广州市统计发展中心）"]
    assert [r.code for r in t11.rows[2:6]] == ["301", "302", "303", "310"]
    projects = budget.table("projects")
    assert len([r for r in projects.rows if r.level is RowLevel.PROJECT]) == 10
    assert sum(r.value("total") for r in projects.rows if r.level is RowLevel.PROJECT) == 10820500
    assert projects.row(item=None).name == "合计"


def test_three_public_rows_become_measures():
    budget, _ = load_budget(sample(NAME))
    row = budget.table("three_public").rows[0]
    assert {c.measure for c in row.cells} == {"gov_operation_cost", "three_public_total", "abroad", "vehicle_total",
                                              "vehicle_purchase", "vehicle_operation", "reception"}
    assert row.get("vehicle_total").source.page == 17


def test_every_number_of_the_rows_is_a_fact():
    path = sample(NAME)
    budget, _ = load_budget(path)
    assert numeric_cells(budget) == 629  # + the 3 预算数 of the key projects listed on p25
    # Only the by-fund split of 表8 (一般公共预算 | 政府性基金 | 国有资本经营, cols 2–4 of the 合计 row)
    # is left out: the "三公" measures are read from its 合计 column.
    missing = row_numbers_not_in_facts(budget, path)
    assert set(missing) == {("three_public", 17, 2), ("three_public", 17, 3), ("three_public", 17, 4)}


def test_check_reports_no_error():
    # The four K303 notices (30108/30109/30113/30302 vs their function mirrors) are the document's own
    # figures: the department books social contributions for all staff under 201, not 208/221.
    # p23 writes "公务用车购置费0万元，比上年增加0万元" ("增加" with a zero change, as Shenzhen's "增加0.00
    # 万元"): read since a reason ends at its semicolon ("…压减因公出国（境）经费预算；公务用车…").
    _, report = check_file(sample(NAME))
    assert error_keys(report) == {("T404", "three_public", "公务用车购置费"): 1}


def test_key_projects_listed_in_the_narrative():
    # p25, untitled under 七、重点项目预算绩效目标情况: 项目 | 预算数（单位：万元）| 绩效目标, one line per project.
    from decimal import Decimal

    budget, findings = load_budget(sample(NAME))
    t = budget.table("key_projects")
    assert t.title == "重点项目预算绩效目标情况"
    assert [(r.name, r.value("total"), r.source.page) for r in t.rows] == [
        ("广州市第四次全国农业普查经费", Decimal("5347200"), 25), ("统计专项经费", Decimal("1951900"), 25),
        ("其他运行经费", Decimal("70000"), 25)]
    assert all(dict(r.texts).get("绩效目标") for r in t.rows)
    assert not [f for f in findings if f.code in ("P001", "P003")]


# 广州市卫生健康委员会 (~24 units, mostly hospitals): 表1 p8 收入总计 3,324,258.76; 表4 p14 324,314.91; 表3 p11
# 基本 1,010,349.34 项目 2,313,909.42; 表6 p19-20 prints only 经济科目 (no 人员/公用 columns): [301] 83,457.17
# + [303] 88,976.71, [302] 6,862.66 + [310] 42.65; 表8 p23 行政经费 3,814.44, 三公 860.78 = 出国 140.49 +
# 车辆 701.34 (购置 331.00, 运行 370.34) + 接待 18.95.
WJW = "gz-wjw-2026-dept-budget.pdf"
WJW_FIGURES = {
    "income_total": "33242587600", "expenditure_total": "33242587600", "fiscal_grant_total": "3243149100",
    "basic_total": "10103493400", "project_total": "23139094200", "personnel_total": "1724338800",
    "public_total": "69053100", "three_public_total": "8607800", "three_public_abroad": "1404900",
    "three_public_vehicle_purchase": "3310000", "three_public_vehicle_operation": "3703400",
    "three_public_reception": "189500", "gov_operation_cost": "38144400",
}
# 广州市人民政府办公厅: 表1 p6 16,410.71; 表3 p8 基本 14,913.65 项目 1,497.06; 表6 p14-15 [301] 10,613.19 +
# [303] 3,397.19, [302] 903.26; 表8 p17 行政经费 1,443.41, 三公 226.86 = 出国 215.60 + 车辆 0.00 + 接待 11.26.
ZFB = "gz-zfb-2026-dept-budget.pdf"
ZFB_FIGURES = {
    "income_total": "164107100", "expenditure_total": "164107100", "fiscal_grant_total": "164107100",
    "basic_total": "149136500", "project_total": "14970600", "personnel_total": "140103800",
    "public_total": "9032600", "three_public_total": "2268600", "three_public_abroad": "2156000",
    "three_public_vehicle_purchase": "0", "three_public_vehicle_operation": "0",
    "three_public_reception": "112600", "gov_operation_cost": "14434100",
}


def test_key_figures_of_two_more_departments():
    for name, figures in ((WJW, WJW_FIGURES), (ZFB, ZFB_FIGURES)):
        budget, _ = load_budget(sample(name))
        data = summary(budget)
        assert {k: data[k] for k in figures} == figures, name


def test_pages_printing_the_header_again_on_another_grid():
    # 表2 p10 and 表12 (p31-110) print the header again on each page, on a grid whose ruling splits
    # cells differently from the first page's: every page is read under the first page's columns.
    budget, _ = load_budget(sample(WJW))
    t2 = budget.table("income_summary")
    row = next(r for r in t2.rows if r.name == "广州医科大学附属第三医院")
    assert row.get("total").source.page == 10 and row.value("total") == 2246766100
    assert row.value("general_budget") == 159910400 and row.value("business_income") == 2040370300
    projects = budget.table("projects")
    # the projects add up to 2,313,909.41 against 合计 2,313,909.42 (rounding in the document)
    assert projects.total_row().value("total") == 23139094200
    assert sum(r.value("total") for r in projects.rows if r.level is RowLevel.PROJECT) == 23139094100


def test_check_reports_only_real_defects_of_two_more_departments():
    # gz-wjw: none. gz-zfb: p24 "因公出国（境）费215.6万元，比上年增加0万元" (增加 with a zero change).
    # 表6 [301] 10,613.19 against its 款 10,613.21 (p14) is within n × half a unit of the last digit
    # of its rounded 款 (docs/rules.md, 容差): rounding, not reported.
    _, report = check_file(sample(WJW))
    assert error_keys(report) == {}
    _, report = check_file(sample(ZFB))
    assert error_keys(report) == {("T404", "three_public", "因公出国（境）费"): 1}
