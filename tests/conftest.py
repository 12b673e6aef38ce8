"""Shared fixtures: a database URL for each real backend, and fictional reports.

The storage tests run once against a SQLite file and once against a throwaway
PostgreSQL cluster that these fixtures start with ``initdb`` and ``pg_ctl`` on a
free port, as an unprivileged user (PostgreSQL refuses to run as root).
Without PostgreSQL installed those tests skip, except under CI, where they fail.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_USER = "nobody"


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_pg_user(args: list[str]) -> list[str]:
    return ["runuser", "-u", PG_USER, "--", *args] if os.geteuid() == 0 else args


class PostgresCluster:
    def __init__(self) -> None:
        initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
        if initdb is None or pg_ctl is None:
            message = "PostgreSQL is not installed (no initdb); apt-get install postgresql"
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)
        self.pg_ctl = pg_ctl
        # /tmp rather than pytest's tmp_path: the unprivileged server must be able to reach it.
        self.root = Path(tempfile.mkdtemp(prefix="tollwatch-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.root, PG_USER)
        self.data = self.root / "data"
        self.port = _free_port()
        subprocess.run(
            _as_pg_user([initdb, "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]),
            check=True,
            capture_output=True,
        )
        # No autovacuum: vacuuming the many test databases moves the write-ahead log, which the listing cache
        # rightly reads as a change, so tests that count its hits would fail now and then.
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off -c autovacuum=off"
        subprocess.run(
            _as_pg_user([pg_ctl, "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start"]),
            check=True,
            capture_output=True,
        )

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        subprocess.run(
            _as_pg_user([self.pg_ctl, "-D", str(self.data), "-m", "immediate", "stop"]),
            check=False,
            capture_output=True,
        )
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    cluster = PostgresCluster()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database on each backend: a new SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tollwatch.db'}"
    cluster: PostgresCluster = request.getfixturevalue("postgres")
    return cluster.create_database()
