"""C: what must be in the document — tables and sections listed, required, explained when empty."""
from __future__ import annotations

import re
from functools import cache

from ...extract.subjects import none_subject
from ...extract.tables import SAYS_EMPTY
from ...model import DocumentKind, Severity
from ...reference.layouts import layout_ids, load_layout
from ...reference.table_kinds import table_kinds
from ..context import Skip
from ..registry import Example, rule
from .common import norm_name

E, W = Severity.ERROR, Severity.WARNING


def _present(budget, table_id):
    """Printed in the document: read, or on its pages but not read (a P001 notice says so once)."""
    if any(t.kind == table_id for t in budget.unread_tables):
        return True
    if table_id == "overall_performance":
        return budget.overall_performance is not None
    if table_id == "project_performance":
        return bool(budget.project_performance)
    return budget.table(table_id) is not None


def _required(budget, ctx):
    """(table id, label) of the tables the document must publish: its layout's, or — when no layout
    file matched and one was assumed — the national template's (reference/vocabulary/table_kinds.yaml)."""
    if budget.layout_assumed:
        return [(kind.id, kind.name) for kind in table_kinds() if kind.id in _required_everywhere()]
    if ctx.layout is None:
        return []
    return [(spec.id, spec.label) for spec in ctx.layout.tables if spec.required]


@cache
def _required_everywhere() -> frozenset[str]:
    """The national template's tables that every known layout requires too: a region words and splits
    the others its own way (Shenzhen has no 一般公共预算基本支出表 but a 基本支出总表 by source), so
    only these are asked of a document whose region has no layout file."""
    national = {kind.id for kind in table_kinds() if kind.required}
    for layout_id in layout_ids():
        national &= {spec.id for spec in load_layout(layout_id).tables if spec.required}
    return frozenset(national)


def _tables_apart(budget):
    """The file holds no table and says they are published apart (reading notice P009): none is missing."""
    if budget.tables_elsewhere is not None:
        raise Skip(f"文档说明预算报表另行公开（“{budget.tables_elsewhere.text}”），本文件不含表格")


def _toc_missing(budget):
    """Canonical ids of tables the contents lists but the body lacks, with the first entry naming each.
    A table printed under the entry's number but not read (its title not found) is not lacking."""
    unread_numbers = {t.number for t in budget.unread_tables if t.number}
    out = {}
    for entry in budget.toc:
        if entry.number and entry.number in unread_numbers:
            continue
        if entry.table and not _present(budget, entry.table) and entry.table not in out:
            out[entry.table] = entry
    return out


def _unidentified(budget):
    """Tables on the pages whose kind the reader could not tell: any of them may be the one asked for."""
    unknown = [t for t in budget.unread_tables if t.kind is None]
    if unknown:
        pages = "、".join(str(t.source.page) for t in unknown[:5] if t.source and t.source.page)
        raise Skip(f"有 {len(unknown)} 张表未能识别（第{pages}页…），不能断定缺少哪张表")


@rule(code="C001", name="listed-table-absent", severity=E, needs=("toc",),
      title="目录所列表格缺失",
      explanation="目录（或表格清单）列出的表格在正文中找不到。",
      example=Example("目录：二、收入总表 | 正文：表1、表3 …（无表2）", "目录列出“表2 收入总表”，但正文中没有该表"))
def listed_table_absent(budget, ctx):
    _tables_apart(budget)
    for table_id, entry in _toc_missing(budget).items():
        label = ctx.table_label(table_id)
        yield ctx.finding(entry, f"目录列出“{label}”，但正文中没有该表", expected=label, actual="缺失",
                          table=table_id)


@rule(code="C002", name="required-table-absent", severity=E, needs=("whole_document",),
      title="版式要求的表格缺失",
      explanation="该版式要求公开的表格在文档中没有（目录中也未列出；目录已列出的由 C001 报告，只报一次）。"
                  "文档的地区没有版式文件时，只要求全国统一公开模板中各地版式都要求的表格（收支总表、收入总表、财政拨款收支总表、一般公共预算支出表、“三公”经费支出表）；页面上有而未能读取的表格不算缺失（已由 P001 说明）。",
      example=Example("武汉单位预算 12 张表，正文缺表7", "缺少版式要求的“表7 一般公共预算“三公”经费支出表”"))
