"""Limits on what a document may cost to read, stated once (docs/limits.md).

A budget disclosure is a few hundred pages and a few hundred thousand cells at most; a file that asks
for more — a merged cell a hundred million columns wide, a zip expanding to gigabytes, a YAML alias
referenced a million times, a number of a million digits — is refused before the work is done, with
a Chinese message naming the limit and the value found (exit 2 in the CLI). Every limit can be
changed by the environment (YUSUAN_LIMIT_<NAME>, e.g. YUSUAN_LIMIT_PAGES=5000) or by the CLI's
`--limit NAME=VALUE`; 0 switches a limit off.

The read layer and the YAML reader ask `current()`; the CLI sets it once per process (`configure`).
"""
from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, fields, replace
from decimal import Decimal
from pathlib import Path

from .raw import UnreadableError

ENV_PREFIX = "YUSUAN_LIMIT_"


@dataclass(frozen=True)
class Limits:
    """Each field: the limit, its unit and what it bounds (docs/limits.md is written from LIMIT_DOCS)."""

    file_mb: int = 200  # size of a PDF, XLSX or DOCX file
    text_mb: int = 20  # size of a text, HTML or YAML file
    pages: int = 2000  # pages of a PDF
    chars: int = 2_000_000  # characters of text read from one document (the largest sample: 160,000)
    cells: int = 300_000  # table cells laid out for one document (blank cells of a grid included)
    columns: int = 1000  # width of a table, and of one merged cell (colspan, gridSpan, a merged range)
    rows: int = 20_000  # rows of one worksheet or table, lines of a text file or web page
    unzipped_mb: int = 500  # an XLSX/DOCX package's members, decompressed, together
    xml_mb: int = 50  # one XML member of an XLSX/DOCX package, decompressed
    zip_ratio: int = 200  # how many times a member larger than 1 MB may expand on decompression
    depth: int = 100  # nesting of a YAML file
    yaml_nodes: int = 200_000  # values of a YAML file, each alias counted as what it repeats
    digits: int = 24  # digits of one number (a budget figure in 元 has at most 15, and a few decimals)
    exponent: int = 20  # power of ten of a number (1e20 or 1e-20 at most: 28-digit arithmetic stays exact)
    seconds: int = 120  # time to handle one input file (the CLI stops a command this long past its last file opened)
    memory_mb: int = 1024  # memory the CLI may hold (it stops the command past it)


LIMIT_DOCS: dict[str, tuple[str, str]] = {
    # name: (what, unit) in Chinese, for messages and docs/limits.md
    "file_mb": ("PDF、XLSX、DOCX 文件大小", "MB"),
    "text_mb": ("文本、HTML、YAML 文件大小", "MB"),
    "pages": ("PDF 页数", "页"),
    "chars": ("一份文档读出的文字总字数", "字"),
    "cells": ("一份文档的表格单元格总数（含表格中的空白单元格）", "个"),
    "columns": ("表格宽度，及一个合并单元格跨的列数", "列"),
    "rows": ("一个工作表或表格的行数，一个文本文件或网页的行数", "行"),
    "unzipped_mb": ("XLSX/DOCX 解压后的总大小", "MB"),
    "xml_mb": ("XLSX/DOCX 中单个 XML 部件解压后的大小", "MB"),
    "zip_ratio": ("XLSX/DOCX 中 1 MB 以上部件的压缩比", "倍"),
    "depth": ("YAML 嵌套层数", "层"),
    "yaml_nodes": ("YAML 值的个数（别名按展开后计）", "个"),
    "digits": ("一个数字的位数", "位"),
    "exponent": ("一个数字的数量级（10 的几次方，正负均计）", ""),
    "seconds": ("处理一个文件的时间", "秒"),
    "memory_mb": ("命令占用的内存", "MB"),
}

NAMES = tuple(f.name for f in fields(Limits))


class LimitError(UnreadableError):
    """A document over a limit: unreadable by choice, with the limit named (exit 2)."""

    def __init__(self, message: str, name: str):
        super().__init__(message)
        self.limit = name


def from_env(environ=os.environ, base: Limits | None = None) -> Limits:
    """The defaults changed by YUSUAN_LIMIT_<NAME> variables; a bad value is refused by name."""
    values = {}
    for name in NAMES:
        raw = environ.get(ENV_PREFIX + name.upper())
        if raw is not None and raw.strip():
            values[name] = parse_value(name, raw, f"环境变量 {ENV_PREFIX + name.upper()}")
    return replace(base or Limits(), **values)


def parse_value(name: str, raw: str, where: str) -> int:
    text = raw.strip().replace("_", "")
    if not text.isdigit() or len(text) > 12:
        raise ValueError(f"{where}：“{raw}”不是非负整数")
    return int(text)


def with_settings(base: Limits, settings: list[str]) -> Limits:
    """`--limit pages=5000 --limit seconds=30` over `base`. Raises ValueError with a Chinese reason."""
    values = {}
    for item in settings:
        name, sep, raw = item.replace("＝", "=").partition("=")
        name = name.strip().lower().replace("-", "_")
        if not sep or name not in NAMES:
            raise ValueError(f"--limit：“{item}”应写作 名称=数值，名称为 {'、'.join(NAMES)} 之一")
        values[name] = parse_value(name, raw, f"--limit {name}")
    return replace(base, **values)


_current: Limits | None = None


