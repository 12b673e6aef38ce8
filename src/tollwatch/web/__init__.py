"""The web app: a JSON API and server-rendered pages over the store, for analysts and readers.

    app.py        create_app(settings, db): routers, sessions, size limit, offline Swagger UI at /docs;
                  app_from_environment for the workers of `tollwatch serve --workers N`
    api.py        /api: documents, claims, incidents, export, login, review decisions, refresh
    queries.py    keyset-paginated listings of documents and claims
    auth.py       users (argon2), sessions, CSRF tokens, the require_reader/require_analyst dependencies
    errors.py     the one JSON error shape and its stable codes
    cache.py      the store's version, and incident lists kept as built until it moves
    freshness.py  linking reports extracted while the server runs, every web_refresh_seconds
    pages.py      the HTML pages (Jinja2 templates in templates/, assets in static/)
    views.py      what the pages draw (highlights, estimate bars, timeline chart), as plain data
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
