"""The server-rendered pages against the real loopback server: each page, escaping, filters, paging, 404s,
login, and every review form (with and without a login, with a wrong CSRF token)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from typing import TypeAlias

import httpx
import lxml.html
import pytest
from conftest import ANALYST, FILLER_TOWNS, PASSWORD, READER, SCRIPT, LiveServer, running

from tollwatch.model import GRADES
from tollwatch.web import create_app

Page: TypeAlias = lxml.html.HtmlElement


def _page(response: httpx.Response, status: int = 200) -> Page:
    assert response.status_code == status, response.text[:800]
    assert response.headers["content-type"].startswith("text/html")
    return lxml.html.fromstring(response.text)


def _get(client: httpx.Client, path: str, status: int = 200, **params: str) -> Page:
    return _page(client.get(path, params=params), status)


def _incident_of(client: httpx.Client, document_id: str) -> str:
    [href] = _get(client, f"/documents/{document_id}").xpath('//a[starts-with(@href, "/incidents/")]/@href')
    return str(href).rsplit("/", 1)[1]


def _row_ids(page: Page) -> list[str]:
    return [str(i) for i in page.xpath("//tr[@data-incident]/@data-incident")]


def _first_incident(client: httpx.Client, q: str) -> str:
    ids = _row_ids(_get(client, "/", q=q))
    assert ids, f"no incident matches {q!r}"
    return ids[0]


def _login(client: httpx.Client, name: str = ANALYST, password: str = PASSWORD, next: str = "/") -> httpx.Response:
    [token] = _get(client, "/login").xpath('//form[@action="/login"]//input[@name="csrf_token"]/@value')
    return client.post("/login", data={"name": name, "password": password, "csrf_token": token, "next": next})


def _documents(page: Page) -> list[str]:
    """The incident's reports, from the links in its facts table."""
    links = page.xpath('//table[@class="facts"]//a[starts-with(@href, "/documents/")]/@href')
    return sorted(str(h).rsplit("/", 1)[1] for h in links)


def _error_text(response: httpx.Response) -> str:
    return str(lxml.html.fromstring(response.text).xpath('//p[@class="error"]')[0].text_content())


def _csrf(page: Page) -> str:
    return str(page.xpath('//input[@name="csrf_token"]/@value')[0])


def _review(client: httpx.Client, incident: str, action: str, **fields: str | list[str]) -> httpx.Response:
    token = _csrf(_get(client, f"/incidents/{incident}"))
    return client.post(f"/incidents/{incident}/review/{action}", data={"csrf_token": token, **fields})


def _audit(page: Page) -> list[list[str]]:
    return [[c.text_content().strip() for c in row.xpath("td")] for row in page.xpath('//table[@id="audit"]/tbody/tr')
            if row.get("class")]


# --- the incident list ------------------------------------------------------------------------------------


def test_pages_incident_list_renders_rows_and_map(live_server: LiveServer) -> None:
    with live_server.client() as client:
        response = client.get("/")
        page = _page(response)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    ids = _row_ids(page)
    assert len(ids) >= 3
    assert all(page.xpath(f'//a[@href="/incidents/{i}"]') for i in ids)
    [map_div] = page.xpath('//div[contains(@class, "map")][@data-source="incident-points"]')
    assert map_div.get("data-tiles") == ""  # no tile URL set: the outline basemap
    points = json.loads(page.xpath('//script[@id="incident-points"]')[0].text)
    assert points and {p["id"] for p in points} <= set(ids)
    by_toll = sorted(points, key=lambda p: p["killed"] or 0)
    assert [p["radius"] for p in by_toll] == sorted(p["radius"] for p in points)
    assert by_toll[-1]["radius"] > by_toll[0]["radius"]


