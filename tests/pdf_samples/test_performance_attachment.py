"""A file that is only the 项目支出绩效目标表 attachment of a budget (广州市生态环境局 2026, 140 pages):
one list of 300 projects grouped by spending unit, each with its amounts by source, goal and indicators
packed in one cell ('实施周期指标值：…，年度指标值：…'). Every value asserted here was read on the page
images (pages 1, 29, 45, 70, 115–116, 140)."""
from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import sample

from yusuan.api import check_file, load_budget
from yusuan.figures.facts import budget_facts
from yusuan.figures.summary import summary

NAME = "gz-sthj-2026-dept-budget.pdf"
WAN = Decimal(10000)


@pytest.fixture(scope="module")
def attachment():
    return load_budget(sample(NAME))


def _project(budget, name, page):
    return next(p for p in budget.project_performance if p.project_name == name and p.source.page == page)


def _funding(project):
    return {f.item: f.amount.value / WAN for f in project.funding}


def _indicator(project, name):
    return next(i for g in project.goals for i in g.indicators if i.name == name)


def test_read_as_an_attachment_not_refused(attachment):
    budget, findings = attachment
    assert budget.attachment == "project_performance"
    assert (budget.unit.name, budget.year, budget.level.value, budget.kind.value) == ("广州市生态环境局", 2026, "部门", "预算")
    assert budget.title == "广州市生态环境局2026年项目支出绩效目标表（含转移支付项目）"
    assert budget.tables == () and budget.narrative == ()
    # One notice says what the file is; no reading warnings.
    assert [f.code for f in findings] == ["P008"]
    assert "读取了 300 个项目" in findings[0].message


def test_every_form_on_the_pages_is_read(attachment):
    budget, _ = attachment
    projects = budget.project_performance
    # 300 project lines, the first of each page's forms on every one of the 140 pages.
    assert len(projects) == 300
    assert {p.source.page for p in projects} == set(range(1, 141))
    assert sum(len(g.indicators) for p in projects for g in p.goals) == 1771
    assert all(p.annual_goal and p.goals[0].indicators and p.annual_budget is not None for p in projects)
    assert all(p.department == "广州市生态环境局" for p in projects)


def test_list_total_and_unit_lines(attachment):
    budget, _ = attachment
    totals = budget.project_performance_totals
    assert len(totals) == 36  # 合计 and 35 spending units
    whole = totals[0]  # p1: 合计： 37,367.86 | 35,790.09 | (blank) | 1,577.77
    assert (whole.scope, whole.first, whole.count) == ("all", 0, 300)
    assert whole.amount.value / WAN == Decimal("37367.86")
    assert {f.item: f.amount.value / WAN for f in whole.funding} == {"fiscal_grant": Decimal("35790.09"),
                                                                      "other_funds": Decimal("1577.77")}
    # p115: 南沙分局 3,499.31 | 2,807.75 | 691.56 at the foot of the page, its projects running on to p121.
    nansha = next(t for t in totals if t.name == "广州市生态环境局南沙分局")
    covered = budget.project_performance[nansha.first: nansha.first + nansha.count]
    assert nansha.amount.value / WAN == Decimal("3499.31") and nansha.source.page == 115
    assert nansha.count == 14 and covered[0].source.page == 115 and covered[-1].source.page == 121
    assert covered[0].project_name == "机构运行辅助经费" and covered[0].annual_budget.value / WAN == Decimal("193.94")
    assert covered[1].project_name == "水与海洋生态环境监管一次性专项服务" and covered[1].source.page == 116
    assert all(p.executing_unit == "广州市生态环境局南沙分局" for p in covered)
    assert sum(p.annual_budget.value for p in covered) / WAN == Decimal("3499.33")  # rounding of 14 amounts


def test_first_form(attachment):
    budget, _ = attachment
    first = budget.project_performance[0]  # p1
    assert first.project_name == "广州市镇（街）园区环保监督检查员经费（越秀区）"
    assert first.executing_unit == "广州市生态环境局" and first.project_code is None
    assert first.annual_budget.value / WAN == Decimal("238.00") and _funding(first) == {"fiscal_grant": Decimal("238")}
    assert first.annual_goal.startswith("通过开展广州市建立镇（街）园区环境保护监督检查员队伍")
    inds = first.goals[0].indicators
    assert len(inds) == 6
    assert (inds[0].level1, inds[0].level2, inds[0].name) == ("产出指标", "数量指标", "项目专职环保员数量")
    assert (inds[0].period_target.text, inds[0].target.text) == ("≦核定人数", "≦核定人数")
    rate = _indicator(first, "环保信访投诉办结率")
    assert (rate.level1, rate.level2) == ("效益指标", "社会效益")
    assert (rate.target.op, rate.target.number, rate.target.unit) == ("≥", Decimal(90), "%")


