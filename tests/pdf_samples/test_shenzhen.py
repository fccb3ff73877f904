"""Shenzhen 统计局 2026 department budget (shenzhen_dept): "表N" above the title and the header printed
again on every page, a 预算单位 column whose unit row is the total, "三公" by year and by fund,
names without codes indented under the unit (表4). Figures read on the pages."""
from __future__ import annotations

from conftest import sample
from regional import error_keys, numeric_cells, row_numbers_not_in_facts

from yusuan.api import check_file, load_budget
from yusuan.figures.summary import summary
from yusuan.model import RowLevel

NAME = "shenzhen-tjj-2026-dept-budget.pdf"

# p17 收支总表 收入总计 5,417.80; p26 财政拨款 5,417.80; p19 表3 unit row 支出总计 5,417.80, 基本 4,104.00,
# 项目 1,313.80; p32 表9 the 2026 年 line, 一般公共预算 columns: 32.56 = 16.80 + 4.20 (购置 0.00,
# 运行 4.20) + 11.56. pp22–23 表4 by economic class: 人员经费 = 工资福利支出 3,030.73 + 对个人和家庭的补助
# 571.04 = 3,601.77; 公用经费 = 商品和服务支出 491.82 + 资本性支出 10.40 = 502.22 (as figures.yaml reads the
# other Shenzhen budgets).
FIGURES = {
    "layout": "shenzhen_dept", "unit_name": "深圳市统计局（本级）", "year": 2026, "level": "部门",
    "income_total": "54178000", "expenditure_total": "54178000", "fiscal_grant_total": "54178000",
    "basic_total": "41040000", "project_total": "13138000", "personnel_total": "36017700", "public_total": "5022200",
    "three_public_total": "325600", "three_public_abroad": "168000", "three_public_vehicle_purchase": "0",
    "three_public_vehicle_operation": "42000", "three_public_reception": "115600",
    # p13 第八部分 一、机关运行经费: "机关运行经费财政拨款预算 742.77 万元".
    "gov_operation_cost": "7427700",
    "expenditure_by_class": {"201": "34787200", "205": "1930000", "208": "5623900", "210": "862800",
                             "221": "10974000"},
}


def test_summary_figures():
    budget, _ = load_budget(sample(NAME))
    data = summary(budget) | {"layout": budget.layout}
    for key, value in FIGURES.items():
        assert data[key] == value, key


def test_tables_repeated_per_page_are_one_table():
    budget, _ = load_budget(sample(NAME))
    # 第七部分's key-project table, read from the prose, prints no number.
    assert [t.number for t in budget.tables] == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", None]
    t3 = budget.table("expenditure_summary")
    assert {r.source.page for r in t3.rows} == {19, 20, 21}
    assert t3.total_row().name == "深圳市统计局（本级）" and t3.row(code="2210203").value("total") == 8827200
    assert t3.total_row().value("procurement") == 942800  # 2026 年政府采购项目 小计 94.28


def test_uncoded_economic_names_under_the_unit():
    budget, _ = load_budget(sample(NAME))
    t4 = budget.table("basic_by_economic_source")
    assert t4.total_row().value("total") == 41040000
    assert t4.row(code="301").value("total") == 30307300 and t4.row(code="30101").name == "基本工资"
    assert t4.row(code="31002").value("total") == 104000
    projects = budget.table("projects")
    assert [r.level for r in projects.rows].count(RowLevel.UNIT) == 1
    assert sum(r.value("total") for r in projects.rows if r.level is RowLevel.PROJECT) == 13138000


def test_every_number_of_the_rows_is_a_fact():
    path = sample(NAME)
    budget, _ = load_budget(path)
    # 表9: + the other funds and the 2025/增减 lines (48); 第七部分's key projects: + 4
    assert numeric_cells(budget) == 990
    assert not row_numbers_not_in_facts(budget, path)


