"""The JSON API against a real server on loopback: listings, filters, cursors, details, export, error shape."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import httpx
import pytest
from conftest import AIRSTRIKE, MARKET, SCRIPT, LiveServer


def _walk(client: httpx.Client, path: str, **params: Any) -> tuple[list[dict[str, Any]], int]:
    """Every item of a listing, page by page through the ``next`` cursors; and how many pages it took."""
    items: list[dict[str, Any]] = []
    after, pages = None, 0
    while True:
        response = client.get(path, params={**params, **({"after": after} if after else {})})
        assert response.status_code == 200, response.text
        body = response.json()
        items += body["items"]
        pages += 1
        after = body["next"]
        if after is None:
            return items, pages
        assert pages < 100, "the cursor never ends"


@pytest.mark.parametrize("path, key", [("/api/documents", "id"), ("/api/claims", "key"), ("/api/incidents", "id")])
def test_api_pagination_walks_every_item_exactly_once(live_server: LiveServer, path: str, key: str) -> None:
    with live_server.client() as client:
        everything = client.get(path, params={"limit": 500}).json()
        paged, pages = _walk(client, path, limit=4)
    assert everything["next"] is None
    assert pages == -(-len(everything["items"]) // 4)
    assert [i[key] for i in paged] == [i[key] for i in everything["items"]]
    assert len({i[key] for i in paged}) == len(paged)


def test_api_documents_newest_first_with_claim_counts(live_server: LiveServer) -> None:
    with live_server.client() as client:
        items = client.get("/api/documents", params={"limit": 500}).json()["items"]
    assert len(items) == live_server.documents
    published = [i["published"] for i in items]
    assert published == sorted(published, reverse=True)
    assert all(i["claims"] >= 1 for i in items if i["id"] in live_server.market_docs)


@pytest.mark.parametrize("params, expected", [
    ({"q": "jalalabad"}, {"Bomb at Jalalabad market kills 12", "Jalalabad market blast toll rises",
                          "Mourners bury victims of Jalalabad market bombing"}),
    ({"since": "2021-04-01", "until": "2021-04-30"}, {title for _, _, title, _ in AIRSTRIKE}),
    ({"admin1": "nangarhar"}, {title for _, _, title, _ in MARKET}),
    ({"stance": "denied"}, {"Army denies civilian deaths in Kunduz strike"}),
    ({"outlet": "the herat times", "country": "AF"}, {f"Shooting in Herat {SCRIPT}"}),
    ({"q": "100% _no such_"}, set()),
])
def test_api_documents_filters(live_server: LiveServer, params: dict[str, str], expected: set[str]) -> None:
    with live_server.client() as client:
        items = client.get("/api/documents", params={**params, "limit": 500}).json()["items"]
    assert {i["title"] for i in items} == expected


def test_api_claims_filters_and_spans(live_server: LiveServer) -> None:
    with live_server.client() as client:
        claims = client.get("/api/claims", params={"admin1": "Nangarhar", "outcome": "killed"}).json()["items"]
        texts = {d: client.get(f"/api/documents/{d}").json()["document"]["text"] for d in live_server.market_docs}
    assert {c["document_id"] for c in claims} == set(live_server.market_docs)
    for c in claims:
        start, end = c["span"]
        assert texts[c["document_id"]][start:end] == c["evidence"]
        assert c["key"] == f"{c['document_id']}:{start}-{end}"
        assert c["outcome"] == "killed" and c["admin1"] == "Nangarhar"


def test_api_document_detail_has_claims_spans_and_incident(live_server: LiveServer) -> None:
    doc = live_server.market_docs[0]
    with live_server.client() as client:
        body = client.get(f"/api/documents/{doc[:8]}").json()
        incident = client.get(f"/api/incidents/{body['incident']}").json()
    assert body["document"]["id"] == doc
    assert [c["count"]["low"] for c in body["claims"]] == [12]
    assert body["claims"][0]["source"]["speaker"] == "Farid Olan"
    assert doc in [d["id"] for d in incident["documents"]]


def test_api_script_report_is_returned_as_json_text(live_server: LiveServer) -> None:
    with live_server.client() as client:
        response = client.get(f"/api/documents/{live_server.script_doc}")
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    document = response.json()["document"]
    assert document["title"].endswith(SCRIPT)
    assert SCRIPT in document["text"]


def test_api_incident_detail_estimates_grade_sources_timeline(live_server: LiveServer) -> None:
    with live_server.client() as client:
        listed = client.get("/api/incidents", params={"admin1": "Nangarhar"}).json()["items"]
        assert len(listed) == 1
        incident = client.get(f"/api/incidents/{listed[0]['id']}").json()
    assert set(incident["estimates"]) == {"conservative", "range", "ucdp"}
    assert incident["estimates"]["range"]["civilians_killed"]["high"] == 17
    assert incident["estimates"]["conservative"]["civilians_killed"]["low"] == 12
    assert incident["grade"] == "fair" and incident["grade_reason"]
    assert incident["sources"] == len({c["source"] for c in incident["claims"] if c["used"]}) >= 3
    assert sorted(e["low"] for e in incident["timeline"] if e["outcome"] == "killed") == [12, 15, 17]
    assert {d["id"] for d in incident["documents"]} == set(live_server.market_docs)
    assert incident["place"]["name"] == "Jalalabad"


@pytest.mark.parametrize("params, places", [
    ({"grade": "contested"}, {"Kunduz"}),
    ({"q": "jalalabad"}, {"Jalalabad"}),
    ({"since": "2021-03-01", "until": "2021-04-30", "country": "AF"}, {"Jalalabad", "Kunduz"}),
    ({"country": "ZZ"}, set()),
])
def test_api_incidents_filters(live_server: LiveServer, params: dict[str, str], places: set[str]) -> None:
    with live_server.client() as client:
        items = client.get("/api/incidents", params={**params, "limit": 500}).json()["items"]
    assert {i["place_name"] for i in items} == places


def test_api_export_layouts_and_formats(live_server: LiveServer) -> None:
    with live_server.client() as client:
        acled = client.get("/api/export", params={"layout": "acled", "format": "csv"})
        geo = client.get("/api/export", params={"format": "geojson", "admin1": "Nangarhar"})
        ucdp = client.get("/api/export", params={"layout": "ucdp", "format": "json", "policy": "ucdp"})
    rows = list(csv.DictReader(io.StringIO(acled.text)))
    assert acled.headers["content-type"].startswith("text/csv")
    assert {"event_date", "fatalities", "notes"} <= set(rows[0])
    assert len(rows) == len(json.loads(ucdp.text))
    features = geo.json()["features"]
    assert len(features) == 1 and features[0]["geometry"]["type"] == "Point"


def _error(response: httpx.Response) -> dict[str, Any]:
    body = response.json()
    assert set(body) == {"error"}
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return dict(body["error"])


@pytest.mark.parametrize("method, path, kwargs, status, code", [
    ("GET", "/api/documents/nope-no-such-document", {}, 404, "not_found"),
    ("GET", "/api/incidents/Inothere", {}, 404, "not_found"),
    ("GET", "/api/nowhere", {}, 404, "not_found"),
    ("GET", "/api/documents", {"params": {"limit": 0}}, 422, "validation_error"),
    ("GET", "/api/incidents", {"params": {"grade": "excellent"}}, 422, "validation_error"),
    ("GET", "/api/documents", {"params": {"since": "yesterday"}}, 422, "validation_error"),
    ("GET", "/api/documents", {"params": {"after": "not-a-cursor"}}, 400, "bad_request"),
    ("GET", "/api/incidents", {"params": {"after": "bm90IGpzb24"}}, 400, "bad_request"),
    ("DELETE", "/api/documents", {}, 405, "method_not_allowed"),
    ("POST", "/api/login", {"content": b"{not json", "headers": {"content-type": "application/json"}}, 422,
     "validation_error"),
    ("POST", "/api/login", {"content": b"x" * 200_000}, 413, "payload_too_large"),
    ("POST", "/api/login", {"json": {"name": "nobody", "password": "wrong password"}}, 401, "unauthorized"),
])
def test_api_error_shape(live_server: LiveServer, method: str, path: str, kwargs: dict[str, Any], status: int,
                         code: str) -> None:
    with live_server.client() as client:
        response = client.request(method, path, **kwargs)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    assert _error(response)["code"] == code


def test_api_validation_error_names_the_field(live_server: LiveServer) -> None:
    with live_server.client() as client:
        error = _error(client.get("/api/claims", params={"outcome": "exploded"}))
    assert error["fields"][0]["location"] == "query.outcome"


def test_api_chunked_body_over_the_limit_is_refused(live_server: LiveServer) -> None:
    def chunks() -> Any:
        for _ in range(30):
            yield b"y" * 10_000

    with live_server.client() as client:
        response = client.post("/api/login", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert _error(response)["code"] == "payload_too_large"


def test_api_docs_work_offline(live_server: LiveServer) -> None:
    with live_server.client() as client:
        page = client.get("/docs")
        script = client.get("/docs-assets/swagger-ui-bundle.js")
        schema = client.get("/openapi.json").json()
    assert page.status_code == 200 and "/docs-assets/swagger-ui-bundle.js" in page.text
    assert "https://" not in page.text and "http://" not in page.text
    assert script.status_code == 200 and len(script.content) > 100_000
    assert {"/api/documents", "/api/incidents/{ref}/grade", "/api/export"} <= set(schema["paths"])
