"""Grades on fictional incidents: each rule, and the precedence between them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fictional import denial_then_admission, evolving, fingerprints, wire_copies

from tollwatch.incidents import incidents_of
from tollwatch.model import Decision
from tollwatch.settings import Settings

SETTINGS = Settings()


def _grade(xs, decisions=()):
    [incident] = incidents_of(xs, SETTINGS, decisions, fingerprints(*xs))
    return incident.grade, incident.grade_reason


@pytest.mark.parametrize(
    ("scenario", "grade", "reason"),
    [
        (wire_copies, "weak", "a single source"),
        (evolving, "fair", "2 independent sources"),
        (lambda: denial_then_admission()[:2], "contested", "denied by Colonel Dara Winn"),
        (denial_then_admission, "confirmed", "the alleged perpetrator (Coalition) accepted harm"),
    ],
)
def test_grade_rules(scenario, grade, reason) -> None:
    got, why = _grade(scenario())
    assert got == grade
    assert why.startswith(reason)


def test_grade_analyst_discount_wins() -> None:
    decision = Decision(1, "grade", "ana", datetime(2016, 8, 1, tzinfo=UTC), "the figures were fabricated",
                        target="grow2", value="discounted")
    assert _grade(evolving(), [decision]) == ("discounted", "set by ana: the figures were fabricated")
