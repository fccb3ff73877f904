"""Budget → the preparer's YAML (docs/yaml-format.md): the inverse of extract/yaml_budget.read.

`budget_to_yaml(b)` writes every value the YAML form can hold so that reading the text back gives
`b` again, provenance apart. Amounts are printed from the exact Decimal with the places the
document printed (51.90 stays "51.90"), never through float. Rows are one flow mapping per line,
each table headed by a Chinese comment with its number and title from the layout.

The table of contents and Part 3 (narrative) have no place in the YAML form: Part 3 is generated
from the tables and the `prior:` block, so they are not written.

`template_yaml` writes the same form for a document still to be filled in (`yusuan new`): amounts
of the year are left blank (`~`), historical figures (the `prior:` block, the history columns of
the performance tables) are printed, and Chinese comments explain each block.

Nothing is dropped in silence: what the form cannot hold (a table the layout does not know, a
measure the table has no column for, a two-sided line on neither side, two printed tables under
one id with different headings, label columns printed twice under one header) makes
`budget_to_yaml` raise `NotRepresentable`, naming each; `template_yaml` writes them as comments
and lists them in `TemplateText.gaps`.
"""
from __future__ import annotations

import io
from contextlib import contextmanager
from decimal import Decimal
from functools import cache
from typing import Iterable

import yaml

from ..extract.yaml_budget import SINGLE_ROW_NAMES, TWO_SIDED_MEASURE, _Reader, is_known_measure
from ..model import (
    Amount,
    AmountUnit,
    Budget,
    Column,
    Goal,
    OtherMatter,
    OverallPerformance,
    PriorFigure,
    ProjectListTotal,
    ProjectPerformance,
    Row,
    RowLevel,
    Side,
    Table,
    TargetValue,
)
from ..reference.codebook import load_codebook
from ..reference.layouts import GRID_SHAPES, Layout, TableSpec, load_layout, measure_zh, measures

LEVEL_WORDS = {
    RowLevel.TOTAL: "合计", RowLevel.CLASS: "类", RowLevel.SECTION: "款", RowLevel.ITEM: "项",
    RowLevel.LINE: "行", RowLevel.UNIT: "单位", RowLevel.PROJECT: "一级", RowLevel.SUBPROJECT: "二级",
    RowLevel.GROUP: "小计",
}
GOAL_WORDS = {"long_term": "长期", "annual": "年度"}
BLANK = "~"
STR_TAG = "tag:yaml.org,2002:str"

# What each prior-year subject is, for the comments next to `reasons:`.
SUBJECT_WORDS = {
    "total": "收支总预算", "general_budget": "一般公共预算拨款", "three_public": "“三公”经费",
    "three_public_abroad": "因公出国（境）费", "three_public_vehicle": "公务用车购置及运行费",
    "three_public_reception": "公务接待费",
}


# --- scalars ----------------------------------------------------------------------------------------


@cache
def _emitter() -> yaml.emitter.Emitter:
    return yaml.emitter.Emitter(io.StringIO(), allow_unicode=True)


@cache
def _resolver() -> yaml.resolver.Resolver:
    return yaml.resolver.Resolver()


def _quoted(text: str) -> str:
    # PyYAML's own double-quoting: escapes newlines, quotes and control characters correctly.
    out = yaml.dump(text, Dumper=yaml.SafeDumper, default_style='"', allow_unicode=True, width=10**9)
    return out.rstrip("\n").removesuffix("\n...")


def scalar(text: str) -> str:
    """A string as a YAML scalar: plain when YAML would read it back as the same string (inside a
    flow mapping too), double-quoted otherwise ('2080505', 'true', 'a, b', '#1')."""
    if (text and text == text.strip()
            and _resolver().resolve(yaml.ScalarNode, text, (True, False)) == STR_TAG):
        analysis = _emitter().analyze_scalar(text)
        if analysis.allow_flow_plain and not analysis.multiline:
            return text
    return _quoted(text)


def number_text(amount: Amount, unit: AmountUnit) -> str:
    """The amount as printed in `unit` with its printed places; exact digits win over places."""
    shift = len(str(int(unit.factor))) - len(str(int(amount.unit.factor)))  # 元 amount in 万元: +4
    places = max(0, amount.places + shift)
    printed = amount.value / unit.factor
    rounded = printed.quantize(Decimal(1).scaleb(-places))
    if rounded != printed:  # never lose a digit: the exact value, however many places it needs
        rounded = printed.normalize()
    text = format(rounded, "f")
    return text


