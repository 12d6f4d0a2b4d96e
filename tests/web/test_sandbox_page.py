"""The portal's Sandbox page over real HTTP, logged in through the real login form: a form per
control, CSRF-checked, refusals shown on the page, and nothing at all outside sandbox mode."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from bilag.config import Settings
from bilag.identity.first_party import WEB_CLIENT_ID, web_application
from bilag.identity.sandbox import clock, faults
from bilag.storage.models import Membership, Organization, User
from tests.factories import make_world
from tests.web.browser import Browser, forms
from tests.web.conftest import PEPPER, Site

PAGE = "/developer/sandbox"


@pytest.fixture
def live_overrides() -> dict[str, object]:
    return {"sandbox": True}


def submit(browser: Browser, action: str, **values: str) -> Any:
    """Post the page's form for `action` with `values` filled in."""
    page = browser.client.get(PAGE)
    assert page.status_code == 200, page.text
    fields = forms(page.text)[f"{PAGE}/{action}"]
    fields.update(values)
    return browser.client.post(f"{PAGE}/{action}", data=fields)


def done(browser: Browser, answer: Any) -> str:
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"].startswith(f"{PAGE}?done=")
    shown = browser.follow(answer)
    assert shown.status_code == 200
    return str(shown.text)


def test_an_anonymous_visitor_is_sent_to_log_in(site: Site) -> None:
    answer = site.browser.client.get(PAGE)
    assert answer.status_code in (302, 303)
    assert answer.headers["location"].startswith("/connect/login")


def test_the_clock_and_faults_from_the_page(site: Site) -> None:
    alice = site.logged_in_as(site.world.alice_email)
    page = alice.client.get(PAGE)
    assert page.status_code == 200
    assert f'<option value="{site.world.client_id}">' in page.text
    assert 'aria-current="page"' in page.text and "Sandkasse" in page.text
    forged = alice.client.post(f"{PAGE}/clock/advance", data={"advance_seconds": "60"})
    assert forged.status_code == 403
    assert clock.read_offset(site.database) == 0

    shown = done(alice, submit(alice, "clock/advance", advance_seconds="120"))
    assert "Uret er flyttet." in shown and "120 sekunder foran" in shown
    assert clock.read_offset(site.database) == 120
    done(alice, submit(alice, "clock/reset"))
    assert clock.read_offset(site.database) == 0

    app = site.world.client_id  # the tiny browser reads inputs, not selects: choose it here
    shown = done(alice, submit(alice, "faults", client_id=app, kind="429", count="2",
                               retry_after="5"))  # fmt: skip
    assert "Fejlen er sat op." in shown and "Retry-After: 5" in shown
    refused = submit(alice, "faults", client_id=app, kind="slow", count="1", delay_ms="")
    assert refused.status_code == 400 and "a slow fault needs delay_ms" in refused.text
    assert [fault.remaining for fault in faults.list_faults(site.database)] == [2]
    done(alice, submit(alice, "faults/clear"))
    assert faults.list_faults(site.database) == []


def test_test_data_and_reset_from_the_page(site: Site) -> None:
    alice = site.logged_in_as(site.world.alice_email)
    made = submit(alice, "organizations", name="Websandkasse ApS", pro="on")
    organization_id = int(made.headers["location"].rsplit("id=", 1)[1])
    assert f"Organisation {organization_id} er oprettet." in done(alice, made)
    with site.database.read() as session:
        organization = session.get(Organization, organization_id)
        assert organization is not None and organization.is_pro
        owner = session.scalars(
            select(User.email)
            .join(Membership, Membership.user_id == User.id)
            .where(Membership.organization_id == organization_id)
        ).one()
    assert owner == site.world.alice_email

    done(alice, submit(alice, "users", email="web@example.com", name="W", password="long enough"))
    taken = submit(alice, "users", email="web@example.com", password="long enough")
    assert taken.status_code == 409 and "already exists" in taken.text

    unconfirmed = submit(alice, "reset", organization_id=str(site.world.pro_org), confirm="")
    assert unconfirmed.status_code == 400 and "tick the box" in unconfirmed.text
    other = submit(alice, "reset", organization_id=str(site.world.other_org), confirm="yes")
    assert other.status_code == 403 and "not a member" in other.text
    reset = submit(alice, "reset", organization_id=str(site.world.pro_org), confirm="yes")
    assert f"Organisation {site.world.pro_org} er nulstillet." in done(alice, reset)


def test_the_page_in_english(site: Site) -> None:
    alice = site.logged_in_as(site.world.alice_email)
    alice.client.get("/app/language", params={"to": "en", "next": PAGE})
    page = alice.client.get(PAGE)
    assert "Move the clock forward" in page.text and "Reset organization" in page.text


def test_without_sandbox_mode_there_is_no_page(client: TestClient, app: Any) -> None:
    services = app.state.services
    world = make_world(services.database, pepper=services.settings.secret_pepper)
    login = forms(client.get("/connect/login").text)["/connect/login"]
    login.update(email=world.alice_email, password=world.password)
    assert client.post("/connect/login", data=login, follow_redirects=False).status_code == 303
    assert client.get(PAGE).status_code == 404
    assert client.post(f"{PAGE}/clock/reset", data={}).status_code == 404
    assert "/developer/sandbox" not in client.get("/connect/debugger").text


def test_a_fault_armed_for_the_web_app_reaches_its_pages(site: Site) -> None:
    """As the browser tests do it: any user arms a 429 for the web app's own client over JSON."""
    with site.database.write() as session:
        web_application(session, Settings(secret_pepper=PEPPER))
    bob = base64.b64encode(f"{site.world.bob_email}:{site.world.password}".encode()).decode()
    armed = site.browser.client.post(
        "/sandbox/faults",
        json={"client_id": WEB_CLIENT_ID, "kind": "429", "count": 1},
        headers={"Authorization": f"Basic {bob}"},
    )
    assert armed.status_code == 201, armed.text
    alice = site.logged_in_as(site.world.alice_email)
    new_contact = f"/app/{site.world.pro_org}/contacts/new"
    form = forms(alice.client.get(new_contact).text)[new_contact]
    form.update(name="Ny Kunde ApS", country_key="DK")
    refused = alice.client.post(new_contact, data=form)
    assert refused.status_code == 429
    assert "API calls quota exceeded!" in refused.text
    assert alice.client.post(new_contact, data=form).status_code == 303
