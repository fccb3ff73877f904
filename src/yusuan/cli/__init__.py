"""The `yusuan` command: thin verbs over the public API.

Exit codes (docs/cli.md): 0 success; 1 findings at or above --fail-on (check); 2 unreadable or
unsupported input, a limit exceeded, or a usage error — always with a Chinese message on stderr,
never a traceback; 3 an internal error (a bug), with the request to report it.

`--limit NAME=VALUE` (any number, anywhere on the line) changes a limit of read/limits.py for the
command, over the YUSUAN_LIMIT_* variables; the command runs in a watched worker (cli/worker.py).
"""
from __future__ import annotations

import os
import sys
import traceback

import typer

app = typer.Typer(
    name="yusuan",
    help="yusuan（预算）：检查、编制、比较部门/单位预算公开文件。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNREADABLE = 2


def fail(message: str, code: int = EXIT_UNREADABLE) -> "typer.Exit":
    """Print a Chinese message to stderr and return the Exit to raise."""
    from .safe_text import printable

    typer.echo(f"错误：{printable(message)}", err=True)
    return typer.Exit(code)


def _register() -> None:
    from .help_zh import install

    install()
    # Each module adds its commands to `app`; imported here so `yusuan --help` lists them all.
    from . import doc_cmds  # noqa: F401
    from . import render_cmds  # noqa: F401
    from . import check_cmds  # noqa: F401
    from . import new_cmds  # noqa: F401
    from . import debug_cmds  # noqa: F401
    from . import serve_cmds  # noqa: F401
    from . import store_cmds  # noqa: F401
    from . import compare_cmds  # noqa: F401


EXIT_INTERNAL = 3


def limit_settings(argv: list[str]) -> tuple[list[str], list[str]]:
    """(argv without its --limit options, the NAME=VALUE settings they gave)."""
    rest, settings = [], []
    args = iter(argv)
    for arg in args:
        if arg == "--":
            rest.append(arg)
            rest.extend(args)
            break
        if arg == "--limit":
            value = next(args, None)
            if value is None:
                raise ValueError("选项 --limit 需要一个值（名称=数值）")
            settings.append(value)
        elif arg.startswith("--limit="):
            settings.append(arg[len("--limit="):])
        else:
            rest.append(arg)
    return rest, settings


def main() -> None:
    from ..read import limits
    from .worker import run_guarded

    for stream in (sys.stdout, sys.stderr):  # a character no encoding can write is shown as \udXXX, never a crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        argv, settings = limit_settings(sys.argv[1:])
        limits.configure(limits.with_settings(limits.from_env(), settings))
    except ValueError as exc:
        typer.echo(f"错误：{exc}", err=True)
        sys.exit(EXIT_UNREADABLE)
    command = next((a for a in argv if not a.startswith("-")), None)
    sys.exit(run_guarded(lambda: _run(argv), command))


def _run(argv: list[str]) -> int:
    _register()
    from typer import Abort
    from typer._click.exceptions import UsageError  # typer vendors its parser

    from .usage_zh import reword

    try:
        code = app(args=argv, prog_name="yusuan", standalone_mode=False)
    except UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else "yusuan"
        typer.echo(f"错误：{reword(exc.format_message())}。运行 `{command} --help` 查看用法。", err=True)
        return EXIT_UNREADABLE
    except (KeyboardInterrupt, Abort):
        typer.echo("已中断", err=True)
        return 130
    except MemoryError:
        typer.echo("错误：内存不足，无法完成处理", err=True)
        return EXIT_UNREADABLE
    except Exception as exc:  # a bug that no command caught: never a traceback unless asked
        if os.environ.get("YUSUAN_DEBUG"):
            traceback.print_exc()
        typer.echo(f"错误：发生内部错误（{type(exc).__name__}），请报告此问题；"
                   "设置环境变量 YUSUAN_DEBUG=1 可查看详细信息", err=True)
        return EXIT_INTERNAL
    return code if isinstance(code, int) else EXIT_OK
