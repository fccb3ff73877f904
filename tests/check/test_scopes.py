"""Identities compared like with like: 表5 with or without carryover (X203/X204), tables printing
only 项 rows with repeated codes (X201/X203), the year-end balance between 收入总表 and 支出总表
(X202), a claim's own printed precision (T401) and a stated prior (T403)."""
from __future__ import annotations

from decimal import Decimal

from check.builders import budget, line, row, set_claim, table, w, with_table
from check.helpers import assert_fires, assert_silent

from yusuan.check.context import CheckContext
from yusuan.check.rules.narrative import claim_tolerance
from yusuan.model import RowLevel, Side

I, E = Side.INCOME, Side.EXPENDITURE


def _t4(classes, carry="10.00", total="110.00"):
    """表4 spending 本年 100.00 + 上年结转 `carry` by class."""
    rows = [line("income_current_total", "本年收入", I, "100.00"), line("general_budget", "一般公共预算拨款", I, "100.00"),
            line("carryover", "上年结转", I, carry), line("carryover_general_budget", "一般公共预算拨款", I, carry),
            line("income_total", "收入总计", I, total)]
    rows += [line(None, name, E, v, code=code, level=RowLevel.CLASS) for code, name, v in classes]
    rows += [line("expenditure_current_total", "本年支出", E, total), line("expenditure_total", "支出总计", E, total)]
    return table("fiscal_grant_summary", "4", "财政拨款收支总表", ("budget",), rows)


CARRIED = (("208", "社会保障和就业支出", "34.00"), ("215", "资源勘探工业信息等支出", "66.00"), ("221", "住房保障支出", "10.00"))


def test_fund_tables_of_the_current_year_only_are_compared_with_this_years_grant():
    # Central departments: 表5 合计 100.00 = 本年; 表4 classes also spend the 10.00 carried over.
    b = with_table(budget(), _t4(CARRIED))
    assert_silent(b, "X203")
    assert_silent(b, "X204")


def test_current_year_scope_still_reports_a_class_below_its_budget_tables():
    low = (("208", "社会保障和就业支出", "28.00"), ("215", "资源勘探工业信息等支出", "72.00"), ("221", "住房保障支出", "10.00"))
    assert_fires(with_table(budget(), _t4(low)), "X203", row="208", contains="（本年拨款）")


def test_fund_table_matching_neither_scope_is_reported():
    b = with_table(budget(), _t4(CARRIED, carry="10.00", total="110.00"))
    t5 = b.table("general_budget_by_function")
    rows = tuple(r.model_copy(update={"cells": tuple(c.model_copy(update={"amount": w("105.00")}) if c.measure == "total"
                                                     else c for c in r.cells)}) if r.level is RowLevel.TOTAL else r
                 for r in t5.rows)
    b = with_table(b, t5.model_copy(update={"rows": rows}))
    assert_fires(b, "X204", contains="本年 + 上年结转 110.00 ≠")


def test_with_carryover_in_table_5_the_national_rule_holds():
    # The same 表4 with no carryover at all: every class must equal the budget tables' sum.
    same = (("208", "社会保障和就业支出", "30.00"), ("215", "资源勘探工业信息等支出", "60.00"), ("221", "住房保障支出", "10.00"))
    assert_silent(with_table(budget(), _t4(same, carry=None, total="100.00")), "X203")
    wrong = (("208", "社会保障和就业支出", "34.00"), ("215", "资源勘探工业信息等支出", "56.00"), ("221", "住房保障支出", "10.00"))
    assert_fires(with_table(budget(), _t4(wrong, carry=None, total="100.00")), "X203", row="208")


def _items_only(first_part="12.00"):
    """表3 printing 项 rows only, one code split over two rows (Beijing 预算03表 by economic class)."""
    return table("expenditure_summary", "3", "支出总表", ("total", "basic", "project"), [
        row(None, "合计", total="100.00", basic="80.00", project="20.00"),
        row("2080505", "机关事业单位基本养老保险缴费支出", total=first_part, basic=first_part),
        row("2080505", "机关事业单位基本养老保险缴费支出", total="8.00", basic="8.00"),
        row("2080506", "机关事业单位职业年金缴费支出", total="10.00", basic="10.00"),
        row("2150899", "其他支持中小企业发展和管理支出", total="60.00", basic="40.00", project="20.00"),
        row("2210201", "住房公积金", total="10.00", basic="10.00"),
    ])


def test_classes_of_an_items_only_table_sum_repeated_codes():
    assert_silent(with_table(budget(), _items_only()), "X201")
    found = assert_fires(with_table(budget(), _items_only("13.00")), "X201", row="208")
    assert "31.00" in found[0].message and len(found) == 1  # 13 + 8 + 10, never 0


def _with_balance(b, balance="5.00", income_total="105.00"):
    t1 = b.table("income_expenditure_summary")
    rows = tuple(r.model_copy(update={"cells": (w_cell(balance),)}) if r.item == "year_end_balance" else r
                 for r in t1.rows)
    b = with_table(b, t1.model_copy(update={"rows": rows}))
    t2 = b.table("income_summary")
    rows = tuple(r.model_copy(update={"cells": tuple(c.model_copy(update={"amount": w(income_total)}) for c in r.cells)})
                 if r.level is RowLevel.TOTAL else r for r in t2.rows)
    return with_table(b, t2.model_copy(update={"rows": rows}))


def w_cell(value):
    from yusuan.model import Cell
    return Cell(measure="budget", amount=w(value))


def test_income_table_includes_the_balance_carried_forward():
    # 收入总表 105.00 (with 上年结转结余) = 支出总表 100.00 + 年终结转结余 5.00.
    assert_silent(_with_balance(budget()), "X202")
    assert_fires(_with_balance(budget(), income_total="106.00"), "X202", contains="年终结转结余 5.00")


def test_claim_tolerance_is_the_claims_own_precision_plus_the_tables():
    ctx = CheckContext(budget())
    six = w("51036.219169")
    assert claim_tolerance(ctx, w("51036.22"), six) == Decimal("50.005")  # 0.005 + 0.0000005 万元, in 元
    assert claim_tolerance(ctx, w("72"), w("72.00")) == Decimal("5050")  # '72 万元': half a 万元 + half 0.01


def test_t401_six_decimal_table_and_two_decimal_text():
    b = budget()
    t3 = b.table("expenditure_summary")
    rows = tuple(r.model_copy(update={"cells": tuple(c.model_copy(update={"amount": w("80.003000")}) if c.measure == "basic"
                                                     else c for c in r.cells)}) if r.level is RowLevel.TOTAL else r
                 for r in t3.rows)
    b = with_table(b, t3.model_copy(update={"rows": rows}))
    assert_silent(set_claim(b, "三", 1, amount="80.00"), "T401")
    assert_fires(set_claim(b, "三", 1, amount="80.01"), "T401", contains="80.01")


def test_t403_uses_the_stated_prior_and_checks_it_against_the_change():
    # '比 2025 年预算数 90 万元增加 10 万元，增长 11.11%': consistent.
    b = set_claim(budget(), "一", 0, prior_amount=w("90.00"))
    assert_silent(b, "T403")
    # The stated prior 80.00 makes the change 20.00, not the 10.00 written.
    assert_fires(set_claim(budget(), "一", 0, prior_amount=w("80.00")), "T403", contains="上年 80.00")
    # Prior stated, the rate computed on it: 10 ÷ 90 = 11.11% holds, 12.50% does not.
    assert_fires(set_claim(b, "一", 0, percent=Decimal("12.50")), "T403", contains="10.00 ÷ 90.00")
