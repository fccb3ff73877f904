"""Claims that state the compared figure ('比 2025 年年初预算数 X 万元增加 Y 万元'), and the
'支出预算' / '本年支出预算' distinction when table 1 carries a balance forward. Own wording."""
from __future__ import annotations

from decimal import Decimal

from narrative_budget import narrative_budget

from yusuan.extract.context import ExtractContext
from yusuan.extract.narrative import read_narrative
from yusuan.extract.subjects import classify
from yusuan.model import AmountUnit, Direction, Row, RowLevel, Side, Cell, Amount, Table
from yusuan.read.text import text_to_raw
from yusuan.reference.layouts import load_layout

D = Decimal

TEXT = """\
二、收入预算安排情况
2026 年收入预算 1,250.40 万元，比 2025 年年初预算数 1,100.40 万元增加 150 万元，增长 13.63%，主要原因是新增普查任务。
三、支出预算安排情况
2026 年支出预算 980.5 万元，较 2025 年预算减少 19.5 万元，下降 1.95%。
委托业务费 120 万元，比 2025 年预算增加 20 万元，增长 20%。
"""


def _sections():
    raw = text_to_raw(TEXT, "prior.txt")
    ctx = ExtractContext(path="prior.txt", layout=load_layout("wuhan_unit"), unit=AmountUnit.WAN)
    sections, _ = read_narrative(tuple(raw.lines()), narrative_budget(), ctx)
    return {s.number: s for s in sections}


def test_stated_prior_is_the_compared_figure_not_a_new_amount():
    claims = _sections()["二"].claims
    assert len(claims) == 1  # 1,100.40 opens no claim of its own
    c = claims[0]
    assert c.subject.kind == "income_total" and c.amount.value == D("12504000")
    assert c.prior_amount.value == D("11004000") and c.prior_amount.places == 2
    assert (c.direction, c.change.value, c.percent, c.compared_year) == (Direction.UP, D("1500000"), D("13.63"), 2025)
    assert c.implied_prior == D("11004000")
    assert c.reason == "新增普查任务"


def test_change_word_after_the_year_is_not_taken_for_a_stated_prior():
    # '比 2025 年预算增加 20 万元，增长 20%': 20 万元 is the change, the prior is implied.
    three = _sections()["三"].claims
    first, fee = three[0], three[-1]
    assert first.prior_amount is None and first.implied_prior == D("10000000")
    assert fee.prior_amount is None and fee.change.value == D("200000") and fee.percent == D("20")
    assert fee.implied_prior == D("1000000")


def _with_balance(balance: str | None) -> object:
    def line(item, name, side, value):
        cells = (Cell(measure="budget", amount=Amount(value=D(value) * 10000, unit=AmountUnit.WAN)),) if value else ()
        return Row(item=item, name=name, side=side, level=RowLevel.LINE, cells=cells)
    t1 = Table(id="income_expenditure_summary", number="1", title="收支总表", rows=(
        line("income_total", "收入总计", Side.INCOME, "105"),
        line("expenditure_current_total", "本年支出合计", Side.EXPENDITURE, "100"),
        line("year_end_balance", "年终结转结余", Side.EXPENDITURE, balance),
        line("expenditure_total", "支出总计", Side.EXPENDITURE, "105")))
    return narrative_budget().model_copy(update={"tables": (t1,)})


def test_expenditure_budget_is_the_grand_total_when_a_balance_is_carried_forward():
    carried = _with_balance("5")
    grand = classify("2026 年支出预算", "", "expenditure", carried)
    assert (grand.table, grand.code, grand.measure) == ("income_expenditure_summary", "expenditure_total", "budget")
    current = classify("本年支出预算", "", "expenditure", carried)
    assert (current.kind, current.table, current.measure) == ("expenditure_total", "expenditure_summary", "total")
    # Without a balance both lines are the same figure: table 3 keeps the claim.
    plain = classify("2026 年支出预算", "", "expenditure", _with_balance(None))
    assert (plain.table, plain.measure) == ("expenditure_summary", "total")
