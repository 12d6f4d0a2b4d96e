"""The Debugger in the developer portal over real HTTP: API and token refusals in the owner's
list, one failure's detail (what failed, the request as received, the fix), the filter by
application and the paste box; nobody else sees them."""

from __future__ import annotations

import httpx

from tests.web.api_calls import api, bearer
from tests.web.conftest import Site


def _refused_api_call(site: Site) -> tuple[str, str]:
    """A 401 for an organization Alice cannot reach; returns (error id, token)."""
    headers = bearer(site)
    with api(site) as http:
        answer = http.get(f"/v1/{site.world.other_org}/contacts?page=0", headers=headers)
    assert answer.status_code == 401
    return answer.headers["x-bilag-error-id"], headers["Authorization"].split()[1]


def _refused_token_request(site: Site) -> str:
    form = {
        "grant_type": "authorization_code",
        "code": "made-up-code",
        "redirect_uri": site.world.redirect_uri,
        "client_id": site.world.client_id,
        "client_secret": site.world.client_secret,
    }
    answer = httpx.post(f"{site.base_url}/connect/token", data=form)
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_grant"
    return answer.headers["x-bilag-error-id"]


def test_the_owner_lists_api_and_token_refusals_newest_first(site: Site) -> None:
    api_error, _token = _refused_api_call(site)
    token_error = _refused_token_request(site)
    alice = site.logged_in_as(site.world.alice_email)
    listing = alice.client.get("/connect/debugger")
    assert listing.status_code == 200
    html = listing.text
    assert html.index(token_error) < html.index(api_error)  # newest first
    assert f'href="/connect/debugger?errorId={api_error}"' in html
    assert "API-kald 401" in html and "Token 400" in html
    assert 'aria-current="page">Debugger' in html  # inside the portal's shell
    mine = alice.client.get("/connect/debugger", params={"client": site.world.client_id})
    assert api_error in mine.text
    assert f'href="/developer/applications/{site.world.client_id}/usage"' in mine.text
    other = alice.client.get("/connect/debugger", params={"client": "isv_someone_else"})
    assert api_error not in other.text and token_error not in other.text


def test_a_failure_opens_with_cause_request_and_fix(site: Site) -> None:
    error_id, token = _refused_api_call(site)
    alice = site.logged_in_as(site.world.alice_email)
    alice.client.get("/app/language", params={"to": "en", "next": "/connect/debugger"})
    detail = alice.client.get("/connect/debugger", params={"errorId": error_id})
    assert detail.status_code == 200
    html = detail.text
    assert f'id="failure-{error_id}"' in html
    assert "What failed and why" in html and "How to fix it" in html
    assert "another Visma profile" in html  # the FAQ's 401
    assert f"GET /v1/{site.world.other_org}/contacts?page=0" in html  # as it was received
    assert f"Bearer {token[:6]}…" in html and token not in html
    assert "/v1/organizations" in html  # the fix: let the user pick from the list


def test_the_paste_box_and_an_unknown_id(site: Site) -> None:
    alice = site.logged_in_as(site.world.alice_email)
    page = alice.client.get("/connect/debugger")
    assert '<label for="errorId">Fejl-id</label>' in page.text
    missing = alice.client.get("/connect/debugger", params={"errorId": "0" * 20})
    assert missing.status_code == 404 and "0" * 20 in missing.text
    too_long = alice.client.get("/connect/debugger", params={"errorId": "x" * 200})
    assert too_long.status_code == 400


def test_another_owner_sees_none_of_it(site: Site) -> None:
    api_error, _token = _refused_api_call(site)
    token_error = _refused_token_request(site)
    bob = site.logged_in_as(site.world.bob_email)
    listing = bob.client.get("/connect/debugger")
    assert api_error not in listing.text and token_error not in listing.text
    for error_id in (api_error, token_error):
        lookup = bob.client.get("/connect/debugger", params={"errorId": error_id})
        assert lookup.status_code == 404 and "contacts" not in lookup.text
    public = httpx.get(f"{site.base_url}/connect/error", params={"errorId": api_error})
    assert public.status_code == 404  # the public error page is for authorizations only


def test_the_pages_texts_exist_in_both_languages_and_leave_the_shells_alone() -> None:
    from bilag.web.debugger_texts import DEBUGGER_TEXTS
    from bilag.web.shell_texts import SHELL_TEXTS
    from bilag.web.usage_texts import USAGE_TEXTS

    for texts in (DEBUGGER_TEXTS, USAGE_TEXTS):
        assert set(texts["da"]) == set(texts["en"])
        assert not set(texts["da"]) & set(SHELL_TEXTS["da"])
