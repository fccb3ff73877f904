"""Xi'an 统计局 2026 department budget (xian_dept): the tables in 第五部分 after a prose 第二部分,
amounts in 元, a 收支总表 with four side-by-side label|amount groups, 表7/表8 without a title line,
"三公" in 上年 | 当年 | 增减 groups. Figures read on the pages."""
from __future__ import annotations

from decimal import Decimal

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


def test_summary_figures():
    budget, _ = load_budget(sample(NAME))
    data = summary(budget) | {"layout": budget.layout}
    for key, value in FIGURES.items():
        assert data[key] == value, key


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
    # the table: the catalog's reason becomes the table's note. The K303 warning (30302 退休费 vs 2080501)
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
