"""The new-application form: every field checked, each problem named, values kept."""

from __future__ import annotations

import pytest

from bilag.web.application_form import read_application_form
from bilag.web.applications_texts import TEXTS

GOOD = {
    "name": ["Webshop Sync"],
    "app_type": ["web"],
    "redirect_uris": ["https://shop.example/cb\r\n\r\nhttp://127.0.0.1:8000/cb\n"],
    "scopes": ["dineropublicapi:read", "dineropublicapi:write"],
    "offline_access": ["on"],
    "refresh_token_usage": ["reuse"],
    "refresh_token_lifetime_days": ["90"],
    "refresh_grace_seconds": ["10"],
}


def test_a_good_form_makes_a_draft_with_offline_access_as_a_scope() -> None:
    form, draft = read_application_form(GOOD, TEXTS["en"])
    assert form.errors == {} and draft is not None
    assert draft.redirect_uris == ["https://shop.example/cb", "http://127.0.0.1:8000/cb"]
    assert draft.scopes == ["dineropublicapi:read", "dineropublicapi:write", "offline_access"]
    assert (draft.refresh_token_usage, draft.refresh_token_lifetime_days) == ("reuse", 90)
    assert draft.refresh_grace_seconds == 10


def test_an_empty_grace_period_means_the_servers_default() -> None:
    fields = {**GOOD, "refresh_grace_seconds": [""], "offline_access": []}
    _, draft = read_application_form(fields, TEXTS["da"])
    assert draft is not None and draft.refresh_grace_seconds is None
    assert "offline_access" not in draft.scopes and not draft.offline_access


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": ["  "]}, "name"),
        ({"name": ["x" * 201]}, "name"),
        ({"app_type": ["spa"]}, "app_type"),
        ({"redirect_uris": ["http://shop.example/cb"]}, "redirect_uris"),
        ({"redirect_uris": [""]}, "redirect_uris"),
        ({"scopes": []}, "scopes"),
        ({"scopes": ["dineropublicapi:admin"]}, "scopes"),
        ({"app_type": ["service"]}, "offline_access"),
        ({"refresh_token_usage": ["sometimes"]}, "refresh_token_usage"),
        ({"refresh_token_lifetime_days": ["366"]}, "refresh_token_lifetime_days"),
        ({"refresh_token_lifetime_days": ["-1"]}, "refresh_token_lifetime_days"),
        ({"refresh_token_lifetime_days": ["٣"]}, "refresh_token_lifetime_days"),
        ({"refresh_grace_seconds": ["3"]}, "refresh_grace_seconds"),
        ({"refresh_grace_seconds": ["61"]}, "refresh_grace_seconds"),
        ({"refresh_grace_seconds": ["ten"]}, "refresh_grace_seconds"),
    ],
)
def test_each_problem_is_named_on_its_field(change: dict, field: str) -> None:
    form, draft = read_application_form({**GOOD, **change}, TEXTS["en"])
    assert draft is None
    assert list(form.errors) == [field]
    assert form.name == GOOD["name"][0] or field == "name"


def test_every_problem_at_once_in_danish() -> None:
    form, draft = read_application_form({"app_type": ["service"]}, TEXTS["da"])
    assert draft is None
    assert set(form.errors) == {
        "name",
        "scopes",
        "refresh_token_usage",
        "refresh_token_lifetime_days",
    }
    assert form.errors["name"] == "Giv applikationen et navn."


def test_service_applications_need_no_redirect_uri() -> None:
    fields = {**GOOD, "app_type": ["service"], "redirect_uris": [""], "offline_access": []}
    _, draft = read_application_form(fields, TEXTS["en"])
    assert draft is not None and draft.redirect_uris == []