def current() -> Limits:
    global _current
    if _current is None:
        try:
            _current = from_env()
        except ValueError:
            _current = Limits()  # the CLI reports a bad variable; a library caller gets the defaults
    return _current


def configure(limits: Limits | None) -> None:
    """Set the limits of this process (None: back to the environment's)."""
    global _current
    _current = limits


def over(name: str, found, what: str | None = None, where: str = "") -> LimitError:
    """The refusal for `found` over the limit `name`: '…：合并单元格跨 100000000 列，超过上限 1000 列'."""
    limit = getattr(current(), name)
    label, unit = LIMIT_DOCS[name]
    text = what or label
    lead = f"{where}：" if where else ""
    unit = f" {unit}" if unit else ""
    return LimitError(f"{lead}{text} {found}{unit}，超过上限 {limit}{unit}（上限 {name}，"
                      f"可用 --limit {name}=N 或环境变量 {ENV_PREFIX}{name.upper()} 调整）", name)


def check(name: str, found: int, what: str | None = None, where: str = "") -> None:
    limit = getattr(current(), name)
    if limit and found > limit:
        raise over(name, found, what, where)


class Tally:
    """A running count against one limit (cells laid out while reading a document)."""

    __slots__ = ("name", "what", "where", "count", "limit")

    def __init__(self, name: str, what: str, where: str):
        self.name, self.what, self.where = name, what, where
        self.count = 0
        self.limit = getattr(current(), name)

    def add(self, n: int) -> None:
        self.count += n
        if self.limit and self.count > self.limit:
            raise over(self.name, self.count, self.what, self.where)


def check_text_size(raw) -> None:
    """A document read whole but holding more text than the limit: refused before extraction, whose
    work grows with the text (every title and name is looked for in it)."""
    limit = current().chars
    if not limit:
        return
    total = 0
    for page in raw.pages:
        for line in page.lines:
            for cell in line.cells:
                total += len(cell.text)
        if total > limit:
            break
    if total > limit:
        raise over("chars", f"至少 {total}", "文字", raw.path)


# --- files ---

_opened: list = []  # callbacks told of every input file about to be read (the CLI's watchdog: cli/worker.py)


def on_file_opened(callback) -> None:
    _opened.append(callback)


def regular_file(path: Path) -> os.stat_result:
    """The file's status when it is a regular file one may read; otherwise a Chinese refusal at once
    (a FIFO would block, a device never ends, a socket cannot be read)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise UnreadableError(f"{path}：是指向不存在文件的符号链接") from None
        raise UnreadableError(f"{path}：文件不存在") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnreadableError(f"{path}：符号链接循环（链接最终指回自身），无法打开") from None
        if exc.errno == errno.ENAMETOOLONG:
            raise UnreadableError(f"{path}：文件名过长") from None
        raise UnreadableError(f"{path}：无法打开文件（{exc.strerror or exc}）") from None
    except ValueError:  # an embedded NUL in the name
        raise UnreadableError(f"{path!r}：文件名含有空字符，无法打开") from None
    for callback in _opened:
        callback()
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        raise UnreadableError(f"{path}：是一个目录，不是文件")
    if not stat.S_ISREG(mode):
        kind = ("命名管道（FIFO）" if stat.S_ISFIFO(mode) else "套接字" if stat.S_ISSOCK(mode)
                else "设备文件" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "特殊文件")
        raise UnreadableError(f"{path}：是{kind}，不是普通文件，不读取")
    return st


def read_regular(path: Path, limit_name: str = "file_mb") -> bytes:
    """The bytes of a regular file no larger than the limit `limit_name` (in MB).

    The file is checked before it is opened and again once open (it may have been swapped for a
    FIFO in between: opened without blocking, then refused), and never read past the limit."""
    regular_file(path)
    limit = getattr(current(), limit_name) * 1024 * 1024
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise UnreadableError(f"{path}：无法打开文件（{exc.strerror or exc}）") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UnreadableError(f"{path}：不是普通文件，不读取")
        if limit and st.st_size > limit:
            raise over(limit_name, _mb(st.st_size), "文件大小", str(path))
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if limit and size > limit:  # grew while being read
                raise over(limit_name, _mb(size), "文件大小", str(path))
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise UnreadableError(f"{path}：无法读取文件（{exc.strerror or exc}）") from None
    finally:
        os.close(fd)


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".rstrip("0").rstrip(".")


# --- numbers ------------------------------------------------------------------------------------


def number_fits(number: Decimal) -> str | None:
    """None when `number` is within the digits and exponent limits, else the refusal's words."""
    lim = current()
    if not number.is_finite():
        return "不是有限的数"
    sign, digits, exponent = number.as_tuple()
    if lim.digits and len(digits) > lim.digits:
        return f"数字有 {len(digits)} 位，超过上限 {lim.digits} 位（上限 digits）"
    magnitude = len(digits) + exponent - 1  # the power of ten of the leading digit
    if lim.exponent and (abs(exponent) > lim.exponent + lim.digits or abs(magnitude) > lim.exponent):
        return f"数字的量级为 10 的 {magnitude} 次方，超过上限 {lim.exponent}（上限 exponent）"
    return None


def text_fits(text: str) -> str | None:
    """The same bound on a number's text, checked before Decimal() is asked to build it."""
    lim = current()
    if lim.digits and len(text) > 4 * (lim.digits + lim.exponent) + 16:
        digits = sum(ch.isdigit() for ch in text)
        return f"数字有 {digits} 位，超过上限 {lim.digits} 位（上限 digits）"
    return None
