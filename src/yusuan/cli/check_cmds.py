"""`yusuan check` (run the rules over documents) and `yusuan rules` (the rule catalog)."""
from __future__ import annotations

import io
import os
import sys
import traceback
from decimal import Decimal, InvalidOperation
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table as RichTable

from ..api import check_file, check_together
from ..check.catalog import CATALOG
from ..check.report import print_text, summary_line, to_html, to_json
from ..check.settings import CheckSettings
from ..model import Severity
from ..read import limits
from ..read.raw import UnreadableError
from . import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, app, fail
from ..batch import Outcome, check_of
from .batch_run import JobsOpt, note_apart, run_over
from .loading import EXIT_INTERNAL
from .output import ForceOpt, OutputOpt, check_target, write_target
from .safe_text import SafeConsole, printable


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    html = "html"
    csv = "csv"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    notice = "notice"


def _codes(option: Optional[str], flag: str) -> tuple[str, ...]:
    if not option:
        return ()
    codes = tuple(c.strip().upper() for c in option.replace("，", ",").split(",") if c.strip())
    for c in codes:
        if not any(code.startswith(c) for code in CATALOG):
            raise fail(f"{flag}：没有以“{c}”开头的规则（见 yusuan rules）")
    return codes


def _settings(select, ignore, fail_on, tolerance) -> CheckSettings:
    tol = None
    if tolerance is not None:
        too_long = limits.text_fits(tolerance)
        if too_long:
            raise fail(f"--tolerance：{too_long}")
        try:
            tol = Decimal(tolerance.strip())
        except InvalidOperation:
            raise fail(f"--tolerance：“{tolerance}”不是金额（单位：元）") from None
        if not tol.is_finite():
            raise fail(f"--tolerance：“{tolerance}”不是金额（单位：元），应为有限的数")
        too_large = limits.number_fits(tol)
        if too_large:
            raise fail(f"--tolerance：“{tolerance}”{too_large}")
        if tol < 0:
            raise fail("--tolerance：容差不能为负")
    return CheckSettings(select=_codes(select, "--select"), ignore=_codes(ignore, "--ignore"),
                         fail_on=Severity(fail_on.value), tolerance_yuan=tol)


@app.command("check")
def check_cmd(
    files: List[Path] = typer.Argument(..., help="预算文件（.txt .yaml .pdf .xlsx .docx .html）或文件夹（按扩展名递归查找），可多个",
                                       show_default=False),
    format: CheckFormat = typer.Option(CheckFormat.text, "--format",
                                       help="输出格式：text、json、html，或 csv（每个文件一行：文件、单位、年度、类型、错误、警告、提示、状态）"),
    output: Optional[Path] = OutputOpt,
    select: Optional[str] = typer.Option(None, "--select", help="只运行这些规则（编码或前缀，逗号分隔，如 S,X201）"),
    ignore: Optional[str] = typer.Option(None, "--ignore", help="不运行这些规则（编码或前缀，逗号分隔）"),
    fail_on: FailOn = typer.Option(FailOn.error, "--fail-on", help="出现该级别及以上的问题时退出码为 1"),
    tolerance: Optional[str] = typer.Option(None, "--tolerance",
                                            help="勾稽容差（元）；默认为印出末位的一个单位（万元两位小数即 100 元）"),
    layout: Optional[str] = typer.Option(None, "--layout", help="指定版式（默认自动识别）"),
    together: bool = typer.Option(False, "--together", help="把所有文件作为一份文档检查（如表格与说明分为两个 PDF）"),
    force: bool = ForceOpt,
    jobs: Optional[int] = JobsOpt,
) -> None:
    """检查预算公开文件：表内、表间、文表勾稽，完整性，科目编码，隐私与文字质量。"""
    if output is not None:
        check_target(output, force, files)
    settings = _settings(select, ignore, fail_on, tolerance)
    items, unreadable, internal, outcomes = [], False, False, []
    if together and len(files) > 1:
        name = " + ".join(str(p) for p in files)
        try:
            budget, report = check_together(files, layout, settings)
            items.append((report, budget, name))
            outcomes = [Outcome(name, value=(budget, report, {"unit": budget.unit.name, "year": budget.year,
                                                               "kind": budget.kind.value, "apart": None}))]
        except UnreadableError as exc:
            typer.echo(f"错误：{printable(exc.message)}", err=True)
            outcomes = [Outcome(name, error=exc.message)]
            unreadable = True
        except Exception as exc:  # a bug: never a traceback to the user unless asked
            if os.environ.get("YUSUAN_DEBUG"):
                traceback.print_exc()
            typer.echo(f"错误：{printable(name)}：检查时发生内部错误（{type(exc).__name__}），请报告此问题；"
                       "设置环境变量 YUSUAN_DEBUG=1 可查看详细信息", err=True)
            internal = True
    else:
        keep = format in (CheckFormat.json, CheckFormat.html)  # their reports use the model
        outcomes = run_over("检查", check_of, files, (layout, settings, keep), jobs, action="检查")
        for outcome in outcomes:
            if outcome.ok:
                budget, report, meta = outcome.value
                items.append((report, budget, outcome.path))
                if len(outcomes) > 1:
                    note_apart(outcome.path, meta["apart"])
            elif outcome.internal:
                internal = True
            else:
                unreadable = True

    if format is CheckFormat.csv:
        _write_csv(outcomes, output, fail_on)
        if len(outcomes) > 1:
            typer.echo(_rollup(items, outcomes), err=True)
    elif items:
        if format is CheckFormat.text:
            _print_text(items, output, outcomes)
        else:
            text = to_json(items) if format is CheckFormat.json else to_html(items)
            if output is None:
                typer.echo(text)
            else:
                write_target(output, text + ("\n" if format is CheckFormat.json else ""))
            if len(outcomes) > 1:
                typer.echo(_rollup(items, outcomes), err=True)
    if internal:  # a bug outranks a refusal: exit 2 always means a clean refusal with its reason
        raise typer.Exit(EXIT_INTERNAL)
    if unreadable:
        raise typer.Exit(EXIT_UNREADABLE)
    raise typer.Exit(EXIT_FINDINGS if any(r.fails() for r, _, _ in items) else EXIT_OK)


