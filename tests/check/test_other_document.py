"""Y802–Y803: statements of one document against the figures another document of the unit publishes."""
from __future__ import annotations

from check.builders import budget, claim, w
from yusuan.check import check
from yusuan.check.cross import check_against
from yusuan.model import Direction, DocumentKind, NarrativeSection, Paragraph

UP = Direction.UP


def _with_claims(b, *claims, topic="overall"):
    section = NarrativeSection(number="一", title="总体情况", topic=topic,
                               paragraphs=(Paragraph(text="…", claims=tuple(claims)),))
    return b.model_copy(update={"narrative": (section,)})


def _last_year():
    """Last year's document: the small budget of 2025 (收支总预算 100, 2080505 20, 三公 3)."""
    return budget().model_copy(update={"year": 2025, "narrative": (), "prior": ()})


def codes(found):
    return [f.code for f in found]


def test_Y802_reports_priors_that_differ_from_last_years_document():
    # This year's text: total 100 '比 2025 年预算增加 10' → 90 (last year printed 100); 2080505 20 '+2' → 18
    # (printed 20); 三公 3 '持平' → 3 (printed 3).
    found, skipped = check_against(budget(), _last_year(), codes=("Y802",))
    assert skipped == ()
    assert codes(found) == ["Y802", "Y802"]
    total, item = found
    assert "推算 2025 年数 90.00 万元" in total.message and "100.00 万元，相差 10.00 万元" in total.message
    assert total.message.startswith("情况说明“2026 年收支总预算 100 万元”")
    assert (total.expected, total.actual) == ("100.00", "90.00")
    assert item.location.row == "2080505 机关事业单位基本养老保险缴费支出" and "推算 2025 年数 18.00 万元" in item.message


def test_Y802_silent_when_the_priors_match():
    this = _with_claims(budget(), claim("total", "收支总预算 110 万元，比 2025 年预算增加 10 万元", "110",
                                        table="income_expenditure_summary", measure="budget", compared_year=2025,
                                        direction=UP, change="10"),
                        claim("three_public", "“三公”经费 3 万元，与上年持平", "3", table="three_public",
                              measure="three_public_total", compared_year=2025, direction=Direction.FLAT))
    found, _ = check_against(this, _last_year(), codes=("Y802",))
    assert found == ()


def test_Y802_a_stated_prior_and_rounding():
    # '比 2025 年预算数 100.01 万元增加…': the stated figure is compared; one cent is rounding.
    near = claim("total", "比 2025 年预算数 100.01 万元增加 9.99 万元", "110", table="income_expenditure_summary",
                 measure="budget", compared_year=2025, direction=UP, change="9.99", prior_amount=w("100.01"))
    assert check_against(_with_claims(budget(), near), _last_year(), codes=("Y802",))[0] == ()
    far = near.model_copy(update={"prior_amount": w("100.50"), "text": "比 2025 年预算数 100.50 万元增加 9.50 万元"})
    found, _ = check_against(_with_claims(budget(), far), _last_year(), codes=("Y802",))
    assert codes(found) == ["Y802"] and "写出 2025 年数 100.50 万元" in found[0].message


def test_Y802_other_bases_and_other_years_are_not_compared():
    final_basis = claim("total", "收支总预算 100 万元，比 2025 年执行数增加 10 万元", "100",
                        table="income_expenditure_summary", measure="budget", compared_year=2025, direction=UP,
                        change="10")
    older = final_basis.model_copy(update={"text": "比 2024 年预算增加 10 万元", "compared_year": 2024})
    found, _ = check_against(_with_claims(budget(), final_basis, older), _last_year(), codes=("Y802",))
    assert found == ()
    # Not the year before, or not the same kind of document: the rule skips itself, with its reason.
    found, skipped = check_against(budget(), budget().model_copy(update={"year": 2024}), codes=("Y802",))
    assert found == () and [s.code for s in skipped] == ["Y802"] and "上一年度" in skipped[0].reason


