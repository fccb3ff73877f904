"""Tables that follow from others by definition, filled in so the preparer types each figure once.

What a clerk would type into a table that merely repeats or adds up others, written here instead:
- 表1 收支总表: the expenditure side (each 类, 本年支出合计, 支出总计) from 表3 支出总表; the income
  side's 本年收入合计 and 收入总计 from the income lines;
- when the unit's only income is one source (no carry-over): 表2 收入总表 from 表3 (each line's whole
  amount is that source's); when that source is the general public budget, also 表4 财政拨款收支总表
  from 表3, 表5-1's 合计/基本支出/项目支出 from 表3 (or 表3 from 表5-1), and 表5-2's line of the only unit
  from 表5-1's 合计, and 表10's 一般公共预算拨款 of each project from its 合计;
- in a unit's own budget, the 单位 of each project of 表10 (the unit);
- the 合计 line of 表6 from its 类 lines, and 表5-1's 合计 人员经费/公用经费 from 表6's 合计.

Derivation fills blank cells only. A figure the preparer gave is never replaced: when it differs
from what the definition gives (beyond the last printed digit), that is an error (D001), reported
like a check finding at the preparer's line. A table neither given nor in the layout is not added.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..extract.yaml_budget import TWO_SIDED_MEASURE
from ..model import Amount, Budget, Cell, DocumentLevel, Finding, Location, Row, RowLevel, Severity, Side, Table
from ..reference.layouts import Layout, TableSpec, load_layout  # noqa: F401

CONFLICT_CODE = "D001"
CONFLICT_NAME = "派生表与填写数不一致"
# Income lines of 表1 that are sources (not totals); carry-over is set apart: it makes a unit not single-source.
TOTAL_ITEMS = {"income_current_total", "income_total", "carryover", "year_begin_balance", "nonfiscal_balance_used"}
SOURCE_WORDS = {
    "general_budget": "一般公共预算拨款收入", "gov_fund": "政府性基金预算拨款收入", "state_capital": "国有资本经营预算拨款收入",
    "special_account": "财政专户管理资金收入", "business_income": "事业收入", "operating_income": "事业单位经营收入",
    "upper_subsidy": "上级补助收入", "subordinate_remit": "附属单位上缴收入", "other_income": "其他收入",
}


# What `render` fills in each table (the skeleton from `yusuan new` says so above the table).
DERIVABLE = {
    "income_expenditure_summary": "支出方各类、本年支出合计、支出总计及收入方的本年收入合计、收入总计可不填：render 按表3 和收入各项补齐。",
    "income_summary": "收入只有一项（如全部为一般公共预算拨款）时本表可不填：render 按表3 补齐。",
    "fiscal_grant_summary": "收入全部为一般公共预算拨款时本表可不填：render 按表3 补齐。",
    "general_budget_by_function": "支出全部为一般公共预算拨款时，合计、基本支出、项目支出可不填（render 按表3 补齐），只填人员经费、公用经费。",
    "general_budget_by_unit": "只有本单位一行时可不填：render 按表5-1 合计行补齐。",
    "basic_by_economic": "合计行可不填：render 按各类相加。",
    "projects": "收入全部为一般公共预算拨款时，一般公共预算拨款栏可不填：render 按合计补齐。",
}


@dataclass
class Derivation:
    """The budget with derived cells filled, what was derived (Chinese notes) and the conflicts."""

    budget: Budget
    notes: list[str] = field(default_factory=list)
    conflicts: list[Finding] = field(default_factory=list)
    copies: dict[str, str] = field(default_factory=dict)  # table filled line by line from another: target → source

    def echoes(self, findings) -> list[Finding]:
        """`findings` without those a copied table repeats of its source (表3 not adding up is reported on
        表3, not again on the 表2 and 表5-1 copied from it): same rule, same line."""
        on_source = {(f.code, f.location.table, f.location.row) for f in findings}
        return [f for f in findings if not (
            f.location.table in self.copies
            and (f.code, self.copies[f.location.table], f.location.row) in on_source)]


def _key(row: Row) -> tuple:
    if row.level is RowLevel.TOTAL:
        return ("total", row.side, row.item)
    if row.level is RowLevel.UNIT:
        return ("unit",)
    return ("row", row.side, row.code, None if row.code else (row.item or row.name))


def _given(table: Table | None) -> bool:
    return table is not None and not table.is_empty


@dataclass
class _Work:
    budget: Budget
    layout: Layout
    tables: dict[str, Table]
    result: Derivation

    def table(self, table_id: str) -> Table | None:
        return self.tables.get(table_id)

    def spec(self, table_id: str) -> TableSpec | None:
        return self.layout.table(table_id)

    def label(self, table_id: str) -> str:
        table, spec = self.table(table_id), self.spec(table_id)
        if table is not None and table.label:
            return table.label
        return spec.label if spec else table_id

    def merge(self, table_id: str, derived: list[Row], why: str, copy_of: str | None = None) -> None:
        """Fill `derived` cells into the table's blank cells; a given cell that differs is a conflict."""
        spec = self.spec(table_id)
        target = self.table(table_id)
        if target is None:
            if spec is None:
                return
            target = Table(id=spec.id, number=spec.number, title=spec.title, unit=self.budget.amount_unit)
        rows = list(target.rows)
        index = {_key(r): i for i, r in enumerate(rows)}
        filled = 0
        for d in derived:
            if not d.cells:
                continue
            i = index.get(_key(d))
            if i is None:
                rows.insert(_position(rows, d), d)
                index = {_key(r): j for j, r in enumerate(rows)}
                filled += len(d.cells)
                continue
            row = rows[i]
            cells = list(row.cells)
            for cell in d.cells:
                given = row.get(cell.measure)
                if given is None:
                    cells.append(cell)
                    filled += 1
                elif abs(given.value - cell.amount.value) > given.resolution:
                    self.conflict(target, row, cell, given, why)
            if len(cells) != len(row.cells):
                rows[i] = row.model_copy(update={"cells": tuple(_ordered(cells, spec))})
        if filled:
            if copy_of is not None:
                self.result.copies[table_id] = copy_of
            self.tables[table_id] = target.model_copy(update={"rows": tuple(rows)})
            self.result.notes.append(f"{self.label(table_id)}：{why}，补齐 {filled} 个数")

    def conflict(self, table: Table, row: Row, cell: Cell, given: Amount, why: str) -> None:
        column = cell.measure
        self.result.conflicts.append(Finding(
            code=CONFLICT_CODE, name=CONFLICT_NAME, category="编制", severity=Severity.ERROR,
            message=(f"{table.label} {row.label}：填写的 {given.display()} 与按定义得出的 "
                     f"{cell.amount.display(given.places)} 不一致（{why}）；请改正填写数，或删去让程序补齐"),
            location=Location(table=table.id, table_title=table.label, row=row.label, column=column,
                              source=given.source or row.source),
            expected=cell.amount.display(given.places), actual=given.display(),
        ))


