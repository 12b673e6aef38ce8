"""Incident rows in a real database (SQLite file and PostgreSQL): kept current, stable ids, the read API."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import date

import pytest
from fictional import denial_then_admission, everything, evolving, same_town_same_day, wire_copies
from sqlalchemy import delete, func, select, text

from tollwatch import dedup
from tollwatch.errors import ConfigError
from tollwatch.incidents import incidents_of, rows, storage
from tollwatch.incidents.rows import (
    IncidentFilter,
    IncidentNotFoundError,
    IncidentRow,
    get_incident,
    incident_of_document,
    iter_incidents,
    list_incidents,
)
from tollwatch.incidents.tables import (
    SEARCH_FTS,
    SEARCH_TRGM,
    incident_members,
    incident_outcomes,
    incident_redirects,
    incidents,
)
from tollwatch.model import Decision, Extraction, Incident
from tollwatch.readers import content_id
from tollwatch.settings import Settings
from tollwatch.store.database import Store, open_store
from tollwatch.store.queries import stats
from tollwatch.store.writes import NewDocument, utcnow, write_documents, write_extractions

SETTINGS = Settings()


def _ingest(store: Store, xs: list[Extraction]) -> None:
    """Store fictional documents with their extractions, as ``tollwatch ingest`` does, then link them."""
    new = [NewDocument(x.document, None, content_id(x.document.text), dedup.fingerprint(x.document.text)) for x in xs]
    with store.begin() as connection:
        write_documents(connection, new, utcnow())
        write_extractions(connection, xs, utcnow())
    storage.update(store, SETTINGS)


def _groups(found: list[Incident]) -> set[frozenset[str]]:
    return {frozenset(i.report_keys) for i in found}


def _summary(found: list[Incident]) -> dict[frozenset[str], tuple[object, ...]]:
    return {frozenset(i.report_keys): (i.grade, i.grade_reason, i.estimates, i.sources, i.timeline) for i in found}


def _decide(store: Store, kind: str, target: str, other: str | None = None, value: str | None = None) -> int:
    return storage.decide(store, Decision(0, kind, "ana", utcnow(), "test", target, other, value), SETTINGS)


def _of(store: Store, doc: str) -> Incident:
    found = incident_of_document(store, doc)
    assert found is not None
    return get_incident(store, found)


@pytest.fixture()
def store(db_url: str) -> Iterator[Store]:
    with open_store(db_url, create=True) as s:
        yield s


def test_rows_incremental_in_any_order_equal_the_whole_batch(store: Store) -> None:
    xs = everything()
    random.Random(3).shuffle(xs)
    for part in (xs[:5], xs[5:9], xs[9:]):
        _ingest(store, part)
    stored = list(iter_incidents(store))
    expected = incidents_of(xs, SETTINGS, fingerprints={x.document.id: dedup.fingerprint(x.document.text).signature
                                                         for x in xs})
    assert _summary(stored) == _summary(expected)
    assert stats(store).incidents == len(expected)


def test_rows_full_refresh_keeps_ids_and_content(store: Store) -> None:
    _ingest(store, everything())
    before = {i.id: i for i in iter_incidents(store)}
    done = storage.refresh(store, SETTINGS)
    after = {i.id: i for i in iter_incidents(store)}
    assert done.rebuilt == len(before) and done.merged == ()
    assert after == before


def test_rows_rebuilt_when_reports_have_none(store: Store) -> None:
    """The state migration 0004 leaves: reports linked, no incident rows; the next update builds them."""
    _ingest(store, evolving())
    ids = {i.id for i in iter_incidents(store)}
    with store.begin() as connection:
        for table in (incident_outcomes, incident_members, incidents):
            connection.execute(delete(table))
    assert stats(store).incidents == 0
    assert storage.update(store, SETTINGS) == 0  # nothing new to link, but every row is built again
    assert {i.id for i in iter_incidents(store)} == ids


def test_rows_id_kept_when_an_earlier_report_joins(store: Store) -> None:
    grow1, grow2, grow3 = evolving()
    _ingest(store, [grow2, grow3])
    first = _of(store, "grow2")
    _ingest(store, [grow1])  # its key sorts first: the in-memory id would change
    now = _of(store, "grow1")
    assert now.id == first.id and set(now.document_ids) == {"grow1", "grow2", "grow3"}
    assert now.created == first.created


def test_rows_merge_keeps_larger_id_and_redirects_the_other(store: Store) -> None:
    _ingest(store, wire_copies() + same_town_same_day())
    wire, market = _of(store, "wire0"), _of(store, "mkt1")
    assert len(wire.report_keys) == 3 and len(market.report_keys) == 2
    _decide(store, "merge", "mkt1", "wire0")
    merged = _of(store, "mkt1")
    assert merged.id == wire.id and {"mkt1", "mkt2", "wire0"} <= set(merged.document_ids)
    assert get_incident(store, market.id).id == wire.id  # a saved link still resolves
    assert incident_of_document(store, "mkt2") == wire.id


def test_rows_undone_merge_splits_and_the_old_id_returns(store: Store) -> None:
    _ingest(store, wire_copies() + same_town_same_day())
    wire, market = _of(store, "wire0"), _of(store, "mkt1")
    number = _decide(store, "merge", "wire0", "mkt1")
    storage.undo(store, number, "ana", "not the same attack", SETTINGS)
    assert _of(store, "wire0").id == wire.id
    assert _of(store, "mkt1").id == market.id
    with store.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(incident_redirects)) == 0


def test_rows_split_gives_the_part_split_off_a_new_id(store: Store) -> None:
    _ingest(store, wire_copies())
    wire = _of(store, "wire0")
    _decide(store, "split", "wire2", value="wire2")
    assert _of(store, "wire0").id == wire.id
    split = _of(store, "wire2")
    assert split.id != wire.id and split.document_ids == ("wire2",)


def test_rows_decision_rewrites_the_incident_at_once(store: Store) -> None:
    _ingest(store, denial_then_admission())
    before = _of(store, "deny1")
    number = _decide(store, "grade", "deny2", value="discounted")
    graded = get_incident(store, before.id)
    assert (graded.grade, graded.grade_reason) == ("discounted", "set by ana: test")
    assert list_incidents(store, filters=IncidentFilter(grade="discounted")).items[0].id == before.id
    storage.undo(store, number, "ana", "wrong incident", SETTINGS)
    assert get_incident(store, before.id).grade == before.grade


def test_rows_claim_rejection_changes_the_estimate(store: Store) -> None:
    _ingest(store, evolving())
    doctor = next(u.claim for u in _of(store, "grow3").claims if u.claim.document_id == "grow3")
    _decide(store, "reject_claim", "grow3", doctor.key)
    after = _of(store, "grow3")
    assert next(u for u in after.claims if u.claim.key == doctor.key).reason == "rejected by an analyst"
    assert after.sources == 1


@pytest.fixture()
def full(store: Store) -> Store:
    _ingest(store, everything())
    return store


def test_rows_pages_cover_every_incident_once_newest_first(full: Store) -> None:
    seen: list[IncidentRow] = []
    after = None
    while True:
        page = list_incidents(full, filters=IncidentFilter(), after=after, limit=2)
        seen += page.items
        if page.next is None:
            break
        after = page.next
    assert len({r.id for r in seen}) == len(seen) == stats(full).incidents
    keys = [(r.date or date.min, r.id) for r in seen]
    assert keys == sorted(keys, reverse=True)


@pytest.mark.parametrize(("filters", "documents"), [
    (IncidentFilter(date_from=date(2016, 5, 1), date_to="2016-05-31"),  # type: ignore[arg-type]
     {"deny1"}),
    (IncidentFilter(outcome="casualties"), {"deny1"}),
    (IncidentFilter(text="ilsa MARR"), {"deny1"}),
    (IncidentFilter(text="health ministry"), {"old1"}),
    (IncidentFilter(text="100%"), set()),
    (IncidentFilter(country="zz", admin1="VESSA", grade="confirmed"), {"deny1"}),
    (IncidentFilter(country="XX"), set()),
])
def test_rows_filters(full: Store, filters: IncidentFilter, documents: set[str]) -> None:
    page = list_incidents(full, filters=filters)
    assert {d for r in page.items for d in get_incident(full, r.id).document_ids if d in documents} == documents
    assert len(page.items) == len(documents)


def test_rows_light_row_carries_the_default_estimate(full: Store) -> None:
    grow = _of(full, "grow1")
    [row] = [r for r in list_incidents(full, filters=IncidentFilter(), limit=100).items if r.id == grow.id]
    totals = grow.estimate("conservative")
    killed = totals.killed if totals else None
    assert killed is not None
    assert (row.killed_low, row.killed_best, row.killed_high) == (killed.low, killed.best, killed.high)
    assert (row.n_documents, row.n_claims, row.place_name, row.country) == (3, 3, "Dalmora", "ZZ")


@pytest.mark.parametrize("bad", [
    lambda s: list_incidents(s, filters=IncidentFilter(), after="not-a-cursor"),
    lambda s: list_incidents(s, filters=IncidentFilter(), limit=0),
    lambda s: IncidentFilter(grade="excellent"),
    lambda s: IncidentFilter(date_from="last week"),  # type: ignore[arg-type]
])
def test_rows_bad_arguments_named(full: Store, bad: Callable[[Store], object]) -> None:
    with pytest.raises(ConfigError):
        bad(full)


def test_rows_get_by_prefix_and_unknown(full: Store) -> None:
    some = _of(full, "old1")
    assert get_incident(full, some.id[:8]).id == some.id
    with pytest.raises(IncidentNotFoundError, match="more than one"):
        get_incident(full, "I")
    with pytest.raises(IncidentNotFoundError, match="no incident"):
        get_incident(full, "Inothing")


def test_rows_document_with_a_passing_mention(full: Store) -> None:
    """new1 feeds two incidents: its own, and last year's hospital strike through a passing mention."""
    own, old = incident_of_document(full, "new1"), incident_of_document(full, "old1")
    assert own is not None and old is not None and own != old
    assert "new1#2015-01-01" in get_incident(full, old).report_keys
    assert incident_of_document(full, "nobody") is None
    assert storage.find(full, "new1#2015-01-01").id == old



