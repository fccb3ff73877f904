"""V6xx: personal data."""
import pytest

from check.builders import budget, set_overall, set_project_perf
from check.helpers import assert_fires, assert_silent
from yusuan.check.rules.privacy import valid_id_card

CODES = ("V601", "V602")


@pytest.mark.parametrize("code", CODES)
def test_silent_on_consistent_budget(code):
    assert_silent(budget(), code)  # the builders use an 8-digit office landline


def test_V601_mobile_number_in_table_11_is_masked():
    f = assert_fires(set_overall(budget(), phone="13912345678"), "V601", table="overall_performance")[0]
    assert "139****5678" in f.message and "13912345678" not in f.message


@pytest.mark.parametrize("text", ["027-85310000", "85310000", "42010026301T000000114", "420100260000220000101"])
def test_V601_landlines_and_project_codes_are_not_mobiles(text):
    assert_silent(set_project_perf(budget(), "12-1", phone=text), "V601")


def test_V602_id_card_with_valid_check_digit():
    number = "11010519491231002X"  # the GB 11643 specimen
    assert valid_id_card(number)
    assert_fires(set_project_perf(budget(), "12-1", leader=f"张三 {number}"), "V602")
    assert not valid_id_card("110105194912310021")
    assert_silent(set_project_perf(budget(), "12-1", leader="张三 110105194912310021"), "V602")
