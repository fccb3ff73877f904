"""Shenzhen 统计局 2026 department budget (shenzhen_dept): "表N" above the title and the header printed
again on every page, a 预算单位 column whose unit row is the total, "三公" by year and by fund,
names without codes indented under the unit (表4). Figures read on the pages."""
from __future__ import annotations

import pytest
from conftest import sample
from regional import error_keys, numeric_cells, row_numbers_not_in_facts

from yusuan.api import check_file, load_budget
from yusuan.figures.summary import summary
from yusuan.model import RowLevel

NAME = "shenzhen-tjj-2026-dept-budget.pdf"

# p17 收支总表 收入总计 5,417.80; p26 财政拨款 5,417.80; p19 表3 unit row 支出总计 5,417.80, 基本 4,104.00,
# 项目 1,313.80; p32 表9 the 2026 年 line, 一般公共预算 columns: 32.56 = 16.80 + 4.20 (购置 0.00,
# 运行 4.20) + 11.56. pp22–23 表4 by economic class: 人员经费 = 工资福利支出 3,030.73 + 对个人和家庭的补助
# 571.04 = 3,601.77; 公用经费 = 商品和服务支出 491.82 + 资本性支出 10.40 = 502.22 (as figures.yaml reads the
# other Shenzhen budgets).
FIGURES = {
    "layout": "shenzhen_dept", "unit_name": "深圳市统计局（本级）", "year": 2026, "level": "部门",
    "income_total": "54178000", "expenditure_total": "54178000", "fiscal_grant_total": "54178000",
    "basic_total": "41040000", "project_total": "13138000", "personnel_total": "36017700", "public_total": "5022200",
    "three_public_total": "325600", "three_public_abroad": "168000", "three_public_vehicle_purchase": "0",
    "three_public_vehicle_operation": "42000", "three_public_reception": "115600",
    # p13 第八部分 一、机关运行经费: "机关运行经费财政拨款预算 742.77 万元".
    "gov_operation_cost": "7427700",
    "expenditure_by_class": {"201": "34787200", "205": "1930000", "208": "5623900", "210": "862800",
                             "221": "10974000"},
}


def test_summary_figures():
    budget, _ = load_budget(sample(NAME))
    data = summary(budget) | {"layout": budget.layout}
    for key, value in FIGURES.items():
        assert data[key] == value, key


def test_tables_repeated_per_page_are_one_table():
    budget, _ = load_budget(sample(NAME))
    # 第七部分's key-project table, read from the prose, prints no number.
    assert [t.number for t in budget.tables] == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", None]
    t3 = budget.table("expenditure_summary")
    assert {r.source.page for r in t3.rows} == {19, 20, 21}
    assert t3.total_row().name == "深圳市统计局（本级）" and t3.row(code="2210203").value("total") == 8827200
    assert t3.total_row().value("procurement") == 942800  # 2026 年政府采购项目 小计 94.28


def test_uncoded_economic_names_under_the_unit():
    budget, _ = load_budget(sample(NAME))
    t4 = budget.table("basic_by_economic_source")
    assert t4.total_row().value("total") == 41040000
    assert t4.row(code="301").value("total") == 30307300 and t4.row(code="30101").name == "基本工资"
    assert t4.row(code="31002").value("total") == 104000
    projects = budget.table("projects")
    assert [r.level for r in projects.rows].count(RowLevel.UNIT) == 1
    assert sum(r.value("total") for r in projects.rows if r.level is RowLevel.PROJECT) == 13138000


def test_every_number_of_the_rows_is_a_fact():
    path = sample(NAME)
    budget, _ = load_budget(path)
    # 表9: + the other funds and the 2025/增减 lines (48); 第七部分's key projects: + 4
    assert numeric_cells(budget) == 990
    assert not row_numbers_not_in_facts(budget, path)


