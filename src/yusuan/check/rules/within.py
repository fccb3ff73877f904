"""S: identities within one table (勾稽关系, 表内)."""
from __future__ import annotations

from ...model import RowLevel, Severity, Side
from ...extract.label_tree import tree_children
from ..context import Skip
from ..registry import Example, rule
from .common import (
    BY_CODE_TABLES, CHILD_LEVEL, FUNDING_COLUMNS, INCOME_SOURCES, TWO_SIDED_TABLES, ZERO, children, class_lines,
    coded_at, compare, line_amount, measures_of, plus, side_line, subprojects_of, sum_mismatch, total,
    unit_spans,
)

E = Severity.ERROR


def _by_code(budget):
    return [t for tid in BY_CODE_TABLES if (t := budget.table(tid)) is not None]


@rule(code="S101", name="total-equals-sum-of-classes", severity=E, tables=BY_CODE_TABLES, any_table=True,
      title="合计行应等于各类之和",
      explanation="按科目编码列示的表中，合计行的每一金额栏应等于各“类”（3 位编码）行之和。"
                  "分单位列示的表（每个预算单位一行，其下重复列出该单位的科目）中，每个单位行应等于其下各类之和，"
                  "部门行（合计）应等于各单位行之和。",
      example=Example("合计 100.00 | 208 60.00 | 210 30.00",
                      "表3 支出总表 合计：合计 100.00 ≠ 各类之和 90.00，相差 10.00 万元"))
def total_equals_sum_of_classes(budget, ctx):
    for table in _by_code(budget):
        total_row = table.total_row()
        groups = table.unit_groups()
        if not groups:
            classes = [r for r in table.rows if r.level is RowLevel.CLASS]
            if total_row is not None and classes:
                yield from _sum_of_rows(ctx, table, total_row, classes, "合计", "各类之和")
            continue
        for head, rows in groups:
            classes = [r for r in rows if r.level is RowLevel.CLASS]
            if classes:
                yield from _sum_of_rows(ctx, table, head, classes, head.name, "各类之和")
        if total_row is not None:
            units = [r for r in table.rows if r.level is RowLevel.UNIT]
            yield from _sum_of_rows(ctx, table, total_row, units, total_row.name, "各单位之和")


def _sum_of_rows(ctx, table, whole, rows, name, label):
    for m in measures_of(table):
        parts = [r.get(m) for r in rows]
        f = compare(ctx, whole, actual=whole.get(m), expected=total(parts), where=f"{table.label} {name}",
                    what=ctx.measure_zh(m), expected_label=label, tolerance_of=parts, unit=table.unit, measure=m)
        if f:
            yield f


def _hierarchy(budget, ctx, level, label):
    for table in _by_code(budget):
        for span in unit_spans(table):  # a table grouped by unit repeats the codes in each unit
            yield from _hierarchy_in(ctx, table, span, level, label)


def _hierarchy_in(ctx, table, span, level, label):
    coded = coded_at(table, CHILD_LEVEL[level], span)
    for at in range(*span):
        parent = table.rows[at]
        if parent.level is not level:
            continue
        kids = children(table, parent, at, coded)
        if not kids:
            continue
        for m in measures_of(table):
            parts = [k.get(m) for k in kids]
            f = compare(ctx, parent, actual=parent.get(m), expected=total(parts),
                        where=lambda: f"{table.label} {parent.label}", what=ctx.measure_zh(m),
                        expected_label=lambda: "所属各{}之和（{}）".format(label, " + ".join(
                            f"{k.code} {ctx.fmt(k.value(m), table.unit)}" for k in kids)), tolerance_of=parts,
                        unit=table.unit, measure=m)
            if f:
                yield f


@rule(code="S102", name="class-equals-sum-of-sections", severity=E, tables=BY_CODE_TABLES, any_table=True,
      title="类应等于所属各款之和",
      explanation="“类”行（3 位编码）的每一金额栏应等于其下各“款”行（5 位编码）之和。",
      example=Example("208 80.63 | 20805 78.43 | 20899 2.10",
                      "表3 支出总表 208 社会保障和就业支出：合计 80.63 ≠ 所属各款之和（20805 78.43 + 20899 2.10）80.53，相差 0.10 万元"))
def class_equals_sum_of_sections(budget, ctx):
    yield from _hierarchy(budget, ctx, RowLevel.CLASS, "款")


