"""Cover, contents, overview and glossary."""
from __future__ import annotations

import pytest

from yusuan.extract.context import ExtractContext
from yusuan.extract.front import read_front
from yusuan.extract.sections import DocumentParts, split_document
from yusuan.model import AmountUnit, DocumentKind, DocumentLevel
from yusuan.read.raw import UnreadableError
from yusuan.read.text import read, text_to_raw
from yusuan.reference.layouts import load_layout


def _front(raw):
    layout = load_layout("wuhan_unit")
    ctx = ExtractContext(path=raw.path, layout=layout, unit=AmountUnit.WAN)
    return read_front(split_document(raw, layout), ctx)


@pytest.fixture(scope="module")
def front():
    from conftest import sample
    return _front(read(sample("wuhan-gxzx-2026-unit-budget.txt")))


def test_sample_cover(front):
    assert front.unit.name == "武汉市工业信息化中心"
    assert front.year == 2026 and isinstance(front.year, int)
    assert front.kind is DocumentKind.BUDGET and front.level is DocumentLevel.UNIT
    assert front.title == "武汉市工业信息化中心 2026 年单位预算"


def test_sample_contents(front):
    toc = front.toc
    # 4 part headings + 2 overview sections + 12 table lines (one naming 5-1 and 5-2) + 11 narrative sections
    assert len(toc) == 30
    assert [e.part for e in toc if e.number is None] == [1, 2, 3, 4]
    tables = [(e.number, e.table) for e in toc if e.part == 2 and e.number]
    assert tables == [
        ("1", "income_expenditure_summary"), ("2", "income_summary"), ("3", "expenditure_summary"),
        ("4", "fiscal_grant_summary"), ("5-1", "general_budget_by_function"), ("5-2", "general_budget_by_unit"),
        ("6", "basic_by_economic"), ("7", "three_public"), ("8", "gov_fund_by_function"),
        ("9", "state_capital_by_function"), ("10", "projects"), ("11", "overall_performance"),
        ("12", "project_performance"),
    ]
    five = [e for e in toc if e.number in ("5-1", "5-2")]
    assert five[0].title == five[1].title == "一般公共预算支出表(分功能科目，分单位)"
    assert five[0].source.line == five[1].source.line == 18
    sections = [(e.number, e.title) for e in toc if e.part == 3 and e.number]
    assert len(sections) == 11 and sections[2] == ("三", "支出预算安排情况") and sections[-1][0] == "十一"
    assert all(e.table is None for e in toc if e.part != 2)
    assert [e.title for e in toc if e.part == 1 and e.number] == ["主要职责", "机构设置"]


def test_sample_overview(front, wuhan_txt):
    lines = wuhan_txt.read_text(encoding="utf-8").splitlines()
    assert [s.title for s in front.overview] == ["主要职责", "机构设置"]
    # each section holds the one paragraph printed under its heading (lines 50 and 54)
    assert [s.text for s in front.overview] == [lines[49].strip(), lines[53].strip()]
    assert [s.source.line for s in front.overview] == [48, 52]


def test_sample_glossary(front, wuhan_txt):
    terms = [g.term for g in front.glossary]
    assert terms == [
        "一般公共预算财政拨款收入", "本单位使用的主要支出功能分类科目(项级)", "基本支出", "项目支出",
        "“三公”经费", "机关运行经费",
    ]
    first = front.glossary[0]
    assert first.definition.startswith("指") and first.source.line == 627
    items = front.glossary[1].definition.split("\n")
    assert len(items) == 11 and items[0].startswith("1.") and items[-1].startswith("11.")
    # the 三公 definition was printed over lines 657 and 659: joined without a break
    lines = wuhan_txt.read_text(encoding="utf-8").splitlines()
    head, tail = lines[656].strip(), lines[658].strip()
    assert front.glossary[4].definition == head.split("：", 1)[1] + tail
    # the closing note (line 663) is no entry and belongs to none
    assert all(lines[662].strip()[3:] not in g.definition for g in front.glossary)


# ------------------------------------------------------------- synthetic documents (own wording)

DEPT = """\
某某区教育局
2025 年度部门决算
目录
第一部分 某某区教育局概况
一、主要职能 ………… 1
第二部分 某某区教育局 2025 年部门决算表
一、收支总表 ………… 3
二、一般公共预算支出表(分功能科目，
分单位)
第四部分 名词解释
第一部分 某某区教育局概况
一、主要职能
负责全区教育事业的规划和
管理工作。
第二部分 某某区教育局 2025 年部门决算表
第四部分 名词解释
基本支出：指保障机构运转的支出。
项目支出：指完成特定任务的支出，
不含基本支出。
"""


