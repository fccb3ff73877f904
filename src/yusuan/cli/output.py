"""Writing a command's output: `-o -` is standard output; a file is never written over an input, never
through a symbolic link, never over an existing file unless --force, and never half-written.

- A new file is created exclusively (O_CREAT|O_EXCL, which also refuses a symbolic link, dangling or
  not): of eight commands writing one new path at once, one writes it and the others are refused.
- With --force an existing regular file is replaced atomically: the data goes to a temporary file in
  the same directory, which then takes the name (os.replace) — a reader sees the old file or the new
  one, and a hard link elsewhere to the old file keeps the old content.
- The input is recognised by identity (device and inode), whatever name reaches it: the same path,
  a symbolic link to it, or a hard link.

`check_target` refuses before any work is done (a refused command costs nothing); `write_target`
checks again as it writes. Commands that call `check_target(target, force, inputs)` then
`write_target(target, data)` get the force and inputs they checked with.
"""
from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Sequence

import typer

from . import fail
from .safe_text import printable

ForceOpt = typer.Option(False, "--force", help="输出文件已存在时覆盖它")
OutputOpt = typer.Option(None, "-o", "--output", help="写入文件（默认输出到屏幕；“-”为标准输出）")

STDOUT = "-"
_checked: dict[str, tuple[bool, tuple[Path, ...]]] = {}  # target → (force, inputs) it was checked with
_kept: list = []


def is_stdout(target) -> bool:
    return target is not None and str(target) == STDOUT


def check_target(target: Path, force: bool, inputs: Sequence[Path] = ()) -> None:
    """Refuse before any work is done, so a refused command costs nothing."""
    if is_stdout(target):
        return
    inputs = tuple(Path(p) for p in inputs if p is not None and not is_stdout(p))
    _checked[str(target)] = (force, inputs)
    _refusal(Path(target), force, inputs)


def _refusal(target: Path, force: bool, inputs: tuple[Path, ...]) -> None:
    name = printable(str(target))
    try:
        st = os.stat(target)  # through links: the file a write would reach
    except OSError:
        st = None
    if st is not None:
        for p in inputs:
            try:
                if os.path.samestat(st, os.stat(p)):
                    raise fail(f"{name}：输出文件与输入文件 {printable(str(p))} 是同一个文件，不会覆盖输入文件")
            except OSError:
                continue
    if os.path.islink(target):
        raise fail(f"{name}：是符号链接，不会通过符号链接写入（请换一个文件名，或先删除该链接）")
    if os.path.lexists(target):
        if not force:
            raise fail(f"{name}：文件已存在，未覆盖（确需覆盖请加 --force）")
        if st is not None and not stat.S_ISREG(st.st_mode):
            raise fail(f"{name}：不是普通文件，不会覆盖")


def write_target(target: Path, data: bytes | str, force: bool | None = None, inputs: Sequence[Path] = ()) -> None:
    payload = data.encode("utf-8", "backslashreplace") if isinstance(data, str) else data
    if is_stdout(target):
        _to_stdout(payload)
        return
    target = Path(target)
    checked_force, checked_inputs = _checked.get(str(target), (False, ()))
    force = checked_force if force is None else force
    inputs = tuple(Path(p) for p in inputs) or checked_inputs
    _refusal(target, force, inputs)
    name = printable(str(target))
    if not force:
        _create_new(target, payload, name)
    else:
        _replace(target, payload, name)


def _create_new(target: Path, payload: bytes, name: str) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(target, flags, 0o666)
    except FileExistsError:  # created by another process since the check
        raise fail(f"{name}：文件已存在，未覆盖（确需覆盖请加 --force）") from None
    except OSError as exc:
        raise fail(f"{name}：无法写入（{_why(exc)}）") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
    except OSError as exc:
        _unlink(target)
        raise fail(f"{name}：无法写入（{_why(exc)}）") from None


def _replace(target: Path, payload: bytes, name: str) -> None:
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise fail(f"{name}：无法写入（{_why(exc)}）") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
            mask = os.umask(0)
            os.umask(mask)
            os.fchmod(f.fileno(), 0o666 & ~mask)
        os.replace(temp, target)  # replaces the name itself: never follows a link placed there meanwhile
    except OSError as exc:
        _unlink(Path(temp))
        raise fail(f"{name}：无法写入（{_why(exc)}）") from None


_REASONS = {errno.ENOENT: "所在目录不存在", errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限",
            errno.ENOSPC: "磁盘空间不足", errno.EROFS: "文件系统为只读", errno.EISDIR: "这是一个目录",
            errno.ENOTDIR: "路径中有一段不是目录", errno.ELOOP: "符号链接", errno.ENAMETOOLONG: "文件名过长"}


def _why(exc: OSError) -> str:
    return _REASONS.get(exc.errno, exc.strerror or str(exc))


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _to_stdout(payload: bytes) -> None:
    """The output on standard output; from then on every message of the command goes to standard
    error, so that nothing is appended to the data (a PDF piped to another program stays whole)."""
    stream = sys.stdout
    sys.stdout.flush()
    try:
        stream.buffer.write(payload)
        stream.buffer.flush()
    except BrokenPipeError:
        pass
    _kept.append(stream)  # replaced, not dropped: a dropped text wrapper closes the stream under it
    sys.stdout = sys.stderr