@rule(code="S103", name="section-equals-sum-of-items", severity=E, tables=BY_CODE_TABLES, any_table=True,
      title="款应等于所属各项之和",
      explanation="“款”行（5 位编码）的每一金额栏应等于其下各“项”行（7 位编码）之和。",
      example=Example("20805 78.43 | 2080502 31.18 | 2080505 31.50 | 2080506 15.70",
                      "表3 支出总表 20805 行政事业单位养老支出：合计 78.43 ≠ 所属各项之和（…）78.38，相差 0.05 万元"))
def section_equals_sum_of_items(budget, ctx):
    yield from _hierarchy(budget, ctx, RowLevel.SECTION, "项")


# (whole, parts, when the table has one of these columns, unless it has one of those)
_COLUMN_IDENTITIES = (
    ("total", ("basic", "project", "operating", "remit_upper", "subsidy_subordinate"), ("basic", "project"), ()),
    ("total", ("personnel", "public"), ("personnel", "public"), ("basic", "project")),
    # Shanghai prints fiscal grants as one income column (财政拨款收入) beside 事业收入 …
    # Xi'an adds the balances used (使用非财政拨款结余, 上年实户资金余额) as columns of its 收入总表.
    ("total", ("carryover", "fiscal_grant", *INCOME_SOURCES, "non_fiscal_balance_used", "prior_account_balance"),
     ("fiscal_grant", *INCOME_SOURCES), ("basic", "project")),
)


# Parts named in a column identity's message even when blank.
_ALWAYS_NAMED = frozenset({"basic", "project", "personnel", "public"})


def _column_identity(budget, ctx, identities, tables):
    for table in tables:
        if ctx.unread_columns(table):
            continue  # a part may be in the column the reader could not name (P003, said once)
        cols = set(measures_of(table))
        for whole, parts, when, unless in identities:
            if whole not in cols or not cols & set(when) or cols & set(unless):
                continue
            present = [p for p in parts if p in cols]
            if "basic" in parts and "basic" not in cols and {"personnel", "public"} <= cols:
                present += ["personnel", "public"]  # 基本支出 printed only as 人员支出 | 公用支出 (Hangzhou)
            names = [(p, ctx.measure_zh(p), p in _ALWAYS_NAMED) for p in present]
            for row in table.rows:
                if not row.cells:
                    continue
                # Blank optional columns (经营支出, 上缴上级 …) are left out of the message, not the sum.
                got = [(zh, amount) for p, zh, always in names if (amount := row.get(p)) is not None or always]
                if all(amount is None for _, amount in got):
                    continue  # no part printed on the line (a total column alone): nothing to add up
                if row.get(whole) is None and row.level is RowLevel.LINE and not row.code:
                    continue  # a labelled line of parts only (a 决算's 人员经费合计 | 公用经费合计): no 合计 printed
                f = sum_mismatch(ctx, table, row, whole, got)
                if f:
                    yield f


@rule(code="S104", name="total-equals-sum-of-columns", severity=E,
      tables=(*BY_CODE_TABLES, "general_budget_by_unit"), any_table=True,
      title="合计栏应等于各组成栏之和",
      explanation="每一行的“合计”应等于基本支出 + 项目支出（+ 事业单位经营支出 + 上缴上级支出 + 对附属单位补助支出）；"
                  "经济分类基本支出表中合计 = 人员经费 + 公用经费；收入总表中合计 = 各收入来源之和。",
      example=Example("2080505 | 合计 31.60 | 基本支出 31.50 | 项目支出 0.00",
                      "表3 支出总表 2080505 机关事业单位基本养老保险缴费支出：合计 31.60 ≠ 基本支出 31.50 + 项目支出 0.00，相差 0.10 万元"))
def total_equals_sum_of_columns(budget, ctx):
    tables = [t for tid in (*BY_CODE_TABLES, "general_budget_by_unit") if (t := budget.table(tid))]
    yield from _column_identity(budget, ctx, _COLUMN_IDENTITIES, tables)


@rule(code="S105", name="basic-equals-personnel-plus-public", severity=E,
      tables=("general_budget_by_function", "general_budget_by_unit"), any_table=True,
      title="基本支出应等于人员经费与公用经费之和",
      explanation="每一行的基本支出（小计）应等于人员经费 + 公用经费。",
      example=Example("215 | 基本支出 385.99 | 人员经费 334.33 | 公用经费 50.66",
                      "表5-1 一般公共预算支出表(分功能科目) 215 资源勘探工业信息等支出：基本支出 385.99 ≠ 人员经费 334.33 + 公用经费 50.66，相差 1.00 万元"))
