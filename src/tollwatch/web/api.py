"""The JSON API under /api: documents, claims, incidents, export, login, and analysts' review decisions.

The reading endpoints are ``async`` and read the database on the event loop: one page is a millisecond
of SQLite or PostgreSQL, and two thread hand-offs per request cost more than that at 50 concurrent
clients (benchmarks/bench_serve.py). Export and review decisions, which can take longer, run on threads.

Listings take the same filters (``since``/``until``, ``country``, ``admin1``, ``outcome``, ``grade``,
``q`` for text) and answer ``{"items": [...], "next": cursor}``: pass ``next`` back as ``after`` for
the following page, until it is null. Every failure answers the shape in ``web.errors``.
Reading is public unless the setting ``web_public`` is off; review needs a logged-in analyst.
"""

from __future__ import annotations

import dataclasses
import io
import json
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, BeforeValidator, Field

from ..errors import StoreError
from ..incidents import rows, storage
from ..incidents.export import EXPORT_FORMATS, LAYOUTS, incident_dict
from ..incidents.export import rows as export_rows
from ..incidents.export import write as write_export
from ..model import GRADES, OUTCOMES, POLICIES, STANCES, Decision, Incident
from ..store.database import Store
from ..store.queries import find_document
from ..store.writes import jsonable, utcnow
from . import queries
from .auth import User, csrf_token, current_user, login, logout, require_analyst, require_reader
from .cache import ListingCache
from .errors import AUTH_RESPONSES, ERROR_RESPONSES, ApiError, NotFound
from .freshness import Freshness

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)
Reader = Annotated[User | None, Depends(require_reader)]

MAX_LIMIT = 500


def _one_of(values: tuple[str, ...]) -> str:
    return "^(" + "|".join(values) + ")$"


def _iso_date(value: object) -> object:
    """Only YYYY-MM-DD: pydantic alone would also take a number as seconds since 1970."""
    if isinstance(value, str) and len(value) == 10:
        return date.fromisoformat(value)
    if value is None or isinstance(value, date):
        return value
    raise ValueError("a date must be written YYYY-MM-DD")


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
Since = Annotated[IsoDate | None, Query(description="Published (documents, claims) or happened (incidents) on or after.")]
Until = Annotated[IsoDate | None, Query(description="... on or before this date.")]
Country = Annotated[str | None, Query(min_length=2, max_length=3, description="ISO country code of the place.")]
Admin1 = Annotated[str | None, Query(max_length=200, description="First-order area (province, state) of the place.")]
OutcomeQ = Annotated[str | None, Query(pattern=_one_of(OUTCOMES), description="Claims of this outcome.")]
StanceQ = Annotated[str | None, Query(pattern=_one_of(STANCES), description="Claims of this stance.")]
Outlet = Annotated[str | None, Query(max_length=200, description="The outlet that published the document.")]
Text = Annotated[str | None, Query(max_length=200, description="Case-blind text search.")]
After = Annotated[str | None, Query(max_length=400, description="The `next` cursor of the previous page.")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]


class ItemPage(BaseModel):
    items: list[dict[str, Any]]
    next: str | None = Field(description="Cursor of the following page (pass it as `after`); null on the last.")


class Credentials(BaseModel):
    name: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)


class Session(BaseModel):
    user: dict[str, str] | None
    csrf_token: str = Field(description="Send it as the X-CSRF-Token header with every review request.")


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _page(page: queries.Page[dict[str, Any]]) -> ItemPage:
    return ItemPage(items=list(page.items), next=page.next)


# --- documents and claims ----------------------------------------------------------------------------------


async def _filters(since: Since = None, until: Until = None, country: Country = None, admin1: Admin1 = None,
                   outcome: OutcomeQ = None, stance: StanceQ = None, outlet: Outlet = None,
                   q: Text = None) -> queries.Filters:
    return queries.Filters(since, until, country, admin1, outcome, stance, outlet, q)


Filters = Annotated[queries.Filters, Depends(_filters)]


