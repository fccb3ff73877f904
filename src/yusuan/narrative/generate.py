"""Budget (+ prior-year figures) → Part 3 sections with their claims.

Every figure in the text comes from the tables or from the `prior` block; reasons come from the
preparer. Nothing is invented: a missing reason stays visibly empty (phrases.EMPTY_REASON) and
the checker reports it.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..model import (
    Budget, Claim, Direction, NarrativeSection, Paragraph, PriorFigure, Row, RowLevel, Side, Subject, Table,
)
from ..reference.layouts import load_layout
from .phrases import EMPTY_REASON as PENDING, change_clause, join_names, percent, reason_clause, wan, wan_text

INCOME_SOURCE_NAMES = {
    "general_budget": "一般公共预算财政拨款收入", "gov_fund": "政府性基金预算财政拨款收入",
    "state_capital": "国有资本经营预算财政拨款收入", "special_account": "财政专户管理资金收入",
    "business_income": "事业收入", "operating_income": "事业单位经营收入", "upper_subsidy": "上级补助收入",
    "subordinate_remit": "附属单位上缴收入", "other_income": "其他收入", "carryover": "上年结转结余",
}


@dataclass
class _Writer:
    budget: Budget
    priors: dict[tuple[str, str | None], PriorFigure]

    @property
    def year(self) -> int:
        return self.budget.year

    def prior(self, kind: str, key: str | None = None) -> PriorFigure | None:
        return self.priors.get((kind, key))

    def claim(self, subject: Subject, clause: str, amount: Decimal, **extra) -> Claim:
        return Claim(subject=subject, text=clause, amount=wan(amount), **extra)

    def compared(self, subject: Subject, lead: str, amount: Decimal, key: str | None = None,
                 reason_word: str = "主要原因是") -> tuple[str, Claim]:
        """'<lead> X 万元，比 Y 年预算增加 …，主要原因是…' with its claim (no comparison without a prior)."""
        text = f"{lead} {wan_text(amount)}"
        prior = self.prior(subject.kind, key)
        if prior is None:
            return text, self.claim(subject, text, amount)
        change_text, direction, rate = change_clause(amount, prior.amount.value, prior.year)
        text += "，" + change_text
        reason = None
        if direction is not Direction.FLAT:
            text += reason_clause(prior.reason, direction).replace("主要原因是", reason_word)
            reason = prior.reason.strip() if prior.reason else ""
        diff = abs(amount - prior.amount.value)
        claim = self.claim(
            subject, text, amount, compared_year=prior.year, direction=direction,
            change=wan(diff) if direction is not Direction.FLAT else None, percent=rate,
            percent_word=None if rate is None else ("增长" if direction is Direction.UP else "下降"),
            reason=reason,
        )
        return text, claim


def _rows(table: Table | None, level: RowLevel) -> list[Row]:
    return [r for r in table.rows if r.level is level] if table else []


def _name_chain(table: Table, row: Row) -> str:
    """'社会保障和就业支出（类）行政事业单位养老支出（款）事业单位离退休（项）'."""
    names = {r.code: r.name for r in table.rows if r.code}
    code = row.code or ""
    parts = [(code[:3], "类"), (code[:5], "款"), (code, "项")]
    return "".join(f"{names.get(c, '')}（{label}）" for c, label in parts if c in names)


def _section(number: str, title: str, topic: str, paragraphs: list[Paragraph]) -> NarrativeSection:
    return NarrativeSection(number=number, title=title, topic=topic, paragraphs=tuple(paragraphs))


def _para(parts: list[tuple[str, list[Claim]]]) -> Paragraph:
    return Paragraph(text="".join(t for t, _ in parts), claims=tuple(c for _, cs in parts for c in cs))


def _overall(w: _Writer) -> list[Paragraph]:
    b = w.budget
    t1 = b.table("income_expenditure_summary")
    if t1 is None or t1.is_empty:
        return []
    income_names = [INCOME_SOURCE_NAMES.get(r.item or "", r.name) for r in t1.rows
                    if r.side is Side.INCOME and r.level is not RowLevel.TOTAL and r.item in INCOME_SOURCE_NAMES
                    and r.value("budget") and r.item != "carryover"]
    class_names = [r.name for r in t1.rows if r.side is Side.EXPENDITURE and r.level is RowLevel.CLASS and r.value("budget")]
    total_row = t1.row(item="income_total")
    if total_row is None or total_row.get("budget") is None:
        return []  # a total not filled is not 0: the section says it is pending
    total = total_row.value("budget")
    lead = f"按照综合预算的原则，{b.unit.name}所有收入和支出均纳入部门预算管理。"
    lead += f"收入包括：{join_names(income_names)}。支出包括：{join_names(class_names)}。"
    text, claim = w.compared(Subject(kind="total", table="income_expenditure_summary", measure="budget"),
                             f"{w.year} 年收支总预算", total, reason_word="主要原因是")
    return [_para([(lead, []), (text + "。", [claim])])]


def _income(w: _Writer) -> list[Paragraph]:
    t1 = w.budget.table("income_expenditure_summary")
    if t1 is None or t1.is_empty:
        return []
    # 本年收入合计; a table without that line (no carry-over to set apart) states only 收入总计.
    current = t1.row(item="income_current_total") or t1.row(item="income_total")
    if current is None or current.get("budget") is None:
        return []
    total = current.value("budget")
    parts: list[tuple[str, list[Claim]]] = []
    head = f"{w.year} 年收入预算 {wan_text(total)}"
    parts.append((head, [w.claim(Subject(kind="income_total", code="income_total", table="income_expenditure_summary",
                                                measure="budget"), head, total)]))
    pieces = []
    for row in t1.rows:
        if row.side is Side.INCOME and row.item in INCOME_SOURCE_NAMES and row.item != "carryover" and row.value("budget"):
            amount = row.value("budget")
            share = percent(amount, total)
            if share is None:  # no total to take a share of
                continue
            clause = f"{INCOME_SOURCE_NAMES[row.item]} {wan_text(amount)}，占 {share:.2f}%"
            pieces.append((clause, [w.claim(Subject(kind="income_source", code=row.item, table="income_expenditure_summary",
                                                    measure="budget"), clause, amount, share=share, share_of="income_total")]))
    if pieces:
        parts.append(("，其中：", []))
        for i, piece in enumerate(pieces):
            parts.append((("；" if i else "") + piece[0], piece[1]))
    parts.append(("。", []))
    return [_para(parts)]


def _structure(w: _Writer, table_id: str, intro: str, with_staff: bool) -> list[Paragraph]:
    t = w.budget.table(table_id)
    total_row = t.total_row() if t and not t.is_empty else None
    if total_row is None or total_row.get("total") is None:
        return []
    total = total_row.value("total")
    basic, project = total_row.value("basic"), total_row.value("project")
    parts: list[tuple[str, list[Claim]]] = []
    if intro:
        head = f"{intro} {wan_text(total)}"
        parts.append((head + "，其中：", [w.claim(Subject(kind="expenditure_total", table=table_id, measure="total"), head, total)]))
    b_share = percent(basic, total)
    clause = f"基本支出 {wan_text(basic)}，占 {b_share:.2f}%" if b_share is not None else f"基本支出 {wan_text(basic)}"
    parts.append((clause, [w.claim(Subject(kind="basic", table=table_id, measure="basic"), clause, basic,
                                   share=b_share, share_of="expenditure_total")]))
    if with_staff:
        # Personnel/public come from the same table when it prints them (表5-1), else from 表6.
        econ = w.budget.table("basic_by_economic")
        source_row, src = total_row, table_id
        if total_row.get("personnel") is None and econ is not None and econ.total_row() is not None:
            source_row, src = econ.total_row(), econ.id
        personnel, public = source_row.value("personnel"), source_row.value("public")
        c1, c2 = f"人员经费 {wan_text(personnel)}", f"公用经费 {wan_text(public)}"
        parts.append(("，其中：" + c1 + "、" + c2, [
            w.claim(Subject(kind="personnel", table=src, measure="personnel"), c1, personnel),
            w.claim(Subject(kind="public", table=src, measure="public"), c2, public),
        ]))
    p_share = percent(project, total)
    clause = f"项目支出 {wan_text(project)}，占 {p_share:.2f}%" if p_share is not None else f"项目支出 {wan_text(project)}"
    parts.append(("；" + clause + "。", [w.claim(Subject(kind="project_total", table=table_id, measure="project"), clause,
                                                project, share=p_share, share_of="expenditure_total")]))
    return [_para(parts)]


def _class_list(w: _Writer, table: Table, side_rows: list[Row], measure: str) -> tuple[str, list[Claim]]:
    pieces, claims = [], []
    for row in side_rows:
        amount = row.value(measure)
        if not amount:
            continue
        clause = f"{row.name} {wan_text(amount)}"
        pieces.append(clause)
        claims.append(w.claim(Subject(kind="function", code=row.code, name=row.name, table=table.id, measure=measure),
                              clause, amount))
    return "、".join(pieces), claims


def _fiscal_grant(w: _Writer) -> list[Paragraph]:
    t4 = w.budget.table("fiscal_grant_summary")
    if t4 is None or t4.is_empty:
        return []
    total_row = t4.row(item="income_total")
    if total_row is None or total_row.get("budget") is None:
        return []
    total = total_row.value("budget")
    head = f"{w.year} 年财政拨款收支总预算 {wan_text(total)}"
    parts: list[tuple[str, list[Claim]]] = [
        (head + "。", [w.claim(Subject(kind="fiscal_grant_total", table="fiscal_grant_summary", measure="budget"), head, total)])]
    gb = t4.row(item="general_budget", side=Side.INCOME)
    if gb is not None and gb.value("budget"):
        clause = f"一般公共预算财政拨款本年收入 {wan_text(gb.value('budget'))}"
        parts.append(("收入包括：" + clause + "。", [w.claim(Subject(kind="income_source", code="general_budget",
                                                              table="fiscal_grant_summary", measure="budget"),
                                                      clause, gb.value("budget"))]))
    classes = [r for r in t4.rows if r.side is Side.EXPENDITURE and r.level is RowLevel.CLASS]
    text, claims = _class_list(w, t4, classes, "budget")
    if text:
        parts.append(("支出包括：" + text + "。", claims))
    return [_para(parts)]


def _general_budget(w: _Writer) -> list[Paragraph]:
    t = w.budget.table("general_budget_by_function")
    total_row = t.total_row() if t and not t.is_empty else None
    if t is None or total_row is None:
        return []
    total = total_row.value("total")
    out = [Paragraph(text="（一）一般公共预算拨款规模变化情况。")]
    head = f"{w.year} 年一般公共预算拨款 {wan_text(total)}"
    text, claim = w.compared(Subject(kind="general_budget", name="本年预算", table=t.id, measure="total"),
                             "本年预算", total, key=None)
    out.append(_para([(head + "。其中：", [w.claim(Subject(kind="general_budget", table=t.id, measure="total"), head, total)]),
                      (text + "。", [claim])]))
    out.append(Paragraph(text="（二）一般公共预算拨款结构情况。"))
    out += _structure(w, t.id, "", with_staff=True)
    out.append(Paragraph(text="（三）一般公共预算拨款具体使用情况。"))
    for row in _rows(t, RowLevel.ITEM):
        amount = row.value("total")
        lead = f"{_name_chain(t, row)}{w.year} 年预算数"
        text, claim = w.compared(Subject(kind="function", code=row.code, name=row.name, table=t.id, measure="total"),
                                 lead, amount, key=row.code, reason_word="主要是")
        out.append(_para([(text + "。", [claim])]))
    return out


def _basic(w: _Writer) -> list[Paragraph]:
    t = w.budget.table("basic_by_economic")
    total_row = t.total_row() if t and not t.is_empty else None
    if t is None or total_row is None:
        return []
    total = total_row.value("total")
    head = f"{w.year} 年一般公共预算基本支出 {wan_text(total)}"
    out = [_para([(head + "，其中：", [w.claim(Subject(kind="basic", table=t.id, measure="total"), head, total)])])]
    for label, measure in (("（一）人员经费", "personnel"), ("（二）公用经费", "public")):
        amount = total_row.value(measure)
        clause = f"{label} {wan_text(amount)}"
        claim = w.claim(Subject(kind=measure, table=t.id, measure=measure), clause, amount)
        classes = [r for r in _rows(t, RowLevel.CLASS) if r.value(measure)]
        if len(classes) > 1:
            out.append(_para([(clause + "，包括：", [claim])]))
            for row in classes:
                uses = "、".join(r.name for r in _rows(t, RowLevel.SECTION) if r.code and r.code.startswith(row.code or "-") and r.value(measure))
                c = f"{row.name} {wan_text(row.value('total'))}"
                out.append(_para([(c + f"，主要用于：{uses}等。", [w.claim(Subject(kind="economic", code=row.code, name=row.name,
                                                                                   table=t.id, measure="total"), c, row.value("total"))])]))
        else:
            uses = "、".join(r.name for r in _rows(t, RowLevel.SECTION) if r.value(measure))
            out.append(_para([(clause + (f"，主要用于：{uses}等。" if uses else "。"), [claim])]))
    return out


THREE_PUBLIC_LINES = (
    ("three_public_abroad", "abroad", "因公出国（境）经费"),
    ("three_public_vehicle", "vehicle_total", "公务用车购置及运行维护费"),
    ("three_public_reception", "reception", "公务接待费"),
)


def _three_public(w: _Writer) -> list[Paragraph]:
    t = w.budget.table("three_public")
    if t is None or not t.rows or t.is_empty:
        return []
    row = t.rows[0]
    total = row.value("three_public_total")
    text, claim = w.compared(Subject(kind="three_public", table=t.id, measure="three_public_total"),
                             f"{w.year} 年一般公共预算“三公”经费支出", total)
    out = [_para([(text + "。具体包括：", [claim])])]
    for i, (kind, measure, label) in enumerate(THREE_PUBLIC_LINES, start=1):
        amount = row.value(measure)
        line_text, line_claim = w.compared(Subject(kind=kind, table=t.id, measure=measure), f"{i}. {label}", amount)
        out.append(_para([(line_text + "。", [line_claim])]))
    return out


def _empty_fund(w: _Writer, table_id: str, kind: str, fund: str) -> list[Paragraph]:
    t = w.budget.table(table_id)
    total_row = t.total_row() if t else None
    if t is None or total_row is None or not total_row.value("total"):
        text = f"{w.year} 年没有使用{fund}拨款安排的支出。"
        return [Paragraph(text=text, claims=(Claim(subject=Subject(kind=kind, table=table_id, measure="total"), text=text,
                                                   none_stated=True),))]
    amount = total_row.value("total")
    text = f"{w.year} 年{fund}拨款支出 {wan_text(amount)}"
    return [_para([(text + "。", [w.claim(Subject(kind=kind, table=table_id, measure="total"), text, amount)])])]


def _projects(w: _Writer) -> list[Paragraph]:
    t = w.budget.table("projects")
    t3 = w.budget.table("expenditure_summary")
    summary = t3.total_row() if t3 is not None and not t3.is_empty else None
    if t is None and summary is None:
        return []
    rows = t.rows if t is not None else ()
    subprojects = [r for r in rows if r.level is RowLevel.SUBPROJECT] or [r for r in rows if r.level is RowLevel.PROJECT]
    # The 项目支出 total is 表3's (the figure the text is checked against); 表10 lists where it goes.
    total = summary.value("project") if summary is not None else sum((r.value("total") for r in subprojects), Decimal(0))
    if not total and not any(r.value("total") for r in subprojects):
        # No claim: the reader takes no subject from '没有安排项目支出' (a statement, not a figure).
        return [Paragraph(text=f"{w.year} 年没有安排项目支出。")]
    general = sum((r.value("general_budget") for r in subprojects), Decimal(0))
    head = f"{w.year} 年项目支出 {wan_text(total)}"
    lead = [(head + "，其中：", [w.claim(Subject(kind="project_total", table="projects", measure="total"), head, total)])]
    if not subprojects:
        lead[0] = (head + "。", lead[0][1])
        return [_para(lead), Paragraph(text=f"各项目的安排见表10 项目支出表（{PENDING}）。")]
    clause = f"一般公共预算本年拨款 {wan_text(general)}"
    out = [_para(lead + [(clause + "。具体使用情况如下：", [w.claim(Subject(kind="project_total", name="一般公共预算本年拨款",
                                                                          table="projects", measure="general_budget"),
                                                               clause, general)])])]
    directions = {p.name: p.direction for p in (w.budget.overall_performance.projects if w.budget.overall_performance else ())}
    for row in subprojects:
        amount = row.value("total")
        text = f"{row.name} {wan_text(amount)}"
        use = directions.get(row.name)
        out.append(_para([(text + (f"，{use.rstrip('。')}。" if use else "。"),
                           [w.claim(Subject(kind="project", code=row.code, name=row.name, table="projects", measure="total"), text, amount)])]))
    return out


CN_NUMBERS = "一二三四五六七八九十"

OTHER_NONE = {
    "gov_operation_cost": "{year} 年本单位无机关运行经费。",
    "procurement": "{year} 年没有使用政府采购预算安排的支出。",
    "purchase_services": "{year} 年没有使用政府购买服务预算安排的支出。",
    "entrusted_fee": "{year} 年没有安排委托业务费支出。",
}
OTHER_AMOUNT = {
    "gov_operation_cost": "{year} 年机关运行经费预算",
    "procurement": "{year} 年政府采购预算",
    "purchase_services": "{year} 年政府购买服务预算",
    "entrusted_fee": "{year} 年委托业务费支出",
}
OTHER_SUBJECT = {"assets": "vehicles", "performance": "performance_total"}


def _other_matter_paragraph(w: _Writer, matter) -> Paragraph | None:
    kind = OTHER_SUBJECT.get(matter.item, matter.item)
    subject = Subject(kind=kind)
    if matter.item == "assets":
        if matter.vehicles is None:
            return Paragraph(text=matter.text) if matter.text else None
        text = f"截至 {w.year - 1} 年 12 月 31 日，{w.budget.unit.name}共有车辆 {matter.vehicles} 辆。"
        claims = [Claim(subject=subject, text=text, count=matter.vehicles)]
        if matter.none_stated:
            none_text = f"{w.year} 年没有使用新增资产配置预算安排的支出。"
            claims.append(Claim(subject=Subject(kind="asset_allocation"), text=none_text, none_stated=True))
            text += none_text
        return Paragraph(text=text + matter.text, claims=tuple(claims))
    if matter.item == "performance":
        total_row = w.budget.table("expenditure_summary").total_row() if w.budget.table("expenditure_summary") else None
        if total_row is None:
            return Paragraph(text=matter.text) if matter.text else None
        count = len(w.budget.project_performance)
        total = total_row.value("total")
        text = (f"{w.year} 年，预算支出 {wan_text(total)}全面实施预算绩效目标管理。"
                f"设置了整体支出绩效目标、{count} 个二级项目支出绩效目标。")
        return Paragraph(text=text + matter.text, claims=(w.claim(subject, text, total, count=count),))
    if matter.none_stated and matter.item in OTHER_NONE:
        text = OTHER_NONE[matter.item].format(year=w.year)
        return Paragraph(text=text + matter.text, claims=(Claim(subject=subject, text=text, none_stated=True),))
    if matter.amount is not None and matter.item in OTHER_AMOUNT:
        text = f"{OTHER_AMOUNT[matter.item].format(year=w.year)} {wan_text(matter.amount.value)}。"
        return Paragraph(text=text + matter.text, claims=(w.claim(subject, text, matter.amount.value),))
    return Paragraph(text=matter.text) if matter.text else None


def _other_matters(w: _Writer) -> list[Paragraph]:
    out = []
    for i, matter in enumerate(w.budget.other_matters, start=1):
        out.append(Paragraph(text=f"（{CN_NUMBERS[i - 1] if i <= 10 else i}）{matter.title}情况"))
        paragraph = _other_matter_paragraph(w, matter)
        # Nothing given: the heading says it waits for the preparer (never "none", which nobody stated).
        out.append(paragraph or Paragraph(text=f"{matter.title}情况{PENDING}。"))
    return out


def generate_narrative(budget: Budget) -> tuple[NarrativeSection, ...]:
    """Part 3 for the budget's layout, from its tables and `budget.prior`."""
    layout = load_layout(budget.layout)
    w = _Writer(budget, {(p.subject.kind, p.subject.code or p.subject.name): p for p in budget.prior})
    writers = {
        "overall": _overall,
        "income": _income,
        "expenditure": lambda w: _structure(w, "expenditure_summary", f"{w.year} 年支出预算", with_staff=False),
        "fiscal_grant": _fiscal_grant,
        "general_budget": _general_budget,
        "basic": _basic,
        "three_public": _three_public,
        "gov_fund": lambda w: _empty_fund(w, "gov_fund_by_function", "gov_fund", "政府性基金预算"),
        "state_capital": lambda w: _empty_fund(w, "state_capital_by_function", "state_capital", "国有资本经营预算"),
        "projects": _projects,
        "other_matters": _other_matters,
    }
    sections = []
    for spec in layout.narrative:
        write = writers.get(spec.topic)
        paragraphs = write(w) if write else _matter_section(w, spec.topic)
        if not paragraphs:
            paragraphs = [Paragraph(text=_why_empty(budget, layout, spec.topic, spec.title))]
        sections.append(_section(spec.number, spec.title, spec.topic, paragraphs))
    return tuple(sections)


