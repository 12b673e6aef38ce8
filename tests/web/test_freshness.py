"""Reports stored while the server runs show up without a restart: by the server's own check every
``web_refresh_seconds``, or at once through ``POST /api/refresh``. Each test runs its own loopback server over
its own SQLite file, since it adds reports."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from conftest import AIRSTRIKE, ANALYST, MARKET, PASSWORD, READER, _inputs, running

from tollwatch.incidents import storage
from tollwatch.ingest import ingest
from tollwatch.settings import Settings
from tollwatch.store.database import open_store
from tollwatch.web import create_app
from tollwatch.web.auth import add_user


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A store holding one linked report of the market bombing, and an analyst and a reader."""
    path = tmp_path / "tollwatch.db"
    settings = Settings()
    with open_store(str(path), create=True) as store:
        assert ingest(_inputs(MARKET[:1]), store, settings).stored == 1
        storage.update(store, settings)
        add_user(store, ANALYST, PASSWORD, "analyst")
        add_user(store, READER, PASSWORD, "reader")
    return path


@contextmanager
def _serve(db: Path, tmp_path: Path, refresh_seconds: float) -> Iterator[httpx.Client]:
    settings = Settings(web_secret_file=tmp_path / "secret", web_refresh_seconds=refresh_seconds)
    with running(create_app(settings, str(db))) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


def _ingest_airstrike(db: Path) -> None:
    """Store a new report as another process would (its own connection), without linking it."""
    with open_store(str(db)) as store:
        assert ingest(_inputs(AIRSTRIKE[:1]), store, Settings()).stored == 1


def _listed(client: httpx.Client, q: str) -> int:
    """How many incidents the API lists for a text search."""
    return len(client.get("/api/incidents", params={"q": q}).json()["items"])


def _login(client: httpx.Client, name: str) -> dict[str, str]:
    response = client.post("/api/login", json={"name": name, "password": PASSWORD})
    response.raise_for_status()
    return {"X-CSRF-Token": response.json()["csrf_token"]}


def test_freshness_the_server_links_new_reports_by_itself(db: Path, tmp_path: Path) -> None:
    with _serve(db, tmp_path, refresh_seconds=0.2) as client:
        assert (_listed(client, "jalalabad"), _listed(client, "kunduz")) == (1, 0)
        _ingest_airstrike(db)
        deadline = time.monotonic() + 30
        while _listed(client, "kunduz") == 0:
            assert time.monotonic() < deadline, "the new report was not listed within 30 s"
            time.sleep(0.1)
        page = client.get("/", params={"q": "kunduz"})
    assert page.status_code == 200 and page.text.count("<tr data-incident=") == 1


def test_freshness_an_analyst_links_new_reports_at_once(db: Path, tmp_path: Path) -> None:
    with _serve(db, tmp_path, refresh_seconds=0) as client:
        _ingest_airstrike(db)
        stored = client.get("/api/documents").json()["items"]
        unlinked = _listed(client, "kunduz")  # stored, but the server's check is off
        anonymous = client.post("/api/refresh")
        _login(client, READER)
        reader = client.post("/api/refresh", headers={"X-CSRF-Token": client.get("/api/session").json()["csrf_token"]})
        csrf = _login(client, ANALYST)
        no_token = client.post("/api/refresh")
        done = client.post("/api/refresh", headers=csrf)
        again = client.post("/api/refresh", headers=csrf)
        linked = _listed(client, "kunduz")
    assert len(stored) == 2 and unlinked == 0
    assert anonymous.status_code == 401 and anonymous.json()["error"]["code"] == "unauthorized"
    assert reader.status_code == 403 and reader.json()["error"]["code"] == "forbidden"
    assert no_token.status_code == 403 and no_token.json()["error"]["code"] == "csrf_failed"
    assert done.status_code == 200 and done.json() == {"linked": 1}
    assert again.status_code == 200 and again.json() == {"linked": 0}
    assert linked == 1