def _ordered(cells: list[Cell], spec: TableSpec | None) -> list[Cell]:
    order = {m: i for i, m in enumerate(spec.columns)} if spec and spec.columns else {}
    return sorted(cells, key=lambda c: order.get(c.measure, len(order)))


def _position(rows: list[Row], new: Row) -> int:
    """Where a missing row goes: among the coded rows of its side, in code order (208 < 20805 < 210)."""
    same_side = [i for i, r in enumerate(rows) if r.side == new.side]
    if new.level is RowLevel.TOTAL:
        return same_side[0] if same_side and new.side is None else (same_side[-1] + 1 if same_side else len(rows))
    coded = [i for i in same_side if rows[i].code]
    if new.code:
        for i in coded:
            if rows[i].code > new.code:
                return i
        if coded:
            return coded[-1] + 1
        # No coded line yet: before the side's closing lines (年终结转结余, 支出总计), else at its end.
        closing = [i for i in same_side if rows[i].item in ("year_end_balance", "expenditure_total")]
        if closing:
            return closing[0]
    return same_side[-1] + 1 if same_side else len(rows)


def _cell(measure: str, amount: Amount) -> Cell:
    return Cell(measure=measure, amount=amount)


def _sum(amounts: list[Amount], like: Amount | None) -> Amount:
    total = sum((a.value for a in amounts), Decimal(0))
    base = like or (amounts[0] if amounts else Amount(value=Decimal(0)))
    places = max((a.places for a in amounts), default=base.places)
    return Amount(value=total, unit=base.unit, places=places)


