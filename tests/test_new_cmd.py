"""`yusuan new`: a blank skeleton, or next year's YAML from last year's document."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from cli_util import run
from conftest import EXAMPLES
from yusuan.extract.yaml_budget import loads, read
from yusuan.model import Direction, RowLevel, Side
from yusuan.narrative.generate import generate_narrative
from yusuan.reference.layouts import layout_ids, load_layout

EXAMPLE = EXAMPLES / "wuhan-gxzx-2026.yaml"
GRID = {"two_sided", "by_code", "by_unit", "single_row", "projects", "label_tree"}


# --- the skeleton -------------------------------------------------------------------------------------


def test_skeleton_is_readable_and_has_every_table(tmp_path: Path):
    out = tmp_path / "new.yaml"
    result = run("new", "--unit", "测试中心", "--year", "2027", "--code", "301099", "-o", out)
    assert result.code == 0, result.err
    assert "已写入" in result.err
    budget = read(out)
    assert (budget.unit.name, budget.unit.code, budget.year) == ("测试中心", "301099", 2027)
    layout = load_layout("wuhan_unit")
    assert [t.id for t in budget.tables] == [s.id for s in layout.tables if s.shape in GRID]
    assert all(not row.cells for t in budget.tables for row in t.rows)  # every amount left blank
    assert budget.prior == () and budget.overall_performance is not None
    # The shape of the rows: the 合计 row, the labelled lines of both sides, the unit's own row.
    assert budget.table("expenditure_summary").rows[0].level is RowLevel.TOTAL
    summary = budget.table("income_expenditure_summary")
    income_items = [r.item for r in summary.rows if r.side is Side.INCOME]
    assert income_items[0] == "general_budget" and income_items[-1] == "income_total"
    assert set(income_items) == set(layout.table("income_expenditure_summary").lines["income"].values())
    assert summary.row(code="208", side=Side.EXPENDITURE).name == "社会保障和就业支出"
    grant = budget.table("fiscal_grant_summary")
    assert [r.item for r in grant.rows if r.side is Side.INCOME][5:8] == [
        "carryover_general_budget", "carryover_gov_fund", "carryover_state_capital"]
    assert budget.table("general_budget_by_unit").rows[0].code == "301099"
    assert [m.item for m in budget.other_matters] == [
        "gov_operation_cost", "procurement", "purchase_services", "entrusted_fee", "assets", "performance"]


def test_skeleton_shows_blanks_examples_and_chinese_comments():
    result = run("new", "--unit", "测试中心", "--year", "2027")
    assert result.code == 0, result.err
    text = result.out
    lines = text.splitlines()
    assert "      - {name: 合计, total: ~, basic: ~, project: ~, operating: ~, remit_upper: ~, subsidy_subordinate: ~}" in lines
    assert "      - {item: income_total, name: 收入总计, amount: ~}" in lines
    assert "    three_public_total: ~" in lines
    # One commented example row per table of rows, with a real code of the year.
    assert sum(1 for line in lines if line.strip().startswith('# - {code: "2080505", name: 机关事业单位基本养老保险缴费支出')) == 5
    assert any(line.strip().startswith('# - {code: "30101", name: 基本工资') for line in lines)
    assert any("一级项目名称" in line for line in lines) and any("二级项目名称" in line for line in lines)
    for block in ("prior:", "reasons:", "overall_performance:", "project_performance:", "other_matters:"):
        assert block in lines
    assert "  year: 2026" in lines  # the prior block waits for last year's figures
    assert sum(1 for line in lines if line.lstrip().startswith("#")) > 40
    assert loads(text).year == 2027


@pytest.mark.parametrize("layout", layout_ids())
def test_skeleton_of_every_layout_reads_back(layout):
    result = run("new", "--unit", "测试单位", "--year", "2026", "--layout", layout)
    assert result.code == 0, result.err
    budget = loads(result.out)
    assert budget.layout == layout
    assert {t.id for t in budget.tables} == {s.id for s in load_layout(layout).tables if s.shape in GRID}


# --- next year from last year ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def next_year(tmp_path_factory) -> tuple[str, object]:
    out = tmp_path_factory.mktemp("new") / "2027.yaml"
    result = run("new", "--from", EXAMPLE, "--year", "2027", "-o", out)
    assert result.code == 0, result.err
    return out.read_text(encoding="utf-8"), read(out)


def test_prior_block_holds_last_years_figures_exactly(next_year):
    _, budget = next_year
    last = read(EXAMPLE)
    priors = {(p.subject.kind, p.subject.code): p for p in budget.prior}
    assert {p.year for p in budget.prior} == {2026}
    total = priors[("total", None)].amount
    assert (total.value, total.display()) == (Decimal("7786400"), "778.64")
    assert priors[("general_budget", None)].amount.display() == "778.64"
    assert priors[("function", "2080505")].amount.display() == "31.50"
    assert priors[("three_public", None)].amount.display() == "3.00"
    assert priors[("three_public_vehicle", None)].amount.display() == "3.00"
    assert priors[("three_public_abroad", None)].amount.value == 0  # blank last year: zero, as the text reads it
    # Every 项 line of table 5-1, with last year's amount.
    items = {r.code: r.value("total") for r in last.table("general_budget_by_function").rows if r.level is RowLevel.ITEM}
    assert {c: p.amount.value for (k, c), p in priors.items() if k == "function"} == items
    # Reasons listed, to be written, for what Part 3 compares; the other key figures of last year
    # (yusuan summary's) are there without one.
    from yusuan.render.yaml_template import prior_figures
    compared = {(p.subject.kind, p.subject.code) for p in prior_figures(last)}
    assert all(p.reason == "" for p in budget.prior if (p.subject.kind, p.subject.code) in compared)
    assert {(p.subject.kind, p.subject.code) for p in budget.prior if p.reason is None} >= {
        ("expenditure_total", None), ("basic", None), ("project_total", None), ("personnel", None), ("public", None),
        ("function_class", "215")}


def test_structure_kept_and_amounts_blank(next_year):
    text, budget = next_year
    last = read(EXAMPLE)
    assert (budget.unit, budget.year, budget.layout) == (last.unit, 2027, last.layout)
    assert budget.title == "武汉市工业信息化中心 2027 年单位预算"
    kept = [t for t in budget.tables if last.table(t.id) is not None]
    assert [t.id for t in kept] == [t.id for t in last.tables]
    # A table the layout requires that last year's file lacked is added blank, in the layout's place.
    added = [t.id for t in budget.tables if last.table(t.id) is None]
    layout = load_layout(last.layout)
    assert added == [s.id for s in layout.tables if s.required and s.shape in GRID and last.table(s.id) is None]
    assert added == ["income_summary"]
    assert [t.id for t in budget.tables] == [s.id for s in layout.tables if s.id in {t.id for t in budget.tables}]
    for old, new in zip(last.tables, kept):
        assert [(r.code, r.item, r.name, r.level, r.parent) for r in old.rows] == \
               [(r.code, r.item, r.name, r.level, r.parent) for r in new.rows]
        assert all(not r.cells for r in new.rows)
    assert '      - {code: "2080505", name: 机关事业单位基本养老保险缴费支出, total: ~, basic: ~, personnel: ~}' in text.splitlines()
    assert '  "2080505": ""  # 机关事业单位基本养老保险缴费支出，上年 31.50 万元' in text.splitlines()
    # Performance tables move on one year: last year's figures become history.
    fiscal = next(s for s in budget.overall_performance.structure if s.item == "fiscal_grant")
    assert fiscal.amount is None
    assert [(y, a.display()) for y, a in fiscal.history] == [(2025, "826.76"), (2026, "778.64")]
    project = budget.project_performance[0]
    assert project.annual_budget is None
    assert [(y, a.value / 10000) for y, a in project.budget_history] == [(2025, 130), (2026, 138)]
    indicator = budget.overall_performance.goals[2].indicators[0]
    assert [(y, v.text) for y, v in indicator.history] == [(2025, "≥300 家次"), (2026, "≥500 次")]


def test_prior_keys_are_the_ones_the_narrative_compares(next_year):
    """Filled with the same figures as last year, every compared line of Part 3 reads 持平 against 2026."""
    _, budget = next_year
    filled = budget.model_copy(update={"tables": read(EXAMPLE).tables})
    compared = [c for s in generate_narrative(filled) for c in s.claims if c.compared_year is not None]
    kinds = {c.subject.kind for c in compared}
    assert {"total", "general_budget", "function", "three_public", "three_public_abroad",
            "three_public_vehicle", "three_public_reception"} <= kinds
    assert len([c for c in compared if c.subject.kind == "function"]) == 11
    assert all(c.compared_year == 2026 and c.direction is Direction.FLAT for c in compared)


def test_from_the_text_document(wuhan_txt):
    result = run("new", "--from", wuhan_txt, "--year", "2027")
    assert result.code == 0, result.err
    budget = loads(result.out)
    priors = {(p.subject.kind, p.subject.code): p.amount.display() for p in budget.prior}
    assert priors[("total", None)] == "778.64" and priors[("function", "2150899")] == "595.99"
    assert budget.table("projects").row(code="42010026301T000000114").name == "信息化应用与产业研究"
    # The years a table names move on with the document (its empty-table sentence too).
    assert budget.table("gov_fund_by_function").empty_note.startswith("2027年")
    assert "2026" not in "".join(t.title + (t.empty_note or "") for t in budget.tables)


def test_next_year_of_a_form_with_qualified_columns(tmp_path: Path):
    from yusuan.model import Amount, AmountUnit, Budget, Cell, Column, Row, Table, Unit
    from yusuan.render.yaml_out import budget_to_yaml

    cols = (Column(measure="total", label="2026 年预算数"), Column(measure="total@prior_actual", label="2025 年执行数"),
            Column(measure="total@change_pct", label="增减(%)"))
    rate = Amount(value=Decimal("-60.86"), unit=AmountUnit.PERCENT, places=2)
    row = Row(name="合计", level=RowLevel.TOTAL, cells=(
        Cell(measure="total", amount=Amount(value=Decimal(1314400))),
        Cell(measure="total@prior_actual", amount=Amount(value=Decimal(3358700))),
        Cell(measure="total@change_pct", amount=rate)))
    last = Budget(unit=Unit(name="某局"), year=2026, layout="central_dept", tables=(Table(
        id="general_budget_by_function", number="5", title="2026 年一般公共预算支出预算表", columns=cols, rows=(row,)),))
    path = tmp_path / "last.yaml"
    path.write_text(budget_to_yaml(last), encoding="utf-8")
    result = run("new", "--from", path, "--year", "2027")
    assert result.code == 0, result.err
    table = loads(result.out).table("general_budget_by_function")
    assert table.title == "2027 年一般公共预算支出预算表"
    assert [c.label for c in table.columns] == ["2027 年预算数", "2026 年执行数", "增减(%)"]
    assert not table.rows[0].cells  # every amount of the new year blank, the rate too
    assert "{name: 合计, total: ~, total@prior_actual: ~, total@change_pct: ~}" in result.out


# --- refusals ----------------------------------------------------------------------------------------


def test_never_overwrites_without_force(tmp_path: Path):
    out = tmp_path / "mine.yaml"
    out.write_text("keep me\n", encoding="utf-8")
    result = run("new", "--unit", "测试中心", "--year", "2027", "-o", out)
    assert result.code == 2
    assert "已存在" in result.err and "--force" in result.err and str(out) in result.err
    assert out.read_text(encoding="utf-8") == "keep me\n"
    result = run("new", "--unit", "测试中心", "--year", "2027", "-o", out, "--force")
    assert result.code == 0, result.err
    assert read(out).unit.name == "测试中心"


def test_unreadable_last_year_file(tmp_path: Path):
    bad = tmp_path / "last.yaml"
    bad.write_text("unit: {name: 测试单位}\nyear: 二〇二六\n", encoding="utf-8")
    result = run("new", "--from", bad, "--year", "2027")
    assert result.code == 2 and result.out == ""
    assert "last.yaml" in result.err and "year" in result.err and "Traceback" not in result.err
    result = run("new", "--from", tmp_path / "missing.pdf", "--year", "2027")
    assert result.code == 2 and "不存在" in result.err


@pytest.mark.parametrize("args, words", [
    (("--year", "2027"), "--unit"),
    (("--unit", "测试中心", "--year", "2027", "--layout", "nowhere"), "未知的版式"),
    (("--unit", "测试中心", "--year", "1800"), "不合理"),
    (("--from", str(EXAMPLE), "--year", "2026"), "应晚于"),
])
def test_usage_errors_are_chinese(args, words):
    result = run("new", *args)
    assert result.code == 2 and words in result.err and result.out == ""
