"""The web app: a JSON API and server-rendered pages over the store, for analysts and readers.

    app.py      create_app(settings, db): routers, sessions, size limit, offline Swagger UI at /docs
    api.py      /api: documents, claims, incidents, export, login, review decisions
    queries.py  keyset-paginated listings of documents and claims
    auth.py     users (argon2), sessions, CSRF tokens, the require_reader/require_analyst dependencies
    errors.py   the one JSON error shape and its stable codes
    pages.py    the HTML pages (Jinja2 templates in templates/, assets in static/)
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
