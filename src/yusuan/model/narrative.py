"""Part 3 (情况说明): sections, paragraphs and the numeric claims they make."""
from __future__ import annotations

from decimal import Decimal
from enum import Enum

from .amount import Amount
from .source import Frozen, SourceRef


class Direction(str, Enum):
    UP = "增加"
    DOWN = "减少"
    FLAT = "持平"

    @property
    def sign(self) -> int:
        return {"增加": 1, "减少": -1, "持平": 0}[self.value]


class Subject(Frozen):
    """What a claim talks about, linked to the table line that holds its figure.

    `kind` is one of the documented subject kinds (docs/facts.md), e.g. `total`,
    `income_total`, `income_source`, `expenditure_total`, `basic`, `project_total`,
    `personnel`, `public`, `function` (a function code), `economic` (an economic class),
    `fiscal_grant_total`, `fiscal_grant_income` (财政拨款收入, linked to no cell: with or without
    its carry-over), `general_budget`, `three_public`, `three_public_abroad`,
    `three_public_vehicle`, `three_public_vehicle_purchase`, `three_public_vehicle_operation`,
    `three_public_reception`, `gov_fund`, `state_capital`, `project` (a named project),
    `gov_operation_cost`, `procurement`, `purchase_services`, `entrusted_fee`, `vehicles`,
    `performance_total`, `asset_allocation` (新增资产配置), `other` (an amount whose words
    name nothing known; `name` keeps them).

    `code` is the row: a class or project code, or for labelled lines of two-sided tables
    the line's item id (`income_total`; for `income_source` the source id, `general_budget`);
    `code=None` with a `table` means its total row. A name that matched no row keeps
    `code=None` and the name as written.
    """

    kind: str
    code: str | None = None
    name: str | None = None
    table: str | None = None  # canonical table id holding the figure
    measure: str | None = None  # measure id in that table

    def describe(self) -> str:
        """Chinese label for messages: the printed name, else the subject kind's label."""
        if self.code and not self.code[:1].isdigit():  # a line id of a two-sided table
            return self.name or LINE_LABELS.get(self.code) or SUBJECT_LABELS.get(self.kind, self.kind)
        return " ".join(p for p in (self.code, self.name or SUBJECT_LABELS.get(self.kind, self.kind)) if p)


# Chinese labels of the subject kinds, for messages (a subject named in the text keeps its name).
SUBJECT_LABELS = {
    "total": "收支总预算", "income_total": "收入预算", "income_source": "收入来源",
    "expenditure_total": "支出预算", "basic": "基本支出", "project_total": "项目支出",
    "personnel": "人员经费", "public": "公用经费", "function": "支出功能分类科目", "economic": "经济分类科目",
    "fiscal_grant_total": "财政拨款收支总预算", "fiscal_grant_income": "财政拨款收入", "general_budget": "一般公共预算拨款",
    "three_public": "“三公”经费", "three_public_abroad": "因公出国（境）费",
    "three_public_vehicle": "公务用车购置及运行维护费", "three_public_vehicle_purchase": "公务用车购置费",
    "three_public_vehicle_operation": "公务用车运行维护费", "three_public_reception": "公务接待费",
    "gov_fund": "政府性基金预算支出", "state_capital": "国有资本经营预算支出", "project": "项目",
    "gov_operation_cost": "机关运行经费", "procurement": "政府采购预算", "purchase_services": "政府购买服务预算",
    "entrusted_fee": "委托业务费", "vehicles": "车辆", "performance_total": "绩效目标管理的预算支出",
    "asset_allocation": "新增资产配置预算", "other": "其他金额",
}

# Labels of the line ids of the two-sided summary tables that claims use as `code`.
LINE_LABELS = {
    "general_budget": "一般公共预算财政拨款收入", "gov_fund": "政府性基金预算财政拨款收入",
    "state_capital": "国有资本经营预算财政拨款收入", "special_account": "财政专户管理资金收入",
    "business_income": "事业收入", "operating_income": "事业单位经营收入", "upper_subsidy": "上级补助收入",
    "subordinate_remit": "附属单位上缴收入", "other_income": "其他收入", "carryover": "上年结转结余",
    "income_total": "收入总计", "income_current_total": "本年收入合计", "expenditure_total": "支出总计",
}


class Claim(Frozen):
    """One numeric statement: '基本支出 568.64 万元，占 73.03%' or
    '比 2025 年预算减少 48.12 万元，下降 5.82%'.

    `change` is unsigned as written; `direction` carries the sign. `percent` is the
    rate of change as written (5.82 means 5.82 %), `share` the share of a whole.
    """

    subject: Subject
    text: str  # the clause the claim was read from
    amount: Amount | None = None
    share: Decimal | None = None
    share_of: str | None = None  # subject kind of the whole, when stated or implied
    compared_year: int | None = None
    direction: Direction | None = None
    change: Amount | None = None
    percent: Decimal | None = None
    percent_word: str | None = None  # 增长 / 下降 as written
    count: int | None = None  # counts such as '车辆 2 辆', '2 个二级项目'
    reason: str | None = None  # '主要原因是…' as written ('' when the sentence is left empty)
    none_stated: bool = False  # '本单位无机关运行经费', '没有使用…安排的支出'
    source: SourceRef | None = None
    # The compared figure when the text states it ('比 2025 年年初预算数 X 万元增加 Y 万元').
    prior_amount: Amount | None = None

    @property
    def implied_prior(self) -> Decimal | None:
        """Prior-year figure the claim implies, in 元: the stated prior, else amount − signed change."""
        if self.prior_amount is not None:
            return self.prior_amount.value
        if self.amount is None or self.direction is None:
            return None
        if self.direction is Direction.FLAT:
            return self.amount.value
        if self.change is None:
            return None
        return self.amount.value - self.direction.sign * self.change.value


class Paragraph(Frozen):
    text: str
    claims: tuple[Claim, ...] = ()
    source: SourceRef | None = None


class NarrativeSection(Frozen):
    number: str  # '一', '十一'; '第八部分' for a part of a narrative running over several parts
    title: str
    topic: str | None = None  # canonical: overall, income, expenditure, fiscal_grant, general_budget,
    # basic, three_public, gov_fund, state_capital, projects, other_matters
    paragraphs: tuple[Paragraph, ...] = ()
    source: SourceRef | None = None

    @property
    def claims(self) -> tuple[Claim, ...]:
        return tuple(c for p in self.paragraphs for c in p.claims)

    @property
    def label(self) -> str:
        """'三、“三公”经费安排情况'; a part: '第八部分 其他需要说明情况'; unnumbered: the title."""
        if not self.number:
            return self.title
        if self.number.startswith("（"):  # a sub-section: '（七）一般公共预算“三公”经费预算情况说明'
            return f"{self.number}{self.title}"
        return f"{self.number} {self.title}" if self.number.startswith("第") else f"{self.number}、{self.title}"
