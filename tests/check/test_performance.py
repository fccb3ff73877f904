"""S12x/S13x: identities within tables 11 and 12-n."""
from decimal import Decimal

import pytest

from check.builders import budget, set_project_perf, set_structure, w
from check.helpers import assert_fires, assert_silent
from yusuan.model import CostItem, FundingLine, ProjectListTotal, ProjectPerformance

CODES = ("S120", "S121", "S122", "S123", "S130", "S131", "S132")


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


def _project_list(unit_total: str, *amounts: str):
    """A list of project forms (Guangzhou's attachment): 合计, one unit's line, its projects."""
    projects = tuple(
        ProjectPerformance(project_name=f"项目{i}", executing_unit="某分局", annual_budget=w(a),
                           funding=(FundingLine(item="fiscal_grant", name="财政拨款", amount=w(a)),))
        for i, a in enumerate(amounts, 1))
    all_sum = str(sum(Decimal(a) for a in amounts))
    totals = (
        ProjectListTotal(scope="all", name="合计：", amount=w(all_sum),
                         funding=(FundingLine(item="fiscal_grant", name="财政拨款", amount=w(all_sum)),),
                         first=0, count=len(projects)),
        ProjectListTotal(scope="unit", name="某分局", amount=w(unit_total),
                         funding=(FundingLine(item="fiscal_grant", name="财政拨款", amount=w(unit_total)),),
                         first=0, count=len(projects)),
    )
    return budget().model_copy(update={"project_performance": projects, "project_performance_totals": totals})


def test_S123_unit_line_vs_its_projects():
    b = _project_list("382.68", "300.00", "82.68")
    assert_silent(b, "S123")
    found = assert_fires(_project_list("392.68", "300.00", "72.68"), "S123", row="某分局",
                         contains="某分局：总计 392.68 ≠ 所列 2 个项目之和 372.68，相差 20.00 万元")
    assert {f.message.split("：")[1].split(" ")[0] for f in found} == {"总计", "财政拨款"}


def test_S123_allows_half_a_unit_per_rounded_project():
    # Three amounts rounded on their own (0.004 + 0.004 + 0.004 lost) under a total rounded from the exact sum.
    assert_silent(_project_list("3.01", "1.00", "1.00", "1.00"), "S123")
    assert_fires(_project_list("3.02", "1.00", "1.00", "1.00"), "S123", contains="总计 3.02 ≠ 所列 3 个项目之和 3.00")
