"""The analysts' pages, rendered on the server with Jinja2 (autoescape always on).

- ``/``                                incidents with filters, cursor pagination and a map sized by the killed
                                       estimate; all but the header is kept rendered until the store changes
- ``/incidents/{id}``                  one incident: map, estimate bars per policy, claim timeline (inline SVG),
                                       sources, grade with reason, audit log, and review forms for an analyst
- ``/incidents/{id}/review/{action}``  where the review forms post: grade, note, claim, merge, split, move, undo
- ``/documents/{id}``                  a report's text with every claim highlighted at its span
- ``/login``, ``/logout``              form pages over ``auth``

Report text is hostile. Templates print it only through autoescape; the document page cuts the text at
claim spans in Python so each piece is escaped on its own; map data travels in a JSON block that scripts
read as text; and every page carries a Content-Security-Policy that allows no inline script.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import jinja2
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from pydantic import ValidationError
from sqlalchemy import select
from starlette.datastructures import FormData

from ..errors import ConfigError, StoreError
from ..incidents.rows import (
    IncidentFilter,
    IncidentNotFoundError,
    IncidentPage,
    get_incident,
    incident_of_document,
    list_incidents,
)
from ..model import GRADES, OUTCOMES, Incident
from ..settings import Settings
from ..store import schema
from ..store.database import Store
from ..store.queries import find_document
from . import api, auth
from .cache import ListingCache
from .errors import ApiError
from .views import estimate_bars, highlight, marker_radius, timeline_chart

router = APIRouter(include_in_schema=False)

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Autoescape on for every template whatever its name, not only for the .html ones select_autoescape picks.
templates = Jinja2Templates(env=jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                                                   undefined=jinja2.StrictUndefined))
PAGE_SIZE = 50
MAX_PAGE = 500
FILTERS = ("since", "until", "country", "admin1", "outcome", "grade", "q")
LISTED = (*FILTERS, "limit", "after")  # the parameters that choose what the list shows
REVIEW_ACTIONS = ("grade", "note", "claim", "merge", "split", "move", "undo")
DONE = {a: f"Recorded: {a}." for a in REVIEW_ACTIONS} | {"undo": "The decision was undone."}


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _csp(settings: Settings) -> str:
    """No inline script anywhere; images also from the tile server when one is set."""
    images = "'self' data:"
    if settings.web_tile_url:
        parts = urlsplit(settings.web_tile_url.replace("{s}", "a"))
        host = parts.netloc.replace("a.", "*.", 1) if "{s}" in settings.web_tile_url else parts.netloc
        images += f" {parts.scheme}://{host}"
    return ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            f"img-src {images}; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'none'")


class _CsrfField:
    """The session's CSRF token, made when a template first prints it: a page without a form (what an
    anonymous reader gets) starts no session and sets no cookie."""

    def __init__(self, request: Request):
        self.request = request

    def __html__(self) -> str:
        return str(escape(auth.csrf_token(self.request)))

    def __str__(self) -> str:
        return auth.csrf_token(self.request)


def _static(base: str) -> Callable[[str], str]:
    return lambda path: f"{base}/static/{path}"


def _tiles(settings: Settings) -> dict[str, str]:
    return {"url": settings.web_tile_url, "attribution": settings.web_tile_attribution}


def _render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    settings = _settings(request)
    base = _base(request)
    user = auth.current_user(request)
    full = {
        "base": base,
        "static": _static(base),
        "user": user.name if user else None,
        "analyst": user is not None and user.role in auth.REVIEWERS,
        "csrf": _CsrfField(request),
        "tiles": _tiles(settings),
        **context,
    }
    response = templates.TemplateResponse(request, name, full, status_code=status)
    response.headers["content-security-policy"] = _csp(settings)
    response.headers["cache-control"] = "no-store"
    return response


def _error(request: Request, status: int, heading: str, message: str) -> HTMLResponse:
    return _render(request, "error.html", {"status": status, "heading": heading, "message": message}, status)


async def _form(request: Request) -> tuple[FormData, HTMLResponse | None]:
    """The posted form, and an error page unless it carries this session's CSRF token."""
    form = await request.form()
    token = form.get(auth.CSRF_FIELD)
    try:
        auth.check_csrf(request, token if isinstance(token, str) else None)
    except ApiError as exc:
        return form, _error(request, exc.status, "Form expired", exc.message)
    return form, None


