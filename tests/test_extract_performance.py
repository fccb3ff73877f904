"""Performance target tables (11, 12-n) → model; TargetValue.parse."""
from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

import pytest
from pydantic import BaseModel

from yusuan.extract.context import ExtractContext
from yusuan.extract.performance import block_to_overall, block_to_project
from yusuan.extract.sections import TableBlock, split_document
from yusuan.model import Amount, AmountUnit, ProjectPerformance, TargetValue
from yusuan.read.text import read, text_to_raw
from yusuan.reference.layouts import load_layout

D = Decimal


# ---------------------------------------------------------------- TargetValue.parse

@pytest.mark.parametrize("text, op, number, unit", [
    ("≥1000 家次", "≥", "1000", "家次"),
    ("≥96%", "≥", "96", "%"),
    ("≤1小时", "≤", "1", "小时"),
    ("100%", "=", "100", "%"),  # a bare value means equality
    ("≥10万次", "≥", "10", "万次"),
    ("≤0.1%", "≤", "0.1", "%"),
    ("≥100 万次", "≥", "100", "万次"),
    (">=85%", "≥", "85", "%"),
    ("＞3个", ">", "3", "个"),
    ("<5天", "<", "5", "天"),
    ("不低于95%", "≥", "95", "%"),
    ("不超过2小时", "≤", "2", "小时"),
    ("大于等于90%", "≥", "90", "%"),
    ("小于等于 0.5%", "≤", "0.5", "%"),
    ("不少于12场次", "≥", "12", "场次"),
    ("95%以上", "≥", "95", "%"),
    ("3个工作日以内", "≤", "3", "个工作日"),
    ("≥ 1,500 条", "≥", "1500", "条"),
    ("＝100%", "=", "100", "%"),
    ("12", "=", "12", None),
])
def test_target_value_parse(text, op, number, unit):
    value = TargetValue.parse(text)
    assert (value.op, value.number, value.unit) == (op, D(number), unit)
    assert value.text == text.strip()
    assert isinstance(value.number, Decimal)


@pytest.mark.parametrize("text", ["无事故", "有效提升", "90%-100%", "2026年底前完成", "", "≥", "较上年提高"])
def test_target_value_parse_text_only(text):
    value = TargetValue.parse(text)
    assert (value.op, value.number, value.unit) == (None, None, None)
    assert value.text == text


# ---------------------------------------------------------------- Wuhan sample

@pytest.fixture(scope="module")
def wuhan():
    from conftest import sample

    path = sample("wuhan-gxzx-2026-unit-budget.txt")
    layout = load_layout("wuhan_unit")
    raw = read(path)
    blocks = {b.number: b for b in split_document(raw, layout).tables}
    ctx = ExtractContext(path=raw.path, layout=layout, unit=AmountUnit.WAN)
    overall = block_to_overall(blocks["11"], layout.table("overall_performance"), ctx)
    spec = layout.table("project_performance")
    projects = {n: block_to_project(blocks[n], spec, ctx) for n in ("12-1", "12-2")}
    return blocks, overall, projects, ctx


def wan(text: str) -> D:
    return D(text) * 10000


def test_overall_header(wuhan):
    _, overall, _, ctx = wuhan
    assert overall.unit_name == "武汉市工业信息化中心"
    assert overall.filler == "张璿"
    assert overall.phone == "13397139199"
    assert overall.functions and overall.functions.startswith("承担全市工业信息化推进")
    assert overall.annual_tasks and "数实融合" in overall.annual_tasks
    assert overall.long_term_summary and overall.long_term_summary.startswith("加快推进制造业高端化")
    assert overall.annual_summary and "电子政务" in overall.annual_summary
    assert ctx.issues == []


