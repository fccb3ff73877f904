"""X3xx: the budget year and the unit name stated alike everywhere."""
import pytest

from check.builders import budget, set_claim, set_paragraph_text, set_project_perf, set_overall
from check.helpers import assert_fires, assert_silent

CODES = ("X301", "X302")


@pytest.mark.parametrize("code", CODES)
def test_silent_on_consistent_budget(code):
    assert_silent(budget(), code)


def test_X301_year_in_text_differs_from_the_rest():
    b = set_paragraph_text(budget(), "三", "2025 年支出预算 100 万元，其中基本支出 80 万元。")
    f = assert_fires(b, "X301", contains="写作 2025 年，但文档其他各处为 2026 年")[0]
    assert f.location.source.line is not None


def test_X301_comparison_years_are_not_statements_of_the_budget_year():
    b = set_paragraph_text(budget(), "三", "比 2025 年预算增加 10 万元；与 2025 年预算持平；截至 2025 年底。")
    assert_silent(b, "X301")


def test_X301_wrong_cover_year_is_outvoted_and_reported_at_the_cover():
    b = budget().model_copy(update={"title": "测试中心 2025 年单位预算", "year": 2025})
    found = assert_fires(b, "X301")
    assert any("封面标题" in f.message for f in found)


def test_X301_compared_year_must_be_last_year():
    b = set_claim(budget(), "一", 0, compared_year=2024)
    assert_fires(b, "X301", contains="应与上一年 2025 年比较")


def test_X302_unit_name_in_table_11_and_project_table():
    assert_fires(set_overall(budget(), unit_name="测试研究中心"), "X302", table="overall_performance")
    assert_fires(set_project_perf(budget(), "12-1", executing_unit="另一中心"), "X302", contains="项目执行单位")


def test_X302_contents_titles_without_a_unit_name_are_not_compared():
    from yusuan.check.rules.consistency import _looks_named
    assert _looks_named("第一部分 某某研究中心概况")
    assert _looks_named("第三部分 另一局 2026 年单位预算情况说明")
    assert not _looks_named("2026 年度单位预算表")
    assert not _looks_named("一般公共预算拨款支出预算表")
    assert not _looks_named("第四部分 名词解释")
