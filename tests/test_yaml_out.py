"""Budget → the preparer's YAML: reading the text back gives the same budget (provenance apart)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, sample
from provenance import differences, strip_provenance
from yusuan.extract.yaml_budget import loads, read
from yusuan.model import (
    Amount, AmountUnit, Budget, Cell, Column, Goal, Indicator, OtherMatter, OverallPerformance, PriorFigure,
    Row, RowLevel, Side, StructureLine, Subject, Table, TargetValue, Unit,
)
from yusuan.reference.codebook import load_codebook
from yusuan.reference.layouts import load_layout, measures
from yusuan.render.yaml_out import budget_to_yaml, number_text, scalar

EXAMPLE = EXAMPLES / "wuhan-gxzx-2026.yaml"
WAN = AmountUnit.WAN
LAYOUT = load_layout("wuhan_unit")


def same(left: Budget, right: Budget) -> list[str]:
    """Differences apart from provenance; the YAML form holds no contents page and no Part 3."""
    a, b = strip_provenance(left.model_dump()), strip_provenance(right.model_dump())
    # the contents, the parts' headings (generated from the outline), Part 3 and what is read from it
    for key in ("toc", "headings", "narrative", "stated_figures", "tables_elsewhere"):
        a.pop(key), b.pop(key)
    return differences(a, b)


def round_trip(budget: Budget) -> Budget:
    return loads(budget_to_yaml(budget), "roundtrip.yaml")


# --- the example ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example() -> Budget:
    return read(EXAMPLE)


def test_example_round_trips(example):
    assert same(example, round_trip(example)) == []


def test_example_text_looks_like_the_preparers_form(example):
    text = budget_to_yaml(example)
    lines = text.splitlines()
    # Places as printed, one flow row per line, codes quoted.
    assert '      - {code: "210", name: 卫生健康支出, total: 51.90, basic: 51.90}' in lines
    assert "      - {item: income_total, name: 收入总计, amount: 778.64}" in lines
    assert "      - {code: \"30226\", name: 劳务费}" in lines  # blank cells stay blank
    assert "    budget_history: {2024: 55, 2025: 130, 2026: 138}" in lines  # integers stay integers
    # Each table headed by its number and title from the layout, in the layout's order.
    headings = [line.strip() for line in lines if line.strip().startswith("# 表")]
    assert headings[:3] == ["# 表1 收支总表", "# 表3 支出总表", "# 表4 财政拨款收支总表"]
    assert "# 表7 一般公共预算“三公”经费支出表" in headings
    keys = [line.split(":")[0] for line in lines if line and not line.startswith((" ", "#"))]
    assert keys == ["unit", "year", "kind", "level", "amount_unit", "layout", "title", "tables",
                    "overall_performance", "project_performance", "other_matters", "prior", "reasons"]
    assert "float" not in text and "e+" not in text.lower()


def test_text_reading_round_trips(wuhan_txt):
    from yusuan.api import load_budget

    budget, _ = load_budget(wuhan_txt)
    back = round_trip(budget)

    def by_side(dump):  # the text interleaves the two sides of tables 1 and 4 line by line
        for t in dump["tables"]:
            t["rows"] = sorted(t["rows"], key=lambda r: {"income": 0, "expenditure": 1}.get(r["side"], 2))
        return dump

    a, b = by_side(strip_provenance(budget.model_dump())), by_side(strip_provenance(back.model_dump()))
    # the contents, the parts' headings (generated from the outline), Part 3 and what is read from it
    for key in ("toc", "headings", "narrative", "stated_figures", "tables_elsewhere"):
        a.pop(key), b.pop(key)
    assert differences(a, b) == []


# --- scalars and numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "武汉市工业信息化中心", "2080505", "0101", "true", "null", "~", "a, b", "a: b", "#1", "- x", "[x]", "{x}",
    "“三公”经费", "维修（护）费", "≥1000 家次", "100%", "两行\n文字", 'say "hi"', "12-1", "2026-01-01", "*a", "&a",
])
def test_scalars_read_back_as_the_same_string(text):
    value = loads(f"unit: {{name: {scalar(text)}}}\nyear: 2026\n").unit.name
    assert value == text


def test_plain_where_yaml_allows_it():
    assert scalar("武汉市工业信息化中心") == "武汉市工业信息化中心"
    assert scalar("2080505") == '"2080505"'
    assert scalar("a, b") == '"a, b"'


@pytest.mark.parametrize("value, unit, places, budget_unit, expected", [
    ("519000", WAN, 2, WAN, "51.90"),
    ("1380000", WAN, 0, WAN, "138"),
    ("1000", WAN, 2, WAN, "0.10"),
    ("0", WAN, 2, WAN, "0.00"),
    ("-12345", WAN, 2, WAN, "-1.2345"),  # more digits than printed places: exactness wins
    ("123456789012345600", WAN, 2, WAN, "12345678901234.56"),
    ("12345.67", AmountUnit.YUAN, 2, WAN, "1.234567"),  # 元 amount in a 万元 document: 2 + 4 places
    ("30000", WAN, 2, AmountUnit.YUAN, "30000"),  # 万元 amount in a 元 document
])
def test_number_text(value, unit, places, budget_unit, expected):
    amount = Amount(value=Decimal(value), unit=unit, places=places)
    assert number_text(amount, budget_unit) == expected


# --- random consistent budgets ------------------------------------------------------------------------


def _tree() -> dict[str, dict[str, list[tuple[str, str]]]]:
    """类 → 款 → [(项 code, name)] of the 2026 function codebook."""
    entries = load_codebook().function_codes(2026)
    tree: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for e in entries:
        if len(e.code) == 7:
            tree.setdefault(e.code[:3], {}).setdefault(e.code[:5], []).append((e.code, e.name))
    return tree


TREE = _tree()
NAMES = {e.code: e.name for e in load_codebook().function_codes(2026)}
cents = st.integers(min_value=0, max_value=10**9).map(lambda n: Decimal(n).scaleb(-2))  # 2 places, 万元
# Names with the characters that force quoting in a flow mapping.
names = st.text(alphabet="武汉市中心项目经费系统运维服务信息化（）“”,:#-&*!%@'\" ", min_size=1, max_size=12) \
    .map(str.strip).filter(bool)


def amount(printed: Decimal) -> Amount:
    return Amount(value=printed * WAN.factor, unit=WAN, places=2)


def cells(values: dict[str, Decimal]) -> tuple[Cell, ...]:
    return tuple(Cell(measure=m, amount=amount(v)) for m, v in values.items())


def default_columns(table_id: str) -> tuple[Column, ...]:
    spec = LAYOUT.table(table_id)
    ids = ("budget",) if spec.shape == "two_sided" else spec.columns
    return tuple(Column(measure=m, label=measures()[m].zh) for m in ids)


@st.composite
def function_lines(draw, tree=None, amounts=None):
    """(项 code, name, personnel, public, project) for a few random 项 of a few 类/款 of `tree`."""
    tree = TREE if tree is None else tree
    amounts = cents if amounts is None else amounts
    classes = draw(st.lists(st.sampled_from(sorted(tree)), min_size=1, max_size=3, unique=True))
    lines = []
    for c in sorted(classes):
        for k in sorted(draw(st.lists(st.sampled_from(sorted(tree[c])), min_size=1, max_size=2, unique=True))):
            items = draw(st.lists(st.sampled_from(tree[c][k]), min_size=1, max_size=3, unique=True))
            for code, name in sorted(items):
                lines.append((code, name, draw(amounts), draw(amounts), draw(amounts)))
    return lines


def by_function_rows(lines, measures_of) -> tuple[Row, ...]:
    """合计, then 类 = Σ款, 款 = Σ项, 项 rows: every level adds up exactly."""
    def total(prefix: str) -> dict[str, Decimal]:
        sums: dict[str, Decimal] = {}
        for code, _, personnel, public, project in lines:
            if code.startswith(prefix):
                for m, v in measures_of(personnel, public, project).items():
                    sums[m] = sums.get(m, Decimal(0)) + v
        return sums

    rows = [Row(name="合计", level=RowLevel.TOTAL, cells=cells(total("")))]
    seen: set[str] = set()
    for code, name, *_ in lines:
        for prefix in (code[:3], code[:5], code):
            if prefix not in seen:
                seen.add(prefix)
                rows.append(Row(name=NAMES.get(prefix, name), code=prefix, level=RowLevel.for_code(prefix),
                                cells=cells(total(prefix))))
    return tuple(rows)


@dataclass(frozen=True)
class BudgetStyle:
    """What differs between generated budgets: the YAML round trip wants punctuation-heavy names
    (they test quoting), the render round trip wants names and sizes a printed document holds."""

    tree: dict
    amounts: st.SearchStrategy
    names: st.SearchStrategy
    reasons: st.SearchStrategy
    empty_notes: st.SearchStrategy
    unit_name: st.SearchStrategy
    unit_code: st.SearchStrategy
    title: Callable[[st.DrawFn, str, int], str | None]
    project_name: Callable[[str, int], str]  # (drawn name, project index) → printed name
    subproject_name: Callable[[str, int, int], str]  # (drawn name, project index, child index)
    subproject_unit: Callable[[st.DrawFn, str], str]  # (draw, budget unit name) → 项目单位


YAML_STYLE = BudgetStyle(
    tree=TREE, amounts=cents, names=names, reasons=st.none() | names, empty_notes=st.none() | names,
    unit_name=names, unit_code=st.none() | st.from_regex(r"[0-9]{6}", fullmatch=True),
    title=lambda draw, unit, year: draw(st.none() | names),
    project_name=lambda name, i: name, subproject_name=lambda name, i, j: name,
    subproject_unit=lambda draw, unit: draw(names),
)


@st.composite
def budgets(draw, style: BudgetStyle = YAML_STYLE):
    amounts, names_ = style.amounts, style.names
    lines = draw(function_lines(style.tree, amounts))
    unit = draw(style.unit_name)
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
        children = draw(st.lists(st.tuples(names_, amounts), min_size=1, max_size=3))
        project_rows.append(Row(name=style.project_name(draw(names_), i), code=parent, level=RowLevel.PROJECT,
                                cells=cells({"total": sum((v for _, v in children), Decimal(0))})))
        for j, (name, value) in enumerate(children):
            project_rows.append(Row(name=style.subproject_name(name, i, j), code=f"42010026301T{i:03d}{j:06d}",
                                    level=RowLevel.SUBPROJECT, parent=parent,
                                    texts=(("unit", style.subproject_unit(draw, unit)),),
                                    cells=cells({"total": value, "general_budget": value})))
    abroad, purchase, operation, reception = (draw(st.none() | amounts) for _ in range(4))
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
              columns=default_columns("gov_fund_by_function"), empty_note=draw(style.empty_notes)),
        Table(id="projects", number="10", title="项目支出表", unit=WAN,
              columns=default_columns("projects"), rows=tuple(project_rows)),
    )
    year = draw(st.integers(2015, 2030))
    targets = st.sampled_from(["≥1000 家次", "100%", "无事故", "≤1小时", "不低于95%"]).map(TargetValue.parse)
    indicators = tuple(
        Indicator(level1=draw(st.sampled_from(["产出指标", "效益指标"])), level2=draw(st.sampled_from(["数量指标", "质量指标"])),
                  name=draw(names_), target=draw(targets), history=((year - 1, draw(targets)),) if draw(st.booleans()) else ())
        for _ in range(draw(st.integers(0, 4))))
    overall = OverallPerformance(
        unit_name=unit,
        structure=(StructureLine(side="income", item="fiscal_grant", name="财政拨款", amount=amount(grand),
                                 share=Decimal(100), share_text="100%", history=((year - 1, amount(draw(amounts))),)),
                   StructureLine(side="expenditure", item="total", name="合计", amount=amount(grand))),
        goals=(Goal(kind="annual", title="年度目标 1", indicators=indicators),),
    )
    priors = tuple(
        PriorFigure(subject=Subject(kind="function", code=code), amount=amount(draw(amounts)), year=year - 1,
                    reason=draw(style.reasons))
        for code, *_ in lines)
    priors = (PriorFigure(subject=Subject(kind="total"), amount=amount(draw(amounts)), year=year - 1,
                          reason=draw(style.reasons)),) + priors
    return Budget(
        unit=Unit(name=unit, code=draw(style.unit_code)),
        year=year, layout="wuhan_unit", amount_unit=WAN, title=style.title(draw, unit, year), tables=tables,
        overall_performance=overall,
        other_matters=(OtherMatter(item="gov_operation_cost", title="机关运行经费", none_stated=True),
                       OtherMatter(item="assets", title="国有资产占有使用", vehicles=draw(st.integers(0, 9)))),
        prior=priors,
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(budgets())
def test_random_budgets_round_trip(budget):
    text = budget_to_yaml(budget)
    assert same(budget, loads(text, "random.yaml")) == [], text


@settings(max_examples=30, deadline=None)
@given(budgets())
def test_random_budgets_add_up_after_the_round_trip(budget):
    """The figures stay exact: 合计 = Σ类, 类 = Σ款, 款 = Σ项 in the budget read back."""
    back = loads(budget_to_yaml(budget))
    table = back.table("general_budget_by_function")
    rows = {r.code: r for r in table.rows if r.code}
    for measure in ("total", "basic", "personnel", "public", "project"):
        assert table.total_row().value(measure) == sum(r.value(measure) for r in table.rows if r.level is RowLevel.CLASS)
        for code, row in rows.items():
            children = [r for c, r in rows.items() if c.startswith(code) and len(c) == len(code) + 2]
            if children:
                assert row.value(measure) == sum(r.value(measure) for r in children)
