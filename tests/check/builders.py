"""A small, fully consistent unit budget built in code, and helpers to perturb it.

Figures (万元, two decimals): total 100.00 = basic 80.00 + project 20.00; classes 208 30.00,
215 60.00 (basic 40.00 + project 20.00), 221 10.00; personnel 65.00, public 15.00; two projects
(运转类 12.00, 特定目标类 8.00); last year 90.00. Every rule of the catalog runs on it silently.
"""
from __future__ import annotations

import itertools
from decimal import Decimal

from yusuan.model import (
    Amount, AmountUnit, Budget, Cell, Claim, Column, CostItem, Direction, FundingLine, NarrativeSection,
    OtherMatter, OverallPerformance, Paragraph, PartHeading, PerformanceProject, PriorFigure, ProjectPerformance, Row,
    RowLevel, Side, SourceRef, StructureLine, Subject, Table, TocEntry, Unit,
)

FILE = "test.txt"
UNIT = "测试中心"
_line = itertools.count(1)  # unbounded: the whole suite builds many budgets in one process


def src() -> SourceRef:
    return SourceRef(file=FILE, line=next(_line))


def w(text: str | None) -> Amount | None:
    """'12.34' printed in 万元 → Amount (exact 元); None stays None (a blank cell)."""
    if text is None:
        return None
    d = Decimal(text)
    places = max(0, -d.as_tuple().exponent)
    return Amount(value=d * 10000, unit=AmountUnit.WAN, places=places, source=src())


def row(code, name, level=None, **cells) -> Row:
    level = level or (RowLevel.for_code(code) if code else RowLevel.TOTAL)
    return Row(code=code, name=name, level=level, source=src(),
               cells=tuple(Cell(measure=m, amount=w(v)) for m, v in cells.items() if v is not None))


def line(item, name, side, value=None, code=None, level=RowLevel.LINE) -> Row:
    cells = (Cell(measure="budget", amount=w(value)),) if value is not None else ()
    return Row(item=item, name=name, side=side, code=code, level=level, cells=cells, source=src())


def table(tid, number, title, columns, rows, empty_note=None) -> Table:
    return Table(id=tid, number=number, title=title, columns=tuple(Column(measure=m, label=m) for m in columns),
                 rows=tuple(rows), empty_note=empty_note, source=src())


CLASSES = (("208", "社会保障和就业支出", "30.00"), ("215", "资源勘探工业信息等支出", "60.00"), ("221", "住房保障支出", "10.00"))


def _two_sided(tid, number, title, income_lines):
    I, E = Side.INCOME, Side.EXPENDITURE
    rows = [line(item, name, I, v) for item, name, v in income_lines]
    rows += [line(None, name, E, v, code=code, level=RowLevel.CLASS) for code, name, v in CLASSES]
    rows += [line("expenditure_current_total", "本年支出合计", E, "100.00"), line("year_end_balance", "年终结转结余", E),
             line("expenditure_total", "支出总计", E, "100.00")]
    return table(tid, number, title, ("budget",), rows)


def by_function(tid, number, title, with_split: bool) -> Table:
    cols = ("total", "basic", "personnel", "public", "project") if with_split else ("total", "basic", "project")

    def r(code, name, total, basic, personnel, public, project):
        extra = dict(personnel=personnel, public=public) if with_split else {}
        return row(code, name, total=total, basic=basic, project=project, **extra)

    return table(tid, number, title, cols, [
        r(None, "合计", "100.00", "80.00", "65.00", "15.00", "20.00"),
        r("208", "社会保障和就业支出", "30.00", "30.00", "30.00", None, None),
        r("20805", "行政事业单位养老支出", "30.00", "30.00", "30.00", None, None),
        r("2080505", "机关事业单位基本养老保险缴费支出", "20.00", "20.00", "20.00", None, None),
        r("2080506", "机关事业单位职业年金缴费支出", "10.00", "10.00", "10.00", None, None),
        r("215", "资源勘探工业信息等支出", "60.00", "40.00", "25.00", "15.00", "20.00"),
        r("21508", "支持中小企业发展和管理支出", "60.00", "40.00", "25.00", "15.00", "20.00"),
        r("2150899", "其他支持中小企业发展和管理支出", "60.00", "40.00", "25.00", "15.00", "20.00"),
        r("221", "住房保障支出", "10.00", "10.00", "10.00", None, None),
        r("22102", "住房改革支出", "10.00", "10.00", "10.00", None, None),
        r("2210201", "住房公积金", "10.00", "10.00", "10.00", None, None),
    ])


