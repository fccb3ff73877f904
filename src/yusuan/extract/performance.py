"""Performance target tables: overall (table 11) and per project (tables 12-n).

Both tables are label grids, read by labels and column positions (see perf_grid): a section
starts at its label in column 0, its header line names the columns, its rows are read under
those columns. Indicator trees are read by perf_indicators.

Regional forms print the same things under other labels (Xi'an: 主管部门, 实施期资金总额, 年度主要任务);
the layout maps them to the labels read here (`lines: {labels: {printed: label read here}}`) and
names the source lines of a project's amount (`lines: {funding: {其中：财政拨款: fiscal_grant}}`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..model import (
    Amount,
    AmountUnit,
    CostItem,
    FundingLine,
    Goal,
    Indicator,
    Location,
    OverallPerformance,
    PerformanceProject,
    ProjectPerformance,
    SourceRef,
    StructureLine,
)
from ..read.raw import RawLine
from ..reference.layouts import TableSpec, normalize_label
from .context import ExtractContext
from .numbers import parse_amount, parse_decimal, parse_percent, unit_in_line
from .perf_grid import GridCell, after, at, cells, head_key, money_in_text, plain_text, without_list_number, year_of
from .perf_indicators import (
    DEFAULT_COLUMNS,
    GOAL_COLUMN_LABEL,
    IndicatorColumns,
    IndicatorReader,
    header_columns,
    is_header_line,
    starts_header,
)
from .sections import TableBlock

_GOAL_TITLE = re.compile(r"^(长期|年度)目标(\d+)[:]?$")
_KINDS = {"长期": "long_term", "年度": "annual"}
# '2024 年预算 55 万元' in 项目前两年预算及当年预算变动情况 (not '比 2025 年预算增加 8 万元').
_BUDGET_OF_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?:度)?\s*(?:项目)?预算(?:数)?(?:为)?\s*(\d[\d,]*(?:\.\d+)?)\s*(万元|元)")
_ECONOMIC = re.compile(r"^(\d{3}(?:\d{2})?)\s*(.*)$")


def _unit(block: TableBlock, spec: TableSpec, ctx: ExtractContext) -> AmountUnit:
    for line in (block.heading, *block.lines):
        unit = unit_in_line(line.text)
        if unit is not None:
            return unit
    return AmountUnit(spec.unit) if spec.unit else ctx.unit


def _label_map(spec: TableSpec, group: str) -> dict[str, str]:
    """A `lines` group of the layout with normalised keys (printed label → what it is read as)."""
    return {_label_key(normalize_label(k)): v for k, v in spec.lines.get(group, {}).items()}


def _label_key(key: str) -> str:
    return key.rstrip(":")


def _relabel(row: tuple[GridCell, ...], aliases: dict[str, str]) -> tuple[GridCell, ...]:
    """Cells whose printed label the layout maps to a label of the national form carry that label."""
    if not aliases:
        return row
    return tuple(replace(c, key=aliases[k]) if (k := _label_key(c.key)) in aliases else c for c in row)


def _head(row: tuple[GridCell, ...]) -> str:
    return row[0].key if row and row[0].col == 0 else ""


def _joined(row: tuple[GridCell, ...]) -> str:
    return plain_text("\n".join(c.text for c in row))


def _unread(block: TableBlock, spec: TableSpec, ctx: ExtractContext, line: RawLine, what: str) -> None:
    """A row with content that fits no column: say so rather than drop it silently."""
    label = f"表{block.number or spec.number} {spec.title}"
    ctx.issue("P006", f"{label}第{line.line_no or '?'}行：无法识别的{what}“{line.text[:40]}”，未纳入模型",
              Location(table=spec.id, table_title=label, source=ctx.source(line)))


def _next_value(row: tuple[GridCell, ...], label: GridCell, labels: frozenset[str]) -> GridCell | None:
    """The cell right after a label, unless that cell is itself a label (a blank value)."""
    nxt = next(iter(after(row, label.col)), None)
    return None if nxt is None or nxt.key in labels else nxt


# ---------------------------------------------------------------- goals (shared by 11 and 12-n)

@dataclass
class _GoalDraft:
    kind: str
    title: str | None
    description: str
    source: SourceRef
    indicators: list[Indicator] = field(default_factory=list)

    def freeze(self) -> Goal:
        return Goal(kind=self.kind, title=self.title, description=self.description,
                    indicators=tuple(self.indicators), source=self.source)


class _Grid:
    """One indicator grid in progress: header lines until the first data row, then rows."""

    def __init__(self, ctx: ExtractContext, columns: IndicatorColumns | None, block: TableBlock, spec: TableSpec):
        self.ctx = ctx
        self.block, self.spec = block, spec
        self.header: list[RawLine] = []
        self.columns = columns
        self.reader = IndicatorReader(columns or DEFAULT_COLUMNS, ctx)

    def feed(self, line: RawLine) -> Indicator | None:
        if starts_header(line) or (self.header and is_header_line(line)):
            self.header.append(line)
            columns = header_columns(self.header)
            if columns is not None:
                self.columns = columns
                self.reader = IndicatorReader(columns, self.ctx)
            return None
        self.header = []
        indicator = self.reader.read(line)
        if indicator is None and any(not GOAL_COLUMN_LABEL.match(c.key) for c in cells(line)):
            _unread(self.block, self.spec, self.ctx, line, "绩效指标行")
        return indicator


# ---------------------------------------------------------------- table 11

_STRUCTURE_ITEMS = {
    "income": (("合计", "total"), ("财政拨款", "fiscal_grant"), ("财政专户", "special_account"), ("单位资金", "unit_funds")),
    "expenditure": (("合计", "total"), ("人员类", "personnel"), ("运转类", "operation"), ("特定目标类", "specific")),
}
_OVERALL_KV = frozenset({"单位名称", "填报人", "联系电话"})
_OVERALL_SECTIONS = frozenset({"单位职能概述", "年度工作任务", "项目支出情况", "整体绩效总目标", "年度总体目标"})
_FORM_TITLE = re.compile(r"绩效目标表\s*$")
# The second header line of a 项目支出情况 that splits its amount by source (Xi'an's 年度主要任务).
_PROJECT_FUNDING_HEADS = {"财政拨款": "fiscal_grant", "其他资金": "other_funds"}


def _structure_item(side: str, key: str) -> str:
    return next((item for word, item in _STRUCTURE_ITEMS[side] if word in key), "other")


@dataclass
class _StructureColumns:
    amount: int
    share: int | None
    history: dict[int, int] = field(default_factory=dict)  # year → column


def _structure_row(line: RawLine, side: str | None, cols: _StructureColumns, unit: AmountUnit,
                   ctx: ExtractContext) -> tuple[str | None, StructureLine | None]:
    row = cells(line)
    for c in row:
        if c.key in ("收入构成", "支出构成"):
            side = "income" if c.key == "收入构成" else "expenditure"
    row = tuple(c for c in row if c.key not in ("收入构成", "支出构成"))
    name = next((c for c in row if parse_decimal(c.text) is None and parse_percent(c.text) is None), None)
    if side is None or name is None:
        return side, None
    # Names sit just before 当年金额; a row that lost cells is moved back under its header.
    shift = (cols.amount - 1) - name.col
    mapped = {c.col + shift: c for c in row}

    def amount(col: int | None) -> Amount | None:
        c = mapped.get(col) if col is not None else None
        return parse_amount(c.text, unit, ctx.source(line, c.col)) if c else None

    share_cell = mapped.get(cols.share) if cols.share is not None else None
    history = tuple((year, a) for year, col in sorted(cols.history.items()) if (a := amount(col)) is not None)
    return side, StructureLine(
        side=side, item=_structure_item(side, name.key), name=name.text, amount=amount(cols.amount),
        share=parse_percent(share_cell.text) if share_cell else None,
        share_text=share_cell.text if share_cell else None,
        history=history, source=ctx.source(line, name.col),
    )


def block_to_overall(block: TableBlock, spec: TableSpec, ctx: ExtractContext) -> OverallPerformance:
    unit = _unit(block, spec, ctx)
    found: dict[str, str] = {}
    found_at: dict[str, SourceRef] = {}
    structure: list[StructureLine] = []
    projects: list[PerformanceProject] = []
    goals: list[_GoalDraft] = []
    grid_columns: dict[str, IndicatorColumns] = {}
    mode: str | None = None
    side: str | None = None
    struct_cols: _StructureColumns | None = None
    project_cols: dict[str, int] = {}
    summary_annual_col: int | None = None
    grid: _Grid | None = None
    aliases = _label_map(spec, "labels")

    for line in block.lines:
        row = _relabel(cells(line), aliases)
        if not row:
            continue
        if goals and not line.is_table_row and _FORM_TITLE.search(line.text):
            # Another form printed after this one without a table number (Xi'an's empty 专项资金总体绩效目标表).
            ctx.issue("P001", f"“{line.text.strip()}”不是“{ctx.layout.name}”中的表格，未读取",
                      Location(table_title=line.text.strip(), source=ctx.source(line)))
            break
        hk = _head(row)
        labels = [c for c in row if c.key in _OVERALL_KV]
        if labels:
            for label in labels:
                value = _next_value(row, label, _OVERALL_KV)
                if value is not None:
                    found.setdefault(label.key, value.text)
                    found_at.setdefault(label.key, ctx.source(line, value.col))
            mode = None
            continue
        if any(c.key == "当年金额" for c in row):
            struct_cols = _StructureColumns(
                amount=next(c.col for c in row if c.key == "当年金额"),
                share=next((c.col for c in row if c.key == "占比"), None),
            )
            mode = "structure"
            continue
        if hk in _OVERALL_SECTIONS:
            mode = hk
            if hk == "单位职能概述":
                found["functions"] = _joined(after(row, 0)) or None
            elif hk == "年度工作任务":
                found["annual_tasks"] = _joined(after(row, 0)) or None
            elif hk == "项目支出情况":
                project_cols = _project_list_columns(row)
            elif hk == "整体绩效总目标":
                summary_annual_col = next((c.col for c in row if c.key.startswith("年度")), None)
            elif hk == "年度总体目标":
                found["annual_summary"] = _joined(after(row, 0)) or None
                mode = None
            continue
        if mode != "goal" and GOAL_COLUMN_LABEL.match(hk) and starts_header(line):
            # No 目标 title row: the indicator header itself opens the year's goal (Xi'an 年度绩效指标).
            kind = _KINDS[hk[:2]]
            goals.append(_GoalDraft(kind, row[0].text, "", ctx.source(line, 0)))
            grid = _Grid(ctx, grid_columns.get(kind), block, spec)
            grid.feed(line)
            mode = "goal"
            continue
        if (m := _GOAL_TITLE.match(hk)) is not None:
            kind = _KINDS[m.group(1)]
            title = row[0].text.rstrip(":：").strip()
            goals.append(_GoalDraft(kind, title, _joined(after(row, 0)), ctx.source(line, 0)))
            grid = _Grid(ctx, grid_columns.get(kind), block, spec)
            mode = "goal"
            continue
        if mode == "structure" and struct_cols is not None:
            years = [(y, c.col) for c in row if (y := year_of(c.text)) is not None]
            if years and all(year_of(c.text) is not None for c in row):
                struct_cols.history.update(dict(years))
                continue
            side, item = _structure_row(line, side, struct_cols, unit, ctx)
            if item is not None:
                structure.append(item)
        elif mode == "项目支出情况":
            if all(c.key in ("总额", *_PROJECT_FUNDING_HEADS) for c in row):
                project_cols.update({"annual": c.col for c in row if c.key == "总额"})
                project_cols.update({f"funding.{_PROJECT_FUNDING_HEADS[c.key]}": c.col
                                     for c in row if c.key in _PROJECT_FUNDING_HEADS})
                continue
            name = at(row, project_cols.get("name"))
            if name is not None and name.key.endswith("合计"):
                value = at(row, project_cols.get("annual"))
                structure.append(StructureLine(
                    side="expenditure", item="total", name=name.text,
                    amount=parse_amount(value.text, unit, ctx.source(line, value.col)) if value else None,
                    source=ctx.source(line, name.col)))
                continue
            project = _project_list_row(line, row, project_cols, unit, ctx)
            if project is not None:
                projects.append(project)
        elif mode == "整体绩效总目标":
            for c in row:
                key = "annual_summary" if summary_annual_col is not None and c.col >= summary_annual_col else "long_term_summary"
                found[key] = (found.get(key, "") + "\n" + plain_text(c.text)).strip()
        elif mode == "goal" and grid is not None and goals:
            indicator = grid.feed(line)
            if grid.columns is not None:
                grid_columns[goals[-1].kind] = grid.columns
            if indicator is not None:
                goals[-1].indicators.append(indicator)

    return OverallPerformance(
        unit_name=found.get("单位名称"), filler=found.get("填报人"), phone=found.get("联系电话"),
        structure=tuple(structure), functions=found.get("functions"), annual_tasks=found.get("annual_tasks"),
        projects=tuple(projects), long_term_summary=found.get("long_term_summary"),
        annual_summary=found.get("annual_summary"), goals=tuple(g.freeze() for g in goals),
        source=ctx.source(block.heading),
        field_sources=tuple((_OVERALL_FIELDS[k], src) for k, src in found_at.items() if k in _OVERALL_FIELDS),
    )


_OVERALL_FIELDS = {"单位名称": "unit_name", "填报人": "filler", "联系电话": "phone"}


def _project_list_columns(row: tuple[GridCell, ...]) -> dict[str, int]:
    words = (("name", "名称"), ("category", "类别"), ("total", "总预算"), ("annual", "年度预算"),
             ("annual", "当年预算"), ("direction", "方向"), ("direction", "用途"), ("direction", "主要内容"))
    cols: dict[str, int] = {}
    for c in row:
        for field_name, word in words:
            if word in c.key and field_name not in cols:
                cols[field_name] = c.col
    return cols


def _project_list_row(line: RawLine, row: tuple[GridCell, ...], cols: dict[str, int], unit: AmountUnit,
                      ctx: ExtractContext) -> PerformanceProject | None:
    name = at(row, cols.get("name"))
    if name is None:
        return None

    def text(key: str) -> GridCell | None:
        return at(row, cols.get(key))

    def amount(key: str) -> Amount | None:
        c = text(key)
        return parse_amount(c.text, unit, ctx.source(line, c.col)) if c else None

    category, direction = text("category"), text("direction")
    funding = tuple(
        FundingLine(item=key.removeprefix("funding."), name=head, amount=amount(key), source=ctx.source(line, cols[key]))
        for head, item in _PROJECT_FUNDING_HEADS.items() if (key := f"funding.{item}") in cols and text(key) is not None
    )
    return PerformanceProject(
        name=name.text, category=category.text if category else None,
        total_budget=amount("total"), annual_budget=amount("annual"),
        direction=direction.text if direction else None, funding=funding, source=ctx.source(line, name.col),
    )


# ---------------------------------------------------------------- table 12-n

_PROJECT_KV = {
    "项目名称": "project_name", "项目编码": "project_code", "项目主管部门": "department",
    "项目执行单位": "executing_unit", "项目负责人": "leader", "联系电话": "phone", "单位地址": "address",
    "邮政编码": "postcode", "项目属性": "attribute", "支出项目类别": "category", "起始年度": "start_year",
    "终止年度": "end_year", "项目申请理由": "reason", "项目主要内容": "content",
    "项目总预算": "total_budget", "项目当年预算": "annual_budget",
    "项目前两年预算及当年预算变动情况": "budget_history_text",
}
_PROJECT_LABELS = frozenset(_PROJECT_KV)
_PROJECT_SECTIONS = {
    "项目当年资金来源": "funding", "项目支出明细测算": "costs", "项目采购": "purchases",
    "项目绩效总目标": "summary", "长期绩效目标表": "long_term", "年度绩效目标表": "annual",
}
_COST_COLUMNS = (("activity", "项目活动"), ("content", "活动内容"), ("economic", "经济分类"),
                 ("amount", "金额"), ("basis", "依据"), ("note", "备注"))


def _funding_item(key: str) -> str:
    k = without_list_number(key)
    if "合计" in k:
        return "total"
    if k.startswith("其中") or "本级财力" in k:
        return "own_financing"
    if "结转" in k:
        return "carryover"
    for word, item in (("一般公共预算", "general_budget"), ("政府性基金", "gov_fund"),
                       ("财政专户", "special_account"), ("单位资金", "unit_funds")):
        if word in k:
            return item
    return "other"


def _funding_line(line: RawLine, row: tuple[GridCell, ...], amount_col: int | None, unit: AmountUnit,
                  ctx: ExtractContext) -> FundingLine | None:
    name = next((c for c in row if parse_decimal(c.text) is None and c.key not in ("来源项目", "金额")), None)
    if name is None:
        return None
    value = at(row, amount_col)
    if value is None or parse_decimal(value.text) is None:
        # A lone number elsewhere on the line (a shifted row) is still this line's amount.
        numbers = [c for c in after(row, name.col) if parse_decimal(c.text) is not None]
        value = numbers[0] if len(numbers) == 1 else None
    return FundingLine(
        item=_funding_item(name.key), name=without_list_number(name.text),
        amount=parse_amount(value.text, unit, ctx.source(line, value.col)) if value else None,
        source=ctx.source(line, name.col),
    )


def _cost_row(line: RawLine, row: tuple[GridCell, ...], cols: dict[str, int], previous: str | None,
              unit: AmountUnit, ctx: ExtractContext) -> CostItem | None:
    mapped = {c.col: c for c in row}
    amount_col = cols.get("amount")
    if amount_col is not None and (amount_col not in mapped or parse_decimal(mapped[amount_col].text) is None):
        numbers = [c for c in row if parse_decimal(c.text) is not None]
        if len(numbers) == 1:
            shift = amount_col - numbers[0].col
            mapped = {c.col + shift: c for c in row}

    def get(key: str) -> GridCell | None:
        return mapped.get(cols[key]) if key in cols else None

    activity, amount_cell = get("activity"), get("amount")
    if activity is None and previous is None:
        return None
    if amount_cell is None and activity is None and get("economic") is None:
        return None
    economic, basis, content, note = get("economic"), get("basis"), get("content"), get("note")
    code = name = None
    if economic is not None:
        m = _ECONOMIC.match(economic.text)
        code, name = (m.group(1), m.group(2).strip() or None) if m else (None, economic.text)
    source_col = activity.col if activity else (amount_cell.col if amount_cell else None)
    return CostItem(
        activity=activity.text if activity else previous or "",
        content=content.text if content else None,
        economic_name=name, economic_code=code,
        amount=parse_amount(amount_cell.text, unit, ctx.source(line, amount_cell.col)) if amount_cell else None,
        basis=basis.text if basis else None,
        basis_amounts=money_in_text(basis.text, ctx, line, basis.col) if basis else (),
        note=note.text if note else None,
        source=ctx.source(line, source_col),
    )


def _purchase_row(line: RawLine, row: tuple[GridCell, ...], cols: dict[str, int], unit: AmountUnit,
                  ctx: ExtractContext) -> tuple[str, str, Amount | None] | None:
    name = at(row, cols.get("name"))
    if name is None:
        return None
    quantity, money = at(row, cols.get("quantity")), at(row, cols.get("amount"))
    return (name.text, quantity.text if quantity else "",
            parse_amount(money.text, unit, ctx.source(line, money.col)) if money else None)


def _budget_history(text: str, line: RawLine, col: int, ctx: ExtractContext) -> tuple[tuple[int, Amount], ...]:
    out: dict[int, Amount] = {}
    for m in _BUDGET_OF_YEAR.finditer(text):
        number = parse_decimal(m.group(2))
        if number is None:
            continue
        unit = AmountUnit.WAN if m.group(3) == "万元" else AmountUnit.YUAN
        amount = parse_amount(m.group(2), unit, ctx.source(line, col))
        if amount is not None:
            out.setdefault(int(m.group(1)), amount)
    return tuple(sorted(out.items()))


def block_to_project(block: TableBlock, spec: TableSpec, ctx: ExtractContext) -> ProjectPerformance:
    unit = _unit(block, spec, ctx)
    fields: dict[str, object] = {}
    funding: list[FundingLine] = []
    costs: list[CostItem] = []
    purchases: list[tuple[str, str, Amount | None]] = []
    goals: list[_GoalDraft] = []
    mode: str | None = None
    funding_amount_col: int | None = None
    cost_cols: dict[str, int] = {}
    purchase_cols: dict[str, int] = {}
    grid: _Grid | None = None
    grid_columns: IndicatorColumns | None = None
    aliases = _label_map(spec, "labels")
    funding_labels = _label_map(spec, "funding")

    for line in block.lines:
        row = _relabel(cells(line), aliases)
        if not row:
            continue
        hk = _head(row)
        if mode is None and (named := next((c for c in row if _label_key(c.key) in funding_labels), None)):
            value = next(iter(after(row, named.col)), None)
            funding.append(FundingLine(
                item=funding_labels[_label_key(named.key)], name=named.text.rstrip(":："),
                amount=parse_amount(value.text, unit, ctx.source(line, value.col)) if value else None,
                source=ctx.source(line, named.col)))
            continue
        labels = [c for c in row if c.key in _PROJECT_LABELS]
        if labels and mode is None:
            for label in labels:
                value = _next_value(row, label, _PROJECT_LABELS)
                if value is not None and _PROJECT_KV[label.key] not in fields:
                    _set_project_field(fields, _PROJECT_KV[label.key], value, line, unit, ctx)
            continue
        if hk in _PROJECT_SECTIONS:
            mode = _PROJECT_SECTIONS[hk]
            if mode == "funding":
                funding_amount_col = next((c.col for c in row if c.key == "金额"), None)
            elif mode in ("long_term", "annual"):
                goal_text = fields.get(f"{mode}_goal")
                goals.append(_GoalDraft(mode, row[0].text.removesuffix("表"),
                                        goal_text if isinstance(goal_text, str) else "", ctx.source(line, 0)))
                grid = _Grid(ctx, grid_columns, block, spec)
                if starts_header(line):  # the section label sits on the header line (Xi'an)
                    grid.feed(line)
                    grid_columns = grid.columns or grid_columns
            continue
        if mode in (None, "summary") and hk in ("长期绩效目标", "年度绩效目标"):
            key = "long_term_goal" if hk.startswith("长期") else "annual_goal"
            fields[key] = _joined(after(row, 0)) or None
            continue
        if hk == "使用上年度财政拨款结转":
            item = _funding_line(line, row, funding_amount_col, unit, ctx)
            if item is not None:
                funding.append(item)
            continue
        if mode == "funding":
            item = _funding_line(line, row, funding_amount_col, unit, ctx)
            if item is not None:
                funding.append(item)
        elif mode == "costs":
            if any(c.key == "项目活动" for c in row) or (any(c.key == "金额" for c in row) and not cost_cols):
                cost_cols = {f: c.col for f, word in _COST_COLUMNS for c in row if word in c.key}
                continue
            previous = costs[-1].activity if costs else None
            cost = _cost_row(line, row, cost_cols, previous, unit, ctx)
            if cost is not None:
                costs.append(cost)
            else:
                _unread(block, spec, ctx, line, "支出明细测算行")
        elif mode == "purchases":
            if any(c.key == "品名" for c in row):
                purchase_cols = {f: c.col for f, word in (("name", "品名"), ("quantity", "数量"), ("amount", "金额"))
                                 for c in row if c.key == word}
                continue
            purchase = _purchase_row(line, row, purchase_cols, unit, ctx)
            if purchase is not None:
                purchases.append(purchase)
        elif mode in ("long_term", "annual") and grid is not None and goals:
            indicator = grid.feed(line)
            grid_columns = grid.columns or grid_columns
            if indicator is not None:
                goals[-1].indicators.append(indicator)

    if not fields.get("project_name") and spec.in_narrative:
        # A form printed in the prose may name its project only in its title ("女子看守所保障经费项目绩效目标表").
        name = _name_in_title(block.title, spec)
        if name:
            fields["project_name"] = name
            fields.setdefault("_sources", {})["project_name"] = ctx.source(block.heading)
    field_sources = fields.pop("_sources", {})
    history_text = fields.get("budget_history_text")
    history_src = fields.pop("_history_at", None)
    budget_history = ()
    if isinstance(history_text, str) and isinstance(history_src, tuple):
        budget_history = _budget_history(history_text, history_src[0], history_src[1], ctx)
    return ProjectPerformance(
        number=block.number, project_name=str(fields.pop("project_name", "")),
        **fields, budget_history=budget_history, funding=tuple(funding), costs=tuple(costs),
        purchases=tuple(purchases), goals=tuple(g.freeze() for g in goals), source=ctx.source(block.heading),
        field_sources=tuple(field_sources.items()),
    )


def _name_in_title(title: str, spec: TableSpec) -> str:
    """The printed title less the longest of the layout's names it ends with ('' when it ends with none)."""
    text = re.sub(r"\s+", "", title or "")
    for name in sorted((re.sub(r"\s+", "", n) for n in spec.names), key=len, reverse=True):
        if name and text.endswith(name) and len(text) > len(name):
            return text[: -len(name)]
    return ""