def flow(pairs: Iterable[tuple[str, str]]) -> str:
    """{k: v, …} from already-formatted values; pairs with value None are left out."""
    return "{" + ", ".join(f"{k}: {v}" for k, v in pairs if v is not None) + "}"


class NotRepresentable(ValueError):
    """The budget holds values the YAML form has no place for; `gaps` names each (in Chinese)."""

    def __init__(self, gaps: list[str]):
        super().__init__("预算中有 YAML 格式无法写出的内容：" + "；".join(gaps))
        self.gaps = tuple(gaps)


class TemplateText(str):
    """`template_yaml`'s text, with what it could not write (also commented in the text)."""

    gaps: tuple[str, ...] = ()


# --- the writer -------------------------------------------------------------------------------------


class _Writer:
    def __init__(self, budget: Budget, blank: bool, guide: bool):
        self.b = budget
        self.unit = budget.amount_unit
        self.blank = blank  # amounts of the year print as ~ (a document to fill in)
        self.guide = guide  # explanatory comments and commented example rows
        self.lines: list[str] = []
        self.gaps: list[str] = []
        try:
            self.layout: Layout | None = load_layout(budget.layout)
        except KeyError:
            self.layout = None

    # output helpers

    def put(self, line: str, indent: int = 0) -> None:
        self.lines.append(" " * indent + line)

    def note(self, text: str, indent: int = 0) -> None:
        """A guide comment (only when writing a document to fill in)."""
        if self.guide:
            for line in text.splitlines():
                self.put(f"# {line}", indent)

    def number(self, amount: Amount | None) -> str | None:
        """In the unit of the block being written; an amount printed in another unit, or a rate, carries
        its own ("6.4 万元", "-60.86%") so that its unit and places read back as printed."""
        if amount is None:
            return None
        if amount.unit is self.unit:
            return number_text(amount, self.unit)
        suffix = amount.unit.value if amount.unit is AmountUnit.PERCENT else f" {amount.unit.value}"
        return scalar(number_text(amount, amount.unit) + suffix)

    @contextmanager
    def unit_scope(self, unit: AmountUnit):
        saved, self.unit = self.unit, unit
        try:
            yield
        finally:
            self.unit = saved

    def block_unit(self, amounts: Iterable[Amount | None]) -> AmountUnit:
        """The money unit most amounts of a block were printed in (the document's when they agree)."""
        counts: dict[AmountUnit, int] = {}
        for a in amounts:
            if a is not None and a.unit.is_money:
                counts[a.unit] = counts.get(a.unit, 0) + 1
        if not counts or counts.get(self.b.amount_unit, 0) == max(counts.values()):
            return self.b.amount_unit
        return max(counts, key=counts.__getitem__)

    def gap(self, what: str, indent: int) -> None:
        """A value the form cannot hold: commented where it belongs, and reported."""
        self.gaps.append(what)
        self.put(f"# 未写出：{what}", indent)

    def current(self, amount: Amount | None) -> str | None:
        """An amount of the year: blank (~) when the preparer still has to fill it in."""
        if amount is None:
            return None
        return BLANK if self.blank else self.number(amount)

    def text(self, value: str | None) -> str | None:
        return None if value is None else scalar(value)

    def history(self, pairs: tuple[tuple[int, object], ...], convert) -> str | None:
        return flow((str(y), convert(v)) for y, v in pairs) if pairs else None

    # the document

    def document(self) -> str:
        b = self.b
        kind = b.kind.value
        self.put(f"# {b.unit.name} {b.year} 年{b.level.value}{kind} —— 预算编制人员的 YAML 形式（格式说明见 docs/yaml-format.md）。")
        self.put(f"# 金额单位：{self.unit.value}；写文件中印出的数字，原样保留小数位。")
        if self.blank:
            self.put("# 本年金额留空（~）待填写；上年数在 prior 中，增减原因写在 reasons 中。")
        self.put("")
        self.put(f"unit: {flow([('name', scalar(b.unit.name)), ('code', self.code(b.unit.code))])}")
        self.put(f"year: {b.year}")
        self.put(f"kind: {b.kind.value}")
        self.put(f"level: {b.level.value}")
        self.put(f"amount_unit: {self.unit.value}")
        self.put(f"layout: {scalar(b.layout)}")
        if b.title is not None:
            self.put(f"title: {scalar(b.title)}")
        if b.attachment is not None:
            self.put(f"attachment: {scalar(b.attachment)}")
        self.overview()
        self.tables()
        self.overall(b.overall_performance)
        self.projects_performance(b.project_performance)
        self.project_totals(b.project_performance_totals)
        self.other_matters(b.other_matters)
        self.glossary()
        self.execution(b)
        self.prior(b.prior)
        return "\n".join(self.lines) + "\n"

    def execution(self, b: Budget) -> None:
        """A 决算's 年初预算数 per line (`execution:`), from which its 说明 states 完成率 and 大于/小于/等于."""
        if b.kind.value != "决算" or (not b.execution_claims and not self.guide):
            return
        self.put("")
        self.put("# 年初预算数（决算说明中“年初预算为……，支出决算为……，完成年初预算的……%”据此计算）与决算数不同的原因。")
        self.note("subject：general_budget 一般公共预算财政拨款支出合计、function 功能分类项级科目（写 code）、three_public “三公”经费。")
        self.put("execution:")
        if not b.execution_claims:
            self.note(f"- {{subject: general_budget, planned: {BLANK}, reason: 写明决算数与预算数不同的原因}}", 2)
            self.note(f'- {{subject: function, code: "2010101", planned: {BLANK}}}', 2)
        for claim in b.execution_claims:
            if claim.planned is None:
                continue  # a “三公” item stated with its rate only: its 预算数 is the table's
            s = claim.subject
            self.put("- " + flow([("subject", scalar(s.kind)), ("code", self.code(s.code)), ("name", self.text(s.name)),
                                  ("planned", self.number(claim.planned)), ("reason", self.text(claim.reason))]), 2)

    def code(self, code: str | None) -> str | None:
        # Codes are always quoted: 2080505 or 0101 must never read as numbers.
        return None if code is None else _quoted(code)

    def overview(self) -> None:
        if not self.b.overview and not self.guide:
            return
        self.put("")
        self.note("第一部分 概况：每段一个标题（主要职能、机构设置）和正文。")
        self.put("overview:")
        if not self.b.overview:
            self.note("- {title: 主要职能, text: 在此概述本单位的主要职能。}", 2)
        for section in self.b.overview:
            self.put(f"- title: {scalar(section.title)}", 2)
            if section.text:
                self.put(f"text: {scalar(section.text)}", 4)

    def glossary(self) -> None:
        if not self.b.glossary:
            return
        self.put("")
        self.put("glossary:")
        for entry in self.b.glossary:
            self.put(f"- {flow([('term', scalar(entry.term)), ('definition', self.text(entry.definition or None))])}", 2)

    # --- tables 1–10 ------------------------------------------------------------------------------

    def tables(self) -> None:
        specs = {t.id: t for t in self.layout.tables} if self.layout else {}
        merged: dict[str, Table] = {}
        skipped: list[Table] = []
        for t in self.b.tables:
            spec = specs.get(t.id)
            if spec is None or spec.shape not in GRID_SHAPES:
                skipped.append(t)
                continue
            if t.id in merged:
                # A table split across pages and read twice is one table of the form: its rows go together.
                # Two tables with different headings under one id would become one: not this form's to decide.
                first = merged[t.id]
                if (t.title, t.number, t.unit, t.columns, t.empty_note) != (
                        first.title, first.number, first.unit, first.columns, first.empty_note):
                    skipped.append(t)
                    continue
                t = first.model_copy(update={"rows": first.rows + t.rows})
            merged[t.id] = t
        if not merged and not skipped and not self.guide:
            return
        self.put("")
        self.put("tables:")
        for i, table in enumerate(merged.values()):
            if i:
                self.put("")
            self.table(table, specs[table.id])
        for t in skipped:
            why = "版式中没有此表" if t.id not in specs else (
                "不是表格形式的表" if specs[t.id].shape not in GRID_SHAPES else "与同 id 的另一张表标题或表头不同")
            self.gap(f"{t.label}（{t.id}，{why}，{len(t.rows)} 行）", 2)

    @staticmethod
    def measure_ids(spec: TableSpec) -> tuple[str, ...]:
        return (TWO_SIDED_MEASURE,) if spec.shape == "two_sided" else spec.columns

    def table(self, table: Table, spec: TableSpec) -> None:
        self.put(f"# 表{spec.number} {spec.title}", 2)
        guide = TABLE_GUIDE.get(spec.shape, "")
        if spec.shape == "by_code" and spec.codes == "economic":
            guide = guide.replace("、项", "").replace("、7 位为项", "")
        self.note(guide, 2)
        self.put(f"{table.id}:", 2)
        if table.title != spec.title:
            self.put(f"title: {scalar(table.title)}", 4)
        if table.number != spec.number:
            self.put(f"number: {BLANK if table.number is None else scalar(table.number)}", 4)
        if table.unit is not self.unit:
            self.put(f"unit: {table.unit.value}", 4)
        with self.unit_scope(table.unit):  # the table's amounts are written in its own unit
            self.table_body(table, spec)

    def table_body(self, table: Table, spec: TableSpec) -> None:
        default = tuple(Column(measure=m, label=measure_zh(m)) for m in self.measure_ids(spec))
        columns = tuple(c for c in table.columns if is_known_measure(spec, c.measure))
        for c in table.columns:
            if c not in columns:
                self.gap(f"{table.label}的栏“{c.label}”（{c.measure}，此表没有这一指标）", 4)
        if columns != default:
            self.put(f"columns: {flow((scalar(c.measure), scalar(c.label)) for c in columns)}", 4)
        if table.empty_note is not None:
            self.put(f"empty_note: {scalar(table.empty_note)}", 4)
        elif self.guide and spec.may_be_empty:
            self.put("# empty_note: 本单位本年度没有这类支出，表为空。  # 空表时写明原因", 4)
        if spec.shape == "single_row" and (len(table.rows) == 1 or (self.guide and not table.rows)) \
                and self.is_plain_single(table.rows[0] if table.rows else None, spec):
            self.single_row(table, spec)
        elif spec.shape == "two_sided":
            for side in (Side.INCOME, Side.EXPENDITURE):
                rows = [r for r in table.rows if r.side is side]
                if rows:
                    self.put(f"{side.value}:", 4)
                    self.rows(rows, spec, 6, table)
                if side is Side.EXPENDITURE:
                    self.example(spec, 6)
            for row in table.rows:
                if row.side is None:  # the YAML form has no place for a line on neither side
                    self.gap(f"{table.label}中未分收支方的行“{row.label}”", 4)
        elif table.rows or self.guide:
            self.put("rows:", 4)
            self.rows(list(table.rows), spec, 6, table)
            self.example(spec, 6)
        elif spec.shape == "single_row":
            self.put("rows: []", 4)  # printed without its line: not even the implied one

    @staticmethod
    def is_plain_single(row: Row | None, spec: TableSpec) -> bool:
        """One line written as the table's own keys: only its name, level and cells."""
        return row is None or (row.code is None and row.item is None and row.side is None
                               and row.parent is None and not row.texts)

    def single_row(self, table: Table, spec: TableSpec) -> None:
        row = table.rows[0] if table.rows else Row(name=SINGLE_ROW_NAMES.get(spec.id, "合计"))
        if row.name != SINGLE_ROW_NAMES.get(spec.id, "合计"):
            self.put(f"name: {scalar(row.name)}", 4)
        if row.level is not RowLevel.LINE:
            self.put(f"level: {LEVEL_WORDS[row.level]}", 4)
        for cell in row.cells:
            if is_known_measure(spec, cell.measure):
                self.put(f"{scalar(cell.measure)}: {self.current(cell.amount)}", 4)
            else:
                self.gap(f"{table.label}“{row.label}”的 {cell.measure} {self.number(cell.amount)}（此表无此栏）", 4)

    def rows(self, rows: list[Row], spec: TableSpec, indent: int, table: Table) -> None:
        last_project: str | None = None
        for row in rows:
            self.put(f"- {self.row(row, spec, last_project, table)}", indent)
            if row.level is RowLevel.PROJECT:
                last_project = row.code

    def row(self, row: Row, spec: TableSpec, last_project: str | None, table: Table) -> str:
        inherited = last_project if spec.shape == "projects" and row.level is RowLevel.SUBPROJECT else None
        parent = row.parent if row.parent is not None and row.parent != inherited else None
        default_level = _Reader.default_level(spec, row.code, row.name, row.item, parent)
        level = row.level is not default_level or spec.shape == "projects"
        texts = list(row.texts)
        unit = texts.pop(0)[1] if texts and texts[0][0] == "unit" else None
        keys = [k for k, _ in texts]
        if len(set(keys)) < len(keys):
            self.gaps.append(f"{table.label}“{row.label}”的文字栏表头重复（{'、'.join(keys)}），读回时无法区分")
        pairs: list[tuple[str, str | None]] = [
            ("code", self.code(row.code)), ("item", self.text(row.item)), ("name", scalar(row.name)),
            ("level", LEVEL_WORDS[row.level] if level else None), ("unit", self.text(unit)),
            ("parent", self.code(parent)),
            ("texts", flow((scalar(k), scalar(v)) for k, v in texts) if texts else None),
        ]
        dropped = []
        for cell in row.cells:
            if is_known_measure(spec, cell.measure):
                key = "amount" if spec.shape == "two_sided" and cell.measure == TWO_SIDED_MEASURE else cell.measure
                pairs.append((scalar(key), self.current(cell.amount)))
            else:
                dropped.append(f"{cell.measure} {self.number(cell.amount)}")
                self.gaps.append(f"{table.label}“{row.label}”的 {cell.measure} {self.number(cell.amount)}（此表无此栏）")
        return flow(pairs) + (f"  # 未写出（此表无此栏）：{'，'.join(dropped)}" if dropped else "")

    def example(self, spec: TableSpec, indent: int) -> None:
        if not self.guide:
            return
        blanks = [(m, BLANK) for m in spec.columns]
        if spec.shape == "two_sided":
            self.put("# 支出方按功能分类类级科目列示；没有支出的科目留空（~）或删去该行。", indent)
        elif spec.shape == "by_code":
            code, name = _example_code(spec.codes, self.b.year)
            self.put(f"# - {flow([('code', _quoted(code)), ('name', name), *blanks])}", indent)
        elif spec.shape == "by_unit":
            self.put(f"# - {flow([('code', _quoted('单位编码')), ('name', '单位名称'), *blanks])}", indent)
        elif spec.shape == "projects":
            self.put(f"# - {flow([('code', _quoted('一级项目编码')), ('name', '一级项目名称'), ('level', '一级'), *blanks])}", indent)
            self.put(f"# - {flow([('code', _quoted('二级项目编码')), ('name', '二级项目名称'), ('level', '二级'), ('unit', '项目单位'), *blanks])}", indent)
        elif spec.shape == "label_tree":
            self.put(f"# - {flow([('name', '货物'), ('level', '小计'), ('texts', '{采购类别: 货物}'), *blanks])}", indent)
            self.put(f"# - {flow([('name', '品目名称'), ('texts', '{采购品目: 品目名称, 数量: 1}'), *blanks])}", indent)

    # --- performance (tables 11, 12-n) ------------------------------------------------------------

    def overall(self, overall: OverallPerformance | None) -> None:
        if overall is None:
            return
        self.put("")
        self.put("# 表11 整体支出绩效目标表")
        self.note("structure：收支结构，history 为前两年的数；goals：长期、年度目标及其指标（一级、二级指标省略时沿用上一行）。")
        self.put("overall_performance:")
        unit = self.block_unit([s.amount for s in overall.structure] + [a for s in overall.structure for _, a in s.history]
                               + [a for p in overall.projects for a in (p.total_budget, p.annual_budget)]
                               + [f.amount for p in overall.projects for f in p.funding])
        if unit is not self.unit:
            self.put(f"unit: {unit.value}", 2)
        with self.unit_scope(unit):
            self.overall_body(overall)

    def overall_body(self, overall: OverallPerformance) -> None:
        for key in ("unit_name", "filler", "phone"):
            if getattr(overall, key) is not None:
                self.put(f"{key}: {scalar(getattr(overall, key))}", 2)
        if overall.structure:
            self.put("structure:", 2)
        for side in ("income", "expenditure"):
            lines = [s for s in overall.structure if s.side == side]
            if not lines:
                continue
            self.put(f"{side}:", 4)
            for s in lines:
                share = s.share_text if s.share_text is not None else (None if s.share is None else f"{s.share}%")
                if self.blank and s.amount is not None:
                    share = BLANK
                self.put("- " + flow([
                    ("item", scalar(s.item)), ("name", scalar(s.name)), ("amount", self.current(s.amount)),
                    ("share", None if share is None else (share if share == BLANK else scalar(share))),
                    ("history", self.history(s.history, self.number)),
                ]), 6)
        for key in ("functions", "annual_tasks"):
            if getattr(overall, key) is not None:
                self.put(f"{key}: {scalar(getattr(overall, key))}", 2)
        if overall.projects or self.guide:
            self.put("projects:", 2)
            if not overall.projects:
                self.note(f"- {{name: 项目名称, category: 特定目标类项目, total_budget: {BLANK}, annual_budget: {BLANK}}}", 4)
            for p in overall.projects:
                self.put("- " + flow([
                    ("name", scalar(p.name)), ("category", self.text(p.category)),
                    ("total_budget", self.current(p.total_budget)), ("annual_budget", self.current(p.annual_budget)),
                    ("direction", self.text(p.direction)),
                    ("funding", "[" + ", ".join(self.funding_line(f) for f in p.funding) + "]" if p.funding else None),
                ]), 4)
        for key in ("long_term_summary", "annual_summary"):
            if getattr(overall, key) is not None:
                self.put(f"{key}: {scalar(getattr(overall, key))}", 2)
        self.goals(overall.goals, 2)

    def goals(self, goals: tuple[Goal, ...], indent: int) -> None:
        if not goals and not self.guide:
            return
        self.put("goals:", indent)
        if goals and self.blank:
            self.note("指标和指标值沿用上年，请按本年目标修改；history 为前两年的指标值。", indent + 2)
        if not goals:
            self.note("- kind: 年度        # 长期 / 年度", indent + 2)
            self.note("  title: 年度目标 1", indent + 2)
            self.note("  indicators:", indent + 2)
            self.note('    - {level1: 产出指标, level2: 数量指标, name: 指标名称, target: "≥100 家次", basis: 计划数据}', indent + 2)
        for goal in goals:
            self.put(f"- kind: {GOAL_WORDS.get(goal.kind, goal.kind)}", indent + 2)
            if goal.title is not None:
                self.put(f"title: {scalar(goal.title)}", indent + 4)
            if goal.description:
                self.put(f"description: {scalar(goal.description)}", indent + 4)
            if not goal.indicators:
                continue
            self.put("indicators:", indent + 4)
            previous = None
            for ind in goal.indicators:
                # Like merged cells: 一级/二级 are written only when they change (the reader carries them down).
                same1 = previous is not None and ind.level1 == previous.level1
                same2 = same1 and ind.level2 == previous.level2
                self.put("- " + flow([
                    ("level1", None if same1 else scalar(ind.level1)),
                    ("level2", None if same2 else scalar(ind.level2)),
                    ("name", scalar(ind.name)), ("target", target_text(ind.target)),
                    ("history", self.history(ind.history, target_text)),
                    ("period_target", None if ind.period_target is None else target_text(ind.period_target)),
                    ("basis", self.text(ind.basis)),
                    ("weight", None if ind.weight is None else format(ind.weight, "f")),
                ]), indent + 6)
                previous = ind

    def projects_performance(self, projects: tuple[ProjectPerformance, ...]) -> None:
        if not projects and not self.guide:
            return
        self.put("")
        self.put("# 表12-n 项目支出绩效目标表，每个二级项目一张。")
        self.put("project_performance:")
        if not projects:
            self.note("- number: 12-1", 2)
            self.note("  project_name: 二级项目名称", 2)
            self.note('  project_code: "二级项目编码"', 2)
            self.note(f"  annual_budget: {BLANK}", 2)
            self.note(f"  funding: [{{item: total, name: 合计, amount: {BLANK}}}]", 2)
            self.note(f"  costs: [{{activity: 活动名称, economic_name: 委托业务费, amount: {BLANK}}}]", 2)
            self.note("  goals:      # 同表11 的 goals", 2)
        for i, p in enumerate(projects):
            if i:
                self.put("")
            self.project(p)

    def project_totals(self, totals: tuple[ProjectListTotal, ...]) -> None:
        if not totals:
            return
        self.put("")
        self.put("# 项目绩效目标表的合计行（scope: all）和各资金使用单位行（scope: unit），")
        self.put("# 各覆盖 project_performance 中从 first（从 0 起）开始的 count 个项目。")
        self.put("project_performance_totals:")
        for t in totals:
            funding = "[" + ", ".join(self.funding_line(f) for f in t.funding) + "]" if t.funding else None
            self.put("- " + flow([
                ("scope", scalar(t.scope)), ("name", scalar(t.name)), ("amount", self.current(t.amount)),
                ("funding", funding), ("first", str(t.first)), ("count", str(t.count)),
            ]), 2)

    def funding_line(self, f) -> str:
        return flow([("item", scalar(f.item)), ("name", scalar(f.name)), ("amount", self.current(f.amount))])

    def project(self, p: ProjectPerformance) -> None:
        unit = self.block_unit([p.total_budget, p.annual_budget, *(a for _, a in p.budget_history),
                                *(f.amount for f in p.funding), *(c.amount for c in p.costs),
                                *(a for c in p.costs for a in c.basis_amounts), *(a for _, _, a in p.purchases)])
        with self.unit_scope(unit):
            self.project_body(p, unit)

    def project_body(self, p: ProjectPerformance, unit: AmountUnit) -> None:
        first = True

        def put(key: str, value: str | None) -> None:
            nonlocal first
            if value is None:
                return
            self.put(f"{'- ' if first else '  '}{key}:{' ' + value if value else ''}", 2)
            first = False

        # No number printed: said with ~ (a missing key would number the form 12-n).
        put("number", BLANK if p.number is None else scalar(p.number))
        put("project_name", scalar(p.project_name))
        put("unit", None if unit is self.b.amount_unit else unit.value)
        put("project_code", self.code(p.project_code))
        for key in ("department", "executing_unit", "leader", "phone", "address", "postcode", "attribute", "category"):
            put(key, self.text(getattr(p, key)))
        put("start_year", None if p.start_year is None else str(p.start_year))
        put("end_year", None if p.end_year is None else str(p.end_year))
        put("reason", self.text(p.reason))
        put("content", self.text(p.content))
        put("total_budget", self.current(p.total_budget))
        put("annual_budget", self.current(p.annual_budget))
        put("budget_history_text", self.text(p.budget_history_text))
        put("budget_history", self.history(p.budget_history, self.number))
        put("long_term_goal", self.text(p.long_term_goal))
        put("annual_goal", self.text(p.annual_goal))
        if p.funding:
            put("funding", "")
            for f in p.funding:
                self.put("- " + self.funding_line(f), 6)
        if p.costs:
            put("costs", "")
            for c in p.costs:
                basis_amounts = None
                if c.basis_amounts and not self.blank:
                    basis_amounts = "[" + ", ".join(self.number(a) for a in c.basis_amounts) + "]"
                self.put("- " + flow([
                    ("activity", scalar(c.activity)), ("content", self.text(c.content)),
                    ("economic_name", self.text(c.economic_name)), ("economic_code", self.code(c.economic_code)),
                    ("amount", self.current(c.amount)), ("basis", self.text(None if self.blank else c.basis)),
                    ("basis_amounts", basis_amounts), ("note", self.text(c.note)),
                ]), 6)
        if p.purchases:
            put("purchases", "")
            for name, quantity, amount in p.purchases:
                self.put("- " + flow([("name", scalar(name)), ("quantity", self.text(quantity or None)),
                                      ("amount", self.current(amount))]), 6)
        if p.goals:
            self.goals(p.goals, 4)

    # --- other matters and the prior year ---------------------------------------------------------

    def other_matters(self, matters: tuple[OtherMatter, ...]) -> None:
        if not matters and not self.guide:
            return
        self.put("")
        self.put("# 其他重要事项")
        self.note("none: true 表示文件说明“无”；amount 写金额；assets 写 vehicles（车辆数）。")
        self.put("other_matters:")
        for m in matters:
            if self.blank:
                # Whether there is none, how much, how many vehicles: all facts of the new year.
                note = _last_year_note(m, self.unit) if self.guide else ""
                self.put("- " + flow([("item", scalar(m.item)), ("title", scalar(m.title))]) + note, 2)
                continue
            self.put("- " + flow([
                ("item", scalar(m.item)), ("title", scalar(m.title)), ("text", self.text(m.text or None)),
                ("amount", self.number(m.amount)), ("none", "true" if m.none_stated else None),
                ("vehicles", None if m.vehicles is None else str(m.vehicles)),
            ]), 2)

    def prior(self, figures: tuple[PriorFigure, ...]) -> None:
        if not figures and not self.guide:
            return
        year = figures[0].year if figures else self.b.year - 1
        self.put("")
        self.put(f"# 上年（{year} 年）预算数：情况说明中“比 {year} 年预算增加/减少……”据此计算。")
        self.note("subject：total 收支总预算、general_budget 一般公共预算拨款、function 功能分类项级科目（写 code）、\n"
                  "three_public “三公”经费及 three_public_abroad / three_public_vehicle / three_public_reception。")
        self.put("prior:")
        self.put(f"year: {year}", 2)
        self.put("figures:", 2)
        if not figures:
            self.note(f"- {{subject: total, amount: {BLANK}}}   # amount 写上年预算数", 4)
            self.note(f'- {{subject: function, code: "2080505", amount: {BLANK}}}', 4)
        keys = [f.subject.code or f.subject.kind for f in figures]
        # Reasons go to `reasons:` when every figure under a key has the same one; otherwise inline.
        grouped: dict[str, set[str | None]] = {}
        for key, f in zip(keys, figures):
            grouped.setdefault(key, set()).add(f.reason)
        apart = {k: next(iter(r)) for k, r in grouped.items() if len(r) == 1 and None not in r}
        for key, f in zip(keys, figures):
            s = f.subject
            self.put("- " + flow([
                ("subject", scalar(s.kind)), ("code", self.code(s.code)), ("name", self.text(s.name)),
                ("table", self.text(s.table)), ("measure", self.text(s.measure)), ("amount", self.number(f.amount)),
                ("reason", None if key in apart or f.reason is None else scalar(f.reason)),
            ]), 4)
        self.put("")
        self.put("# 增减原因（按科目编码或 subject 对应到上面的上年数），供生成情况说明使用。")
        self.put("reasons:")
        if not apart:
            self.note("total: 写明增减的主要原因", 2)
        for key, reason in apart.items():
            figure = figures[keys.index(key)]
            comment = ""
            if self.guide:
                what = figure.subject.name or SUBJECT_WORDS.get(figure.subject.kind, figure.subject.kind)
                comment = f"  # {what}，上年 {self.number(figure.amount)} {self.unit.value}"
            self.put(f"{scalar(key)}: {_quoted(reason)}{comment}", 2)