def test_three_public_by_fund_and_year():
    # p32 表9: lines 2025 年 | 2026 年 | 增减变化金额; each measure printed for 一般公共预算 (the measure
    # itself, as the layout pins it) | 政府性基金预算 | 国有资本经营预算 (万元).
    budget, findings = load_budget(sample(NAME))
    row = budget.table("three_public").rows[0]
    names = ("three_public_total", "abroad", "reception", "vehicle_total", "vehicle_purchase", "vehicle_operation")
    assert [row.value(m) for m in names] == [325600, 168000, 115600, 42000, 0, 42000]
    assert [row.value(f"{m}@prior") for m in names] == [596200, 438700, 115600, 42000, 0, 42000]
    assert [row.value(f"{m}@change") for m in names] == [-270700, -270700, 0, 0, 0, 0]
    others = [row.get(f"{m}{period}@{fund}") for m in names for period in ("", "@prior")
              for fund in ("gov_fund", "state_capital")] + [row.get(f"{m}@{fund}@change") for m in names
                                                            for fund in ("gov_fund", "state_capital")]
    assert len(others) == 36 and all(a is not None and a.value == 0 for a in others)
    assert not [f for f in findings if f.code == "P003"]


def test_check_reports_no_error_and_listed_projects_are_projects():
    # 第三部分 lists the projects of 表5 (统计管理 352.27, 专项普查活动 110.00, 专项统计业务 844.03), whose
    # names are also function items of 表3 (2010506 359.77 …): in a section that is not about spending
    # by function they are the projects, and their figures match.
    budget, _ = load_budget(sample(NAME))
    linked = {c.subject.name: c.amount.value for c in budget.claims if c.subject.kind == "project"}
    assert linked == {"统计管理": 3522700, "政务信息化项目（运行维护服务）": 75000, "专项普查活动": 1100000,
                      "专项统计业务": 8440300}
    _, report = check_file(sample(NAME))
    # Parts 4–8 (after 第五部分) are read since the part headings run to 第九部分: part 5 writes
    # "较2025 年年初预算增加0.00 万元" three times (pp9–10) — "增加" with a zero change, the document's own —
    # after '2.公务接待费。2026 年预算数11.56 万元' (the item's label names it), '公务用车购置费2026 年预算数
    # 0.00 万元' and '公务用车运行维护费2026 年预算数4.20 万元' (named before the year).
    assert error_keys(report) == {("T404", "three_public", "公务接待费"): 1, ("T404", "three_public", "公务用车购置费"): 1,
                                  ("T404", "three_public", "公务用车运行维护费"): 1}
    assert [f.location.source.page for f in report.findings if f.code == "T404"] == [9, 10, 10]
    # 第七部分's key-project table is read (below): no table is left unread.
    assert not [f for f in report.findings if f.code == "P001"]


def test_key_projects_of_part_seven():
    # pp11–12, 第七部分, untitled under the part heading (二级预算单位名称 | 一级项目名称 | 预算数（万元） |
    # 绩效目标): 352.27 + 7.50 + 110.00 + 844.03 = 1,313.80 万元, 表5's projects. The third project's 绩效目标
    # goes on at the top of p12 in a line of its own, which is the rest of that row, not a fifth project.
    budget, _ = load_budget(sample(NAME))
    table = budget.table("key_projects")
    assert table.number is None and [c.measure for c in table.columns] == ["total"]
    assert [(r.name, r.level, r.value("total"), r.source.page) for r in table.rows] == [
        ("统计管理", RowLevel.LINE, 3522700, 11), ("政务信息化项目（运行维护服务）", RowLevel.LINE, 75000, 11),
        ("专项普查活动", RowLevel.LINE, 1100000, 11), ("专项统计业务", RowLevel.LINE, 8440300, 12)]
    assert sum(r.value("total") for r in table.rows) == 13138000  # 表3's 项目支出, part 6's figure
    texts = [dict(r.texts) for r in table.rows]
    assert {t["二级预算单位名称"] for t in texts} == {"深圳市统计局（本级）"}
    goals = [t["绩效目标"] for t in texts]
    # The figures of the p12 line are in the third goal; spacing as printed ("2026 年").
    assert "300" in goals[2] and goals[2].endswith("≤5%。") and "2026 年" in goals[0]
    # The prose of part 8 after the table is still read as narrative.
    assert [s.title for s in budget.narrative][-1] == "其他"


