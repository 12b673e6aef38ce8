"""A real tollwatch server on a free loopback port, over a real SQLite file filled by ingesting fictional reports.

``live_server`` is one uvicorn server for the whole session (the API, pages and browser tests share it);
it answers on ``live_server.url``. The store holds:

- three reports of one market bombing in Jalalabad, from three outlets, with figures that grow;
- two reports of an airstrike in Kunduz province, one of them a denial;
- a report whose title and text carry ``<script>alert(1)</script>`` (``live_server.script_doc``);
- ``FILLER`` unrelated short reports, so listings span several pages.

Users: ``ANALYST`` (role analyst) and ``READER`` (role reader), both with password ``PASSWORD``.
Every person, figure and outlet here is invented.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from sqlalchemy import select

from tollwatch.incidents import storage
from tollwatch.ingest import ingest
from tollwatch.model import Document
from tollwatch.readers import Input, content_id
from tollwatch.settings import Settings
from tollwatch.store.database import open_store
from tollwatch.store.schema import documents
from tollwatch.web import create_app
from tollwatch.web.auth import add_user

ANALYST, READER, PASSWORD = "ana.analyst", "rita.reader", "correct horse battery"
FILLER = 24
SCRIPT = "<script>alert(1)</script>"

MARKET = [
    ("The Eastern Ledger", date(2021, 3, 14),
     "Bomb at Jalalabad market kills 12",
     ("JALALABAD - A bomb exploded at the vegetable market in Jalalabad on Sunday, killing 12 civilians, "
     "provincial police spokesman Farid Olan said. The blast went off as traders opened their stalls.")),
    ("Valley Wire", date(2021, 3, 15),
     "Jalalabad market blast toll rises",
     ("JALALABAD - At least 15 civilians were killed in Sunday's bombing at the vegetable market in Jalalabad, "
     "hospital director Mira Lenz told Valley Wire. Dozens more were wounded in the blast.")),
    ("The Norwick Courier", date(2021, 3, 16),
     "Mourners bury victims of Jalalabad market bombing",
     ("JALALABAD - Families buried their dead on Tuesday after the bombing of the vegetable market in "
     "Jalalabad on Sunday that killed 17 civilians, according to governor's spokesman Halim Serat.")),
]
AIRSTRIKE = [
    ("Valley Wire", date(2021, 4, 2),
     "Airstrike in Kunduz kills villagers",
     ("KUNDUZ - An airstrike hit a village in Kunduz province on Friday and killed 9 civilians, "
     "villager Anan Veel said. Residents said the strike destroyed two houses.")),
    ("The Eastern Ledger", date(2021, 4, 3),
     "Army denies civilian deaths in Kunduz strike",
     ("KUNDUZ - The army said there was no evidence of any civilian casualties in Friday's airstrike in "
     "Kunduz province, army spokesman Dana Orrin said.")),
]
SCRIPT_REPORT = (
    "The Herat Times", date(2021, 5, 9),
    f"Shooting in Herat {SCRIPT}",
    (f"HERAT - Gunmen shot dead 4 police officers at a checkpoint in Herat on Sunday, police spokesman Qadir "
    f"Nemat said. {SCRIPT} The attackers fled on motorbikes."),
)
FILLER_TOWNS = ["Mazar-i-Sharif", "Ghazni", "Kandahar", "Lashkar Gah", "Taloqan", "Pul-e Khumri"]


def filler(i: int) -> tuple[str, date, str, str]:
    town = FILLER_TOWNS[i % len(FILLER_TOWNS)]
    day = date(2020, 1, 6) + timedelta(days=11 * i)
    return ("Valley Wire", day, f"Roadside bomb near {town} ({i})",
            (f"{town.upper()} - A roadside bomb struck a minibus near {town} on Monday, killing {2 + i % 9} "
            f"civilians, local official Sera Voss said. Report {i} of the fictional series."))


@dataclass(frozen=True)
class LiveServer:
    url: str
    db: Path
    settings: Settings
    script_doc: str
    market_docs: tuple[str, ...]
    documents: int

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30)

    def login(self, name: str = ANALYST, password: str = PASSWORD) -> tuple[httpx.Client, str]:
        """A client with a session cookie, and the CSRF token to send with review requests."""
        client = self.client()
        response = client.post("/api/login", json={"name": name, "password": password})
        response.raise_for_status()
        return client, response.json()["csrf_token"]


def _inputs(reports: list[tuple[str, date, str, str]]) -> list[Input]:
    return [Input(Document(id=content_id(f"{title}\n{text}"), text=text, title=title, published=published,
                           outlet=outlet, source_path=f"fictional-{n}.txt"))
            for n, (outlet, published, title, text) in enumerate(reports)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fill_store(path: Path) -> list[str]:
    """Ingest the fictional reports into a new SQLite file, link them, and add the two users.

    Returns the stored documents' ids in the order of the reports.
    """
    reports = [*MARKET, *AIRSTRIKE, SCRIPT_REPORT, *(filler(i) for i in range(FILLER))]
    inputs = _inputs(reports)
    settings = Settings()
    with open_store(str(path), create=True) as store:
        summary = ingest(inputs, store, settings)
        assert summary.stored == len(inputs), summary
        storage.update(store, settings)
        add_user(store, ANALYST, PASSWORD, "analyst")
        add_user(store, READER, PASSWORD, "reader")
        with store.connect() as connection:
            ids = dict(connection.execute(select(documents.c.source_path, documents.c.id)).all())
    return [ids[i.document.source_path] for i in inputs]


@contextmanager
def running(app: FastAPI) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free loopback port in a thread; yields its base URL."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=_free_port(), log_level="warning",
                                           lifespan="on"))
    thread = threading.Thread(target=server.run, name="tollwatch-live-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the tollwatch server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    root = tmp_path_factory.mktemp("web")
    db = root / "tollwatch.db"
    ids = fill_store(db)
    settings = Settings(web_secret_file=root / "session-secret", web_max_request_bytes=100_000)
    with running(create_app(settings, str(db))) as url:
        yield LiveServer(url, db, settings, script_doc=ids[len(MARKET) + len(AIRSTRIKE)],
                         market_docs=tuple(ids[: len(MARKET)]), documents=len(ids))
