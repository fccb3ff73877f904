"""The preparer's YAML for the tables and forms beyond the Wuhan layout: label_tree tables, qualified
measures and printed rates, tables in another unit, several single-row lines, Xi'an/Beijing
performance fields — written, read back equal; what the form cannot hold is refused, not dropped."""
from __future__ import annotations

from decimal import Decimal

import pytest

from provenance import differences, strip_provenance
from yusuan.extract.yaml_budget import loads
from yusuan.model import (
    Amount, AmountUnit, Budget, Cell, Column, FundingLine, Goal, Indicator, OverallPerformance,
    PerformanceProject, ProjectPerformance, Row, RowLevel, Table, TargetValue, Unit,
)
from yusuan.read.raw import UnreadableError
from yusuan.render.yaml_out import NotRepresentable, budget_to_yaml, template_yaml

WAN, YUAN, PCT = AmountUnit.WAN, AmountUnit.YUAN, AmountUnit.PERCENT


def amt(printed: str, unit: AmountUnit = WAN) -> Amount:
    d = Decimal(printed)
    places = -d.as_tuple().exponent if d.as_tuple().exponent < 0 else 0
    return Amount(value=d * unit.factor, unit=unit, places=places)


def budget(layout: str, tables=(), **more) -> Budget:
    return Budget(unit=Unit(name="某某局"), year=2026, layout=layout, amount_unit=WAN, tables=tuple(tables), **more)


def round_trip(b: Budget) -> tuple[str, Budget]:
    text = budget_to_yaml(b)
    return text, loads(text, "shapes.yaml")


def assert_same(a: Budget, b: Budget) -> None:
    left, right = strip_provenance(a.model_dump()), strip_provenance(b.model_dump())
    assert differences(left, right) == []


def procurement() -> Table:
    rows = (
        Row(name="合 计", level=RowLevel.TOTAL, texts=(("采购类别", "合 计"),), cells=(Cell(measure="procurement", amount=amt("90.06")),)),
        Row(name="A-货物", level=RowLevel.GROUP, texts=(("采购类别", "A-货物"),), cells=(Cell(measure="procurement", amount=amt("38.87")),)),
        Row(name="台式计算机", texts=(("采购类别", "A-货物"), ("品目", "台式计算机"), ("数量", "12")),
            cells=(Cell(measure="procurement", amount=amt("38.87")),)),
    )
    return Table(id="procurement", number="10", title="政府采购预算明细表", columns=(Column(measure="procurement", label="金额"),),
                 rows=rows)


def test_label_tree_rows_keep_labels_levels_and_amounts():
    b = budget("beijing_dept", [procurement()])
    text, back = round_trip(b)
    assert "level: 小计" in text and "texts: {采购类别: A-货物, 品目: 台式计算机, 数量: \"12\"}" in text
    assert_same(b, back)
    assert [r.level for r in back.tables[0].rows] == [RowLevel.TOTAL, RowLevel.GROUP, RowLevel.LINE]


def test_qualified_measures_and_rates():
    cols = (Column(measure="total", label="2026 年预算数"), Column(measure="total@prior_actual", label="2025 年执行数"),
            Column(measure="total@change_pct", label="增减(%)"))
    row = Row(name="合计", level=RowLevel.TOTAL, cells=(
        Cell(measure="total", amount=amt("131.44")), Cell(measure="total@prior_actual", amount=amt("335.87")),
        Cell(measure="total@change_pct", amount=amt("-60.86", PCT))))
    t = Table(id="general_budget_by_function", number="5", title="一般公共预算支出预算表", columns=cols, rows=(row,))
    b = budget("central_dept", [t])
    text, back = round_trip(b)
    assert "{name: 合计, total: 131.44, total@prior_actual: 335.87, total@change_pct: -60.86%}" in text
    assert_same(b, back)
    rate = back.tables[0].rows[0].get("total@change_pct")
    assert (rate.value, rate.unit, rate.places) == (Decimal("-60.86"), PCT, 2)


def test_table_in_its_own_unit_and_amounts_in_another():
    row = Row(name="“三公”经费", cells=(Cell(measure="three_public_total", amount=amt("6.4")),
                                      Cell(measure="abroad", amount=amt("0", YUAN))))
    t = Table(id="three_public", number=None, title="“三公”经费支出表", unit=WAN, columns=(
        Column(measure="three_public_total", label="合计"), Column(measure="abroad", label="因公出国(境)费")), rows=(row,))
    b = budget("central_dept", [t]).model_copy(update={"amount_unit": YUAN})
    text, back = round_trip(b)
    assert "    unit: 万元" in text and "    number: ~" in text and "    abroad: 0 元" in text
    assert_same(b, back)
    assert back.tables[0].number is None


