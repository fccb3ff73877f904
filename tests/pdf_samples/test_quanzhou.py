"""Quanzhou 公安局（本级）2026 unit budget (fujian_unit): sections 一、…十、 each titled "2026 年度…表",
no thousands separators, 0.00 in every empty cell, only 项 codes in the function tables, "三公" as rows
(项目 | 预算数). Figures read on the pages."""
from __future__ import annotations

from conftest import sample
from regional import error_keys, numeric_cells, row_numbers_not_in_facts

from yusuan.api import check_file, load_budget
from yusuan.figures.summary import summary

NAME = "quanzhou-gaj-2026-unit-budget.pdf"

# p10 收支预算总表 收入合计 58341.63 (本年 50741.63 + 上年结转结余 7600.00); p13 财政拨款 46941.63;
# p12 支出预算总表 合计 基本 33422.70 项目 24918.93; p19 三公 合计 1196.92 = 出国 0.00 + 接待 10.92 +
# 车辆 1186.00 (购置 330.00, 运行 856.00).
FIGURES = {
    "layout": "fujian_unit", "unit_name": "泉州市公安局（本级）", "year": 2026, "level": "单位",
    "income_total": "583416300", "expenditure_total": "583416300", "fiscal_grant_total": "469416300",
    "basic_total": "334227000", "project_total": "249189300",
    # 基本支出经济分类 prints no 人员经费/公用经费 column: 301 + 303 and 302 + 310, the figures the text
    # states (p23 人员经费 29834.74, p24 公用经费 3587.96).
    "personnel_total": "298347400", "public_total": "35879600",
    "three_public_total": "11969200", "three_public_abroad": "0", "three_public_vehicle_purchase": "3300000",
    "three_public_vehicle_operation": "8560000", "three_public_reception": "109200",
    # p29-30 八、其他重要事项说明 （一）机关运行经费: "…机关运行经费支出3587.96 万元".
    "gov_operation_cost": "35879600",
}
CLASSES = {"204": "500670200", "208": "39731200", "210": "10853000", "221": "32161900"}


def test_summary_figures():
    budget, _ = load_budget(sample(NAME))
    data = summary(budget) | {"layout": budget.layout}
    for key, value in FIGURES.items():
        assert data[key] == value, key
    # 表1 prints every class, most with 0.00.
    assert {k: v for k, v in data["expenditure_by_class"].items() if v != "0"} == CLASSES
    assert len(data["expenditure_by_class"]) == 26


def test_sections_and_plain_numbers():
    budget, _ = load_budget(sample(NAME))
    assert len(budget.tables) == 10 and all(t.title.startswith("2026 年度") for t in budget.tables)
    t3 = budget.table("expenditure_summary")
    assert t3.row(code="2040201").value("basic") == 251480900  # 25148.09 without a separator
    assert t3.row(code="2040101").get("basic").value == 0  # printed 0.00, not blank
    three = budget.table("three_public").rows[0]
    assert three.value("vehicle_total") == 11860000 and three.get("vehicle_total").source.page == 19


def test_every_number_of_the_rows_is_a_fact():
    path = sample(NAME)
    budget, _ = load_budget(path)
    assert numeric_cells(budget) == 285
    assert row_numbers_not_in_facts(budget, path) == {}


def test_check_reports_only_real_defects():
    # p24: the text says "比上年增加0.00 万元" three times (出国, 接待, 车辆购置): 增加 with a zero change.
    _, report = check_file(sample(NAME))
    assert error_keys(report) == {("T404", None, "预算安排"): 2, ("T404", "three_public", "公务用车购置费"): 1}


def test_project_performance_forms_printed_in_the_narrative():
    # pp26–29, under 七、预算绩效目标情况 1.项目支出绩效目标表: one form per project, 万元, named only in its
    # title ("…项目绩效目标表"); 资金总额 = 财政拨款 + 其他资金 0.00; goal and indicators of 项目实施期.
    from decimal import Decimal

    budget, findings = load_budget(sample(NAME))
    forms = budget.project_performance
    assert [(p.project_name, p.source.page, p.annual_budget.value) for p in forms] == [
        ("单警装备、公务用车采购等项目建设", 26, Decimal("8664000")), ("女子看守所保障经费", 27, Decimal("11115000")),
        ("公安办案业务经费", 28, Decimal("62586000")), ("泉州市社会治理现代化智慧调度指挥中心", 29, Decimal("2375000"))]
    assert [(f.item, f.amount.value) for f in forms[1].funding] == [
        ("fiscal_grant", Decimal("11115000")), ("other_funds", Decimal("0"))]
    assert forms[3].source_of("project_name").page == 29  # title broken over two lines
    assert [(g.kind, len(g.indicators)) for p in forms for g in p.goals] == [("long_term", 6)] * 4
    held = forms[1].goals[0].indicators[2]  # p27 数量指标 在押人员月均关押量 ≥600 人
    assert (held.level1, held.level2, held.name) == ("产出指标", "数量指标", "在押人员月均关押量")
    assert (held.target.op, held.target.number, held.target.unit) == ("≥", Decimal(600), "人")
    assert forms[2].goals[0].indicators[1].target.text == "≥55%"  # p28 总体刑事案件破案率
    assert "公安警种" in forms[0].long_term_goal
    assert not [f for f in findings if f.code in ("P001", "P006")]
    _, report = check_file(sample(NAME))
    assert not [f for f in report.findings if f.code in ("S121", "X215")]


# 泉州市人民政府办公室: p13 收支预算总表 15184.81; p16 财政拨款 10984.81; p15 基本 5915.38 项目 9269.43; p21
# 基本支出经济分类 301 4407.07 + 303 673.62 (text p26 人员经费 5080.69), 302 832.69 + 310 2.00 (公用经费
# 834.69); p22 三公 312.75 = 出国 0.00 + 接待 18.85 + 车辆 293.90 (购置 261.90, 运行 32.00); p38 八、其他重要
# 事项说明 （一）机关运行经费 758.24.
ZFB = "quanzhou-zfb-2026-dept-budget.pdf"
ZFB_FIGURES = {
    "income_total": "151848100", "expenditure_total": "151848100", "fiscal_grant_total": "109848100",
    "basic_total": "59153800", "project_total": "92694300", "personnel_total": "50806900", "public_total": "8346900",
    "three_public_total": "3127500", "three_public_abroad": "0", "three_public_vehicle_purchase": "2619000",
    "three_public_vehicle_operation": "320000", "three_public_reception": "188500", "gov_operation_cost": "7582400",
}


def test_key_figures_of_a_department():
    budget, _ = load_budget(sample(ZFB))
    data = summary(budget)
    assert {k: data[k] for k in ZFB_FIGURES} == ZFB_FIGURES
    # p27: "比上年增加0.00 万元" three times (出国, 接待, 公务用车运行费): 增加 with a zero change.
    _, report = check_file(sample(ZFB))
    assert error_keys(report) == {("T404", None, "预算安排"): 2, ("T404", "three_public", "公务用车运行维护费"): 1}
