"""Helpers shared by rule modules: row hierarchy, line amounts, sums with their tolerance."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Callable, Iterable

from ...model import Amount, Budget, Row, RowLevel, Severity, Side, Table, from_yuan
from ...reference.layouts import QUALIFIER_SEP, is_percent_measure

BY_CODE_TABLES = ("expenditure_summary", "income_summary", "general_budget_by_function",
                  "basic_by_economic", "gov_fund_by_function", "state_capital_by_function")
TWO_SIDED_TABLES = ("income_expenditure_summary", "fiscal_grant_summary")
INCOME_SOURCES = ("general_budget", "gov_fund", "state_capital", "special_account", "business_income",
                  "operating_income", "upper_subsidy", "subordinate_remit", "other_income", "unit_funds")
FUNDING_COLUMNS = ("general_budget", "gov_fund", "state_capital", "carryover_general_budget",
                   "carryover_gov_fund", "carryover_state_capital", "special_account", "unit_funds",
                   "carryover", "business_income", "other_income")
ZERO = Decimal(0)


# "截至 2025 年 12 月 31 日" — the date a snapshot (assets, vehicles, staff) is taken at.
SNAPSHOT_DATE = re.compile(r"截(?:至|止)(?:到)?\s*(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")


def snapshot_dates(budget: Budget):
    """(section, paragraph, match, year, month, day or None) of each snapshot date of the 情况说明
    (Q706 for a budget, X303 for a 决算)."""
    for section in budget.narrative:
        for paragraph in section.paragraphs:
            for m in SNAPSHOT_DATE.finditer(paragraph.text):
                year, month, day = m.groups()
                yield section, paragraph, m, int(year), int(month), int(day) if day else None


def measures_of(table: Table) -> tuple[str, ...]:
    """Money columns the table printed (from its header, else from its cells); rates (增减%) do not add up."""
    if table.columns:
        found = dict.fromkeys(c.measure for c in table.columns)
    else:
        found = dict.fromkeys(c.measure for r in table.rows for c in r.cells)
    return tuple(m for m in found if not is_percent_measure(m))


def coded_rows(table: Table) -> list[Row]:
    return [r for r in table.rows if r.code and r.level in (RowLevel.CLASS, RowLevel.SECTION, RowLevel.ITEM)]


CHILD_LEVEL = {RowLevel.CLASS: RowLevel.SECTION, RowLevel.SECTION: RowLevel.ITEM}


def children(table: Table, parent: Row, start: int | None = None,
             coded: list[Row] | None = None) -> list[Row]:
    """Rows one level below `parent` whose code extends the parent's (类 → 款, 款 → 项).

    A caller walking every parent of a table passes the parent's position (`start`) and the table's
    coded rows of the child level (`coded`, in order), so each call does not scan the whole table twice.
    """
    want = CHILD_LEVEL.get(parent.level)
    if want is None or not parent.code:
        return []
    # A row of that level printed without a code (names only, no unambiguous codebook match) inside
    # the parent's block: the parts cannot all be told, so the parent is not compared.
    # By identity: `index` compares rows field by field (pydantic __eq__), row after row.
    if start is None:
        start = next((i for i, row in enumerate(table.rows) if row is parent), None)
    if start is None:
        start = table.rows.index(parent)
    for row in table.rows[start + 1:]:
        if row.level in (RowLevel.TOTAL, RowLevel.UNIT, RowLevel.CLASS, parent.level) or (
                row.code and not row.code.startswith(parent.code)):
            break
        if row.level is want and not row.code:
            return []
    if coded is None:
        coded = coded_at(table, want)
    return [r for r in coded if r.code.startswith(parent.code)]


def unit_spans(table: Table) -> list[tuple[int, int]]:
    """(start, end) positions of the rows of each unit in a table grouped by unit (each unit's line
    over its own codes, which repeat from unit to unit); the whole table otherwise. A unit's line
    starts its span; rows above the first unit (the total) form a span of their own."""
    if not table.unit_groups():
        return [(0, len(table.rows))]
    cuts = [i for i, r in enumerate(table.rows) if r.level in (RowLevel.UNIT, RowLevel.TOTAL) and i]
    bounds = [0, *cuts, len(table.rows)]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def coded_at(table: Table, level: RowLevel, span: tuple[int, int] | None = None) -> list[Row]:
    """The rows of `level` that carry a code, in table order (within `span`, positions in the table)."""
    rows = table.rows if span is None else table.rows[span[0]:span[1]]
    return [r for r in rows if r.level is level and r.code]


def line_amount(row: Row | None) -> Amount | None:
    """The amount of a single-value line (two-sided tables: 预算数)."""
    if row is None:
        return None
    # Never a qualified column's (上年执行数, 增减额): a line blank this year has no amount.
    return row.get("budget") or row.get("total") or next(
        (c.amount for c in row.cells if QUALIFIER_SEP not in c.measure), None)


def line_value(row: Row | None) -> Decimal:
    amount = line_amount(row)
    return amount.value if amount else ZERO


def side_line(table: Table, item: str, side: Side | None = None) -> Row | None:
    return next((r for r in table.rows if r.item == item and (side is None or r.side in (side, None))), None)


def class_lines(table: Table, side: Side = Side.EXPENDITURE) -> list[Row]:
    """Expenditure-by-class lines of a two-sided table (rows carrying a 3-digit function code)."""
    return [r for r in table.rows if r.side in (side, None) and r.code and r.level is RowLevel.CLASS]


def amounts(rows: Iterable[Row], measure: str) -> list[Amount]:
    return [a for r in rows if (a := r.get(measure)) is not None]


def projects(table: Table, level: RowLevel) -> list[Row]:
    return [r for r in table.rows if r.level is level]


def subprojects_of(table: Table, parent: Row) -> list[Row]:
    return [r for r in table.rows if r.level is RowLevel.SUBPROJECT and parent.code and r.parent == parent.code]


def leaf_projects(table: Table) -> list[Row]:
    """二级 projects when the table has them, else 一级 (projects without sub-projects count once)."""
    out = []
    for p in projects(table, RowLevel.PROJECT):
        subs = subprojects_of(table, p)
        out.extend(subs or [p])
    placed = {id(r) for r in out}  # by identity: `r not in out` compared whole rows, quadratic (24 s on 2,000 rows)
    orphans = [r for r in projects(table, RowLevel.SUBPROJECT) if id(r) not in placed]
    return out + orphans


def only_general_budget(budget: Budget) -> bool | None:
    """True when the document's only income is the general public budget grant (scopes coincide).

    None when it cannot be told (no table 1 and no table 11 income structure).
    """
    t1 = budget.table("income_expenditure_summary")
    if t1 is not None:
        others = [r for r in t1.rows if r.side in (Side.INCOME, None) and r.item in
                  (*INCOME_SOURCES, "carryover") and r.item != "general_budget"]
        return all(line_value(r) == 0 for r in others)
    overall = budget.overall_performance
    if overall and overall.structure:
        return all((s.amount is None or s.amount.value == 0) for s in overall.structure
                   if s.side == "income" and s.item not in ("fiscal_grant", "total"))
    return None


def norm_name(text: str | None) -> str:
    """Names compared without spaces and with half-width brackets."""
    from ...reference.layouts import normalize_label
    return normalize_label(text or "")


def unit_of(table: Table | None, budget: Budget):
    return table.unit if table is not None else budget.amount_unit


def compare(ctx, at, *, actual: Amount | None, expected: Decimal, where: str | Callable[[], str], what: str,
            expected_label: str | Callable[[], str], tolerance_of: Iterable[Amount | None] = (), unit=None,
            measure: str | None = None, table: str | None = None, section: str | None = None,
            row: str | None = None, source=None, show_expected: bool = True, spread: Decimal = ZERO):
    """A finding when `actual` (blank = 0) differs from `expected` by more than its printed precision allows.

    `tolerance_of` are the printed terms `expected` adds up (docs/rules.md, "容差"):
    - one term (or none: a figure the other table leaves out): a *mirror*, the same figure printed
      twice. At the same precision it must match exactly; one unit of the last digit off is a
      warning that says so (rounding-level), more is the rule's error. At different precisions
      (元 against 万元) half a unit of each is allowed.
    - n terms: a sum of n rounded figures may differ from its printed total by n × half a unit of
      the last digit (`CheckSettings.sum_units` scales it).
    `spread` widens it where `expected` adds up figures no table prints summed (a class over the
    units of a table grouped by unit). A fixed `CheckSettings.tolerance_yuan` replaces all of this.

    Message: "{where}：{what} {actual} ≠ {expected_label} {expected}，相差 {diff} {unit}".
    `where` and `expected_label` may be functions giving the text: most rows hold, and their message
    is never built.
    """
    value = actual.value if actual is not None else ZERO
    diff = value - expected
    severity, note = None, ""
    terms = [a for a in tolerance_of if a is not None]
    if ctx.settings.tolerance_yuan is not None:
        if abs(diff) <= ctx.settings.tolerance_yuan + spread:
            return None
    elif len(terms) <= 1 and spread == 0:
        mine = 2 * ctx.half_resolution(actual)
        theirs = 2 * ctx.half_resolution(terms[0]) if terms else mine
        if mine == theirs:
            if diff == 0:
                return None
            if abs(diff) <= mine:
                severity, note = Severity.WARNING, "（一个末位单位之差，属舍入级差异；同一数字以相同精度印出两次应完全一致）"
        elif abs(diff) <= (mine + theirs) / 2:
            return None
    elif abs(diff) <= ctx.settings.sum_units * sum((ctx.half_resolution(a) for a in terms), ZERO) + spread:
        return None
    if callable(expected_label):  # built only when the identity fails: most rows hold
        expected_label = expected_label()
    if callable(where):
        where = where()
    places = ctx.places  # finer when the figures are (a rounding-level difference is never shown as 0.00)
    while places < 8 and from_yuan(abs(diff), unit or ctx.budget.amount_unit, places) == 0:
        places += 1
    a, e = ctx.fmt(value, unit, places), ctx.fmt(expected, unit, places)
    u = (unit or ctx.budget.amount_unit).value
    # An expected label that lists the terms with their values ('基本支出 31.50 + 项目支出 0.00') is the sum itself.
    shown = f"{expected_label} {e}" if show_expected else expected_label
    message = f"{where}：{what} {a} ≠ {shown}，相差 {ctx.fmt(abs(diff), unit, places)} {u}{note}"
    return ctx.finding(at, message, expected=e, actual=a, measure=measure, table=table, section=section,
                       row=row, source=source, severity=severity)


def plus(ctx, labelled: Iterable[tuple[str, Amount | None]], unit=None) -> str:
    """'基本支出 31.50 + 项目支出 0.00' (blank cells shown as 0)."""
    return " + ".join(f"{label} {ctx.fmt(a.value if a else ZERO, unit)}" for label, a in labelled)


def sum_mismatch(ctx, table: Table, row: Row, whole: str, got: list[tuple[str, Amount | None]]):
    """The row's `whole` against the sum of `got` ((Chinese name, amount) of its parts): a finding
    naming each part, or None within tolerance."""
    return compare(ctx, row, actual=row.get(whole), expected=total(a for _, a in got),
                   where=lambda: f"{table.label} {row.label}", what=ctx.measure_zh(whole),
                   expected_label=lambda: plus(ctx, got, table.unit), tolerance_of=[a for _, a in got],
                   unit=table.unit, measure=whole, show_expected=False)


def total(values: Iterable[Amount | None]) -> Decimal:
    return sum((a.value for a in values if a is not None), ZERO)


_FUNDS = (("general_budget", "general_budget_by_function"), ("gov_fund", "gov_fund_by_function"),
          ("state_capital", "state_capital_by_function"))


def table_total(table: Table) -> Decimal:
    """合计 line of a by-code table, else the sum of its class rows."""
    row = table.total_row()
    if row is not None:
        return row.value("total")
    return sum((r.value("total") for r in table.rows if r.level is RowLevel.CLASS), ZERO)


def fund_tables_exclude_carryover(budget: Budget, ctx) -> bool:
    """True when 表5 (一般公共预算支出表) holds only the current year's grant, not the carryover.

    The national template's 表5 spends 本年 + 上年结转 (it equals the 财政拨款收支总表's general budget
    grant with its carryover); central departments print the current year's grant alone while 表4
    also spends what was carried over. Told from the document itself: 表5 合计 equals 本年 and not
    本年 + 上年结转 (with a non-zero carryover).
    """
    t4, t5 = budget.table("fiscal_grant_summary"), budget.table("general_budget_by_function")
    if t4 is None or t5 is None:
        return False
    current = line_amount(side_line(t4, "general_budget", Side.INCOME))
    carry = line_amount(side_line(t4, "carryover_general_budget", Side.INCOME))
    if current is None or carry is None or carry.value == 0:
        return False
    printed = table_total(t5)
    tol = ctx.tolerance(current, carry, unit=t4.unit)
    return abs(printed - current.value) <= tol < abs(printed - current.value - carry.value)

