"""The domain model: small, frozen and free of project imports.

Every annotation carries its span in the document's text exactly as it was
given (``text[span[0]:span[1]]``) and the name and version of the stage that
made it, such as ``claims.rules/1``. Claims are what sources said, never what
is true.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

Span = tuple[int, int]

Outcome = Literal["killed", "injured", "missing", "abducted", "detained", "casualties"]
OUTCOMES: tuple[str, ...] = ("killed", "injured", "missing", "abducted", "detained", "casualties")

Qualifier = Literal[
    "exact", "about", "at_least", "more_than", "at_most", "fewer_than", "range", "vague", "none"
]
Stance = Literal["asserted", "hedged", "denied"]
STANCES: tuple[str, ...] = ("asserted", "hedged", "denied")

VICTIM_GROUPS: tuple[str, ...] = (
    "civilians",
    "children",
    "women",
    "people",
    "police",
    "military",
    "militants",
    "officials",
    "journalists",
    "aid_workers",
)

SOURCE_TYPES: tuple[str, ...] = (
    "police",
    "military",
    "government",
    "local_government",
    "health_officials",
    "witness",
    "journalist",
    "ngo_un",
    "civil_society",
    "armed_group",
    "media",
    "unnamed",
)

POLICIES: tuple[str, ...] = ("conservative", "range", "ucdp")


@dataclass(frozen=True, slots=True)
class Document:
    """One report. ``text`` is the text exactly as given; spans index into it."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    outlet: str | None = None
    external_id: str | None = None
    language: str | None = None
    source_path: str | None = None
    source_record: int | None = None


@dataclass(frozen=True, slots=True)
class Count:
    """A quantity as the source stated it. ``low``/``high`` are None when open or vague."""

    low: int | None
    high: int | None
    qualifier: Qualifier
    text: str
    vague_word: str | None = None


@dataclass(frozen=True, slots=True)
class Victims:
    group: str
    includes: tuple[str, ...] = ()
    affiliation: str | None = None
    name: str | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    speaker: str | None
    role: str | None
    organization: str | None
    type: str
    via: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Claim:
    outcome: Outcome
    victims: Victims
    count: Count
    stance: Stance
    source: Source
    span: Span
    evidence: str
    alleged_perpetrator: str | None = None
    subset: bool = False
    background: bool = False
    segment: int = 0
    stage: str = "claims.rules/1"


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    admin1: str | None
    country: str | None
    lat: float | None
    lon: float | None
    precision: str
    span: Span | None = None
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class Event:
    type: str | None
    date: date | None
    date_precision: str | None
    place: Place | None
    alleged_perpetrators: tuple[str, ...] = ()
    type_span: Span | None = None
    date_span: Span | None = None
    stage: str = "event.rules/1"


@dataclass(frozen=True, slots=True)
class Estimate:
    low: int | None
    best: int | None
    high: int | None


@dataclass(frozen=True, slots=True)
class Totals:
    policy: str
    killed: Estimate | None
    civilians_killed: Estimate | None
    injured: Estimate | None


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the pipeline says about one document."""

    document: Document
    claims: tuple[Claim, ...]
    event: Event
    totals: Totals
    extractor: str = "tollwatch"
    extractor_version: str = "0"


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not become a document, and why. Never a silent None."""

    input: str
    reason: str
    record: int | None = None


GRADES: tuple[str, ...] = ("confirmed", "fair", "weak", "contested", "discounted")


@dataclass(frozen=True, slots=True)
class IncidentClaim:
    """A claim as an incident sees it: from which document, published when, and whose voice it is.

    ``source_key`` names the independent source: one speaker however many outlets relay them, or one
    wire story however many copies of it appear.
    """

    document_id: str
    claim: Claim
    published: date | None
    outlet: str | None
    source_key: str

    @property
    def key(self) -> str:
        """Stable across re-extraction of the same text: the document and the claim's span in it."""
        return f"{self.document_id}:{self.claim.span[0]}-{self.claim.span[1]}"


@dataclass(frozen=True, slots=True)
class ClaimUse:
    """Whether an estimate rests on a claim, and why (or why not). ``flags`` notes e.g. ``hedged``."""

    claim: IncidentClaim
    used: bool
    reason: str
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One figure as reported: when, in which document, by whom, and whether the estimate uses it."""

    reported: date | None
    document_id: str
    outlet: str | None
    source: str
    outcome: str
    victims: str
    low: int | None
    high: int | None
    qualifier: str
    text: str
    stance: str
    used: bool
    reason: str


@dataclass(frozen=True, slots=True)
class Decision:
    """An analyst's decision, kept apart from machine output and replayed over every re-linking.

    Decisions name documents and claims by their stable keys, never incident ids alone, because an
    incident's id follows its members. ``kind`` is one of ``DECISION_KINDS``; ``target`` is a report
    or document key inside the incident acted upon; ``other`` is the second key a merge or move needs,
    or a claim key; ``value`` carries a grade, note text or the reports split off (comma-separated).
    An undone decision stays in the audit log and no longer applies.
    """

    id: int
    kind: str
    author: str
    at: datetime
    reason: str
    target: str
    other: str | None = None
    value: str | None = None
    undone: bool = False


DECISION_KINDS: tuple[str, ...] = ("merge", "split", "move", "reject_claim", "accept_claim", "grade", "note")


@dataclass(frozen=True, slots=True)
class Incident:
    """One event in the world, as its linked reports describe it.

    ``estimates`` holds one ``Totals`` per policy. ``claims`` lists every claim of the incident with
    whether the estimates used it and why. ``sources`` counts the independent sources the estimates
    rest on. ``report_keys`` names the reports (a document, or a passing mention inside one) linked here.
    """

    id: str
    event: Event
    document_ids: tuple[str, ...]
    claims: tuple[ClaimUse, ...]
    grade: str
    grade_reason: str
    estimates: tuple[Totals, ...] = ()
    sources: int = 0
    report_keys: tuple[str, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    notes: tuple[Decision, ...] = ()
    created: datetime | None = None

    def estimate(self, policy: str) -> Totals | None:
        return next((t for t in self.estimates if t.policy == policy), None)