def test_pages_static_assets_ship_with_their_licences(live_server: LiveServer) -> None:
    with live_server.client() as client:
        page = _get(client, "/")
        outline = client.get(page.xpath('//div[@data-outline]/@data-outline')[0])
        assets = [client.get(src) for src in page.xpath("//script/@src | //link[@rel='stylesheet']/@href")]
        licences = [client.get(f"/static/{p}/LICENSE") for p in ("leaflet", "topojson-client", "world-atlas")]
    assert outline.status_code == 200 and "countries" in outline.json()["objects"]
    assert len(assets) >= 4 and all(a.status_code == 200 and a.content for a in assets)
    assert all(r.status_code == 200 and ("Copyright" in r.text) for r in licences)


@pytest.mark.parametrize("params, check", [
    ({"q": "Jalalabad"}, lambda row: "Jalalabad" in row.text_content()),
    ({"since": "2021-03-01", "until": "2021-04-30"},
     lambda row: date(2021, 3, 1) <= date.fromisoformat(row.get("data-date")) <= date(2021, 4, 30)),
    ({"country": "af", "grade": "weak"}, lambda row: row.get("data-grade") == "weak" and "(AF)" in row.text_content()),
])
def test_pages_incident_list_filters(live_server: LiveServer, params: dict[str, str],
                                     check: Callable[[Page], bool]) -> None:
    with live_server.client() as client:
        everything = _row_ids(_get(client, "/", limit="500"))
        page = _page(client.get("/", params={"limit": "500", **params}))
    rows = page.xpath("//tr[@data-incident]")
    assert rows and len(rows) < len(everything)
    assert all(check(row) for row in rows)
    for name, value in params.items():  # the form shows the filters in force
        assert page.xpath(f'//form[@class="filters"]//*[@name="{name}"][@value="{value}"] | '
                          f'//form[@class="filters"]//select[@name="{name}"]/option[@selected][@value="{value}"]')


def test_pages_incident_list_no_match_and_bad_filter(live_server: LiveServer) -> None:
    with live_server.client() as client:
        none = _get(client, "/", country="ZZ")
        bad = _get(client, "/", 400, since="last tuesday")
        bad_cursor = _get(client, "/", 400, after="not-a-cursor")
    assert _row_ids(none) == [] and "No incidents match." in none.text_content()
    assert "last tuesday" in bad.xpath('//p[@class="error"]')[0].text_content()
    assert bad_cursor.xpath('//p[@class="error"]')


def test_pages_incident_list_pages_through_every_incident_once(live_server: LiveServer) -> None:
    with live_server.client() as client:
        everything = _row_ids(_get(client, "/", limit="500"))
        seen: list[str] = []
        url: str | None = "/?limit=7"
        while url is not None:
            page = _page(client.get(url))
            seen += _row_ids(page)
            found = page.xpath('//a[@rel="next"]/@href')
            url = str(found[0]) if found else None
            assert len(seen) <= len(everything)
    assert seen == everything and len(everything) > 7


# --- the incident page ------------------------------------------------------------------------------------


def test_pages_incident_page_shows_map_bars_timeline_sources_and_grade(live_server: LiveServer) -> None:
    with live_server.client() as client:
        incident = _incident_of(client, live_server.market_docs[0])
        page = _get(client, f"/incidents/{incident}")
    [point] = json.loads(page.xpath('//script[@id="place-point"]')[0].text)
    assert point["id"] == incident and point["lat"] is not None
    bars = page.xpath('//div[@class="bars"]/div[@data-policy]')
    assert {(b.get("data-outcome"), b.get("data-policy")) for b in bars} == {
        (o, p) for o in ("killed", "civilians_killed", "injured") for p in ("conservative", "range", "ucdp")}
    killed = page.xpath('//div[@data-outcome="killed"][@data-policy="range"]')[0]
    assert re.search(r"\d+ / \d+ / \d+", killed.text_content())
    claims = page.xpath('//svg[@class="timeline"]/g')
    assert len(claims) >= 3
    assert all(re.match(r"2021-03-1[456]: ", g.xpath("title")[0].text) for g in claims)
    links = page.xpath('//table[@class="sources"]//a/@href')
    assert links and all(re.fullmatch(rf"/documents/({'|'.join(live_server.market_docs)})#claim-\d+-\d+", h)
                         for h in links)
    assert page.xpath('//span[@id="grade"]')[0].text in GRADES
    assert page.xpath('//span[@id="grade-reason"]')[0].text.strip()
    assert not page.xpath('//form[contains(@action, "/review/")]')  # no review forms without a login
    assert page.xpath('//a[starts-with(@href, "/login?next=")]')


