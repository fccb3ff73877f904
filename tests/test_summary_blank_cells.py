"""Key figures are what the page prints: a blank cell is null, a printed 0 is 0 (issue 10, pattern 7);
the "三公" total is found under a banner worded without the year."""
from __future__ import annotations

from check.builders import budget, set_cell

from yusuan.extract.front import _TITLE
from yusuan.extract.headers import classify, measure_for_path
from yusuan.figures.summary import summary


def test_blank_three_public_cells_are_null_and_printed_zeros_are_zero():
    # The small budget's 三公 line prints 合计 3.00, 车辆 3.00, 运行费 3.00; 出国, 购置费 and 接待 are blank.
    data = summary(budget())
    assert data["three_public_total"] == "30000" and data["three_public_vehicle_operation"] == "30000"
    assert data["three_public_abroad"] is None and data["three_public_vehicle_purchase"] is None
    assert data["three_public_reception"] is None
    printed = summary(set_cell(budget(), "three_public", "abroad", "0.00", name="“三公”经费"))
    assert printed["three_public_abroad"] == "0"


def test_a_blank_total_cell_is_null():
    assert summary(budget())["project_total"] == "200000"
    assert summary(set_cell(budget(), "expenditure_summary", "project", None))["project_total"] is None


def test_a_printed_zero_expenditure_total_is_not_skipped():
    b = set_cell(budget(), "income_expenditure_summary", "budget", "0.00", item="expenditure_total")
    assert summary(b)["expenditure_total"] == "0"


def test_three_public_total_under_a_banner_without_the_year():
    allowed = ("three_public_total", "abroad", "reception", "vehicle_total", "vehicle_purchase", "vehicle_operation")
    # Shanghai unit 2026: "“三公”经费预算数" over 合计 | 因公出国(境)费 | …
    assert measure_for_path(("“三公”经费预算数", "合计"), allowed) == "three_public_total"
    # Xi'an 2021: 2021年 / 一般公共预算拨款安排的“三公”经费预算 / 小计, beside a 合计 of 三公 + 会议费 + 培训费.
    path = ("2021年", "一般公共预算拨款安排的“三公”经费预算", "小计")
    assert classify(path, ("total", *allowed, "meeting_fee", "training_fee"), year=2021) == ("measure", "three_public_total")
    assert classify(("2021年", "合计"), ("total", *allowed), year=2021) == ("measure", "total")
    # A banner grouping 三公 with 会议费/培训费 does not make its 合计 the 三公 total.
    assert measure_for_path(("“三公”经费及会议费、培训费", "合计"), allowed) is None


def test_cover_title_with_zonghe():
    m = _TITLE.match("西安市民政局2021 年部门综合预算")
    assert (m.group("unit"), m.group("year"), m.group("level"), m.group("kind")) == ("西安市民政局", "2021", "部门", "预算")