def test_Y802_a_blank_cell_last_year_is_not_a_zero():
    last = _last_year()
    three = last.table("three_public")
    blank = three.model_copy(update={"rows": tuple(r.model_copy(update={"cells": ()}) for r in three.rows)})
    last = last.model_copy(update={"tables": tuple(blank if t.id == "three_public" else t for t in last.tables)})
    stated = claim("three_public", "“三公”经费 3 万元，比上年增加 1 万元", "3", table="three_public",
                   measure="three_public_total", compared_year=2025, direction=UP, change="1")
    assert check_against(_with_claims(budget(), stated), last, codes=("Y802",))[0] == ()


def test_cross_document_rules_are_not_run_by_check_of_one_file():
    report = check(budget())
    assert not {"Y802", "Y803"} & {f.code for f in report.findings}
    assert not {"Y802", "Y803"} & {s.code for s in report.rules_skipped}


def _final(*claims):
    final = budget().model_copy(update={"kind": DocumentKind.FINAL_ACCOUNTS, "prior": ()})
    return _with_claims(final, *claims)


def test_Y803_stated_budget_against_the_budget_document():
    # The 决算 says its 年初预算 was 95 万元; the year's budget printed 100.
    stated = claim("total", "支出决算 105 万元，比年初预算数 95 万元增加 10 万元", "105",
                   table="income_expenditure_summary", measure="budget", compared_year=2025, direction=UP,
                   change="10", prior_amount=w("95"))
    found, skipped = check_against(_final(stated), budget(), codes=("Y803",))
    assert skipped == () and codes(found) == ["Y803"]
    assert "年初预算数 95.00 万元 ≠ 2026 年预算文件" in found[0].message and "相差 5.00 万元" in found[0].message
    right = stated.model_copy(update={"prior_amount": w("100"), "text": "比年初预算数 100 万元增加 5 万元",
                                      "change": w("5")})
    assert check_against(_final(right), budget(), codes=("Y803",))[0] == ()
    # Last year's 决算 named by its year is no 年初预算 of this year.
    last = stated.model_copy(update={"text": "比 2025 年决算数 95 万元增加 10 万元"})
    assert check_against(_final(last), budget(), codes=("Y803",))[0] == ()


def test_Y803_needs_the_budget_of_the_same_year():
    found, skipped = check_against(_final(), budget().model_copy(update={"year": 2025}), codes=("Y803",))
    assert found == () and "同一年度的预算文件" in skipped[0].reason


def test_Y802_needs_the_same_level_and_a_published_basis():
    from yusuan.model import DocumentLevel

    department = _last_year().model_copy(update={"level": DocumentLevel.DEPARTMENT})
    found, skipped = check_against(budget(), department, codes=("Y802",))
    assert found == () and "同为部门或单位" in skipped[0].reason
    restated = claim("total", "收支总预算 100 万元，比 2025 年同口径预算增加 10 万元", "100",
                     table="income_expenditure_summary", measure="budget", compared_year=2025, direction=UP,
                     change="10")
    assert check_against(_with_claims(budget(), restated), _last_year(), codes=("Y802",))[0] == ()


def test_Y803_execution_statements_of_a_final():
    from check.builders import src
    from yusuan.model import ExecutionClaim, Subject

    def stated(kind, planned, text, code=None, table="general_budget_by_function", measure="total"):
        return ExecutionClaim(subject=Subject(kind=kind, code=code, table=table, measure=measure), text=text,
                              planned=w(planned), actual=w("19"), source=src())

    item = stated("function", "25", "养老保险缴费支出（项）。年初预算为 25 万元，支出决算为 19 万元", code="2080505")
    three = stated("three_public", "5", "“三公”经费财政拨款支出预算为 5 万元，支出决算为 2 万元", table="three_public",
                   measure="three_public_total")
    final = _final().model_copy(update={"execution_claims": (item, three)})
    found, _ = check_against(final, budget(), codes=("Y803",))
    # 2080505: the budget's 一般公共预算支出表 prints 20. The 三公 budget stated without 年初 is not taken.
    assert codes(found) == ["Y803"] and found[0].location.row == "2080505 机关事业单位基本养老保险缴费支出"
    assert "年初预算数 25.00 万元 ≠ 2026 年预算文件" in found[0].message and "相差 5.00 万元" in found[0].message
    right = item.model_copy(update={"planned": w("20")})
    assert check_against(final.model_copy(update={"execution_claims": (right,)}), budget(), codes=("Y803",))[0] == ()