@router.get("/documents", response_model=ItemPage, responses=AUTH_RESPONSES, tags=["documents"])
async def list_documents(request: Request, _reader: Reader, filters: Filters, after: After = None,
                         limit: Limit = 50) -> ItemPage:
    """Stored documents, newest publication first, with their number of claims."""
    return _page(queries.documents(store_of(request), filters, after, limit))


@router.get("/documents/{ref}", responses=AUTH_RESPONSES, tags=["documents"])
async def get_document(request: Request, ref: str, _reader: Reader) -> dict[str, Any]:
    """One document (by id, external id or unique id prefix): its text, and its claims with their spans.

    ``text[span[0]:span[1]]`` of each claim is its evidence. Report text is returned as it was given: it is
    data, and every page escapes it.
    """
    try:
        detail = find_document(store_of(request), ref)
    except StoreError as exc:
        if "no document" in str(exc) or "more than one" in str(exc):
            raise NotFound(str(exc)) from None
        raise
    d = detail.document
    return {
        "document": {
            "id": d.id, "external_id": d.external_id, "title": d.title,
            "published": d.published.isoformat() if d.published else None, "outlet": d.outlet, "url": d.url,
            "language": d.language, "near_duplicate_of": detail.near_duplicate_of, "text": d.text,
        },
        "incident": rows.incident_of_document(store_of(request), d.id),
        "extractor": detail.extractor,
        "extractor_version": detail.extractor_version,
        "claims": [queries.claim_json(c.document_id, c.span, c.data, c.extractor, c.extractor_version)
                   for c in detail.claims],
    }


@router.get("/claims", response_model=ItemPage, responses=AUTH_RESPONSES, tags=["claims"])
async def list_claims(request: Request, _reader: Reader, filters: Filters, after: After = None,
                      limit: Limit = 50) -> ItemPage:
    """Claims of each document's latest extraction: who said what about whom, with the evidence span."""
    return _page(queries.claims(store_of(request), filters, after, limit))


# --- login ---------------------------------------------------------------------------------------------


def _session(request: Request, user: User | None) -> Session:
    return Session(user=None if user is None else {"name": user.name, "role": user.role},
                   csrf_token=csrf_token(request))


@router.post("/login", response_model=Session, responses=AUTH_RESPONSES, tags=["auth"])
def post_login(request: Request, credentials: Credentials) -> Session:
    """Log in: sets the session cookie and answers the CSRF token that review requests must send."""
    user = login(request, credentials.name, credentials.password)
    if user is None:
        raise ApiError(401, "wrong user name or password", "unauthorized")
    return _session(request, user)


@router.post("/logout", status_code=204, tags=["auth"])
def post_logout(request: Request) -> Response:
    """End the session."""
    logout(request)
    return Response(status_code=204)


@router.get("/session", response_model=Session, tags=["auth"])
async def get_session(request: Request) -> Session:
    """Who is logged in (null when nobody), and the session's CSRF token."""
    return _session(request, current_user(request))


# --- incidents ---------------------------------------------------------------------------------------------

GradeQ = Annotated[str | None, Query(pattern=_one_of(GRADES), description="Incidents of this grade.")]
PolicyQ = Annotated[str, Query(pattern=_one_of(POLICIES), description="Estimates policy.")]


async def _incident_filter(since: Since = None, until: Until = None, country: Country = None,
                           admin1: Admin1 = None, outcome: OutcomeQ = None, grade: GradeQ = None,
                           q: Text = None) -> rows.IncidentFilter:
    return rows.IncidentFilter(date_from=since, date_to=until, country=country, admin1=admin1, outcome=outcome,
                               grade=grade, text=q)


IncidentFilters = Annotated[rows.IncidentFilter, Depends(_incident_filter)]


def _incident(store: Store, ref: str) -> Incident:
    try:
        return rows.get_incident(store, ref)
    except rows.IncidentNotFoundError as exc:
        raise NotFound(str(exc)) from None