def _login_first(request: Request) -> Response | None:
    """Private pages (``web_public`` off) send a visitor to the login form first."""
    if _settings(request).web_public or auth.current_user(request) is not None:
        return None
    return RedirectResponse(f"{_base(request)}/login?{urlencode({'next': _here(request)})}", 303)


def _base(request: Request) -> str:
    return str(request.scope.get("root_path", "")).rstrip("/")


def _here(request: Request) -> str:
    return request.url.path + (f"?{request.url.query}" if request.url.query else "")


def _local(target: str | None) -> str:
    """A redirect target only within this site: a path, never '//host' or a scheme."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


# --- incidents -------------------------------------------------------------------------------------------


def _filters(params: dict[str, str]) -> IncidentFilter:
    """The filter form as an ``IncidentFilter``; blank fields are None, a bad value a ``ConfigError``."""
    value = {k: (params.get(k) or "").strip() or None for k in FILTERS}
    days: dict[str, date | None] = {}
    for k in ("since", "until"):
        try:
            days[k] = date.fromisoformat(value[k] or "") if value[k] else None
        except ValueError:
            raise ConfigError(f"{k}: {value[k]!r} is not a date (YYYY-MM-DD)") from None
    return IncidentFilter(date_from=days["since"], date_to=days["until"], country=value["country"],
                          admin1=value["admin1"], outcome=value["outcome"], grade=value["grade"], text=value["q"])


def _marker(id: str, lat: float | None, lon: float | None, place: str | None, day: date | None, grade: str,
            killed: int | None) -> dict[str, Any] | None:
    if lat is None or lon is None:
        return None
    return {"id": id, "lat": lat, "lon": lon, "place": place, "date": day.isoformat() if day else None,
            "grade": grade, "killed": killed, "radius": marker_radius(killed)}


@router.get("/", response_class=HTMLResponse)
@router.get("/incidents", response_class=HTMLResponse)
async def incident_list(request: Request) -> Response:
    # Async, like the API's listings: a page is a millisecond of database on the event loop, cheaper
    # than two thread hand-offs at 50 concurrent readers (benchmarks/bench_serve.py).
    if (redirect := _login_first(request)) is not None:
        return redirect
    params = {k: v for k, v in request.query_params.items() if v.strip() and k in LISTED}
    try:
        limit = params.get("limit", str(PAGE_SIZE))
        if not limit.isdigit() or not 1 <= int(limit) <= MAX_PAGE:
            raise ConfigError(f"limit: give a number from 1 to {MAX_PAGE}")
        filters = _filters(params)
        cache: ListingCache[str] = request.app.state.html_listings
        main = cache.get(tuple(sorted(params.items())), lambda: _listing(
            request, params, list_incidents(_store(request), filters=filters, after=params.get("after"),
                                            limit=int(limit))))
    except ConfigError as exc:
        return _render(request, "incidents.html", {"main": Markup(_listing(request, params, None, str(exc)))}, 400)
    return _render(request, "incidents.html", {"main": Markup(main)})


def _listing(request: Request, params: dict[str, str], page: IncidentPage | None, error: str | None = None) -> str:
    """The filter form, map, table and pager of a page of incidents: all of the list but the header, which
    names who is logged in. Without a page (the filters were refused), the form and the error."""
    base, settings = _base(request), _settings(request)
    context: dict[str, Any] = {"base": base, "static": _static(base), "tiles": _tiles(settings), "f": params,
                               "outcomes": OUTCOMES, "grades": GRADES, "error": error, "listed": page is not None}
    if page is not None:
        markers = [_marker(r.id, r.lat, r.lon, r.place_name, r.date, r.grade, r.killed_best) for r in page.items]
        points = [m for m in markers if m is not None]
        following = {k: v for k, v in params.items() if k != "after"}
        context.update(
            rows=[(r, quote(r.id, safe="")) for r in page.items], points=points, unmapped=len(markers) - len(points),
            next_url=f"{base}/?{urlencode({**following, 'after': page.next})}" if page.next else None,
            first_url=f"{base}/?{urlencode(following)}" if "after" in params else None,
        )
    return templates.env.get_template("_incident_listing.html").render(context)


def _titles(store: Store, document_ids: tuple[str, ...]) -> dict[str, str]:
    docs = schema.documents
    with store.connect() as connection:
        found = connection.execute(select(docs.c.id, docs.c.title).where(docs.c.id.in_(document_ids)))
        return {doc_id: title for doc_id, title in found if title}


def _incident_context(request: Request, incident: Incident) -> dict[str, Any]:
    store, e = _store(request), incident.event
    totals = incident.estimate(_settings(request).policy)
    marker = _marker(incident.id, e.place.lat if e.place else None, e.place.lon if e.place else None,
                     e.place.name if e.place else None, e.date, incident.grade,
                     totals.killed.best if totals and totals.killed else None)
    audit = api.audit_of(store, incident)
    return {
        "i": incident,
        "titles": _titles(store, incident.document_ids),
        "points": [marker] if marker else [],
        "bar_groups": estimate_bars(incident),
        "chart": timeline_chart(incident.timeline),
        "audit": audit,
        "grades": GRADES,
        "review_url": f"{_base(request)}/incidents/{incident.id}/review",
        "here": _here(request),
        "error": None,
        "flash": DONE.get(request.query_params.get("done", "")),
    }


@router.get("/incidents/{ref}", response_class=HTMLResponse)
def incident_page(request: Request, ref: str) -> Response:
    if (redirect := _login_first(request)) is not None:
        return redirect
    try:
        incident = get_incident(_store(request), ref)
    except IncidentNotFoundError as exc:
        return _error(request, 404, "No such incident", str(exc))
    if incident.id != ref:
        # An id merged into another, or a prefix: one address per incident.
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(f"{_base(request)}/incidents/{incident.id}{query}", 303)
    return _render(request, "incident.html", _incident_context(request, incident))


# --- review ----------------------------------------------------------------------------------------------


def _problem(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())


def _record(request: Request, incident: Incident, action: str, form: dict[str, Any], user: auth.User) -> str:
    """Run the API's review call for a form, so both record the same decision; returns the incident to show."""
    text = {k: str(v).strip() for k, v in form.items() if isinstance(v, str)}
    reason = text.get("reason", "")
    stay = incident.document_ids[0]
    if action == "grade":
        out = api.grade(request, incident.id, api.GradeRequest(grade=text.get("grade", ""), reason=reason), user)
    elif action == "note":
        out = api.note(request, incident.id, api.NoteRequest(text=text.get("text", ""), reason=reason), user)
    elif action == "claim":
        verdicts = {"reject": api.reject_claim, "accept": api.accept_claim}
        if text.get("verdict") not in verdicts:
            raise ConfigError("verdict: choose reject or accept")
        out = verdicts[text["verdict"]](request, incident.id, api.ClaimRequest(claim=text.get("claim", ""),
                                                                               reason=reason), user)
    elif action == "merge":
        out = api.merge(request, incident.id, api.MergeRequest(other=text.get("other", ""), reason=reason), user)
    elif action == "split":
        chosen = [str(d) for d in form.get("documents", [])]
        rest = [d for d in incident.document_ids if d not in chosen]
        if not rest:
            raise ConfigError("documents: leave at least one report in this incident")
        stay = rest[0]
        out = api.split(request, incident.id, api.SplitRequest(documents=chosen, reason=reason), user)
    elif action == "move":
        out = api.move(request, incident.id, api.MoveRequest(document=text.get("document", ""), reason=reason), user)
    else:
        number = text.get("decision", "")
        if not number.isdigit():
            raise ConfigError("decision: give the number of the decision to undo")
        api.undo(request, int(number), api.UndoRequest(reason=reason), user)
        return incident_of_document(_store(request), stay) or incident.id
    # Merges and splits can give the incident another id: show the one that now holds its first report.
    return incident_of_document(_store(request), stay) or out.incident or incident.id