TABLE_GUIDE = {
    "two_sided": "收支两方：income 各行用 item（版式中的行 id），expenditure 按功能分类类级科目写 code，金额写 amount。",
    "by_code": "按科目逐行：先写合计行，再按 类、款、项 逐级列出（code 3 位为类、5 位为款、7 位为项）。",
    "by_unit": "分单位：每个单位一行。",
    "single_row": "一行：直接写各栏金额，空白的栏不写。",
    "projects": "一级项目下列二级项目（level 写 一级 / 二级，unit 写项目单位）。",
    "label_tree": "按印出的样子逐行：texts 写各文字栏（栏名照表头），小计行 level 写 小计，合计行名为 合计。",
}


def target_text(target: TargetValue) -> str:
    """The printed value; a mapping when the form printed its parts apart (the unit in a 计量单位 column)
    so that reading the text alone would not give them back."""
    parsed = TargetValue.parse(target.text)
    if parsed == target:
        return _quoted(target.text)
    parts = [("text", _quoted(target.text))]
    for key in ("op", "number", "unit"):
        value = getattr(target, key)
        if value != getattr(parsed, key):
            parts.append((key, BLANK if value is None else format(value, "f") if key == "number" else scalar(value)))
    return flow(parts)


def _last_year_note(matter: OtherMatter, unit: AmountUnit) -> str:
    said = []
    if matter.vehicles is not None:
        said.append(f"车辆 {matter.vehicles} 辆")
    if matter.amount is not None:
        said.append(f"{number_text(matter.amount, unit)} {unit.value}")
    if matter.none_stated:
        said.append("文件说明“无”")
    return f"  # 上年：{'，'.join(said)}" if said else ""


def _example_code(kind: str, year: int) -> tuple[str, str]:
    """A real code of the year for a commented example row."""
    book = load_codebook()
    entries = book.economic_codes(year) if kind == "economic" else book.function_codes(year)
    wanted = "30101" if kind == "economic" else "2080505"
    entry = next((e for e in entries if e.code == wanted), None) or entries[-1]
    return entry.code, entry.name


# --- public ------------------------------------------------------------------------------------------


def budget_to_yaml(budget: Budget) -> str:
    """The budget in the preparer's YAML form; `yaml_budget.loads` of the text gives it back.
    Raises NotRepresentable when the budget holds anything the form has no place for."""
    writer = _Writer(budget, blank=False, guide=False)
    text = writer.document()
    if writer.gaps:
        raise NotRepresentable(writer.gaps)
    return text


def template_yaml(budget: Budget) -> TemplateText:
    """A document to fill in: the year's amounts blank (~), history and `prior:` printed, guide comments.
    What the form cannot hold is commented in the text and listed in the result's `gaps`."""
    writer = _Writer(budget, blank=True, guide=True)
    text = TemplateText(writer.document())
    text.gaps = tuple(writer.gaps)
    return text