def _copy(row: Row, measures: dict[str, str], level: RowLevel | None = None, side: Side | None = None) -> Row:
    """A derived row: the source row's code and name, its `measures` (target ← source) copied."""
    cells = tuple(_cell(target, row.get(source)) for target, source in measures.items() if row.get(source) is not None)
    return Row(name=row.name, code=row.code, level=level or row.level, side=side, cells=cells, source=row.source)


def single_source(t1: Table | None) -> str | None:
    """The one income line of 表1 holding money, when there is exactly one and no carry-over."""
    if t1 is None:
        return None
    sources = [r for r in t1.rows if r.side is Side.INCOME and r.level is not RowLevel.TOTAL and r.value(TWO_SIDED_MEASURE)
               and (r.item or "") not in (TOTAL_ITEMS - {"carryover"})]
    if len(sources) != 1 or sources[0].item in (None, "carryover"):
        return None
    return sources[0].item


def derive(budget: Budget) -> Derivation:
    """Fill the tables that follow by definition (see the module docstring), in the budget's own layout
    (printing it in another is render/conform.py's job). Only a preparer's budget (one with no printed
    narrative) is derived: a published document is checked as it was printed."""
    result = Derivation(budget)
    if budget.narrative or not budget.tables:
        return result
    try:
        lay = load_layout(budget.layout or "wuhan_unit")
    except KeyError:
        return result
    w = _Work(budget, lay, {t.id: t for t in budget.tables}, result)
    _summary_totals(w)
    source = single_source(w.table("income_expenditure_summary"))
    if source == "general_budget":
        _expenditure_from_general_budget(w)
        _general_budget_from_expenditure(w)
    _summary_from_expenditure(w)
    if source is not None:
        _income_from_expenditure(w, source)
    if source == "general_budget":
        _fiscal_grant_from_expenditure(w)
    _economic_total(w)
    _project_units(w)
    if source == "general_budget":
        _general_budget_staff_total(w)
        _staff_split(w)
        _unit_line(w)
        _project_funding(w)
    if not result.notes and not result.conflicts:
        return result
    order = {t.id: i for i, t in enumerate(budget.tables)}
    spec_order = {s.id: i for i, s in enumerate(lay.tables)}
    tables = sorted(w.tables.values(), key=lambda t: (spec_order.get(t.id, len(spec_order)), order.get(t.id, 0)))
    result.budget = budget.model_copy(update={"tables": tuple(tables)})
    return result


def _coded_rows(table: Table | None) -> list[Row]:
    return [r for r in table.rows if r.code and r.level in (RowLevel.CLASS, RowLevel.SECTION, RowLevel.ITEM)] if table else []


