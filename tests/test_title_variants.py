"""Table names worded differently from every layout ("收支总体情况表" for "收支总表", "…情况表（按功能分类
科目）" for "…表"), and header labels "预算" and "其中：基本支出": read by what they say, for a table
block already found by its numbered heading."""
from __future__ import annotations

from yusuan.extract.headers import build_header
from yusuan.read.raw import RawCell, RawLine
from yusuan.reference.layouts import load_layout, title_variant


def test_title_wordings():
    assert title_variant("收支总体情况表") == "收支总表"
    assert title_variant("一般公共预算支出情况表(按功能分类科目)") == "一般公共预算支出表"
    # the economic classification is kept: it tells the table by economic class from the one by function
    assert title_variant("一般公共预算基本支出情况表(按经济分类科目)") == "一般公共预算基本支出表(按经济分类科目)"


def test_a_central_layout_names_tables_worded_as_guangzhou_does():
    layout = load_layout("central_dept")
    found = {title: (layout.match_title_variant(title).id if layout.match_title_variant(title) else None) for title in (
        "收支总体情况表", "本年支出总体情况表", "财政拨款收支总体情况表", "一般公共预算支出情况表（按功能分类科目）",
        "一般公共预算基本支出情况表（按经济分类科目）", "财政拨款安排的行政经费及“三公”经费预算表", "部门职责说明")}
    assert found == {
        "收支总体情况表": "income_expenditure_summary", "本年支出总体情况表": "expenditure_summary",
        "财政拨款收支总体情况表": "fiscal_grant_summary", "一般公共预算支出情况表（按功能分类科目）": "general_budget_by_function",
        "一般公共预算基本支出情况表（按经济分类科目）": "basic_by_economic",
        "财政拨款安排的行政经费及“三公”经费预算表": "three_public", "部门职责说明": None}
    # A line is taken for a title by the national vocabulary's words (reference/table_kinds.py), not by
    # these wordings, and prose is no title.
    assert layout.match_title("收支总体情况表").id == "income_expenditure_summary"
    assert layout.match_title("部门职责说明") is None


def _line(texts: dict[int, str], width: int) -> RawLine:
    return RawLine(cells=tuple(RawCell(texts.get(c, ""), col=c) for c in range(width)), page=1, is_table_row=True)


def test_budget_and_in_which_labels():
    header = build_header([
        _line({0: "科目名称", 1: "预算"}, 2)], ("total",))
    assert [c.measure for c in header.measure_columns] == ["total"]
    header = build_header([
        _line({0: "科目名称", 1: "一般公共预算支出"}, 4),
        _line({1: "小计", 2: "其中：基本支出", 3: "项目支出"}, 4)], ("total", "basic", "project"))
    assert [c.measure for c in header.measure_columns] == ["total", "basic", "project"]
