"""Xi'an 统计局 2026 department budget (xian_dept): the tables in 第五部分 after a prose 第二部分,
amounts in 元, a 收支总表 with four side-by-side label|amount groups, 表7/表8 without a title line,
"三公" in 上年 | 当年 | 增减 groups. Figures read on the pages."""
from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import sample
from regional import error_keys, numeric_cells, row_numbers_not_in_facts

from yusuan.api import check_file, load_budget, read_raw
from yusuan.extract.grid import cells_by_col, is_number
from yusuan.figures.summary import summary
from yusuan.model import RowLevel, Side

NAME = "xian-tjj-2026-dept-budget.pdf"

# p26 收支总表 收入总计 62,109,297.20; p29 财政拨款 62,109,297.20; p34 表8 合计 人员 34,557,893.03 公用
# 2,143,304.17; p39 表13 当年: “三公” 81,000.00 = 接待 15,000.00 + 车辆 66,000.00 (运行 66,000.00); the
# 因公出国 and 购置费 cells are blank (not 0.00): null.
FIGURES = {
    "layout": "xian_dept", "unit_name": "西安市统计局（汇总）", "year": 2026, "level": "部门",
    "amount_unit": "元", "income_total": "62109297.2", "expenditure_total": "62109297.2",
    "fiscal_grant_total": "62109297.2",
    # no 支出总表 by function: 表1's 人员经费和公用经费支出 and 专项业务经费支出 (p26)
    "basic_total": "36701197.2", "project_total": "25408100",
    "personnel_total": "34557893.03", "public_total": "2143304.17",
    "three_public_total": "81000", "three_public_abroad": None, "three_public_vehicle_purchase": None,
    "three_public_vehicle_operation": "66000", "three_public_reception": "15000",
    "expenditure_by_class": {"201": "50037708.13", "205": "775000", "208": "5404242.1", "210": "1977080.79",
                             "221": "3915266.18"},
}

MZJ = "xian-mzj-2021-dept-budget.pdf"
# 2021 format: a 序号 column left of every table, tables continued over pages under "表N" and the
# title printed again. p41 表1 收入总计 872,031,967.20; p44-45 表4 收入总计 703,768,605.79; p39 表1
# 人员经费和公用经费支出 151,681,645.79, 专项业务经费支出 578,716,321.41; p55 表8 合计 人员 138,276,215.50
# 公用 6,630,836.93; p77 表13 2021年: 三公 小计 310,840.00 = 出国 0.00 + 接待 127,840.00 + 车辆
# 183,000.00 (购置 0.00, 运行 183,000.00); p34 "机关运行经费预算安排663.08 万元".
MZJ_FIGURES = {
    "layout": "xian_dept", "unit_name": "西安市民政局", "year": 2021, "level": "部门", "amount_unit": "元",
    "income_total": "872031967.2", "expenditure_total": "872031967.2", "fiscal_grant_total": "703768605.79",
    "basic_total": "151681645.79", "project_total": "578716321.41",
    "personnel_total": "138276215.5", "public_total": "6630836.93",
    "three_public_total": "310840", "three_public_abroad": "0", "three_public_vehicle_purchase": "0",
    "three_public_vehicle_operation": "183000", "three_public_reception": "127840", "gov_operation_cost": "6630800",
    "expenditure_by_class": {"205": "1023214", "208": "695200639.03", "210": "1176894.18", "221": "6849666.63",
                             "229": "167781553.36"},
}
ZFB = "xian-zfb-2026-dept-budget.pdf"
# p1 cover "西安市人民政府办公厅（汇总）"; p20 表1 部门预算 92,165,133.99; 人员经费和公用经费支出 64,662,533.99, 专项业务经费支出 27,502,600.00; p28
# 表8 人员 60,272,768.69 公用 4,389,765.30; p33 表13 当年: 三公 小计 30,000.00 = 公务接待费 30,000.00, the
# 出国 / 购置 / 运行 cells blank (null); p17 "机关运行经费预算安排438.98万元".
ZFB_FIGURES = {
    "layout": "xian_dept", "unit_name": "西安市人民政府办公厅（汇总）", "year": 2026, "level": "部门", "amount_unit": "元",
    "income_total": "92165133.99", "expenditure_total": "92165133.99", "fiscal_grant_total": "92165133.99",
    "basic_total": "64662533.99", "project_total": "27502600",
    "personnel_total": "60272768.69", "public_total": "4389765.3",
    "three_public_total": "30000", "three_public_abroad": None, "three_public_vehicle_purchase": None,
    "three_public_vehicle_operation": None, "three_public_reception": "30000", "gov_operation_cost": "4389800",
    "expenditure_by_class": {"201": "72302752.62", "205": "230000", "208": "8991664.59", "210": "3297400.72",
                             "221": "7343316.06"},
}


