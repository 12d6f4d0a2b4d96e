"""The usage page over real HTTP: the owner's chart of calls per hour and status class with its
table, the budget used this minute, the pile-up warning; 404 for anyone else."""

from __future__ import annotations

import re

from tests.web.api_calls import api, bearer, until
from tests.web.conftest import Site


def _usage_path(site: Site, client_id: str | None = None) -> str:
    return f"/developer/applications/{client_id or site.world.client_id}/usage"


def _cell(html: str, organization_id: int, status: str) -> int:
    """The table's total for `status` in the organization's section."""
    section = html.split(f'id="usage-{organization_id}"', 1)[1].split("</section>", 1)[0]
    foot = section.split("<tfoot>", 1)[1]
    statuses = re.findall(r'<th scope="col" class="num">([^<]+)</th>', section)
    figures = re.findall(r'<td class="num">(\d+)</td>', foot)
    return int(figures[statuses.index(status)])


def test_the_owner_sees_calls_per_hour_with_the_429s_and_the_budget(site: Site) -> None:
    world = site.world
    headers = bearer(site)
    with api(site) as http:
        path = f"/v1/{world.pro_org}/contacts"
        answers = [http.get(path, headers=headers).status_code for _ in range(102)]
        assert answers.count(200) == 100 and answers.count(429) == 2
        assert http.get(f"/v1/{world.free_org}/contacts", headers=headers).status_code == 403
        alice = site.logged_in_as(world.alice_email)

        def shows_all() -> bool:
            html = alice.client.get(_usage_path(site)).text
            sections = all(f'id="usage-{org}"' in html for org in (world.pro_org, world.free_org))
            return sections and _cell(html, world.pro_org, "429") == 2

        until(shows_all, lambda: http.get("/v1/organizations", headers=headers))
    page = alice.client.get(_usage_path(site))
    assert page.status_code == 200
    html = page.text
    assert _cell(html, world.pro_org, "2xx") == 100
    assert _cell(html, world.free_org, "403") == 1
    assert 'class="bar status-429"' in html and 'role="img"' in html
    assert "<caption>" in html  # the chart's text alternative
    assert re.search(r'<span class="used">100</span> af 100', html)  # this minute, pro org
    assert re.search(r'<span class="used">1</span> af 100', html)  # the free org's one call
    assert "pile-up-warning" not in html
    assert "Forbrug: Test Integration" in html


def test_a_pile_up_of_401s_shows_the_warning(site: Site) -> None:
    headers = bearer(site)
    alice = site.logged_in_as(site.world.alice_email)
    with api(site) as http:
        for _ in range(21):
            assert (
                http.get(f"/v1/{site.world.other_org}/contacts", headers=headers).status_code == 401
            )

        def warns() -> bool:
            return "pile-up-warning" in alice.client.get(_usage_path(site)).text

        until(warns, lambda: http.get("/v1/organizations", headers=headers))
    html = alice.client.get(_usage_path(site)).text
    assert "Dinero kan skride ind" in html
    assert f"/connect/debugger?client={site.world.client_id}" in html


def test_nobody_else_sees_the_usage(site: Site) -> None:
    bob = site.logged_in_as(site.world.bob_email)
    refused = bob.client.get(_usage_path(site))
    assert refused.status_code == 404
    assert "Test Integration" not in refused.text
    alice = site.logged_in_as(site.world.alice_email)
    assert alice.client.get(_usage_path(site, "isv_nobody")).status_code == 404
    assert alice.client.get(_usage_path(site, "x" * 300)).status_code == 404
    anonymous = site.browser.client.get(_usage_path(site))
    assert anonymous.status_code == 302 and "/connect/login" in anonymous.headers["location"]