def required_table_absent(budget, ctx):
    if ctx.layout is None:
        return
    _tables_apart(budget)
    _unidentified(budget)
    if budget.kind is DocumentKind.FINAL_ACCOUNTS and (ctx.layout.kind != DocumentKind.FINAL_ACCOUNTS.value):
        raise Skip("本文件是决算：版式要求的是预算表格，不按预算表格检查缺表")
    listed = _toc_missing(budget)
    by = "全国统一公开模板" if budget.layout_assumed else "版式"
    for table_id, label in _required(budget, ctx):
        if table_id == "project_performance" and not _spends_on_projects(budget):
            continue  # no project, no project's performance form
        if not _present(budget, table_id) and table_id not in listed:
            yield ctx.finding(budget, f"缺少{by}要求的“{label}”", expected=label, actual="缺失", table=table_id)


def _spends_on_projects(budget) -> bool:
    """The tables show project spending: 项目支出 in 支出总表's 合计, or a project with an amount in 项目支出表.
    Unknown (neither table read) counts as spending, so a missing form is still reported."""
    t3, t10 = budget.table("expenditure_summary"), budget.table("projects")
    if t3 is None and t10 is None:
        return True
    head = t3.total_row() if t3 is not None else None
    if head is not None and head.get("project") is not None and head.value("project") != 0:
        return True
    return t10 is not None and any(c.amount.value != 0 for r in t10.rows for c in r.cells)


@rule(code="C003", name="required-section-absent", severity=W, needs=("narrative", "whole_document"),
      title="情况说明缺少规定的部分",
      explanation="第三部分情况说明应按版式逐项说明（收支总体、收入、支出、财政拨款、一般公共预算、基本支出、“三公”、"
                  "政府性基金、国有资本经营、项目支出、其他重要事项）；缺少的部分在此报告。",
      example=Example("第三部分只有一至九", "情况说明缺少“十、项目支出安排情况”"))
def required_section_absent(budget, ctx):
    if ctx.layout is None:
        return
    if budget.layout_assumed:
        raise Skip(f"未能确定文档所属地区的版式，“{ctx.layout.name}”的各部分均不对应本文档，不按该版式逐项检查")
    have_topics = {s.topic for s in budget.narrative if s.topic}
    have_titles = {norm_name(s.title) for s in budget.narrative}
    missing = [spec for spec in ctx.layout.narrative
               if spec.topic not in have_topics and norm_name(spec.title) not in have_titles and not spec.optional]
    if ctx.layout.narrative and len(missing) == len(ctx.layout.narrative):
        # Not one section is the layout's: the narrative follows another template (a narrative-only
        # file read under an assumed layout, Xi'an 2019's 部门综合预算说明), not this one with parts left out.
        raise Skip(f"情况说明的各部分与版式“{ctx.layout.name}”的部分均不对应，不按该版式逐项检查")
    for spec in missing:
        yield ctx.finding(budget, f"情况说明缺少“{spec.number}、{spec.title}”", expected=spec.title, actual="缺失",
                          section=f"{spec.number}、{spec.title}")


# The tables a budget leaves empty when it has no such funds. Of a document read on an assumed layout,
# an empty table of another kind is a table read with another region's columns, not one printed empty.
_EMPTY_BY_NATURE = frozenset({"gov_fund_by_function", "state_capital_by_function", "gov_fund_summary", "three_public"})
# The income line of the two-sided tables whose money a by-function table spends: '政府性基金预算拨款收入
# 0 万元' says why 政府性基金预算支出表 is empty (Beijing 情况说明 二、收入预算).
_FUND_OF_TABLE = {"gov_fund_by_function": "gov_fund", "state_capital_by_function": "state_capital"}
# '政府性基金拨款支出预算为0', '…支出预算为 0 元', '…为零': a zero the text states without a unit (no claim
# is read from it) — the words before it name what is zero.
_ZERO_STATED = re.compile(r"(?P<words>[^，,。；;：:！？!?\d]{2,40}?)\s*(?:为|是)?\s*(?:(?<![\d.,])0(?:\.0+)?(?![\d.,%％])|零)"
                          r"\s*(?:万元|元)?(?=[，,。；;、）)]|\s*$)")


