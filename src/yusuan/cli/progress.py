"""A progress bar on stderr for commands over many files, shown only when stderr is a terminal."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn


class _Quiet:
    def advance(self, name: str = "") -> None:
        pass

    def total(self, n: int) -> None:
        pass


class _Bar:
    def __init__(self, progress: Progress, task):
        self.progress, self.task = progress, task

    def advance(self, name: str = "") -> None:
        self.progress.update(self.task, advance=1, file=name)

    def total(self, n: int) -> None:
        self.progress.update(self.task, total=n)


@contextmanager
def progress_bar(label: str, total: int | None, enabled: bool = True) -> Iterator[_Bar | _Quiet]:
    """`with progress_bar("检查", n) as bar: … bar.advance(name)`; nothing drawn unless stderr is a
    terminal (and `enabled`: a single file draws none)."""
    console = Console(stderr=True)
    if not enabled or not console.is_terminal:
        yield _Quiet()
        return
    progress = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        TextColumn("剩余"), TimeRemainingColumn(), TextColumn("{task.fields[file]}"),
                        console=console, transient=True)
    with progress:
        yield _Bar(progress, progress.add_task(label, total=total, file=""))
