"""Stable incident ids: kept as reports join, the larger (then older) side of a merge survives, a split's new part
gets a new id."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tollwatch.incidents.build import Previous, assign_ids, incident_id

OLD, NEW = datetime(2016, 1, 1, tzinfo=UTC), datetime(2017, 1, 1, tzinfo=UTC)


def _prev(id: str, *keys: str, created: datetime = OLD) -> Previous:
    return Previous(id, frozenset(keys), created)


def test_build_ids_kept_when_an_earlier_report_joins() -> None:
    got = assign_ids([("a", "b", "c")], [_prev("Ib", "b", "c")], set())
    assert got.ids == ("Ib",) and got.merged == ()
    assert incident_id(("a", "b", "c")) != "Ib"


@pytest.mark.parametrize(("big", "small", "survivor"), [
    (_prev("Ix", "a", "b", "c"), _prev("Iy", "d"), "Ix"),
    (_prev("Iy", "a", "b", "c"), _prev("Ix", "d"), "Iy"),
    (_prev("Iy", "a", "b", created=OLD), _prev("Ix", "c", "d", created=NEW), "Iy"),
    (_prev("Ix", "a", "b", created=NEW), _prev("Iy", "c", "d", created=OLD), "Iy"),
])
def test_build_ids_merge_larger_then_older_survives(big: Previous, small: Previous, survivor: str) -> None:
    got = assign_ids([("a", "b", "c", "d")], [big, small], set())
    retired = ({big.id, small.id} - {survivor}).pop()
    assert got.ids == (survivor,) and got.merged == ((retired, survivor),)


def test_build_ids_split_part_without_the_id_is_new() -> None:
    got = assign_ids([("a",), ("b", "c")], [_prev("Ia", "a", "b", "c")], set())
    assert got.ids[1] == "Ia"
    assert got.ids[0] == incident_id(("a",)) and got.merged == ()


def test_build_ids_new_id_avoids_taken_and_previous_ones() -> None:
    taken = incident_id(("a",))
    got = assign_ids([("a",), ("b",)], [_prev("Ib", "b")], {taken})
    assert got.ids[1] == "Ib"
    assert got.ids[0] == incident_id(("a",), 1) != taken


def test_build_ids_vanished_incident_is_dropped_not_redirected() -> None:
    got = assign_ids([("a",)], [_prev("Ia", "a"), _prev("Iz", "z")], set())
    assert got.ids == ("Ia",) and got.merged == ()
