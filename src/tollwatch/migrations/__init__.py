"""Alembic migrations for the tollwatch database, run by ``tollwatch db upgrade`` (see ``store.database``)."""