def basic_equals_personnel_plus_public(budget, ctx):
    tables = [t for tid in ("general_budget_by_function", "general_budget_by_unit") if (t := budget.table(tid))]
    yield from _column_identity(budget, ctx, (("basic", ("personnel", "public"), ("personnel", "public"), ()),), tables)


def _two_sided(budget):
    return [t for tid in TWO_SIDED_TABLES if (t := budget.table(tid)) is not None]


@rule(code="S106", name="income-totals", severity=E, tables=TWO_SIDED_TABLES, any_table=True,
      title="收入合计与收入总计",
      explanation="收支总表和财政拨款收支总表中，本年收入合计应等于各项收入之和，"
                  "收入总计应等于本年收入合计 + 上年结转结余。",
      example=Example("一般公共预算拨款收入 778.64 | 本年收入合计 788.64",
                      "表1 收支总表 本年收入合计：预算数 788.64 ≠ 各项收入之和 778.64，相差 10.00 万元"))
def income_totals(budget, ctx):
    for table in _two_sided(budget):
        current = side_line(table, "income_current_total", Side.INCOME)
        sources = [r for r in table.rows if r.side in (Side.INCOME, None) and r.item in INCOME_SOURCES]
        if not any(r.item in ("general_budget", "gov_fund", "state_capital") for r in sources):
            # Fiscal grants printed as one line (Guangzhou "预算拨款") count as a source.
            sources += [r for r in table.rows if r.side in (Side.INCOME, None) and r.item == "fiscal_grant"]
        if current is not None and sources and line_amount(current) is not None:
            parts = [line_amount(r) for r in sources]
            f = compare(ctx, current, actual=line_amount(current), expected=total(parts),
                        where=f"{table.label} {current.name}", what=ctx.amount_word, expected_label="各项收入之和",
                        tolerance_of=parts, unit=table.unit)
            if f:
                yield f
        grand = side_line(table, "income_total", Side.INCOME)
        if grand is None or current is None:
            continue
        # A 决算's balance carried into the year is its 年初结转和结余.
        carry = side_line(table, "carryover", Side.INCOME) or side_line(table, "year_begin_balance", Side.INCOME)
        carry_amount = line_amount(carry)
        subs = [line_amount(r) for r in table.rows if r.item and r.item.startswith(("carryover_", "year_begin_"))]
        carry_value = carry_amount.value if carry_amount else total(subs)
        # Balances used, printed between the two totals (Xi'an: 使用非财政拨款结余 / 用事业基金弥补收支差额,
        # 上年实户资金余额), are parts of 收入总计 too.
        others = [r for r in _between(table, current, grand) if r.item in _BALANCE_ITEMS]
        other_amounts = [line_amount(r) for r in others]
        added = carry_value + total(other_amounts)
        label = "".join(f" + {r.name} {ctx.fmt(total([a]), table.unit)}" for r, a in zip(others, other_amounts)
                        if a is not None and a.value != 0)
        f = compare(ctx, grand, actual=line_amount(grand), expected=line_amount(current).value + added
                    if line_amount(current) else added,
                    where=f"{table.label} {grand.name}", what=ctx.amount_word,
                    expected_label=f"本年收入合计 {ctx.fmt(total([line_amount(current)]), table.unit)} + "
                                   f"{carry.name if carry is not None and carry.item == 'year_begin_balance' else '上年结转'} "
                                   f"{ctx.fmt(carry_value, table.unit)}{label} =",
                    tolerance_of=[line_amount(current), carry_amount, *subs, *other_amounts], unit=table.unit)
        if f:
            yield f


_BALANCE_ITEMS = frozenset({"non_fiscal_balance_used", "nonfiscal_balance_used", "prior_account_balance"})


def _between(table, first, last):
    """The income lines printed after `first` and before `last` (rows keep the printed order)."""
    rows = [r for r in table.rows if r.side in (Side.INCOME, None)]
    try:
        start, end = rows.index(first), rows.index(last)
    except ValueError:
        return []
    return rows[start + 1:end]


@rule(code="S107", name="expenditure-totals", severity=E, tables=TWO_SIDED_TABLES, any_table=True,
      title="支出合计与支出总计",
      explanation="收支总表和财政拨款收支总表中，本年支出合计应等于按功能分类各类支出之和，"
                  "支出总计应等于本年支出合计 + 年终结转结余。",
      example=Example("208 80.63 | 210 51.90 | 本年支出合计 142.53",
                      "表1 收支总表 本年支出合计：预算数 142.53 ≠ 各类支出之和 132.53，相差 10.00 万元"))