def _summary_totals(w: _Work) -> None:
    """表1's own totals: 本年收入合计 = the income lines; 收入总计 = 本年收入合计 + 上年结转结余."""
    t1 = w.table("income_expenditure_summary")
    if t1 is None:
        return
    m = TWO_SIDED_MEASURE
    lines = [r.get(m) for r in t1.rows if r.side is Side.INCOME and r.get(m) is not None and r.level is not RowLevel.TOTAL
             and r.item and r.item not in TOTAL_ITEMS and r.item in SOURCE_WORDS]
    if not lines:
        return
    current = _sum(lines, lines[0])
    derived = []
    for row in t1.rows:
        if row.side is Side.INCOME and row.item == "income_current_total":
            derived.append(row.model_copy(update={"cells": (_cell(m, current),)}))
    # The balance brought in: 上年结转结余 (a budget), 年初结转和结余 and 使用非财政拨款结余 (a 决算).
    brought = [r.get(m) for item in ("carryover", "year_begin_balance", "nonfiscal_balance_used")
               if (r := t1.row(item=item, side=Side.INCOME)) is not None and r.get(m) is not None]
    total = _sum([current, *brought], current)
    total_row = t1.row(item="income_total", side=Side.INCOME)
    if total_row is not None:
        derived.append(total_row.model_copy(update={"cells": (_cell(m, total),)}))
    w.merge("income_expenditure_summary", derived, "本年收入合计与收入总计按收入各项相加")


def _expenditure_total(w: _Work) -> Row | None:
    t3 = w.table("expenditure_summary")
    return t3.total_row() if _given(t3) else None


def _summary_from_expenditure(w: _Work) -> None:
    """表1's expenditure side: each 类 and the totals are 表3's (all funds on both)."""
    t1, t3 = w.table("income_expenditure_summary"), w.table("expenditure_summary")
    total = _expenditure_total(w)
    if t1 is None or total is None or total.get("total") is None:
        return
    m = TWO_SIDED_MEASURE
    derived = [_copy(r, {m: "total"}, RowLevel.CLASS, Side.EXPENDITURE) for r in t3.rows
               if r.level is RowLevel.CLASS and r.get("total") is not None]
    amount = total.get("total")
    current = t1.row(item="expenditure_current_total", side=Side.EXPENDITURE)
    if current is not None:
        derived.append(current.model_copy(update={"cells": (_cell(m, amount),)}))
    end = t1.row(item="year_end_balance", side=Side.EXPENDITURE)
    grand = t1.row(item="expenditure_total", side=Side.EXPENDITURE)
    if grand is not None:
        extra = [end.get(m)] if end is not None and end.get(m) is not None else []
        derived.append(grand.model_copy(update={"cells": (_cell(m, _sum([amount, *extra], amount)),)}))
    w.merge("income_expenditure_summary", derived, "支出各类与合计取自表3 支出总表")


def _income_from_expenditure(w: _Work, source: str) -> None:
    """A single-source unit's 收入总表: every line's whole amount comes from that source."""
    spec = w.spec("income_summary")
    t3 = w.table("expenditure_summary")
    if spec is None or not _given(t3):
        return
    column = source if source in spec.columns else ("fiscal_grant" if source == "general_budget"
                                                     and "fiscal_grant" in spec.columns else None)
    if column is None:
        return
    derived = [_copy(r, {"total": "total", column: "total"}) for r in t3.rows
               if r.level is RowLevel.TOTAL or r in _coded_rows(t3)]
    w.merge("income_summary", derived, f"本单位收入只有{SOURCE_WORDS[source]}，各行取自表3 支出总表",
            copy_of="expenditure_summary")


def _fiscal_grant_from_expenditure(w: _Work) -> None:
    """All income is the general-budget grant: 表4 states 表3's figures as fiscal grants."""
    spec, t4 = w.spec("fiscal_grant_summary"), w.table("fiscal_grant_summary")
    total = _expenditure_total(w)
    if spec is None or spec.sides or total is None or total.get("total") is None:
        return  # a 表4 printed with several columns a side (Shanghai) is not derived
    t3, m = w.table("expenditure_summary"), TWO_SIDED_MEASURE
    amount = total.get("total")
    rows = list(t4.rows) if t4 is not None else []
    derived = []
    for item, side in (("income_current_total", Side.INCOME), ("general_budget", Side.INCOME), ("income_total", Side.INCOME),
                       ("expenditure_current_total", Side.EXPENDITURE), ("expenditure_total", Side.EXPENDITURE)):
        row = next((r for r in rows if r.item == item and r.side is side), None)
        if row is not None:
            derived.append(row.model_copy(update={"cells": (_cell(m, amount),)}))
    derived += [_copy(r, {m: "total"}, RowLevel.CLASS, Side.EXPENDITURE) for r in t3.rows
                if r.level is RowLevel.CLASS and r.get("total") is not None]
    w.merge("fiscal_grant_summary", derived, "本单位收入全部为一般公共预算拨款，财政拨款收支取自表3 支出总表",
            copy_of="expenditure_summary")