# --- Departments whose tables list each budget unit under the department (issue 10 pattern 5) ---------
# 预算单位 column: the department's line (the total), then each unit's line over its own function codes.
GWSH = "shenzhen-gwsh-2026-dept-budget.pdf"
RSJ = "shenzhen-rsj-2026-dept-budget.pdf"
KAB = "shenzhen-kab-2026-dept-budget.pdf"

# p16-17 表1 (收入总计 33,934.54; 205 28.00, 208 2,117.89, 210 512.65, 215 21,886.33, 219 5,231.12,
# 221 4,158.57); p20 表3 department line 33,934.54 = 基本 20,723.90 + 项目 13,210.64; pp29-36 表4 over the
# four units: 工资福利 17,796.78 + 对个人和家庭 915.74, 商品和服务 1,988.17 + 资本性 23.22; p57 表9 the
# department's 2026 line: 100.22 = 77.20 + 1.00 + 22.02 (购置 0.00); p12 机关运行经费 663.00.
GWSH_FIGURES = {
    "layout": "shenzhen_dept", "unit_name": "深圳市建筑工务署",
    "income_total": "339345400", "expenditure_total": "339345400", "fiscal_grant_total": "339345400",
    "basic_total": "207239000", "project_total": "132106400", "personnel_total": "187125200",
    "public_total": "20113900", "three_public_total": "1002200", "three_public_abroad": "772000",
    "three_public_vehicle_purchase": "0", "three_public_vehicle_operation": "220200",
    "three_public_reception": "10000", "gov_operation_cost": "6630000",
    "expenditure_by_class": {"205": "280000", "208": "21178900", "210": "5126500", "215": "218863300",
                             "219": "52311200", "221": "41585700"},
}
# p57-60 表1 (收入总计 571,347.93; 205 113,716.97, 206 298,461.45 …); p65 表3 department line 571,347.93 =
# 基本 136,131.77 + 项目 435,216.17; p160 表6 收入总计 535,744.34; p252 表9 the department's 2026 line:
# 299.23 = 120.20 + 24.23 + 154.80 (购置 54.00, 运行 100.80); p53 机关运行经费 8,013.52.
RSJ_FIGURES = {
    "layout": "shenzhen_dept", "unit_name": "深圳市人力资源和社会保障局",
    "income_total": "5713479300", "expenditure_total": "5713479300", "fiscal_grant_total": "5357443400",
    "basic_total": "1361317700", "project_total": "4352161700", "personnel_total": "1196776700",
    "public_total": "164541000", "three_public_total": "2992300", "three_public_abroad": "1202000",
    "three_public_vehicle_purchase": "540000", "three_public_vehicle_operation": "1008000",
    "three_public_reception": "242300", "gov_operation_cost": "80135200",
    "expenditure_by_class": {"205": "1137169700", "206": "2984614500", "208": "1290295800", "210": "36447300",
                             "221": "264952000"},
}
# One unit: p15-16 表1 (55,884.67; 五、其他支出 / 其他支出 / 其他支出 = 229, 22999, 2299999, 7,647.43); p18 表3
# 55,884.67 = 5,006.59 + 50,878.08; pp21-22 表4 工资福利 3,470.51 + 对个人和家庭 616.88, 商品和服务 919.20;
# p31 表9 43.79 = 36.14 + 1.65 + 6.00; p12 机关运行经费 3,383.98.
KAB_FIGURES = {
    "layout": "shenzhen_dept", "unit_name": "深圳市人民政府口岸办公室",
    "income_total": "558846700", "expenditure_total": "558846700", "fiscal_grant_total": "558846700",
    "basic_total": "50065900", "project_total": "508780800", "personnel_total": "40873900",
    "public_total": "9192000", "three_public_total": "437900", "three_public_abroad": "361400",
    "three_public_vehicle_purchase": "0", "three_public_vehicle_operation": "60000",
    "three_public_reception": "16500", "gov_operation_cost": "33839800",
    "expenditure_by_class": {"201": "462840000", "208": "6540700", "210": "1048600", "221": "11943200",
                             "229": "76474300"},
}


