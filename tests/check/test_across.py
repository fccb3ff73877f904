"""X2xx: identities across tables, minding scope."""
import pytest

from check.builders import (
    budget, set_cell, set_overall, set_project_perf, set_structure, with_table, without_table, w,
)
from check.helpers import assert_fires, assert_silent, run
from yusuan.model import PerformanceProject

CODES = ("X201", "X202", "X203", "X204", "X205", "X206", "X207", "X208", "X209", "X210", "X211", "X212",
         "X213", "X214", "X215", "X216")


@pytest.mark.parametrize("code", CODES)
def test_silent_on_consistent_budget(code):
    assert_silent(budget(), code)


def test_X201_table_1_class_vs_table_3():
    b = set_cell(budget(), "income_expenditure_summary", "budget", "31.00", code="208")
    assert_fires(b, "X201", row="208", table="income_expenditure_summary", contains="表3 支出总表 208 合计 30.00")


def test_X202_income_table_vs_expenditure_table():
    b = set_cell(budget(), "income_summary", "total", "31.00", code="208")
    assert_fires(b, "X202", row="208", table="income_summary")


def test_X202_skipped_not_reported_when_table_2_absent():
    report = run(without_table(budget(), "income_summary"), "X202")
    assert report.findings == () and [s.code for s in report.rules_skipped] == ["X202"]
    assert "表2 收入总表" in report.rules_skipped[0].reason


def test_X203_fiscal_classes_vs_general_budget():
    b = set_cell(budget(), "fiscal_grant_summary", "budget", "11.00", code="221")
    assert_fires(b, "X203", row="221", table="fiscal_grant_summary")


def test_X204_fiscal_income_vs_general_budget_total():
    b = set_cell(budget(), "general_budget_by_function", "total", "99.00")
    assert_fires(b, "X204", table="fiscal_grant_summary", contains="表5-1")


def test_X205_summary_income_vs_fiscal():
    b = set_cell(budget(), "fiscal_grant_summary", "budget", "90.00", item="general_budget")
    assert_fires(b, "X205", table="income_expenditure_summary")


def test_X206_by_unit_vs_by_function():
    b = set_cell(budget(), "general_budget_by_unit", "project", "21.00", code="301001")
    assert_fires(b, "X206", column="项目支出")


def test_X207_economic_totals_vs_function_totals():
    b = set_cell(budget(), "basic_by_economic", "personnel", "66.00")
    assert_fires(b, "X207", column="人员经费", table="basic_by_economic")


def test_X208_projects_sum_to_project_expenditure():
    b = set_cell(budget(), "expenditure_summary", "project", "21.00")
    assert_fires(b, "X208", table="projects", contains="表3 支出总表 合计 项目支出 21.00")


def test_X209_vehicle_operation_below_30231():
    b = set_cell(budget(), "three_public", "vehicle_operation", "2.00", name="“三公”经费")
    assert_fires(b, "X209", column="公务用车运行费")


def test_X210_personnel_vs_table_11():
    b = set_structure(budget(), "expenditure", "personnel", amount="64")
    assert_fires(b, "X210", row="人员类项目支出")


def test_X210_skipped_when_scopes_differ():
    b = set_cell(budget(), "income_expenditure_summary", "budget", "5.00", item="business_income")
    b = set_structure(b, "expenditure", "personnel", amount="64")
    report = run(b, "X210")
    assert report.findings == () and report.rules_skipped[0].code == "X210"


def test_X211_operation_vs_public_plus_operation_projects():
    b = set_structure(budget(), "expenditure", "operation", amount="28")
    assert_fires(b, "X211", contains="公用经费 15.00 + 运转类项目 12.00")


def test_X212_specific_vs_specific_projects():
    o = budget().overall_performance
    projects = (o.projects[0].model_copy(update={"annual_budget": w("9")}), o.projects[1])
    b = set_overall(budget(), projects=projects)
    assert_fires(b, "X212", row="特定目标类项目支出")


def test_X213_table_11_total_vs_table_3():
    b = set_cell(budget(), "expenditure_summary", "total", "101.00")
    assert_fires(b, "X213", contains="表3 支出总表 合计")


