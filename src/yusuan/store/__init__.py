"""The store of many budgets (`yusuan ingest`, `list`, `export`): SQLAlchemy 2 over SQLite or PostgreSQL,
schema by Alembic migrations (migrations/), run when a store is opened.

    from yusuan.store import open_store
    store = open_store("sqlite:///budgets.sqlite")      # or a path, a postgresql:// URL, $YUSUAN_DB
    store.add(budget, findings, original_path)            # → IngestResult(status stored|duplicate)
    store.get_budget(budget_id) -> Budget                 # the model, rebuilt from its JSON
    store.list(unit=…, year=…, kind=…, latest=…)          # rows with key totals and findings counts
    store.series(unit)                                    # one row per year, oldest first
    store.facts([ids])                                    # every stored value, one dict each

Reading and checking a file happen outside (yusuan.ingest.ingest_paths, which the CLI uses); the
store writes the prepared Record in one transaction."""
from __future__ import annotations

from .core import IngestResult, Store, StoreError, default_db_path, open_store, resolve_url
from .record import Record, make_record, region_of, sha256_file, sha256_of

__all__ = ["IngestResult", "Record", "Store", "StoreError", "default_db_path", "make_record", "open_store",
           "region_of", "resolve_url", "sha256_file", "sha256_of"]
