"""Users, logins, sessions and CSRF tokens.

Users are rows of the ``users`` table with an argon2id hash of their password (argon2-cffi), made by
``tollwatch user add``. A login puts the user's name and a fresh CSRF token in the session, a cookie
signed by Starlette's ``SessionMiddleware`` (itsdangerous) with a key from ``session_secret``; the cookie
is HttpOnly and SameSite=Lax. Every state-changing request made with that cookie must also carry the
CSRF token, as the ``X-CSRF-Token`` header (API) or a ``csrf_token`` form field (pages), because
SameSite=Lax alone still lets a top-level cross-site form POST in older browsers.

For the pages: ``current_user``, ``login``, ``logout``, ``csrf_token``, ``check_csrf``, and the
dependencies ``require_analyst`` and ``require_reader``.
"""

from __future__ import annotations

import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import Request
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..errors import ConfigError, StoreError
from ..settings import Settings
from ..store.database import Store
from ..store.schema import users
from ..store.writes import utcnow
from .errors import ApiError

# A reader may log in to private pages; analysts and admins may also record decisions.
ROLES = ("reader", "analyst", "admin")
REVIEWERS = frozenset({"analyst", "admin"})
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
MAX_NAME = 64

_hasher = PasswordHasher()
# Verified against when the name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True, slots=True)
class User:
    name: str
    role: str


def add_user(store: Store, name: str, password: str, role: str = "analyst") -> User:
    """Store a new user with an argon2 hash of the password."""
    name = name.strip()
    if not name or len(name) > MAX_NAME or any(not c.isprintable() for c in name):
        raise ConfigError(f"a user name must be 1 to {MAX_NAME} printable characters, got {name!r}")
    if role not in ROLES:
        raise ConfigError(f"role must be one of {', '.join(ROLES)}, got {role!r}")
    if len(password) < 8:
        raise ConfigError("a password must be at least 8 characters")
    try:
        with store.begin() as connection:
            connection.execute(users.insert(), {"name": name, "password_hash": _hasher.hash(password),
                                                "role": role, "created_at": utcnow()})
    except StoreError as exc:
        if isinstance(exc.__cause__, IntegrityError):
            raise ConfigError(f"user {name!r} exists already") from None
        raise
    return User(name, role)


def find_user(store: Store, name: str) -> User | None:
    with store.connect() as connection:
        row = connection.execute(select(users.c.name, users.c.role).where(users.c.name == name)).first()
    return None if row is None else User(row.name, row.role)


def authenticate(store: Store, name: str, password: str) -> User | None:
    """The user when the password is right, else None; the same work is done for unknown names."""
    with store.connect() as connection:
        row = connection.execute(select(users).where(users.c.name == name)).first()
    try:
        _hasher.verify(row.password_hash if row else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None:
        return None
    if _hasher.check_needs_rehash(row.password_hash):
        with store.begin() as connection:
            connection.execute(users.update().where(users.c.name == name).values(password_hash=_hasher.hash(password)))
    return User(row.name, row.role)


def session_secret(settings: Settings) -> str:
    """The key that signs session cookies: ``$TOLLWATCH_SECRET``, else the secret file, made on first use."""
    if os.environ.get("TOLLWATCH_SECRET"):
        return os.environ["TOLLWATCH_SECRET"]
    path = settings.web_secret_file or _data_dir() / "session-secret"
    try:
        if path.exists():
            secret = path.read_text(encoding="ascii").strip()
            if len(secret) < 32:
                raise ConfigError(f"session secret file {path} holds fewer than 32 characters")
            return secret
        path.parent.mkdir(parents=True, exist_ok=True)
        secret = secrets.token_urlsafe(48)
        # Readable by the owner only, written so no other user can read it even for a moment.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(secret + "\n")
        return secret
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read or create the session secret file {path}: {exc}") from exc


def _data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "tollwatch"


# --- per request -------------------------------------------------------------------------------------------


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def current_user(request: Request) -> User | None:
    """The logged-in user, looked up once per request: a user removed since login is logged out."""
    try:
        found: User | None = request.state.user
        return found
    except AttributeError:
        pass
    name = request.session.get("user")
    user = find_user(_store(request), name) if isinstance(name, str) else None
    if user is None and name is not None:
        request.session.clear()
    request.state.user = user
    return user


def login(request: Request, name: str, password: str) -> User | None:
    """Check the password and start a session; None when the name or password is wrong."""
    user = authenticate(_store(request), name, password)
    if user is None:
        return None
    # A new session on login, so a token planted before it (session fixation) is worthless after.
    request.session.clear()
    request.session["user"] = user.name
    request.session[CSRF_FIELD] = secrets.token_urlsafe(32)
    request.state.user = user
    return user


def logout(request: Request) -> None:
    request.session.clear()
    request.state.user = None


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made when the session has none (a login form shown before login)."""
    token = request.session.get(CSRF_FIELD)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session[CSRF_FIELD] = token
    return token


def check_csrf(request: Request, token: str | None) -> None:
    """Refuse with 403 ``csrf_failed`` unless ``token`` is this session's CSRF token."""
    expected = request.session.get(CSRF_FIELD)
    if not isinstance(expected, str) or not token or not hmac.compare_digest(expected, token):
        raise ApiError(403, "missing or wrong CSRF token; reload the page and try again", "csrf_failed")


# --- dependencies ------------------------------------------------------------------------------------------


async def require_reader(request: Request) -> User | None:
    """Read access: anyone when pages are public (``web_public``), else a logged-in user (401)."""
    user = current_user(request)
    if user is None and not request.app.state.settings.web_public:
        raise ApiError(401, "log in to read this: POST /api/login", "unauthorized")
    return user


async def require_analyst(request: Request) -> User:
    """A logged-in analyst or admin (401 without a login, 403 for another role), with the CSRF token checked
    on every request that is not a read: the ``csrf_token`` field of a form, else the ``X-CSRF-Token`` header.
    """
    user = current_user(request)
    if user is None:
        raise ApiError(401, "log in as an analyst first: POST /api/login", "unauthorized")
    if user.role not in REVIEWERS:
        raise ApiError(403, f"user {user.name!r} is not an analyst", "forbidden")
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        token = request.headers.get(CSRF_HEADER)
        if token is None and request.headers.get("content-type", "").startswith(FORM_TYPES):
            # Starlette keeps the parsed form on the request, so the endpoint still reads it.
            field = (await request.form()).get(CSRF_FIELD)
            token = field if isinstance(field, str) else None
        check_csrf(request, token)
    return user
