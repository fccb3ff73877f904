"""S1xx: identities within a table — each fires on a perturbed small budget and stays silent on the consistent one."""
import pytest

from check.builders import budget, set_cell, set_row, with_table
from decimal import Decimal

from check.helpers import assert_fires, assert_silent, fired, run
from yusuan.model import Severity
from yusuan.model import RowLevel

CODES = ("S101", "S102", "S103", "S104", "S105", "S106", "S107", "S108", "S109", "S110", "S111")


@pytest.mark.parametrize("code", CODES)
def test_silent_on_consistent_budget(code):
    assert_silent(budget(), code)


def test_S101_total_row_vs_classes():
    b = set_cell(budget(), "expenditure_summary", "basic", "81.00")
    found = assert_fires(b, "S101", column="基本支出", table="expenditure_summary")
    assert "合计：基本支出 81.00 ≠ 各类之和 80.00，相差 1.00 万元" in found[0].message


def test_S102_class_vs_sections_points_at_class_row():
    b = set_cell(budget(), "general_budget_by_function", "personnel", "31.00", code="208")
    found = assert_fires(b, "S102", row="208", column="人员经费")
    assert found[0].expected == "30.00" and found[0].actual == "31.00"


def test_S103_section_vs_items_lists_the_items():
    b = set_cell(budget(), "expenditure_summary", "total", "19.90", code="2080505")
    found = assert_fires(b, "S103", row="20805", column="合计")
    assert "2080505 19.90 + 2080506 10.00" in found[0].message and "相差 0.10 万元" in found[0].message


def test_S104_total_vs_basic_plus_project_example_message():
    b = set_cell(budget(), "expenditure_summary", "total", "20.10", code="2080505")
    found = assert_fires(b, "S104", row="2080505", column="合计")
    assert found[0].message == ("表3 支出总表 2080505 机关事业单位基本养老保险缴费支出：合计 20.10 ≠ "
                                "基本支出 20.00 + 项目支出 0.00，相差 0.10 万元")


def test_S104_economic_table_total_is_personnel_plus_public():
    b = set_cell(budget(), "basic_by_economic", "total", "12.00", code="30201")
    assert_fires(b, "S104", row="30201", table="basic_by_economic")


def test_S104_one_unit_off_a_single_part_is_a_rounding_level_warning():
    # 合计 = 基本支出 alone (项目支出 blank): the same figure printed twice, so exact; one unit → warning.
    b = set_cell(budget(), "expenditure_summary", "total", "20.01", code="2080505")
    (f,) = assert_fires(b, "S104", row="2080505", column="合计", contains="一个末位单位之差")
    assert f.severity is Severity.WARNING
    assert (f.expected, f.actual) == ("20.00", "20.01")
    two_units = set_cell(budget(), "expenditure_summary", "total", "20.02", code="2080505")
    (g,) = fired(two_units, "S104")
    assert g.severity is Severity.ERROR and "末位单位" not in g.message
    lenient = run(b, "S104", tolerance_yuan=Decimal(100))
    assert lenient.findings == ()


def test_S104_sum_of_two_rounded_parts_may_differ_by_one_unit():
    # 合计 = 基本 + 项目: two rounded figures, n × half a unit = one unit of the last digit.
    b = set_cell(budget(), "expenditure_summary", "project", "0.00", code="2080505")
    assert_silent(set_cell(b, "expenditure_summary", "total", "20.01", code="2080505"), "S104")
    (f,) = fired(set_cell(b, "expenditure_summary", "total", "20.02", code="2080505"), "S104")
    assert f.severity is Severity.ERROR


def test_S105_basic_vs_personnel_plus_public():
    b = set_cell(budget(), "general_budget_by_unit", "public", "14.00", code="301001")
    assert_fires(b, "S105", row="301001", column="基本支出", contains="人员经费 65.00 + 公用经费 14.00")


