"""A 决算's statements of execution against the year's budget (决算数 against 年初预算数)."""
from __future__ import annotations

from decimal import Decimal

from .amount import Amount
from .narrative import Subject
from .source import Frozen, SourceRef


class ExecutionClaim(Frozen):
    """'行政运行（项）。年初预算为1560.05万元，支出决算为1511.89万元，完成年初预算的96.91%。决算数小于预算数
    的主要原因：…' — one line's 决算数 set against its 年初预算数 in a 决算's narrative.

    `subject` is the line (a function 类/款/项 code of the 一般公共预算财政拨款支出决算表, that table's
    total as kind `general_budget`, or a “三公” item); `planned` the 年初预算数 as written (None when the
    sentence states only the rate, as a “三公” item's '完成预算的15.63%'); `actual` the 决算数 as
    written; `rate` the 完成率 in % as written; `comparison` the word comparing them: 大于, 小于 or
    等于 (持平 and 基本持平 are written into `comparison_text` and read as 等于); `reason` the words
    after 主要原因 ('' when left empty). The budget document of the same year is what `planned` is
    checked against (yusuan compare); the rules of this document check `actual`, `rate` and
    `comparison` against the tables.
    """

    subject: Subject
    text: str
    planned: Amount | None = None
    actual: Amount | None = None
    rate: Decimal | None = None
    comparison: str | None = None  # 大于 | 小于 | 等于
    comparison_text: str | None = None  # as written: 小于, 基本持平 …
    reason: str | None = None
    section: str | None = None  # the narrative section stating it ('五、一般公共预算财政拨款支出决算情况说明')
    source: SourceRef | None = None
