"""Government procurement and purchased-services tables (shape label_tree), read off the pages:
Beijing 预算10表 (p25) and 预算11表 (p26), Suzhou 公开13表 (p22), Xi'an 表12 (p38); each renders and
reads back in every format with the same rows."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import sample

from yusuan.api import load_budget, read_raw
from yusuan.extract import extract
from yusuan.extract.label_tree import group_depths
from yusuan.model import AmountUnit, RowLevel
from yusuan.reference.layouts import load_layout
from yusuan.render import render

BEIJING = "bj-tjj-2026-dept-budget-tables.pdf"
SUZHOU = "suzhou-sjj-2026-dept-budget.pdf"
XIAN = "xian-tjj-2026-dept-budget.pdf"
T, G, L = RowLevel.TOTAL, RowLevel.GROUP, RowLevel.LINE


def _rows(table, measure):
    return [(r.level, r.name, r.get(measure).printed if r.get(measure) else None) for r in table.rows]


def _p001(findings, title):
    return [f for f in findings if f.code == "P001" and title in f.message]


def test_beijing_procurement_and_purchased_services():
    budget, findings = load_budget(sample(BEIJING))
    t10 = budget.table("procurement")
    assert (t10.number, t10.unit, t10.source.page) == ("10", AmountUnit.WAN, 25)
    assert _rows(t10, "procurement") == [(L, "A-货物", Decimal("3887.172900")), (L, "C-服务", Decimal("5177.883268")),
                                         (T, "合 计", Decimal("9065.056168"))]
    t11 = budget.table("purchase_services")
    assert t11.source.page == 26 and t11.total_row().get("purchase_services").printed == Decimal("2324.576458")
    lines = [r for r in t11.rows if r.level is L]
    assert len(lines) == 31 and not [r for r in t11.rows if r.level is G]
    first, last = lines[0], lines[-1]
    assert dict(first.texts) == {"指导性目录/一级": "01-公共服务", "指导性目录/二级": "0115-公共信息与宣传服务",
                                 "指导性目录/三级": "公共公益宣传服务"}
    assert (first.name, first.value("purchase_services")) == ("公共公益宣传服务", Decimal("4469538.58"))
    assert (last.name, last.value("purchase_services")) == ("翻译服务", Decimal("5400"))
    assert [r.value("purchase_services") for r in lines if r.name == "会议服务"] == [
        Decimal(x) * 10000 for x in ("23.6", "3.84", "58", "47", "4.745", "12.8", "9.075", "110", "16.005")]
    assert sum(r.value("purchase_services") for r in lines) == t11.total_row().value("purchase_services")
    assert not _p001(findings, "政府采购预算明细表") and not _p001(findings, "政府购买服务明细表")


def test_suzhou_procurement_tree():
    budget, findings = load_budget(sample(SUZHOU))
    t = budget.table("procurement")
    assert (t.number, t.source.page) == ("13", 22)
    assert [c.measure for c in t.columns] == ["general_budget", "gov_fund", "other_income", "carryover", "procurement"]
    assert _rows(t, "procurement") == [
        (T, "合计", Decimal("188.50")), (G, "货物", Decimal("5.50")), (G, "苏州市审计局", Decimal("5.50")),
        (L, "复印纸", Decimal("1.30")), (L, "便携式计算机", Decimal("4.20")), (G, "服务", Decimal("183.00")),
        (G, "苏州市审计局", Decimal("183.00")), (L, "物业管理服务", Decimal("13.00")), (L, "审计服务", Decimal("170.00"))]
    assert all(r.value("general_budget") == r.value("procurement") > 0 for r in t.rows)  # one fund printed
    assert group_depths([r.level for r in t.rows]) == [None, 0, 1, 2, 2, 0, 1, 2, 2]
    assert dict(t.rows[8].texts) == {"专项名称": "区域重点项目协审经费", "经济科目": "委托业务费",
                                     "采购品目名称": "审计服务", "采购组织形式": "分散采购"}
    assert not _p001(findings, "政府采购支出表")


def test_xian_procurement_tree():
    budget, findings = load_budget(sample(XIAN))
    t = budget.table("procurement")
    assert (t.number, t.unit, t.source.page) == ("12", AmountUnit.YUAN, 38)
    rows = _rows(t, "procurement")
    assert rows[:3] == [(T, "合计", Decimal("18712700.00")), (G, "全额", Decimal("18712700.00")),
                        (G, "西安市统计局", Decimal("18712700.00"))]
    assert len(rows) == 19 and all(level is L for level, _, _ in rows[3:])
    assert [v for _, _, v in rows[3:]] == [Decimal(x) for x in (
        "280000.00", "204600.00", "2040000.00", "1020000.00", "6863000.00", "250000.00", "52000.00", "385000.00",
        "390000.00", "12100.00", "39000.00", "5788600.00", "12000.00", "148300.00", "1118100.00", "110000.00")]
    tablet = t.rows[14]
    assert tablet.name == "A02010109平板式计算机" and dict(tablet.texts)["数量"] == "4,000"
    assert dict(tablet.texts)["部门预算支出经济科目编码/类"] == "310" and "单位编码" not in dict(tablet.texts)
    assert dict(t.rows[2].texts)["单位编码"] == "119001"
    assert not _p001(findings, "政府采购")
    assert not [f for f in findings if f.code == "P003" and "政府采购" in f.message]  # 数量 is a count column


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx", "xlsx"])
@pytest.mark.parametrize("name", [SUZHOU, XIAN])
def test_round_trip(name, fmt, tmp_path):
    budget, _ = load_budget(sample(name))
    path = tmp_path / f"doc.{fmt}"
    path.write_bytes(render(budget, fmt))
    again, _ = extract(read_raw(path), load_layout(budget.layout))
    before, after = budget.table("procurement"), again.table("procurement")
    assert after is not None
    shape = [(r.level, r.name, r.texts, [(c.measure, c.amount.value) for c in r.cells]) for r in before.rows]
    assert [(r.level, r.name, r.texts, [(c.measure, c.amount.value) for c in r.cells]) for r in after.rows] == shape
