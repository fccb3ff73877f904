"""`yusuan render FILE --to html|pdf|docx|xlsx [--layout …] -o OUT`: the publishable document."""
from __future__ import annotations

import os
import traceback
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from . import app, fail
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
    force: bool = ForceOpt,
) -> None:
    """把预算生成可公开发布的文档（封面、目录、概况、预算表、情况说明、名词解释）。"""
    from ..narrative import prepare
    from ..reference.layouts import layout_ids
    from ..render import SUFFIX, render

    if layout is not None and layout not in layout_ids():
        raise fail(f"未知的版式“{layout}”（可用：{'、'.join(layout_ids())}）")
    target = output or file.with_suffix(SUFFIX[to.value])
    check_target(target, force, [file])
    budget, _ = load_or_exit(file)
    try:
        # Render stays format code: Part 3 of a budget without one (YAML) is generated first.
        data = render(prepare(budget, layout), to.value, layout)
    except Exception as exc:  # a bug: say so in Chinese, keep the traceback for YUSUAN_DEBUG
        if os.environ.get("YUSUAN_DEBUG"):
            traceback.print_exc()
        raise fail(f"{file}：生成{to.value.upper()}时发生内部错误（{type(exc).__name__}），请报告此问题；"
                   "设置环境变量 YUSUAN_DEBUG=1 可查看详细信息", EXIT_INTERNAL) from None
    write_target(target, data)
    typer.echo(f"已生成 {target}（{len(data) // 1024} KB）")