@pytest.mark.parametrize("name, expected", [(NAME, FIGURES), (MZJ, MZJ_FIGURES), (ZFB, ZFB_FIGURES)])
def test_summary_figures(name, expected):
    budget, _ = load_budget(sample(name))
    data = summary(budget) | {"layout": budget.layout}
    # The 2021 表1 prints every function class, 0.00 for the classes the department does not spend in.
    data["expenditure_by_class"] = {k: v for k, v in data["expenditure_by_class"].items() if v != "0"}
    for key, value in expected.items():
        assert data[key] == value, key


def test_2021_format_tables_over_pages_and_line_numbers():
    budget, issues = load_budget(sample(MZJ))
    # 表1 (p39-41): the 序号 column is neither side's; every income line is read, the balances too.
    t1 = budget.table("income_expenditure_summary")
    income = {r.item: r.get("budget").value for r in t1.rows if r.side is Side.INCOME and r.get("budget")}
    assert income["income_current_total"] == Decimal("852063605.79")
    assert income["prior_account_balance"] == Decimal("19968361.41")
    assert income["non_fiscal_balance_used"] == 0  # 用事业基金弥补收支差额
    assert not [i for i in issues if i.code == "P006" and i.location.table in (
        "income_expenditure_summary", "fiscal_grant_summary", "gov_fund_summary")]
    # 表5 (p46-47) and 表8 (p55-58) print "表N" and the title again on each page: one table each.
    assert len([t for t in budget.tables if t.id == "general_budget_by_function"]) == 1
    t5 = budget.table("general_budget_by_function")
    assert {r.code: r.value("total") for r in t5.rows if r.level is RowLevel.CLASS} == {
        "205": Decimal("1023214.00"), "208": Decimal("526937277.62"), "210": Decimal("1176894.18"),
        "221": Decimal("6849666.63")}
    t8 = budget.table("basic_by_economic")
    assert (t8.total_row().value("personnel"), t8.total_row().value("public")) == (
        Decimal("138276215.50"), Decimal("6630836.93"))
    # 表12 政府采购 (p72-76): department line, unit line, then the items, under each 项.
    t12 = budget.table("procurement")
    assert len([t for t in budget.tables if t.id == "procurement"]) == 1
    assert t12.rows[0].level is RowLevel.TOTAL and t12.rows[0].value("procurement") == 81447000
    assert [r.level for r in t12.rows[1:4]] == [RowLevel.GROUP, RowLevel.GROUP, RowLevel.LINE]


@pytest.mark.parametrize("name, errors", [
    # 表1 prints 一般公共预算拨款 535987052.4 and 政府性基金拨款 167781553.4 (p39), 表4 535,987,052.43 and
    # 167,781,553.36 (p44): the document's rounding.
    (MZJ, {("X205", "income_expenditure_summary", "一般公共预算拨款"): 1,
           ("X205", "income_expenditure_summary", "政府性基金拨款"): 1}),
    (ZFB, {}),
])
def test_check_reports_only_the_documents_errors(name, errors):
    _, report = check_file(sample(name))
    assert error_keys(report) == errors


