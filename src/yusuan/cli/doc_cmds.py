"""`yusuan extract`, `yusuan summary`, `yusuan facts`: the model and its figures as data."""
from __future__ import annotations

import csv
import io
import json
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table as RichTable

from ..figures.facts import FACT_COLUMNS, budget_facts
from ..figures.summary import summary as budget_summary
from . import app, fail
from .loading import load_or_exit
from ..batch import facts_of, summary_of
from . import EXIT_UNREADABLE
from .batch_run import JobsOpt, is_batch, note_apart, rollup, run_over
from .output import ForceOpt, OutputOpt, check_target, write_target
from .safe_text import printable_data

SUMMARY_LABELS = {
    "unit_name": "单位名称", "year": "年度", "kind": "类型", "level": "层级", "amount_unit": "金额单位",
    "income_total": "收入总计", "expenditure_total": "支出总计", "fiscal_grant_total": "财政拨款收支总计",
    "basic_total": "基本支出", "project_total": "项目支出", "personnel_total": "人员经费",
    "public_total": "公用经费", "three_public_total": "“三公”经费合计", "three_public_abroad": "因公出国（境）费",
    "three_public_vehicle_purchase": "公务用车购置费", "three_public_vehicle_operation": "公务用车运行费",
    "three_public_reception": "公务接待费", "gov_operation_cost": "机关运行经费",
}

FileArg = typer.Argument(..., help="预算文件（.txt .yaml .pdf .xlsx .docx .html）；加 --together 时可给多个", show_default=False)
TogetherOpt = typer.Option(False, "--together", help="把多个文件作为一份文档读取（如表格与说明分为两个 PDF）")
LayoutOpt = typer.Option(None, "--layout", help="指定版式（默认自动识别），见 yusuan layouts")


class ExtractFormat(str, Enum):
    json = "json"


class SummaryFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"


BatchFileArg = typer.Argument(..., help="预算文件（.txt .yaml .pdf .xlsx .docx .html）或文件夹（按扩展名递归查找），可多个；"
                                        "加 --together 时多个文件作为一份文档读取", show_default=False)


class FactsFormat(str, Enum):
    csv = "csv"
    json = "json"


def _emit(text: str, output: Optional[Path]) -> None:
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    write_target(output, text)


def _load_for_output(file, layout, together, output: Optional[Path], force: bool):
    """Refuse the output file before reading (no wasted work), then load the document."""
    if output is not None:
        check_target(output, force, file)
    return load_or_exit(file, layout, together)[0]


@app.command("extract")
def extract_cmd(
    file: List[Path] = FileArg,
    format: ExtractFormat = typer.Option(ExtractFormat.json, "--format", help="输出格式"),
    layout: Optional[str] = LayoutOpt,
    together: bool = TogetherOpt,
    output: Optional[Path] = OutputOpt,
    force: bool = ForceOpt,
) -> None:
    """输出文档的完整模型（JSON，结构见 docs/schema/budget.schema.json）。"""
    budget = _load_for_output(file, layout, together, output, force)
    _emit(budget.model_dump_json(indent=2) + "\n", output)


@app.command("summary")
def summary_cmd(
    file: List[Path] = BatchFileArg,
    as_json: bool = typer.Option(False, "--json", help="以 JSON 输出（金额为精确到元的十进制字符串）"),
    format: Optional[SummaryFormat] = typer.Option(None, "--format",
                                                   help="text、json 或 csv：json 与 csv 每个文件一行，含全部关键数字"),
    layout: Optional[str] = LayoutOpt,
    together: bool = TogetherOpt,
    jobs: Optional[int] = JobsOpt,
) -> None:
    """输出文档的关键数字：收支总计、基本/项目支出、人员/公用经费、“三公”经费等。

    另列项目支出绩效目标表读到的项目数（performance_projects）、表中印出的合计（performance_total）和各项目金额之和
    （performance_sum）；文档只是项目支出绩效目标表这一附件时 attachment 为 project_performance，关键数字均为空。
    文件中没有某个数字所在的表格时（如只含情况说明、报表另行公开的文件），取情况说明文字明确写出的本年度数字，
    并标明来源；--json 的 from_narrative 列出这些数字及其页码、行号和原句。
    未能读取的表格不给出数字（为空，不作 0），--json 的 unread 列出这些表格的标题、表号、种类和页码。"""
    if format in (SummaryFormat.json, SummaryFormat.csv) or (not together and is_batch(file)):
        _summary_batch(file, layout, jobs, format or (SummaryFormat.json if as_json else SummaryFormat.text))
        return
    budget, _ = load_or_exit(file, layout, together)
    data = budget_summary(budget)
    _print_summary(data, as_json)