def test_form_with_two_sources(attachment):
    budget, _ = attachment
    # p29: 13.40 = 财政拨款 0.00 (printed) + 其他资金 13.40
    centre = _project(budget, "广州市生态环境科技协同创新中心", 29)
    assert centre.annual_budget.value / WAN == Decimal("13.40")
    assert _funding(centre) == {"fiscal_grant": Decimal("0"), "other_funds": Decimal("13.40")}
    talks = _indicator(centre, "开展咨询交流次数")
    assert (talks.period_target.text, talks.target.text) == ("20次", "≥5次")
    # p45: 93.50 = 60.50 + 33.00
    news = _project(budget, "广州环境新闻宣传专项经费", 45)
    assert news.annual_budget.value / WAN == Decimal("93.50")
    assert _funding(news) == {"fiscal_grant": Decimal("60.50"), "other_funds": Decimal("33.00")}
    assert news.executing_unit == "广州市环境保护宣传教育中心"


def test_middle_form(attachment):
    budget, _ = attachment
    soil = _project(budget, "土壤与固体废物污染防治经费", 70)
    assert soil.annual_budget.value / WAN == Decimal("142.57") and _funding(soil) == {"fiscal_grant": Decimal("142.57")}
    inds = soil.goals[0].indicators
    assert len(inds) == 12
    assert (inds[0].level1, inds[0].level2, inds[0].name) == ("成本指标", "经济成本指标", "实际支出不超预算")
    visits = _indicator(soil, "现场辐射安全技术帮扶核技术利用单位数量")
    assert (visits.period_target.number, visits.target.op, visits.target.number, visits.target.unit) == (
        Decimal(60), "≥", Decimal(30), "家")
    reports = _indicator(soil, "固体废物项目报告数量")
    assert (reports.period_target.text, reports.target.text) == ("3份", "2份")


def test_last_form(attachment):
    budget, _ = attachment
    last = budget.project_performance[-1]  # p140
    assert (last.project_name, last.source.page) == ("机构运行辅助经费", 140)
    assert last.executing_unit == "广州市生态环境局增城环境监测站"
    assert last.annual_budget.value / WAN == Decimal("14.00")
    assert last.annual_goal == "根据要求，完成编外人员工资发放，提高人员积极性，补充单位的工作力量。"
    inds = last.goals[0].indicators
    assert [i.name for i in inds] == ["不超出预算", "人员持证上岗率", "工作违纪次数", "出勤率", "聘用人员数量"]
    assert inds[2].target.text == "0起" and inds[4].target.text == "聘用不超过2名编外人员"


def test_check_and_summary(attachment):
    budget, report = check_file(sample(NAME))
    codes = [f.code for f in report.findings]
    assert codes == ["P008"]  # no missing-table errors, every form's and every total's sums agree
    skipped = {s.code for s in report.rules_skipped}
    assert {"C002", "C003"} <= skipped and not {"S121", "S123"} & skipped
    data = summary(budget)
    assert data["income_total"] is None and data["expenditure_total"] is None and data["project_total"] is None
    assert data["expenditure_by_class"] == {}
    assert (data["attachment"], data["performance_projects"]) == ("project_performance", 300)
    assert (data["performance_total"], data["performance_sum"]) == ("373678600", "373679900")


def test_indicator_facts_keep_both_values(attachment):
    budget, _ = attachment
    facts = [f for f in budget_facts(budget) if f.item == "现场辐射安全技术帮扶核技术利用单位数量"]
    assert {(f.measure, f.value) for f in facts} >= {("target", Decimal(30)), ("target_period", Decimal(60))}


def test_a_file_of_one_form_per_project_reads_like_the_budget_it_came_from(tmp_path):
    """Xi'an's 表14 forms (pp. 40–49, one project per page, 第四次全国农业普查 over pp. 47–48) cut into a
    file of their own, as a department publishing its forms apart would: the title and 表14 over
    every page are taken off as running heads, and the first page has no cover."""
    from yusuan.pdflib import pymupdf

    source = sample("xian-tjj-2026-dept-budget.pdf")
    cut = tmp_path / "xian-forms.pdf"
    with pymupdf.open(source) as whole, pymupdf.open() as out:
        out.insert_pdf(whole, from_page=39, to_page=48)
        out.save(cut)
    budget, report = check_file(cut)
    assert budget.attachment == "project_performance" and budget.year == 2026
    assert [f.code for f in report.findings] == ["P008"]
    full, _ = load_budget(source)
    expected = [p for p in full.project_performance if p.source.page in range(40, 50)]
    assert [p.project_name for p in budget.project_performance] == [p.project_name for p in expected]
    assert len(expected) == 9 and expected[0].project_name == "内审服务"
    for got, want in zip(budget.project_performance, expected):
        assert got.annual_budget == want.annual_budget.model_copy(update={"source": got.annual_budget.source})
        assert [(f.item, f.amount.value) for f in got.funding] == [(f.item, f.amount.value) for f in want.funding]
        assert [i.name for g in got.goals for i in g.indicators] == [i.name for g in want.goals for i in g.indicators]


def test_debug_marks_the_amounts_read_on_a_page(attachment):
    from yusuan.render.debug_page import page_marks

    budget, _ = attachment
    marks = page_marks(budget, 115, [])  # p115: 番禺技术中心 line, one project, 南沙分局 line, one project
    assert len(marks) == 9
    assert {(m.row, m.measure) for m in marks} >= {("广州市生态环境局南沙分局", "funding.other_funds"),
                                                  ("机构运行辅助经费", "annual_budget")}
