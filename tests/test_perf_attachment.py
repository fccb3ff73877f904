"""A file holding only a list of project performance forms (extract/perf_attachment.py), built by hand:
found by its header's content, unit lines and 合计 kept as totals, a project's line continued over a
page break, blank cells not read as 0, and indicators packed in one cell."""
from __future__ import annotations

from decimal import Decimal

import pytest

from yusuan.extract import extract
from yusuan.extract.perf_indicators import packed_indicators
from yusuan.read.raw import RawCell, RawDocument, RawLine, RawPage, UnreadableError

HEADER = ("项目名称（资金使用单位）", "总计：", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标")
TITLE = "某市某局2026年项目支出绩效目标表"
WAN = Decimal(10000)


def _row(page: int, no: int, *texts: str) -> RawLine:
    return RawLine(cells=tuple(RawCell(t, col=i) for i, t in enumerate(texts)), page=page, line_no=no,
                   is_table_row=True)


def _text(page: int, no: int, text: str) -> RawLine:
    return RawLine(cells=(RawCell(text, col=0),), page=page, line_no=no)


def _document() -> RawDocument:
    head = [_text(1, 2, "部门名称：某市某局"), _text(1, 3, "单位：万元")]
    page1 = (*head, _row(1, 4, *HEADER),
             _row(1, 5, "合计：", "130.00", "100.00", "", "30.00", "", ""),
             _row(1, 6, "某市某局", "130.00", "100.00", "", "30.00", "", ""),
             _row(1, 7, "设备运维", "100.00", "100.00", "", "", "保障设备正常运行。",
                  "1.1－产出指标，11－数量指标，运维次数；实施周期指标值：≥12次，年度指标值：≥12次；"),
             _row(1, 8, "宣传经费", "30.00", "", "", "30.00", "开展宣传，",
                  "1.2－效益指标，22－社会效益，公众知晓率；实施周期指标值：≥80%，年度指标值："))
    page2 = (_row(2, 2, *HEADER),
             _row(2, 3, "", "", "", "", "", "提高公众环保意识。",
                  "≥85%；2、3－满意度指标，31－服务对象满意度，群众满意度；实施周期指标值》90%，年度指标值：≥90%；"))
    running = (_text(1, 1, TITLE),)
    return RawDocument(path="attachment.pdf", format="pdf", pages=(
        RawPage(number=1, lines=page1, running=running),
        RawPage(number=2, lines=page2, running=(_text(2, 1, TITLE),))))


def test_a_list_of_project_forms_is_read_as_an_attachment():
    budget, findings = extract(_document())
    assert budget.attachment == "project_performance"
    assert (budget.unit.name, budget.year, budget.title) == ("某市某局", 2026, TITLE)
    assert [f.code for f in findings] == ["P008"]
    kit, ads = budget.project_performance
    assert (kit.project_name, kit.annual_budget.value / WAN, kit.executing_unit) == ("设备运维", 100, "某市某局")
    # A blank 财政拨款 is no funding line (not 0); the printed 其他资金 is.
    assert [(f.item, f.amount.value / WAN) for f in ads.funding] == [("other_funds", 30)]
    # The line goes on after the page break (header printed again): goal and indicators joined.
    assert ads.annual_goal == "开展宣传，提高公众环保意识。"
    first, second = ads.goals[0].indicators
    assert (first.name, first.period_target.text, first.target.text) == ("公众知晓率", "≥80%", "≥85%")
    assert (second.level1, second.level2, second.name) == ("满意度指标", "服务对象满意度", "群众满意度")
    assert (second.period_target.text, second.target.number) == ("》90%", 90)
    whole, unit = budget.project_performance_totals
    assert (whole.scope, whole.amount.value / WAN, whole.first, whole.count) == ("all", 130, 0, 2)
    assert (unit.scope, unit.name, unit.count) == ("unit", "某市某局", 2)
    assert [(f.item, f.amount.value / WAN) for f in unit.funding] == [("fiscal_grant", 100), ("other_funds", 30)]


def test_a_document_with_neither_budget_tables_nor_project_forms_is_still_refused():
    raw = RawDocument(path="x.pdf", format="pdf", pages=(RawPage(number=1, lines=(
        _text(1, 1, "某市某局2026年工作要点"), _row(1, 2, "项目名称", "金额"), _row(1, 3, "设备运维", "100.00"))),))
    with pytest.raises(UnreadableError):
        extract(raw)


def test_packed_indicators_without_numbers_or_codes():
    text = ("产出指标，数量指标，培训人次；实施周期指标值：200人次，年度指标值：100人次；"
            "2、成本指标，经济成本指标，不超预算；实施周期指标值：是，年度指标值：是")
    first, second = packed_indicators(text, None)
    assert (first.level1, first.level2, first.name) == ("产出指标", "数量指标", "培训人次")
    assert (first.period_target.number, first.target.number, first.target.unit) == (200, 100, "人次")
    assert (second.level1, second.name, second.target.text) == ("成本指标", "不超预算", "是")
