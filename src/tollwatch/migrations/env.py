"""Alembic environment: run migrations on the connection ``store.database`` hands over.

There is no alembic.ini; ``store.database.alembic_config`` builds the
configuration in code, so migrations run from any working directory.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from tollwatch.incidents.tables import include_name
from tollwatch.store.schema import metadata

config = context.config


def _run(connection: Connection) -> None:
    # Batch mode lets later revisions alter tables on SQLite, which has no ALTER for most changes.
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True, include_name=include_name)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    with create_engine(config.get_main_option("sqlalchemy.url") or "").begin() as conn:
        _run(conn)
