"""Central department sample (国家信访局 2026): 部门公开表1–9, number printed above the title, 万元 two
decimals, totals at the bottom, empty tables 7–8 with a note. Figures checked on the pages."""
from __future__ import annotations

from decimal import Decimal

from conftest import sample
from helpers import error_keys, numeric_cells, unread_numbers

from yusuan.api import check_file, load_budget
from yusuan.figures.summary import summary
from yusuan.model import AmountUnit

NAME = "cn-xfj-2026-dept-budget.pdf"

# p5 表1, p9 表4, p8 表3 合计, p13 表6 合计, p16 表9, p19 机关运行经费 (narrative).
FIGURES = {
    "unit_name": "国家信访局", "year": 2026, "level": "部门", "amount_unit": "万元",
    "income_total": "506169400", "expenditure_total": "506169400", "fiscal_grant_total": "187289400",
    "basic_total": "110560700", "project_total": "395608700", "personnel_total": "75046200",
    "public_total": "23762600", "three_public_total": "1126100", "three_public_abroad": "685000",
    "three_public_vehicle_operation": "386000", "three_public_reception": "55100",
    "gov_operation_cost": "23762600",
    "expenditure_by_class": {"201": "471793000", "205": "1180100", "208": "22081900", "221": "11114400"},
}


def test_summary_figures():
    budget, _ = load_budget(sample(NAME))
    assert budget.layout == "central_dept"
    data = summary(budget)
    for key, value in FIGURES.items():
        assert data[key] == value, key


def test_tables_numbered_above_title_and_empty_tables():
    budget, _ = load_budget(sample(NAME))
    assert [t.number for t in budget.tables] == [str(n) for n in range(1, 10)]
    for table_id in ("gov_fund_by_function", "state_capital_by_function"):
        table = budget.table(table_id)
        assert not any(r.cells for r in table.rows) and "没有使用" in table.empty_note
    t5 = budget.table("general_budget_by_function")
    assert t5.total_row().value("total") == 164748200 and t5.row(code="2014099").value("project") == 36239800


def test_execution_and_change_columns_of_table_5():
    # p10 表5 201: 2025 年执行数 (执行数 | 扣除中央基建投资后), 2026 年预算数 (… | 扣除中央基建投资后),
    # 比 2025 年执行数 增减额 | 增减(%), and the same without capital construction (万元; rates in %).
    budget, findings = load_budget(sample(NAME))
    row = budget.table("general_budget_by_function").row(code="201")
    money = ("total@prior_actual", "total@prior_actual@excl_capital", "total", "total@excl_capital",
             "total@change", "total@excl_capital@change")
    assert [row.value(m) for m in money] == [335866700, 100444700, 131443700, 131443700, -204423000, 30999000]
    rates = [row.get("total@change_pct"), row.get("total@excl_capital@change_pct")]
    assert [(r.value, r.unit, r.places) for r in rates] == [
        (Decimal("-60.86"), AmountUnit.PERCENT, 2), (Decimal("30.86"), AmountUnit.PERCENT, 2)]
    # 2101101 行政单位医疗: executed in 2025, no 2026 budget: -100.00%.
    medical = budget.table("general_budget_by_function").row(code="2101101")
    assert medical.get("total") is None and medical.value("total@change") == -2189100
    assert medical.get("total@change_pct").value == Decimal("-100.00")
    assert not [f for f in findings if f.code == "P003"]


def test_every_number_is_a_fact():
    path = sample(NAME)
    budget, _ = load_budget(path)
    assert numeric_cells(budget) == 389  # 表5: + 7 qualified columns × 26 rows, 3 blank
    assert unread_numbers(budget, [path]) == []


def test_check_remaining_errors_are_the_documents():
    _, report = check_file(sample(NAME))
    assert error_keys(report) == {
        # p18: the text gives 18,728.91 万元, 表4 prints 18,728.94 (document defect).
        ("T401", "fiscal_grant_summary", "收入总计"): 1,
        # p19: 3,623.98 "占部门支出总额的22.00%" — 22.00% is its share of 表5 (16,474.82), 7.16% of the
        # department total (document wording).
        ("T402", None, "预算数"): 1,
        # p25: 委托业务费 +333.83 on 1,057.85 is 31.56%, the text says 31.35% (document defect).
        ("T403", None, "委托业务费"): 1,
        # No X203/X204: the central 表5 holds the current year's grant only (合计 16,474.82 = 本年), 表4
        # also spends the 2,254.12 carried over; the rules compare 本年 with 表5 (scope read from the document).
    }


def test_project_performance_forms_printed_in_the_narrative():
    # pp30–32, under 八、其他事项说明 (7) 项目绩效目标表: one form per project, 万元, read by the central
    # layout's in-narrative project_performance spec; none is reported unread.
    budget, findings = load_budget(sample(NAME))
    forms = budget.project_performance
    assert [(p.project_name, p.source.page) for p in forms] == [
        ("信息化运行维护", 30), ("信访综合保障经费", 31), ("信访业务培训", 32)]
    it = forms[0]
    assert (it.department, it.executing_unit) == ("[292]国家信访局", "国家信访局本级")
    assert it.annual_budget.value == Decimal("21348700")  # 年度资金总额 2,134.87 = 1,384.87 + 750.00
    assert [(f.item, f.amount.value if f.amount else None) for f in it.funding] == [
        ("fiscal_grant", Decimal("13848700")), ("carryover", Decimal("7500000")), ("other_funds", None)]  # 其他资金 -
    assert [len(g.indicators) for p in forms for g in p.goals] == [9, 11, 9]
    devices = it.goals[0].indicators[1]
    assert (devices.level1, devices.level2, devices.name) == ("产出指标", "数量指标", "数据中心设备维护量")
    assert (devices.target.op, devices.target.number, devices.target.unit, devices.weight) == (
        "≥", Decimal(330), "台（套）", Decimal(8))
    docs = forms[1].goals[0].indicators[1]  # p31 指导出台信访业务规范性文件 ≥1 本, 分值权重 8
    assert (docs.name, docs.target.op, docs.target.number, docs.target.unit, docs.weight) == (
        "指导出台信访业务规范性文件", "≥", Decimal(1), "本", Decimal(8))
    assert forms[1].annual_budget.value == Decimal("27067900")
    training = forms[2]
    assert training.annual_budget.value == Decimal("1180100")
    assert sum(i.weight for i in training.goals[0].indicators) == 90  # 分值权重（90）
    assert training.goals[0].indicators[-1].target.text == "≥95%"
    assert not [f for f in findings if f.code in ("P001", "P006")]
    _, report = check_file(sample(NAME))
    assert not [f for f in report.findings if f.code in ("S121", "X215")]


def test_former_class_name_in_the_2024_final_accounts_text():
    # 国家信访局 2024 决算 p22-23 (checked on the page image): "社会保障和就业（类）行政事业单位离退休（款）…" four
    # times — 20805 is 行政事业单位养老支出 since 2019: one K302 for the section, with the count.
    _, report = check_file(sample("cn-xfj-2024-dept-final.pdf"))
    k302 = [f for f in report.findings if f.code == "K302" and f.location.section]
    assert [(f.location.source.page, f.actual, f.expected) for f in k302] == [
        (22, "行政事业单位离退休", "行政事业单位养老支出")]
    assert k302[0].message.endswith("（本部分共 4 处）")
