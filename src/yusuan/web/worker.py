"""Reading an uploaded document in a worker process, bounded in pages and time.

The server never reads a document in its own process: a hostile or huge file could hold it or
crash it. Each read runs in a child process (forked from a forkserver that has yusuan imported, so
starting one costs milliseconds), which reports its page count first (for the progress display),
then the result: the same JSON `yusuan check --format json` prints, the findings grouped by table as
the HTML report groups them, and the budget model as JSON (for the budget's page and downloads).
A read that outlives its time is killed and reported.

The uploaded bytes are written into a private temporary directory under the upload's cleaned file
name (the name the report shows, as `yusuan check NAME` would); nothing else of the request names
a path.
"""
from __future__ import annotations

import multiprocessing
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

# Imported once by the forkserver, so a child starts with them: the reader and checker, and what a child
# imports again on start (this package, whose __init__ brings FastAPI; the `yusuan` script's CLI, which
# multiprocessing runs again as __mp_main__ in each child).
MEMORY_LIMIT = 4 * 1024 ** 3  # address space of one reading process
PRELOAD = ["yusuan.api", "yusuan.check", "yusuan.check.report", "yusuan.render.page_image", "yusuan.web",
           "yusuan.cli", "yusuan.web.warm"]


@dataclass
class Outcome:
    ok: bool
    message: str = ""  # Chinese reason when not ok
    status: int = 200  # the HTTP status of a refusal
    pages: int | None = None
    report_json: str = ""  # exactly `yusuan check --format json`
    report_html: str = ""  # exactly `yusuan check --format html`
    groups: list | None = None  # [(title, [finding dict…])] in report order
    budget_json: str = ""
    findings: tuple = ()  # the report's Finding objects (what the store keeps)
    seconds: float = 0.0


def _context():
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    return ctx


def prestart() -> None:
    """Start the forkserver (it imports PRELOAD: seconds) before the first upload needs it."""
    _context()
    from multiprocessing import forkserver
    forkserver.ensure_running()


def _pages(path: Path) -> int | None:
    if path.suffix.lower() != ".pdf":
        return None
    from ..render.page_image import page_count
    try:
        return page_count(path.read_bytes())
    except Exception:  # a corrupt file: the reader says why
        return None


def _work(conn, data: bytes, name: str, max_pages: int) -> None:
    """In the child: write, count pages, read and check, send the result."""
    try:
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))  # a runaway read fails alone
    except (ImportError, ValueError, OSError):
        pass
    try:
        folder = tempfile.mkdtemp(prefix="yusuan-web-")
        os.chdir(folder)  # the child's own: messages and provenance name the file as uploaded
        path = Path(name)
        path.write_bytes(data)
        pages = _pages(path)
        conn.send(("pages", pages))
        if pages is not None and pages > max_pages:
            conn.send(("refused", 413, f"{name}：共 {pages} 页，超过本服务允许的 {max_pages} 页"))
            return
        from ..api import check_file
        from ..check.report import finding_dict, grouped, to_html, to_json
        from ..read.raw import UnreadableError
        try:
            budget, report = check_file(path)
        except UnreadableError as exc:
            conn.send(("refused", 422, exc.message))
            return
        groups = [(title, [finding_dict(f) for f in fs]) for title, fs in grouped(report.findings).items()]
        items = [(report, budget, name)]
        conn.send(("done", to_json(items), to_html(items), groups, budget.model_dump_json(), report.findings))
    except MemoryError:
        conn.send(("refused", 422, f"{name}：读取所需内存超过限制，文件过大或过于复杂"))
    except Exception as exc:  # a bug in the reader: reported, never a traceback to the user
        try:
            conn.send(("refused", 500, f"{name}：检查时发生内部错误（{type(exc).__name__}），请报告此问题"))
        except Exception:
            pass
    finally:
        try:
            import shutil
            os.chdir("/")
            shutil.rmtree(folder, ignore_errors=True)
        except Exception:
            pass
        conn.close()


def run_check(data: bytes, name: str, *, max_pages: int, timeout: float,
              on_pages: Callable[[int | None], None] | None = None) -> Outcome:
    """Read and check `data` (the upload named `name`) in a child process; blocks until done."""
    ctx = _context()
    parent, child = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_work, args=(child, data, name, max_pages), daemon=True)
    start = time.monotonic()
    process.start()
    child.close()
    pages = None
    try:
        while True:
            left = timeout - (time.monotonic() - start)
            if left <= 0 or not parent.poll(left):
                return Outcome(False, f"{name}：读取超过 {timeout:g} 秒，已停止（文件过大或过于复杂）",
                               422, pages, seconds=time.monotonic() - start)
            try:
                message = parent.recv()
            except EOFError:  # the child died (killed by the system, out of memory)
                return Outcome(False, f"{name}：读取时进程意外终止，文件可能损坏或过于复杂", 422, pages,
                               seconds=time.monotonic() - start)
            if message[0] == "pages":
                pages = message[1]
                if on_pages is not None:
                    on_pages(pages)
            elif message[0] == "refused":
                return Outcome(False, message[2], message[1], pages, seconds=time.monotonic() - start)
            else:
                _, report_json, report_html, groups, budget_json, findings = message
                return Outcome(True, pages=pages, report_json=report_json, report_html=report_html, groups=groups,
                               budget_json=budget_json, findings=findings, seconds=time.monotonic() - start)
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        parent.close()
