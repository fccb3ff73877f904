"""Y8xx: implied prior-year figures against last year's data."""
from check.builders import budget, w
from check.helpers import assert_fires, assert_silent, run
from yusuan.model import PriorFigure, Subject


def test_Y801_silent_when_prior_agrees():
    assert_silent(budget(), "Y801")


def test_Y801_fires_when_prior_differs():
    b = budget().model_copy(update={"prior": (PriorFigure(subject=Subject(kind="total"), amount=w("95"), year=2025),)})
    assert_fires(b, "Y801", contains="推算 2025 年数 90.00 ≠ 上年度数据 95.00")


def test_Y801_skipped_without_prior():
    report = run(budget().model_copy(update={"prior": ()}), "Y801")
    assert report.findings == () and report.rules_skipped[0].reason == "没有提供上年度数据"
