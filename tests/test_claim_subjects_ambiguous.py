"""Names and fees the claim reader must not link to the wrong line: a project named like a function
item, the 会议费/培训费 of the "三公" section, a fund's share of the carry-over. Own wording, own figures."""
from __future__ import annotations

from decimal import Decimal

from yusuan.check.subjects import resolve
from yusuan.extract.subjects import classify
from yusuan.model import Amount, AmountUnit, Budget, Cell, Column, Row, RowLevel, Side, Table, Unit


def _w(text: str) -> Amount:
    return Amount(value=Decimal(text) * 10000, unit=AmountUnit.WAN, places=2)


def _table(tid: str, columns: tuple[str, ...], rows: list[Row]) -> Table:
    return Table(id=tid, number="1", title=tid, columns=tuple(Column(measure=m, label=m) for m in columns),
                 rows=tuple(rows))


def _row(code, name, level, **cells) -> Row:
    return Row(code=code, name=name, level=level, cells=tuple(Cell(measure=m, amount=_w(v)) for m, v in cells.items()))


def _budget(carryover_lines: bool = False) -> Budget:
    spending = _table("expenditure_summary", ("total",), [
        _row(None, "合计", RowLevel.TOTAL, total="500.00"),
        _row("201", "一般公共服务支出", RowLevel.CLASS, total="500.00"),
        _row("20105", "统计信息事务", RowLevel.SECTION, total="500.00"),
        _row("2010506", "统计管理", RowLevel.ITEM, total="360.00"),
        _row("2010505", "专项统计业务", RowLevel.ITEM, total="140.00"),
    ])
    projects = _table("projects", ("total",), [
        _row(None, "测试局", RowLevel.UNIT, total="200.00"),
        _row(None, "统计管理", RowLevel.PROJECT, total="150.00"),
        _row(None, "年度抽样调查", RowLevel.PROJECT, total="50.00"),
    ])
    three = _table("three_public", ("three_public_total", "reception", "meeting_fee", "training_fee"), [
        _row(None, "“三公”经费", RowLevel.LINE, three_public_total="8.00", reception="8.00", meeting_fee="6.00",
             training_fee="21.00"),
    ])
    lines = [Row(item="general_budget", name="一般公共预算拨款收入", side=Side.INCOME, level=RowLevel.LINE,
                 cells=(Cell(measure="budget", amount=_w("500.00")),)),
             Row(item="carryover", name="上年结转结余", side=Side.INCOME, level=RowLevel.LINE)]
    if carryover_lines:
        lines.append(Row(item="carryover_general_budget", name="一般公共预算拨款", side=Side.INCOME, level=RowLevel.LINE))
    summary = _table("income_expenditure_summary", ("budget",), lines)
    return Budget(unit=Unit(name="测试局"), year=2026, title="测试局 2026 年部门预算",
                  tables=(summary, spending, projects, three))


def test_a_project_named_like_a_function_item_is_the_project_outside_function_sections():
    b = _budget()
    for topic in (None, "projects", "overall"):
        s = classify("1.统计管理", "", topic, b)
        assert (s.kind, s.table, s.name) == ("project", "projects", "统计管理"), topic
        assert resolve(b, s).amount.value == 1500000
    # A listed project that is no function item, in a section without topic.
    assert classify("2.年度抽样调查", "", None, b).kind == "project"


def test_in_a_function_section_the_same_name_is_the_function_item():
    b = _budget()
    for topic in ("expenditure", "general_budget"):
        s = classify("统计管理", "", topic, b)
        assert (s.kind, s.code) == ("function", "2010506"), topic
    # Not a listed project: the function item, whatever the section.
    assert classify("专项统计业务", "", None, b).code == "2010505"


def test_meeting_and_training_fees_of_the_three_public_section():
    b = _budget()
    meeting = classify("2026 年度一般公共预算拨款安排的会议费预算支出", "", "three_public", b)
    training = classify("一般公共预算拨款安排的培训费支出", "", "three_public", b)
    assert (meeting.table, meeting.measure) == ("three_public", "meeting_fee")
    assert (training.table, training.measure) == ("three_public", "training_fee")
    assert resolve(b, meeting).amount.value == 60000 and resolve(b, training).amount.value == 210000
    assert classify("会议费和培训费合计", "", "three_public", b).kind == "other"  # no single cell
    # Outside the "三公" section a 培训费 is not the table's column (it may be an economic line).
    assert classify("一般公共预算拨款安排的培训费支出", "", "expenditure", b).measure != "training_fee"


def test_a_funds_share_of_the_carryover_is_not_its_current_income():
    s = classify("上年结转结余的一般公共预算收入", "", "income", _budget())
    assert s.kind == "other"
    linked = classify("上年结转结余的一般公共预算收入", "", "income", _budget(carryover_lines=True))
    assert (linked.kind, linked.code) == ("income_source", "carryover_general_budget")
    assert classify("本年一般公共预算收入", "", "income", _budget()).code == "general_budget"
