"""``tollwatch user add`` and ``tollwatch serve`` as real subprocesses: users stored with argon2, a server on loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from tollwatch.cli import app
from tollwatch.store.database import open_store
from tollwatch.web.auth import authenticate, find_user

runner = CliRunner()


def _tollwatch(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tollwatch", *args], input=stdin, capture_output=True, text=True,
                          timeout=120, check=False)


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "tollwatch.db"
    open_store(str(path), create=True).close()
    return str(path)


def test_cli_user_add_stores_an_argon2_hash(db: str) -> None:
    done = _tollwatch("user", "add", "maria", "--password-stdin", "--db", db, stdin="a long passphrase\n")
    assert done.returncode == 0, done.stderr
    assert "maria" in done.stderr and "analyst" in done.stderr
    with open_store(db) as store:
        assert authenticate(store, "maria", "a long passphrase") == find_user(store, "maria")
        assert authenticate(store, "maria", "a long passphrase\n") is None


@pytest.mark.parametrize("args, stdin, message", [
    (["--role", "boss"], "a long passphrase\n", "role must be one of"),
    ([], "short\n", "at least 8 characters"),
])
def test_cli_user_add_refuses_bad_input(db: str, args: list[str], stdin: str, message: str) -> None:
    done = runner.invoke(app, ["user", "add", "maria", "--password-stdin", "--db", db, *args], input=stdin)
    assert done.exit_code == 1
    assert message in done.stderr
    with open_store(db) as store:
        assert find_user(store, "maria") is None


def test_cli_user_add_twice_is_refused(db: str) -> None:
    first = runner.invoke(app, ["user", "add", "ops", "--role", "admin", "--password-stdin", "--db", db],
                          input="a long passphrase\n")
    assert first.exit_code == 0, first.stderr
    again = runner.invoke(app, ["user", "add", "ops", "--password-stdin", "--db", db], input="another passphrase\n")
    assert again.exit_code == 1 and "exists already" in again.stderr
    with open_store(db) as store:
        assert find_user(store, "ops").role == "admin"  # type: ignore[union-attr]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("workers", ["1", "2"])
def test_cli_serve_answers_on_loopback(db: str, tmp_path: Path, workers: str) -> None:
    """Private pages, in one process or in two workers that get their settings from the command."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "tollwatch", "serve", "--port", str(port), "--db", db, "--private", "--workers", workers],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "XDG_DATA_HOME": str(tmp_path)},
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stderr.read().decode()  # type: ignore[union-attr]
            try:
                session = httpx.get(f"http://127.0.0.1:{port}/api/session", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "tollwatch serve did not answer in 60 s"
                time.sleep(0.2)
        private = httpx.get(f"http://127.0.0.1:{port}/api/documents", timeout=10)
        docs = httpx.get(f"http://127.0.0.1:{port}/docs", timeout=10)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert session.json()["user"] is None
    assert private.status_code == 401 and private.json()["error"]["code"] == "unauthorized"
    assert docs.status_code == 200 and "swagger-ui-bundle.js" in docs.text
    secret = tmp_path / "tollwatch" / "session-secret"
    assert secret.stat().st_mode & 0o777 == 0o600


def test_cli_serve_reports_a_missing_database(tmp_path: Path) -> None:
    done = runner.invoke(app, ["serve", "--db", str(tmp_path / "missing.db")])
    assert done.exit_code == 1
    assert "no database" in done.stderr
