"""Extraction: RawDocument → (Budget, reading findings), by layout profile."""
from __future__ import annotations

from dataclasses import replace as dc_replace

from ..model import (AmountUnit, Budget, DocumentKind, DocumentNote, Finding, Location, OverallPerformance, ProjectPerformance,
                     Table, UnreadTable)
from ..read.gc_pause import gc_paused_call
from ..read.raw import RawDocument, UnreadableError
from ..reference.layouts import GRID_SHAPES, Layout, normalize_label
from ..reference.table_kinds import kind_of_title
from .catalog import with_catalog_notes
from .context import ExtractContext
from .final_narrative import execution_claims, with_compared_years
from .front import read_front
from .identify import identify
from .inset_tables import InsetTable, find_inset_tables, inset_spec, prints_figures, report_unread, without
from .layout_detect import detect_layout
from .narrative import read_narrative
from .perf_attachment import attachment_notice, find_project_list, read_attachment
from .perf_list import block_to_overall_list, block_to_project_list
from .performance import block_to_overall, block_to_project, forms_in_block
from .sections import as_narrative, split_document, tables_apart
from .stated import stated_figures
from .tables import block_to_table



def _names_three_public(title: str) -> bool:
    """The title names the “三公” table (its defining word), whatever else it lists (会议费、培训费)."""
    return "三公" in title


def _by_title(title: str, spec, layout: Layout) -> str:
    """How a title matched: a name the layout (or, assumed, any known layout) gives the table, else
    the words the vocabulary reads (reference/table_kinds.py)."""
    key = normalize_label(title)
    if any(normalize_label(name) in key for name in spec.names):
        return "已知各地的表名" if layout.assumed else "版式表名"
    return f"标题用词“{title}”"


