"""Two processes share one FileTokenStore against a server with one-time refresh tokens and
replay detection. Every call needs a refresh (tokens live 0 s), some answers are lost on the way,
and still no refresh token is ever presented after it was consumed."""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from bilag.client import Client, Endpoints, FileTokenStore, OAuthCredentials
from tests.client.fake_dinero import APP, FakeDinero, json_route

CALLS_PER_PROCESS = 12


def _serve(dinero: FakeDinero) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            request = httpx.Request(
                self.command,
                f"http://{self.headers['Host']}{self.path}",
                headers=dict(self.headers),
                content=self.rfile.read(length),
            )
            try:
                response = dinero.handle(request)
            except httpx.ReadError:
                self.close_connection = True  # the token was consumed; the answer is lost
                return
            self.send_response(response.status_code)
            for name, value in response.headers.items():
                if name.lower() not in ("content-length", "connection"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(response.content)))
            self.end_headers()
            self.wfile.write(response.content)

        do_GET = do_POST = _handle

        def log_message(self, format: str, *args: object) -> None:
            return None

    return Handler


@pytest.fixture
def server() -> Iterator[tuple[str, FakeDinero]]:
    dinero = FakeDinero(expires_in=0, fail_next_refresh_answers=3)
    dinero.routes[("GET", "/v1/organizations")] = json_route([{"id": 7, "isPro": True}])
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _serve(dinero))
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", dinero
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def call_repeatedly(base_url: str, token_file: str, results: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    credentials = OAuthCredentials(
        APP, FileTokenStore(token_file), endpoints=Endpoints.single_origin(base_url)
    )
    done = 0
    with Client(credentials, sleep=lambda _seconds: None) as client:
        for _ in range(CALLS_PER_PROCESS):
            if client.organizations()[0].id == 7:
                done += 1
    results.put(done)


def test_two_processes_never_present_a_consumed_refresh_token(
    server: tuple[str, FakeDinero], tmp_path: Path
) -> None:
    base_url, dinero = server
    store = FileTokenStore(tmp_path / "tokens.json")
    store.save(dinero.issue())
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    workers = [
        context.Process(target=call_repeatedly, args=(base_url, str(store.path), results))
        for _ in range(2)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [worker.exitcode for worker in workers] == [0, 0]
    assert sorted(results.get(timeout=5) for _ in workers) == [CALLS_PER_PROCESS] * 2
    assert dinero.replays == 0 and dinero.fail_next_refresh_answers == 0  # all 3 were lost
    # At least one refresh a call; one more when the other process's refresh made a fresh
    # access token stale before its call arrived (the server ends old access tokens).
    assert dinero.refreshes >= 2 * CALLS_PER_PROCESS
    stored = store.load()
    assert stored is not None and stored.refresh_started_at is None
