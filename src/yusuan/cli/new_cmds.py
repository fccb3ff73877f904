"""`yusuan new`: a YAML document for the preparer to fill in — a blank skeleton of a layout, or
next year's document from last year's (last year's figures become the `prior:` block)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..reference.layouts import layout_ids
from . import EXIT_UNREADABLE, app, fail
from .output import ForceOpt, OutputOpt, check_target, write_target
from .loading import load_or_exit

DEFAULT_LAYOUT = "wuhan_unit"
DEFAULT_LAYOUTS = {"预算": DEFAULT_LAYOUT, "决算": "national_final"}  # the layout of a new file of each kind


@app.command("new")
def new_cmd(
    unit: Optional[str] = typer.Option(None, "--unit", help="单位名称（新建空白文件时必填）"),
    year: int = typer.Option(..., "--year", help="预算年度，如 2027"),
    code: Optional[str] = typer.Option(None, "--code", help="单位编码"),
    kind: Optional[str] = typer.Option(None, "--kind", help="文件类别：预算（默认）或 决算（全国统一的 9 张决算表）"),
    layout: Optional[str] = typer.Option(None, "--layout", help=f"版式（默认 {DEFAULT_LAYOUT}；与 --from 同用时为读取上年文件的版式）"),
    last_year: Optional[Path] = typer.Option(None, "--from", help="上年的预算文件（.yaml .txt .pdf .xlsx .docx）：沿用其表格结构，上年数写入 prior"),
    output: Optional[Path] = OutputOpt,
    force: bool = ForceOpt,
) -> None:
    """新建供编制人员填写的预算 YAML：空白框架，或以上年文件为底的本年文件。"""
    from ..render.yaml_out import template_yaml
    from ..render.yaml_template import next_year_budget, skeleton_budget

    if not 1949 <= year <= 2200:
        raise fail(f"--year：年度“{year}”不合理")
    if layout is not None and layout not in layout_ids():
        raise fail(f"--layout：未知的版式“{layout}”（可用：{'、'.join(layout_ids())}）")
    if kind is not None and kind not in DEFAULT_LAYOUTS:
        raise fail(f"--kind：未知的文件类别“{kind}”（可用：预算、决算）")
    if kind is not None and layout is not None:
        from ..reference.layouts import load_layout
        if load_layout(layout).kind != kind:
            raise fail(f"--layout：版式“{layout}”是{load_layout(layout).kind}的版式，不是{kind}的")
    if output is not None:
        check_target(output, force, [last_year] if last_year else [])
    if last_year is not None:
        last, _ = load_or_exit(last_year, layout)
        if year <= last.year:
            raise fail(f"--year：新文件的年度（{year}）应晚于上年文件的年度（{last.year}）")
        budget = next_year_budget(last, year)
        if unit is not None or code is not None:
            budget = budget.model_copy(update={"unit": budget.unit.model_copy(update={
                k: v for k, v in (("name", unit), ("code", code)) if v is not None})})
    else:
        if not unit or not unit.strip():
            raise fail("请用 --unit 给出单位名称，或用 --from 指定上年的预算文件")
        budget = skeleton_budget(unit.strip(), year, code, layout or DEFAULT_LAYOUTS[kind or "预算"])
    text = template_yaml(budget)
    for gap in text.gaps:  # also commented in the file, where the value would have gone
        typer.echo(f"注意：YAML 格式无法写出 {gap}", err=True)
    if output is None:
        typer.echo(text, nl=False)
        return
    write_target(output, text)
    typer.echo(f"已写入 {output}", err=True)
