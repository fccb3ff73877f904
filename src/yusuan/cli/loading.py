"""Load a document for a command, turning every failure into a Chinese message and an exit code."""
from __future__ import annotations

import os
import traceback
from pathlib import Path

import typer

from ..api import load_budget, load_budget_together
from ..model import Budget, Finding
from ..read.raw import UnreadableError
from . import EXIT_UNREADABLE, fail

EXIT_INTERNAL = 3


def load_or_exit(path, layout: str | None = None, together: bool = False) -> tuple[Budget, tuple[Finding, ...]]:
    """`path` may be a list of files: one file, or several read as one document with `together`."""
    paths = list(path) if isinstance(path, (list, tuple)) else [path]
    if len(paths) > 1 and not together:
        raise fail("给出了多个文件：如要作为一份文档合并读取（如北京的表格与说明分开发布），请加 --together")
    try:
        if together and len(paths) > 1:
            return load_budget_together(paths, layout)
        path = paths[0]
        return load_budget(path, layout)
    except UnreadableError as exc:
        raise fail(exc.message, EXIT_UNREADABLE) from None
    except Exception as exc:  # a bug: say so in Chinese, keep the traceback for YUSUAN_DEBUG
        if os.environ.get("YUSUAN_DEBUG"):
            traceback.print_exc()
        raise fail(f"{path}：读取时发生内部错误（{type(exc).__name__}），请报告此问题；"
                   "设置环境变量 YUSUAN_DEBUG=1 可查看详细信息", EXIT_INTERNAL) from None
