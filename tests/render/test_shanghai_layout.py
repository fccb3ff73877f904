"""The Wuhan example printed in the Shanghai unit layout reads back in that layout and checks clean.

The renderer reshapes each table into the Shanghai form (render/conform.py): 表1 spends by class in
合计 / 人员经费 / 公用经费 / 项目支出, income lines 财政拨款收入 (= its funds), 一般公共预算资金 …; 表2 one
财政拨款 column; 表4 spends by fund; 表5 without 人员经费/公用经费 (表8 holds them). Tables the Shanghai
layout does not have (5-2, 10, 11, 12) are left out and named in a note.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLES
from yusuan.api import load_budget
from yusuan.check import check
from yusuan.figures.summary import summary
from yusuan.model import Severity
from yusuan.narrative import prepare
from yusuan.render import render
from yusuan.render.document import Para, build_document
from yusuan.reference.layouts import load_layout

from .roundtrip import with_income_summary

EXAMPLE = EXAMPLES / "wuhan-gxzx-2026.yaml"
LAYOUT = "shanghai_unit"
FIGURES = ("income_total", "expenditure_total", "fiscal_grant_total", "basic_total", "project_total",
           "personnel_total", "public_total", "three_public_total", "expenditure_by_class")


@pytest.fixture(scope="module")
def example():
    budget, _ = load_budget(EXAMPLE)
    return budget


@pytest.fixture(scope="module")
def complete(example):
    return prepare(with_income_summary(example), LAYOUT)


def _read_back(budget, fmt: str, folder: Path):
    path = folder / f"shanghai.{fmt}"
    path.write_bytes(render(budget, fmt, LAYOUT))
    return load_budget(path)


@pytest.mark.parametrize("fmt", ("html", "pdf", "docx", "xlsx"))
def test_example_in_shanghai_layout_checks_clean(complete, fmt, tmp_path):
    again, reading = _read_back(complete, fmt, tmp_path)
    assert again.layout == LAYOUT
    report = check(again, reading)
    # No error and no warning: every line and column printed is one the Shanghai reader knows.
    assert [(f.code, f.message) for f in report.findings] == []
    skipped = {s.code for s in report.rules_skipped}
    assert not {"X201", "X202", "X203", "X204", "X205", "X207", "S108", "T401"} & skipped  # the identities ran
    source, read = summary(complete), summary(again)
    for key in FIGURES:
        assert read[key] == source[key], key
    printed = [s.id for s in load_layout(LAYOUT).tables if s.shape not in ("overall_performance", "project_performance")]
    assert [t.id for t in again.tables] == printed


def test_summary_tables_take_the_shanghai_form(complete, tmp_path):
    again, _ = _read_back(complete, "pdf", tmp_path)
    t1 = again.table("income_expenditure_summary")
    # 表1: 财政拨款收入 is the sum of its funds; 208 spent as personnel (from 表3 and 表5-1).
    assert t1.rows[0].item == "fiscal_grant" and t1.rows[0].value("budget") == 7786400
    r208 = t1.row(code="208")
    assert (r208.value("total"), r208.value("personnel"), r208.get("project")) == (806300, 806300, None)
    r215 = t1.row(code="215")
    assert r215.value("total") == r215.value("personnel") + r215.value("public") + r215.value("project") == 5959900
    assert not any(r.item in ("income_current_total", "expenditure_current_total") for r in t1.rows)
    t4 = again.table("fiscal_grant_summary")
    assert t4.row(code="215").value("general_budget") == 5959900
    assert again.table("income_summary").total_row().value("fiscal_grant") == 7786400
    assert {c.measure for c in again.table("general_budget_by_function").columns} == {"total", "basic", "project"}


def test_tables_the_layout_lacks_are_named_not_numbered(complete):
    doc = build_document(complete, LAYOUT)
    part2 = doc.parts[1]
    labels = [b.label for b in part2.blocks if hasattr(b, "grid")]
    assert labels[0] == "表1 财务收支预算总表" and len(labels) == 9 and labels[-1].startswith("表9 ")
    note = [b.text for b in part2.blocks if isinstance(b, Para)][-1]
    assert "项目支出表" in note and "整体支出绩效目标表" in note and "一般公共预算支出表(分单位)" in note


def test_without_table_2_only_the_missing_table_is_reported(example, tmp_path):
    again, reading = _read_back(prepare(example, LAYOUT), "pdf", tmp_path)
    report = check(again, reading)
    assert [(f.code, f.severity) for f in report.findings] == [("C002", Severity.ERROR)]
    assert "收入预算总表" in report.findings[0].message
