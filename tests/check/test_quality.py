"""Q7xx: empty reasons, placeholders, template remarks, unresolved directions, headings of another year."""
import pytest

from check.builders import budget, set_claim, set_heading, set_paragraph_text, set_section_title
from check.helpers import assert_fires, assert_silent

CODES = ("Q701", "Q702", "Q703", "Q704", "Q705", "Q706")


@pytest.mark.parametrize("code", CODES)
def test_silent_on_consistent_budget(code):
    assert_silent(budget(), code)


def test_Q701_empty_reason_on_the_claim():
    assert_fires(set_claim(budget(), "一", 0, reason=""), "Q701", contains="原因说明为空")


def test_Q701_empty_reason_in_the_text():
    b = set_paragraph_text(budget(), "二", "收入比上年增加，主要原因是。")
    assert_fires(b, "Q701", contains="“主要原因是”后没有写出内容")


@pytest.mark.parametrize("text", ["XX局 2026 年部门预算", "本单位待填写", "××中心"])
def test_Q702_placeholders(text):
    assert_fires(budget().model_copy(update={"title": text}), "Q702")


def test_Q702_multiplication_sign_is_not_a_placeholder():
    assert_silent(set_paragraph_text(budget(), "二", "劳务费 4 万元 × 2 人。"), "Q702")


def test_Q702_placeholder_unit_name_in_a_section_heading():
    b = set_section_title(budget(), "二", "XX局收入预算安排情况")
    assert_fires(b, "Q702", contains="标题“二、XX局收入预算安排情况”（第 ")


@pytest.mark.parametrize("section,title,remark", [
    ("十一", "国有资产占有使用情况（增加内容）", "（增加内容）"),
    ("六", "一般公共预算基本支出安排情况（此处填写基本支出构成）", "（此处填写基本支出构成）"),
])
def test_Q703_template_remark_in_a_heading(section, title, remark):
    found = assert_fires(set_section_title(budget(), section, title), "Q703", contains=f"留有模板批注“{remark}”")
    assert f"标题“{section}、{title}”" in found[0].message
    assert found[0].location.section == f"{section}、{title}"


def test_Q703_template_remark_in_the_text_quotes_it_and_the_page():
    b = set_paragraph_text(budget(), "二", "本单位收入全部为一般公共预算拨款（如无此项请删除）。")
    para = b.narrative[1].paragraphs[0]
    b = set_paragraph_text(b, "二", para.text)
    b = b.model_copy(update={"narrative": tuple(
        s.model_copy(update={"paragraphs": (s.paragraphs[0].model_copy(update={"source": para.source.model_copy(
            update={"page": 12})}),)}) if s.number == "二" else s for s in b.narrative)})
    found = assert_fires(b, "Q703", contains="（第 12 页）")
    assert "“（如无此项请删除）”" in found[0].message and found[0].location.section == "二、收入预算安排情况"


@pytest.mark.parametrize("text", ["收入包括一般公共预算拨款（不含上年结转）。", "（一）人员经费 65 万元（含离退休人员）。",
                                  "项目支出增加（新增信息化运维内容）。"])
def test_Q703_silent_on_ordinary_brackets(text):
    assert_silent(set_paragraph_text(budget(), "二", text), "Q703")


@pytest.mark.parametrize("words", ["下降（增长）", "增加(减少)", "减少（增加）", "增长（下降）"])
def test_Q704_both_directions_left(words):
    b = set_paragraph_text(budget(), "二", f"收入比 2025 年预算{words} 10 万元。")
    found = assert_fires(b, "Q704", contains=f"“{words}”两个方向并列")
    assert found[0].location.section == "二、收入预算安排情况"


def test_Q704_in_a_heading():
    assert_fires(set_section_title(budget(), "二", "收入预算增加（减少）情况"), "Q704", contains="标题“二、收入预算增加（减少）情况”")


@pytest.mark.parametrize("text", ["收入比 2025 年预算增加 10 万元（增长 11.11%）。", "支出减少（主要是会议减少）。",
                                  "增加（增长 5%）与减少（下降 3%）并存。"])
def test_Q704_silent_on_one_direction(text):
    assert_silent(set_paragraph_text(budget(), "二", text), "Q704")


def test_Q705_part_heading_of_another_year():
    b = set_heading(budget(), 3, "测试中心 2025 年单位预算情况说明")
    found = assert_fires(b, "Q705", contains="标题“第三部分 测试中心 2025 年单位预算情况说明”（第 ")
    assert found[0].message.endswith("：写作 2025 年，本文档为 2026 年")


def test_Q705_section_heading_of_another_year():
    b = set_section_title(budget(), "二", "2025 年收入预算安排情况")
    found = assert_fires(b, "Q705", contains="写作 2025 年")
    assert found[0].location.section == "二、2025 年收入预算安排情况"


@pytest.mark.parametrize("title", ["2025 年预算执行情况", "2025 年度部门决算情况", "与 2025 年预算对比情况",
                                   "2025 年度国有资产占有使用情况", "2024—2026 年中期财政规划", "2026 年收入预算安排情况"])
def test_Q705_silent_on_headings_about_another_year_or_this_one(title):
    assert_silent(set_section_title(budget(), "二", title), "Q705")


@pytest.mark.parametrize("date", ["截至 2024 年 12 月 31 日", "截止2027年1月"])
def test_Q706_snapshot_date_in_a_year_that_cannot_be(date):
    b = set_paragraph_text(budget(), "二", f"{date}，本单位共有车辆 2 辆。")
    found = assert_fires(b, "Q706", contains=f"“{date}”")
    assert "2026 年预算的时点应在 2025 年或 2026 年" in found[0].message
    assert found[0].location.section == "二、收入预算安排情况"


@pytest.mark.parametrize("date", ["截至 2025 年 12 月 31 日", "截至2026年1月31日", "截至 2025 年 8 月"])
def test_Q706_silent_on_the_year_before_or_the_budget_year(date):
    assert_silent(set_paragraph_text(budget(), "二", f"{date}，本单位共有车辆 2 辆。"), "Q706")
