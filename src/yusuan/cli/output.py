"""Writing a command's output file: never over an input, never over an existing file unless --force."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import typer

from . import fail

ForceOpt = typer.Option(False, "--force", help="输出文件已存在时覆盖它")
OutputOpt = typer.Option(None, "-o", "--output", help="写入文件（默认输出到屏幕）")


def check_target(target: Path, force: bool, inputs: Sequence[Path] = ()) -> None:
    """Refuse before any work is done, so a refused command costs nothing."""
    resolved = target.resolve()
    if any(resolved == Path(p).resolve() for p in inputs):
        raise fail(f"{target}：输出文件与输入文件相同，不会覆盖输入文件")
    if target.exists() and not force:
        raise fail(f"{target}：文件已存在，未覆盖（确需覆盖请加 --force）")


def write_target(target: Path, data: bytes | str) -> None:
    try:
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")
    except OSError as exc:
        raise fail(f"{target}：无法写入（{exc.strerror or exc}）") from None