CSV_COLUMNS = ("file", "unit", "year", "kind", "errors", "warnings", "notices", "status")


def _status(report, fail_on: FailOn) -> str:
    """ok: nothing at or above --fail-on; findings: something is; unreadable: not read."""
    return "findings" if report.fails() else "ok"


def _write_csv(outcomes, output: Optional[Path], fail_on: FailOn) -> None:
    """One row per file: file, unit, year, kind, errors, warnings, notices, status."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for outcome in outcomes:
        if not outcome.ok:
            writer.writerow([outcome.path, "", "", "", "", "", "", "unreadable"])
            continue
        _, report, meta = outcome.value
        writer.writerow([outcome.path, meta["unit"], meta["year"], meta["kind"],
                         report.count(Severity.ERROR), report.count(Severity.WARNING), report.count(Severity.NOTICE),
                         _status(report, fail_on)])
    if output is None:
        typer.echo(buffer.getvalue(), nl=False)
    else:
        write_target(output, buffer.getvalue())


def _rollup(items, outcomes) -> str:
    errors = sum(r.count(Severity.ERROR) for r, _, _ in items)
    warnings = sum(r.count(Severity.WARNING) for r, _, _ in items)
    notices = sum(r.count(Severity.NOTICE) for r, _, _ in items)
    failed = sum(1 for o in outcomes if not o.ok)
    text = f"合计 {len(items)} 个文件：错误 {errors}，警告 {warnings}，提示 {notices}"
    return text + (f"；另有 {failed} 个文件无法读取" if failed else "")


def _print_text(items, output: Optional[Path], outcomes=()) -> None:
    """The report as text: on the screen, or into a file written as output.py writes every file.
    Text from the document passes through SafeConsole: an escape sequence in it is shown, not obeyed."""
    handle = io.StringIO() if output is not None else None
    console = SafeConsole(file=handle or sys.stdout, highlight=False, soft_wrap=True, emoji=False,
                          no_color=handle is not None or None, width=200 if handle else None)
    for report, _, name in items:
        print_text(console, report, name)
    if len(items) > 1 or len(outcomes) > 1:
        console.print(_rollup(items, outcomes))
    if handle is not None:
        write_target(output, handle.getvalue())


@app.command("rules")
def rules_cmd(code: Optional[str] = typer.Argument(None, help="规则编码，如 S101；省略时列出全部规则")) -> None:
    """列出检查规则，或说明一条规则（含示例）。"""
    console = Console(highlight=False, soft_wrap=True, emoji=False)
    if code is None:
        table = RichTable(title=f"检查规则（共 {len(CATALOG)} 条）")
        for col in ("编码", "名称", "类别", "级别", "说明"):
            table.add_column(col)
        for spec in CATALOG.values():
            table.add_row(spec.code, spec.name, spec.category, spec.severity.label, spec.title)
        console.print(table)
        return
    spec = CATALOG.get(code.strip().upper())
    if spec is None:
        raise fail(f"没有规则“{code}”（见 yusuan rules）")
    console.print(f"[bold]{spec.code} {spec.name}[/bold]  {spec.category} · {spec.severity.label}")
    console.print(spec.title)
    console.print(spec.explanation)
    if spec.tables:
        console.print("适用表格：" + "、".join(spec.tables))
    if spec.reader:
        console.print("由读取程序在读取文档时报告。")
    if spec.example:
        console.print(f"示例：{spec.example.excerpt}")
        console.print(f"报告：{spec.example.message}")
