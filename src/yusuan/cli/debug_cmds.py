"""`yusuan debug FILE --page N -o page.png`: a page drawn with the grids, rows and amounts read on it."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..api import read_raw
from ..read.raw import UnreadableError
from . import EXIT_UNREADABLE, app, fail
from .loading import load_or_exit
from .output import ForceOpt, check_target, write_target


@app.command("debug")
def debug_cmd(
    file: Path = typer.Argument(..., help="预算公开文件（.pdf）", show_default=False),
    page: int = typer.Option(..., "--page", help="页码（从 1 开始）", show_default=False),
    output: Path = typer.Option(..., "-o", "--output", help="输出的 PNG 图片", show_default=False),
    dpi: int = typer.Option(110, "--dpi", help="图片分辨率（每英寸点数，20–600）"),
    layout: Optional[str] = typer.Option(None, "--layout", help="指定版式（默认自动识别）"),
    force: bool = ForceOpt,
) -> None:
    """把一页画成图片：识别出的表格单元格、表格外的文字行，以及每个读入的金额（按金额种类着色），
    用来查看一个数字为什么被读到了那里。"""
    if file.suffix.lower() != ".pdf":
        raise fail(f"{file}：调试图只支持 PDF 文件（这是“{file.suffix or '无扩展名'}”文件）", EXIT_UNREADABLE)
    if not 20 <= dpi <= 600:
        raise fail(f"--dpi：分辨率应在 20 到 600 之间，不是 {dpi}")
    check_target(output, force, [file])
    try:
        raw = read_raw(file)
    except UnreadableError as exc:
        raise fail(exc.message, EXIT_UNREADABLE) from None
    if not 1 <= page <= len(raw.pages):
        raise fail(f"{file}：没有第 {page} 页（文件共 {len(raw.pages)} 页）", EXIT_UNREADABLE)
    from ..render.debug_page import draw_page

    budget, _ = load_or_exit(file, layout)
    drawing = draw_page(file, page, budget, raw, dpi)
    write_target(output, drawing.png)
    tables = sorted({m.table for m in drawing.marks})
    found = len(drawing.grids) + len(drawing.unruled)
    found_text = f"{found} 个（其中无框线 {len(drawing.unruled)} 个）" if drawing.unruled else f"{found} 个"
    typer.echo(f"已写入 {output}（{drawing.width}×{drawing.height}）：第 {page} 页，识别出表格 {found_text}，"
               f"读入金额 {len(drawing.marks)} 个" + (f"，属于 {'、'.join(tables)}" if tables else ""))
