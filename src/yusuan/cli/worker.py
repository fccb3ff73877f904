"""The command runs in a worker process its parent can stop: the time and memory limits, kept.

Every input is bounded where it is read (read/limits.py), but some work cannot be interrupted from
inside: a MuPDF call runs in C until it returns, whatever Python's signals say. So the command's work
happens in a forked child while the parent watches it — its resident memory and its running time —
and stops it past `memory_mb` or past `seconds` per input file, then says so in Chinese (exit 2).
The child's own exit code is the command's. Forking costs a few milliseconds (the parent has already
imported what the child needs); the parent does nothing but wait.

Not on platforms without fork, and not when both limits are 0.
"""
from __future__ import annotations

import os
import select
import signal
import sys
import time
from typing import Callable

from ..read import limits

EXIT_REFUSED = 2
EXIT_INTERNAL = 3


def run_guarded(work: Callable[[], int], inputs: int) -> int:
    """Run `work` (returning an exit code) in a watched child; return the exit code to exit with."""
    bound = limits.current()
    if not hasattr(os, "fork") or not (bound.seconds or bound.memory_mb):
        return work()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the worker: do the command, never return into the parent's code
        code = EXIT_INTERNAL
        try:
            code = work()
        finally:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code)
    return _watch(pid, bound, max(1, inputs))


def _watch(pid: int, bound: limits.Limits, inputs: int) -> int:
    deadline = time.monotonic() + bound.seconds * inputs if bound.seconds else None
    memory = bound.memory_mb * 1024 * 1024 if bound.memory_mb else None
    interrupted: list[float] = []

    def on_signal(signum, _frame):  # Ctrl-C reaches the worker too (same process group): let it end
        interrupted.append(time.monotonic())
        if signum == signal.SIGTERM:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        pidfd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        pidfd = None
    page = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
    try:
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                return _exit_code(status, interrupted)
            now = time.monotonic()
            if interrupted and now - interrupted[0] > 3:  # the worker did not stop on Ctrl-C: stop it
                _kill(pid)
            if deadline is not None and now > deadline:
                _kill(pid)
                return _refuse(f"处理时间超过上限 {bound.seconds * inputs} 秒，已停止"
                               f"（上限 seconds 为每个文件 {bound.seconds} 秒，可用 --limit seconds=N "
                               f"或环境变量 {limits.ENV_PREFIX}SECONDS 调整）")
            if memory is not None:
                rss = _resident(pid, page)
                if rss > memory:
                    _kill(pid)
                    return _refuse(f"处理占用内存 {rss // (1024 * 1024)} MB，超过上限 {bound.memory_mb} MB，已停止"
                                   f"（上限 memory_mb，可用 --limit memory_mb=N 或环境变量 "
                                   f"{limits.ENV_PREFIX}MEMORY_MB 调整）")
            _sleep(pidfd, 0.02)
    finally:
        if pidfd is not None:
            os.close(pidfd)


def _sleep(pidfd, seconds: float) -> None:
    if pidfd is None:
        time.sleep(seconds)
        return
    try:
        select.select([pidfd], [], [], seconds)  # wakes at once when the worker ends
    except InterruptedError:
        pass


def _resident(pid: int, page: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * page
    except (OSError, ValueError, IndexError):
        return 0


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def _exit_code(status: int, interrupted: list[float]) -> int:
    code = os.waitstatus_to_exitcode(status)
    if code >= 0:
        return code
    if interrupted:
        sys.stderr.write("已中断\n")
        return 130
    sys.stderr.write(f"错误：处理进程意外终止（信号 {-code}），可能是内存不足；请报告此问题\n")
    return EXIT_INTERNAL


def _refuse(message: str) -> int:
    sys.stderr.write(f"错误：{message}\n")
    sys.stderr.flush()
    return EXIT_REFUSED
