"""The preparer's YAML form (docs/yaml-format.md) → Budget.

Amounts are read from the YAML *text*: the loader turns int/float scalars into Decimal built
from the scalar as written, so `51.90` stays 51.90 (places 2) and `0.1` stays exact. The reader
walks the composed node tree rather than plain Python values, so every value knows its line
(provenance) and every error names the key path and the line.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Callable

import yaml

from ..model import (
    Amount,
    AmountUnit,
    Budget,
    Cell,
    Column,
    CostItem,
    ExecutionClaim,
    DocumentKind,
    DocumentLevel,
    FundingLine,
    GlossaryEntry,
    Goal,
    Indicator,
    OtherMatter,
    OverallPerformance,
    PerformanceProject,
    PriorFigure,
    ProjectListTotal,
    ProjectPerformance,
    Row,
    RowLevel,
    Side,
    SourceRef,
    StructureLine,
    Subject,
    Table,
    TargetValue,
    TextSection,
    Unit,
)
from ..read import limits
from ..read.limits import read_regular
from ..read.raw import UnreadableError
from ..reference.layouts import GRID_SHAPES, Layout, TableSpec, load_layout, measure_zh, measures, qualifiers, split_measure
from .numbers import parse_decimal, parse_percent, places_of
from .two_sided import is_group_item

DEFAULT_LAYOUT = "wuhan_unit"
TWO_SIDED_MEASURE = "budget"  # docs/facts.md: two-sided tables carry one measure, `budget`
TOTAL_NAMES = frozenset({"合计", "总计"})
# Two-sided tables: the grand totals are the total rows; 本年收入合计 / 本年支出合计 are lines.
TOTAL_ITEMS = frozenset({"income_total", "expenditure_total"})
SINGLE_ROW_NAMES = {"three_public": "“三公”经费"}  # the row label a single-row table implies

LEVEL_WORDS = {
    "合计": RowLevel.TOTAL, "总计": RowLevel.TOTAL, "类": RowLevel.CLASS, "款": RowLevel.SECTION,
    "项": RowLevel.ITEM, "行": RowLevel.LINE, "单位": RowLevel.UNIT, "一级": RowLevel.PROJECT,
    "二级": RowLevel.SUBPROJECT, "小计": RowLevel.GROUP, **{level.value: level for level in RowLevel},
}
GOAL_KINDS = {"长期": "long_term", "年度": "annual", "long_term": "long_term", "annual": "annual"}
ROW_KEYS = frozenset({"code", "name", "level", "item", "parent", "unit", "texts"})
TABLE_KEYS = frozenset({"title", "number", "unit", "columns", "empty_note"})
# An amount printed in another unit than the block around it, or a rate: "6.4 万元", "-60.86%".
UNIT_SUFFIX = re.compile(r"^(?P<number>.*?\d)\s*(?P<unit>万元|元|%)$")
TARGET_KEYS = frozenset({"text", "op", "number", "unit"})


def measure_bases(spec: TableSpec) -> tuple[str, ...]:
    """The measures a table's cells may carry (before qualifiers): a two-sided table's `budget` and its
    sides' own columns, every other table's layout columns."""
    if spec.shape != "two_sided":
        return spec.columns
    sides = tuple(m for side in (spec.sides or {}).values() for m in (side.get("columns") or ()))
    return tuple(dict.fromkeys((TWO_SIDED_MEASURE, *sides)))


def is_known_measure(spec: TableSpec, measure: str) -> bool:
    """A layout column of the table, alone or qualified ('meeting_fee@prior', 'total@change_pct')."""
    base, quals = split_measure(measure)
    return base in measure_bases(spec) and all(q in qualifiers() for q in quals)


# --- loading: Decimal scalars, node tree ---------------------------------------------------------


class _NumberTooLarge(Exception):
    """A number over the digits or exponent limit (read/limits.py), found while values are built."""

    def __init__(self, words: str, node: yaml.Node):
        super().__init__(words)
        self.words, self.node = words, node


def _decimal_scalar(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal | str:
    """int/float scalars → Decimal from their text; anything Decimal cannot hold stays text. A number
    of more digits or a larger exponent than the limits allow is refused before any arithmetic."""
    text = loader.construct_scalar(node).replace("_", "")
    words = limits.text_fits(text)
    if words:
        raise _NumberTooLarge(words, node)
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    if not number.is_finite():
        return text
    words = limits.number_fits(number)
    if words:
        raise _NumberTooLarge(words, node)
    return number


_SURROGATE = re.compile("[\ud800-\udfff]")


class DecimalLoader(yaml.SafeLoader):
    """SafeLoader whose numbers are Decimal, never float; composition bounded by the limits (nesting
    depth, values with every alias counted as the values it repeats, no alias to its own ancestor),
    so neither an alias bomb nor a deep nest costs more than the limits before it is refused."""

    def __init__(self, stream):
        super().__init__(stream)
        bounds = limits.current()
        self._max_depth, self._max_nodes = bounds.depth, bounds.yaml_nodes
        self._depth = 0
        self._nodes = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            node = self.anchors.get(event.anchor)
            if node is not None:
                size = getattr(node, "yusuan_size", None)
                if size is None:  # the alias sits inside the value it names: a loop
                    raise limits.LimitError(f"第 {event.start_mark.line + 1} 行：别名 *{event.anchor} 指向包含它自身的值"
                                            f"（循环引用），无法读取", "yaml_nodes")
                self._count(size, event)
            return super().compose_node(parent, index)
        event = self.peek_event()
        self._depth += 1
        if self._max_depth and self._depth > self._max_depth:
            raise limits.over("depth", f"至少 {self._depth}", "YAML 嵌套层数",
                              f"第 {event.start_mark.line + 1} 行")
        before = self._nodes
        self._count(1, event)
        node = super().compose_node(parent, index)
        if isinstance(node, yaml.ScalarNode) and _SURROGATE.search(node.value):
            node.value = _SURROGATE.sub("\ufffd", node.value)  # "\ud84e" escapes half a pair: nothing can print it
        node.yusuan_size = self._nodes - before
        self._depth -= 1
        return node

    def _count(self, n: int, event) -> None:
        self._nodes += n
        if self._max_nodes and self._nodes > self._max_nodes:
            raise limits.over("yaml_nodes", f"至少 {self._nodes}", "YAML 的值（别名按展开后计）",
                              f"第 {event.start_mark.line + 1} 行")


DecimalLoader.add_constructor("tag:yaml.org,2002:int", _decimal_scalar)
DecimalLoader.add_constructor("tag:yaml.org,2002:float", _decimal_scalar)


class _At:
    """A YAML node with its key path, for values and error messages."""

    __slots__ = ("node", "path", "key_node")

    def __init__(self, node: yaml.Node, path: str, key_node: yaml.Node | None = None):
        self.node = node
        self.path = path
        self.key_node = key_node

    @property
    def line(self) -> int:
        """The line of the key that introduces the value (a block value starts on the next line)."""
        return (self.key_node or self.node).start_mark.line + 1

    def key(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def index(self, i: int) -> str:
        return f"{self.path}[{i}]"


KIND_NAMES = {yaml.MappingNode: "键值对（映射）", yaml.SequenceNode: "列表", yaml.ScalarNode: "单个值"}


class _Reader:
    def __init__(self, path: Path, loader: DecimalLoader):
        self.file = str(path)
        self.loader = loader
        self.layout: Layout = load_layout(DEFAULT_LAYOUT)
        self.unit = AmountUnit.WAN

    # errors and provenance

    def fail(self, at: _At, message: str) -> UnreadableError:
        where = f"第 {at.line} 行，{at.path}" if at.path else f"第 {at.line} 行"
        return UnreadableError(f"{self.file}：{where}：{message}")

    def src(self, at: _At) -> SourceRef:
        return SourceRef(file=self.file, line=at.line)

    # shapes

    def mapping(self, at: _At, allowed: frozenset[str] | None = None) -> dict[str, _At]:
        if self.is_null(at):  # `tables:` left empty while the clerk is still typing
            return {}
        if not isinstance(at.node, yaml.MappingNode):
            raise self.fail(at, f"这里应为键值对（映射），实际是{KIND_NAMES[type(at.node)]}")
        out: dict[str, _At] = {}
        for key_node, value_node in at.node.value:
            key_at = _At(key_node, at.path)
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_at, "键必须是单个值")
            key = str(key_node.value)
            child = _At(value_node, at.key(key), key_node)
            if key in out:
                raise self.fail(child, f"键“{key}”重复")
            if allowed is not None and key not in allowed:
                raise self.fail(child, f"未知的键“{key}”（可用：{'、'.join(sorted(allowed))}）")
            out[key] = child
        return out

    def sequence(self, at: _At) -> list[_At]:
        if isinstance(at.node, yaml.ScalarNode) and at.node.tag == "tag:yaml.org,2002:null":
            return []
        if not isinstance(at.node, yaml.SequenceNode):
            raise self.fail(at, f"这里应为列表，实际是{KIND_NAMES[type(at.node)]}")
        return [_At(child, at.index(i)) for i, child in enumerate(at.node.value)]

    def require(self, m: dict[str, _At], key: str, parent: _At) -> _At:
        if key not in m or self.is_null(m[key]):
            raise self.fail(parent, f"缺少必填项“{key}”")
        return m[key]

    # scalars

    def is_null(self, at: _At) -> bool:
        return isinstance(at.node, yaml.ScalarNode) and at.node.tag == "tag:yaml.org,2002:null"

    def scalar_node(self, at: _At) -> yaml.ScalarNode:
        if not isinstance(at.node, yaml.ScalarNode):
            raise self.fail(at, f"这里应为单个值，实际是{KIND_NAMES[type(at.node)]}")
        return at.node

    def text(self, at: _At) -> str:
        """Any scalar as the preparer typed it (codes such as 2080505 or 0101 keep their digits)."""
        node = self.scalar_node(at)
        if self.is_null(at):
            raise self.fail(at, "不能为空")
        return str(node.value).strip()

    def opt_text(self, m: dict[str, _At], key: str) -> str | None:
        if key not in m or self.is_null(m[key]):
            return None
        return self.text(m[key])

    def number(self, at: _At) -> Decimal:
        node = self.scalar_node(at)
        value = self.loader.construct_object(node, deep=True)
        if isinstance(value, Decimal):
            return value
        if isinstance(value, str):
            parsed = parse_decimal(value)
            if parsed is not None:
                return parsed
        raise self.fail(at, f"“{node.value}”不是数字（金额请写阿拉伯数字，如 778.64）")

    def integer(self, at: _At) -> int:
        number = self.number(at)
        if number != number.to_integral_value():
            raise self.fail(at, f"“{self.scalar_node(at).value}”应为整数")
        return int(number)

    def year(self, at: _At) -> int:
        value = self.integer(at)
        if not 1949 <= value <= 2200:
            raise self.fail(at, f"年度“{value}”不合理")
        return value

    def amount(self, at: _At) -> Amount:
        """A number in the unit of the block around it, or with its own unit written after it."""
        node = self.scalar_node(at)
        value = self.loader.construct_object(node, deep=True)
        unit = self.unit
        if isinstance(value, str) and (m := UNIT_SUFFIX.match(value.strip())):
            unit = AmountUnit(m["unit"])
            number = parse_decimal(m["number"])
            if number is None:
                raise self.fail(at, f"“{node.value}”不是金额（如 778.64、6.4 万元、-12.5%）")
        else:
            number = self.number(at)
        return Amount(value=number * unit.factor, unit=unit, places=places_of(number), source=self.src(at))

    @contextmanager
    def unit_of(self, m: dict[str, _At]):
        """Amounts of a block (a table, a performance form) in the block's own `unit`, when it has one."""
        saved = self.unit
        if "unit" in m:
            self.unit = self.choice(m["unit"], {u.value: u for u in AmountUnit if u.is_money}, "金额单位")
        try:
            yield self.unit
        finally:
            self.unit = saved

    def opt_amount(self, m: dict[str, _At], key: str) -> Amount | None:
        if key not in m or self.is_null(m[key]):
            return None
        return self.amount(m[key])

    def percent(self, at: _At) -> tuple[Decimal, str]:
        """'66.4%' or 66.4 → (Decimal('66.4'), '66.4%')."""
        text = self.text(at)
        value = parse_percent(text) if text.endswith("%") else parse_decimal(text)
        if value is None:
            raise self.fail(at, f"“{text}”不是百分比（如 66.4%）")
        return value, text if text.endswith("%") else f"{text}%"

    def choice(self, at: _At, options: dict[str, Any], what: str) -> Any:
        text = self.text(at)
        if text not in options:
            raise self.fail(at, f"未知的{what}“{text}”（可用：{'、'.join(options)}）")
        return options[text]

    def year_map(self, at: _At, convert: Callable[[_At], Any]) -> tuple[tuple[int, Any], ...]:
        """{2024: x, 2025: y} → ((2024, x), (2025, y)) in year order."""
        out = []
        for key_node, value_node in self.mapping_nodes(at):
            key_at = _At(key_node, at.path)
            child = _At(value_node, at.key(str(key_node.value)), key_node)
            if self.is_null(child):
                continue
            out.append((self.year(key_at), convert(child)))
        return tuple(sorted(out, key=lambda pair: pair[0]))

    def mapping_nodes(self, at: _At) -> list[tuple[yaml.Node, yaml.Node]]:
        if not self.mapping(at):  # shape check and duplicate keys
            return []
        return list(at.node.value)

    # --- the document ---------------------------------------------------------------------------

    def budget(self, root: _At) -> Budget:
        m = self.mapping(root, frozenset({
            "unit", "year", "kind", "level", "amount_unit", "layout", "title", "overview", "tables",
            "overall_performance", "project_performance", "other_matters", "glossary", "prior", "reasons",
            "attachment", "project_performance_totals", "execution",
        }))
        if "layout" in m:
            layout_id = self.text(m["layout"])
            try:
                self.layout = load_layout(layout_id)
            except KeyError:
                raise self.fail(m["layout"], f"未知的版式“{layout_id}”") from None
        self.unit = AmountUnit(self.layout.unit)
        if "amount_unit" in m:
            self.unit = self.choice(m["amount_unit"], {u.value: u for u in AmountUnit}, "金额单位")
        unit_at = self.require(m, "unit", root)
        unit_m = self.mapping(unit_at, frozenset({"name", "code"}))
        unit = Unit(name=self.text(self.require(unit_m, "name", unit_at)), code=self.opt_text(unit_m, "code"))
        year = self.year(self.require(m, "year", root))
        kind = self.choice(m["kind"], {k.value: k for k in DocumentKind}, "文件类别") if "kind" in m else DocumentKind.BUDGET
        level = self.choice(m["level"], {v.value: v for v in DocumentLevel}, "文件层级") if "level" in m else DocumentLevel.UNIT
        tables = self.tables(m["tables"]) if "tables" in m else ()
        overall = self.overall(m["overall_performance"]) if "overall_performance" in m else None
        projects = tuple(self.project_performance(p, i) for i, p in
                         enumerate(self.sequence(m["project_performance"]))) if "project_performance" in m else ()
        return Budget(
            unit=unit, year=year, kind=kind, level=level, amount_unit=self.unit, layout=self.layout.id,
            title=self.opt_text(m, "title"), source_file=self.file,
            overview=tuple(self.overview(a) for a in self.sequence(m["overview"])) if "overview" in m else (),
            tables=tables, overall_performance=overall, project_performance=projects,
            project_performance_totals=tuple(self.project_total(a) for a in self.sequence(m["project_performance_totals"]))
            if "project_performance_totals" in m else (),
            attachment=self.opt_text(m, "attachment"),
            other_matters=tuple(self.other(a) for a in self.sequence(m["other_matters"])) if "other_matters" in m else (),
            glossary=tuple(self.glossary(a) for a in self.sequence(m["glossary"])) if "glossary" in m else (),
            prior=self.prior(m.get("prior"), m.get("reasons"), year),
            execution_claims=tuple(self.execution(a) for a in self.sequence(m["execution"])) if "execution" in m else (),
            source=SourceRef(file=self.file, line=root.line),
        )

    def overview(self, at: _At) -> TextSection:
        m = self.mapping(at, frozenset({"title", "text"}))
        return TextSection(title=self.text(self.require(m, "title", at)), text=self.opt_text(m, "text") or "",
                           source=self.src(at))

    def glossary(self, at: _At) -> GlossaryEntry:
        m = self.mapping(at, frozenset({"term", "definition"}))
        return GlossaryEntry(term=self.text(self.require(m, "term", at)),
                             definition=self.opt_text(m, "definition") or "", source=self.src(at))

    # --- tables 1–10 ----------------------------------------------------------------------------

    def tables(self, at: _At) -> tuple[Table, ...]:
        grid = {t.id: t for t in self.layout.tables if t.shape in GRID_SHAPES}
        given = self.mapping(at)
        for table_id, child in given.items():
            if table_id not in grid:
                hint = "（绩效目标表写在顶层 overall_performance / project_performance 下）" \
                    if self.layout.table(table_id) else f"（可用：{'、'.join(grid)}）"
                raise self.fail(child, f"未知的表格“{table_id}”{hint}")
        # Document order is the layout's order, whatever order the preparer typed.
        return tuple(self.table(given[spec.id], spec) for spec in grid.values() if spec.id in given)

    def measure_ids(self, spec: TableSpec) -> tuple[str, ...]:
        return (TWO_SIDED_MEASURE,) if spec.shape == "two_sided" else spec.columns

    def columns(self, at: _At | None, spec: TableSpec) -> tuple[Column, ...]:
        if at is None:
            return tuple(Column(measure=mid, label=measure_zh(mid)) for mid in self.measure_ids(spec))
        out = []
        for key_node, value_node in self.mapping_nodes(at):
            child = _At(value_node, at.key(str(key_node.value)), key_node)
            mid = str(key_node.value)
            if not is_known_measure(spec, mid):
                raise self.fail(child, self.unknown_measure(mid, spec))
            out.append(Column(measure=mid, label=self.text(child)))
        return tuple(out)

    def unknown_measure(self, key: str, spec: TableSpec) -> str:
        return (f"表{spec.number}“{spec.title}”没有指标“{key}”（可用：{'、'.join(measure_bases(spec))}，"
                f"可加限定如 @{'、@'.join(list(qualifiers())[:3])}）")

    def table(self, at: _At, spec: TableSpec) -> Table:
        if spec.shape == "single_row" and not self.has_key(at, "rows"):
            m = self.mapping(at)  # measures sit beside the table keys; cells() rejects unknown ones
            with self.unit_of(m) as unit:
                rows = (self.single_row(at, m, spec),)
        else:
            # A single-row table printing more lines (a 合计 line and one per unit) lists them as rows.
            bodies = {"two_sided": {"income", "expenditure"}}.get(spec.shape, {"rows"})
            m = self.mapping(at, TABLE_KEYS | frozenset(bodies))
            with self.unit_of(m) as unit:
                if spec.shape == "two_sided":
                    rows = tuple(
                        row for side in (Side.INCOME, Side.EXPENDITURE) if side.value in m
                        for row in self.rows(m[side.value], spec, side)
                    )
                else:
                    rows = self.rows(m["rows"], spec, None) if "rows" in m else ()
        return Table(
            # `number: ~` says the document printed no number; a missing key means the layout's.
            id=spec.id, number=self.opt_text(m, "number") if "number" in m else spec.number,
            title=self.opt_text(m, "title") or spec.title, unit=unit,
            columns=self.columns(m.get("columns"), spec), rows=rows,
            empty_note=self.opt_text(m, "empty_note"), source=self.src(at),
        )

    def has_key(self, at: _At, key: str) -> bool:
        return isinstance(at.node, yaml.MappingNode) and any(
            isinstance(k, yaml.ScalarNode) and k.value == key for k, _ in at.node.value)

    def cells(self, m: dict[str, _At], spec: TableSpec, reserved: frozenset[str]) -> tuple[Cell, ...]:
        out = []
        for key, child in m.items():
            if key in reserved:
                continue
            measure = TWO_SIDED_MEASURE if spec.shape == "two_sided" and key == "amount" else key
            if not is_known_measure(spec, measure):
                raise self.fail(child, self.unknown_measure(key, spec))
            if not self.is_null(child):
                out.append(Cell(measure=measure, amount=self.amount(child)))
        return tuple(out)

    def single_row(self, at: _At, m: dict[str, _At], spec: TableSpec) -> Row:
        cells = self.cells(m, spec, TABLE_KEYS | {"name", "level"})
        level = self.choice(m["level"], LEVEL_WORDS, "行级次") if "level" in m else RowLevel.LINE
        name = self.opt_text(m, "name") or SINGLE_ROW_NAMES.get(spec.id, "合计")
        return Row(name=name, level=level, cells=cells, source=self.src(at))

    def rows(self, at: _At, spec: TableSpec, side: Side | None) -> tuple[Row, ...]:
        out: list[Row] = []
        last_project: str | None = None
        for row_at in self.sequence(at):
            row = self.row(row_at, spec, side, last_project)
            if row.level is RowLevel.PROJECT:
                last_project = row.code
            out.append(row)
        return tuple(out)

    def row(self, at: _At, spec: TableSpec, side: Side | None, last_project: str | None) -> Row:
        m = self.mapping(at)
        code = self.opt_text(m, "code")
        item = self.opt_text(m, "item")
        name = self.opt_text(m, "name") or (self.line_name(spec, side, item) if item else None)
        if name is None:
            raise self.fail(at, "缺少必填项“name”")
        parent = self.opt_text(m, "parent")
        if "level" in m:
            level = self.choice(m["level"], LEVEL_WORDS, "行级次")
        else:
            level = self.default_level(spec, code, name, item, parent)
        if spec.shape == "projects" and level is RowLevel.SUBPROJECT and parent is None:
            parent = last_project
        texts: list[tuple[str, str]] = []
        if "unit" in m and not self.is_null(m["unit"]):
            texts.append(("unit", self.text(m["unit"])))
        if "texts" in m:
            for key_node, value_node in self.mapping_nodes(m["texts"]):
                texts.append((str(key_node.value), self.text(_At(value_node, m["texts"].key(str(key_node.value)), key_node))))
        if item is not None and spec.shape == "two_sided" and side is not None:
            known = set(spec.lines.get(side.value, {}).values())
            if side is Side.INCOME:  # 上年结转 sub-lines (carryover_general_budget, …)
                known |= {sub for subs in spec.sublines_after.values() for sub in subs.values()}
            if item not in known and not (side is Side.EXPENDITURE and is_group_item(spec, item)):
                raise self.fail(m["item"], f"表{spec.number}“{spec.title}”的"
                                f"{'收入' if side is Side.INCOME else '支出'}方没有项目“{item}”（可用：{'、'.join(sorted(known))}）")
        return Row(
            name=name, code=code, level=level, item=item, side=side, parent=parent, texts=tuple(texts),
            cells=self.cells(m, spec, ROW_KEYS), source=self.src(at),
        )

    def line_name(self, spec: TableSpec, side: Side | None, item: str) -> str | None:
        """The first label the layout lists for a labelled line: a clerk may write only `item`."""
        for label, line_item in spec.lines.get(side.value if side else "", {}).items():
            if line_item == item:
                return label
        return None

    @staticmethod
    def default_level(spec: TableSpec, code: str | None, name: str, item: str | None, parent: str | None) -> RowLevel:
        if spec.shape == "projects":
            return RowLevel.SUBPROJECT if parent else RowLevel.PROJECT
        if code is None and (name.replace(" ", "") in TOTAL_NAMES or item in TOTAL_ITEMS):
            return RowLevel.TOTAL
        if spec.shape == "by_unit":
            return RowLevel.UNIT
        return RowLevel.for_code(code) if code else RowLevel.LINE

    # --- performance (tables 11, 12-n) ----------------------------------------------------------

    def overall(self, at: _At) -> OverallPerformance:
        m = self.mapping(at, frozenset({
            "unit_name", "filler", "phone", "structure", "functions", "annual_tasks", "projects",
            "long_term_summary", "annual_summary", "goals", "unit",
        }))
        with self.unit_of(m):
            return self.overall_in_unit(at, m)

    def overall_in_unit(self, at: _At, m: dict[str, _At]) -> OverallPerformance:
        structure: list[StructureLine] = []
        if "structure" in m:
            sm = self.mapping(m["structure"], frozenset({"income", "expenditure"}))
            for side in ("income", "expenditure"):
                if side in sm:
                    structure.extend(self.structure_line(a, side) for a in self.sequence(sm[side]))
        return OverallPerformance(
            unit_name=self.opt_text(m, "unit_name"), filler=self.opt_text(m, "filler"),
            phone=self.opt_text(m, "phone"), structure=tuple(structure),
            functions=self.opt_text(m, "functions"), annual_tasks=self.opt_text(m, "annual_tasks"),
            projects=tuple(self.performance_project(a) for a in self.sequence(m["projects"])) if "projects" in m else (),
            long_term_summary=self.opt_text(m, "long_term_summary"), annual_summary=self.opt_text(m, "annual_summary"),
            goals=tuple(self.goal(a) for a in self.sequence(m["goals"])) if "goals" in m else (),
            source=self.src(at),
        )

    def structure_line(self, at: _At, side: str) -> StructureLine:
        m = self.mapping(at, frozenset({"item", "name", "amount", "share", "history"}))
        share, share_text = self.percent(m["share"]) if "share" in m and not self.is_null(m["share"]) else (None, None)
        return StructureLine(
            side=side, item=self.text(self.require(m, "item", at)), name=self.text(self.require(m, "name", at)),
            amount=self.opt_amount(m, "amount"), share=share, share_text=share_text,
            history=self.year_map(m["history"], self.amount) if "history" in m else (), source=self.src(at),
        )

    def performance_project(self, at: _At) -> PerformanceProject:
        m = self.mapping(at, frozenset({"name", "category", "total_budget", "annual_budget", "direction", "funding"}))
        return PerformanceProject(
            name=self.text(self.require(m, "name", at)), category=self.opt_text(m, "category"),
            total_budget=self.opt_amount(m, "total_budget"), annual_budget=self.opt_amount(m, "annual_budget"),
            direction=self.opt_text(m, "direction"),
            funding=tuple(self.funding(a) for a in self.sequence(m["funding"])) if "funding" in m else (),
            source=self.src(at),
        )

    def goal(self, at: _At) -> Goal:
        m = self.mapping(at, frozenset({"kind", "title", "description", "indicators"}))
        kind = self.choice(self.require(m, "kind", at), GOAL_KINDS, "目标类别")
        indicators: list[Indicator] = []
        for ind_at in self.sequence(m["indicators"]) if "indicators" in m else ():
            indicators.append(self.indicator(ind_at, indicators[-1] if indicators else None))
        return Goal(kind=kind, title=self.opt_text(m, "title"), description=self.opt_text(m, "description") or "",
                    indicators=tuple(indicators), source=self.src(at))

    def indicator(self, at: _At, previous: Indicator | None) -> Indicator:
        m = self.mapping(at, frozenset({"level1", "level2", "name", "target", "history", "basis", "weight",
                                        "period_target"}))
        # Like merged cells in the printed table: 一级/二级 carry down from the line above.
        level1 = self.opt_text(m, "level1")
        level2 = self.opt_text(m, "level2")
        if level1 is None and previous is not None:
            level1 = previous.level1
            level2 = level2 or previous.level2
        if level1 is None:
            raise self.fail(at, "缺少必填项“level1”（一级指标）")
        if level2 is None:
            raise self.fail(at, "缺少必填项“level2”（二级指标）")
        return Indicator(
            level1=level1, level2=level2, name=self.text(self.require(m, "name", at)),
            target=self.target(self.require(m, "target", at)),
            history=self.year_map(m["history"], self.target) if "history" in m else (),
            basis=self.opt_text(m, "basis"),
            weight=self.number(m["weight"]) if "weight" in m and not self.is_null(m["weight"]) else None,
            period_target=self.target(m["period_target"]) if "period_target" in m else None,
            source=self.src(at),
        )

    def project_total(self, at: _At) -> ProjectListTotal:
        m = self.mapping(at, frozenset({"scope", "name", "amount", "funding", "first", "count"}))
        return ProjectListTotal(
            scope=self.choice(self.require(m, "scope", at), {"all": "all", "unit": "unit"}, "合计范围"),
            name=self.text(self.require(m, "name", at)), amount=self.opt_amount(m, "amount"),
            funding=tuple(self.funding(a) for a in self.sequence(m["funding"])) if "funding" in m else (),
            first=self.integer(m["first"]) if "first" in m else 0,
            count=self.integer(m["count"]) if "count" in m else 0, source=self.src(at),
        )

    def target(self, at: _At) -> TargetValue:
        """'≥1000 家次', or a mapping when the form prints the parts apart (a 计量单位 column):
        {text: "25000", op: "≥", unit: 元/户}; the keys given replace what the text reads as."""
        if not isinstance(at.node, yaml.MappingNode):
            return TargetValue.parse(self.text(at))
        m = self.mapping(at, TARGET_KEYS)
        parsed = TargetValue.parse(self.text(self.require(m, "text", at)))
        update: dict[str, Any] = {}
        for key in ("op", "unit"):
            if key in m:
                update[key] = self.opt_text(m, key)
        if "number" in m:
            update["number"] = None if self.is_null(m["number"]) else self.number(m["number"])
        return parsed.model_copy(update=update)

    def project_performance(self, at: _At, index: int) -> ProjectPerformance:
        m = self.mapping(at, frozenset({
            "number", "project_name", "project_code", "department", "executing_unit", "leader", "phone",
            "address", "postcode", "attribute", "category", "start_year", "end_year", "reason", "content",
            "total_budget", "annual_budget", "budget_history_text", "budget_history", "funding", "costs",
            "purchases", "long_term_goal", "annual_goal", "goals", "unit",
        }))
        with self.unit_of(m):
            return self.project_in_unit(at, m, index)

    def project_in_unit(self, at: _At, m: dict[str, _At], index: int) -> ProjectPerformance:
        return ProjectPerformance(
            # `number: ~`: the form printed none; a missing key numbers the forms 12-1, 12-2 …
            number=self.opt_text(m, "number") if "number" in m else f"12-{index + 1}",
            project_name=self.text(self.require(m, "project_name", at)),
            project_code=self.opt_text(m, "project_code"), department=self.opt_text(m, "department"),
            executing_unit=self.opt_text(m, "executing_unit"), leader=self.opt_text(m, "leader"),
            phone=self.opt_text(m, "phone"), address=self.opt_text(m, "address"),
            postcode=self.opt_text(m, "postcode"), attribute=self.opt_text(m, "attribute"),
            category=self.opt_text(m, "category"),
            start_year=self.year(m["start_year"]) if "start_year" in m else None,
            end_year=self.year(m["end_year"]) if "end_year" in m else None,
            reason=self.opt_text(m, "reason"), content=self.opt_text(m, "content"),
            total_budget=self.opt_amount(m, "total_budget"), annual_budget=self.opt_amount(m, "annual_budget"),
            budget_history_text=self.opt_text(m, "budget_history_text"),
            budget_history=self.year_map(m["budget_history"], self.amount) if "budget_history" in m else (),
            funding=tuple(self.funding(a) for a in self.sequence(m["funding"])) if "funding" in m else (),
            costs=tuple(self.cost(a) for a in self.sequence(m["costs"])) if "costs" in m else (),
            purchases=tuple(self.purchase(a) for a in self.sequence(m["purchases"])) if "purchases" in m else (),
            long_term_goal=self.opt_text(m, "long_term_goal"), annual_goal=self.opt_text(m, "annual_goal"),
            goals=tuple(self.goal(a) for a in self.sequence(m["goals"])) if "goals" in m else (),
            source=self.src(at),
        )

    def funding(self, at: _At) -> FundingLine:
        m = self.mapping(at, frozenset({"item", "name", "amount"}))
        return FundingLine(item=self.text(self.require(m, "item", at)), name=self.text(self.require(m, "name", at)),
                           amount=self.opt_amount(m, "amount"), source=self.src(at))

    def cost(self, at: _At) -> CostItem:
        m = self.mapping(at, frozenset({
            "activity", "content", "economic_name", "economic_code", "amount", "basis", "basis_amounts", "note",
        }))
        return CostItem(
            activity=self.text(self.require(m, "activity", at)), content=self.opt_text(m, "content"),
            economic_name=self.opt_text(m, "economic_name"), economic_code=self.opt_text(m, "economic_code"),
            amount=self.opt_amount(m, "amount"), basis=self.opt_text(m, "basis"),
            basis_amounts=tuple(self.amount(a) for a in self.sequence(m["basis_amounts"])) if "basis_amounts" in m else (),
            note=self.opt_text(m, "note"), source=self.src(at),
        )

    def purchase(self, at: _At) -> tuple[str, str, Amount | None]:
        m = self.mapping(at, frozenset({"name", "quantity", "amount"}))
        return (self.text(self.require(m, "name", at)), self.opt_text(m, "quantity") or "", self.opt_amount(m, "amount"))

    # --- other matters and the prior year -------------------------------------------------------

    def other(self, at: _At) -> OtherMatter:
        m = self.mapping(at, frozenset({"item", "title", "text", "amount", "none", "vehicles"}))
        none_stated = False
        if "none" in m:
            value = self.loader.construct_object(self.scalar_node(m["none"]))
            if not isinstance(value, bool):
                raise self.fail(m["none"], "应为 true 或 false")
            none_stated = value
        return OtherMatter(
            item=self.text(self.require(m, "item", at)), title=self.text(self.require(m, "title", at)),
            text=self.opt_text(m, "text") or "", amount=self.opt_amount(m, "amount"), none_stated=none_stated,
            vehicles=self.integer(m["vehicles"]) if "vehicles" in m else None, source=self.src(at),
        )

    def execution(self, at: _At) -> ExecutionClaim:
        """A 决算's 年初预算数 of one line (`execution:`), with the reason its 决算数 differs: the 说明 states
        决算数, 完成率 and 大于/小于/等于 from the tables (narrative/final.py)."""
        m = self.mapping(at, frozenset({"subject", "code", "name", "planned", "reason"}))
        subject = Subject(kind=self.text(self.require(m, "subject", at)), code=self.opt_text(m, "code"),
                          name=self.opt_text(m, "name"))
        return ExecutionClaim(subject=subject, text="", planned=self.amount(self.require(m, "planned", at)),
                              reason=self.opt_text(m, "reason"), source=self.src(at))

    def prior(self, at: _At | None, reasons_at: _At | None, year: int) -> tuple[PriorFigure, ...]:
        if at is None:
            if reasons_at is not None:
                raise self.fail(reasons_at, "写了 reasons 却没有 prior（上年数）")
            return ()
        m = self.mapping(at, frozenset({"year", "figures"}))
        prior_year = self.year(m["year"]) if "year" in m else year - 1
        keyed: list[tuple[str, PriorFigure, bool]] = []
        for fig_at in self.sequence(m["figures"]) if "figures" in m else ():
            fm = self.mapping(fig_at, frozenset({"subject", "code", "name", "table", "measure", "amount", "reason"}))
            subject = Subject(
                kind=self.text(self.require(fm, "subject", fig_at)), code=self.opt_text(fm, "code"),
                name=self.opt_text(fm, "name"), table=self.opt_text(fm, "table"), measure=self.opt_text(fm, "measure"),
            )
            if subject.table is not None and subject.table not in {t.id for t in self.layout.tables}:
                raise self.fail(fm["table"], f"未知的表格“{subject.table}”")
            figure = PriorFigure(subject=subject, amount=self.amount(self.require(fm, "amount", fig_at)),
                                 year=prior_year, reason=self.opt_text(fm, "reason"))
            keyed.append((subject.code or subject.kind, figure, "reason" in fm))
        if reasons_at is not None:
            # `reasons:` lets the preparer keep the reasons apart from the figures: key = code or subject.
            for key_node, value_node in self.mapping_nodes(reasons_at):
                key = str(key_node.value)
                child = _At(value_node, reasons_at.key(key), key_node)
                hits = [i for i, (k, _, _) in enumerate(keyed) if k == key]
                if not hits:
                    raise self.fail(child, f"prior 中没有“{key}”的上年数，无法对应原因")
                for i in hits:
                    k, figure, has_reason = keyed[i]
                    if not has_reason:
                        keyed[i] = (k, figure.model_copy(update={"reason": self.text(child)}), True)
        return tuple(figure for _, figure, _ in keyed)


