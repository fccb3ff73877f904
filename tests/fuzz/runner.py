"""Run the `yusuan` command in a child process and measure it: exit code, output, seconds, peak memory.

Peak memory is the child's maximum resident set as the kernel accounts it (os.wait4's rusage, which
includes the descendants it waited for: the CLI's worker process), so a reader that balloons for a
moment is caught even if it recovers. A run past `timeout` is killed and reported with code None.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

YUSUAN = Path(sys.executable).with_name("yusuan")


@dataclass
class Run:
    code: int | None  # None: killed at the timeout
    out: str
    err: str
    seconds: float
    peak_mb: float

    def describe(self) -> str:
        return f"exit {self.code}, {self.seconds:.1f} s, {self.peak_mb:.0f} MB: {self.err.strip()[:300]}"


def run_cli(args, timeout: float = 10.0, env: dict | None = None, cwd=None) -> Run:
    cmd = [str(YUSUAN), *map(str, args)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=cwd,
                                env={**os.environ, **(env or {})}, start_new_session=True)
        killed = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                os.killpg(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                killed = True
                break
            time.sleep(0.01)
        seconds = time.monotonic() - start
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code  # reaped here: Popen must not wait for it again
        out.seek(0)
        err.seek(0)
        text_out, text_err = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    return Run(None if killed else code, text_out, text_err, seconds, usage.ru_maxrss / 1024)