def test_X214_table_11_projects_vs_table_10():
    o = budget().overall_performance
    renamed = (o.projects[0].model_copy(update={"name": "产业研究服务"}), o.projects[1])
    found = assert_fires(set_overall(budget(), projects=renamed), "X214")
    assert {f.actual for f in found} >= {"产业研究服务"}
    wrong_amount = (o.projects[0], o.projects[1].model_copy(update={"annual_budget": w("11")}))
    assert_fires(set_overall(budget(), projects=wrong_amount), "X214", row="信息系统运维")


def test_X215_project_table_vs_table_10():
    b = set_project_perf(budget(), "12-2", project_name="信息系统运行维护")
    assert_fires(b, "X215", contains="同编码项目的名称“信息系统运维”")
    b = set_project_perf(budget(), "12-2", annual_budget=w("13"))
    assert_fires(b, "X215", contains="项目当年预算 13.00")


def test_X216_subproject_without_performance_table():
    b = budget()
    b = b.model_copy(update={"project_performance": b.project_performance[:1]})
    assert_fires(b, "X216", row="A101")


def test_X215_a_form_for_the_whole_project_list_is_no_missing_project():
    # Xi'an 2021 表14 "市民政局专项业务" 57,871.63 万元: the whole 专项业务经费 list's 合计, one form for all.
    from check.builders import row, table
    from yusuan.model import RowLevel
    b = budget()
    t10 = b.table("projects")
    t10 = t10.model_copy(update={"rows": (row(None, "合计", level=RowLevel.TOTAL, total="20.00"), *t10.rows)})
    b = with_table(b, t10)
    whole = set_project_perf(b, "12-2", project_name="部门专项业务", project_code=None, annual_budget=w("20"))
    assert [f.message for f in run(whole, "X215").findings if "部门专项业务" in f.message] == []
    part = set_project_perf(b, "12-2", project_name="部门专项业务", project_code=None, annual_budget=w("19"))
    assert_fires(part, "X215", contains="项目“部门专项业务”（编码 未填）不在")


def test_X203_fund_classes_from_the_gov_fund_summary():
    # Xi'an: no 政府性基金预算支出表 by function; the 政府性基金收支表 (two-sided) prints 229 其他支出.
    from check.builders import line, table
    from yusuan.model import RowLevel, Side
    b = without_table(budget(), "gov_fund_by_function")
    t4 = b.table("fiscal_grant_summary")
    extra = line(None, "其他支出", Side.EXPENDITURE, "50.00", code="229", level=RowLevel.CLASS)
    b = with_table(b, t4.model_copy(update={"rows": (*t4.rows, extra)}))
    assert_fires(b, "X203", row="229", table="fiscal_grant_summary")
    t9 = table("gov_fund_summary", "9-1", "政府性基金收支表", ("budget",), [
        line("gov_fund", "政府性基金拨款", Side.INCOME, "50.00"), extra])
    assert_silent(b.model_copy(update={"tables": (*b.tables, t9)}), "X203")


def test_X216_is_skipped_when_a_performance_table_was_not_read():
    # A 项目支出绩效表 printed but not read (P001): no project is said to lack its form.
    from yusuan.model import UnreadTable
    b = budget().model_copy(update={"project_performance": budget().project_performance[:1]})
    assert_fires(b, "X216")
    b = b.model_copy(update={"unread_tables": (UnreadTable(title="项目支出绩效表", number="11"),)})
    report = run(b, "X216")
    assert not report.findings and "项目支出绩效表" in {s.code: s.reason for s in report.rules_skipped}["X216"]


def test_X201_is_skipped_when_the_expenditure_table_lists_no_function_class():
    # Xi'an's 支出总表 lists units and sources, not classes: not a table whose classes are all 0.
    from check.builders import row, table, with_table
    from yusuan.model import RowLevel
    t3 = table("expenditure_summary", "3", "支出总表", ("total",),
               [row(None, "合计", total="100.00"), row(None, "119001 某单位", level=RowLevel.UNIT, total="100.00")])
    report = run(with_table(budget(), t3), "X201")
    assert not report.findings and "X201" in {s.code for s in report.rules_skipped}


def test_X216_is_not_asked_of_an_unknown_region():
    # Which projects publish a performance form is a region's rule (every project in Wuhan, key ones
    # elsewhere): read on an assumed layout, no project is said to lack one.
    b = budget().model_copy(update={"project_performance": budget().project_performance[:1]})
    assert_fires(b, "X216")
    report = run(b.model_copy(update={"layout_assumed": True}), "X216")
    assert not report.findings and "X216" in {s.code for s in report.rules_skipped}