def _set_project_field(fields: dict[str, object], name: str, cell: GridCell, line: RawLine, unit: AmountUnit,
                       ctx: ExtractContext) -> None:
    fields.setdefault("_sources", {})[name] = ctx.source(line, cell.col)
    if name in ("total_budget", "annual_budget"):
        fields[name] = parse_amount(cell.text, unit, ctx.source(line, cell.col))
    elif name in ("start_year", "end_year"):
        digits = re.search(r"(?:19|20)\d{2}", cell.text)
        fields[name] = int(digits.group(0)) if digits else None
    elif name in ("reason", "content", "budget_history_text"):
        fields[name] = plain_text(cell.text)
        if name == "budget_history_text":
            fields["_history_at"] = (line, cell.col)
    else:
        fields[name] = cell.text


def forms_in_block(block: TableBlock) -> list[TableBlock]:
    """One block per project form, when a block holds several one after another.

    Each form opens with its 项目名称 line. A document of nothing but forms prints the same title
    above every page, which the reader takes off as a running head (read.pdf.drop_running_lines):
    the forms then run together in one block. The plain lines just above a 项目名称 line on its page
    ('(2026年度)') open that form with it.
    """
    starts = [i for i, line in enumerate(block.lines) if head_key(line) == "项目名称"]
    if len(starts) < 2:
        return [block]
    cuts = [0]
    for i in starts[1:]:
        j = i
        while j > cuts[-1] + 1 and not block.lines[j - 1].is_table_row and block.lines[j - 1].page == block.lines[i].page:
            j -= 1
        cuts.append(j)
    out = []
    for k, cut in enumerate(cuts):
        lines = block.lines[cut: cuts[k + 1] if k + 1 < len(cuts) else len(block.lines)]
        out.append(block if k == 0 and len(lines) == len(block.lines) else
                   TableBlock(block.number, block.title, block.heading if k == 0 else lines[0], tuple(lines)))
    return out