@router.get("/incidents", response_model=ItemPage, responses=AUTH_RESPONSES, tags=["incidents"])
async def list_incidents(request: Request, _reader: Reader, filters: IncidentFilters, after: After = None,
                         limit: Limit = 50) -> Response:
    """Incidents, newest first, with grade, place and the conservative killed estimate.

    ``q`` keeps incidents whose place, type, alleged perpetrators, sources or outlets contain every word.
    """
    store = store_of(request)

    def build() -> bytes:
        page = rows.list_incidents(store, filters=filters, after=after, limit=limit)
        return json_bytes({"items": [_row_json(r) for r in page.items], "next": page.next})

    # Served as built (the rows are plain JSON values already): validating it again would cost a third.
    cache: ListingCache[bytes] = request.app.state.json_listings
    return Response(cache.get((filters, after, limit), build), media_type="application/json")


def json_bytes(value: Any) -> bytes:
    """JSON as FastAPI writes it (UTF-8, compact, no NaN)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


_ROW_FIELDS = [f.name for f in dataclasses.fields(rows.IncidentRow)]


def _row_json(row: rows.IncidentRow) -> dict[str, Any]:
    # Field by field: dataclasses.asdict deep-copies, and cost the list a third of its time.
    found = {name: getattr(row, name) for name in _ROW_FIELDS}
    found["date"] = row.date.isoformat() if row.date else None
    return found


def incident_detail(incident: Incident, audit: list[dict[str, Any]]) -> dict[str, Any]:
    """An incident for the API: estimates under each policy, grade with reason, claims, timeline, audit log."""
    record = incident_dict(incident, "conservative")
    del record["policy"]
    record["estimates"] = {t.policy: incident_dict(incident, t.policy)["estimates"] for t in incident.estimates}
    record["claims"] = [{
        "key": u.claim.key, "document_id": u.claim.document_id, "published": u.claim.published,
        "outlet": u.claim.outlet, "source": u.claim.source_key, "outcome": u.claim.claim.outcome,
        "victims": u.claim.claim.victims.group, "figure": u.claim.claim.count.text,
        "low": u.claim.claim.count.low, "high": u.claim.claim.count.high, "stance": u.claim.claim.stance,
        "span": list(u.claim.claim.span), "evidence": u.claim.claim.evidence, "used": u.used,
        "reason": u.reason, "flags": list(u.flags),
    } for u in incident.claims]
    record["timeline"] = [dataclasses.asdict(e) for e in incident.timeline]
    record["notes"] = [{"author": n.author, "at": n.at, "note": n.value, "reason": n.reason} for n in incident.notes]
    record["audit"] = audit
    detail: dict[str, Any] = jsonable(record)
    return detail


def audit_of(store: Store, incident: Incident) -> list[dict[str, Any]]:
    """The decisions naming a report, document or claim of the incident, undone ones included."""
    keys = set(incident.report_keys) | set(incident.document_ids)
    found = []
    for d in storage.audit(store):
        named = {d["target"], d["other"], *(d["value"] or "").split(",")} - {None, ""}
        if any(k in keys or k.partition(":")[0] in keys for k in named):
            found.append(d)
    return found


@router.get("/incidents/{ref}", responses=AUTH_RESPONSES, tags=["incidents"])
async def get_incident(request: Request, ref: str, _reader: Reader) -> dict[str, Any]:
    """One incident by id (or unique id prefix, or an id since merged into it): estimates under each policy,
    grade and its reason, independent sources, every claim with whether the estimates used it, the claim
    timeline, notes, and the audit log of analysts' decisions on it."""
    store = store_of(request)
    incident = _incident(store, ref)
    return incident_detail(incident, audit_of(store, incident))


EXPORT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json", "jsonl": "application/x-ndjson",
                "geojson": "application/geo+json", "parquet": "application/vnd.apache.parquet"}


@router.get("/export", responses={**AUTH_RESPONSES, 200: {
    "content": {t: {} for t in sorted(set(EXPORT_TYPES.values()))}, "description": "The file."}},
    tags=["incidents"])
