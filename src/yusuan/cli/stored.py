"""Budgets read from the store for `compare` (stored ids, a unit's series). Needs the store (yusuan ingest)."""
from __future__ import annotations

from typing import Optional

from . import fail


def _store():
    try:
        from .. import store  # noqa: F401
    except ImportError:
        raise fail("本版本没有预算库（yusuan ingest）：请给出文件路径") from None
    return store


def load_stored(budget_id: str, db: Optional[str]):
    _store()
    raise fail(f"“{budget_id}”不是文件，也无法从库中读取")


def series_output(unit: str, db: Optional[str], format: str) -> str:
    _store()
    raise fail("库中没有单位的年度数据")
