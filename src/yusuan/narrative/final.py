"""A 决算 (final accounts) → its 情况说明 (Part 3), written from the figures.

Every figure comes from the nine tables, the 年初预算数 of `budget.execution_claims` (YAML `execution:`)
and last year's 决算数 of `budget.prior`; reasons are the preparer's. The 完成率 is 决算数 ÷ 年初预算数 and
the comparison word follows the two figures (决算 98.50 against 预算 100.00 is 小于); no 完成率 is written
for a line budgeted at 0. A missing reason stays visibly empty (phrases.EMPTY_REASON) for the checker.
"""
from __future__ import annotations

from decimal import Decimal

from ..model import Budget, Claim, Direction, NarrativeSection, Paragraph, PriorFigure, Row, RowLevel, Side, Subject, Table
from .phrases import EMPTY_REASON, percent, wan, wan_text

HUNDRED = Decimal(100)
_THREE_PARTS = (("abroad", "因公出国（境）费", "three_public_abroad"),
                ("vehicle_total", "公务用车购置及运行维护费", "three_public_vehicle"),
                ("reception", "公务接待费", "three_public_reception"))


def _line(table: Table | None, item: str, side: Side) -> Decimal | None:
    if table is None:
        return None
    row = next((r for r in table.rows if r.item == item and r.side in (side, None)), None)
    amount = row.get("budget") if row is not None else None
    if amount is None and row is not None:
        amount = row.get("total")
    return amount.value if amount is not None else None


def _total(table: Table | None, measure: str) -> Decimal | None:
    row = table.total_row() if table is not None else None
    amount = row.get(measure) if row is not None else None
    return amount.value if amount is not None else None


def _pct(part: Decimal, whole: Decimal) -> str:
    value = percent(part, whole)
    return f"{value}%" if value is not None else "0.00%"


class _Writer:
    def __init__(self, budget: Budget):
        self.budget = budget
        self.unit = budget.unit.name
        self.year = budget.year
        self.priors = {(p.subject.kind, p.subject.code): p for p in budget.prior}
        self.planned = {(c.subject.kind, c.subject.code): c for c in budget.execution_claims if c.planned is not None}

    def prior(self, kind: str, code: str | None = None) -> PriorFigure | None:
        return self.priors.get((kind, code)) or self.priors.get((kind, None))

    def change(self, subject: Subject, lead: str, amount: Decimal, after: str = "") -> tuple[str, Claim]:
        """'<lead> X 万元<after>。与 2023 年度相比，增加 Y 万元，增长 Z%。主要原因是…' (no comparison without a prior)."""
        text = f"{lead}{wan_text(amount)}{after}。"
        prior = self.prior(subject.kind, subject.code)
        if prior is None:
            return text, Claim(subject=subject, text=text, amount=wan(amount))
        before = prior.amount.value
        diff = amount - before
        if diff == 0:
            text += f"与{prior.year}年度相比持平。"
            return text, Claim(subject=subject, text=text, amount=wan(amount), compared_year=prior.year,
                               direction=Direction.FLAT)
        direction = Direction.UP if diff > 0 else Direction.DOWN
        word, rate_word = ("增加", "增长") if diff > 0 else ("减少", "下降")
        rate = percent(abs(diff), before) if before else None
        text += f"与{prior.year}年度相比，{word}{wan_text(abs(diff))}"
        text += f"，{rate_word}{rate}%。" if rate is not None else "。"
        reason = (prior.reason or "").strip()
        text += f"主要原因是{reason or EMPTY_REASON}。"
        return text, Claim(subject=subject, text=text, amount=wan(amount), compared_year=prior.year,
                           direction=direction, change=wan(abs(diff)), percent=rate,
                           percent_word=rate_word if rate is not None else None, reason=reason)

    def execution(self, lead: str, subject_key: tuple[str, str | None], actual: Decimal,
                  rate_word: str = "完成年初预算的") -> str:
        """'<lead>年初预算为 P 万元，支出决算为 A 万元，完成年初预算的 R%。决算数小于预算数的主要原因是…。'"""
        planned_claim = self.planned.get(subject_key)
        if planned_claim is None:
            return f"{lead}支出决算为{wan_text(actual)}。"
        planned = planned_claim.planned.value
        text = f"{lead}年初预算为{wan_text(planned)}，支出决算为{wan_text(actual)}"
        if planned != 0:
            text += f"，{rate_word}{percent(actual, planned)}%"
        word = "等于" if actual == planned else ("大于" if actual > planned else "小于")
        text += "。"
        if word == "等于":
            return text + "决算数等于预算数。"
        reason = (planned_claim.reason or "").strip()
        return text + f"决算数{word}预算数的主要原因是{reason or EMPTY_REASON}。"


