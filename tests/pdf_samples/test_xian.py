"""Xi'an 统计局 2026 department budget (xian_dept): the tables in 第五部分 after a prose 第二部分,
amounts in 元, a 收支总表 with four side-by-side label|amount groups, 表7/表8 without a title line,
"三公" in 上年 | 当年 | 增减 groups. Figures read on the pages."""
from __future__ import annotations

from decimal import Decimal

from conftest import sample
from regional import error_keys, numeric_cells, row_numbers_not_in_facts

from yusuan.api import check_file, load_budget
from yusuan.figures.summary import summary
from yusuan.model import RowLevel

NAME = "xian-tjj-2026-dept-budget.pdf"

# p26 收支总表 收入总计 62,109,297.20; p29 财政拨款 62,109,297.20; p34 表8 合计 人员 34,557,893.03 公用
# 2,143,304.17; p39 表13 当年: “三公” 81,000.00 = 接待 15,000.00 + 车辆 66,000.00 (运行 66,000.00).
FIGURES = {
    "layout": "xian_dept", "unit_name": "西安市统计局（汇总）", "year": 2026, "level": "部门",
    "amount_unit": "元", "income_total": "62109297.2", "expenditure_total": "62109297.2",
    "fiscal_grant_total": "62109297.2",
    "basic_total": None, "project_total": None,  # no 支出总表 by function: see 表5 below
    "personnel_total": "34557893.03", "public_total": "2143304.17",
    "three_public_total": "81000", "three_public_abroad": "0", "three_public_vehicle_purchase": "0",
    "three_public_vehicle_operation": "66000", "three_public_reception": "15000",
    "expenditure_by_class": {"201": "50037708.13", "205": "775000", "208": "5404242.1", "210": "1977080.79",
                             "221": "3915266.18"},
}


def test_summary_figures():
    budget, _ = load_budget(sample(NAME))
    data = summary(budget) | {"layout": budget.layout}
    for key, value in FIGURES.items():
        assert data[key] == value, key


def test_tables_of_part_five():
    budget, _ = load_budget(sample(NAME))
    assert [t.number for t in budget.tables] == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "12", "13"]
    # 表10: the department and unit lines (named in 表2) are units, not projects.
    units = [(r.code, r.name) for r in budget.table("project_list").rows if r.level is RowLevel.UNIT]
    assert units == [("119", "西安市统计局"), ("119001", "西安市统计局"), ("119002", "西安市社会经济调查中心")]
    t5 = budget.table("general_budget_by_function").total_row()
    assert (t5.value("personnel"), t5.value("public"), t5.value("project")) == (
        Decimal("34557893.03"), Decimal("2143304.17"), 25408100)
    assert budget.table("basic_by_function").total_row().value("total") == Decimal("36701197.20")  # 表7, no title line
    three = budget.table("three_public").rows[0]
    assert three.value("meeting_fee") == 57900 and three.value("training_fee") == 775000
    # The income side and the function classes of 表1; the two economic groups are not read.
    t1 = budget.table("income_expenditure_summary")
    assert t1.row(item="general_budget").value("budget") == Decimal("62109297.20")
    assert t1.row(code="208").value("budget") == Decimal("5404242.10")


def test_every_number_of_the_rows_is_a_fact():
    path = sample(NAME)
    budget, _ = load_budget(path)
    # + 表12 政府采购 (p38): 19 amounts (label_tree table)
    assert numeric_cells(budget) == 417 + 19  # 表13: + 合计 and the 上年/增减 groups (60)
    # 表13: the 上年 and 增减变化情况 groups are read too, as qualified measures (meeting_fee@prior …).
    assert not row_numbers_not_in_facts(budget, path)


def test_check_reports_no_error():
    # 表9 政府性基金收支表 is empty; the reason ("不涉及") is printed in the 报表目录 on p25, not under
    # the table: the catalog's reason becomes the table's note. The K303 warning (30302 退休费 vs 2080501)
    # is the document's own figures.
    budget, _ = load_budget(sample(NAME))
    assert "不涉及" in budget.table("gov_fund_summary").empty_note
    _, report = check_file(sample(NAME))
    # 表14 (p47) names a project '第四次全国农业普查', 表10 (p36) '第四次农业普查' (both 16073900 元): the document's.
    assert error_keys(report) == {("X215", "project_performance", "第四次全国农业普查"): 1}


def test_three_public_groups_by_period():
    # p39 表13, 合计 line: 上年 | 当年 | 增减变化情况, each 合计, "三公" 小计 and parts, 会议费, 培训费 (元).
    budget, findings = load_budget(sample(NAME))
    rows = budget.table("three_public").rows
    first = rows[0]
    prior = ("total@prior", "three_public_total@prior", "reception@prior", "vehicle_total@prior",
             "vehicle_operation@prior", "meeting_fee@prior", "training_fee@prior")
    assert [first.value(m) for m in prior] == [518400, 93000, 18000, 75000, 75000, 130000, 295400]
    assert first.value("total") == 913900 and first.get("abroad@prior") is None
    change = ("total@change", "three_public_total@change", "reception@change", "vehicle_total@change",
              "vehicle_operation@change", "meeting_fee@change", "training_fee@change")
    assert [first.value(m) for m in change] == [395500, -12000, -3000, -9000, -9000, -72100, 479600]
    unit = next(r for r in rows if r.name == "119003")  # 西安市统计局普查中心
    assert {c.measure: c.amount.value for c in unit.cells} == {
        "total@prior": 21000, "three_public_total@prior": 5000, "reception@prior": 5000, "meeting_fee@prior": 16000,
        "total": 20000, "three_public_total": 5000, "reception": 5000, "training_fee": 15000,
        "total@change": -1000, "meeting_fee@change": -16000, "training_fee@change": 15000}
    assert not [f for f in findings if f.code == "P003" and f.location.table == "three_public"]