def test_S106_income_current_total():
    b = set_cell(budget(), "income_expenditure_summary", "budget", "110.00", item="income_current_total")
    assert_fires(b, "S106", row="本年收入合计", table="income_expenditure_summary")


def test_S106_income_total_with_carryover():
    b = set_cell(budget(), "fiscal_grant_summary", "budget", "5.00", item="carryover")
    found = assert_fires(b, "S106", table="fiscal_grant_summary")
    assert any("收入总计" in f.message for f in found)


def test_S107_expenditure_current_total_vs_classes():
    b = set_cell(budget(), "income_expenditure_summary", "budget", "61.00", code="215")
    assert_fires(b, "S107", row="215", contains="各类支出之和 101.00")


def test_S108_income_total_equals_expenditure_total():
    b = set_cell(budget(), "fiscal_grant_summary", "budget", "99.00", item="expenditure_total")
    assert_fires(b, "S108", row="支出总计", table="fiscal_grant_summary")


def test_S109_three_public_total_and_vehicle_subtotal():
    b = set_cell(budget(), "three_public", "reception", "1.00", name="“三公”经费")
    assert_fires(b, "S109", column="“三公”经费合计", contains="公务接待费 1.00")
    b = set_cell(budget(), "three_public", "vehicle_purchase", "2.00", name="“三公”经费")
    assert_fires(b, "S109", column="公务用车购置及运行费")


def test_S109_blank_cells_count_as_zero_not_as_shifted_values():
    # The classic false alarm: blank 出国 and 购置 cells. Blank is zero, nothing shifts.
    assert_silent(budget(), "S109")


def test_S110_project_vs_subprojects():
    b = set_cell(budget(), "projects", "total", "13.00", code="A101")
    assert_fires(b, "S110", row="A100", column="合计")


def test_S111_project_funding_sources():
    b = set_cell(budget(), "projects", "general_budget", "7.00", code="A102")
    assert_fires(b, "S111", row="A102", column="合计")


def test_hierarchy_ignores_parent_without_children():
    t = budget().table("expenditure_summary")
    rows = tuple(r for r in t.rows if r.code not in ("2210201",))
    b = with_table(budget(), t.model_copy(update={"rows": rows}))
    assert_silent(b, "S103")  # 22102 has no 项 left: nothing to add up, not a finding


def test_S106_balances_between_the_income_totals_are_parts_of_the_grand_total():
    # Xi'an: 本年收入合计 | 用事业基金弥补收支差额 (使用非财政拨款结余) | 上年实户资金余额 | 收入总计.
    from check.builders import _two_sided
    lines = [("general_budget", "一般公共预算拨款", "100.00"), ("income_current_total", "本年收入合计", "100.00"),
             ("non_fiscal_balance_used", "用事业基金弥补收支差额", "5.00"),
             ("prior_account_balance", "上年实户资金余额", "10.00"), ("income_total", "收入总计", "115.00")]
    t1 = _two_sided("income_expenditure_summary", "1", "收支总表", lines)
    assert_silent(with_table(budget(), t1), "S106")
    lines[-1] = ("income_total", "收入总计", "120.00")
    t1 = _two_sided("income_expenditure_summary", "1", "收支总表", lines)
    assert_fires(with_table(budget(), t1), "S106", contains="上年实户资金余额 10.00")


def test_S104_income_table_counts_the_balances_columns():
    # Xi'an 收入总表: 合计 = 各收入来源 + 用事业基金弥补收支差额 + 上年实户资金余额.
    from check.builders import row, table
    cols = ("total", "general_budget", "prior_account_balance")
    t2 = table("income_summary", "2", "收入总表", cols, [
        row(None, "合计", total="110.00", general_budget="100.00", prior_account_balance="10.00")])
    assert_silent(with_table(budget(), t2), "S104")
    t2 = table("income_summary", "2", "收入总表", cols, [
        row(None, "合计", total="111.00", general_budget="100.00", prior_account_balance="10.00")])
    assert_fires(with_table(budget(), t2), "S104", contains="上年实户资金余额 10.00")