def _matter_section(w: _Writer, topic: str) -> list[Paragraph]:
    """A section of its own for one of the other matters (Shanghai: 机关运行经费, 政府采购, 绩效, 资产),
    or the overview's organisation and the glossary (Beijing), from what the preparer gave."""
    matter = next((m for m in w.budget.other_matters if OTHER_SUBJECT.get(m.item, m.item) == topic or m.item == topic), None)
    if matter is not None:
        paragraph = _other_matter_paragraph(w, matter)
        return [paragraph] if paragraph is not None else []
    if topic == "organisation":
        return [Paragraph(text=s.text) for s in w.budget.overview if s.text and any(k in s.title for k in ("机构", "构成"))]
    if topic == "glossary":
        return [Paragraph(text=f"{g.term}：{g.definition}") for g in w.budget.glossary]
    return []


# The table a section is written from: an empty section names it as waiting to be filled.
TOPIC_TABLES = {
    "overall": "income_expenditure_summary", "income": "income_expenditure_summary", "expenditure": "expenditure_summary",
    "fiscal_grant": "fiscal_grant_summary", "general_budget": "general_budget_by_function", "basic": "basic_by_economic",
    "three_public": "three_public", "projects": "projects",
}


def _why_empty(budget: Budget, layout, topic: str, title: str) -> str:
    """The sentence under a heading no figure could fill: what is missing, visibly pending (the checker
    reports the placeholder), never a figure the tables do not hold."""
    table_id = TOPIC_TABLES.get(topic)
    if table_id is None:
        return f"{title}{PENDING}。"
    table, spec = budget.table(table_id), layout.table(table_id)
    label = table.label if table is not None else (spec.label if spec is not None else table_id)
    return f"{label}尚未填写，本部分{PENDING}。"
