"""What a table's title says it is, by its words (vocabulary/table_kinds.yaml), whatever the region."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Mapping

import yaml

from .layouts import normalize_label

# A title ends in 表, perhaps followed by a bracketed qualifier ("（按功能分类科目）", "(分单位)");
# prose that merely names a table ("关于2026年支出总表的说明", a sentence with 。) is not a title.
_TITLE_END = re.compile(r"表(?:\([^()]{1,16}\))?$")
_NOT_TITLE = ("关于", "说明", "。", "；")
_LONGEST_TITLE = 48


@dataclass(frozen=True)
class TableKind:
    id: str
    all: tuple[tuple[str, ...], ...]
    none: tuple[str, ...]
    name: str | None = None  # the national template's title
    required: bool = False  # published by every budget of the national template
    spec: Mapping[str, object] | None = None  # shape, codes, columns, headers: for a kind no layout has

    def named_by(self, key: str) -> bool:
        return all(any(w in key for w in group) for group in self.all) and not any(w in key for w in self.none)


@cache
def table_kinds() -> tuple[TableKind, ...]:
    text = resources.files("yusuan.reference").joinpath("vocabulary", "table_kinds.yaml").read_text(encoding="utf-8")
    return tuple(
        TableKind(k["id"], tuple(tuple(normalize_label(w) for w in group) for group in k["all"]),
                  tuple(normalize_label(w) for w in k.get("none", ())), k.get("name"), bool(k.get("required")),
                  MappingProxyType(k["spec"]) if "spec" in k else None)
        for k in yaml.safe_load(text)["kinds"]
    )


@lru_cache(maxsize=4096)
def kind_of_title(title: str) -> str | None:
    """The table kind a printed title names by its words, or None when it names none (or is not a
    title): '2026年收支总体情况表' → 'income_expenditure_summary'."""
    key = normalize_label(title).replace('"', "")
    if not key or len(key) > _LONGEST_TITLE or not _TITLE_END.search(key) or any(w in key for w in _NOT_TITLE):
        return None
    if "决算" in key:  # a final-accounts table (收入决算表) prints other columns than the budget's: not these kinds
        return None
    return next((kind.id for kind in table_kinds() if kind.named_by(key)), None)