def _general_budget_from_expenditure(w: _Work) -> None:
    """All spending is general budget: 表5-1's 合计/基本支出/项目支出 are 表3's, line by line."""
    if _given(w.table("expenditure_summary")):
        _copy_lines(w, "expenditure_summary", "general_budget_by_function",
                    "本单位支出全部为一般公共预算拨款，各行取自表3 支出总表")


def _expenditure_from_general_budget(w: _Work) -> None:
    """The other way round: a 表3 left blank is 表5-1's lines (合计/基本支出/项目支出)."""
    if not _given(w.table("expenditure_summary")) and _given(w.table("general_budget_by_function")):
        _copy_lines(w, "general_budget_by_function", "expenditure_summary", "本单位支出全部为一般公共预算拨款，各行取自表5-1")


def _copy_lines(w: _Work, source_id: str, target_id: str, why: str) -> None:
    """The target table's 合计/基本支出/项目支出 lines are the source table's (合计 and coded lines)."""
    spec, source = w.spec(target_id), w.table(source_id)
    if spec is None:
        return
    measures = {m: m for m in ("total", "basic", "project") if m in spec.columns}
    coded = _coded_rows(source)  # once, not once per row
    derived = [_copy(r, measures) for r in source.rows if r.level is RowLevel.TOTAL or r in coded]
    w.merge(target_id, derived, why, copy_of=source_id)


def _economic_total(w: _Work) -> None:
    """表6's 合计 line adds up its 类 lines."""
    t6 = w.table("basic_by_economic")
    if not _given(t6):
        return
    classes = [r for r in t6.rows if r.level is RowLevel.CLASS]
    total = t6.total_row()
    if not classes or total is None:
        return
    cells = []
    for measure in ("total", "personnel", "public"):
        amounts = [r.get(measure) for r in classes if r.get(measure) is not None]
        if amounts:
            cells.append(_cell(measure, _sum(amounts, amounts[0])))
    w.merge("basic_by_economic", [total.model_copy(update={"cells": tuple(cells)})], "合计行按各类相加")


def _general_budget_staff_total(w: _Work) -> None:
    """表5-1's 合计 人员经费/公用经费 are 表6's (both the general budget's basic spending)."""
    t5, t6 = w.table("general_budget_by_function"), w.table("basic_by_economic")
    if t5 is None or t6 is None or t5.total_row() is None or t6.total_row() is None:
        return
    src = t6.total_row()
    measures = {m: m for m in ("personnel", "public") if src.get(m) is not None}
    if not measures:
        return
    w.merge("general_budget_by_function", [t5.total_row().model_copy(update={"cells": _copy(src, measures).cells})],
            "合计行的人员经费、公用经费取自表6 一般公共预算基本支出表")


