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


def test_K302_former_name_in_the_narrative():
    # sh-putuo-fuliyuan 2024 编制说明 (p6): "“医疗卫生与计划生育支出（类）行政事业单位医疗（款）事业单位医疗（项）”50.37万元".
    from check.builders import set_paragraph_text
    text = "“医疗卫生与计划生育支出（类）行政事业单位医疗（款）事业单位医疗（项）”50.37万元；文化体育与传媒支出 3 万元。"
    b = set_paragraph_text(budget(), "五", text)
    found = [f for f in assert_fires(b, "K302") if f.location.section]
    assert [f.message for f in found] == [
        "情况说明“五、一般公共预算支出安排情况”：“医疗卫生与计划生育支出”是科目 210 的旧名称，用至 2018 年，2026 年为“卫生健康支出”",
        "情况说明“五、一般公共预算支出安排情况”：“文化体育与传媒支出”是科目 207 的旧名称，用至 2018 年，2026 年为“文化旅游体育与传媒支出”"]
    assert (found[0].expected, found[0].actual) == ("卫生健康支出", "医疗卫生与计划生育支出")
    # The longest former name only: "其他国土海洋气象等支出", not also its tail "国土海洋气象等支出".
    other = set_paragraph_text(budget(), "五", "其他国土海洋气象等支出 2 万元。")
    assert [f.actual for f in assert_fires(other, "K302")] == ["其他国土海洋气象等支出"]


def test_K302_former_name_in_a_line_without_code():
    # 财政拨款收支总表 lines carry no code: "（七）医疗卫生与计划生育支出".
    from check.builders import line, with_table
    from yusuan.model import Side
    t = budget().table("fiscal_grant_summary")
    t = t.model_copy(update={"rows": t.rows + (line(None, "（七）医疗卫生与计划生育支出", Side.EXPENDITURE, "0.00"),)})
    found = assert_fires(with_table(budget(), t), "K302", table="fiscal_grant_summary")
    assert "2026 年为“卫生健康支出”" in found[0].message


def test_K302_silent_when_the_name_fits_the_year_or_tells_of_the_rename():
    from check.builders import set_paragraph_text
    # The names of 2026; a former name told of as such; a 款 name that begins plain words.
    for text in ("卫生健康支出 51.9 万元，文化旅游体育与传媒支出 3 万元，自然资源海洋气象等支出 1 万元。",
                 "原医疗卫生与计划生育支出科目调整为卫生健康支出。",
                 "文化体育与传媒支出调整为文化旅游体育与传媒支出。",
                 "用于行政事业单位离退休人员的医疗费。"):
        assert_silent(set_paragraph_text(budget(), "五", text), "K302")
    # In a 2018 document the former name is the name of the year.
    b = set_paragraph_text(budget(), "五", "医疗卫生与计划生育支出 51.9 万元。").model_copy(update={"year": 2018})
    assert [f for f in _k302_findings(b) if "医疗卫生与计划生育支出" in f.message] == []


def _k302_findings(b):
    from check.helpers import run
    return [f for f in run(b, "K302").findings if f.code == "K302"]
