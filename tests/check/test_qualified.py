"""S150–S153: identities between qualified columns (上年执行数 | 本年 | 增减额 | 增减%, funds, periods)."""
from __future__ import annotations

from decimal import Decimal

from check.builders import budget, src, table, w
from check.helpers import assert_fires, assert_silent
from yusuan.model import Amount, AmountUnit, Cell, Row, RowLevel

CODES = ("S150", "S151", "S152", "S153")


def pct(text: str) -> Amount:
    d = Decimal(text)
    return Amount(value=d, unit=AmountUnit.PERCENT, places=-d.as_tuple().exponent, source=src())


def _row(code, name, **cells) -> Row:
    level = RowLevel.for_code(code) if code else RowLevel.TOTAL
    return Row(code=code, name=name, level=level, source=src(), cells=tuple(
        Cell(measure=m.replace("__", "@"), amount=pct(v[:-1]) if v.endswith("%") else w(v))
        for m, v in cells.items() if v is not None))


def _t5(change="670.85", rate="1009.71%"):
    # The figures of a central 表5 line: 2025 年执行数 66.44 → 2026 年预算数 737.29.
    columns = ("total@prior_actual", "total", "total@change", "total@change_pct")
    rows = [_row("2014002", "一般行政管理事务", total__prior_actual="66.44", total="737.29",
                 total__change=change, total__change_pct=rate),
            # Nothing spent last year: no rate to compare.
            _row("2014004", "信访业务", total="10.00", total__change="10.00")]
    return table("general_budget_by_function", "5", "一般公共预算支出表", columns, rows)


def _three_public(prior_total="51.84", meeting_change="-7.21", fund_total="5.00"):
    cells = {"total@prior": prior_total, "three_public_total@prior": "9.30", "reception@prior": "1.80",
             "vehicle_total@prior": "7.50", "vehicle_operation@prior": "7.50", "meeting_fee@prior": "13.00",
             "training_fee@prior": "29.54", "total": "91.39", "three_public_total": "8.10", "reception": "1.50",
             "vehicle_total": "6.60", "vehicle_operation": "6.60", "meeting_fee": "5.79", "training_fee": "77.50",
             "meeting_fee@change": meeting_change, "training_fee@change": "47.96",
             "abroad": fund_total, "abroad@general_budget": "3.00", "abroad@gov_fund": "2.00",
             "abroad@state_capital": "0.00"}
    row = Row(name="“三公”经费", source=src(), cells=tuple(Cell(measure=m, amount=w(v)) for m, v in cells.items()))
    return table("three_public", "13", "“三公”经费及会议费、培训费支出预算表", tuple(cells), [row])


def _with(*new):
    b = budget()
    ids = {t.id for t in new}
    return b.model_copy(update={"tables": tuple(t for t in b.tables if t.id not in ids) + new})


def test_silent_on_consistent_columns():
    b = _with(_t5(), _three_public())
    for code in CODES:
        assert_silent(b, code)


def test_S150_change_is_current_minus_prior():
    assert_fires(_with(_three_public(meeting_change="-7.30")), "S150", table="three_public",
                 contains="会议费（增减额） -7.30 ≠ 会议费 5.79 − 会议费（上年预算数） 13.00 = -7.21")


def test_S151_rate_is_change_over_prior():
    assert_fires(_with(_t5(rate="1019.71%")), "S151", row="一般行政管理事务",
                 contains="合计（增减率） 1019.71% ≠ 合计（增减额） 670.85 ÷ 合计（上年执行数） 66.44 = 1009.71%")
    assert_silent(_with(_t5(rate="1009.70%")), "S151")  # 1009.708…: one unit of the last printed digit
    assert_fires(_with(_t5(rate="1010.00%")), "S151")  # beyond what the rounding of 66.44 and 670.85 explains


def test_S152_funds_add_up_to_the_measure():
    assert_fires(_with(_three_public(fund_total="6.00")), "S152",
                 contains="因公出国（境）费 6.00 ≠ 因公出国（境）费（一般公共预算） 3.00 + ")


def test_S153_three_public_in_the_prior_group():
    assert_fires(_with(_three_public(prior_total="52.84")), "S153",
                 contains="合计（上年预算数） 52.84 ≠ “三公”经费合计（上年预算数） 9.30 + 会议费（上年预算数） 13.00")


def test_S153_silent_when_no_line_prints_the_whole():
    # Items as lines (Guangzhou read with another region's layout): the columns are named 合计 | 一般公共预算 …,
    # the line's cells hold the items; no line prints a 合计 of 三公 + 会议费 + 培训费 to add up.
    cells = {"three_public_total": "19.86", "abroad": "5.00", "vehicle_total": "6.70", "reception": "8.16",
             "meeting_fee": "1.00"}
    row = Row(name="“三公”经费", source=src(), cells=tuple(Cell(measure=m, amount=w(v)) for m, v in cells.items()))
    t = table("three_public", "8", "财政拨款安排的行政经费及“三公”经费预算表", ("total", "total@general_budget"), [row])
    assert_silent(_with(t), "S153")
    t = table("three_public", "8", "“三公”经费及会议费、培训费支出预算表", ("total", *cells),
              [row.model_copy(update={"cells": (*row.cells, Cell(measure="total", amount=w("30.00")))})])
    assert_fires(_with(t), "S153", contains="合计 30.00")