def tables() -> tuple[Table, ...]:
    I = Side.INCOME
    t1 = _two_sided("income_expenditure_summary", "1", "收支总表", [
        ("general_budget", "一般公共预算拨款收入", "100.00"), ("gov_fund", "政府性基金预算拨款收入", None),
        ("business_income", "事业收入", None), ("income_current_total", "本年收入合计", "100.00"),
        ("carryover", "上年结转结余", None), ("income_total", "收入总计", "100.00")])
    t2 = table("income_summary", "2", "收入总表", ("total", "general_budget"), [
        row(code, name, total=v, general_budget=v) for code, name, v in
        ((None, "合计", "100.00"), *CLASSES)])
    t3 = by_function("expenditure_summary", "3", "支出总表", with_split=False)
    t4 = _two_sided("fiscal_grant_summary", "4", "财政拨款收支总表", [
        ("income_current_total", "本年收入", "100.00"), ("general_budget", "一般公共预算拨款", "100.00"),
        ("gov_fund", "政府性基金预算拨款", None), ("carryover", "上年结转", None),
        ("income_total", "收入总计", "100.00")])
    t51 = by_function("general_budget_by_function", "5-1", "一般公共预算支出表(分功能科目)", with_split=True)
    t52 = table("general_budget_by_unit", "5-2", "一般公共预算支出表(分单位)", ("total", "basic", "personnel", "public", "project"), [
        row("301001", UNIT, level=RowLevel.UNIT, total="100.00", basic="80.00", personnel="65.00", public="15.00", project="20.00")])
    t6 = table("basic_by_economic", "6", "一般公共预算基本支出表", ("total", "personnel", "public"), [
        row(None, "合计", total="80.00", personnel="65.00", public="15.00"),
        row("301", "工资福利支出", total="55.00", personnel="55.00"),
        row("30101", "基本工资", total="15.00", personnel="15.00"),
        row("30108", "机关事业单位基本养老保险缴费", total="20.00", personnel="20.00"),
        row("30109", "职业年金缴费", total="10.00", personnel="10.00"),
        row("30113", "住房公积金", total="10.00", personnel="10.00"),
        row("302", "商品和服务支出", total="15.00", public="15.00"),
        row("30201", "办公费", total="10.00", public="10.00"),
        row("30227", "委托业务费", total="2.00", public="2.00"),
        row("30231", "公务用车运行维护费", total="3.00", public="3.00"),
        row("303", "对个人和家庭的补助", total="10.00", personnel="10.00"),
        row("30307", "医疗费补助", total="10.00", personnel="10.00"),
    ])
    t7 = table("three_public", "7", "一般公共预算“三公”经费支出表",
               ("three_public_total", "abroad", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception"), [
                   row(None, "“三公”经费", level=RowLevel.LINE, three_public_total="3.00", vehicle_total="3.00",
                       vehicle_operation="3.00")])
    t8 = table("gov_fund_by_function", "8", "政府性基金预算支出表", ("total", "basic", "project"), [],
               empty_note="2026年本单位没有政府性基金预算拨款安排的支出。")
    t9 = table("state_capital_by_function", "9", "国有资本经营预算支出表", ("total", "basic", "project"), [],
               empty_note="2026年本单位没有国有资本经营预算拨款安排的支出。")
    t10 = table("projects", "10", "项目支出表", ("total", "general_budget"), [
        row("A100", "业务保障经费", level=RowLevel.PROJECT, total="20.00", general_budget="20.00"),
        row("A101", "信息系统运维", level=RowLevel.SUBPROJECT, total="12.00", general_budget="12.00").model_copy(update={"parent": "A100"}),
        row("A102", "产业研究", level=RowLevel.SUBPROJECT, total="8.00", general_budget="8.00").model_copy(update={"parent": "A100"}),
    ])
    return (t1, t2, t3, t4, t51, t52, t6, t7, t8, t9, t10)


