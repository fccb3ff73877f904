"""Key figures a document prints only as their parts: 人员经费/公用经费 from 基本支出's economic classes
(no such columns), 基本支出 from 人员支出 + 日常公用支出 (no 基本支出 column); the section 其他重要事项
found by its title words where the layout names it otherwise. Own figures."""
from __future__ import annotations

from decimal import Decimal

from yusuan.extract.narrative import section_heading
from yusuan.figures.summary import summary
from yusuan.model import Amount, AmountUnit, Budget, Cell, Column, Row, RowLevel, Table, Unit
from yusuan.reference.layouts import NarrativeSpec


def _w(text: str) -> Amount:
    return Amount(value=Decimal(text) * 10000, unit=AmountUnit.WAN, places=2)


def _table(tid: str, columns: tuple[str, ...], rows: list[Row]) -> Table:
    return Table(id=tid, number="6", title=tid, columns=tuple(Column(measure=m, label=m) for m in columns),
                 rows=tuple(rows))


def _row(code, name, level, **cells) -> Row:
    return Row(code=code, name=name, level=level, cells=tuple(Cell(measure=m, amount=_w(v)) for m, v in cells.items()))


def _econ(total: str, classes: dict[str, str]) -> Table:
    return _table("basic_by_economic", ("total",), [
        _row(None, "合计", RowLevel.TOTAL, total=total),
        *(_row(code, f"类{code}", RowLevel.CLASS, total=v) for code, v in classes.items()),
        _row("30101", "基本工资", RowLevel.SECTION, total="100.00"),
    ])


def _gpb(basic: str) -> Table:
    return _table("general_budget_by_function", ("total", "basic", "project"), [
        _row(None, "合计", RowLevel.TOTAL, total="2000.00", basic=basic, project="508.64")])


def _figures(*tables: Table) -> dict:
    return summary(Budget(unit=Unit(name="测试局"), year=2026, tables=tables))


def test_personnel_and_public_from_economic_classes():
    # 301 + 303 are 人员经费; 302 and 310 公用经费; the classes add up to 合计 within rounding (0.01).
    econ = _econ("1491.36", {"301": "1061.32", "302": "90.33", "303": "339.70", "310": "0.02"})
    data = _figures(econ, _gpb("1491.36"))
    assert data["personnel_total"] == "14010200" and data["public_total"] == "903500"
    # A table whose total is not the 一般公共预算 基本支出 (all spending by economic class, or none to
    # compare with) gives nothing.
    assert _figures(econ, _gpb("1200.00"))["personnel_total"] is None
    assert _figures(econ)["personnel_total"] is None


def test_no_personnel_when_classes_do_not_add_up():
    # A class missed (303 not read): the sum is not the table's; nothing is shown rather than a part.
    data = _figures(_econ("1491.36", {"301": "1061.32", "302": "90.33"}), _gpb("1491.36"))
    assert data["personnel_total"] is None and data["public_total"] is None


def test_printed_personnel_column_wins():
    table = _table("basic_by_economic", ("total", "personnel", "public"), [
        _row(None, "合计", RowLevel.TOTAL, total="100.00", personnel="70.00", public="30.00"),
        _row("301", "工资福利支出", RowLevel.CLASS, total="60.00", personnel="60.00"),
        _row("303", "对个人和家庭的补助", RowLevel.CLASS, total="10.00", personnel="10.00"),
        _row("302", "商品和服务支出", RowLevel.CLASS, total="30.00", public="30.00"),
    ])
    assert _figures(table)["personnel_total"] == "700000"


def test_basic_from_personnel_and_public_columns():
    spending = _table("expenditure_summary", ("total", "personnel", "public", "project"), [
        _row(None, "合计", RowLevel.TOTAL, total="404.15", personnel="250.11", public="47.79", project="106.25"),
    ])
    data = _figures(spending)
    assert data["basic_total"] == "2979000" and data["project_total"] == "1062500"


def test_basic_column_printed_is_read_as_is():
    spending = _table("expenditure_summary", ("total", "basic", "personnel", "public", "project"), [
        _row(None, "合计", RowLevel.TOTAL, total="10.00", personnel="3.00", public="1.00", project="6.00"),
    ])
    # 基本支出 printed blank: null (a blank is not 0), and not rebuilt from its parts.
    assert _figures(spending)["basic_total"] is None


def test_other_matters_section_by_its_words():
    specs = (NarrativeSpec("一", "预算收支总体情况", "overall"), NarrativeSpec("七", "预算绩效目标情况", "other_matters"))
    heading = section_heading("八、其他重要事项说明", specs, expected=8)
    assert heading is not None and heading.topic == "other_matters"
    assert section_heading("八、部门职责说明", specs, expected=8).topic is None


def test_sub_sections_of_one_explanation_part():
    # Hangzhou: 二、…部门预算安排情况说明 over （一）…（十）, titles ending "（详见表N）", sometimes wrapped.
    from yusuan.extract.narrative import sub_section
    three = sub_section("（七）一般公共预算“三公”经费预算情况说明（详")
    assert three is not None and three.topic == "three_public" and three.number == "（七）"
    assert sub_section("（十）其他重要事项的情况说明").topic == "other_matters"
    assert sub_section("（一）收支预算情况的总体说明（详见表1-3）").topic == "overall"
    assert sub_section("（一）机关运行经费") is None  # an item of 其他重要事项, not a sub-section
    assert sub_section("（二）收入预算 100 万元，增长 5%。") is None


def test_other_matters_read_from_a_sub_section():
    from narrative_budget import narrative_budget

    from yusuan.extract.context import ExtractContext
    from yusuan.extract.narrative import read_narrative
    from yusuan.read.text import text_to_raw
    from yusuan.reference.layouts import load_layout
    text = ("二、2026 年某局部门预算安排情况说明\n"
            "（一）收支预算情况的总体说明（详见表1-3）\n"
            "某局2026 年收支总预算 999.00 万元。\n"
            "（五）一般公共预算当年拨款情况说明（详见表5）\n"
            "行政运行（项）支出 12.00 万元。\n"
            "（十）其他重要事项的情况说明\n"
            "1.机关运行经费\n"
            "2026 年，本部门等 2 家行政单位的机关运行经费财政拨款预算 46.12 万元，比上年预算数增加 1.00 万元。\n")
    raw = text_to_raw(text, "sub.txt")
    ctx = ExtractContext(path="sub.txt", layout=load_layout("zhejiang_dept"), unit=AmountUnit.WAN)
    sections, other = read_narrative(tuple(raw.lines()), narrative_budget(), ctx)
    assert [(s.number, s.topic) for s in sections] == [
        ("二", "overall"), ("（一）", "overall"), ("（五）", "general_budget"), ("（十）", "other_matters")]
    assert [c.amount.printed for c in sections[1].claims] == [999]
    # the 项 of a sub-section by function are not linked to table lines yet: text kept, figures not read
    assert sections[2].paragraphs and not sections[2].claims
    gov = next(m for m in other if m.item == "gov_operation_cost")
    assert gov.amount.value == Decimal("461200")
