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
    `fiscal_grant_total`, `general_budget`, `three_public`, `three_public_abroad`,
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
        return " ".join(p for p in (self.code, self.name or self.kind) if p)


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

    @property
    def implied_prior(self) -> Decimal | None:
        """Prior-year figure the claim implies, in 元: amount − signed change."""
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
    number: str  # '一', '十一'
    title: str
    topic: str | None = None  # canonical: overall, income, expenditure, fiscal_grant, general_budget,
    # basic, three_public, gov_fund, state_capital, projects, other_matters
    paragraphs: tuple[Paragraph, ...] = ()
    source: SourceRef | None = None

    @property
    def claims(self) -> tuple[Claim, ...]:
        return tuple(c for p in self.paragraphs for c in p.claims)