def _section(number: str, title: str, topic: str | None, texts: list[str], claims: list[Claim] = ()) -> NarrativeSection:
    paragraphs = [Paragraph(text=t, claims=tuple(c for c in claims if c.text and c.text in t)) for t in texts if t]
    return NarrativeSection(number=number, title=title, topic=topic, paragraphs=tuple(paragraphs))


def _chain(table: Table, row: Row) -> str:
    """'一般公共服务支出（类）财政事务（款）行政运行（项）'."""
    names = {r.code: r.name for r in table.rows if r.code}
    code = row.code or ""
    parts = [(code[:3], "类"), (code[:5], "款"), (code, "项")]
    return "".join(f"{names.get(c, '')}（{label}）" for c, label in parts if c in names)


def generate_final_narrative(budget: Budget) -> tuple[NarrativeSection, ...]:
    w = _Writer(budget)
    t1, t3, t4 = (budget.table(i) for i in ("income_expenditure_summary", "expenditure_summary", "fiscal_grant_summary"))
    t5, t6, t7 = (budget.table(i) for i in ("general_budget_by_function", "basic_by_economic", "three_public"))
    sections: list[NarrativeSection] = []
    who = f"{w.unit}{w.year}年度"

    total = _line(t1, "income_total", Side.INCOME)
    if total is not None:
        text, claim = w.change(Subject(kind="income_total", code="income_total"), f"{who}收入支出总计", total)
        sections.append(_section("一", "收入支出决算总体情况说明", "overall", [text], [claim]))

    current_in = _line(t1, "income_current_total", Side.INCOME)
    if current_in:
        parts = []
        fiscal = sum((v for item in ("general_budget", "gov_fund", "state_capital")
                      if (v := _line(t1, item, Side.INCOME)) is not None), Decimal(0))
        if fiscal:
            parts.append(f"财政拨款收入{wan_text(fiscal)}，占{_pct(fiscal, current_in)}")
        for item, name in (("upper_subsidy", "上级补助收入"), ("business_income", "事业收入"), ("operating_income", "经营收入"),
                           ("subordinate_remit", "附属单位上缴收入"), ("other_income", "其他收入")):
            value = _line(t1, item, Side.INCOME)
            if value:
                parts.append(f"{name}{wan_text(value)}，占{_pct(value, current_in)}")
        sections.append(_section("二", "收入决算情况说明", "income",
                                 [f"本年收入合计{wan_text(current_in)}，其中：{'；'.join(parts)}。"]))

    spent = _total(t3, "total")
    if spent:
        parts = [f"{name}{wan_text(v)}，占{_pct(v, spent)}" for m, name in
                 (("basic", "基本支出"), ("project", "项目支出"), ("operating", "经营支出"), ("remit_upper", "上缴上级支出"),
                  ("subsidy_subordinate", "对附属单位补助支出")) if (v := _total(t3, m))]
        sections.append(_section("三", "支出决算情况说明", "expenditure",
                                 [f"本年支出合计{wan_text(spent)}，其中：{'；'.join(parts)}。"]))

    fiscal_total = _line(t4, "income_total", Side.INCOME)
    if fiscal_total is not None:
        text, claim = w.change(Subject(kind="fiscal_grant_total", code="income_total"), f"{who}财政拨款收入支出总计",
                               fiscal_total)
        sections.append(_section("四", "财政拨款收入支出决算总体情况说明", "fiscal_grant", [text], [claim]))

    general = _total(t5, "total")
    if general is not None:
        texts, claims = [], []
        share = f"，占本年支出合计的{_pct(general, spent)}" if spent else ""
        text, claim = w.change(Subject(kind="general_budget"), "（一）一般公共预算财政拨款支出决算总体情况。"
                               "一般公共预算财政拨款支出", general, after=share)
        texts.append(text)
        claims.append(claim)
        classes = [r for r in t5.rows if r.level is RowLevel.CLASS and r.get("total") is not None]
        if classes and general:
            listed = "；".join(f"{r.name}（类）{wan_text(r.value('total'))}，占{_pct(r.value('total'), general)}"
                              for r in classes)
            texts.append(f"（二）一般公共预算财政拨款支出决算结构情况。一般公共预算财政拨款支出{wan_text(general)}，"
                         f"主要用于以下方面：{listed}。")
        items = [r for r in t5.rows if r.level is RowLevel.ITEM and r.code and ("function", r.code) in w.planned]
        lead = w.execution("（三）一般公共预算财政拨款支出决算具体情况。一般公共预算财政拨款支出",
                           ("general_budget", None), general)
        texts.append(lead + ("其中：" if items else ""))
        for i, row in enumerate(items, 1):
            texts.append(w.execution(f"{i}、{_chain(t5, row)}。", ("function", row.code), row.value("total")))
        sections.append(_section("五", "一般公共预算财政拨款支出决算情况说明", "general_budget", texts, claims))

    basic = _total(t5, "basic")
    staff = {r.item: r for r in t6.rows if r.item} if t6 is not None else {}
    if basic is not None:
        text = f"一般公共预算财政拨款基本支出{wan_text(basic)}"
        personnel, public = staff.get("personnel_total"), staff.get("public_total")
        if personnel is not None and public is not None:
            text += f"，其中：人员经费{wan_text(personnel.value('personnel'))}；公用经费{wan_text(public.value('public'))}"
        sections.append(_section("六", "一般公共预算财政拨款基本支出决算情况说明", "basic", [text + "。"]))

    row = next((r for r in t7.rows if r.cells), None) if t7 is not None else None
    if row is not None:
        actual = row.value("three_public_total")
        text = w.execution("“三公”经费财政拨款支出", ("three_public", None), actual, rate_word="完成预算的")
        head, _, tail = text.partition("。")
        parts = []
        for measure, name, _kind in _THREE_PARTS:
            value, planned = row.value(measure), row.get(f"{measure}@planned")
            part = f"{name}支出决算为{wan_text(value)}"
            if planned is not None and planned.value != 0:
                part += f"，完成预算的{percent(value, planned.value)}%"
            parts.append(part)
        texts = [f"{head}，其中：{'；'.join(parts)}。{tail}"]
        change, claim = w.change(Subject(kind="three_public"), f"{w.year}年度“三公”经费财政拨款支出决算", actual)
        texts.append(change)
        sections.append(_section("七", "财政拨款“三公”经费支出决算情况说明", "three_public", texts, [claim]))

    for number, topic, table_id, words in (("八", "gov_fund", "gov_fund_by_function", "政府性基金预算"),
                                          ("九", "state_capital", "state_capital_by_function", "国有资本经营预算")):
        table = budget.table(table_id)
        title = f"{words}财政拨款收入支出决算情况说明"
        if table is None or table.is_empty:
            sections.append(_section(number, title, topic, [f"{who}无{words}财政拨款收入和支出。"]))
        else:
            sections.append(_section(number, title, topic,
                                     [f"{who}{words}财政拨款支出{wan_text(_total(table, 'total') or Decimal(0))}。"]))

    others = [m.text for m in budget.other_matters if m.text]
    if others:
        sections.append(_section("十", "其他重要事项的情况说明", "other_matters", others))
    return tuple(sections)
