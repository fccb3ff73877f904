"""Shanghai unit budgets 2026 (shanghai_unit): tables 1-8 in 元, the "三公" table (表9) in 万元 under a
banner without the year ("“三公”经费预算数" over 合计 | 因公出国(境)费 | …), blank cells where a unit
has no such spending. Figures read on the page images."""
from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import sample
from regional import error_keys

from yusuan.api import check_file, load_budget
from yusuan.figures.summary import summary
from yusuan.model import Side

CZKJ = "sh-czkj-2026-unit-budget.pdf"
DATA = "sh-data-2026-unit-budget.pdf"
JTZY = "sh-jtzy-2026-unit-budget.pdf"

# p7 财务收支预算总表 收入总计 21,443,300 (人员 11,973,700 公用 2,567,100 项目 6,902,500); p12 财政拨款
# 21,143,300; p11 支出预算总表 基本支出 14,540,800; p20 三公 (万元): 合计 4.70, 接待 1.50, 车辆小计 3.20,
# 运行费 3.20; 因公出国, 购置费 and 机关运行经费 cells blank: null, not 0.
CZKJ_FIGURES = {
    "layout": "shanghai_unit", "level": "单位", "year": 2026, "amount_unit": "元",
    "income_total": "21443300", "expenditure_total": "21443300", "fiscal_grant_total": "21143300",
    "basic_total": "14540800", "project_total": "6902500", "personnel_total": "11973700", "public_total": "2567100",
    "three_public_total": "47000", "three_public_abroad": None, "three_public_vehicle_purchase": None,
    "three_public_vehicle_operation": "32000", "three_public_reception": "15000", "gov_operation_cost": None,
    "expenditure_by_class": {"201": "17741140", "208": "2056660", "210": "1069600", "221": "575900"},
}
# p7 收入总计 471,452,100; p20 经济分类 人员 19,551,864 公用 16,737,236; p21 三公 (万元): 143.14 = 出国
# 109.14 + 接待 20.00 + 车辆 14.00 (运行 14.00, 购置费 blank); 机关运行经费 1,673.72.
DATA_FIGURES = {
    "layout": "shanghai_unit", "level": "单位", "year": 2026, "amount_unit": "元",
    "income_total": "471452100", "expenditure_total": "471452100", "fiscal_grant_total": "471452100",
    "basic_total": "36289100", "project_total": "435163000", "personnel_total": "19551864",
    "public_total": "16737236", "three_public_total": "1431400", "three_public_abroad": "1091400",
    "three_public_vehicle_purchase": None, "three_public_vehicle_operation": "140000",
    "three_public_reception": "200000", "gov_operation_cost": "16737200",
    "expenditure_by_class": {"201": "463892324", "208": "2390138", "210": "937138", "221": "4232500"},
}
# p7 收入总计 408,696,000; p12 财政拨款 304,413,900; p11 基本支出 336,310,530; p19 经济分类 (一般公共预算)
# 人员 197,592,536 公用 85,405,064; p20 三公 (万元): 67.59 = 35.00 + 12.49 + 20.10 (购置费, 机关运行经费 blank).
JTZY_FIGURES = {
    "layout": "shanghai_unit", "level": "单位", "year": 2026, "amount_unit": "元",
    "income_total": "408696000", "expenditure_total": "408696000", "fiscal_grant_total": "304413900",
    "basic_total": "336310530", "project_total": "72385470", "personnel_total": "197592536",
    "public_total": "85405064", "three_public_total": "675900", "three_public_abroad": "350000",
    "three_public_vehicle_purchase": None, "three_public_vehicle_operation": "201000",
    "three_public_reception": "124900", "gov_operation_cost": None,
    "expenditure_by_class": {"205": "326658710", "208": "48817900", "210": "15502390", "221": "17717000"},
}


@pytest.mark.parametrize("name, expected", [(CZKJ, CZKJ_FIGURES), (DATA, DATA_FIGURES), (JTZY, JTZY_FIGURES)])
def test_summary_figures(name, expected):
    budget, _ = load_budget(sample(name))
    data = summary(budget) | {"layout": budget.layout}
    for key, value in expected.items():
        assert data[key] == value, key


@pytest.mark.parametrize("name, fiscal", [(CZKJ, "21143300"), (DATA, "471452100"), (JTZY, "304413900")])
def test_fiscal_grant_lines_of_the_2026_wording(name, fiscal):
    # 财政拨款收支预算总表 prints "一、一般公共预算" / "二、政府性基金预算" (not 一般公共预算资金 / 政府性基金).
    budget, issues = load_budget(sample(name))
    t4 = budget.table("fiscal_grant_summary")
    assert t4.row(item="general_budget", side=Side.INCOME).get("budget").value == Decimal(fiscal)
    assert t4.row(item="gov_fund", side=Side.INCOME) is not None
    assert not [i for i in issues if i.code == "P006" and i.location.table == "fiscal_grant_summary"]


@pytest.mark.parametrize("name", [CZKJ, DATA, JTZY])
def test_check_reports_no_error(name):
    # 表6 政府性基金 and 表7 国有资本经营 function tables are printed empty with no note in or under them
    # (p15-16 / p17-18), but the 编制说明 (p6, checked on the page image) says "政府性基金拨款支出预算为0；
    # 国有资本经营预算拨款支出预算为0" (sh-data: "…为0万元"): explained, no C004. The 编制说明 rounds to whole
    # 万元 ("2,144万元" for 21,443,300 元): not a T401.
    _, report = check_file(sample(name))
    assert error_keys(report) == {}