@pytest.mark.parametrize("name, figures", [(GWSH, GWSH_FIGURES), (RSJ, RSJ_FIGURES), (KAB, KAB_FIGURES)])
def test_summary_figures_of_departments_with_units(name, figures):
    budget, _ = load_budget(sample(name))
    data = summary(budget) | {"layout": budget.layout}
    for key, value in figures.items():
        assert data[key] == value, key


def test_tables_grouped_by_unit():
    budget, findings = load_budget(sample(RSJ))
    t3 = budget.table("expenditure_summary")
    # p65: the department's line, then 21 units each over its own codes (206 in two of them).
    assert t3.total_row().name == "深圳市人力资源和社会保障局" and t3.total_row().value("basic") == 1361317700
    groups = t3.unit_groups()
    assert len(groups) == 21 and groups[0][0].name == "深圳市人力资源和社会保障局（本级）"
    assert groups[0][0].value("total") == 1564910100  # p65 156,491.01
    assert [r.code for r in groups[0][1] if r.level is RowLevel.CLASS] == ["205", "206", "208", "210", "221"]
    assert sum(1 for r in t3.rows if r.code == "206" and r.level is RowLevel.CLASS) == 2
    # 表2 (units only): the department's line sums the others.
    t2 = budget.table("income_summary")
    assert t2.total_row().value("total") == 5713479300 and len([r for r in t2.rows if r.level is RowLevel.UNIT]) == 21
    # 表5: projects under each unit's line, the department's line their total.
    t5 = budget.table("projects")
    assert t5.total_row().value("total") == 4352161700 and len(t5.unit_groups()) == 21
    # p252 表9: a block of year lines per unit; the department's is the table's row.
    t9 = budget.table("three_public")
    assert t9.rows[0].value("three_public_total") == 2992300 and t9.rows[0].value("three_public_total@prior") == 1792300
    unit = t9.rows[1]
    assert (unit.name, unit.level, unit.value("three_public_total"), unit.value("three_public_total@prior")) == (
        "深圳市人力资源和社会保障局（本级）", RowLevel.UNIT, 1639200, 269000)  # 163.92, 26.90
    assert len(t9.rows) == 22 and not [f for f in findings if f.code == "P006"]


def test_units_narrative_sections_and_other_matters():
    budget, _ = load_budget(sample(RSJ))
    titles = [(s.number, s.title) for s in budget.narrative]
    # The document numbers 十六 twice and prints no 十七 (pp28, 30): both units are sections.
    assert ("十六", "深圳鹏城技师学院") in titles and ("十六", "深圳市人力资源和社会保障数据管理中心") in titles
    assert ("十八", "深圳市公共就业服务中心") in titles and ("第八部分", "其他需要说明情况") in titles
    assert budget.other("gov_operation_cost").amount.value == 80135200


def test_check_errors_left_are_the_documents():
    # gwsh: p10 writes "较2025 年年初预算增加0.00 万元" (增加 with a zero change). 表1 and 表6 print
    # 本年支出合计 33,934.54 while their classes add to 33,934.56 (p17, p40): within n × half a unit of
    # the last digit of the rounded classes (docs/rules.md, 容差), not reported.
    _, report = check_file(sample(GWSH))
    assert error_keys(report) == {("T404", "three_public", "公务接待费"): 1}
    # kab: p9 "公务用车运行维护费 … 较2025 年年初预算增加0.00 万元".
    _, report = check_file(sample(KAB))
    assert error_keys(report) == {("T404", "three_public", "公务用车运行维护费"): 1}
    # rsj: p37 "增加0.00 万元". Rounding of the document, within n × half a unit and so not reported:
    # p65/p164 the department's line vs its 21 units (571,347.93 vs 571,347.91; 表7 535,744.34 vs
    # 535,744.31); p66/p165 本级 20801 22,928.46 vs its 9 items 22,928.44; p151 表5 上年结转 8,073.01 vs
    # its 57 projects 8,073.03.
    _, report = check_file(sample(RSJ))
    assert error_keys(report) == {("T404", "three_public", "公务接待费"): 1}
