"""Office Open XML packages (.xlsx, .docx): recognise what is not one before a library chokes on it."""
from __future__ import annotations

import zipfile
from pathlib import Path

from .raw import UnreadableError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_package(p: Path, kind: str, suffix: str) -> None:
    """Raise UnreadableError (Chinese, naming the file) unless `p` is a complete zip package.

    `kind` is what the user calls the file ("Excel", "Word"); `suffix` the format to save as."""
    try:
        with p.open("rb") as f:
            head = f.read(8)
    except OSError as exc:
        raise UnreadableError(f"{p}：无法打开文件（{exc.strerror or exc}）") from None
    if not head:
        raise UnreadableError(f"{p}：文件为空，没有可读取的内容")
    if head == OLE_MAGIC:
        # A password-protected .xlsx/.docx is an OLE compound file wrapping the encrypted package,
        # as are the .xls/.doc files of Office 97–2003: neither can be read without decrypting.
        raise UnreadableError(f"{p}：文件已加密或为旧版 Office 格式（.xls/.doc），无法读取；"
                              f"请去除密码或另存为 {suffix} 后重试")
    if not zipfile.is_zipfile(p):
        if head.startswith(b"PK"):
            raise UnreadableError(f"{p}：{kind} 文件不完整或已损坏（可能被截断）")
        raise UnreadableError(f"{p}：不是有效的 {kind} 文件（内容不是 Office 文档格式）")