def overall() -> OverallPerformance:
    def s(side, item, name, amount, share, prior):
        return StructureLine(side=side, item=item, name=name, amount=w(amount), share=Decimal(share) if share else None,
                             history=((2025, w(prior)),) if prior else (), source=src())
    return OverallPerformance(
        unit_name=UNIT, filler="测试员", phone="85310000", source=src(),
        structure=(
            s("income", "fiscal_grant", "财政拨款", "100", "100", "90"),
            s("income", "total", "合计", "100", "100", "90"),
            s("expenditure", "personnel", "人员类项目支出", "65", "65", "60"),
            s("expenditure", "operation", "运转类项目支出", "27", "27", "25"),
            s("expenditure", "specific", "特定目标类项目支出", "8", "8", "5"),
            s("expenditure", "total", "合计", "100", "100", "90"),
        ),
        projects=(
            PerformanceProject(name="产业研究", category="特定目标类项目", total_budget=w("8"), annual_budget=w("8"), source=src()),
            PerformanceProject(name="信息系统运维", category="其他运转类项目", total_budget=w("12"), annual_budget=w("12"), source=src()),
        ),
    )


def project_perf() -> tuple[ProjectPerformance, ...]:
    def funding(v):
        return (FundingLine(item="total", name="合计", amount=w(v), source=src()),
                FundingLine(item="general_budget", name="一般公共预算财政拨款", amount=w(v), source=src()),
                FundingLine(item="own_financing", name="其中：申请本级财力年初安排", amount=w(v), source=src()),
                FundingLine(item="unit_funds", name="单位资金", source=src()))
    return (
        ProjectPerformance(number="12-1", project_name="产业研究", project_code="A102", executing_unit=UNIT,
                           phone="85310000", start_year=2026, end_year=2026, annual_budget=w("8"), total_budget=w("8"),
                           budget_history=((2025, w("7")), (2026, w("8"))), funding=funding("8"), source=src(),
                           costs=(CostItem(activity="咨询", economic_name="委托业务费", amount=w("5"), source=src()),
                                  CostItem(activity="通信", economic_name="邮电费", amount=w("3"), source=src()))),
        ProjectPerformance(number="12-2", project_name="信息系统运维", project_code="A101", executing_unit=UNIT,
                           start_year=2026, end_year=2026, annual_budget=w("12"), total_budget=w("12"),
                           budget_history=((2026, w("12")),), funding=funding("12"), source=src(),
                           costs=(CostItem(activity="运维", economic_name="委托业务费", amount=w("12"), source=src()),)),
    )


def claim(kind, text, amount=None, *, code=None, name=None, table=None, measure=None, **kw) -> Claim:
    return Claim(subject=Subject(kind=kind, code=code, name=name, table=table, measure=measure), text=text,
                 amount=w(amount), source=src(), **{k: (w(v) if k == "change" else v) for k, v in kw.items()})


