"""Q7xx: empty reasons and placeholders."""
import pytest

from check.builders import budget, set_claim, set_paragraph_text
from check.helpers import assert_fires, assert_silent

CODES = ("Q701", "Q702")


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
