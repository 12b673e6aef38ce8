"""Listings answered from memory while the store is unchanged.

The incident list is what every reader opens first and what scripts page through; building a page of it
costs milliseconds of CPU (query, rows, JSON or HTML), answering it from memory microseconds. So the
app keeps what it built, keyed by the request's normalised parameters and by the store's version: a
number that changes with every commit to the database, by this process or any other.

- SQLite: ``PRAGMA data_version`` on a connection kept for it alone, which changes whenever another
  connection commits (microseconds to read);
- PostgreSQL: the position of the write-ahead log, which every committing write moves.

The version is read on every request, before the data, so a commit landing between the two costs one
rebuild and never leaves a stale answer: a decision, an ingest or a link is visible on the next request.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from sqlalchemy import text
from sqlalchemy.pool import PoolProxiedConnection

from ..errors import StoreError
from ..store.database import Store, display_url

DEFAULT_BUDGET = 16_000_000  # characters of cached answers kept per cache, about as many bytes
V = TypeVar("V", str, bytes)


class StoreVersion:
    """Reads the store's current version; ``None`` on a database with no cheap version (nothing is cached)."""

    def __init__(self, store: Store):
        self.store = store
        self._lock = threading.Lock()
        self._sqlite: PoolProxiedConnection | None = None
        if store.dialect == "sqlite" and store.engine.url.database not in (None, "", ":memory:"):
            # A connection of its own, never returned to the pool: data_version counts the commits of others.
            # (An in-memory database is one connection, whose own commits it would not count: no cache.)
            self._sqlite = store.engine.raw_connection()

    def current(self) -> Hashable | None:
        if self._sqlite is not None:
            with self._lock:
                cursor = self._sqlite.cursor()
                try:
                    cursor.execute("PRAGMA data_version")
                    row = cursor.fetchone()
                except sqlite3.Error as exc:
                    raise StoreError(f"database {display_url(self.store.url)} failed: {exc}") from exc
                finally:
                    cursor.close()
            return None if row is None else int(row[0])
        if self.store.dialect == "postgresql":
            with self.store.connect() as connection:
                lsn: str | None = connection.execute(text(
                    "SELECT CAST(CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() "
                    "ELSE pg_current_wal_lsn() END AS text)"
                )).scalar_one()
            return lsn
        return None

    def close(self) -> None:
        if self._sqlite is not None:
            self._sqlite.close()
            self._sqlite = None


class ListingCache(Generic[V]):
    """Answers (``str`` or ``bytes``) built at the current store version; beyond ``budget`` characters the
    least recently used go first."""

    def __init__(self, version: StoreVersion, budget: int = DEFAULT_BUDGET):
        self.version = version
        self.budget = budget
        self.hits = self.misses = 0
        self._at: Hashable | None = None
        self._entries: OrderedDict[Hashable, V] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], V]) -> V:
        """The answer for ``key``: from memory when built at the current version, else ``build()``'s.

        ``build`` runs outside the lock (two requests may both build a missing entry; both get the same
        answer); what it raises is not cached.
        """
        version = self.version.current()
        if version is None:
            return build()
        with self._lock:
            if version != self._at:
                self._entries.clear()
                self._size = 0
                self._at = version
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                self.hits += 1
                return found
            self.misses += 1
        value = build()
        with self._lock:
            if self._at == version and key not in self._entries and len(value) <= self.budget:
                self._entries[key] = value
                self._size += len(value)
                while self._size > self.budget:
                    _, dropped = self._entries.popitem(last=False)
                    self._size -= len(dropped)
        return value
