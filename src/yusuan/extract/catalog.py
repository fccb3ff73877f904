"""The table catalog some regions print before their tables (Xi'an 报表目录: 报表 | 报表名称 | 是否空表 |
表格为空的理由): an empty table's reason may be given there rather than under the table."""
from __future__ import annotations

from ..model import Table
from ..read.raw import RawDocument
from ..reference.layouts import normalize_label
from .grid import cells_by_col

_YES = frozenset({"是", "空表", "是（空表）"})


def empty_reasons(raw: RawDocument) -> dict[str, str]:
    """Normalised table title → the reason a catalog line gives for the table being empty."""
    out: dict[str, str] = {}
    for line in raw.lines():
        if not line.is_table_row:
            continue
        texts = list(cells_by_col(line).values())
        if len(texts) < 3:
            continue
        for i, text in enumerate(texts[:-1]):
            if text in _YES and i >= 1:
                title, reason = texts[i - 1], "".join(texts[i + 1:])
                # The mark alone explains the table (the contents say it is published empty).
                out[normalize_label(title)] = f"{title}：{text}（{reason}）" if reason else f"{title}：{text}"
                break
    return out


def with_catalog_notes(tables: list[Table], raw: RawDocument) -> list[Table]:
    """Tables without a note of their own take the reason their catalog line gives for being empty (a
    table with values too: the check reports the contradiction, C005)."""
    if all(t.empty_note for t in tables):
        return tables
    reasons = empty_reasons(raw)
    out = []
    for table in tables:
        note = reasons.get(normalize_label(table.title)) if not table.empty_note else None
        out.append(table.model_copy(update={"empty_note": note}) if note else table)
    return out