@router.post("/incidents/{ref}/review/{action}", response_class=HTMLResponse)
async def review(request: Request, ref: str, action: str) -> Response:
    user = auth.current_user(request)
    if user is None:
        return _error(request, 401, "Log in first", "Only a logged-in analyst can review incidents.")
    if user.role not in auth.REVIEWERS:
        return _error(request, 403, "Not an analyst", f"User {user.name!r} may read but not review.")
    form, refused = await _form(request)
    if refused is not None:
        return refused
    if action not in REVIEW_ACTIONS:
        return _error(request, 404, "No such review action", f"There is no review action {action!r}.")
    try:
        incident = get_incident(_store(request), ref)
    except IncidentNotFoundError as exc:
        return _error(request, 404, "No such incident", str(exc))
    fields = {k: form.getlist(k) if k == "documents" else form.get(k) for k in form}
    try:
        target = _record(request, incident, action, fields, user)
    except (ConfigError, ApiError, ValidationError) as exc:
        problem = _problem(exc) if isinstance(exc, ValidationError) else getattr(exc, "message", str(exc))
        context = _incident_context(request, incident)
        context["error"] = f"Nothing was recorded. {problem}"
        return _render(request, "incident.html", context, 400)
    return RedirectResponse(f"{_base(request)}/incidents/{target}?{urlencode({'done': action})}", 303)


