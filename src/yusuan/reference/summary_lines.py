"""The national names of the two-sided summary tables' lines (vocabulary/summary_lines.yaml)."""
from __future__ import annotations

from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Mapping

import yaml

from .layouts import normalize_label


@cache
def national_lines(table_id: str) -> Mapping[str, Mapping[str, str]]:
    """side → {normalised line name: item id} for a two-sided table kind ({} for another kind)."""
    text = resources.files("yusuan.reference").joinpath("vocabulary", "summary_lines.yaml").read_text(encoding="utf-8")
    sides = yaml.safe_load(text).get(table_id, {})
    return MappingProxyType({side: MappingProxyType({normalize_label(k): v for k, v in names.items()})
                             for side, names in sides.items()})
