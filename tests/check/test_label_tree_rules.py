"""S140 (label_tree subtotals) and T409 (the stated procurement total): a small procurement table of
three levels (合计 > 品目大类 > 单位 > lines) and a purchased-services table without groups."""
from __future__ import annotations

from check.builders import budget, src, table, w
from check.helpers import assert_fires, assert_silent
from yusuan.model import Cell, OtherMatter, Row, RowLevel

CODES = ("S140", "T409")


def _row(name, level, procurement, general=None, **texts):
    cells = [Cell(measure="procurement", amount=w(procurement))]
    if general is not None:
        cells.append(Cell(measure="general_budget", amount=w(general)))
    return Row(name=name, level=level, texts=tuple(texts.items()), cells=tuple(cells), source=src())


def _procurement(goods="5.50", second_unit="3.00"):
    T, G, L = RowLevel.TOTAL, RowLevel.GROUP, RowLevel.LINE
    rows = [
        _row("合计", T, "191.50", "191.50", 大类="合计"),
        _row("货物", G, goods, goods, 大类="货物"),
        _row("甲单位", G, "5.50", "5.50", 大类="甲单位"),
        _row("复印纸", L, "1.30", "1.30", 品目="复印纸"),
        _row("便携式计算机", L, "4.20", "4.20", 品目="便携式计算机"),
        _row("服务", G, "186.00", "186.00", 大类="服务"),
        _row("甲单位", G, "183.00", "183.00", 大类="甲单位"),
        _row("物业管理服务", L, "13.00", "13.00", 品目="物业管理服务"),
        _row("审计服务", L, "170.00", "170.00", 品目="审计服务"),
        _row("乙单位", G, second_unit, second_unit, 大类="乙单位"),  # a second unit under 服务
        _row("会议服务", L, "3.00", "3.00", 品目="会议服务"),
    ]
    return table("procurement", "13", "政府采购支出表", ("procurement", "general_budget"), rows)


def _services(total="12.00"):
    rows = [Row(name="合计", level=RowLevel.TOTAL, cells=(Cell(measure="purchase_services", amount=w(total)),)),
            Row(name="会议服务", cells=(Cell(measure="purchase_services", amount=w("4.00")),)),
            Row(name="咨询服务", cells=(Cell(measure="purchase_services", amount=w("8.00")),))]
    return table("purchase_services", "11", "财政拨款政府购买服务明细表", ("purchase_services",), rows)


def _with(*tables, stated="191.5"):
    b = budget()
    matters = b.other_matters + (OtherMatter(item="procurement", title="政府采购", text="政府采购预算见表。",
                                             amount=w(stated), source=src()),)
    return b.model_copy(update={"tables": b.tables + tables, "other_matters": matters})


def test_silent_on_consistent_tables():
    b = _with(_procurement(), _services())
    for code in CODES:
        assert_silent(b, code)


def test_S140_group_vs_its_lines():
    b = _with(_procurement(goods="5.60"))
    found = assert_fires(b, "S140", table="procurement")
    goods = [f.message for f in found if f.location.row == "货物"]
    assert goods and "货物：政府采购预算 5.60 ≠ 所属各行之和（甲单位 5.50） 5.50，相差 0.10 万元" in goods[0]
    assert sorted({f.location.row for f in found}) == ["合计", "货物"]  # 合计 is 货物 + 服务 again


def test_S140_total_vs_outermost_rows_and_a_second_unit():
    b = _with(_procurement(second_unit="3.10"))
    found = assert_fires(b, "S140", table="procurement")
    rows = sorted(f.location.row for f in found)
    # 乙单位 3.10 ≠ 会议服务 3.00; 服务 186.00 ≠ 甲 183.00 + 乙 3.10 (both measures each)
    assert rows == ["乙单位", "乙单位", "服务", "服务"]


def test_S140_table_without_groups():
    b = _with(_procurement(), _services(total="12.50"))
    found = assert_fires(b, "S140", table="purchase_services")
    assert "合计：政府购买服务预算 12.50 ≠ 所属各行之和（会议服务 4.00 + 咨询服务 8.00） 12.00" in found[0].message


def test_T409_stated_total_vs_table():
    b = _with(_procurement(), stated="181.5")
    found = assert_fires(b, "T409", table="procurement")
    assert "情况说明 政府采购 181.50 万元 ≠ 表13 政府采购支出表 合计 191.50 万元，相差 10.00 万元" == found[0].message


def test_T409_allows_the_rounding_of_the_text():
    b = _with(_procurement(), stated="191.5")
    assert_silent(b, "T409")
    b = _with(_procurement(), stated="192")  # 192 万元 printed as a whole number: 191.50 rounds to 192
    assert_silent(b, "T409")
