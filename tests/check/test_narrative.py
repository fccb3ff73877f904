"""T4xx: Part 3 claims against the tables and against themselves."""
from decimal import Decimal

import pytest

from check.builders import budget, set_cell, set_claim, set_structure, w
from check.helpers import assert_fires, assert_silent
from yusuan.check.priors import implied_priors
from yusuan.model import Direction, OtherMatter

CODES = ("T401", "T402", "T403", "T404", "T405", "T406", "T407", "T408", "T410")


@pytest.mark.parametrize("code", CODES)
def test_silent_on_consistent_budget(code):
    assert_silent(budget(), code)


def test_T401_amount_vs_table_cell():
    b = set_claim(budget(), "三", 1, amount="79")
    f = assert_fires(b, "T401", table="expenditure_summary", column="基本支出")[0]
    assert f.expected == "80.00" and f.actual == "79.00" and f.location.section == "三、支出预算安排情况"


def test_T401_text_without_trailing_zeros_is_equal():
    b = set_claim(budget(), "三", 1, amount="80")
    assert_silent(b, "T401")


def test_T401_function_claim_points_at_the_table_row():
    b = set_cell(budget(), "general_budget_by_function", "total", "20.60", code="2080505")
    assert_fires(b, "T401", row="2080505", table="general_budget_by_function")


def test_T401_text_that_drops_trailing_zeros_is_held_to_the_narratives_precision():
    # The narrative prints two decimals elsewhere, so "20 万元" means 20.00, not "about 20".
    b = set_claim(set_cell(budget(), "general_budget_by_function", "total", "20.50", code="2080505"),
                  "三", 1, amount="80.00")
    assert_fires(b, "T401", row="2080505", table="general_budget_by_function")
    # A narrative that prints whole 万元 throughout rounds to whole 万元: 20.50 may be written "20".
    assert_silent(set_cell(budget(), "general_budget_by_function", "total", "20.50", code="2080505"), "T401")


def test_T402_share_vs_ratio():
    b = set_claim(budget(), "三", 1, share=Decimal("81"))
    assert_fires(b, "T402", contains="80.00 ÷ 100.00")


def test_T403_change_vs_percent():
    b = set_claim(budget(), "一", 0, percent=Decimal("12.11"))
    assert_fires(b, "T403", contains="10.00 ÷ 90.00（上年数）= 11.11%")


def test_T404_direction_words():
    b = set_claim(budget(), "一", 0, percent_word="下降")
    assert_fires(b, "T404", contains="“增加”与“下降”方向矛盾")
    b = set_claim(budget(), "七", 0, direction=Direction.FLAT, change="1")
    assert_fires(b, "T404", contains="持平")
    b = set_claim(budget(), "五", 0, amount="0", change="2", percent=None)
    assert_fires(b, "T404", contains="推算上年数为负")


def test_T405_project_name_not_in_table_10():
    b = set_claim(budget(), "十", 1, subject=budget().narrative[-2].claims[1].subject.model_copy(
        update={"name": "信息系统建设与升级", "code": None}))
    f = assert_fires(b, "T405", table="projects")[0]
    assert f.expected == "信息系统运维" and "信息系统建设与升级" in f.message


def test_T406_implied_prior_vs_table_11():
    b = set_structure(budget(), "expenditure", "total", history=((2025, w("95")),))
    assert_fires(b, "T406", contains="推算 2025 年数 90.00 ≠")


def test_T407_none_stated_but_amounts():
    b = budget()
    t8 = b.table("gov_fund_by_function")
    from check.builders import row, with_table
    b = with_table(b, t8.model_copy(update={"rows": (row(None, "合计", total="1.00"),)}))
    assert_fires(b, "T407", table="gov_fund_by_function")


def test_T407_none_of_one_measure_looks_at_that_column_only():
    # "无公务用车购置计划" with 公务用车运行费 3.00 in the table: nothing contradicts it.
    from yusuan.model import Subject
    subject = Subject(kind="three_public_vehicle_purchase", table="three_public", measure="vehicle_purchase")
    b = set_claim(budget(), "七", 0, subject=subject, none_stated=True, amount=None, direction=None)
    assert_silent(b, "T407")
    assert_fires(set_cell(b, "three_public", "vehicle_purchase", "2.00", name="“三公”经费"), "T407",
                 table="three_public")


def test_T408_entrusted_fee():
    b = budget().model_copy(update={"other_matters": (OtherMatter(item="entrusted_fee", title="委托业务费预算情况",
                                                                  amount=w("20")),)})
    assert_fires(b, "T408", contains="2.00 + 项目明细测算中的委托业务费 17.00 = 19.00")


def test_implied_priors_are_exposed():
    priors = {(p.subject.kind, p.subject.code): p.value for p in implied_priors(budget())}
    assert priors[("total", None)] == Decimal("900000")
    assert priors[("function", "2080505")] == Decimal("180000")
    assert priors[("three_public", None)] == Decimal("30000")


