"""A document of no known layout: tables are read by the kind their title names, with a P005 notice."""
from __future__ import annotations

from decimal import Decimal

import pymupdf
from test_read_pdf import FONT, draw_table

from yusuan.api import load_budget
from yusuan.figures.facts import budget_facts
from yusuan.reference.layouts import load_layout

# A title style none of the layouts prints: "附表N" before a unit-prefixed title, no 第N部分.
# The second title is one only the Fujian layout knows: the assumed layout borrows it.
TITLES = ("附表2　某某研究院2027年单位支出预算总表（按功能科目）", "附表3　某某研究院一般公共预算基本支出经济分类情况表")


def _document(path):
    doc = pymupdf.open()
    page = doc.new_page(width=842, height=595)
    page.insert_text((300, 60), "某某研究院2027年单位预算", fontname=FONT, fontsize=16)
    page = doc.new_page(width=842, height=595)
    page.insert_text((200, 50), TITLES[0], fontname=FONT, fontsize=12)
    page.insert_text((700, 75), "单位：万元", fontname=FONT, fontsize=9)
    draw_table(page, 40, 90, [70, 200, 90, 90, 90], [
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["", "合计", "120.50", "100.00", "20.50"],
        ["208", "社会保障和就业支出", "120.50", "100.00", "20.50"],
        ["20805", "行政事业单位养老支出", "120.50", "100.00", "20.50"],
        ["2080505", "机关事业单位基本养老保险缴费支出", "120.50", "100.00", "20.50"],
    ])
    page = doc.new_page(width=842, height=595)
    page.insert_text((200, 50), TITLES[1], fontname=FONT, fontsize=12)
    page.insert_text((700, 75), "单位：万元", fontname=FONT, fontsize=9)
    draw_table(page, 40, 90, [70, 200, 90, 90, 90], [
        ["科目编码", "科目名称", "合计", "人员经费", "公用经费"],
        ["", "合计", "100.00", "80.00", "20.00"],
        ["301", "工资福利支出", "80.00", "80.00", ""],
        ["30108", "机关事业单位基本养老保险缴费", "80.00", "80.00", ""],
        ["302", "商品和服务支出", "20.00", "", "20.00"],
        ["30201", "办公费", "20.00", "", "20.00"],
    ])
    doc.save(path)
    return path


def test_unknown_layout_yields_facts_of_known_table_kinds_and_a_notice(tmp_path):
    budget, findings = load_budget(_document(tmp_path / "unknown.pdf"))
    notices = [f for f in findings if f.code == "P005"]
    assert len(notices) == 1 and load_layout(budget.layout).name in notices[0].message
    assert [t.id for t in budget.tables] == ["expenditure_summary", "basic_by_economic"]
    assert [t.title for t in budget.tables] == list(TITLES)
    facts = {(f.table, f.code, f.measure, f.page): f.value_yuan for f in budget_facts(budget)}
    assert facts[("expenditure_summary", "2080505", "project", 2)] == Decimal("205000.00")
    assert facts[("expenditure_summary", "208", "total", 2)] == Decimal("1205000.00")
    assert facts[("basic_by_economic", "30201", "public", 3)] == Decimal("200000.00")
    assert facts[("basic_by_economic", None, "personnel", 3)] == Decimal("800000.00")  # the 合计 row
    # Every printed amount is a fact; blank cells are not.
    assert len([f for f in budget_facts(budget) if f.table == "expenditure_summary"]) == 12
    assert len([f for f in budget_facts(budget) if f.table == "basic_by_economic"]) == 11


def test_a_single_common_signal_does_not_settle_the_layout(tmp_path):
    # "收支总表" alone (printed by nearly every region) is not enough to be sure of the Wuhan layout.
    path = _document(tmp_path / "one-signal.pdf")
    doc = pymupdf.open(path)
    doc[0].insert_text((300, 120), "附表1　收支总表（见下页）", fontname=FONT, fontsize=10)
    doc.saveIncr()
    _, findings = load_budget(path)
    assert any(f.code == "P005" for f in findings)