def _grouped_expenditure(b=None, **perturb):
    """表3 grouped by unit, as Shenzhen prints it: the department's line (the total) over two units'
    lines, each unit repeating the function codes (208 in both). 100.00 = 80.00 + 20.00."""
    from check.builders import row, table
    U = RowLevel.UNIT
    values = {"a208": "20.00", "b20805": "10.00", "dept": "100.00"} | perturb
    rows = [
        row(None, "测试局", total=values["dept"], basic="80.00", project="20.00"),
        row(None, "测试局（本级）", level=U, total="80.00", basic="60.00", project="20.00"),
        row("208", "社会保障和就业支出", total=values["a208"], basic="20.00"),
        row("20805", "行政事业单位养老支出", total="20.00", basic="20.00"),
        row("2080505", "机关事业单位基本养老保险缴费支出", total="20.00", basic="20.00"),
        row("215", "资源勘探工业信息等支出", total="60.00", basic="40.00", project="20.00"),
        row("21508", "支持中小企业发展和管理支出", total="60.00", basic="40.00", project="20.00"),
        row("2150899", "其他支持中小企业发展和管理支出", total="60.00", basic="40.00", project="20.00"),
        row(None, "测试中心", level=U, total="20.00", basic="20.00"),
        row("208", "社会保障和就业支出", total="10.00", basic="10.00"),
        row("20805", "行政事业单位养老支出", total=values["b20805"], basic="10.00"),
        row("2080506", "机关事业单位职业年金缴费支出", total="10.00", basic="10.00"),
        row("221", "住房保障支出", total="10.00", basic="10.00"),
        row("22102", "住房改革支出", total="10.00", basic="10.00"),
        row("2210201", "住房公积金", total="10.00", basic="10.00"),
    ]
    return with_table(b or budget(), table("expenditure_summary", "3", "支出总表", ("total", "basic", "project"), rows))


@pytest.mark.parametrize("code", ("S101", "S102", "S103", "S104", "X201", "X203"))
def test_table_grouped_by_unit_is_checked_unit_by_unit(code):
    # Each unit's 208 holds only its own 20805 (20.00 in one unit, 10.00 in the other): summing every
    # 20805 of the table under each 208 was a false S102; the department's 208 is 表1's 30.00.
    b = _grouped_expenditure()
    assert [h.name for h, _ in b.table("expenditure_summary").unit_groups()] == ["测试局（本级）", "测试中心"]
    assert_silent(b, code)


def test_S102_in_a_unit_names_that_unit_class():
    found = assert_fires(_grouped_expenditure(b20805="11.00"), "S103", row="20805")
    assert len(found) == 1 and found[0].actual == "11.00" and found[0].expected == "10.00"
    found = assert_fires(_grouped_expenditure(b20805="11.00"), "S102", row="208")
    assert len(found) == 1 and found[0].actual == "10.00" and found[0].expected == "11.00"


def test_S101_unit_line_against_its_classes_and_department_against_units():
    found = assert_fires(_grouped_expenditure(a208="21.00"), "S101", column="合计")
    assert "测试局（本级）：合计 80.00 ≠ 各类之和 81.00" in found[0].message
    found = assert_fires(_grouped_expenditure(dept="101.00"), "S101", column="合计")
    assert "测试局：合计 101.00 ≠ 各单位之和 100.00" in found[0].message


