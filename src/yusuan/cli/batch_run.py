"""Running a command's work over many files: folders expanded, a progress bar, unreadable files
reported (each with its reason) without stopping the others."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Optional, Sequence

import typer

from ..batch import DOCUMENT_SUFFIXES, Outcome, default_jobs, expand, imap
from . import fail
from .progress import progress_bar
from .safe_text import printable

JobsOpt = typer.Option(None, "--jobs", "-j", min=1, help="并行进程数（默认为 CPU 核数）")


def is_batch(paths: Sequence[Path]) -> bool:
    """More than one file, or a folder: the command runs over many files."""
    return len(paths) > 1 or any(Path(p).is_dir() for p in paths)


def run_over(label: str, fn: Callable[..., Any], paths: Sequence[Path], args: tuple, jobs: Optional[int],
             action: str = "读取") -> list[Outcome]:
    """Outcomes in the order of the files (folders expanded); reasons of unreadable files on stderr."""
    files = expand(paths)
    if not files:
        raise fail("给出的文件夹中没有预算文件（" + "、".join(DOCUMENT_SUFFIXES) + "）")
    outcomes: dict[int, Outcome] = {}
    with progress_bar(label, len(files), enabled=len(files) > 1) as bar:
        for index, outcome in imap(fn, files, args, jobs or default_jobs(), action=action):
            outcomes[index] = outcome
            bar.advance(Path(outcome.path).name)
    ordered = [outcomes[i] for i in range(len(files))]
    for outcome in ordered:
        if not outcome.ok:
            typer.echo(f"错误：{printable(outcome.error)}", err=True)
    return ordered


def rollup(outcomes: Sequence[Outcome], extra: str = "") -> str:
    unreadable = sum(1 for o in outcomes if not o.ok)
    text = f"合计 {len(outcomes)} 个文件：已读取 {len(outcomes) - unreadable}，无法读取 {unreadable}"
    return text + (f"；{extra}" if extra else "")


def note_apart(path: str, sentence: str | None) -> None:
    """A file whose tables are published apart may belong with another file given: say --together."""
    if sentence:
        typer.echo(f"提示：{printable(str(path))} 写明报表另行公开（“{printable(sentence)}”）；如报表在同时给出的另一文件中，"
                   "可加 --together 把两个文件作为一份文档读取", err=True)
