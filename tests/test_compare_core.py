"""The compare core on small budgets: projects matched by code then by name, modes, nulls."""
from __future__ import annotations

from decimal import Decimal

from check.builders import budget, row, table
from yusuan.compare import compare, mode_of
from yusuan.model import DocumentKind, RowLevel, Unit


def _projects(*lines):
    rows = tuple(row(code, name, RowLevel.PROJECT, total=value) for code, name, value in lines)
    return table("projects", "10", "项目支出表", ("total",), rows)


def _with_projects(b, *lines):
    return b.model_copy(update={"tables": tuple(t for t in b.tables if t.id != "projects") + (_projects(*lines),)})


def test_projects_by_code_then_by_name():
    a = _with_projects(budget().model_copy(update={"year": 2025}),
                       ("P1", "信息系统运维", "12"), ("P2", "产业研究", "8"), ("P3", "旧项目", "5"))
    b = _with_projects(budget(), ("P1", "信息系统运行维护", "13"), ("Q2", "产业研究", "9"), ("P4", "新项目", "4"))
    lines = {(l.code, l.name): l for l in compare(a, b).projects}
    # P1 renamed: matched by its code, shown with this year's name.
    assert lines[("P1", "信息系统运行维护")].change == Decimal("10000")
    # Renumbered (P2 → Q2): matched by name.
    assert (lines[("Q2", "产业研究")].a, lines[("Q2", "产业研究")].b) == (Decimal("80000"), Decimal("90000"))
    # One side only: null on the other, no change.
    assert lines[("P3", "旧项目")].b is None and lines[("P3", "旧项目")].change is None
    assert lines[("P4", "新项目")].a is None and lines[("P4", "新项目")].percent is None
    assert len(lines) == 4


def test_modes_and_the_later_year_given_first():
    last = budget().model_copy(update={"year": 2025, "narrative": (), "prior": ()})
    this = budget()
    assert mode_of(last, this) == "years"
    assert mode_of(this, this.model_copy(update={"unit": Unit(name="另一单位")})) == "units"
    final = this.model_copy(update={"kind": DocumentKind.FINAL_ACCOUNTS})
    assert mode_of(this, final) == "budget_final"
    # The 2026 document's stated priors against 2025's, whichever is given first.
    assert [f.code for f in compare(last, this).findings] == [f.code for f in compare(this, last).findings] != []


def test_a_percent_needs_a_non_zero_base():
    a = _with_projects(budget(), ("P1", "甲", "0"))
    b = _with_projects(budget().model_copy(update={"unit": Unit(name="另一单位")}), ("P1", "甲", "5"))
    (line,) = compare(a, b).projects
    assert (line.a, line.b, line.change, line.percent) == (Decimal(0), Decimal("50000"), Decimal("50000"), None)


def test_notes_say_why_no_cross_check_ran():
    this = budget()
    older = this.model_copy(update={"year": 2023})
    assert any("相隔 3 年" in n for n in compare(older, this).notes) and compare(older, this).findings == ()
    other = older.model_copy(update={"unit": Unit(name="另一单位")})
    assert mode_of(other, this) == "other" and any("只列出数字" in n for n in compare(other, this).notes)
