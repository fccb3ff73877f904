"""Files holding a budget's narrative alone: Beijing's part one (情况说明; the 部门预算报表 are an
attachment published apart) and Xi'an 2019's 部门综合预算说明 (28 pages, its 公开报表 an attachment).
Their key figures are the ones the narrative states, each read on the page images; the summary names
them under `from_narrative`; the checker says once that the tables are published apart."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest
from conftest import sample
from cli_util import run

from yusuan.api import check_file, load_budget, load_budget_together
from yusuan.check import check
from yusuan.figures.summary import summary

KEYS = ("income_total", "expenditure_total", "fiscal_grant_total", "basic_total", "project_total",
        "personnel_total", "public_total", "three_public_total", "three_public_abroad",
        "three_public_vehicle_purchase", "three_public_vehicle_operation", "three_public_reception",
        "gov_operation_cost")

# Beijing (2026): p6/p7 '2026 年度收入预算…万元' and '2026 年支出预算…万元' (支出预算 includes the 年终结转结余,
# it balances the income: bj-jw p9 年终结转结余资金 560823.20), '（一）基本支出。基本支出预算…',
# '（二）项目支出。项目支出预算…'; p8 (jw p10) '2026 年财政拨款“三公”经费预算…', '（一）因公出国（境）费用。
# 2026 年预算数…', '（二）公务接待费。2026 年预算数…', '包括公务用车购置费预算…、公务用车运行维护费预算…';
# p9 (jw p10) '…机关运行经费财政拨款预算…'. fiscal_grant_total stays null: the text states only
# '（一）本年财政拨款收入' (without the fiscal carry-over that 财政拨款收支总表's 收入总计 holds — bj-tjj:
# 本年 50665.50 万元 vs 收入总计 50818.18 万元); personnel/public are not stated.
STATED = {
    "bj-czj-2026-dept-budget.pdf": {
        "income_total": "441693600", "expenditure_total": "441693600", "basic_total": "280162600",
        "project_total": "161531000", "three_public_total": "2238000", "three_public_abroad": "1277400",
        "three_public_vehicle_purchase": "449200", "three_public_vehicle_operation": "395000",
        "three_public_reception": "116400", "gov_operation_cost": "11586000",
    },
    "bj-jtw-2026-dept-budget.pdf": {
        "income_total": "14487873500", "expenditure_total": "14487873500", "basic_total": "1451133500",
        "project_total": "13036740000", "three_public_total": "13282200", "three_public_abroad": "1669800",
        "three_public_vehicle_purchase": "6664100", "three_public_vehicle_operation": "4912800",
        "three_public_reception": "35500", "gov_operation_cost": "103846000",
    },
    "bj-jw-2026-dept-budget.pdf": {
        "income_total": "44838998300", "expenditure_total": "44838998300", "basic_total": "29192657800",
        "project_total": "10038108500", "three_public_total": "21153800", "three_public_abroad": "10263600",
        "three_public_vehicle_purchase": "4638000", "three_public_vehicle_operation": "5586100",
        "three_public_reception": "666100", "gov_operation_cost": "9522300",
    },
    # Xi'an 2019: p22 '2019 年部门预算收入203091.65 万元'; p23 '2019 年本部门财政拨款收入203091.65 万元';
    # p26 '“三公”经费预算18.6 万元' then '其中：因公出国（境）经费0 万元…；公务接待费8.6 万元…；公务用车
    # 运行维护费10 万元' (no 购置费 stated: null); p27 '本部门2019 年机关运行经费预算安排343.61 万元'.
    # The total expenditure is never stated (only 财政拨款支出 and 一般公共预算支出): null.
    "xian-fgw-2019-dept-budget.pdf": {
        "income_total": "2030916500", "fiscal_grant_total": "2030916500", "three_public_total": "186000",
        "three_public_abroad": "0", "three_public_vehicle_operation": "100000", "three_public_reception": "86000",
        "gov_operation_cost": "3436100",
    },
}
# Page of each figure's number (the source of its amount).
PAGES = {
    "bj-czj-2026-dept-budget.pdf": {"income_total": 6, "expenditure_total": 7, "basic_total": 7, "project_total": 7,
                                    "three_public_total": 8, "three_public_abroad": 8, "gov_operation_cost": 9},
    "xian-fgw-2019-dept-budget.pdf": {"income_total": 22, "fiscal_grant_total": 23, "three_public_total": 26,
                                      "three_public_reception": 26, "gov_operation_cost": 27},
}
APART = {"bj-czj-2026-dept-budget.pdf": 10, "bj-jtw-2026-dept-budget.pdf": 11, "bj-jw-2026-dept-budget.pdf": 14,
         "xian-fgw-2019-dept-budget.pdf": 28}


@pytest.mark.parametrize("name", sorted(STATED))
@pytest.mark.parametrize("withheld", [frozenset(), frozenset({"beijing_dept", "xian_dept"})])
def test_stated_figures(name, withheld):
    budget, _ = load_budget(sample(name), withheld=withheld)
    assert not budget.tables
    data = summary(budget)
    assert {k: data[k] for k in KEYS} == {k: STATED[name].get(k) for k in KEYS}
    named = {f["key"]: f for f in data["from_narrative"]}
    assert set(named) == set(STATED[name])
    for key, page in PAGES.get(name, {}).items():
        assert named[key]["page"] == page, key


def test_sentences_and_years():
    budget, _ = load_budget(sample("bj-czj-2026-dept-budget.pdf"))
    texts = {f["key"]: f["text"] for f in summary(budget)["from_narrative"]}
    # The item's label names the subject of '2026 年预算数…'.
    assert texts["three_public_abroad"] == "（一）因公出国（境）费用。2026 年预算数127.74 万元"
    assert texts["income_total"].startswith("2026 年度收入预算44169.36 万元")
    xian, _ = load_budget(sample("xian-fgw-2019-dept-budget.pdf"))
    assert (xian.year, xian.unit.name) == (2019, "西安市发展和改革委员会")
    # '“三公”经费及会议费、培训费预算支出共263.72 万元' is not the 三公 total.
    assert xian.stated("three_public_total").amount.value == Decimal("186000")


@pytest.mark.parametrize("name", sorted(APART))
def test_tables_published_apart_said_once(name):
    _, report = check_file(sample(name))
    codes = [f.code for f in report.findings]
    assert "C001" not in codes and "C002" not in codes
    apart = [f for f in report.findings if f.code == "P009"]
    assert len(apart) == 1 and apart[0].location.source.page == APART[name]
    assert "附件" in apart[0].message and f"第{APART[name]}页" in apart[0].message
    assert {s.code for s in report.rules_skipped} >= {"C001", "C002"}


def test_text_file_alone_and_together_with_its_tables():
    tables, text = sample("bj-tjj-2026-dept-budget-tables.pdf"), sample("bj-tjj-2026-dept-budget-text.pdf")
    alone, reading = load_budget(text)
    stated = summary(alone)
    assert [f.code for f in reading if f.code == "P009"] == ["P009"]
    together, _ = load_budget_together([tables, text])
    assert together.tables_elsewhere is None
    data = summary(together)
    # With the tables, every figure is the table's; the text's agree to its 0.01 万元.
    assert [f["key"] for f in data["from_narrative"]] == ["gov_operation_cost"]
    for key in ("income_total", "expenditure_total", "basic_total", "project_total", "three_public_total",
                "three_public_abroad", "three_public_vehicle_purchase", "three_public_vehicle_operation",
                "three_public_reception"):
        if data[key] is None:  # 购置费 is blank in 预算09表 (p24), the text says 0.00 万元
            assert (key, stated[key]) == ("three_public_vehicle_purchase", "0")
            continue
        assert abs(Decimal(stated[key]) - Decimal(data[key])) <= 100, key
    assert stated["fiscal_grant_total"] is None and data["fiscal_grant_total"] == "508181758.49"
    assert "P009" not in {f.code for f in check(together, ()).findings}


def test_cli_summary_marks_narrative_figures():
    name = str(sample("bj-jw-2026-dept-budget.pdf"))
    result = run("summary", "--json", name)
    assert result.code == 0
    data = json.loads(result.out)
    assert data["three_public_total"] == "21153800"
    assert {"key": "three_public_total", "page": 10} == {k: data["from_narrative"][4][k] for k in ("key", "page")}
    shown = run("summary", name)
    assert shown.code == 0 and "情况说明 第10页" in shown.out and "取自文字说明" in shown.out
