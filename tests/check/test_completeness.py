"""C0xx: tables and sections that must be there."""
import pytest

from check.builders import budget, row, set_paragraph_text, with_table, without_table
from check.helpers import assert_fires, assert_silent, fired, run

CODES = ("C001", "C002", "C003", "C004", "C005")


@pytest.mark.parametrize("code", CODES)
def test_silent_on_consistent_budget(code):
    assert_silent(budget(), code)


def test_C001_listed_table_absent_reported_once_and_not_by_C002():
    b = without_table(budget(), "income_summary")
    found = assert_fires(b, "C001", table="income_summary")
    assert len(found) == 1 and found[0].message == "目录列出“表2 收入总表”，但正文中没有该表"
    assert found[0].location.source.line is not None  # points at the contents line
    assert run(b, "C002").findings == ()


def test_C002_required_table_absent_when_not_listed():
    b = without_table(budget(), "three_public")
    b = b.model_copy(update={"toc": tuple(e for e in b.toc if e.table != "three_public")})
    assert_fires(b, "C002", table="three_public", contains="表7")


def test_C002_C003_skip_a_file_that_is_only_an_attachment():
    b = without_table(budget(), "three_public")
    b = b.model_copy(update={"toc": (), "narrative": b.narrative[:1], "attachment": "project_performance"})
    report = run(b, ("C002", "C003"))
    assert report.findings == ()
    assert {s.code for s in report.rules_skipped} == {"C002", "C003"}
    assert all("附件" in s.reason for s in report.rules_skipped)


def test_C003_missing_narrative_section():
    b = budget()
    b = b.model_copy(update={"narrative": tuple(s for s in b.narrative if s.number != "十")})
    assert_fires(b, "C003", contains="十、项目支出安排情况")


def test_C004_empty_table_without_note():
    # 表9 国有资本经营: no note; the narrative's "本单位没有此项支出" names nothing.
    t9 = budget().table("state_capital_by_function").model_copy(update={"empty_note": None})
    found = assert_fires(with_table(budget(), t9), "C004", table="state_capital_by_function")
    assert [f.message for f in found] == ["表9 国有资本经营预算支出表 为空表，但没有说明原因"]


def test_C004_a_claim_of_none_in_the_narrative_explains_the_table():
    # 八、政府性基金: "2026 年本单位没有政府性基金预算拨款安排的支出。" (a none_stated claim on the table).
    t8 = budget().table("gov_fund_by_function").model_copy(update={"empty_note": None})
    assert_silent(with_table(budget(), t8), "C004")


def test_C004_a_zero_without_unit_in_the_narrative_explains_the_table():
    # Shanghai 编制说明 (sh-czkj p6): "政府性基金拨款支出预算为0；国有资本经营预算拨款支出预算为0" — no unit, no claim.
    b = budget()
    for tid in ("gov_fund_by_function", "state_capital_by_function"):
        b = with_table(b, b.table(tid).model_copy(update={"empty_note": None}))
    b = b.model_copy(update={"narrative": tuple(
        s.model_copy(update={"paragraphs": (s.paragraphs[0].model_copy(update={"text": "本单位没有此项支出。", "claims": ()}),)})
        if s.number == "八" else s for s in b.narrative)})
    assert [f.location.table for f in fired(b, "C004")] == ["gov_fund_by_function", "state_capital_by_function"]
    said = set_paragraph_text(b, "三", "财政拨款支出预算2,114万元；政府性基金拨款支出预算为0；国有资本经营预算拨款支出预算为 0 元。")
    assert_silent(said, "C004")
    # "为 10" is not a zero: still unexplained.
    assert_fires(set_paragraph_text(b, "三", "政府性基金拨款支出预算为10万元；国有资本经营预算拨款支出预算为100。"),
                 "C004", table="gov_fund_by_function")


def test_C004_zero_income_of_the_fund_explains_its_spending_table():
    # Beijing 情况说明 二 (bj-tjj text p4): "2.政府性基金预算拨款收入0 万元。3.国有资本经营预算拨款收入0 万元。"
    from check.builders import w
    from yusuan.model import Claim, Subject
    b = budget()
    t9 = b.table("state_capital_by_function").model_copy(update={"empty_note": None})
    b = with_table(b, t9)
    zero = Claim(subject=Subject(kind="income_source", code="state_capital", name="国有资本经营预算拨款收入",
                                 table="income_expenditure_summary", measure="budget"),
                 text="3.国有资本经营预算拨款收入0 万元", amount=w("0"))
    sections = list(b.narrative)
    p = sections[1].paragraphs[0]
    sections[1] = sections[1].model_copy(update={"paragraphs": (p.model_copy(update={"claims": (zero,)}),)})
    assert_silent(b.model_copy(update={"narrative": tuple(sections)}), "C004")