def expenditure_totals(budget, ctx):
    for table in _two_sided(budget):
        current = side_line(table, "expenditure_current_total", Side.EXPENDITURE)
        classes = class_lines(table)
        if current is not None and classes:
            parts = [line_amount(r) for r in classes]
            f = compare(ctx, current, actual=line_amount(current), expected=total(parts),
                        where=f"{table.label} {current.name}", what=ctx.amount_word, expected_label="各类支出之和",
                        tolerance_of=parts, unit=table.unit)
            if f:
                yield f
        grand = side_line(table, "expenditure_total", Side.EXPENDITURE)
        if grand is None or current is None:
            continue
        balance = line_amount(side_line(table, "year_end_balance", Side.EXPENDITURE))
        expected = total([line_amount(current), balance])
        f = compare(ctx, grand, actual=line_amount(grand), expected=expected,
                    where=f"{table.label} {grand.name}", what=ctx.amount_word,
                    expected_label="本年支出合计 + 年终结转结余", tolerance_of=[line_amount(current), balance],
                    unit=table.unit)
        if f:
            yield f


@rule(code="S108", name="income-equals-expenditure", severity=E, tables=TWO_SIDED_TABLES, any_table=True,
      title="收入总计应等于支出总计",
      explanation="收支总表和财政拨款收支总表两侧必须平衡：收入总计 = 支出总计。",
      example=Example("收入总计 778.64 | 支出总计 768.64",
                      "表1 收支总表 支出总计：预算数 768.64 ≠ 收入总计 778.64，相差 10.00 万元"))
def income_equals_expenditure(budget, ctx):
    for table in _two_sided(budget):
        inc = side_line(table, "income_total", Side.INCOME)
        exp = side_line(table, "expenditure_total", Side.EXPENDITURE)
        if inc is None or exp is None:
            continue
        f = compare(ctx, exp, actual=line_amount(exp), expected=total([line_amount(inc)]),
                    where=f"{table.label} {exp.name}", what=ctx.amount_word, expected_label="收入总计",
                    tolerance_of=[line_amount(inc)], unit=table.unit)
        if f:
            yield f


@rule(code="S109", name="three-public-total", severity=E, tables=("three_public",),
      title="“三公”经费合计与车辆费小计",
      explanation="“三公”经费合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费；"
                  "公务用车购置及运行费 = 公务用车购置费 + 公务用车运行费。空白栏按 0 计。"
                  "分单位列示时，部门的各栏应等于各单位之和。",
      example=Example("合计 5.00 | 出国 0 | 车辆 3.00 | 接待 1.00",
                      "表7 一般公共预算“三公”经费支出表：“三公”经费合计 5.00 ≠ 因公出国（境）费 0.00 + 公务用车购置及运行费 3.00 + 公务接待费 1.00，相差 1.00 万元"))
def three_public_total(budget, ctx):
    table = budget.table("three_public")
    for row in table.rows:
        if not row.cells:
            continue
        for whole, parts in (("three_public_total", ("abroad", "vehicle_total", "reception")),
                             ("vehicle_total", ("vehicle_purchase", "vehicle_operation"))):
            if row.get(whole) is None and not any(row.get(p) for p in parts):
                continue
            got = [(ctx.measure_zh(p), row.get(p)) for p in parts]
            where = table.label if row.level is RowLevel.TOTAL or len(table.rows) == 1 else f"{table.label} {row.label}"
            f = compare(ctx, row, actual=row.get(whole), expected=total(a for _, a in got), where=where,
                        what=ctx.measure_zh(whole), expected_label=plus(ctx, got, table.unit),
                        tolerance_of=[a for _, a in got], unit=table.unit, measure=whole, show_expected=False)
            if f:
                yield f
    units = [r for r in table.rows if r.level is RowLevel.UNIT]
    # A unit whose code heads other units' (Xi'an: 119 over 119001…) is their subtotal, not a part.
    keys = [u.code or (u.name if u.name.isdigit() else None) for u in units]
    units = [u for u, k in zip(units, keys) if not (k and any(o and o != k and o.startswith(k) for o in keys))]
    if units and table.rows[0].level is not RowLevel.UNIT and table.rows[0].cells:
        # The department's lines over each unit's (Shenzhen 表9): the department's is the units' sum.
        yield from _sum_of_rows(ctx, table, table.rows[0], units, "合计", "各单位之和")


