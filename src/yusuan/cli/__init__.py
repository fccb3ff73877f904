"""The `yusuan` command: thin verbs over the public API.

Exit codes (docs/cli.md): 0 success; 1 findings at or above --fail-on (check); 2 unreadable or
unsupported input, or a usage error — always with a Chinese message on stderr, never a traceback.
"""
from __future__ import annotations

import sys

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
    typer.echo(f"错误：{message}", err=True)
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


def main() -> None:
    _register()
    from typer import Abort
    from typer._click.exceptions import UsageError  # typer vendors its parser

    from .usage_zh import reword

    try:
        code = app(standalone_mode=False)
    except UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else "yusuan"
        typer.echo(f"错误：{reword(exc.format_message())}。运行 `{command} --help` 查看用法。", err=True)
        sys.exit(EXIT_UNREADABLE)
    except (KeyboardInterrupt, Abort):
        typer.echo("已中断", err=True)
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else EXIT_OK)
