"""Run the `yusuan` command in-process and capture stdout, stderr and the exit code."""
from __future__ import annotations

from dataclasses import dataclass

from typer.testing import CliRunner

from yusuan.cli import _register, app

_register()


@dataclass
class Result:
    code: int
    out: str
    err: str


def run(*args: str) -> Result:
    result = CliRunner().invoke(app, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Result(result.exit_code, result.stdout, result.stderr)
