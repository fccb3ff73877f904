"""Many files at once: folders expanded (recursively, by suffix), work spread over processes.

Used by `check`, `summary`, `facts` and `ingest`. A worker never raises: it returns an Outcome whose
`error` holds the Chinese reason when the file could not be read (a bug in yusuan is reported the same
way, naming the exception), so one bad file never stops the others."""
from __future__ import annotations

import multiprocessing
import os
import traceback
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from .read.raw import UnreadableError

# Suffixes taken from a folder (a file named on the command line is tried whatever its suffix).
DOCUMENT_SUFFIXES = (".pdf", ".xlsx", ".xlsm", ".docx", ".html", ".htm", ".txt", ".yaml", ".yml")


@dataclass
class Outcome:
    """One file's result: `value` when read, else `error` (a Chinese reason)."""

    path: str
    value: Any = None
    error: str | None = None
    internal: bool = False  # the error is a bug in yusuan, not the file's fault

    @property
    def ok(self) -> bool:
        return self.error is None


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the documents under folders named (recursively, sorted, by DOCUMENT_SUFFIXES).
    A path that does not exist is kept: reading it reports why."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*")
                                if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES and not p.name.startswith(".")))
        else:
            files.append(path)
    return files


def guarded(fn: Callable[..., Any], path: str | Path, *args: Any, action: str = "读取") -> Outcome:
    """fn(path, *args) as an Outcome: UnreadableError and bugs become the error."""
    try:
        return Outcome(str(path), value=fn(path, *args))
    except UnreadableError as exc:
        return Outcome(str(path), error=exc.message)
    except Exception as exc:  # a bug: say so, keep the traceback for YUSUAN_DEBUG
        if os.environ.get("YUSUAN_DEBUG"):
            traceback.print_exc()
        return Outcome(str(path), error=f"{path}：{action}时发生内部错误（{type(exc).__name__}），请报告此问题；"
                                        "设置环境变量 YUSUAN_DEBUG=1 可查看详细信息", internal=True)


def default_jobs() -> int:
    return os.cpu_count() or 1


def _context():
    # forkserver: workers start from a clean process (no threads of the parent's progress display or
    # database pool copied in), forked from one server that has imported yusuan once.
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["yusuan.api", "yusuan.check"])
        return ctx
    return multiprocessing.get_context("spawn")


def imap(fn: Callable[..., Any], paths: Sequence[str | Path], args: tuple = (), jobs: int | None = None,
         action: str = "读取") -> Iterator[tuple[int, Outcome]]:
    """(index, Outcome) for guarded(fn, path, *args, action=action), in the order they finish. One job (or one file)
    runs in this process; more run in a pool of `jobs` processes, at most 2×jobs files in flight."""
    jobs = max(1, jobs or default_jobs())
    if jobs == 1 or len(paths) <= 1:
        for index, path in enumerate(paths):
            yield index, guarded(fn, path, *args, action=action)
        return
    with ProcessPoolExecutor(max_workers=min(jobs, len(paths)), mp_context=_context()) as pool:
        pending: dict = {}
        queue = iter(enumerate(paths))
        for index, path in queue:
            pending[pool.submit(guarded, fn, path, *args, action=action)] = index
            if len(pending) >= 2 * jobs:
                break
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                index = pending.pop(future)
                try:
                    outcome = future.result()
                except Exception as exc:  # the worker died (memory, a signal): the file's fault or not
                    outcome = Outcome(str(paths[index]), error=f"{paths[index]}：处理进程异常退出（{type(exc).__name__}）",
                                      internal=True)
                yield index, outcome
                for next_index, next_path in queue:
                    pending[pool.submit(guarded, fn, next_path, *args, action=action)] = next_index
                    break


# ---- the workers of `check`, `summary` and `facts` over many files (top-level: picklable)

def check_of(path: str | Path, layout: str | None, settings, keep_budget: bool = True) -> tuple:
    """(Budget or None, Report, meta) of one file; meta: unit, year, kind, apart (the sentence saying its
    tables are published apart). Without keep_budget the model stays in the worker (a big batch would
    otherwise hold every document's model at once)."""
    from .api import check_file

    budget, report = check_file(path, layout, settings)
    meta = {"unit": budget.unit.name, "year": budget.year, "kind": budget.kind.value, "apart": apart(budget)}
    return (budget if keep_budget else None), report, meta


def summary_of(path: str | Path, layout: str | None) -> tuple[dict, str | None]:
    """(`yusuan summary --json` of one file, the sentence saying its tables are published apart)."""
    from .api import load_budget
    from .figures.summary import summary

    budget = load_budget(path, layout)[0]
    return summary(budget), apart(budget)


def facts_of(path: str | Path, layout: str | None) -> tuple[list[dict], str | None]:
    """(`yusuan facts` rows of one file, the sentence saying its tables are published apart)."""
    from .api import load_budget
    from .figures.facts import budget_facts

    budget = load_budget(path, layout)[0]
    return [fact.as_dict() for fact in budget_facts(budget)], apart(budget)


def apart(budget) -> str | None:
    """The document's own words saying its tables are published in another file, when it says so."""
    return budget.tables_elsewhere.text if budget.tables_elsewhere is not None else None
