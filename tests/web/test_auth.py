"""Logins, sessions, CSRF and review decisions, against a real server on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from conftest import ANALYST, PASSWORD, READER, LiveServer, running
from sqlalchemy import select

from tollwatch.settings import Settings
from tollwatch.store.database import open_store
from tollwatch.store.schema import users
from tollwatch.web import create_app
from tollwatch.web.auth import authenticate


def _incident_of(client: httpx.Client, document: str) -> dict[str, Any]:
    incident = client.get(f"/api/documents/{document}").json()["incident"]
    return dict(client.get(f"/api/incidents/{incident}").json())


def _grade(client: httpx.Client, incident: str, headers: dict[str, str] | None = None) -> httpx.Response:
    return client.post(f"/api/incidents/{incident}/grade", headers=headers,
                       json={"grade": "discounted", "reason": "footage shown to be older"})


@pytest.fixture
def analyst(live_server: LiveServer) -> Iterator[tuple[httpx.Client, dict[str, str]]]:
    client, token = live_server.login()
    try:
        yield client, {"X-CSRF-Token": token}
    finally:
        client.close()


def test_auth_review_without_login_is_401(live_server: LiveServer) -> None:
    with live_server.client() as client:
        incident = _incident_of(client, live_server.market_docs[0])
        response = _grade(client, incident["id"])
        after = _incident_of(client, live_server.market_docs[0])
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert after["grade"] == incident["grade"] and after["audit"] == incident["audit"]


def test_auth_wrong_password_is_401_and_sets_no_session(live_server: LiveServer) -> None:
    with live_server.client() as client:
        response = client.post("/api/login", json={"name": ANALYST, "password": "not the password"})
        session = client.get("/api/session").json()
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert session["user"] is None


def test_auth_session_cookie_is_httponly_and_samesite_lax(live_server: LiveServer) -> None:
    with live_server.client() as client:
        response = client.post("/api/login", json={"name": ANALYST, "password": PASSWORD})
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert PASSWORD not in response.headers["set-cookie"]


def test_auth_grade_records_analyst_in_audit_log_and_undo_restores(
    live_server: LiveServer, analyst: tuple[httpx.Client, dict[str, str]]
) -> None:
    client, csrf = analyst
    doc = live_server.market_docs[1]
    before = _incident_of(client, doc)
    response = _grade(client, before["id"], csrf)
    assert response.status_code == 201, response.text
    decision = response.json()
    graded = _incident_of(client, doc)
    assert graded["grade"] == "discounted"
    entry = next(e for e in graded["audit"] if e["id"] == decision["id"])
    assert (entry["kind"], entry["author"], entry["value"]) == ("grade", ANALYST, "discounted")
    assert entry["reason"] == "footage shown to be older" and entry["undone_at"] is None

    undo = client.post(f"/api/decisions/{decision['id']}/undo", headers=csrf, json={"reason": "wrong incident"})
    assert undo.status_code == 204
    restored = _incident_of(client, doc)
    assert restored["grade"] == before["grade"]
    entry = next(e for e in restored["audit"] if e["id"] == decision["id"])
    assert entry["undone_by"] == ANALYST and entry["undo_reason"] == "wrong incident"


@pytest.mark.parametrize("headers", [{}, {"X-CSRF-Token": "forged"}])
def test_auth_csrf_failure_is_403(live_server: LiveServer, analyst: tuple[httpx.Client, dict[str, str]],
                                  headers: dict[str, str]) -> None:
    client, _ = analyst
    incident = _incident_of(client, live_server.market_docs[0])
    response = _grade(client, incident["id"], headers)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "csrf_failed"
    assert _incident_of(client, live_server.market_docs[0])["audit"] == incident["audit"]


def test_auth_form_post_checks_its_csrf_field(live_server: LiveServer,
                                              analyst: tuple[httpx.Client, dict[str, str]]) -> None:
    client, _ = analyst
    incident = _incident_of(client, live_server.market_docs[0])
    response = client.post(f"/api/incidents/{incident['id']}/grade",
                           data={"csrf_token": "forged", "grade": "weak", "reason": "x"})
    assert response.status_code == 403 and response.json()["error"]["code"] == "csrf_failed"


def test_auth_reader_may_not_review(live_server: LiveServer) -> None:
    client, token = live_server.login(READER)
    incident = _incident_of(client, live_server.market_docs[0])
    response = _grade(client, incident["id"], {"X-CSRF-Token": token})
    client.close()
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_auth_logout_ends_the_session(live_server: LiveServer,
                                      analyst: tuple[httpx.Client, dict[str, str]]) -> None:
    client, csrf = analyst
    assert client.get("/api/session").json()["user"] == {"name": ANALYST, "role": "analyst"}
    assert client.post("/api/logout").status_code == 204
    incident = _incident_of(client, live_server.market_docs[0])
    assert _grade(client, incident["id"], csrf).status_code == 401


def _post(client: httpx.Client, incident: str, action: str, csrf: dict[str, str], **body: Any) -> dict[str, Any]:
    response = client.post(f"/api/incidents/{incident}/{action}", headers=csrf, json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


def _undo(client: httpx.Client, decision: dict[str, Any], csrf: dict[str, str]) -> None:
    response = client.post(f"/api/decisions/{decision['id']}/undo", headers=csrf, json={"reason": "test over"})
    assert response.status_code == 204, response.text


def test_auth_merge_then_split_then_undo(live_server: LiveServer,
                                         analyst: tuple[httpx.Client, dict[str, str]]) -> None:
    client, csrf = analyst
    market, herat = live_server.market_docs[0], live_server.script_doc
    a, b = _incident_of(client, market), _incident_of(client, herat)
    merged = _post(client, a["id"], "merge", csrf, other=b["id"], reason="one attack, two places named")
    together = _incident_of(client, market)
    assert herat in {d["id"] for d in together["documents"]} and market in {d["id"] for d in together["documents"]}
    split = _post(client, together["id"], "split", csrf, documents=[herat], reason="two attacks after all")
    assert _incident_of(client, herat)["id"] != _incident_of(client, market)["id"]
    _undo(client, split, csrf)
    _undo(client, merged, csrf)
    assert {d["id"] for d in _incident_of(client, market)["documents"]} == set(live_server.market_docs)
    assert {d["id"] for d in _incident_of(client, herat)["documents"]} == {herat}


def test_auth_move_note_and_claim_verdicts(live_server: LiveServer,
                                           analyst: tuple[httpx.Client, dict[str, str]]) -> None:
    client, csrf = analyst
    market, herat = live_server.market_docs[0], live_server.script_doc
    incident = _incident_of(client, market)
    moved = _post(client, incident["id"], "move", csrf, document=herat, reason="the same attack")
    assert herat in {d["id"] for d in _incident_of(client, market)["documents"]}
    _undo(client, moved, csrf)

    noted = _post(client, incident["id"], "note", csrf, text="ask the <b>hospital</b>", reason="follow-up")
    assert any(n["note"] == "ask the <b>hospital</b>" for n in _incident_of(client, market)["notes"])
    _undo(client, noted, csrf)

    claim = next(c for c in incident["claims"] if c["document_id"] == market)
    rejected = _post(client, incident["id"], "reject-claim", csrf, claim=claim["key"], reason="other province")
    after = next(c for c in _incident_of(client, market)["claims"] if c["key"] == claim["key"])
    assert after["used"] is False
    accepted = _post(client, incident["id"], "accept-claim", csrf, claim=claim["key"], reason="confirmed")
    assert next(c for c in _incident_of(client, market)["claims"] if c["key"] == claim["key"])["used"] is True
    for decision in (accepted, rejected):
        _undo(client, decision, csrf)
    audit = client.get("/api/decisions").json()
    mine = {d["id"]: d for d in audit if d["id"] in {moved["id"], noted["id"], rejected["id"], accepted["id"]}}
    assert len(mine) == 4 and all(d["author"] == ANALYST and d["undone_by"] == ANALYST for d in mine.values())


def test_auth_review_rejects_a_claim_of_another_incident(live_server: LiveServer,
                                                         analyst: tuple[httpx.Client, dict[str, str]]) -> None:
    client, csrf = analyst
    incident = _incident_of(client, live_server.market_docs[0])
    response = client.post(f"/api/incidents/{incident['id']}/reject-claim", headers=csrf,
                           json={"claim": f"{live_server.script_doc}:0-5", "reason": "x"})
    assert response.status_code == 422 and response.json()["error"]["code"] == "validation_error"


def test_auth_passwords_are_stored_as_argon2_hashes(live_server: LiveServer) -> None:
    with open_store(str(live_server.db)) as store:
        with store.connect() as connection:
            hashes = connection.execute(select(users.c.password_hash)).scalars().all()
        assert authenticate(store, ANALYST, PASSWORD) is not None
        assert authenticate(store, ANALYST, PASSWORD + "x") is None
    assert hashes and all(h.startswith("$argon2id$") and PASSWORD not in h for h in hashes)


def test_auth_private_pages_need_a_login(live_server: LiveServer) -> None:
    settings = Settings(web_public=False, web_secret_file=live_server.settings.web_secret_file)
    with running(create_app(settings, str(live_server.db))) as url, httpx.Client(base_url=url) as client:
        refused = client.get("/api/incidents")
        client.post("/api/login", json={"name": READER, "password": PASSWORD}).raise_for_status()
        allowed = client.get("/api/incidents")
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "unauthorized"
    assert allowed.status_code == 200 and allowed.json()["items"]


def _listed_grades(client: httpx.Client, incident: str) -> tuple[str, str]:
    """The incident's grade as the API list and the list page show it (both kept in memory between changes)."""
    [item] = [i for i in client.get("/api/incidents", params={"limit": 500}).json()["items"] if i["id"] == incident]
    page = client.get("/", params={"limit": 500}).text
    marker = f'<tr data-incident="{incident}"'
    row = page[page.index(marker):page.index("</tr>", page.index(marker))]
    return item["grade"], row.split('data-grade="', 1)[1].split('"', 1)[0]


def test_auth_a_decision_shows_in_the_lists_at_once(live_server: LiveServer,
                                                    analyst: tuple[httpx.Client, dict[str, str]]) -> None:
    client, csrf = analyst
    incident = _incident_of(client, live_server.market_docs[2])
    before = _listed_grades(client, incident["id"])
    assert before == (incident["grade"], incident["grade"]) and incident["grade"] != "discounted"
    assert _listed_grades(client, incident["id"]) == before  # answered again, from memory
    decision = _grade(client, incident["id"], csrf)
    assert decision.status_code == 201, decision.text
    assert _listed_grades(client, incident["id"]) == ("discounted", "discounted")
    undo = client.post(f"/api/decisions/{decision.json()['id']}/undo", headers=csrf, json={"reason": "test over"})
    assert undo.status_code == 204
    assert _listed_grades(client, incident["id"]) == before