def test_pages_source_link_lands_on_the_highlighted_claim(live_server: LiveServer) -> None:
    with live_server.client() as client:
        incident = _page(client.get(f"/incidents/{_incident_of(client, live_server.market_docs[1])}"))
        link = incident.xpath('//table[@class="sources"]//a')[0]
        path, anchor = link.get("href").split("#")
        document = _get(client, path)
    [start] = document.xpath(f'//span[@id="{anchor}"]')
    index = start.get("data-claim")
    marked = "".join(m.text_content() for m in document.xpath("//mark")
                     if index in m.get("data-claims").split())
    assert f"“{marked}”" == link.text_content()


def test_pages_unknown_incident_and_document_are_404_pages(live_server: LiveServer) -> None:
    with live_server.client() as client:
        incident = _get(client, "/incidents/Inothing00000", 404)
        document = _get(client, "/documents/no-such-document", 404)
    assert "No such incident" in incident.text_content()
    assert "No such document" in document.text_content()


# --- the document page ------------------------------------------------------------------------------------


def test_pages_document_marks_every_claim_at_its_span(live_server: LiveServer) -> None:
    with live_server.client() as client:
        doc = live_server.market_docs[0]
        page = _get(client, f"/documents/{doc}")
        claims = client.get(f"/api/documents/{doc}").json()["claims"]
    text = page.xpath('//div[@id="text"]')[0].text_content()
    assert claims
    for i, claim in enumerate(claims):
        start, end = claim["span"]
        marked = "".join(m.text_content() for m in page.xpath("//mark") if str(i) in m.get("data-claims").split())
        assert marked == text[start:end] == claim["evidence"]
        assert page.xpath(f'//details[@id="fields-{i}"]//dd')[-1].text_content() == f"“{claim['evidence']}”"


def test_pages_escape_report_text(live_server: LiveServer) -> None:
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    with live_server.client() as client:
        document = client.get(f"/documents/{live_server.script_doc}")
        incident = client.get(f"/incidents/{_incident_of(client, live_server.script_doc)}")
        listing = client.get("/", params={"q": "Herat"})
    for response in (document, incident):
        assert response.status_code == 200
        assert SCRIPT not in response.text
    assert document.text.count(escaped) >= 3  # the <title>, the heading and the report text
    assert escaped in incident.text  # the report's title among the incident's reports
    for response in (document, incident, listing):
        # The only scripts are the shipped files and JSON data blocks.
        page = lxml.html.fromstring(response.text)
        assert all(s.get("src") or s.get("type") == "application/json" for s in page.xpath("//script"))


# --- login and review -------------------------------------------------------------------------------------


def test_pages_login_wrong_password_then_right_one(live_server: LiveServer) -> None:
    with live_server.client() as client:
        wrong = _login(client, password="not the password")
        assert wrong.status_code == 401 and "Wrong name or password." in wrong.text
        right = _login(client, next="/incidents")
        assert right.status_code == 303 and right.headers["location"] == "/incidents"
        assert ANALYST in _get(client, "/").xpath('//header//strong')[0].text
        out = client.post("/logout", data={"csrf_token": _csrf(_get(client, "/logout"))})
        assert out.status_code == 303
        assert _get(client, "/").xpath('//header//a[@href="/login"]')


