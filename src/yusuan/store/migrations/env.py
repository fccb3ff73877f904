"""Alembic environment of the store: run by yusuan.store.open_store with a live connection."""
from __future__ import annotations

from alembic import context

from yusuan.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # `alembic` command line: a URL in the ini's sqlalchemy.url
    from sqlalchemy import create_engine

    engine = create_engine(context.config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()
else:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