@rule(code="S110", name="project-equals-sum-of-subprojects", severity=E, tables=("projects",),
      title="一级项目应等于所属二级项目之和",
      explanation="项目支出表中，一级项目的每一金额栏应等于其下二级项目之和，合计应等于各项目之和。",
      example=Example("一级 工业经济保障经费 138.00 | 二级 信息化应用与产业研究 128.00",
                      "表10 项目支出表 工业经济保障经费：合计 138.00 ≠ 所属二级项目之和 128.00，相差 10.00 万元"))
def project_equals_sum_of_subprojects(budget, ctx):
    table = budget.table("projects")
    for parent in (r for r in table.rows if r.level is RowLevel.PROJECT):
        subs = subprojects_of(table, parent)
        if not subs:
            continue
        for m in measures_of(table):
            parts = [s.get(m) for s in subs]
            f = compare(ctx, parent, actual=parent.get(m), expected=total(parts),
                        where=f"{table.label} {parent.label}", what=ctx.measure_zh(m),
                        expected_label="所属二级项目之和", tolerance_of=parts, unit=table.unit, measure=m)
            if f:
                yield f
    total_row = table.total_row()
    tops = _top_projects(table.rows)
    if total_row is not None and tops:
        yield from _sum_of_rows(ctx, table, total_row, tops, "合计", "各项目之和")


def _top_projects(rows):
    return [r for r in rows if r.level is RowLevel.PROJECT] or [r for r in rows if r.level is RowLevel.SUBPROJECT]


@rule(code="S111", name="project-funding-sources", severity=E, tables=("projects",),
      title="项目合计应等于各资金来源之和",
      explanation="项目支出表中每个项目的合计应等于本年拨款、财政拨款结转结余、财政专户管理资金、单位资金等各来源之和。",
      example=Example("电子政务系统运行维护 | 合计 72.00 | 一般公共预算 70.00",
                      "表10 项目支出表 42010026301Y000000103 电子政务系统运行维护：合计 72.00 ≠ 一般公共预算拨款 70.00，相差 2.00 万元"))
def project_funding_sources(budget, ctx):
    table = budget.table("projects")
    cols = [m for m in measures_of(table) if m in FUNDING_COLUMNS]
    if "total" not in measures_of(table) or not cols:
        return
    if ctx.unread_columns(table):
        raise Skip(f"{table.label} 有未能读取的资金来源栏（见 P003），不核对各来源之和")
    for row in table.rows:
        if not row.cells:
            continue
        got = [(ctx.measure_zh(m), row.get(m)) for m in cols if row.get(m) is not None] or \
              [(ctx.measure_zh(cols[0]), None)]
        f = compare(ctx, row, actual=row.get("total"), expected=total(a for _, a in got),
                    where=f"{table.label} {row.label}", what="合计", expected_label=plus(ctx, got, table.unit),
                    tolerance_of=[a for _, a in got], unit=table.unit, measure="total", show_expected=False)
        if f:
            yield f


LABEL_TREE_TABLES = ("procurement", "purchase_services")


@rule(code="S140", name="label-tree-subtotals", severity=E, tables=LABEL_TREE_TABLES, any_table=True,
      title="政府采购、购买服务表的合计与小计应等于所属各行之和",
      explanation="政府采购预算表、政府购买服务预算表中，合计行的每一金额栏应等于最外层各行之和；"
                  "分组小计行（采购品目大类、单位等）应等于其下一层各行之和。",
      example=Example("合计 188.60 | 货物 5.50 | 服务 183.00",
                      "表13 政府采购支出表 合计：政府采购预算 188.60 ≠ 所属各行之和（货物 5.50 + 服务 183.00） 188.50，相差 0.10 万元"))
def label_tree_subtotals(budget, ctx):
    for table in (t for tid in LABEL_TREE_TABLES if (t := budget.table(tid)) is not None):
        levels = [r.level for r in table.rows]
        for index, parent in enumerate(table.rows):
            if parent.level not in (RowLevel.TOTAL, RowLevel.GROUP):
                continue
            kids = [table.rows[i] for i in tree_children(levels, index)]
            if not kids:
                continue
            where = f"{table.label} {parent.name}"
            for m in measures_of(table):
                parts = [k.get(m) for k in kids]
                f = compare(ctx, parent, actual=parent.get(m), expected=total(parts), where=where,
                            what=ctx.measure_zh(m), tolerance_of=parts, unit=table.unit, measure=m,
                            expected_label=lambda: "所属各行之和（{}）".format(" + ".join(
                                f"{k.name} {ctx.fmt(k.value(m), table.unit)}" for k in kids)))
                if f:
                    yield f
