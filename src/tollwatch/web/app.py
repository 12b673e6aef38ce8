"""The web app: JSON API under /api, the analysts' pages, OpenAPI at /openapi.json and Swagger UI at /docs.

``create_app(settings, db)`` opens the store once and builds the app; ``tollwatch serve`` runs it under
uvicorn. Everything the browser loads ships in the package (Swagger UI from ``swagger-ui-bundle-v2``,
the pages' assets in ``web/static``), so the app works with no internet.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import ClassVar

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..errors import ConfigError
from ..settings import Settings
from ..store.database import Store, open_store, resolve_url
from . import api, errors, pages
from .auth import session_secret
from .cache import ListingCache, StoreVersion
from .freshness import Freshness

STATIC = Path(__file__).resolve().parent / "static"
SESSION_COOKIE = "tollwatch_session"
SESSION_MAX_AGE = 8 * 3600


def create_app(settings: Settings, db: str | Store | None = None) -> FastAPI:
    """The app over ``db`` (a ``Store``, a SQLite path or a database URL; default as for every command)."""
    from swagger_ui_bundle import swagger_ui_path

    store = db if isinstance(db, Store) else open_store(db)
    version = StoreVersion(store)
    freshness = Freshness(store, settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        every = settings.web_refresh_seconds
        task = asyncio.create_task(freshness.every(every), name="tollwatch-freshness") if every > 0 else None
        try:
            yield
        finally:
            if task is not None:
                task.cancel()
                with suppress(asyncio.CancelledError):
                    await task
            version.close()
            if store is not db:
                store.close()

    app = FastAPI(
        title="tollwatch",
        version=__version__,
        description="Source-attributed casualty records: documents, claims and incidents, with analysts' review.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.json_listings = ListingCache[bytes](version)
    app.state.html_listings = ListingCache[str](version)
    app.state.freshness = freshness
    errors.install(app)
    app.include_router(api.router)
    app.include_router(pages.router)

    app.mount("/docs-assets", StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="tollwatch API",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js", swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/docs-assets/favicon-32x32.png",
        )

    # Outermost first: the size limit refuses a large body before anything reads it.
    app.add_middleware(SessionMiddleware, secret_key=session_secret(settings), session_cookie=SESSION_COOKIE,
                       max_age=SESSION_MAX_AGE, same_site="lax", https_only=False)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, limit=settings.web_max_request_bytes)
    return app


SERVE_ENV = "TOLLWATCH_SERVE"
SERVE_SETTINGS = ("web_public", "web_max_request_bytes", "web_tile_url", "web_tile_attribution", "web_refresh_seconds")


def serve_config(db: str | None, settings: Settings) -> str:
    """What ``app_from_environment`` reads: the database URL and the settings ``tollwatch serve`` takes
    (plain JSON values), as ``tollwatch serve --workers N`` passes them to its worker processes."""
    return json.dumps({"db": resolve_url(db), "settings": {name: getattr(settings, name) for name in SERVE_SETTINGS}})


def app_from_environment() -> FastAPI:
    """The app of one ``tollwatch serve --workers N`` worker, from ``$TOLLWATCH_SERVE`` (see ``serve_config``)."""
    try:
        config = json.loads(os.environ[SERVE_ENV])
        db, settings = str(config["db"]), Settings(**config["settings"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"${SERVE_ENV} does not hold what tollwatch serve puts there: {exc}") from None
    app = create_app(settings, db)
    freeze_heap()
    return app


def freeze_heap() -> None:
    """Put every object alive now (modules, the app, its routes and schemas: over 100,000) out of the garbage
    collector's sight, for a server process about to start. A full collection then scans only what requests
    made: a few milliseconds instead of pauses of about 150 ms that every waiting request sits through,
    which set the list's p99 under load (benchmarks/bench_serve.py)."""
    gc.collect()
    gc.freeze()


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413, by Content-Length or while a chunked body streams."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                await _reply(send, 400, "bad_request", "Content-Length is not a number")
                return
            if int(declared) > self.limit:
                await _reply(send, 413, "payload_too_large", f"request body over {self.limit} bytes")
                return
        received = 0
        started = refused = False

        async def limited_receive() -> Message:
            nonlocal received, refused
            message = await receive()
            if message["type"] == "http.request" and not refused:
                received += len(message.get("body", b""))
                if received > self.limit and not started:
                    # Answer now and tell the app the client left: whatever it answers is dropped.
                    refused = True
                    await _reply(send, 413, "payload_too_large", f"request body over {self.limit} bytes")
                    return {"type": "http.disconnect"}
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            if refused:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        await self.app(scope, limited_receive, watched_send)


async def _reply(send: Send, status: int, code: str, message: str) -> None:
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """Headers that keep browsers from sniffing JSON as HTML or framing the pages."""

    HEADERS: ClassVar[list[tuple[bytes, bytes]]] = [
        (b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"), (b"referrer-policy", b"same-origin"),
    ]

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers if scope["type"] == "http" else send)

