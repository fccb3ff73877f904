"""The national vocabulary read tables, lines and sections that no layout names (issue 10): each
test is a wording seen in real budgets of regions without a layout file."""
from __future__ import annotations

import pytest
from narrative_budget import narrative_budget

from yusuan.extract.context import ExtractContext
from yusuan.extract.identify import code_family, identify
from yusuan.extract.layout_detect import with_all_titles
from yusuan.extract.narrative import read_narrative
from yusuan.extract.sections import TableBlock
from yusuan.model import AmountUnit
from yusuan.read.raw import RawCell, RawLine
from yusuan.read.text import text_to_raw
from yusuan.reference.layouts import load_layout
from yusuan.reference.narrative_topics import topic_of_heading
from yusuan.reference.summary_lines import national_lines
from yusuan.reference.table_kinds import kind_of_title


@pytest.mark.parametrize("title, kind", [
    ("收支总体情况表", "income_expenditure_summary"),
    ("2026年部门收支总体情况表", "income_expenditure_summary"),
    ("（预算表1）收支预算总表", "income_expenditure_summary"),
    ("收入总体情况表", "income_summary"),
    ("支出情况表", "expenditure_summary"),
    ("本年支出总体情况表", "expenditure_summary"),
    ("财政拨款收支总体情况表", "fiscal_grant_summary"),
    ("一般公共预算支出情况表（按功能分类科目）", "general_budget_by_function"),
    ("一般公共预算基本支出情况表（按经济分类科目）", "basic_by_economic"),
    ("一般公共预算“三公”经费支出情况表", "three_public"),
    ("政府性基金预算支出情况表", "gov_fund_by_function"),
    ("项目支出预算表", "projects"),
    ("基本支出总表", "basic_by_economic_source"),
])
def test_a_title_names_its_kind_by_its_words(title, kind):
    assert kind_of_title(title) == kind


@pytest.mark.parametrize("text", [
    "关于2026年支出总表的说明",  # prose naming a table
    "本部门2026年一般公共预算支出情况表如下。",
    "单位：万元",
])
def test_prose_is_no_title(text):
    assert kind_of_title(text) is None


def test_every_layout_title_is_named_as_its_layout_says_where_the_vocabulary_knows_the_kind():
    # The vocabulary and the layouts agree on every title they both know (a region-only table such as
    # Guangzhou's 部门预算基本支出预算表 names no national kind and is left to its layout).
    from yusuan.reference.layouts import layout_ids
    disagree = [(lid, spec.id, name, kind_of_title(name)) for lid in layout_ids() for spec in load_layout(lid).tables
                for name in spec.names if kind_of_title(name) not in (None, spec.id)]
    # Where they differ the kinds are near-synonyms the region splits finer (basic spending by
    # economic class, by unit; all spending by unit and source; Xi'an's word for projects).
    assert disagree == [
        ("guangzhou_dept", "basic_by_unit_economic", "部门预算基本支出预算表", "basic_by_economic_source"),
        ("xian_dept", "expenditure_by_unit_source", "部门综合预算支出总表", "expenditure_summary"),
        ("xian_dept", "project_list", "部门综合预算专项业务经费支出表", "projects"),
    ]


def _line(*texts: str) -> RawLine:
    return RawLine(cells=tuple(RawCell(text=t) for t in texts), page=1, is_table_row=True)


def test_rows_coded_by_economic_class_make_a_cut_title_the_economic_table():
    # Xi'an 2021 p48: "2021年部门综合预算一般公共预算支出明细表" with its （按支出经济分类科目） on the next line.
    rows = (_line("序号", "部门经济科目编码", "部门经济科目名称", "合计"), _line("1", "", "合计", "9.00"),
            _line("2", "301", "工资福利支出", "5.00"), _line("3", "30101", "基本工资", "5.00"),
            _line("4", "302", "商品和服务支出", "4.00"))
    block = TableBlock("6", "2021年部门综合预算一般公共预算支出明细表", rows[0], rows)
    assert code_family(block) == "economic"
    generic = with_all_titles("wuhan_unit", frozenset({"xian_dept"}))
    assert identify(block, generic).spec.id == "general_budget_by_economic"


def test_national_summary_lines_and_grand_totals():
    lines = national_lines("income_expenditure_summary")
    assert lines["income"]["一般公共预算拨款收入"] == "general_budget"
    assert lines["expenditure"]["支出总计"] == "expenditure_total"
    assert national_lines("projects") == {}


@pytest.mark.parametrize("title, topic", [
    ("一般公共预算机关运行经费支出预算情况说明", "other_matters"),
    ("“三公”经费及会议费、培训费情况说明", "three_public"),
    ("财政拨款收支预算总体情况说明", "fiscal_grant"),
    ("收入预算情况说明", "income"),
    ("一般公共预算基本支出预算情况说明", "basic"),
    ("部门概况", None),
])
def test_a_section_heading_names_its_topic(title, topic):
    assert topic_of_heading(title) == topic


def test_an_explanation_numbered_on_from_the_overview_is_read():
    # Xi'an 2021 numbers its explanation on from part 1 (五、…) and then says what no layout lists.
    text = ("五、部门预算收支说明\n"
            "2021 年本部门预算收入 100.00 万元。\n"
            "六、机关运行经费安排情况说明\n"
            "2021 年本部门机关运行经费 12.34 万元。\n")
    raw = text_to_raw(text, "x.txt")
    ctx = ExtractContext(path="x.txt", layout=load_layout("wuhan_unit"), unit=AmountUnit.WAN)
    sections, other = read_narrative(tuple(raw.lines()), narrative_budget(), ctx)
    assert [(s.number, s.topic) for s in sections] == [("五", None), ("六", "other_matters")]
    assert [(m.item, str(m.amount.value)) for m in other] == [("gov_operation_cost", "123400.00")]


def test_a_subtotal_under_the_three_public_banner_is_the_three_public_total():
    # Xi'an: 当年/合计 sums “三公” + 会议费 + 培训费; 当年/…“三公”经费预算/小计 is the “三公” total.
    from yusuan.extract.headers import build_header
    header = [_line("", "当年", "", "", ""),
              _line("", "合计", "一般公共预算拨款安排的“三公”经费预算", "", "会议费"),
              _line("", "", "小计", "公务接待费", "")]
    columns = {c.label: c.measure for c in build_header(header, ("three_public_total", "reception", "meeting_fee",
                                                                  "total"), year=2026).measure_columns}
    assert columns == {"当年/合计": "total", "当年/一般公共预算拨款安排的“三公”经费预算/小计": "three_public_total",
                       "当年/一般公共预算拨款安排的“三公”经费预算/公务接待费": "reception", "当年/会议费": "meeting_fee"}


def test_each_table_says_how_it_was_known():
    from conftest import sample

    from yusuan.api import load_budget
    budget, _ = load_budget(sample("xian-mzj-2021-dept-budget.pdf"))
    # 表6/表8 print their titles cut before （按支出经济分类科目）: known by the title's words and the rows.
    assert budget.table("general_budget_by_economic").identified_by == \
        "标题用词“2021年部门综合预算一般公共预算支出明细表”，行为经济分类科目"
    assert budget.table("income_expenditure_summary").identified_by == "版式表名"
    unknown, _ = load_budget(sample("shenzhen-tjj-2026-dept-budget.pdf"), withheld=frozenset({"shenzhen_dept"}))
    assert unknown.table("basic_by_economic_source").identified_by == "标题用词“基本支出总表”"
    assert unknown.table("income_expenditure_summary").identified_by == "已知各地的表名"