# --- documents -------------------------------------------------------------------------------------------


def _web_url(url: str | None) -> str | None:
    """Only http(s) links: a stored 'javascript:' URL must never become a link."""
    return url if url and urlsplit(url).scheme.lower() in ("http", "https") else None


@router.get("/documents/{ref}", response_class=HTMLResponse)
def document_page(request: Request, ref: str) -> Response:
    if (redirect := _login_first(request)) is not None:
        return redirect
    store = _store(request)
    try:
        detail = find_document(store, ref)
    except StoreError as exc:
        return _error(request, 404, "No such document", str(exc))
    doc = detail.document
    return _render(request, "document.html", {
        "doc": doc,
        "url": _web_url(doc.url),
        "twin": detail.near_duplicate_of,
        "incident": incident_of_document(store, doc.id),
        "claims": detail.claims,
        "pieces": highlight(doc.text, [c.span for c in detail.claims]),
        "extractor": detail.extractor,
        "extractor_version": detail.extractor_version,
    })


# --- login -----------------------------------------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> Response:
    return _render(request, "login.html", {"error": None, "name": "",
                                           "next": _local(request.query_params.get("next"))})


@router.post("/login", response_class=HTMLResponse)
async def login_submit(request: Request) -> Response:
    form, refused = await _form(request)
    if refused is not None:
        return refused
    name, password, next_ = (form.get(k) for k in ("name", "password", "next"))
    name = name.strip() if isinstance(name, str) else ""
    context = {"name": name, "next": _local(next_ if isinstance(next_, str) else None)}
    if not name or not isinstance(password, str) or auth.login(request, name, password) is None:
        return _render(request, "login.html", {**context, "error": "Wrong name or password."}, 401)
    return RedirectResponse(f"{_base(request)}{context['next']}", 303)


@router.get("/logout", response_class=HTMLResponse)
def logout_form(request: Request) -> Response:
    return _render(request, "logout.html", {})


@router.post("/logout", response_class=HTMLResponse)
async def logout_submit(request: Request) -> Response:
    _, refused = await _form(request)
    if refused is not None:
        return refused
    auth.logout(request)
    return RedirectResponse(f"{_base(request)}/", 303)
