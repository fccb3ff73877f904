"""The Alembic migrations build exactly the schema the code declares (a change to store/schema.py
without its migration fails here), and opening a store runs them."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from yusuan.store import open_store
from yusuan.store.schema import metadata


def test_migrations_match_the_declared_schema(tmp_path):
    with open_store(tmp_path / "m.sqlite") as store, store.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), metadata) == []
        assert MigrationContext.configure(connection).get_current_revision() == "0001"


def test_opening_again_does_not_migrate_again(tmp_path):
    open_store(tmp_path / "m.sqlite").close()
    with open_store(tmp_path / "m.sqlite", migrate=False) as store:
        assert store.count() == 0
    with open_store(tmp_path / "m.sqlite") as store:
        assert store.count() == 0
