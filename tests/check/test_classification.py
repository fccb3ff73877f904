"""K3xx: codes and names against the codebook of the year; function ↔ economic mirrors."""
import pytest

from check.builders import budget, set_cell, set_row
from check.helpers import assert_fires, assert_silent

CODES = ("K301", "K302", "K303")


@pytest.mark.parametrize("code", CODES)
def test_silent_on_consistent_budget(code):
    assert_silent(budget(), code)


def test_K301_unknown_code_is_a_notice():
    b = set_row(budget(), "expenditure_summary", "2080506", code="2080598")
    f = assert_fires(b, "K301", row="2080598")[0]
    assert f.severity.value == "notice"


def test_K302_name_differs():
    b = set_row(budget(), "expenditure_summary", "2080505", name="养老保险缴费")
    f = assert_fires(b, "K302", row="2080505")[0]
    assert f.expected == "机关事业单位基本养老保险缴费支出"


def test_K302_outdated_name_says_when_it_changed():
    b = set_row(budget(), "expenditure_summary", "221", name="住房保障支出")
    b = b.model_copy(update={"year": 2019})
    from yusuan.reference.codebook import load_codebook
    book = load_codebook()
    names = book.function_names("210")
    if len(names) < 2:
        pytest.skip("codebook has no former name for 210")
    from check.builders import row, with_table
    t = b.table("expenditure_summary")
    b = with_table(b, t.model_copy(update={"rows": t.rows + (row("210", names[0].name, total="0.00"),)}))
    f = next(f for f in assert_fires(b, "K302") if f.location.row.startswith("210"))
    assert "名称已过时" in f.message and str(names[-1].since) in f.message


def test_K303_mirror_differs():
    b = set_cell(budget(), "basic_by_economic", "total", "21.00", code="30108")
    assert_fires(b, "K303", row="30108", contains="2080505")


def _split_row(b, table_id: str, code: str, first: str, second: str):
    """The code printed on two rows (as Beijing prints its 项 lines unit by unit), amounts first + second."""
    from check.builders import w, with_table
    t = b.table(table_id)
    i = next(k for k, r in enumerate(t.rows) if r.code == code)
    old = t.rows[i]

    def part(value):
        cells = tuple(c.model_copy(update={"amount": w(value)}) for c in old.cells)
        return old.model_copy(update={"cells": cells})
    return with_table(b, t.model_copy(update={"rows": t.rows[:i] + (part(first), part(second)) + t.rows[i + 1:]}))


def test_K303_sums_a_code_printed_on_several_rows():
    b = _split_row(budget(), "general_budget_by_function", "2080505", "15.00", "5.00")
    assert_silent(b, "K303")  # 15 + 5 = 20 万元 = 表6 30108
    b = _split_row(b, "basic_by_economic", "30108", "12.00", "9.00")  # 21 ≠ 20
    f = assert_fires(b, "K303", row="30108")[0]
    assert "2080505（2 行合计）" in f.message and f.actual == "21.00" and f.expected == "20.00"
