"""Suzhou 审计局 2026 department budget (jiangsu_dept): "公开NN 表" tags above the titles, a running
page header, 收入总表 by 部门代码 | 部门名称, 栏次 rows, "三公" with 会议费/培训费. Figures read on the pages."""
from __future__ import annotations

from conftest import sample
from regional import error_keys, numeric_cells, row_numbers_not_in_facts

from yusuan.api import check_file, load_budget
from yusuan.figures.summary import summary

NAME = "suzhou-sjj-2026-dept-budget.pdf"

# p9 收支总表 收入总计 4,651.67; p13 财政拨款 4,651.67; p11 支出总表 合计 基本 4,312.17 项目 339.50;
# p17 表8 合计 人员 3,916.57 公用 395.60; p18 三公 10.00 (接待 10.00), 会议费 10.00, 培训费 43.00.
FIGURES = {
    "layout": "jiangsu_dept", "unit_name": "苏州市审计局", "year": 2026, "level": "部门",
    "income_total": "46516700", "expenditure_total": "46516700", "fiscal_grant_total": "46516700",
    "basic_total": "43121700", "project_total": "3395000", "personnel_total": "39165700",
    "public_total": "3956000", "three_public_total": "100000", "three_public_abroad": "0",
    "three_public_vehicle_purchase": "0", "three_public_vehicle_operation": "0", "three_public_reception": "100000",
    "expenditure_by_class": {"201": "29066300", "208": "4420900", "221": "13029500"},
}


def test_summary_figures():
    budget, _ = load_budget(sample(NAME))
    data = summary(budget) | {"layout": budget.layout}
    for key, value in FIGURES.items():
        assert data[key] == value, key


def test_tagged_tables_and_new_table_kinds():
    budget, _ = load_budget(sample(NAME))
    assert [t.number for t in budget.tables] == [str(n) for n in range(1, 14)]  # 公开13表 政府采购支出表 too
    three = budget.table("three_public").rows[0]
    assert three.value("meeting_fee") == 100000 and three.value("training_fee") == 430000
    assert budget.table("gov_operation_by_economic").total_row().value("gov_operation_cost") == 3956000
    assert budget.table("fiscal_grant_by_function").total_row().value("personnel") == 39165700
    income = budget.table("income_summary")
    assert [r.code for r in income.rows] == [None, "024", "024001"]
    assert budget.table("state_capital_by_function").empty_note.startswith("注：本部门无国有资本经营预算")


def test_every_number_of_the_rows_is_a_fact():
    path = sample(NAME)
    budget, _ = load_budget(path)
    assert numeric_cells(budget) == 308 + 18  # + 公开13表 (p22): 9 rows × 一般公共预算资金, 总计
    assert row_numbers_not_in_facts(budget, path) == {}


def test_check_reports_no_error_and_fees_are_the_three_public_columns():
    # p24 "上年结转结余的一般公共预算收入 0 万元" is a carry-over share that 表1 does not print (left
    # unlinked); p29 会议费 10 / 培训费 43 万元 are the 会议费/培训费 columns of 表9.
    budget, _ = load_budget(sample(NAME))
    fees = {c.subject.measure: c.amount.value for c in budget.claims if c.subject.table == "three_public"
            and c.subject.measure in ("meeting_fee", "training_fee")}
    assert fees == {"meeting_fee": 100000, "training_fee": 430000}
    carry = [c for c in budget.claims if c.subject.name and c.subject.name.startswith("上年结转结余的")]
    assert len(carry) == 5 and all(c.subject.kind == "other" for c in carry)
    _, report = check_file(sample(NAME))
    assert error_keys(report) == {}


def test_narrative_sections_take_the_topic_of_their_own_title():
    # "四、财政拨款收支预算总体情况说明" contains section 一's title; it is still the fiscal-grant section.
    budget, _ = load_budget(sample(NAME))
    topics = {s.number: s.topic for s in budget.narrative}
    assert [topics[n] for n in ("一", "四", "五", "六", "九", "十", "十一")] == [
        "overall", "fiscal_grant", "general_budget", "basic", "three_public", "gov_fund", "state_capital"]
