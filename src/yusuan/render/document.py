"""Budget + layout → the document outline every format prints: cover, contents, four parts.

Nothing here knows a file format. Text is never invented: a budget without narrative gets the
layout's section headings and no paragraphs; a table absent from the budget is not printed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import AmountUnit, Budget, DocumentLevel, Table
from ..reference.layouts import Layout, TableSpec, layout_ids, load_layout
from .forms import overall_grid, project_grid
from .conform import conform
from .grid import Grid, TableContext, chinese_number, table_grid

_NUMBERED = re.compile(r"^\s*(?:[一二三四五六七八九十廿]+、|[（(][一二三四五六七八九十廿\d]+[)）]|\d+[.、．])")


@dataclass(frozen=True)
class Heading:
    level: int  # 1 part, 2 section, 3 subsection
    text: str
    anchor: str | None = None


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class TableBlock:
    anchor: str
    label: str  # "表3 支出总表"
    table_id: str
    preparer: str  # "编制单位：武汉市工业信息化中心"
    unit_line: str  # "单位：万元"
    grid: Grid
    empty_note: str | None = None
    sheet_name: str = ""


@dataclass(frozen=True)
class TocItem:
    level: int
    text: str
    anchor: str


@dataclass
class Part:
    anchor: str
    title: str
    blocks: list = field(default_factory=list)


@dataclass
class Document:
    title: str  # "武汉市工业信息化中心2026年单位预算"
    unit_name: str
    year: int
    cover_lines: tuple[str, ...]
    running_head: str  # printed at the top of every page
    parts: list[Part]
    layout: Layout

    @property
    def toc(self) -> list[TocItem]:
        items = []
        for part in self.parts:
            items.append(TocItem(1, part.title, part.anchor))
            for block in part.blocks:
                if isinstance(block, Heading) and block.anchor and block.level == 2:
                    items.append(TocItem(2, block.text, block.anchor))
                elif isinstance(block, TableBlock):
                    items.append(TocItem(2, block.label, block.anchor))
        return items

    @property
    def tables(self) -> list[TableBlock]:
        return [b for p in self.parts for b in p.blocks if isinstance(b, TableBlock)]


def resolve_layout(budget: Budget, layout: str | Layout | None) -> Layout:
    if isinstance(layout, Layout):
        return layout
    return load_layout(layout or budget.layout or "wuhan_unit")


def numbered(n: int, title: str) -> str:
    return title if _NUMBERED.match(title) else f"{chinese_number(n)}、{title}"


def paragraphs(text: str) -> list[Para]:
    return [Para(line.strip()) for line in text.splitlines() if line.strip()]


def sheet_name(number: str | None, title: str) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\."""
    name = f"表{number} {title}" if number else title
    name = re.sub(r"[\[\]:*?/\\]", "", name)
    return name[:31]


def _table_block(table: Table, spec: TableSpec, layout: Layout, budget: Budget, preparer: str,
                 own: bool = False) -> TableBlock:
    ctx = TableContext(spec, layout, budget.year, own)
    grid = table_grid(table, ctx)
    # In its own layout a table keeps the number and title its document printed ("2026年度收支预算总表",
    # no number): the reader finds the table by that title as it did in the source.
    number, title = (table.number, table.title) if own and table.title else (spec.number, spec.title)
    label = f"表{number} {title}" if number else title
    # The note printed under the table; one saying "本表为空" over a table with values (a template note
    # left in, Shanghai 万里 2024 p31) is rendered as printed too: the check reports it (C005).
    note = table.empty_note
    return TableBlock(f"table-{spec.id}", label, table.id, preparer, f"单位：{ctx.unit(table).value}", grid, note,
                      sheet_name(number, title))


def _fallback_spec(table: Table) -> TableSpec:
    """A table the layout does not know: another layout's spec for it, else its own columns."""
    for other in layout_ids():
        spec = load_layout(other).table(table.id)
        if spec is not None:
            return spec
    shape = "by_code" if any(r.code for r in table.rows) else "single_row"
    return TableSpec(id=table.id, number=table.number or "", title=table.title, shape=shape,
                     columns=tuple(c.measure for c in table.columns))


