"""Final accounts (决算): the two sample 决算, read on the national template of nine tables. Every figure
below was read on the page images (sh-putuo pp6–24, cn-xfj pp7–26)."""
from __future__ import annotations

from decimal import Decimal

from conftest import sample

from yusuan.api import check_file, load_budget
from yusuan.figures.summary import summary

SH = "sh-putuo-czj-2024-dept-final.pdf"
CN = "cn-xfj-2024-dept-final.pdf"

# sh-putuo: p6–7 收入支出决算总表, p10 支出决算表 合计, p12–13 财政拨款收入支出决算总表 总计, p17 人员/公用经费合计,
# p18 “三公” 预算数 0.95 with every 决算数 cell blank (null, not 0), p24 机关运行经费 (narrative).
SH_FIGURES = {
    "kind": "决算", "year": 2024, "unit_name": "上海市普陀区财政局", "amount_unit": "万元",
    "income_total": "29953900", "expenditure_total": "29953900", "fiscal_grant_total": "29616800",
    "basic_total": "23369100", "project_total": "6031400", "personnel_total": "21522600", "public_total": "1846500",
    "three_public_total": None, "three_public_abroad": None, "three_public_reception": None,
    "gov_operation_cost": "1846500",
    "income_current_total": "29462500", "expenditure_current_total": "29400500",
    "year_begin_balance": "491400", "year_end_balance": "553400", "three_public_budget_total": "9500",
    "expenditure_by_class": {"201": "21066600", "208": "3267200", "210": "609900", "221": "4456900"},
    "unread": [],
}
# cn-xfj: p7 表1 (行次 columns), p9 表3, p10 表4, p12 表6 (three blocks side by side), p15 表9 (预算数 | 决算数).
CN_FIGURES = {
    "kind": "决算", "year": 2024, "unit_name": "国家信访局",
    "income_total": "220665900", "expenditure_total": "220665900", "fiscal_grant_total": "207275300",
    "basic_total": "110731100", "project_total": "34994200", "personnel_total": "79677200", "public_total": "22666500",
    "three_public_total": "462100", "three_public_abroad": "46900", "three_public_vehicle_purchase": None,
    "three_public_vehicle_operation": "406100", "three_public_reception": "9000", "gov_operation_cost": "22666500",
    "income_current_total": "204513500", "expenditure_current_total": "145725300",
    "year_begin_balance": "16152400", "year_end_balance": "74940600", "three_public_budget_total": "764300",
    "expenditure_by_class": {"201": "106855600", "205": "1800300", "208": "22285700", "210": "4975300",
                             "221": "9808500"},
    "unread": [],
}


def test_sh_putuo_key_figures():
    budget, _ = load_budget(sample(SH))
    assert budget.layout == "national_final"
    data = summary(budget)
    for key, value in SH_FIGURES.items():
        assert data[key] == value, key


def test_cn_xfj_key_figures():
    budget, _ = load_budget(sample(CN))
    data = summary(budget)
    for key, value in CN_FIGURES.items():
        assert data[key] == value, key
    assert [t.id for t in budget.tables] == [
        "income_expenditure_summary", "income_summary", "expenditure_summary", "fiscal_grant_summary",
        "general_budget_by_function", "basic_by_economic", "gov_fund_by_function", "state_capital_by_function",
        "three_public"]


def test_the_nine_tables_columns():
    budget, _ = load_budget(sample(SH))
    # p8 收入决算表: 类 款 项 printed on the 合计 line; 201 06 01 行政运行 1,511.90 | 1,511.89 | 0.01 其他收入.
    row = budget.table("income_summary").row(code="2010601")
    assert (row.value("total"), row.value("fiscal_grant"), row.value("other_income")) == (15119000, 15118900, 100)
    # p19 政府性基金预算财政拨款收入支出决算表: empty, with its note.
    gov_fund = budget.table("gov_fund_by_function")
    assert gov_fund.is_empty and "故本表无数据" in gov_fund.empty_note
    assert {c.measure for c in gov_fund.columns} >= {"year_begin_balance", "current_income", "year_end_balance"}
    # p12–13 财政拨款收入支出决算总表: 年初财政拨款结转和结余 21.63, of which 一般公共预算财政拨款 21.63.
    t4 = budget.table("fiscal_grant_summary")
    assert t4.row(item="year_begin_balance").value("budget") == 216300
    assert t4.row(item="year_begin_general_budget").value("budget") == 216300
    # p16 基本支出决算表 printed as two blocks: 302 商品和服务支出 171.07 is read like 301.
    t6 = budget.table("basic_by_economic")
    assert t6.row(code="302").value("total") == 1710700 and t6.row(code="30239").value("total") == 484900
    cn, _ = load_budget(sample(CN))
    three = cn.table("three_public").rows[0]
    assert three.value("abroad@planned") == 300000 and three.value("abroad") == 46900


def test_execution_claims_hold_the_narratives_budget_figures():
    budget, _ = load_budget(sample(CN))
    by_code = {c.subject.code: c for c in budget.execution_claims if c.subject.code}
    # p21: 行政运行 年初预算为5717.32 万元，支出决算为5757.63 万元，完成年初预算的100.71%，决算数大于预算数。
    first = by_code["2014001"]
    assert (first.planned.value, first.actual.value, first.rate, first.comparison) == (
        Decimal("57173200.00"), Decimal("57576300.00"), Decimal("100.71"), "大于")
    assert first.source.page == 21
    # p23: 行政单位医疗 年初预算为0 万元 … 大于, no rate written.
    medical = by_code["2101101"]
    assert medical.planned.value == 0 and medical.rate is None and medical.comparison == "大于"
    total = next(c for c in budget.execution_claims if c.subject.kind == "general_budget")
    assert (total.planned.value, total.rate) == (Decimal("150685500.00"), Decimal("91.14"))
    three = next(c for c in budget.execution_claims if c.subject.kind == "three_public")
    assert (three.planned.value, three.actual.value, three.comparison) == (Decimal("764300.00"), Decimal("462100.00"), "小于")


def _errors(report):
    return sorted((f.code, f.location.source.page if f.location.source else None) for f in report.findings
                  if f.severity.value == "error")


def test_sh_putuo_defects_found_on_the_pages():
    _, report = check_file(sample(SH))
    # p21 四: 财政拨款收入支出总计 0.3 万元 (table p13: 2961.68) — and "持平"; p21 五(二): 一般公共服务支出 71.73%
    # (2106.66 ÷ 2940.05 = 71.65%); p16–17: 302 商品和服务支出 171.07, its 款 add up to 171.09; p23: 因公出国（境）费
    # and 公务用车购置及运行维护费 "完成预算的0%" where the table's 预算数 is blank.
    assert _errors(report) == [("S102", 16), ("T401", 21), ("T402", 21), ("T432", 23), ("T432", 23)]
    t401 = next(f for f in report.findings if f.code == "T401")
    assert "0.30" in t401.message and "2961.68" in t401.message
    assert not [f for f in report.findings if f.severity.value == "warning"]


def test_cn_xfj_defects_found_on_the_pages():
    _, report = check_file(sample(CN))
    # p17: 收、支总计各增加5834.37 万元，增长35.74% — 5834.37 ÷ 16232.22 = 35.94%.
    assert _errors(report) == [("T403", 17)]