def test_T407_an_item_stated_none_is_compared_with_its_own_column():
    # Xi'an 2026 p20: "因公出国（境）经费0.00万元，…均无因公出国（境）经费预算" beside 公务接待费 and
    # 公务用车运行维护费 amounts in the same “三公” table: the item's column is empty, so no alarm …
    from yusuan.model import Subject
    abroad = Subject(kind="three_public_abroad", table="three_public", measure="abroad")
    b = set_claim(budget(), "七", 0, subject=abroad, amount=None, none_stated=True, direction=None,
                  compared_year=None)
    assert_silent(b, "T407")
    # … while a stated-none item whose column holds an amount is one.
    operation = Subject(kind="three_public_vehicle_operation", table="three_public", measure="vehicle_operation")
    b = set_claim(budget(), "七", 0, subject=operation, amount=None, none_stated=True, direction=None,
                  compared_year=None)
    assert_fires(b, "T407", table="three_public")


def test_T401_a_section_rounding_two_figures_to_whole_units_rounds():
    # The narrative prints 0.01 万元 elsewhere ("三公" 3.00), but section 三 states 支出 100 and 基本支出 80
    # for 100.40 / 80.40 (Shanghai's 编制说明 in whole 万元): the section rounds, not a mismatch.
    b = set_claim(budget(), "七", 0, amount="3.00")
    b = set_cell(set_cell(b, "expenditure_summary", "total", "100.40"), "expenditure_summary", "basic", "80.40")
    assert_silent(b, "T401")
    # One figure alone off by less than a whole unit is held to the narrative's 0.01.
    b = set_cell(set_claim(budget(), "七", 0, amount="3.00"), "expenditure_summary", "basic", "80.40")
    assert_fires(b, "T401", table="expenditure_summary", column="基本支出")
    # A rounding section still may not be off by more than its own half unit.
    b = set_cell(set_claim(budget(), "七", 0, amount="3.00"), "expenditure_summary", "total", "100.40")
    b = set_cell(set_cell(b, "expenditure_summary", "project", "20.40"), "expenditure_summary", "basic", "80.60")
    found = assert_fires(b, "T401", table="expenditure_summary", column="基本支出")
    assert len(found) == 1


def test_T407_a_none_stated_column_is_looked_at_alone():
    # "本部门无因公出国（境）经费预算" while the 三公 table prints 公务用车 amounts: the 出国 column is blank.
    b = set_claim(budget(), "七", 0, amount=None, direction=None, compared_year=None, none_stated=True)
    b = set_claim(b, "七", 0, subject=b.narrative[6].paragraphs[0].claims[0].subject.model_copy(
        update={"kind": "three_public_abroad", "measure": "abroad"}))
    assert_silent(b, "T407")
    b = set_cell(b, "three_public", "abroad", "1.00", name="“三公”经费")
    assert_fires(b, "T407", table="three_public")


def test_T401_a_class_the_tables_do_not_print_is_not_compared_with_the_total():
    # Suzhou 水务局 p33: "林业和草原（款）一般行政管理事务（项）支出0 万元" — a 项 at 0 that 表7 does not
    # print: the claim names no line, and the table's 合计 is not its figure.
    b = set_claim(budget(), "五", 0, subject=budget().narrative[4].paragraphs[0].claims[0].subject.model_copy(
        update={"code": None, "name": "一般行政管理事务"}), amount="0")
    assert_silent(b, "T401")


def test_T410_income_and_expenditure_changes_stated_differently():
    # 收支总预算 100 (比上年增加 10, 增长 11.11%) and 支出预算 100 — the same 总计 — stated with another change.
    agree = set_claim(budget(), "三", 0, compared_year=2025, direction=Direction.UP, change="10",
                      percent=Decimal("11.11"), percent_word="增长")
    assert_silent(agree, "T410")
    b = set_claim(budget(), "三", 0, compared_year=2025, direction=Direction.UP, change="12",
                  percent=Decimal("13.64"), percent_word="增长")
    (f,) = assert_fires(b, "T410", contains="比上年增加 12.00 万元，而同为总计 100.00 万元的收支总预算")
    assert (f.expected, f.actual) == ("增加 10.00 万元", "增加 12.00 万元")
    assert f.location.section == "三、支出预算安排情况"
    opposite = set_claim(budget(), "三", 0, compared_year=2025, direction=Direction.DOWN, change="10")
    assert_fires(opposite, "T410", contains="减少 10.00 万元")
    percent_only = set_claim(budget(), "三", 0, compared_year=2025, percent=Decimal("12.5"), percent_word="增长")
    assert_fires(percent_only, "T410", contains="增长12.5%")


def test_T410_silent_when_the_amounts_are_not_the_grand_total():
    # 本年支出 that is not 总计 (the text says 本年支出, or another figure): its prior may differ.
    b = set_claim(budget(), "三", 0, compared_year=2025, direction=Direction.UP, change="12",
                  text="本年支出预算 100 万元")
    assert_silent(b, "T410")
    other = set_claim(budget(), "三", 0, amount="90", compared_year=2025, direction=Direction.UP, change="12")
    assert_silent(other, "T410")