def test_tables_of_part_five():
    budget, _ = load_budget(sample(NAME))
    assert [t.number for t in budget.tables] == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", None,
                                                 None, None]  # p21: 会议费明细表, 培训费明细表 (part 3)
    # 表16 (p52) prints the blank 专项资金 form without its number; the 报表目录 says it is empty (不涉及).
    special = budget.table("special_fund_performance")
    assert special.rows == () and special.empty_note == "专项资金总体绩效目标表：是（不涉及）"
    # 表10: the department and unit lines (named in 表2) are units, not projects.
    units = [(r.code, r.name) for r in budget.table("project_list").rows if r.level is RowLevel.UNIT]
    assert units == [("119", "西安市统计局"), ("119001", "西安市统计局"), ("119002", "西安市社会经济调查中心")]
    t5 = budget.table("general_budget_by_function").total_row()
    assert (t5.value("personnel"), t5.value("public"), t5.value("project")) == (
        Decimal("34557893.03"), Decimal("2143304.17"), 25408100)
    assert budget.table("basic_by_function").total_row().value("total") == Decimal("36701197.20")  # 表7, no title line
    three = budget.table("three_public").rows[0]
    assert three.value("meeting_fee") == 57900 and three.value("training_fee") == 775000
    t1 = budget.table("income_expenditure_summary")
    assert t1.row(item="general_budget").value("budget") == Decimal("62109297.20")
    assert t1.row(code="208").value("budget") == Decimal("5404242.10")
    # 表11 上年结转资金支出表: printed with its header and an empty 合计 line only.
    assert budget.table("carryover_expenditure").is_empty


def _numeric_cells_of_page(path, page: int) -> set[tuple[int, int]]:
    return {(line.line_no, col) for line in read_raw(path).lines() if line.page == page and line.is_table_row
            for col, text in cells_by_col(line).items() if is_number(text)}


def _group(table, group: str) -> dict[str, Decimal]:
    prefix = f"{group}."
    return {r.item[len(prefix):]: r.value("budget") for r in table.rows
            if r.side is Side.EXPENDITURE and r.item and r.item.startswith(prefix) and r.cells}


def test_summary_tables_read_all_four_groups():
    # p26 表1 / p29 表4: income | by function | by department economic class | by government economic
    # class, side by side; "其中：" lines and the carry-over parts are income lines too.
    path = sample(NAME)
    budget, issues = load_budget(path)
    assert not [i for i in issues if i.code == "P006"]
    total = Decimal("62109297.20")
    dept = {"basic": Decimal("36701197.20"), "basic.301": Decimal("32493937.03"),
            "basic.302": Decimal("3413326.17"), "basic.303": Decimal("753934.00"), "basic.310": Decimal("40000.00"),
            "project": Decimal("25408100.00"), "project.302": Decimal("19408100.00"),
            "project.310": Decimal("6000000.00"), "expenditure_current_total": total, "expenditure_total": total}
    gov = {"501": Decimal("32493937.03"), "502": Decimal("22821426.17"), "503": Decimal("6040000.00"),
           "509": Decimal("753934.00"), "expenditure_current_total": total, "expenditure_total": total}
    for table, page, group_line in (("income_expenditure_summary", 26, "dept_budget_group"),
                                    ("fiscal_grant_summary", 29, "fiscal_grant_group")):
        t = budget.table(table)
        assert _group(t, "dept_economic") == dept | {group_line: total}
        assert _group(t, "gov_economic") == gov | {group_line: total}
        # Each breakdown adds up to the year's expenditure, as the function classes do.
        assert dept["basic"] + dept["project"] == sum(v for k, v in gov.items() if k[0] == "5") == total
        assert dept["basic"] == sum(v for k, v in dept.items() if k.startswith("basic."))
        assert dept["project"] == sum(v for k, v in dept.items() if k.startswith("project."))
        assert sum(r.value("budget") for r in t.rows if r.side is Side.EXPENDITURE and r.code) == total
        # Nothing of the breakdowns looks like a function class.
        assert all(r.code is None for r in t.rows if r.item and "." in r.item)
        # Every amount printed on the page is a cell of the table, at its line and column.
        read = {(c.amount.source.line, c.amount.source.column) for r in t.rows for c in r.cells}
        assert read == _numeric_cells_of_page(path, page)
        assert t.row(item="general_budget_special", side=Side.INCOME) is not None
    t1 = budget.table("income_expenditure_summary")
    assert {r.item for r in t1.rows if r.side is Side.INCOME} >= {
        "business_income_special_account", "carryover_fiscal_grant", "carryover_non_fiscal"}


def test_every_number_of_the_rows_is_a_fact():
    path = sample(NAME)
    budget, _ = load_budget(path)
    # + 表12 政府采购 (p38): 19 amounts (label_tree table)
    assert numeric_cells(budget) == 453 + 19 + 4 + 11  # + the two economic groups of 表1 and 表4 (18 each); 表13: + 60
    # + p21 (part 3): 会议费明细表 4 meetings, 培训费明细表 11 courses
    # 表13: the 上年 and 增减变化情况 groups are read too, as qualified measures (meeting_fee@prior …).
    assert not row_numbers_not_in_facts(budget, path)