def _staff_split(w: _Work) -> None:
    """表5-1 lines: 基本支出 = 人员经费 + 公用经费. One given, the other is the rest; neither given, all of
    it is the one kind 表6 has (a unit whose 表6 shows no 公用经费 has none on any line)."""
    spec, t5, t6 = w.spec("general_budget_by_function"), w.table("general_budget_by_function"), w.table("basic_by_economic")
    if spec is None or t5 is None or not {"basic", "personnel", "public"} <= set(spec.columns):
        return
    econ = t6.total_row() if t6 is not None else None
    only = None
    if econ is not None and econ.get("total") is not None:
        if not econ.value("public") and econ.value("personnel"):
            only = "personnel"
        elif not econ.value("personnel") and econ.value("public"):
            only = "public"
    derived = []
    for row in t5.rows:
        basic = row.get("basic")
        if basic is None or row.level is RowLevel.TOTAL:
            continue
        personnel, public = row.get("personnel"), row.get("public")
        # A rest of zero stays blank, as the clerk leaves it (a blank cell is not a figure to print); a
        # negative rest is no rest (the figures disagree, which the check reports).
        if personnel is not None and public is None and basic.value > personnel.value:
            derived.append(row.model_copy(update={"cells": (_cell("public", _less(basic, personnel)),)}))
        elif public is not None and personnel is None and basic.value > public.value:
            derived.append(row.model_copy(update={"cells": (_cell("personnel", _less(basic, public)),)}))
        elif personnel is None and public is None and only is not None:
            derived.append(row.model_copy(update={"cells": (_cell(only, basic),)}))
    w.merge("general_budget_by_function", derived, "基本支出 = 人员经费 + 公用经费")


def _less(a: Amount, b: Amount) -> Amount:
    return Amount(value=a.value - b.value, unit=a.unit, places=max(a.places, b.places))


def _project_units(w: _Work) -> None:
    """A unit's own budget: every project of 表10 is the unit's (its 单位 column, when left blank)."""
    t10 = w.table("projects")
    if w.budget.level is not DocumentLevel.UNIT or not w.budget.unit.name or not _given(t10):
        return
    # The unit is printed on the projects that are spent (二级项目; 一级 ones only where none is split).
    spent = RowLevel.SUBPROJECT if any(r.level is RowLevel.SUBPROJECT for r in t10.rows) else RowLevel.PROJECT
    rows, filled = [], 0
    for row in t10.rows:
        if row.level is spent and not row.text("unit"):
            row = row.model_copy(update={"texts": (*row.texts, ("unit", w.budget.unit.name))})
            filled += 1
        rows.append(row)
    if filled:
        w.tables["projects"] = t10.model_copy(update={"rows": tuple(rows)})
        w.result.notes.append(f"{w.label('projects')}：单位预算的项目都属本单位，补齐 {filled} 个项目的单位名称")


def _project_funding(w: _Work) -> None:
    """表10 of a unit funded by the general budget alone: each project's 一般公共预算拨款 is its 合计."""
    spec, t10 = w.spec("projects"), w.table("projects")
    if spec is None or "general_budget" not in spec.columns or not _given(t10):
        return
    derived = [r.model_copy(update={"cells": (_cell("general_budget", r.get("total")),)}) for r in t10.rows
               if r.get("total") is not None]
    w.merge("projects", derived, "本单位收入全部为一般公共预算拨款，各项目的一般公共预算拨款即其合计")


def _unit_line(w: _Work) -> None:
    """表5-2 of a single unit: its one line is 表5-1's 合计."""
    spec, t52, t5 = w.spec("general_budget_by_unit"), w.table("general_budget_by_unit"), w.table("general_budget_by_function")
    if spec is None or t5 is None or t5.total_row() is None:
        return
    units = [r for r in (t52.rows if t52 else ()) if r.level is RowLevel.UNIT]
    if len(units) > 1:
        return
    unit = units[0] if units else Row(name=w.budget.unit.name, code=w.budget.unit.code, level=RowLevel.UNIT)
    cells = tuple(c for c in t5.total_row().cells if c.measure in spec.columns)
    derived = [unit.model_copy(update={"cells": cells})]
    total = t52.total_row() if t52 else None
    if total is not None:
        derived.append(total.model_copy(update={"cells": cells}))
    w.merge("general_budget_by_unit", derived, "只有本单位一个单位，该行取自表5-1 合计行")