def read(path: str | Path) -> Budget:
    """A preparer's YAML file → Budget. Raises UnreadableError (Chinese, naming file, key path, line)."""
    p = Path(path)
    try:
        text = read_regular(p, "text_mb").decode("utf-8")
    except UnicodeDecodeError:
        raise UnreadableError(f"{p}：不是 UTF-8 编码的文本文件") from None
    return loads(text, p)


def loads(text: str, path: str | Path = "<yaml>") -> Budget:
    p = Path(path)
    try:
        loader = DecimalLoader(text)
    except yaml.reader.ReaderError as exc:  # a NUL or another control character YAML does not allow
        raise UnreadableError(f"{p}：第 {exc.position + 1} 个字符是 YAML 不允许的控制字符"
                              f"（U+{exc.character if isinstance(exc.character, int) else ord(exc.character):04X}），无法解析") from None
    try:
        node = loader.get_single_node()
    except limits.LimitError as exc:
        raise limits.LimitError(f"{p}：{exc.message}", exc.limit) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else "某处"
        raise UnreadableError(f"{p}：{where}：YAML 语法错误，无法解析（检查缩进、冒号和引号）") from None
    except yaml.YAMLError:
        raise UnreadableError(f"{p}：YAML 语法错误，无法解析") from None
    finally:
        loader.dispose()
    if node is None:
        raise UnreadableError(f"{p}：文件是空的，没有预算内容")
    try:
        return _Reader(p, loader).budget(_At(node, ""))
    except _NumberTooLarge as exc:
        shown = str(exc.node.value)
        shown = shown if len(shown) <= 24 else shown[:20] + "…"
        raise limits.LimitError(f"{p}：第 {exc.node.start_mark.line + 1} 行：“{shown}”{exc.words}",
                                "exponent" if "exponent" in exc.words else "digits") from None
