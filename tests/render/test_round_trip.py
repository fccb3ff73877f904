"""Rendered documents read back to the model they were rendered from, and check clean.

The Wuhan example (with its generated Part 3) in HTML, PDF, DOCX and XLSX, and random consistent
budgets (hypothesis) in each format. What is compared is listed in roundtrip.py.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from conftest import EXAMPLES
from yusuan.api import load_budget
from yusuan.check import check
from yusuan.model import Severity
from yusuan.narrative import generate_narrative, prepare
from yusuan.render import render

from .random_budgets import budgets as random_budgets
from .roundtrip import counts, round_trip_differences, with_income_summary

EXAMPLE = EXAMPLES / "wuhan-gxzx-2026.yaml"
FORMATS = ("html", "pdf", "docx", "xlsx")


@pytest.fixture(scope="module")
def example():
    budget, _ = load_budget(EXAMPLE)
    return budget


@pytest.fixture(scope="module")
def complete(example):
    return prepare(with_income_summary(example))


def _read_back(budget, fmt: str, folder: Path, layout: str | None = None):
    path = folder / f"rendered.{fmt}"
    path.write_bytes(render(budget, fmt, layout))
    return load_budget(path)


# --- prepare: Part 3 from the figures -------------------------------------------------------------


def test_prepare_generates_part3_for_a_yaml_budget(example):
    assert example.narrative == ()
    prepared = prepare(example)
    assert prepared.narrative == generate_narrative(example)
    assert prepared.tables == example.tables and prepared.prior == example.prior
    history = prepared.project_performance[0]
    assert history.budget_history_text == "2024 年预算 55 万元，2025 年预算 130 万元，2026 年预算 138 万元。"
    assert prepared.project_performance[0].costs[0].basis == "24 万元、18 万元、20 万元、15 万元"


def test_prepare_keeps_a_published_narrative(wuhan_txt):
    published, _ = load_budget(wuhan_txt)
    assert published.narrative
    assert prepare(published).narrative == published.narrative


def test_render_command_prints_the_generated_part3(tmp_path):
    from cli_util import run
    out = tmp_path / "wuhan.html"
    result = run("render", EXAMPLE, "--to", "html", "-o", out)
    assert result.code == 0, result.err
    html = out.read_text(encoding="utf-8")
    assert "比 2025 年预算减少 48.12 万元，下降 5.82%" in html
    assert "基本支出 568.64 万元，占 73.03%" in html


# --- the Wuhan example in every format ------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_example_round_trips(complete, fmt, tmp_path):
    again, reading = _read_back(complete, fmt, tmp_path)
    assert reading == ()
    assert round_trip_differences(complete, again) == []
    compared = counts(again)
    assert compared == counts(complete)
    assert compared["tables"] == 11 and compared["claims"] == sum(len(s.claims) for s in complete.narrative) > 40
    assert compared["indicators"] > 0 and compared["cost_lines"] > 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_rendered_example_checks_clean(complete, fmt, tmp_path):
    again, reading = _read_back(complete, fmt, tmp_path)
    report = check(again, reading)
    assert [(f.code, f.message) for f in report.findings] == []


def test_without_table_2_the_checker_says_so_and_nothing_else(example, tmp_path):
    # The published document omits 表2 收入总表; its rendering is otherwise clean.
    again, reading = _read_back(prepare(example), "pdf", tmp_path)
    report = check(again, reading)
    assert [(f.code, f.severity) for f in report.findings] == [("C002", Severity.ERROR)]
    assert "收入总表" in report.findings[0].message


# --- random consistent budgets ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_random_budgets_round_trip(fmt, tmp_path_factory):
    folder = tmp_path_factory.mktemp(fmt)

    @settings(max_examples=8, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(random_budgets())
    def round_trip(budget):
        budget = prepare(budget)
        again, reading = _read_back(budget, fmt, folder)
        assert reading == ()
        assert round_trip_differences(budget, again, labels=False, joined=fmt == "pdf") == []

    round_trip()