def test_C004_contents_marking_the_table_empty_explains_it():
    # Xi'an 报表目录: 表9 … | 是否空表: 是 | 表格为空的理由 (blank or 不涉及).
    t9 = budget().table("state_capital_by_function").model_copy(update={"empty_note": "国有资本经营预算支出表：是"})
    assert_silent(with_table(budget(), t9), "C004")


def test_C005_table_noted_empty_with_values():
    t9 = budget().table("state_capital_by_function").model_copy(update={
        "empty_note": "注：本单位无国有资本经营预算，本表为空表。",
        "rows": (row(None, "合计", total="12.00", basic="12.00"),)})
    found = assert_fires(with_table(budget(), t9), "C005", table="state_capital_by_function")
    assert found[0].message == ("表9 国有资本经营预算支出表 注明“注：本单位无国有资本经营预算，本表为空表。”，"
                                "但表中有数：合计 12.00 万元")
    # The same note over zeros only, and a note that does not say the table is empty: silent.
    zeros = t9.model_copy(update={"rows": (row(None, "合计", total="0.00"),)})
    assert_silent(with_table(budget(), zeros), "C005")
    other = t9.model_copy(update={"empty_note": "注：本表按功能分类列示。"})
    assert_silent(with_table(budget(), other), "C005")
    marked = t9.model_copy(update={"empty_note": "国有资本经营预算支出表：是（不涉及）"})
    assert_fires(with_table(budget(), marked), "C005", table="state_capital_by_function")


def test_C004_not_said_of_a_table_whose_lines_were_not_read():
    # The reader left lines of the (otherwise empty) table out of the model (P006 on its page, Xi'an 2021
    # 表16 form read as a project list): its content is unknown, it is not an empty table.
    from yusuan.check import CheckSettings, check
    from yusuan.model import Finding, Location, Severity, SourceRef
    t8 = budget().table("state_capital_by_function").model_copy(update={
        "empty_note": None, "source": SourceRef(file="t.pdf", page=18)})
    b = with_table(budget(), t8)
    unread = Finding(code="P006", name="unknown-row", category="读取", severity=Severity.WARNING, message="未纳入模型",
                     location=Location(table="state_capital_by_function", source=SourceRef(file="t.pdf", page=18, line=5)))
    report = check(b, (unread,), CheckSettings(select=("C004",)))
    assert [f for f in report.findings if f.code == "C004"] == []
    elsewhere = unread.model_copy(update={"location": Location(table="state_capital_by_function",
                                                               source=SourceRef(file="t.pdf", page=30, line=5))})
    report = check(b, (elsewhere,), CheckSettings(select=("C004",)))
    assert [f.location.table for f in report.findings if f.code == "C004"] == ["state_capital_by_function"]


def test_C002_a_table_printed_but_not_read_is_not_missing():
    # The page holds the table (its title names the kind), the reader could not read it: one P001
    # notice said so; no check says the document lacks it.
    from check.builders import without_table
    from yusuan.model import UnreadTable
    b = without_table(budget(), "three_public")
    assert_fires(b.model_copy(update={"toc": ()}), "C002", table="three_public")
    unread = (UnreadTable(title="一般公共预算“三公”经费支出情况表", number="7", kind="three_public"),)
    assert_silent(b.model_copy(update={"toc": (), "unread_tables": unread}), "C002")
    assert_silent(b.model_copy(update={"unread_tables": unread}), "C001")


def test_C002_an_assumed_layout_asks_only_what_every_layout_requires():
    # No layout file matched: the Wuhan layout was assumed. Its 表6 一般公共预算基本支出表 is not asked
    # (Shenzhen publishes a 基本支出总表 instead); the 收支总表 every layout requires is.
    from check.builders import without_table
    assumed = budget().model_copy(update={"layout_assumed": True, "toc": ()})
    assert_silent(without_table(assumed, "basic_by_economic"), "C002")
    found = assert_fires(without_table(assumed, "income_expenditure_summary"), "C002",
                         table="income_expenditure_summary")
    assert "全国统一公开模板" in found[0].message


def test_C002_no_project_performance_form_is_asked_of_a_budget_without_projects():
    from check.builders import set_cell
    # No contents (else C001 reports the missing tables) and no 项目支出绩效目标表.
    b = budget().model_copy(update={"toc": (), "project_performance": ()})
    assert [f.location.table for f in fired(b, "C002")] == ["project_performance"]
    # 表3 spends nothing on projects and 表10 lists no amount: no form is asked for.
    no_projects = b
    for code in (None, "215", "21508", "2150899"):
        no_projects = set_cell(no_projects, "expenditure_summary", "project", None, code=code)
    no_projects = without_table(no_projects, "projects")
    assert [f.location.table for f in fired(no_projects, "C002")] == ["projects"]