def narrative() -> tuple[NarrativeSection, ...]:
    def section(number, title, topic, *paragraphs):
        return NarrativeSection(number=number, title=title, topic=topic, source=src(), paragraphs=tuple(
            Paragraph(text=text, claims=tuple(claims), source=src()) for text, claims in paragraphs))
    up = Direction.UP
    return (
        section("一", "收支预算总体安排情况", "overall", (
            "2026 年收支总预算 100 万元，比 2025 年预算增加 10 万元，增长 11.11%，主要原因是人员增加。",
            [claim("total", "2026 年收支总预算 100 万元", "100", table="income_expenditure_summary", measure="budget",
                   compared_year=2025, direction=up, change="10", percent=Decimal("11.11"), percent_word="增长",
                   reason="人员增加")])),
        section("二", "收入预算安排情况", "income", ("本单位收入全部为一般公共预算拨款。", [])),
        section("三", "支出预算安排情况", "expenditure", (
            "2026 年支出预算 100 万元，其中：基本支出 80 万元，占 80%；项目支出 20 万元，占 20%。",
            [claim("expenditure_total", "支出预算 100 万元", "100", table="expenditure_summary", measure="total"),
             claim("basic", "基本支出 80 万元，占 80%", "80", table="expenditure_summary", measure="basic",
                   share=Decimal("80"), share_of="expenditure_total"),
             claim("project_total", "项目支出 20 万元，占 20%", "20", table="expenditure_summary", measure="project",
                   share=Decimal("20"), share_of="expenditure_total")])),
        section("四", "财政拨款收支预算总体情况", "fiscal_grant", ("财政拨款收支与收支总表一致。", [])),
        section("五", "一般公共预算支出安排情况", "general_budget", (
            "机关事业单位基本养老保险缴费支出（项）2026 年预算数 20 万元，比 2025 年预算增加 2 万元，增长 11.11%，主要原因是基数调整。",
            [claim("function", "2080505 20 万元", "20", code="2080505", name="机关事业单位基本养老保险缴费支出",
                   table="general_budget_by_function", measure="total", compared_year=2025, direction=up, change="2",
                   percent=Decimal("11.11"), percent_word="增长", reason="基数调整")])),
        section("六", "一般公共预算基本支出安排情况", "basic", ("基本支出用于人员和公用开支。", [])),
        section("七", "一般公共预算“三公”经费支出安排情况", "three_public", (
            "2026 年“三公”经费支出 3 万元，与 2025 年持平。",
            [claim("three_public", "“三公”经费 3 万元", "3", table="three_public", measure="three_public_total",
                   compared_year=2025, direction=Direction.FLAT)])),
        section("八", "政府性基金预算支出安排情况", "gov_fund", (
            "2026 年本单位没有政府性基金预算拨款安排的支出。",
            [claim("gov_fund", "没有政府性基金预算拨款安排的支出", table="gov_fund_by_function", measure="total",
                   none_stated=True)])),
        section("九", "国有资本经营预算支出安排情况", "state_capital", ("本单位没有此项支出。", [])),
        section("十", "项目支出安排情况", "projects", (
            "产业研究 8 万元，信息系统运维 12 万元。",
            [claim("project", "产业研究 8 万元", "8", code="A102", name="产业研究", table="projects", measure="total"),
             claim("project", "信息系统运维 12 万元", "12", code="A101", name="信息系统运维", table="projects",
                   measure="total")])),
        section("十一", "其他重要事项的情况说明", "other_matters", ("委托业务费 19 万元。", [])),
    )


def toc() -> tuple[TocEntry, ...]:
    entries = [TocEntry(part=1, title=f"{UNIT}概况", source=src()),
               TocEntry(part=2, title=f"{UNIT} 2026 年单位预算表", source=src())]
    for t in tables():
        entries.append(TocEntry(part=2, number=t.number, title=t.title, table=t.id, source=src()))
    entries += [TocEntry(part=2, number="11", title="整体支出绩效目标表", table="overall_performance", source=src()),
                TocEntry(part=2, number="12", title="项目支出绩效目标表", table="project_performance", source=src()),
                TocEntry(part=3, title=f"{UNIT} 2026 年单位预算情况说明", source=src())]
    return tuple(entries)


def headings() -> tuple[PartHeading, ...]:
    return (PartHeading(part=1, title=f"{UNIT}概况", source=src()),
            PartHeading(part=2, title=f"{UNIT} 2026 年单位预算表", source=src()),
            PartHeading(part=3, title=f"{UNIT} 2026 年单位预算情况说明", source=src()),
            PartHeading(part=4, title="名词解释", source=src()))


