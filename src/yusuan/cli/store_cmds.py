"""`yusuan ingest` (read and check documents into the store), `yusuan list`, `yusuan export`."""
from __future__ import annotations

import csv
import io
import json
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table as RichTable

from ..figures.summary import yuan_text
from ..store import StoreError, open_store
from ..store.schema import TOTALS
from . import EXIT_OK, EXIT_UNREADABLE, app, fail
from .output import ForceOpt, check_target
from .progress import progress_bar

DbOpt = typer.Option(None, "--db", help="数据库：SQLite 文件路径或 sqlite:///路径，或 postgresql://…；"
                                        "默认取环境变量 YUSUAN_DB，否则为 ~/.local/share/yusuan/yusuan.sqlite")


class IngestFormat(str, Enum):
    text = "text"
    json = "json"


class Executor(str, Enum):
    processes = "processes"
    dask = "dask"


class ListFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"


class ExportFormat(str, Enum):
    csv = "csv"
    parquet = "parquet"
    xlsx = "xlsx"
    datapackage = "datapackage"


def _open(db: Optional[str]):
    try:
        return open_store(db)
    except StoreError as exc:
        raise fail(exc.message) from None


STATUS_ZH = {"stored": "已入库", "duplicate": "已存在", "unreadable": "无法读取"}


@app.command("ingest")
def ingest_cmd(
    paths: List[Path] = typer.Argument(..., help="预算文件或文件夹（文件夹按扩展名递归查找），可多个", show_default=False),
    db: Optional[str] = DbOpt,
    format: IngestFormat = typer.Option(IngestFormat.text, "--format", help="输出格式：text 或 json（每个文件一项）"),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="并行进程数（默认为 CPU 核数）", min=1),
    executor: Executor = typer.Option(Executor.processes, "--executor",
                                      help="processes：本机多进程；dask：在 Dask 集群上读取和检查"),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask 调度器地址，如 tcp://HOST:8786"),
    layout: Optional[str] = typer.Option(None, "--layout", help="指定版式（默认自动识别）"),
) -> None:
    """读取、检查文档并存入数据库。同一文件（SHA-256 相同）只存一次；同一单位、年度、类型的新文件存为新版本。

    退出码：全部入库或已存在为 0；有文件无法读取为 2（其余文件照常入库）。"""
    if scheduler and executor is not Executor.dask:
        raise fail("--scheduler 只用于 --executor dask")
    from ..ingest import ingest_paths

    store = _open(db)
    results: dict[int, object] = {}
    try:
        with progress_bar("入库", None) as bar:
            for index, result in ingest_paths(store, paths, jobs=jobs, layout=layout, executor=executor.value,
                                              scheduler=scheduler, on_start=bar.total):
                results[index] = result
                bar.advance(Path(result.path).name)
    except StoreError as exc:
        raise fail(exc.message) from None
    except OSError as exc:  # a scheduler that cannot be reached
        raise fail(f"无法连接 Dask 调度器 {scheduler}（{exc}）") from None
    finally:
        store.close()
    ordered = [results[i] for i in sorted(results)]
    if format is IngestFormat.json:
        typer.echo(json.dumps([r.as_dict() for r in ordered], ensure_ascii=False, indent=2))
    else:
        for r in ordered:
            where = f"（编号 {r.budget_id}）" if r.budget_id is not None else ""
            typer.echo(f"{r.path}：{STATUS_ZH[r.status]}{where}" + ("" if r.status != "stored" or r.message == "已入库"
                                                                    else f"——{r.message}"))
            if r.status == "unreadable":
                typer.echo(f"  原因：{r.message}", err=True)
    counts = {s: sum(1 for r in ordered if r.status == s) for s in STATUS_ZH}
    typer.echo(f"合计 {len(ordered)} 个文件：新入库 {counts['stored']}，已存在 {counts['duplicate']}，"
               f"无法读取 {counts['unreadable']}", err=True)
    raise typer.Exit(EXIT_UNREADABLE if counts["unreadable"] else EXIT_OK)


LIST_COLUMNS = ("id", "unit_name", "region", "year", "kind", "level", "version", *TOTALS, "errors", "warnings",
                "notices", "file_name")
LIST_LABELS = {"id": "编号", "unit_name": "单位", "region": "地区", "year": "年度", "kind": "类型", "level": "层级",
               "version": "版本", "income_total": "收入总计", "expenditure_total": "支出总计",
               "three_public_total": "“三公”经费", "errors": "错误", "warnings": "警告", "notices": "提示",
               "file_name": "文件"}


def _plain(value):
    if value is None:
        return None
    if hasattr(value, "as_tuple"):  # Decimal
        return yuan_text(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


@app.command("list")
def list_cmd(
    db: Optional[str] = DbOpt,
    format: ListFormat = typer.Option(ListFormat.text, "--format", help="输出格式：text、json 或 csv"),
    unit: Optional[str] = typer.Option(None, "--unit", help="只列出该单位"),
    year: Optional[int] = typer.Option(None, "--year", help="只列出该年度"),
) -> None:
    """列出数据库中的预算：编号、单位、地区、年度、类型、层级、关键数字（元）、问题数。"""
    store = _open(db)
    try:
        rows = store.list(unit=unit, year=year)
    finally:
        store.close()
    rows = [{c: _plain(row[c]) for c in LIST_COLUMNS} for row in rows]
    if format is ListFormat.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if format is ListFormat.csv:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=LIST_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        typer.echo(buffer.getvalue(), nl=False)
        return
    if not rows:
        typer.echo("数据库中没有预算（用 yusuan ingest 入库）")
        return
    shown = [c for c in LIST_COLUMNS if c in LIST_LABELS]
    table = RichTable(title=f"已入库的预算（{len(rows)} 份）")
    for column in shown:
        table.add_column(LIST_LABELS[column], justify="right" if column in TOTALS or column in
                         ("id", "errors", "warnings", "notices", "version") else "left")
    for row in rows:
        table.add_row(*("—" if row[c] is None else str(row[c]) for c in shown))
    console = Console(highlight=False, soft_wrap=True)
    if not console.is_terminal:
        console = Console(highlight=False, soft_wrap=True, width=240)
    console.print(table)


@app.command("export")
def export_cmd(
    format: ExportFormat = typer.Option(..., "--format", help="csv、parquet、xlsx，或 datapackage（Frictionless 数据包目录）"),
    output: Path = typer.Option(..., "-o", "--output", help="输出文件（datapackage 为目录）"),
    db: Optional[str] = DbOpt,
    force: bool = ForceOpt,
) -> None:
    """导出数据库中每个数字一行：编号、单位、地区、年度、类型、表、编码、行、栏目、金额（元，精确）、页码。"""
    from ..store import export

    if format is ExportFormat.datapackage:
        if output.exists() and any(output.iterdir() if output.is_dir() else [output]) and not force:
            raise fail(f"{output}：已存在，未覆盖（确需覆盖请加 --force）")
    else:
        check_target(output, force)
    store = _open(db)
    try:
        writer = {ExportFormat.csv: export.write_csv, ExportFormat.parquet: export.write_parquet,
                  ExportFormat.xlsx: export.write_xlsx, ExportFormat.datapackage: export.write_datapackage}[format]
        count = writer(store, output)
    except OverflowError:
        raise fail("数字超过 Excel 一张工作表的行数上限（1,048,576 行），请改用 csv 或 parquet") from None
    except OSError as exc:
        raise fail(f"{output}：无法写入（{exc.strerror or exc}）") from None
    finally:
        store.close()
    typer.echo(f"已导出 {count} 个数字到 {output}", err=True)
    sys.stdout.flush()