def test_overall_structure(wuhan):
    _, overall, _, _ = wuhan
    lines = {(s.side, s.item): s for s in overall.structure}
    assert [(s.side, s.item) for s in overall.structure] == [
        ("income", "fiscal_grant"), ("income", "special_account"), ("income", "unit_funds"), ("income", "total"),
        ("expenditure", "personnel"), ("expenditure", "operation"), ("expenditure", "specific"),
        ("expenditure", "total"),
    ]
    grant = lines["income", "fiscal_grant"]
    assert grant.amount.value == D("7786400") and grant.amount.unit is AmountUnit.WAN
    assert grant.share == D("100") and grant.share_text == "100%"
    assert [(y, a.value) for y, a in grant.history] == [(2024, wan("888.5")), (2025, wan("826.76"))]
    assert lines["income", "special_account"].amount is None
    assert lines["income", "unit_funds"].history == ()
    personnel = lines["expenditure", "personnel"]
    assert (personnel.name, personnel.amount.value, personnel.share, personnel.share_text) == (
        "人员类项目支出", wan("516.98"), D("66.4"), "66.4%")
    assert [(y, a.printed) for y, a in personnel.history] == [(2024, D("459.09")), (2025, D("565.1"))]
    assert personnel.history[1][1].places == 1
    operation = lines["expenditure", "operation"]
    assert (operation.amount.value, operation.share) == (wan("123.66"), D("15.88"))
    assert [(y, a.printed) for y, a in operation.history] == [(2024, D("54.41")), (2025, D("131.66"))]
    specific = lines["expenditure", "specific"]
    assert (specific.amount.value, specific.share, specific.share_text) == (wan("138"), D("17.72"), "17.72%")
    assert lines["expenditure", "total"].amount.value == wan("778.64")
    # shares of the expenditure side add up to 100 %
    assert sum(lines["expenditure", k].share for k in ("personnel", "operation", "specific")) == D("100.00")
    for s in overall.structure:
        assert s.source is not None and s.source.line is not None
    assert grant.amount.source.column == 3


def test_overall_projects(wuhan):
    _, overall, _, _ = wuhan
    assert [(p.name, p.category, p.total_budget.value, p.annual_budget.value) for p in overall.projects] == [
        ("信息化应用与产业研究", "特定目标类项目", wan("138"), wan("138")),
        ("电子政务系统运行维护", "其他运转类项目", wan("72"), wan("72")),
    ]
    assert overall.projects[1].direction and overall.projects[1].direction.startswith("主要用于系统运维")


def test_overall_goals(wuhan):
    _, overall, _, _ = wuhan
    # counted by hand in the sample: 5 + 5 long-term indicators, 7 + 7 annual ones
    assert [(g.kind, g.title, len(g.indicators)) for g in overall.goals] == [
        ("long_term", "长期目标 1", 5), ("long_term", "长期目标 2", 5),
        ("annual", "年度目标 1", 7), ("annual", "年度目标 2", 7),
    ]
    lt1 = overall.goals[0]
    assert lt1.description.startswith("以深化企业实数融合服务为切入")
    first = lt1.indicators[0]
    assert (first.level1, first.level2, first.name) == ("产出指标", "数量指标", "服务企业家数")
    assert (first.target.op, first.target.number, first.target.unit) == ("≥", D(1000), "家次")
    assert first.basis == "计划数据"
    # merged cells: 质量指标 row inherits 产出指标
    assert (lt1.indicators[1].level1, lt1.indicators[1].level2) == ("产出指标", "质量指标")
    # the row whose 一级 label moved to column 0
    satisfaction = lt1.indicators[4]
    assert (satisfaction.level1, satisfaction.level2, satisfaction.name) == (
        "满意度指标", "服务对象满意度指标", "受益企业满意度")
    assert satisfaction.target.text == "≥95%" and satisfaction.basis == "计划数据"
    assert lt1.indicators[3].target.text == "无事故" and lt1.indicators[3].target.number is None
    # goal 2 reuses goal 1's header; its first row carries the 长期绩效指标 label
    assert overall.goals[1].indicators[0].name == "系统运维覆盖率"
    assert overall.goals[1].indicators[3].target.unit == "万次"

    an1 = overall.goals[2]
    consult = an1.indicators[0]
    assert consult.name == "评估诊断与政策咨询服务企业家数"
    assert [(y, v.text) for y, v in consult.history] == [(2024, "≥500 家次"), (2025, "≥300 家次")]
    assert (consult.target.op, consult.target.number, consult.target.unit) == ("≥", D(500), "次")
    # rows printed from the 三级 column with fewer leading cells
    events = an1.indicators[1]
    assert (events.level1, events.level2, events.name) == ("产出指标", "数量指标", "举办数字化转型服务活动次数")
    assert [(y, v.number) for y, v in events.history] == [(2024, D(12)), (2025, D(10))]
    assert events.target.text == "≥10 场次" and events.basis == "计划数据"
    assert an1.indicators[2].name == "引导智能化改造和数字化转型企业家数"
    assert an1.indicators[3].target.text == "96%" and an1.indicators[3].target.op == "="

    an2 = overall.goals[3]
    assert all(i.history == () for i in an2.indicators)
    assert [i.target.text for i in an2.indicators] == ["≤0.1%", "100%", "≥1500条", "≤0.5%", "≤1小时", "≥10万次", "≥95%"]
    for goal in overall.goals:
        assert goal.source is not None
        for indicator in goal.indicators:
            assert indicator.source is not None and indicator.source.line is not None