def budget() -> Budget:
    """The consistent small budget."""
    return Budget(
        unit=Unit(name=UNIT), year=2026, title=f"{UNIT} 2026 年单位预算", source_file=FILE, toc=toc(), headings=headings(),
        tables=tables(), overall_performance=overall(), project_performance=project_perf(), narrative=narrative(),
        other_matters=(OtherMatter(item="entrusted_fee", title="委托业务费预算情况", text="委托业务费 19 万元。",
                                   amount=w("19"), source=src()),),
        prior=(PriorFigure(subject=Subject(kind="total"), amount=w("90"), year=2025),),
    )


# ---------------------------------------------------------------- perturbations


def with_table(b: Budget, new: Table) -> Budget:
    return b.model_copy(update={"tables": tuple(new if t.id == new.id else t for t in b.tables)})


def without_table(b: Budget, table_id: str) -> Budget:
    return b.model_copy(update={"tables": tuple(t for t in b.tables if t.id != table_id)})


def set_cell(b: Budget, table_id: str, measure: str, value: str | None, *, code=None, item=None, name=None) -> Budget:
    """Replace one cell (value None blanks it) of the row with this code / item / name."""
    t = b.table(table_id)

    def match(r: Row) -> bool:
        if code is not None:
            return r.code == code
        if item is not None:
            return r.item == item
        if name is not None:
            return r.name == name
        return r.level is RowLevel.TOTAL

    rows = []
    for r in t.rows:
        if match(r):
            cells = [c for c in r.cells if c.measure != measure]
            if value is not None:
                cells.append(Cell(measure=measure, amount=w(value)))
            r = r.model_copy(update={"cells": tuple(cells)})
        rows.append(r)
    return with_table(b, t.model_copy(update={"rows": tuple(rows)}))


def set_row(b: Budget, table_id: str, row_code: str, **update) -> Budget:
    t = b.table(table_id)
    rows = tuple(r.model_copy(update=update) if r.code == row_code else r for r in t.rows)
    return with_table(b, t.model_copy(update={"rows": rows}))


def set_claim(b: Budget, section: str, index: int, **update) -> Budget:
    """Change claim `index` of narrative section `section` ('一', '三' …); amounts as strings."""
    update = {k: (w(v) if k in ("amount", "change") and isinstance(v, str) else v) for k, v in update.items()}
    sections = []
    for s in b.narrative:
        if s.number == section:
            p = s.paragraphs[0]
            claims = list(p.claims)
            claims[index] = claims[index].model_copy(update=update)
            s = s.model_copy(update={"paragraphs": (p.model_copy(update={"claims": tuple(claims)}),)})
        sections.append(s)
    return b.model_copy(update={"narrative": tuple(sections)})


def set_paragraph_text(b: Budget, section: str, text: str) -> Budget:
    sections = []
    for s in b.narrative:
        if s.number == section:
            s = s.model_copy(update={"paragraphs": (s.paragraphs[0].model_copy(update={"text": text}),)})
        sections.append(s)
    return b.model_copy(update={"narrative": tuple(sections)})


def set_structure(b: Budget, side: str, item: str, **update) -> Budget:
    o = b.overall_performance
    update = {k: (w(v) if k == "amount" else v) for k, v in update.items()}
    lines = tuple(s.model_copy(update=update) if s.side == side and s.item == item else s for s in o.structure)
    return b.model_copy(update={"overall_performance": o.model_copy(update={"structure": lines})})


def set_overall(b: Budget, **update) -> Budget:
    return b.model_copy(update={"overall_performance": b.overall_performance.model_copy(update=update)})


def set_project_perf(b: Budget, number: str, **update) -> Budget:
    return b.model_copy(update={"project_performance": tuple(
        p.model_copy(update=update) if p.number == number else p for p in b.project_performance)})


def set_section_title(b: Budget, section: str, title: str) -> Budget:
    return b.model_copy(update={"narrative": tuple(
        s.model_copy(update={"title": title}) if s.number == section else s for s in b.narrative)})


def set_heading(b: Budget, part: int, title: str) -> Budget:
    return b.model_copy(update={"headings": tuple(
        h.model_copy(update={"title": title}) if h.part == part else h for h in b.headings)})
