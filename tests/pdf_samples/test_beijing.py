"""Beijing sample (北京市统计局 2026): tables in one PDF (预算01–13表, 万元 six decimals, codes printed
"2010501-行政运行"), narrative in another, read as one document with --together."""
from __future__ import annotations

from decimal import Decimal

from conftest import sample
from cli_util import run
from helpers import error_keys, numeric_cells, unread_numbers

from yusuan.api import check_together, load_budget, load_budget_together
from yusuan.figures.summary import summary

TABLES = "bj-tjj-2026-dept-budget-tables.pdf"
TEXT = "bj-tjj-2026-dept-budget-text.pdf"

# p1 预算01表, p8 预算04表, p7 预算03表 合计, p21 预算06表 合计, p24 预算09表 (公务用车购置费 cell blank: null).
FIGURES = {
    "year": 2026, "level": "部门", "amount_unit": "万元",
    "income_total": "510362191.69", "expenditure_total": "510362191.69", "fiscal_grant_total": "508181758.49",
    "basic_total": "327804631.09", "project_total": "181474876.32", "personnel_total": "298601711.36",
    "public_total": "28968440.81", "three_public_total": "737900", "three_public_abroad": "451900",
    "three_public_vehicle_purchase": None, "three_public_vehicle_operation": "274200",
    "three_public_reception": "11800",
    "expenditure_by_class": {"201": "402629256.97", "205": "3944723.8", "208": "33441907.4",
                             "210": "22958848.44", "215": "187500", "221": "46117270.8"},
}


def _paths():
    return [sample(TABLES), sample(TEXT)]


def test_summary_figures_of_the_tables_alone_and_together():
    alone, _ = load_budget(sample(TABLES))
    together, _ = load_budget_together(_paths()[::-1])  # order given does not matter
    assert alone.layout == together.layout == "beijing_dept"
    for budget in (alone, together):
        data = summary(budget)
        for key, value in FIGURES.items():
            assert data[key] == value, key


def test_provenance_names_each_file():
    tables, text = (str(p) for p in _paths())
    budget, _ = load_budget_together([tables, text])
    cell = budget.table("three_public").rows[0].get("abroad")
    assert cell.source.file == tables and cell.source.page == 24
    claims = [c for s in budget.narrative for p in s.paragraphs for c in p.claims]
    assert claims and {c.source.file for c in claims} == {text}
    assert budget.source_file == f"{text} + {tables}"


def test_code_name_cells_and_economic_columns():
    budget, _ = load_budget(sample(TABLES))
    t3 = budget.table("expenditure_summary")
    first = t3.rows[0]
    assert (first.code, first.name) == ("2010501", "行政运行")
    assert dict(first.texts) == {"政府支出经济分类科目": "50101-工资奖金津补贴", "部门支出经济分类科目": "30101-基本工资"}
    t6 = budget.table("basic_by_economic")  # the 部门 economic column names the row
    assert t6.rows[0].code == "30101" and t6.total_row().value("personnel") == Decimal("298601711.36")
    # 预算05表 lists each unit's rows one after another (pp9–18), with the header repeated.
    t5 = budget.table("general_budget_by_function")
    assert len([r for r in t5.rows if r.code == "2010501"]) == 20
    assert {r.source.page for r in t5.rows} == set(range(9, 19))
    # 预算05表 项目支出/扣除基建项目后预算数 (p9); 其他制造业支出 prints none.
    assert t5.rows[1].value("project@excl_capital") == 57443900
    assert next(r for r in t5.rows if r.code == "2150299").get("project@excl_capital") is None
    # 预算02表 (p2): 本年收入/小计 and 上年结转结余/单位资金.
    t2 = budget.table("income_summary").total_row()
    assert (t2.value("current_income"), t2.value("carryover_unit_funds")) == (
        Decimal("506664540.93"), Decimal("2170860"))
    assert not [f for f in load_budget(sample(TABLES))[1] if f.code == "P003"]


def test_every_number_is_a_fact():
    budget, _ = load_budget_together(_paths())
    # + 预算10表 (p25) 3 amounts, 预算11表 (p26) 32 (label_tree tables)
    assert numeric_cells(budget) == 1212 + 35  # + 预算02表 本年收入/小计, 单位资金; 预算05表 扣除基建项目后预算数 (74)
    assert unread_numbers(budget, _paths()) == []


def test_check_together_remaining_errors():
    _, report = check_together(_paths())
    assert error_keys(report) == {
        # Gone: C004 — 预算07/08表 (tables p22-23) print only an empty 合 计 line with no note, but the text (p4,
        # checked on the page) says "2.政府性基金预算拨款收入0 万元。3.国有资本经营预算拨款收入0 万元。": explained.
        # Gone, by rule scope: T401 (the text's own precision, 0.01 万元, bounds its rounding; 支出预算 51036.22
        # is 预算01表's 支出总计, 年终结转结余 108.27 included), T403 (the stated prior 45557.68 is the compared
        # figure: 5478.54 / 45557.68 = 12.03%), X201/X203 (预算03/05表 print only 项 rows, repeated per
        # economic class or unit: classes are their sums), X202 (收入总表 51036.22 = 支出总表 50927.95 + 108.27).
    }


def test_stated_prior_and_grand_total_claims():
    budget, _ = load_budget_together(_paths())
    heads = [s.claims[0] for s in budget.narrative if s.topic in ("income", "expenditure")]
    # p4/p5: '比2025年年初预算数45557.68万元增加5478.54万元，增长12.03%' — the stated prior is compared.
    assert [(c.amount.value, c.prior_amount.value, c.change.value, c.percent) for c in heads] == [
        (Decimal("510362200"), Decimal("455576800"), Decimal("54785400"), Decimal("12.03"))] * 2
    # '支出预算' balances the income total: 预算01表 支出总计 (with 年终结转结余 108.27), not 预算03表 合计.
    spend = heads[1].subject
    assert (spend.table, spend.code) == ("income_expenditure_summary", "expenditure_total")


def test_cli_together():
    tables, text = _paths()
    result = run("summary", "--json", "--together", tables, text)
    assert result.code == 0 and '"three_public_total": "737900"' in result.out
    # Without --together the two files are two documents (a batch, issue 13): the text file's own words
    # say its tables are published apart, so the user is told about --together.
    apart = run("summary", tables, text)
    assert apart.code == 0 and "--together" in apart.err and "另行公开" in apart.err
    checked = run("check", "--together", "--format", "json", tables, text)
    assert checked.code == 0 and "C004" not in checked.out
    # The tables file alone has no narrative: its empty 预算07/08表 are explained nowhere in it.
    alone = run("check", "--format", "json", tables)
    assert alone.code == 1 and alone.out.count('"C004"') == 2
