"""Opening the database: where it is, whether it is reachable, and whether its schema is current.

A SQLite file (``./tollwatch.db``) by default; PostgreSQL through a URL such as
``postgresql+psycopg://user@host/db``, given as ``--db`` or in ``TOLLWATCH_DB``.
Migrations ship inside the package and run in code, from any directory.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from ..errors import SchemaOutdatedError, StoreError

DEFAULT_DB = "tollwatch.db"
ENV_VAR = "TOLLWATCH_DB"
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def resolve_url(db: str | None) -> str:
    """The database URL: ``db``, else ``$TOLLWATCH_DB``, else ``./tollwatch.db``; a bare path means SQLite."""
    value = db or os.environ.get(ENV_VAR) or DEFAULT_DB
    return value if "://" in value else f"sqlite:///{value}"


def display_url(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Any:
    """An Alembic configuration for the packaged migrations, with no alembic.ini.

    Later revisions are made the usual way, e.g.
    ``alembic.command.revision(alembic_config(url=...), "add incidents", autogenerate=True)``.
    """
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url)
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest migration's revision. Each migration file is named after its revision ("0005_....py") and
    revises the one before, so the head is read from the names: loading Alembic to find it took a second
    of every command that opens the store (a test checks that Alembic agrees)."""
    names = sorted(p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("[0-9]*_*.py"))
    if not names:
        raise StoreError("no migrations found in the package")
    return names[-1]


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


class Store:
    """An open database. ``engine`` is SQLAlchemy's; everything else takes the store."""

    def __init__(self, engine: Engine, url: str):
        self.engine = engine
        self.url = url

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """One transaction, committed at the end; a database failure becomes a ``StoreError``."""
        try:
            with self.engine.begin() as connection:
                yield connection
        except SQLAlchemyError as exc:
            raise StoreError(f"database {display_url(self.url)} failed: {_first_line(exc)}") from exc

    def refresh_statistics(self) -> None:
        """On PostgreSQL, ANALYZE the tables that grew or changed by a fifth since they were last analysed.

        Autovacuum would, but it looks at most once a minute: an ingest filling a new store outruns it, and a
        planner whose statistics say the band table is small scans all of it for every batch's lookup
        (10 ms instead of 1.5 at 150,000 band rows, and growing with the store). Writers call this between
        batches; on SQLite, which plans these lookups by their indexes, it does nothing.
        """
        if self.dialect != "postgresql":
            return
        with self.begin() as connection:
            stale = connection.scalars(text(
                "SELECT relname FROM pg_stat_user_tables WHERE schemaname = current_schema() "
                "AND n_mod_since_analyze > 1000 + n_live_tup / 5"
            )).all()
            quote = connection.dialect.identifier_preparer.quote
            for table in stale:
                connection.execute(text(f"ANALYZE {quote(table)}"))

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A connection for reading; a database failure becomes a ``StoreError``."""
        try:
            with self.engine.connect() as connection:
                yield connection
        except SQLAlchemyError as exc:
            raise StoreError(f"database {display_url(self.url)} failed: {_first_line(exc)}") from exc

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _engine(url: str) -> Engine:
    try:
        engine = create_engine(url)
    except (ArgumentError, ImportError) as exc:
        raise StoreError(f"cannot use database URL {display_url(url)}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        # WAL with synchronous=NORMAL survives a killed process (committed work is in the log);
        # foreign keys are off in SQLite unless asked for.
        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

    return engine


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def current_revision(connection: Connection) -> str | None:
    """The revision Alembic recorded in the database, None before the first migration."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


@contextmanager
def _connect(engine: Engine, url: str) -> Iterator[Connection]:
    try:
        connection = engine.connect()
    except OperationalError as exc:
        raise StoreError(f"cannot reach database {display_url(url)}: {_first_line(exc)}") from exc
    with connection:
        yield connection


def _first_line(exc: SQLAlchemyError) -> str:
    return str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]


def open_store(db: str | None = None, *, create: bool = False) -> Store:
    """Open the database, checking that its schema is current.

    ``create`` makes a fresh database (a missing SQLite file, or an empty
    PostgreSQL database) and migrates it to the current schema; an existing
    database with an older schema raises ``SchemaOutdatedError`` either way.
    """
    url = resolve_url(db)
    path = _sqlite_path(url)
    if path is not None and not path.exists():
        if not create:
            raise StoreError(
                f"no database at {path}; `tollwatch ingest` creates one, or run `tollwatch db upgrade`"
            )
        if not path.parent.exists():
            raise StoreError(f"cannot create database {path}: folder {path.parent} does not exist")
    engine = _engine(url)
    try:
        with _connect(engine, url) as connection:
            revision = current_revision(connection)
            if revision is None and create and not inspect(connection).get_table_names():
                _upgrade(connection)
                connection.commit()
                revision = head_revision()
            _check(revision, url)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, url)


def _check(revision: str | None, url: str) -> None:
    head = head_revision()
    if revision == head:
        return
    where = display_url(url)
    if revision is None:
        raise SchemaOutdatedError(f"database {where} has no tollwatch tables; run `tollwatch db upgrade`")
    if revision in known_revisions():
        raise SchemaOutdatedError(
            f"database {where} is at schema {revision}, this tollwatch needs {head}; run `tollwatch db upgrade`"
        )
    raise StoreError(
        f"database {where} is at schema {revision}, made by a newer tollwatch; upgrade tollwatch"
    )


def _upgrade(connection: Connection) -> None:
    from alembic import command

    command.upgrade(alembic_config(connection), "head")


def upgrade(db: str | None = None) -> tuple[str | None, str]:
    """Apply every pending migration (creating the database if needed); returns the old and new revision."""
    url = resolve_url(db)
    engine = _engine(url)
    try:
        with _connect(engine, url) as connection:
            before = current_revision(connection)
            if before is not None and before not in known_revisions():
                _check(before, url)
            try:
                _upgrade(connection)
                connection.commit()
            except SQLAlchemyError as exc:
                raise StoreError(f"migration failed on {display_url(url)}: {_first_line(exc)}") from exc
            return before, head_revision()
    finally:
        engine.dispose()