def test_project_12_1(wuhan):
    _, _, projects, _ = wuhan
    p = projects["12-1"]
    assert p.number == "12-1"
    assert (p.project_name, p.project_code) == ("信息化应用与产业研究", "42010026301T000000114")
    assert (p.department, p.executing_unit) == ("武汉市经济和信息化局", "武汉市工业信息化中心")
    assert (p.leader, p.phone, p.postcode) == ("刘浩", "85317093", "430023")
    assert (p.attribute, p.category, p.start_year, p.end_year) == ("常年性项目", "特定目标类项目", 2026, 2026)
    assert p.total_budget.value == wan("138") and p.annual_budget.value == wan("138")
    assert p.reason and "<p>" not in p.reason and p.reason.startswith("1. 项目的法律或政策依据")
    assert p.content and p.content.count("\n") == 3
    assert p.budget_history_text.startswith("2024 年预算 55 万元")
    assert [(y, a.value) for y, a in p.budget_history] == [(2024, wan("55")), (2025, wan("130")), (2026, wan("138"))]

    funding = {f.item: f for f in p.funding}
    assert [f.item for f in p.funding] == [
        "total", "general_budget", "own_financing", "gov_fund", "special_account", "unit_funds", "carryover"]
    assert funding["total"].amount.value == wan("138")
    assert funding["general_budget"].name == "一般公共预算财政拨款"
    assert funding["own_financing"].amount.value == wan("138")
    assert funding["gov_fund"].amount is None and funding["carryover"].amount is None

    assert len(p.costs) == 6
    assert sum(c.amount.value for c in p.costs) == wan("138")
    first = p.costs[0]
    assert (first.activity, first.economic_name, first.economic_code, first.amount.value) == (
        "工业企业实数融合推进公益服务", "委托业务费", None, wan("77"))
    assert [a.value for a in first.basis_amounts] == [wan("24"), wan("18"), wan("20"), wan("15")]
    assert [c.economic_name for c in p.costs].count("委托业务费") == 4
    assert p.costs[3].economic_name == "邮电费"
    assert all(c.source is not None and c.source.line for c in p.costs)

    assert p.long_term_goal and p.long_term_goal.startswith("以深化企业实数融合服务")
    assert [(g.kind, len(g.indicators)) for g in p.goals] == [("long_term", 5), ("annual", 7)]
    annual = p.goals[1]
    assert annual.description == p.annual_goal
    assert [(y, v.text) for y, v in annual.indicators[0].history] == [(2024, "≥500 家次"), (2025, "≥300 家次")]
    assert annual.indicators[0].target.text == "≥500 家次"
    assert annual.indicators[1].level2 == "数量指标"
    assert (annual.indicators[3].level1, annual.indicators[3].level2) == ("产出指标", "质量指标")


