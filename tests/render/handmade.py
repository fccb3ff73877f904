"""A small budget built by hand (figures of the Wuhan sample; prose written for the tests)."""
from __future__ import annotations

from decimal import Decimal

from yusuan.model import (
    Amount, AmountUnit, Budget, Cell, Column, GlossaryEntry, Goal, Indicator, NarrativeSection, Paragraph,
    ProjectPerformance, Row, RowLevel, Side, Table, TargetValue, TextSection, Unit,
)


def wan(text: str) -> Amount:
    value = Decimal(text)
    return Amount(value=value * 10000, unit=AmountUnit.WAN, places=2)


def cells(**values: str) -> tuple[Cell, ...]:
    return tuple(Cell(measure=m, amount=wan(v)) for m, v in values.items())


def row(code: str | None, name: str, level: RowLevel | None = None, **values: str) -> Row:
    lv = level or (RowLevel.for_code(code) if code else RowLevel.TOTAL)
    return Row(code=code, name=name, level=lv, cells=cells(**values))


def line(side: Side, name: str, item: str | None = None, code: str | None = None, value: str | None = None,
         level: RowLevel = RowLevel.LINE) -> Row:
    return Row(name=name, item=item, side=side, code=code, level=RowLevel.CLASS if code else level,
               cells=cells(budget=value) if value else ())


def budget() -> Budget:
    inc, exp = Side.INCOME, Side.EXPENDITURE
    summary = Table(id="income_expenditure_summary", number="1", title="收支总表", rows=(
        line(inc, "一般公共预算拨款收入", "general_budget", value="778.64"),
        line(exp, "社会保障和就业支出", code="208", value="80.63"),
        line(inc, "事业收入", "business_income"),
        line(exp, "资源勘探工业信息等支出", code="215", value="698.01"),
        line(inc, "本年收入合计", "income_current_total", value="778.64"),
        line(exp, "本年支出合计", "expenditure_current_total", value="778.64"),
        line(inc, "上年结转结余", "carryover"),
        line(exp, "年终结转结余", "year_end_balance"),
        line(inc, "收入总计", "income_total", value="778.64", level=RowLevel.TOTAL),
        line(exp, "支出总计", "expenditure_total", value="778.64", level=RowLevel.TOTAL),
    ))
    by_function = Table(id="general_budget_by_function", number="5-1", title="一般公共预算支出表(分功能科目)",
                        columns=tuple(Column(measure=m, label=m) for m in ("total", "basic", "personnel", "public", "project")),
                        rows=(
        row(None, "合计", total="778.64", basic="568.64", personnel="516.98", public="51.66", project="210.00"),
        row("208", "社会保障和就业支出", total="80.63", basic="80.63", personnel="80.63"),
        row("20805", "行政事业单位养老支出", total="80.63", basic="80.63", personnel="80.63"),
        row("2080505", "机关事业单位基本养老保险缴费支出", total="80.63", basic="80.63", personnel="80.63"),
        row("215", "资源勘探工业信息等支出", total="698.01", basic="488.01", personnel="436.35", public="51.66",
            project="210.00"),
    ))
    three = Table(id="three_public", number="7", title="一般公共预算“三公”经费支出表", rows=(
        Row(name="“三公”经费", cells=cells(three_public_total="3.00", vehicle_total="3.00", vehicle_operation="3.00")),
    ))
    fund = Table(id="gov_fund_by_function", number="8", title="政府性基金预算支出表",
                 empty_note="本年度没有政府性基金预算拨款支出。")
    performance = ProjectPerformance(
        number="12-1", project_name="信息化应用与产业研究", project_code="42010026301T000000114",
        total_budget=Amount(value=Decimal(1380000), places=0), annual_budget=Amount(value=Decimal(1380000), places=0),
        reason="<p>第一段理由。</p> <p>第二段理由。</p>",
        goals=(Goal(kind="annual", indicators=(
            Indicator(level1="产出指标", level2="数量指标", name="服务企业家数", target=TargetValue.parse("≥500家次"),
                      history=((2024, TargetValue.parse("≥500家次")), (2025, TargetValue.parse("≥300家次"))),
                      basis="计划数据"),
            Indicator(level1="产出指标", level2="质量指标", name="咨询回复率", target=TargetValue.parse("≥96%"),
                      basis="计划数据"),
        )),),
    )
    return Budget(
        unit=Unit(name="测试信息中心"), year=2026,
        overview=(TextSection(title="主要职责", text="负责测试用的各项工作。"),),
        tables=(summary, by_function, three, fund),
        project_performance=(performance,),
        narrative=(NarrativeSection(number="一", title="收支预算总体安排情况", topic="overall", paragraphs=(
            Paragraph(text="本年收支总预算 778.64 万元。"),)),),
        glossary=(GlossaryEntry(term="基本支出", definition="保障机构运转的支出。"),),
    )