def test_check_reports_no_error():
    # 表9 政府性基金收支表 is empty; the reason ("不涉及") is printed in the 报表目录 on p25, not under
    # the table: the catalog's reason becomes the table's note. The K303 notice (30302 退休费 vs 2080501)
    # is the document's own figures.
    budget, _ = load_budget(sample(NAME))
    assert "不涉及" in budget.table("gov_fund_summary").empty_note
    _, report = check_file(sample(NAME))
    # 表14 (p47) names a project '第四次全国农业普查', 表10 (p36) '第四次农业普查' (both 16073900 元): the document's.
    assert error_keys(report) == {("X215", "project_performance", "第四次全国农业普查"): 1}


def test_three_public_groups_by_period():
    # p39 表13, 合计 line: 上年 | 当年 | 增减变化情况, each 合计, "三公" 小计 and parts, 会议费, 培训费 (元).
    budget, findings = load_budget(sample(NAME))
    rows = budget.table("three_public").rows
    first = rows[0]
    prior = ("total@prior", "three_public_total@prior", "reception@prior", "vehicle_total@prior",
             "vehicle_operation@prior", "meeting_fee@prior", "training_fee@prior")
    assert [first.value(m) for m in prior] == [518400, 93000, 18000, 75000, 75000, 130000, 295400]
    assert first.value("total") == 913900 and first.get("abroad@prior") is None
    change = ("total@change", "three_public_total@change", "reception@change", "vehicle_total@change",
              "vehicle_operation@change", "meeting_fee@change", "training_fee@change")
    assert [first.value(m) for m in change] == [395500, -12000, -3000, -9000, -9000, -72100, 479600]
    unit = next(r for r in rows if r.name == "119003")  # 西安市统计局普查中心
    assert {c.measure: c.amount.value for c in unit.cells} == {
        "total@prior": 21000, "three_public_total@prior": 5000, "reception@prior": 5000, "meeting_fee@prior": 16000,
        "total": 20000, "three_public_total": 5000, "reception": 5000, "training_fee": 15000,
        "total@change": -1000, "meeting_fee@change": -16000, "training_fee@change": 15000}
    assert not [f for f in findings if f.code == "P003" and f.location.table == "three_public"]


def test_meeting_and_training_details_of_part_three():
    # p21 (十、“三公”经费及会议费、培训费情况说明): 会议费明细表 and 培训费明细表, 万元, one line per
    # meeting or course; they add up to the section's 5.79 and 77.50 万元 (表13 会议费 57,900, 培训费 775,000 元).
    budget, findings = load_budget(sample(NAME))
    meetings = budget.table("meeting_detail")
    assert [(r.name, r.value("meeting_fee")) for r in meetings.rows] == [
        ("试点工作部署动员会", 11900), ("农普领导小组普查工作推进会", 13800), ("经济运行分析会", 20000),
        ("清查摸底布置会", 12200)]
    assert dict(meetings.rows[0].texts)["人数"] == "80" and meetings.rows[0].cells[0].amount.source.page == 21
    courses = budget.table("training_detail").rows
    assert len(courses) == 11 and sum(r.value("training_fee") for r in courses) == 775000
    assert (courses[4].name, courses[4].value("training_fee")) == ("普查登记业务培训会", 250000)
    assert sum(r.value("meeting_fee") for r in meetings.rows) == budget.table("three_public").rows[0].value("meeting_fee")
    assert not [f for f in findings if f.code in ("P001", "P003") and "明细表" in f.message]


def test_three_public_found_by_its_title_without_the_xian_layout():
    # Read as an unknown region: the assumed layout's 表7 is the 三公 table, but Xi'an's 表7 is a 基本支出
    # 明细表 (its 合计 was shown as the 三公 total); the 三公 table is the one whose title names it (表13).
    budget, _ = load_budget(sample(ZFB), withheld=frozenset({"xian_dept"}))
    three = budget.table("three_public")
    assert three.number == "13" and "三公" in three.title
    data = summary(budget)
    assert (data["three_public_total"], data["three_public_reception"], data["three_public_abroad"]) == (
        "30000", "30000", None)
