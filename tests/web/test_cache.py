"""The listing cache: the store's version moves with every commit, by this process or another, on SQLite and
PostgreSQL, and a cached answer is given back only while it has not moved."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tollwatch.store.database import Store, open_store
from tollwatch.web.auth import add_user
from tollwatch.web.cache import ListingCache, StoreVersion


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with open_store(db_url, create=True) as opened:
        yield opened


def test_cache_version_moves_with_commits_of_any_connection(store: Store, db_url: str) -> None:
    version = StoreVersion(store)
    try:
        first = version.current()
        assert first is not None and version.current() == first  # reading moves nothing
        add_user(store, "ana", "a long passphrase")  # a commit through this store's pool
        second = version.current()
        assert second != first
        with open_store(db_url) as other:  # another engine, as another process would be
            add_user(other, "ben", "a long passphrase")
        assert version.current() not in (first, second)
    finally:
        version.close()


def test_cache_answers_from_memory_until_the_store_changes(store: Store) -> None:
    cache = ListingCache[str](StoreVersion(store))
    built: list[str] = []

    def build(text: str) -> str:
        built.append(text)
        return text

    try:
        assert cache.get("k", lambda: build("one")) == "one"
        assert cache.get("k", lambda: build("two")) == "one"
        assert cache.get("other", lambda: build("three")) == "three"
        add_user(store, "ana", "a long passphrase")
        assert cache.get("k", lambda: build("four")) == "four"
    finally:
        cache.version.close()
    assert built == ["one", "three", "four"]
    assert (cache.hits, cache.misses) == (1, 3)


class _Unmoving(StoreVersion):
    """A store whose version never moves: eviction is the cache's own doing, whatever the database does
    meanwhile (PostgreSQL's write-ahead log also moves with background work such as autovacuum)."""

    def current(self) -> int:
        return 1


def test_cache_keeps_to_its_budget_dropping_the_least_recent(store: Store) -> None:
    cache = ListingCache[bytes](_Unmoving(store), budget=10)
    try:
        cache.get("a", lambda: b"aaaa")
        cache.get("b", lambda: b"bbbb")
        cache.get("a", lambda: b"never")  # a is now the most recent
        cache.get("c", lambda: b"cccc")  # over 10 bytes: b goes
        assert cache.get("a", lambda: b"rebuilt") == b"aaaa"
        assert cache.get("b", lambda: b"rebuilt") == b"rebuilt"
        assert cache.get("huge", lambda: b"x" * 11) == b"x" * 11  # larger than the budget: answered, not kept
        assert cache.get("huge", lambda: b"again") == b"again"
    finally:
        cache.version.close()


def test_cache_does_not_keep_what_build_raises(store: Store) -> None:
    cache = ListingCache[str](StoreVersion(store))

    def fail() -> str:
        raise ValueError("bad cursor")

    try:
        with pytest.raises(ValueError):
            cache.get("k", fail)
        assert cache.get("k", lambda: "built") == "built"
    finally:
        cache.version.close()


def test_cache_keeps_nothing_for_an_in_memory_database() -> None:
    with open_store("sqlite://", create=True) as memory:
        version = StoreVersion(memory)
        cache = ListingCache[str](version)
        assert version.current() is None
        assert cache.get("k", lambda: "one") == "one"
        assert cache.get("k", lambda: "two") == "two"