def test_single_row_table_with_unit_lines_lists_rows():
    lines = [Row(name="“三公”经费", cells=(Cell(measure="reception", amount=amt("6.02")),)),
             Row(name="某某中心", level=RowLevel.UNIT, cells=(Cell(measure="reception", amount=amt("5.93")),))]
    t = Table(id="three_public", number="9", title="财政拨款预算“三公”经费支出表",
              columns=(Column(measure="reception", label="公务接待费"),), rows=tuple(lines))
    b = budget("central_dept", [t])
    text, back = round_trip(b)
    assert "      - {name: 某某中心, level: 单位, reception: 5.93}" in text
    assert_same(b, back)
    empty = budget("central_dept", [t.model_copy(update={"rows": ()})])
    assert_same(empty, round_trip(empty)[1])


def test_weights_targets_printed_apart_and_funding():
    ind = Indicator(level1="成本指标", level2="经济成本指标", name="登记成本", weight=Decimal("2.5"),
                    target=TargetValue(text="≤8", op="≤", number=Decimal(8), unit="元/户"))
    plain = Indicator(level1="产出指标", level2="数量指标", name="调查户数", target=TargetValue.parse("≥1000 户"))
    funding = (FundingLine(item="fiscal_grant", name="财政拨款", amount=amt("3455.78")),
               FundingLine(item="other_funds", name="其他资金", amount=amt("0", YUAN)))
    overall = OverallPerformance(projects=(PerformanceProject(name="保障人员经费", annual_budget=amt("3455.78"), funding=funding),),
                                 goals=(Goal(kind="annual", indicators=(ind, plain)),))
    project = ProjectPerformance(number=None, project_name="人口普查", annual_budget=amt("484600.00", YUAN),
                                 total_budget=amt("484600.00", YUAN), goals=(Goal(kind="annual", indicators=(plain,)),))
    b = budget("xian_dept", overall_performance=overall, project_performance=(project,))
    text, back = round_trip(b)
    assert 'target: {text: "≤8", unit: 元/户}, weight: 2.5}' in text
    assert 'target: "≥1000 户"' in text
    assert "- number: ~" in text and "  unit: 元" in text
    assert_same(b, back)


def test_target_parts_replace_the_parsed_text():
    b = loads("unit: {name: x}\nyear: 2026\noverall_performance:\n  goals:\n    - kind: 年度\n      indicators:\n"
              "        - {level1: a, level2: b, name: c, target: {text: 很好, op: ≥, number: 3.50, unit: 分}}\n")
    target = b.overall_performance.goals[0].indicators[0].target
    assert (target.text, target.op, target.number, target.unit) == ("很好", "≥", Decimal("3.50"), "分")
    assert str(target.number) == "3.50"  # from the scalar text, not a float


@pytest.mark.parametrize("layout, body, message", [
    ("central_dept", "  general_budget_by_function:\n    rows:\n      - {name: 合计, total@nonsense: 1}\n",
     "b.yaml：第 7 行，tables.general_budget_by_function.rows[0].total@nonsense：表5"),
    ("central_dept", "  general_budget_by_function:\n    rows:\n      - {name: 合计, total: 七百 万元}\n",
     "b.yaml：第 7 行，tables.general_budget_by_function.rows[0].total：“七百 万元”不是数字"),
    ("beijing_dept", "  procurement:\n    unit: '%'\n", "b.yaml：第 6 行，tables.procurement.unit：未知的金额单位“%”"),
])
def test_errors_name_file_line_and_key_path(layout, body, message):
    with pytest.raises(UnreadableError) as err:
        loads(f"unit: {{name: x}}\nyear: 2026\nlayout: {layout}\ntables:\n{body}", "b.yaml")
    assert str(err.value).startswith(message)


def test_what_the_form_cannot_hold_is_refused_not_dropped():
    row = Row(name="合计", level=RowLevel.TOTAL, cells=(Cell(measure="basic", amount=amt("1.00")),))
    t = Table(id="procurement", number="10", title="政府采购预算明细表", rows=(row,),
              columns=(Column(measure="basic", label="基本支出"),))
    unknown = Table(id="no_such_table", title="某表", rows=(row,))
    b = budget("beijing_dept", [t, unknown])
    with pytest.raises(NotRepresentable) as err:
        budget_to_yaml(b)
    assert len(err.value.gaps) == 3  # the column, the cell, the unknown table
    assert any("某表" in g for g in err.value.gaps)
    text = template_yaml(b)  # the preparer's skeleton says it in place instead
    assert text.gaps == err.value.gaps and "# 未写出：" in text
