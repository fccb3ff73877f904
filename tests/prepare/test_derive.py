"""Derived tables equal what a clerk would type; a figure the preparer gave is never overridden."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings, strategies as st

from cli_util import run
from yusuan.api import load_budget
from yusuan.check import check
from yusuan.model import RowLevel, Severity
from yusuan.render.derive import derive

from .clerk_budgets import clerk_budgets, typed_once
from .helpers import EXAMPLE, edited

DERIVED = ("income_expenditure_summary", "income_summary", "fiscal_grant_summary", "general_budget_by_function",
           "general_budget_by_unit", "basic_by_economic")


def _key(row):
    return (row.level is RowLevel.TOTAL, row.side, row.code if row.level is not RowLevel.UNIT else "unit", row.item)


def _figures(table) -> dict:
    """Every non-zero figure by (row, measure); a blank cell and a 0 read alike, as the printed page shows."""
    return {(_key(r), c.measure): c.amount.value for r in table.rows for c in r.cells if c.amount.value}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(clerk_budgets(), st.lists(st.booleans(), min_size=1, max_size=5))
def test_derived_tables_equal_what_a_clerk_would_type(full, drops):
    typed = typed_once(full, drops)
    result = derive(typed)
    assert result.conflicts == []
    if full.table("expenditure_summary").total_row().value("total"):
        assert [n.split("：")[0] for n in result.notes][:3] == ["表1 收支总表", "表5-1 一般公共预算支出表(分功能科目)", "表1 收支总表"]
        assert {"表2 收入总表", "表4 财政拨款收支总表", "表5-2 一般公共预算支出表(分单位)"} <= {n.split("：")[0] for n in result.notes}
    for table_id in DERIVED:
        assert _figures(result.budget.table(table_id)) == _figures(full.table(table_id)), table_id
    # Typed in full, nothing is derived and nothing conflicts.
    again = derive(full)
    assert again.conflicts == [] and all(_figures(again.budget.table(t)) == _figures(full.table(t)) for t in DERIVED)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(clerk_budgets(), st.sampled_from(DERIVED[1:]))
def test_a_typed_figure_that_differs_is_an_error_and_is_kept(full, table_id):
    table = full.table(table_id)
    rows = [r for r in table.rows if r.cells and any(c.amount.value for c in r.cells)]
    if not rows or not derive(typed_once(full, [False])).notes:
        return
    row = rows[0]
    cell = next(c for c in row.cells if c.amount.value)
    wrong = cell.amount.model_copy(update={"value": cell.amount.value + Decimal(10000)})
    changed = row.model_copy(update={"cells": tuple(c.model_copy(update={"amount": wrong}) if c is cell else c
                                                    for c in row.cells)})
    new_table = table.model_copy(update={"rows": tuple(changed if r is row else r for r in table.rows)})
    budget = full.model_copy(update={"tables": tuple(new_table if t.id == table_id else t for t in full.tables)})
    result = derive(budget)
    assert [f.code for f in result.conflicts] and {f.code for f in result.conflicts} == {"D001"}
    assert all(f.severity is Severity.ERROR for f in result.conflicts)
    kept = result.budget.table(table_id).rows[table.rows.index(row)]
    assert kept.get(cell.measure).value == wrong.value  # never overridden


def test_example_table_2_is_table_3_under_general_budget():
    budget, _ = load_budget(EXAMPLE)
    assert budget.table("income_summary") is None
    result = derive(budget)
    t2, t3 = result.budget.table("income_summary"), budget.table("expenditure_summary")
    assert t2.label == "表2 收入总表"
    assert [(r.code, r.name, r.value("total"), r.value("general_budget")) for r in t2.rows] == \
           [(r.code, r.name, r.value("total"), r.value("total")) for r in t3.rows]
    assert [t.id for t in result.budget.tables][:3] == ["income_expenditure_summary", "income_summary", "expenditure_summary"]
    assert check(result.budget).findings == ()


def test_a_conflict_names_the_preparers_line(tmp_path):
    # 表5-2's one unit line typed as 778.00 against 表5-1's 合计 778.64.
    wrong = edited(tmp_path, "unit.yaml", {"301014": ("total: 778.64", "total: 778.00")})
    result = run("render", wrong, "--to", "html", "-o", tmp_path / "x.html")
    assert result.code == 1
    line = next(n for n, text in enumerate(wrong.read_text(encoding="utf-8").splitlines(), 1) if "301014" in text)
    assert (f"unit.yaml:{line}: D001 error 表5-2 一般公共预算支出表(分单位) 301014 武汉市工业信息化中心："
            "填写的 778.00 与按定义得出的 778.64 不一致") in result.out
    assert not (tmp_path / "x.html").exists()


def test_typed_once_example_renders_the_same_document(tmp_path):
    """examples/wuhan-gxzx-2026-typed-once.yaml leaves out every figure that follows by definition; its
    rendering holds the same figures as the full example's, and checks clean."""
    from conftest import EXAMPLES
    once = EXAMPLES / "wuhan-gxzx-2026-typed-once.yaml"
    outputs = {}
    for name, source in (("full", EXAMPLE), ("once", once)):
        out = tmp_path / f"{name}.pdf"
        result = run("render", source, "--to", "pdf", "-o", out)
        assert result.code == 0, result.out + result.err
        outputs[name] = result
        facts = run("facts", out, "--format", "csv").out.splitlines()
        outputs[name + "_facts"] = [",".join(line.split(",")[:8]) for line in facts]
    assert outputs["once_facts"] == outputs["full_facts"] and len(outputs["full_facts"]) > 300
    notes = [line for line in outputs["once"].err.splitlines() if line.startswith("按定义补齐")]
    assert len(notes) == 8 and any("表4 财政拨款收支总表" in n for n in notes)


def test_projects_of_a_unit_budget_are_the_units():
    budget, _ = load_budget(EXAMPLE)
    t10 = budget.table("projects")
    blank = t10.model_copy(update={"rows": tuple(r.model_copy(update={"texts": ()}) for r in t10.rows)})
    typed = budget.model_copy(update={"tables": tuple(blank if t.id == "projects" else t for t in budget.tables)})
    result = derive(typed)
    assert [r.text("unit") for r in result.budget.table("projects").rows] == [r.text("unit") for r in t10.rows]
    assert {r.text("unit") for r in t10.rows if r.level.value == "subproject"} == {"武汉市工业信息化中心"}
    assert "表10 项目支出表：单位预算的项目都属本单位，补齐 2 个项目的单位名称" in result.notes