def test_project_12_2(wuhan):
    _, _, projects, _ = wuhan
    p = projects["12-2"]
    assert (p.project_name, p.project_code, p.category) == ("电子政务系统运行维护", "42010026301Y000000103", "其他运转类项目")
    assert [c.amount.value for c in p.costs] == [wan("43"), wan("21"), wan("8")]
    assert [c.activity for c in p.costs] == ["信息系统运维"] * 3
    assert p.costs[1].content == "音视频系统、其它设备运维"
    assert [a.value for a in p.costs[2].basis_amounts] == [wan("2"), wan("6")]
    assert [(y, a.value) for y, a in p.budget_history] == [(2024, wan("90")), (2025, wan("80")), (2026, wan("72"))]
    assert {f.item: f.amount.value for f in p.funding if f.amount} == {
        "total": wan("72"), "general_budget": wan("72"), "own_financing": wan("72")}
    assert [(g.kind, len(g.indicators)) for g in p.goals] == [("long_term", 5), ("annual", 7)]
    assert p.goals[1].indicators[4].target.unit == "小时"
    assert all(i.history == () for i in p.goals[1].indicators)


# ---------------------------------------------------------------- count check

_CODE_LIKE = re.compile(r"^\d{6,}$|^[0-9A-Z]{15,}$")  # project codes, phones, postcodes
_YEAR_LABEL = re.compile(r"^(?:19|20)\d{2}\s*年$")
_MONEY = re.compile(r"(增加|减少)?\s*(\d+(?:\.\d+)?)\s*万元")


def printed_numbers(block: TableBlock) -> Counter:
    """Every value a table prints: value cells (amounts, percentages, indicator values) and the
    'N 万元' amounts of its sentences, except stated changes (derived from the yearly budgets)."""
    found: Counter = Counter()
    for line in block.lines:
        for text in line.texts:
            if not text or _CODE_LIKE.match(text) or _YEAR_LABEL.match(text):
                continue
            if len(text) <= 12:
                value = TargetValue.parse(text)
                if value.number is not None:
                    found[value.number.normalize()] += 1
                continue
            for m in _MONEY.finditer(text):
                if not m.group(1):
                    found[D(m.group(2)).normalize()] += 1
    return found


def model_numbers(obj) -> Counter:
    found: Counter = Counter()

    def walk(x, field=None):
        if isinstance(x, Amount):
            found[x.printed.normalize()] += 1
        elif isinstance(x, TargetValue):
            if x.number is not None:
                found[x.number.normalize()] += 1
        elif isinstance(x, Decimal) and field == "share":
            found[x.normalize()] += 1
        elif isinstance(x, int) and not isinstance(x, bool) and field in ("start_year", "end_year"):
            found[D(x)] += 1
        elif isinstance(x, tuple):
            for item in x:
                # (year, value) pairs: the year is a column label, not a value
                if not isinstance(item, int):
                    walk(item, field)
        elif isinstance(x, BaseModel):
            for name in type(x).model_fields:
                walk(getattr(x, name), name)

    walk(obj)
    return found


def test_every_printed_number_is_read(wuhan):
    blocks, overall, projects, _ = wuhan
    for number, model, floor in (("11", overall, 60), ("12-1", projects["12-1"], 40),
                                  ("12-2", projects["12-2"], 30)):
        printed = printed_numbers(blocks[number])
        read_ = model_numbers(model)
        missing = {v: n - read_[v] for v, n in printed.items() if read_[v] < n}
        assert not missing, f"table {number}: printed but not read: {missing}"
        assert sum(printed.values()) >= floor


# ---------------------------------------------------------------- synthetic 12-n block