def export(
    request: Request, _reader: Reader,
    layout: Annotated[str, Query(pattern=_one_of(LAYOUTS), description="Columns: tollwatch, acled or ucdp.")]
    = "tollwatch",
    format: Annotated[str, Query(pattern=_one_of(EXPORT_FORMATS), description="File format.")] = "csv",
    policy: PolicyQ = "conservative", *, filters: IncidentFilters,
) -> Response:
    """Every matching incident as a file, in the layouts and formats of `tollwatch export` (see the README)."""
    store = store_of(request)
    incidents = list(rows.iter_incidents(store, filters))
    documents = storage.documents_of(store, incidents) if layout != "tollwatch" else {}
    records = export_rows(incidents, layout, documents, policy)
    out: io.BytesIO | io.StringIO = io.BytesIO() if format == "parquet" else io.StringIO()
    write_export(records, layout, format, out)
    body = out.getvalue()
    return Response(body.encode() if isinstance(body, str) else body, media_type=EXPORT_TYPES[format],
                    headers={"Content-Disposition": f'attachment; filename="incidents-{layout}.{format}"'})



# --- review ------------------------------------------------------------------------------------------------

Analyst = Annotated[User, Depends(require_analyst)]
Reason = Annotated[str, Field(min_length=1, max_length=2000, description="Why; shown in the audit log.")]


class MergeRequest(BaseModel):
    other: str = Field(min_length=1, max_length=200, description="The incident to merge into this one.")
    reason: Reason


class SplitRequest(BaseModel):
    documents: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        min_length=1, max_length=1000, description="Documents of this incident to split off into a new one.")
    reason: Reason


class MoveRequest(BaseModel):
    document: str = Field(min_length=1, max_length=200, description="A document of another incident to move here.")
    reason: Reason


class ClaimRequest(BaseModel):
    claim: str = Field(min_length=3, max_length=200, description="The claim's key, DOCUMENT:START-END.")
    reason: Reason


class GradeRequest(BaseModel):
    grade: str = Field(pattern=_one_of(GRADES))
    reason: Reason


class NoteRequest(BaseModel):
    text: str = Field(min_length=1, max_length=5000)
    reason: Reason = "note"


class UndoRequest(BaseModel):
    reason: Reason


class DecisionOut(BaseModel):
    id: int
    kind: str
    author: str
    reason: str
    target: str
    other: str | None
    value: str | None
    incident: str | None = Field(description="The id of the incident holding the decision's target now.")


def _anchor(incident: Incident) -> str:
    """The key a decision about the whole incident names: its first document's main report."""
    mains = [k for k in incident.report_keys if k in incident.document_ids]
    return min(mains or incident.report_keys)


def _document_id(store: Store, ref: str) -> str:
    try:
        return find_document(store, ref).document.id
    except StoreError as exc:
        raise NotFound(str(exc)) from None


def _decide(request: Request, user: User, kind: str, target: str, reason: str, other: str | None = None,
            value: str | None = None) -> DecisionOut:
    store = store_of(request)
    decision = Decision(0, kind, user.name, utcnow(), reason, target, other, value)
    number = storage.decide(store, decision, request.app.state.settings)
    return DecisionOut(id=number, kind=kind, author=user.name, reason=reason, target=target, other=other,
                       value=value, incident=rows.incident_of_document(store, target.split(":")[0].split("#")[0]))


REVIEW: dict[str, Any] = {"response_model": DecisionOut, "status_code": 201, "responses": AUTH_RESPONSES, "tags": ["review"]}


@router.post("/incidents/{ref}/merge", **REVIEW)
def merge(request: Request, ref: str, body: MergeRequest, user: Analyst) -> DecisionOut:
    """Merge another incident into this one."""
    store = store_of(request)
    this, other = _incident(store, ref), _incident(store, body.other)
    if this.id == other.id:
        raise ApiError(422, "an incident cannot be merged with itself", "validation_error")
    return _decide(request, user, "merge", _anchor(this), body.reason, other=_anchor(other))


