"""Budgets read from the store (yusuan ingest) for `compare`: stored ids, and a unit's series."""
from __future__ import annotations

from typing import Optional

from . import fail


def _open(db: Optional[str]):
    from ..store import StoreError, open_store

    try:
        return open_store(db)
    except StoreError as exc:
        raise fail(exc.message) from None


def load_stored(budget_id: str, db: Optional[str]):
    """The stored Budget of an id; a Chinese refusal when the argument is neither a file nor a stored id."""
    if not budget_id.strip().isdigit():
        raise fail(f"“{budget_id}”：文件不存在，也不是库中的预算编号（编号见 yusuan list）")
    store = _open(db)
    try:
        return store.get_budget(int(budget_id))
    except KeyError:
        raise fail(f"库中没有编号为 {budget_id} 的预算（{store.url}；编号见 yusuan list）") from None
    finally:
        store.close()


def series_output(unit: str, db: Optional[str], format: str) -> str | bytes:
    """`compare --unit NAME`: the unit's stored documents (each year's latest version), their key figures."""
    from ..compare.series import FORMATS, point, series

    store = _open(db)
    try:
        rows = store.series(unit, kind=None)
        points = [point(store.summary(r["id"]), id=r["id"], file=r.get("file_name"), version=r.get("version"))
                  for r in rows]
        url = store.url
    finally:
        store.close()
    if not points:
        raise fail(f"库中没有单位“{unit}”的文件（{url}；单位名称见 yusuan list）")
    return FORMATS[format](series(unit, points))