SYNTHETIC = "\n".join([
    "表 12-9",
    "项目支出绩效目标表",
    "单位：万元",
    "项目名称\t社区图书角维护\t项目编码\t42999926301T000000999",
    "项目主管部门\t示例市文化局\t项目执行单位\t示例市图书馆",
    "项目负责人\t王一\t联系电话\t027-88886666",
    "单位地址\t示例路 1 号\t邮政编码\t430000",
    "项目属性\t一次性项目",
    "支出项目类别\t特定目标类项目",
    "起始年度\t2026\t终止年度\t2027",
    "项目申请理由\t<p>1. 方便居民就近借阅。</p> <p>2. 旧书架需要更换。</p>",
    "项目主要内容\t更换书架并补充图书。",
    "项目总预算\t30.5\t项目当年预算\t12.5",
    "项目前两年预算及当年预算变动情况\t2025 年预算 10 万元，2026年预算12.5万元，比上年增加 2.5 万元。",
    "项目当年资金来源\t来源项目\t\t金额",
    "\t合计\t\t12.5",
    "\t1. 一般公共预算财政拨款\t\t10.5",
    "\t4. 单位资金\t\t2",
    "使用上年度财政拨款结转\t\t\t1.25",
    "项目支出明细测算",
    "项目活动\t活动内容表述\t\t支出经济分类\t金额\t测算依据及说明\t备注",
    "书架更换\t更换旧书架\t\t30218 专用材料购置费\t6.5\t书架 10 个共 5 万元，安装 1.5 万元。\t",
    "\t补充新书\t\t印刷费\t4\t新书 4 万元。\t分两批",
    "宣传\t制作宣传单\t\t印刷费\t2\t\t",
    "项目采购",
    "品名\t\t数量\t金额",
    "书架\t\t10\t5",
    "项目绩效总目标",
    "名称\t\t目标说明",
    "长期绩效目标\t\t让居民在家门口读到新书。",
    "年度绩效目标\t\t完成两个社区的书架更换。",
    "长期绩效目标表",
    "目标名称\t一级指标\t二级指标\t三级指标\t指标值\t指标值确定依据",
    "长期绩效目标\t产出指标\t数量指标\t覆盖社区数\t≥2 个\t工作计划",
    "满意度指标\t服务对象满意度指标\t读者满意度\t不低于90%\t问卷",
    "年度绩效目标表",
    "目标名称\t一级指标\t二级指标\t三级指标\t指标值\t\t\t指标值确定依据",
    "\t\t\t\t前年(2024年)\t上年(2025年)\t预计当年实现(2026年)\t",
    "年度绩效目标\t产出指标\t数量指标\t更换书架数\t\t\t10 个\t工作计划",
    "新增图书册数\t\t\t≥300 册\t≥400 册\t≥500 册\t工作计划\t",
    "\t\t质量指标\t图书完好率\t≥95%\t\t≥98%\t工作计划",
    "\t成本指标\t经济成本指标\t单个书架成本\t\t\t≤0.5万元\t市场询价",
])


@pytest.fixture(scope="module")
def synthetic() -> tuple[ProjectPerformance, ExtractContext]:
    raw = text_to_raw(SYNTHETIC, "synthetic.txt")
    lines = raw.pages[0].lines
    block = TableBlock(number="12-9", title=lines[1].text, heading=lines[0], lines=lines[2:])
    layout = load_layout("wuhan_unit")
    ctx = ExtractContext(path=raw.path, layout=layout, unit=AmountUnit.WAN)
    return block_to_project(block, layout.table("project_performance"), ctx), ctx


