"""S12x/S13x: identities within tables 11 and 12-n."""
from decimal import Decimal

import pytest

from check.builders import budget, set_project_perf, set_structure, w
from check.helpers import assert_fires, assert_silent
from yusuan.model import CostItem, FundingLine

CODES = ("S120", "S121", "S122", "S130", "S131", "S132")


@pytest.mark.parametrize("code", CODES)
def test_silent_on_consistent_budget(code):
    assert_silent(budget(), code)


def test_S120_cost_breakdown():
    costs = (CostItem(activity="咨询", economic_name="委托业务费", amount=w("5")),
             CostItem(activity="通信", economic_name="邮电费", amount=w("4")))
    b = set_project_perf(budget(), "12-1", costs=costs)
    found = assert_fires(b, "S120", table="project_performance", contains="各活动金额之和 9.00")
    assert found[0].location.table_title == "表12-1 项目支出绩效目标表"


def test_S121_funding_lines():
    funding = (FundingLine(item="total", name="合计", amount=w("8")),
               FundingLine(item="general_budget", name="一般公共预算财政拨款", amount=w("7")))
    b = set_project_perf(budget(), "12-1", funding=funding)
    assert_fires(b, "S121", contains="各来源之和 7.00")


def test_S121_own_financing_subline_is_not_added_twice():
    assert_silent(budget(), "S121")  # 其中：申请本级财力 repeats 一般公共预算 and must not count


def test_S122_history_year_vs_annual_budget():
    b = set_project_perf(budget(), "12-1", budget_history=((2025, w("7")), (2026, w("9"))))
    assert_fires(b, "S122", contains="2026 年预算 9.00 ≠ 项目当年预算 8.00")


def test_S130_shares_add_to_100():
    b = budget()
    for item, share in (("personnel", "65.00"), ("operation", "27.00"), ("specific", "9.00")):
        b = set_structure(b, "expenditure", item, share=Decimal(share))
    assert_fires(b, "S130", contains="占比之和 101.00%")


def test_S130_allows_rounding_of_each_share():
    b = set_structure(budget(), "expenditure", "personnel", share=Decimal("65.04"))
    assert_silent(b, "S130")  # 0.04 ≤ three half-units (0.005 + 0.5 + 0.5)


def test_S131_share_vs_ratio():
    b = set_structure(budget(), "expenditure", "operation", share=Decimal("37"))
    assert_fires(b, "S131", row="运转类项目支出", contains="27.00 ÷ 100.00 = 27.00%")


def test_S131_rounded_share_is_accepted():
    b = set_structure(budget(), "expenditure", "personnel", amount="65.004", share=Decimal("65.0"))
    assert_silent(b, "S131")


def test_S132_amounts_and_history_add_up():
    b = set_structure(budget(), "expenditure", "total", amount="101")
    assert_fires(b, "S132", contains="当年金额 101.00 ≠ 各行之和 100.00")
    b = set_structure(budget(), "expenditure", "specific", history=((2025, w("6")),))
    assert_fires(b, "S132", contains="2025 年金额 90.00 ≠ 各行之和 91.00")
