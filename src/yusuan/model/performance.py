"""Performance targets (绩效目标): overall (table 11) and per project (table 12-n)."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .amount import Amount
from .source import Frozen, SourceRef


# Longest spellings first: '≥' must not be read as '>' followed by '='.
_TV_PREFIXES = tuple(sorted({
    "≥": "≥", "≧": "≥", ">=": "≥", "＞=": "≥", ">＝": "≥", "＞＝": "≥", "大于等于": "≥", "大于或等于": "≥",
    "不低于": "≥", "不少于": "≥", "不小于": "≥", "至少": "≥",
    "≤": "≤", "≦": "≤", "<=": "≤", "＜=": "≤", "<＝": "≤", "＜＝": "≤", "小于等于": "≤", "小于或等于": "≤",
    "不超过": "≤", "不高于": "≤", "不多于": "≤", "不大于": "≤", "至多": "≤",
    ">": ">", "＞": ">", "大于": ">", "高于": ">", "超过": ">", "多于": ">",
    "<": "<", "＜": "<", "小于": "<", "低于": "<", "少于": "<",
    "=": "=", "＝": "=", "等于": "=",
}.items(), key=lambda kv: -len(kv[0])))
_TV_SUFFIXES = (("及以上", "≥"), ("及以下", "≤"), ("以上", "≥"), ("以下", "≤"), ("以内", "≤"))
_TV_SPACES = re.compile(r"\s+")
# One number, then a unit of at most four characters without digits or range signs ('家次', '%',
# '个工作日'); longer tails are prose ('2026年底前完成') and stay text.
_TV_VALUE = re.compile(r"^(\d+(?:\.\d+)?)([^\d\-—~～至到、,;；]{0,4})$")


class TargetValue(Frozen):
    """An indicator value expression: '≥1000 家次' → op '≥', number 1000, unit '家次'.

    Values without a number ('无事故') keep only `text`.
    """

    text: str
    op: str | None = None  # one of ≥ ≤ > < = (None: plain statement)
    number: Decimal | None = None
    unit: str | None = None  # '家次', '%', '小时', '万次'

    @classmethod
    def parse(cls, text: str) -> "TargetValue":
        """Read a printed value expression; never raises.

        A bare value ('100%') means equality: op '='. Words are mapped to symbols
        ('不低于95%' → '≥'; '95%以上' → '≥'; '5天以内' → '≤'). Anything that is not
        one comparison of one number with a short unit ('无事故', '90%-100%', prose)
        keeps only `text`.
        """
        printed = text.strip()
        body = _TV_SPACES.sub("", printed).replace(",", "").replace("，", "")
        op = None
        for prefix, symbol in _TV_PREFIXES:
            if body.startswith(prefix):
                op, body = symbol, body[len(prefix):]
                break
        for suffix, symbol in _TV_SUFFIXES:
            if op is None and body.endswith(suffix) and len(body) > len(suffix):
                op, body = symbol, body[: -len(suffix)]
                break
        m = _TV_VALUE.match(body)
        if not m:
            return cls(text=printed)
        try:
            number = Decimal(m.group(1))
        except InvalidOperation:
            return cls(text=printed)
        return cls(text=printed, op=op or "=", number=number, unit=m.group(2) or None)


class Indicator(Frozen):
    level1: str  # 一级指标: 产出指标 / 效益指标 / 满意度指标 / 成本指标
    level2: str  # 二级指标: 数量指标 / 质量指标 …
    name: str  # 三级指标
    target: TargetValue  # 指标值 (expected this year)
    history: tuple[tuple[int, TargetValue], ...] = ()  # (year, value) for the two prior years
    basis: str | None = None  # 指标值确定依据
    weight: Decimal | None = None  # 分值权重 (points of the indicator in the evaluation, Xi'an forms)
    # 实施周期指标值: the value for the project's whole implementation period, printed beside the
    # year's value (Guangzhou's project list: '实施周期指标值：≥90%，年度指标值：≥90%').
    period_target: TargetValue | None = None
    source: SourceRef | None = None


class Goal(Frozen):
    """A long-term (长期) or annual (年度) goal with its indicator tree."""

    kind: str  # "long_term" | "annual"
    title: str | None = None  # '长期目标 1'
    description: str = ""
    indicators: tuple[Indicator, ...] = ()
    source: SourceRef | None = None


class StructureLine(Frozen):
    """One line of table 11's income or expenditure structure."""

    side: str  # "income" | "expenditure"
    item: str  # canonical: fiscal_grant, special_account, unit_funds, total / personnel, operation, specific, total
    name: str
    amount: Amount | None = None
    share: Decimal | None = None  # percent as printed: 66.4 means 66.4 %
    share_text: str | None = None
    history: tuple[tuple[int, Amount], ...] = ()
    source: SourceRef | None = None