def test_synthetic_header_and_money(synthetic):
    p, ctx = synthetic
    assert (p.number, p.project_name, p.project_code) == ("12-9", "社区图书角维护", "42999926301T000000999")
    assert (p.phone, p.leader, p.start_year, p.end_year) == ("027-88886666", "王一", 2026, 2027)
    assert p.reason == "1. 方便居民就近借阅。\n2. 旧书架需要更换。"
    assert (p.total_budget.value, p.total_budget.places) == (D("305000"), 1)
    assert p.annual_budget.value == D("125000")
    assert [(y, a.value) for y, a in p.budget_history] == [(2025, wan("10")), (2026, wan("12.5"))]
    assert [(f.item, f.amount.value) for f in p.funding] == [
        ("total", wan("12.5")), ("general_budget", wan("10.5")), ("unit_funds", wan("2")), ("carryover", wan("1.25"))]
    assert p.funding[3].amount.source.column == 3
    assert len(p.purchases) == 1 and p.purchases[0][:2] == ("书架", "10") and p.purchases[0][2].value == wan("5")
    assert (p.long_term_goal, p.annual_goal) == ("让居民在家门口读到新书。", "完成两个社区的书架更换。")
    assert ctx.issues == []


def test_synthetic_costs(synthetic):
    p, _ = synthetic
    assert [(c.activity, c.amount.value) for c in p.costs] == [
        ("书架更换", wan("6.5")), ("书架更换", wan("4")), ("宣传", wan("2"))]
    shelf, books, flyer = p.costs
    assert (shelf.economic_code, shelf.economic_name) == ("30218", "专用材料购置费")
    assert [a.value for a in shelf.basis_amounts] == [wan("5"), wan("1.5")]
    assert (books.content, books.economic_code, books.economic_name, books.note) == ("补充新书", None, "印刷费", "分两批")
    assert flyer.basis is None and flyer.basis_amounts == ()
    assert books.source.line == shelf.source.line + 1


def test_synthetic_indicators(synthetic):
    p, _ = synthetic
    long_term, annual = p.goals
    assert long_term.description == "让居民在家门口读到新书。"
    # second row printed one cell to the left (一级 label in column 0)
    reader = long_term.indicators[1]
    assert (reader.level1, reader.level2, reader.name, reader.basis) == ("满意度指标", "服务对象满意度指标", "读者满意度", "问卷")
    assert (reader.target.op, reader.target.number) == ("≥", D(90))
    shelves, books, intact, cost = annual.indicators
    assert shelves.history == () and shelves.target.number == D(10)  # blank history
    assert (books.level1, books.level2, books.name) == ("产出指标", "数量指标", "新增图书册数")
    assert [(y, v.number) for y, v in books.history] == [(2024, D(300)), (2025, D(400))]
    assert books.target.number == D(500) and books.basis == "工作计划"
    assert (intact.level1, intact.level2) == ("产出指标", "质量指标")
    assert [(y, v.text) for y, v in intact.history] == [(2024, "≥95%")]  # one of two years blank
    assert (cost.level1, cost.level2, cost.target.unit) == ("成本指标", "经济成本指标", "万元")


def test_synthetic_unreadable_rows_become_findings():
    text = SYNTHETIC.replace("宣传\t制作宣传单", "\t\t\t\t\t\t以上均为预估\n宣传\t制作宣传单") + "\n\t\t\t\t\t\t≥5 个\t"
    raw = text_to_raw(text, "stray.txt")
    lines = raw.pages[0].lines
    block = TableBlock(number="12-9", title=lines[1].text, heading=lines[0], lines=lines[2:])
    layout = load_layout("wuhan_unit")
    ctx = ExtractContext(path=raw.path, layout=layout, unit=AmountUnit.WAN)
    p = block_to_project(block, layout.table("project_performance"), ctx)
    assert [(f.code, f.location.source.line) for f in ctx.issues] == [("P006", 24), ("P006", len(text.splitlines()))]
    assert "表12-9 项目支出绩效目标表" in ctx.issues[0].message and "以上均为预估" in ctx.issues[0].message
    assert ctx.issues[1].location.table == "project_performance"
    assert [c.activity for c in p.costs] == ["书架更换", "书架更换", "宣传"]
    assert len(p.goals[1].indicators) == 4