def _print_summary(data: dict, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    data = printable_data(data)  # names and titles from the document: escapes shown, not obeyed
    table = RichTable(title=f"{data['unit_name']} {data['year']} 年{data['level']}{data['kind']}", show_header=True)
    table.add_column("项目")
    table.add_column("金额（元）", justify="right")
    # A figure read from the narrative's words, not from a table, says where.
    texts = {f["key"]: f for f in data["from_narrative"]}
    if not any(key != "gov_operation_cost" for key in texts):
        texts = {}  # 机关运行经费 is a narrative figure of every document
    if texts:
        table.add_column("来源")
    for key, label in SUMMARY_LABELS.items():
        value = data[key]
        if key in ("unit_name", "year", "kind", "level", "amount_unit"):
            continue
        cells = [label, "—" if value is None else f"{float_free_grouping(value)}"]
        if texts:
            where = texts.get(key)
            cells.append(f"情况说明 第{where['page']}页" if where else "")
        table.add_row(*cells)
    for code, value in data["expenditure_by_class"].items():
        table.add_row(f"  支出功能分类 {code}", float_free_grouping(value), *([""] if texts else []))
    if data["performance_projects"]:
        table.add_row("项目绩效目标表：项目数", str(data["performance_projects"]))
        for key, label in (("performance_total", "项目绩效目标表：合计"), ("performance_sum", "项目绩效目标表：各项目之和")):
            table.add_row(label, "—" if data[key] is None else float_free_grouping(data[key]))
    Console(emoji=False).print(table)
    if texts:
        Console(emoji=False).print("注：标明“情况说明”的数字取自文字说明（本文件中没有对应的表格）。")
    for unread in data["unread"]:
        where = f"第{unread['page']}页" if unread["page"] else ""
        Console(emoji=False).print(f"注：{where}表{unread['number'] or ''}“{unread['title']}”未能读取，其中的数字未列入。")


def float_free_grouping(text: str) -> str:
    """'7786400.5' → '7,786,400.5' without going through float."""
    sign = "-" if text.startswith("-") else ""
    whole, _, frac = text.lstrip("-").partition(".")
    grouped = f"{int(whole):,}"
    return f"{sign}{grouped}.{frac}" if frac else f"{sign}{grouped}"


@app.command("facts")
def facts_cmd(
    file: List[Path] = BatchFileArg,
    format: FactsFormat = typer.Option(FactsFormat.csv, "--format", help="输出格式"),
    layout: Optional[str] = LayoutOpt,
    together: bool = TogetherOpt,
    output: Optional[Path] = OutputOpt,
    force: bool = ForceOpt,
    jobs: Optional[int] = JobsOpt,
) -> None:
    """每张表的每个数字一行：table, code, item, measure, value_yuan, page, line（说明见 docs/facts.md）。

    多个文件或文件夹时每行前加 file 栏（文件路径）；无法读取的文件在标准错误输出中说明原因，其余照常输出（退出码 2）。"""
    if not together and is_batch(file):
        _facts_batch(file, layout, jobs, format, output, force)
        return
    budget = _load_for_output(file, layout, together, output, force)
    rows = [fact.as_dict() for fact in budget_facts(budget)]
    if format is FactsFormat.json:
        _emit(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", output)
        return
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FACT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    _emit(buffer.getvalue(), output)


@app.command("layouts")
def layouts_cmd(
    layout_id: Optional[str] = typer.Argument(None, help="版式编号；给出时列出该版式的各表", show_default=False),
) -> None:
    """列出已知的版式（各地区的表格组成），或一个版式的各表及其栏目。"""
    from ..reference.layouts import layout_ids, load_layout, measures

    console = Console(emoji=False)
    if layout_id is None:
        table = RichTable(title="已知版式")
        for column in ("版式编号", "名称", "层级", "金额单位", "表数"):
            table.add_column(column)
        for lid in layout_ids():
            lay = load_layout(lid)
            table.add_row(lay.id, lay.name, lay.level, lay.unit, str(len(lay.tables)))
        console.print(table)
        return
    if layout_id not in layout_ids():
        raise fail(f"未知的版式“{layout_id}”，可选：{'、'.join(layout_ids())}")
    lay = load_layout(layout_id)
    names = measures()
    table = RichTable(title=f"{lay.name}（{lay.id}）")
    for column in ("表号", "标题", "表编号", "栏目"):
        table.add_column(column)
    for spec in lay.tables:
        cols = "、".join(names[c].zh if c in names else c for c in spec.columns)
        table.add_row(spec.number, spec.title, spec.id, cols or "—")
    console.print(table)


# ---- many files

SUMMARY_SCALARS = ("unit_name", "year", "kind", "level", "amount_unit", "income_total", "expenditure_total",
                   "fiscal_grant_total", "basic_total", "project_total", "personnel_total", "public_total",
                   "three_public_total", "three_public_abroad", "three_public_vehicle_purchase",
                   "three_public_vehicle_operation", "three_public_reception", "gov_operation_cost",
                   "attachment", "performance_projects", "performance_total", "performance_sum")


def summary_row(path: str, data: dict | None, error: str | None = None) -> dict:
    """One file's key figures as a flat row: file, status, message, the scalars, `class_<code>` per
    function class of expenditure, the keys read from the narrative, the tables not read."""
    row: dict = {"file": path, "status": "unreadable" if data is None else "ok", "message": error or ""}
    row.update({key: (data or {}).get(key) for key in SUMMARY_SCALARS})
    if data is not None:
        row.update({f"class_{code}": value for code, value in data["expenditure_by_class"].items()})
        row["from_narrative"] = " ".join(f["key"] for f in data["from_narrative"])
        row["unread_tables"] = len(data["unread"])
    return row


def _summary_batch(files, layout, jobs, format: "SummaryFormat") -> None:
    outcomes = run_over("关键数字", summary_of, files, (layout,), jobs)
    for outcome in outcomes:
        if outcome.ok:
            note_apart(outcome.path, outcome.value[1])
    if format is SummaryFormat.text:
        for outcome in outcomes:
            if outcome.ok:
                typer.echo(f"== {outcome.path}")
                _print_summary(outcome.value[0], False)
    else:
        rows = [summary_row(o.path, o.value[0] if o.ok else None, o.error) for o in outcomes]
        if format is SummaryFormat.json:
            typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            classes = sorted({key for row in rows for key in row if key.startswith("class_")})
            columns = ["file", "status", "message", *SUMMARY_SCALARS, "from_narrative", "unread_tables", *classes]
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
            typer.echo(buffer.getvalue(), nl=False)
    if len(outcomes) > 1:
        typer.echo(rollup(outcomes), err=True)
    if any(not o.ok for o in outcomes):
        raise typer.Exit(EXIT_UNREADABLE)


def _facts_batch(files, layout, jobs, format: FactsFormat, output: Optional[Path], force: bool) -> None:
    if output is not None:
        check_target(output, force, files)
    outcomes = run_over("读取", facts_of, files, (layout,), jobs)
    for outcome in outcomes:
        if outcome.ok:
            note_apart(outcome.path, outcome.value[1])
    rows = [{"file": o.path, **fact} for o in outcomes if o.ok for fact in o.value[0]]
    if format is FactsFormat.json:
        _emit(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", output)
    else:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=("file", *FACT_COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        _emit(buffer.getvalue(), output)
    typer.echo(rollup(outcomes, f"数字 {len(rows)} 个"), err=True)
    if any(not o.ok for o in outcomes):
        raise typer.Exit(EXIT_UNREADABLE)
