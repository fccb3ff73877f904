"""The command runs in a worker process its parent can stop: the time and memory limits, kept.

Every input is bounded where it is read (read/limits.py), but some work cannot be interrupted from
inside: a MuPDF call runs in C until it returns, whatever Python's signals say. So the command's work
happens in a forked child while the parent watches it — its resident memory and its running time —
and stops it past `memory_mb`, or when `seconds` pass without a new input file being opened (each
file opened gives the command `seconds` more from then: a batch of a thousand files is not one
deadline), then says so in Chinese (exit 2). The child tells the parent of each file over a pipe.
The child's own exit code is the command's. Forking costs a few milliseconds (the parent has already
imported what the child needs); the parent does nothing but wait.

Not on platforms without fork, not when both limits are 0, and not for a long-running server
(UNGUARDED): stopping it would stop every user's requests; it bounds each request itself.
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
UNGUARDED = frozenset({"serve"})


def run_guarded(work: Callable[[], int], command: str | None = None) -> int:
    """Run `work` (returning an exit code) in a watched child; return the exit code to exit with."""
    bound = limits.current()
    if not hasattr(os, "fork") or not (bound.seconds or bound.memory_mb) or command in UNGUARDED:
        return work()
    sys.stdout.flush()
    sys.stderr.flush()
    beat_read, beat_write = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the worker: do the command, never return into the parent's code
        code = EXIT_INTERNAL
        _die_with(parent)
        os.close(beat_read)
        limits.on_file_opened(lambda: _beat(beat_write))
        try:
            code = work()
        finally:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code)
    os.close(beat_write)
    try:
        return _watch(pid, bound, beat_read)
    finally:
        os.close(beat_read)


def _die_with(parent: int) -> None:
    """The worker ends when the command's process is killed (SIGKILL cannot be caught to pass on): a
    killed `yusuan ingest` must not go on writing behind the user's back. Linux's PR_SET_PDEATHSIG;
    elsewhere the worker finishes its command."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(EXIT_INTERNAL)


def _beat(fd: int) -> None:
    try:
        os.write(fd, b".")
    except OSError:
        pass


def _watch(pid: int, bound: limits.Limits, beats: int) -> int:
    deadline = time.monotonic() + bound.seconds if bound.seconds else None
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
                return _refuse(f"处理一个文件的时间超过上限 {bound.seconds} 秒，已停止"
                               f"（上限 seconds，可用 --limit seconds=N 或环境变量 {limits.ENV_PREFIX}SECONDS 调整）")
            if memory is not None:
                rss = _resident(pid, page)
                if rss > memory:
                    _kill(pid)
                    return _refuse(f"处理占用内存 {rss // (1024 * 1024)} MB，超过上限 {bound.memory_mb} MB，已停止"
                                   f"（上限 memory_mb，可用 --limit memory_mb=N 或环境变量 "
                                   f"{limits.ENV_PREFIX}MEMORY_MB 调整）")
            if _sleep(pidfd, beats, 0.02) and deadline is not None:
                deadline = max(deadline, time.monotonic() + bound.seconds)
    finally:
        if pidfd is not None:
            os.close(pidfd)


def _sleep(pidfd, beats: int, seconds: float) -> bool:
    """Wait up to `seconds` for the worker to end or open a file; True when it opened one."""
    try:
        ready, _, _ = select.select([beats] + ([pidfd] if pidfd is not None else []), [], [], seconds)
    except InterruptedError:
        return False
    if beats in ready:
        return bool(os.read(beats, 4096))
    return False


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
