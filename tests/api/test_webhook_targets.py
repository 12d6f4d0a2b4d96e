"""Webhooks reach public addresses only, unless private targets are allowed (or in sandbox mode)."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from bilag.app import create_app
from bilag.config import Settings
from bilag.identity.webhooks import HttpxSender, RefusedTarget, literal_refusal, public_address
from bilag.identity.webhooks import targets as targets_module
from bilag.identity.webhooks.targets import is_public
from tests.api.conftest import Minter
from tests.factories import make_world
from tests.functional.receiver import webhook_receiver

BODY = b'{"EventId": "ContactChanged"}'


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "100.64.0.1"]
    + ["0.0.0.0", "224.0.0.1", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::"],
)
def test_private_loopback_and_special_addresses_are_not_public(address: str) -> None:
    assert not is_public(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:4700:4700::1111", "8.8.8.8"])
def test_public_addresses_are_public(address: str) -> None:
    assert is_public(address)


def test_hosts_that_need_no_lookup_are_judged_at_once() -> None:
    assert literal_refusal("localhost") == "localhost is this machine"
    assert literal_refusal("hooks.localhost") is not None
    assert literal_refusal("LOCALHOST.") is not None
    assert literal_refusal("[::1]") == "[::1] is not a public address"
    assert literal_refusal("10.0.0.7") == "10.0.0.7 is not a public address"
    assert literal_refusal("93.184.216.34") is None
    assert literal_refusal("hooks.example.com") is None  # resolved only when sending


def test_a_name_must_resolve_to_public_addresses_only() -> None:
    answers = {"ok.example": ["93.184.216.34"], "mixed.example": ["93.184.216.34", "10.0.0.1"]}

    def resolver(host: str, port: int) -> list[str]:
        if host not in answers:
            raise OSError("Name or service not known")
        return answers[host]

    assert public_address("ok.example", 443, resolver) == "93.184.216.34"
    with pytest.raises(RefusedTarget, match=r"mixed.example resolves to 10.0.0.1"):
        public_address("mixed.example", 443, resolver)
    with pytest.raises(RefusedTarget, match="could not be resolved"):
        public_address("nowhere.example", 443, resolver)
    with pytest.raises(RefusedTarget, match="this machine"):
        public_address("localhost", 80, resolver)


def test_the_sender_refuses_a_private_receiver_and_sends_it_nothing() -> None:
    sender = HttpxSender(timeout=5, resolver=lambda host, port: ["127.0.0.1"])
    try:
        with webhook_receiver() as receiver:
            by_address = sender.send(receiver.url, BODY, {})
            by_name = sender.send(receiver.url.replace("127.0.0.1", "hooks.example"), BODY, {})
            assert receiver.received == []
    finally:
        sender.close()
    assert by_address.status_code is None and not by_address.delivered
    assert by_address.error == "Refused: 127.0.0.1 is not a public address"
    assert by_name.error == "Refused: hooks.example resolves to 127.0.0.1, not a public address"


def test_the_sender_connects_to_the_address_it_checked_and_names_the_host(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The resolved address is used as it was checked; the URL's host goes in `Host` (and in
    SNI for https). Here the receiver's loopback address stands in for a public one."""
    monkeypatch.setattr(targets_module, "is_public", lambda address: True)
    looked_up: list[tuple[str, int]] = []

    def resolver(host: str, port: int) -> list[str]:
        looked_up.append((host, port))
        return ["127.0.0.1"]

    sender = HttpxSender(timeout=5, resolver=resolver)
    try:
        with webhook_receiver() as receiver:
            port = receiver.url.split(":")[2].split("/")[0]
            result = sender.send(f"http://hooks.example:{port}/hook", BODY, {"X-Test": "1"})
            received = receiver.wait_for(1)
    finally:
        sender.close()
    assert result.delivered
    assert looked_up == [("hooks.example", int(port))]
    assert received[0].headers["host"] == f"hooks.example:{port}"
    assert received[0].body == BODY and received[0].headers["x-test"] == "1"


def _app(tmp_path: Path, sqlite_url: str, **options: object) -> TestClient:
    settings = Settings.from_env(
        env={}, database_url=sqlite_url, base_url="http://testserver", files_dir=tmp_path, **options
    )
    return TestClient(create_app(settings), base_url="http://testserver")


@pytest.mark.parametrize(
    ("options", "private_allowed"),
    [({}, False), ({"sandbox": True}, True), ({"webhook_private_targets": True}, True)],
)
def test_subscriptions_to_this_machine_or_a_private_address_are_refused_outside_the_sandbox(
    tmp_path: Path, sqlite_url: str, options: dict[str, object], private_allowed: bool
) -> None:
    with _app(tmp_path, sqlite_url, **options) as api:
        app = api.app
        services = app.state.services  # type: ignore[attr-defined]
        world = make_world(services.database, pepper=services.settings.secret_pepper)
        alice = Minter(services.database, services.keys, services.settings, world).headers()
        url = f"/v1/{world.pro_org}/webhooks/subscribe"
        for uri in ("http://127.0.0.1:9000/hook", "http://localhost/hook", "http://[::1]/h"):
            answer = api.post(url, json={"Uri": uri, "EventId": "ContactChanged"}, headers=alice)
            if private_allowed:
                assert answer.status_code == 200, answer.text
            else:
                assert answer.status_code == 400, answer.text
                assert "Uri must reach a public address" in answer.json()["validationErrors"]["Uri"]
        public = {"Uri": "https://hooks.example.com/bilag", "EventId": "ContactChanged"}
        assert api.post(url, json=public, headers=alice).status_code == 200
        worker = app.state.webhook_worker  # type: ignore[attr-defined]
        assert worker.dispatcher.sender.private_targets is private_allowed
