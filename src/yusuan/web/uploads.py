"""What an upload must be before a worker reads it: a known kind, not empty, not too big, and what
its name says it is. Every refusal is a Chinese message with its HTTP status."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Suffix → what the file's first bytes must be (None: text, checked as UTF-8).
KINDS = {".pdf": b"%PDF-", ".xlsx": b"PK\x03\x04", ".xlsm": b"PK\x03\x04", ".docx": b"PK\x03\x04",
         ".yaml": None, ".yml": None}
ACCEPT = ".pdf,.xlsx,.docx,.yaml,.yml"
LABEL = {".pdf": "PDF", ".xlsx": "Excel（XLSX）", ".xlsm": "Excel（XLSM）", ".docx": "Word（DOCX）",
         ".yaml": "YAML", ".yml": "YAML"}


class Refused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Upload:
    name: str  # cleaned file name, safe as a name inside a private folder
    data: bytes

    @property
    def suffix(self) -> str:
        return "." + self.name.rsplit(".", 1)[-1].lower()


def clean_name(raw: str | None) -> str:
    """The upload's own file name, reduced to a plain name: no folder, no control character, no
    leading dot, at most 100 characters; the suffix kept."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in unicodedata.normalize("NFC", name) if unicodedata.category(ch)[0] != "C")
    name = re.sub(r'[<>:"|?*\s]+', "_", name).lstrip(".") or "上传文件"
    if "." in name:
        stem, suffix = name.rsplit(".", 1)
        name = stem[: 90].rstrip(".") + "." + suffix[:10]
    return name[:100] or "上传文件"


def validate(raw_name: str | None, data: bytes, max_bytes: int) -> Upload:
    name = clean_name(raw_name)
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in KINDS:
        raise Refused(415, f"{name}：不支持的文件类型“{suffix or '无扩展名'}”（支持 PDF、XLSX、DOCX、YAML）")
    if not data:
        raise Refused(400, f"{name}：文件为空")
    if len(data) > max_bytes:
        raise Refused(413, f"{name}：文件大小 {len(data) / 1048576:.1f} MB，超过本服务允许的 {max_bytes / 1048576:g} MB")
    magic = KINDS[suffix]
    if magic is not None and not data[:1024].lstrip().startswith(magic) and magic not in data[:1024]:
        raise Refused(415, f"{name}：文件内容不是 {LABEL[suffix]} 文件（扩展名与内容不符）")
    if magic is None:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise Refused(415, f"{name}：不是 UTF-8 编码的 YAML 文本文件") from None
    return Upload(name, data)
