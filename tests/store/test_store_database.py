"""Opening, creating and migrating the database, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tollwatch.errors import SchemaOutdatedError, StoreError
from tollwatch.incidents.tables import include_name
from tollwatch.store import database
from tollwatch.store.database import open_store, resolve_url, upgrade
from tollwatch.store.schema import metadata


def test_store_fresh_database_created_when_asked(db_url: str) -> None:
    with open_store(db_url, create=True) as store, store.connect() as connection:
        assert database.current_revision(connection) == database.head_revision()


def test_store_head_revision_is_alembics() -> None:
    from alembic.script import ScriptDirectory

    assert database.head_revision() == ScriptDirectory.from_config(database.alembic_config()).get_current_head()


def test_store_empty_database_needs_upgrade_for_reading(db_url: str) -> None:
    if db_url.startswith("sqlite"):
        with pytest.raises(StoreError, match="no database at .*tollwatch ingest"):
            open_store(db_url)
    else:
        with pytest.raises(SchemaOutdatedError, match="tollwatch db upgrade"):
            open_store(db_url)


def test_store_migrations_match_the_tables(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    upgrade(db_url)
    engine = create_engine(db_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": include_name})
        assert compare_metadata(context, metadata) == []
    engine.dispose()


def test_store_upgrade_is_idempotent(db_url: str) -> None:
    assert upgrade(db_url) == (None, database.head_revision())
    head = database.head_revision()
    assert upgrade(db_url) == (head, head)


def test_store_older_schema_asks_for_upgrade(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    upgrade(db_url)
    # A newer tollwatch: its head is a revision after the one this database is at.
    current = database.head_revision()
    monkeypatch.setattr(database, "head_revision", lambda: "0099")
    monkeypatch.setattr(database, "known_revisions", lambda: {current, "0099"})
    with pytest.raises(SchemaOutdatedError, match=f"at schema {current}.*run `tollwatch db upgrade`"):
        open_store(db_url, create=True)


def test_store_newer_schema_refused(db_url: str) -> None:
    upgrade(db_url)
    engine = create_engine(db_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'zz_future'"))
    engine.dispose()
    with pytest.raises(StoreError, match="newer tollwatch"):
        open_store(db_url)


@pytest.mark.postgres
def test_store_unreachable_postgres_named_in_error(postgres) -> None:  # type: ignore[no-untyped-def]
    url = f"postgresql+psycopg://someone:secret@127.0.0.1:{postgres.port + 1 if postgres.port < 65535 else 1}/x"
    with pytest.raises(StoreError, match="cannot reach database") as info:
        open_store(url, create=True)
    assert "secret" not in str(info.value)


def test_store_url_resolution(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TOLLWATCH_DB", raising=False)
    assert resolve_url(None) == "sqlite:///tollwatch.db"
    assert resolve_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    monkeypatch.setenv("TOLLWATCH_DB", "postgresql+psycopg://u@h/d")
    assert resolve_url(None) == "postgresql+psycopg://u@h/d"
    assert resolve_url("other.db") == "sqlite:///other.db"


@pytest.mark.postgres
def test_store_refresh_statistics_analyses_tables_that_grew(postgres) -> None:  # type: ignore[no-untyped-def]
    with open_store(postgres.create_database(), create=True) as store:
        with store.begin() as connection:
            connection.execute(text("CREATE TABLE grown (n integer)"))
            connection.execute(text("CREATE TABLE small (n integer)"))
            connection.execute(text("INSERT INTO grown SELECT generate_series(1, 5000)"))
            connection.execute(text("INSERT INTO small VALUES (1)"))
            connection.execute(text("SELECT pg_stat_force_next_flush()"))  # counts reach the view on commit

        def analysed() -> dict[str, bool]:
            with store.connect() as connection:
                connection.execute(text("SELECT pg_stat_clear_snapshot()"))
                rows = connection.execute(text(
                    "SELECT relname, last_analyze IS NOT NULL AS done, n_mod_since_analyze FROM pg_stat_user_tables "
                    "WHERE relname IN ('grown', 'small')"
                ))
                return {r.relname: r.done for r in rows}

        for _ in range(50):  # the inserting session sends its counts once it is idle
            with store.connect() as connection:
                modified = connection.scalar(text(
                    "SELECT n_mod_since_analyze FROM pg_stat_user_tables WHERE relname = 'grown'"))
            if modified:
                break
            time.sleep(0.1)
        assert analysed() == {"grown": False, "small": False}
        store.refresh_statistics()
        assert analysed() == {"grown": True, "small": False}


def test_store_refresh_statistics_is_nothing_on_sqlite(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'a.db'}", create=True) as store:
        store.refresh_statistics()
        with store.connect() as connection:
            assert connection.scalar(text("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")) == 0