def test_pages_start_a_session_only_for_a_form(live_server: LiveServer) -> None:
    with live_server.client() as client:
        listing = client.get("/")
        login = client.get("/login")
    assert listing.status_code == 200 and "set-cookie" not in listing.headers
    assert login.status_code == 200 and "tollwatch_session=" in login.headers["set-cookie"]
    assert _csrf(lxml.html.fromstring(login.text))


def test_pages_login_without_the_form_token_is_refused(live_server: LiveServer) -> None:
    with live_server.client() as client:
        forged = client.post("/login", data={"name": ANALYST, "password": PASSWORD, "csrf_token": "forged"})
        assert forged.status_code == 403 and "Form expired" in forged.text
        assert _get(client, "/").xpath('//header//a[@href="/login"]')  # still logged out


@pytest.mark.parametrize("next", ["//elsewhere.example/x", "https://elsewhere.example/", "/\\elsewhere.example"])
def test_pages_login_redirects_only_within_the_site(live_server: LiveServer, next: str) -> None:
    with live_server.client() as client:
        response = _login(client, next=next)
    assert response.status_code == 303 and response.headers["location"] == "/"


def test_pages_review_is_refused_without_an_analyst_or_a_csrf_token(live_server: LiveServer) -> None:
    with live_server.client() as client:
        incident = _first_incident(client, FILLER_TOWNS[2])
        before = _audit(_get(client, f"/incidents/{incident}"))
        token = _csrf(_get(client, "/login"))  # an anonymous session has a token, but no analyst
        anonymous = client.post(f"/incidents/{incident}/review/grade",
                                data={"csrf_token": token, "grade": "discounted", "reason": "anonymous"})
        assert _login(client, READER).status_code == 303
        reader = _review(client, incident, "grade", grade="discounted", reason="reader")
    with live_server.client() as client:
        _login(client)
        forged = client.post(f"/incidents/{incident}/review/grade",
                             data={"csrf_token": "forged", "grade": "discounted", "reason": "forged"})
        missing = client.post(f"/incidents/{incident}/review/grade", data={"grade": "discounted", "reason": "x"})
        after = _audit(_get(client, f"/incidents/{incident}"))
    assert (anonymous.status_code, reader.status_code, forged.status_code, missing.status_code) == (401, 403, 403, 403)
    assert after == before


def test_pages_analyst_sets_grade_adds_note_and_undoes_it(live_server: LiveServer) -> None:
    with live_server.client() as client:
        _login(client)
        incident = _first_incident(client, FILLER_TOWNS[1])
        graded = _review(client, incident, "grade", grade="discounted", reason="photos are from another year")
        assert graded.status_code == 303
        assert graded.headers["location"] == f"/incidents/{incident}?done=grade"
        noted = _review(client, incident, "note", text="ask the <b>UN</b> mission", reason="follow-up")
        page = _page(client.get(noted.headers["location"]))
        assert page.xpath('//span[@id="grade"]')[0].text == "discounted"
        assert page.xpath('//span[@id="grade-reason"]')[0].text == f"set by {ANALYST}: photos are from another year"
        assert "ask the <b>UN</b> mission" in page.xpath('//ul[@class="notes"]')[0].text_content()
        entries = _audit(page)
        assert [e[2:4] for e in entries[-2:]] == [[ANALYST, "grade: discounted"], [ANALYST, "note: ask the <b>UN</b> mission"]]
        number = entries[-2][0]
        undone = _review(client, incident, "undo", decision=number, reason="wrong incident")
        page = _page(client.get(undone.headers["location"]))
    assert page.xpath('//span[@id="grade"]')[0].text != "discounted"
    [row] = page.xpath(f'//table[@id="audit"]/tbody/tr[td[1]="{number}"]')
    assert row.get("class") == "undone" and f"by {ANALYST}" in row.text_content()