@gc_paused_call  # one document's burst of model objects: see read/gc_pause.py
def extract(raw: RawDocument, layout: Layout | None = None,
            withheld: frozenset[str] = frozenset()) -> tuple[Budget, tuple[Finding, ...]]:
    """Rebuild the typed model of a document. Never raises on a bad document: problems are findings.
    `withheld`: layout ids not to detect (reading a region as if it had no layout file)."""
    sure = True
    if layout is None:
        layout, sure = detect_layout(raw, withheld)
    ctx = ExtractContext(path=raw.path, layout=layout, unit=AmountUnit(layout.unit))
    for note in raw.notes:
        ctx.issue("P004", note)
    parts = split_document(raw, layout)
    parts = as_narrative(raw, parts) or parts
    if not parts.tables and not parts.narrative:
        found = find_project_list(raw)
        if found is None:
            raise UnreadableError(f"{raw.path}：没有找到任何预算表格或情况说明，不像是一份预算公开文件")
        # Only the project performance forms, published apart from the budget: no layout applies.
        return read_attachment(raw, *found, ctx), tuple(ctx.issues)
    if not sure and layout.kind == DocumentKind.BUDGET.value:
        ctx.issue("P005", f"未能确定文档所属地区的版式，按全国统一公开模板（以“{layout.name}”为底，并识别各地的表名、表头和项目名称）读取")
    front = read_front(parts, ctx)
    # No cover saying 决算, but the tables' titles are a 决算's (收入支出决算总表, 支出决算表 …): a 决算.
    titled_final = front.kind is DocumentKind.BUDGET and not sure and \
        detect_layout(raw, withheld, kind=DocumentKind.FINAL_ACCOUNTS.value)[1]
    if (front.kind is DocumentKind.FINAL_ACCOUNTS or titled_final) and layout.kind != DocumentKind.FINAL_ACCOUNTS.value:
        # A 决算 (its cover says so): its tables (收入支出决算总表 …) print other columns than a budget's;
        # read again on the national template of final accounts.
        layout, sure = detect_layout(raw, withheld, kind=DocumentKind.FINAL_ACCOUNTS.value)
        ctx = ExtractContext(path=raw.path, layout=layout, unit=AmountUnit(layout.unit))
        for note in raw.notes:
            ctx.issue("P004", note)
        parts = split_document(raw, layout)
        parts = as_narrative(raw, parts) or parts
        front = read_front(parts, ctx)
        if titled_final:
            front = dc_replace(front, kind=DocumentKind.FINAL_ACCOUNTS)
    ctx.year = front.year or None

    tables: list[Table] = []
    unread: list[UnreadTable] = []
    overall: OverallPerformance | None = None
    projects: list[ProjectPerformance] = []
    for block in parts.tables:
        # The layout's own title, else what the title's words and the rows' codes say, else (a title
        # naming no kind) the layout's numbering — a number says least: regions number alike tables
        # differently, and an assumed layout's numbering says nothing.
        spec = layout.match_title(block.title, by_kind=False) if block.title else None
        identified_by = _by_title(block.title, spec, layout) if spec is not None else None
        if spec is None:
            found = identify(block, layout)
            spec, identified_by = (found.spec, "，".join(found.evidence)) if found else (None, None)
        if spec is None and block.number and sure and not (block.title and kind_of_title(block.title)):
            spec = next((t for t in layout.tables if t.number == block.number.split("-")[0] or t.number == block.number), None)
            identified_by = f"版式表号（表{block.number}）" if spec is not None else None
            if spec is not None and block.title and _names_three_public(block.title) != (spec.id == "three_public"):
                spec = None  # the number says "三公" and the title another table, or the reverse
        if spec is None and block.title and _names_three_public(block.title):
            spec = layout.table("three_public")  # a title the layout does not list, naming the “三公” table
        if spec is None and block.title:
            spec = layout.match_title_variant(block.title)
        if spec is None:
            ctx.issue("P001", f"表{block.number or ''}“{block.title}”不是“{layout.name}”中的表格，未读取",
                      Location(table_title=block.title, source=ctx.source(block.heading)))
            unread.append(UnreadTable(title=block.title, number=block.number,
                                      kind=kind_of_title(block.title) if block.title else None,
                                      source=ctx.source(block.heading)))
            continue
        if spec.shape in GRID_SHAPES:
            table = block_to_table(block, spec, ctx)
            tables.append(table.model_copy(update={"identified_by": identified_by or "标题用词"}))
        elif spec.shape == "overall_performance":
            overall = block_to_overall(block, spec, ctx)
        elif spec.shape == "project_performance":
            projects.extend(block_to_project(form, spec, ctx) for form in forms_in_block(block))
        elif spec.shape == "project_performance_list":
            projects.extend(block_to_project_list(block, spec, ctx))
        elif spec.shape == "overall_performance_list":
            overall = block_to_overall_list(block, spec, ctx)

    # Tables printed inside the prose: read when the layout expects them there, else reported.
    inset_read: list[InsetTable] = []
    for inset in find_inset_tables(parts.narrative):
        spec = inset_spec(inset, layout)
        if spec is not None and spec.shape == "project_performance":
            projects.append(block_to_project(inset.block(), spec, ctx))
        elif spec is not None and spec.shape in GRID_SHAPES:
            tables.append(block_to_table(inset.block(), spec, ctx))
        else:
            if prints_figures(inset):
                report_unread(inset, "情况说明", ctx)
            continue
        inset_read.append(inset)
    for part, lines in (("概况", parts.overview), ("名词解释", parts.glossary)):
        for inset in find_inset_tables(lines):
            if prints_figures(inset):
                report_unread(inset, part, ctx)

    tables = with_catalog_notes(tables, raw)
    apart = None
    if not tables and overall is None and not projects:
        line = tables_apart(raw)
        if line is not None:
            # Part one alone (Beijing), the tables an attachment: said once, not as each table missing.
            apart = DocumentNote(text=line.text.strip(), source=ctx.source(line))
            where = f"第{line.page}页" if line.page is not None else f"第{line.line_no}行"
            ctx.issue("P009", f"本文件没有预算报表：{where}“{apart.text}”说明报表另行公开；"
                              "不按缺表报告，关键数字取自情况说明的文字",
                      Location(source=apart.source))
    budget = Budget(
        unit=front.unit, year=front.year, kind=front.kind, level=front.level,
        amount_unit=ctx.unit, layout=layout.id, layout_assumed=not sure, title=front.title, source_file=raw.path,
        toc=front.toc, headings=front.headings, overview=front.overview, tables=tuple(tables), unread_tables=tuple(unread),
        overall_performance=overall,
        project_performance=tuple(projects), glossary=front.glossary, source=front.source,
        tables_elsewhere=apart,
    )
    narrative, other = read_narrative(without(parts.narrative, inset_read), budget, ctx)
    budget = budget.model_copy(update={"narrative": narrative, "other_matters": other})
    if budget.kind is DocumentKind.FINAL_ACCOUNTS:
        narrative = with_compared_years(narrative)
        budget = budget.model_copy(update={"narrative": narrative, "execution_claims": execution_claims(narrative, budget)})
    if not tables and not narrative and projects:
        # Nothing but project performance forms: an attachment published apart from the budget.
        title = budget.title or next((b.title for b in parts.tables if b.title), None)
        budget = budget.model_copy(update={"attachment": "project_performance", "title": title})
        ctx.issues = [i for i in ctx.issues if i.code != "P005"]  # no layout applies to it
        attachment_notice(budget, ctx)
    budget = budget.model_copy(update={"stated_figures": stated_figures(budget)})
    return budget, tuple(ctx.issues)
