"""决算 (final accounts) prepared from YAML: the example reads, checks clean, renders and reads back;
`yusuan new --kind 决算`; the 说明 generator's 完成率 and comparison words."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from cli_util import run
from conftest import EXAMPLES
from yusuan.api import check_file, load_budget
from yusuan.check import check
from yusuan.extract.yaml_budget import loads, read
from yusuan.figures.summary import summary
from yusuan.narrative.final import generate_final_narrative
from yusuan.narrative.prepare import prepare

EXAMPLE = EXAMPLES / "final-demo-2024.yaml"
KEYS = ("income_total", "expenditure_total", "fiscal_grant_total", "basic_total", "project_total", "personnel_total",
        "public_total", "three_public_total", "three_public_abroad", "three_public_vehicle_operation",
        "three_public_reception", "gov_operation_cost", "income_current_total", "expenditure_current_total",
        "year_begin_balance", "year_end_balance", "three_public_budget_total", "expenditure_by_class")


def test_example_reads_as_a_final_and_checks_clean():
    budget = read(EXAMPLE)
    data = summary(budget)
    assert (data["kind"], data["income_total"], data["year_begin_balance"], data["year_end_balance"]) == (
        "决算", "10500000", "300000", "400000")
    assert (data["three_public_total"], data["three_public_budget_total"]) == ("250000", "300000")
    assert [(c.subject.kind, c.subject.code, c.planned.value) for c in budget.execution_claims[:2]] == [
        ("general_budget", None, Decimal("10000000.00")), ("function", "2010601", Decimal("6000000.00"))]
    report = check(prepare(budget))
    assert [f.message for f in report.findings] == []


@pytest.mark.parametrize("fmt", ["pdf", "html"])
def test_render_then_read_gives_the_same_key_figures(tmp_path: Path, fmt: str):
    out = tmp_path / f"final.{fmt}"
    result = run("render", EXAMPLE, "--to", fmt, "-o", out)
    assert result.code == 0, result.err
    budget, _ = load_budget(out)
    assert budget.kind.value == "决算" and budget.layout == "national_final"
    want, got = summary(read(EXAMPLE)), summary(budget)
    assert {k: got[k] for k in KEYS} == {k: want[k] for k in KEYS}
    _, report = check_file(out)
    assert [f.message for f in report.findings if f.severity.value in ("error", "warning")] == []
    # The narrative's execution statements are read back as written.
    by_code = {c.subject.code: c for c in budget.execution_claims if c.subject.code}
    medical = by_code["2101101"]
    assert (medical.planned.value, medical.actual.value, medical.rate, medical.comparison) == (
        Decimal("350000.00"), Decimal("400000.00"), Decimal("114.29"), "大于")


def _with_planned(text: str, planned: str) -> str:
    return text.replace("- {subject: general_budget, planned: 1000.00,", f"- {{subject: general_budget, planned: {planned},")


@pytest.mark.parametrize("planned, word, rate", [("990.00", "等于", "100.00"), ("1005.08", "小于", "98.50"),
                                                 ("980.00", "大于", "101.02")])
def test_generator_writes_rate_and_comparison_from_the_figures(planned, word, rate):
    budget = loads(_with_planned(EXAMPLE.read_text(encoding="utf-8"), planned), EXAMPLE)
    text = next(s for s in generate_final_narrative(budget) if s.topic == "general_budget").paragraphs[2].text
    assert f"年初预算为{planned} 万元，支出决算为990.00 万元，完成年初预算的{rate}%" in text
    assert f"决算数{word}预算数" in text


def test_generator_writes_no_rate_for_a_line_budgeted_at_zero():
    text = EXAMPLE.read_text(encoding="utf-8").replace('code: "2101101", planned: 35.00', 'code: "2101101", planned: 0')
    sections = generate_final_narrative(loads(text, EXAMPLE))
    item = next(p.text for s in sections for p in s.paragraphs if "行政单位医疗（项）" in p.text)
    assert "年初预算为0.00 万元，支出决算为40.00 万元。决算数大于预算数" in item and "完成" not in item


def test_new_kind_final(tmp_path: Path):
    out = tmp_path / "final.yaml"
    result = run("new", "--unit", "某某局", "--year", "2024", "--kind", "决算", "-o", out)
    assert result.code == 0, result.err
    budget = read(out)
    assert (budget.kind.value, budget.layout) == ("决算", "national_final")
    assert [t.id for t in budget.tables][:4] == ["income_expenditure_summary", "income_summary", "expenditure_summary",
                                                 "fiscal_grant_summary"]
    text = out.read_text(encoding="utf-8")
    assert "three_public_total@planned: ~" in text and "execution:" in text
    wrong = run("new", "--unit", "某某局", "--year", "2024", "--kind", "决算", "--layout", "wuhan_unit")
    assert wrong.code == 2 and "不是决算的" in wrong.err


def test_a_final_whose_cover_does_not_say_so_is_read_by_its_tables(tmp_path: Path):
    out = tmp_path / "final.html"
    assert run("render", EXAMPLE, "--to", "html", "-o", out).code == 0
    text = out.read_text(encoding="utf-8").replace("2024年部门决算<", "2024年部门公开<")
    (tmp_path / "plain.html").write_text(text, encoding="utf-8")
    budget, _ = load_budget(tmp_path / "plain.html")
    assert (budget.kind.value, budget.layout) == ("决算", "national_final")
    assert summary(budget)["income_total"] == "10500000"