def test_pages_analyst_rejects_a_claim_and_the_estimate_drops_it(live_server: LiveServer) -> None:
    with live_server.client() as client:
        _login(client)
        incident = _first_incident(client, FILLER_TOWNS[3])
        page = _get(client, f"/incidents/{incident}")
        [claim] = page.xpath('//form[contains(@action, "/review/claim")]//option/@value')[:1]
        done = _review(client, incident, "claim", claim=claim, verdict="reject", reason="figure from another attack")
        page = _page(client.get(done.headers["location"]))
        refused = _review(client, incident, "claim", claim="elsewhere:1-2", verdict="reject", reason="not here")
    assert page.xpath('//table[@class="sources"]/tbody/tr')[0].get("class") == "unused"
    assert "rejected" in page.xpath('//table[@class="sources"]/tbody/tr')[0].text_content()
    assert refused.status_code == 400
    assert "has no claim 'elsewhere:1-2'" in _error_text(refused)


def test_pages_analyst_merges_splits_and_moves(live_server: LiveServer) -> None:
    with live_server.client() as client:
        _login(client)
        a, b = _first_incident(client, FILLER_TOWNS[4]), _first_incident(client, FILLER_TOWNS[5])
        [doc_a], [doc_b] = (_documents(_get(client, f"/incidents/{i}")) for i in (a, b))
        merged = _review(client, a, "merge", other=b, reason="one attack reported under two towns")
        assert merged.status_code == 303
        here = merged.headers["location"].split("?")[0].rsplit("/", 1)[1]
        assert _documents(_get(client, f"/incidents/{here}")) == sorted([doc_a, doc_b])
        split = _review(client, here, "split", documents=[doc_b], reason="two attacks after all")
        assert split.status_code == 303
        assert _incident_of(client, doc_b) != _incident_of(client, doc_a)
        moved = _review(client, _incident_of(client, doc_a), "move", document=doc_b, reason="same attack")
        assert moved.status_code == 303
        assert _incident_of(client, doc_b) == _incident_of(client, doc_a)
        bad = _review(client, _incident_of(client, doc_a), "merge", other="Ino-such-incident", reason="typo")
        log = _audit(_get(client, f"/incidents/{_incident_of(client, doc_a)}"))
    assert bad.status_code == 400 and "no incident 'Ino-such-incident'" in _error_text(bad)
    assert [e[3].split(":")[0] for e in log[-3:]] == ["merge", "split", "move"]


# --- settings ---------------------------------------------------------------------------------------------


def test_pages_tile_url_setting_reaches_the_map_and_the_csp(live_server: LiveServer) -> None:
    settings = live_server.settings.with_(web_tile_url="https://{s}.tiles.example.org/{z}/{x}/{y}.png",
                                          web_tile_attribution="<b>Example</b> tiles")
    with running(create_app(settings, str(live_server.db))) as url, httpx.Client(base_url=url) as client:
        response = client.get("/")
    [map_div] = _page(response).xpath('//div[@data-source="incident-points"]')
    assert map_div.get("data-tiles") == "https://{s}.tiles.example.org/{z}/{x}/{y}.png"
    assert map_div.get("data-attribution") == "<b>Example</b> tiles"
    assert "img-src 'self' data: https://*.tiles.example.org;" in response.headers["content-security-policy"]


def test_pages_private_setting_sends_visitors_to_the_login_form(live_server: LiveServer) -> None:
    settings = live_server.settings.with_(web_public=False)
    with running(create_app(settings, str(live_server.db))) as url, httpx.Client(base_url=url) as client:
        responses = [client.get(p) for p in ("/", f"/documents/{live_server.script_doc}")]
        form = client.get("/login")
    assert [(r.status_code, r.headers["location"].split("?")[0]) for r in responses] == [(303, "/login")] * 2
    assert responses[1].headers["location"] == f"/login?next=%2Fdocuments%2F{live_server.script_doc}"
    assert form.status_code == 200