def build_document(budget: Budget, layout: str | Layout | None = None) -> Document:
    lay = resolve_layout(budget, layout)
    unit = budget.unit.name
    level = budget.level.value
    kind = budget.kind.value
    year = budget.year
    title = budget.title or f"{unit}{year}年{level}{kind}"
    preparer = f"{'编制部门' if budget.level is DocumentLevel.DEPARTMENT else '编制单位'}：{unit}"
    who = "预算主管部门" if budget.level is DocumentLevel.DEPARTMENT else "预算单位"
    cover = (unit, f"{year}年{level}{kind}", f"{who}：{unit}")

    part1 = Part("part-1", f"第一部分 {unit}概况")
    for i, section in enumerate(budget.overview, 1):
        part1.blocks.append(Heading(2, numbered(i, section.title), f"overview-{i}"))
        part1.blocks += paragraphs(section.text)

    part2 = Part("part-2", f"第二部分 {unit}{year}年{level}{kind}表")
    # Printed in another layout than its own, a table takes that layout's form (render/conform.py);
    # a table the layout does not have is left out and named in a closing note, never printed
    # under a number of the layout it does not belong to.
    foreign = lay.id != budget.layout
    seen: set[str] = set()
    for spec in lay.tables:
        if spec.shape in ("overall_performance", "project_performance"):
            continue
        table = budget.table(spec.id)
        if table is None:
            continue
        seen.add(spec.id)
        part2.blocks.append(_table_block(conform(table, spec, budget) if foreign else table, spec, lay, budget,
                                         preparer, own=not foreign))
    left_out = []
    for table in budget.tables:
        if table.id in seen:
            continue
        if foreign:
            left_out.append(table.title)
            continue
        part2.blocks.append(_table_block(table, _fallback_spec(table), lay, budget, preparer, own=True))
    if foreign:
        left_out += [label for label in _performance_labels(budget) if not lay.table(_perf_id(label))]
        part2.blocks += [b for b in _performance_blocks(budget, lay, preparer) if lay.table(b.table_id)]
    else:
        part2.blocks += _performance_blocks(budget, lay, preparer)
    if left_out:
        part2.blocks.append(Para(f"注：{lay.name}没有以下表格，未列出：{'、'.join(left_out)}。"))

    part3 = Part("part-3", f"第三部分 {unit}{year}年{level}{kind}情况说明")
    _narrative(part3, budget, lay)

    parts = [part1, part2, part3]
    if budget.glossary:
        part4 = Part("part-4", "第四部分 名词解释")
        for i, entry in enumerate(budget.glossary, 1):
            term = entry.term if _NUMBERED.match(entry.term) else f"（{chinese_number(i)}）{entry.term}"
            lines = entry.definition.splitlines() or [""]
            part4.blocks.append(Para(f"{term}：{lines[0].strip()}"))
            part4.blocks += paragraphs("\n".join(lines[1:]))
        parts.append(part4)
    return Document(title, unit, year, cover, title, parts, lay)


def _performance_labels(budget: Budget) -> list[str]:
    labels = ["整体支出绩效目标表"] if budget.overall_performance is not None else []
    return labels + [f"项目支出绩效目标表（{p.project_name}）" for p in budget.project_performance]


def _perf_id(label: str) -> str:
    return "overall_performance" if label.startswith("整体") else "project_performance"


def _performance_blocks(budget: Budget, lay: Layout, preparer: str) -> list[TableBlock]:
    blocks = []
    wan = f"单位：{AmountUnit.WAN.value}"
    overall = lay.table("overall_performance")
    if budget.overall_performance is not None:
        number = overall.number if overall else None
        title = overall.title if overall else "整体支出绩效目标表"
        label = f"表{number} {title}" if number else title
        blocks.append(TableBlock("table-overall_performance", label, "overall_performance", preparer, wan,
                                 overall_grid(budget.overall_performance, budget.unit.name, budget.year),
                                 sheet_name=sheet_name(number, title)))
    spec = lay.table("project_performance")
    for i, project in enumerate(budget.project_performance, 1):
        base = spec.number if spec else None
        number = project.number or (f"{base}-{i}" if base else None)
        title = spec.title if spec else "项目支出绩效目标表"
        label = f"表{number} {title}" if number else f"{title}（{project.project_name}）"
        blocks.append(TableBlock(f"table-project_performance-{i}", label, "project_performance", preparer, wan,
                                 project_grid(project, budget.year), sheet_name=sheet_name(number, title)))
    return blocks


def _narrative(part: Part, budget: Budget, lay: Layout) -> None:
    sections = list(budget.narrative)
    if not sections:
        for n in lay.narrative:
            part.blocks.append(Heading(2, f"{n.number}、{n.title}", f"narrative-{n.topic}"))
            if n.topic == "other_matters":
                _other_matters(part, budget)
        return
    for i, section in enumerate(sections, 1):
        part.blocks.append(Heading(2, section.label, f"narrative-{i}"))
        for paragraph in section.paragraphs:
            part.blocks += paragraphs(paragraph.text)
        if section.topic == "other_matters" and not section.paragraphs:
            _other_matters(part, budget)


def _other_matters(part: Part, budget: Budget) -> None:
    for i, matter in enumerate(budget.other_matters, 1):
        part.blocks.append(Heading(3, numbered_sub(i, matter.title)))
        part.blocks += paragraphs(matter.text)


def numbered_sub(n: int, title: str) -> str:
    return title if _NUMBERED.match(title) else f"（{chinese_number(n)}）{title}"
