"""Plain-text published documents: one line per line, tab-separated cells for table rows."""
from __future__ import annotations

from pathlib import Path

from . import limits
from .raw import RawCell, RawDocument, RawLine, RawPage, UnreadableError, file_bytes

ENCODINGS = ("utf-8-sig", "gb18030", "utf-16")


def decode(data: bytes, path: str) -> str:
    if not data.strip():
        raise UnreadableError(f"{path}：文件为空，没有可读取的内容")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableError(f"{path}：不是文本文件（含有二进制内容），无法按文本读取")
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableError(f"{path}：无法识别文本编码（支持 UTF-8 与 GB18030）")


def text_to_raw(text: str, path: str) -> RawDocument:
    lines = []
    tally = limits.Tally("cells", "表格单元格", path)
    max_rows = limits.current().rows
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if max_rows and len(lines) >= max_rows:
            raise limits.over("rows", f"至少 {len(lines) + 1}", "有文字的行数", path)
        tally.add(line.count("\t") + 1)  # before the line is split into as many cells
        parts = line.split("\t")
        cells = tuple(RawCell(part, col=i) for i, part in enumerate(parts))
        lines.append(RawLine(cells=cells, line_no=number, is_table_row=len(parts) > 1))
    return RawDocument(path=path, format="txt", pages=(RawPage(number=1, lines=tuple(lines)),))


def read(path: str | Path) -> RawDocument:
    p = Path(path)
    return text_to_raw(decode(file_bytes(p, "text_mb"), str(p)), str(p))