def test_synthetic_cover_split_over_two_lines_and_final_accounts():
    front = _front(text_to_raw(DEPT, "dept.txt"))
    assert (front.unit.name, front.year, front.kind, front.level) == (
        "某某区教育局", 2025, DocumentKind.FINAL_ACCOUNTS, DocumentLevel.DEPARTMENT)
    assert front.title == "某某区教育局2025 年度部门决算"


def test_synthetic_contents_page_numbers_and_wrapped_title():
    front = _front(text_to_raw(DEPT, "dept.txt"))
    entries = [(e.part, e.number, e.title, e.table) for e in front.toc]
    assert entries == [
        (1, None, "某某区教育局概况", None),
        (1, "一", "主要职能", None),
        (2, None, "某某区教育局 2025 年部门决算表", None),
        (2, "1", "收支总表", "income_expenditure_summary"),
        (2, "2-1", "一般公共预算支出表(分功能科目，分单位)", "general_budget_by_function"),
        (2, "2-2", "一般公共预算支出表(分功能科目，分单位)", "general_budget_by_unit"),
        (4, None, "名词解释", None),
    ]


def test_synthetic_overview_and_unnumbered_glossary():
    front = _front(text_to_raw(DEPT, "dept.txt"))
    assert [(s.title, s.text) for s in front.overview] == [("主要职能", "负责全区教育事业的规划和管理工作。")]
    assert [(g.term, g.definition) for g in front.glossary] == [
        ("基本支出", "指保障机构运转的支出。"),
        ("项目支出", "指完成特定任务的支出，不含基本支出。"),
    ]


def test_year_from_part_headings_when_the_cover_has_none():
    text = "目录\n第一部分 某单位概况\n第二部分 某单位 2024 年单位预算表\n第一部分 某单位概况\n一、主要职责\n负责某事。\n第二部分 某单位 2024 年单位预算表\n"
    front = _front(text_to_raw(text, "nocover.txt"))
    assert (front.unit.name, front.year, front.kind) == ("某单位", 2024, DocumentKind.BUDGET)
    assert front.title is None


def test_no_year_anywhere_raises_in_chinese():
    raw = text_to_raw("某单位预算\n第一部分 某单位概况\n一、主要职责\n负责某事。\n", "noyear.txt")
    with pytest.raises(UnreadableError) as info:
        _front(raw)
    assert "noyear.txt" in info.value.message and "年度" in info.value.message


def test_empty_parts_raise_rather_than_guess():
    ctx = ExtractContext(path="empty.txt", layout=load_layout("wuhan_unit"), unit=AmountUnit.WAN)
    with pytest.raises(UnreadableError):
        read_front(DocumentParts((), (), (), (), (), (), (), ()), ctx)


def test_year_from_a_table_title_when_nothing_else_has_one():
    text = "第一部分 某单位概况\n一、主要职责\n负责某事。\n第二部分 预算表\n表1\n2023年收支总表\n项目\t预算数\n合计\t1.00\n"
    front = _front(text_to_raw(text, "tables.txt"))
    assert front.year == 2023


@pytest.mark.parametrize("cover, unit, level", [
    ("2026 年度\n某市公安局（本级）\n单位预算\n", "某市公安局（本级）", DocumentLevel.UNIT),
    ("2026 年某市统计局部门预\n算\n", "某市统计局", DocumentLevel.DEPARTMENT),
])
def test_year_first_covers_broken_over_lines(cover, unit, level):
    text = cover + "目录\n第一部分 概况\n第一部分 概况\n一、主要职责\n负责某事。\n"
    front = _front(text_to_raw(text, "cover.txt"))
    assert (front.unit.name, front.year, front.level, front.kind) == (unit, 2026, level, DocumentKind.BUDGET)


@pytest.mark.parametrize("cover, unit, level", [
    ("某市2026年市级单位预算\n预算单位：某某研究中心（某某研究所）\n", "某某研究中心（某某研究所）", DocumentLevel.UNIT),
    ("某市某区2024年区级部门预算\n预算主管部门：某区人民政府某某街道办事处\n", "某区人民政府某某街道办事处", DocumentLevel.DEPARTMENT),
])
def test_a_unit_named_on_its_own_cover_line(cover, unit, level):
    # The title names only a place ("某市2026年市级单位预算"); the unit is on a labelled line (Shanghai).
    f = _front(text_to_raw(cover + "目录\n一、收支总表\n", "c.txt"))
    assert (f.unit.name, f.level, f.kind) == (unit, level, DocumentKind.BUDGET)
    assert f.year == int(cover[cover.index("20"):cover.index("20") + 4])
