"""决算 rules (check/rules/final.py) on the consistent example 决算 (examples/final-demo-2024.yaml with its
generated 说明), each broken once; and the budget-only rules skipped on a 决算."""
from __future__ import annotations

from decimal import Decimal

import pytest

from check.builders import set_cell, without_table
from check.helpers import assert_fires, assert_silent, run
from conftest import EXAMPLES
from yusuan.extract.final_narrative import execution_claims
from yusuan.extract.yaml_budget import read
from yusuan.model import Amount, AmountUnit, Paragraph
from yusuan.narrative.prepare import prepare

CODES = ("S160", "S161", "X230", "X231", "T430", "T431", "T432", "T433", "T434", "X303", "X304")


def final():
    b = prepare(read(EXAMPLES / "final-demo-2024.yaml"))
    return b.model_copy(update={"execution_claims": execution_claims(b.narrative, b)})


def _claim(b, kind, code=None):
    return next(i for i, c in enumerate(b.execution_claims) if c.subject.kind == kind and c.subject.code == code)


def _edit_claim(b, kind, code=None, **update):
    i = _claim(b, kind, code)
    claims = list(b.execution_claims)
    claims[i] = claims[i].model_copy(update=update)
    return b.model_copy(update={"execution_claims": tuple(claims)})


def _wan(text: str) -> Amount:
    d = Decimal(text)
    return Amount(value=d * 10000, unit=AmountUnit.WAN, places=2)


@pytest.mark.parametrize("code", CODES)
def test_silent_on_consistent_final(code):
    assert_silent(final(), code)


def test_S160_balances_either_side_of_the_year():
    b = set_cell(final(), "income_expenditure_summary", "budget", "45.00", item="year_end_balance")
    assert_fires(b, "S160", table="income_expenditure_summary", contains="年初结转和结余 30.00")


def test_S160_fund_table_row():
    b = final()
    t = b.table("gov_fund_by_function")
    from yusuan.model import Cell, Column
    row = t.rows[0].model_copy(update={"cells": (Cell(measure="year_begin_balance", amount=_wan("1.00")),
                                                 Cell(measure="total", amount=_wan("2.00")))})
    cols = tuple(Column(measure=m, label=m) for m in ("year_begin_balance", "current_income", "total", "year_end_balance"))
    b = b.model_copy(update={"tables": tuple(t.model_copy(update={"rows": (row,), "columns": cols}) if x.id == t.id else x
                                             for x in b.tables)})
    assert_fires(b, "S160", contains="本年支出 2.00")


def test_S161_staff_total_against_its_classes():
    b = set_cell(final(), "basic_by_economic", "personnel", "730.00", item="personnel_total")
    assert_fires(b, "S161", row="人员经费合计", contains="301 710.00 + 303 10.00")


def test_X230_staff_totals_equal_basic():
    b = set_cell(final(), "general_budget_by_function", "basic", "800.00")
    assert_fires(b, "X230", table="general_budget_by_function", contains="人员经费合计 720.00 + 公用经费合计 70.00")


def test_X231_income_table_against_the_summary():
    b = set_cell(final(), "income_summary", "total", "1030.00")
    assert_fires(b, "X231", table="income_summary", contains="本年收入合计")


def test_X231_general_budget_table_against_table_4():
    b = set_cell(final(), "general_budget_by_function", "total", "995.00")
    assert_fires(b, "X231", table="general_budget_by_function", contains="本年支出合计")


def test_T430_actual_against_the_table():
    b = _edit_claim(final(), "function", "2010601", actual=_wan("590.00"))
    assert_fires(b, "T430", row="2010601", contains="决算数 590.00 万元 ≠")


def test_T431_rate():
    b = _edit_claim(final(), "function", "2010602", rate=Decimal("85.00"))
    assert_fires(b, "T431", contains="完成率 85.00% ≠ 200.00 ÷ 250.00 = 80.00%")


def test_T431_three_public_item_rate_against_the_tables_budget():
    b = _edit_claim(final(), "three_public_abroad", None, rate=Decimal("25.00"))
    assert_fires(b, "T431", contains="（“三公”经费表预算数）")


def test_T432_rate_without_budget():
    b = set_cell(final(), "three_public", "abroad@planned", None, name="“三公”经费")
    assert_fires(b, "T432", contains="因公出国（境）费：写出完成率 20.00%")


def test_T433_comparison_word():
    b = _edit_claim(final(), "general_budget", None, comparison="大于", comparison_text="大于")
    assert_fires(b, "T433", contains="决算数 990.00 小于年初预算数 1000.00")


def test_T433_equal_is_equal():
    b = _edit_claim(final(), "function", "2080505", comparison="小于", comparison_text="小于")
    assert_fires(b, "T433", contains="等于")


def test_T434_three_public_budget_against_the_table():
    b = _edit_claim(final(), "three_public", None, planned=_wan("35.00"))
    assert_fires(b, "T434", contains="预算数 35.00 万元 ≠")


def test_X303_snapshot_date():
    b = final()
    sections = list(b.narrative)
    i = next(k for k, s in enumerate(sections) if s.topic == "other_matters")
    para = Paragraph(text="截至2023年12月31日，某某区示例局共有车辆2辆。")
    sections[i] = sections[i].model_copy(update={"paragraphs": (*sections[i].paragraphs, para)})
    assert_fires(b.model_copy(update={"narrative": tuple(sections)}), "X303", contains="2024 年 12 月 31 日")


def test_budget_only_rules_skip_a_final():
    report = run(final(), ("X202", "X204"))
    assert report.findings == ()
    assert {s.code: s.reason for s in report.rules_skipped} == {
        "X202": "只适用于预算公开文件，本文件是决算", "X204": "只适用于预算公开文件，本文件是决算"}


def test_final_rules_skip_a_budget():
    from check.builders import budget
    report = run(budget(), CODES)
    assert report.findings == () and len(report.rules_skipped) == len(CODES)


def test_required_tables_of_a_final():
    b = without_table(final(), "three_public")
    assert_fires(b, "C002", contains="财政拨款“三公”经费支出决算表")


def test_X304_heading_names_another_unit():
    from yusuan.model import PartHeading
    b = final().model_copy(update={"headings": (PartHeading(part=1, title="某某区示例局概况"),
                                                PartHeading(part=3, title="某某县示例局2024年部门决算情况说明"))})
    assert_fires(b, "X304", contains="“某某县示例局”与封面“某某区示例局”不一致")