def test_three_public_by_fund_and_year():
    # p32 表9: lines 2025 年 | 2026 年 | 增减变化金额; each measure printed for 一般公共预算 (the measure
    # itself, as the layout pins it) | 政府性基金预算 | 国有资本经营预算 (万元).
    budget, findings = load_budget(sample(NAME))
    row = budget.table("three_public").rows[0]
    names = ("three_public_total", "abroad", "reception", "vehicle_total", "vehicle_purchase", "vehicle_operation")
    assert [row.value(m) for m in names] == [325600, 168000, 115600, 42000, 0, 42000]
    assert [row.value(f"{m}@prior") for m in names] == [596200, 438700, 115600, 42000, 0, 42000]
    assert [row.value(f"{m}@change") for m in names] == [-270700, -270700, 0, 0, 0, 0]
    others = [row.get(f"{m}{period}@{fund}") for m in names for period in ("", "@prior")
              for fund in ("gov_fund", "state_capital")] + [row.get(f"{m}@{fund}@change") for m in names
                                                            for fund in ("gov_fund", "state_capital")]
    assert len(others) == 36 and all(a is not None and a.value == 0 for a in others)
    assert not [f for f in findings if f.code == "P003"]


def test_check_reports_no_error_and_listed_projects_are_projects():
    # 第三部分 lists the projects of 表5 (统计管理 352.27, 专项普查活动 110.00, 专项统计业务 844.03), whose
    # names are also function items of 表3 (2010506 359.77 …): in a section that is not about spending
    # by function they are the projects, and their figures match.
    budget, _ = load_budget(sample(NAME))
    linked = {c.subject.name: c.amount.value for c in budget.claims if c.subject.kind == "project"}
    assert linked == {"统计管理": 3522700, "政务信息化项目（运行维护服务）": 75000, "专项普查活动": 1100000,
                      "专项统计业务": 8440300}
    _, report = check_file(sample(NAME))
    # Parts 4–8 (after 第五部分) are read since the part headings run to 第九部分: part 5 writes
    # "较2025 年年初预算增加0.00 万元" three times (pp9–10) — "增加" with a zero change, the document's own.
    assert error_keys(report) == {("T404", None, "预算数"): 3}
    assert [f.location.source.page for f in report.findings if f.code == "T404"] == [9, 10, 10]
    # 第七部分's key-project table is read (below): no table is left unread.
    assert not [f for f in report.findings if f.code == "P001"]


def test_key_projects_of_part_seven():
    # pp11–12, 第七部分, untitled under the part heading (二级预算单位名称 | 一级项目名称 | 预算数（万元） |
    # 绩效目标): 352.27 + 7.50 + 110.00 + 844.03 = 1,313.80 万元, 表5's projects. The third project's 绩效目标
    # goes on at the top of p12 in a line of its own, which is the rest of that row, not a fifth project.
    budget, _ = load_budget(sample(NAME))
    table = budget.table("key_projects")
    assert table.number is None and [c.measure for c in table.columns] == ["total"]
    assert [(r.name, r.level, r.value("total"), r.source.page) for r in table.rows] == [
        ("统计管理", RowLevel.LINE, 3522700, 11), ("政务信息化项目（运行维护服务）", RowLevel.LINE, 75000, 11),
        ("专项普查活动", RowLevel.LINE, 1100000, 11), ("专项统计业务", RowLevel.LINE, 8440300, 12)]
    assert sum(r.value("total") for r in table.rows) == 13138000  # 表3's 项目支出, part 6's figure
    texts = [dict(r.texts) for r in table.rows]
    assert {t["二级预算单位名称"] for t in texts} == {"深圳市统计局（本级）"}
    goals = [t["绩效目标"] for t in texts]
    # The figures of the p12 line are in the third goal; spacing as printed ("2026 年").
    assert "300" in goals[2] and goals[2].endswith("≤5%。") and "2026 年" in goals[0]
    # The prose of part 8 after the table is still read as narrative.
    assert [s.title for s in budget.narrative][-1] == "其他"