@router.post("/incidents/{ref}/split", **REVIEW)
def split(request: Request, ref: str, body: SplitRequest, user: Analyst) -> DecisionOut:
    """Split documents of this incident off into a new incident."""
    store = store_of(request)
    incident = _incident(store, ref)
    keys = [_document_id(store, d) for d in body.documents]
    strangers = [k for k in keys if k not in incident.document_ids]
    if strangers:
        raise ApiError(422, f"not documents of incident {incident.id}: {', '.join(strangers)}", "validation_error")
    return _decide(request, user, "split", keys[0], body.reason, value=",".join(keys))


@router.post("/incidents/{ref}/move", **REVIEW)
def move(request: Request, ref: str, body: MoveRequest, user: Analyst) -> DecisionOut:
    """Move a document (from whatever incident holds it) into this incident."""
    store = store_of(request)
    incident = _incident(store, ref)
    return _decide(request, user, "move", _document_id(store, body.document), body.reason, other=_anchor(incident))


def _claim_verdict(request: Request, ref: str, body: ClaimRequest, user: User, kind: str) -> DecisionOut:
    incident = _incident(store_of(request), ref)
    if body.claim not in {u.claim.key for u in incident.claims}:
        raise ApiError(422, f"incident {incident.id} has no claim {body.claim!r}", "validation_error")
    return _decide(request, user, kind, body.claim.split(":")[0], body.reason, other=body.claim)


@router.post("/incidents/{ref}/reject-claim", **REVIEW)
def reject_claim(request: Request, ref: str, body: ClaimRequest, user: Analyst) -> DecisionOut:
    """Set one of the incident's claims aside: the estimates no longer use it."""
    return _claim_verdict(request, ref, body, user, "reject_claim")


@router.post("/incidents/{ref}/accept-claim", **REVIEW)
def accept_claim(request: Request, ref: str, body: ClaimRequest, user: Analyst) -> DecisionOut:
    """Count one of the incident's claims, whatever the machine's selection says."""
    return _claim_verdict(request, ref, body, user, "accept_claim")


@router.post("/incidents/{ref}/grade", **REVIEW)
def grade(request: Request, ref: str, body: GradeRequest, user: Analyst) -> DecisionOut:
    """Set the incident's grade (e.g. discounted), with the reason."""
    incident = _incident(store_of(request), ref)
    return _decide(request, user, "grade", _anchor(incident), body.reason, value=body.grade)


@router.post("/incidents/{ref}/note", **REVIEW)
def note(request: Request, ref: str, body: NoteRequest, user: Analyst) -> DecisionOut:
    """Add a note to the incident."""
    incident = _incident(store_of(request), ref)
    return _decide(request, user, "note", _anchor(incident), body.reason, value=body.text)


@router.post("/decisions/{number}/undo", status_code=204, responses=AUTH_RESPONSES, tags=["review"])
def undo(request: Request, number: int, body: UndoRequest, user: Analyst) -> Response:
    """Undo a decision by its number: it no longer applies, and stays in the audit log marked undone."""
    try:
        storage.undo(store_of(request), number, user.name, body.reason, request.app.state.settings)
    except StoreError as exc:
        if "no decision" in str(exc):
            raise NotFound(str(exc)) from None
        raise
    return Response(status_code=204)


class Refreshed(BaseModel):
    linked: int = Field(description="Documents linked into incidents by this call.")


@router.post("/refresh", response_model=Refreshed, responses=AUTH_RESPONSES, tags=["review"])
async def refresh(request: Request, _user: Analyst) -> Refreshed:
    """Link the reports extracted since the last update into incidents now, rather than at the server's next
    check (setting `web_refresh_seconds`)."""
    freshness: Freshness = request.app.state.freshness
    return Refreshed(linked=await freshness.link(force=True))


@router.get("/decisions", response_model=list[dict[str, Any]], responses=AUTH_RESPONSES, tags=["review"])
def decisions(_reader: Reader, request: Request) -> list[dict[str, Any]]:
    """The audit log: every decision with author, time, reason, and whether and by whom it was undone."""
    return [jsonable(d) for d in storage.audit(store_of(request))]
