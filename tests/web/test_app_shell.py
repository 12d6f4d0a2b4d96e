"""The bookkeeping pages' shell over real HTTP: login, organization access, the switcher, the
language toggle, the organization badge, and the security headers."""

from __future__ import annotations

from urllib.parse import quote

from tests.web.conftest import Site


def test_an_anonymous_visitor_is_sent_to_log_in_and_back(site: Site) -> None:
    path = f"/app/{site.world.pro_org}/overview"
    answer = site.browser.client.get(path)
    assert answer.status_code == 302
    assert answer.headers["location"] == f"/connect/login?return_to={quote(path, safe='')}"


def test_app_opens_the_first_organization_with_its_badge(site: Site) -> None:
    alice = site.logged_in_as(site.world.alice_email)
    chosen = alice.client.get("/app")
    assert chosen.status_code == 302
    assert chosen.headers["location"] == f"/app/{site.world.pro_org}/overview"
    page = alice.follow(chosen)
    assert page.status_code == 200
    assert 'class="organization-badge"' in page.text
    assert "Alice ApS" in page.text and f"ID {site.world.pro_org}" in page.text
    assert 'class="badge badge-pro"' in page.text
    assert "Bilagsoversigt" in page.text and "Kassekladde" in page.text
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-store"


def test_another_organization_is_refused_without_its_data(site: Site) -> None:
    alice = site.logged_in_as(site.world.alice_email)
    for organization in (str(site.world.other_org), "99999999", "abc"):
        refused = alice.client.get(f"/app/{organization}/overview")
        assert refused.status_code == 403, organization
        assert "Bob A/S" not in refused.text
        assert f"no access to organization {organization}" in refused.text
        assert f"/app/{site.world.pro_org}/overview" in refused.text  # her own, to choose


def test_the_switcher_moves_to_another_of_her_organizations(site: Site) -> None:
    alice = site.logged_in_as(site.world.alice_email)
    switched = alice.client.get("/app/switch", params={"organization": site.world.free_org})
    assert switched.headers["location"] == f"/app/{site.world.free_org}/overview"
    page = alice.follow(switched)
    assert "Alice Gratis" in page.text and "Uden Pro" in page.text
    assert alice.client.get("/app/switch", params={"organization": "x"}).status_code == 400


def test_the_language_toggle_switches_to_english_and_stays_on_this_server(site: Site) -> None:
    alice = site.logged_in_as(site.world.alice_email)
    path = f"/app/{site.world.pro_org}/overview"
    toggled = alice.client.get("/app/language", params={"to": "en", "next": path})
    assert toggled.status_code == 302 and toggled.headers["location"] == path
    english = alice.follow(toggled)
    assert "Front page" in english.text and 'lang="en"' in english.text
    away = alice.client.get("/app/language", params={"to": "da", "next": "//evil.example"})
    assert away.headers["location"] == "/app"
    assert alice.client.get("/app/language", params={"to": "fr"}).status_code == 400


def test_logging_out_ends_the_pages(site: Site) -> None:
    alice = site.logged_in_as(site.world.alice_email)
    page = alice.client.get(f"/app/{site.world.pro_org}/overview")
    token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    out = alice.client.post("/connect/logout", data={"csrf_token": token})
    assert out.status_code == 200
    assert alice.client.get(f"/app/{site.world.pro_org}/overview").status_code == 302
