"""`yusuan compare`: two documents side by side (files or stored ids), or a unit over its stored years."""
from __future__ import annotations

import os
import traceback
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from . import EXIT_FINDINGS, app, fail
from .loading import EXIT_INTERNAL, load_or_exit
from .output import ForceOpt, OutputOpt, check_target, write_target


class CompareFormat(str, Enum):
    text = "text"
    json = "json"
    html = "html"
    xlsx = "xlsx"


def _stored_id(arg: str) -> bool:
    """An argument naming no file is a stored id when it looks like one (digits, or a store's id)."""
    return not Path(arg).exists() and Path(arg).suffix == ""


def _load(arg: str, db: Optional[str]):
    """(budget, file shown, stored id) of an argument: a file, else a budget id of the store."""
    if not _stored_id(arg):
        budget, _ = load_or_exit(Path(arg))
        return budget, arg, None
    from .stored import load_stored

    budget = load_stored(arg, db)
    return budget, None, arg


@app.command("compare")
def compare_cmd(
    a: Optional[str] = typer.Argument(None, metavar="A", help="文件 A（或库中的预算编号）：上一年度、预算或第一个单位", show_default=False),
    b: Optional[str] = typer.Argument(None, metavar="B", help="文件 B（或库中的预算编号）：下一年度、决算或第二个单位", show_default=False),
    unit: Optional[str] = typer.Option(None, "--unit", help="单位名称：与 --db 同用，列出该单位库中各年度的关键数字"),
    db: Optional[str] = typer.Option(None, "--db", help="数据库（如 sqlite:///路径；默认见 yusuan ingest）"),
    format: CompareFormat = typer.Option(CompareFormat.text, "--format", help="输出格式：text、json、html、xlsx"),
    output: Optional[Path] = OutputOpt,
    force: bool = ForceOpt,
) -> None:
    """比较两份文件：同一单位的两个年度、同一年度的两个单位，或同一单位同一年度的预算与决算。

    逐项列出两边的数字、差额和增减率：关键数字、支出功能分类（类、款、项）、基本支出经济分类、“三公”经费、项目支出（先按项目编码、再按项目名称对应）。某一边没有印出的数字为空（不作 0）。

    预算与决算比较时列出预算数、决算数、差额和执行率。

    B 是 A 的下一年度时，检查 B 的情况说明写出的上年数是否与 A 一致（规则 Y802）；预算与决算比较时，检查决算说明写出的年初预算数（Y803）和决算“三公”经费表的预算数（Y804）是否与预算文件一致。发现错误时退出码为 1。

    用 --unit 单位名称 --db 列出库中该单位各年度的关键数字。"""
    from ..compare.output import FORMATS

    if unit is not None:
        if a is not None or b is not None:
            raise fail("--unit 列出一个单位各年度的数字，不再另给文件；比较两份文件时请去掉 --unit")
        from .stored import series_output

        if output is not None:
            check_target(output, force)
        elif format is CompareFormat.xlsx:
            raise fail("--format xlsx 需要用 -o 指定输出文件")
        data = series_output(unit, db, format.value)
        _write(data, output)
        return
    if a is None or b is None:
        raise fail("请给出两份文件（或库中的预算编号）：yusuan compare A B；或用 --unit 单位名称 --db 列出各年度")
    if output is not None:
        check_target(output, force, [Path(p) for p in (a, b) if not _stored_id(p)])
    if format is CompareFormat.xlsx and output is None:
        raise fail("--format xlsx 需要用 -o 指定输出文件")
    from ..compare import compare

    budget_a, file_a, id_a = _load(a, db)
    budget_b, file_b, id_b = _load(b, db)
    try:
        result = compare(budget_a, budget_b, a_file=file_a, b_file=file_b, a_id=id_a, b_id=id_b)
        data = FORMATS[format.value](result)
    except Exception as exc:  # a bug: say so in Chinese, keep the traceback for YUSUAN_DEBUG
        if os.environ.get("YUSUAN_DEBUG"):
            traceback.print_exc()
        raise fail(f"比较时发生内部错误（{type(exc).__name__}），请报告此问题；设置环境变量 YUSUAN_DEBUG=1 可查看详细信息",
                   EXIT_INTERNAL) from None
    _write(data, output)
    if any(f.severity.value == "error" for f in result.findings):
        raise typer.Exit(EXIT_FINDINGS)


def _write(data: str | bytes, output: Optional[Path]) -> None:
    if output is None:
        typer.echo(data, nl=not data.endswith("\n"))
        return
    write_target(output, data)
    typer.echo(f"已写入 {output}", err=True)
