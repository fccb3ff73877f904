"""Office Open XML packages (.xlsx, .docx): recognise what is not one before a library chokes on it,
and what would expand beyond the limits (read/limits.py) before anything is decompressed."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from . import limits
from .raw import UnreadableError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_RATIO_FLOOR = 1024 * 1024  # members smaller than this are never a bomb, however well they compress


def read_package(p: Path, kind: str, suffix: str) -> bytes:
    """The package's bytes. Raise UnreadableError (Chinese, naming the file) unless `p` is a regular
    file holding a complete zip package whose members, by their recorded sizes, stay within the
    limits: every member's size is known from the zip's directory before it is decompressed (and
    zipfile never yields more than the recorded size), so a zip bomb is refused unopened.

    `kind` is what the user calls the file ("Excel", "Word"); `suffix` the format to save as."""
    data = limits.read_regular(p, "file_mb")
    head = data[:8]
    if not head:
        raise UnreadableError(f"{p}：文件为空，没有可读取的内容")
    if head == OLE_MAGIC:
        # A password-protected .xlsx/.docx is an OLE compound file wrapping the encrypted package,
        # as are the .xls/.doc files of Office 97–2003: neither can be read without decrypting.
        raise UnreadableError(f"{p}：文件已加密或为旧版 Office 格式（.xls/.doc），无法读取；"
                              f"请去除密码或另存为 {suffix} 后重试")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            members = z.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        if head.startswith(b"PK"):
            raise UnreadableError(f"{p}：{kind} 文件不完整或已损坏（可能被截断）") from None
        raise UnreadableError(f"{p}：不是有效的 {kind} 文件（内容不是 Office 文档格式）") from None
    check_members(p, members)
    return data


def check_members(p: Path, members: list[zipfile.ZipInfo]) -> None:
    bound = limits.current()
    total = 0
    for info in members:
        total += info.file_size
        name = info.filename
        if name.lower().endswith((".xml", ".rels")):
            if bound.xml_mb and info.file_size > bound.xml_mb * 1024 * 1024:
                raise limits.over("xml_mb", _mb(info.file_size), f"部件 {name} 解压后大小", str(p))
        if bound.zip_ratio and info.file_size > _RATIO_FLOOR:
            ratio = info.file_size // max(info.compress_size, 1)
            if ratio > bound.zip_ratio:
                raise limits.over("zip_ratio", ratio, f"部件 {name} 的压缩比（解压后 {_mb(info.file_size)} MB）", str(p))
    if bound.unzipped_mb and total > bound.unzipped_mb * 1024 * 1024:
        raise limits.over("unzipped_mb", _mb(total), "解压后总大小", str(p))


def _mb(size: int) -> float:
    return round(size / 1024 / 1024, 1)
