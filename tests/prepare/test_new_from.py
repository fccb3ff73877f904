"""`new --from LAST_YEAR`: last year's structure, its key figures as `prior:`, its units and projects;
not its narrative (the overview's fixed parts only, marked for review); refused with the reason (exit
2) when last year's document was not read well enough to start from."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest

from cli_util import run
from conftest import SAMPLES, sample
from yusuan.api import load_budget
from yusuan.extract.yaml_budget import read
from yusuan.model import Side
from yusuan.pdflib import pymupdf
from yusuan.render.next_year import SUMMARY_PRIORS

BUDGETS = sorted(p.name for p in SAMPLES.glob("*budget*")) if SAMPLES.exists() else []


def _rows(table):
    """Rows in order, each side of a two-sided table on its own (the text interleaves the two sides)."""
    return sorted(((r.side is Side.EXPENDITURE, i), (r.code, r.item, r.name, r.level)) for i, r in enumerate(table.rows))


@pytest.mark.parametrize("name", BUDGETS)
def test_new_from_each_sample_carries_its_figures_and_structure(name, tmp_path):
    path = sample(name)
    out = tmp_path / "next.yaml"
    result = run("new", "--from", path, "--year", "2030", "-o", out)
    last, _ = load_budget(path)
    if not last.tables:  # a text-only file (tables published apart) or one whose tables were not read
        assert result.code == 2 and not out.exists()
        assert "不能作为新一年的底稿" in result.err and ("另行公开" in result.err or "没有读到任何预算表" in result.err)
        return
    assert result.code == 0, result.err
    figures = json.loads(run("summary", path, "--json").out)
    budget = read(out)
    priors = {(p.subject.kind, p.subject.code): p.amount.value for p in budget.prior}
    assert {p.year for p in budget.prior} == {last.year}
    for key, kind in SUMMARY_PRIORS.items():
        if figures[key] is not None:
            assert priors[(kind, None)] == Decimal(figures[key]), key
    for code, value in figures["expenditure_by_class"].items():
        assert priors[("function_class", code)] == Decimal(value), code
    # Every row of every table (coded or not), amounts blank; the projects and units with them.
    for table in last.tables:
        carried = budget.table(table.id)
        assert [r for _, r in _rows(carried)] == [r for _, r in _rows(table)], table.id
        assert all(not c.amount.value for r in carried.rows for c in r.cells), table.id
    assert [p.project_name for p in budget.project_performance] == [p.project_name for p in last.project_performance]
    # Not last year's narrative: Part 3 is written from next year's figures.
    assert budget.narrative == ()
    if last.narrative:
        assert "上年的情况说明未沿用" in result.err


def test_overview_keeps_the_fixed_parts_marked_for_review(tmp_path):
    path = sample("xian-mzj-2021-dept-budget.pdf")
    out = tmp_path / "next.yaml"
    result = run("new", "--from", path, "--year", "2022", "-o", out)
    assert result.code == 0, result.err
    budget = read(out)
    assert [s.title for s in budget.overview] == ["部门主要职责及机构设置", "部门预算单位构成"]
    assert "2021 年年度部门工作任务" in result.err and "未沿用" in result.err
    text = out.read_text(encoding="utf-8")
    assert "# 以下沿用上年文件的概况（职能、机构等固定部分），请逐段核对，按本年情况修改。" in text


def test_a_document_without_budget_tables_is_refused_with_the_reason(tmp_path):
    pdf = tmp_path / "letter.pdf"
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "关于做好预算公开工作的通知", fontname="china-s", fontsize=14)
    page.insert_text((72, 110), "各单位：请按时公开本单位预算。", fontname="china-s", fontsize=11)
    doc.save(pdf)
    out = tmp_path / "next.yaml"
    result = run("new", "--from", pdf, "--year", "2027", "-o", out)
    assert result.code == 2
    assert result.err.startswith(f"错误：{pdf}")
    assert "没有找到任何预算表格或情况说明" in result.err  # the reader's own reason
    assert not out.exists()