def _explained_by_text(budget, ctx, table):
    """The narrative sentence saying the table's figure is none or 0 ('本单位无国有资本经营预算支出',
    '政府性基金拨款支出预算为0', '国有资本经营预算拨款收入0 万元'), or None."""
    fund = _FUND_OF_TABLE.get(table.id)
    for claim in ctx.claims:
        if not (claim.none_stated or (claim.amount is not None and claim.amount.value == 0)):
            continue
        subject = claim.subject
        if subject.table == table.id or (fund and subject.kind == "income_source" and subject.code == fund):
            return claim.text
    for section in budget.narrative:
        for paragraph in section.paragraphs:
            for m in _ZERO_STATED.finditer(paragraph.text):
                subject = none_subject(m.group("words"), section.topic, budget)
                if subject is not None and subject.table == table.id:
                    return m.group().strip()
    return None


@rule(code="C004", name="empty-table-unexplained", severity=E,
      title="空表没有说明原因",
      explanation="没有数据的表格（如政府性基金预算支出表）应说明为什么为空：表中或表下的说明（“本年度没有使用……安排的支出”），"
                  "目录（报表目录）“是否空表”一栏标明为空表，或情况说明中任一处说该项为 0 或没有"
                  "（“政府性基金预算支出为0”“本单位无国有资本经营预算支出”“政府性基金预算拨款收入0 万元”）都算说明。"
                  "表中有未能读取的行时不报告（表中内容未知，不能说是空表）。",
      example=Example("表8 政府性基金预算支出表 | （无数据，无说明）", "表8 政府性基金预算支出表 为空表，但没有说明原因"))
def empty_table_unexplained(budget, ctx):
    if budget.layout_assumed and not budget.narrative:
        # The explanation may be in prose the reader did not take for the 情况说明 (an unnumbered
        # "2026年单位预算编制说明"): whether an empty table is explained is not known.
        raise Skip("版式未能确定，且未读到情况说明：空表是否已在说明中解释无法判断")
    for table in budget.tables:
        if budget.layout_assumed and table.id not in _EMPTY_BY_NATURE:
            continue
        if table.is_empty and not (table.empty_note or "").strip() and not ctx.unread_lines(table):
            if _explained_by_text(budget, ctx, table) is None:
                yield ctx.finding(table, f"{table.label} 为空表，但没有说明原因", expected="空表说明", actual="无")


@rule(code="C005", name="empty-noted-table-has-values", severity=E,
      title="注明为空表的表格中有数",
      explanation="表下注明“本表为空”“空表”（或目录“是否空表”一栏标明为空表）的表格中却有不为零的金额："
                  "说明与表格矛盾，其中之一有误。",
      example=Example("表8 政府性基金预算支出表 | 合计 12.00 | 注：本单位无政府性基金预算，本表为空表",
                      "表8 政府性基金预算支出表 注明“注：本单位无政府性基金预算，本表为空表”，但表中有数：合计 12.00 万元"))
def empty_noted_table_has_values(budget, ctx):
    for table in budget.tables:
        note = (table.empty_note or "").strip()
        if not note or not SAYS_EMPTY.search(note):
            continue
        found = next(((r, c) for r in table.rows for c in r.cells if c.amount.value != 0), None)
        if found is None:
            continue
        row, cell = found
        a = cell.amount
        shown = f"{row.label} {ctx.fmt(a.value, a.unit, a.places)} {a.unit.value}"  # as printed
        yield ctx.finding(row, f"{table.label} 注明“{note}”，但表中有数：{shown}",
                          expected="空表", actual=shown, table=table.id, measure=cell.measure)
