"""`yusuan render FILE --to html|pdf|docx|xlsx [--layout …] -o OUT`: the publishable document.

The document is checked before anything is written: with errors (the rules' and the derivation's
conflicts, render/derive.py) they are printed as `check` prints them and nothing is written (exit 1);
`--draft` writes it anyway, marked "草稿" on every page with the open findings listed at its end
(render/draft.py). Warnings are printed and do not block."""
from __future__ import annotations

import os
import sys
from dataclasses import replace
import traceback
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ..check.report import line_of
from ..model import Severity
from ..render.draft import mark_draft
from . import EXIT_FINDINGS, app, fail
from .output import ForceOpt, check_target, write_target
from .loading import EXIT_INTERNAL, load_or_exit


class RenderFormat(str, Enum):
    html = "html"
    pdf = "pdf"
    docx = "docx"
    xlsx = "xlsx"


@app.command("render")
def render_cmd(
    file: Path = typer.Argument(..., help="预算文件（.yaml .txt .pdf .xlsx .docx）", show_default=False),
    to: RenderFormat = typer.Option(..., "--to", help="输出格式：html、pdf、docx 或 xlsx", show_default=False),
    layout: Optional[str] = typer.Option(None, "--layout",
                                         help="输出版式（默认沿用文件的版式），如 wuhan_unit、shanghai_unit、shanghai_dept"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="输出文件（默认：与输入同名，换扩展名）"),
    draft: bool = typer.Option(False, "--draft", help="检查有错误时仍然生成：每页标注“草稿”，文末列出尚未解决的问题"),
    force: bool = ForceOpt,
) -> None:
    """把预算生成可公开发布的文档（封面、目录、概况、预算表、情况说明、名词解释）。先检查：有错误时列出问题、不生成（--draft 生成标注“草稿”的文件）；能由其他表按定义得出的表自动补齐。"""
    from ..reference.layouts import layout_ids
    from ..render import SUFFIX, render

    if layout is not None and layout not in layout_ids():
        raise fail(f"未知的版式“{layout}”（可用：{'、'.join(layout_ids())}）")
    target = output or file.with_suffix(SUFFIX[to.value])
    check_target(target, force, [file])
    budget, reading = load_or_exit(file)
    try:
        ready, report = _prepared(budget, reading, layout)
    except Exception as exc:  # a bug: say so in Chinese, keep the traceback for YUSUAN_DEBUG
        _internal(file, "检查", exc)
    _print_report(report, str(file))
    errors = report.count(Severity.ERROR)
    if errors and not draft:
        typer.echo(f"未生成 {target}：检查发现 {errors} 个错误，请改正后重新生成"
                   "（如需先看效果，加 --draft 生成标注“草稿”的文件）", err=True)
        raise typer.Exit(EXIT_FINDINGS)
    try:
        data = render(ready.budget, to.value, layout)
        if draft:
            data = mark_draft(data, to.value, [line_of(f, str(file)) for f in report.findings])
    except Exception as exc:
        _internal(file, f"生成{to.value.upper()}", exc)
    write_target(target, data)
    if draft:
        typer.echo(f"已生成草稿 {target}（{len(data) // 1024} KB）：每页标注“草稿”，文末列出 {len(report.findings)} 个尚未解决的问题")
        if errors:  # written, yet still a document with errors
            raise typer.Exit(EXIT_FINDINGS)
        return
    typer.echo(f"已生成 {target}（{len(data) // 1024} KB）")


def _prepared(budget, reading, layout):
    """The budget as it will be printed (derived tables filled, Part 3 written) and its check report.

    The figures are derived and checked in the budget's own layout; printed in another (--layout), Part 3
    is written again for that layout's sections from the same figures."""
    from ..check import check
    from ..narrative import prepare
    from ..render.derive import derive

    derivation = derive(budget)
    for note in derivation.notes:
        typer.echo(f"按定义补齐：{note}", err=True)
    checked = prepare(derivation.budget)
    report = check(checked, tuple(reading) + tuple(derivation.conflicts))
    findings = derivation.echoes(report.findings)
    if layout in (None, budget.layout):
        derivation.budget = checked
    else:
        # Printed in another layout: its own sections' text is checked for what is left to fill (Q7…).
        from ..check.settings import CheckSettings
        printed = prepare(derivation.budget, layout)
        again = check(printed.model_copy(update={"layout": layout}), settings=CheckSettings(select=("Q7",)))
        findings += [f for f in again.findings if f not in findings]
        derivation.budget = printed
    return derivation, replace(report, findings=tuple(findings))


def _print_report(report, name: str) -> None:
    if not report.findings:
        return
    from rich.console import Console
    from ..check.report import print_text
    print_text(Console(file=sys.stdout, highlight=False, soft_wrap=True, emoji=False), report, name)


def _internal(file: Path, doing: str, exc: Exception) -> "typer.Exit":
    if os.environ.get("YUSUAN_DEBUG"):
        traceback.print_exc()
    raise fail(f"{file}：{doing}时发生内部错误（{type(exc).__name__}），请报告此问题；"
               "设置环境变量 YUSUAN_DEBUG=1 可查看详细信息", EXIT_INTERNAL) from None
