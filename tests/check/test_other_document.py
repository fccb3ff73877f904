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


def test_Y802_the_compared_year_of_a_sentence_about_another_year():
    # A 2026 document carrying a sentence of 2025 ('2025 年…与上年相比'): it compares with 2024, not with
    # the 2025 document. A sentence naming its comparison's year is taken at its word.
    stale = claim("gov_operation_cost", "2025 年机关运行经费 100 万元，与上年相比增加 10 万元", "100",
                  compared_year=2025, direction=UP, change="10")
    assert check_against(_with_claims(budget(), stale), _last_year(), codes=("Y802",))[0] == ()
    from yusuan.check.rules.other_document import compared_year
    assert compared_year(stale, 2026) == 2024
    assert compared_year(stale.model_copy(update={"text": "2026 年 100 万元，比 2025 年预算增加 10 万元"}), 2026) == 2025
    assert compared_year(stale.model_copy(update={"text": "机关运行经费 100 万元，比上年增加 10 万元"}), 2026) == 2025


def test_Y802_other_matters_against_last_years_narrative():
    from yusuan.model import OtherMatter

    last = _last_year().model_copy(update={"other_matters": (
        OtherMatter(item="gov_operation_cost", title="机关运行经费", text="机关运行经费 30 万元。", amount=w("30")),)})
    stated = claim("gov_operation_cost", "机关运行经费 35 万元，比上年增加 10 万元", "35", compared_year=2025,
                   direction=UP, change="10")
    found, _ = check_against(_with_claims(budget(), stated), last, codes=("Y802",))
    assert codes(found) == ["Y802"] and "情况说明 机关运行经费 30.00 万元，相差 5.00 万元" in found[0].message
    right = stated.model_copy(update={"change": w("5"), "text": "机关运行经费 35 万元，比上年增加 5 万元"})
    assert check_against(_with_claims(budget(), right), last, codes=("Y802",))[0] == ()


def test_Y802_a_three_public_cell_beyond_the_columns_read():
    # Last year's 三公 row holds 因公出国 1.00 though its header was read with the 合计 column only.
    from yusuan.model import Cell, Column

    last = _last_year()
    three = last.table("three_public")
    row = three.rows[0].model_copy(update={"cells": (Cell(measure="three_public_total", amount=w("3.00")),
                                                     Cell(measure="abroad", amount=w("1.00")))})
    partial = three.model_copy(update={"columns": (Column(measure="three_public_total", label="合计"),), "rows": (row,)})
    last = last.model_copy(update={"tables": tuple(partial if t.id == "three_public" else t for t in last.tables)})
    stated = claim("three_public_abroad", "因公出国（境）费 2 万元，比上年增加 0.5 万元", "2", table="three_public",
                   measure="abroad", compared_year=2025, direction=UP, change="0.5")
    found, _ = check_against(_with_claims(budget(), stated, topic="three_public"), last, codes=("Y802",))
    assert codes(found) == ["Y802"] and "推算 2025 年数 1.50 万元" in found[0].message


# --- each rule both ways, through the helpers the catalog test looks for -----------------------------


def test_each_cross_document_rule_fires_and_stays_silent():
    from check.helpers import assert_fires, assert_silent
    from yusuan.model import Cell, ExecutionClaim, Subject

    assert_fires(budget(), "Y802", other=_last_year(), row="收支总预算", contains="推算 2025 年数 90.00 万元")
    matching = _with_claims(budget(), claim("total", "收支总预算 110 万元，比 2025 年预算增加 10 万元", "110",
                                            table="income_expenditure_summary", measure="budget", compared_year=2025,
                                            direction=UP, change="10"))
    assert_silent(matching, "Y802", other=_last_year())

    def planned(value):
        return ExecutionClaim(subject=Subject(kind="function", code="2080505", table="general_budget_by_function",
                                              measure="total"),
                              text=f"年初预算为 {value} 万元，支出决算为 19 万元", planned=w(value), actual=w("19"))
    assert_fires(_final().model_copy(update={"execution_claims": (planned("25"),)}), "Y803", other=budget(),
                 contains="年初预算数 25.00 万元")
    assert_silent(_final().model_copy(update={"execution_claims": (planned("20"),)}), "Y803", other=budget())

    def final_three(planned_total):
        final = _final()
        three = final.table("three_public")
        row = three.rows[0]
        row = row.model_copy(update={"cells": (*row.cells, Cell(measure="three_public_total@planned",
                                                                 amount=w(planned_total)))})
        table = three.model_copy(update={"rows": (row, *three.rows[1:])})
        return final.model_copy(update={"tables": tuple(table if t.id == "three_public" else t for t in final.tables)})
    assert_fires(final_three("4"), "Y804", other=budget(), contains="预算数 4.00 万元 ≠ 2026 年预算文件")
    assert_silent(final_three("3"), "Y804", other=budget())


def test_Y802_rounding_between_万元_and_元():
    # This year states 100.00 万元 '比上年增加 10.00 万元' (→ 90.00 万元); last year printed 900,050 元 in a
    # 元 table: 0.005 万元 + 0.005 万元 + 0.5 元 of rounding apart at most — 50 元 off is silent, 150 元 is not.
    from decimal import Decimal

    from yusuan.model import Amount, AmountUnit

    def last_printing(yuan: str):
        """Last year's document whose 收支总预算 (the 支出总表's 合计, what `total` resolves to) is printed in 元."""
        last = _last_year()
        t3 = last.table("expenditure_summary")
        total = t3.total_row()
        cells = tuple(c.model_copy(update={"amount": Amount(value=Decimal(yuan), unit=AmountUnit.YUAN, places=0)})
                      if c.measure == "total" else c for c in total.cells)
        rows = tuple(r.model_copy(update={"cells": cells}) if r is total else r for r in t3.rows)
        t3 = t3.model_copy(update={"rows": rows, "unit": AmountUnit.YUAN})
        return last.model_copy(update={"tables": tuple(t3 if t.id == t3.id else t for t in last.tables)})

    stated = claim("total", "收支总预算 100.00 万元，比 2025 年预算增加 10.00 万元", "100.00",
                   compared_year=2025, direction=UP, change="10.00")
    this = _with_claims(budget(), stated)
    assert check_against(this, last_printing("900050"), codes=("Y802",))[0] == ()
    assert codes(check_against(this, last_printing("900150"), codes=("Y802",))[0]) == ["Y802"]
