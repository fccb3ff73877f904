"""Performance target forms of the Beijing (预算12表 list, 预算13表) and Xi'an (表14 per project, 表15)
samples: projects, amounts, indicator trees and values as printed on the pages."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from conftest import sample

from yusuan.api import check_file, load_budget
from yusuan.figures.facts import budget_facts


@pytest.fixture(scope="module")
def beijing():
    return load_budget(sample("bj-tjj-2026-dept-budget-tables.pdf"))


@pytest.fixture(scope="module")
def xian():
    return load_budget(sample("xian-tjj-2026-dept-budget.pdf"))


def _levels(project):
    return Counter(i.level1 for g in project.goals for i in g.indicators)


def _value(indicator):
    t = indicator.target
    return (t.op, t.number, t.unit)


def test_beijing_project_list(beijing):
    budget, findings = beijing
    projects = budget.project_performance
    assert len(projects) == 21
    assert sum(len(g.indicators) for p in projects for g in p.goals) == 144
    first = projects[0]  # p27
    assert (first.project_code, first.project_name) == ("11000024T000002830551", "统计监测分析及统计资料编印工作经费")
    assert first.annual_budget.value == Decimal("766400") and first.annual_budget.source.page == 27
    assert [(f.item, f.amount.value) for f in first.funding] == [("fiscal_grant", Decimal("766400"))]
    assert _levels(first) == {"产出指标": 8, "效益指标": 2}
    kinds = first.goals[0].indicators
    assert (kinds[2].level2, kinds[2].name, _value(kinds[2])) == ("数量指标", "编印综合统计资料种类", ("≥", Decimal(7), "种"))
    assert (kinds[0].target.text, kinds[0].target.number) == ("按计划完成", None)  # 定性
    # p29: 238.33 = 财政资金 235.585 + 其他资金 2.745
    survey = next(p for p in projects if p.project_code == "11000022T000000446100")
    assert {f.item: f.amount.value for f in survey.funding} == {"fiscal_grant": Decimal("2355850"),
                                                                  "other_funds": Decimal("27450")}
    # p31–32: the project's merged cells open on p31 (goal, 6 indicators) and print its name and
    # amount on p32 (7 more indicators).
    census = next(p for p in projects if p.project_code == "11000024T000002852113")
    assert census.project_name == "北京市年度人口抽样调查" and census.annual_budget.value == Decimal("5767930")
    inds = census.goals[0].indicators
    assert len(inds) == 13 and inds[0].name == "公交候车亭广告块数" and inds[0].source.page == 31
    assert census.annual_goal.startswith("按照制度和方案要求")
    # p33–34: the name goes on after the page break.
    assert any(p.project_name == "数说北京主题宣传策划执行与电视栏目制作项目" for p in projects)
    rent = projects[-1]  # p40: '＝ 1152.2 平方米'
    assert rent.project_name == "办公用房租赁费"
    area = next(i for g in rent.goals for i in g.indicators if i.name == "租赁面积")
    assert _value(area) == ("=", Decimal("1152.2"), "平方米")
    assert not [f for f in findings if f.code == "P001" and "绩效" in f.message]


def test_beijing_overall_form(beijing):
    budget, _ = beijing
    o = budget.overall_performance
    assert o.unit_name == "北京市统计局"
    money = {s.item: s.amount.value for s in o.structure}  # p41, 万元 six decimals
    assert money == {"total": Decimal("509279507.41"), "fiscal_grant": Decimal("508181758.49"),
                     "fiscal_grant.basic": Decimal("327570152.17"), "fiscal_grant.project": Decimal("180611606.32"),
                     "other_funds": Decimal("1097748.92"), "other_funds.basic": Decimal("234478.92"),
                     "other_funds.project": Decimal("863270")}
    assert [(g.title, len(g.indicators)) for g in o.goals] == [("专项统计", 13)]
    inds = o.goals[0].indicators
    assert (inds[0].level1, inds[0].level2, inds[0].name) == ("产出指标", "数量指标", "开展国民经济各行业调查工作")
    assert _value(inds[0]) == ("≥", Decimal(12), "个")
    assert _value(inds[6]) == ("≤", Decimal(2), "%") and inds[6].name == "人口抽样调查数据差错率"
    assert inds[-1].level1 == "成本指标" and inds[-1].level2 == "经济成本指标" and inds[-1].target.number is None


def test_xian_project_forms(xian):
    budget, findings = xian
    projects = budget.project_performance
    assert [p.project_name for p in projects] == [
        "内审服务", "农业普查设备购置", "统计调查监测", "统计业务培训", "社情民意调查", "1%人口普查（2026）",
        "统计资料印刷", "第四次全国农业普查", "法律咨询服务"]
    audit = projects[0]  # p40, 万元
    assert audit.department == "西安市统计局" and audit.annual_budget.value == Decimal("15000")
    assert {f.item: f.amount.value for f in audit.funding} == {"fiscal_grant": Decimal("15000"), "other_funds": 0}
    assert _levels(audit) == {"成本指标": 1, "产出指标": 3, "效益指标": 2}
    fee = audit.goals[0].indicators[0]
    assert (fee.name, _value(fee), fee.weight) == ("委托中介机构费（万元）", ("≤", Decimal("1.5"), "万元"), Decimal(10))
    # p47–48: one form over two pages, 19 indicators.
    census = projects[7]
    assert census.annual_budget.value == Decimal("16073900")
    inds = census.goals[0].indicators
    assert len(inds) == 19 and {i.source.page for i in inds} == {47, 48}
    assert _value(inds[7]) == ("≥", Decimal("109.3"), "万户") and inds[-1].level1 == "满意度指标"
    assert sum(i.weight for i in inds) == 90  # 分值权重（90分）
    assert not [f for f in findings if f.code == "P001" and "表14" in f.message]


def test_xian_overall_form(xian):
    budget, findings = xian
    o = budget.overall_performance
    assert o.unit_name == "西安市统计局"
    assert [(p.name, p.annual_budget.value) for p in o.projects] == [
        ("保障人员经费", Decimal("34557800")), ("保障单位日常工作运转", Decimal("2143300")),
        ("保障各项调查、普查任务顺利开展", Decimal("25408100"))]
    assert [(s.item, s.amount.value) for s in o.structure] == [("total", Decimal("62109200"))]
    inds = o.goals[0].indicators
    assert len(inds) == 25 and sum(i.weight for i in inds) == 90
    # p51's grid is cut differently from p50's: its rows are re-anchored on 分值权重.
    last = inds[-1]
    assert (last.level1, last.level2, last.source.page) == ("满意度指标", "服务对象满意度指标", 51)
    assert (_value(last), last.weight) == (("≥", Decimal(90), "%"), Decimal(10))
    # p52, the blank 专项资金 template after 表15, is 表16 (empty), not a part of 表15.
    assert [f.code for f in findings if "绩效目标表" in f.message] == []
    assert budget.table("special_fund_performance").rows == ()


def test_xian_facts_and_check(xian):
    budget, _ = xian
    facts = [f for f in budget_facts(budget) if f.table == "project_performance"]
    assert len([f for f in facts if f.measure == "weight"]) == 84
    assert len([f for f in facts if f.measure == "annual_budget"]) == 9
    _, report = check_file(sample("xian-tjj-2026-dept-budget.pdf"))
    perf = [f for f in report.findings if f.location.table in ("project_performance", "overall_performance")]
    # 表14 p47 names the project '第四次全国农业普查', 表10 p36 '第四次农业普查' (same 16073900 元): the document's.
    assert [(f.code, f.actual) for f in perf] == [("X215", "第四次全国农业普查")]
    # Named as the document names its tables, not by the Wuhan form's title.
    assert perf[0].message.startswith("表14 部门专项业务经费绩效目标表 项目“第四次全国农业普查”")
    assert perf[0].expected == "表10 部门综合预算专项业务经费支出表中的项目"