def _drop_text_index(store: Store) -> None:
    with store.begin() as connection:
        if store.dialect == "sqlite":
            connection.execute(text(f"DROP TABLE {SEARCH_FTS}"))  # its triggers go with it
        else:
            connection.execute(text(f"DROP INDEX {SEARCH_TRGM}"))


def test_rows_text_search_has_its_index(full: Store) -> None:
    with full.connect() as connection:
        if full.dialect == "sqlite":
            found = connection.execute(text("SELECT name FROM sqlite_master WHERE name = :n"), {"n": SEARCH_FTS})
        else:
            found = connection.execute(text("SELECT indexname FROM pg_indexes WHERE indexname = :n"), {"n": SEARCH_TRGM})
        assert found.first() is not None


@pytest.mark.parametrize("common", [500, 1])  # 1: every word counts as common, found walking the list in order
@pytest.mark.parametrize("words", ["ilsa MARR", "marr", "health ministry", "ry", "hea", "100%", 'a"b', "zz gazette"])
def test_rows_text_search_same_without_its_index(db_url: str, words: str, common: int,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The trigram index finds exactly what a scan of the search text finds: substrings, short words, quotes."""
    monkeypatch.setattr(rows, "_COMMON", common)
    with open_store(db_url, create=True) as store:
        _ingest(store, everything())
        indexed = [r.id for r in list_incidents(store, filters=IncidentFilter(text=words), limit=100).items]
        with store.connect() as connection:
            texts = {i: t for i, t in connection.execute(select(incidents.c.id, incidents.c.search))}
        _drop_text_index(store)
    with open_store(db_url) as store:  # a new engine: the missing index is noticed
        scanned = [r.id for r in list_incidents(store, filters=IncidentFilter(text=words), limit=100).items]
    assert indexed == scanned
    assert set(indexed) == {i for i, t in texts.items() if all(w in t for w in words.lower().split())}
