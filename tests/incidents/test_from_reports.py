"""One fictional airstrike told by four reports, from text to a graded incident through the real pipeline.

The reports are invented, but written the way wires report such strikes: a dateline naming the city the
reporter filed from, a police toll, a governor's spokesman speaking to an agency, the accused military's
denial, and months later its own investigation. Each step that used to break on such reports is here:
the dateline is not the event's place, a demonym of the attackers is not its country, "said on Friday"
dates the statement and "the March 5 airstrike" the event.
"""

from __future__ import annotations

from datetime import date

import pytest

from tollwatch.dedup import fingerprint
from tollwatch.incidents import incidents_of
from tollwatch.model import Document, Incident
from tollwatch.pipeline import extract
from tollwatch.settings import Settings

SETTINGS = Settings(policy="range")
STRIKE = date(2019, 3, 5)
REPORTS = [
    ("r1", date(2019, 3, 6), "Valley Wire",
     ("LASHKAR GAH, Afghanistan - A U.S. airstrike on a village in Nad Ali district of Helmand province killed "
     "about 20 people on Tuesday night, the provincial police chief, Abdul Wali Karimi, said on Wednesday. He "
     "said the dead included women and children who had gathered in a house for a funeral.")),
    ("r2", date(2019, 3, 6), "Eastern Ledger",
     ("Omar Zwak, a spokesman for the Helmand governor, told AFP that 24 civilians were killed and 15 wounded "
     "when American aircraft bombed a house in Nad Ali district on Tuesday night. Villagers carried the "
     "bodies to Lashkar Gah to protest.")),
    ("r3", date(2019, 3, 7), "Courier",
     ("A spokesman for U.S. forces in Afghanistan, Colonel Brian Tate, said the airstrike in Nad Ali district "
     "of Helmand province on Tuesday targeted Taliban fighters and that there was no evidence at this point "
     "of any civilian casualties.")),
    ("r4", date(2019, 5, 10), "Valley Wire",
     ("An investigation by U.S. Forces-Afghanistan into the March 5 airstrike in Nad Ali district of Helmand "
     "province found that 27 civilians were killed, the U.S. military said in a statement on Friday. The "
     "statement expressed regret for the loss of life.")),
]


def _incidents(reports: list[tuple[str, date, str, str]]) -> list[Incident]:
    xs = [extract(Document(id=i, text=t, published=p, outlet=o), SETTINGS) for i, p, o, t in reports]
    return incidents_of(xs, SETTINGS, (), {x.document.id: fingerprint(x.document.text).signature for x in xs})


@pytest.fixture(scope="module")
def incident() -> Incident:
    (only,) = _incidents(REPORTS)
    return only


def test_from_reports_one_incident_with_its_event(incident: Incident) -> None:
    assert incident.document_ids == ("r1", "r2", "r3", "r4")
    assert (incident.event.type, incident.event.date) == ("airstrike", STRIKE)
    assert incident.event.place is not None
    assert (incident.event.place.country, incident.event.place.admin1) == ("AF", "Helmand")
    assert "US" in incident.event.alleged_perpetrators


def test_from_reports_sources_are_who_spoke(incident: Incident) -> None:
    sources = {u.claim.document_id: u.claim.claim.source for u in incident.claims}
    assert (sources["r1"].speaker, sources["r1"].type) == ("Abdul Wali Karimi", "police")
    assert (sources["r2"].speaker, sources["r2"].via) == ("Omar Zwak", ("AFP",))
    assert (sources["r3"].speaker, sources["r3"].organization, sources["r3"].type) == (
        "Brian Tate", "U.S. forces", "military")
    assert sources["r4"].type == "military"


def test_from_reports_denial_then_investigation_grades(incident: Incident) -> None:
    (before,) = _incidents(REPORTS[:3])
    assert before.grade == "contested"
    assert incident.grade == "confirmed"
    assert "27 civilians were killed" in incident.grade_reason


def test_from_reports_range_covers_every_attributed_figure(incident: Incident) -> None:
    totals = next(t for t in incident.estimates if t.policy == "range")
    assert totals.civilians_killed is not None
    assert (totals.civilians_killed.low, totals.civilians_killed.high) == (20, 27)