def test_S109_department_against_its_units():
    from check.builders import row, table
    cols = ("three_public_total", "abroad", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")

    def three(dept_reception):
        rows = [row(None, "“三公”经费", level=RowLevel.LINE, three_public_total="4.00", abroad="2.00", vehicle_total="1.00",
                    vehicle_purchase="0.00", vehicle_operation="1.00", reception=dept_reception),
                row(None, "测试局（本级）", level=RowLevel.UNIT, three_public_total="3.00", abroad="2.00",
                    vehicle_total="1.00", vehicle_purchase="0.00", vehicle_operation="1.00", reception="0.00"),
                row(None, "测试中心", level=RowLevel.UNIT, three_public_total="1.00", abroad="0.00", vehicle_total="0.00",
                    vehicle_purchase="0.00", vehicle_operation="0.00", reception="1.00")]
        return with_table(budget(), table("three_public", "9", "财政拨款“三公”经费支出表", cols, rows))

    assert_silent(three("1.00"), "S109")
    found = assert_fires(three("2.00"), "S109")
    assert any("公务接待费 2.00 ≠ 各单位之和 1.00" in f.message for f in found)


def test_S104_a_line_printing_its_total_alone_is_not_a_sum_of_nothing():
    # A 收入总表 read with only its 合计 column (Xi'an's by unit and source, read as an unknown region):
    # "合计 62,109,297.20 ≠ （nothing）" would accuse the document of what the reader did not read.
    from check.builders import row, table
    t2 = table("income_summary", "2", "收入总表", ("total", "general_budget"), [row(None, "合计", total="110.00")])
    assert_silent(with_table(budget(), t2), "S104")


def test_S104_and_S111_do_not_add_up_a_row_whose_column_was_not_read():
    # 收入总表 read with its 一般公共预算 column unnamed (P003, said once): 合计 ≠ the columns that were
    # read would accuse the document of the reader's gap.
    from check.builders import row, table
    from yusuan.check import check
    from yusuan.model import Finding, Location, Severity
    t2 = table("income_summary", "2", "收入总表", ("total", "other_income", "carryover"),
               [row(None, "合计", total="110.00", other_income="1.00", carryover="10.00")])
    b = with_table(budget(), t2)
    assert_fires(b, "S104")
    p003 = Finding(code="P003", name="unknown-column", category="读取", severity=Severity.WARNING,
                   message="收入总表：表头“财政拨款”不是本表的指标，该列数值未读取",
                   location=Location(table="income_summary", table_title="表2 收入总表"))
    report = check(b, (p003,))
    assert "S104" not in {f.code for f in report.findings}


def test_S107_rows_that_miss_a_confirmed_total_are_reported_at_the_faulty_row():
    # 表1's classes add to 101 against its 本年支出合计 100; 表3 prints the same 合计 100 and its classes
    # add up, so the 合计 stands and the fault is 表1's 208 line (31.00 where 表3 has 30.00).
    b = set_cell(budget(), "income_expenditure_summary", "budget", "31.00", code="208")
    (f,) = assert_fires(b, "S107", row="208", table="income_expenditure_summary",
                        contains="合计与表3 支出总表一致（100.00），差额出在 208 社会保障和就业支出 行：本表 31.00，表3 支出总表 30.00")
    assert (f.expected, f.actual) == ("30.00", "31.00")


def test_S107_a_wrong_total_is_reported_at_the_total():
    # 合计 itself changed: no other table confirms it, so the finding stays on the 合计 line.
    b = set_cell(budget(), "income_expenditure_summary", "budget", "101.00", item="expenditure_current_total")
    found = assert_fires(b, "S107", table="income_expenditure_summary")
    assert [f.location.row for f in found] == ["本年支出合计", "支出总计"]
    assert not any("差额出在" in f.message for f in found)


def test_S101_faulty_class_row_found_through_the_summary_table():
    b = set_cell(budget(), "expenditure_summary", "total", "12.00", code="221")
    found = assert_fires(b, "S101", table="expenditure_summary")
    at_row = [f for f in found if f.location.column == "合计"]
    assert len(at_row) == 1 and at_row[0].location.row.startswith("221")
    assert "差额出在 221 住房保障支出 行：本表 12.00" in at_row[0].message