class PerformanceProject(Frozen):
    """A project listed in table 11."""

    name: str
    category: str | None = None  # 特定目标类项目 / 其他运转类项目
    total_budget: Amount | None = None
    annual_budget: Amount | None = None
    direction: str | None = None
    # The amount split by source when the form prints it (财政拨款 / 其他资金 of a 年度主要任务).
    funding: tuple["FundingLine", ...] = ()
    source: SourceRef | None = None


class OverallPerformance(Frozen):
    unit_name: str | None = None
    filler: str | None = None  # 填报人 (a person's name)
    phone: str | None = None
    structure: tuple[StructureLine, ...] = ()
    functions: str | None = None  # 单位职能概述
    annual_tasks: str | None = None
    projects: tuple[PerformanceProject, ...] = ()
    long_term_summary: str | None = None
    annual_summary: str | None = None
    goals: tuple[Goal, ...] = ()
    source: SourceRef | None = None
    # (field name, where its value was printed): e.g. ("phone", line 336) — findings point at the cell
    field_sources: tuple[tuple[str, SourceRef], ...] = ()

    def source_of(self, field: str) -> SourceRef | None:
        """Where one field's value was printed (falls back to the table's heading)."""
        return next((src for name, src in self.field_sources if name == field), self.source)


class FundingLine(Frozen):
    """项目当年资金来源: one line (合计, 一般公共预算财政拨款, 其中…, 单位资金)."""

    item: str  # total | general_budget | own_financing | gov_fund | special_account | unit_funds | carryover
    name: str
    amount: Amount | None = None
    source: SourceRef | None = None


class CostItem(Frozen):
    """项目支出明细测算: one activity line."""

    activity: str
    content: str | None = None
    economic_name: str | None = None  # 支出经济分类 as printed (a name, e.g. 委托业务费)
    economic_code: str | None = None
    amount: Amount | None = None
    basis: str | None = None  # 测算依据及说明
    basis_amounts: tuple[Amount, ...] = ()  # amounts the basis mentions ("24 万元")
    note: str | None = None
    source: SourceRef | None = None


class ProjectPerformance(Frozen):
    number: str | None = None  # "12-1"
    project_name: str
    project_code: str | None = None
    department: str | None = None  # 项目主管部门
    executing_unit: str | None = None
    leader: str | None = None
    phone: str | None = None
    address: str | None = None
    postcode: str | None = None
    attribute: str | None = None  # 常年性项目 / 一次性项目
    category: str | None = None  # 特定目标类项目 …
    start_year: int | None = None
    end_year: int | None = None
    reason: str | None = None
    content: str | None = None
    total_budget: Amount | None = None
    annual_budget: Amount | None = None
    budget_history_text: str | None = None
    budget_history: tuple[tuple[int, Amount], ...] = ()  # (year, amount) stated in the history text
    funding: tuple[FundingLine, ...] = ()
    costs: tuple[CostItem, ...] = ()
    purchases: tuple[tuple[str, str, Amount | None], ...] = ()  # (品名, 数量, 金额)
    long_term_goal: str | None = None
    annual_goal: str | None = None
    goals: tuple[Goal, ...] = ()
    source: SourceRef | None = None
    # (field name, where its value was printed): e.g. ("project_code", line 398)
    field_sources: tuple[tuple[str, SourceRef], ...] = ()

    def source_of(self, field: str) -> SourceRef | None:
        """Where one field's value was printed (falls back to the table's heading)."""
        return next((src for name, src in self.field_sources if name == field), self.source)


class ProjectListTotal(Frozen):
    """A total line of a list of project forms: the whole list (合计) or one spending unit's projects.

    Guangzhou's 项目支出绩效目标表 prints 合计 over every project, then each unit (资金使用单位) on a line
    of its own with the sum of the projects listed under it. The projects it covers are
    `Budget.project_performance[first:first + count]`.
    """

    scope: str  # "all" (合计) | "unit" (a spending unit's line)
    name: str  # as printed: '合计：', '广州市生态环境局越秀分局'
    amount: Amount | None = None  # 总计
    funding: tuple[FundingLine, ...] = ()  # the same line by source (财政拨款, 财政专户拨款, 其他资金)
    first: int = 0
    count: int = 0
    source: SourceRef | None = None
